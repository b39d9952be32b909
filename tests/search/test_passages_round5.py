"""Questions, round 5: which documents, then which passage of each (``bot.search.passages``).

Every text here was written for these tests (an invented harbour board and its dredging); none
is taken from a document or an evaluation set. The meaning test uses a small stand-in embedder
and needs numpy (the meaning extra): it is skipped without it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.search import passages


@dataclass
class Item:
    rowid: int
    doc_id: str


def _items(spec: str) -> list[Item]:
    """ "a1 a2 b3": items of documents a, a, b with rowids 1, 2, 3."""
    return [Item(int(word[1:]), word[0]) for word in spec.split()]


def _first_appearance(items) -> list[str]:
    return list(dict.fromkeys(i.doc_id for i in items))


def test_the_order_documents_first_appear_in_is_kept():
    ranked = _items("a1 a2 b3 a4 c5 b6 c7 a8")
    local = {8: 9.0, 7: 8.0, 6: 7.0, 5: 6.0, 4: 5.0, 3: 4.0, 2: 3.0, 1: 2.0}  # the reverse
    out = passages.within_documents(ranked, local)
    assert _first_appearance(out) == ["a", "b", "c"]
    assert sorted(i.rowid for i in out) == list(range(1, 9))  # nothing lost or added


def test_a_document_is_represented_by_its_best_passage_by_the_local_score():
    ranked = _items("a1 a2 a3 b4 b5")
    local = {1: 0.1, 2: 0.2, 3: 0.9, 4: 0.3, 5: 0.8}
    out = [i.rowid for i in passages.within_documents(ranked, local)]
    assert out[0] == 3  # the first document's best passage first
    assert out[1] == 5  # the next document's best beats the first document's others
    assert out[2:] == [4, 2, 1]


def test_the_next_document_waits_while_passages_already_shown_are_better():
    ranked = _items("a1 b2 a3 a4")
    local = {1: 0.9, 2: 0.1, 3: 0.8, 4: 0.7}
    assert [i.rowid for i in passages.within_documents(ranked, local)] == [1, 3, 4, 2]


def test_ties_and_items_without_a_score_keep_their_order():
    ranked = _items("a1 a2 a3 b4")
    out = passages.within_documents(ranked, {})
    assert [i.rowid for i in out] == [1, 2, 3, 4]
    out = passages.within_documents(ranked, {2: 1.0})
    assert [i.rowid for i in out] == [2, 1, 3, 4]


def test_only_the_first_depth_items_are_reordered(monkeypatch):
    monkeypatch.setattr(passages, "DEPTH", 2)
    ranked = _items("a1 a2 a3")
    out = passages.within_documents(ranked, {1: 0.0, 2: 1.0, 3: 5.0})
    assert [i.rowid for i in out] == [2, 1, 3]


# -- in search (the plain build) ---------------------------------------------------------------

BOARD = [  # the harbour board's minutes: four passages, all about the harbour
    "The harbour board met in March. The harbour board agreed the dredging of the harbour's outer "
    "channel with the harbour master, and agreed the harbour fees for the coming year as well.",
    "The harbour board met in June. The harbour master told the harbour board about the harbour "
    "pilots and the harbour fees; the harbour board noted the harbour report and the dredging.",
    "The harbour board met in September. The harbour fees and the harbour pilots were "
    "discussed again, and the harbour board adopted the harbour report on the dredging.",
    "The harbour board met in December, and the harbour master retired after thirty years at "
    "the harbour; the harbour board gave him the harbour clock and a dinner.",
]
COUNCIL = (  # one passage, which holds the question's rarer words
    "A note from the county council on its budget for the coming year, section four. The "
    "council agreed to pay a contractor every second year to clear the silt from the outer "
    "channel; that dredging is paid for from the council's own budget."
)
QUESTION = "when was the dredging of the harbour channel agreed?"


@pytest.fixture
def harbour(empty_db, tmp_path, monkeypatch):
    """The two documents, with the document prior weighing heavily: the minutes (four passages
    matching) then lift all their passages above the council's note."""
    from bot.library.ingest import ingest
    from bot.search import scoring

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "board.txt").write_text("\n\n".join(BOARD) + "\n")
    (folder / "council.txt").write_text(COUNCIL + "\n")
    monkeypatch.setenv("ROCU_MEANING", "off")
    monkeypatch.setitem(scoring.WEIGHTS, "document", 10.0)
    report = ingest(empty_db, [folder])
    assert not report.failed
    return empty_db


