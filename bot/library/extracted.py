"""What every reader returns (``Extracted``) or raises (``UnreadableFile``), and the title check
PDF and Word files share (their own title counts when it is printed on their first pages)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class UnreadableFile(Exception):
    """A file that is of a supported kind but whose content cannot be used (the reason says why)."""


@dataclass
class Extracted:
    """A file's text plus what the file itself says about it (guesses: the catalogue wins), and
    what the reader left out on purpose (``removed``: (step, line) pairs, for measuring)."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)
    read_by: str | None = None  # a PDF: "pdfium", or "ocr" for page images read by OCR
    marking: str | None = None  # the handling marking printed on it (bot.library.markings)
    # A PDF's pages: each page's text as kept (running lines off), and its printed page label
    # where the PDF has one ("iv", "12"); the store keeps where each page starts (citations).
    pages: list[str] | None = None
    page_labels: list[str | None] | None = None
    # for the title and date detectors (bot.library.front_matter): a PDF's first page as
    # (line, type height) pairs, and the file's own creation date (ISO), a weak hint
    cover: list[tuple[str, float]] = field(default_factory=list)
    created: str | None = None


def clean_meta(value) -> str | None:
    value = re.sub(r"\s+", " ", str(value)).strip() if value else ""
    return value or None


def line_key(line: str, case: bool = False) -> str:
    """A line with its numbers taken out: "12 BEHAVIOUR CHANGE" and "BEHAVIOUR CHANGE 13" agree.
    ``case``: keep letter case (a running head is printed the same way on every page, so the
    cover's "Behaviour Change" is not the running "BEHAVIOUR CHANGE")."""
    return " ".join(re.findall(r"[^\W\d_]+", line if case else line.lower()))


def plausible_title(title: str | None, first_pages: list[list[str]], removed) -> bool:
    """A file's own title is trusted when it is printed, word for word, on its first pages (not
    a file name like "EDM999 1843..1858", a template's "Committee Report 4.3" or a running
    header)."""
    if not title:
        return False
    key = line_key(title)
    if len(key.split()) < 3 or key in {line_key(line) for _, line in removed}:
        return False
    opening = line_key(" ".join(" ".join(lines) for lines in first_pages))
    return f" {key} " in f" {opening} "
