"""Type and date rules of round 12 (``metadata.TYPE_RULES``, ``front_matter.DATE_RULES``), each
also checked switched off.

Every text here was written by me for these tests about invented inquiries, forces, councils and
people; none is copied from a real document, a gold file or an evaluation set (nor from the
documents of ``tests/library/meta12``, which are the rules' measured witnesses).
"""

from __future__ import annotations

import pytest

from bot.library import front_matter
from bot.library.cleaning import clean
from bot.library.extracted import Extracted
from bot.library.front_matter import findings, resolve
from bot.library.metadata import guess_type, type_rules_off

BODY = (
    "The panel met six times over the winter and heard from residents, officers and the staff "
    "of the three councils. Its members visited both custody suites and the control room.\n\n"
)


def _guess(raw: str, name: str = "doc.txt", hints: Extracted | None = None) -> str:
    return guess_type(clean(raw), name, raw, hints)


def test_a_chairs_statement_on_publication_is_a_speech():
    raw = (
        "Statement from the Chair of the Millbrook Tunnel Inquiry, Sir Peter Vane\n\n"
        "This morning I publish the report of the Millbrook Tunnel Inquiry, which was set up "
        "under the Inquiries Act 2005.\n\n" + BODY * 3
    )
    assert _guess(raw) == "speech"
    with type_rules_off("chair-statement"):
        assert _guess(raw) == "inquiry-report"


def test_an_inquiry_report_that_quotes_a_statement_stays_an_inquiry_report():
    raw = (
        "The Millbrook Tunnel Inquiry\n\nReport of the Chair\n\n"
        "Statement by the Chair is printed at Annex B.\n\n" + BODY * 3
    )
    assert _guess(raw) == "inquiry-report"


def test_a_library_briefing_on_an_inquiry_is_not_the_inquiry_report():
    raw = (
        "Research Briefing\n\nBy Hannah Colt\n\n2 February 2027\n\n"
        "The Millbrook Tunnel Inquiry report: what it found and what happens next\n\n" + BODY * 3
    )
    assert _guess(raw) == "other"
    with type_rules_off("library-briefing"):
        assert _guess(raw) == "inquiry-report"


def test_early_day_motions_are_not_hansard_but_a_debate_about_one_is():
    motion = (
        "Early day motion 88\n\nFunding for rural custody suites\n\nTabled 9 June 2027\n\n"
        "That this House regrets the closure of custody suites in market towns.\n\n"
    )
    debate = (
        "Rural Custody\n\nVolume 790: debated on Thursday 10 June 2027\n\n"
        "I tabled an early day motion on this yesterday.\n\n"
    )
    assert _guess(motion + BODY) == "other"
    assert _guess(debate + BODY) == "hansard"
    with type_rules_off("motions-not-hansard"):
        assert _guess(motion + BODY) == "hansard"


@pytest.mark.parametrize("column", ["Column 12P", "Column 301WH"])
def test_hansard_column_marks_with_their_section_letters(column):
    raw = (
        f"3 Jun 2027 : {column}\n\nPetitions\n\nThe petition of residents of Lowford,\n\n"
        "Declares that the town needs a police station open at weekends.\n\n"
        "Observations from the Minister: the Government has delivered to forces the officers "
        "they asked for.\n\n"
    )
    assert _guess(raw) == "hansard"
    with type_rules_off("hansard-columns"):
        assert _guess(raw) == "speech"


def test_a_byline_makes_a_news_story_even_when_the_page_reader_dropped_it():
    story = "Council to close two fire stations at night\n\nPublished 8 July 2027\n\n" + BODY * 3
    dropped = Extracted(
        story,
        removed=[
            ("main content", "Lowford Gazette"),
            ("main content", "By Sam Rourke, local democracy reporter"),
        ],
    )
    assert _guess(story) == "other"
    assert _guess(story, "story.html", dropped) == "news"
    assert _guess("By Sam Rourke - Political Editor\n\n" + story) == "news"
    with type_rules_off("byline-news"):
        assert _guess(story, "story.html", dropped) == "other"


def test_a_byline_without_a_journalists_role_is_not_enough():
    raw = "Annual report\n\nBy the Board of Trustees, with thanks to our volunteers\n\n" + BODY
    assert _guess(raw) == "other"


LETTER = (
    "Police, Fire and Crime Commissioner for Lowford\n\n"
    "Response to the inspectorate's report on Lowford Fire and Rescue Service\n\n"
    "To: The Minister for Fire\nDate: 14 August 2027\n\n"
    "This is my response to the fire inspection report published on 3 July 2027.\n\n"
    + BODY * 8
    + "Yours faithfully,\n\nJo Pike\nCommissioner\n"
)


def test_an_addressee_line_and_a_sign_off_frame_a_letter():
    assert _guess(LETTER) == "letter"
    with type_rules_off("letter-frame"):
        assert _guess(LETTER) == "government-response"


def test_a_response_with_an_addressee_but_no_sign_off_is_not_a_letter():
    raw = LETTER.split("Yours faithfully")[0]
    assert _guess(raw) == "government-response"


def _date(raw: str, created: str | None = None):
    doc = clean(raw)
    chosen = resolve(findings(doc, raw, Extracted(raw, created=created)), off=set())
    found = chosen.get("date")
    return found.value if found else None


def test_another_reports_publication_date_in_a_sentence_is_not_this_ones(monkeypatch):
    assert _date(LETTER) == "2027-08-14"  # the Date: field, not the inspection report's date
    monkeypatch.setitem(front_matter.DATE_RULES, "published-elsewhere", False)
    assert _date(LETTER) == "2027-07-03"


def test_publication_lines_and_labels_are_still_read():
    assert _date("Lowford Plan\n\nPublished 3 July 2027\n\n" + BODY) == "2027-07-03"
    printed = "Report Ordered to be printed 1 July 2027 and published 8 July 2027\n\n"
    assert _date(printed + BODY) == "2027-07-08"
    assert _date("Plan\n\nThe plan was first published 3 July 2027.\n\n" + BODY) == "2027-07-03"


def test_a_template_creation_date_years_before_the_text_is_not_the_date(monkeypatch):
    raw = (
        "Lowford Road Safety Partnership: Annual Review\n\n"
        "This review covers the year to April 2027 and the partnership's plans for the next.\n\n"
        + BODY
    )
    assert _date(raw, created="2016-05-02") is None
    assert _date(raw, created="2027-05-20") == "2027-05"  # its own file date
    monkeypatch.setenv("ROCU_METADATA_RULES_OFF", "template-date")
    assert _date(raw, created="2016-05-02") == "2016-05"


def test_the_template_rule_has_a_margin_of_years():
    raw = "Lowford Plan\n\nActions are due by March 2028.\n\n" + BODY
    assert front_matter.TEMPLATE_YEARS == 3
    assert _date(raw, created="2026-11-02") == "2026-11"  # a deadline 2 years on is no sign
