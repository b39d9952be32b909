"""One resolver decides among the detectors' candidates.

- It drops what can never be a recommendation: anything on a contents page, and boilerplate
  (stock phrases kept as data in ``BOILERPLATE``: correspondence addresses, "not ... legal
  advice", licence and copyright lines; and, when the caller says so, sentences repeated across
  many documents of the library).
- It scores each candidate's confidence: its detector's trust, lowered (never raised) by what
  the document says about itself: sentence-level calls outside the document's own
  recommendations apparatus (labels, sections) when it has one; the document's type
  (``TYPE_PENALTY``).
  Type lowers a confidence; it never empties a document of its structured recommendations.
- It merges candidates that overlap (two detectors found the same words) and restatements (the
  same recommendation in a summary list and in the body) into one item with several locations.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from bot.recs.extract.calls import _MODAL, _RECOMMEND, _URGE
from bot.recs.extract.concerns import concern_calls
from bot.recs.extract.detectors import BY_NAME
from bot.recs.extract.found import Found
from bot.recs.extract.letters import announces, requests
from bot.recs.extract.ordinals import counted_ask, ordinal_paragraphs
from bot.recs.extract.pointers import pointed_paragraphs
from bot.recs.extract.rules import on
from bot.recs.extract.sentences import bare_modal_lead
from bot.recs.extract.structure import _SECTION, Document, _Block

THRESHOLD = 0.5

# Stock phrases that make a "should" sentence furniture, not a call (data; each seen in documents
# of at least two publishers).
BOILERPLATE = [
    r"\bcorrespondence\s+should\s+be\s+addressed\b",
    r"\b(?:enquiries|queries|requests)\s+(?:\w+\s+){0,4}should\s+be\s+(?:sent|addressed|made|directed)\b",
    r"\bshould\s+not\s+(?:rely|be\s+relied)\s+(?:up)?on\b",
    r"\b(?:legal|professional)\s+advice\b",
    r"\bsuitably\s+qualified\s+professional\b",
    r"\bnot\s+necessarily\s+(?:be\s+)?updated\b",
    r"\b(?:open\s+(?:government|parliament)\s+licen[cs]e|crown\s+copyright|parliamentary\s+copyright)\b",
    r"\bcopyright\s+(?:holders?|owners?)\b",
    r"\bthird[-\s]party\s+copyright\b",
    r"\bpermission\s+(?:should|must)\s+be\s+obtained\b",
    r"\bthis\s+publication\s+is\s+(?:available|licensed)\b",
]
_BOILERPLATE = re.compile("|".join(BOILERPLATE), re.IGNORECASE)

DEBATE_TYPES = {"hansard", "transcript", "debate", "evidence", "oral-evidence"}
COMMENTARY_TYPES = {"blog", "article", "news", "speech", "press-release", "opinion"}
# How much a document type lowers each kind of candidate (data). "call": a sentence whose only
# sign is "should"/"must"; "explicit": "we recommend"; "urge": "we urge X to", "I would ask that";
# "reported": "the committee recommends" (in a committee's report its own voice, elsewhere someone
# else's); "structured": labelled items, sections, quoted recommendations.
TYPE_PENALTY: dict[str, dict[str, float]] = {
    "debate": {"call": 0.6, "explicit": 0.6, "urge": 0.6, "reported": 0.6, "structured": 0.3},
    "commentary": {"call": 0.3, "urge": 0.3, "reported": 0.3},
    "other": {"call": 0.25, "urge": 0.25, "reported": 0.25},
}
# (at least this many "I/we recommend", and calls at least this many times as many)
EXPLICIT_AUTHOR = (3, 2)
OUTSIDE_APPARATUS = 0.35  # a sentence call outside the labels/sections of a document that has them
# A document that speaks of recommendations ("the report recommends", "I make 19 recommendations")
# without making any in its own voice ("we recommend that") or any apparatus reports them: its
# bare "should"/"must" sentences are someone else's words or said in passing (rule
# "reported-recommendations").
REPORTED = 0.15
# An author who marks its recommendations in so many words ("we recommend", "we urge") in most of
# the items of one list (a report's "conclusions and recommendations", the paragraphs a response
# quotes) lists its conclusions beside them: the items that do not say so are conclusions (rule
# "explicit-style"). At least this many items of one detector, at least this share explicit, and
# how much the others are lowered.
EXPLICIT_STYLE = (12, 0.75, 0.45)
_STYLE_DETECTORS = ("quoted", "conclusions")
_SPEAKS_OF = re.compile(r"\brecommend(?:s|ed|ations?)\b", re.IGNORECASE)


# Rule "reply-duty" (round 18): the sentence that tells the recipient it must answer the document
# itself within a set time ("The council must answer us in writing within 28 days, ...", "...
# must respond to these recommendations ... within N days", the coroner's form's duty to respond
# to its report within N days) states the duty to reply that the statute or the form sets, not a
# recommendation of the document. The answer must be to the document (us, me, this report, these
# recommendations), and the time in days or weeks; a third party asked to respond to another
# body's recommendations within months is a recommendation and stays. Witnesses: heldout18's
# IOPC page (a false item), heldout12's IOPC letter and heldout15's coroner's report (other
# writers; their gold lists the sentence as doubtful).
REPLY_DUTY = re.compile(
    r"\b(?:must|should|shall|(?:is|are)\s+required\s+to|(?:is|are)\s+under\s+a\s+duty\s+to)"
    r"\s+(?:respond|reply)\s+(?:to\s+(?:us|me|this\s+(?:report|letter)|these\s+recommendations|"
    r"our\s+recommendations|them)\b)?[^.;:]{0,40}?\bwithin\s+(?:\d+|[a-z]+)\s+(?:working\s+)?"
    r"(?:days|weeks)\b",
    re.IGNORECASE,
)
# Rule "announcing-sentences" (round 18): a sentence that announces what follows ("The table below
# sets out my recommendations, the agency I think should lead each one, ..."; "My recommendations
# are set out below") is none, whatever modal its clauses hold after the announcing words.
# Witnesses: heldout18's independent review (a false item: "should" in a relative clause); the
# same announcing sentences by other writers (heldout15's and heldout17's reviews, "summarised
# in the table below", "set out below"), and real (a government response: "Below we set out the
# 11 recommendations ... followed by our response").
ANNOUNCING = re.compile(
    r"^\W*(?:the\s+(?:table|list|box)\s+(?:below|that\s+follows)\s+(?:sets?\s+out|lists?|"
    r"summari[sz]es?|gives?|shows?|gathers?)\b"
    r"|(?:my|our|the\s+\w+(?:'s|’s)?)\s+recommendations\s+(?:are|is)\s+(?:set\s+out|listed|"
    r"summari[sz]ed|gathered)\s+(?:below|in\s+the\s+table\s+below)\b"
    r"|below\s+(?:I|we)\s+set\s+out\b|(?:I|we)\s+set\s+out\s+below\b)",
    re.IGNORECASE,
)


def reply_duty(sentence: str) -> bool:
    return on("reply-duty") and bool(REPLY_DUTY.search(_first_sentence(sentence)))


def announcing(sentence: str) -> bool:
    if not on("announcing-sentences"):
        return False
    first = _first_sentence(sentence)
    found = ANNOUNCING.search(first)
    modal = _MODAL.search(first)
    return bool(found) and (modal is None or found.start() < modal.start())


def _first_sentence(text: str) -> str:
    end = re.search(r"[.!?](?:\s|$)", text)
    return text[: end.end()] if end else text


def _type_class(doc_type: str) -> str | None:
    if doc_type in DEBATE_TYPES:
        return "debate"
    if doc_type in COMMENTARY_TYPES:
        return "commentary"
    if doc_type in ("other", "government-response"):
        return "other"
    return None


def _sign(doc: Document, item: Found) -> str:
    """What kind of evidence a candidate is: structured, explicit, reported or call."""
    if BY_NAME[item.detector].structured:
        return "structured"
    sentence = doc.flat[item.start : item.end]
    if item.intro and counted_ask(item.intro):
        sentence = item.intro  # "First, to publish ...": the ask its lead-in makes
    found = _RECOMMEND.search(sentence)
    if found:
        who = (found.group("who") or "").lower()
        if who in ("i", "we") or not who or _self_named(doc, who):
            return "explicit"
        return "reported"
    urge = _URGE.search(sentence)
    if urge and _self_named(doc, urge.group("who").lower()):
        return "explicit"  # "The Board asks the Home Office to ...", in the Board's report
    if urge or (doc.doc_type == "letter" and requests(sentence)):
        return "urge"
    return "call"


# The lines a document's title takes (rule "self-named-recommender"): the first few lines that
# are not sentences (no full stop, question or exclamation mark at the end), each short.
TITLE_LINES = (3, 100, 400)  # at most this many lines, each at most this long, within this much


def title_lines(text: str) -> str:
    most, longest, within = TITLE_LINES
    lines = [line.strip() for line in text[:within].splitlines() if line.strip()]
    titles = [ln for ln in lines[:most] if len(ln) <= longest and not re.search(r"[.!?]$", ln)]
    return " ".join(titles)


def _self_named(doc: Document, who: str) -> bool:
    """Whether "the Board" of "the Board recommends" is the body the document's title names,
    in a document typed "other" (rule "self-named-recommender")."""
    if doc.doc_type != "other" or not on("self-named-recommender"):
        return False
    if not who.startswith("the"):
        return False  # "I", "we": the author, but not named ("may I ask you ..." in a hearing)
    noun = " ".join(who.split()[-1:]).lower()
    if re.search(r"\bforce$", who):
        noun = "force"
    titles = title_lines(doc.text)
    if on("initials-self-named") and _spelled_out(noun, titles):
        return True  # "The IOPC recommends" under "Independent Office for Police Conduct"
    return bool(noun) and bool(re.search(rf"\b{re.escape(noun)}\b", titles, re.I))


# Rule "initials-self-named": a body named by its initials ("the IOPC") is the one the title
# spells out ("Independent Office for Police Conduct"): the initials of a run of the title's
# words, its small words passed over (data), are the acronym.
SMALL_TITLE_WORDS = {"for", "of", "and", "the", "in", "on", "to", "&"}


def _spelled_out(noun: str, titles: str) -> bool:
    if not re.fullmatch(r"[a-z&]{2,8}", noun):
        return False
    words = [w for w in re.findall(r"[A-Za-z&]+", titles) if w.lower() not in SMALL_TITLE_WORDS]
    initials = "".join(w[0].lower() if w[0].isupper() else " " for w in words)
    return any(part == noun.replace("&", "") for part in _runs(initials, len(noun)))


def _runs(initials: str, size: int) -> list[str]:
    """Every run of ``size`` consecutive capitalised words' initials."""
    return [initials[i : i + size] for i in range(len(initials) - size + 1)]


