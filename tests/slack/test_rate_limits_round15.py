"""A rate limit's Retry-After is waited out only up to ``once.RETRY_AFTER_CAP`` (round 15).

slack_sdk's ``RateLimitErrorRetryHandler`` sleeps whatever ``Retry-After`` Slack sends: a 120 s
one held a posting thread and the person's answer two minutes. Through the real Bolt app and the
fake Slack: a long Retry-After is not waited for (the answer goes through its fallback at once,
once); a short one is waited out as before."""

from __future__ import annotations

import pytest
from slack_sdk.http_retry import RetryState

from bot.slack import once


def test_a_mention_answer_with_a_long_retry_after_goes_privately_at_once(rig):
    rig.slack.fail("chat.postMessage", status=429, times=1, retry_after=120)
    rig.mention("define ROCU", ts="1700000400.000100")
    [private] = rig.slack.wait_for("chat.postEphemeral", timeout=8)
    assert "Regional Organised Crime Unit" in private.body["text"]
    assert [c.status for c in rig.slack.calls("chat.postMessage")] == [429]  # not sent again


def test_a_slash_answer_with_a_long_retry_after_goes_privately_at_once(rig):
    name = f"cmd{rig.counter + 1}"  # the command's response_url, refused before it is sent
    rig.slack.fail(name, status=429, times=1, retry_after=120)
    assert rig.command("define ROCU")[2] == name
    [private] = rig.slack.wait_for("chat.postEphemeral", timeout=8)
    assert "Regional Organised Crime Unit" in private.body["text"]
    assert len(rig.slack.responses(name)) <= 1


def test_a_short_retry_after_is_waited_out_as_before(rig):
    rig.slack.fail("chat.postMessage", status=429, times=1, retry_after=1)
    rig.mention("define ROCU", ts="1700000500.000100")
    calls = rig.slack.wait_for("chat.postMessage", count=2)
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0
    assert rig.slack.calls("chat.postEphemeral") == []


class Answer:
    def __init__(self, retry_after: str | None) -> None:
        self.status_code = 429
        self.headers = {"Retry-After": [retry_after]} if retry_after is not None else {}


@pytest.mark.parametrize(
    ("header", "seconds"), [("3", 3.0), ("0", 0.0), (None, 1.0), ("soon", None), ("1.5", None)]
)
def test_retry_after_is_read_as_whole_seconds(header, seconds):
    assert once.retry_after(Answer(header)) == seconds


def test_the_cap_decides_and_can_be_switched_off(monkeypatch):
    handler = once.CappedRateLimitRetryHandler(max_retry_count=1)
    state = RetryState()

    def retries(header: str) -> bool:
        return handler._can_retry(state=state, request=None, response=Answer(header))

    assert retries("5") and not retries("6") and not retries("soon")
    monkeypatch.setattr(once, "RETRY_AFTER_CAP", None)  # slack_sdk's own: whatever Slack says
    assert retries("120")
