"""Re-scoring stops early once later candidates cannot change the results shown: what is shown
must be exactly what scoring every candidate shows, for any page, with or without diversity."""

from __future__ import annotations

import pytest

from bot.search import candidates as candidates_mod
from bot.search import ranking as search_mod
from bot.search import scoring as scoring_mod
from bot.search.ranking import search

QUERIES = [
    "regional organised crime unit",
    "natinal crime agency",
    "police and crime commissioner",
    "the",
    "funding doc:pac-soc-2019",
    "serious organised crime -cyber",
    "organized survelance",
]


def shown(db, query: str, limit: int, offset: int) -> list[tuple]:
    response = search(db, query, limit=limit, offset=offset)
    return [(r.passage_id, r.score, r.excerpt, r.highlights) for r in response.results] + [
        response.total,
        response.corrected,
        tuple(response.notes),
    ]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (3, 0), (5, 5), (10, 2)])
def test_stopping_early_shows_what_scoring_everything_shows(db, monkeypatch, query, limit, offset):
    monkeypatch.setattr(scoring_mod, "BATCH", 10**6)
    everything = shown(db, query, limit, offset)
    monkeypatch.setattr(scoring_mod, "BATCH", 1)
    assert shown(db, query, limit, offset) == everything


def test_stopping_early_reads_fewer_candidates_when_the_top_is_clear(db, monkeypatch):
    read = []
    rows = scoring_mod._rows
    monkeypatch.setattr(scoring_mod, "_rows", lambda db, ids: read.extend(ids) or rows(db, ids))
    monkeypatch.setattr(scoring_mod, "BATCH", 1)
    search(db, "regional organised crime unit", limit=1)
    candidates = candidates_mod._candidates
    found = []
    monkeypatch.setattr(
        candidates_mod,
        "_candidates",
        lambda *a, **k: found.append(candidates(*a, **k)) or found[-1],
    )
    read.clear()
    search(db, "regional organised crime unit", limit=1)
    assert 0 < len(read) < sum(len(f) for f in found)


def test_an_expander_with_a_stamp_is_asked_once_per_text_until_the_stamp_changes(db):
    asked, stamp = [], [0]

    def expander(db, text):
        asked.append(text)
        return ["county lines"] if text.lower() == "cl" else []

    expander.stamp = lambda db: stamp[0]
    search_mod.QUERY_EXPANDERS.append(expander)
    try:
        first = search(db, "CL drugs").results
        count = len(asked)
        assert search(db, "CL drugs").results == first and len(asked) == count
        stamp[0] += 1
        search(db, "CL drugs")
        assert len(asked) == 2 * count
    finally:
        search_mod.QUERY_EXPANDERS.remove(expander)
    assert count and first and "county lines" in first[0].excerpt.lower()