def _speaks_of_recommendations(doc: Document) -> bool:
    """Whether the document's prose (not a heading or a contents line) mentions recommending."""
    for m in _SPEAKS_OF.finditer(doc.text):
        line_start = doc.text.rfind("\n", 0, m.start()) + 1
        line_end = doc.text.find("\n", m.end())
        line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
        if not doc.in_contents(m.start()) and len(line.split()) >= 8:
            return True
    return False


# Rule "advice-disclaimer" (round 20): "legal advice" / "professional advice" is furniture only in
# a disclaimer ("not ... as legal advice", "does not constitute legal advice", "seek
# professional advice"); a call about advice ("every victim ... is offered independent legal
# advice") is a recommendation. Before, any sentence naming legal advice was dropped, and with it
# a committee's recommendation and its government's answer (tests/recs/pairs-heldout20's
# committee report and response, p1); the disclaimers the stock phrase was for are still
# furniture (tests/recs/kinds5's inquiry page, test_detectors' briefing: "rely on this ... as
# legal advice"). Off: the stock phrase as before.
_ADVICE = re.compile(r"\b(?:legal|professional)\s+advice\b", re.IGNORECASE)
_ADVICE_DISCLAIMER = re.compile(
    r"\b(?:as|constitutes?|constituting|seek|seeking|obtain|take|taking|substitute\s+for|not|nor"
    r"|no)\s+(?:(?:specific|independent|formal)\s+)?(?:legal|professional)\s+advice\b",
    re.IGNORECASE,
)


