"""Round 5 of the title and date rules of bot.library.front_matter, and the Word reader's nested
tables they rely on: one test per new rule.

Every text here was written for these tests (invented forms, bodies, places, names and dates);
none is taken from a real document, from the shared corpora or from a gold file."""

from __future__ import annotations

from pathlib import Path

from bot.library import formats
from bot.library.cleaning import clean
from bot.library.extracted import Extracted
from bot.library.front_matter import findings, resolve

BODY = (
    "The ferry patrols were set up to share boats across the island forces. A pilot ran in two "
    "harbours, and on 3 March 2029 the board met to review it.\n\n"
    "Each patrol now reports to a harbour board of chief officers.\n\n"
)


def value(raw, field, hints=None, off=None):
    doc = clean(raw)
    chosen = resolve(findings(doc, raw, hints or Extracted(raw)), off=off or set())
    found = chosen.get(field)
    return (found.value, found.rule) if found else (None, None)


def make_form(path: Path) -> None:
    """A Word form laid out as impact assessment forms are: the title field in one cell, and in
    the next a table of its own holding the form's kind, its date and its stage."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "Title: Ferry patrol boats shared between island forces"
    left.add_paragraph("Lead department or agency: Harbour Office")
    right.text = ""
    box = right.add_table(rows=3, cols=1)
    fields = ("Ferry Assessment (FA)", "Date: 14 March 2031", "Stage: Final")
    for row, text in zip(box.rows, fields, strict=True):
        row.cells[0].text = text
    document.add_paragraph("What is the problem under consideration? Patrol boats sit idle.")
    document.save(path)


def test_a_table_nested_in_a_word_cell_is_read(tmp_path):
    make_form(tmp_path / "form.docx")
    text = formats.extract(tmp_path / "form.docx", (tmp_path / "form.docx").read_bytes()).text
    # the nested table's rows are kept, each a field apart, in the cell where they stand
    assert "Ferry Assessment (FA) | Date: 14 March 2031 | Stage: Final" in text
    assert text.index("Title: Ferry patrol") < text.index("Date: 14 March 2031")
    assert value(text, "date") == ("2031-03-14", "date-field")


FORM = (
    "Title: Sharing patrol boats between the island forces IA No: HX 0042 "
    "Lead department or Agency: Harbour Office | Impact Assessment (IA) | Date: 14 March 2031 "
    "| Stage: Final\n\n" + BODY
)


def test_a_form_title_is_prefixed_by_the_kind_of_form_it_prints():
    assert value(FORM, "title") == (
        "Impact Assessment: Sharing patrol boats between the island forces",
        "form-title",
    )
    # the kind may open the form, with its publisher after a comma
    other = "Impact Assessment, The Harbour Office\n\n" + FORM.replace(
        "| Impact Assessment (IA) ", ""
    )
    assert value(other, "title")[0].startswith("Impact Assessment: Sharing patrol boats")
    # a form that does not print its kind keeps its field as it is; the rule can be switched off
    bare = FORM.replace("| Impact Assessment (IA) ", "")
    assert value(bare, "title") == ("Sharing patrol boats between the island forces", "title-field")
    assert value(FORM, "title", off={"form-title"})[1] == "title-field"
    # a field that already says what the form is is not said twice
    said = FORM.replace("Title: Sharing", "Title: Impact Assessment of sharing")
    assert value(said, "title")[0] == (
        "Impact Assessment of sharing patrol boats between the island forces"
    )


def test_a_date_in_the_running_head_of_a_pdfs_pages_dates_it():
    raw = "Harbour Boats Review\n\nA short account of the year.\n\n" + BODY
    removed = [
        ("running header/footer", f"{n} Harbour Board Briefing, 9 October 2031") for n in (2, 3, 4)
    ]
    hints = Extracted(raw, removed=removed)
    assert value(raw, "date", hints) == ("2031-10-09", "running-line")
    # a page number or a running head with no date says nothing of the date
    plain = Extracted(raw, removed=[("running header/footer", "Harbour Board Briefing")] * 3)
    assert value(raw, "date", plain) == (None, None)
    # one page's date is not a running head
    once = Extracted(raw, removed=removed[:1])
    assert value(raw, "date", once) == (None, None)
    assert value(raw, "date", hints, off={"running-line"}) == (None, None)


def part(title: str, dated: str) -> str:
    return (
        f"Harbour Guidance Note: {title}\n\nIsland Forces Joint Boats Working Group{dated}\n\n"
        "Introduction\nCrews should log each crossing before the boat leaves the quay, and the "
        "log should be kept for a year.\n\n"
    )


def test_a_binder_of_notes_is_dated_by_the_date_its_parts_headers_print():
    binder = (
        part("Night crossings", "")
        + part("Fuel records", " May 2030")
        + part("Passenger counts", "")
        + part("Training crews", "\n\nMay 2030")  # a date on the line after the header
    )
    assert value(binder, "date") == ("2030-05", "running-line")
    # a date that closes one line only, whose words close no other line, is not a running head
    single = part("Night crossings", " May 2030") + BODY
    assert value(single, "date") == (None, None)
    # a dated line in running text (not at its end) is not a header
    prose = binder.replace(" May 2030", " May 2030 and was revised").replace("\n\nMay 2030", "")
    assert value(prose, "date") == (None, None)
