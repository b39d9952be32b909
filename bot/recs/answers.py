"""A response document, and where its answers are.

A **response document** is one typed ``government-response``, one whose title or front page says
it is a response ("Government Response to the Committee's Ninth Report"), or one in which
extraction found answers beside the recommendations it quotes (``is_response_document``). Its
recommendations are *response items*; every other document's are *report items*. A response
item's quote ends where an answer printed inside it begins (``answer_inside``, ``quote_of``);
the text after each quoted item is its answer (``answer_spans``). ``bot.recs.storing`` reads a
response item's stance from it; ``bot.recs.matching`` compares only the quote.
"""

from __future__ import annotations

import re

RESPONSE_TYPES = {"government-response", "response"}
_RESPONSE_TITLE = re.compile(r"\bresponses?\s+(?:to|on)\b|\breply\s+to\b", re.I)
# On the front page: "Government Response to the Committee's Ninth Report", "Government response
# to the rapid review into ...", "Response to the Inquiry's recommendations".
_RESPONSE_FRONT = re.compile(
    r"\b(?i:government(?:['’]s)?)\s+(?:Response|response)\s+to\s+(?:the\s+|this\s+)?"
    r"(?:[\w'’-]+\s+){0,8}?(?i:report|review|inquiry|recommendations?)\b"
)
FRONT = 1500  # characters of a document read for its front page
# Round 14 (``TITLE_NAMES_ANSWERED``): a title makes a response when it says who responds ("Chief
# Constable's response to", "Government response to", "Response to ..." at its start) or names
# what is answered ("... response to the scrutiny panel review", "... to the recommendations"),
# not when "response to" is a topic ("Scrutiny review: the police response to stalking", a title
# an inspectorate's and a panel's reports share): before, such a report was taken for a response,
# its recommendations for answers, and the real response linked to nothing
# (tests/recs/pairs-heldout14's panel review; the real "police response to" titles of
# inspectorate reports). False: any "response to" in the title, as before.
TITLE_NAMES_ANSWERED = True
_WHO_BEFORE = (
    r"(?:^\W*|['’]s?\s+|\b(?:government|ministerial|departmental|official|formal|joint|our|my|"
    r"force|trust|council)\s+)responses?\s+(?:to|on)\b"
)
_DOCUMENT_AFTER = (
    r"\bresponses?\s+(?:to|on)\s+(?:[\w'’,/&-]+\s+){0,10}?(?:report|review|inquiry|inspection|"
    r"investigation|recommendations?|committee|panel|consultation|findings|audit|letter|"
    r"regulation\s+28|prevention\s+of\s+future\s+deaths)\b"
    r"|\breply\s+to\b"
)
_TITLE_NAMES_ANSWERED = re.compile(_WHO_BEFORE + "|" + _DOCUMENT_AFTER, re.I)

# Round 21 (``RESPONSE_TO_TOPIC``, helper pairs22): a possessive or a body's name before "response
# to" says who responds only when what follows names someone or something answered (a capital:
# "Chief Constable's response to HMICFRS", "the Trust's response to the Coroner"), or a document
# (the second alternative above); before a lower-case topic it is the subject of a report
# ("Scrutiny review: the force's response to rural burglary", "Thematic inspection of a police
# service's response to stalking", both invented), as "the police response to" is.
# Before, such a report was taken for a response: its recommendations became answers, and the
# real response linked to nothing. An all-capitals title shows no case: only its document words
# count. Witnesses (written, two writers): tests/recs/pairs-heldout21's scrutiny review (its
# letter then linked nothing) and tests/recs/heldout17's HMICS thematic inspection (a report
# taken for a response). Why it should hold on unseen titles: a response names what it answers
# (a body, a report); an inspection names the practice it examines, in lower case.
RESPONSE_TO_TOPIC = True
_WHO_RESPONDS = re.compile(
    r"(?P<start>^\W*)?(?:['’]s?\s+|\b(?:government|ministerial|departmental|official|formal|"
    r"joint|our|my|force|trust|council)\s+)?responses?\s+(?:to|on)\b",
    re.I,
)
_NAMES_DOCUMENT = re.compile(_DOCUMENT_AFTER, re.I)
_DETERMINER = r"(?:(?:the|this|these|its|our|your|a|an)\s+)?"
_TOPIC_AFTER = re.compile(
    r"\s+(?!" + _DETERMINER + r"(?:coroner|commissioner|ombudsman|inspectorate|inspector|"
    r"minister|secretary|chair|committee|panel|board)\b)" + _DETERMINER + r"(?-i:[a-z])",
    re.I,
)


