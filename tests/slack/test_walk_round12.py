"""What the round-12 walk through the tracker and the digest found (console, command line and the
real Bolt app against the fake Slack): the texts here were written for these tests, invented
bodies and people, not copied from any document."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from slack_rig import buttons, mrkdwn_texts
from stores import add_file

from bot import commands
from bot.commands import recs as commands_recs
from bot.digest.content import build_digest
from bot.recs import tracker
from bot.recs.tracker import get_recommendation, list_recommendations, set_status
from bot.render import blocks as render_blocks
from bot.render import digest as render_digest
from bot.render import tracker as render_tracker
from bot.render.text import reply_text
from bot.search import candidates, ranking
from bot.search.ranking import search

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


# -- a plain "&" no longer ends what is kept of a cut line ---------------------------------------


def test_a_long_status_note_with_an_ampersand_is_cut_at_its_end(rig, db):
    rec = list_recommendations(db, "doc:pac-soc-2019")[0]
    note = "Agreed with the Harbour Unit & the Fenland desk at the quarterly review; " + (
        "the minutes follow in the new year " * 25
    )
    set_status(db, rec.id, "accepted", by="Dana & Co", note=note)
    message = rig.answer("recs doc:pac-soc-2019")
    line = re.search(r"_Status accepted[^\n]*?…_", texts(message))[0]
    assert "Dana &amp; Co" in line and "the Fenland desk at the quarterly review" in line
    assert 450 < len(line) <= 700 and line.endswith("…_")


def test_truncate_keeps_a_plain_ampersand_and_never_halves_an_entity(monkeypatch):
    title = "Westvale & Eastmoor joint review of tasking " * 8
    cut = render_blocks.truncate(title, 150)
    assert len(cut) <= 150 and cut.count("&") >= 2
    assert render_blocks.truncate("abcdefghij&amp;klm", 14) == "abcdefghij…"
    assert render_blocks.truncate("abcdefghij&#8217;klm", 15) == "abcdefghij…"
    monkeypatch.setattr(render_blocks, "PARTIAL_ENTITY_ONLY", False)
    line = "in-progress by Ann & Co (U0ANN) on 2026-12-06 " + "then more " * 20
    assert render_blocks.truncate(line, 60) == "in-progress by Ann…"  # as before


# -- a second save of the same status is not a second change -------------------------------------


def _status_button(message: dict, rec_id: str) -> dict:
    for block in message["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            value = element.get("value") or ""
            if element.get("action_id", "").startswith(render_tracker.ACTION_STATUS):
                if render_tracker.read_status_value(value)[0] == rec_id:
                    return element
    raise AssertionError(f"no Set status button for {rec_id}")


def _save(rig, button: dict, status: str, note: str, user: str, view_id: str) -> None:
    """Click "Set status", then save the modal Slack opened with ``status`` and ``note``."""
    import json
    from urllib.parse import urlencode

    from slack_server import TEAM_ID

    opened = len(rig.slack.calls("views.open"))
    who = {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID}
    rig.click(button, user=who, trigger_id=f"trigger.{view_id}")
    view = rig.slack.wait_for("views.open", count=opened + 1)[-1].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    values = {
        render_tracker.STATUS_BLOCK: {
            render_tracker.STATUS_INPUT: {
                "type": "static_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": status},
                    "value": status,
                },
            }
        },
        render_tracker.NOTE_BLOCK: {
            render_tracker.NOTE_INPUT: {"type": "plain_text_input", "value": note}
        },
    }
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": who,
        "api_app_id": "A0ROCU",
        "trigger_id": "trigger.submit",
        "view": {**view, "id": view_id, "hash": f"h.{view_id}", "state": {"values": values}},
    }
    status_code, body = rig.post(urlencode({"payload": json.dumps(payload)}))
    assert status_code == 200 and "errors" not in body


def test_saving_the_same_status_twice_from_slack_is_one_change(rig, db):
    rig.slack.add_user("U0DANA", display_name="Dana Whitcombe")
    listing = rig.answer("recs doc:pac-soc-2019")
    rec_id = list_recommendations(db, "doc:pac-soc-2019")[0].id
    button = _status_button(listing, rec_id)
    _save(rig, button, "accepted", "Agreed at the tasking board", "U0DANA", "V0ONE")
    _save(rig, button, "accepted", "Agreed at the tasking board", "U0DANA", "V0TWO")
    assert len(get_recommendation(db, rec_id).history) == 1
    _save(rig, button, "accepted", "Agreed; minutes to follow", "U0DANA", "V0THREE")
    _save(rig, button, "accepted", "Agreed; minutes to follow", "U0BRYN", "V0FOUR")  # another
    history = get_recommendation(db, rec_id).history
    assert [(h["status"], h["by_id"]) for h in history] == [
        ("accepted", "U0DANA"),
        ("accepted", "U0DANA"),
        ("accepted", "U0BRYN"),
    ]


def test_the_same_change_again_on_the_command_line_and_switched_off(db, monkeypatch):
    rec = list_recommendations(db, "doc:pac-soc-2019")[1]
    at = [dt.datetime(2030, 1, 1, 9, minute, tzinfo=dt.UTC) for minute in range(4)]
    set_status(db, rec.id, "in-progress", by="ola", note="draft  sent", now=at[0])
    set_status(db, rec.id, "in progress", by="ola", note="draft sent", now=at[1])  # the same
    assert len(get_recommendation(db, rec.id).history) == 1
    set_status(db, rec.id, "open", by="ola", now=at[2])  # undone: a change of its own
    set_status(db, rec.id, "in-progress", by="ola", note="draft sent", now=at[3])
    assert [h["status"] for h in get_recommendation(db, rec.id).history] == [
        "in-progress",
        "open",
        "in-progress",
    ]
    monkeypatch.setattr(tracker, "SAME_CHANGE_ONCE", False)
    later = dt.datetime(2030, 1, 2, 9, 0, tzinfo=dt.UTC)
    set_status(db, rec.id, "in-progress", by="ola", note="draft sent", now=later)
    assert len(get_recommendation(db, rec.id).history) == 4


# -- the digest's due recommendations say where they stand ---------------------------------------

REPORT = """Fenland Scrutiny Board

