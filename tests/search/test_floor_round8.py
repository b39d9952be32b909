"""The floor for questions, round 8: without the meaning extra, a question's candidates are fused
by reciprocal rank with a plain BM25 ranking of them (``bot.search.floor``).

Every text here was written for these tests (an invented allotment society and its rules); none
is taken from a document or an evaluation set.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.search import floor
from bot.search.vocabulary import Vocabulary


@dataclass
class Item:
    rowid: int
    text: str
    doc_id: str = "d"


def _vocab(texts: list[str]) -> Vocabulary:
    counts: dict[str, int] = {}
    for text in texts:
        for word in set(floor.words(text)) | {w for w in text.lower().split() if w.isalpha()}:
            counts[word] = counts.get(word, 0) + 1
    return Vocabulary(counts, len(texts))


PLOTS = [
    "Plot holders should water their beds before nine in the morning during a hosepipe ban.",
    "The society's shed is open on Saturdays; tools are lent for a week at most.",
    "A plot left untended for a whole season may be offered to the next person on the list.",
    "Bonfires are allowed in November only, and never when the wind blows towards the houses.",
    "The annual show is held in the village hall, with prizes for the longest runner beans.",
]


def test_the_words_counted_keep_a_questions_own_words_and_drop_lucenes_stop_words():
    counted = floor.words("How long should a plot be left before it is offered to another?")
    assert {"how", "long", "should", "plot", "left", "offered", "another"} <= set(counted)
    assert not {"a", "it", "is", "to", "be"} & set(counted)


def test_a_passage_holding_the_rare_words_scores_highest():
    vocab = _vocab(PLOTS)
    items = [Item(i, t) for i, t in enumerate(PLOTS)]
    scores = floor.scores(items, "when are bonfires allowed near the houses?", vocab)
    assert max(scores, key=scores.get) == 3
    assert 1 not in scores  # holds none of the words


def test_words_no_passage_holds_give_no_scores():
    vocab = _vocab(PLOTS)
    items = [Item(i, t) for i, t in enumerate(PLOTS)]
    assert floor.scores(items, "zeppelin quorum?", vocab) == {}


def test_fusion_lifts_what_plain_bm25_puts_first(monkeypatch):
    monkeypatch.setattr(floor, "WEIGHT", 2.0)
    monkeypatch.setattr(floor, "K", 5)
    items = [Item(i, "") for i in range(8)]
    bm25 = {7: 9.0, 0: 1.0, 1: 0.5}
    order = [c.rowid for c in floor.fused(items, bm25)]
    assert order.index(7) < 2  # last in search's order, first in plain BM25's
    assert order[0] == 0  # second in BM25's and first in search's: still ahead


def test_weight_zero_leaves_the_order_as_it_was(monkeypatch):
    monkeypatch.setattr(floor, "WEIGHT", 0.0)
    vocab = _vocab(PLOTS)
    items = [Item(i, t) for i, t in enumerate(reversed(PLOTS))]
    assert floor.floored(items, "when are bonfires allowed?", vocab) == items


@pytest.fixture
def allotments(empty_db, tmp_path, monkeypatch):
    from stores import ingest_notes

    monkeypatch.setenv("ROCU_MEANING", "off")
    assert not ingest_notes(empty_db, tmp_path / "docs", ["\n\n".join(PLOTS)], "rules").failed
    return empty_db


def test_search_uses_the_floor_for_questions_only(allotments, monkeypatch):
    from bot.search.ranking import search

    asked: list[str] = []
    floored = floor.floored

    def spy(items, query, vocab):
        asked.append(query)
        return floored(items, query, vocab)

    monkeypatch.setattr(floor, "floored", spy)
    result = search(allotments, "when are bonfires allowed?", limit=3).results[0]
    assert "Bonfires" in result.excerpt
    assert asked == ["when are bonfires allowed?"]
    search(allotments, "bonfires houses", limit=3)
    assert len(asked) == 1  # words typed as a search: no floor
