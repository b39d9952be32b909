"""Questions, round 6: a heading alone or a contents line cannot answer a question
(``bot.search.passages.CANNOT_ANSWER``).

Every text here was written for these tests (an invented port authority and its dredging); none
is taken from a document or an evaluation set.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.search import passages

PORT = [
    "Outer channel dredging plan",
    "The outer channel dredging plan: a contractor will clear the silt every second spring, "
    "paid from harbour dues, starting in April.",
    "Contents .......... 3 Outer channel dredging plan .......... 4 Moorings .......... 9",
    "The markers along the channel were repainted last year by the same firm, and the moorings "
    "in the inner basin were let for the whole summer season to visiting yachts.",
]
QUESTION = "what is the plan for dredging the outer channel?"


@pytest.fixture
def port(empty_db, tmp_path, monkeypatch):
    from bot.library.ingest import ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "port.txt").write_text("\n\n".join(PORT) + "\n")
    monkeypatch.setenv("ROCU_MEANING", "off")
    assert not ingest(empty_db, [folder]).failed
    return empty_db


def _first(db, query: str) -> str:
    from bot.search.ranking import search

    return search(db, query, limit=5).results[0].excerpt


def test_a_question_is_answered_by_the_paragraph_not_its_heading(port):
    assert "every second spring" in _first(port, QUESTION)


def test_without_the_rule_the_heading_comes_first(port, monkeypatch):
    """The rule is what makes the difference above (so that test can fail)."""
    monkeypatch.setattr(passages, "CANNOT_ANSWER", 0.0)
    assert _first(port, QUESTION).strip() == PORT[0]


def test_words_typed_as_a_search_still_find_the_heading(port):
    assert _first(port, "outer channel dredging plan").strip() == PORT[0]


@pytest.mark.parametrize(
    ("text", "cannot"),
    [
        ("Outer channel dredging plan", True),
        ("4.2 Summary of conclusions", True),
        ("Contents .......... 3 Moorings .......... 9", True),
        ("Moorings | Fee per night\n\nVisitors' berth | £30", False),  # a table row may answer
        ("The board agreed the fees.", False),
        ("Yes.", False),
        (" ".join(["word"] * 30), False),  # too long for a heading
    ],
)
def test_what_counts_as_a_heading_or_contents_line(text, cannot):
    assert passages.cannot_answer(text) is cannot


@dataclass
class Item:
    rowid: int
    text: str


def test_the_penalty_is_a_share_of_the_range_and_can_be_switched_off(monkeypatch):
    items = [Item(1, "Outer channel dredging plan"), Item(2, "The plan was agreed.")]
    local = {1: 1.0, 2: 0.8}
    assert passages.answerable(items, local) == pytest.approx({1: 1.0 - 0.3 * 0.2, 2: 0.8})
    monkeypatch.setattr(passages, "CANNOT_ANSWER", 0.0)
    assert passages.answerable(items, local) == local
