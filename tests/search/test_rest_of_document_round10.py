"""Whole-document evidence, round 10: the rest of a candidate's document
(``bot.search.whole.rest_scores``, weight ``WEIGHTS["rest"]``), which is 0 for a document of one
passage by construction. The documents and queries here were written for these tests by the
author of the change; none comes from a test collection or a real document."""

from __future__ import annotations

import pytest

from bot.search import scoring as scoring_mod
from bot.search import whole

# "spread": three paragraphs, one word of the query "kelp harbour dredging" in each;
# "single": one paragraph holding two of the words; "padded": one paragraph holding two of the
# words and two paragraphs holding none of them.
SPREAD = (
    "Kelp washed up along the shingle after the storm, in dark ropes that the gulls picked "
    "over for most of the morning.\n\n"
    "The harbour wall was rebuilt in stone the year the ferry stopped running, and the steps "
    "down to the water were cut again by hand.\n\n"
    "Dredging of the channel is paid for by the port, and the spoil is taken out by barge and "
    "dropped well beyond the sandbar."
)
SINGLE = (
    "Kelp gathered inside the harbour mouth was dried on racks and sold to the gardeners of "
    "the valley as a mulch for their beds."
)
PADDED = (
    "Kelp drifting past the harbour light was counted from the cliff path by a retired "
    "teacher who kept a notebook for every tide.\n\n"
    "The lifeboat crew train on Wednesday nights, and the station opens its doors to visitors "
    "on the first Sunday of each month.\n\n"
    "Tickets for the summer regatta are sold at the chandlery, and the proceeds go towards a "
    "new roof for the sailing club."
)
OTHERS = [
    "The village hall committee agreed to replace the boiler before winter and to hold a quiz "
    "night to raise the money.",
    "Walkers are asked to keep dogs on leads across the farm fields where the ewes are "
    "lambing in the spring.",
]


@pytest.fixture
def library(empty_db, tmp_path):
    from stores import ingest_notes

    ingest_notes(empty_db, tmp_path / "spread", [SPREAD], prefix="spread")
    ingest_notes(empty_db, tmp_path / "single", [SINGLE], prefix="single")
    ingest_notes(empty_db, tmp_path / "padded", [PADDED], prefix="padded")
    ingest_notes(empty_db, tmp_path / "others", OTHERS, prefix="other")
    return empty_db


def _doc(db, prefix: str) -> str:
    from stores import doc_of_prefix

    return doc_of_prefix(db, prefix)


def _passages(db, doc: str) -> list[int]:
    return [r[0] for r in db.execute("select id from passages where doc_id = ? order by id", [doc])]


def _rest(db, query: str, form: str = "bm25") -> dict[int, float]:
    from bot.search.query import parse_query
    from bot.search.ranking import make_plan
    from bot.search.scoring import Marker
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(db)
    plan = make_plan(db, parse_query(query), vocab)
    rows = list(db.execute("select id, doc_id from passages"))
    found = {rowid: 1.0 for rowid, _ in rows}
    doc_of = dict(rows)
    saved = whole.REST_FORM
    whole.REST_FORM = form
    try:
        return whole.rest_scores(db, plan, Marker(plan.alternatives, vocab).marks, found, doc_of)
    finally:
        whole.REST_FORM = saved


def test_the_documents_have_the_passages_the_tests_need(library):
    assert len(_passages(library, _doc(library, "spread"))) == 3
    assert len(_passages(library, _doc(library, "single"))) == 1
    assert len(_passages(library, _doc(library, "padded"))) == 3


@pytest.mark.parametrize("form", ["bm25", "coverage"])
def test_a_document_of_one_passage_has_no_rest(library, form):
    rest = _rest(library, "kelp harbour dredging", form)
    assert not set(_passages(library, _doc(library, "single"))) & set(rest)
    for other in ("other-0", "other-1"):
        assert not set(_passages(library, _doc(library, other))) & set(rest)


@pytest.mark.parametrize("form", ["bm25", "coverage"])
def test_each_passage_of_the_spread_document_gains_what_its_others_hold(library, form):
    rest = _rest(library, "kelp harbour dredging", form)
    for rowid in _passages(library, _doc(library, "spread")):
        assert rest.get(rowid, 0.0) > 0


