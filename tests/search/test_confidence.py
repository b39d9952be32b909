"""The confidence gate's measure (``bot.search.confidence``) and what the command makes of it.

The nonsense queries and the small library's texts were written for these tests."""

from __future__ import annotations

import pytest

from bot import commands
from bot.library.ingest import ingest
from bot.search import confidence
from bot.search.ranking import search


@pytest.mark.parametrize(
    "query", ["county lines", "how are ROCUs funded", "regional organised crime unit funding"]
)
def test_good_answers_are_confident(db, query):
    response = search(db, query)
    assert response.results and response.confidence.confident
    reply = commands.dispatch(db, f"search {query}")
    assert reply.public and "gated" not in reply.extra


@pytest.mark.parametrize(
    "query", ["xyzzy plugh frobnicate lines", "qwvzk funding jxtrplm brrzt", "lampoon marmalade"]
)
def test_weak_answers_are_held_back_with_nearest_terms(db, query):
    response = search(db, query)
    assert not response.confidence.confident
    reply = commands.dispatch(db, f"search {query}")
    assert not reply.public
    if response.results:
        assert reply.extra.get("gated")
        assert response.confidence.nearest
        weak = commands.dispatch(db, f"search --weak {query}")
        assert not weak.public and weak.extra.get("weak") and not weak.extra.get("gated")
        assert [r.passage_id for r in weak.data.results] == [r.passage_id for r in response.results]


@pytest.mark.parametrize("query", ["fundng", "recomendations", "orgnaised"])
def test_one_word_one_slip_from_the_librarys_is_answered(db, query, monkeypatch):
    """A one-word search one edit from a word the seed library holds (a letter dropped, or two
    swapped) is answered with the correction; with the rule off it was held back."""
    response = search(db, query)
    assert response.corrected and response.results and response.confidence.confident
    monkeypatch.setattr(confidence, "CLOSE_CORRECTION_KNOWN", 0.5)
    assert not search(db, query).confidence.confident


@pytest.mark.parametrize("query", ["fndng", "survalance", "qzxvbn"])
def test_a_word_further_from_the_librarys_is_still_held_back(db, query):
    assert not search(db, query).confidence.confident


def test_measure_parts_move_the_right_way(db):
    full = search(db, "county lines").confidence
    half = search(db, "county lines zzqxv").confidence
    assert full.found == 1.0 and full.exact == 1.0 and full.held == 2
    assert half.found < full.found and half.value < full.value


def test_a_single_word_never_stands_in_for_a_known_phrase(empty_db, tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    texts = [
        "Harbour ferries carry freight at dawn, loaded by the night crew before the tide turns.",
        "The harbour ferries timetable changes in winter, when fewer crossings are needed.",
        "Harbour ferries stop when storms close the port, and passengers wait in the hall.",
        "Along the quay the old ferries are painted each spring, far from any harbour wall.",
        "Ferries of every size crowd the estuary in August, when the regatta comes to town.",
    ]
    for n, text in enumerate(texts):
        (folder / f"note-{n}.txt").write_text(text + "\n")
    ingest(empty_db, [folder])
    results = search(empty_db, "harbour ferries", limit=10).results
    assert len(results) == 3
    assert all("arbour ferries" in r.excerpt for r in results)


@pytest.mark.parametrize("query", ["the", "and or not", "AND OR NOT", "what is it about"])
def test_stop_words_alone_are_never_confident(db, query):
    """A line of stop words names no topic: whatever it matches stays private."""
    response = search(db, query)
    assert not response.confidence.confident
    assert not commands.dispatch(db, f"search {query}").public


def test_one_word_in_capitals_is_not_read_as_a_stop_word():
    from bot.search.confidence import only_stop_words
    from bot.search.query import parse_query as parse

    assert not only_stop_words(parse("IT"))
    assert only_stop_words(parse("it"))
    assert only_stop_words(parse("IT IS THE"))
    assert not only_stop_words(parse("county lines"))
