"""A passage's context: what a reader has in view when reading it, kept apart from its text.

A long table is cut between rows (``bot.library.passages``) and only its first piece holds the
header row: the rows of a later piece are figures under no column names. Such a piece's context
is its table's column names ("District | Reports | Solved"), so that a search for a column name
and a row label finds the row. The context is indexed for search beside the passage's text
(``passages.context``, a second column of ``passages_fts``) and never quoted as the document's
words: an excerpt is cut from ``passages.text`` only.

Every piece of a table of figures also carries its document's title (``passages.context_title``),
indexed the same way: a row of figures says nothing of what it counts. Which kinds of context
are built is data (``KINDS``). The table test is the one the excerpts use
to keep a header row from being marked as the answer (``header_end``): the first line of a table
of figures, where some column past the first has a word in the first line and a figure in
FIGURES_SHARE of the filled cells under it.
"""

from __future__ import annotations

import re

# The kinds of context built at ingest. "columns": a later piece of a table of figures carries
# its table's header row (``passages.context``, also shown beside its quote). "title": every
# piece of a table of figures (a first piece with its header row, a later one with its table's)
# carries its document's title (``passages.context_title``): a table's rows hold figures and
# names, not the words of the topic they are about, which a paragraph's own sentences name.
# False: that kind is not built (its column stays empty).
KINDS = {"columns": True, "title": True}
FIGURES_SHARE = 0.75  # a column of figures: this share of its filled cells are figures
FIGURE_WORDS = 4  # a figure: a cell with a digit, of at most this many words
CELLS = " | "  # how the readers write a table row's cells
LOOK_BACK = 40  # pieces of one table looked back over for its header, at most

_TABLE_ROW = re.compile(r"\S \| \S")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"[-+]?[£$€]?\d[\d,.]*\s?%?|n/?a|-", re.IGNORECASE)  # a cell of a bare figure


_WORD = re.compile(r"[^\W_]+")


def text_holds(text: str, phrase: str) -> bool:
    """True when ``text`` holds ``phrase``'s words one after another (case ignored): the check
    that a full-text match of a passage with a context was in its own words, not only in its
    context (the index reads both). Stricter than the index (no stemming): a passage with a
    context is counted only when its text holds the phrase as written."""
    words = _WORD.findall(phrase.casefold())
    tokens = _WORD.findall(text.casefold())
    n = len(words)
    return bool(n) and any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))


def matched_in_text(text: str, context: str | None, title: str | None, phrases: list[str]) -> bool:
    """Whether a passage the full-text index matched for one of ``phrases`` holds it in its own
    words: always for a passage without a context, else by ``text_holds``."""
    return not (context or title) or any(text_holds(text, phrase) for phrase in phrases)


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def header_end(passage: str) -> int | None:
    """Where the header row of a table of figures ends: ``passage`` is a table (its first line
    and others rows of cells) and some column past the first holds a word in the first line and
    a figure (``_figure``) in FIGURES_SHARE of the filled cells under it ("Drug | Limit" over
    "Cannabis | 2 µg/L"). None for anything else, a list of terms and meanings or of labels and
    values included (there the first line is a row like the others)."""
    lines = _lines(passage)
    if len(lines) < 2 or not _TABLE_ROW.search(passage, *lines[0]):
        return None
    cells = [passage[s:e].split(CELLS) for s, e in lines]
    head, rows = cells[0], [row for row in cells[1:] if len(row) == len(cells[0])]
    if not rows or _row_of_figures(head):
        return None
    for j in range(1, len(head)):
        filled = [row[j] for row in rows if row[j].strip()]
        figures = sum(_figure(cell) for cell in filled)
        if head[j].strip() and not _DIGIT.search(head[j]) and len(filled) >= 2:
            if figures >= FIGURES_SHARE * len(filled):
                return lines[0][1]
    return None


def _row_of_figures(cells: list[str]) -> bool:
    """A row whose cells past the first are mostly bare numbers ("4 | 0 | n/a | -20.0%"): a row
    of a table cut from its header, never a header row itself, even where a cell reads "n/a"."""
    filled = [cell.strip() for cell in cells[1:] if cell.strip()]
    return bool(filled) and sum(bool(_NUMBER.fullmatch(c)) for c in filled) >= len(filled) / 2


def _figures(piece: str) -> bool:
    """Most rows of ``piece`` are rows of figures (``_row_of_figures``): a footer that happens to
    have as many cells ("Refresh date: ... | Page 2") is not a piece of the table."""
    rows = [line.split(CELLS) for line in piece.split("\n") if line.strip()]
    return sum(_row_of_figures(row) for row in rows) * 2 > len(rows)


def _figure(cell: str) -> bool:
    """A cell that is a figure: a number with at most a unit or a few words ("2 µg/L", "32.0%",
    "7 September"), not a description that mentions a year."""
    return bool(_DIGIT.search(cell)) and len(cell.split()) <= FIGURE_WORDS


def table_columns(passage: str) -> str | None:
    """The header row of ``passage`` when it is a table of figures (``header_end``), else None."""
    end = header_end(passage)
    return passage[:end].strip() if end is not None else None


def table_cells(text: str) -> int | None:
    """The number of cells a row has when every line of ``text`` is a row of as many, else None."""
    lines = [line for line in text.split("\n") if line.strip()]
    counts = {line.count(CELLS) + 1 for line in lines}
    return counts.pop() if lines and len(counts) == 1 and next(iter(counts)) > 1 else None


def contexts(texts: list[str]) -> list[str | None]:
    """The context of each of a document's passages (``texts``, in order): for a later piece of
    a table of figures (most of its rows rows of figures), the header row of the table's first
    piece (the pieces between all rows of as many cells); None for every other passage, and for
    all when no kind is switched on."""
    out: list[str | None] = [None] * len(texts)
    if not KINDS.get("columns"):
        return out
    cells = [table_cells(text) if CELLS in text else None for text in texts]
    for i, count in enumerate(cells):
        if count is None or table_columns(texts[i]) is not None or not _figures(texts[i]):
            continue
        for j in range(i - 1, max(-1, i - 1 - LOOK_BACK), -1):
            if cells[j] != count:
                break
            if (header := table_columns(texts[j])) is not None:
                out[i] = header
                break
    return out


def titles(texts: list[str], contexts_: list[str | None], title: str | None) -> list[str | None]:
    """The title context of each of a document's passages (``texts``, with their ``contexts``):
    ``title`` for a piece of a table of figures (its own header row, or a table context), None
    for every other passage, and for all when the kind is off or the document has no title."""
    title = (title or "").strip()
    if not KINDS.get("title") or not title:
        return [None] * len(texts)
    return [
        title
        if CELLS in text
        and table_cells(text) is not None
        and (context is not None or table_columns(text) is not None)
        else None
        for text, context in zip(texts, contexts_, strict=True)
    ]
