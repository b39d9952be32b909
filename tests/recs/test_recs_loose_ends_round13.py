"""The recommendation rules' loose ends left by round 12 (bench/RESULTS.md, "Loose ends, round
13"): a summary's dangling word, addressees' number and force names. Every sentence here is
invented for these tests (Westvale, Eastmoor, Northfield are made-up places; "Avon and Somerset"
and "Devon and Cornwall" are the public names of two police forces), not copied from any
document."""

from __future__ import annotations

import pytest

from bot.recs import addressees, summary
from bot.recs.extract import extract

# -- 3. no dangling words where a deadline was taken out --------------------------------------


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        (
            "The desk should send the forces its figures, starting by 1 February 2027.",
            "The desk should send the forces its figures.",
        ),
        (
            "The unit should review its tasking, beginning no later than March 2027.",
            "The unit should review its tasking.",
        ),
        (
            "The unit should publish a plan, to be completed by April 2027.",
            "The unit should publish a plan.",
        ),
        (
            "The forces should adopt the standard, in place by April 2027.",
            "The forces should adopt the standard.",
        ),
        (
            "Beginning no later than March 2027, the unit should review its tasking.",
            "The unit should review its tasking.",
        ),
        # what is not a lead-in stays
        ("The unit should pay the sums due by April 2027.", "The unit should pay the sums due."),
        (
            "The unit should have a plan in place by April 2027.",
            "The unit should have a plan in place.",
        ),
    ],
)
def test_a_summary_leaves_no_word_that_led_into_its_deadline(sentence, shown):
    assert summary.summarise(sentence) == shown


def test_no_dangling_words_switched_off(monkeypatch):
    monkeypatch.setattr(summary, "NO_DANGLING_WORDS", False)
    said = summary.summarise("The desk should send its figures, starting by 1 February 2027.")
    assert said == "The desk should send its figures, starting."


# -- 4. addressees: one commissioner is one; a force named for two places is one -------------

LIST = """Recommendations

Recommendation 1: The Chief Constable of Westvale & Eastmoor Constabulary should publish the
custody figures each year.

Recommendation 2: The Police and Crime Commissioner should fund a second caseworker.

Recommendation 3: The Chief Constable of Avon and Somerset should review the search policy.

Recommendation 4: Devon and Cornwall Police should review the search policy.

Recommendation 5: The Home Office and Westvale Police should agree a protocol.

Recommendation 6: Police and crime commissioners and chief constables should agree a protocol.

Recommendation 7: The PCC should agree a protocol with the Department of Health and Social Care.
"""


def _addressees() -> list[list[str]]:
    return [addressees.normalise(found.actors) for found in extract(LIST, "other")]


def test_one_commissioner_and_forces_named_for_two_places():
    assert _addressees() == [
        ["Chief Constable of Westvale & Eastmoor Constabulary"],
        ["Police and Crime Commissioner"],
        ["Chief Constable of Avon and Somerset"],
        ["Devon and Cornwall Police"],
        ["Home Office", "Westvale Police"],  # two bodies stay two
        ["Police and Crime Commissioners", "chief constables"],
        ["Police and Crime Commissioner"],
    ]


def test_to_pcc_finds_one_commissioner_and_many():
    from bot.recs.filters import _addressed_to
    from bot.recs.item import Recommendation

    def rec(who: str) -> Recommendation:
        return Recommendation(
            "r1", "d", "d.txt", None, None, [who], None, None, [], "", "", "open", "t", None
        )

    for typed in ("PCC", "PCCs", "police and crime commissioners"):
        assert _addressed_to(rec("Police and Crime Commissioner"), typed, None)
        assert _addressed_to(rec("Police and Crime Commissioners"), typed, None)


def test_addressee_rules_switched_off(monkeypatch):
    monkeypatch.setattr(addressees, "ONE_IS_ONE", False)
    monkeypatch.setattr(addressees, "FORCE_NAMES_WHOLE", False)
    found = _addressees()
    assert found[0] == ["Chief Constable of Westvale", "Eastmoor Constabulary"]
    assert found[1] == ["Police and Crime Commissioners"]
    assert found[3] == ["Devon", "Cornwall Police"]


# -- 5. several deadlines: the first dated one, said so ---------------------------------------


def _staged():
    import datetime as dt

    from bot.recs.item import Recommendation

    return Recommendation(
        "r5eed", "northfield-review", "northfield-review.txt", None, None, ["Northfield Council"],
        "within 12 months of this report; within 3 months of the board's first meeting; "
        "within 24 months of this report", dt.date(2027, 5, 1), [],
        "Northfield Council should set up a harbour safety board.", "", "open",
        "Northfield review", "2026-05-01",
    )  # fmt: skip


def test_several_deadlines_say_the_due_date_is_the_first_of_them():
    from bot.commands import Reply
    from bot.render import recs as render_recs
    from bot.render.text import rec_line, reply_text

    rec = _staged()
    assert "first due 2027-05-01 of 3 deadlines" in rec_line(rec)
    assert "Deadline: first due 2027-05-01 of 3 deadlines (within 12 months" in reply_text(
        Reply("rec", rec)
    )
    blocks = str(render_recs.rec_blocks(Reply("rec", rec)))
    # Slack words it as the digest dates it (render.recs.SLACK_WORDING, round 15).
    assert "due 1 May 2027, the first of 3 deadlines (within 12 months" in blocks


def test_several_deadlines_said_switched_off(monkeypatch):
    from bot.render import text as render_text

    monkeypatch.setattr(render_text, "SEVERAL_DEADLINES_SAID", False)
    assert " · due 2027-05-01 · " in render_text.rec_line(_staged())
