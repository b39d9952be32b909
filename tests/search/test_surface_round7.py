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


def test_a_typo_in_a_shouted_query_with_a_number_is_corrected(db):
    # AGNCY is five capitals: were the query read as acronyms (the number kept it so before),
    # it would never be re-spelt.
    shouted = search(db, "NATINAL CRIME AGNCY 2023")
    plain = search(db, "natinal crime agncy 2023")
    assert plain.corrected and "agency" in plain.corrected
    assert shouted.corrected and shouted.corrected.lower() == plain.corrected
    assert [r.passage_id for r in shouted.results] == [r.passage_id for r in plain.results]