def is_boilerplate(sentence: str) -> bool:
    if on("advice-disclaimer"):
        found = _BOILERPLATE.search(sentence)
        while found and _ADVICE.fullmatch(found.group(0)):
            if _ADVICE_DISCLAIMER.search(sentence):
                return True
            found = _BOILERPLATE.search(sentence, found.end())
        return bool(found)
    return bool(_BOILERPLATE.search(sentence))


def resolve(
    doc: Document,
    found: list[Found],
    repeated: Callable[[str], bool] | None = None,
) -> list[Found]:
    """The recommendations among ``found`` (candidates from every detector), merged, scored and
    in document order."""
    kept = []
    for item in found:
        body = doc.text[item.start : item.end]
        if doc.in_contents(item.start) or is_boilerplate(body):
            continue
        if repeated is not None and repeated(body):
            continue
        if doc.doc_type == "letter" and item.kind == "sentence" and announces(body):
            continue  # "... to consider the following measures.": the requests come after it
        if item.kind == "sentence" and counted_ask(body):
            continue  # "I would ask the board to do three things.": its ordinals are the asks
        if item.kind == "sentence" and (reply_duty(body) or announcing(body)):
            continue  # "The council must respond to us within 28 days"; "The table below sets out"
        kept.append(item)
    if on("action-plans"):
        kept = _within_plan_rows(doc, kept)
    structured = {n for n, d in BY_NAME.items() if d.structured}
    kept = pointed_paragraphs(doc, kept, structured)
    kept = concern_calls(kept, structured)
    for item in kept:
        _trim_heading(doc, item)
        _evidence_label(doc, item)
    ordinal_paragraphs(doc, kept)
    _score(doc, kept)
    _explicit_style(doc, kept)
    merged = _merge_overlaps(kept)
    merged = _merge_restatements(doc, merged)
    return sorted((f for f in merged if f.confidence >= THRESHOLD), key=lambda f: f.start)


