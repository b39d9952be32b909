"""The tracker's loose ends left by round 12 (bench/RESULTS.md, "Loose ends, round 13"): each
reproduced here first, then fixed behind a switch kept as data. The report, the response and
every name in them are invented for these tests (a Westermere panel, an Ouse Valley desk), not
copied from any document."""

from __future__ import annotations

import pytest
from slack_rig import mrkdwn_texts
from stores import add_file

from bot.commands import Reply
from bot.recs import answers
from bot.recs.tracker import get_recommendation, list_recommendations
from bot.render.text import reply_text

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


REPORT = """Westermere Police and Crime Panel

Review of the Ouse Valley fraud desk

Written for the rocu-bot tests (round 13): an invented report. Not copied from any document.

Published 4 May 2026

Recommendations

Recommendation 1: The Ouse Valley Fraud Desk should publish a plain-English guide to reporting
a romance fraud by 30 June 2040.

Recommendation 2: The Ouse Valley Fraud Desk should give each victim a named contact within
five working days of a report, by 31 July 2040.

Recommendation 3: The Ouse Valley Fraud Desk should share its monthly case figures with the
Panel by 31 August 2040.
"""

RESPONSE = """Ouse Valley Fraud Desk

Response to the Westermere Police and Crime Panel's review of the Ouse Valley fraud desk

Written for the rocu-bot tests (round 13): an invented response. Not copied from any document.

12 June 2026

Recommendation 1: The Ouse Valley Fraud Desk should publish a plain-English guide to reporting
a romance fraud by 30 June 2040.

Response: Accepted. The guide went to every neighbourhood team and library in the valley on 2
June, and a version in large print follows in July.

Recommendation 2: The Ouse Valley Fraud Desk should give each victim a named contact within
five working days of a report, by 31 July 2040.

Accepted in part.

A named contact will be given within ten working days, as the desk has four caseworkers for
the whole valley; five days follows if a fifth post is funded.

Recommendation 3: The Ouse Valley Fraud Desk should share its monthly case figures with the
Panel by 31 August 2040.

Not accepted. Monthly figures are too small to share without identifying victims.

Yours sincerely,

Ruth Okafor
Head of the Ouse Valley Fraud Desk
"""


@pytest.fixture
def answered(db, tmp_path):
    add_file(db, tmp_path, "westermere-panel-fraud-desk-review-2026.txt", REPORT)
    add_file(db, tmp_path, "ouse-valley-fraud-desk-response-2026.txt", RESPONSE)
    found = list_recommendations(db, "doc:westermere-panel-fraud-desk-review-2026")
    assert len(found) == 3
    return found


# -- 1. a response's answer is its substance, not its verdict alone ------------------------------


def test_an_answer_shows_what_was_done_not_the_verdict_alone(rig, db, answered):
    first, second, third = (get_recommendation(db, rec.id) for rec in answered)
    said = [rec.responses[0]["answer"] for rec in (first, second, third)]
    assert said[0] == (  # its heading "Response:" said already by the card's stance line
        "Accepted. The guide went to every neighbourhood team and library in the valley "
        "on 2 June, and a version in large print follows in July."
    )
    # a verdict alone in its paragraph takes the paragraph after it
    assert said[1].startswith("Accepted in part. A named contact will be given within ten")
    assert said[1].endswith("five days follows if a fifth post is funded.")
    # the last answer stops at its paragraph: not the sign-off, not the next item
    assert said[2] == (
        "Not accepted. Monthly figures are too small to share without identifying victims."
    )
    assert not any("Recommendation" in s or "Yours" in s for s in said)
    full = reply_text(Reply("rec", first))
    assert "large print follows in July" in " ".join(full.split())
    card = texts(rig.answer(f"recs {first.id}"))
    assert "large print follows in July" in " ".join(card.split())


def test_an_answer_is_bounded_at_a_sentence_end():
    after = "Accepted. " + "The desk will report on it each quarter to the Panel. " * 20
    shown = answers.substance(after, "Accepted.")
    assert len(shown) <= answers.SUBSTANCE_CHARS and shown.endswith("to the Panel.")
    one = "Accepted. " + "and then some more words " * 40
    assert answers.substance(one, "Accepted.").endswith("…")


