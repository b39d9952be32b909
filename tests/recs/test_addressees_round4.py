"""Addressees by grammar (round 4 of recommendation extraction, ``bot/recs/extract/subjects.py``
and the rules it consults): one behaviour per test, each also checked with its rule switched off.

Every text here was written by me for these tests (ferries, harbours and libraries, a subject no
development document is about); none is copied from a real document or from any evaluation set.
"""

from __future__ import annotations

import pytest

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off


def actors(text: str, doc_type: str = "committee-report") -> list[list[str]]:
    return [f.actors for f in extract(text, doc_type)]


CONCESSIVE = (
    "Although we would also urge parish councils to take part in the scheme, we recommend "
    "that county councils should lead the regional pilots.\n"
)
CONTRAST = (
    "While the board may wish to invite the ombudsman to comment, we recommend that the "
    "Treasury should fund the ferry pilot.\n"
)
DUTY = (
    "Though I would encourage volunteer officers to keep a diary too (for their own sake), I "
    "recommend that it should be mandatory for chief officers to log every loan.\n"
)


@pytest.mark.parametrize(
    ("text", "main", "aside"),
    [
        (CONCESSIVE, "county councils", "parish councils"),
        (CONTRAST, "the Treasury", "the ombudsman"),
        (DUTY, "chief officers", "volunteer officers"),
    ],
)
def test_the_main_clause_names_the_addressee_not_the_concessive_one(text, main, aside):
    assert actors(text) == [[main]]
    with rules_off("concessive-clause"):
        assert aside in actors(text)[0]


def test_a_concessive_ask_still_counts_when_the_main_clause_names_no_one():
    text = (
        "Although we urge the harbour trusts to publish their charges, we recommend that tide "
        "tables be printed in larger type.\n"
    )
    assert actors(text) == [["the harbour trusts"]]


def test_a_that_item_names_its_subject_without_the_that():
    text = "Recommendations\n\n1. That the Welsh Government should review the ferry subsidy.\n"
    assert actors(text) == [["the Welsh Government"]]


def test_a_parenthesised_acronym_does_not_cut_the_subject_off():
    text = "The Department for Ferries (DfF) should publish the review of harbour dues.\n"
    assert actors(text) == [["The Department for Ferries"]]
    aside = "Ferry ministers, through the Department for Ferries (DfF), should review progress.\n"
    assert actors(aside) == [["Ferry ministers"]]


def test_an_example_after_the_subject_is_not_the_subject():
    text = "Harbour authorities, such as the port trusts, should publish their tide tables.\n"
    assert actors(text) == [["Harbour authorities"]]
    other = "Library services, for example the mobile libraries, should open on Sundays.\n"
    assert actors(other) == [["Library services"]]
    with rules_off("qualifier-aside"):
        assert actors(text) == [[]]


RUN_IN = (
    "Recommendation 4 We recommend the following to make ferry crossings safer: every harbour "
    "board should review its pilotage charges and publish them each year every harbour board "
    "should appoint a passenger representative to its board the Maritime Agency should audit "
    "both and report on them in its annual review.\n"
)


def test_a_list_run_into_one_line_names_each_calls_own_subject():
    assert actors(RUN_IN) == [["every harbour board", "the Maritime Agency"]]
    with rules_off("run-in-subjects"):
        assert actors(RUN_IN) == [["every harbour board"]]


def test_a_run_in_subject_is_not_taken_from_a_phrase_after_a_preposition():
    text = (
        "We recommend that tide tables should be clearer. The data held by the Maritime Agency "
        "should be published monthly.\n"
    )
    assert "the Maritime Agency" not in actors(text)[0]


def test_a_body_named_by_what_it_answers_for_is_one_addressee():
    text = (
        "Organisations responsible for licensing ferry operators and harbour pilots should "
        "publish their decisions.\n"
    )
    assert actors(text) == [
        ["Organisations responsible for licensing ferry operators and harbour pilots"]
    ]
    with rules_off("responsible-for"):
        assert actors(text) == [[]]


def test_singular_body_nouns_name_a_body():
    text = "Every provider and commissioner of ferry services should publish its timetable.\n"
    assert actors(text) == [["Every provider", "commissioner of ferry services"]]
    with rules_off("singular-bodies"):
        assert actors(text) == [[]]


def test_a_run_in_subject_must_act_not_be_described():
    text = (
        "Recommendation 5 We recommend the following on ferry fares: every harbour board should "
        "publish its fares each spring the Ferry Levy should be lower in winter.\n"
    )
    assert actors(text) == [["every harbour board"]]
