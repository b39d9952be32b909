"""One command language: the console and the Slack app answer the same line the same way.

The 30 lines below were written for this test (searches, questions, "what does X stand for",
"define X", "recs to:X", paging with "more" and "back", usage mistakes). Each goes through the
console (``rocu shell``) and, as ``/rocu <line>``, through the real Slack app over HTTP (the fake
Slack of tests/slack_rig.py), each front end on its own copy of the seed library; every answer the
core gives (``bot.commands.dispatch``) is recorded, and the two front ends must have asked the
same question of the core and got the same answer, line for line."""

from __future__ import annotations

import pytest
from slack_rig import mrkdwn_texts, start_rig
from slack_server import FakeSlack
from stores import open_copy

from bot import commands
from bot.console import Console
from bot.slack.http import stop

LINES = [
    "county lines",
    "/rocu county lines",
    "more",
    "more",
    "back",
    "what does NCA stand for?",
    "What does ROCU mean",
    "define ROCU",
    "define rocus",
    "recs to:NCA",
    "recs",
    "more",
    "docs",
    "doc pac-soc-2019",
    "how are ROCUs funded?",
    "search organised crime",
    "more",
    '"spending review"',
    "funding -review",
    "type:hansard police",
    "from:2017 before:2019 crime",
    "help",
    "define",
    "doc",
    "search",
    "what is county lines?",
    "NCA",
    "recs due:overdue",
    "what does HMIC stand for",
    "back",
]


def test_the_lines_are_thirty_and_varied():
    assert len(LINES) == 30
    routed = {commands.parse(line)[0] for line in LINES}
    assert {"search", "define", "recs", "docs", "doc", "help"} <= routed


def recorder(monkeypatch):
    """Record (line, page, answer) for every line the core answers."""
    answered = []
    dispatch = commands.dispatch

    def recording(db, text, context=None):
        reply = dispatch(db, text, context)
        page = context.page if context else 0
        answered.append((commands.parse(text), page, reply.kind, reply.public, repr(reply.data)))
        return reply

    monkeypatch.setattr(commands, "dispatch", recording)
    return answered


@pytest.mark.slow
def test_console_and_slack_answer_the_same_lines_the_same_way(
    seeded_store, db_path, tmp_path, monkeypatch
):
    answered = recorder(monkeypatch)
    console = Console(open_copy(seeded_store, tmp_path / "console.db"))
    console_text = {}
    for line in LINES:
        console_text[line] = console.answer(line)
    by_console = list(answered)
    answered.clear()

    open_copy(seeded_store, db_path).close()
    with FakeSlack() as slack:
        rig, server = start_rig(db_path, slack)
        try:
            slack_text = {line: rig.answer(line) for line in LINES}
        finally:
            stop(server)
    by_slack = list(answered)

    assert len(by_console) == len(by_slack) >= 25  # a "more" with nothing to page asks nothing
    for console_answer, slack_answer in zip(by_console, by_slack, strict=True):
        assert console_answer == slack_answer
    # and each says it in its own words: the console's text and Slack's blocks name the same things
    db = console.db
    first_result = commands.dispatch(db, "county lines").data.results[0].title
    document = commands.dispatch(db, "doc pac-soc-2019").data.title
    for line, said in [
        ("what does NCA stand for?", "National Crime Agency"),
        ("doc pac-soc-2019", document[:30]),
        ("county lines", first_result[:30]),
    ]:
        slack_words = " ".join(mrkdwn_texts(slack_text[line]["blocks"]))
        slack_words += " " + slack_text[line].get("text", "")
        slack_words = slack_words.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        assert said in console_text[line] and said in slack_words, (line, said)
