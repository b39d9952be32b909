"""Pronoun continuation (round 5 of recommendation extraction, rule ``pronoun-continuation``):
"X should A. It/They should also B." is two calls on X, not one. And a place that qualifies a
body ("every harbour trust in Wales", rule ``place-qualifier``).

Every text here was written by me for these tests (street litter, allotments and river
moorings, subjects no development document is about); none is copied from a real document or
from any evaluation set.
"""

from __future__ import annotations

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

CONCLUSIONS = (
    "Conclusions and recommendations\n\n"
    "1. Evidence on the costs of street litter is thin. The Home Office should publish an "
    "estimate of those costs by next spring. It should also ensure that the estimate is "
    "reviewed every year. (Paragraph 12)\n\n"
    "2. Allotment waiting lists are long in most towns. Parish councils should publish their "
    "waiting lists online. They must also offer half plots to new tenants. (Paragraph 18)\n"
)


def items(text: str, doc_type: str = "committee-report") -> list[tuple[str, list[str]]]:
    return [(text[f.start : f.end], f.actors) for f in extract(text, doc_type)]


def test_a_pronouns_second_call_is_an_item_of_its_own_addressed_to_the_body_before():
    found = items(CONCLUSIONS)
    assert [t.split()[0] for t, _ in found] == ["The", "It", "Parish", "They"]
    assert found[1] == (
        "It should also ensure that the estimate is reviewed every year.",
        ["The Home Office"],
    )
    assert found[3][1] == ["Parish councils"]


def test_switched_off_the_second_call_stays_inside_the_first():
    with rules_off("pronoun-continuation"):
        found = items(CONCLUSIONS)
    assert len(found) == 2
    assert found[0][0].endswith("reviewed every year.")


def test_it_does_not_stand_for_a_plural_body():
    # "It" is the plan here, not the councils: one recommendation
    text = (
        "Conclusions and recommendations\n\n"
        "1. The district councils should adopt a common plan for river moorings. It should "
        "also cover the canal basins. (Paragraph 4)\n"
    )
    found = items(text)
    assert len(found) == 1
    assert found[0][0].endswith("cover the canal basins.")


def test_a_thing_as_the_first_subject_keeps_the_pronoun_inside():
    # no body asked before the pronoun: "It" is the register
    text = (
        "Recommendations\n\n"
        "The moorings register should list every boat. It should also record the owner's "
        "address.\n"
    )
    found = items(text)
    assert len(found) == 1


def test_it_should_also_be_noted_is_not_a_call():
    text = (
        "Conclusions and recommendations\n\n"
        "1. The Environment Agency should dredge the upper reach this year. It should also be "
        "noted that the lower reach silts more slowly. (Paragraph 9)\n"
    )
    found = items(text)
    assert len(found) == 1


def test_a_place_after_a_body_belongs_to_its_name():
    # (rule place-qualifier; text written for this test)
    text = "Recommendations\n\nEvery harbour trust in Wales should publish its tide tables.\n"
    assert [f.actors for f in extract(text, "inquiry-report")] == [["Every harbour trust in Wales"]]
    with rules_off("place-qualifier"):
        assert [f.actors for f in extract(text, "inquiry-report")] == [[]]