def _within_plan_rows(doc: Document, found: list[Found]) -> list[Found]:
    """An action plan's table (rule "action-plans") gives one item a row, its quoted cell: any
    other candidate that runs over two of its rows (a section's paragraph taking the whole
    table) or lies in a row outside the quoted cell (the action column's "Showers refitted ...")
    is part of the table, not an item."""
    rows = [f for f in found if f.answers and f.detector == "table"]
    if not rows and on("table-rows-not-wrappers"):
        # rule "table-rows-not-wrappers" (round 22): a table of the document's own
        # recommendations read row by row is read so whatever it answers; a candidate running
        # over two of its rows (a section's "sentence" taking the whole table) is the table
        rows = [f for f in found if f.detector == "table" and " | " in _row_line(doc.text, f)]
    if not rows:
        return found
    text = doc.text
    lines = [(text.rfind("\n", 0, f.start) + 1, _line_end(text, f.end)) for f in rows]
    kept = []
    for item in found:
        if item in rows:
            kept.append(item)
            continue
        over = [i for i, (a, b) in enumerate(lines) if item.start < b and a < item.end]
        cells = [i for i in over if item.start < rows[i].end and rows[i].start < item.end]
        if len(over) >= 2 or (over and not cells):
            continue
        kept.append(item)
    return kept


def _row_line(text: str, item: Found) -> str:
    return text[text.rfind("\n", 0, item.start) + 1 : _line_end(text, item.end)]


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


