"""Odd lines through the one command language: the console and the real Bolt app (signed HTTP, the
fake Slack of tests/slack_rig.py), from a trial of the product as its users would use it.

Every input below was written for this test (no text from a document or a gold file). Each line
goes to the console and to Slack as `/rocu <line>`; every answer must be a readable sentence with
no traceback or exception name, junk (words no document holds, syntax, control characters, an
unknown subcommand with some other subcommand's arguments) must never be posted in the channel,
and nothing typed may reach the captured logs.

It adds to tests/slack/test_hostile_input.py (one hostile value in every subcommand's argument)
what that sweep leaves out: lines of 40 KB, Slack-escaped markup (``&lt;`` ``&amp;``), FTS5 column
filters and ``NEAR`` groups in every position, RTL and zero-width characters alone, and
subcommands that are misspelt or given another's arguments in shuffled order."""

from __future__ import annotations

import json
import logging
import re
import time

import pytest
from slack_server import FakeSlack, message_problem

from bot.slack.logs import SafeFormatter

# Who may change the library in the shared ``world`` (tests/conftest.py): not the asker.
WORLD_EDITORS = "U0SOMEONEELSE"
MARK = "Zorbluvian"  # a made-up word in every worded line: it must never reach a log line

# Junk: lines that name nothing the library holds. Never posted in the channel.
JUNK = {
    "empty": "",
    "spaces": "    ",
    "tabs-and-ideographic-space": "\t\u3000\t",
    "zero-width-only": "\u200b\u200c\u200d\ufeff",
    "rtl-override": f"\u202e{MARK}\u202c",
    "rtl-arabic-hebrew": f"\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd {MARK}",
    "emoji": f"\U0001f46e\u200d\u2640\ufe0f\U0001f6a8 {MARK} \U0001f3f4\U000e0067\U000e0062",
    "combining": f"Z\u0351\u0352\u0353o\u0354\u0355r{MARK}\u0356\u0357",
    "nul-and-bells": f"{MARK}\x00\x07\x08\x1b[31m",
    "newlines": f"{MARK}\n\n\r\n{MARK}",
    "quote-alone": '"',
    "quotes-unbalanced": f'"{MARK} "" "',
    "star-alone": "*",
    "stars": f"{MARK}* ** *",
    "near": f"NEAR({MARK} {MARK}x, 1)",
    "near-open": f"NEAR( {MARK}",
    "bool-only": "AND OR NOT",
    "stop-words-only": "the of and",
    "bool-mark": f"NOT {MARK} OR AND",
    "column": f"text:{MARK}",
    "column-many": f"passages_fts:{MARK} doc_id:{MARK} rank:1",
    "caret-plus": f"^{MARK} +{MARK} -",
    "parens": f"(({MARK})",
    "sql": f"{MARK}' OR 1=1; --",
    "sql-union": f'{MARK}" UNION SELECT * FROM documents --',
    "percent-underscore": f"%{MARK}_%",
    "backslashes": f"\\{MARK}\\\\",
    "channel": f"<!channel> {MARK}",
    "everyone": f"<!everyone> <!here|here> {MARK}",
    "user": f"<@U123> {MARK}",
    "usergroup": f"<!subteam^S0123|@policy> {MARK}",
    "link": f"<https://x.invalid/{MARK}|{MARK}>",
    "mailto": f"<mailto:{MARK}@x.invalid|{MARK}>",
    "escaped-lt": f"&lt;!channel&gt; {MARK}",
    "escaped-amp": f"{MARK} &amp;amp; &lt;b&gt;",
    "markdown": f"*{MARK}* _{MARK}_ ~{MARK}~ `{MARK}` ```{MARK}```",
    "only-punctuation": "?!.,;:-–—…",
    "question-mark": "?",
    "gated-one-known-word": f"{MARK} crime",
    "gated-known-words": f"marmalade police {MARK}",
    "forty-kb": " ".join([MARK] * 3700),  # about 40 KB of one unknown word
    "forty-kb-syntax": ('"NEAR( ' + MARK + " * ") * 3000,
}

