"""Block Kit rendering: escaping, bold from highlight ranges, pagination buttons, Slack's limits."""

from __future__ import annotations

import json
import re

import pytest

from bot import commands
from bot.library.documents import Document
from bot.render import blocks as b
from bot.render.text import REPLY_TEXT
from bot.search.ranking import SearchResponse, SearchResult


def check_limits(blocks: list[dict]) -> None:
    """Fail if Slack would reject these blocks."""
    assert 0 < len(blocks) <= b.MAX_BLOCKS
    for block in blocks:
        if block["type"] == "header":
            assert block["text"]["type"] == "plain_text"
            assert 0 < len(block["text"]["text"]) <= b.MAX_HEADER
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= b.MAX_SECTION
        if block["type"] == "context":
            assert 0 < len(block["elements"]) <= b.MAX_CONTEXT_ELEMENTS
            assert all(0 < len(e["text"]) <= b.MAX_SECTION for e in block["elements"])
        elements = block.get("elements", []) if block["type"] == "actions" else []
        for element in elements + ([block["accessory"]] if block.get("accessory") else []):
            assert len(element["text"]["text"]) <= b.MAX_BUTTON_TEXT
            assert len(element.get("value", "")) <= b.MAX_BUTTON_VALUE
            assert len(element["action_id"]) <= 255
        if block["type"] == "actions":
            ids = [e["action_id"] for e in block["elements"]]
            assert len(ids) == len(set(ids))  # Slack wants them unique within a block


def result(n: int, excerpt: str = "Organised crime & county lines <b>", title: str = "A title"):
    return SearchResult(
        doc_id=f"doc-{n}",
        file=f"doc-{n}.txt",
        title=title,
        date="2020-01-02",
        type="report",
        speaker="Mr <@U999> Speaker",
        passage_id=f"doc-{n}#{n}",
        excerpt=excerpt,
        score=1.0,
        highlights=[m.span() for m in re.finditer(r"Organised|county|Serious", excerpt)][:99],
    )


def search_reply(results, total=None, page=0, query="county lines", corrected=None):
    response = SearchResponse(
        query=query, results=results, corrected=corrected, total=total or len(results)
    )
    return commands.Reply("search", response, extra={"page": page, "page_size": 5})


def test_escape_only_the_three_characters():
    assert b.escape("<!channel> & <@U1> *x* _y_") == "&lt;!channel&gt; &amp; &lt;@U1&gt; *x* _y_"


def test_truncate_never_splits_an_entity():
    text = b.escape("a" * 10 + "&" * 10)
    for limit in range(5, 40):
        cut = b.truncate(text, limit)
        assert len(cut) <= limit
        body = cut.rstrip(b.ELLIPSIS)
        assert body.count("&") == body.count("&amp;")


def test_matched_words_are_bold_and_the_rest_escaped():
    blocks = b.reply_blocks(search_reply([result(1)]))
    section = next(x for x in blocks if x["type"] == "section")["text"]["text"]
    assert section == "*Organised* crime &amp; *county* lines &lt;b&gt;"
    context = next(x for x in blocks if x["type"] == "context")["elements"][0]["text"]
    assert "&lt;@U999&gt;" in context and "`doc-1#1`" in context and "*A title*" in context


def test_correction_is_shown():
    blocks = b.reply_blocks(search_reply([result(1)], corrected="county lines"))
    assert "Showing results for *county lines*" in json.dumps(blocks)


def test_pagination_buttons_follow_the_page():
    first = b.reply_blocks(search_reply([result(i) for i in range(5)], total=12))
    labels = [e["text"]["text"] for e in first[-1]["elements"]]
    assert labels == ["More results"]
    assert b.read_action_value(first[-1]["elements"][0]["value"]) == ("search county lines", 1)
    middle = b.reply_blocks(search_reply([result(i) for i in range(5)], total=12, page=1))
    assert [e["text"]["text"] for e in middle[-1]["elements"]] == ["Previous", "More results"]
    last = b.reply_blocks(search_reply([result(i) for i in range(2)], total=12, page=2))
    assert [e["text"]["text"] for e in last[-1]["elements"]] == ["Previous"]
    assert "Results 11–12 of 12" in json.dumps(last, ensure_ascii=False)
    single = b.reply_blocks(search_reply([result(1)], total=1))
    assert all(x["type"] != "actions" for x in single)


