"""Ranking: stop and question words never decide which passages qualify, too few full matches
are topped up with partial ones (and the notes say so), possessives, long queries used whole."""

from __future__ import annotations

from bot.library.ingest import ingest
from bot.search.ranking import search


def holds_all(text: str, words: list[str]) -> bool:
    lowered = text.lower()
    return all(w in lowered for w in words)


def test_a_question_returns_more_than_the_passages_holding_all_its_words(db):
    question = search(db, "how are ROCUs funded?", limit=5)
    assert len(question.results) == 5
    # the passages that hold the topic words lead, the question words weigh nothing
    assert holds_all(question.results[0].excerpt, ["rocu", "fund"])
    bare = search(db, "ROCUs funded", limit=5)
    assert question.results[0].passage_id == bare.results[0].passage_id


def test_question_words_alone_do_not_gate(db):
    with_question = {r.passage_id for r in search(db, "what is county lines", limit=10).results}
    without = {r.passage_id for r in search(db, "county lines", limit=10).results}
    assert without <= with_question


def test_too_few_full_matches_are_topped_up_and_the_notes_say_so(db):
    response = search(db, "when was the NCA launched", limit=5)
    full = [r for r in response.results if holds_all(r.excerpt, ["nca", "launch"])]
    assert 1 <= len(full) < len(response.results) == 5
    assert any("all of your words" in note for note in response.notes)
    assert response.results[0] in full


def test_no_note_when_enough_passages_hold_every_word(db):
    response = search(db, "organised crime", limit=3)
    assert len(response.results) == 3
    assert not any("all of your words" in note for note in response.notes)


def test_a_possessive_finds_the_name(empty_db, tmp_path):
    (tmp_path / "letter.txt").write_text(
        "A letter from the Emir.\n\nFeisal wrote to the committee about the border.\n\n"
        "The committee replied in March about the railway and the harbour.\n"
    )
    ingest(empty_db, [tmp_path / "letter.txt"])
    results = search(empty_db, "Feisal's letter").results
    assert results and "Feisal wrote" in results[0].excerpt


def test_a_long_query_is_used_whole(db):
    # 500+ characters and dozens of words that weigh nothing, then the two that say it all
    preamble = "so what is it that we should be doing about this, and how would they do it? " * 8
    assert len(preamble) > 500 and len(preamble.split()) > 24
    response = search(db, preamble + "hare coursing", limit=3)
    assert "hare coursing" in response.results[0].excerpt.lower()
