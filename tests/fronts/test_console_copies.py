"""One copy of each document in the local console (issue 25): `/rocu add` of the same link again
changes nothing and says so in one sentence; the same page at another link is refused naming
the stored copy; a changed page says what changed in passages.

The web page in this file was written for these tests."""

from __future__ import annotations

import io

import pytest
from web_server import WebSite

from bot.console import run

PAGE = """<!DOCTYPE html><html><head><title>Hedgehog tunnels under the bypass</title></head>
<body><main>
<h1>Hedgehog tunnels under the bypass</h1>
<p>The county surveyed {count} tunnels built under the bypass in 2019 and found hedgehog
tracks in most of them after the first winter.</p>
<p>Volunteers will keep counting tracks each spring, and the parish newsletter will print
what they find.</p>
</main></body></html>"""


@pytest.fixture(autouse=True)
def loopback(monkeypatch):
    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")


def shell(db, text: str) -> str:
    out = io.StringIO()
    assert run(db, io.StringIO(text), out, interactive=False) == 0
    return out.getvalue()


def test_adding_the_same_link_again_in_the_console_adds_nothing(db):
    with WebSite() as site:
        site.page("/hedgehogs", PAGE.format(count="twelve").encode())
        site.page("/mirror/hedgehogs", PAGE.format(count="twelve").encode())
        url, mirror = site.url("/hedgehogs"), site.url("/mirror/hedgehogs")
        first = shell(db, f"/rocu add {url}\n")
        count = db["documents"].count
        again = shell(db, f"/rocu add {url}\n")
        elsewhere = shell(db, f"/rocu add {mirror}\n")
        site.page("/hedgehogs", PAGE.format(count="fifteen").encode())
        changed = shell(db, f"/rocu add {url}\n")
    assert "Added to the library: Hedgehog tunnels under the bypass" in first
    assert "Already in the library as “Hedgehog tunnels under the bypass”" in again
    assert "nothing changed" in again
    assert "Already in the library as" in elsewhere and url in elsewhere
    assert "nothing was added" in elsewhere
    assert "in place: 1 passage changed" in changed
    assert db["documents"].count == count