_HEADING_LINE = re.compile(r"[ \t]*[^\n.!?:;,]{1,60}\n[ \t]*(?=[A-Z‘“\"])")


def _trim_heading(doc: Document, item: Found) -> None:
    """A heading line run into a sentence's span ("Summary" then "The Home Office should ...")
    is not part of the recommendation."""
    m = _HEADING_LINE.match(doc.text, item.start, item.end)
    if m and len(m.group().split()) <= 8 and m.end() < item.end:
        item.start = m.end()


def _score(doc: Document, found: list[Found]) -> None:
    structured = [f for f in found if BY_NAME[f.detector].structured]
    regions = [(f.start, f.end) for f in structured]
    signs = {id(f): _sign(doc, f) for f in found}
    # An author who recommends in so many words, often, and whose "should" sentences far
    # outnumber those recommendations, uses "should" to reason: there the explicit words decide
    # (the same rule as a "conclusions and recommendations" paragraph that says "we recommend").
    explicit = sum(s == "explicit" for s in signs.values())
    calls = sum(s == "call" for s in signs.values())
    reasoning = (
        not structured and explicit >= EXPLICIT_AUTHOR[0] and calls >= EXPLICIT_AUTHOR[1] * explicit
    )
    reports_them = (
        on("reported-recommendations")
        and not structured
        and not any(s in ("explicit", "urge") for s in signs.values())
        and _speaks_of_recommendations(doc)
    )
    kind = _type_class(doc.doc_type)
    # A document that labels its recommendations is taken at its word: inside a section that
    # holds labelled items, what the labels do not cover is the section's prose.
    labelled = [f for f in structured if f.detector == "labelled"]
    labelled_sections = [
        (s.start, s.end) for s in doc.sections if any(s.start <= f.start < s.end for f in labelled)
    ]
    for item in found:
        sign = signs[id(item)]
        item.explicit = sign in ("explicit", "urge")
        if item.detector != "labelled" and any(a <= item.start < b for a, b in labelled_sections):
            # a numbered item under a bare-modal lead-in is the section's list, not its prose:
            # labels for one rank of recommendation, such a list for another (rule
            # "qualified-labels")
            listed = on("qualified-labels") and _numbered_item(doc, item)
            listed = listed or (on("unlabelled-parts") and _unlabelled_part(doc, item, labelled))
            if not listed and not any(item.start < f.end and f.start < item.end for f in labelled):
                item.confidence -= OUTSIDE_APPARATUS
        score = item.confidence
        # a call that carries its own evidence in a document typed "other" (rule
        # "evidenced-calls") is neither lowered for the type nor taken for a reported one
        evidenced = sign in ("call", "urge") and doc.doc_type == "other" and _evidenced(doc, item)
        if sign == "call":
            score -= 0.1
            if reasoning:
                score -= 0.2
            if reports_them and not evidenced:
                score -= REPORTED
        if sign != "structured" and structured:
            if not any(item.start < b and a < item.end for a, b in regions):
                score -= OUTSIDE_APPARATUS
        if kind and not evidenced:
            score -= TYPE_PENALTY[kind].get(sign, 0.0)
        item.confidence = round(score, 3)


# Rule "evidenced-calls" (round 21): "other" is the type that says the typing found no kind, so
# it is no evidence against a call; what the call carries is. A call that opens with a
# recommendation label, sits under a heading naming recommendations or the change asked, or
# under a lead-in announcing recommendations keeps its confidence in such a document (data); a
# call reported as another's ("the inspectorate recommends") stays lowered as before. A
# code of practice's, a blog's or a consultation's "should" has none of these and stays lowered.
EVIDENCE_LABEL = re.compile(
    r"\W{0,3}(?:[A-Za-z-]+\s+){0,2}?recommendation\s+\d{1,3}(?:\.\d{1,3})*"
    r"(?:[ \t]*[.:–—-]?[ \t]+(?-i:[A-Z])|[ \t]*:)",
    re.IGNORECASE,
)
EVIDENCE_HEADING = re.compile(
    r"\brecommendations?\b|\bwhat\s+(?:needs?|must|should|has)\s+(?:to\s+)?(?:change|happen)\b"
    r"|\b(?:changes|actions|improvements)\s+(?:needed|required|we\s+(?:want|ask\s+for|seek))\b",
    re.IGNORECASE,
)
EVIDENCE_LEAD_IN = re.compile(
    r"\b(?:my|our|the|these|its|their)\s+(?:[\w-]+\s+){0,2}recommendations?\b[^\n]{0,120}:\s*\Z",
    re.IGNORECASE,
)


