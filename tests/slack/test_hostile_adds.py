"""Adds apart from answers (issue 24): links to a server that drips its headers never hold up a
search; a person has at most ``ROCU_ADDS_PER_USER`` adds at once; an add a crash interrupted is
found at the next start, its "Reading ..." replaced, and Slack's re-delivery answered. The drip
server and every text here were written for these tests."""

from __future__ import annotations

import json
import time

import pytest
from hostile.drip import DripServer
from slack_rig import mrkdwn_texts

from bot.slack import adds, editors
from bot.slack.once import Ledger


@pytest.fixture(autouse=True)
def loopback(monkeypatch):
    monkeypatch.delenv("ROCU_EDITORS", raising=False)  # the default: everyone may add
    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("ROCU_FETCH_DEADLINE", "30")
    editors.forget_cache()
    yield
    editors.forget_cache()


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


def test_slow_links_never_hold_up_searches(make_rig):
    rig = make_rig()
    with DripServer(every=1.0) as drip:
        adders = [
            rig.command(f"add {drip.url(f'/p{n}')}", user_id=f"U0ADD{n}")[2] for n in range(4)
        ]
        for name in adders:  # each add said "Reading ..." and is now waiting on the drip
            assert "Reading" in texts(rig.slack.wait_for(f"response:{name}")[0].body)
        searches = [rig.command("county lines")[2] for _ in range(6)]
        for name in searches:
            answer = rig.slack.wait_for(f"response:{name}", timeout=15)[0].body
            assert answer["blocks"]
        for name in adders:  # none of the adds has finished: the searches did not wait for them
            assert len(rig.slack.responses(name)) == 1
    for name in adders:  # the server hung up: each add ends with one sentence
        assert rig.slack.wait_for(f"response:{name}", count=2, timeout=20)[1].body["blocks"]


def test_a_person_has_at_most_so_many_adds_at_once(make_rig, monkeypatch):
    monkeypatch.setenv("ROCU_ADDS_PER_USER", "1")
    rig = make_rig()
    with DripServer(every=1.0) as drip:
        first = rig.command(f"add {drip.url('/a')}", user_id="U0BUSY")[2]
        assert "Reading" in texts(rig.slack.wait_for(f"response:{first}")[0].body)
        second = rig.command(f"add {drip.url('/b')}", user_id="U0BUSY")[2]
        refusal = texts(rig.slack.wait_for(f"response:{second}")[0].body)
        assert "already have 1 add running" in refusal
        other = rig.command(f"add {drip.url('/c')}", user_id="U0OTHER")[2]
        assert "Reading" in texts(rig.slack.wait_for(f"response:{other}")[0].body)
    for name in (first, other):
        rig.slack.wait_for(f"response:{name}", count=2, timeout=20)


def test_an_add_cut_off_by_a_crash_is_replaced_and_its_event_answered_again(
    db, db_path, fake_slack, make_rig
):
    from bot.slack.app import Library

    # What a process killed mid-add leaves: the "Reading ..." post recorded as sent, the add noted.
    library = Library(db_path)
    key = "event:Ev-crashed:add:0"
    ledger = Ledger(library.db)
    assert ledger.claim(key)
    ledger.mark(key, "sent", "chat.postMessage", "1700000000.000100")
    adds.Pending(library.db).begin({"channel": "C0GENERAL", "ts": "1700000000.000100"}, key)

    rig = make_rig()
    update = fake_slack.wait_for("chat.update")[0].body
    assert update["channel"] == "C0GENERAL" and update["ts"] == "1700000000.000100"
    assert "interrupted; try again" in json.dumps(update)
    deadline = time.monotonic() + 10  # the record is cleared once the message is replaced
    while adds.Pending(library.db).interrupted() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert adds.Pending(library.db).interrupted() == []
    assert Ledger(library.db).state(key) == "failed"

    # Slack delivers the same event again: it is answered ("Reading ..." in the thread).
    event = {
        "type": "app_mention",
        "user": "U0SENDER",
        "text": "<@U0ROCU> add https://example.invalid/report",
        "channel": "C0GENERAL",
        "ts": "1699999999.000100",
    }
    assert rig.event(event, event_id="Ev-crashed") == 200
    posted = fake_slack.wait_for("chat.postMessage")[0].body
    assert "Reading" in json.dumps(posted)
    fake_slack.wait_for("chat.update", count=2, timeout=30)  # the add ends: a sentence
