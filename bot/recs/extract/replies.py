"""A reply that answers each recommendation under a heading of its own (rule "numbered-replies"):

* "Recommendation 1 (sergeant review of risk assessments)" or "Recommendation 1 - late discharge
  notifications", then "Agree. ..." / "Trust response: Complete. ..." on the next line;
* "Rec 1 (complaint cards): Agreed. ..." with the verdict on the heading's own line;
* "Point 1: <the recommendation's words>" then "Response: Accepted. ...";
* "Recommendation 1 (report paragraph 5.1): <part of the recommendation>" or, in a response
  document, its own number "1. On <part of the recommendation>", then a paragraph whose first
  sentence answers it ("The Department partially accepts this recommendation.").

Each heading gives one response item: the words it quotes when it quotes them, else the heading
itself (its label and topic: all a number-and-topic reply says of the recommendation), with the
label ("Recommendation 1", "Rec 1", "Point 1"; "paragraph 5.1" when the heading cites the
report's own number), and the stance of the answer after it. Only where at least two headings
are each answered at once by a verdict (a heading word, "Response: ...", or a sentence about
"this recommendation"): a report's own labelled recommendations are followed by their words, not
by verdicts. A bare number ("1. On ...") counts only in a document that says it is a response or
reply near its start, or is typed one.

Witnesses (written, from different publishers' shapes): tests/recs/pairs11 (a chief constable's
reply letter, a department's renumbered response citing the report's paragraphs) and
tests/recs/pairs12 (a trust's reply letter, an advisory group's force reply "Rec N (topic):", a
chief constable's "Point N" reply, a college's response with its own numbering); the "Point N" /
"Response:" shape also in tests/recs/kinds11 (round 11's written kinds).
"""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.stance import LOOK_AHEAD, classify

# A heading at a line's start: its label and number, then the rest of its line.
_HEAD_PATTERN = (
    r"^[ \t]*(?:(?P<label>(?:Recommendation|Rec\.?|R|Point{concern})[ \t]*"
    r"(?P<num>\d{{1,3}}{dotted}[a-z]?)\b)\.?|(?P<bare>\d{{1,2}})\.(?=[ \t]+On\b){refd})"
    r"(?P<rest>[^\n]*)"
)
# Rule "dotted-references" (round 22, helper pairs23): a recommendation numbered within its
# chapter ("Recommendation 3.1", "Rec 4.2") is named by its whole number, in a reply's heading
# as in the report: before, the heading read "Recommendation 3" and took ".1" for the start of
# its quote (so "3.1" and "3.2" both named recommendation 3, and each item's text was "1"), and
# a heading holding only "Recommendation 3.1" was no reference heading (rule
# "reference-headings" read "Recommendation 3" alone). Why it should hold on replies nobody has
# written yet: reviews and inquiries number recommendations by chapter as often as in one
# series, and a reply names them as the report does; the number is read whole, nothing else
# changes. Witnesses (written, two writers): tests/recs/pairs-heldout22's board response (DOCX,
# a "Recommendation 2.1" line under each chapter heading) and tests/recs/heldout21's
# independent review (chapter-numbered recommendations and
# the plan's "7.2" references to them, read by rule "paragraph-rows").
_DOTTED = r"(?:\.\d{1,3})?"
# Rule "reference-replies" (round 18): the response's own number, perhaps bold, then the report's
# reference in brackets and a colon ("**1 (A1): <topic>.**", "2 (B2): \u201c<part quote>\u201d"):
# the reference is the item's label. Witnesses (written, two writers): tests/recs/pairs-heldout18's
# force response to a review (its own numbers 1-8, the review's A1-C3 in brackets) and
# tests/recs/pairs11's department response ("Recommendation 1 (report paragraph 5.1): <part
# quote>", the report's number in brackets after the response's own, read by ``_REF``).
_REFERENCE = r"[A-Z]{1,2}\d{1,2}[a-z]?"
_REFD = r"|\*{0,2}(?P<refd>\d{1,2})(?=[ \t]+\(" + _REFERENCE + r"\)[ \t]*:)"
_CONCERN = "|(?:Matter[ \t]+of[ \t]+)?[Cc]oncern"
_HEAD = re.compile(_HEAD_PATTERN.format(concern="", refd="", dotted=""), re.MULTILINE)
_REFD_HEAD = re.compile(_HEAD_PATTERN.format(concern="", refd=_REFD, dotted=""), re.MULTILINE)
_LETTER_REF = re.compile(r"\A[ \t]*\((?P<ref>" + _REFERENCE + r")\)")
# Rule "concern-replies" (shipped off: one witness): a reply to a coroner's report answers each
# matter of concern under "Concern 1: <the concern, perhaps in part>", then a verdict on it ("We
# accept this concern in full.") (tests/recs/pairs-heldout12's trust letter; no real reply in
# the corpora).
_CONCERN_HEAD = re.compile(_HEAD_PATTERN.format(concern=_CONCERN, refd="", dotted=""), re.MULTILINE)
_CONCERN_REFD_HEAD = re.compile(
    _HEAD_PATTERN.format(concern=_CONCERN, refd=_REFD, dotted=""), re.MULTILINE
)
_DOTTED_HEADS = {
    (concern, refd): re.compile(
        _HEAD_PATTERN.format(
            concern=_CONCERN if concern else "", refd=_REFD if refd else "", dotted=_DOTTED
        ),
        re.MULTILINE,
    )
    for concern in (False, True)
    for refd in (False, True)
}


def _heads() -> re.Pattern:
    if on("dotted-references"):
        return _DOTTED_HEADS[(on("concern-replies"), on("reference-replies"))]
    if on("reference-replies"):
        return _CONCERN_REFD_HEAD if on("concern-replies") else _REFD_HEAD
    return _CONCERN_HEAD if on("concern-replies") else _HEAD