def test_huge_result_and_long_title_stay_within_limits():
    huge = ("Serious & organised <crime> " * 2000).strip()
    title = "A very long title <!channel> " * 60
    reply = search_reply([result(i, huge, title) for i in range(5)], total=10_000, query="q" * 4000)
    blocks = b.reply_blocks(reply)
    check_limits(blocks)
    assert blocks[0]["text"]["text"].endswith(b.ELLIPSIS)
    section = next(x for x in blocks if x["type"] == "section")["text"]["text"]
    assert section.endswith(b.ELLIPSIS) and section.startswith("*Serious*")
    assert "<" not in section
    check_limits(b.message(reply, share_line="search " + "q" * 4000)["blocks"])


def test_many_results_are_capped_at_five_per_message():
    blocks = b.reply_blocks(search_reply([result(i) for i in range(40)], total=40))
    check_limits(blocks)
    assert sum(1 for x in blocks if x["type"] == "section") == 5


def test_button_value_fits_even_for_a_long_quoted_line():
    value = b.action_value("search " + '"' * 3000, page=7)
    assert len(value) <= b.MAX_BUTTON_VALUE
    line, page = b.read_action_value(value)
    assert page == 7 and line.startswith('search "')
    assert b.read_action_value("garbage") == ("help", 0)
    assert b.read_action_value('{"t": "docs", "p": -3}') == ("docs", 0)


def document(n: int, title: str = "Title") -> Document:
    return Document(
        id=f"doc-{n}",
        file=f"f{n}.txt",
        title=title,
        date=None,
        type="report",
        author="<!here>",
        url=None,
        passages=n,
    )


def test_many_documents_are_split_and_capped():
    reply = commands.Reply("docs", [document(i, "T & <t> " * 40) for i in range(800)])
    blocks = b.reply_blocks(reply)
    check_limits(blocks)
    assert "more not shown" in json.dumps(blocks)


def test_document_card_with_long_title_and_url():
    doc = document(1, "Long <title> " * 50)
    doc.url = "https://example.org/x"
    blocks = b.reply_blocks(commands.Reply("doc", doc))
    check_limits(blocks)
    assert "&lt;!here&gt;" in json.dumps(blocks)
    assert blocks[-1]["elements"][0]["url"] == "https://example.org/x"


def test_unknown_kind_falls_back_to_escaped_text_sections(monkeypatch):
    monkeypatch.setitem(REPLY_TEXT, "novel", lambda reply: reply.data)
    reply = commands.Reply("novel", "line <!channel>\n" * 2000)
    blocks = b.reply_blocks(reply)
    check_limits(blocks)
    text = "".join(x["text"]["text"] for x in blocks if x["type"] == "section")
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text


def test_every_registered_kind_has_a_block_renderer_or_a_text_fallback():
    for kind in REPLY_TEXT:
        assert kind in b.REPLY_BLOCKS or b.generic_blocks


@pytest.mark.parametrize("line", ["help", "docs", "doc pac-soc-2019", "doc nope", "search"])
def test_real_replies_render_within_limits(db, line):
    message = b.message(commands.dispatch(db, line), share_line=line)
    check_limits(message["blocks"])
    assert message["text"] and len(message["text"]) <= b.MAX_FALLBACK
    assert message["blocks"][-1]["elements"][0]["action_id"] == b.ACTION_SHARE


def test_fit_keeps_buttons_and_says_what_was_left_out():
    many = [b.section(str(i)) for i in range(80)] + [b.actions(b.button("x", "a", "v"))]
    fitted = b.fit(many)
    assert len(fitted) == 50 and fitted[-1]["type"] == "actions"
    assert "32 more not shown" in fitted[-2]["elements"][0]["text"]


def test_truncate_ends_at_a_word_when_it_can():
    # titles written for this test
    title = "A review of the arrangements for regional policing collaboration in the north"
    cut = b.truncate(title, 60)
    assert cut.endswith(b.ELLIPSIS) and len(cut) <= 60
    kept = cut[: -len(b.ELLIPSIS)]
    assert title.startswith(kept) and title[len(kept)] == " "  # a whole word, never "collabo…"
    # one long word has no space to end at: it is cut where the limit falls
    assert b.truncate("x" * 100, 10) == "x" * 9 + b.ELLIPSIS
    # a limit falling on a space keeps every word before it
    assert b.truncate("alpha beta gamma", 11) == "alpha beta" + b.ELLIPSIS
