"""One deadline for every fetch (issue 24): a server that drips its headers cannot hold a thread
past the deadline, and the bot token goes only to the exact origin of Slack's file URL.
Test texts and servers were written for these tests."""

from __future__ import annotations

import time

import pytest
from web_server import WebSite

from bot.library import fetch
from hostile.drip import DripServer


def test_a_server_dripping_its_headers_is_cut_off_at_the_deadline():
    with DripServer(every=0.1) as server:
        started = time.monotonic()
        with pytest.raises(fetch.FetchError) as caught:
            fetch.fetch(server.url(), allow_private=True, read_timeout=5, total_timeout=1.0)
        took = time.monotonic() - started
    assert took < 3.0  # the reads kept arriving within the read timeout; the deadline ended it
    assert "too long" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_deadline_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("ROCU_FETCH_DEADLINE", "0.8")
    with DripServer(every=0.1) as server:
        started = time.monotonic()
        with pytest.raises(fetch.FetchError):
            fetch.fetch(server.url(), allow_private=True, read_timeout=5)
        assert time.monotonic() - started < 3.0


def test_the_token_never_follows_a_redirect_to_another_port():
    with WebSite() as slack_files, WebSite() as other:
        other.page("/file.txt", b"plain words for a test", "text/plain")
        seen: list[str] = []
        slack_files.redirect("/file.txt", other.url("/file.txt"))
        original = fetch._DeadlineStream.write

        def spy(self, buffer, timeout=None):
            seen.append(bytes(buffer).decode("latin-1"))
            return original(self, buffer, timeout)

        fetch._DeadlineStream.write = spy
        try:
            fetched = fetch.fetch(
                slack_files.url("/file.txt"),
                token="xoxb-test-token",
                token_hosts=("127.0.0.1",),
                allow_private=True,
            )
        finally:
            fetch._DeadlineStream.write = original
    assert fetched.data == b"plain words for a test"
    first, second = [r for r in seen if r.startswith("GET")]
    assert "xoxb-test-token" in first
    assert "xoxb-test-token" not in second  # same host name, another port: no token


def test_origin_compares_scheme_host_and_port():
    assert fetch._origin("https://files.slack.com/a") == fetch._origin(
        "https://FILES.slack.com:443/b"
    )
    assert fetch._origin("https://files.slack.com/a") != fetch._origin("http://files.slack.com/a")
    assert fetch._origin("https://files.slack.com/a") != fetch._origin(
        "https://files.slack.com:8443/"
    )


def test_a_fetch_inside_a_spent_budget_is_refused_at_once(monkeypatch):
    monkeypatch.setenv("ROCU_FETCH_DEADLINE", "5")
    with DripServer(every=0.1) as server:
        with fetch.deadline_from(time.monotonic() - 4.5):  # waited 4.5 s of its 5 for a turn
            started = time.monotonic()
            with pytest.raises(fetch.FetchError):
                fetch.fetch(server.url(), allow_private=True, read_timeout=5)
            assert time.monotonic() - started < 2.5
        with fetch.deadline_from(time.monotonic() - 6):
            with pytest.raises(fetch.FetchError, match="too busy"):
                fetch.fetch(server.url(), allow_private=True)
