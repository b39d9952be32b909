"""BM25 as the floor, round 4: a mid-sized library (past COMMON_FROM, under BUDGET_FROM) matches
every word of a long request for "any of the words", as plain BM25 does. The queries here were
written for these tests; the passages are the seed library's."""

from __future__ import annotations

import pytest

from bot.search import candidates as candidates_mod
from bot.search import plan as plan_mod
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