# Round 22 (``TITLE_CASE_TOPIC``, helper pairs23; shipped off: one witness): a title printed in
# Title Case ("Review: Northshire Police's Response to Street Robbery", an invented title of
# the shape of tests/recs/pairs-heldout22's scrutiny review) shows no case after "response to", as
# an all-capitals one shows none: its capitalised words are read in lower case (acronyms kept:
# "Response to HMICFRS" still names a body), so "<X>'s Response to <a Topic>" is a report's
# subject as "<x>'s response to <a topic>" is (``RESPONSE_TO_TOPIC``). Before, such a report
# was taken for a response and its reply linked to nothing. False: as before.
TITLE_CASE_TOPIC = False
_TITLE_WORD = re.compile(r"\b(?-i:[A-Z][a-z][\w'’-]*)")


def _title_cased(title: str) -> bool:
    """Whether a title capitalises its words (at least 80% of those of four letters or more)."""
    words = re.findall(r"[A-Za-z][\w'’-]{3,}", title)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _names_answered(title: str) -> bool:
    """Whether a title says it is a response (``TITLE_NAMES_ANSWERED``, ``RESPONSE_TO_TOPIC``)."""
    if not TITLE_NAMES_ANSWERED:
        return bool(_RESPONSE_TITLE.search(title))
    if not RESPONSE_TO_TOPIC:
        return bool(_TITLE_NAMES_ANSWERED.search(title))
    shown = title.lower() if title.isupper() else title
    if TITLE_CASE_TOPIC and shown is title and _title_cased(title):
        shown = _TITLE_WORD.sub(lambda m: m.group().lower(), title)
    if _NAMES_DOCUMENT.search(shown):
        return True  # "... response to the scrutiny panel review", "reply to"
    for m in _TITLE_NAMES_ANSWERED.finditer(shown):
        who = _WHO_RESPONDS.match(shown, m.start())
        if who is None or who.end() != m.end() or who.group("start") is not None:
            return True  # opens the title ("Response to ...")
        if not _TOPIC_AFTER.match(shown, m.end()):
            return True  # "Chief Constable's response to HMICFRS", "... to the Committee"
    return False


def is_response_document(
    doc_type: str | None, title: str | None, found: list, text: str = ""
) -> bool:
    """Whether a document answers another's recommendations (see the module's docstring)."""
    if (doc_type or "").lower() in RESPONSE_TYPES:
        return True
    if title and _names_answered(title):
        return True
    if _RESPONSE_FRONT.search(" ".join(text[:FRONT].split())):
        return True
    # an action plan's rows answer a report's items (extraction rule "action-plans")
    return any(getattr(f, "response", None) or getattr(f, "answers", False) for f in found)


# Where an answer printed inside a quoted item begins: "Government response to recommendation 2",
# or a heading line "Response" / "Government response:" (an item that ran on past its quote).
_ANSWER_MARK = re.compile(
    r"\b(?:the\s+)?government(?:['’]s)?\s+response\s+to\s+recommendation\s+\d{1,3}[a-z]?\b"
    r"|^[ \t]*(?:(?:the\s+)?government(?:['’]s)?\s+|our\s+)?response[ \t]*:?[ \t]*$",
    re.I | re.M,
)


def answer_inside(text: str) -> int | None:
    """The offset in an item's text where a response's answer begins, when extraction let the
    item run on into it (at least 40 characters of quote first); None otherwise."""
    m = _ANSWER_MARK.search(text, 40)
    return m.start() if m else None


def quote_of(text: str) -> str:
    """A response item's quoted recommendation, without any answer it ran on into."""
    cut = answer_inside(text)
    return text if cut is None else text[:cut]


