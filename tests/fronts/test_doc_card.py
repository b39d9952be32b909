"""`/rocu doc ID`: a document's card lists what it recommends; search notes reach Slack too."""

from __future__ import annotations

import json

from bot.commands import Context, dispatch
from bot.render.blocks import reply_blocks
from bot.render.text import reply_text


def test_a_report_card_lists_its_recommendations_with_due_dates(db):
    reply = dispatch(db, "doc pac-soc-2019")
    recs = reply.extra["recommendations"]
    assert len(recs) == 6 and {r.doc_id for r in recs} == {"pac-soc-2019"}
    text = reply_text(reply)
    assert "Recommendations (6)" in text
    assert "due 2019-12-27" in text  # "within three months" of 27 September 2019
    assert "As soon as possible, or as part of the Spending Review" in text
    blocks = json.dumps(reply_blocks(reply))
    assert "Recommendations (6)" in blocks and "2020-03-27" in blocks


def test_a_debate_card_has_no_recommendations_section(db):
    reply = dispatch(db, "doc rocu-questions-2017")
    assert reply.extra["recommendations"] == []
    assert "Recommendations" not in reply_text(reply)
    assert "Recommendations" not in json.dumps(reply_blocks(reply))


def test_search_notes_are_shown_in_slack_and_escaped(db):
    reply = dispatch(db, "search doc:<nowhere> county lines", Context())
    assert reply.data.notes, "an unknown doc: filter is explained"
    blocks = reply_blocks(reply)
    texts = [block["text"]["text"] for block in blocks if block["type"] == "section"]
    texts += [
        element["text"]
        for block in blocks
        if block["type"] == "context"
        for element in block["elements"]
    ]
    assert any("nowhere" in text for text in texts)
    assert not any("<nowhere>" in text for text in texts)


def test_adjacent_matched_words_are_one_bold_run(db):
    from bot.render.blocks import emphasised

    text = "members of organised crime groups. Alongside"
    spans = [(11, 20), (21, 26), (27, 33)]
    assert emphasised(text, spans) == "members of *organised crime groups*. Alongside"
    assert emphasised("a b", [(0, 1), (2, 3)]) == "*a b*"
    assert emphasised("a, b", [(0, 1), (3, 4)]) == "*a*, *b*"
