"""Round 11's leftovers in recommendation extraction (round 12): a letter's "I expect the force
to ...", recurring and event deadlines ("each quarter", "annually", "before it is published",
"before every change to ..."), a letter's address block that cleaning dropped or that a Word
letter lays out one paragraph a line, a force named "... Constabulary", and a group's asks of the
inquiry it speaks to. Each rule is also checked switched off.

Every text here (the inline ones and the four files in ``tests/recs/kinds12``, annotated in its
``gold.json`` before the rules were written) was written by me for these tests about invented
bodies and people; none is copied from a real document, a gold file or an evaluation set.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from goldmatch import norm, opens

from bot.library.cleaning import clean
from bot.library.ingest import ingest
from bot.library.store import open_db
from bot.recs import deadlines, summary
from bot.recs.addressees import normalise
from bot.recs.extract import extract
from bot.recs.extract.letters import recipient
from bot.recs.extract.rules import rules_off
from bot.recs.tracker import list_recommendations

KINDS = Path(__file__).parent / "kinds12"
GOLD = json.loads((KINDS / "gold.json").read_text())


@pytest.mark.parametrize("entry", GOLD["documents"], ids=lambda e: e["file"])
def test_written_document(tmp_path, entry):
    """Ingested as a user adds it (type guessed): every annotated item is found with its
    addressee and deadline words, and nothing else is taken for a recommendation."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(KINDS / entry["file"], docs / entry["file"])
    db = open_db(tmp_path / "store.db")
    assert not ingest(db, [docs]).failed
    recs = sorted(list_recommendations(db), key=lambda r: r.start)
    db.conn.close()
    golds = entry["recommendations"]
    unmatched = list(range(len(golds)))
    false = []
    for rec in recs:
        hit = next((i for i in unmatched if opens(golds[i]["opening_words"], rec.text)), None)
        if hit is None:
            false.append(rec.text[:80])
            continue
        unmatched.remove(hit)
        assert rec.addressees == normalise(golds[hit]["addressees"]), rec.text[:60]
        assert norm(rec.deadline_text or "") in norm(golds[hit]["deadline"] or ""), rec.text[:60]
        assert bool(rec.deadline_text) == bool(golds[hit]["deadline"]), rec.text[:60]
    assert [golds[i]["opening_words"] for i in unmatched] == []
    assert false == []


def _items(text: str, doc_type: str) -> list[tuple[str, list[str]]]:
    text = clean(text).text
    return [(" ".join(text[f.start : f.end].split()), f.actors) for f in extract(text, doc_type)]


LETTERHEAD = (
    "Office of the Police and Crime Commissioner for Tarnbrook\nMill Lane, Tarnbrook TB1 1AA"
)
ADDRESS = (
    "Chief Constable Ravi Mehta\nTarnbrook Constabulary\nForce Headquarters\nTarnbrook TB2 9ZZ"
)
SIGN_OFF = "Yours sincerely,\n\nLena Ashby\nPolice and Crime Commissioner for Tarnbrook"


def _letter(body: str, between: str = "1 March 2027", address: str = ADDRESS) -> str:
    return (
        f"{LETTERHEAD}\n\n{address}\n\n{between}\n\nDear Chief Constable,\n\n"
        f"Custody healthcare\n\n{body}\n\n{SIGN_OFF}\n"
    )


def test_a_letters_expectation_is_an_ask_and_names_whom_it_asks():
    body = (
        "I expect the force to publish its custody waiting times every month.\n\n"
        "We also expect you to open the new suite to custody visitors."
    )
    items = _items(_letter(body), "letter")
    assert [t[:30] for t, _ in items] == [
        "I expect the force to publish ",
        "We also expect you to open the",
    ]
    assert items[0][1] == ["the force"]
    assert items[1][1] == ["Tarnbrook Constabulary"]
    with rules_off("letter-expects"):
        assert _items(_letter(body), "letter") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I would expect the force to meet the target within a year.",  # a prediction
        "I expect you will already have seen the panel's report.",
        "I expect the figures to rise once the new suite opens.",
        "We expect the force to be under pressure over the summer.",
    ],
)
def test_an_expectation_that_predicts_is_no_ask(sentence):
    assert _items(_letter(sentence), "letter") == []


def test_an_expectation_counts_only_in_letters():
    text = "The panel met in May.\n\nI expect the force to publish its custody waiting times."
    assert _items(text, "other") == []


def test_a_constabulary_in_the_address_block_is_the_recipient():
    text = _letter("We ask that you publish the custody figures by 1 June 2027.")
    assert _items(text, "letter")[0][1] == ["Tarnbrook Constabulary"]
    with rules_off("constabulary-bodies"):
        # the force's headquarters is no longer mistaken for the force, so the salutation
        assert _items(text, "letter")[0][1] == ["Chief Constable"]


def test_reference_lines_between_the_address_and_the_salutation_keep_the_address():
    between = "Our ref: TB/2027/3\nYour ref: CC/88\n\n1 March 2027\n\nRe: Custody healthcare"
    text = _letter("We ask that you publish the custody figures.", between)
    removed: list = []
    cleaned = clean(text, removed).text
    assert "Tarnbrook Constabulary" in cleaned
    assert recipient(cleaned) == "Tarnbrook Constabulary"
    before: list = []
    assert "Tarnbrook Constabulary" not in clean(text, before, off={"letter-head-blocks"}).text
    assert ("navigation block", "Tarnbrook Constabulary") in before


