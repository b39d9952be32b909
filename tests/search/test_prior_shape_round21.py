"""The document prior gated by the library's shape (``scoring.PRIOR_SHAPE``, round 21 later): in
a library of long documents (more than PRIOR_SHAPE passages a document on average) a long
document's many passages, each holding a word or two of a question, no longer add up into a
prior that lifts its weaker passage above a short document's answering one; in a library of
short documents the prior stays as before. The harbour texts are written for this test by its
author (no real or evaluation document)."""

from __future__ import annotations

import pytest

from bot.search import scoring
from bot.search.ranking import search
from tests.stores import store_of_texts

TOPICS = (
    "moorings", "lighthouse", "ferry timetable", "fish market", "slipway", "pilot boats",
    "quay wall", "tide gauge", "harbour office", "crane hire", "ice plant", "net lofts",
    "boat park", "chandlery", "visitor berths", "breakwater", "sea wall", "car park",
    "toilets", "cafe lease",
)  # fmt: skip
QUESTION = "What did the harbour board decide about the dredging fees?"
ANSWER = (
    "The harbour board decided to halve the dredging fees charged to the fishing boats that "
    "land their catch at the north quay each week."
)


def _long_review() -> str:
    """A long document: 150 short sections, one in four mentioning dredging and one in four
    fees, and one passage holding the question's words but not answering it."""
    paras = []
    for i in range(150):
        extra = {0: " Dredging near it was talked about.", 1: " The fees for it stay the same."}
        paras.append(
            f"Section {i + 1}. The committee reviewed the {TOPICS[i % len(TOPICS)]} at the "
            f"meeting held in spring, item {i + 1}.{extra.get(i % 4, '')}"
        )
    paras.append(
        "At the spring meeting, after the reports on the quay wall, the harbour board decided "
        "that the dredging fees would be looked at again next year."
    )
    return "\n\n".join(paras)


@pytest.fixture
def long_library(tmp_path, monkeypatch):
    monkeypatch.setenv("ROCU_MEANING", "off")
    db = store_of_texts(
        tmp_path, [("annual-review.txt", _long_review()), ("dredging-notice.txt", ANSWER)]
    )
    yield db
    db.close()


def _first(db) -> str:
    return search(db, QUESTION, limit=5).results[0].doc_id


def test_long_documents_count_many_passages_a_document(long_library):
    from bot.search.vocabulary import vocabulary

    shape = scoring.passages_a_document(long_library, vocabulary(long_library))
    assert shape > scoring.PRIOR_SHAPE  # about 57: one document of 114 passages and one of 1


def test_gate_on_the_short_documents_answer_comes_first(long_library, monkeypatch):
    monkeypatch.setattr(scoring, "PRIOR_SHAPE", 50.0)
    assert _first(long_library) == "dredging-notice"


def test_gate_off_the_long_documents_passages_add_up_and_win(long_library, monkeypatch):
    """Without the gate (today's ranking before round 21) the prior lifts the long document."""
    monkeypatch.setattr(scoring, "PRIOR_SHAPE", None)
    assert _first(long_library) == "annual-review"


def test_a_library_of_short_documents_keeps_the_prior(tmp_path, monkeypatch):
    """The same two documents among many one-passage notes: the library is short documents on
    average, so the gate leaves every rank as it was without it."""
    monkeypatch.setenv("ROCU_MEANING", "off")
    notes = [
        (f"note-{i}.txt", f"A note on the {topic} written after the spring meeting.")
        for i, topic in enumerate(TOPICS)
    ]
    db = store_of_texts(
        tmp_path,
        [("annual-review.txt", _long_review()), ("dredging-notice.txt", ANSWER), *notes],
    )
    try:
        from bot.search.vocabulary import vocabulary

        assert scoring.passages_a_document(db, vocabulary(db)) <= scoring.PRIOR_SHAPE
        monkeypatch.setattr(scoring, "PRIOR_SHAPE", 50.0)
        gated = [(r.doc_id, r.passage_id) for r in search(db, QUESTION, limit=10).results]
        monkeypatch.setattr(scoring, "PRIOR_SHAPE", None)
        plain = [(r.doc_id, r.passage_id) for r in search(db, QUESTION, limit=10).results]
        assert gated == plain
    finally:
        db.close()


def test_weights_for_drops_only_the_document_prior(monkeypatch):
    class _Plan:
        question = True

    monkeypatch.setattr(scoring, "PRIOR_SHAPE", 50.0)
    assert scoring.weights_for(_Plan(), 3.0) == scoring.WEIGHTS
    gated = scoring.weights_for(_Plan(), 80.0)
    assert gated["document"] == 0.0
    assert {k: v for k, v in gated.items() if k != "document"} == {
        k: v for k, v in scoring.WEIGHTS.items() if k != "document"
    }
    monkeypatch.setattr(scoring, "PRIOR_SHAPE", None)
    assert scoring.weights_for(_Plan(), 80.0) == scoring.WEIGHTS


def test_shipped_on_at_fifty():
    assert scoring.PRIOR_SHAPE == 50.0
