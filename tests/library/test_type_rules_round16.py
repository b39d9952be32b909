"""Type rules of round 16 (``metadata.TYPE_RULES``: committee-masthead, plan-title), each also
checked switched off.

Every text here was written by me for these tests about invented assemblies, committees, forces
and people; none is copied from a real document, a gold file, an evaluation set or a written test
collection.
"""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.library.metadata import guess_type, type_rules_off

BODY = (
    "Members took evidence from harbour staff, ferry passengers and the two island councils, "
    "and visited both piers at night in January.\n\n"
)


def _guess(raw: str) -> str:
    return guess_type(clean(raw), "doc.txt", raw)


def test_a_committee_masthead_makes_a_committee_report():
    raw = (
        "Lowmoor Regional Assembly\n\nTransport Safety Committee\n\n"
        "Ferry crossings after dark\n\nMarch 2027\n\nChair's foreword\n\n"
        "Our inquiry heard that the piers are unlit, and this report says what should change.\n\n"
        + BODY
        * 3
    )
    assert _guess(raw) == "committee-report"
    with type_rules_off("committee-masthead"):
        assert _guess(raw) == "inquiry-report"  # "inquiry ... report" in the foreword


def test_a_masthead_with_its_date_on_the_same_line():
    raw = (
        "Ferry crossings after dark\n\nTransport and Harbours Committee, March 2027\n\n"
        "Foreword\n\n" + BODY * 3
    )
    assert _guess(raw) == "committee-report"
    with type_rules_off("committee-masthead"):
        assert _guess(raw) == "other"


def test_a_committee_letter_stays_a_letter_and_a_response_stays_a_response():
    letter = (
        "Transport Safety Committee\n\nDear Minister,\n\n" + BODY * 2 + "Yours sincerely\n\nR Blake"
    )
    assert _guess(letter) == "letter"
    response = (
        "Government Response to the Transport Safety Committee's report on ferry crossings\n\n"
        "Transport Safety Committee\n\n" + BODY * 3
    )
    assert _guess(response) == "government-response"


def test_a_committee_named_in_prose_makes_nothing():
    raw = (
        "Ferry safety notes\n\nThe findings were sent to the Transport Safety Committee of the "
        "assembly for its meeting in April, with a note from the harbour master.\n\n" + BODY * 3
    )
    assert _guess(raw) == "other"


def test_a_forces_plan_answering_an_inspection_is_other():
    raw = (
        "Eastmarsh Police: improvement plan in response to the inspection of 2026\n\n"
        "Owner: Assistant Chief Constable\n\n"
        "The inspectorate published its inspection of Eastmarsh Police in May. Our last "
        "inspection found two causes of concern, and this plan answers each.\n\n" + BODY * 3
    )
    assert _guess(raw) == "other"
    with type_rules_off("plan-title"):
        assert _guess(raw) == "inspection-report"
