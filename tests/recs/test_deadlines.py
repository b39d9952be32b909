"""Deadline phrases as written, and due dates counted from the document's date."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.recs.deadlines import add_months, find_deadline, parse_date

PUBLISHED = dt.date(2019, 9, 27)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        ("2019-09-27", 6, "2020-03-27"),
        ("2019-09-27", 3, "2019-12-27"),
        ("2019-08-31", 6, "2020-02-29"),  # leap year: clamp to the 29th
        ("2021-08-31", 6, "2022-02-28"),
        ("2019-12-31", 2, "2020-02-29"),
        ("2020-01-31", 1, "2020-02-29"),
        ("2019-05-31", 1, "2019-06-30"),
        ("2019-11-15", 14, "2021-01-15"),
        ("2020-02-29", 12, "2021-02-28"),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "sentence, words, due",
    [
        ("The Home Office should report within six months.", "within six months", "2020-03-27"),
        ("Within three months, the NCA should write to us.", "Within three months", "2019-12-27"),
        (
            "It should reply within 12 weeks of this report.",
            "within 12 weeks of this report",
            "2019-12-20",
        ),
        ("Forces should act within a year.", "within a year", "2020-09-27"),
        ("Publish guidance within 30 days.", "within 30 days", "2019-10-27"),
        ("Publish it by 31 March 2020.", "by 31 March 2020", "2020-03-31"),
        ("Publish it by March 2020.", "by March 2020", "2020-03-31"),
        ("Publish it by the end of 2020.", "by the end of 2020", "2020-12-31"),
    ],
)
def test_fixed_deadlines_get_a_due_date(sentence, words, due):
    deadline = find_deadline(sentence, PUBLISHED)
    assert deadline is not None
    assert deadline.text == words
    assert deadline.due == dt.date.fromisoformat(due)


@pytest.mark.parametrize(
    "sentence, words",
    [
        ("Do it as soon as possible.", "as soon as possible"),
        (
            "As soon as possible, or as part of the Spending Review, the Home Office should act.",
            "As soon as possible, or as part of the Spending Review",
        ),
        ("The review needs to be urgently reviewed.", "urgently"),
        ("Funding should be settled in the next Spending Review.", "in the next Spending Review"),
    ],
)
def test_open_ended_deadlines_keep_their_words_and_no_date(sentence, words):
    deadline = find_deadline(sentence, PUBLISHED)
    assert deadline.text == words
    assert deadline.due is None


def test_alternatives_joined_and_the_fixed_one_gives_the_date():
    sentence = (
        "As soon as possible after the spending review, or within six months of this report, "
        "it should review the Strategic Policing Requirement."
    )
    deadline = find_deadline(sentence, PUBLISHED)
    assert deadline.text == (
        "As soon as possible after the spending review, or within six months of this report"
    )
    assert deadline.due == dt.date(2020, 3, 27)


def test_separate_deadlines_listed_and_the_earliest_is_due():
    sentence = "Report within six months. Publish a plan within three months."
    deadline = find_deadline(sentence, PUBLISHED)
    assert deadline.text == "within six months; within three months"
    assert deadline.due == dt.date(2019, 12, 27)


def test_no_deadline_and_durations_are_not_deadlines():
    assert find_deadline("The Home Office should set out clear plans.", PUBLISHED) is None
    assert find_deadline("Funding over the next three years is uncertain.", PUBLISHED) is None


def test_interval_without_a_full_document_date_has_words_but_no_due_date():
    deadline = find_deadline("Report within six months.", parse_date("2013-11"))
    assert deadline.text == "within six months"
    assert deadline.due is None
    assert parse_date("") is None and parse_date(None) is None
    assert parse_date("2019-09-27") == PUBLISHED


# Written for this test: a year, or a season of a year, as the latest time.
@pytest.mark.parametrize(
    ("text", "words", "due"),
    [
        (
            "The audit should be finished no later than autumn 2027.",
            "no later than autumn 2027",
            dt.date(2027, 11, 30),
        ),
        ("Review the custody plan in or before 2028.", "in or before 2028", dt.date(2028, 12, 31)),
        ("Forces should report by winter 2026.", "by winter 2026", dt.date(2027, 2, 28)),
    ],
)
def test_a_year_or_season_as_the_latest_time(text, words, due):
    deadline = find_deadline(text, dt.date(2026, 1, 5))
    assert deadline.text == words and deadline.due == due


def test_a_year_that_is_a_level_is_no_deadline():
    assert find_deadline("Cut emissions by 2030 levels of traffic.", dt.date(2026, 1, 5)) is None
