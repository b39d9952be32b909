"""Tables in a PDF page read as rows: one line per row, cells separated by " | ", header first.

PDFium's plain text runs a table's cells together ("Cannabis 2 µg/L"), so a question whose answer
is a row finds neither the row nor its header. Here a page's text rectangles (PDFium's runs of
characters on one line, ``count_rects``/``get_rect``) are grouped into printed lines, and each
line is cut into segments where a wide gap (more than about a character's height) separates
them (``bot.library.pdf_lines``). A run of lines whose segments fall into the same columns
(white space running down the page between them) is a table when it has at least
``MIN_COLUMNS`` columns and ``MIN_ROWS`` rows and none of the rules of
``pdf_table_rules.REJECT`` (data, each switchable) says it is something else: prose in columns,
a numbered list or footnotes, a contents page, a chart.

A table found is written the way the DOCX and HTML readers write theirs (one row a line, " | "
between cells, an empty cell kept empty so values stay under their header), in place of the
characters PDFium read from that part of the page; text around it is left as PDFium gave it.
``TABLES`` switches the whole reading off.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.library import pdf_table_rules
from bot.library.pdf_lines import Layout, _join, _Line, _Seg, page_lines
from bot.library.pdf_table_rules import caption_kind, rejection

TABLES = True  # read tables in PDFs as rows (False: PDFium's plain text, as before)
MIN_COLUMNS = 2
MIN_ROWS = 3  # the header row included
MAX_SKIP_LINES = 2  # lines of one segment (wrapped cells) allowed between two rows
MAX_ROW_PITCH = 3.5  # character heights between rows, at most; more is a new block


@dataclass
class Table:
    """A table found on a page: its rows (header first), its box, and the text it replaces."""

    rows: list[list[str]]
    box: tuple[float, float, float, float]  # left, bottom, right, top
    spans: list[tuple[int, int]]  # the (start, end) in the page's text of the lines it covers
    rejected: str | None = None  # the rule that said it is not a table (``candidates`` only)

    def text(self) -> str:
        return "\n".join(row_text(row) for row in self.rows)


def row_text(cells: list[str]) -> str:
    return " | ".join(cells).strip()


def find_tables(layout: Layout, pages: int = 0) -> list[Table]:
    """Tables on a page (``pages``: the document's page count, for contents pages)."""
    return [table for table in candidates(layout, pages) if table.rejected is None]


def candidates(layout: Layout, pages: int = 0) -> list[Table]:
    """Every block of aligned lines, each with the rule that rejected it (None: a table)."""
    tables = []
    for run in _runs(layout.lines):
        for block in _split_by_columns(run):
            table = _table(block, pages)
            if table is not None:
                if table.rejected is None and _under_figure_caption(block, layout):
                    table.rejected = "figure"
                if table.rejected is None:
                    _turned_header(table, block, layout)
                tables.append(table)
    return tables


def _under_figure_caption(block: list[_Line], layout: Layout) -> bool:
    """The nearest caption above the block on its page is a figure's (rule "figure")."""
    if "figure" not in pdf_table_rules.REJECT:
        return False
    top = block[0].top
    above = [
        line for line in layout.lines if line.bottom >= top and caption_kind(line.segs[0].text)
    ]
    if not above:
        return False
    nearest = min(above, key=lambda line: line.bottom)
    return caption_kind(nearest.segs[0].text) == "figure"


def _turned_header(table: Table, block: list[_Line], layout: Layout) -> None:
    """Column headings set on their side just above the table become its header row, with
    any heading beside them printed level (often the first column's)."""
    top, height = block[0].top, block[0].height
    left, right = table.box[0], table.box[2]
    heads = [
        t
        for t in layout.turned
        if top - height <= t.bottom <= top + 3 * height and left - height <= t.segs[0].x0 <= right
    ]
    if len(heads) < 2:
        return
    foot = min(t.bottom for t in heads)
    columns = _columns(block)
    level = [
        line
        for line in layout.lines
        if line.bottom >= top
        and abs(line.bottom - foot) <= 1.5 * height
        and len(line.segs) == 1
        and not _spans_columns(line.segs[0], columns)
        and left - height <= line.segs[0].x0 <= right
    ]
    header = [""] * len(columns)
    for piece in sorted(heads + level, key=lambda p: p.segs[0].x0):
        j = _column_of(piece.segs[0], columns)
        header[j] = _join(header[j], piece.segs[0].text)
    if sum(bool(c) for c in header) < 2:
        return
    table.rows.insert(0, header)
    table.spans = sorted(table.spans + [span for p in heads + level for span in p.spans])


def _runs(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of lines from one line of several segments to another, with at most
    MAX_SKIP_LINES lines of one segment between and no wide vertical gap."""
    runs: list[list[_Line]] = []
    current: list[_Line] = []
    pending: list[_Line] = []
    for line in lines:
        if line.edge:
            if current:
                runs.append(current)
            current, pending = [], []
            continue
        if current:
            last = (pending or current)[-1]
            pitch = last.bottom - line.top
            if pitch > MAX_ROW_PITCH * max(line.height, last.height):
                runs.append(current)
                current, pending = [], []
        if len(line.segs) >= MIN_COLUMNS:
            if current:
                current.extend(pending)
            current.append(line)
            pending = []
        elif current:
            pending.append(line)
            if len(pending) > MAX_SKIP_LINES:
                runs.append(current)
                current, pending = [], []
    if current:
        runs.append(current)
    return [run for run in runs if sum(len(line.segs) >= MIN_COLUMNS for line in run) >= 2]


def _columns(lines: list[_Line]) -> list[tuple[float, float]]:
    """Column spans: x ranges that the segments of the lines of several segments cover, split
    where white space runs down the block (crossed by at most one line in ten: a heading or a
    cell spilling over leaves the columns as they are)."""
    multi = [line for line in lines if len(line.segs) >= 2]
    events = sorted(
        [(s.x0, 1) for line in multi for s in line.segs]
        + [(s.x1 + 1, -1) for line in multi for s in line.segs],
        key=lambda e: (e[0], -e[1]),
    )
    allowed = len(multi) // 10
    spans: list[tuple[float, float]] = []
    count, start = 0, None
    for x, step in events:
        count += step
        if count > allowed and start is None:
            start = x
        elif count <= allowed and start is not None:
            spans.append((start, x - 1))
            start = None
    return spans


def _split_by_columns(run: list[_Line]) -> list[list[_Line]]:
    """A line of one segment crossing a gap between columns (a heading, a paragraph of
    prose) ends the block: what is above and below it are looked at apart."""
    columns = _columns(run)
    blocks, current = [], []
    for line in run:
        if len(line.segs) == 1 and _spans_columns(line.segs[0], columns):
            if current:
                blocks.append(current)
            current = []
            continue
        current.append(line)
    if current:
        blocks.append(current)
    # trailing lines of one segment are not rows of the table
    out = []
    for block in blocks:
        while block and len(block[-1].segs) < MIN_COLUMNS:
            block = block[:-1]
        if block:
            out.append(block)
    return out


def _spans_columns(seg: _Seg, columns: list[tuple[float, float]]) -> bool:
    touched = [c for c in columns if seg.x0 < c[1] and seg.x1 > c[0]]
    return len(touched) >= 2


def _table(block: list[_Line], pages: int) -> Table | None:
    starts = _row_starts(block)
    header = 1 if starts else _header_lines(block)
    # columns from the body: a heading is often wider than the values under it
    body = [line for line in block[header:] if len(line.segs) >= 2]
    columns = _columns(block[header:] if len(body) >= 2 else block)
    if len(columns) < MIN_COLUMNS:
        return None
    rows: list[list[str]] = []
    line_cells: list[list[str]] = []
    for i, line in enumerate(block):
        cells = [""] * len(columns)
        for seg in line.segs:
            j = _column_of(seg, columns)
            cells[j] = _join(cells[j], seg.text)
        line_cells.append(cells[:])
        if i < header:
            new = i == 0
        elif starts:
            new = starts[i]
        else:
            new = i == header or sum(bool(c) for c in cells) >= 2
        if new:
            rows.append(cells)
        else:  # a wrapped cell: its words join the row above
            for j, cell in enumerate(cells):
                if cell:
                    rows[-1][j] = _join(rows[-1][j], cell)
    if len(rows) < MIN_ROWS:
        return None
    box = (
        min(s.x0 for line in block for s in line.segs),
        min(line.bottom for line in block),
        max(s.x1 for line in block for s in line.segs),
        max(line.top for line in block),
    )
    spans = sorted(span for line in block for span in line.spans)
    return Table(rows, box, spans, rejection(rows, line_cells, pages))


ROW_SPACING = 1.25  # a line further below the one above than this times the closest pitch
ROW_LINES = 6  # rows told by their spacing hold this many printed lines on average, at most


HEADER_LINES = 4  # a header row set on several lines has at most this many


def _header_lines(block: list[_Line]) -> int:
    """How many printed lines the header row takes when rows are evenly spaced: the lines
    above a wider gap among the first few (1 when there is none)."""
    pitches = [block[i - 1].top - block[i].top for i in range(1, len(block))]
    if len(pitches) < 3:
        return 1
    usual = sorted(pitches)[len(pitches) // 2]
    for i, pitch in enumerate(pitches[:HEADER_LINES], start=1):
        if pitch > ROW_SPACING * usual:
            return i
    return 1


def _row_starts(block: list[_Line]) -> list[bool] | None:
    """Where rows start, read from the spacing: when rows are set further apart than the lines
    of a wrapped cell, each wider gap starts a row. None when the lines are evenly spaced."""
    pitches = [block[i - 1].top - block[i].top for i in range(1, len(block))]
    if len(pitches) < 2:
        return None
    usual = [p for p in pitches if p >= 0.8 * min(line.height for line in block)]
    if not usual:
        return None
    closest = min(usual)
    starts = [True] + [p > ROW_SPACING * closest for p in pitches]
    rows = sum(starts)
    if rows < 3 or len(block) > ROW_LINES * rows:
        return None  # evenly spaced, or a few wide gaps around lines that are rows themselves
    return starts


def _column_of(seg: _Seg, columns: list[tuple[float, float]]) -> int:
    middle = (seg.x0 + seg.x1) / 2
    for j, (x0, x1) in enumerate(columns):
        if x0 <= middle <= x1:
            return j
    return min(range(len(columns)), key=lambda j: abs((columns[j][0] + columns[j][1]) / 2 - middle))


def with_tables(textpage, text: str, pages: int = 0) -> tuple[str, list[str]]:
    """The page's text with each table found written as rows in place of the lines PDFium read
    from it, and the rows (to be kept one a paragraph). Unchanged when no table is found."""
    if not TABLES or len(text) != textpage.count_chars():
        return text, []
    tables = find_tables(page_lines(textpage, text), pages)
    if not tables:
        return text, []
    cuts: list[tuple[int, int, str]] = []  # (start, end, replacement), in text order
    for table in tables:
        first = True
        for start, end in table.spans:
            cuts.append((start, end, table.text() if first else ""))
            first = False
    cuts.sort()
    out, cursor = [], 0
    for start, end, replacement in cuts:
        if start < cursor:  # two tables claiming one line: leave the page as PDFium read it
            return text, []
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    rows = [line for table in tables for line in table.text().split("\n")]
    return "".join(out), rows
