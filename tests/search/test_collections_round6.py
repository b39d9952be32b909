"""Collections, round 6: whole-document evidence (``bot.search.whole``: a document's BM25 built
from which of its passages hold each query word) and the bounded deviation from bm25
(``scoring.MARGIN``). The documents and queries here were written for these tests by the author
of the change; none comes from a test collection or a real document."""

from __future__ import annotations

import math

import pytest

from bot.search import scoring as scoring_mod

# "spread": each of its paragraphs holds one of the words of the query below; "together": one
# paragraph holds two of them side by side; the others hold none of them, or one.
SPREAD = (
    "Lichen grows slowly on the north face of the old churchyard wall, in pale grey rosettes "
    "that the sexton has never tried to scrape away.\n\n"
    "Where the river widens into the estuary, the tide brings in silt twice a day and the "
    "wading birds follow the line of the water as it falls back.\n\n"
    "The sediment cores were cut into slices one centimetre thick, dried in the oven overnight "
    "and weighed on the balance in the cold room the next morning."
)
TOGETHER = (
    "Lichen on estuary rocks was photographed from the footbridge at low water, and the "
    "pictures were filed by date in the parish archive with the others."
)
OTHERS = [
    "The parish council met in the school hall to talk about the new bus timetable, the "
    "potholes on the lane and the date of the summer fete on the green.",
    "Volunteers cleared brambles from the footpath behind the allotments and repaired two "
    "stiles before the walking group came through in May.",
    "The bell ringers practise on Thursday evenings; newcomers are welcome and are shown how "
    "to handle the rope safely before they ring a bell on their own.",
    "An estuary walk is planned for the autumn, weather permitting, starting from the car park "
    "beside the sailing club and ending at the tea room.",
]


@pytest.fixture
def library(empty_db, tmp_path):
    from stores import ingest_notes

    ingest_notes(empty_db, tmp_path / "spread", [SPREAD], prefix="spread")
    ingest_notes(empty_db, tmp_path / "together", [TOGETHER], prefix="together")
    ingest_notes(empty_db, tmp_path / "others", OTHERS, prefix="other")
    return empty_db


def _doc(db, prefix: str) -> str:
    from stores import doc_of_prefix

    return doc_of_prefix(db, prefix)


def _plan(db, query: str):
    from bot.search.query import parse_query
    from bot.search.ranking import make_plan
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(db)
    return make_plan(db, parse_query(query), vocab), vocab


def test_the_spread_document_has_its_passages(library):
    spread = _doc(library, "spread")
    assert (
        library.execute("select count(*) from passages where doc_id = ?", [spread]).fetchone()[0]
        == 3
    )


def test_a_document_holding_every_word_somewhere_scores_above_one_holding_two(library):
    from bot.search.scoring import Marker
    from bot.search.whole import document_scores

    plan, vocab = _plan(library, "lichen estuary sediment")
    marks = Marker(plan.alternatives, vocab).marks
    spread, together = _doc(library, "spread"), _doc(library, "together")
    walk = _doc(library, "other-3")  # "estuary" only
    scores = document_scores(library, plan, marks, {spread, together, walk})
    assert scores[spread] > scores[together] > scores[walk] > 0
    # only the documents asked about are scored
    assert set(document_scores(library, plan, marks, {together})) == {together}
    assert document_scores(library, plan, marks, set()) == {}


def _first_docs(db, query: str, n: int = 3) -> list[str]:
    from bot.search.ranking import search

    return [r.doc_id for r in search(db, query, limit=n).results]


def test_whole_document_evidence_lifts_the_spread_document(library, monkeypatch):
    spread, together = _doc(library, "spread"), _doc(library, "together")

    def gap() -> float:  # the spread document's best passage less the other's
        best: dict[str, float] = {}
        for c in _ranked(library, "lichen estuary sediment"):
            best[c.doc_id] = max(best.get(c.doc_id, -math.inf), c.score)
        return best[spread] - best[together]

    monkeypatch.setitem(scoring_mod.WEIGHTS, "whole", 0.0)
    before = gap()
    monkeypatch.setitem(scoring_mod.WEIGHTS, "whole", 1.0)
    assert gap() > before
    assert _first_docs(library, "lichen estuary sediment")[0] == spread


def test_no_whole_document_work_when_its_weight_is_zero(library, monkeypatch):
    from bot.search import whole

    def fail(*args, **kwargs):
        raise AssertionError("whole-document scores asked for with weight 0")

    monkeypatch.setitem(scoring_mod.WEIGHTS, "whole", 0.0)
    monkeypatch.setattr(scoring_mod, "whole_scores", fail)
    assert _first_docs(library, "lichen estuary sediment")
    assert whole.K1 > 0  # (the module is importable on its own)


def _ranked(db, query: str):
    from bot.search.query import parse_query
    from bot.search.ranking import _ranked, make_plan
    from bot.search.results import SearchResponse
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(db)
    plan = make_plan(db, parse_query(query), vocab)
    scored, _ = _ranked(db, plan, vocab, ([], []), 10, SearchResponse(query=query, results=[]))
    return scored


@pytest.mark.parametrize("margin", [0.0, 0.05])
def test_a_bound_keeps_the_order_near_bm25s(library, monkeypatch, margin):
    monkeypatch.setattr(scoring_mod, "MARGIN", margin)
    scored = _ranked(library, "lichen estuary sediment")
    best = max(c.bm25 for c in scored)
    top = max(scored, key=lambda c: c.bm25)
    for c in scored:  # no candidate rises above the best bm25 by more than the bound allows
        assert c.score <= c.bm25 / best + margin + 1e-9
    if margin == 0.0:  # no bound at all on the additions: the order is plain bm25's
        assert [c.rowid for c in scored][0] == top.rowid
        bm25s = [c.bm25 for c in scored]
        assert bm25s == sorted(bm25s, reverse=True)


def test_no_bound_by_default(library):
    assert scoring_mod.MARGIN == math.inf
    scored = _ranked(library, "lichen estuary sediment")
    best = max(c.bm25 for c in scored)
    # unbounded, the additions lift some candidate past its bm25 share by more than 0.05
    assert any(c.score > c.bm25 / best + 0.05 for c in scored)
