"""Text joined across page and column breaks before the definition finder reads it.

A PDF's text may break a paragraph where a page or a column ends: "... with the Cabinet Office"
on one page and "Briefing Rooms (COBR) in ..." on the next come out as two paragraphs, and a
long form never crosses a paragraph break. The finder reads the text with such breaks blanked
out: a break after a paragraph of body text (60 characters or more) that does not end a
sentence, before text that goes on with a letter or a bracket. The text keeps its length, so
every offset the finder gives is an offset of the stored text.
"""

from __future__ import annotations

import re

# A paragraph break (blank lines) after a letter, digit, comma or dash, before a letter or "(".
_BREAK = re.compile(r"(?<=[^\W_]|[,\-–])[ \t]*\n(?:[ \t]*\n)+[ \t]*(?=[^\W\d_]|\()")
BODY_CHARS = 60  # a shorter paragraph is a heading or a label, not text running on


def joined_across_breaks(text: str) -> str:
    """``text`` with each paragraph break that cuts a sentence in two replaced by spaces."""
    if "\n" not in text:
        return text
    out: list[str] = []
    last = 0
    for match in _BREAK.finditer(text):
        paragraph_start = text.rfind("\n", 0, match.start()) + 1
        if match.start() - paragraph_start < BODY_CHARS:
            continue
        out.append(text[last : match.start()])
        out.append(" " * (match.end() - match.start()))
        last = match.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)
