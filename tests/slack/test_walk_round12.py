"""What the round-12 walk through the tracker and the digest found (console, command line and the
real Bolt app against the fake Slack): the texts here were written for these tests, invented
bodies and people, not copied from any document."""

from __future__ import annotations

import re

import pytest
from slack_rig import mrkdwn_texts

from bot.recs.tracker import list_recommendations, set_status
from bot.render import blocks as render_blocks

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


# -- a plain "&" no longer ends what is kept of a cut line ---------------------------------------


def test_a_long_status_note_with_an_ampersand_is_cut_at_its_end(rig, db):
    rec = list_recommendations(db, "doc:pac-soc-2019")[0]
    note = "Agreed with the Harbour Unit & the Fenland desk at the quarterly review; " + (
        "the minutes follow in the new year " * 25
    )
    set_status(db, rec.id, "accepted", by="Dana & Co", note=note)
    message = rig.answer("recs doc:pac-soc-2019")
    line = re.search(r"_Status accepted[^\n]*?…_", texts(message))[0]
    assert "Dana &amp; Co" in line and "the Fenland desk at the quarterly review" in line
    assert 450 < len(line) <= 700 and line.endswith("…_")


def test_truncate_keeps_a_plain_ampersand_and_never_halves_an_entity(monkeypatch):
    title = "Westvale & Eastmoor joint review of tasking " * 8
    cut = render_blocks.truncate(title, 150)
    assert len(cut) <= 150 and cut.count("&") >= 2
    assert render_blocks.truncate("abcdefghij&amp;klm", 14) == "abcdefghij…"
    assert render_blocks.truncate("abcdefghij&#8217;klm", 15) == "abcdefghij…"
    monkeypatch.setattr(render_blocks, "PARTIAL_ENTITY_ONLY", False)
    line = "in-progress by Ann & Co (U0ANN) on 2026-12-06 " + "then more " * 20
    assert render_blocks.truncate(line, 60) == "in-progress by Ann…"  # as before