def _evidenced(doc: Document, item: Found) -> bool:
    """Whether a call carries its own evidence of being a recommendation (rule
    "evidenced-calls")."""
    if not on("evidenced-calls"):
        return False
    if (item.label and item.detector == "sentence") or EVIDENCE_LABEL.match(doc.text, item.start):
        return True
    path = item.heading_path or doc.heading_path(item.start)
    if path and EVIDENCE_HEADING.search(path[-1]):
        return True
    if any(EVIDENCE_HEADING.search(line) for line in _heading_lines_above(doc, item.start)):
        return True
    lead = _lead_in_block(doc, item.start)
    return lead is not None and bool(EVIDENCE_LEAD_IN.search(doc.text[lead.start : lead.end]))


# heading lines read above a call: a heading, then a recipient's line ("Recipient: ...")
HEADING_LINES_ABOVE = 3
_LABEL_RUN_IN = re.compile(
    r"\W{0,3}(?P<label>(?:[A-Za-z-]+\s+){0,2}?recommendation\s+(?P<num>\d{1,3}(?:\.\d{1,3})*))"
    r"[ \t]*[.:–—-]?[ \t]+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)


def _evidence_label(doc: Document, item: Found) -> None:
    """A sentence call of a document typed "other" that opens with its recommendation label
    ("Recommendation 2.1 The board should ...") keeps the label as its label and its words
    after it as its text, as a labelled item does (rule "evidenced-calls")."""
    if doc.doc_type != "other" or item.detector != "sentence" or not on("evidenced-calls"):
        return
    m = _LABEL_RUN_IN.match(doc.text, item.start, item.end)
    if m and m.end() < item.end and item.label is None:
        item.label = f"Recommendation {m.group('num')}"
        item.start = m.end()


def _heading_lines_above(doc: Document, offset: int) -> list[str]:
    """The heading lines just above the paragraph that holds ``offset``, nearest first, up to
    the first block that is prose (a heading, then a "Recipient" line, then the call)."""
    before = [b for b in doc.blocks if b.end <= offset or b.start <= offset < b.end]
    if not before:
        return []
    lines = []
    for block in reversed(before[:-1] if before[-1].start <= offset < before[-1].end else before):
        if not _title_line(doc, block) or len(lines) >= HEADING_LINES_ABOVE:
            break
        lines.append(doc.text[block.start : block.end].strip())
    return lines


def _title_line(doc: Document, block) -> bool:
    """A block that is one short line with no sentence's end: a heading, even one whose words
    hold a modal ("What must change")."""
    body = doc.text[block.start : block.end].strip()
    return (
        bool(body)
        and "\n" not in body
        and len(body) <= _HEADING_LINE_MAX
        and bool(re.match(r"[A-Z0-9]", body))  # not a quotation's or a hearing's fragment
        and "--" not in body
        and not re.search(r"[.,;:!?]$", body)
    )


def _lead_in_block(doc: Document, offset: int):
    """The paragraph before the run of list items that holds ``offset`` (None when the offset
    is in no list item)."""
    blocks = [b for b in doc.blocks if b.start <= offset]
    if not blocks or not blocks[-1].bullet:
        return None
    for block in reversed(blocks):
        if not block.bullet:
            return block
    return None


# Rule "unlabelled-parts": a section that holds labelled items may hold a part of another kind
# under its own recommendations heading ("Recommendations" with "Recommendation 1", then "Areas
# for development" with unlabelled calls; or "Recommendations" with a call and its list, then
# "Areas for improvement" with "Area for improvement 1"). An item whose nearest heading line is
# such a heading, under which no label stands, is that part's own, not the labels' prose. Items
# under a topic heading ("Missing persons") stay the labels' prose, lowered. The headings (data):
# a recommendations section's, and these.
PART_HEADINGS = re.compile(r"[ \t]*areas?\s+for\s+(?:improvement|development)[ \t]*:?[ \t]*$", re.I)
_HEADING_LINE_MAX = 80


def _heading_line(doc: Document, block) -> bool:
    body = doc.text[block.start : block.end].strip()
    return (
        bool(body)
        and "\n" not in body
        and len(body) <= _HEADING_LINE_MAX
        and not re.search(r"[.,;:!?]$", body)
        and not _MODAL.search(body)
    )


def _part_heading(doc: Document, offset: int):
    """The nearest heading line above ``offset`` (a block of its own, or with rule
    "heading-line-run-in" a recommendations heading on the first line of the block that holds
    ``offset``), as (start, end), or None."""
    for block in reversed(doc.blocks):
        if block.start >= offset:
            continue
        if block.end <= offset and _heading_line(doc, block):
            return (block.start, block.end)
        if on("heading-line-run-in"):
            line = _first_line_heading(doc, block, offset)
            if line is not None:
                return line
    return None


def _first_line_heading(doc: Document, block, offset: int) -> tuple[int, int] | None:
    """The first line of ``block`` when it is a heading run into its paragraph with no blank
    line and ``offset`` lies below it: a recommendations heading of its own, or a short topic
    heading above a line that opens with a capital (not a label's line, "Area for improvement
    4", which is the label's own, nor a wrapped sentence's first line). It heads that paragraph
    and those after it."""
    line_end = doc.text.find("\n", block.start, block.end)
    if line_end < 0 or offset <= line_end:
        return None
    line = _Block(block.start, line_end, False, block.para)
    if not _heading_line(doc, line):
        return None
    if _is_part_heading(doc, line):
        return (line.start, line.end)
    title = doc.text[line.start : line.end].strip()
    below = doc.text[line_end + 1 : block.end].lstrip()
    if len(title) <= _RUN_IN_TOPIC_MAX and below[:1].isupper() and not title[-1:].isdigit():
        return (line.start, line.end)
    return None


_RUN_IN_TOPIC_MAX = 60


def _is_part_heading(doc: Document, block) -> bool:
    body = doc.text[block.start : block.end]
    return bool(_SECTION.match(body) or PART_HEADINGS.match(body))


def _unlabelled_part(doc: Document, item: Found, labelled: list[Found]) -> bool:
    """Whether ``item`` sits under a recommendations heading of its own, inside a section that
    holds labels, with no label under that heading (rule "unlabelled-parts")."""
    heading = _part_heading(doc, item.start)
    if heading is None or not _is_part_heading(doc, _Block(*heading, False, 0)):
        return False
    return all(_part_heading(doc, f.start) != heading for f in labelled)


def _numbered_item(doc: Document, item: Found) -> bool:
    """An item of a recommendations section's numbered list under a lead-in that ends with its
    modal ("The force should:" then "1. review ...")."""
    if item.detector != "section" or item.kind != "list" or not item.intro:
        return False
    if not bare_modal_lead(item.intro):
        return False
    marker = doc.text[doc.text.rfind("\n", 0, item.start) + 1 : item.start].strip(" (")
    return bool(re.fullmatch(r"\d{1,3}[.)]", marker))


def _says_recommend(doc: Document, item: Found) -> bool:
    body = doc.text[item.start : item.end]
    return bool(_RECOMMEND.search(body) or _URGE.search(body))


def _explicit_style(doc: Document, found: list[Found]) -> None:
    """Lower the items of a list whose author marks its recommendations in so many words, where
    an item does not say so, and every candidate inside such an item that does not say so
    either (rule "explicit-style")."""
    if not on("explicit-style"):
        return
    least, share, penalty = EXPLICIT_STYLE
    lowered: list[tuple[int, int]] = []
    for name in _STYLE_DETECTORS:
        items = [f for f in found if f.detector == name]
        marked = [_says_recommend(doc, f) for f in items]
        if len(items) >= least and sum(marked) >= share * len(items):
            lowered += [(f.start, f.end) for f, m in zip(items, marked, strict=True) if not m]
    if not lowered:
        return
    for item in found:
        inside = any(item.start < b and a < item.end for a, b in lowered)
        if inside and not _says_recommend(doc, item):
            item.confidence = round(item.confidence - penalty, 3)


def _merge_overlaps(found: list[Found]) -> list[Found]:
    """Candidates whose spans overlap are one item: the most trusted span is kept."""
    out: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.confidence)):
        same = next((o for o in out if item.start < o.end and o.start < item.end), None)
        if same is None:
            out.append(item)
            continue
        # the most trusted; on a tie the detector first in the registry (labels before quotes)
        best, other = (same, item) if _rank(same) <= _rank(item) else (item, same)
        _absorb(best, other, keep_location=False)
        if best is item:
            out[out.index(same)] = item
    return out


