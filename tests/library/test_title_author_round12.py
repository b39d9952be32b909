"""Title and author rules of round 12 (``front_matter.TITLE_RULES``, ``formats.AUTHOR_RULES``),
each also checked switched off.

Every text here was written by me for these tests about invented forces, councils, committees
and people; none is copied from a real document, a gold file or an evaluation set (nor from the
documents of ``tests/library/meta12``, which are the rules' measured witnesses).
"""

from __future__ import annotations

import pytest

from bot.library import formats, front_matter
from bot.library.cleaning import clean
from bot.library.extracted import Extracted
from bot.library.front_matter import organisation
from bot.library.metadata import describe

BODY = (
    "The force answered most emergency calls within the target time, but rural calls took twice "
    "as long as those in the towns. Officers told us that they were often sent across the county."
    "\n\n"
)


def _meta(raw: str, hints: Extracted | None = None, name: str = "doc.txt"):
    return describe(clean(raw), name, None, raw, hints=hints)


@pytest.mark.parametrize(
    "line, body",
    [
        ("Ministry of Justice", "Ministry of Justice"),
        ("HOUSE OF LORDS", "House of Lords"),
        (
            "From the Police, Fire and Crime Commissioner for Lowford",
            "Police, Fire and Crime Commissioner for Lowford",
        ),
        (
            "Office of the Police and Crime Commissioner for Lowford",
            "Office of the Police and Crime Commissioner for Lowford",
        ),
        ("Lowford Community Safety Partnership", "Lowford Community Safety Partnership"),
        (
            "Inspectorate of Policing for the Western Isles",
            "Inspectorate of Policing for the Western Isles",
        ),
        ("Rural Policing", None),
        ("Regional Organised Crime Units", None),
        ("Police recruitment and retention", None),
        ("Statement by the Chair of the Lowford Inquiry", None),
        ("PEEL 2027: Police effectiveness, efficiency and legitimacy", None),
    ],
)
def test_what_reads_as_a_bodys_name(line, body):
    assert organisation(line) == body


LETTER = (
    "Office of the Police and Crime Commissioner for Lowford\nCounty Hall, Lowford\n\n"
    "Chief Constable Ann Reyes\nLowford Police\n\n"
    "9 March 2027\n\n"
    "Dear Chief Constable,\n\n"
    "Call handling in the north of the county\n\n" + BODY * 3 + "Yours sincerely,\n\nSam Ode\n"
)


def test_a_letter_is_titled_by_its_subject_and_by_its_letterhead(monkeypatch):
    meta = _meta(LETTER)
    assert meta.title == "Call handling in the north of the county"
    assert meta.author == "Office of the Police and Crime Commissioner for Lowford"
    assert meta.type == "letter"
    monkeypatch.setitem(front_matter.TITLE_RULES, "letter-subject", False)
    monkeypatch.setitem(front_matter.TITLE_RULES, "publisher-line", False)
    meta = _meta(LETTER)
    assert meta.title == "Dear Chief Constable,"
    assert meta.author is None


def test_a_subject_field_is_the_title_without_its_label():
    raw = "From: Lowford Rail Users Forum\n\nSubject: Ticket office hours\n\nDear Sir,\n\n" + BODY
    assert _meta(raw).title == "Ticket office hours"


REPORT = (
    "Lowford Police and Crime Panel\n\n"
    "Review of the Commissioner's victims strategy\n\n"
    "Agreed by the Panel on 4 May 2027\n\n"
    "Background\n\n" + BODY * 3
)
RESPONSE = (
    "HOME OFFICE\n\n"
    "Justice and Policing Committee\n\n"
    "3rd Report of Session 2026–27\n\n"
    "Response to the Committee's report on rural policing\n\n"
    "Introduction\n\n" + BODY * 3
)


def test_a_body_above_the_title_is_the_author_and_not_the_title(monkeypatch):
    meta = _meta(REPORT)
    assert meta.title == "Review of the Commissioner's victims strategy"
    assert meta.author == "Lowford Police and Crime Panel"
    meta = _meta(RESPONSE)
    assert meta.title == "Response to the Committee's report on rural policing"
    assert meta.author == "Home Office, Justice and Policing Committee"
    monkeypatch.setitem(front_matter.TITLE_RULES, "publisher-heading", False)
    assert _meta(REPORT).title == "Lowford Police and Crime Panel"


def test_a_title_that_is_not_a_body_is_left_alone():
    raw = "Rural Policing in Lowford\n\nA report for the Panel\n\nBackground\n\n" + BODY * 3
    meta = _meta(raw)
    assert meta.title == "Rural Policing in Lowford"
    assert meta.author is None


