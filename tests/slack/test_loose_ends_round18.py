"""What a user met in the digest, round 18 (loose18's walk).

A digest preview (``/rocu digest [day]``) searches each watched topic of the channel in that day's
new documents. With a dozen topics it took 2.5 to 4 s beside two CPU-bound processes, 7 to 30 s at
a load of 10, and the person who asked saw nothing at all meanwhile. Now a preview not ready after
a moment says so, privately, and the digest follows (``bot.slack.app.DIGEST_WORD_AFTER``). Through
the real Bolt app against the fake Slack (``slack_rig``); the preview is made slow here by waiting
before the real one is built.
"""

from __future__ import annotations

import time

import pytest

from bot.digest import content
from bot.slack import app as slack_app

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

SLOW = 1.0  # seconds the preview takes here


@pytest.fixture
def slow_preview(monkeypatch):
    built = content.build_digest

    def slowly(*args, **kwargs):
        time.sleep(SLOW)
        return built(*args, **kwargs)

    monkeypatch.setattr(content, "build_digest", slowly)


def _responses(rig, command: str, count: int) -> list[dict]:
    status, _, name = rig.command(command)
    assert status == 200
    rig.slack.wait_for(f"response:{name}", count=count, timeout=15)
    time.sleep(0.3)  # anything after would be one too many
    return [call.body for call in rig.slack.responses(name)]


def test_a_slow_digest_preview_says_it_is_being_worked_out(rig, slow_preview, monkeypatch):
    monkeypatch.setattr(slack_app, "DIGEST_WORD_AFTER", 0.2)
    first, digest = _responses(rig, "digest 2026-03-02", 2)
    assert first["text"].startswith("Working out the digest for Monday 2 March 2026")
    assert first["response_type"] == "ephemeral"
    assert digest["text"].startswith("Daily digest · Monday 2 March 2026")


def test_with_the_switch_off_a_slow_preview_says_nothing_until_it_comes(
    rig, slow_preview, monkeypatch
):
    monkeypatch.setattr(slack_app, "DIGEST_WORD_AFTER", None)
    [digest] = _responses(rig, "digest 2026-03-02", 1)
    assert digest["text"].startswith("Daily digest · Monday 2 March 2026")


@pytest.mark.parametrize("line", ["search county lines", "digest someday"])
def test_only_a_digest_preview_says_so(rig, slow_preview, monkeypatch, line):
    """Another command, and a preview of a day that cannot be read (answered with one sentence),
    are answered once, whatever their time."""
    monkeypatch.setattr(slack_app, "DIGEST_WORD_AFTER", 0.0)
    [answer] = _responses(rig, line, 1)
    assert not answer["text"].startswith("Working out")


# -- a digest with many watched topics --------------------------------------------------------


def _busy_digest(topics: int):
    """A busy day's digest (invented documents, passages and topics) with ``topics`` watched
    topics, each with three long passages."""
    import datetime as dt

    from bot.search.results import SearchResult

    def passage(topic: int, n: int) -> SearchResult:
        words = f"The Quillbrook custody panel found that hearing loop {topic} was out of order. "
        return SearchResult(
            doc_id=f"review-{topic}-{n}",
            file="review.txt",
            title=f"Review {n} of the Quillbrook custody suites",
            date="2026-12-01",
            type="report",
            speaker=None,
            passage_id=f"review-{topic}-{n}#1",
            excerpt=words * 8,
            score=1.0,
        )

    when = dt.datetime(2026, 12, 8, 8, tzinfo=dt.UTC)
    return content.Digest(
        channel="C0DIGEST",
        date=when.date(),
        since=when - dt.timedelta(days=1),
        until=when,
        scheduled_at=when,
        watches=[
            content.WatchHit(n, f"hearing loop {n}", [passage(n, k) for k in range(3)], 4)
            for n in range(1, topics + 1)
        ],
        documents=40,
    )


def _said(blocks: list[dict]) -> str:
    import json

    return json.dumps(blocks, ensure_ascii=False)


def test_a_digest_too_long_for_slack_names_every_watched_topic():
    from slack_server import message_problem

    from bot.render import digest as render_digest

    blocks = render_digest.digest_blocks(_busy_digest(25))
    assert message_problem({"blocks": blocks}) is None
    said = _said(blocks)
    assert "more not shown" not in said
    assert "*25. “hearing loop 25”* — 7 new passages" in said  # the last topic, with its count
    assert "`/rocu search hearing loop 25`" in said
    assert "in the library" in said  # the footer is kept


def test_a_few_topics_keep_a_passage_each_when_three_do_not_fit():
    from bot.render import digest as render_digest

    said = _said(render_digest.digest_blocks(_busy_digest(8)))  # cut at the seventh, before
    assert "more not shown" not in said
    assert "*8. “hearing loop 8”* (+6 more)" in said  # one passage shown of seven
    assert said.count("#1`") == 8


def test_with_the_switch_off_the_topics_past_the_limit_are_cut(monkeypatch):
    from bot.render import digest as render_digest

    monkeypatch.setattr(render_digest, "WATCHES_SHRINK", False)
    said = _said(render_digest.digest_blocks(_busy_digest(25)))
    assert "more not shown" in said
    assert "hearing loop 25" not in said


# -- a giant filter quoted back ---------------------------------------------------------------

GIANT = "to:" + "quillbrook" * 300  # a pasted 3,003-character filter that names nobody


def test_a_giant_filter_is_quoted_back_cut_at_the_console(db):
    from bot import console

    said = console.Console(db).answer(f"recs {GIANT}")
    assert said.startswith("No recommendations match “to:quillbrook")
    assert max(len(line) for line in said.splitlines()) < 600


def test_with_the_switch_off_the_giant_filter_comes_back_whole(db, monkeypatch):
    from bot import console
    from bot.render import recs as render_recs

    monkeypatch.setattr(render_recs, "NOTHING_FOUND_QUOTE_CUT", False)
    said = console.Console(db).answer(f"recs {GIANT}")
    assert GIANT in said
