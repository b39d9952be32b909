"""A table of recommendations as PDF text gives it: the header row ("Recommendation  UK
Government  Scottish Government ...") and the rows run together, each row opening with its label
("1", "4a", "6a (ii)", "12d-e") and ending with the table's other columns ("F F F P").

Rows are read where their labels run in sequence (the same number or the next one), as numbered
paragraphs run into one line are (``structure._run_in_numbers``); a row is a recommendation when
its text opens with a command ("Set up ...", "In England, take steps ...") or makes a call
("Patients ... should be offered ..."). Topic rows ("Patient safety: blood transfusions") are not.
"""

from __future__ import annotations

import re

from bot.recs.extract.calls import _is_call
from bot.recs.extract.found import Found
from bot.recs.extract.imperatives import VERBS, opens_with_command
from bot.recs.extract.structure import Document

# The header row: "Recommendation" (or "No. Recommendation") then column names (capitalised
# words), run into row 1.
_HEADER = re.compile(
    r"(?:^|\n)[ \t]*(?:No\.?[ \t]+)?Recommendations?"
    r"(?P<cols>(?:[ \t]+[A-Z][\w'’&/()-]*){1,12})[ \t]"
    r"(?=1[a-z]?(?:[ \t]+\([ivx]+(?:-[ivx]+)?\))?[ \t]+[A-Z])"
)
# A row label: a number, perhaps a letter or letter range, perhaps a roman sub-point range.
_ROW = re.compile(
    r"(?:(?<=\s)|^)(?P<n>\d{1,2})(?P<sub>[a-z](?:-[a-z])?)?(?:[ \t]+\((?P<roman>[ivx]+"
    r"(?:-[ivx]+)?)\))?[ \t]+(?=[A-Z][a-z])",
    re.MULTILINE,
)
# The other columns at a row's end: response codes ("F", "P", "F/P", "A"), ticks, dashes.
_CODES = re.compile(r"(?:[ \t\n]+(?:[A-Z](?:/[A-Z])?|N/A|✓|✔|-|–))+[ \t\n]*$")
_SOURCE = re.compile(r"\b(?:Source|Note|Notes|Key)\s*:")
_MAX_TABLE = 12000


def table_rows(doc: Document) -> list[Found]:
    text = doc.text
    found: list[Found] = []
    for head in _HEADER.finditer(text):
        if doc.in_contents(head.start()):
            continue
        end = min(len(text), head.end() + _MAX_TABLE)
        source = _SOURCE.search(text, head.end(), end)
        if source:
            end = source.start()
        rows = _in_sequence(list(_ROW.finditer(text, head.end(), end)))
        for i, row in enumerate(rows):
            stop = rows[i + 1].start() if i + 1 < len(rows) else end
            body = text[row.end() : stop]
            codes = _CODES.search(body)
            if codes:
                stop = row.end() + codes.start()
            words = text[row.end() : stop]
            if not words.strip() or not _asks(" ".join(words.split())):
                continue
            label = " ".join(text[row.start() : row.end()].split())
            found.append(Found(row.end(), stop, "list", label=f"Recommendation {label}"))
    return found


def _in_sequence(rows: list[re.Match]) -> list[re.Match]:
    """The labels that continue the table's numbering from 1: each the same number as the last
    (a sub-row) or the next one."""
    kept: list[re.Match] = []
    last = 0
    for row in rows:
        n = int(row.group("n"))
        if (not kept and n == 1) or (kept and n in (last, last + 1)):
            if kept and n == last and not (row.group("sub") or row.group("roman")):
                continue  # "6" again without a sub-label: a number inside a row's text
            kept.append(row)
            last = n
    return kept


def _asks(words: str) -> bool:
    """A command (not a gerund: topic rows are often gerunds) or a call."""
    first = words.split()[0].lower() if words.split() else ""
    command = opens_with_command(words) and (first in VERBS or not first.endswith("ing"))
    return command or _is_call(words)
