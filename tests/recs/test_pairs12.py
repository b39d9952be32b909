"""Report/response pairs, round 12: a reply that names each recommendation only by number and
topic, or answers "Point N" / "Response:", or quotes each in part under its own numbering; a
report's list labelled "R1." / "Rec 1."; status words as verdicts. Each rule is also checked
switched off, and the guards of linking by number are checked (a number that merely matches
links nothing).

Every text here (the inline ones, and the eight files of ``tests/recs/pairs12`` annotated in its
``pairs.json``) was written by me for these tests about invented bodies and people; none is copied
from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.library.ingest import ingest
from bot.library.store import open_db
from bot.recs import matching, stance
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.tracker import list_recommendations

PAIRS = Path(__file__).parent / "pairs12"
SPEC = json.loads((PAIRS / "pairs.json").read_text())


# --- a reply's headings (rule numbered-replies) ----------------------------------------------

TOPIC_REPLY = (
    "Dear Chair,\n\nOur reply to each recommendation follows.\n\n"
    "Recommendation 1 (night-time patrol cover)\n"
    "Agreed. Two extra patrols will start in March.\n\n"
    "Recommendation 2 - victim updates\n"
    "Force response: Already in place. Victims are called every fortnight.\n\n"
    "Rec 3 (drone footage): Not agreed. The cost is too high this year.\n\n"
    "Yours sincerely,\n\nA Officer\n"
)


def test_a_number_and_topic_reply_gives_one_labelled_item_a_heading():
    items = extract(TOPIC_REPLY, "letter")
    assert [TOPIC_REPLY[f.start : f.end] for f in items] == [
        "Recommendation 1 (night-time patrol cover)",
        "Recommendation 2 - victim updates",
        "Rec 3 (drone footage)",
    ]
    assert [f.label for f in items] == ["Recommendation 1", "Recommendation 2", "Rec 3"]
    assert [f.response for f in items] == ["accepted", "accepted", "not accepted"]
    with rules_off("numbered-replies"):
        assert extract(TOPIC_REPLY, "letter") == []


POINT_REPLY = (
    "Dear Commissioner,\n\n"
    "Point 1: Publish the response times for rural calls every month.\n"
    "Response: Accepted. The first figures appear in May.\n\n"
    "Point 2: Open the front counter at Hillbury on Saturdays.\n"
    "Response: Not accepted. Too few people used it.\n\n"
    "Yours sincerely,\n"
)


def test_point_n_quotes_the_recommendation_and_response_answers_it():
    items = extract(POINT_REPLY, "letter")
    assert [POINT_REPLY[f.start : f.end] for f in items] == [
        "Publish the response times for rural calls every month.",
        "Open the front counter at Hillbury on Saturdays.",
    ]
    assert [f.response for f in items] == ["accepted", "not accepted"]


def test_point_n_and_its_response_run_into_one_line():
    # as the cleaning of a plain-text letter joins a paragraph's lines
    joined = POINT_REPLY.replace(" month.\nResponse:", " month. Response:").replace(
        " Saturdays.\nResponse:", " Saturdays. Response:"
    )
    items = extract(joined, "letter")
    assert [joined[f.start : f.end] for f in items] == [
        "Publish the response times for rural calls every month.",
        "Open the front counter at Hillbury on Saturdays.",
    ]


def test_a_reports_own_labelled_recommendations_are_no_reply():
    report = (
        "Recommendations\n\nRecommendation 1 (custody)\nThe force should review its custody "
        "staffing by May.\n\nRecommendation 2 (training)\nThe force should train every sergeant "
        "in risk assessment.\n"
    )
    assert all(f.detector != "reply" for f in extract(report, "inspection-report"))


OWN_NUMBERING = (
    "Response to the review of witness care\n\n"
    "1. On a dedicated witness care officer in every court.\n\n"
    "The Service accepts this recommendation and will appoint them by April.\n\n"
    "2. On text reminders before every hearing.\n\n"
    "The Service notes this recommendation.\n"
)


def test_a_responses_own_numbering_is_read_only_in_a_response():
    items = extract(OWN_NUMBERING, "other")
    assert [f.label for f in items] == [None, None]  # its own numbers are not the report's
    assert [f.response for f in items] == ["accepted", "noted"]
    notice = OWN_NUMBERING.replace("Response to the review of", "A note on")
    assert all(f.detector != "reply" for f in extract(notice, "other"))


# --- a report's labelled list (rule label-list-markers) --------------------------------------

LABELLED_LIST = (
    "Recommendations\n\nThe Board recommends that the force:\n\n"
    "R1. Publishes its custody waiting times each month.\n\n"
    "R2. Trains every detention officer in first aid by June.\n\n"
    "R3. Asks the health board to review custody nursing.\n"
)


def test_r1_labels_are_list_items_each_its_own_recommendation():
    items = extract(LABELLED_LIST, "other")
    assert [LABELLED_LIST[f.start : f.end][:20] for f in items] == [
        "Publishes its custod",
        "Trains every detenti",
        "Asks the health boar",
    ]
    assert [f.label for f in items] == ["R1", "R2", "R3"]
    with rules_off("label-list-markers"):
        assert len(extract(LABELLED_LIST, "other")) < 3


# --- stance: status words, a named response heading ------------------------------------------


@pytest.mark.parametrize(
    "answer, rule",
    [
        ("Complete. The new form went live in June.", "heading-complete"),
        ("Completed: all officers were trained.", "heading-complete"),
        ("Already in place. We have done this since 2024.", "heading-in-place"),
    ],
)
def test_status_words_are_read_as_accepted(answer, rule, monkeypatch):
    verdict = stance.classify(answer)
    assert (verdict.stance, verdict.rule) == ("accepted", rule)
    monkeypatch.setattr(stance, "DISABLED", set(stance.STATUS_WORDS))
    assert stance.classify(answer) is None


def test_complete_as_a_command_is_no_verdict():
    assert stance.classify("Complete the review by the end of the year.") is None


def test_a_named_response_heading_is_stripped(monkeypatch):
    assert stance.classify("Force response: Noted. We will look again.").stance == "noted"
    monkeypatch.setattr(stance, "DISABLED", {stance.NAMED_HEADING})
    assert stance.classify("Force response: Noted. We will look again.") is None


# --- linking by number and by a part quote's words (matching) --------------------------------


def _items(doc: str, rows: list[tuple[str | None, str]], role: str) -> list[dict]:
    return [
        {"key": f"{doc}-{i}", "doc_id": doc, "text": text, "label": label, "role": role}
        for i, (label, text) in enumerate(rows)
    ]


REPORT = [
    ("Recommendation 1", "The force should double the night-time patrol cover in rural areas."),
    ("Recommendation 2", "The force should call every victim with an update each fortnight."),
    ("Recommendation 3", "The force should stop buying drones until footage rules exist."),
]


def _links(responses, reports=None):
    """(response item, report item, how) of each link (the report above by default)."""
    reports = reports or _items("report", REPORT, "report")
    found = matching.match(responses, reports)
    return sorted((r.split("-")[1], p.split("-")[1], how) for r, p, _s, how in found)


def test_a_reply_named_by_number_links_to_the_same_numbered_recommendation():
    reply = _items(
        "reply",
        [
            ("Recommendation 1", "Recommendation 1 (night-time patrol cover)"),
            ("Recommendation 2", "Recommendation 2 - victim updates"),
            ("Rec 3", "Rec 3 (drone footage)"),
        ],
        "response",
    )
    assert _links(reply) == [("0", "0", "number"), ("1", "1", "number"), ("2", "2", "number")]
    matching.RULES_OFF.add("named-numbers")
    try:
        assert _links(reply) == []
    finally:
        matching.RULES_OFF.discard("named-numbers")


def test_a_number_that_merely_matches_links_nothing():
    # the reply's topics name other recommendations than their numbers: it renumbers
    renumbered = _items(
        "reply",
        [
            ("Recommendation 1", "Recommendation 1 (drone footage)"),
            ("Recommendation 2", "Recommendation 2 (night-time patrol cover)"),
            ("Recommendation 3", "Recommendation 3 (victim updates)"),
        ],
        "response",
    )
    assert [how for *_rest, how in _links(renumbered)] == []
    # a report whose items carry no label: its list positions are not its numbers
    unlabelled = _items("report", [(None, text) for _label, text in REPORT], "report")
    reply = _items(
        "reply",
        [
            ("Recommendation 1", "Recommendation 1 (night-time patrol cover)"),
            ("Recommendation 2", "Recommendation 2 (victim updates)"),
        ],
        "response",
    )
    assert all(how != "number" for *_rest, how in _links(reply, unlabelled))


def test_part_quotes_under_the_responses_own_numbering_link_by_their_words():
    quotes = _items(
        "response",
        [
            (None, "On stopping the purchase of drones until rules on footage exist."),
            (None, "On doubling night-time patrol cover in rural areas."),
        ],
        "response",
    )
    assert _links(quotes) == [("0", "2", "words"), ("1", "0", "words")]
    # (round 16's rule "themes" links such quotes by their words too: off with it)
    matching.RULES_OFF.update({"quoted-words", "themes"})
    try:
        assert _links(quotes) == []
    finally:
        matching.RULES_OFF.difference_update({"quoted-words", "themes"})
    elsewhere = _items(
        "other",
        [
            ("Recommendation 1", "The council should resurface the rural roads near the school."),
            ("Recommendation 2", "The council should plant trees along the ring road by 2028."),
        ],
        "report",
    )
    assert _links(quotes, elsewhere) == []


# --- the written pairs, end to end -----------------------------------------------------------


def _ingest(tmp_path: Path, names: list[str]):
    db = open_db(tmp_path / "store.db")
    for name in names:
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        shutil.copy(PAIRS / name, folder / name)
        ingest(db, [folder])
    return db


@pytest.mark.parametrize("name", ["iag-rec-labels", "vetting-own-numbering"])
def test_a_written_pair_becomes_one_item_each_with_its_stance(tmp_path, name):
    pair = next(p for p in SPEC["pairs"] if p["name"] == name)
    db = _ingest(tmp_path, [pair["response"], pair["report"]])
    items = list_recommendations(db)
    assert len(items) == len(pair["report_recs"])
    got = [(r.responses or [{}])[0].get("stance") for r in items]
    assert got == [a["stance"] for a in pair["answers"]]


def test_not_agreed_is_the_extractions_own_word_for_not_accepted():
    reply = (
        "Dear Chair,\n\nRecommendation 1: Sergeant review of risk assessments\nAgreed. From June "
        "a sergeant signs each one.\n\nRecommendation 2: Release plans\nNot agreed. We lack the "
        "staff.\n\nYours sincerely,\n"
    )
    assert [f.response for f in extract(reply, "letter")] == ["accepted", "not accepted"]


def test_a_plain_numbered_list_item_carries_its_number_as_its_label():
    report = (
        "Recommendations\n\n1. The force should publish its custody figures every month.\n\n"
        "2. The force should train every detention officer in first aid.\n"
    )
    assert [f.label for f in extract(report, "inspection-report")] == ["1", "2"]
    with rules_off("list-number-labels"):
        assert [f.label for f in extract(report, "inspection-report")] == [None, None]
