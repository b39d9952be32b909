"""Waits a person met in Slack that round 15 left (round 16).

* Listeners other than the answers posted from the answer pool (four threads, which every answer
  needs): the Home tab's ``views.publish``, an add's "Reading ..." and the tracker's export upload.
  With Slack slow to take them, a burst of Home opens or adds held every answer thread, and an
  answer to an unrelated ``/rocu define`` waited for them.
* A ``response_url`` that never answers held a posting thread for slack_sdk's 30 s timeout.

Every test drives the real Bolt app over signed HTTP against the fake Slack (``slack_rig``), the
slow Slack method held by the fake (``FakeSlack.hold``: taken at once, answered later). The
texts typed here were written for these tests.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest
from slack_rig import command_fields, mrkdwn_texts

from bot.slack import once

SLOW = 3.0  # seconds the fake Slack takes to answer the held method
SOON = 2.0  # an unrelated answer arrives within this of its command (it took SLOW and more)


def said(message: dict) -> str:
    return " ".join([message.get("text") or "", *mrkdwn_texts(message.get("blocks") or [])])


def answer_time(rig, line: str) -> float:
    """Seconds from sending ``/rocu line`` to its answer reaching the fake Slack."""
    sent = time.monotonic()
    _, _, name = rig.command(line)
    [answer] = rig.slack.wait_for(f"response:{name}", timeout=SLOW + 10)
    assert "ROCU" in said(answer.body) or answer.body
    return answer.at - sent


def test_home_opens_with_a_slow_slack_do_not_hold_answers(rig):
    rig.slack.hold("views.publish", SLOW)
    for n in range(6):
        rig.event({"type": "app_home_opened", "user": f"U0HOME{n}", "tab": "home"})
    rig.slack.wait_for("views.publish", count=4, timeout=10)
    assert answer_time(rig, "define ROCU") < SOON
    rig.slack.wait_for("views.publish", count=6, timeout=SLOW * 3)


def test_adds_with_a_slow_slack_do_not_hold_answers(rig):
    """Six ``/rocu add`` of links nobody serves (the add fails later on its own pool): each
    "Reading ..." goes to a response_url Slack takes SLOW seconds to answer."""
    for n in range(6):
        rig.slack.hold(f"response:add{n}", SLOW)
    for n in range(6):
        fields = command_fields(  # six people: one add each, none over the per-person cap
            f"add http://127.0.0.1:9/quokka-{n}.pdf",
            rig.slack.response_url(f"add{n}"),
            user=f"U0ADDER{n}",
        )
        assert rig.post(urlencode(fields))[0] == 200
    rig.slack.wait_for("response", count=4, timeout=10)
    assert answer_time(rig, "define ROCU") < SOON
    for n in range(6):  # "Reading ...", then the add's one sentence
        rig.slack.wait_for(f"response:add{n}", count=2, timeout=SLOW * 4 + 10)


def test_exports_with_a_slow_slack_do_not_hold_answers(rig):
    rig.slack.hold("files.getUploadURLExternal", SLOW)
    for _ in range(6):
        rig.command("recs export")
    rig.slack.wait_for("files.getUploadURLExternal", count=4, timeout=20)
    assert answer_time(rig, "define ROCU") < SOON
    rig.slack.wait_for("files.completeUploadExternal", count=6, timeout=SLOW * 4)


def test_home_searches_and_exports_with_a_slow_slack_do_not_hold_answers(rig):
    """The Home tab's search modal (its answer a direct message) and its "Export the tracker"
    button, three each, with Slack SLOW seconds to take the message and the upload."""
    from test_slack_home import home_action, submit

    from bot.render import home as render_home

    rig.slack.hold("chat.postMessage", SLOW)
    rig.slack.hold("files.getUploadURLExternal", SLOW)
    for n in range(3):
        submit(rig, render_home.SEARCH_VIEW, "county lines", view_id=f"V0SEARCH{n}")
        action = {"type": "button", "action_id": render_home.ACTION_EXPORT, "value": ""}
        home_action(rig, action, trigger=f"9.9.{n}")
    rig.slack.wait_for("chat.postMessage", count=2, timeout=10)  # four in Slack's hands
    rig.slack.wait_for("files.getUploadURLExternal", count=2, timeout=10)
    assert answer_time(rig, "define ROCU") < SOON
    rig.slack.wait_for("files.completeUploadExternal", count=3, timeout=SLOW * 4)


def test_a_response_url_that_never_answers_frees_its_thread(make_rig, monkeypatch):
    """One posting thread (``ROCU_POST_THREADS=1``): the answer behind a response_url that never
    answers waited slack_sdk's 30 s. Now the post gives up after ``once.RESPONSE_URL_TIMEOUT``
    (cut to 2 s here for the test's sake), uncertain: never sent again, so never twice."""
    monkeypatch.setenv("ROCU_POST_THREADS", "1")
    monkeypatch.setattr(once, "RESPONSE_URL_TIMEOUT", 2.0)
    rig = make_rig()
    rig.slack.hold("response:cmd1", 40)
    _, _, first = rig.command("define ROCU")
    assert first == "cmd1"
    rig.slack.wait_for("response:cmd1")
    _, _, second = rig.command("define ROCU")
    rig.slack.wait_for(f"response:{second}", timeout=10)  # 30 s and more before
    time.sleep(0.5)
    assert len(rig.slack.responses("cmd1")) == 1  # not sent again
    assert rig.slack.calls("chat.postEphemeral") == []  # nor through the fallback


def test_a_mentions_answer_that_slack_never_answers_frees_its_thread(make_rig, monkeypatch):
    """One posting thread: a mention's ``chat.postMessage`` that Slack never answers held it for
    the client's 30 s, and the next mention's answer behind it. Now the post gives up after
    ``once.POST_TIMEOUT`` (cut to 2 s here), uncertain: not sent again, nor privately."""
    monkeypatch.setenv("ROCU_POST_THREADS", "1")
    monkeypatch.setattr(once, "POST_TIMEOUT", 2.0)
    rig = make_rig()
    rig.slack.hold("chat.postMessage", 40, times=1)
    rig.mention("define ROCU", ts="1700000600.000100")
    rig.slack.wait_for("chat.postMessage")
    rig.mention("define ROCU", ts="1700000700.000100")
    second = rig.slack.wait_for("chat.postMessage", count=2, timeout=10)[1]  # 30 s and more
    assert second.body["thread_ts"] == "1700000700.000100"
    time.sleep(0.5)
    assert len(rig.slack.calls("chat.postMessage")) == 2  # the first not sent again
    assert rig.slack.calls("chat.postEphemeral") == []  # nor privately


@pytest.mark.parametrize("timeout", [None])
def test_the_response_url_timeout_is_kept_as_data(timeout):
    assert isinstance(once.RESPONSE_URL_TIMEOUT, int | float)
    assert 3 <= once.RESPONSE_URL_TIMEOUT < 30
    assert 3 <= once.POST_TIMEOUT < 30
