"""Round 18's leftovers (round 19): a digest Slack refuses is told to whoever set it up, in one
sentence in a direct message, once a day per reason (``scheduler.TELL_REFUSALS``); ``@rocu
digest`` in a thread says it is being worked out, as the slash command does
(``app.DIGEST_WORD_IN_THREADS``). Texts come from the app or were written for this test."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator

from bot.config import Settings
from bot.digest import content
from bot.digest import scheduler as sc
from bot.digest.content import Schedule
from bot.slack import app as slack_app
from bot.slack.poster import SlackPoster, digest_contacts, make_client

AT_EIGHT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=Schedule().tz)
SETUP = "U0SETUP"


def poster_for(slack, contacts=(SETUP,)) -> SlackPoster:
    client = make_client("xoxb-test", slack.url, FixedValueRetryIntervalCalculator(0))
    return SlackPoster(client, contacts)


def told(slack) -> list[str]:
    """What the contact was sent: in the app's DM with them (round 20), or to the user id."""
    return [m["text"] for m in slack.messages if m["channel"] in (SETUP, "D" + SETUP)]


@pytest.mark.parametrize(
    ("error", "says"),
    [
        ("not_in_channel", "`/invite @rocu`"),
        ("channel_not_found", "DIGEST_CHANNEL"),
        ("is_archived", "archived"),
    ],
)
def test_a_refused_digest_is_told_once_a_day_to_whoever_set_it_up(db, slack, error, says):
    slack.fail("chat.postMessage", error=error, times=3, channel="C1")
    poster = poster_for(slack)
    ticks = [AT_EIGHT + dt.timedelta(minutes=5 * n) for n in range(4)]
    outcomes = [sc.run_due(db, "C1", poster, now=now).status for now in ticks]
    assert outcomes == ["failed", "failed", "failed", "posted"]
    [sentence] = told(slack)  # once, not at every tick
    assert says in sentence and "Friday 20 March 2020" in sentence
    assert sentence.endswith(".") and sentence.count(". ") == 0  # one sentence


def test_nobody_is_told_of_slacks_own_trouble_or_with_nobody_to_tell(db, slack):
    slack.fail("chat.postMessage", status=429, times=10, retry_after=0, channel="C1")
    assert sc.run_due(db, "C1", poster_for(slack), now=AT_EIGHT).status == "failed"
    slack.fail("chat.postMessage", error="not_in_channel", times=1, channel="C2")
    assert sc.run_due(db, "C2", poster_for(slack, ()), now=AT_EIGHT).status == "failed"
    assert told(slack) == [] and [m for m in slack.messages if m["channel"] != "C1"] == []


def test_with_the_switch_off_a_refusal_is_only_logged(db, slack, monkeypatch, caplog):
    monkeypatch.setattr(sc, "TELL_REFUSALS", False)
    slack.fail("chat.postMessage", error="not_in_channel", times=1, channel="C1")
    assert sc.run_due(db, "C1", poster_for(slack), now=AT_EIGHT).status == "failed"
    assert told(slack) == [] and "/invite @rocu" in caplog.text


def test_whom_to_tell_comes_from_the_settings(monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", "U0EDITOR, @policy S0GROUP")
    assert digest_contacts(Settings()) == {"U0EDITOR"}
    assert digest_contacts(Settings(digest_contacts=frozenset({"U0BOSS"}))) == {"U0BOSS"}
    monkeypatch.delenv("ROCU_EDITORS")
    assert digest_contacts(Settings()) == frozenset()
    from bot.config import from_env

    assert from_env({"DIGEST_CONTACT": "U01, U02"}, dotenv=False).digest_contacts == {"U01", "U02"}


# -- @rocu digest in a thread --------------------------------------------------------------------


@pytest.fixture
def slow_preview(monkeypatch):
    built = content.build_digest

    def slowly(*args, **kwargs):
        time.sleep(1.0)
        return built(*args, **kwargs)

    monkeypatch.setattr(content, "build_digest", slowly)
    monkeypatch.setattr(slack_app, "DIGEST_WORD_AFTER", 0.2)


def posts(slack) -> list:
    return sorted(
        slack.calls("chat.postEphemeral") + slack.calls("chat.postMessage"), key=lambda r: r.at
    )


def test_a_slow_digest_in_a_channel_thread_says_so_privately_first(rig, slow_preview):
    rig.mention("digest 2026-03-02", ts="1700002000.000100")
    deadline = time.monotonic() + 15
    while len(posts(rig.slack)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # anything after would be one too many
    working, digest = posts(rig.slack)
    assert working.method == "chat.postEphemeral" and working.body["user"] == "U0ASKER"
    assert working.body["text"].startswith("Working out the digest for Monday 2 March 2026")
    assert working.body["thread_ts"] == digest.body["thread_ts"] == "1700002000.000100"
    assert digest.body["text"].startswith("Daily digest · Monday 2 March 2026")


def _ask_for_a_digest_by_dm(rig, ts: str) -> None:
    """The person writes "digest 2026-03-02" to the app in a direct message."""
    rig.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "D0DM",
            "user": "U0ASKER",
            "text": "digest 2026-03-02",
            "ts": ts,
        }
    )


def test_a_slow_digest_in_a_direct_message_says_so_in_the_thread(rig, slow_preview):
    _ask_for_a_digest_by_dm(rig, "1700002100.000100")
    working, digest = rig.slack.wait_for("chat.postMessage", count=2, timeout=15)
    assert working.body["text"].startswith("Working out the digest for Monday 2 March 2026")
    assert working.body["thread_ts"] == digest.body["thread_ts"] == "1700002100.000100"
    assert digest.body["text"].startswith("Daily digest · Monday 2 March 2026")


def test_with_the_switch_off_a_thread_hears_nothing_until_the_digest(
    rig, slow_preview, monkeypatch
):
    monkeypatch.setattr(slack_app, "DIGEST_WORD_IN_THREADS", False)
    _ask_for_a_digest_by_dm(rig, "1700002200.000100")
    [digest] = rig.slack.wait_for("chat.postMessage", timeout=15)
    time.sleep(0.3)
    assert digest.body["text"].startswith("Daily digest")
    assert len(rig.slack.calls("chat.postMessage")) == 1