# "(report paragraph 5.1)", "(paragraph 5.1 of the report)": the report's own number.
_REF = re.compile(
    r"\A[ \t]*\((?:the\s+)?(?:report(?:['’]s)?\s+)?(?:paragraph|para\.?|recommendation)\s*"
    r"(?P<ref>\d{1,2}(?:\.\d{1,3})*[a-z]?)(?:\s+of\s+the\s+(?:report|review))?\)"
)
_TOPIC_PARENS = re.compile(r"\A[ \t]*\((?P<topic>[^()\n]{2,100})\)")
_TOPIC_DASH = re.compile(r"\A[ \t]+[-–—][ \t]+(?P<topic>[^:\n]{2,100}?)[ \t]*(?=:|$)")
# "Response:", "Trust response:", "The Commissioner's response:", "Force response -".
_ANSWER_MARK = re.compile(
    r"\A[ \t]*(?:(?:the\s+)?(?:[A-Z][\w'’]*\s+){0,2})?(?:[Rr]esponse|[Rr]eply)[ \t]*[:–—-]",
)
_REPLY_FRONT = re.compile(r"\b(?:response|reply|responds?)\s+to\b", re.I)
RESPONSE_TYPES = {"government-response", "response", "letter"}
MIN_HEADS = 2  # headings answered at once by a verdict before any counts


def _verdict(answer: str, look_ahead: int = 2) -> bool:
    """Whether an answer opens with a verdict: a heading word ("Agree.", "Complete."), a
    "Response:" line, or a sentence that accepts, notes or refuses "this recommendation"."""
    verdict = classify(answer, look_ahead=look_ahead)
    if verdict is None:
        return False
    return bool(
        verdict.rule.startswith("heading")
        or _ANSWER_MARK.match(answer)
        or re.search(r"\brecommendation\b", verdict.sentence, re.I)
        or (on("concern-replies") and re.search(r"\bconcern\b", verdict.sentence, re.I))
    )