def test_a_table_cell_answer_stops_at_its_cell():
    row = " | Agreed. The desk began the work in May. | In progress: 2027\n| next row |"
    assert answers.substance(row, "| Agreed.") == "Agreed. The desk began the work in May."


def test_answer_substance_switched_off(db, tmp_path, monkeypatch):
    monkeypatch.setattr(answers, "ANSWER_SUBSTANCE", False)
    add_file(db, tmp_path, "westermere-panel-fraud-desk-review-2026.txt", REPORT)
    add_file(db, tmp_path, "ouse-valley-fraud-desk-response-2026.txt", RESPONSE)
    first = list_recommendations(db, "doc:westermere-panel-fraud-desk-review-2026")[0]
    assert get_recommendation(db, first.id).responses[0]["answer"] == "Response: Accepted."


def test_a_store_made_before_gets_the_substance_by_its_migration(db, tmp_path, monkeypatch):
    from bot.recs import storing

    monkeypatch.setattr(answers, "ANSWER_SUBSTANCE", False)
    add_file(db, tmp_path, "westermere-panel-fraud-desk-review-2026.txt", REPORT)
    add_file(db, tmp_path, "ouse-valley-fraud-desk-response-2026.txt", RESPONSE)
    first = list_recommendations(db, "doc:westermere-panel-fraud-desk-review-2026")[0]
    monkeypatch.setattr(answers, "ANSWER_SUBSTANCE", True)
    storing._answers_substance(db)
    again = get_recommendation(db, first.id)
    assert again.responses[0]["answer"].endswith("a version in large print follows in July.")


# -- 2. a `response:` filter beside `status:` ----------------------------------------------------


def test_response_filter_finds_what_a_response_answered(rig, db, answered, runner):
    from bot import commands
    from bot.cli import cli

    first, second, third = answered
    doc = "doc:westermere-panel-fraud-desk-review-2026"
    console = reply_text(commands.dispatch(db, f"recs {doc} response:accepted"))
    assert first.id in console and second.id not in console and third.id not in console
    assert [r.id for r in list_recommendations(db, f"{doc} response: accepted in part")] == [
        second.id
    ]
    assert [r.id for r in list_recommendations(db, f"{doc} response:not-accepted")] == [third.id]
    assert len(list_recommendations(db, f"{doc} response:any")) == 3
    assert list_recommendations(db, f"{doc} response:none") == []
    seeds = list_recommendations(db, "response:none")
    assert seeds and all(not r.responses for r in seeds)
    message = rig.answer(f"recs {doc} response:accepted")
    assert first.id in texts(message) and second.id not in texts(message)
    printed = runner.invoke(cli, ["recs", doc, "response:rejected"])
    assert printed.exit_code == 0 and third.id in printed.output and first.id not in printed.output


def test_status_accepted_finding_nothing_names_the_response_filter(rig, db, answered):
    from bot import commands

    said = reply_text(commands.dispatch(db, "recs status:accepted"))
    assert "`status:` is the status the team set, not a response's stance." in said
    assert "`response:accepted` finds what a response accepted." in said
    assert "`response:accepted` finds" in texts(rig.answer("recs status:accepted"))


def test_a_wrong_stance_names_the_stances(db):
    from bot.recs.item import RecommendationError

    with pytest.raises(RecommendationError, match="accepted-in-part"):
        list_recommendations(db, "response:maybe")


def test_response_filter_switched_off(db, answered, monkeypatch):
    from bot.recs import filters
    from bot.render import recs as render_recs

    monkeypatch.setattr(filters, "RESPONSE_FILTER", False)
    assert filters.parse_filter("response:accepted").words == ["response", "accepted"]
    assert "response:" not in render_recs.nothing_found("status:accepted")


# -- 6. a response's author answers the recommendations; it did not make them --------------------


def _response_alone(db, tmp_path) -> str:
    from bot.recs import storing

    doc = add_file(db, tmp_path, "ouse-valley-fraud-desk-response-2026.txt", RESPONSE)
    db["documents"].update(doc, {"author": "Ouse Valley Fraud Desk"})
    storing.rebuild_document(db, doc)
    return doc


