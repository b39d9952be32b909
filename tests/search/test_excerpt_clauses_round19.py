"""A "sentence" too long for the excerpt (a PDF's text with no sentence end, a list run together on
one line) is split into clauses, and the clause the question's words or meaning favour is marked
and the excerpt cut around it (``excerpts.CLAUSES``, bench/RESULTS.md "Excerpts, round 19").
Every text here was written for these tests; the stand-in embedder is test_meaning.py's.
"""

from __future__ import annotations

import re

import pytest

from bot.search import excerpts
from bot.search.excerpts import (
    ELLIPSIS,
    QUESTION_MAX_CHARS,
    QUESTION_MIN_CHARS,
    clauses,
    make_excerpt,
)

FILLER = [
    "the harbour board reviewed the winter rota for the lock keepers and the pilots at length",
    "members of the board noted that the old quay wall had been inspected twice over the summer",
    "the treasurer reported that the mooring fees had been collected from most of the boat owners",
    "the ferry timetable will be reviewed by the transport panel before the spring sailings begin",
    "the secretary agreed to write to the county council about the footpath along the estuary",
    "the chair thanked the volunteers who had repainted the lifeboat station in the autumn",
]


def run_on(sep: str, lead: str = "") -> str:
    """One run-on "sentence" of over 500 characters: no full stop until its end."""
    return lead + sep.join(FILLER) + "."


def spans_of(text: str, words: list[str]) -> list[tuple[int, int, int]]:
    return sorted(
        (m.start(), m.end(), g) for g, w in enumerate(words) for m in re.finditer(rf"\b{w}\b", text)
    )


def excerpt(text: str, words: list[str]):
    return make_excerpt(
        text, spans_of(text, words), QUESTION_MIN_CHARS, QUESTION_MAX_CHARS, question=True
    )


def quoted_exactly(text: str, ex) -> bool:
    """The excerpt quotes the passage exactly: one slice, an ellipsis only where it is cut."""
    prefix = ELLIPSIS + " " if ex.start > 0 else ""
    suffix = " " + ELLIPSIS if text[ex.end :].strip() else ""
    return ex.text == prefix + text[ex.start : ex.end] + suffix


@pytest.mark.parametrize("sep", ["; ", ": ", " • ", " \uf0b7 "])
def test_a_run_on_sentence_gets_a_marked_clause_holding_the_questions_words(sep):
    text = run_on(sep)
    assert len(text) > QUESTION_MAX_CHARS
    ex = excerpt(text, ["ferry", "timetable", "reviewed"])
    assert ex.answer is not None
    marked = ex.text[ex.answer[0] : ex.answer[1]]
    assert "ferry timetable will be reviewed" in marked
    assert len(marked) < len(text) // 2  # a clause, not the whole run-on sentence
    assert ELLIPSIS not in marked
    assert quoted_exactly(text, ex)


def test_clauses_break_only_where_the_data_says():
    text = run_on("; ")
    pieces = [text[s:e] for s, e in clauses(text, 0, len(text))]
    assert len(pieces) == len(FILLER)
    assert "".join(pieces).replace(";", "") == text.replace("; ", "")  # nothing reworded
    assert len(clauses(run_on(", "), 0, len(run_on(", ")))) == 1  # commas do not break


def test_a_short_piece_runs_on_into_the_next_clause():
    text = "Note: " + run_on("; ")
    first = clauses(text, 0, len(text))[0]
    assert text[first[0] : first[1]].startswith("Note: the harbour board")


def test_switched_off_nothing_is_marked_in_a_run_on_sentence(monkeypatch):
    text = run_on("; ")
    monkeypatch.setattr(excerpts, "CLAUSES", False)
    ex = excerpt(text, ["ferry", "timetable", "reviewed"])
    assert ex.answer is None  # as before round 19: too long to show, so not marked
    assert "ferry timetable will be reviewed" in ex.text
    assert quoted_exactly(text, ex)


def test_one_break_switched_off_leaves_the_others(monkeypatch):
    text = run_on("; ")
    monkeypatch.delitem(excerpts.CLAUSE_BREAKS, "semicolon")
    assert len(clauses(text, 0, len(text))) == 1
    bullets = run_on(" • ")
    assert len(clauses(bullets, 0, len(bullets))) == len(FILLER)


def test_a_search_not_a_question_is_cut_as_before():
    text = run_on("; ")
    ex = make_excerpt(text, spans_of(text, ["ferry", "timetable", "reviewed"]))
    assert ex.answer is None  # measured on questions only: a search's excerpt is unchanged
    assert "ferry timetable will be reviewed" in ex.text


def test_a_sentence_that_fits_is_marked_whole_as_before():
    text = (
        "The board met in the spring. The ferry timetable will be reviewed by the transport "
        "panel; the chair asked for a date. " + " ".join(f"Item {i} was noted." for i in range(30))
    )
    ex = excerpt(text, ["ferry", "timetable", "reviewed"])
    assert ex.answer is not None
    marked = ex.text[ex.answer[0] : ex.answer[1]]
    assert marked.startswith("The ferry timetable") and marked.endswith("asked for a date.")


def test_meaning_chooses_among_the_clauses_of_a_single_run_on_sentence(monkeypatch):
    pytest.importorskip("numpy")
    from bot.search import meaning
    from tests.search.test_meaning import StandIn

    monkeypatch.setattr(meaning, "embedder", lambda: StandIn())
    text = run_on("; ")
    span = meaning.answering_sentence("when will the ferry timetable be reviewed?", text)
    assert span is not None  # before round 19: None (a single sentence)
    assert "ferry timetable will be reviewed" in text[span[0] : span[1]]
    monkeypatch.setattr(excerpts, "CLAUSES", False)
    assert meaning.answering_sentence("when will the ferry timetable be reviewed?", text) is None
