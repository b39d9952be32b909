"""A letter's recipient address block survives cleaning, so the recipient answers for the letter's
"you" asks when the salutation names only a person ("Dear Ms ..."). Before, ingest dropped the
block as a run of short lines (a menu), leaving "you" with no one.

The letter in ``tests/recs/kinds5`` and the two short texts below were written for the tests
(invented bodies); none is copied from a real document or an evaluation set."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.library.cleaning import clean
from bot.library.ingest import ingest
from bot.library.store import open_db
from bot.recs.tracker import list_recommendations

LETTER = Path(__file__).parent / "kinds5" / "letter-committee-to-water-regulator.txt"

ADDRESS = "Mr Tom Pell\nDirector\nCanal Towpath Trust\n4 Lock Lane\nLeeds LS1 4AB"


def test_an_address_block_above_a_salutation_is_kept():
    text = f"{ADDRESS}\n\n12 May 2025\n\nDear Mr Pell,\n\nWe suggest that you publish the survey."
    removed: list = []
    cleaned = clean(text, removed).text
    assert "Canal Towpath Trust" in cleaned and "4 Lock Lane" in cleaned
    assert not [step for step, _line in removed if step == "navigation block"]


def test_the_same_short_lines_with_no_salutation_are_still_a_menu():
    text = f"{ADDRESS}\n\nThe trust looks after two hundred miles of canal towpaths in the north."
    removed: list = []
    cleaned = clean(text, removed).text
    assert "Canal Towpath Trust" not in cleaned
    assert ("navigation block", "Canal Towpath Trust") in removed


def test_a_salutation_three_blocks_on_does_not_save_a_menu():
    body = "A paragraph of two lines\nthat reads as prose."
    text = f"{ADDRESS}\n\n{body}\n\nDear Mr Pell,\n\nThank you for your letter."
    assert "Canal Towpath Trust" not in clean(text).text


def test_an_ingested_letters_you_asks_name_the_organisation_in_its_address(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(LETTER, docs / LETTER.name)
    db = open_db(tmp_path / "store.db")
    assert not ingest(db, [docs]).failed
    recs = list_recommendations(db)
    asks = [r for r in recs if " ".join(r.text.split()).startswith("We suggest that you publish")]
    assert len(asks) == 1
    assert asks[0].addressees == ["Office of Water Standards"]
    db.conn.close()
