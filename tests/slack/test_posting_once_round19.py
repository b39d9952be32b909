"""Posting exactly once when Slack's answer is uncertain (round 19).

Slack's method docs say of ``internal_error`` and ``fatal_error`` that some aspect of the
operation may have succeeded, and an HTTP 500 says nothing either way. The fake Slack here acts
first and then answers with the failure (``fail(..., stored=True)``), or refuses outright. A post
that may have been posted is not re-sent blindly: the channel is read for the post's metadata
mark first (``bot.slack.once.find_posted``), and only a post Slack shows no trace of is sent
again. ``once.RECONCILE = False`` brings back the old behaviour, and the duplicates with it.
Every message text here comes from the app or was written for this test."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator

from bot.digest import scheduler as sc
from bot.digest.content import Schedule
from bot.slack import once
from bot.slack.once import response_key
from bot.slack.poster import SlackPoster, make_client

AT_EIGHT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=Schedule().tz)
NEXT_TICK = AT_EIGHT + dt.timedelta(minutes=sc.RETRY_MINUTES)
FRIDAY = AT_EIGHT.date()
UNCERTAIN = [
    pytest.param({"status": 500}, id="HTTP 500"),
    pytest.param({"error": "internal_error"}, id="internal_error"),
    pytest.param({"error": "fatal_error"}, id="fatal_error"),
    pytest.param({"status": 503, "error": "service_unavailable"}, id="HTTP 503"),
]


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(once, "RECHECK_PAUSE", 0.0)


def poster_for(slack) -> SlackPoster:
    return SlackPoster(make_client("xoxb-test", slack.url, FixedValueRetryIntervalCalculator(0)))


def digests(slack, channel: str = "C1") -> list[dict]:
    return [m for m in slack.appeared(channel) if (m.get("metadata") or {}).get("event_type")]


# -- the digest --------------------------------------------------------------------------------


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_a_digest_slack_posted_but_answered_badly_appears_once(db, slack, failure):
    slack.fail("chat.postMessage", stored=True, times=1, **failure)
    poster = poster_for(slack)
    first = sc.run_due(db, "C1", poster, now=AT_EIGHT)
    assert first.status == "uncertain" and sc.posted(db, "C1", FRIDAY) is None
    assert len(slack.calls("chat.postMessage")) == 1  # not retried by the client
    second = sc.run_due(db, "C1", poster, now=NEXT_TICK)  # the scheduler's retry
    assert second.status == "posted" and second.reason == "found in the channel"
    assert sc.posted(db, "C1", FRIDAY)["ts"] == second.ts == slack.messages[0]["ts"]
    assert sc.run_due(db, "C1", poster, now=NEXT_TICK + dt.timedelta(minutes=5)).status == (
        "already_posted"
    )
    assert len(digests(slack)) == 1 and len(slack.calls("chat.postMessage")) == 1
    [read] = slack.calls("conversations.history")
    assert read.body["channel"] == "C1" and read.body["include_all_metadata"] in ("1", "true")


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_a_digest_slack_refused_is_sent_again_and_appears_once(db, slack, failure):
    slack.fail("chat.postMessage", times=1, **failure)  # refused: nothing posted
    poster = poster_for(slack)
    assert sc.run_due(db, "C1", poster, now=AT_EIGHT).status == "uncertain"
    assert digests(slack) == []
    second = sc.run_due(db, "C1", poster, now=NEXT_TICK)
    assert second.status == "posted" and second.reason == ""
    assert len(digests(slack)) == 1 and len(slack.calls("chat.postMessage")) == 2
    assert sc.run_due(db, "C1", poster, now=NEXT_TICK).status == "already_posted"


def test_with_the_switch_off_the_digest_is_posted_twice(db, slack, monkeypatch):
    """What round 18 did: slack_sdk retried the 500 and posted the digest a second time."""
    monkeypatch.setattr(once, "RECONCILE", False)
    slack.fail("chat.postMessage", status=500, stored=True, times=1)
    assert sc.run_due(db, "C1", poster_for(slack), now=AT_EIGHT).status == "posted"
    assert len(slack.appeared("C1")) == 2


def test_a_digest_posted_after_many_bad_answers_still_appears_once(db, slack):
    """Every try taken and answered 500 (Slack in trouble for a while): one a tick, each found
    in the channel on the next, so the day has one digest."""
    slack.fail("chat.postMessage", status=500, stored=True, times=10)
    poster = poster_for(slack)
    outcomes = [
        sc.run_due(db, "C1", poster, now=AT_EIGHT + dt.timedelta(minutes=5 * n)).status
        for n in range(4)
    ]
    assert outcomes == ["uncertain", "posted", "already_posted", "already_posted"]
    assert len(digests(slack)) == 1


def test_an_unreadable_channel_is_read_again_on_the_next_tick(db, slack):
    slack.fail("chat.postMessage", status=500, stored=True, times=1)
    slack.fail("conversations.history", status=500, times=sc.MAX_RETRIES + 1)  # Slack down
    poster = poster_for(slack)
    assert sc.run_due(db, "C1", poster, now=AT_EIGHT).status == "uncertain"
    second = sc.run_due(db, "C1", poster, now=NEXT_TICK)
    assert second.status == "uncertain" and sc.posted(db, "C1", FRIDAY) is None
    third = sc.run_due(db, "C1", poster, now=NEXT_TICK + dt.timedelta(minutes=5))
    assert third.status == "posted" and third.reason == "found in the channel"
    assert len(digests(slack)) == 1


def test_without_the_history_scope_an_uncertain_digest_is_never_posted_twice(db, slack, caplog):
    """An install without ``channels:history``: the day is logged without a ts (round 18's
    behaviour), and the log says which scope would let it check."""
    slack.fail("chat.postMessage", error="internal_error", times=1)  # refused, as it happens
    slack.fail("conversations.history", error="missing_scope", times=5)
    poster = poster_for(slack)
    assert sc.run_due(db, "C1", poster, now=AT_EIGHT).status == "uncertain"
    second = sc.run_due(db, "C1", poster, now=NEXT_TICK)
    assert second.status == "uncertain" and sc.posted(db, "C1", FRIDAY)["ts"] == ""
    assert sc.run_due(db, "C1", poster, now=NEXT_TICK).status == "already_posted"
    assert len(slack.calls("chat.postMessage")) == 1
    assert "channels:history" in caplog.text


def test_rate_limits_and_truncated_requests_are_still_retried_at_once(db, slack):
    """Slack says it did not act on these: retried by the client, no history read."""
    slack.fail("chat.postMessage", status=429, times=1, retry_after=0)
    assert sc.run_due(db, "C1", poster_for(slack), now=AT_EIGHT).status == "posted"
    assert len(digests(slack)) == 1 and slack.calls("conversations.history") == []


def test_the_digest_carries_its_key_in_metadata_as_a_hash(db, slack):
    assert sc.run_due(db, "C1", poster_for(slack), now=AT_EIGHT).status == "posted"
    [message] = slack.messages
    assert message["metadata"]["event_type"] == "rocu_digest"
    [mark] = message["metadata"]["event_payload"].values()
    assert "C1" not in mark and "2020" not in mark and len(mark) == 24


# -- a mention's answer (chat.postMessage in a thread) ----------------------------------------


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_a_mention_answer_slack_posted_but_answered_badly_appears_once(make_rig, slack, failure):
    rig = make_rig()
    slack.fail("chat.postMessage", stored=True, times=1, **failure)
    rig.mention("define ROCU", ts="1700000800.000100")
    slack.wait_for("conversations.replies", timeout=20)
    time.sleep(1.0)  # a re-send or a fallback would arrive by now
    [answer] = slack.appeared("C0GENERAL")
    assert answer["thread_ts"] == "1700000800.000100" and answer["via"] == "chat.postMessage"
    assert len(slack.calls("chat.postMessage")) == 1 and slack.calls("chat.postEphemeral") == []


def test_a_mention_answer_slack_refused_with_a_500_is_sent_again_once(make_rig, slack, db):
    rig = make_rig()
    slack.fail("chat.postMessage", status=500, times=1)
    rig.mention("define ROCU", ts="1700000900.000100")
    slack.wait_for("chat.postMessage", count=2, timeout=20)
    time.sleep(1.0)
    [answer] = slack.appeared("C0GENERAL")
    assert answer["thread_ts"] == "1700000900.000100"
    assert [c.status for c in slack.calls("chat.postMessage")] == [500, 200]
    assert slack.calls("chat.postEphemeral") == []


def test_with_the_switch_off_a_mention_answer_appears_twice(make_rig, slack, monkeypatch):
    monkeypatch.setattr(once, "RECONCILE", False)
    rig = make_rig()
    slack.fail("chat.postMessage", error="internal_error", stored=True, times=1)
    rig.mention("define ROCU", ts="1700001000.000100")
    slack.wait_for("chat.postMessage", count=2, timeout=20)
    time.sleep(1.0)
    assert len(slack.appeared("C0GENERAL")) == 2


def test_a_mention_answer_refused_every_time_goes_privately_once(make_rig, slack):
    """Each try refused and checked absent: after ``RECHECKS`` more tries it is certain Slack
    posted none, so the private fallback is safe."""
    rig = make_rig()
    slack.fail("chat.postMessage", error="internal_error", times=20)
    rig.mention("define ROCU", ts="1700001100.000100")
    [private] = slack.wait_for("chat.postEphemeral", timeout=30)
    time.sleep(0.5)
    assert len(slack.calls("chat.postMessage")) == 1 + once.RECHECKS
    assert [m["via"] for m in slack.appeared("C0GENERAL")] == ["chat.postEphemeral"]
    assert private.body["user"] == "U0ASKER"


# -- a slash command's answer (response_url: no history) -----------------------------------------


def test_a_slash_answer_whose_response_url_answered_500_is_not_sent_again(make_rig, slack, db):
    """A response_url has no history to read: an HTTP 5xx is uncertain, the answer is neither
    re-sent there nor privately (Slack had shown it here, as it may have in Slack). Round 21,
    later: a short note says to ask again if it did not arrive (``once.ASK_AGAIN_AFTER_5XX``),
    not the answer."""
    rig = make_rig()
    slack.fail("response", status=500, stored=True, times=1)
    _, _, name = rig.command("define ROCU")
    slack.wait_for(f"response:{name}", timeout=20)
    time.sleep(1.0)
    [note] = slack.calls("chat.postEphemeral")
    assert note.body["text"] == once.ASK_AGAIN and "blocks" not in note.body
    assert len(slack.appeared()) == 2
    key = response_key(slack.response_url(name), "answer")
    assert db.execute("select state from slack_posts where key = ?", [key]).fetchone()[0] == (
        "uncertain"
    )


def test_with_the_switch_off_a_response_url_500_is_answered_twice(make_rig, slack, monkeypatch):
    monkeypatch.setattr(once, "RECONCILE", False)
    rig = make_rig()
    slack.fail("response", status=500, stored=True, times=1)
    rig.command("define ROCU")
    slack.wait_for("chat.postEphemeral", timeout=20)
    assert len(slack.appeared()) == 2


# -- the fake behaves like Slack here --------------------------------------------------------------


def test_the_fake_keeps_messages_and_returns_metadata_only_when_asked(slack):
    client = make_client("xoxb-test", slack.url, FixedValueRetryIntervalCalculator(0))
    meta = once.metadata_for("abc")
    for n in range(5):
        client.chat_postMessage(channel="C9", text=f"note {n}", metadata=meta)
    client.chat_postMessage(channel="C9", text="in a thread", thread_ts="1.0", metadata=meta)
    plain = client.conversations_history(channel="C9", limit=2)
    assert [m["text"] for m in plain["messages"]] == ["note 4", "note 3"]  # newest first
    assert plain["has_more"] and "metadata" not in plain["messages"][0]
    rest = client.conversations_history(
        channel="C9", limit=5000, cursor=plain["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in rest["messages"]] == ["note 2", "note 1", "note 0"]
    full = client.conversations_history(channel="C9", include_all_metadata=True)
    assert full["messages"][0]["metadata"] == meta
    replies = client.conversations_replies(channel="C9", ts="1.0", include_all_metadata=True)
    assert [m["text"] for m in replies["messages"]] == ["in a thread"]
    from slack_sdk.errors import SlackApiError

    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="C9", text="x", metadata={"event_type": "a b"})
    assert refused.value.response["error"] == "invalid_metadata_format"
