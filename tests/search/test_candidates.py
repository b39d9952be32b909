"""Candidates come from the words that carry the topic, queries in capitals are read as typed in
lower case, and a search that finds nothing says why. The queries here were written for these
tests; the passages are the seed library's."""

from __future__ import annotations

import pytest

from bot.search import candidates as candidates_mod
from bot.search import plan as plan_mod
from bot.search.query import parse_query
from bot.search.ranking import search


@pytest.mark.parametrize(
    ("query", "shouted"),
    [
        ("OPTIMISING LINEAR NETWORKS", True),
        ("I AM INTERESTED IN THE FUNDING OF UNITS", True),
        ("HMIC ROCU NCA", False),  # acronyms only: no English word among them
        ("NCA funding", False),
        ("WHO FUNDS", False),  # two words: too few to call it shouting
    ],
)
def test_a_query_all_in_capitals_is_read_as_lower_case(query, shouted):
    parsed = parse_query(query)
    assert parsed.shouted is shouted
    words = [w for t in parsed.terms + parsed.question for w in t.words]
    assert all(w.islower() for w in words) is shouted


def test_a_shouted_question_sets_its_frame_aside():
    parsed = parse_query("WHAT IS THE COUNTY LINES MODEL?")
    assert [t.text for t in parsed.question] == ["what", "is", "the"]
    assert [t.text for t in parsed.terms] == ["county", "lines", "model"]


def test_a_shouted_typo_is_corrected_like_a_lower_case_one(db):
    # AGNCY is five capitals: typed alone it would be an acronym, never re-spelt.
    shouted = search(db, "NATINAL CRIME AGNCY")
    plain = search(db, "natinal crime agncy")
    assert shouted.corrected and shouted.corrected.lower() == plain.corrected
    assert [r.passage_id for r in shouted.results] == [r.passage_id for r in plain.results]


@pytest.fixture
def big(monkeypatch):
    """Pretend the seed library is a big one, where the commonest words are left out of the
    match for any word."""
    monkeypatch.setattr(plan_mod, "COMMON_FROM", 1)
    monkeypatch.setattr(candidates_mod, "BUDGET_FROM", 1)


def test_a_word_the_library_lacks_is_never_the_only_word_finding_candidates(db, big, monkeypatch):
    # "comms" is in no passage; before, on a big library, the rarest word alone found the
    # candidates, and the query found nothing.
    monkeypatch.setattr(candidates_mod, "ANY_WORK", 1)
    response = search(db, "comms police", limit=3)
    assert response.results
    assert all("police" in r.excerpt.lower() for r in response.results)


def test_the_old_rare_word_rule_found_nothing_there(db, big, monkeypatch):
    # The same query with the rule before (ANY_WORK 0: only words in <= 1% of passages): the
    # test above can fail.
    monkeypatch.setattr(candidates_mod, "ANY_WORK", 0)
    assert not search(db, "comms police", limit=3).results


def test_the_budget_takes_words_rarest_first_and_stops_when_it_is_spent(db, big, monkeypatch):
    taken = []
    within = candidates_mod._within_budget

    def spy(units, plan, passages, most):
        taken.append(within(units, plan, passages, most))
        return taken[-1]

    monkeypatch.setattr(candidates_mod, "_within_budget", spy)
    monkeypatch.setattr(candidates_mod, "ANY_WORK", 10**9)
    search(db, "county lines crime", limit=3)
    assert len(taken[-1]) == 3  # a budget that covers them all takes every word
    monkeypatch.setattr(candidates_mod, "ANY_WORK", 1)
    search(db, "county lines crime", limit=3)
    assert len(taken[-1]) == 1 and "crime" not in taken[-1][0]  # the rarest one


def test_nothing_found_says_why(db):
    response = search(db, "zzqxv")
    assert not response.results
    assert any("“zzqxv”" in note for note in response.notes)
    filtered = search(db, "county lines before:1990")
    assert not filtered.results and any("filters" in note for note in filtered.notes)
