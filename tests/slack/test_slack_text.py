"""Incoming Slack text is turned back into what the person typed before the core sees it."""

from __future__ import annotations

import pytest

from bot.slack.app import question_line
from bot.slack.asking import plain_text


@pytest.mark.parametrize(
    "wire, typed",
    [
        ("county &amp; lines", "county & lines"),
        ("&lt;!channel&gt; literally", "<!channel> literally"),
        ("<!channel> funding", "@channel funding"),
        ("<!here>", "@here"),
        ("<!subteam^S123|@policy-team> recs", "@policy-team recs"),
        ("<@U123|alice> said", "@alice said"),
        ("<#C42|general>", "#general"),
        ("<https://example.org/report|the PAC report>", "the PAC report"),
        ("<https://example.org/x>", "https://example.org/x"),
        ("plain words", "plain words"),
        ("", ""),
    ],
)
def test_plain_text(wire, typed):
    assert plain_text(wire) == typed


def test_a_mention_question_keeps_the_words_and_drops_the_bot():
    assert question_line("<@U0BOT> what does &lt;NCA&gt; stand for?") == "define <NCA>"
    assert question_line("<@U0BOT> county &amp; lines") == "county & lines"
