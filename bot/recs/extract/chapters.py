"""Where a recommendations section ends when the text shows no heading levels: at the next
chapter its document's contents page lists (rule ``contents-headings``).

A plain-text, HTML or Word document loses its headings' levels, so "a section ends at the next
heading of its level or above" finds no end and the section runs on through the chapters after
it, taking their "the force should ..." sentences for recommendations. The contents page says
which lines are chapter headings: a line that repeats a contents entry's title, followed by
prose that does not ask, opens the next chapter. The same title followed by a list or a call is
a sub-heading grouping the section's own items ("Areas for improvement" grouped by chapter)."""

from __future__ import annotations

import re

from bot.recs.extract.calls import _explicit, _is_call
from bot.recs.extract.rules import on

# A contents entry: its title, then a page number or range ("Investigating crime 6", "Annex A
# ..... 40").
_ENTRY = re.compile(
    r"^[ \t]*(?P<title>\S[^\n]{2,150}?)(?:\s*\.{3,}|\s*…+|\s)\s*"
    r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?[ \t]*$"
)
_LIST_START = re.compile(r"[ \t]*(?:[-*•●◦–▪■]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")


def _key(line: str) -> str:
    return " ".join(re.sub(r"^[\d.]+\s+", "", line).strip(" .:").lower().split())


def contents_titles(text: str, contents: list[tuple[int, int]]) -> set[str]:
    titles = set()
    for start, end in contents:
        for line in text[start:end].split("\n"):
            m = _ENTRY.match(line)
            if m and len(m.group("title").split()) <= 12:
                titles.add(_key(m.group("title")))
    return titles


def chapter_end(text: str, start: int, end: int, titles: set[str]) -> int:
    """The start of the first line in ``start``-``end`` that opens a chapter the contents page
    lists, else ``end``."""
    if not titles or not on("contents-headings"):
        return end
    for line in re.finditer(r"^[ \t]*(\S[^\n]{2,150})$", text[start:end], re.M):
        if _key(line.group(1)) not in titles:
            continue
        after = text[start + line.end() : end]
        para = re.match(r"\s*(\S[^\n]*(?:\n[ \t]*\S[^\n]*)*)", after)
        if not para:
            continue
        body = para.group(1)
        if _LIST_START.match(body):
            continue  # a sub-heading over the section's own list
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(body.split()), maxsplit=1)[0]
        if _is_call(first) or _explicit(first):
            continue  # a sub-heading over the section's own calls
        return start + line.start()
    return end
