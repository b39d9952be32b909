"""Where each page of a PDF starts in its stored text, and what a quote from it cites.

A PDF is read page by page (``bot.library.pdf``); its pages are then joined, unwrapped and
cleaned, so the stored text no longer shows where a page began. At ingest each page's first
words are found again in the cleaned text, in order (letters and digits only, so the joins and
the cleaning's changes of spacing and emphasis do not matter), and the store keeps the offset
(``document_pages``: document, page number from 1, start, printed label).

``cite`` says where a quote lies: the page (its printed label where the PDF has one: "p. iv",
"p. 12"; the physical page number otherwise), "pp. 12–13" for a quote that runs over a page
break, and the paragraph number where the document numbers its paragraphs ("para 3.4").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import sqlite_utils

KEY_CHARS = 48  # letters and digits of a page's opening looked for in the text
MIN_KEY = 12  # fewer than this is too little to find a page by
LINES_TRIED = 6  # a page whose first line the cleaning removed is found by a later line


def _normalised(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased with only its letters and digits, and the offset of each in it."""
    chars, where = [], []
    for i, ch in enumerate(text):
        if ch.isalnum():
            chars.append(ch.lower())
            where.append(i)
    return "".join(chars), where


def page_starts(text: str, pages: list[str]) -> list[int | None]:
    """For each page (its text as the reader kept it), the offset in ``text`` (the cleaned text
    of the whole document) where it starts, or None when it could not be found (an empty page,
    or one whose every line the cleaning removed).

    Pages are found in order, each near where the pages before it end (within a window of their
    length), so a line repeated on many pages (a table's heading row, a contents entry) is not
    taken for a later page's start; a long opening is tried before a short one."""
    flat, where = _normalised(text)
    starts: list[int | None] = []
    position = 0  # pages are in order: each is looked for after the one before
    since = 0  # letters and digits of the pages since the last one found
    for page in pages:
        normal = _normalised(page)[0]
        window = position + 2 * since + len(normal) + WINDOW_SLACK
        found = _find_page(flat, page, position, window)
        if found is None:
            starts.append(None)
            since += len(normal)
            continue
        starts.append(where[found])
        position, since = found + 1, len(normal)
    return starts


WINDOW_SLACK = 4000  # letters and digits a page may start beyond where the pages before end


def _find_page(flat: str, page: str, position: int, window: int) -> int | None:
    lines = [line for line in page.split("\n") if line.strip()]
    for j in range(min(LINES_TRIED, len(lines))):
        opening = _normalised(" ".join(lines[j:]))[0]
        for size in (LONG_KEY, KEY_CHARS):
            key = opening[:size]
            if len(key) < MIN_KEY or (size == LONG_KEY and len(opening) < LONG_KEY):
                continue
            at = flat.find(key, position, window + len(key))
            if at != -1:
                return at
    return None


LONG_KEY = 200  # a long opening first: a short one may be a line repeated on many pages


def store_pages(
    db: sqlite_utils.Database,
    doc_id: str,
    text: str,
    pages: list[str] | None,
    labels: list[str | None] | None,
) -> None:
    """Keep where each page of ``doc_id`` starts (inside the ingest's transaction)."""
    db["document_pages"].delete_where("doc_id = ?", [doc_id])
    if not pages:
        return
    starts = page_starts(text, pages)
    labels = labels or []
    db["document_pages"].insert_all(
        {
            "doc_id": doc_id,
            "page": number,
            "start": start,
            "label": labels[number - 1] if number - 1 < len(labels) else None,
        }
        for number, start in enumerate(starts, start=1)
        if start is not None
    )


@dataclass
class Citation:
    page: int | None = None  # the physical page (1-based), for "#page=N" links
    page_end: int | None = None  # the last page, when the quote runs over a page break
    label: str | None = None  # what the page is printed as ("iv", "12"), where the PDF says
    label_end: str | None = None
    paragraph: str | None = None  # "3.4", where the document numbers its paragraphs

    def text(self) -> str:
        """ "p. 12", "pp. 12–13", "para 3.4", "p. 12, para 3.4", or "" when nothing is known."""
        parts = []
        if self.page is not None:
            first = self.label or str(self.page)
            last = (self.label_end or str(self.page_end)) if self.page_end else None
            parts.append(f"pp. {first}–{last}" if last and last != first else f"p. {first}")
        if self.paragraph:
            parts.append(f"para {self.paragraph}")
        return ", ".join(parts)


