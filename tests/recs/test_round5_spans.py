"""The last labelled recommendation's span (round 5 of recommendation extraction, rule
``last-item-run-on``): with no next label to stop it, a labelled item printed as one run-in
paragraph ends with its last asking sentence, not 6,000 characters later.

Every text here was written by me for these tests (harbours and ferries, a subject no
development document is about); none is copied from a real document or from any evaluation set.
"""

from __future__ import annotations

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# a web page printed to PDF: labels and a heading run into one paragraph
RUN_IN = (
    "Recommendations Recommendation 1 The Port Agency should publish a berthing code for "
    "small harbours. Recommendation 2 Unless stated otherwise, these recommendations should be "
    "carried out within 12 months. Harbour boards should report progress to the Port Agency "
    "every six months. Looking ahead Throughout the review we heard from many harbour users, "
    "and we are grateful to them. Their accounts shaped every part of this report. The harbour "
    "trusts, for their part, should keep their charges under review. Key facts There are 112 "
    "harbours in the region.\n"
)


def _last(text: str):
    found = [f for f in extract(text, "other") if f.label]
    return found[-1], text


def test_the_last_label_ends_with_its_last_ask():
    item, text = _last(RUN_IN)
    assert item.label == "Recommendation 2"
    assert text[item.start : item.end].endswith("to the Port Agency every six months.")
    assert "harbour trusts" not in " ".join(item.actors)


def test_switched_off_the_last_label_runs_on():
    with rules_off("last-item-run-on"):
        item, text = _last(RUN_IN)
    assert "Key facts" in text[item.start : item.end]


def test_one_quiet_sentence_between_asks_keeps_the_item_whole():
    text = (
        "Recommendation 1 The Port Agency should publish a berthing code. It has never had "
        "one. Harbour boards should adopt the code within a year.\n"
    )
    item, _ = _last(text)
    assert text[item.start : item.end].endswith("within a year.")
