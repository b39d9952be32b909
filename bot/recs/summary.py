"""One-line summaries of recommendations, cut from their own words.

A summary is extractive: the recommendation's first sentence with the parts a list line shows
elsewhere taken out (the deadline, which has its own column; parenthesised acronyms and
cross-references; "I would also recommend that"), then cut at a clause boundary to fit. Nothing
is added except an ellipsis where text was cut and, when the sentence opens with "it" standing
for the body named in the previous recommendation, that body in square brackets (the usual
editorial mark), so the summary keeps its addressee. Bracketed qualifiers and subsection
numbers ("section 52(1)") are part of the ask and are kept. The ask itself (the modal and its
verb: "should publish") always stays: a long summary first loses an aside before the modal
("X, in consultation with Y, should ..."), and is never cut before the verb. "We recommend that"
is taken off; the rest ("the Home Office publish ...") keeps the ask.
"""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.deadlines import find_deadline
from bot.recs.extract import MODAL, RECOMMEND_VERB, RECOMMENDER

MAX_CHARS = 160

_FRAME = re.compile(rf"^(?:{RECOMMENDER}){RECOMMEND_VERB}\s+(?:that\s+)?", re.IGNORECASE)
_HAS_MODAL = re.compile(MODAL, re.I)
_DISCOURSE = re.compile(
    r"^(?:more\s+generally|in\s+addition|additionally|finally|furthermore|moreover|also|however|"
    r"therefore|overall|in\s+particular|in\s+summary)\s*,\s*",
    re.IGNORECASE,
)
# Only what repeats elsewhere goes: a parenthesised acronym ("(NCA)") or a cross-reference
# ("(paragraph 4.16)", "(see Chapter 3)"). Qualifiers in brackets ("(without necessarily specifying
# a blanket ban)") and subsection numbers ("section 52(1)") are part of the ask and stay.
_PARENTHESIS = re.compile(
    r"\s*\((?:[A-Z][A-Za-z&]*[A-Z]s?|(?:see\s+)?(?:paragraphs?|paras?\.?|chapter|"
    r"section|page|annex|appendix|recommendation)\s+[\w.,–-]+(?:\s+(?:above|below))?)\)",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:it|they)\b", re.IGNORECASE)
# Where a long summary may be cut: before ", ", "; " or an "and" that starts a new clause.
_CLAUSE_BREAK = re.compile(
    r",\s|;\s|\s(?=and\s+(?:what|how|whether|which|why|where|to|provide|set|write|make|ensure|"
    r"develop|review|agree|publish|report|explain|consider|that|its|their)\b)",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"(?:\s+(?:and|or|of|the|to|from|for|in|on|with|a|an|its|their|by|at|as|that|which))+$",
    re.IGNORECASE,
)


# A table's one-letter codes, defined by the document's key (say "G = agreed; Q = agreed in
# part"), that a PDF reader ran into a row's text ("... by the end of 2027, Q publish a plan
# ..."): a summary leaves them out (switch, round 12). "A" and "I" are words, never
# dropped. Witnesses: the Commons Library's infected blood briefing (its table of four
# governments' responses, a code a column); a response tracker printed with a key, written for
# tests/recs/test_round12_kinds.py.
TABLE_CODES_DROPPED = True
_CODE_KEY = re.compile(r"(?<![\w=])([B-HJ-Z])\s*=\s*[a-z]")


def table_codes(document_text: str) -> frozenset[str]:
    """The one-letter codes a document's key defines ("G = agreed"), when it has one
    defining at least two."""
    codes = frozenset(_CODE_KEY.findall(document_text))
    return codes if TABLE_CODES_DROPPED and len(codes) >= 2 else frozenset()


def summarise(
    text: str,
    pronoun_for: str | None = None,
    limit: int = MAX_CHARS,
    codes: frozenset = frozenset(),
) -> str:
    """A summary of at most ``limit`` characters made from ``text``'s own words; ``codes``: a
    table's one-letter codes (``table_codes``) to leave out where they stand alone."""
    text = text.replace("\n", " ")
    if codes:
        alone = "|".join(sorted(codes))
        text = re.sub(rf"(?<=[\s,;])(?:{alone})(?=\s)\s*", "", text)
    spans = sentence_spans(text)
    if not spans:
        return ""
    line = text[spans[0][0] : spans[0][1]]
    line = " ".join(_without_deadline(line).split())
    line = re.sub(r"\s+([.,;:])", r"\1", _PARENTHESIS.sub("", line))
    line = _DISCOURSE.sub("", line)
    frame = _FRAME.match(line)
    if frame:  # "We recommend that the Home Office publish ..." -> "The Home Office publish ..."
        line = line[frame.end() :]
    if pronoun_for and _PRONOUN.match(line):
        line = _PRONOUN.sub(f"[{_capitalise(pronoun_for)}]", line, count=1)
    return _fit(_capitalise(line), limit)


