"""A document's own list of abbreviations: the definitions it gives with the most confidence.

Reports list their abbreviations in a table ("ACPO | Association of Chief Police Officers", the
form the library's readers give a DOCX or HTML table row), as lines ("ACPO – Association of
Chief Police Officers", "ACPO: ...", "ACPO = ...") or under a heading ("Glossary",
"Abbreviations", "List of acronyms", "Glossary of terms"). Read here:

- in a glossary section, every row whose first cell is a short form and whose second is a few
  words (the document says so: no spelling is asked for, "MI5 | the Security Service" counts);
  a section is the rows after such a heading, and a PDF whose rows were run together into one
  paragraph ("Abbreviations ACPO Association of Chief Police Officers NCA National Crime Agency")
  is cut before each short form, where the words so far spell the short form before it;
- elsewhere, a row or line of one short form and its long form, when the long form spells it as
  an inline definition would.
"""

from __future__ import annotations

import re

from bot.glossary.longforms import _long_form_after
from bot.glossary.rules import DEFAULT_RULES, MAX_AFTER
from bot.glossary.tokens import Definition
from bot.glossary.words import short_form_letters

_HEADING = (
    r"(?:list\s+of\s+|table\s+of\s+)?(?:glossary(?:\s+of\s+(?:terms|abbreviations|acronyms))?"
    r"|abbreviations(?:\s+and\s+acronyms)?|acronyms(?:\s+and\s+abbreviations)?)"
)
# A heading line: the whole paragraph, perhaps numbered ("Annex B: Glossary", "7. Acronyms").
_HEADING_LINE = re.compile(
    rf"^\s*(?:(?:annex|appendix)\s+[A-Z0-9]+\s*[:.\-–—]?\s*|[0-9.]+\s+)?{_HEADING}\s*:?\s*$",
    re.IGNORECASE,
)
# A heading run into the text that follows it (a PDF's rows joined into one paragraph).
_HEADING_RUN = re.compile(rf"(?<![\w-]){_HEADING}\s*:?\s+(?=[A-Z0-9])", re.IGNORECASE)
# One row: short form, a separator (cell bar, dash, colon, equals, tab), the long form.
_ROW = re.compile(
    r"^\s*(?P<sf>[^\s|:=–—\t]+(?: [A-Z]{2,})?)\s*(?:\||\t|\s[-–—=]\s|:\s)\s*(?P<lf>.+)$"
)
MAX_WORDS = 14  # a long form of more words is a sentence, not a row
NOT_A_ROW_RUN = 2  # this many paragraphs in a row that are not rows end a section


def listed_definitions(text: str, rules=DEFAULT_RULES) -> list[Definition]:
    """Every definition the document's own list of abbreviations gives, in order, marked
    ``listed``; offsets span the row in ``text``."""
    found: list[Definition] = []
    in_section = False
    misses = 0
    for start, end in _paragraphs(text):
        paragraph = text[start:end]
        if _HEADING_LINE.match(paragraph):
            in_section, misses = True, 0
            continue
        rows = [_row(text, a, b, in_section, rules) for a, b in _lines(text, start, end)]
        rows = [r for r in rows if r]
        if rows:
            found += rows
            misses = 0
            continue
        run = _HEADING_RUN.search(paragraph)
        if run:
            found += _run_together(text, start + run.end(), end, rules)
            in_section = False
            continue
        misses += 1
        if misses >= NOT_A_ROW_RUN:
            in_section = False
    return found


def _paragraphs(text: str):
    """(start, end) of each paragraph (text between blank lines)."""
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        yield match.start(), match.end()


def _lines(text: str, start: int, end: int):
    for match in re.finditer(r"[^\n]+", text[start:end]):
        yield start + match.start(), start + match.end()


def _row(text: str, start: int, end: int, in_section: bool, rules) -> Definition | None:
    """The definition one row or line gives, or None."""
    line = text[start:end]
    match = _ROW.match(line)
    if not match:
        if not in_section:
            return None
        # in a glossary section a row may be "ACPO Association of Chief Police Officers"
        match = re.match(r"^\s*(?P<sf>\S+)\s+(?P<lf>[A-Za-z].+)$", line)
        if not match:
            return None
    short_form = short_form_letters(match.group("sf").strip(",.;"), rules)
    long = match.group("lf").strip()
    if "|" in long:
        long = long.split("|")[0].strip()  # a third column: a note, not the long form
    long = long.rstrip(".;,")
    if not short_form or not _plausible_long(long, short_form[0]):
        return None
    short, _ = short_form
    if not in_section:
        offset = start + match.start("lf")
        found = _long_form_after(short, text, offset, offset + len(long), rules, True, MAX_AFTER)
        if not found:
            return None
    return Definition(short, " ".join(long.split()), start, end, listed=True)


def _plausible_long(long: str, short: str) -> bool:
    words = long.split()
    return (
        0 < len(words) <= MAX_WORDS
        and any(ch.isalpha() for ch in long)
        and long.upper() != long
        and short.lower() not in (w.lower().strip(",.;()") for w in words)
    )


def _run_together(text: str, start: int, end: int, rules) -> list[Definition]:
    """Rows run into one paragraph after a glossary heading: "ACPO Association of Chief Police
    Officers NCA National Crime Agency ...", cut before each short form where the words so far
    spell the short form before it (or, when no later cut would, where the words run out)."""
    tokens = [(m.group(), m.start() + start) for m in re.finditer(r"\S+", text[start:end])]
    marks = [i for i, (t, _) in enumerate(tokens) if short_form_letters(t.strip(",;"), rules)]
    found: list[Definition] = []
    k = 0
    while k < len(marks):
        i = marks[k]
        if i + 1 >= len(tokens):  # a short form as the paragraph's last word: no long form after it
            break
        short = short_form_letters(tokens[i][0].strip(",;"), rules)[0]
        later = [m for m in marks[k + 1 :] if m > i + 1]
        chosen = None
        for j in later + [len(tokens)]:
            span_end = tokens[j - 1][1] + len(tokens[j - 1][0])
            if _long_form_after(short, text, tokens[i + 1][1], span_end, rules, True, MAX_AFTER):
                chosen = j
                break
        if chosen is None:  # no cut spells it: the next short form ends it, as the list says
            chosen = later[0] if later else len(tokens)
        if i + 1 < chosen:
            long_start = tokens[i + 1][1]
            long_end = tokens[chosen - 1][1] + len(tokens[chosen - 1][0])
            long = text[long_start:long_end].rstrip(".;,")
            if _plausible_long(long, short):
                found.append(
                    Definition(short, " ".join(long.split()), tokens[i][1], long_end, True)
                )
        while k < len(marks) and marks[k] < chosen:
            k += 1
    return found
