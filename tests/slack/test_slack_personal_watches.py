"""Personal watches end to end: ``/rocu watch me TOPIC`` through the real Bolt app, then a direct
message through the fake Slack (valid Block Kit within Slack's limits) when a new document or
recommendation matches, at most once a day per topic and never twice for the same day (the post
ledger and ``watch_alerts``); ``/rocu watches`` lists the channel's and the person's topics. The
documents are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from slack_rig import ASKER, mrkdwn_texts

from bot.digest import alerts
from bot.library.ingest import ingest
from bot.library.ledger import Ledger
from bot.slack.poster import AlertPoster, make_client

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

FIRST = """Regional coordination of county lines work

This paper sets out how police forces in the east of the region share what they learn about
county lines supply routes with one another.

Recommendation 1: The regional unit should appoint a county lines coordinator for every force
area by March 2027.

Officers told the review that county lines networks move quickly between towns and that a
single point of contact would help.
"""

SECOND = """A second note on county lines safeguarding

Schools and youth services in the north of the region reported more young people drawn into
county lines activity over the winter, and asked for joint training with the police.
"""


def backdate_watches(db) -> None:
    """Watches made a while ago (so a document added this second is new to them)."""
    db.execute("update watches set created_at = '2026-01-01T00:00:00+00:00'")
    db.conn.commit()


def add_text(db, tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    report = ingest(db, [path])
    assert not report.failed
    return db.execute("select id from documents where file = ?", [name]).fetchone()[0]


def poster_for(rig) -> AlertPoster:
    return AlertPoster(make_client("xoxb-test", rig.slack.url))  # never re-sends a dropped post


def dms(rig, user: str = ASKER) -> list:
    """Alerts posted to the person: in the DM conversations.open gave (``D<user id>`` in the
    fake), or to the user id when it could not be opened."""
    return [
        c
        for c in rig.slack.calls("chat.postMessage")
        if c.body.get("channel") in (user, "D" + user)
    ]


def test_watch_me_then_a_matching_document_sends_one_direct_message_a_day(rig, db, tmp_path):
    reply = rig.answer("watch me county lines")
    assert reply["response_type"] == "ephemeral"
    assert "Watching “county lines” for you" in " ".join(mrkdwn_texts(reply["blocks"]))
    backdate_watches(db)
    new_id = add_text(db, tmp_path, "county-lines-coordination.txt", FIRST)
    now = dt.datetime.now(dt.UTC)
    ledger = Ledger(lambda: db)
    outcomes = alerts.send_alerts(db, poster_for(rig), ledger, now=now)
    assert [o for _, o in outcomes] == ["sent"]
    [call] = dms(rig)
    assert call.status == 200  # Slack (the fake) took it: valid Block Kit within the limits
    message = call.body
    assert message["blocks"][0]["text"]["text"] == "New on your watch: county lines"
    text = " ".join(mrkdwn_texts(message["blocks"]))
    assert new_id in text and "coordinator" in text  # the document and its recommendation
    assert "/rocu unwatch me 1" in text
    # the same day: nothing more, however often it is checked
    assert alerts.send_alerts(db, poster_for(rig), ledger, now=now) == []
    add_text(db, tmp_path, "county-lines-safeguarding.txt", SECOND)
    assert alerts.send_alerts(db, poster_for(rig), ledger, now=dt.datetime.now(dt.UTC)) == []
    assert len(dms(rig)) == 1
    # the next day, what came since
    outcomes = alerts.send_alerts(db, poster_for(rig), ledger, now=now + dt.timedelta(days=1))
    assert [o for _, o in outcomes] == ["sent"]
    second = dms(rig)[1].body
    assert "safeguarding" in " ".join(mrkdwn_texts(second["blocks"])).lower()
    assert new_id not in " ".join(mrkdwn_texts(second["blocks"]))


def test_no_message_when_nothing_new_matches(rig, db, tmp_path):
    rig.answer("watch me ransomware negotiators")
    backdate_watches(db)
    add_text(db, tmp_path, "county-lines-coordination.txt", FIRST)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert alerts.send_alerts(db, poster_for(rig), Ledger(lambda: db), now=now) == []
    assert dms(rig) == []


def test_a_claimed_alert_is_never_posted_twice(rig, db, tmp_path):
    rig.answer("watch me county lines")
    backdate_watches(db)
    add_text(db, tmp_path, "county-lines-coordination.txt", FIRST)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    ledger = Ledger(lambda: db)
    [alert] = alerts.pending_alerts(db, now)
    assert ledger.claim(alerts.alert_key(alert))  # another process is posting it
    outcomes = alerts.send_alerts(db, poster_for(rig), ledger, now=now)
    assert [o for _, o in outcomes] == ["skipped"] and dms(rig) == []


def test_a_dropped_connection_is_recorded_and_not_resent(rig, db, tmp_path):
    rig.answer("watch me county lines")
    backdate_watches(db)
    add_text(db, tmp_path, "county-lines-coordination.txt", FIRST)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    rig.slack.drop_after("chat.postMessage")
    outcomes = alerts.send_alerts(db, poster_for(rig), Ledger(lambda: db), now=now)
    # Slack took it before the connection dropped: found in the DM (round 19), not re-sent
    assert [o for _, o in outcomes] == ["sent"]
    assert alerts.send_alerts(db, poster_for(rig), Ledger(lambda: db), now=now) == []
    assert len(dms(rig)) == 1


def test_the_scheduler_tick_sends_the_alert(rig, db, db_path, tmp_path):
    rig.answer("watch me county lines")
    backdate_watches(db)
    add_text(db, tmp_path, "county-lines-coordination.txt", FIRST)
    outcomes = alerts.AlertScheduler(str(db_path), poster_for(rig)).tick()
    assert [o for _, o in outcomes] == ["sent"] and len(dms(rig)) == 1


def test_watches_lists_the_channels_topics_and_yours(rig, monkeypatch):
    rig.answer("watch organised crime")
    rig.answer("watch me county lines")
    rig.answer("watch me cyber fraud")
    text = " ".join(mrkdwn_texts(rig.answer("watches")["blocks"]))
    assert "Topics this channel watches" in text and "1. organised crime" in text
    assert "Your own topics" in text and "1. county lines" in text and "2. cyber fraud" in text
    removed = rig.answer("unwatch me 1")
    assert "You no longer watch “county lines”" in " ".join(mrkdwn_texts(removed["blocks"]))
    text = " ".join(mrkdwn_texts(rig.answer("watches")["blocks"]))
    assert "1. cyber fraud" in text and "county lines" not in text


def test_anyone_may_watch_for_themselves_but_only_editors_for_the_channel(make_rig, monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", "U0EDITOR")
    from bot.slack import editors

    editors.forget_cache()
    rig = make_rig()
    mine = rig.answer("watch me county lines")
    assert "for you" in " ".join(mrkdwn_texts(mine["blocks"]))
    channel = rig.answer("watch county lines")
    assert "only the library's editors" in " ".join(mrkdwn_texts(channel["blocks"]))
    editors.forget_cache()


def test_watch_me_without_words_says_how(rig):
    reply = rig.answer("watch me")
    assert reply["response_type"] == "ephemeral"
    assert "watch me county lines" in " ".join(mrkdwn_texts(reply["blocks"]))


def test_a_hostile_topic_and_title_reach_the_direct_message_escaped():
    from slack_server import message_problem

    from bot.digest.watches import Watch
    from bot.render.alerts import alert_message

    hostile = "<!channel> <@U0VICTIM> & co"
    watch = Watch(7, 1, "user:U1", hostile, "U1", "2026-01-01T00:00:00+00:00")
    alert = alerts.Alert(
        "U1",
        watch,
        dt.date(2026, 3, 2),
        dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        documents=[alerts.NewDocument("d1", hostile, "report", None)],
    )
    message = alert_message(alert)
    assert message_problem(message) is None
    texts = [message["text"], *mrkdwn_texts(message["blocks"])]
    assert any("&lt;!channel&gt;" in t for t in texts)
    assert not any("<!channel>" in t or "<@U0VICTIM>" in t for t in texts)


def test_the_console_cannot_make_a_watch_no_message_could_reach(db):
    from bot import commands

    reply = commands.dispatch(db, "watch me county lines", commands.Context(user="console"))
    assert reply.kind == "usage" and "in Slack" in reply.data
    assert alerts.personal_watches(db, "console") == []
    alerts.add_personal_watch(db, "not-a-slack-user", "county lines")  # e.g. an older store
    assert all(user != "not-a-slack-user" for user, _ in alerts.everyone_watching(db))