def _without_deadline(sentence: str) -> str:
    """The sentence without a deadline that opens it ("Within six months, ...") or closes a
    clause ("... to the Committee within six months."); one in mid-clause stays."""
    deadline = find_deadline(sentence, None)
    if deadline is None:
        return sentence
    for phrase_start, phrase_end in reversed(_groups(sentence, deadline)):
        after = sentence[phrase_end:]
        if phrase_start == 0 and after.startswith(","):
            sentence = after[1:].lstrip()
        elif re.match(r"\s*(?:[,.;:]|$)", after) and phrase_start > 0:
            head = sentence[:phrase_start].rstrip(" ,")
            if NO_DANGLING_WORDS and _LEAD_IN_ALONE.match(head) and after.startswith(","):
                sentence = after[1:].lstrip()  # "Beginning no later than May 2027, the ..."
                continue
            if NO_DANGLING_WORDS:
                head = _LEAD_IN_LEFT.sub("", head)
            sentence = head + after
    return sentence


# Round 13 (``NO_DANGLING_WORDS``): the words that led into a deadline go with it, so a summary
# does not end "..., starting." ("..., starting by 1 February 2027", the round-12 walk), "...,
# to be completed.", "..., in place." or open "Beginning, the unit ...". False: as before.
NO_DANGLING_WORDS = True
_LEAD_IN_WORDS = (
    r"starting|beginning|commencing|effective|completed|implemented|delivered|ready|in\s+place|"
    r"to\s+be\s+(?:\w+\s+){0,2}?(?:completed|implemented|in\s+place|done|delivered|published|"
    r"achieved|ready|finished)"
)
_LEAD_IN_LEFT = re.compile(
    rf"(?:,\s*(?:{_LEAD_IN_WORDS})|\s+(?:starting|beginning|commencing))$", re.IGNORECASE
)
_LEAD_IN_ALONE = re.compile(r"^(?:starting|beginning|commencing|effective)$", re.IGNORECASE)


def _groups(sentence: str, deadline) -> list[tuple[int, int]]:
    """The merged deadline spans inside ``sentence`` (a deadline's text joins them with "; ")."""
    spans, cursor = [], 0
    for part in deadline.text.split("; "):
        at = sentence.find(part, cursor)
        if at >= 0:
            spans.append((at, at + len(part)))
            cursor = at + len(part)
    return spans


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# An aside between the subject and its modal ("X, in consultation with Y, should"): the first
# words to go when a summary is too long, so the ask stays.
_ASIDE_BEFORE_ASK = re.compile(
    r",\s[^,]{3,120}?,(?P<keep>\s)(?=(?:\w+\s)?(?:should|must|shall|needs?\s+to)\b)"
)
_ASIDE_AFTER_MODAL = re.compile(
    r"(?:(?<=should)|(?<=must)|(?<=shall))(?P<keep>),\s[^,]{3,160}?,(?=\s)"
)
_OPENING = re.compile(r"^(?P<keep>)[^,]{3,160}?,\s(?=.{0,160}?\b(?:should|must|shall)\b)")
_ASK_VERB = re.compile(
    MODAL + r"(?:,[^,]{0,200},)?(?:\s+(?:not|also|now|urgently|then|therefore))*\s+\S+", re.I
)


def _ask_end(line: str) -> int:
    """Where the ask (the modal and its verb) ends; 0 when the line has none."""
    m = _ASK_VERB.search(line)
    return m.end() if m else 0


def _fit(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    for aside in (_ASIDE_AFTER_MODAL, _ASIDE_BEFORE_ASK, _OPENING):
        if _ask_end(line) <= limit * 2 // 3:
            break
        m = aside.search(line)
        if m:
            line = _capitalise(line[: m.start()] + m.group("keep") + line[m.end() :]).strip()
            if len(line) <= limit:
                return line
    floor = max(limit // 3, _ask_end(line) + 1)
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(line) if floor <= m.start() < limit]
    if breaks:
        cut = line[: breaks[-1]]
    else:
        cut = line[: limit - 1].rsplit(" ", 1)[0]
    cut = _DANGLING.sub("", cut.rstrip(" ,;:"))
    return cut[: limit - 1] + "…"
