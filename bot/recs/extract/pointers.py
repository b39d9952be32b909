"""Rule "pointed-paragraphs" (round 18): a list of recommendation titles that points at paragraphs.

A report may gather its recommendations at the end as a list of short titles, each naming the
paragraph that makes it ("3. An alerting line for reservoir keepers (paragraph 6.3)."), the
recommendations themselves standing in the numbered paragraphs of the body ("6.3 I recommend
that ..."). Such a list is an index, not the recommendations: its items ask nothing. Read as the
document's apparatus, it made every call in the body "outside the apparatus" (lowered below the
threshold), so the report gave seven titles and none of its recommendations.

Where every item of one list is such a pointer (no call of its own, a paragraph reference at its
end) and the paragraph it names is in the document and holds a call, the paragraph is the
recommendation: its calls are one item (labelled with the paragraph's number, trusted as the list
item was) and the pointer is dropped. A list whose items make their calls and cite the paragraph
beside them (a committee's summary of conclusions and recommendations, "(Paragraph 36)") is left
alone: its items are the recommendations.
"""

from __future__ import annotations

import re

from bot.recs.extract.calls import _MODAL, _RECOMMEND, _URGE
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.structure import Document

# "(paragraph 6.3)", "(paragraphs 3.2 and 3.5)", "(para 12)", "(see paragraph 7)" at the end.
_NUMBER = r"\d{1,3}(?:\.\d{1,3}){0,2}"
POINTER = re.compile(
    rf"\((?:see\s+)?(?:paragraphs?|paras?\.?)\s+(?P<numbers>{_NUMBER}"
    rf"(?:\s*(?:,|and|&)\s*{_NUMBER})*)\)[.;]?\s*$",
    re.IGNORECASE,
)
# A body paragraph opened by its number ("6.3 I recommend ...", "12. The board should ...").
_PARAGRAPH_START = r"(?m)^[ \t]*{number}\.?[ \t]+(?=\S)"
_ANY_PARAGRAPH = re.compile(r"(?m)^[ \t]*\d{1,3}(?:\.\d{1,3}){0,2}\.?[ \t]+(?=[A-Z‘“\"(])")
POINTERS_MIN = 2  # a list of at least this many pointers, every item of it one


def _asks(body: str) -> bool:
    """Whether a list item makes a call of its own ("should", "we recommend", "we urge", or a
    command opening the item)."""
    words = body.lstrip(" \t•-*").split()
    command = bool(words) and words[0][:1].islower()
    return bool(_MODAL.search(body) or _RECOMMEND.search(body) or _URGE.search(body) or command)


def pointed_paragraphs(doc: Document, found: list[Found], structured: set[str]) -> list[Found]:
    """Replace an index of pointers by the paragraphs it points at (see the module's text)."""
    if not on("pointed-paragraphs"):
        return found
    text = doc.text
    lists: dict[tuple, list[Found]] = {}
    for item in found:
        if item.detector in structured and item.kind == "list":
            lists.setdefault((item.detector, tuple(item.heading_path), item.intro), []).append(item)
    pointers: list[tuple[Found, list[str]]] = []
    for items in lists.values():
        marks = [POINTER.search(text[f.start : f.end]) for f in items]
        if len(items) < POINTERS_MIN or not all(marks):
            continue
        if any(_asks(text[f.start : m.start()]) for f, m in zip(items, marks, strict=True)):
            continue
        for item, mark in zip(items, marks, strict=True):
            numbers = re.findall(_NUMBER, mark.group("numbers"))
            pointers.append((item, numbers))
    if not pointers:
        return found
    index_start = min(p.start for p, _ in pointers)
    starts = [m.start() for m in _ANY_PARAGRAPH.finditer(text)]
    dropped: set[int] = set()
    made: list[Found] = []
    for pointer, numbers in pointers:
        parts = []
        for number in numbers:
            parts += _paragraph_calls(doc, found, number, starts, index_start, structured)
        parts = [p for p in parts if id(p) not in dropped]
        if not parts:
            continue
        dropped.add(id(pointer))
        dropped.update(id(p) for p in parts)
        made.append(_one_item(doc, pointer, parts, numbers[0]))
    return [f for f in found if id(f) not in dropped] + made


def _paragraph_calls(
    doc: Document,
    found: list[Found],
    number: str,
    starts: list[int],
    index_start: int,
    structured: set[str],
) -> list[Found]:
    """The unstructured candidates that start inside the body paragraph numbered ``number``."""
    pattern = re.compile(_PARAGRAPH_START.format(number=re.escape(number)))
    match = next((m for m in pattern.finditer(doc.text) if m.start() < index_start), None)
    if match is None:
        return []
    end = next((s for s in starts if s > match.start()), len(doc.text))
    end = min(end, index_start)
    return [
        f
        for f in found
        if f.detector not in structured and match.start() <= f.start < end and f.kind != "concern"
    ]


def _one_item(doc: Document, pointer: Found, parts: list[Found], number: str) -> Found:
    parts = sorted(parts, key=lambda f: f.start)
    start = parts[0].start
    lead = re.match(rf"[ \t]*{re.escape(number)}\.?[ \t]+", doc.text[start:])
    if lead:
        start += lead.end()
    detectors = [pointer.detector] + [d for p in parts for d in (p.detectors or [p.detector])]
    return Found(
        start=start,
        end=max(p.end for p in parts),
        kind="sentence",
        label=number,
        detector=pointer.detector,
        detectors=list(dict.fromkeys(detectors)),
        heading_path=list(parts[0].heading_path),
        confidence=pointer.confidence,
        intro=parts[0].intro,
        locations=[],
    )
