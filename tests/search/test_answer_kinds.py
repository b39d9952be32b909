"""A question that asks for a quantity or a date gets the sentence that holds one marked as its
answer, when that sentence holds nearly as much of the question as the best one.

The passages here were written for these tests; none comes from a library document or an
evaluation set.
"""

from __future__ import annotations

import re

from bot.search.excerpts import asked_for, make_excerpt

PASSAGE = (
    "The harbour board reviewed the number of ferry crossings cancelled last winter. "
    "Storms cancelled 214 ferry crossings between November and March, the board found. "
    "The board also discussed the cost of repairs to the pier."
)


def spans_of(text, *words):
    out = []
    for group, word in enumerate(words):
        out += [(m.start(), m.end(), group) for m in re.finditer(word, text, re.IGNORECASE)]
    return out


def marked(excerpt):
    start, end = excerpt.answer
    return excerpt.text[start:end]


def test_how_many_marks_the_sentence_holding_a_number():
    spans = spans_of(PASSAGE, "ferry", "crossings", "cancelled", "winter")
    plain = make_excerpt(PASSAGE, spans)
    asked = make_excerpt(PASSAGE, spans, asks=asked_for(["how", "many"]))
    assert "number of ferry crossings" in marked(plain)  # the most of the question's words
    assert "214" in marked(asked)


def test_when_marks_the_sentence_holding_a_date():
    text = (
        "The pier was closed for repairs after the storm damaged its deck. "
        "The pier reopened to the public in April 2019 once the deck was replaced."
    )
    spans = spans_of(text, "pier", "closed", "repairs", "reopened")
    assert "April 2019" in marked(make_excerpt(text, spans, asks=asked_for(["when"])))


def test_a_year_is_not_a_quantity_and_a_far_weaker_sentence_is_not_taken():
    text = (
        "Storms cancelled ferry crossings across the harbour in the winter of 2019. "
        "The board met 12 times."
    )
    spans = spans_of(text, "storms", "cancelled", "ferry", "crossings", "winter", "board")
    assert "ferry" in marked(make_excerpt(text, spans, asks=asked_for(["how", "many"])))


def test_only_the_opening_of_a_question_says_what_it_asks_for():
    assert asked_for(["is", "an", "when"]) is None  # "... needed when ...": no date asked
    assert asked_for([]) is None
    assert asked_for(["How", "much"]) is not None
