"""Rules added in round 3 of recommendation extraction (``bot/recs/extract/rules.py``), one
behaviour per test, each also checked with its rule switched off.

Every text here was written by me for these tests, in the style of inspection reports, library
briefings and independent reviews as PDF text gives them; none is copied from a real document or
from any evaluation set."""

from __future__ import annotations

import pytest

from bot.recs.extract import extract
from bot.recs.extract.rules import RULES, rules_off


def texts(text: str, doc_type: str = "other") -> list[str]:
    return [" ".join(text[f.start : f.end].split()) for f in extract(text, doc_type)]


# A list printed as one paragraph, each item opened by a symbol-font glyph (private use area).
INLINE = (
    "What should the college do to improve? \uf03c Without delay, make sure that every "
    "trainee has a named tutor by: \u2013 setting out the tutor\u2019s duties \u2013 checking "
    "each term that meetings take place \uf03c Improve the planning of placements by: "
    "\u2013 agreeing dates with partner schools \u2013 sharing the plans with trainees.\n\n"
    "Information about this college\n\nThe college trains 300 teachers a year.\n"
)


def test_a_list_run_into_one_paragraph_gives_one_item_per_glyph():
    found = texts(INLINE)
    assert [f.split(",")[0].split(" by")[0] for f in found] == [
        "Without delay",
        "Improve the planning of placements",
    ]
    assert "sharing the plans with trainees" in found[1]  # sub-points stay inside their item


def test_inline_bullets_and_led_commands_can_be_switched_off():
    with rules_off("led-command"):
        assert texts(INLINE) == []  # the first item opens with a phrase, and the list stops
    with rules_off("inline-bullets"):
        assert len(texts(INLINE)) == 1  # one paragraph: the second item runs into the first


def test_a_phrase_before_a_verb_that_is_no_command_is_no_item():
    text = (
        "Areas for improvement:\n\n"
        "In most wards, staff records were complete and up to date. "
        "In the east, review times were shorter than last year.\n"
    )
    assert texts(text, "inspection-report") == []


RUN_IN = (
    "Our recommendations\n\n"
    "Recommendation 1 The Ministry should publish a plan for prison places within a year. "
    "It should report on progress every six months. Recommendation 2 Governors should "
    "review how visits are booked - reducing queues at the gate - making booking possible "
    "online Recommendation 3 HM Prison Service should train staff in first aid.\n\n"
    "Recommendation 2 is the most urgent. As Recommendation 3 The training shows, "
    "staff matter.\n"
)


def test_labels_run_into_the_text_are_labels():
    found = extract(RUN_IN, "other")
    assert [f.label for f in found] == [
        "Recommendation 1",
        "Recommendation 2",
        "Recommendation 3",
    ]
    assert texts(RUN_IN)[1].startswith("Governors should review")


def test_run_in_labels_can_be_switched_off():
    # rule "evidenced-calls" (round 21) also keeps a call's opening label in a document typed
    # "other": both read the same shape, so both are switched off for the earlier reading
    with rules_off("run-in-label", "evidenced-calls"):
        assert not any(f.label for f in extract(RUN_IN, "other"))


def test_every_rule_names_two_witnesses_and_can_be_switched_off():
    for rule in RULES:
        # a rule shipped off for want of a second witness names the one it has (round 12)
        assert len(rule.witnesses) >= (2 if rule.enabled else 1), rule.name
    with pytest.raises(KeyError):
        with rules_off("no-such-rule"):
            pass


LABELLED_CALLS = """Recommendation 1: Records

All police forces should keep a record of every welfare check. The inspectorate should
examine those records at each visit. They should also publish what they find.
"""


def test_every_call_of_a_recommendation_names_an_addressee():
    (found,) = extract(LABELLED_CALLS, "inspection-report")
    assert found.actors == ["All police forces", "The inspectorate"]
    with rules_off("every-call-addressee"):
        (found,) = extract(LABELLED_CALLS, "inspection-report")
        assert found.actors == ["All police forces"]


MODIFIED = """Recommendation 1: Training

Every force training board should set a date for the new course.
"""


def test_lower_case_words_before_a_body_noun_belong_to_its_name():
    (found,) = extract(MODIFIED, "inspection-report")
    assert found.actors == ["Every force training board"]
    with rules_off("noun-modifiers"):
        (found,) = extract(MODIFIED, "inspection-report")
        assert found.actors != ["Every force training board"]


def test_the_same_body_named_twice_is_one_addressee():
    text = """Recommendation 1: Boards

Every trust board should review its skills. Trust boards should report on this each year.
"""
    (found,) = extract(text, "inspection-report")
    assert found.actors == ["Every trust board"]


RUN_IN_RESPONSE = (
    "Government response to the review of prison visits\n\n"
    "Recommendation 1\n\n"
    "Governors should publish visiting times on every prison's web page. Government response "
    "to recommendation 1 The government accepts this recommendation. Prisons should already "
    "show these times, and most do.\n\n"
    "Recommendation 2\n\n"
    "HM Prison Service should set a target for booking visits online. Government response to "
    "recommendation 2 The government notes this recommendation.\n"
)


def test_a_response_heading_run_into_the_text_ends_the_recommendation():
    found = extract(RUN_IN_RESPONSE, "government-response")
    assert [f.response for f in found] == ["accepted", "noted"]
    assert texts(RUN_IN_RESPONSE, "government-response")[0].endswith("web page.")
    with rules_off("run-in-label"):
        found = extract(RUN_IN_RESPONSE, "government-response")
        assert "Government response" in RUN_IN_RESPONSE[found[0].start : found[0].end]


UNDER_HEADING = (
    "What does the service need to do to improve?\n\n"
    "Improve the handling of calls by:\n"
    "\u2013 answering emergency calls within ten seconds \u2013 recording why a call was "
    "dropped\n\n"
    "\u2013 checking the records each week.\n\n"
    "A review of the call-handling budget should be carried out. Agency staff should not be "
    "used on the control room floor.\n\n"
    "Inspection findings\n\n"
    "Managers should have acted sooner, and staff said they should be paid more.\n"
)


def test_calls_after_the_commands_under_the_heading_are_recommendations():
    found = texts(UNDER_HEADING)
    assert [f.split()[0] for f in found] == ["Improve", "A", "Agency"]
    assert found[0].endswith("checking the records each week.")  # sub-points after a break
    with rules_off("calls-under-heading"):
        assert [f.split()[0] for f in texts(UNDER_HEADING)] == ["Improve"]


REPORTED = """Statement from the chair of the review

Today the review publishes its final report. In all, the report makes twelve recommendations
to the Home Office and to chief constables.

Forces must act quickly when a warning sign appears. Every part of the system should learn from
what went wrong, and that work begins today.
"""


def test_a_document_that_only_reports_recommendations_makes_none():
    assert texts(REPORTED, "inquiry-report") == []
    with rules_off("reported-recommendations"):
        assert len(texts(REPORTED, "inquiry-report")) == 2


def test_a_document_that_recommends_in_its_own_voice_keeps_its_calls():
    text = REPORTED + "\nWe recommend that the Home Office funds a national training course.\n"
    found = texts(text, "inquiry-report")
    assert found[-1].startswith("We recommend that the Home Office")
    assert len(found) == 3
