"""The recommendation tracker as a spreadsheet: one row per recommendation, as CSV or XLSX.

Columns (``COLUMNS``): the document (title, id, date), the recommendation (id, exact wording,
summary), addressees, the deadline as written and the due date, whether it is overdue, the current
status with its note and who set it when, the source passage and a link to the document, and the
responses that answer it (stance, answer, response document, its date, its own target date).

Cells hold text from documents and from people, so neither format lets a cell become a formula:
CSV cells that a spreadsheet would read as one (starting ``=``, ``+``, ``-``, ``@``) get a leading
apostrophe, and XLSX cells are written as strings whatever they start with. XLSX comes from
openpyxl; characters XML cannot hold are dropped and cells cut to Excel's 32,767 characters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

COLUMNS = (
    "Document",
    "Document ID",
    "Document date",
    "Recommendation ID",
    "Recommendation",
    "Summary",
    "Addressees",
    "Deadline (as written)",
    "Due date",
    "Overdue",
    "Status",
    "Note",
    "Set by",
    "Set by (Slack user id)",
    "Set at",
    "Source passage",
    "Link",
    "Response stance",
    "Response answer",
    "Response document",
    "Response date",
    "Response target date",
)
_WIDTHS = {"Document": 40, "Recommendation": 80, "Summary": 50, "Addressees": 30, "Note": 40}
_WIDTHS.update({"Response answer": 60, "Response document": 40})
_WRAPPED = {"Document", "Recommendation", "Summary", "Addressees", "Note", "Response answer"}
MAX_CELL = 32767  # Excel's limit on one cell
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def rows(recs: list) -> list[list]:
    """One list per recommendation, in ``COLUMNS`` order; the due date as a ``date``, empty
    cells as ``None``."""
    out = []
    for rec in recs:
        out.append(
            [
                rec.doc_title,
                rec.doc_id,
                rec.doc_date,
                rec.id,
                " ".join(rec.text.split()),
                rec.summary,
                "; ".join(rec.addressees) or None,
                rec.deadline_text,
                rec.due,
                "yes" if rec.overdue else "no",
                rec.status,
                rec.status_note,
                rec.status_by,
                rec.status_by_id,
                rec.status_at,
                rec.passage_id,
                rec.doc_url,
                *_responses(rec),
            ]
        )
    return out


def _responses(rec) -> list:
    """Stance, answer, document, date and own target date of the responses that answer ``rec``
    (several joined with "; ", answers with a blank line); the item's note when the response
    stands alone."""
    answers = getattr(rec, "responses", None) or []
    if not answers:
        return [None, None, None, None, None]

    def joined(values: list, sep: str = "; "):
        return sep.join(v for v in values if v) or None

    documents = [a.get("doc_title") or a.get("file") for a in answers]
    if getattr(rec, "note", None):
        documents = [f"{d} ({rec.note})" for d in documents]
    return [
        joined([a.get("stance") or "no stance stated" for a in answers]),
        joined([a.get("answer") for a in answers], "\n\n"),
        joined(documents),
        joined([a.get("date") for a in answers]),
        joined([a.get("due") for a in answers]),
    ]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(recs: list) -> str:
    """The tracker as CSV text (a header row, then one row per recommendation)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows(recs):
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def to_xlsx(recs: list, about: dict[str, str] | None = None) -> bytes:
    """The tracker as an XLSX workbook: a "Recommendations" sheet (bold header, frozen, with
    filters; due dates as dates; links clickable) and, with ``about``, a sheet of key/value lines
    saying what the export holds (filter, when)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    link_column = COLUMNS.index("Link") + 1
    due_column = COLUMNS.index("Due date") + 1
    for r, row in enumerate(rows(recs), start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                continue
            if value is None:
                continue
            text = _ILLEGAL_XML.sub("", str(value))[:MAX_CELL]
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if c == link_column and re.match(r"https?://", text):
                cell.hyperlink = text
                cell.style = "Hyperlink"
            if COLUMNS[c - 1] in _WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for c, name in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(name, 16)
    sheet.column_dimensions[get_column_letter(due_column)].width = 12
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(recs) + 1)}"
    if about:
        info = book.create_sheet("About")
        for key, value in about.items():
            info.append([key, _ILLEGAL_XML.sub("", str(value))[:MAX_CELL]])
            info.cell(row=info.max_row, column=2).data_type = "s"
        info.column_dimensions["A"].width = 20
        info.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_name(extension: str, today: dt.date | None = None) -> str:
    """``rocu-recommendations-YYYY-MM-DD.<extension>``."""
    return f"rocu-recommendations-{(today or dt.date.today()).isoformat()}.{extension}"
