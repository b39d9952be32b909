"""A long ``recs`` filter after the round-12 walk: buttons carry a short key to it, not the whole
line, so no card is pushed out of the message and the next page answers the whole filter. The
filter is built from one word repeated; the names and notes are invented for these tests."""

from __future__ import annotations

import json

import pytest
from slack_rig import buttons, mrkdwn_texts, save_status

from bot.recs.tracker import get_recommendation
from bot.render import blocks as bk
from bot.render import tracker as render_tracker

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

LONG = "recs " + "police " * 400  # about 2,800 characters; twelve seeded items match it


def _status_buttons(message: dict) -> list[dict]:
    found = []
    for block in message["blocks"]:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element.get("action_id", "").startswith(render_tracker.ACTION_STATUS):
                found.append(element)
    return found


def _text(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


def test_a_long_filter_keeps_every_card_and_the_redraw_keeps_the_list(rig, db):
    message = rig.answer(LONG)
    cards = _status_buttons(message)
    assert len(cards) == 10 and "more not shown" not in _text(message)
    assert all(len(card["value"]) < 100 for card in cards)  # an id, a page and a key
    assert all("police police" not in card["value"] for card in cards)
    rec_id, line, _ = render_tracker.read_status_value(cards[3]["value"])
    assert line == " ".join(LONG.split()) and get_recommendation(db, rec_id) is not None
    name = save_status(
        rig, cards[3], "accepted", "Agreed at the harbour desk's board", "U0JOAN", "V0L1"
    )
    redrawn = rig.slack.wait_for(f"response:{name}")[-1].body
    assert redrawn.get("replace_original") is True
    assert len(_status_buttons(redrawn)) == 10  # the list again, not the one card
    assert "Agreed at the harbour desk" in _text(redrawn)


def test_the_next_page_of_a_long_filter_answers_the_whole_filter(rig):
    message = rig.answer(LONG)
    more = buttons(message["blocks"])["More results"]
    assert len(more["value"]) < 100
    assert bk.read_action_value(more["value"]) == (" ".join(LONG.split()), 1)


def test_a_key_the_process_no_longer_holds_is_said_to_be_stale(rig, db, monkeypatch):
    message = rig.answer(LONG)
    more = buttons(message["blocks"])["More results"]
    monkeypatch.setattr(bk, "_kept", type(bk._kept)())  # as after a restart
    with db.conn:  # and past the store's age limit (round 13: the store keeps it across one)
        db.execute("delete from kept_lines")
    name = rig.click(more)
    said = rig.slack.wait_for(f"response:{name}")[-1].body
    assert "too long to keep" in said["text"] and said.get("replace_original") is False
    rec_id, line, _ = render_tracker.read_status_value(_status_buttons(message)[0]["value"])
    assert line == f"recs {rec_id}"  # a status set then redraws the card alone, as before


def test_lines_by_key_switched_off_carries_the_line_and_cards_are_cut(rig, monkeypatch):
    monkeypatch.setattr(bk, "LINES_BY_KEY", False)
    message = rig.answer(LONG)
    assert len(_status_buttons(message)) < 10 and "more not shown" in _text(message)


def test_a_short_filter_is_carried_as_before(db):
    value = render_tracker.status_value("r1a2b3c", "recs to:harbour desk", 2)
    assert json.loads(value) == {"r": "r1a2b3c", "t": "recs to:harbour desk", "p": 2}
