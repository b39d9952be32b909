"""The digest posted through slack_sdk to a fake Slack Web API on 127.0.0.1: blocks and ts,
rate limits and connection errors retried, Slack errors logged with how to fix them and the
digest left unsent until a later tick succeeds."""

from __future__ import annotations

import datetime as dt
import re

from slack_sdk.http_retry import FixedValueRetryIntervalCalculator
from slack_server import FakeSlack

from bot.digest import scheduler as sc
from bot.digest.content import Schedule
from bot.slack.poster import SlackPoster, make_client

LONDON = Schedule().tz
FRIDAY = dt.date(2020, 3, 20)
AT_EIGHT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=LONDON)


def poster_for(url: str) -> SlackPoster:
    client = make_client("xoxb-test", url, FixedValueRetryIntervalCalculator(0))
    return SlackPoster(client)


def test_digest_posted_with_blocks_and_its_ts_logged(db, slack):
    outcome = sc.run_due(db, "C1", poster_for(slack.url), now=AT_EIGHT)
    assert outcome.status == "posted"
    [call] = slack.calls("chat.postMessage")
    assert call.body["channel"] == "C1"
    assert call.headers["authorization"] == "Bearer xoxb-test"
    assert "Friday 20 March 2020" in call.body["text"]
    blocks = call.body["blocks"]
    assert blocks[0]["type"] == "header" and 1 < len(blocks) <= 50
    assert sc.posted(db, "C1", FRIDAY)["ts"] == outcome.ts and re.fullmatch(
        r"\d{10}\.\d{6}", outcome.ts
    )


def test_rate_limit_is_retried_by_slack_sdk(db, slack):
    slack.fail("chat.postMessage", times=1, status=429, retry_after=0)
    outcome = sc.run_due(db, "C1", poster_for(slack.url), now=AT_EIGHT)
    assert outcome.status == "posted"
    statuses = [c.status for c in slack.calls("chat.postMessage")]
    assert statuses == [429, 200]
    assert sc.run_due(db, "C1", poster_for(slack.url), now=AT_EIGHT).status == "already_posted"
    assert len(slack.calls("chat.postMessage")) == 2


def test_not_in_channel_says_to_invite_the_bot_then_succeeds_next_tick(db, slack, caplog):
    slack.fail("chat.postMessage", error="not_in_channel", times=1)
    poster = poster_for(slack.url)
    first = sc.run_due(db, "C1", poster, now=AT_EIGHT)
    assert first.status == "failed"
    assert "/invite @rocu" in caplog.text and "not_in_channel" in caplog.text
    assert sc.posted(db, "C1", FRIDAY) is None
    retry = sc.run_due(db, "C1", poster, now=AT_EIGHT + dt.timedelta(minutes=sc.RETRY_MINUTES))
    assert retry.status == "posted" and sc.posted(db, "C1", FRIDAY)["ts"] == retry.ts
    assert len(slack.calls("chat.postMessage")) == 2


def test_channel_not_found_names_the_setting(db, slack, caplog):
    slack.fail("chat.postMessage", error="channel_not_found", times=1)
    outcome = sc.run_due(db, "CNOPE", poster_for(slack.url), now=AT_EIGHT)
    assert outcome.status == "failed" and "channel_not_found" in outcome.reason
    assert "DIGEST_CHANNEL" in caplog.text and "CNOPE" in caplog.text
    assert sc.posted(db, "CNOPE", FRIDAY) is None


def test_rate_limited_beyond_the_retries_is_left_for_the_next_tick(db, slack):
    slack.fail("chat.postMessage", times=sc.MAX_RETRIES + 1, status=429, retry_after=0)
    poster = poster_for(slack.url)
    assert sc.run_due(db, "C1", poster, now=AT_EIGHT).status == "failed"
    assert len(slack.calls("chat.postMessage")) == sc.MAX_RETRIES + 1
    assert sc.posted(db, "C1", FRIDAY) is None
    assert sc.run_due(db, "C1", poster, now=AT_EIGHT + dt.timedelta(minutes=5)).status == "posted"


def test_slack_unreachable_is_a_failure_not_a_crash(db):
    fake = FakeSlack().start()
    url = fake.url
    fake.stop()  # nothing listens there any more: connection refused, retried, then given up
    outcome = sc.run_due(db, "C1", poster_for(url), now=AT_EIGHT)
    assert outcome.status == "failed" and "could not reach Slack" in outcome.reason
    assert sc.posted(db, "C1", FRIDAY) is None and db["digest_lease"].count == 0


def test_cli_post_goes_to_slack_once(runner, db, slack, monkeypatch):
    from bot.cli import cli

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", slack.url)
    monkeypatch.setenv("DIGEST_CHANNEL", "C1")
    first = runner.invoke(cli, ["digest", "--post"])
    assert first.exit_code == 0, first.output
    assert "Posted the digest" in first.output
    second = runner.invoke(cli, ["digest", "--post"])
    assert second.exit_code == 0 and "already posted" in second.output
    assert len(slack.calls("chat.postMessage")) == 1
