"""Government responses: the quoted recommendations, and the answer printed after each."""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.extract.calls import _MODAL, _explicit
from bot.recs.extract.found import Found
from bot.recs.extract.rules import on
from bot.recs.extract.structure import _CONTENTS_LINE

# Government responses: each quoted recommendation sits under a heading ("Recommendation 3",
# "HoL Inquiry Recommendation") and is followed by the response.
_QUOTE_HEAD = re.compile(
    r"^[ \t]*(?:[\w'’]+\s+){0,4}?recommendations?(?:\s+\d{1,3}[a-z]?)?"
    r"(?:[ \t]*\((?:paragraphs?|paras?\.?|page)\s*[\d.,\s–-]+\))?[ \t]*:?[ \t]*"
    r"(?:\n|(?:[A-Z][^\n.:;]{0,80}?\s)?(?=[A-Z]?\d{1,2}\.\d{1,3}\.?\s))",
    re.IGNORECASE | re.MULTILINE,
)


# The same heading run into the line before it by PDF extraction ("... Heads of Profession HoL
# Inquiry Recommendation 8.6. We recommend ..."): told from a reference ("see Recommendation 8.6")
# by the capitalised words that name it and the quoted paragraph's number after it.
_QUOTE_HEAD_INLINE = re.compile(
    r"(?<=\S\s)(?:[A-Z][\w'’]*\s+){1,4}Recommendations?\s+(?:[A-Z][^\n.:;]{0,80}?\s)?"
    r"(?=[A-Z]?\d{1,2}\.\d{1,3}\.?\s+[A-Z‘“\"'(])"
)


_RESPONSE = re.compile(
    r"^[ \t]*(?:(?:(?:[Tt]he\s+)?(?:[A-Z][\w'’]*\s+){1,3}|(?:government|departmental|ministerial|"
    r"hmg|our)\s+)?[Rr]esponse\b(?:\s+to\s+[Rr]ecommendation\s+[\w.]+)?\s*[:.\n]"
    # a verdict on its own ("Accepted.", "Partially agreed:") or in the first person
    r"|(?:Accepted|Agreed|Not\s+(?:accepted|agreed)|Rejected|Noted|Partially\s+(?:accepted|agreed)|"
    r"(?:Accepted|Agreed)\s+in\s+(?:part|principle))\s*(?:[.:;\n]|$)"
    r"|We\s+(?:(?:fully|partially|partly|therefore|also|broadly)\s+)*(?:accept|agree\s+with|"
    r"do\s+not\s+accept|reject|note|support|welcome)\s+(?:this|the)\s+recommendation"
    r"|(?:The\s+)?(?:UK\s+|Scottish\s+|Welsh\s+|HM\s+)?(?:[Gg]overnment|Department\b[^.\n]{0,40}?|"
    r"Home\s+Office|Ministry\b[^.\n]{0,40}?|Cabinet\s+Office|Treasury|Secretary\s+of\s+State)"
    r"\s+(?:(?:fully|broadly|partially|partly|therefore|also|strongly|warmly|has|have)\s+)*"
    r"(?:agrees?|accepts?|accepted|notes?|noted|welcomes?|supports?|acknowledges?|recognises?|"
    r"rejects?|disagrees?|does\s+not|do\s+not|considered|is\s+(?:grateful|committed|pleased))\b)",
    re.MULTILINE,
)


# The same heading run into the text by a PDF print of a web page ("... at each review.
# Government response to recommendation 4 We agree ..."): rule "run-in-label".
_RESPONSE_RUN_IN = re.compile(
    _RESPONSE.pattern + r"|(?<=\S[ \t])(?:Government|Departmental|Ministerial)[ \t]+response[ \t]+"
    r"to[ \t]+recommendation[ \t]+\d{1,3}[a-z]?(?=[ \t]+[A-Z])",
    re.MULTILINE,
)


