"""A question's answering sentence chosen by meaning obeys what the question asks for
(``meaning.ASKED_SHARE``, bench/RESULTS.md "Questions, round 16"): "when ..." is answered by a
sentence holding a date, when one is near enough in meaning. The texts were written for these
tests; the stand-in embedder is test_meaning.py's.
"""

from __future__ import annotations

import pytest

pytest.importorskip("numpy")

from bot.library.ingest import ingest  # noqa: E402
from bot.library.text import sentence_spans  # noqa: E402
from bot.search import meaning  # noqa: E402
from bot.search.excerpts import asked_for  # noqa: E402
from bot.search.ranking import search  # noqa: E402
from tests.search.test_meaning import StandIn  # noqa: E402

QUESTION = "when will the ferry timetable be reviewed?"
TOPIC = "Members asked that the ferry timetable for the harbour be reviewed before the winter."
DATED = "The timetable review for the ferry is expected in October."
TEXT = (
    "The board met in the spring and discussed the ferry timetable for the harbour at length. "
    f"{TOPIC} {DATED}"
)


@pytest.fixture
def stand_in(monkeypatch):
    monkeypatch.setattr(meaning, "embedder", lambda: StandIn())


def chosen(text: str, share, asks) -> str:
    meaning_share = meaning.ASKED_SHARE
    meaning.ASKED_SHARE = share
    try:
        span = meaning.answering_sentence(QUESTION, text, asks)
    finally:
        meaning.ASKED_SHARE = meaning_share
    assert span is not None
    return text[span[0] : span[1]]


def test_a_when_question_is_answered_by_the_sentence_holding_a_date(stand_in):
    assert chosen(TEXT, 0.3, asked_for(["when"])) == DATED


def test_switched_off_or_not_asked_the_nearest_sentence_answers(stand_in):
    assert chosen(TEXT, None, asked_for(["when"])) == TOPIC
    assert chosen(TEXT, 0.3, None) == TOPIC  # "why", "what": the frame says nothing


def test_a_dated_sentence_far_from_the_question_does_not_answer_it(stand_in):
    far = TEXT.replace(DATED, "The cafe lease runs out in October.")
    assert chosen(TEXT, 0.5, asked_for(["when"])) == DATED  # near enough at this share
    assert chosen(far, 0.5, asked_for(["when"])) == TOPIC  # not near enough


def test_the_first_results_excerpt_shows_the_date_asked_for(empty_db, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    filler = (
        "The board also heard from the harbour office about the cost of new signs, the state "
        "of the slipway, the cafe's lease and the number of visitors who came by road and by "
        "rail over the summer months, the fees for moorings in the next year, the repairs to "
        "the sea wall after the storms, and it thanked the volunteers who ran the open day."
    )
    text = f"{TEXT.replace(DATED, '')}{filler} {DATED}\n"
    assert len(text) > 450 and len(sentence_spans(text)) == 4  # longer than a question's excerpt
    (folder / "board.txt").write_text(text)
    monkeypatch.setenv("ROCU_MEANING", "on")
    monkeypatch.setattr(meaning, "embedder", lambda: StandIn())
    ingest(empty_db, [folder])
    monkeypatch.setattr(meaning, "ASKED_SHARE", None)
    assert "October" not in search(empty_db, QUESTION).results[0].excerpt
    monkeypatch.setattr(meaning, "ASKED_SHARE", 0.3)
    assert "October" in search(empty_db, QUESTION).results[0].excerpt