def test_the_catalogue_author_wins_and_an_empty_one_stays_empty():
    doc = clean(REPORT)
    assert describe(doc, "r.txt", {"author": "Someone Else"}, REPORT).author == "Someone Else"
    assert describe(doc, "r.txt", {"author": ""}, REPORT).author is None


PAGE = """<html><head><title>{title}</title><meta name="author" content="{author}"></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Lowford opens a second custody suite</h1>
{byline}
<p>{body}</p><p>{body}</p><p>{body}</p>
</article>
<footer><p>{footer}</p></footer></body></html>"""


def _page(author: str, byline: str = "", footer: str = "") -> str:
    return formats.html_extract(
        PAGE.format(
            title="Lowford opens a second custody suite",
            author=author,
            byline=byline,
            footer=footer,
            body=BODY.strip(),
        )
    ).author


def test_a_page_author_is_kept_when_the_page_shows_the_byline(monkeypatch):
    assert _page("Kim Lowe", byline="<p>By Kim Lowe, crime reporter</p>") == "Kim Lowe"


def test_a_page_author_named_only_in_the_footer_is_dropped(monkeypatch):
    footer = "This copy of the report was prepared by Dan Pike"
    assert _page("Dan Pike", footer=footer) is None
    assert _page("Lowford Borough Council") == "Lowford Borough Council"  # not shown: kept
    monkeypatch.setitem(formats.AUTHOR_RULES, "author-on-page", False)
    assert _page("Dan Pike", footer=footer) == "Dan Pike"


def test_a_body_the_document_inspects_is_in_the_title_and_is_not_its_author():
    raw = (
        "Lowford Fire and Rescue Service\n\n"
        "Effectiveness and efficiency 2027\n\n"
        "An inspection of Lowford Fire and Rescue Service\n\n"
        "Overview\n\n" + BODY * 3
    )
    meta = _meta(raw)
    assert meta.title == "Lowford Fire and Rescue Service: Effectiveness and efficiency 2027"
    assert meta.author is None


def test_a_body_that_opens_a_title_set_over_two_lines_is_not_the_author():
    raw = "Lowford Council\nResponse to the Ombudsman's report on school transport\n\n" + BODY * 3
    title = "Lowford Council Response to the Ombudsman's report on school transport"
    meta = _meta(raw, Extracted(raw, title=title))
    assert meta.title == title
    assert meta.author is None
    apart = "Lowford Council\n\nSchool transport in 2027\n\nIntroduction\n\n" + BODY * 3
    meta = _meta(apart)
    assert (meta.title, meta.author) == ("School transport in 2027", "Lowford Council")


def test_a_government_response_gets_no_author_from_its_text():
    # the tracker would credit the responding department with the recommendations it quotes
    raw = (
        "Ministry of Transport\n\nGovernment response to the Rail Committee's report on "
        "level crossings\n\nIntroduction\n\n" + BODY * 3
    )
    meta = _meta(raw)
    assert meta.type == "government-response"
    assert meta.title.startswith("Government response to the Rail Committee")
    assert meta.author is None


def test_each_rule_can_be_switched_off_by_name(monkeypatch):
    monkeypatch.setenv("ROCU_METADATA_RULES_OFF", "letter-subject,publisher-line")
    meta = _meta(LETTER)
    assert meta.title == "Dear Chief Constable,"
    assert meta.author is None


def test_a_letter_laid_out_a_line_a_paragraph_is_titled_by_its_subject_not_an_address():
    raw = (
        "Lowford Borough Council\n\nLicensing Committee\n\nTown Hall, Lowford LW1 2AB\n\n"
        "Mr Ian Fell\n\nChief Inspector\n\nLowford Police\n\nMarket Street\n\n"
        "Lowford LW3 9QD\n\n1 May 2027\n\nDear Mr Fell,\n\nLate-night licences\n\n"
        + BODY * 3
        + "Yours sincerely,\n\nAmy Rowe\n"
    )
    meta = _meta(raw)
    assert meta.title == "Late-night licences"
    assert meta.author == "Lowford Borough Council, Licensing Committee"


def test_a_reply_letter_gets_no_author_from_its_letterhead(monkeypatch):
    # a reply quotes the other's points; the tracker would make the replier their maker
    reply = LETTER.replace(
        "Call handling in the north of the county\n\n",
        "Call handling in the north of the county\n\nThank you for your letter. Our answers to "
        "your three recommendations are below.\n\n",
    )
    assert _meta(reply).title == "Call handling in the north of the county"
    assert _meta(reply).author is None
    monkeypatch.setattr("bot.library.metadata.REPLY_LETTER", False)
    assert _meta(reply).author == "Office of the Police and Crime Commissioner for Lowford"