def _search(db, query, limit=5):
    from bot.search.ranking import search

    return search(db, query, limit=limit)


def _files(response) -> list[str]:
    return [r.file for r in response.results]


def test_a_question_gets_the_next_documents_better_passage_before_weaker_ones(harbour):
    files = _files(_search(harbour, QUESTION))
    assert files[:2] == ["board.txt", "council.txt"]


def test_without_the_step_the_document_prior_fills_the_top(harbour, monkeypatch):
    """The step is what makes the difference above (so the test above can fail)."""
    monkeypatch.setattr(passages, "ON", False)
    assert _files(_search(harbour, QUESTION))[:3] == ["board.txt"] * 3


def test_words_typed_as_a_search_keep_search_order(harbour, monkeypatch):
    query = "dredging harbour channel agreed"
    before = [r.passage_id for r in _search(harbour, query).results]
    monkeypatch.setattr(passages, "ON", False)
    assert [r.passage_id for r in _search(harbour, query).results] == before


@pytest.mark.parametrize(
    "question",
    [
        QUESTION,
        "who pays for the dredging?",
        "when did the harbour board meet?",
        "what did the harbour master tell the board about the pilots?",
    ],
)
def test_the_step_never_changes_which_documents_come_first(harbour, monkeypatch, question):
    after = _search(harbour, question, limit=20).results
    monkeypatch.setattr(passages, "ON", False)
    before = _search(harbour, question, limit=20).results
    assert [r.file for r in after] != [] and _order(after) == _order(before)
    assert sorted(r.passage_id for r in after) == sorted(r.passage_id for r in before)


def _order(results) -> list[str]:
    return list(dict.fromkeys(r.file for r in results))


# -- a question's excerpt -----------------------------------------------------------------------

LONG = (  # one passage of about 600 characters; the answer is the sentence after the match
    "The harbour board discussed the silt in the outer channel at length in its autumn meeting, "
    "and heard from the pilots about the depth at low water on the spring tides this year. "
    "It noted that the last dredging had been done two years ago by the same contractor. "
    "The next dredging is expected to begin in September, weather allowing, and to last a "
    "month. The board also thanked the harbour master for his long report on the moorings, "
    "the pontoons, the visitors' berths and the new lights on the north pier, all of which "
    "were adopted without a vote."
)


@pytest.fixture
def minutes(empty_db, tmp_path, monkeypatch):
    from bot.library.ingest import ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "minutes.txt").write_text(LONG + "\n")
    monkeypatch.setenv("ROCU_MEANING", "off")
    assert not ingest(empty_db, [folder]).failed
    return empty_db


def test_a_questions_excerpt_is_wider_and_holds_the_next_sentence(minutes):
    from bot.search.excerpts import ELLIPSIS, QUESTION_MAX_CHARS

    result = _search(minutes, "what did the board say about dredging the outer channel silt?")
    body = result.results[0].excerpt.replace(ELLIPSIS, "").strip()
    assert "begin in September" in body
    assert len(body) <= QUESTION_MAX_CHARS


def test_words_typed_as_a_search_keep_the_shorter_excerpt(minutes):
    from bot.search.excerpts import ELLIPSIS, MAX_CHARS

    result = _search(minutes, "dredging outer channel silt")
    assert len(result.results[0].excerpt.replace(ELLIPSIS, "").strip()) <= MAX_CHARS