def answer_spans(text: str, spans: list[tuple[int, int]], limit: int = 4000) -> list[str]:
    """The text that answers each quoted recommendation of a response, at most ``limit``
    characters: from the item's end to the next item's start (items that follow at once share
    the answer after the last: one quote split into several items). A committee's quoted
    paragraphs end with their reference ("(paragraph 4.16)", "(Paragraph 62)"): in a response
    that quotes them so, an item that does not end with its reference is answered after it."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    starts = sorted(s for s, _e in spans)
    uses_references = len(_REFERENCE.findall(text)) >= 2
    out = [""] * len(spans)
    for pos, i in enumerate(order):
        end = spans[i][1]
        if uses_references and not _REFERENCE.search(text, max(spans[i][0], end - 40), end):
            m = _REFERENCE.search(text, end, end + limit)
            if m:
                stop = next((s for s in starts if s >= m.end()), len(text))
                out[i] = text[m.end() : min(stop, m.end() + limit)]
                continue
        for j in order[pos + 1 :]:
            gap = text[end : spans[j][0]]
            if len(gap.strip()) >= 40:
                out[i] = gap[:limit]
                break
            end = max(end, spans[j][1])
        else:
            out[i] = text[end : end + limit]
    return out


# A committee's quoted paragraph ends with its reference: "(paragraph 4.16)", "(Paragraph 62)".
_REFERENCE = re.compile(r"\((?:paragraphs?|paras?)\.?\s+\d[\d.,\s–-]*\)", re.I)


# Round 13 (``ANSWER_SUBSTANCE``): a response item's answer shown to the user is its verdict
# sentence and what follows it in the same paragraph or table cell ("Accepted. The summary went
# to every force on 12 November."), not the verdict alone ("Accepted."), which lost what was or
# will be done (the round-12 walk; the written replies of tests/recs/pairs11 and pairs12 print
# both shapes: a verdict word then its substance, in a letter's paragraph and in a table's
# cell). A verdict alone in its paragraph takes the paragraph after it, unless that one is
# another item's heading, a sign-off or a short heading. At most ``SUBSTANCE_CHARS``, cut at a
# sentence's end where one is inside the bound, quoted exactly (spaces collapsed). False: the
# verdict sentence alone, as before.
ANSWER_SUBSTANCE = True
SUBSTANCE_CHARS = 600
# Where an answer's paragraph or cell ends: a blank line, a table's cell rule, a new table row.
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|[ \t]\|(?:[ \t]|$)|\n(?=[ \t]*\|)", re.M)
# What is not an answer's continuation: the next item's heading ("Recommendation 4", "Rec 2",
# "Point 3", "4.", "(b)"), a part's heading, a letter's sign-off.
_NOT_ANSWER = re.compile(
    r"^\W*(?:(?:yours\b|kind\s+regards|best\s+wishes|signed\b)"
    r"|(?:recommendations?|rec|point|paragraph|part|annex|appendix|conclusions?|response)\b"
    r"|\(?[a-z]?\d{1,3}(?:\.\d{1,3})*[.)]\s|\([a-z]\)\s)",
    re.I,
)
_LEAD = re.compile(r"^[\s:|–—-]+")
# The answer's heading, said already by the card's "Response: accepted, answer:" line:
# "Response:", "Trust response:", "Government response to recommendation 11".
_ANSWER_HEADING = re.compile(
    r"^(?:(?:the\s+)?(?:government|[A-Z][\w'’]*)(?:['’]s)?\s+)?(?i:response)"
    r"(?:\s+(?i:to\s+recommendation)\s+\d{1,3}[a-z]?)?\s*[:.–—-]?\s+(?=\S)"
)


def substance(after: str, sentence: str, limit: int | None = None) -> str:
    """The answer's substance (see ``ANSWER_SUBSTANCE``): from where ``sentence`` (the verdict,
    spaces collapsed) stands in ``after`` to the end of its paragraph or cell, bounded. The
    verdict sentence alone when it cannot be found in ``after``."""
    limit = limit or SUBSTANCE_CHARS
    words = sentence.split()
    found = re.search(r"\s+".join(re.escape(w) for w in words), after) if words else None
    if found is None:
        return sentence
    stop = _PARAGRAPH_END.search(after, found.end())
    end = stop.start() if stop else len(after)
    parts = [after[found.start() : end]]
    if stop and not after[found.end() : end].strip():  # the verdict alone in its paragraph
        following = _PARAGRAPH_END.search(after, stop.end())
        nxt = after[stop.end() : following.start() if following else len(after)].strip()
        if len(nxt) >= 40 and not _NOT_ANSWER.match(nxt):
            parts.append(nxt)
    text = _LEAD.sub("", " ".join(" ".join(parts).split()))
    text = _ANSWER_HEADING.sub("", text, count=1)
    return _bounded(text, limit) or sentence


def _bounded(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters: at the last sentence's end inside it, else at a
    word, with "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    ends = [m.end() for m in re.finditer(r"[.!?][”’\"')]*(?=\s)", head)]
    if ends and ends[-1] >= limit // 3:
        return head[: ends[-1]]
    return head[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