def test_a_long_paragraph_between_does_not_save_a_menu():
    menu = "Home\nNews\nAbout us\nContact"
    prose = "This paragraph is a sentence of the page, not a line."
    text = f"{menu}\n\nOur ref: X1\n\n{prose}\n\nDear all,"
    assert "About us" not in clean(text).text


def test_a_word_letter_one_paragraph_a_line_names_its_recipient():
    lines = [
        "Tarnbrook Rivers Trust",
        "Weir House, Tarnbrook TB5 5RR",
        "Mr Colin Tate",
        "Director of Operations",
        "Fellside Water Board",
        "Quarry Road",
        "Tarnbrook TB7 3QQ",
        "4 May 2027",
        "Dear Mr Tate,",
        "We ask that you publish the results of the spring river survey.",
        "Yours sincerely,",
        "Ann Croft",
        "Chair, Tarnbrook Rivers Trust",
    ]
    text = "\n\n".join(lines)
    assert recipient(text) == "Fellside Water Board"
    assert _items(text, "letter")[0][1] == ["Fellside Water Board"]
    with rules_off("address-block-lines"):
        assert recipient(text) is None  # only "Tarnbrook TB7 3QQ" was read: no one


def test_by_email_above_the_salutation_is_passed_over():
    text = _letter("We ask that you publish the figures.", "1 March 2027\n\nBy email only")
    assert recipient(clean(text).text) == "Tarnbrook Constabulary"


@pytest.mark.parametrize(
    ("sentence", "words", "switch"),
    [
        ("The force should publish its figures each quarter.", "each quarter", "RECURRING"),
        ("The force should review the policy annually, with the panel.", "annually", "RECURRING"),
        ("The force should report back every year.", "every year", "RECURRING"),
        (
            "The force should share the plan before it is published.",
            "before it is published",
            "EVENT",
        ),
        (
            "Forces should test the radios before every match day.",
            "before every match day",
            "EVENT",
        ),
    ],
)
def test_recurring_times_and_events_are_deadlines(monkeypatch, sentence, words, switch):
    monkeypatch.setattr(deadlines, f"{switch}_DEADLINES", True)
    found = deadlines.find_deadline(sentence, None)
    assert found is not None and found.text == words and found.due is None
    monkeypatch.setattr(deadlines, f"{switch}_DEADLINES", False)
    assert deadlines.find_deadline(sentence, None) is None


@pytest.mark.parametrize(
    "sentence",
    ["Hold an exercise at least every three years.", "Offer six-monthly scans to the patients."],
)
def test_what_is_not_read_as_a_recurring_deadline(sentence):
    assert deadlines.find_deadline(sentence, None) is None


SUBMISSION = (
    "Closing submission for the Alder Valley Families Group\n\n"
    "The Alder Valley group asks the Inquiry to examine why testing stopped in April.\n\n"
    "The group invites the Inquiry to find that the guidance came too late.\n\n"
    "We ask that you, my Lady, consider the evidence of the care workers.\n\n"
    "The Alder Valley group urges the Department of Health to publish its testing data.\n"
)


def test_asks_of_the_inquiry_are_submissions_not_recommendations():
    items = _items(SUBMISSION, "committee-report")
    assert [t[:40] for t, _ in items] == ["The Alder Valley group urges the Departm"]
    assert items[0][1] == ["the Department of Health"]
    with rules_off("inquiry-asked"):
        assert len(_items(SUBMISSION, "committee-report")) == 4


TRACKER = (
    "Response tracker\n\n"
    "A 3 The Home Office should fund two more regional cyber crime officers, N publish a yearly "
    "report on their work, and review the scheme in 2029 N A\n\n"
    "Key: A = agreed; N = not agreed; D = deferred."
)


def test_a_tables_codes_run_into_a_row_are_left_out_of_its_summary(monkeypatch):
    codes = summary.table_codes(TRACKER)
    assert codes == {"A", "N", "D"} - {"A"}  # "A" is a word, never a code to drop
    row = TRACKER.split("\n\n")[1]
    assert ", N publish" not in summary.summarise(row, codes=codes)
    assert "publish a yearly report" in summary.summarise(row, codes=codes)
    monkeypatch.setattr(summary, "TABLE_CODES_DROPPED", False)
    assert summary.table_codes(TRACKER) == frozenset()


def test_a_document_without_a_key_drops_no_letter():
    assert summary.table_codes("Plan B = the fallback, and nothing else.") == frozenset()


def test_the_chair_of_another_body_is_still_asked():
    text = (
        "We ask the Chair of Ofwat to publish the review of leaks.\n\n"
        "The Committee urges the Inquiry into the Fenland floods to report by June 2027."
    )
    assert len(_items(text, "committee-report")) == 2


def test_a_recurrence_is_no_deadline_as_shipped():
    # The development gold's field definition: a recurrence goes in a note, not the deadline.
    sentence = "The panel should audit the custody logs each quarter."
    assert deadlines.find_deadline(sentence, None) is None
