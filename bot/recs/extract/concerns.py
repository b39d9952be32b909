"""A coroner's report to prevent future deaths: its recommendations are its "matters of concern".

The form (Regulation 28 of the Coroners (Investigations) Regulations 2013, in England and Wales)
sets out, under "Coroner's concerns", the matters that in the coroner's opinion put lives at
risk, then says that "action should be taken" and that each recipient must answer within 56
days. The matters are stated as findings ("Checks were not carried out ...", "There is no
protocol for ..."), not as calls: no "should" marks them, so no other detector sees them, and the
report's one call ("action should be taken to prevent future deaths") is no item of its own.
Each matter is what the recipients must answer, so each is one recommendation, with no addressee
of its own (the report goes to every recipient without assigning matters) and no deadline of its
own (the 56 days are for the response). Rule ``coroner-concerns``.
"""

from __future__ import annotations

import re

from bot.recs.extract.calls import _is_call
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.structure import Document, headings, list_marker

# What marks a coroner's report to prevent future deaths (data): its form's title, or the
# regulation it is made under, near its top.
PFD_MARKS = (
    r"reports?\s+to\s+prevent\s+future\s+deaths",
    r"prevention\s+of\s+future\s+deaths\s+report",
    r"regulation\s+28\b",
)
PFD_HEAD = 3000  # how far into the document a mark may be
_PFD = re.compile("|".join(PFD_MARKS), re.IGNORECASE)

# The line that opens the matters: "The MATTERS OF CONCERN are as follows", or a heading "Matters
# of concern" alone on its line (after a number or a markdown "#").
_LEAD = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\d{1,2}\.?[ \t]+)?(?:the[ \t]+)?matters?[ \t]+of[ \t]+concern"
    r"(?:[ \t]+(?:are|is)[ \t]+as[ \t]+follows)?[ \t]*[.:–—-]*[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# With rule "concern-calls": the form's line as printed with a spaced dash after its full stop
# ("The MATTERS OF CONCERN are as follows. -").
_LEAD_SPACED = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?(?:\d{1,2}\.?[ \t]+)?(?:the[ \t]+)?matters?[ \t]+of[ \t]+concern"
    r"(?:[ \t]+(?:are|is)[ \t]+as[ \t]+follows)?(?:[ \t]*[.:–—-])*[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_ZONE = 12000  # the matters never run longer than this


def _upper_heading(line: str) -> bool:
    """A heading in capitals ("6 ACTION SHOULD BE TAKEN"): no lower-case letter, some words."""
    body = line.strip()
    return bool(body) and not re.search(r"[a-z]", body) and len(re.findall(r"[A-Z]{2,}", body)) >= 2


def _zone_end(text: str, start: int) -> int:
    """Where the matters end: the next heading (in capitals, markdown, or a numbered title)."""
    limit = min(len(text), start + _MAX_ZONE)
    ends = [h.start for h in headings(text[:limit]) if h.start > start]
    for line in re.finditer(r"^[^\n]+$", text[start:limit], re.MULTILINE):
        if _upper_heading(line.group()):
            ends.append(start + line.start())
            break
    return min(ends, default=limit)


def concern_items(doc: Document) -> list[Found]:
    """Each matter of concern of a coroner's report, one item each: a numbered or bulleted item
    with its wrapped lines and any paragraphs under it; where the matters are not numbered, each
    paragraph."""
    if not on("coroner-concerns") or not _PFD.search(doc.text[:PFD_HEAD]):
        return []
    found: list[Found] = []
    for lead in (_LEAD_SPACED if on("concern-calls") else _LEAD).finditer(doc.text):
        start = lead.end()
        end = _zone_end(doc.text, start)
        blocks = doc.blocks_in(start, end)
        numbered = any(b.bullet for b in blocks)
        items: list[Found] = []
        for block in blocks:
            line_start = doc.text.rfind("\n", 0, block.start) + 1
            marker = list_marker(doc.text, line_start)
            sub = marker is not None and re.fullmatch(
                r"\(?(?:[a-z]|[ivx]{1,4})[.)]\s*", marker.group()
            )
            if numbered and (not block.bullet or sub):
                if items:  # a paragraph or sub-point under a numbered matter belongs to it
                    items[-1].end = block.end
                continue  # (before the first numbered matter: the form's preamble)
            items.append(Found(block.start, block.end, "concern"))
        found += items
    if on("concern-action-calls") and found:
        found += _action_calls(doc, max(f.end for f in found))
    return found


