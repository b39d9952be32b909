"""With the meaning extra, a question's passages within each document follow a small learned
score (``passages.LEARNED``, bench/RESULTS.md "Questions, round 17"): the local and fused scores,
less a little for a heading alone, a passage that only asks, one without what the question asks
for, and one of fewer than SHORT_WORDS words. The texts were written for these tests.
"""

from __future__ import annotations

import pytest

from bot.search import meaning, passages
from bot.search.excerpts import asked_for

LONG = (
    "The harbour board agreed on Tuesday that the ferry timetable would be reviewed in October, "
    "after the summer crossings had been counted, the complaints about the late sailings had "
    "been read and the crews had been asked which changes they could staff through the winter."
)
SHORT = "The ferry timetable will be reviewed."
ASKING = "When will the ferry timetable be reviewed, and by whom?"


class Item:
    def __init__(self, rowid: int, text: str, score: float, doc_id: int = 1):
        self.rowid, self.text, self.score, self.doc_id = rowid, text, score, doc_id


def scores(items, local, asked=None):
    return passages.learned(items, local, asked, meaning.asks)


def first(items, local, asked=None):
    learned = scores(items, local, asked)
    return max(learned, key=learned.get)


def test_switched_off_the_local_score_orders_the_passages(monkeypatch):
    monkeypatch.setattr(passages, "LEARNED", None)
    items = [Item(1, SHORT, 0.9), Item(2, LONG, 0.85)]
    local = {1: 0.9, 2: 0.85}
    assert scores(items, local) == local


def test_a_short_passage_a_little_ahead_gives_way_to_the_longer_one():
    assert len(SHORT.split()) < passages.SHORT_WORDS <= len(LONG.split())
    items = [Item(1, SHORT, 0.9), Item(2, LONG, 0.85)]
    assert first(items, {1: 0.9, 2: 0.85}) == 2
    # ...but not one far behind it: the flags are small beside the scores
    assert first(items, {1: 0.9, 2: 0.4}) == 1


def test_a_passage_without_the_date_asked_for_gives_way():
    undated = LONG.replace(" in October", " soon")
    items = [Item(1, undated, 0.8), Item(2, LONG, 0.75)]
    assert first(items, {1: 0.8, 2: 0.75}, asked_for(["when"])) == 2
    assert first(items, {1: 0.8, 2: 0.75}) == 1  # the question asks for nothing in particular


def test_a_passage_that_only_asks_gives_way_to_one_that_answers():
    items = [Item(1, ASKING, 0.8), Item(2, LONG, 0.8)]
    assert meaning.asks(ASKING)
    learned = scores(items, {1: 0.8, 2: 0.8})
    assert learned[2] > learned[1]


def test_a_heading_gives_way():
    heading = "Ferry timetable review"
    items = [Item(1, heading, 0.8), Item(2, LONG, 0.8)]
    assert passages.cannot_answer(heading)
    learned = scores(items, {1: 0.8, 2: 0.8})
    assert learned[2] > learned[1]


@pytest.mark.parametrize("weight", ["heading", "asks", "lacks", "short"])
def test_each_flag_only_lowers_a_passage(weight):
    assert passages.LEARNED[weight] < 0 < passages.LEARNED["local"]
    assert passages.LEARNED["fused"] > 0


def test_search_with_the_extra_puts_the_answering_paragraph_first(empty_db, tmp_path, monkeypatch):
    pytest.importorskip("numpy")
    from bot.library.ingest import ingest
    from bot.search.ranking import search
    from tests.search.test_meaning import StandIn

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "board.txt").write_text(f"{SHORT}\n\n{LONG}\n")
    (folder / "cafe.txt").write_text(
        "The cafe on the quay opens at eight and closes when the last ferry has sailed.\n"
    )
    monkeypatch.setenv("ROCU_MEANING", "on")
    monkeypatch.setattr(meaning, "embedder", lambda: StandIn())
    ingest(empty_db, [folder])
    question = "when will the ferry timetable be reviewed?"
    shipped = passages.LEARNED
    monkeypatch.setattr(passages, "LEARNED", None)  # off: the short line nearest the question
    assert search(empty_db, question).results[0].excerpt.startswith(SHORT[:20])
    monkeypatch.setattr(passages, "LEARNED", shipped)
    assert "October" in search(empty_db, question).results[0].excerpt
