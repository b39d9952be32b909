"""Answers while another process holds the store's write lock (round 15).

``rocu ingest`` storing a document, a backup or a second app holds the store's write lock, with
the lock file beside the store (as ``store.writing`` takes it) or with SQLite's lock alone (a
connection that takes no lock file). A write the person waits on (a vote, a watch, a taught
definition, a missing term's note, the post record, a modal's save) waited the lock file's 120 s
and then SQLite's 10 s busy timeout, so the answer came 10-20 s late or Slack gave up on the ack.
Now each gives up within the answer's budget (``bot.library.waits``) and the person is told the
library is busy; nothing is stored twice, and the same request later is stored once.

Every test drives the real Bolt app over signed HTTP against the fake Slack (``slack_rig``); the
lock is held by a second connection (and the lock file by a second open file) until the answer
has arrived or ``HELD`` seconds have passed, so an answer that waited out the lock arrives after
it was let go and the test fails. The texts typed here were written for these tests.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from urllib.parse import urlencode

import pytest
from holders import HELD, HOLDS, Holder
from slack_rig import TEAM_ID, buttons, mrkdwn_texts

from bot.library import store, waits
from bot.render import adding as render_adding
from bot.slack import editors

BUSY = store.BUSY


def arrived_while_held(rig, method: str, holder: Holder, count: int = 1) -> list:
    """Wait for ``count`` requests of ``method`` (as ``FakeSlack.wait_for``), then let the lock
    go; each must have arrived while the lock was still held."""
    found = rig.slack.wait_for(method, count=count, timeout=HELD + 5)
    holder.release()
    assert all(r.at < holder.released_at for r in found[:count]), "it waited for the lock"
    return found


def said(message: dict) -> str:
    return " ".join([message.get("text") or "", *mrkdwn_texts(message.get("blocks") or [])])


def rows(path, sql: str, params=()) -> list:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def rig(make_rig, db):
    return make_rig()


# -- a search, a look-up, a mention: answered, the bookkeeping skipped -------------------------


@pytest.mark.parametrize("how", HOLDS)
@pytest.mark.parametrize(
    "line", ["search county lines", "define ROCU", "define ZZQWQ", "recs", "docs", "watches"]
)
def test_a_look_up_is_answered_while_another_writer_holds_the_store(rig, db_path, how, line):
    with Holder(db_path, how) as holder:
        _, _, name = rig.command(line)
        [answer] = arrived_while_held(rig, f"response:{name}", holder)
    assert BUSY not in said(answer.body) and "busy" not in said(answer.body)


@pytest.mark.parametrize("how", HOLDS)
def test_a_mention_and_a_direct_message_are_answered_while_another_writer_holds_the_store(
    rig, db_path, how
):
    with Holder(db_path, how) as holder:
        rig.mention("search county lines", ts="1700000100.000100")
        rig.event(
            {
                "type": "message",
                "channel_type": "im",
                "channel": "D0ASKER",
                "user": "U0ASKER",
                "text": "define ROCU",
                "ts": "1700000200.000100",
            }
        )
        answers = arrived_while_held(rig, "chat.postMessage", holder, count=2)
    assert all("busy" not in said(a.body) for a in answers[:2])


# -- writes a person waits on: "busy", nothing stored, the same later stored once --------------


@pytest.mark.parametrize("how", HOLDS)
def test_a_watch_while_another_writer_holds_the_store_says_busy_and_is_kept_later(
    rig, db_path, how
):
    with Holder(db_path, how) as holder:
        _, _, name = rig.command("watch quokka lanes")
        [answer] = arrived_while_held(rig, f"response:{name}", holder)
    assert BUSY in said(answer.body)
    assert rows(db_path, "select count(*) from watches")[0][0] == 0
    again = rig.answer("watch quokka lanes")
    assert "busy" not in said(again)
    assert rows(db_path, "select query from watches") == [("quokka lanes",)]


@pytest.mark.parametrize("how", HOLDS)
def test_a_personal_watch_in_a_direct_message_says_busy_in_time(rig, db_path, how):
    with Holder(db_path, how) as holder:
        rig.event(
            {
                "type": "message",
                "channel_type": "im",
                "channel": "D0ASKER",
                "user": "U0ASKER",
                "text": "watch me quokka lanes",
                "ts": "1700000300.000100",
            }
        )
        [answer] = arrived_while_held(rig, "chat.postMessage", holder)
    assert BUSY in said(answer.body)
    assert rows(db_path, "select count(*) from watches")[0][0] == 0


@pytest.mark.parametrize("how", HOLDS)
def test_teaching_a_definition_while_another_writer_holds_the_store_says_busy(rig, db_path, how):
    with Holder(db_path, how) as holder:
        _, _, name = rig.command("define QQZX = Quiet Quokka Zone Exchange")
        [answer] = arrived_while_held(rig, f"response:{name}", holder)
    assert BUSY in said(answer.body)
    assert "Quiet Quokka" not in json.dumps(rows(db_path, "select * from glossary_team"))
    taught = rig.answer("define QQZX = Quiet Quokka Zone Exchange")
    assert "Saved the team entry" in said(taught)


@pytest.mark.parametrize("how", HOLDS)
def test_a_vote_while_another_writer_holds_the_store_is_not_lost_silently(rig, db_path, how):
    vote = buttons(rig.answer("search county lines")["blocks"])["👍 Helpful"]
    with Holder(db_path, how) as holder:
        name = rig.click(vote)
        [answer] = arrived_while_held(rig, f"response:{name}", holder)
    assert "could not be saved" in said(answer.body)
    assert rows(db_path, "select count(*) from answer_feedback")[0][0] == 0
    name = rig.click(vote)
    assert "Thanks" in said(rig.slack.wait_for(f"response:{name}")[0].body)
    name = rig.click(vote)  # the same vote again: still one row
    rig.slack.wait_for(f"response:{name}")
    assert rows(db_path, "select count(*) from answer_feedback")[0][0] == 1


# -- writes inside an ack: the modal answers inside Slack's 3 seconds ---------------------------


def _status_view(rig):
    from bot.render import tracker as render_tracker

    button = next(
        b
        for b in buttons(rig.answer("recs")["blocks"]).values()
        if b.get("action_id", "").startswith(render_tracker.ACTION_STATUS)
    )
    rig.click(button, user={"id": "U0ANN", "team_id": TEAM_ID}, trigger_id="trigger.busy")
    view = rig.slack.wait_for("views.open")[-1].body["view"]
    return (json.loads(view) if isinstance(view, str) else view), render_tracker


@pytest.mark.parametrize("how", HOLDS)
def test_the_status_modal_says_busy_inside_the_ack_whichever_lock_is_held(rig, db_path, how):
    view, render_tracker = _status_view(rig)
    values = {
        render_tracker.STATUS_BLOCK: {
            render_tracker.STATUS_INPUT: {
                "type": "static_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "x"},
                    "value": "accepted",
                },
            }
        },
        render_tracker.NOTE_BLOCK: {
            render_tracker.NOTE_INPUT: {"type": "plain_text_input", "value": None}
        },
    }
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": "U0ANN", "name": "ann", "team_id": TEAM_ID},
        "api_app_id": "A0ROCU",
        "view": {**view, "id": "V0BUSY", "hash": "h1", "state": {"values": values}},
    }
    body = urlencode({"payload": json.dumps(payload)})
    with Holder(db_path, how) as holder:
        status, ack = rig.post(body)
        answered = time.monotonic()
    assert answered < holder.released_at  # the ack did not wait for the lock
    assert status == 200
    assert BUSY in json.loads(ack)["errors"][render_tracker.STATUS_BLOCK]
    assert rows(db_path, "select count(*) from recommendation_status_log")[0][0] == 0
    status, ack = rig.post(body)  # the same save later is kept, once
    assert status == 200 and "errors" not in (json.loads(ack) if ack else {})
    assert rows(db_path, "select count(*) from recommendation_status_log")[0][0] == 1


@pytest.mark.parametrize("how", HOLDS)
def test_the_edit_modal_says_busy_inside_the_ack_not_an_error(
    rig, db_path, how, monkeypatch, caplog
):
    monkeypatch.setenv("ROCU_EDITORS", "U0EDITOR")
    editors.forget_cache()
    doc_id = rows(db_path, "select id from documents order by id limit 1")[0][0]
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": "U0EDITOR", "team_id": TEAM_ID},
        "view": {
            "id": "V0EDIT",
            "type": "modal",
            "callback_id": render_adding.EDIT_VIEW,
            "private_metadata": json.dumps({"doc": doc_id}),
            "state": {
                "values": {"title": {"title": {"type": "plain_text_input", "value": "A new title"}}}
            },
        },
    }
    body = urlencode({"payload": json.dumps(payload)})
    try:
        with Holder(db_path, how) as holder:
            status, ack = rig.post(body)
            answered = time.monotonic()
        assert answered < holder.released_at
        assert status == 200, ack
        assert BUSY in json.dumps(json.loads(ack)["errors"])
        assert rows(db_path, "select title from documents where id = ?", [doc_id])[0][0] != (
            "A new title"
        )
        assert not [
            r for r in caplog.records if r.levelname == "ERROR" and r.name.startswith("rocu")
        ]
    finally:
        editors.forget_cache()


# -- the budget itself ---------------------------------------------------------------------------


def test_outside_a_budget_a_write_waits_for_the_other_writer(db, db_path):
    """The command line, the digest's clock and an add's job wait as before: the lock let go
    after a second, the write goes through."""
    with Holder(db_path, "both") as holder:
        threading.Timer(1.0, holder.release).start()
        with store.writing(db, wait=5):
            db.execute("create table if not exists budget_probe (x)")
    assert holder.released_at is not None


def test_a_budget_bounds_sqlites_wait_too(db, db_path):
    with Holder(db_path, "sqlite"), waits.budget(0.3):
        with pytest.raises(store.StoreBusy) as raised:
            with store.writing(db):
                pass
    assert str(raised.value) == BUSY


def test_the_budget_switched_off_and_its_floor():
    with waits.budget(None):
        assert waits.left(120.0) == 120.0 and waits.left(None) is None
    with waits.budget(1.0):
        assert waits.left(120.0) <= 1.0 and waits.left(0.5) == 0.5
    with waits.budget(0.0):
        assert waits.left(5.0) == waits.FLOOR  # a moment for another thread's short write


def test_the_same_watch_from_many_people_at_once_is_stored_once(db, db_path):
    """Twelve connections (as twelve people's answers) watch the same words at the same moment:
    the check for an existing watch and the insert were a deferred read-then-write, so two could
    both find none and both insert."""
    from bot.digest.watches import add_watch

    barrier = threading.Barrier(12)
    outcomes = []

    def watch(user: str) -> None:
        own = store.open_db(db_path)
        try:
            barrier.wait()
            outcomes.append(add_watch(own, "C0SAME", "quokka lanes", user)[1])
        finally:
            own.close()

    threads = [threading.Thread(target=watch, args=(f"U{i}",)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == [False] * 11 + [True]
    assert rows(db_path, "select count(*) from watches where channel = 'C0SAME'") == [(1,)]


# -- Slack slow to take answers ------------------------------------------------------------------


def slow_slack_then_a_mention(make_rig) -> tuple[float, float]:
    """Twenty slash commands and four 👍 whose response_urls take 3 s each to answer, then a
    mention (answered with chat.postMessage, which is quick): (when the first response_url post
    arrived, when the mention's answer did)."""
    rig = make_rig()
    vote = buttons(rig.answer("search county lines")["blocks"])["👍 Helpful"]
    rig.slack.clear()
    rig.slack.response_delay = 3.0
    try:
        for number in range(20):
            rig.command("help" if number % 2 else "docs")
        for number in range(4):
            rig.click(vote, user=f"U0VOTE{number}")
        rig.mention("define ROCU", ts="1700000600.000100")
        [answer] = rig.slack.wait_for("chat.postMessage", timeout=15)
        rig.slack.wait_for("response", count=24, timeout=30)  # every answer went, once each
        first = min(r.at for r in rig.slack.responses())  # when it arrived (recorded 3 s later)
        assert len({r.method for r in rig.slack.responses()}) == 24
    finally:
        rig.slack.response_delay = 0.0
    return first, answer.at


def test_slow_response_urls_do_not_hold_a_mentions_answer(make_rig, db):
    first, mention = slow_slack_then_a_mention(make_rig)
    assert mention < first + 2.0  # not behind the slow posts (each held a thread 3 s)


def test_with_the_old_pools_they_did(make_rig, db, monkeypatch):
    """The switches off: 16 posting threads, and the thanks for a vote sent from the answer
    pool's four threads, as before round 15."""
    from bot.slack import feedback

    monkeypatch.setenv("ROCU_POST_THREADS", "16")
    monkeypatch.setattr(feedback, "DELIVER_THANKS", False)
    first, mention = slow_slack_then_a_mention(make_rig)
    assert mention >= first + 2.5