_ORDER = {name: i for i, name in enumerate(BY_NAME)}


def _rank(item: Found) -> tuple[float, int]:
    return (-item.confidence, _ORDER[item.detector])


def _absorb(best: Found, other: Found, keep_location: bool) -> None:
    for name in other.detectors:
        if name not in best.detectors:
            best.detectors.append(name)
    best.label = best.label or other.label
    best.response = best.response or other.response
    best.response_text = best.response_text or other.response_text
    best.due_words = best.due_words or other.due_words
    best.answers = best.answers or other.answers
    if not best.heading_actors:
        best.heading_actors, best.owned = other.heading_actors, other.owned
        best.owner_named = other.owner_named
    if other.addressed and not best.addressed:
        # an addressee heading above the copy the other detector read (rule "addressee-headings")
        best.heading_actors, best.addressed = other.heading_actors, True
    best.intro = best.intro or other.intro
    best.confidence = max(best.confidence, other.confidence)
    if not best.locations:
        best.locations = [(best.start, best.end)]
    if keep_location:
        best.locations += other.locations or [(other.start, other.end)]


_WORD = re.compile(r"\w+")


def _key(doc: Document, item: Found) -> str:
    return " ".join(_WORD.findall(doc.text[item.start : item.end].lower())[:40])


def _restated_label(item: Found) -> str:
    """The label restatements must share: a plain list number ("1", rule list-number-labels) is
    no label here, since a summary's numbered list is restated in the body without it."""
    label = item.label or ""
    return "" if label.isdigit() else label