# A numbered paragraph: "12.", "3.4", "3.4.1", "(12)" at the start of a passage, then a capital.
_PARAGRAPH = re.compile(r"\s*(?:\((\d{1,3})\)|(\d{1,3}(?:\.\d{1,3}){0,2})\.?)\s+[A-Z“‘\"(]")


# A day and month opening a passage ("22 March 2017", the first line of a press summary or a
# hearing transcript) was cited "para 22" (round-13 walk). True: a number followed by a month's
# name is a date, no paragraph. False: as before.
DATE_NOT_PARAGRAPH = True
_MONTH_AFTER = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:\s+(?:19|20)\d\d\b|,|\s*$)"
)


def paragraph_number(passage_text: str, at: int = 0) -> str | None:
    """The number of the numbered paragraph ("3.4 The Board...") holding offset ``at`` of a
    passage: the last paragraph starting at or before it, when that one is numbered."""
    text = passage_text or ""
    start = text.rfind("\n", 0, max(0, at) + 1) + 1 if at else 0
    match = _PARAGRAPH.match(text, start)
    if not match:
        return None
    number = match.group(1) or match.group(2)
    if "." not in number and int(number) > 400:  # a year or a figure, not a paragraph
        return None
    day = match.group(2)
    if DATE_NOT_PARAGRAPH and day and day.isdigit() and int(day) <= 31:
        if not text[match.start(2) + len(day)].startswith(".") and _MONTH_AFTER.match(
            text, match.end() - 1
        ):
            return None  # "22 March 2017": a date line, not paragraph 22
    return number


def paragraph_starts(passage_text: str, number: str) -> list[int]:
    """Where paragraph ``number`` starts in a passage (offsets of the lines it opens, read as
    ``paragraph_number`` reads them): a search's ``para`` filter."""
    text = passage_text or ""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return [at for at in starts if at < len(text) and paragraph_number(text, at) == number]


def _pages(db: sqlite_utils.Database, doc_id: str) -> list[tuple[int, int, str | None]]:
    if "document_pages" not in db.table_names():
        return []
    return [
        tuple(row)
        for row in db.execute(
            'select start, page, label from document_pages where doc_id = ? order by "start"',
            [doc_id],
        )
    ]


def cite(
    db: sqlite_utils.Database,
    doc_id: str,
    ordinal: int,
    start: int = 0,
    end: int | None = None,
    pages: list | None = None,
    focus: int | None = None,
) -> Citation:
    """Where the quote ``[start, end)`` of passage ``ordinal`` of ``doc_id`` lies: its page(s)
    and paragraph number (of the paragraph holding ``focus``, the first matched word, else the
    quote's start). ``pages`` may hold the document's page starts already read."""
    row = db.execute(
        'select "start", "end", text from passages where doc_id = ? and ordinal = ?',
        [doc_id, ordinal],
    ).fetchone()
    if row is None:
        return Citation()
    base, passage_end, text = row
    citation = Citation(paragraph=paragraph_number(text, start if focus is None else focus))
    pages = _pages(db, doc_id) if pages is None else pages
    if not pages:
        return citation
    first = base + max(0, start)
    last = base + (end if end else passage_end - base) - 1
    starts = [p[0] for p in pages]
    a = max(0, bisect.bisect_right(starts, first) - 1)
    b = max(a, bisect.bisect_right(starts, max(first, last)) - 1)
    citation.page, citation.label = pages[a][1], pages[a][2]
    if b != a:
        citation.page_end, citation.label_end = pages[b][1], pages[b][2]
    return citation


def cite_span(db: sqlite_utils.Database, doc_id: str, start: int, end: int) -> Citation:
    """Where ``[start, end)`` of a document's stored text lies (a recommendation's wording)."""
    row = db.execute(
        'select ordinal, "start" from passages where doc_id = ? and "start" <= ? '
        'order by "start" desc limit 1',
        [doc_id, start],
    ).fetchone()
    if row is None:
        return Citation()
    ordinal, base = row
    return cite(db, doc_id, ordinal, start - base, max(end - base, start - base + 1))


def page_url(url: str | None, page: int | None) -> str | None:
    """``url`` opened at ``page`` (``#page=N``, which PDF viewers follow), when both are known
    and the URL has no fragment of its own."""
    if not url:
        return None
    if page is None or "#" in url:
        return url
    return f"{url}#page={page}"
