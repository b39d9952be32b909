"""Logs without user data (issue 24): a run that adds a link, a Slack file and a page through
retries and fallbacks, asks questions, and posts to a failing ``response_url`` leaves none of what
people sent in the log: no link, no file name, no ``response_url``, no words. Also: answers to
mentions survive Slack's failures (retried, then sent privately), and names never hold an answer.
Texts and names written for these tests."""

from __future__ import annotations

import io
import logging
import time

import pytest
from slack_rig import mrkdwn_texts
from web_server import WebSite

from bot.slack import editors, logs, people

CANARY = "Wobblebrook"
PAGE = f"""<!doctype html><html><head><title>{CANARY} minutes</title></head><body><main>
<h1>{CANARY} panel minutes</h1><p>The {CANARY} panel met on Tuesday and agreed the plan for the
regional units, with a review in the spring.</p><p>It asked the forces to report on progress
every quarter and to share what they learn with one another.</p></main></body></html>""".encode()


@pytest.fixture
def log_text(monkeypatch):
    monkeypatch.delenv("ROCU_EDITORS", raising=False)
    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    editors.forget_cache()
    people.forget_cache()
    stream = io.StringIO()
    handler = logs.configure(logging.DEBUG, stream)
    yield stream
    logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(logging.WARNING)
    people.forget_cache()


def test_a_full_run_logs_nothing_anyone_sent(make_rig, fake_slack, log_text):
    rig = make_rig()
    with WebSite() as site:
        site.page(f"/{CANARY}/minutes.html", PAGE)
        link = site.url(f"/{CANARY}/minutes.html?ref={CANARY}-query")
        fake_slack.fail("chat.postMessage", error="internal_error", times=1)
        _, _, added = rig.command(f"add {link}", user_id="U0EDITOR")
        assert (
            "minutes"
            in " ".join(
                mrkdwn_texts(fake_slack.wait_for(f"response:{added}", count=2)[1].body["blocks"])
            ).lower()
        )
        file = fake_slack.add_file(f"{CANARY}-notes.txt", f"Notes from {CANARY}.\n".encode() * 20)
        rig.event(
            {
                "type": "message",
                "channel_type": "im",
                "channel": "D0DM",
                "user": "U0EDITOR",
                "text": "",
                "ts": "5.0",
                "files": [file],
            }
        )
        fake_slack.wait_for("chat.update", count=1, timeout=20)
        rig.answer(f"search {CANARY} panel")
        rig.answer(f"define {CANARY}")
        rig.mention(f"what does {CANARY} mean?", ts="6.0")
        fake_slack.wait_for("chat.postMessage", count=2, timeout=20)
        fake_slack.drop_after("response", times=1)  # a response_url that fails: the fallback
        rig.command(f"search {CANARY}")
        fake_slack.wait_for("chat.postEphemeral", count=1, timeout=20)
        time.sleep(0.5)
    text = log_text.getvalue()
    assert text  # the run did log
    assert CANARY.lower() not in text.lower()
    assert "http://" not in text and "https://" not in text
    assert "/response/" not in text and "files-pri" not in text


def test_a_mention_answer_survives_slack_failing(make_rig, fake_slack, log_text):
    rig = make_rig()
    fake_slack.fail("chat.postMessage", error="internal_error", times=1)
    rig.mention("county lines", ts="7.0")
    posted = fake_slack.wait_for("chat.postMessage", count=2, timeout=20)
    assert posted[-1].status == 200  # retried once, delivered once
    fake_slack.clear()
    fake_slack.fail("chat.postMessage", status=429, times=3)
    rig.mention("county lines funding", ts="8.0")
    posted = fake_slack.wait_for("chat.postMessage", count=4, timeout=30)
    assert [p.status for p in posted] == [429, 429, 429, 200]
    fake_slack.clear()
    fake_slack.fail("chat.postMessage", error="internal_error", times=10)
    rig.mention("county lines review", ts="9.0")
    fallback = fake_slack.wait_for("chat.postEphemeral", timeout=30)[0].body
    assert fallback["user"] == "U0ASKER" and fallback["thread_ts"] == "9.0"
    assert len(fake_slack.calls("chat.postEphemeral")) == 1
    deadline = time.monotonic() + 5
    while "sent through the fallback" not in log_text.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert log_text.getvalue().count("sent through the fallback") == 1


def test_names_never_hold_up_an_answer(make_rig, fake_slack, monkeypatch):
    monkeypatch.setenv("ROCU_NAME_WAIT_MS", "200")
    people.forget_cache()
    rig = make_rig()
    fake_slack.fail("users.info", status=429, times=5, retry_after=5)
    started = time.monotonic()
    rig.answer("county lines", user_id="U0NEWCOMER")
    assert time.monotonic() - started < 4  # the answer did not wait out Retry-After
