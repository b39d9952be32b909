"""A PDF's first page as printed lines with the height of their type, and the file's creation
date: what the title and date detectors (``bot.library.front_matter``) read from a PDF.

Called by ``bot.library.pdf.read_pages`` with the document open (under its PDFium lock)."""

from __future__ import annotations

import re

MAX_CHARS = 4000  # a cover or title page is short; a first page of dense text is read this far


def cover_lines(document) -> list[tuple[str, float]]:
    """(line, height) for the printed lines of the first page with text (of the first two),
    the height being the tallest loose character box of the line, in points."""
    for index in range(min(2, len(document))):
        try:
            page = document[index]
        except Exception:  # a damaged page: no cover
            return []
        textpage = page.get_textpage()
        try:
            count = min(textpage.count_chars(), MAX_CHARS)
            if count == 0:
                continue
            text = textpage.get_text_range(0, count)
            if len(text) != count:  # characters and text disagree: heights cannot be matched
                return [(line.strip(), 0.0) for line in text.splitlines() if line.strip()]
            return _lines(text, [_height(textpage, i) for i in range(count)])
        finally:
            textpage.close()
            page.close()
    return []


def _height(textpage, index: int) -> float:
    try:
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
    except Exception:
        return 0.0
    return round(top - bottom, 1)


def _lines(text: str, heights: list[float]) -> list[tuple[str, float]]:
    out, current, tallest = [], [], 0.0
    for ch, height in zip(text, heights, strict=False):
        if ch in "\r\n":
            line = "".join(current).strip()
            if line:
                out.append((line, tallest))
            current, tallest = [], 0.0
            continue
        current.append(ch)
        if not ch.isspace():
            tallest = max(tallest, height)
    line = "".join(current).strip()
    if line:
        out.append((line, tallest))
    return out


_PDF_DATE = re.compile(r"^D?:?(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)?")


def created(metadata: dict) -> str | None:
    """The ``CreationDate`` of a PDF's metadata as an ISO date ("D:20110914092618" ->
    "2011-09-14"), or None."""
    m = _PDF_DATE.match(str(metadata.get("CreationDate") or "").strip())
    if not m or not 1 <= int(m.group("m")) <= 12:
        return None
    return f"{m.group('y')}-{m.group('m')}" + (f"-{m.group('d')}" if m.group("d") else "")