# Rule "named-labels": an answer's paragraph may be numbered under the recommendation's own
# number ("1.1" before the government's verdict on recommendation 1, the Treasury Minutes'
# form); the number stands before the verdict at the line's start.
_ANSWER_NUMBER = r"(?:\d{1,3}(?:\.\d{1,3})+\.?[ \t]+)?"
_NUMBERED = {
    pattern: re.compile(
        pattern.pattern.replace(r"^[ \t]*", r"^[ \t]*" + _ANSWER_NUMBER, 1), pattern.flags
    )
    for pattern in (_RESPONSE, _RESPONSE_RUN_IN)
}


def response_heading() -> re.Pattern:
    """Where a response begins (run-in headings too when that rule is on; numbered answers when
    rule "named-labels" is)."""
    pattern = _RESPONSE_RUN_IN if on("run-in-label") else _RESPONSE
    return _NUMBERED[pattern] if on("named-labels") else pattern


_MAX_QUOTE = 8000


def _quoted_zones(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted recommendation: from its heading to the response."""
    zones = []
    heads = list(_QUOTE_HEAD.finditer(text))
    starts = {h.start() for h in heads}
    heads += [h for h in _QUOTE_HEAD_INLINE.finditer(text) if h.start() not in starts]
    heads.sort(key=lambda h: h.start())
    for i, head in enumerate(heads):
        if _CONTENTS_LINE.search(text[head.start() : head.end() + 200].split("\n")[0]):
            continue
        limit = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        limit = min(limit, head.end() + _MAX_QUOTE)
        response = response_heading().search(text, head.end(), limit)
        if response is not None and response.start() > head.end():
            zones.append((head.end(), response.start(), True))
        elif i + 1 < len(heads):  # a response that opens some other way
            zones.append((head.end(), _end_of_quote(text, head.end(), limit), False))
    # Only a document whose responses give a verdict somewhere is read as quoting.
    if not any(verdict for _, _, verdict in zones):
        return []
    return [(start, end) for start, end, _ in zones]


def _answered_paragraphs(text: str) -> list[tuple[int, int]]:
    """A response that quotes each recommendation without a heading ("2. The Ministry should
    ... (Paragraph 36)" then "We accept this recommendation."): each paragraph that asks,
    just before a paragraph that opens with a verdict."""
    zones = []
    for m in _RESPONSE.finditer(text):
        before = text[: m.start()]
        if before.strip() and not re.search(r"\n[ \t]*\n[ \t]*$", before):
            continue  # not at the start of a paragraph
        end = len(before.rstrip())
        gap = list(re.finditer(r"\n[ \t]*\n", text[:end]))
        start = gap[-1].end() if gap else 0
        para = text[start:end]
        verdict = stance(text[m.start() : m.start() + 300].split("\n")[0])
        if verdict and not _RESPONSE.match(para) and (_MODAL.search(para) or _explicit(para)):
            zones.append((start, end))
    return zones


_PARA_START = re.compile(r"\n[ \t]*\n[ \t]*(?=\S)")


_PARA_NUMBER = re.compile(r"[A-Z]?\d{1,2}\.\d{1,3}\.?\s")


def _end_of_quote(text: str, start: int, limit: int) -> int:
    """Where quoted numbered paragraphs ("8.7. We further recommend ...") give way to the
    response: the first later paragraph that is neither numbered nor the lower-case rest of one
    broken by a page."""
    if not _PARA_NUMBER.match(
        text, start + len(text[start:limit]) - len(text[start:limit].lstrip())
    ):
        return limit
    for m in _PARA_START.finditer(text, start, limit):
        nxt = m.end()
        if _PARA_NUMBER.match(text, nxt) or text[nxt].islower() or text[nxt] in "•●▪◦-–(0123456789":
            continue
        return m.start() + 1
    return limit


def _set_response(text: str, item: Found, limit: int, at: int | None = None) -> None:
    """The response printed after a quoted recommendation, and the answer it gives."""
    start = item.end if at is None else at
    m = response_heading().search(text, start, min(len(text), max(limit, start) + 2000))
    if m is None or text[start : m.start()].strip():
        if at is None or _QUOTE_HEAD.match(text, len(text[:at]) + _lead(text, at)):
            return
        where = at + _lead(text, at)  # a response that opens some other way: its words only
        verdict = False
    else:
        where, verdict = m.start(), True
        number = re.match(r"[ \t]*" + _ANSWER_NUMBER, text[where : where + 20])
        where += number.end() if number else 0  # "1.1 The government agrees ...": its words
    heading = re.match(
        r"[ \t]*(?:[\w'’]+[ \t]+){0,4}response(?:[ \t]+to[ \t]+recommendation[ \t]+[\w.]+)?"
        r"[ \t]*:?[ \t]*(?:\n|(?<=[ \t])(?=[A-Z]))",
        text[where : where + 200],
        re.I,
    )
    if heading:  # "Government response" on its own line: the answer is what follows
        where += heading.end()
    spans = sentence_spans(text.replace("\n", " "), where, min(len(text), where + 600))
    if not spans:
        return
    sentence = text[spans[0][0] : spans[0][1]]
    if re.match(r"\s*(?:\w+\s+)?response\b[^.]{0,30}$", sentence, re.I) and len(spans) > 1:
        sentence = text[spans[1][0] : spans[1][1]]
    item.response_text = " ".join(sentence.split())[:300]
    item.response = stance(sentence) if verdict else None


def _lead(text: str, at: int) -> int:
    return len(text[at : at + 200]) - len(text[at : at + 200].lstrip())


def stance(sentence: str) -> str | None:
    """accepted, accepted in part, not accepted or noted, from a response's opening words."""
    s = sentence.lower()
    if re.search(
        r"\b(?:does|do|can)\s*not\s+(?:accept|agree|support|believe|consider|think)"
        r"|\breject|\bdisagree"
        r"|\bnot\s+(?:accepted|agreed)\b",  # "Not agreed." (round 12: it read as accepted)
        s,
    ):
        return "not accepted"
    if re.search(r"\bin\s+part\b|\bpartial(?:ly)?\b|\bpartly\b|\bin\s+principle\b", s):
        return "accepted in part"
    if re.search(
        r"\b(?:accept(?:s|ed)?|agree(?:s|d)?|support(?:s|ed)?|welcome(?:s|d)?|endorse[sd]?)\b", s
    ):
        return "accepted"
    if re.search(r"\b(?:notes?|noted|acknowledge[sd]?|recognise[sd]?|considers?|considered)\b", s):
        return "noted"
    return None


# A quoted paragraph of a committee report ends with its back-reference ("(Paragraph 45)"); it
# opens with its number, perhaps after a run-in sub-heading ("Microbeads 5. We welcome ...").
_BACK_REFERENCE = re.compile(r"\(\s*(?:[Pp]aragraphs?|[Pp]aras?\.?)\s*\d[\d.,\s–-]*\)")
_QUOTE_NUMBER = re.compile(
    r"(?:^|(?<=[.;:)”\"])[ \t]+(?:[A-Z][\w’'-]*[ \t]+){0,4}?|(?<=\n))[ \t]*(?P<n>\d{1,2})\.[ \t]+"
    r"(?=[A-Z‘“\"])",
    re.MULTILINE,
)
_RESPONSE_TITLE = re.compile(r"\b(?:government|ministerial|departmental)['’]?s?\s+response\b", re.I)


def response_like(text: str, doc_type: str) -> bool:
    """A response document: typed so, or saying so near its start ("Government Response to
    the Committee's Ninth Report")."""
    return doc_type == "government-response" or bool(_RESPONSE_TITLE.search(text[:6000]))


def back_referenced_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted, numbered paragraph that ends with a back-reference, in a
    response that prints the committee's paragraphs followed by its own replies."""
    zones = []
    previous = 0
    for ref in _BACK_REFERENCE.finditer(text):
        starts = list(_QUOTE_NUMBER.finditer(text, previous, ref.start()))
        if starts:
            zones.append((starts[-1].end(), ref.end()))
        previous = ref.end()
    return zones if len(zones) >= 2 else []