# Unknown subcommands and subcommands given another's arguments, shuffled: each is junk too
# (no document holds the made-up word), so each must stay private.
SHUFFLED = {
    "unknown-verb": f"frobulate {MARK}",
    "verb-misspelt": f"serch {MARK}",
    "define-misspelt": f"defne {MARK}",
    "recs-args-to-define": f"define to:{MARK} due:overdue status:open",
    "define-args-to-recs": f"recs {MARK} = Quux -- a description",
    "watch-args-to-glossary": f"glossary me {MARK}",
    "glossary-args-to-watch": f"watches source:{MARK} team: missing",
    "unwatch-words": f"unwatch me {MARK}",
    "unwatch-negative": "unwatch -3",
    "unwatch-huge": "unwatch 99999999999999999999999",
    "doc-args-to-search": f"search doc:{MARK} from:{MARK} before:99999",
    "search-bad-dates": f"{MARK} from:2019-13-45 before:0000",
    "digest-bad-date": f"digest {MARK}-02-30",
    "digest-impossible-date": "digest 2023-02-30",
    "doc-filters": f"doc to:{MARK} status:open",
    "recs-bad-filters": f"recs due:{MARK} status:{MARK} to:",
    "recs-id-shaped": "recs r000000",
    "help-args": f"help {MARK} recs define",
    "glossary-letter-junk": f"glossary {MARK}{MARK}",
    "glossary-unicode-letter": "glossary \u00e9",
    "define-forget-unknown": f"define --forget {MARK}",
    "more-args": f"more {MARK}",
    "back-args": f"back {MARK}",
    "search-only-filters": "type: doc: from: before: speaker:",
    "search-exclusions-only": f"-{MARK} -{MARK}x",
}

CASES = {**JUNK, **SHUFFLED}
# Found by this sweep: a line of stop words alone ("AND OR NOT", "the") passed the confidence
# gate and was posted in the channel; fixed in bot/search/confidence.py (only_stop_words).
KNOWN: dict[str, str] = {}
PARAMS = [
    pytest.param(kind, marks=pytest.mark.xfail(strict=True, reason=KNOWN[kind]))
    if kind in KNOWN
    else kind
    for kind in CASES
]
INTERNALS = re.compile(
    r"Traceback|\bError:|[a-z]Error\b|Exception\b|something went wrong|File \"|\bNone\b"
)


def test_the_sweep_is_broad():
    assert len(CASES) >= 60
    assert max(len(line.encode()) for line in CASES.values()) >= 40_000


def logged(caplog) -> str:
    formatter = SafeFormatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(r) for r in caplog.records)


def sentence(text: str, where: str) -> None:
    assert text and re.search(r"[A-Za-z]{3}", text), f"{where}: no answer"
    found = INTERNALS.search(text)
    assert not found, f"{where}: internals shown: {text[max(0, found.start() - 60) :][:160]!r}"


def final_answer(slack: FakeSlack, name: str) -> dict:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        answers = slack.responses(name)
        if answers:
            time.sleep(0.05)  # a second post (the answer after "Reading") would come at once
            return slack.responses(name)[-1].body
        time.sleep(0.01)
    raise AssertionError(f"no answer from Slack for {name}")


@pytest.mark.parametrize("kind", PARAMS)
def test_an_odd_line_gets_a_private_sentence_and_leaves_no_trace(world, caplog, kind):
    _, db, prompt, rig, slack = world
    caplog.set_level(logging.DEBUG)
    line = CASES[kind]

    answer = prompt.answer(line)
    assert answer is not None, "taken for quit"
    if line.strip():
        sentence(answer, "console")
        assert "`more`" not in answer or "No good match" not in answer, "more offered for nothing"

    posts_before = len(slack.calls("chat.postMessage"))
    status, ack, name = rig.command(line)
    assert status == 200 and "Traceback" not in ack
    message = final_answer(slack, name)
    assert message_problem(message) is None, message_problem(message)
    wire = json.dumps(message, ensure_ascii=False)
    sentence(message.get("text") or wire, "slack")
    assert message.get("response_type") != "in_channel", f"junk posted in the channel: {wire[:300]}"
    assert len(slack.calls("chat.postMessage")) == posts_before, "junk posted with postMessage"

    text = logged(caplog)
    assert MARK.lower() not in text.lower(), "typed words reached the log"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error was logged"
