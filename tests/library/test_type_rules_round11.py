"""Type rules of round 11 (``metadata.TYPE_RULES``), each also checked switched off.

Every text here was written by me for these tests about invented schools, forces and bodies;
none is copied from a real document, a gold file or an evaluation set.
"""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.library.metadata import guess_type, type_rules_off

BODY = (
    "The service has made some progress over the year, and the staff we spoke to were keen to "
    "improve. Records were not always complete, and managers did not check them often enough.\n\n"
)

# An inspectorate's report that names neither the inspectorate by its initials nor "an
# inspection of": a school report's first page (judgements in a table, the dates of the visit).
SCHOOL = (
    "School report\n\nWillowbrook Junior School, Canal Street, Lowford LF2 9QT\n\n"
    "Inspection dates | 3–4 March 2026\n\n"
    "Overall effectiveness | Requires improvement\n\n"
    "Quality of teaching | Requires improvement\n\n"
    "Overall effectiveness at previous inspection | Good\n\n"
)


def _guess(raw: str, name: str = "doc.txt") -> str:
    return guess_type(clean(raw), name, raw)


def test_a_school_inspection_report_is_an_inspection_report():
    raw = SCHOOL + BODY * 3
    assert _guess(raw) == "inspection-report"
    with type_rules_off("inspectorate-report"):
        assert _guess(raw) == "other"


def test_a_custody_visit_report_with_causes_of_concern_is_an_inspection_report():
    raw = (
        "Findings from our unannounced visit to Northgate custody suite\n\n"
        "About this inspection\n\nInspectors visited the suite over three days in May 2026.\n\n"
        "Causes of concern\n\n" + BODY * 3
    )
    assert _guess(raw) == "inspection-report"
    with type_rules_off("inspectorate-report"):
        assert _guess(raw) == "other"


def test_inspection_alone_or_inspectors_alone_do_not_make_an_inspection_report():
    # a council's note that mentions an inspection once, and a staffing note about inspectors
    # ("an inspection of ..." is already an inspection report's title by an older hint)
    once = "Parks update\n\nAt the last inspection the swings in the play areas were safe.\n\n"
    staff = "Staffing note\n\nTwo new inspectors join the building control team in June.\n\n"
    assert _guess(once + BODY * 3) == "other"
    assert _guess(staff + BODY * 3) == "other"


BRIEFING = (
    "Vetting of police officers: where things stand\n\nBriefing note, 14 January 2026\n\n"
    "A committee recommended last year that forces should re-vet every officer every five "
    "years. The Government's response to the committee's report said that it would think "
    "about it further, and the Home Office in response to the inquiry has issued guidance.\n\n"
)


def test_a_response_in_prose_does_not_make_a_briefing_a_response():
    raw = BRIEFING + BODY * 3
    assert _guess(raw) == "other"
    with type_rules_off("response-in-prose"):
        assert _guess(raw) == "government-response"


def test_a_response_titled_so_is_still_a_response():
    for title in (
        "Government Response to the Justice Committee's Second Report\n\n",
        "The Government's Response to the Review of Rural Policing\n\nMarch 2026\n\n",
        "Policy paper Government response to the review of custody healthcare Published 2026\n\n",
    ):
        assert _guess(title + BRIEFING + BODY * 3) == "government-response", title


# A chapter of an inquiry's report saved on its own: its heading, then the chair's prose.
CHAPTER = (
    "CHAPTER 7\n\nTHE CONTROL ROOM: CONCLUSIONS AND RECOMMENDATIONS\n\n"
    "7.1 This chapter draws together what the Inquiry heard about the control room on the night "
    "of the flood, and the changes I consider necessary.\n\n"
)


def test_a_chapter_of_an_inquiry_report_is_an_inquiry_report():
    raw = CHAPTER + BODY * 3
    assert _guess(raw) == "inquiry-report"
    with type_rules_off("inquiry-chapter"):
        assert _guess(raw) == "committee-report"  # "conclusions and recommendations"


def test_a_chapter_that_names_no_inquiry_stays_as_it_was():
    raw = "Chapter 3\n\nTraining the control room staff\n\n" + BODY * 3
    assert _guess(raw) == "other"
    raw = "Guidance for staff\n\nChapter 3 of this guide covers what the Inquiry asked.\n\n" + BODY
    assert _guess(raw) == "other"  # the heading must open the document
