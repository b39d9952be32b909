"""Ordinal paragraphs: "First, ...", "Second, ...", "Third, ..." (rules "ordinal-paragraphs" and
"counted-asks").

- A paragraph that opens with an ordinal, beside another that opens with the next or the one
  before, is one recommendation from its ordinal to its end wherever it holds one: the sentence
  before its call ("First, the panel must be able to choose. I recommend that ...") is its
  lead-in clause and the sentence after its reason or condition, not items of their own.
- A sentence that asks someone to do a counted number of things ("I would ask the board to do
  three things.") announces them: it is no recommendation itself, and each sentence after it
  that opens with an ordinal and an infinitive ("First, to publish ...", "But, second, to set
  out ...") is one, carrying the lead-in's ask and addressee.
"""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.structure import Document

# The ordinal words (data), each with or without "-ly"; "finally" and "lastly" close a run.
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
CLOSERS = ("finally", "lastly")
_OPENER = re.compile(
    r"[ \t]*(?:(?:and|but|so)\s*,?\s+)?(?P<word>" + "|".join(ORDINALS + CLOSERS) + r")(?:ly)?\s*,",
    re.I,
)

# The lead-in: an asking verb, whom it asks, and a count of things to do (data: the verbs, the
# counts and the nouns).
ASK_VERBS = r"(?:ask|asks|asking|urge|urges|urging|invite|invites|inviting|call\s+on|calls\s+on)"
COUNTS = ("two", "three", "four", "five", "six", "2", "3", "4", "5", "6")
COUNTED_THINGS = ("things", "steps", "actions", "measures", "changes")
COUNTED_ASK = re.compile(
    rf"\b{ASK_VERBS}\s+(?P<whom>[^.;:?!]{{2,80}}?)\s+to\s+(?:do|take|make|consider)\s+"
    r"(?:the\s+following\s+)?(?P<n>"
    + "|".join(COUNTS)
    + r")\s+(?:"
    + "|".join(COUNTED_THINGS)
    + r")\s*[.:]\s*$",
    re.I,
)
_INFINITIVE = re.compile(r"\s*to\s+(?:(?:also|then|urgently)\s+)?[a-z]+\b")
# How many sentences after the lead-in its first ordinal may stand.
LEAD_REACH = 2


def ordinal(text: str) -> str | None:
    """The ordinal word a sentence or paragraph opens with ("first"), else None."""
    m = _OPENER.match(text)
    return m.group("word").lower() if m else None


def counted_ask(sentence: str) -> bool:
    """Whether a sentence asks for a counted number of things (rule "counted-asks")."""
    return on("counted-asks") and bool(COUNTED_ASK.search(sentence))


def counted_items(doc: Document) -> list[Found]:
    """The ordinal infinitives after a counted ask, each a recommendation with the ask as its
    lead-in (rule "counted-asks")."""
    if not on("counted-asks"):
        return []
    spans = [s for b in doc.blocks for s in sentence_spans(doc.flat, b.start, b.end)]
    out: list[Found] = []
    i = 0
    while i < len(spans):
        lead = doc.flat[spans[i][0] : spans[i][1]]
        i += 1
        if not COUNTED_ASK.search(lead):
            continue
        gap = 0
        while i < len(spans) and gap <= LEAD_REACH:
            sentence = doc.flat[spans[i][0] : spans[i][1]]
            m = _OPENER.match(sentence)
            if m and _INFINITIVE.match(sentence, m.end()):
                item = Found(spans[i][0], spans[i][1], "list", intro=lead.strip())
                out.append(item)
                gap = 0
            elif out and out[-1].intro == lead.strip():
                break  # the run of ordinals has ended
            else:
                gap += 1
            i += 1
    return out


def _adjacent(a: str, b: str) -> bool:
    """Two ordinals that stand next to each other in a run ("first" and "second"; any ordinal and
    "finally")."""
    if a in CLOSERS or b in CLOSERS:
        return (a in ORDINALS) != (b in ORDINALS)
    return abs(ORDINALS.index(a) - ORDINALS.index(b)) == 1


def _in_run(openers: dict[int, str], index: int) -> bool:
    """Whether the paragraph at ``index`` stands in a run: the ordinal paragraph before or after
    it opens with the ordinal next to its own."""
    keys = sorted(openers)
    at = keys.index(index)
    near = [openers[k] for k in keys[max(0, at - 1) : at + 2] if k != index]
    return any(_adjacent(openers[index], w) for w in near)


def ordinal_paragraphs(doc: Document, found: list[Found]) -> None:
    """Stretch every candidate inside an ordinal paragraph of a run to the whole paragraph, so
    that the resolver merges them into one (rule "ordinal-paragraphs")."""
    if not on("ordinal-paragraphs"):
        return
    paragraphs = _paragraphs(doc)
    openers = {}
    for i, (a, _, _) in enumerate(paragraphs):
        word = ordinal(doc.text[a:])
        if word is not None:
            openers[i] = word
    for i in openers:
        if not _in_run(openers, i):
            continue
        a, b, end = paragraphs[i]
        for item in found:
            if a <= item.start < b and item.end <= end:
                item.start, item.end = a, b


def _paragraphs(doc: Document) -> list[tuple[int, int, int]]:
    """(start, end, block end) of each paragraph that is not a list item, its spaces trimmed."""
    out = []
    for block in doc.blocks:
        if block.bullet:
            continue
        body = doc.text[block.start : block.end]
        a = block.start + len(body) - len(body.lstrip())
        b = block.start + len(body.rstrip())
        if a < b:
            out.append((a, b, block.end))
    return out
