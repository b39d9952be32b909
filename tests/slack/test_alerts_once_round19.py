"""Personal watch alerts posted exactly once when Slack's answer is uncertain (round 19).

An alert (``bot.slack.poster.AlertPoster``) goes to the app's direct message conversation with the
person (``conversations.open``) carrying its key's hash in Slack's message metadata. After an
HTTP 500 or ``internal_error`` that conversation is read (``conversations.history``, scope
``im:history``) and the alert is sent again only when Slack shows none; without the scope it is
never sent twice. The fake Slack acts and then answers with the failure (``stored=True``), or
refuses outright. ``poster.RECONCILE_ALERTS = False`` brings back "never re-sent". The document
text was written for this test."""

from __future__ import annotations

import datetime as dt

import pytest
from slack_rig import ASKER
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator

from bot.digest import alerts
from bot.library.ingest import ingest
from bot.library.ledger import Ledger
from bot.slack import once, poster
from bot.slack.poster import ALERT_EVENT, AlertPoster, make_client

pytestmark = pytest.mark.usefixtures("every_post_valid")

DM = "D" + ASKER  # the fake's conversations.open answer for the person
UNCERTAIN = [
    pytest.param({"status": 500}, id="HTTP 500"),
    pytest.param({"error": "internal_error"}, id="internal_error"),
]

NOTE = """Port security and organised crime groups

This note, written for a test, describes how a regional unit checks container traffic at small
ports for signs of organised crime groups moving firearms.

Recommendation 1: The unit should agree a shared port security checklist with every force in the
region by June 2027.
"""


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(once, "RECHECK_PAUSE", 0.0)


@pytest.fixture
def due(rig, db, tmp_path):
    """A personal watch with one alert due now."""
    rig.answer("watch me port security")
    db.execute("update watches set created_at = '2026-01-01T00:00:00+00:00'")
    db.conn.commit()
    path = tmp_path / "port-security.txt"
    path.write_text(NOTE)
    assert not ingest(db, [path]).failed
    return dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)


def poster_for(rig) -> AlertPoster:
    return AlertPoster(
        make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    )


def shown(rig) -> list[dict]:
    """Alerts the person would see in their DM with the app."""
    return [
        m
        for m in rig.slack.appeared(DM)
        if (m.get("metadata") or {}).get("event_type") == ALERT_EVENT
    ]


def send(rig, db, now) -> list[str]:
    return [o for _, o in alerts.send_alerts(db, poster_for(rig), Ledger(lambda: db), now=now)]


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_an_alert_slack_posted_but_answered_badly_appears_once(rig, db, due, failure):
    rig.slack.fail("chat.postMessage", stored=True, times=1, **failure)
    assert send(rig, db, due) == ["sent"]
    [alert] = shown(rig)
    assert len(rig.slack.calls("chat.postMessage")) == 1  # found in the DM, not sent again
    [read] = rig.slack.calls("conversations.history")
    assert read.body["channel"] == DM and read.body["include_all_metadata"] in ("1", "true")
    row = db.execute("select ts from watch_alerts").fetchone()
    assert row[0] == alert["ts"]  # recorded with Slack's ts
    assert send(rig, db, due) == [] and len(shown(rig)) == 1  # the next check: nothing


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_an_alert_slack_refused_is_sent_again_and_appears_once(rig, db, due, failure):
    rig.slack.fail("chat.postMessage", times=1, **failure)  # refused: nothing posted
    assert send(rig, db, due) == ["sent"]
    assert len(shown(rig)) == 1 and len(rig.slack.calls("chat.postMessage")) == 2
    assert send(rig, db, due) == [] and len(shown(rig)) == 1


def test_an_alert_refused_every_time_fails_and_is_tried_at_the_next_check(rig, db, due):
    rig.slack.fail("chat.postMessage", status=500, times=1 + once.RECHECKS)
    assert send(rig, db, due) == ["failed"]
    assert shown(rig) == [] and len(rig.slack.calls("chat.postMessage")) == 1 + once.RECHECKS
    assert send(rig, db, due) == ["sent"] and len(shown(rig)) == 1


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_without_im_history_an_alert_is_never_sent_twice(rig, db, due, failure, caplog):
    rig.slack.fail("chat.postMessage", stored=True, times=1, **failure)
    rig.slack.fail("conversations.history", error="missing_scope", times=10)
    assert send(rig, db, due) == ["uncertain"]
    assert send(rig, db, due) == []  # recorded: not tried again
    assert len(shown(rig)) == 1 and len(rig.slack.calls("chat.postMessage")) == 1
    assert "im:history" in caplog.text


def test_switched_off_an_uncertain_alert_is_not_read_for_nor_sent_again(rig, db, due, monkeypatch):
    monkeypatch.setattr(poster, "RECONCILE_ALERTS", False)
    rig.slack.fail("chat.postMessage", times=1, status=500)  # refused, but it cannot tell
    assert send(rig, db, due) == ["uncertain"]
    assert send(rig, db, due) == []
    assert rig.slack.calls("conversations.history") == [] and shown(rig) == []
    [post] = rig.slack.calls("chat.postMessage")
    assert post.body["channel"] == ASKER  # as before: to the user id, no metadata


def test_an_alert_goes_to_the_dm_with_its_mark(rig, db, due):
    assert send(rig, db, due) == ["sent"]
    [alert] = shown(rig)
    [opened] = rig.slack.calls("conversations.open")
    assert opened.body["users"] == ASKER
    payload = alert["metadata"]["event_payload"]
    assert set(payload) == {"rocu_key"} and ASKER not in payload["rocu_key"]  # a hash only
