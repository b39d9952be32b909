"""What a block of aligned lines in a PDF is when it is not a table (``bot.library.pdf_tables``).

Each rule is a name in ``REJECT`` and a function over the block's rows (header first), the cells
of each printed line before wrapped cells were joined, and the document's page count. Remove a
name from ``REJECT`` to switch its rule off; the first rule that holds names the block.
"""

from __future__ import annotations

import re

# Each rule names what a run of aligned lines is when it is not a table; remove a name to
# switch that rule off.
REJECT = {
    "sparse column",  # a column with fewer than two cells: text beside a block, not a column
    "thin",  # only the minimum of rows, the first with an empty cell: too little to be a table
    "half empty",  # fewer than MIN_FILLED of the cells hold anything: a diagram, a timeline
    "scattered letters",  # words broken into letters: the labels of a drawn figure
    "no words",  # cells of punctuation alone
    "no row labels",  # most rows without a first cell: boxes of a chart, not rows
    "drawing",  # rows often without a first cell and many cells empty: a chart's boxes
    "list in columns",  # short names of one kind in every column (a list of members)
    "prose columns",  # two or more columns of running text: a page set in columns
    "list or footnotes",  # the first column is only numbers or bullets: a list, footnotes
    "contents",  # leader dots, or a last column of page numbers going up
    "figure",  # the nearest caption above it on the page is a figure's ("Figure 3: ..."): a chart
    # Kept as PDFium's text for now: bot.recs.extract.tables reads a recommendations table with
    # response codes (F, P, F/P, ticks) as the text runs PDFium gives; switch this off when it
    # reads " | " rows.
    "code matrix",  # every column but the first holds only short codes
}
MIN_FILLED = 0.5
ROWS_UNLABELLED = 0.4  # "no row labels": more than this share of rows without a first cell
DRAWING = (0.2, 0.7)  # "drawing": at least this share of rows unlabelled, less than this filled

PROSE_CELL = 30  # a column whose typical printed line is this long (characters) is running text
_LABEL = re.compile(
    r"^(?:[(\[]?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[ivxlc]{1,6}|[a-zA-Z])[.):\]]?|[•\-–—*▪·●◦o])$",
    re.IGNORECASE,
)
_PAGE_LABEL = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,7})$", re.IGNORECASE)
_BROKEN = re.compile(r"(?:^|\s)(?![aAI] )[^\W\d_] [a-z]|(?:^|\s)[^\W\d_] [^\W\d_](?:\s|$)")
_LEADER = re.compile(r"(?:\.\s*){4,}|…{2,}|(?:_\s*){4,}")
_INTEGER = re.compile(r"^\d{1,4}$")
_CODE = re.compile(r"^(?:[A-Z](?:/[A-Z])?|N/A|[✓✔✗✘×\-–—])$")


def rejection(rows: list[list[str]], lines: list[list[str]], pages: int) -> str | None:
    """The first rule of ``REJECT`` that says these rows are not a table, or None. ``lines``: the
    cells of each printed line before wrapped cells were joined into rows."""
    for name, rule in _RULES:
        if name in REJECT and rule(rows, lines, pages):
            return name
    return None


def _sparse_column(rows, lines, pages) -> bool:
    return any(sum(bool(row[j]) for row in rows) < 2 for j in range(len(rows[0])))


def _thin(rows, lines, pages) -> bool:
    return len(rows) <= 3 and not all(rows[0])


def _half_empty(rows, lines, pages) -> bool:
    return sum(bool(c) for row in rows for c in row) < MIN_FILLED * len(rows) * len(rows[0])


def _no_row_labels(rows, lines, pages) -> bool:
    """Rows are known by their first cell; a block whose rows mostly have none is a drawing."""
    return sum(not row[0] for row in rows[1:]) > ROWS_UNLABELLED * (len(rows) - 1)


def _drawing(rows, lines, pages) -> bool:
    unlabelled = sum(not row[0] for row in rows[1:]) / (len(rows) - 1)
    filled = sum(bool(c) for row in rows for c in row) / (len(rows) * len(rows[0]))
    return unlabelled >= DRAWING[0] and filled < DRAWING[1]


def _list_in_columns(rows, lines, pages) -> bool:
    """Every column holds short entries of one kind (no figures, none repeated, of about the
    same length): one list set in columns, such as a committee's members, not rows."""
    body = rows[1:]
    columns = [[row[j] for row in body if row[j]] for j in range(len(rows[0]))]
    if any(not cells for cells in columns) or len(columns) > 4:
        return False
    cells = [c for column in columns for c in column]
    if any(re.search(r"\d", c) or len(c) > 40 for c in cells) or len(set(cells)) < len(cells):
        return False
    means = [sum(map(len, column)) / len(column) for column in columns]
    return max(means) < 1.6 * min(means)


def _list_or_footnotes(rows, lines, pages) -> bool:
    firsts = [row[0] for row in rows[1:] if row[0]]
    return all(all(_LABEL.match(w) or _is_mark(w) for w in c.split()) for c in firsts)


def _is_mark(word: str) -> bool:
    return len(word) == 1 and not word.isalnum()


def _scattered_letters(rows, lines, pages) -> bool:
    cells = [c for row in rows for c in row if c]
    return sum(bool(_BROKEN.search(c)) for c in cells) > 0.2 * len(cells)


def _no_words(rows, lines, pages) -> bool:
    cells = [c for row in rows for c in row if c]
    return sum(not re.search(r"\w", c) for c in cells) > 0.2 * len(cells)


def _prose_columns(rows, lines, pages) -> bool:
    """Two or more columns whose printed lines are mostly long: running text set in columns."""
    columns = range(len(lines[0]))
    long = [_median(len(line[j]) for line in lines if line[j]) >= PROSE_CELL for j in columns]
    return sum(long) >= 2


def _contents(rows, lines, pages) -> bool:
    text = " ".join(c for row in rows for c in row)
    if len(_LEADER.findall(text)) >= 2:
        return True
    last = [row[-1] for row in rows if row[-1]]
    words = [word for cell in last for word in cell.split()]
    numbers = [int(w) for w in words if _INTEGER.match(w)]
    labels = [w for w in words if _PAGE_LABEL.match(w)]
    return (
        len(labels) >= 0.7 * len(words)
        and len(numbers) >= 2
        and numbers == sorted(numbers)
        and (not pages or max(numbers) <= pages)
    )


_CAPTION = re.compile(r"^(?P<kind>Figure|Fig\.|Chart|Diagram|Graph|Map|Table)\s*\d", re.IGNORECASE)


def caption_kind(line: str) -> str | None:
    """ "figure" or "table" for a caption line ("Figure 9: ...", "Table 2 - ..."), else None."""
    match = _CAPTION.match(line)
    if not match:
        return None
    return "table" if match.group("kind").lower() == "table" else "figure"


def _code_matrix(rows, lines, pages) -> bool:
    """Every column but the first holds only codes (at least one each): a grid of answers."""
    others = [[row[j] for row in rows[1:] if row[j]] for j in range(1, len(rows[0]))]
    return all(cells and all(_CODE.match(c) for c in cells) for cells in others)


_RULES = [
    ("sparse column", _sparse_column),
    ("thin", _thin),
    ("half empty", _half_empty),
    ("no row labels", _no_row_labels),
    ("drawing", _drawing),
    ("list in columns", _list_in_columns),
    ("list or footnotes", _list_or_footnotes),
    ("scattered letters", _scattered_letters),
    ("no words", _no_words),
    ("prose columns", _prose_columns),
    ("contents", _contents),
    ("code matrix", _code_matrix),
]


def _median(values) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0
