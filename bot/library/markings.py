"""Handling markings: the Government Security Classifications a document carries, as data.

A UK public-sector document may be marked OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET (the
Government Security Classifications, from April 2014), or with the older Government Protective
Marking Scheme: NOT PROTECTIVELY MARKED, PROTECT, RESTRICTED, CONFIDENTIAL (and SECRET, TOP
SECRET). Each marking below has its rank: the GSC level it is handled as. Older markings are
handled as the Cabinet Office's transition guidance maps them, taking the cautious side where it
allows two (PROTECT and RESTRICTED as OFFICIAL-SENSITIVE, CONFIDENTIAL as SECRET).

- ``detect_lines`` / ``detect_pages`` / ``detect_text``: the marking printed on a document's
  page edges (first and last lines of its pages), a Word file's headers and footers, or the
  top and bottom lines of any other text; the highest found wins.
- ``refusal``: the one sentence for a document that must not be kept (above OFFICIAL-SENSITIVE).
- ``may_excerpt(marking, channel, settings)``: the one check every front end makes before an
  excerpt of a document is posted where others can read it. Excerpts of OFFICIAL-SENSITIVE (or
  an older equivalent) go only to the channels ``ROCU_SENSITIVE_CHANNELS`` lists, to direct
  messages and to private answers; anywhere else the answer goes to the asker alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

OFFICIAL = 1
OFFICIAL_SENSITIVE = 2
SECRET = 3
TOP_SECRET = 4

SENSITIVE_FROM = OFFICIAL_SENSITIVE  # excerpts only where ROCU_SENSITIVE_CHANNELS allows
KEPT_UP_TO = OFFICIAL_SENSITIVE  # documents marked above this are refused at ingest


@dataclass(frozen=True)
class Marking:
    name: str  # as shown and stored
    rank: int  # the GSC level it is handled as (0: below OFFICIAL)
    scheme: str  # "GSC" (2014 on) or "GPMS" (before)
    pattern: str  # how it is printed (a regex; case is checked by the caller)


# Longest first where one name starts another (TOP SECRET before SECRET).
MARKINGS: tuple[Marking, ...] = (
    Marking("TOP SECRET", TOP_SECRET, "GSC", r"TOP[\s-]+SECRET"),
    Marking(
        "OFFICIAL-SENSITIVE", OFFICIAL_SENSITIVE, "GSC", r"OFFICIAL\s*[-–—:\[(]?\s*SENSITIVE\]?\)?"
    ),
    Marking("OFFICIAL", OFFICIAL, "GSC", r"OFFICIAL"),
    Marking("SECRET", SECRET, "GSC", r"SECRET"),
    Marking("NOT PROTECTIVELY MARKED", OFFICIAL, "GPMS", r"NOT\s+PROTECTIVELY\s+MARKED"),
    Marking("PROTECT", OFFICIAL_SENSITIVE, "GPMS", r"PROTECT"),
    Marking("RESTRICTED", OFFICIAL_SENSITIVE, "GPMS", r"RESTRICTED"),
    Marking("CONFIDENTIAL", SECRET, "GPMS", r"CONFIDENTIAL"),
    Marking("UNCLASSIFIED", 0, "GPMS", r"UNCLASSIFIED"),
)
BY_NAME = {m.name: m for m in MARKINGS}

# A label in front ("Classification: OFFICIAL", "Protective marking - RESTRICTED").
_LABEL = r"(?:(?:government\s+)?(?:security\s+)?classification|protective\s+marking|marking)"
# What may follow a marking on its line: a GSC descriptor or a national caveat
# ("OFFICIAL-SENSITIVE: PERSONAL", "SECRET UK EYES ONLY"); nothing else, so that a running head
# such as "OFFICIAL STATISTICS" or "SECRET SERVICE" is no marking.
_DESCRIPTOR = (
    r"(?:\s*[-–—:|/]?\s*\[?(?:COMMERCIAL|LOCSEN|PERSONAL|"
    r"(?:[A-Z]{2,5}(?:/[A-Z]{2,5})*\s+)?EYES\s+ONLY)\]?)?"
)
_EDGE_PUNCT = r"[\s*_\[\]()|.]*"
_ANY = "|".join(f"(?P<m{i}>{m.pattern})" for i, m in enumerate(MARKINGS))
# Printed in capitals on its own line (the usual way), or after a label in any case.
_CAPS_LINE = re.compile(rf"^{_EDGE_PUNCT}(?:{_ANY}){_DESCRIPTOR}{_EDGE_PUNCT}$")
_LABELLED_LINE = re.compile(
    rf"^{_EDGE_PUNCT}{_LABEL}\s*[:\-–—]\s*(?:{_ANY}){_DESCRIPTOR}{_EDGE_PUNCT}$",
    re.IGNORECASE,
)
EDGE_LINES = 2  # a marking is printed in the first or last lines of a page
TEXT_EDGE_LINES = 5  # of a whole text with no pages (a web page, a text file, a Word body)


def read_line(line: str) -> tuple[Marking, bool] | None:
    """(marking, plain) when the whole line is a marking, with an optional label and descriptor:
    "OFFICIAL-SENSITIVE", "Classification: OFFICIAL", "SECRET UK EYES ONLY". ``plain``: one bare
    word ("PROTECT", "SECRET"), which a heading can also be ("PROTECT" heads a section of a
    4P strategy): such a line counts only where a marking would be printed on every page."""
    line = " ".join((line or "").split())
    if not line or len(line) > 80:
        return None
    labelled = _LABELLED_LINE.match(line)
    match = labelled or _CAPS_LINE.match(line)
    if not match:
        return None
    for i, marking in enumerate(MARKINGS):
        if match.group(f"m{i}"):
            bare = line.strip(" *_[]().|") == match.group(f"m{i}")
            return marking, bool(bare and not labelled and marking.name.isalpha())
    return None


def marking_of_line(line: str) -> Marking | None:
    found = read_line(line)
    return found[0] if found else None


def highest(found: Iterable[Marking | None]) -> Marking | None:
    """The highest-ranked of the markings found (the first of equals), or None."""
    best = None
    for marking in found:
        if marking is not None and (best is None or marking.rank > best.rank):
            best = marking
    return best


def _edges(lines: list[str], n: int) -> list[str]:
    lines = [line for line in lines if line.strip()]
    return lines[:n] + lines[max(n, len(lines) - n) :]


def detect_pages(pages: list[list[str]], furniture: bool = False) -> str | None:
    """The marking printed at the top or foot of a PDF's pages (its printed lines, before running
    lines are taken off), or of a Word file's headers and footers (one "page" each). A bare word
    counts when two pages carry it, or when it is the document's very first or last line;
    ``furniture``: every line given is page furniture (a Word file's headers), so it counts."""
    pages = [[line for line in lines if line.strip()] for lines in pages]
    pages = [lines for lines in pages if lines]
    found: list[Marking] = []
    bare: dict[str, int] = {}
    for index, lines in enumerate(pages):
        seen = set()
        for line in _edges(lines, EDGE_LINES):
            read = read_line(line)
            if read is None:
                continue
            marking, plain = read
            first_or_last = (index == 0 and line == lines[0]) or (
                index == len(pages) - 1 and line == lines[-1]
            )
            if not plain or first_or_last or furniture:
                found.append(marking)
            elif marking.name not in seen:
                seen.add(marking.name)
                bare[marking.name] = bare.get(marking.name, 0) + 1
    found += [BY_NAME[name] for name, count in bare.items() if count >= 2]
    best = highest(found)
    return best.name if best else None


def detect_text(text: str) -> str | None:
    """The marking on the first or last lines of a text that has no pages."""
    lines = [line for line in (text or "").split("\n") if line.strip()]
    head, foot = (
        lines[:TEXT_EDGE_LINES],
        lines[max(TEXT_EDGE_LINES, len(lines) - TEXT_EDGE_LINES) :],
    )
    return detect_pages([head, foot]) if lines else None


def parse(value: str | None) -> Marking | None:
    """A marking a person typed ("official sensitive", "OFFICIAL-SENSITIVE", "npm"), or None for
    an empty value. Raises ValueError with one sentence for anything else."""
    value = " ".join((value or "").split())
    if not value or value.lower() in ("none", "-", "unmarked"):
        return None
    found = marking_of_line(value.upper())
    if found is None:
        names = ", ".join(m.name for m in MARKINGS)
        raise ValueError(f"“{value[:60]}” is not a handling marking; use one of {names}")
    return found


def rank(marking: str | None) -> int:
    """The GSC level a stored marking name is handled as (0 for none or unknown)."""
    found = BY_NAME.get((marking or "").upper())
    return found.rank if found else 0


def is_sensitive(marking: str | None) -> bool:
    """OFFICIAL-SENSITIVE or above, or an older equivalent."""
    return rank(marking) >= SENSITIVE_FROM


def refusal(marking: str | None) -> str | None:
    """The sentence refusing a document marked above OFFICIAL-SENSITIVE, else None."""
    if rank(marking) <= KEPT_UP_TO:
        return None
    return (
        f"it is marked {marking}, and rocu keeps nothing marked above OFFICIAL-SENSITIVE; "
        "keep it in a system accredited for that marking"
    )


def is_private_channel(channel: str | None) -> bool:
    """No channel (the console, the command line) or a direct message with rocu: what is
    answered there is read by the asker alone."""
    return not channel or channel.startswith("D")


def may_excerpt(marking: str | None, channel: str | None, settings=None) -> bool:
    """Whether an excerpt of a document with this marking may be posted in ``channel`` for all
    there to read: always for documents below OFFICIAL-SENSITIVE; for the others only in a
    direct message, the console, or a channel listed in ``ROCU_SENSITIVE_CHANNELS``
    (``settings.sensitive_channels``). An answer that fails this goes to the asker alone."""
    if not is_sensitive(marking) or is_private_channel(channel):
        return True
    allowed = getattr(settings, "sensitive_channels", None) or frozenset()
    return channel in allowed


def why_private(marking: str | None) -> str:
    """The line said when an answer went privately because of a marking."""
    return (
        f"Answered privately: it quotes a document marked {marking}, and this channel is not "
        "one where such excerpts may be posted (ROCU_SENSITIVE_CHANNELS)."
    )