def test_a_passage_holding_all_its_document_holds_gains_nothing(library):
    rest = _rest(library, "kelp harbour dredging")
    first, *padding = _passages(library, _doc(library, "padded"))
    # the other two paragraphs hold none of the words: the document is only longer
    assert rest.get(first, 0.0) == 0.0
    assert _rest(library, "kelp harbour dredging", "coverage").get(first, 0.0) == 0.0
    # ...while they gain what the first holds
    assert all(rest.get(r, 0.0) > 0 for r in padding)


def _first_docs(db, query: str, n: int = 3) -> list[str]:
    from bot.search.ranking import search

    return [r.doc_id for r in search(db, query, limit=n).results]


def _best(db, query: str) -> dict[str, float]:
    """doc_id -> the score of its best passage, as the re-scoring gives it."""
    from bot.search.query import parse_query
    from bot.search.ranking import _ranked, make_plan
    from bot.search.results import SearchResponse
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(db)
    plan = make_plan(db, parse_query(query), vocab)
    scored, _ = _ranked(db, plan, vocab, ([], []), 10, SearchResponse(query=query, results=[]))
    best: dict[str, float] = {}
    for c in scored:
        best[c.doc_id] = max(best.get(c.doc_id, c.score), c.score)
    return best


def test_the_weight_lifts_the_spread_document_and_not_the_single_one(library, monkeypatch):
    spread, single = _doc(library, "spread"), _doc(library, "single")
    # (feedback off: it takes its words from the best few, which the weight re-orders)
    monkeypatch.setitem(scoring_mod.WEIGHTS, "feedback", 0.0)
    monkeypatch.setitem(scoring_mod.WEIGHTS, "rest", 0.0)
    before = _best(library, "kelp harbour dredging")
    monkeypatch.setitem(scoring_mod.WEIGHTS, "rest", 1.0)
    after = _best(library, "kelp harbour dredging")
    assert after[spread] > before[spread]
    assert after[single] == before[single]
    assert _first_docs(library, "kelp harbour dredging")[0] == spread


def test_a_library_of_one_passage_documents_ranks_as_without_it(empty_db, tmp_path, monkeypatch):
    from stores import ingest_notes

    from bot.search.ranking import search

    ingest_notes(empty_db, tmp_path / "single", [SINGLE], prefix="single")
    ingest_notes(empty_db, tmp_path / "others", OTHERS, prefix="other")

    def ranked():
        return [(r.doc_id, r.score) for r in search(empty_db, "kelp harbour lambing").results]

    monkeypatch.setitem(scoring_mod.WEIGHTS, "rest", 0.0)
    before = ranked()
    monkeypatch.setitem(scoring_mod.WEIGHTS, "rest", 1.0)
    assert ranked() == before


def test_no_rest_work_when_its_weight_is_zero(library, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("rest-of-document scores asked for with weight 0")

    monkeypatch.setitem(scoring_mod.WEIGHTS, "rest", 0.0)
    monkeypatch.setattr(scoring_mod, "rest_scores", fail)
    assert _first_docs(library, "kelp harbour dredging")
    assert scoring_mod.WEIGHTS["rest"] == 0.0  # shipped off


def test_beyond_is_the_same_for_every_passage_of_a_document(library):
    spread, padded = _doc(library, "spread"), _doc(library, "padded")
    for form in ("beyond", "beyondcov"):
        rest = _rest(library, "kelp harbour dredging", form)
        values = {rest.get(r, 0.0) for r in _passages(library, spread)}
        assert len(values) == 1 and values.pop() > 0  # the words are spread: it holds more
        # the padded document's first passage holds all the document holds: nothing beyond it
        assert not set(_passages(library, padded)) & set(rest)
        assert not set(_passages(library, _doc(library, "single"))) & set(rest)


def test_every_form_from_one_reading(library):
    from bot.search.query import parse_query
    from bot.search.ranking import make_plan
    from bot.search.scoring import Marker
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(library)
    plan = make_plan(library, parse_query("kelp harbour dredging"), vocab)
    rows = list(library.execute("select id, doc_id from passages"))
    forms = ("bm25", "coverage", "beyond", "beyondcov")
    marks = Marker(plan.alternatives, vocab).marks
    each = whole.rest_scores(
        library, plan, marks, dict.fromkeys(dict(rows), 1.0), dict(rows), forms
    )
    assert set(each) == set(forms)
    for form in forms:
        assert each[form] == _rest(library, "kelp harbour dredging", form)
