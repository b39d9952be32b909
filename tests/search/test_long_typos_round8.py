"""Typos in a query, round 8 (issue 21): a word's corrections are searched one per stem
(``plan.CORRECTIONS_PER_STEM``) and a word typed as no word but read as a stop word is a stop
word (``plan.STOP_CORRECTED``). The texts and queries here were written for these tests by the
author of the change; none comes from a test collection or a real document."""

from __future__ import annotations

import pytest

from bot.search import plan as plan_mod

TEXTS = [
    "The ferry crossed the estuary through thick fog, and the harbour records for that winter "
    "list every crossing it made.",
    "Harbour records kept by the pilots note the depth of the channel at each tide, the record "
    "of one night lost in a flood.",
    "A record of the lighthouse keepers' wages survives in the county archive, with their "
    "letters home.",
    "The fog horn sounded through the night while the pilots waited for the tide to turn at "
    "the bar.",
    "Walkers crossing the sands at low water are told to keep to the marked path through the "
    "channels.",
    "The archive holds the logs of the lifeboat crews, the records of rescues and the names of "
    "the boats.",
    "Birds feed on the mud flats through the winter months; the counts are kept by volunteers.",
    "The bridge over the river was rebuilt after the flood, and traffic now passes through a "
    "new toll.",
]


@pytest.fixture
def library(empty_db, tmp_path):
    from stores import ingest_notes

    ingest_notes(empty_db, tmp_path / "notes", TEXTS, prefix="harbour")
    return empty_db


def _plan(db, query: str):
    from bot.search.query import parse_query
    from bot.search.ranking import _distinct, make_plan
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(db)
    parsed = parse_query(query)
    parsed.terms = _distinct(parsed.terms)
    return make_plan(db, parsed, vocab), vocab


def _corrected(plan, slot: int) -> list[tuple[str, ...]]:
    return [a.tokens for a in plan.alternatives if a.slots == (slot,) and a.kind == "corrected"]


def _bm25(db, query: str) -> dict[int, float]:
    from bot.search.candidates import find
    from bot.search.results import SearchResponse

    plan, vocab = _plan(db, query)
    found, _ = find(db, plan, vocab, ([], []), 10, SearchResponse(query=query, results=[]))
    return found


def test_two_readings_of_one_stem_are_searched_once(library):
    # "recordz" is one letter from "records" and from "record": both are offered, and the
    # passage index stems them alike
    from bot.search.vocabulary import vocabulary

    offered = [c.word for c in vocabulary(library).readings("recordz").replace]
    assert set(offered) == {"records", "record"}
    plan, _ = _plan(library, "recordz archive")
    assert _corrected(plan, 0) == [("records",)]
    assert plan.corrected == "records archive"


def test_a_corrected_word_weighs_in_bm25_as_the_word_typed_right(library):
    typo, right = _bm25(library, "recordz archive"), _bm25(library, "records archive")
    assert typo.keys() == right.keys()
    assert typo == pytest.approx(right)


def test_the_switch_searches_both_readings_again(library, monkeypatch):
    monkeypatch.setattr(plan_mod, "CORRECTIONS_PER_STEM", False)
    plan, _ = _plan(library, "recordz archive")
    assert sorted(_corrected(plan, 0)) == [("record",), ("records",)]
    # counted twice: the passages holding the word score above the same query typed right
    typo, right = _bm25(library, "recordz archive"), _bm25(library, "records archive")
    assert any(typo[rowid] > right[rowid] * 1.01 for rowid in right)


def test_readings_of_different_stems_are_both_kept():
    from bot.search.vocabulary import Correction, Vocabulary

    vocab = Vocabulary({"brown": 3, "browns": 2, "down": 4}, passages=9)
    readings = [Correction("brown", 80, 3), Correction("browns", 80, 2), Correction("down", 80, 4)]
    kept = plan_mod._one_per_stem(vocab, "bown", readings)
    assert [c.word for c in kept] == ["brown", "down"]


def test_a_typo_read_as_a_stop_word_is_a_stop_word(library):
    plan, _ = _plan(library, "pilots thorugh fog")
    assert plan.corrected == "pilots through fog"
    right, _ = _plan(library, "pilots through fog")
    assert plan.stop == right.stop == frozenset({1})
    assert plan.weights == pytest.approx(right.weights)
    assert plan.weights[1] == 0.0


def test_a_typo_read_as_a_stop_word_ranks_as_the_query_typed_right(library):
    from bot.search.ranking import search

    typo = search(library, "pilots thorugh fog", limit=8).results
    right = search(library, "pilots through fog", limit=8).results
    assert typo
    assert [r.passage_id for r in typo] == [r.passage_id for r in right]


def test_the_stop_switch_restores_the_rule_before(library, monkeypatch):
    monkeypatch.setattr(plan_mod, "STOP_CORRECTED", False)
    plan, _ = _plan(library, "pilots thorugh fog")
    assert 1 not in plan.stop
    assert plan.weights[1] > 0


def test_a_word_typed_right_is_never_made_a_stop_word_by_this(library):
    plan, _ = _plan(library, "harbour crossing fog")
    assert plan.stop == frozenset()
    assert all(w > 0 for w in plan.weights)


# Whole-document evidence (``bot.search.whole``, off as shipped) weighs a word by its stem's
# rarity (``whole.STEM_WEIGHTS``): "harbours" is spelt so in one passage here, "harbour" in
# most of them.
HARBOUR = (
    "The harbour wall was raised after the storm.\n\nThe harbour master keeps the tide tables."
    "\n\nBoats wait in the harbour when the wind is from the east."
)
PILOTS = "Two pilots guide the tankers in at night from the buoy by the point."
MORE = [
    "The old harbour is now a marina for small boats.",
    "Fishing boats leave the harbour before dawn.",
    "A harbour fee is charged for every mooring.",
    "The town grew up around the harbour and its market.",
    "Harbours along this coast silt up unless they are dredged.",
    "The lighthouse stands on the point beyond the dunes.",
    "Gulls nest on the cliffs above the beach in spring.",
]


@pytest.fixture
def harbours(empty_db, tmp_path):
    from stores import ingest_notes

    ingest_notes(empty_db, tmp_path / "h", [HARBOUR], prefix="harbour")
    ingest_notes(empty_db, tmp_path / "p", [PILOTS], prefix="pilots")
    ingest_notes(empty_db, tmp_path / "m", MORE, prefix="more")
    return empty_db


def _whole_order(db) -> list[str]:
    from bot.search.scoring import Marker
    from bot.search.whole import document_scores

    plan, vocab = _plan(db, "pilots harbours")
    files = dict(db.execute("select id, file from documents").fetchall())
    scores = document_scores(db, plan, Marker(plan.alternatives, vocab).marks, set(files))
    return [files[doc].rsplit("/", 1)[-1] for doc in sorted(scores, key=lambda d: -scores[d])]


def test_whole_documents_weigh_a_rare_spelling_of_a_common_word_as_its_stem(harbours):
    assert _whole_order(harbours)[0].startswith("pilots")


def test_the_whole_document_switch_restores_the_spelling_weights(harbours, monkeypatch):
    from bot.search import whole

    monkeypatch.setattr(whole, "STEM_WEIGHTS", False)
    order = _whole_order(harbours)
    assert order[0].startswith("harbour")
    assert order.index("pilots-0.txt") > 2