Review of the Fenland drugs tasking desk: second report of 2026

Written for the rocu-bot tests (round 12): an invented report. Not copied from any document.

Published 2 March 2026

Recommendations

Recommendation 1: The Fenland Drugs Desk should send the three forces a monthly return of the
warrants it asked for, by 20 March 2040.

Recommendation 2: The Harbour Unit should agree a shared list of informant handlers with the
Fenland Drugs Desk by 24 March 2040.
"""

RESPONSE = """Fenland Drugs Desk

Response to the Fenland Scrutiny Board's review of the Fenland drugs tasking desk

Written for the rocu-bot tests (round 12): an invented response. Not copied from any document.

10 March 2026

Recommendation 1: The Fenland Drugs Desk should send the three forces a monthly return of the
warrants it asked for, by 20 March 2040.

Accepted in part. A quarterly return will go to the forces from April.
"""

MONDAY = dt.date(2040, 3, 12)


@pytest.fixture
def due_pair(db, tmp_path):
    add_file(db, tmp_path, "fenland-board-drugs-desk-review-2026.txt", REPORT)
    add_file(db, tmp_path, "fenland-drugs-desk-response-2026.txt", RESPONSE)
    found = list_recommendations(db, "doc:fenland-board-drugs-desk-review-2026")
    assert [rec.due.isoformat() for rec in found] == ["2040-03-20", "2040-03-24"]
    return found


def test_a_due_recommendation_in_the_digest_has_its_id_status_and_response(db, due_pair):
    first, second = due_pair
    set_status(db, second.id, "in-progress", by="Dana", note="handlers listed")
    digest = build_digest(db, MONDAY, "C0TEST", now=dt.datetime(2040, 3, 12, 8, tzinfo=dt.UTC))
    text = render_digest.digest_text(digest)
    due = text[text.index("Recommendations due") :]
    assert f"{first.id} · response: accepted in part" in due
    assert f"{second.id} · in-progress" in due
    assert "“The Fenland Drugs Desk should" not in due  # a summary is not quoted as exact words
    blocks = render_digest.digest_blocks(digest)
    mrkdwn = " ".join(mrkdwn_texts(blocks))
    assert f"`{first.id}` · response: accepted in part" in mrkdwn
    assert f"`{second.id}` · in-progress" in mrkdwn


def test_due_standing_switched_off(db, due_pair, monkeypatch):
    monkeypatch.setattr(render_digest, "DUE_STANDING", False)
    digest = build_digest(db, MONDAY, "C0TEST", now=dt.datetime(2040, 3, 12, 8, tzinfo=dt.UTC))
    text = render_digest.digest_text(digest)
    assert due_pair[0].id not in text and "“The Fenland Drugs Desk should" in text


# -- a search's total and its "Only N passages hold all of your words" -------------------------


def test_a_searchs_total_stays_the_same_as_its_pages_turn(db):
    totals = {search(db, "organised crime police", 5, offset).total for offset in range(0, 70, 5)}
    assert len(totals) == 1 and totals.pop() > candidates.CANDIDATES  # more than one window


def test_the_total_switched_off_grows_with_the_window(db, monkeypatch):
    monkeypatch.setattr(candidates, "COUNTED_TOTAL", False)
    totals = [search(db, "organised crime police", 5, offset).total for offset in (0, 10, 20)]
    assert totals[0] < totals[-1]


def test_no_closest_matches_note_when_no_others_are_left(db, monkeypatch):
    answer = search(db, "county lines")
    assert answer.total == len(answer.results) == 3
    assert not any("hold all of your words" in note for note in answer.notes)
    monkeypatch.setattr(ranking, "NOTE_AFTER_FILTERS", False)
    assert any("hold all of your words" in note for note in search(db, "county lines").notes)


def test_the_note_stays_when_closest_matches_follow(db, tmp_path):
    add_file(
        db,
        tmp_path,
        "quillon-notes.txt",
        "Quillon notes\n\nThe quillon marsh desk met twice.\n\nA marsh survey was done.\n\n"
        "The marsh reeds were cut.\n\nThe marsh path is closed.\n\nOne marsh gate is open.\n",
    )
    answer = search(db, "quillon marsh")
    assert answer.total > 1
    assert "Only 1 passage holds all of your words" in " ".join(answer.notes)


# -- the notification text names Slack's commands as Slack users type them ---------------------


def test_the_fallback_text_says_slash_rocu(rig):
    message = rig.answer("glimmerwump snorkade")
    assert "`/rocu define TERM`" in texts(message)
    assert "`/rocu define TERM`" in message["text"] and "`rocu define" not in message["text"]


def test_slack_forms_leave_command_line_only_forms_alone(db, monkeypatch):
    forms = render_blocks.slack_forms
    assert forms("or `rocu define TERM` for an acronym") == "or `/rocu define TERM` for an acronym"
    assert forms("rocu recs --set-status r1 open") == "rocu recs --set-status r1 open"
    assert forms("`rocu show doc-1` for the full text") == "`rocu show doc-1` for the full text"
    assert forms("already `/rocu recs r1`") == "already `/rocu recs r1`"
    for name in render_blocks.SLACK_SUBCOMMANDS:
        assert name in commands.SUBCOMMANDS, name
    monkeypatch.setattr(render_blocks, "SLACK_COMMAND_FORMS", False)
    reply = commands.dispatch(db, "glimmerwump snorkade")
    assert "`rocu define TERM`" in render_blocks.fallback_text(reply)


def test_the_recs_hint_in_a_listing_reads_as_slack_types_it(rig, db):
    message = rig.answer("recs doc:pac-soc-2019")
    assert "/rocu recs export doc:pac-soc-2019" in texts(message)
    assert not re.search(r"(?<!/)rocu recs ID", message["text"])
    assert buttons(message["blocks"])  # the cards' buttons are still there


# -- a long day's due list no longer pushes out the rest of the digest -------------------------


def _long_day(count: int):
    from bot.digest.content import Digest, DueRecommendation

    at = dt.datetime(2040, 3, 12, 8, tzinfo=dt.UTC)
    digest = Digest(channel="C0TEST", date=at.date(), since=at, until=at, scheduled_at=at)
    for n in range(count):
        digest.due_soon.append(
            DueRecommendation(
                id=f"r{n:06x}",
                doc_id=f"heron-desk-note-{n}",
                doc_title=f"Heron & Kestrel desks: tasking note {n} " + "of the joint panel " * 6,
                passage_id=f"heron-desk-note-{n}#2",
                summary="The Heron Desk should agree a written protocol for sharing tasking "
                "intelligence with every force of the region, and say who decides. " * 2,
                addressees=["Heron Desk"],
                due=at.date() + dt.timedelta(days=1 + n % 10),
                days=1 + n % 10,
            )
        )
    digest.older_overdue, digest.documents, digest.recommendations = 4, 40, 60
    return digest


def test_a_long_days_due_list_is_cut_with_a_count_and_the_rest_of_the_digest_stays():
    digest = _long_day(31)
    blocks = render_digest.digest_blocks(digest)
    mrkdwn = " ".join(mrkdwn_texts(blocks))
    assert "*Recommendations due in the next 14 days (31)*" in mrkdwn
    assert mrkdwn.count("• *due ") == render_digest.DUE_LISTED == 5
    assert "… and 26 more: `/rocu recs due:14d` lists them." in mrkdwn
    assert "4 older recommendations overdue" in mrkdwn and "more not shown" not in mrkdwn
    assert "40 documents" in mrkdwn_texts(blocks[-1:])[0]  # the footer is still there
    text = render_digest.digest_text(digest)
    assert text.count("• due ") == 5 and "… and 26 more: `/rocu recs due:14d`" in text


def test_due_listed_switched_off_lists_every_one(monkeypatch):
    monkeypatch.setattr(render_digest, "DUE_LISTED", None)
    text = render_digest.digest_text(_long_day(31))
    assert text.count("• due ") == 31 and "more: `/rocu recs due:14d`" not in text


# -- a command-line option typed to /rocu recs or the console is named as one ------------------


def test_a_command_line_option_in_recs_says_what_does_it_here(db, monkeypatch):
    rec_id = list_recommendations(db, "doc:pac-soc-2019")[0].id
    reply = commands.dispatch(db, f"recs --set-status {rec_id} accepted")
    assert reply.kind == "usage" and not reply.public
    assert "“--set-status” is an option of the `rocu recs` command line" in reply.data
    assert "“Set status” button" in reply.data
    assert "`/rocu recs export csv" in commands.dispatch(db, "recs to:NCA --csv").data
    assert get_recommendation(db, rec_id).status == "open"  # nothing was set
    monkeypatch.setattr(commands_recs, "OPTIONS_SAID", False)
    assert "No recommendations match" in reply_text(commands.dispatch(db, "recs --csv"))


def test_the_option_sentence_in_slack(rig):
    message = rig.answer("recs --set-status r123456 accepted")
    assert message["response_type"] == "ephemeral"
    assert "is an option of the `rocu recs` command line" in texts(message)


# -- the App Home's due list: what falls due next first -----------------------------------------


def test_the_home_tab_lists_what_falls_due_next_first(db, tmp_path, monkeypatch):
    from bot.digest import home

    soon = dt.date.today() + dt.timedelta(days=5)
    add_file(
        db,
        tmp_path,
        "osprey-panel-note.txt",
        "Osprey Scrutiny Panel\n\nA note on the Osprey custody desk\n\nWritten for the rocu-bot "
        "tests (round 12): invented.\n\nRecommendations\n\nRecommendation 1: The Osprey Custody "
        f"Desk should publish its waiting times by {soon.day} {soon:%B %Y}.\n",
    )
    shown = home.build_home(db, "U0DANA").due
    assert shown[0].doc_id == "osprey-panel-note" and shown[0].days == 5
    overdue = [item.days for item in shown if item.days < 0]
    assert overdue == sorted(overdue, reverse=True)  # the most recently due first
    monkeypatch.setattr(home, "URGENT_FIRST", False)
    assert home.build_home(db, "U0DANA").due[0].days < 0  # oldest first, as before


# -- "No recommendations match" fits what was typed -------------------------------------------


def test_nothing_found_for_a_status_says_what_status_is_and_names_slacks_command(rig, db):
    console = reply_text(commands.dispatch(db, "recs status:superseded"))
    assert "Try another filter, or `recs` for all" in console and "fewer words" not in console
    assert "`status:` is the status the team set, not a response's stance." in console
    message = rig.answer("recs status:superseded")
    assert "Try another filter, or `/rocu recs` for all" in texts(message)
    worded = reply_text(commands.dispatch(db, "recs glimmerwump"))
    assert "Try fewer words, or `recs` for all" in worded and "status:` is" not in worded


def test_nothing_found_switched_off(db, monkeypatch):
    from bot.render import recs as render_recs

    monkeypatch.setattr(render_recs, "NOTHING_FOUND_FITS", False)
    said = render_recs.nothing_found("status:superseded", slack=True)
    assert "Try fewer words, or `recs` for all" in said and "status:` is" not in said


# -- the digest's notification counts what fell overdue ------------------------------------------


def test_the_digests_notification_counts_newly_overdue_items(monkeypatch):
    from bot.digest.content import DueRecommendation

    digest = _long_day(2)
    late = dt.date(2040, 3, 9)
    digest.recently_due.append(
        DueRecommendation("r0ff1ce", "heron-desk-note-9", "Heron note", None, "x", [], late, -3)
    )
    said = render_digest.digest_fallback(digest)
    assert said.endswith("2 recommendations due soon, 1 newly overdue")
    monkeypatch.setattr(render_digest, "FALLBACK_OVERDUE", False)
    assert render_digest.digest_fallback(digest).endswith("2 recommendations due soon")
