"""Every message fits Slack (issue 15): at most 50 blocks, blocks under Slack's total size
(``msg_blocks_too_long`` at about 13,200 characters), each block valid for slack_sdk's Block Kit
models. ``/rocu docs`` on a library of 85+ documents used to pass the total size."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_server import MAX_BLOCKS_CHARS, FakeSlack, blocks_chars, message_problem
from stores import close_for_copying, open_copy

from bot import commands
from bot.library.ingest import ingest
from bot.render import blocks as bk


@pytest.fixture(scope="module")
def big_library_file(seeded_store, tmp_path_factory):
    """The seed library plus 120 documents with long titles: built once for the module."""
    folder = tmp_path_factory.mktemp("many")
    path = tmp_path_factory.mktemp("big") / "rocu.db"
    db = open_copy(seeded_store, path)
    for n in range(120):
        title = f"Review of regional organised crime unit capability, part {n} " + "x" * 60
        body = f"{title}\n\n" + "The unit reviewed county lines activity in the region. " * 20
        (folder / f"report-{n:03d}.txt").write_text(body)
    report = ingest(db, [folder])
    assert not report.failed
    close_for_copying(db)
    return path


@pytest.fixture
def big_library(big_library_file, db_path):
    """This test's own copy of ``big_library_file``."""
    db = open_copy(big_library_file, db_path)
    yield db
    db.close()


def assert_fits(message: dict) -> None:
    blocks = message["blocks"]
    assert len(blocks) <= 50
    assert blocks_chars(blocks) <= MAX_BLOCKS_CHARS
    for block in blocks:
        Block.parse(block).validate_json()  # raises SlackObjectFormationError past a limit
    assert message_problem(message) is None


def test_docs_on_a_big_library_fits_and_says_how_many_are_left_out(big_library):
    reply = commands.dispatch(big_library, "docs")
    assert len(reply.data) > 85
    for message in (bk.message(reply), bk.message(reply, share_line="docs")):
        assert_fits(message)
        text = str(message["blocks"])
        assert "more not shown: " in text
        assert f"({len(reply.data)})" in message["blocks"][0]["text"]["text"]


LINES = [
    "docs",
    "help",
    "search county lines",
    "search " + "county " * 400,
    "define ROCU",
    "define " + "Z" * 3000,
    "recs",
    "digest",
    "glossary",
    "doc pac-soc-2019",
    "<!channel> " * 300,
]


@pytest.mark.parametrize("line", LINES)
def test_every_answer_is_valid_block_kit(big_library, line):
    reply = commands.dispatch(big_library, line)
    assert_fits(bk.message(reply))
    assert_fits(bk.message(reply, share_line=line))


def test_fit_caps_count_and_total_size_and_keeps_buttons():
    many = [bk.section("y" * 2900) for _ in range(60)]
    buttons = bk.actions(bk.button("More results", "rocu_page_next", "v" * 1900))
    fitted = bk.fit(many + [buttons])
    assert fitted[-1] == buttons
    assert blocks_chars(fitted) <= bk.MAX_BLOCKS_CHARS and len(fitted) <= 50
    assert "more not shown" in fitted[-2]["elements"][0]["text"]


def test_the_fake_slack_refuses_what_slack_refuses():
    with FakeSlack() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.url)
        too_big = [bk.section("z" * 2999) for _ in range(5)]
        too_many = [bk.divider() for _ in range(51)]
        too_long_header = [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}]
        for blocks, error in (
            (too_big, "msg_blocks_too_long"),
            (too_many, "invalid_blocks"),
            (too_long_header, "invalid_blocks"),
        ):
            with pytest.raises(SlackApiError) as refused:
                client.chat_postMessage(channel="C1", text="t", blocks=blocks)
            assert refused.value.response["error"] == error
        assert client.chat_postMessage(channel="C1", text="t", blocks=too_big[:4])["ok"]
