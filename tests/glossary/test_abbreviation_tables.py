"""A document's own list of abbreviations, read from DOCX, PDF and HTML, and definitions that run
over a page break.

The documents are written for these tests by the project: the PDF by ``minimal_pdf`` below (a
few lines of PDF written by hand, no PDF library), saved in tests/fixtures/glossary/ by
``test_the_committed_pdf_is_the_one_written_here``; the DOCX with python-docx; the HTML inline."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.glossary import acronyms
from bot.glossary import lookup as glossary
from bot.library.ingest import ingest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "glossary"

# The list every test document carries: (short form, long form)
ROWS = [
    ("ACPO", "Association of Chief Police Officers"),
    ("CoP", "College of Policing"),
    ("HMRC", "HM Revenue and Customs"),
    ("MI5", "the Security Service"),
    ("NCA", "National Crime Agency"),
    ("NCTPHQ", "National Counter Terrorism Policing Headquarters"),
    ("PCeU", "Police Central e-Crime Unit"),
    ("ROCU", "Regional Organised Crime Unit"),
]
INTRO = (
    "Regional resilience review: how the forces of the region work with national bodies, and "
    "what the regional units add to that work in a national emergency, with the Cabinet Office"
)
AFTER_BREAK = "Briefing Rooms (COBR) at the centre of the response."


def minimal_pdf(pages: list[list]) -> bytes:
    """A PDF with one text line per item of each page (Helvetica 11 pt); an item given as a
    (left, right) pair is printed as two columns, as a table row."""

    def escaped(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 2 * len(pages) + 1
    page_ids = []
    for lines in pages:
        ops, y = ["BT /F1 11 Tf"], 760
        for line in lines:
            cells = line if isinstance(line, tuple) else (line,)
            for x, cell in zip((72, 180), cells, strict=False):
                ops.append(f"1 0 0 1 {x} {y} Tm ({escaped(cell)}) Tj")
            y -= 16
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    kids = " ".join(f"{p} 0 R" for p in page_ids).encode()
    add(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def review_pdf() -> bytes:
    """Two pages: a sentence that runs over the page break, then a glossary as a table."""
    first = ["Regional resilience review", INTRO]
    second = [AFTER_BREAK, "Glossary of abbreviations", *ROWS]
    return minimal_pdf([first, second])


def pairs(path: Path) -> set[tuple[str, str]]:
    return {(d.short, d.long) for d in acronyms.definitions_in_file(path)}


def listed(path: Path) -> set[tuple[str, str]]:
    return {(d.short, d.long) for d in acronyms.definitions_in_file(path) if d.listed}


def test_the_committed_pdf_is_the_one_written_here():
    assert (FIXTURES / "review.pdf").read_bytes() == review_pdf()


def test_pdf_abbreviations_table_gives_every_row_and_the_page_break_definition():
    # (that the page break needs the paragraph_joins rule is tested in test_definitions.py,
    # apart from how a PDF reader happens to mark the break)
    path = FIXTURES / "review.pdf"
    assert set(ROWS) <= listed(path)
    assert ("COBR", "Cabinet Office Briefing Rooms") in pairs(path)


def test_docx_abbreviations_table_and_dash_lines_give_every_row(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Annual report of the regional unit")
    document.add_paragraph(INTRO + " " + AFTER_BREAK)
    document.add_paragraph("Abbreviations")
    table = document.add_table(rows=0, cols=2)
    for short, long in ROWS[:5]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = short, long
    for short, long in ROWS[5:]:  # the rest as lines, after the table
        document.add_paragraph(f"{short} – {long}")
    path = tmp_path / "report.docx"
    document.save(path)
    assert set(ROWS) <= listed(path)


def test_html_abbreviations_table_gives_every_row(tmp_path):
    rows = "".join(f"<tr><td>{s}</td><td>{lf}</td></tr>" for s, lf in ROWS)
    page = (
        "<html><head><title>Regional resilience review</title></head><body><main>"
        f"<h1>Regional resilience review</h1><p>{INTRO} {AFTER_BREAK}</p>"
        "<p>The review draws on interviews with officers in each force of the region and "
        "with staff of the national bodies that work beside them.</p>"
        f"<h2>Glossary</h2><table>{rows}</table></main></body></html>"
    )
    path = tmp_path / "review.html"
    path.write_text(page, encoding="utf-8")
    assert set(ROWS) <= listed(path)


def test_a_row_outside_a_glossary_section_must_spell_its_short_form():
    text = (
        "Figures for the year.\n\nQ1 | figures for the first quarter\n\nNCA | National Crime Agency"
    )
    found = {(d.short, d.long) for d in acronyms.listed_definitions(text)}
    assert found == {("NCA", "National Crime Agency")}


def test_a_listed_definition_is_answered_first_and_says_where(db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "review.pdf").write_bytes(review_pdf())
    ingest(db, [folder])
    matches = glossary.define(db, "NCTPHQ", record=False).matches
    assert matches[0].entry.source == "library" and matches[0].entry.method == "listed"
    from bot.render.glossary import source_label

    assert source_label(matches[0]).startswith("library: listed in the abbreviations of")
    mi5 = glossary.define(db, "MI5", record=False).matches
    assert ("library", "the Security Service") in [(m.entry.source, m.entry.expansion) for m in mi5]