# Rule "concern-action-calls" (round 21): where the coroner goes on, under the form's "action
# should be taken" section, to list what should be done ("(a) The Chief Constable should review
# ...", "(b) The Head of the unit should ensure ..."), each listed call is one of the report's
# recommendations, with the body it names, and the matters of concern that hold no call are the
# findings that led to them (rule "concern-calls" reads calls written inside the matters the
# same way). Before, the list was read as part of the form's standard sentence, which is no item,
# and the findings were taken instead.
_ACTION_LEAD = re.compile(r"\baction\s+should\s+be\s+taken\b", re.IGNORECASE)


def _action_calls(doc: Document, after: int) -> list[Found]:
    lead = _ACTION_LEAD.search(doc.text, after)
    if not lead:
        return []
    line_end = doc.text.find("\n", lead.end())
    start = len(doc.text) if line_end < 0 else line_end
    if _upper_heading(doc.text[doc.text.rfind("\n", 0, lead.start()) + 1 : start]):
        # the section's heading ("6 ACTION SHOULD BE TAKEN"): the form's sentence follows it
        nxt = _ACTION_LEAD.search(doc.text, start)
        if not nxt:
            return []
        line_end = doc.text.find("\n", nxt.end())
        start = len(doc.text) if line_end < 0 else line_end
    end = _zone_end(doc.text, start)
    calls = []
    for block in doc.blocks_in(start, end):
        if block.bullet and _is_call(doc.text[block.start : block.end]):
            calls.append(Found(block.start, block.end, "list"))
    return calls


# Rule "concern-calls" (round 18): where the coroner writes, inside the matters of concern, what
# should be done ("(3) <finding>. The Harbour Trust should review how often ..."; "<a body> should
# consider ..."), those calls are the report's recommendations, each with the body it
# names (addressees as the development gold defines them: the bodies a text says must act), and the
# matters that only state a finding are findings. Where no matter holds a call, each matter stands
# for the action the form asks, as rule "coroner-concerns" reads it. Witnesses: two writers'
# reports whose gold lists the calls inside the matters and not the matters (tests/recs/heldout14
# and heldout18); the reports whose matters are findings only (heldout12, heldout13) keep them.


def concern_calls(found: list[Found], structured: set[str]) -> list[Found]:
    """The calls inside a coroner's matters of concern in place of the matters (see above)."""
    if not on("concern-calls"):
        return found
    matters = [f for f in found if f.kind == "concern"]
    if not matters:
        return found
    if on("concern-action-calls") and any(
        f.kind == "list" and f.detector in structured and "concerns" in f.detectors for f in found
    ):
        calls_in = [
            f
            for f in found
            if f.kind == "sentence"
            and f.detector not in structured
            and any(m.start <= f.start < m.end for m in matters)
        ]
        if not calls_in:
            # the calls are listed in the action section: the matters are their findings
            return [f for f in found if f.kind != "concern"]
    calls = {
        id(m): [
            f
            for f in found
            if f.kind == "sentence" and f.detector not in structured and m.start <= f.start < m.end
        ]
        for m in matters
    }
    dropped = {id(m) for m in matters}
    kept = [f for f in found if id(f) not in dropped]
    if not any(calls.values()):
        # rule "findings-only-concerns" (round 19, shipped OFF: the writers disagree): matters
        # that only state findings ask no one to act, so none is an item
        return kept if on("findings-only-concerns") else found
    for matter in matters:
        for call in calls[id(matter)]:
            call.detector = matter.detector
            call.detectors = list(dict.fromkeys([matter.detector, *call.detectors]))
            call.confidence = max(call.confidence, matter.confidence)
    return kept
