"""A list of recommendations answered by one response document, as terminal text and Block Kit.

The report, its items and the response below were written for this test."""

from __future__ import annotations

import json
from types import SimpleNamespace

from bot import commands
from bot.render.recs import recs_blocks, recs_text
from bot.render.tracker import read_status_value

RESPONSE_TITLE = "Government reply to the Harbour Policing Review: a long title naming it all"


def item(n: int, stance: str) -> SimpleNamespace:
    return SimpleNamespace(
        id=f"r00000{n}",
        doc_id="harbour-review",
        doc_title="Harbour Policing Review",
        doc_type="committee-report",
        doc_date="2024-05-01",
        made_by="Harbour Committee",
        summary=f"The harbour unit should publish its patrol plan number {n}.",
        addressees=["Harbour Police"],
        due=None,
        deadline_text=None,
        status="open",
        overdue=False,
        status_by=None,
        status_by_id=None,
        status_at=None,
        status_note=None,
        note=None,
        response=None,
        responses=[
            {
                "doc_id": "harbour-reply",
                "doc_title": RESPONSE_TITLE,
                "stance": stance,
                "date": "2024-08-01",
            }
        ],
    )


ITEMS = [item(1, "accepted"), item(2, "not accepted"), item(3, "noted")]


def test_a_response_is_named_once_in_a_list_then_by_its_stance_and_date():
    text = recs_text(ITEMS, "doc:harbour-review")
    assert text.count(RESPONSE_TITLE) == 1
    assert "Response: accepted · " + RESPONSE_TITLE + " · 2024-08-01" in text
    assert "Response: not accepted · 2024-08-01" in text and "Response: noted · 2024-08-01" in text
    message = json.dumps(
        recs_blocks(commands.Reply("recs", ITEMS, extra={"filter": "doc:harbour-review"})),
        ensure_ascii=False,
    )
    # Slack dates it as the digest does (render.recs.SLACK_WORDING, round 15).
    assert message.count(RESPONSE_TITLE) == 1 and "Response: noted · 1 Aug 2024" in message


def test_set_status_redraws_the_list_it_was_pressed_in():
    """Each "Set status" button carries the list's own line, never a response line."""
    blocks = recs_blocks(commands.Reply("recs", ITEMS, extra={"filter": "doc:harbour-review"}))
    values = [
        element["value"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element.get("text", {}).get("text") == "Set status"
    ]
    assert len(values) == len(ITEMS)
    for value in values:
        _, line, page = read_status_value(value)
        assert line == "recs doc:harbour-review" and page == 0
