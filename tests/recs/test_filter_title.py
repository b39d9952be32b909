"""``/rocu recs WORDS``: a word matches a recommendation when its document's title (or id)
holds it, so "recs covid" lists a pandemic inquiry's recommendations though few of them name the
pandemic. The recommendation and titles here were written for this test."""

from __future__ import annotations

import datetime as dt

from bot.recs.filters import parse_filter
from bot.recs.item import Recommendation

TODAY = dt.date(2026, 12, 6)


def _rec(title: str, doc_id: str, text: str) -> Recommendation:
    return Recommendation(
        id="r1",
        doc_id=doc_id,
        file=f"{doc_id}.pdf",
        passage_id=None,
        made_by=None,
        addressees=["Home Office"],
        deadline_text=None,
        due=None,
        themes=[],
        summary=text,
        text=text,
        status="open",
        doc_title=title,
        doc_date=None,
    )


REC = _rec(
    "Harbour Flooding Inquiry: Final Report",
    "harbour-flooding-inquiry-2026",
    "The regional units should share intelligence within 48 hours of a warning.",
)


def test_a_word_of_the_documents_title_matches():
    assert parse_filter("flooding").matches(REC, None, TODAY)
    assert parse_filter("harbour intelligence").matches(REC, None, TODAY)


def test_every_word_must_still_match_somewhere():
    assert not parse_filter("flooding ferries").matches(REC, None, TODAY)
    assert not parse_filter("earthquake").matches(REC, None, TODAY)
