"""Documents and queries in capitals, and without punctuation (issue 21, round 7). The queries
and texts here were written for these tests by the author of the change; none comes from a test
collection or a real document (the seed library's passages are the project's own seeds)."""

from __future__ import annotations

import pytest

from bot.search import query as query_mod
from bot.search.query import parse_query
from bot.search.ranking import search


@pytest.mark.parametrize(
    ("query", "shouted"),
    [
        ("THE 40 FASTEST TRAINS OF 1963", True),  # numbers have no case: not a reason to stop
        ("WING FLUTTER OF THE X-15 AT HIGH SPEED", True),
        ("HMIC ROCU 2019", False),  # acronyms and a number: still no English word among them
        ("WHO FUNDS 2019", False),  # two words and a number: still too few to call shouting
        ("FLOOD 2007 REVIEW", False),  # two lettered words: too few
    ],
)
def test_numbers_neither_make_nor_break_a_query_typed_in_capitals(query, shouted):
    parsed = parse_query(query)
    assert parsed.shouted is shouted
    lettered = [w for t in parsed.terms + parsed.question for w in t.words if not w.isdigit()]
    assert lettered
    assert all(w.islower() for w in lettered) is shouted


def test_the_switch_restores_the_rule_before(monkeypatch):
    monkeypatch.setattr(query_mod, "SHOUTED_NUMBERS", False)
    assert not parse_query("THE 40 FASTEST TRAINS OF 1963").shouted


@pytest.mark.parametrize(
    ("query", "shouted"),
    [
        ("HEATING OF THE TURBINE BLAdES IN FLIGHT", True),  # one letter slipped into lower case
        ("HEATING OF THE tURBINE BLADES IN FLIGHT", True),  # the first letter of a word too
        ("ROCUs AND THEIR FUNDING", False),  # a plural acronym, as before
        ("NCA REPORt ON PCCs", False),  # two words not in capitals
        ("The Blades Of The Turbine", False),  # title case is not shouting
    ],
)
def test_a_slip_of_the_shift_key_leaves_a_query_in_capitals(query, shouted):
    parsed = parse_query(query)
    assert parsed.shouted is shouted


def test_the_slip_switch_restores_the_rule_before(monkeypatch):
    monkeypatch.setattr(query_mod, "SHOUTED_SLIPS", False)
    assert not parse_query("HEATING OF THE TURBINE BLAdES IN FLIGHT").shouted


def test_a_typo_with_a_slipped_letter_is_corrected_like_a_lower_case_one(db):
    # AGNCY is five capitals: were the query read as acronyms (the slip in "CRIMe" kept it so
    # before), it would never be re-spelt
    shouted = search(db, "NATIONAL CRIMe AGNCY")
    plain = search(db, "national crime agncy")
    assert plain.corrected and "agency" in plain.corrected
    assert shouted.corrected and shouted.corrected.lower() == plain.corrected
    assert [r.passage_id for r in shouted.results] == [r.passage_id for r in plain.results]