def test_a_response_item_is_not_made_by_its_responder(rig, db, tmp_path):
    doc = _response_alone(db, tmp_path)
    alone = list_recommendations(db, f"doc:{doc}")
    assert alone and all(rec.made_by is None for rec in alone)
    full = reply_text(Reply("rec", get_recommendation(db, alone[0].id)))
    assert "Made by:  not recorded" in full and "made by Ouse Valley Fraud Desk" not in full
    assert "Response to a report not in the library." in full
    assert "made by Ouse Valley Fraud Desk" not in texts(rig.answer(f"recs doc:{doc}"))


def test_a_linked_item_is_made_by_its_reports_author(db, tmp_path):
    from bot.recs import storing

    report = add_file(db, tmp_path, "westermere-panel-fraud-desk-review-2026.txt", REPORT)
    db["documents"].update(report, {"author": "Westermere Police and Crime Panel"})
    storing.rebuild_document(db, report)
    _response_alone(db, tmp_path)
    first = list_recommendations(db, f"doc:{report}")[0]
    assert first.made_by == "Westermere Police and Crime Panel" and first.responses


def test_maker_not_responder_switched_off(db, tmp_path, monkeypatch):
    from bot.recs import storing

    monkeypatch.setattr(storing, "MAKER_NOT_RESPONDER", False)
    doc = _response_alone(db, tmp_path)
    assert list_recommendations(db, f"doc:{doc}")[0].made_by == "Ouse Valley Fraud Desk"


# -- 8. a long filter's key outlives a restart ----------------------------------------------------

LONG = "recs " + "police " * 400  # about 2,800 characters: its buttons carry a key


def _more(message: dict) -> dict:
    from slack_rig import buttons

    return buttons(message["blocks"])["More results"]


def test_more_results_on_a_long_filter_works_after_a_restart(rig, db, monkeypatch, caplog):
    import logging

    from bot.render import blocks as bk

    caplog.set_level(logging.DEBUG)
    more = _more(rig.answer(LONG))
    monkeypatch.setattr(bk, "_kept", type(bk._kept)())  # as after a restart
    name = rig.click(more)
    said = rig.slack.wait_for(f"response:{name}")[-1].body
    assert "too long to keep" not in said.get("text", "")
    assert "Recommendations 11–12 of 12" in texts(said)
    kept = db.execute("select line from kept_lines").fetchall()
    assert [row[0] for row in kept] == [" ".join(LONG.split())]
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("rocu")]
    assert ours and not any("police police" in said for said in ours)  # no one's words


def test_the_kept_lines_have_a_cap_and_an_age_limit(db, monkeypatch):
    import datetime as dt

    from bot.library import kept_lines

    store = kept_lines.KeptLines(lambda: db)
    monkeypatch.setattr(kept_lines, "CAP", 3)
    for n in range(5):
        store.put(f"k{n}", f"recs harbour {n}")
    assert store.get("k0") is None and store.get("k4") == "recs harbour 4"
    assert db.execute("select count(*) from kept_lines").fetchone()[0] == 3
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=kept_lines.KEEP_DAYS + 1)
    monkeypatch.setattr(kept_lines, "_now", lambda: later)
    assert store.get("k4") is None  # too old to read
    store.put("k9", "recs harbour 9")
    assert db.execute("select key from kept_lines").fetchall() == [("k9",)]


def test_lines_in_store_switched_off(rig, monkeypatch):
    from bot.render import blocks as bk

    monkeypatch.setattr(bk, "LINES_IN_STORE", False)
    more = _more(rig.answer(LONG))
    monkeypatch.setattr(bk, "_kept", type(bk._kept)())
    said = rig.slack.wait_for(f"response:{rig.click(more)}")[-1].body
    assert "too long to keep" in said["text"]


def test_an_answers_heading_is_not_repeated():
    after = "\nGovernment response to recommendation 4 The government agrees. Work starts in May.\n"
    shown = answers.substance(
        after, "Government response to recommendation 4 The government agrees."
    )
    assert shown == "The government agrees. Work starts in May."
    assert answers.substance(" Trust response: Noted. We will ask.", "Trust response: Noted.") == (
        "Noted. We will ask."
    )
