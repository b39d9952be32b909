"""Cleaning like the originals: running heads and feet, tables in place, headings apart, speakers.

Every file here is generated: PDFs with running footers and page numbers, Word files with tables
between paragraphs, web pages with navigation, banners and tables.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from test_ingest import make_pdf

from bot.library import formats
from bot.library.cleaning import clean
from bot.library.documents import document_passages, document_text
from bot.library.ingest import ingest
from bot.library.passages import split_passages

FOOTER = "OFFICIAL - Page {n} of 3 - Serious Organised Crime Strategy Review 2024"

PAGES = [
    [
        "Regional Organised Crime Units: an inspection",
        "The inspection looked at how the regional units work with the forces of",
        "their region, and how they share intelligence with national agencies.",
        "Units in every region were visited over six months in the spring and",
        "summer, and each was given an account of what the inspectors found in",
    ],
    [
        "its region, which the unit was asked to check for accuracy before the",
        "findings were published in full.",
        "Funding arrangements",
        "Most units are funded by a mix of force contributions and a Home Office",
        "grant that is set each year, which makes long-term planning difficult.",
    ],
    [
        "Recommendations",
        "By March 2025, chief constables should agree a funding model with the",
        "Home Office that gives each unit a settlement for three years at a time.",
        "The inspectorate will review progress against this recommendation in",
        "its next annual assessment of serious and organised crime.",
    ],
]


def report_pdf(footer_first: bool = True) -> bytes:
    pages = []
    for n, body in enumerate(PAGES, start=1):
        lines = list(body)
        if footer_first:  # pypdf often reads a running footer before the body
            lines = [FOOTER.format(n=n)] + lines
        else:
            lines = ["Serious Organised Crime Strategy Review"] + lines + [str(n)]
        pages.append("\n".join(lines))
    return make_pdf(pages)


def with_pdf_title(data: bytes, title: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def passages_of(db, doc_id):
    return [p["text"] for p in document_passages(db, doc_id)]


# --- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("footer_first", [True, False])
def test_pdf_running_footers_and_page_numbers_are_stripped(empty_db, tmp_path, footer_first):
    (tmp_path / "review.pdf").write_bytes(report_pdf(footer_first))
    ingest(empty_db, [tmp_path])
    doc = empty_db["documents"].get("review")
    doc["text"] = document_text(empty_db, "review")
    assert doc["title"] == "Regional Organised Crime Units: an inspection"
    assert "OFFICIAL" not in doc["text"] and "Page 2 of 3" not in doc["text"]
    assert "Serious Organised Crime Strategy Review" not in doc["text"]
    assert not re.search(r"(?m)^\d+$", doc["text"])  # no page number left on a line
    for text in passages_of(empty_db, "review"):
        assert not text.startswith(("OFFICIAL", "Serious Organised Crime Strategy Review"))
    # the sentence that ran over the page break is whole again
    assert "an account of what the inspectors found in its region, which the unit" in doc["text"]


def test_pdf_title_comes_from_its_metadata_when_printed_on_the_page(
    empty_db, tmp_path, monkeypatch
):
    monkeypatch.setenv("ROCU_KEEP_COPIES", "1")  # the same text twice, as two documents
    data = report_pdf()
    (tmp_path / "named.pdf").write_bytes(with_pdf_title(data, "Regional Organised Crime Units"))
    (tmp_path / "template.pdf").write_bytes(with_pdf_title(data, "Committee Report 4.3"))
    ingest(empty_db, [tmp_path])
    assert empty_db["documents"].get("named")["title"] == "Regional Organised Crime Units"
    # a template's or file's name is not printed in the document: the first heading wins
    assert empty_db["documents"].get("template")["title"] == (
        "Regional Organised Crime Units: an inspection"
    )


def test_pdf_lines_that_only_look_like_headers_stay(tmp_path):
    # the same heading opens two of three pages: it is body text, not a running header
    pages = [
        "Hol Inquiry Recommendation\n8.1. The Government should publish its evidence.",
        "Hol Inquiry Recommendation\n8.2. Departments should evaluate their nudges.",
        "Government response\nThe Government agrees with both recommendations.",
    ]
    found = formats.extract(Path("x.pdf"), make_pdf(pages))
    assert found.text.count("Hol Inquiry Recommendation") == 2
    assert found.removed == []
    # and the heading is not glued to the numbered paragraph under it
    assert "Hol Inquiry Recommendation\n\n8.1. The Government" in found.text


# --- DOCX -------------------------------------------------------------------------------------


def make_docx_with_table(path):
    import docx

    document = docx.Document()
    document.add_heading("Force allocations", level=1)
    document.add_paragraph("The table below sets out the allocation for each region this year.")
    table = document.add_table(rows=3, cols=3)
    rows = [("Region", "Allocation", "Change"), ("North", "£5m", "+2%"), ("South", "£7m", "")]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "£7m (unchanged)"
    document.add_paragraph("Allocations for next year will be published in the spring.")
    document.save(path)


def test_docx_tables_stay_in_place_one_row_a_line(empty_db, tmp_path):
    make_docx_with_table(tmp_path / "alloc.docx")
    ingest(empty_db, [tmp_path])
    text = document_text(empty_db, "alloc")
    before = text.index("The table below sets out")
    row = text.index("Region | Allocation | Change")
    after = text.index("Allocations for next year")
    assert before < row < after
    assert "North | £5m | +2%" in text
    assert "South | £7m (unchanged)" in text and "£7m (unchanged) | £7m (unchanged)" not in text
    assert "RegionAllocation" not in text


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Police funding 2024 - GOV.UK</title>
<meta name="author" content="Home Office"></head>
<body>
<div class="cookie-banner"><p>We use cookies on this site. Accept all cookies</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About us</a></li></ul></nav>
<main><article>
<h1>Police funding 2024</h1>
<p>Published 3 March 2024</p>
<p>The allocation for each region is set out below and explained in detail in the annex to
this document, which forces should read before they set their budgets.</p>
<table><tr><th>Region</th><th>Allocation</th></tr>
<tr><td>North</td><td>£5m</td></tr><tr><td>South</td><td>£7m</td></tr></table>
<h2>Next steps</h2>
<p>Forces will receive their grants in April, after the usual checks have been completed by
the department and the figures have been confirmed with each police and crime commissioner.</p>
</article></main>
<footer><p>Contact us</p><p>Accessibility statement</p><p>© Crown copyright</p></footer>
</body></html>"""


