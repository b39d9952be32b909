"""Questions in plain English find the passages that answer them, answer sentence marked."""

from __future__ import annotations

import pytest

from bot.search.ranking import search


@pytest.mark.parametrize(
    "question, answer_has",
    [
        ("how are ROCUs funded?", "fund"),
        ("what is county lines", "county lines"),
    ],
)
def test_a_question_is_not_limited_to_passages_holding_its_question_words(db, question, answer_has):
    # Before, every word was required: "how are ROCUs funded?" found the one passage that held
    # "how" and "are" beside "ROCUs funded", "what is county lines" the one with "what" and "is".
    response = search(db, question, limit=10)
    assert response.total > 1
    assert not any("No passage holds" in note for note in response.notes)
    top = response.results[0]
    start, end = top.answer
    assert answer_has in top.excerpt[start:end].lower()


def test_when_was_the_nca_launched(db):
    top = search(db, "when was the NCA launched").results[0]
    assert top.doc_id == "nca-police-blog-2013"
    start, end = top.answer
    assert "launch" in top.excerpt[start:end]


def test_the_answer_is_the_sentence_that_holds_the_most_of_the_question(db):
    top = search(db, "when was the SPR last updated?").results[0]
    start, end = top.answer
    assert top.excerpt[start:end].startswith("But the SPR has not been updated since 2015")
    # (a question's excerpt is wider than the sentence: every word of the question it shows
    # is in that sentence too)
    words = {top.excerpt[s:e].lower() for s, e in top.highlights}
    assert words == {top.excerpt[s:e].lower() for s, e in top.highlights if start <= s <= end}


def test_only_a_question_gets_an_answer_marked(db):
    assert all(r.answer is None for r in search(db, "county lines").results)


def test_question_words_in_capitals_or_quotes_are_searched(db):
    response = search(db, '"what applies in one region"')
    assert response.results and "what applies in one region" in response.results[0].excerpt
