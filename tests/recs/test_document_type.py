"""Document type guessing as recommendation extraction relies on it.

The texts here were written by me for these tests (title pages in the style of a Commons
committee's printing of a Government response, and of a committee's own report); none is copied
from a real document or from any evaluation set."""

from __future__ import annotations

from bot.library.cleaning import CleanDocument
from bot.library.metadata import guess_type


def kind(text: str) -> str:
    return guess_type(CleanDocument(text, []), "paper.pdf")


SPECIAL_REPORT = """HC 901 Published on 2 March 2026 by authority of the House of Commons
House of Commons Transport Committee Safer level crossings:

Government Response to the Committee's Second Report of Session 2025-26 Third Special Report
of Session 2025-26 Ordered by the House of Commons to be printed 24 February 2026

The Government welcomes the Committee's report.
"""

COMMITTEE_REPORT = """House of Commons Transport Committee
Safer level crossings
Second Report of Session 2025-26
Report, together with formal minutes relating to the report

Summary
Level crossings remain one of the railway's largest risks. We recommend that Network Rail
closes the crossings with the worst records.
"""


def test_a_response_printed_as_a_committee_special_report_is_a_response():
    assert kind(SPECIAL_REPORT) == "government-response"


def test_a_committee_report_stays_a_committee_report():
    assert kind(COMMITTEE_REPORT) == "committee-report"
    # a report that mentions the Government's response further down stays a report
    later = COMMITTEE_REPORT + "\n" + "The railway is old. " * 40
    later += "We look forward to the Government response to this report.\n"
    assert kind(later) == "committee-report"
