"""Cut a cleaned document into passages: the paragraph-sized units a person would quote.

Short fragments (bullets, one-line replies) join the unit after them; headings stand alone (a
heading is never merged into the passage under it); very long paragraphs split at sentence
boundaries. A table (rows of " | " cells, one a line, as the readers write DOCX, HTML and markdown
tables) is one passage with its header row, so that "cannabis limit" finds the row "Cannabis |
2 µg/L" under "Drug | Limit": split only between rows, past MAX_CHARS. Every passage keeps exact
offsets, so ``text[start:end]`` is its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.library.cleaning import CleanDocument
from bot.library.text import sentence_spans

MIN_CHARS = 100  # shorter units merge with their neighbour
MAX_CHARS = 1200  # longer units split at sentence boundaries
TARGET_CHARS = 700  # the size split pieces aim for

_TABLE_ROW = re.compile(r"\S \| \S")  # a line of cells, as the readers write a table row
_BULLET_LINE = re.compile(r"\n(?=(?:[-*•–·▪]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s)")


@dataclass(frozen=True)
class Passage:
    ordinal: int
    start: int
    end: int
    speaker: str | None

    def text_in(self, document_text: str) -> str:
        return document_text[self.start : self.end]


@dataclass
class _Unit:
    start: int
    end: int
    speaker: str | None
    heading: bool


def split_passages(doc: CleanDocument) -> list[Passage]:
    units = _split_long(doc.text, _merge_fragments(_tables(doc.text, _units(doc))))
    return [Passage(i, u.start, u.end, u.speaker) for i, u in enumerate(units)]


def _units(doc: CleanDocument) -> list[_Unit]:
    """Paragraphs, with each bullet of a list as its own unit."""
    units = []
    for para in doc.paragraphs:
        cursor = para.start
        body = doc.text[para.start : para.end]
        for match in _BULLET_LINE.finditer(body):
            units.append(_Unit(cursor, para.start + match.start(), para.speaker, para.heading))
            cursor = para.start + match.end()
        units.append(_Unit(cursor, para.end, para.speaker, para.heading))
    return [u for u in units if u.end > u.start]


def _is_table(text: str, unit: _Unit) -> bool:
    lines = [line for line in text[unit.start : unit.end].split("\n") if line.strip()]
    return bool(lines) and all(_TABLE_ROW.search(line) for line in lines)


def _tables(text: str, units: list[_Unit]) -> list[_Unit]:
    """Consecutive units that are all table rows (of one speaker) become one unit, the header
    row with the rows under it, cut between rows into pieces of at most MAX_CHARS."""
    out: list[_Unit] = []
    run: list[tuple[int, int]] = []  # the rows of the table being read: (start, end) each
    speaker = None

    def flush() -> None:
        start = run[0][0]
        for i, (row_start, row_end) in enumerate(run):
            if row_end - start > MAX_CHARS and row_start > start:
                out.append(_Unit(start, run[i - 1][1], speaker, False))
                start = row_start
        out.append(_Unit(start, run[-1][1], speaker, False))
        run.clear()

    for unit in units:
        if _is_table(text, unit) and (not run or unit.speaker == speaker):
            speaker = unit.speaker
            rows, cursor = [], unit.start
            for line in text[unit.start : unit.end].split("\n"):
                if line.strip():
                    rows.append((cursor, cursor + len(line)))
                cursor += len(line) + 1
            run.extend(rows)
            continue
        if run:
            flush()
        out.append(unit)
    if run:
        flush()
    return out


def _merge_fragments(units: list[_Unit]) -> list[_Unit]:
    """Short fragments join a neighbour of the same speaker. Headings are passages of their own
    (consecutive headings together): a heading never runs into the text under it."""
    merged: list[_Unit] = []
    pending: _Unit | None = None
    for unit in units:
        if pending is not None:
            if pending.heading and unit.heading:
                pending = _Unit(pending.start, unit.end, None, True)
                continue
            if pending.heading or unit.heading or pending.speaker != unit.speaker:
                _flush(merged, pending)
            else:
                unit = _Unit(pending.start, unit.end, unit.speaker, False)
            pending = None
        if unit.heading or unit.end - unit.start < MIN_CHARS:
            pending = unit
        else:
            merged.append(unit)
    if pending is not None:
        _flush(merged, pending)
    return merged


def _flush(merged: list[_Unit], pending: _Unit) -> None:
    """A fragment with nothing after it to join: it joins the unit before it when that is text of
    the same speaker, else it stands alone."""
    last = merged[-1] if merged else None
    if (
        last is not None
        and not pending.heading
        and not last.heading
        and last.speaker == pending.speaker
    ):
        merged[-1] = _Unit(last.start, pending.end, last.speaker, False)
    else:
        merged.append(pending)


def _split_long(text: str, units: list[_Unit]) -> list[_Unit]:
    out = []
    for unit in units:
        if unit.end - unit.start <= MAX_CHARS:
            out.append(unit)
            continue
        chunk_start = unit.start
        last_end = unit.start
        for s_start, s_end in sentence_spans(text, unit.start, unit.end):
            if s_end - chunk_start > TARGET_CHARS and last_end > chunk_start:
                out.append(_Unit(chunk_start, last_end, unit.speaker, False))
                chunk_start = s_start
            last_end = s_end
        out.append(_Unit(chunk_start, unit.end, unit.speaker, False))
    return [piece for unit in out for piece in _split_at_words(text, unit)]


def _split_at_words(text: str, unit: _Unit) -> list[_Unit]:
    """A unit still too long (one endless sentence, a table dump) is cut at spaces, so no passage
    is ever much longer than MAX_CHARS."""
    pieces = []
    start = unit.start
    while unit.end - start > MAX_CHARS:
        cut = text.rfind(" ", start + MIN_CHARS, start + TARGET_CHARS)
        if cut < 0:
            cut = start + TARGET_CHARS  # no space at all: cut anyway
        pieces.append(_Unit(start, cut, unit.speaker, False))
        start = cut
        while start < unit.end and text[start].isspace():
            start += 1
    pieces.append(_Unit(start, unit.end, unit.speaker, unit.heading))
    return pieces