def _same_label(one: Found, other: Found) -> bool:
    """Whether two copies of a wording may be one recommendation: the same label, or (rule
    "unlabelled-restatements") one labelled and the other bearing none, as a summary box of key
    recommendations repeats "Recommendation 3" without its label."""
    a, b = _restated_label(one), _restated_label(other)
    return a == b or (on("unlabelled-restatements") and not (a and b))


def _merge_restatements(doc: Document, found: list[Found]) -> list[Found]:
    """The same recommendation printed twice (a summary list and the body, a report's closing
    list): one item, at its most trusted copy (the later one when equally trusted), with every
    location."""
    out: list[Found] = []
    keys: list[str] = []
    for item in sorted(found, key=lambda f: f.start):
        key = _key(doc, item)
        at = next(
            (
                i
                for i, k in enumerate(keys)
                if len(key) > 30
                and (k[:90] == key[:90] or fuzz.ratio(k, key) >= 90)
                and _same_label(out[i], item)
            ),
            None,
        )
        if at is None:
            out.append(item)
            keys.append(key)
            continue
        previous = out[at]
        if item.confidence >= previous.confidence:
            _absorb(item, previous, keep_location=True)
            out[at], keys[at] = item, key
        else:
            _absorb(previous, item, keep_location=True)
    return out