def _next_paragraph(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the next non-blank line's paragraph from ``at``."""
    m = re.compile(r"\S").search(text, at)
    if m is None:
        return len(text), len(text)
    end = re.compile(r"\n[ \t]*\n").search(text, m.start())
    return m.start(), end.start() if end else len(text)


def replies(text: str, doc_type: str) -> list[Found]:
    """The reply's items (see the module's docstring); none unless ``MIN_HEADS`` are answered."""
    if not on("numbered-replies"):
        return []
    front = _REPLY_FRONT.search(text[:1500]) or doc_type in RESPONSE_TYPES
    found = []
    for m in _heads().finditer(text):
        refd = m.groupdict().get("refd")
        if (m.group("bare") or refd) and not front:
            continue
        rest_at = m.start("rest")
        rest = m.group("rest")
        label = " ".join(m.group("label").split()) if m.group("label") else None
        ref = _REF.match(rest)
        topic_end = None
        letter = _LETTER_REF.match(rest) if refd else None
        if letter:
            label = letter.group("ref")  # the report's reference: "A1"
            rest_at += letter.end()
            rest = rest[letter.end() :]
        elif ref:
            label = f"paragraph {ref.group('ref')}"
            rest_at += ref.end()
            rest = rest[ref.end() :]
        elif (topic := _TOPIC_PARENS.match(rest) or _TOPIC_DASH.match(rest)) is not None:
            topic_end = rest_at + topic.end()
            rest_at += topic.end()
            rest = rest[topic.end() :]
        after = re.match(r"[ \t]*[:.]?[ \t]*", rest)
        quote_at = rest_at + after.end()
        line_end = m.end()
        if quote_at < line_end and _verdict(text[quote_at:line_end], look_ahead=1):
            # "Rec 1 (topic): Agreed. ..." — the answer is on the heading's own line
            item_start, item_end, answer_at = m.start(), topic_end or rest_at, quote_at
        elif quote_at < line_end and topic_end is None:
            # "Point 1: <quote>" — the quote runs to the sentence that answers it ("Response:
            # Accepted.", on its line or run into the quote's paragraph) or its paragraph's end
            item_start = quote_at
            item_end = answer_at = _next_paragraph(text, quote_at)[1]
            for a, b in sentence_spans(text, quote_at, item_end)[1:]:
                if _ANSWER_MARK.match(text, a) or _verdict(text[a:b], look_ahead=1):
                    item_end = answer_at = a
                    break
        elif topic_end is not None and quote_at >= line_end:
            # "Recommendation 1 (topic)" alone: the heading is all it says of the recommendation
            item_start, item_end, answer_at = m.start(), topic_end, line_end
        else:
            continue
        answer_start, answer_end = _next_paragraph(text, answer_at)
        answer = text[answer_start:answer_end]
        if not _verdict(answer):
            continue
        while item_end > item_start and text[item_end - 1] in (" \t\n:*" if refd else " \t\n:"):
            item_end -= 1
        item = Found(item_start, item_end, "label", label=label)
        verdict = classify(answer, look_ahead=2)
        item.response = verdict.stance if verdict else None
        item.response_text = verdict.sentence if verdict else None
        found.append(item)
    return found if len(found) >= MIN_HEADS else []


# Rule "restated-recommendations": a response that restates each recommendation in reported
# speech before answering it, with no heading or quotation ("The Committee recommended that the
# force appoint a rural crime lead (paragraph 9)." then "We accept this. ..."; "You recommended
# that the force ..."; "The Inquiry recommends that ..."). Each such paragraph is one response
# item, from the frame on (the frame is how the response names it), with the stance of the
# paragraph after it; only where at least ``MIN_HEADS`` are each answered at once by a verdict,
# and only in a document that is a reply (typed a response or a letter, or saying near its
# start that it responds). A report's own "The Committee recommends that ..." is followed by
# its reasoning or its next recommendation, not a verdict. Witnesses (written, two writers):
# tests/recs/pairs-heldout12's minister's letter to a Lords committee (past tense, no headings)
# and tests/recs/kinds11's government response to an inquiry (present tense, under headings:
# there the labels already give the items); real: a Cabinet Office guide to replying to select
# committees, which restates a committee's recommendation in reported speech and answers it in
# the next paragraph.
REPORTERS = (
    "committee",
    "inquiry",
    "review",
    "reviewer",
    "report",
    "panel",
    "inspectorate",
    "inspection",
    "board",
    "group",
    "coroner",
    "commission",
    "commissioner",
    "ombudsman",
    "taskforce",
    "chair",
)
RESTATED = re.compile(
    r"(?i:the|your|its|this)\s+(?:[\w'’&-]+\s+){0,5}?(?i:" + "|".join(REPORTERS) + r")"
    r"(?:['’]s\s+report)?\s+(?:also\s+|further\s+|then\s+)?"
    r"(?:recommended|recommends|asked|called\s+(?:on|for|upon)|urged)\b"
    r"|You\s+(?:also\s+|further\s+)?(?:recommended|asked|called\s+(?:on|for))\b"
)
_PARAGRAPH_REF = re.compile(
    r"\((?:paragraphs?|paras?\.?)\s+(?P<ref>\d{1,3}(?:\.\d{1,3})*[a-z]?)\)\s*\.?\s*$", re.I
)


def restated(text: str, doc_type: str) -> list[Found]:
    """The paragraphs of a reply that restate a recommendation and are answered at once (see
    ``RESTATED``): by the next paragraph, or by a sentence of their own after the restatement
    ("The Panel recommended that ... The Government agrees and ..."); none unless ``MIN_HEADS``
    are."""
    if not on("restated-recommendations"):
        return []
    if not (_REPLY_FRONT.search(text[:1500]) or doc_type in RESPONSE_TYPES):
        return []
    found = []
    for m in re.finditer(r"(?:\A|\n[ \t]*\n)[ \t]*(?=\S)", text):
        lead = _RESTATED_LEAD.match(text, m.end())
        if not RESTATED.match(text, lead.end()):
            continue
        start, end = lead.end(), _next_paragraph(text, m.end())[1]
        answer_start, answer_end = _next_paragraph(text, end)
        verdict = None
        if not RESTATED.match(text, _RESTATED_LEAD.match(text, answer_start).end()):
            # (two restatements in a row: the first is not answered by the next paragraph)
            verdict = classify(text[answer_start:answer_end], look_ahead=2)
        if verdict is None:
            # the answer in the restating paragraph itself, after the restatement
            for a, b in sentence_spans(text, start, end)[1:]:
                verdict = classify(text[a:b], look_ahead=1)
                if verdict is not None:
                    end = a
                    break
        if verdict is None:
            continue
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        for a, b, label in _cited_parts(text, start, end):
            item = Found(a, b, "label", label=label)
            ref = _PARAGRAPH_REF.search(text, a, b) if label is None else None
            if ref:
                item.label = f"paragraph {ref.group('ref')}"
            item.response = verdict.stance
            item.response_text = verdict.sentence
            found.append(item)
    return found if len(found) >= MIN_HEADS else []


# Rule "cited-parts" (round 16): a restating paragraph may restate several recommendations, each
# followed by its number in brackets ("The Chair recommended that X should ... (Recommendation
# 3), and that, until then, Y should ... (Recommendation 4)."): each part, up to and with its
# bracketed number, is one response item labelled with that number, answered by the paragraph's
# verdict; the parts count one each towards ``MIN_HEADS``. Before, the paragraph was one item
# with no label (or none at all, being the reply's only restatement), and its second
# recommendation went unlinked. Only with at least two bracketed numbers. Witnesses:
# tests/recs/pairs-heldout16's government response to an inquiry (written), and the Commons
# Library's infected blood briefing (real-docs-2), whose account of the recommendations
# restates two in one sentence, each with "(recommendation N)" after it.
_CITED = re.compile(r"\((?:recommendation|rec\.?)[ \t]+(?P<num>\d{1,3}[a-z]?)\)", re.I)


def _cited_parts(text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """(start, end, label) of each part of a restating paragraph that a bracketed number ends
    (rule "cited-parts"), or the whole paragraph without a label."""
    cited = list(_CITED.finditer(text, start, end)) if on("cited-parts") else []
    if len(cited) < 2:
        return [(start, end, None)]
    parts = []
    at = start
    for m in cited:
        parts.append((at, m.end(), f"Recommendation {m.group('num')}"))
        at = re.compile(r"[\s,;]*").match(text, m.end()).end()
    return parts


# Before the frame: a number or letter ("3. ", "(b) ") and a phrase saying where ("In its
# report, ", "In paragraph 12, ").
_RESTATED_LEAD = re.compile(
    r"[ \t]*(?:\(?[a-z\d]{1,3}[.)][ \t]+)?(?:(?:In|At|Under)\s+(?:its|their|the|your|paragraph)"
    r"\b[^,.\n]{0,60},\s+)?"
)


# Rule "referred-recommendations" (round 14): a reply letter that names each recommendation where
# it answers it, inside a paragraph rather than at its head: by its number ("On recommendation 3,
# the Government agrees ..."), by its ordinal ("Your second recommendation is a matter for the
# College", "the audit the Committee describes in its fourth recommendation"), or restating it
# in reported speech after a sentence of its own ("I will start with X. You recommended that
# ... I agree."; "On statutory guidance, the Committee asked the Home Office to ..."). The
# sentence that names it (one of its paragraph's first ``REFERRED_WITHIN`` sentences) is one
# response item, labelled with the number when it gives one, when a verdict follows in the same
# paragraph (within ``LOOK_AHEAD`` sentences); only in a reply letter, and only where at least
# ``MIN_HEADS`` paragraphs are answered so. A paragraph that names a recommendation and states
# no verdict ("I will write to you separately on the fifth recommendation") is no answer.
# Witnesses (written, two writers): tests/recs/pairs-heldout14's minister's letter to a Commons
# committee (ordinals, a number, reported speech inside its paragraph) and
# tests/recs/pairs-heldout12's minister's letter to a Lords committee (reported speech, read by
# rule "restated-recommendations", which this one leaves as it is); the number-and-topic letters of
# tests/recs/pairs11 and pairs12 name recommendations by number at a heading instead.
REFERRED_WITHIN = 2
ORDINALS = {
    w: n
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        1,
    )
}
_NUMBER_REF = re.compile(
    r"\b(?:recommendation|rec\.?)[ \t]+(?P<num>\d{1,3}[a-z]?)\b"
    r"(?![ \t]*(?:and|or|to|[-–,])[ \t]*\d)",
    re.I,
)
_ORDINAL_REF = re.compile(
    r"\b(?:your|its|their|(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}['’]s|the)[ \t]+"
    r"(?P<ord>" + "|".join(ORDINALS) + r")[ \t]+recommendation\b",
    re.I,
)


# A response that prints its recommendations under labels ("Recommendation 3:" heading a line)
# or quotes them with their paragraph references answers each under it: a number inside its
# answers is a cross-reference ("as in our response to recommendation 3"), not a new item; nor
# is an answer's own heading. And only a letter answers so (typed one, or saluting its reader
# near its start): a briefing that reports what a government said of "recommendation 8" is no
# reply (the Commons Library's infected blood briefing).
_SALUTATION = re.compile(r"^[ \t]*Dear\s+\S", re.M)
_STRUCTURED = re.compile(
    r"^[ \t]*(?:recommendation|rec\.?|R)[ \t]*\d{1,3}[a-z]?[ \t]*(?:[:.)–—-]|$)"
    r"|\bresponse\s+to\s+recommendation\s+\d"
    r"|\((?:paragraphs?|paras?\.?)\s+\d[\d.,\s–-]*\)",
    re.I | re.M,
)
_ANSWER_HEADING_REF = re.compile(r"\bresponse\s+to\s+recommendation[ \t]+\d", re.I)


def referred(text: str, doc_type: str) -> list[Found]:
    """The sentences of a reply that name a recommendation inside a paragraph answered by a
    verdict (see ``REFERRED_WITHIN``); none unless ``MIN_HEADS`` are, and none in a response
    that prints its recommendations under labels or with their paragraph references."""
    if not on("referred-recommendations"):
        return []
    if doc_type != "letter" and not _SALUTATION.search(text[:3000]):
        return []
    if len(_STRUCTURED.findall(text)) >= MIN_HEADS:
        return []
    found = []
    for m in re.finditer(r"(?:\A|\n[ \t]*\n)[ \t]*(?=\S)", text):
        start, end = _next_paragraph(text, m.end())
        spans = sentence_spans(text, start, end)
        for a, b in spans[:REFERRED_WITHIN]:
            sentence = text[a:b]
            number = _NUMBER_REF.search(sentence)
            ordinal = _ORDINAL_REF.search(sentence)
            if not (number or ordinal or RESTATED.search(sentence)):
                continue
            if _ANSWER_HEADING_REF.search(sentence):
                break
            verdict = classify(text[a:end], look_ahead=LOOK_AHEAD)
            if verdict is None:
                break
            while b > a and text[b - 1] in " \t\n":
                b -= 1
            item = Found(a, b, "label")
            if number:
                item.label = f"Recommendation {number.group('num')}"
            elif ordinal:
                item.label = f"Recommendation {ORDINALS[ordinal.group('ord').lower()]}"
            item.response = verdict.stance
            item.response_text = verdict.sentence
            found.append(item)
            break
    return found if len(found) >= MIN_HEADS else []


# Rule "topic-headings" (round 15): a reply that answers under headings naming a topic and, in
# brackets after it, the recommendations it answers ("Call-backs (recommendation 1)", "Ward
# figures (recommendations 2 and 5)"), each heading a paragraph of its own and the next
# paragraph its answer. The heading and its answer are one response item, labelled with the
# numbers the heading names (``bot.recs.matching`` links an item naming several numbers to each);
# its stance is the answer's verdict. Only in a document typed a response or a letter (a
# briefing that reports a government's response under such headings is no reply), only where
# the answer states a verdict, and only where at least ``MIN_HEADS`` headings are answered so; a
# heading followed by a labelled quote ("Recommendation 3: ...") is left to that quote's rule.
# Witnesses: tests/recs/pairs-heldout15's force reply to a commissioner's review (written) and
# the Commons Library's briefing on the infected blood inquiry (real-docs-2), whose account of
# the government's response is under headings of this shape.
_TOPIC_HEAD = re.compile(
    r"^[ \t]*(?:#{1,4}[ \t]+)?(?:\*\*)?(?P<topic>(?-i:[A-Z])[^\n()]{1,80}?)[ \t]*"
    r"\((?P<label>(?:recommendations?|recs?\.?)[ \t]+\d{1,3}[a-z]?"
    r"(?:[ \t]*(?:,|and|&|-|–|to)[ \t]*\d{1,3}[a-z]?)*)\)[ \t]*:?(?:\*\*)?[ \t]*$",
    re.M | re.I,
)


def topic_headings(text: str, doc_type: str) -> list[Found]:
    """The headings of a reply that name a topic and the recommendations answered, each with
    its answer (see ``_TOPIC_HEAD``); none unless ``MIN_HEADS`` are answered by a verdict."""
    if not on("topic-headings") or doc_type not in RESPONSE_TYPES:
        return []
    found = []
    for m in _TOPIC_HEAD.finditer(text):
        before = text[: m.start()].rstrip(" \t")
        if before and not before.endswith("\n\n") and not re.search(r"\n[ \t]*\n\Z", before):
            continue  # not a paragraph of its own: a sentence's last line
        answer_start, answer_end = _next_paragraph(text, m.end())
        if text[m.end() : answer_start].count("\n") < 2:
            continue
        answer = text[answer_start:answer_end]
        if _heads().match(answer) or _TOPIC_HEAD.match(answer):
            continue  # a labelled quote follows: its own rule reads it
        verdict = classify(answer, look_ahead=LOOK_AHEAD)
        if verdict is None:
            continue
        found.append(_answer_item(text, m.start("topic"), answer_start, answer_end, m, verdict))
    return found if len(found) >= MIN_HEADS else []


# Rule "reference-headings" (round 19): a reply that names each recommendation by a heading line
# holding nothing but its number ("Recommendation 5", "Recommendations 1 and 3") and answers it
# in the paragraph beneath, quoting nothing of it: the heading and that paragraph are one
# response item, labelled with the number (``bot.recs.matching`` links an item naming several
# numbers to each: rule "several-numbers"; the topics must agree: rule "named-numbers"), its
# stance the paragraph's verdict. Only in a
# reply (it salutes its reader, says near its start that it responds, or is typed a response or
# a letter), only where the paragraph states a verdict in its first ``REFERENCE_WITHIN``
# sentences and does not open with a call ("should", "must") that is not that verdict (a
# report's own "Recommendation 1" heading is followed by the recommendation; a quoted
# recommendation under the heading is left to the other rules), and only where at
# least ``MIN_HEADS`` headings are answered so. Before, such a reply's items were report items
# with no stance ("Recommendation 5" then an answer: rule "numbered-replies" wants a topic or a
# quote on the heading's line). Witnesses (written, two writers): tests/recs/pairs-heldout19's
# Scottish Government letter to a committee (number-only headings, out of order, one naming two
# numbers) and tests/recs/pairs-heldout18's minister's letter to a Commons committee, the same
# shape with "Paragraph 15" headings (the committee's paragraph references). Those are left
# out: a report item does not keep the "(Paragraph 15)" it cites (the extractor ends the item
# before it, ``matching.normalise`` drops it), so the label would name the committee's
# conclusion 15, or nothing, and take the paragraph from rule "themes", which links 3 of the
# letter's 4 by their words.
_REFERENCE_HEAD_PATTERN = (
    r"^[ \t]*(?:#{{1,4}}[ \t]+)?(?:\*\*)?(?P<label>(?i:recommendations?)[ \t]+"
    r"\d{{1,3}}{dotted}[a-z]?(?:[ \t]*(?:,|and|&)[ \t]*\d{{1,3}}{dotted}[a-z]?)*)"
    r"[ \t]*[.:]?(?:\*\*)?[ \t]*$"
)
_REFERENCE_HEAD = re.compile(_REFERENCE_HEAD_PATTERN.format(dotted=""), re.M)
# (rule "dotted-references": "Recommendation 3.1" alone on its line)
_DOTTED_REFERENCE_HEAD = re.compile(_REFERENCE_HEAD_PATTERN.format(dotted=_DOTTED), re.M)


def _reference_head() -> re.Pattern:
    return _DOTTED_REFERENCE_HEAD if on("dotted-references") else _REFERENCE_HEAD


REFERENCE_WITHIN = 2
_CALL = re.compile(r"\b(?:should|must|recommends?|recommended)\b", re.I)
# "We agree that ... should ...", "The Government accepts that ...": a verdict whose subject
# acts at once (no modal before the verb), which may hold a call
_AGREEING = re.compile(
    r"\A\W*(?:I|We|(?:The[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){1,4})(?:also[ \t]+|fully[ \t]+)?"
    r"(?:accepts?|agrees?)\b"
)
# Rule "topic-lead-verdicts" (round 21): the verdict may follow a topic named first ("On
# sharing intelligence with ports, we accept in principle that each port should be briefed ...",
# invented; "On <topic>, the Government accepts this recommendation"): read past "On <topic>," as at
# the sentence's start. Before, such a verdict holding a call ("should") was taken for the call
# itself and its paragraph was no answer. Witnesses (written, two writers): tests/recs/
# pairs-heldout21's chief constable's letter and tests/recs/pairs-heldout20's government
# response ("On <topic>, the Government accepts ...", its parts). Why it should hold on unseen
# replies: a topic lead is how letters and responses that answer by subject open an answer; only
# the verdict after it is read, with the same subject and verb as before.
_TOPIC_FIRST = re.compile(r"\A\W*On[ \t]+[^,.;:]{2,80},[ \t]+")


# Rule "labelled-restatements" (round 22, helper pairs23): a reply that restates each
# recommendation under a run-in label and answers under another ("What the panel asked for:
# that ..." then "Our position: We accept the principle that ... should ..."): the restatement
# is what was asked ("asked for" as "asked that"), and a verdict after a run-in label of at most
# four words agrees at once as one at the sentence's start does, so the two paragraphs are one
# answer (rule "decision-lines") and a verdict holding a call is not taken for the call. Before,
# the label hid the verdict's subject and the paragraph was dropped as a call, and the
# restatement was no restatement. Why it should hold on unseen replies: labelled restatements
# and decisions are a common form of reply ("What you asked:", "Our response:"); only the label
# is read past, the verdict's subject and verb are read as before. Witnesses (written, two
# writers): tests/recs/pairs-heldout22's chief constable's letter and tests/recs/
# pairs-heldout20's board response ("What the review asks: ..." then "Board decision: ...").
_RUN_IN_LABEL = re.compile(r"\A\W*(?:[\w'’-]+[ \t]+){0,3}[\w'’-]+[ \t]*:[ \t]+(?=[A-Z])")


def _agreeing(sentence: str) -> bool:
    """Whether a verdict sentence agrees at once (``_AGREEING``), perhaps after "On <topic>,"
    or a run-in label ("Our position:", rule "labelled-restatements")."""
    if _AGREEING.match(sentence):
        return True
    label = _RUN_IN_LABEL.match(sentence) if on("labelled-restatements") else None
    if label and _AGREEING.match(sentence[label.end() :]):
        return True
    lead = _TOPIC_FIRST.match(sentence) if on("topic-lead-verdicts") else None
    rest = sentence[lead.end() :] if lead else ""
    return bool(rest) and bool(_AGREEING.match(rest[:1].upper() + rest[1:]))


def reference_headings(text: str, doc_type: str) -> list[Found]:
    """The headings of a reply that hold only a reference, each with the paragraph that answers
    it beneath (see ``_REFERENCE_HEAD``); none unless ``MIN_HEADS`` are answered by a verdict."""
    if not on("reference-headings"):
        return []
    front = _REPLY_FRONT.search(text[:1500]) or _SALUTATION.search(text[:3000])
    if not (front or doc_type in RESPONSE_TYPES):
        return []
    found = []
    heads = _reference_head()
    for m in heads.finditer(text):
        answer_start, answer_end = _next_paragraph(text, m.end())
        answer = text[answer_start:answer_end]
        if not answer or answer.lstrip()[:1] in "\"\u201c'\u2018" or heads.match(answer):
            continue  # a quote, or the next heading: no answer of its own here
        if _heads().match(answer) or _TOPIC_HEAD.match(answer):
            continue  # a labelled quote follows: its own rule reads it
        verdict = classify(answer, look_ahead=REFERENCE_WITHIN)
        if verdict is None:
            continue
        spans = sentence_spans(answer)
        first = " ".join(answer[spans[0][0] : spans[0][1]].split()) if spans else ""
        if _CALL.search(first) and not _AGREEING.match(first):
            continue  # the recommendation itself, printed under its heading
        found.append(_answer_item(text, m.start("label"), answer_start, answer_end, m, verdict))
    return found if len(found) >= MIN_HEADS else []


# Rule "theme-paragraphs" (round 16): a reply letter that answers by theme, without numbers,
# quotations or reported speech ("Letters" as a heading, then "We accept the recommendation on
# outcome letters. ..."; "I also accept that we need to look at the staffing ..."): each body
# paragraph that states a verdict in its first sentences (see below), or speaks of "this
# recommendation", is one response item (its topic heading, a short line before it, and the
# paragraph), with that stance. Which report item it answers is for ``bot.recs.matching``'s rule
# "themes" (its distinctive words, one report item each). Only in a letter (it salutes its
# reader near its start) that does not print its recommendations under labels; the verdict in
# the paragraph's first sentence unless a topic heading stands before it (else a letter's
# framing, "I have set out below ... and we have met to agree a plan", reads as one); not the
# letter's opening paragraph (thanks, a general welcome), nor anything from its sign-off on, nor
# a paragraph holding another rule's item or right after one (that item's answer); where the
# letter's answered paragraphs (these and the other rules' items) are at least ``MIN_HEADS``.
# Witnesses (written, two writers): tests/recs/pairs-heldout16's chief constable's letter to a
# commissioner (four paragraphs by theme, each with a verdict) and tests/recs/pairs-heldout15's
# Scottish Government letter to a committee (a paragraph under a topic heading answering "this
# recommendation", beside two in reported speech).
THEME_WITHIN = 2
THEME_HEADING_WORDS = 8  # a topic heading: a line of at most this many words, no full stop
_THEME_SPEAKS = re.compile(
    r"\b(?:this|that|the|your)\s+recommendation\b"
    # "I agree that every complainant should ...", "I also accept that we need to ...": the
    # writer takes up what was asked (no stance rule reads "agree that": it may be a finding's)
    r"|^\W*(?-i:I|We)\s+(?:also\s+|fully\s+)?(?:accept|agree)\s+that\b",
    re.I,
)
_SIGN_OFF = re.compile(r"^[ \t]*(?:yours\b|kind\s+regards|best\s+wishes|with\s+best)", re.I | re.M)


def theme_paragraphs(
    text: str, doc_type: str, taken: list[tuple[int, int]] | None = None
) -> list[Found]:
    """The body paragraphs of a reply letter that answer by theme (see ``THEME_WITHIN``);
    ``taken``: the spans of the letter's items found by the other reply rules (a paragraph
    right after one of them is its answer, not a theme of its own)."""
    taken = taken or []
    if not on("theme-paragraphs"):
        return []
    salute = _SALUTATION.search(text[:3000])
    if salute is None or len(_STRUCTURED.findall(text)) >= MIN_HEADS:
        return []
    sign = _SIGN_OFF.search(text, salute.end())
    stop = sign.start() if sign else len(text)
    paragraphs = []
    at = _next_paragraph(text, salute.end())[1]  # (the salutation's own line)
    while at < stop:
        start, end = _next_paragraph(text, at)
        if start >= stop:
            break
        paragraphs.append((start, min(end, stop)))
        at = end
    found = []
    heading = None
    body = 0
    after_item = False
    for start, end in paragraphs:
        if any(a < end and start < b for a, b in taken):
            heading, after_item = None, True
            continue  # another rule's item
        words = text[start:end].split()
        if len(words) <= THEME_HEADING_WORDS and not re.search(r"[.!?:;]\s*$", text[start:end]):
            heading, after_item = start, False
            continue
        if after_item:
            after_item = False
            continue  # the answer to the item just before
        body += 1
        first = heading
        heading = None
        if body == 1:
            continue  # the letter's opening: thanks, a general welcome
        within = THEME_WITHIN if first is not None else 1
        spans = sentence_spans(text, start, end)[:within]
        lead = text[start : spans[-1][1]] if spans else ""
        verdict = classify(lead, look_ahead=within)
        if (
            verdict is None
            and on("labelled-restatements")
            and _ASKED_LABEL.match(text, start)
            and classify(text[start:end], look_ahead=LOOK_AHEAD) is None
        ):
            # "What the panel asked for: ...": the restatement heads the answer that follows
            heading = first if first is not None else start
            continue
        if verdict is None and not _THEME_SPEAKS.search(lead) and not _considering(lead):
            continue
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        item = Found(first if first is not None else start, end, "sentence")
        item.answers = True
        item.response = verdict.stance if verdict else None
        item.response_text = verdict.sentence if verdict else None
        found.append(item)
    return found if len(found) + len(taken) >= MIN_HEADS else []


def _answer_item(text: str, start: int, answer_start: int, answer_end: int, m, verdict) -> Found:
    """A response item from ``start`` to its answer's end (trailing spaces trimmed), labelled by
    ``m``'s "label" group (first letter capitalised) and carrying ``verdict``'s stance."""
    end = answer_end
    while end > answer_start and text[end - 1] in " \t\n":
        end -= 1
    label = " ".join(m.group("label").split())
    item = Found(start, end, "label", label=label[:1].upper() + label[1:])
    item.response = verdict.stance
    item.response_text = verdict.sentence
    return item


# Rule "answer-paragraphs" (round 20): a reply that answers in paragraphs of prose, with no
# number, quotation or heading that ties an answer to its recommendation, and where the verdict
# is not the paragraph's opening: a topic sentence first ("Finally, the publication of data. I
# accept this recommendation in part ..."), a restatement ("On the reviewer's recommendation
# that ..., the Board ... agreed in principle"), or a plain report of what was asked ("You asked
# that ..."). Each body paragraph of such a reply (typed a response or a letter, or saluting its
# reader; with or without a salutation, headings or the letter's framing) that states a verdict
# in any of its sentences, or speaks of what the report asked ("your recommendation", "the
# reviewer had recommended", "you asked that"), is one unlabelled response item with that
# stance (none when it states none); which recommendation it answers is left to the matcher's
# rule "themes" (its words against each recommendation's, one to one, with a margin), so no
# heading or wording pattern ties it. Not a paragraph another reply rule took or the one right
# after it (that item's answer), nor one whose verdict is a call ("The force must accept
# referrals ...": a recommendation printed in a letter), nor one that thanks or welcomes
# without naming a recommendation, nor one that answers several at once ("these three
# recommendations": no one item is its answer), nor the reply's first body paragraph (its
# opening: thanks, a welcome, a general view), nor anything from the sign-off on; where at
# least ``MIN_HEADS`` state a verdict (a briefing reporting what others recommended states
# none). Only where no other detector proposes anything (``detectors.FALLBACK``), or for the
# parts after a lead-in or heading naming several recommendations ("Recommendations 3, 5 and
# 7", then "On <topic>, the Government ..." paragraphs). Why it should hold on replies nobody
# has written yet: it keys on no heading or phrase of one writer, only on a reply's paragraphs
# that answer, and on content for the link, whose margin and one-to-one choice rounds 16-18
# measured over every response against every report.
# Witnesses (written, two writers): tests/recs/pairs-heldout20's chief constable's letter
# (verdicts after a topic sentence, no numbers, a different order) and board response
# (restatement then "Board decision: ..."), tests/recs/pairs-heldout19's board minute (numbered
# paragraphs in reported speech, no salutation).
_ASKED = re.compile(
    r"\b(?:this|that|the|your|its|their)\s+(?:[\w'’-]+\s+){0,2}?recommendation\b"
    r"|\b(?:had\s+(?:also\s+)?)?(?:asked|recommended|suggested|proposed)\s+(?:that|us|the|a)\b"
    r"|\b(?:review|report|panel|inspection)\s+asks\b",
    re.I,
)
_ASKED_FOR = re.compile(r"\basked\s+for\b", re.I)  # (rule "labelled-restatements")
# A run-in label that restates what was asked: "What the panel asked for:", "You asked:", "The
# review asks:" (rule "labelled-restatements").
_ASKED_LABEL = re.compile(
    r"[ \t*_]*(?:[\w'’-]+[ \t]+){0,4}?(?:asked|asks|recommended|recommends|proposed)"
    r"(?:[ \t]+(?:for|that))?[ \t*_]*:",
    re.I,
)
# Rule "considering-answers" (round 22, helper pairs23): a paragraph saying the matter is being
# considered ("This is being looked at by the Board ...", "The Authority is considering
# Recommendation 6 ...") answers, with no stance of the tracker's, as one that speaks of "this
# recommendation" does. Before, a reply's answer that only said so was no item. Witnesses
# (written, two writers): tests/recs/pairs-heldout22's chief constable's letter and tests/recs/
# pairs-heldout21's Scottish Government response.
_CONSIDERING = re.compile(
    r"\b(?:is|are)\s+(?:still\s+|now\s+)?(?:being\s+(?:looked\s+at|considered|reviewed)|"
    r"considering|under\s+(?:consideration|review))\b",
    re.I,
)


def _considering(text: str) -> bool:
    return on("considering-answers") and bool(_CONSIDERING.search(text))


def _asked(text: str) -> bool:
    """Whether a paragraph speaks of what the report asked (``_ASKED``; "asked for" too with
    rule "labelled-restatements")."""
    if _ASKED.search(text):
        return True
    return on("labelled-restatements") and bool(_ASKED_FOR.search(text))


_SEVERAL_HEAD = re.compile(
    r"[ \t]*(?:#{1,4}[ \t]+)?(?:\*\*)?recommendations[ \t]+\d{1,3}[a-z]?"
    r"(?:[ \t]*(?:,|and|&)[ \t]*\d{1,3}[a-z]?)+[ \t]*[.:]?(?:\*\*)?[ \t]*$",
    re.I,
)
_THANKS = re.compile(r"\b(?:thanks?|thanking|welcomes?|welcoming|grateful)\b", re.I)
_SEVERAL_ANSWERED = re.compile(
    r"\b(?:these|those|both|all|the)\s+(?:\w+\s+)?recommendations\b", re.I
)
# Rule "decision-lines" (round 20): a paragraph that opens with a named decision or response
# ("Board decision: Accepted. ...", "Decision: ...", "Our response: ..."), or whose first
# sentence is a verdict after a paragraph that restates what was asked with none ("The Panel
# recommended that ..." then "The Government agrees. ..."), is the answer to the paragraph
# before it, and the two are one answer (the restatement's words link it; the decision's
# verdict is its stance). Witnesses (written, two writers): tests/recs/pairs-heldout20's board
# response ("What the review asks: ..." then "Board decision: ...") and tests/recs/pairs12's
# "Point N" reply ("Point 1: <the words>" then "Response: Accepted. ...", read there by rule
# "numbered-replies"); the restatement then its verdict is the shape rule
# "restated-recommendations" reads in tests/recs/pairs-heldout14 and pairs-heldout15's letters.
_DECISION_LINE = re.compile(
    r"\A[ \t]*(?:(?:the\s+|our\s+)?(?:[A-Z][\w'’]*[ \t]+){0,3})?"
    r"(?:[Dd]ecision|[Rr]esponse|[Rr]eply|[Oo]utcome)[ \t]*:",
)


_OWN_NUMBER = re.compile(r"[ \t]*(?:\d{1,2}(?:\.\d{1,3})*\.?[ \t]+)?")


def _answers_before(text: str, before: list, start: int, end: int) -> bool:
    """Whether the paragraph ``start``-``end`` answers the paragraph ``before`` (rule
    "decision-lines"): it opens with a named decision, or ``before`` restates what was asked
    with no verdict of its own and this paragraph's first sentence is one."""
    if _DECISION_LINE.match(text[start:end]):
        return True
    asked = text[before[0] : before[1]]
    if not _asked(asked) or classify(asked, look_ahead=LOOK_AHEAD) is not None:
        return False
    return classify(text[start:end], look_ahead=1) is not None


def _prose(text: str, start: int, end: int) -> bool:
    """Whether a paragraph is prose: it ends a sentence (not a dateline, a title, an address)."""
    return text[start:end].rstrip()[-1:] in (".", "!", "?", ")", '"', "\u201d")


def _heading_like(text: str) -> bool:
    words = text.split()
    if not re.search(r"[A-Za-z]", text):
        return True  # a rule line
    return len(words) <= THEME_HEADING_WORDS and not re.search(r"[.!?:;,]\s*$", text)


# Rule "titled-responses" (round 22, helper pairs23): a document whose title, among its first
# ``TITLE_LINES`` lines, says it is a response ("<The review's name>: Government Response",
# "Response to the <report>"), is a reply to rule "answer-paragraphs" whatever its type (a
# written ministerial statement is typed Hansard, rightly): before, only a response's or a
# letter's type, or a salutation, let its prose answers be read. Why it should hold on unseen
# replies: the title naming the response is what says a document answers a report, whoever
# prints it; the reader's own guards (verdicts in two paragraphs or more, no call) are
# unchanged. Witnesses: tests/recs/pairs-heldout22's written ministerial statement ("...:
# Government Response", typed Hansard) and tests/recs/pairs-heldout21's force response
# ("Response to ..." over "Our decision:" lines, typed a transcript until round 21).
TITLE_LINES = 6
_RESPONSE_TITLE_LINE = re.compile(
    r"^[ \t#*]*(?:[^\n.!?]{0,120}?[:–—-][ \t]*)?(?:(?:the[ \t]+)?(?:government|official|joint|"
    r"ministerial)(?:['’]s)?[ \t]+)?(?i:response)(?:[ \t]+to[ \t]+[^\n.!?]{4,200})?[ \t*]*$",
    re.I,
)


def _titled_response(text: str) -> bool:
    """Whether a title line among the first says the document is a response (rule
    "titled-responses")."""
    if not on("titled-responses"):
        return False
    lines = [ln for ln in text[:1500].splitlines() if ln.strip()][:TITLE_LINES]
    return any(_RESPONSE_TITLE_LINE.match(ln) for ln in lines)


def answer_paragraphs(
    text: str, doc_type: str, taken: list[tuple[int, int]] | None = None, parts: bool = False
) -> list[Found]:
    """The paragraphs of a reply that answer in prose (see ``_ASKED``); none unless
    ``MIN_HEADS`` are found. ``parts``: only those after an item of ``taken`` that answers
    several at once ("these three recommendations"), up to the next heading: its parts, one
    answer each (in a reply whose other answers the other rules read)."""
    taken = taken or []
    if not on("answer-paragraphs"):
        return []
    salute = _SALUTATION.search(text[:3000])
    if salute is None and doc_type not in RESPONSE_TYPES and not _titled_response(text):
        return []
    at = _next_paragraph(text, salute.end())[1] if salute else 0
    sign = _SIGN_OFF.search(text, at)
    stop = sign.start() if sign else len(text)
    blocks: list[list] = []  # [start (its heading's, if any), end, its decision line's start]
    heading = None
    after_item = False
    joinable = False
    group = not parts  # (reading parts: only after a lead-in answering several)
    while at < stop:
        start, end = _next_paragraph(text, at)
        if start >= stop:
            break
        end = min(end, stop)
        at = end
        held = [(a, b) for a, b in taken if a < end and start < b]
        if held:
            # another rule's item; the paragraph after it is its answer, unless it answers
            # several at once (a lead-in to the answers that follow, one each)
            several = any(_SEVERAL_ANSWERED.search(text[a:b]) for a, b in held)
            heading, after_item, joinable = None, not several, False
            group = several or not parts
            continue
        if _heading_like(text[start:end]):
            heading, after_item, joinable = start, False, False
            # (a heading naming several numbers heads their parts: "Recommendations 3, 5 and 7")
            group = not parts or _SEVERAL_HEAD.match(text[start:end]) is not None
            continue
        if not group:
            continue
        if after_item:
            after_item = False
            continue  # the answer to the item just before
        if joinable and on("decision-lines") and _answers_before(text, blocks[-1], start, end):
            blocks[-1][1:] = [end, start]  # the decision on the paragraph before
            joinable = False
            continue
        blocks.append([heading if heading is not None else start, end, None])
        heading = None
        joinable = True
    found = []
    opening = not parts  # the first paragraph of prose: thanks, a general welcome
    for start, end, decision in blocks:
        if opening:
            opening = not _prose(text, start, end)
            continue
        body = text[start:end]
        spans = sentence_spans(text, start, end)
        verdict = None
        if decision is not None:
            # the decision states the verdict; the restatement before it only what was asked
            verdict = classify(text[decision:end], look_ahead=REFERENCE_WITHIN)
        if verdict is None:
            verdict = classify(body, look_ahead=max(1, len(spans)))
        if verdict is not None and _THANKS.search(verdict.sentence):
            if not re.search(r"\brecommendation\b", verdict.sentence, re.I):
                verdict = None  # a thanks or a welcome of the report, no answer
        if verdict is not None and _CALL.search(verdict.sentence):
            if not _agreeing(verdict.sentence):
                continue  # a call ("The force must accept ..."): a recommendation, no answer
        if verdict is None and not _asked(body):
            continue
        if _SEVERAL_ANSWERED.search(body):
            continue  # answers several at once
        if not _prose(text, start, end):
            continue  # no prose: a dateline, a title
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        # the reply's own paragraph number ("2.1", "6.3") names no recommendation
        start += len(_OWN_NUMBER.match(text, start).group(0))
        item = Found(start, end, "sentence")
        item.answers = True
        item.response = verdict.stance if verdict else None
        item.response_text = verdict.sentence if verdict else None
        found.append(item)
    # at least ``MIN_HEADS`` state a verdict: a briefing that reports what others recommended
    # ("The review recommended that ...") answers nothing itself
    return found if sum(f.response is not None for f in found) >= MIN_HEADS else []
