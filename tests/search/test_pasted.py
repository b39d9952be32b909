"""Pasted text is searched by its key terms: the rare words it says, weighed as the plan weighs
them, not its stop words or the words no passage holds. The filler texts here were written for
these tests; the pasted passages are read from the seed library at run time."""

from __future__ import annotations

import re

from bot.search import pasted
from bot.search.plan import PASTED
from bot.search.query import parse_query
from bot.search.ranking import search
from bot.search.vocabulary import vocabulary

FILLER = (
    "Before the meeting closed, several members asked whether the figures above could be "
    "compared with those of earlier years, and the chair agreed that a short note would follow "
    "once the secretariat had checked each table against the returns sent in by the forces. "
    "Somebody also wondered aloud about the qwzxv spreadsheet that nobody could open, while "
    "another colleague remembered that the printer on the third floor was broken again, so "
    "copies were handed round by email instead of on paper during the afternoon session."
)


def long_passage(db, words: int = 40) -> tuple[str, str]:
    """(passage id as results give it, text) of the first seed passage of ``words`` distinct
    words or more."""
    sql = "select doc_id || '#' || ordinal, text from passages order by id"
    for passage_id, text in db.execute(sql):
        if len(set(re.findall(r"[a-z]+", text.lower()))) >= words:
            return passage_id, text
    raise AssertionError("the seed library has no passage that long")


def test_a_short_query_is_left_as_typed(db):
    parsed = parse_query("funding for regional organised crime units")
    before = [t.text for t in parsed.terms]
    assert pasted.reduce_paste(parsed, vocabulary(db)) is False
    assert not parsed.pasted and [t.text for t in parsed.terms] == before


def test_a_paste_keeps_its_weightiest_terms_in_order_without_stop_words_or_unknown_words(db):
    _, text = long_passage(db)
    parsed = parse_query(f"{text} {FILLER}")
    assert len(parsed.terms) > PASTED
    typed = [t.text for t in parsed.terms]
    assert pasted.reduce_paste(parsed, vocabulary(db)) is True
    kept = [t.text for t in parsed.terms]
    assert parsed.pasted and len(kept) == pasted.KEY_TERMS
    assert kept == [t for t in typed if t in kept]  # the paste's order
    assert not {"the", "and", "that", "was"} & set(kept)
    assert "qwzxv" not in kept  # no passage holds it: it can find nothing


def test_a_pasted_passage_with_filler_around_it_is_found_first(db):
    passage_id, text = long_passage(db)
    response = search(db, f"{FILLER} {text} {FILLER.upper()}")
    assert response.results[0].passage_id == passage_id


def test_a_paste_with_every_term_kept_finds_the_same_passage(db, monkeypatch):
    passage_id, text = long_passage(db)
    monkeypatch.setattr(pasted, "KEY_TERMS", 0)  # no reduction: the paste as it was searched
    parsed = parse_query(f"{text} {FILLER}")
    pasted.reduce_paste(parsed, vocabulary(db))
    assert parsed.pasted and len(parsed.terms) > PASTED
    assert search(db, f"{text} {FILLER}").results[0].passage_id == passage_id
