"""The tracker's loose ends after the round-12 walk: a person's own
mark-up in the status line, the team's status told apart from a response's stance, one status
wording. The texts (names, notes, a made-up harbour desk's item) are invented for these tests,
not copied from any document."""

from __future__ import annotations

import datetime as dt

import pytest
from slack_rig import mrkdwn_texts

from bot.commands import Reply
from bot.recs.item import STATUSES, Recommendation
from bot.recs.tracker import get_recommendation, list_recommendations, set_status
from bot.render import recs as render_recs
from bot.render import text as render_text
from bot.render import tracker as render_tracker
from bot.render.text import reply_text

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

# -- 2. a person's own mark-up in the status line ----------------------------------------------


def test_a_display_name_and_note_with_markup_are_shown_as_typed(rig, db):
    rec = list_recommendations(db, "doc:pac-soc-2019")[0]
    set_status(db, rec.id, "accepted", by="Jo_Ann *Ward*", note="~urgent~ see `annex` _b_ now")
    message = rig.answer("recs doc:pac-soc-2019")
    line = next(t for t in mrkdwn_texts(message["blocks"]) if "_Status " in t)
    status = line[line.index("_Status ") :].split("\n")[0]
    inner = status[1:-1]  # inside the italics
    assert status.endswith("_") and not any(c in inner for c in "*_~`")
    assert "Jo\u02cdAnn \u2217Ward\u2217" in inner and "\u223curgent\u223c" in inner
    full = reply_text(Reply("rec", get_recommendation(db, rec.id)))
    assert "Jo_Ann *Ward*" in full  # the terminal shows the words as typed


def test_peoples_words_literal_switched_off(db, monkeypatch):
    monkeypatch.setattr(render_tracker, "PEOPLES_WORDS_LITERAL", False)
    assert render_tracker.words_mrkdwn("Jo_Ann *Ward* & co") == "Jo_Ann *Ward* &amp; co"


def test_the_modal_history_shows_a_note_as_typed(db):
    rec = list_recommendations(db, "doc:pac-soc-2019")[0]
    rec = set_status(db, rec.id, "in-progress", by="Pat", note="*two* owners_named")
    view = render_tracker.status_modal(rec, {"r": rec.id})
    history = next(t for t in mrkdwn_texts(view["blocks"]) if "History" in t)
    assert "\u2217two\u2217 owners\u02cdnamed" in history


# -- 3. the team's status and a response's stance, told apart ---------------------------------


def _answered(status: str = "open") -> Recommendation:
    return Recommendation(
        id="r7c0ffe",
        doc_id="osprey-panel-review-2024",
        file="osprey-panel-review-2024.txt",
        passage_id="osprey-panel-review-2024#4",
        made_by="Osprey Scrutiny Panel",
        addressees=["Harbour Desk"],
        deadline_text="by 3 March 2025",
        due=dt.date(2025, 3, 3),
        themes=[],
        summary="The Harbour Desk should log every boat search it asks the forces for.",
        text="The Harbour Desk should log every boat search it asks the forces for, by 3 March "
        "2025.",
        status=status,
        doc_title="Osprey panel review of the Harbour Desk",
        doc_date="2024-11-02",
        overdue=True,
        responses=[{"stance": "accepted", "doc_title": "Harbour Desk response", "date": "2025-01"}],
    )


def test_a_card_says_the_status_is_the_teams_beside_the_responses_stance():
    rec = _answered()
    reply = Reply("recs", [rec], extra={"filter": ""})
    text = reply_text(reply)
    assert "· team status: open · OVERDUE" in text and "Response: accepted" in text
    card = " ".join(mrkdwn_texts(render_recs.recs_blocks(reply)))
    assert "_team status:_ *open*" in card and "Response: accepted" in card
    full = reply_text(Reply("rec", rec))
    assert full.startswith("r7c0ffe · team status: open · OVERDUE")
    header = render_recs.rec_blocks(Reply("rec", rec))[0]["text"]["text"]
    assert header == "Recommendation r7c0ffe · team status: open · overdue"
    view = render_tracker.status_modal(rec, {"r": rec.id})
    said = " ".join(mrkdwn_texts(view["blocks"]))
    assert "The team has set no status yet" in said and "not the team's status" in said


def test_team_status_said_switched_off(monkeypatch):
    monkeypatch.setattr(render_text, "TEAM_STATUS_SAID", False)
    monkeypatch.setattr(render_tracker, "NO_STATUS_SAID_APART", False)
    rec = _answered()
    text = reply_text(Reply("recs", [rec], extra={"filter": ""}))
    assert "· open · OVERDUE" in text and "team status" not in text
    view = render_tracker.status_modal(rec, {"r": rec.id})
    assert "No status set yet: it is *open*." in " ".join(mrkdwn_texts(view["blocks"]))


# -- 4. one status wording -----------------------------------------------------------------------


def test_the_modal_offers_the_words_the_cards_show():
    rec = _answered("in-progress")
    view = render_tracker.status_modal(rec, {"r": rec.id})
    select = next(b for b in view["blocks"] if b.get("block_id") == render_tracker.STATUS_BLOCK)
    shown = [o["text"]["text"] for o in select["element"]["options"]]
    assert shown == list(STATUSES) and "in-progress" in shown
    assert select["element"]["initial_option"]["text"]["text"] == "in-progress"
    assert "· team status: in-progress ·" in reply_text(Reply("recs", [rec], extra={}))


def test_one_status_wording_switched_off(monkeypatch):
    from bot.recs import item

    monkeypatch.setattr(item, "ONE_STATUS_WORDING", False)
    assert render_tracker.label("in-progress") == "In progress"
