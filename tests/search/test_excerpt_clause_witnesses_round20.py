"""Round 20: a clause break with fewer than two witnesses is kept as data but switched off
(``excerpts.CLAUSE_BREAKS_OFF``: cells and enumerators; bench/RESULTS.md "Questions, round 20").
Every text here was written for these tests.
"""

from __future__ import annotations

import re

import pytest

from bot.search import excerpts
from bot.search.excerpts import QUESTION_MAX_CHARS, QUESTION_MIN_CHARS, clauses, make_excerpt

ITEMS = [
    "the canal trust should publish its dredging plan for the northern reach every spring",
    "the county council should repair the towpath lighting between the two locks this year",
    "the volunteers should record every sighting of otters along the feeder stream in a log",
    "the lock keepers should be trained to use the new sluice gates before the winter floods",
    "the trust should agree a timetable with the boat clubs for closing the tunnel to traffic",
    "the harbour office should report the cost of the new moorings to the board in the autumn",
]


def joined(sep: str, label=None) -> str:
    """One run-on "sentence" of over 500 characters, its items joined by ``sep`` (``label(i)``
    put before each item after the first)."""
    parts = [(label(i) if label and i else "") + item for i, item in enumerate(ITEMS)]
    return sep.join(parts) + "."


def numbered(i: int) -> str:
    return f"({'abcdef'[i]}) "


def marked(text: str, words: list[str]) -> str | None:
    spans = sorted(
        (m.start(), m.end(), g) for g, w in enumerate(words) for m in re.finditer(rf"\b{w}\b", text)
    )
    ex = make_excerpt(text, spans, QUESTION_MIN_CHARS, QUESTION_MAX_CHARS, question=True)
    return None if ex.answer is None else ex.text[ex.answer[0] : ex.answer[1]]


@pytest.mark.parametrize(
    ("name", "text"),
    [("cells", joined(" | ")), ("enumerators", joined(" ", numbered))],
)
def test_a_break_kept_off_splits_nothing_until_switched_on(monkeypatch, name, text):
    assert len(text) > QUESTION_MAX_CHARS
    assert name in excerpts.CLAUSE_BREAKS_OFF and name not in excerpts.CLAUSE_BREAKS
    assert len(clauses(text, 0, len(text))) == 1  # off: one run-on sentence
    assert marked(text, ["sluice", "gates", "trained"]) is None  # too long to mark, as before
    monkeypatch.setitem(excerpts.CLAUSE_BREAKS, name, excerpts.CLAUSE_BREAKS_OFF[name])
    assert len(clauses(text, 0, len(text))) == len(ITEMS)
    got = marked(text, ["sluice", "gates", "trained"])
    assert got is not None and "trained to use the new sluice gates" in got
    assert "towpath" not in got and "otters" not in got  # one item, not its neighbours


def test_the_breaks_on_are_the_witnessed_ones():
    assert set(excerpts.CLAUSE_BREAKS) == {"semicolon", "colon", "bullets"}
    text = " • ".join(ITEMS) + "."
    got = marked(text, ["sluice", "gates", "trained"])
    assert got is not None and "sluice gates" in got and "otters" not in got