def test_web_page_main_content_tables_and_metadata(empty_db, tmp_path):
    (tmp_path / "funding.html").write_text(PAGE)
    ingest(empty_db, [tmp_path])
    doc = empty_db["documents"].get("funding")
    doc["text"] = document_text(empty_db, "funding")
    text = doc["text"]
    assert "Region | Allocation" in text and "North | £5m" in text
    assert "RegionAllocation" not in text
    for chrome in ("cookies", "About us", "Accessibility statement", "Contact us"):
        assert chrome not in text
    assert "Forces will receive their grants in April" in text
    assert doc["title"] == "Police funding 2024"
    assert doc["date"] == "2024-03-03" and doc["author"] == "Home Office"
    assert {"title", "date", "author"} <= set(__import__("json").loads(doc["guessed"]))


def test_a_page_without_a_stated_date_is_dated_from_its_text(empty_db, tmp_path):
    (tmp_path / "wa.html").write_text(
        "<html><body><div id='content'><h2>Written Answers to Questions</h2>"
        "<h4><i>Tuesday 19 July 2011</i></h4><h3>Smartphone Applications</h3>"
        "<p><b>Priti Patel:</b> To ask the hon. Member, pursuant to the answer of 1 December"
        " 2010, what recent progress has been made in the development of applications.</p>"
        "</div></body></html>"
    )
    ingest(empty_db, [tmp_path])
    assert empty_db["documents"].get("wa")["date"] == "2011-07-19"


def test_the_catalogue_wins_over_what_the_page_says(empty_db, tmp_path):
    (tmp_path / "funding.html").write_text(PAGE)
    (tmp_path / "catalogue.toml").write_text(
        '[documents."funding.html"]\ntitle = "Funding letter"\nauthor = "NPCC"\n'
    )
    ingest(empty_db, [tmp_path])
    doc = empty_db["documents"].get("funding")
    doc["text"] = document_text(empty_db, "funding")
    assert (doc["title"], doc["author"]) == ("Funding letter", "NPCC")


