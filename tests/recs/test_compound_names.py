"""Bodies whose own names hold "and" or a comma stay one addressee ("Department of Health and
Social Care", not "Department of Health" and "Social Care"), in the extractor and in the list
splitting the recommendations bench uses. Every sentence here was written for these tests."""

from __future__ import annotations

import re

import pytest

from bot.recs.addressees import split_listed
from bot.recs.extract import extract

SPLIT = re.compile(r"\s*(?:,\s*and\b|,|\band\b|&)\s*")


def _actors(sentence: str) -> list[str]:
    found = extract(sentence, "committee-report")
    assert len(found) == 1, sentence
    return [" ".join(a.split()) for a in found[0].actors]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The Department of Health and Social Care should fund two more pilot wards.",
            ["The Department of Health and Social Care"],
        ),
        (
            "The Department for Culture, Media and Sport and the Home Office should agree a "
            "protocol on stadium bans by June 2027.",
            ["The Department for Culture, Media and Sport", "the Home Office"],
        ),
        (
            "We recommend that the Ministry of Housing, Communities and Local Government "
            "publishes the audit.",
            ["the Ministry of Housing, Communities and Local Government"],
        ),
        (
            "The Secretary of State for Environment, Food and Rural Affairs should review the "
            "river licences.",
            ["The Secretary of State for Environment, Food and Rural Affairs"],
        ),
    ],
)
def test_a_compound_body_is_one_addressee(sentence, expected):
    assert _actors(sentence) == expected


def test_ordinary_lists_still_split():
    assert _actors("Port authorities and harbour boards should share tide data.") == [
        "Port authorities",
        "harbour boards",
    ]


def test_split_listed_keeps_compound_names_whole_and_splits_the_rest():
    text = "DHSC, the Department for Work & Pensions and local councils"
    assert split_listed(text, SPLIT) == [
        "DHSC",
        "the Department for Work and Pensions",
        "local councils",
    ]
    assert split_listed("trusts, boards and councils", SPLIT) == ["trusts", "boards", "councils"]
