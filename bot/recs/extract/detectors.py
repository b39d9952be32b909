"""The detectors: small named units, each proposing candidate recommendations with where they
came from. Every detector runs on the whole document (every section); the resolver
(``resolver.py``) decides. ``DETECTORS`` is the registry (data): order, base trust, and a switch
for ablation (``disabled``)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.library.text import sentence_spans
from bot.recs.extract.concerns import concern_items
from bot.recs.extract.found import Found
from bot.recs.extract.imperatives import imperative_items
from bot.recs.extract.labelled import _labelled
from bot.recs.extract.letters import requests
from bot.recs.extract.ordinals import counted_items
from bot.recs.extract.replies import (
    answer_paragraphs,
    reference_headings,
    referred,
    replies,
    restated,
    theme_paragraphs,
    topic_headings,
)
from bot.recs.extract.responses import (
    _answered_paragraphs,
    _quoted_zones,
    _set_response,
    back_referenced_quotes,
    response_like,
)
from bot.recs.extract.rules import on, switched_off
from bot.recs.extract.sentences import _addressee_heading, _marker, _section_items, _unlabelled
from bot.recs.extract.structure import Document
from bot.recs.extract.tables import table_rows


@dataclass
class Detector:
    name: str
    find: Callable[[Document], list[Found]]
    trust: float  # base confidence of what it proposes
    structured: bool  # finds the document's own recommendations apparatus (labels, sections)
    about: str
    enabled: bool = True


def _detect_labelled(doc: Document) -> list[Found]:
    return _labelled(doc.text, doc.blocks)


def _detect_quoted(doc: Document) -> list[Found]:
    zones = _quoted_zones(doc.text)
    if not zones:
        zones = _answered_paragraphs(doc.text)
    if not zones and response_like(doc.text, doc.doc_type):
        zones = back_referenced_quotes(doc.text)
    if not zones:
        return []
    found = _unlabelled(doc.flat, doc.blocks, commentary=False, scope=zones, join=True)
    for item in found:
        zone = next(z for z in zones if z[0] <= item.start < z[1])
        _set_response(doc.text, item, zone[1], at=zone[1])
    return found


def _detect_reply(doc: Document) -> list[Found]:
    found = replies(doc.text, doc.doc_type)
    taken = [(f.start, f.end) for f in found]
    found += [f for f in reference_headings(doc.text, doc.doc_type) if not _overlaps(f, taken)]
    taken = [(f.start, f.end) for f in found]
    more = [f for f in topic_headings(doc.text, doc.doc_type) if not _overlaps(f, taken)]
    taken += [(f.start, f.end) for f in more]
    more += [f for f in restated(doc.text, doc.doc_type) if not _overlaps(f, taken)]
    taken += [(f.start, f.end) for f in more]
    more += [f for f in referred(doc.text, doc.doc_type) if not _overlaps(f, taken)]
    taken += [(f.start, f.end) for f in more]
    themed = theme_paragraphs(doc.text, doc.doc_type, taken)
    more += [f for f in themed if not _overlaps(f, taken)]
    taken += [(f.start, f.end) for f in themed]
    if not _quotes_recommendations(doc):
        # the parts after a lead-in answering several ("answers these three together")
        more += answer_paragraphs(doc.text, doc.doc_type, taken, parts=True)
    return sorted(found + more, key=lambda f: f.start)


def _quotes_recommendations(doc: Document) -> bool:
    """Whether a response quotes its recommendations (rule "answer-paragraphs" reads only a
    reply that does not: a quoting response's answers follow its quotes, detector "quoted")."""
    zones = _quoted_zones(doc.text) or _answered_paragraphs(doc.text)
    return any(b - a >= QUOTE_MIN for a, b in zones)


QUOTE_MIN = 40  # characters a quoted zone needs to be a recommendation's quote


def _overlaps(item: Found, spans: list[tuple[int, int]]) -> bool:
    return any(item.start < b and a < item.end for a, b in spans)


def _detect_section(doc: Document) -> list[Found]:
    found = []
    for section in doc.sections:
        if section.mixed:
            continue
        inside = doc.blocks_in(section.start, section.end)
        headed = bool(section.addressee) and _addressee_line_before(doc.text, section.start)
        for item in _section_items(doc.text, doc.flat, inside):
            if not item.heading_actors and section.addressee:
                item.heading_actors = [section.addressee]
                item.addressed = headed
            found.append(item)
    return found


def _addressee_line_before(text: str, at: int) -> bool:
    """Whether the last line before ``at`` is an addressee heading ("To the Board:", rule
    "addressee-headings"), the line the section's addressee was read from."""
    lines = [line for line in text[max(0, at - 300) : at].split("\n") if line.strip()]
    return bool(lines) and bool(_addressee_heading(lines[-1]))


def _detect_conclusions(doc: Document) -> list[Found]:
    found = []
    for section in doc.sections:
        if not section.mixed:
            continue
        inside = doc.blocks_in(section.start, section.end)
        items = _unlabelled(doc.flat, inside, commentary=False, join=True)
        for item in items:
            if not item.heading_actors and section.addressee:
                item.heading_actors = [section.addressee]
            found.append(item)
        if on("conclusion-numbers"):
            _paragraph_numbers(doc, inside, items)
    return found


# Rule "conclusion-numbers" (round 14): in a "Conclusions and recommendations" section whose
# paragraphs are numbered ("4. We were told ... **We recommend that ...** (Paragraph 26)"), the
# one recommendation a numbered paragraph holds carries the paragraph's number as its label, as
# rule "list-number-labels" gives a recommendations section's "1." its number: the number a reply
# names it by ("On recommendation 3", "your fourth recommendation"). A paragraph holding two or
# more recommendations gives none of them its number.
_PARAGRAPH_NUMBER = re.compile(r"[ \t]*(\d{1,3})\.[ \t]+")


def _paragraph_numbers(doc: Document, blocks: list, items: list[Found]) -> None:
    for block in blocks:
        if not block.bullet:
            continue  # the number is the list's marker, before the block
        number = _PARAGRAPH_NUMBER.fullmatch(_marker(doc.text, block.start) + " ")
        held = [f for f in items if block.start <= f.start < block.end]
        if number and len(held) == 1 and held[0].label is None:
            held[0].label = number.group(1)


def _detect_sentence(doc: Document) -> list[Found]:
    found = _unlabelled(doc.flat, doc.blocks, commentary=False)
    if doc.doc_type == "letter":
        found += _letter_requests(doc, found)
    found += [f for f in counted_items(doc) if not _overlaps(f, [(g.start, g.end) for g in found])]
    found.sort(key=lambda f: f.start)
    return found


def _letter_requests(doc: Document, found: list[Found]) -> list[Found]:
    """A letter's requests without a modal ("Please provide ...", "I would like you to ...":
    rule "letter-requests"), each a sentence the other rules did not take."""
    out = []
    for block in doc.blocks:
        for start, end in sentence_spans(doc.flat, block.start, block.end):
            sentence = doc.flat[start:end]
            if sentence.rstrip().endswith("?") or not requests(sentence):
                continue
            if not any(f.start < end and start < f.end for f in found):
                out.append(Found(start, end, "sentence"))
    return out


def _detect_imperative(doc: Document) -> list[Found]:
    return imperative_items(doc)


DETECTORS: list[Detector] = [
    Detector("labelled", _detect_labelled, 0.9, True, '"Recommendation 3: ..." items'),
    Detector("quoted", _detect_quoted, 0.9, True, "a response's quoted recommendations"),
    Detector("reply", _detect_reply, 0.9, True, "a reply's numbered headings and verdicts"),
    Detector("section", _detect_section, 0.8, True, "numbered items of a recommendations section"),
    Detector(
        "conclusions", _detect_conclusions, 0.8, True, 'calls in "Conclusions and recommendations"'
    ),
    Detector(
        "imperative", _detect_imperative, 0.75, True, "imperative/gerund items under such headings"
    ),
    Detector("table", table_rows, 0.8, True, "rows of a recommendations table run together"),
    Detector("concerns", concern_items, 0.8, True, "a coroner's report's matters of concern"),
    Detector("sentence", _detect_sentence, 0.6, False, '"we recommend", "X should" sentences'),
]
BY_NAME = {d.name: d for d in DETECTORS}


def disabled(*names: str) -> contextlib.AbstractContextManager[None]:
    """Switch detectors off for the block (ablation)."""
    return switched_off(BY_NAME, names, "detector")


def _detect_prose(doc: Document) -> list[Found]:
    if _quotes_recommendations(doc):
        return []
    return answer_paragraphs(doc.text, doc.doc_type)


# Rule "answer-paragraphs" (``replies.answer_paragraphs``) is a fallback: a reply's prose
# paragraphs are read as its answers only when no other detector proposed anything in it (a
# letter making calls of its own, a response quoting or numbering its recommendations, a
# minute restating them under labels: the other detectors read those).
FALLBACK = Detector(
    "prose", _detect_prose, 0.9, True, "a reply's prose answers, where nothing else is found"
)
BY_NAME[FALLBACK.name] = FALLBACK


def candidates(doc: Document) -> list[Found]:
    """Every enabled detector's proposals, each stamped with its detector and heading path;
    the fallback's (``FALLBACK``) when there are none."""
    out = _candidates(doc, DETECTORS)
    if not out and FALLBACK.enabled:
        out = _candidates(doc, [FALLBACK])
    return out


def fallback_candidates(doc: Document) -> list[Found]:
    """The fallback's proposals alone (``FALLBACK``), whatever the others proposed."""
    return _candidates(doc, [FALLBACK]) if FALLBACK.enabled else []


def _candidates(doc: Document, detectors: list[Detector]) -> list[Found]:
    out = []
    for detector in detectors:
        if not detector.enabled:
            continue
        for item in detector.find(doc):
            item.detector = detector.name
            item.detectors = [detector.name]
            item.heading_path = doc.heading_path(item.start)
            item.confidence = detector.trust
            out.append(item)
    return out
