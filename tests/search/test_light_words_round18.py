"""A question's light words (``plan.LIGHT``: "get", "happens", "someone", "people" ...) weigh
LIGHT_SHARE of their rarity, or (0) are stop words of the question (bench/RESULTS.md "Questions,
round 18"). The queries were written for these tests by their author."""

from __future__ import annotations

from bot.search import plan
from bot.search.query import parse_query


def light(query: str) -> list[str]:
    parsed = parse_query(query)
    slots = plan._light_slots(parsed, plan._stop_slots(parsed))
    return [parsed.terms[i].text for i in sorted(slots)]


def test_a_questions_light_words_are_found():
    assert light("what happens when someone gets a parking fine?") == ["happens", "someone", "gets"]


def test_a_quoted_phrase_keeps_its_words():
    assert light('what does "take back control" mean for ferry fares?') == []


def test_light_words_alone_are_kept():
    """Nothing else to search for: they stay what the question is about."""
    assert light("what happens to people?") == []


def test_words_typed_as_a_search_are_not_a_question(monkeypatch):
    monkeypatch.setattr(plan, "LIGHT_SHARE", 0.0)
    parsed = parse_query("people get ferry fares")
    assert not parsed.question  # the share is applied only to a question's plan


def test_shipped_share():
    assert plan.LIGHT_SHARE in (1.0, 0.5, 0.0)
