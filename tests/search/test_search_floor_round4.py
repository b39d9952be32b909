"""BM25 as the floor, round 4: a mid-sized library (past COMMON_FROM, under BUDGET_FROM) matches
every word of a long request for "any of the words", as plain BM25 does; and a passage matching
a query word only through another form of it weighs that word as its stem's forms are rare, not
as the spelling typed. The queries and the notes here were written for these tests; the other
passages are the seed library's."""

from __future__ import annotations

import pytest
from stores import ingest_notes

from bot.search import candidates as candidates_mod
from bot.search import plan as plan_mod
from bot.search import scoring as scoring_mod
from bot.search.ranking import search


@pytest.fixture
def taken(monkeypatch):
    """The units each search's any-word match takes."""
    seen: list[list[str]] = []
    within = candidates_mod._within_budget

    def spy(units, plan, passages, most):
        seen.append(within(units, plan, passages, most))
        return seen[-1]

    monkeypatch.setattr(candidates_mod, "_within_budget", spy)
    monkeypatch.setattr(candidates_mod, "MATCH_TERMS_BIG", 1)
    return seen


def test_a_mid_sized_library_matches_every_word_of_a_long_request(db, taken, monkeypatch):
    monkeypatch.setattr(plan_mod, "COMMON_FROM", 1)  # past the size where common words leave
    monkeypatch.setattr(candidates_mod, "BUDGET_FROM", 10**9)  # ...but under the budget's
    search(db, "funding county lines crime units", limit=3)
    assert len(taken[-1]) == 5


def test_a_big_library_still_caps_the_words_it_matches(db, taken, monkeypatch):
    monkeypatch.setattr(plan_mod, "COMMON_FROM", 1)
    monkeypatch.setattr(candidates_mod, "BUDGET_FROM", 1)
    monkeypatch.setattr(candidates_mod, "ANY_WORK", 10**9)
    search(db, "funding county lines crime units", limit=3)
    assert len(taken[-1]) == 1


# Written for this test: forms of "network" are common here, "gravel" and "roads" rarer.
NOTES = [
    "The rail network for freight was agreed after a long review of the networks.",
    "A network of volunteers keeps the night crew rested; the networks took a month.",
    "Networks of depots saved an hour a day.",
    "The network of patrol teams is still argued over.",
    "Fuel networks cut costs across the fleet last winter.",
    "Their network avoided the town centre at rush hour.",
    "Gravel roads on the moor were resurfaced before the storms came.",
    "The parish asked for the gravel roads to be graded twice a year.",
    "Roads into the village flood each spring.",
    "A gravel pit by the quarry closed in the nineties.",
    "The harbour wall was rebuilt with granite from the north.",
    "Ferries stop when storms close the port.",
]


@pytest.fixture
def notes(empty_db, tmp_path):
    ingest_notes(empty_db, tmp_path / "notes", NOTES)
    return empty_db


@pytest.mark.parametrize("stem_match", [True, False])
def test_a_stem_variant_weighs_as_its_stem_not_as_the_rare_spelling_typed(
    notes, monkeypatch, stem_match
):
    # "networking" is in no passage: only other forms of its stem, in half the notes. A note
    # holding only those must not hold more of the query than one holding "roads".
    from bot.search.query import parse_query
    from bot.search.ranking import Marker, make_plan
    from bot.search.vocabulary import vocabulary

    monkeypatch.setattr(scoring_mod, "STEM_MATCH", stem_match)
    vocab = vocabulary(notes)
    plan = make_plan(notes, parse_query("networking gravel roads"), vocab)
    marker = Marker(plan.alternatives, vocab)

    def coverage(text: str) -> float:
        return scoring_mod._parts(plan, marker.marks(text))[0]

    network, roads = coverage(NOTES[2]), coverage(NOTES[8])
    assert network > 0 and roads > 0
    assert (network < roads) is stem_match  # False: the rule before weighed it as typed