def test_web_page_falls_back_when_the_extractor_finds_nothing(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    found = formats.extract(Path("p.html"), PAGE.encode())
    assert "Forces will receive their grants in April" in found.text
    assert "Region | Allocation" in found.text  # the plain walk keeps cells apart too
    assert "About us" not in found.text  # and still skips <nav> and <footer>


def test_hansard_page_speakers_and_column_marks(empty_db, tmp_path):
    (tmp_path / "wms.html").write_text(
        "<?xml version='1.0' encoding='UTF-8'?><html><body><div id='content'>"
        "<h3>Justice</h3><h4>Secure Estate Strategy</h4>"
        "<p><b>The Parliamentary Under-Secretary of State for Justice (Mr Crispin Blunt):</b>"
        " Today is the launch of a consultation on the strategy for the secure estate for"
        " children and young people in England and Wales.</p>"
        "<p>As always, we wish to express the Government's deep</p>"
        "<p><b>19 July 2011 : Column 109WS</b></p>"
        "<p>and abiding gratitude to all of our service personnel who have served.</p>"
        "<p><b>Mr Leigh:</b> To ask the Secretary of State what progress has been made.</p>"
        "</div></body></html>"
    )
    ingest(empty_db, [tmp_path])
    rows = list(document_passages(empty_db, "wms"))
    speakers = {p["speaker"] for p in rows}
    assert {"Mr Crispin Blunt", "Mr Leigh"} <= speakers
    text = document_text(empty_db, "wms")
    assert "Column 109WS" not in text
    assert "the Government's deep and abiding gratitude" in text
    assert "19 July 2011" not in {p["speaker"] for p in rows}


# --- speakers and headings in any text --------------------------------------------------------


def speakers_of(raw):
    doc = clean(raw)
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.paragraphs]


def test_parliament_uk_speakers():
    found = speakers_of(
        "Jane Smith (Hull North) (Lab): Will the Minister meet me to discuss county lines?\n\n"
        "The Minister for Policing (Dame Diana Johnson): I will be happy to meet her.\n\n"
        "Mr Speaker: Order.\n\n"
        "Tom Jones (Con): The regional units do excellent work."
    )
    assert found == [
        ("Jane Smith", "Will the Minister meet me to discuss county lines?"),
        ("Dame Diana Johnson", "I will be happy to meet her."),
        ("Mr Speaker", "Order."),
        ("Tom Jones", "The regional units do excellent work."),
    ]


def test_transcript_speakers_in_capitals_and_in_bold():
    found = speakers_of(
        "MR KEITH: Good morning, my Lady.\n\n**Lady Hallett**: Good morning.\n\n"
        "LADY HALLETT: Please begin."
    )
    assert [who for who, _ in found] == ["Mr Keith", "Lady Hallett", "Lady Hallett"]


@pytest.mark.parametrize(
    "line",
    [
        "One In Two Out (OITO): Yes",  # an acronym in brackets, not a party
        "Summary: Intervention and Options",
        "Recommendation 1: A simplified structure",
        "Home Office: the department replied in March.",
    ],
)
def test_labels_that_are_not_speakers(line):
    assert speakers_of(line)[0][0] is None


def test_headings_are_never_merged_into_the_passage_under_them():
    raw = (
        "Funding arrangements\n\n"
        "Most units are funded by a mix of force contributions and a Home Office grant that is "
        "set each year, which makes long-term planning difficult for every unit.\n\n"
        "Recommendations\n\nBy March 2025 chief constables should agree a funding model."
    )
    doc = clean(raw)
    texts = [p.text_in(doc.text) for p in split_passages(doc)]
    assert texts[0] == "Funding arrangements"
    assert texts[1].startswith("Most units are funded")
    assert "Recommendations" in texts
    assert not any(t.startswith("Recommendations\n") for t in texts)


def test_a_title_broken_over_two_headings_is_joined(empty_db, tmp_path):
    from test_ingest import make_docx

    make_docx(
        tmp_path / "em.docx",
        [
            "EXPLANATORY MEMORANDUM TO",
            "THE HERTFORDSHIRE (ELECTORAL CHANGES) ORDER 2015",
            "2015 No. 1873",
            "This explanatory memorandum has been prepared by the Commission.",
        ],
    )
    ingest(empty_db, [tmp_path])
    assert empty_db["documents"].get("em")["title"] == (
        "EXPLANATORY MEMORANDUM TO THE HERTFORDSHIRE (ELECTORAL CHANGES) ORDER 2015"
    )


def test_a_table_is_not_taken_for_navigation_or_headings():
    doc = clean("Region | Allocation\nNorth | £5m\nSouth | £7m\n\nThe totals are provisional.")
    assert "North | £5m" in doc.text
    assert not any(p.heading for p in doc.paragraphs)
