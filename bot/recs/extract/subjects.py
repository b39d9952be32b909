"""Grammar for finding who a call asks, beyond the plain "X should" (round 4; each piece is a rule
in ``rules.py`` with its witnesses and a switch):

- a concessive or contrasting clause ("although we would also urge X ..., we recommend that Y
  should ...") names someone else: the main clause's subject wins;
- a list run into one line without punctuation ("... its accounts every harbour board should
  ... the Agency should ...") names a new subject just before each call;
- a body named by what it is responsible for ("Organisations responsible for licensing ...").

The examples in this file were written for it.
"""

from __future__ import annotations

import re

from bot.recs.extract.rules import on

# "although/though/while/whilst/even if/even though/notwithstanding ... ," up to the comma that
# ends the clause (a parenthesis inside it does not end it).
_CONCESSIVE = re.compile(
    r"\b(?:although|though|while|whilst|even\s+(?:if|though)|notwithstanding|despite)\b"
    r"(?:[^,()]|\([^()]*\))*,",
    re.IGNORECASE,
)


def concessive_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's concessive or contrasting clauses lie (rule ``concessive-clause``)."""
    if not on("concessive-clause"):
        return []
    return [(m.start(), m.end()) for m in _CONCESSIVE.finditer(sentence)]


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    return any(a <= at < b for a, b in spans)


# Words after which a run-in subject cannot start: the phrase before the call then belongs to a
# prepositional phrase, a conjunction or a verb ("data held by the Agency should ...").
_NOT_BEFORE_RUN_IN = set(
    "a an the of for to with on in at by from about under over into onto upon within without "
    "between among across through via per than as and or nor but that which who whom whose "
    "is are was were be been being has have had do does did not no its their his her our your "
    "this these those such each every all any both some if when where while whilst although "
    "though because since unless until so also how why what whether".split()
)
_OPENS = re.compile(r"(?:every|each|all|the|any)$|[A-Z]", re.IGNORECASE)


# After the modal, a body's action ("should urgently review"), not a state ("should be higher").
_ACTION = re.compile(
    r"\s+(?:(?:\w+ly|also|not|now|then|jointly|together)\s+)*(?!be\b|have\b)[a-z]+\b"
)


def run_in_subject(before: str, modal: str, after: str, noun_phrase, known) -> str | None:
    """The subject of a call in a list run into one line: the longest phrase just before the
    modal that is a named body as a whole, opened by a determiner or a capital ("... its
    accounts every harbour board", "... the timetable the Agency"), after a content word
    (rule ``run-in-subjects``). Only for "should"/"must"/"shall" followed by an action
    (``after``: the words after the modal); ``known`` tells a one-word body's name from any
    capitalised word."""
    if not on("run-in-subjects") or modal.lower() not in ("should", "must", "shall"):
        return None  # "the skills the country needs to ...": "needs" may be the verb
    if not _ACTION.match(after):
        return None  # "... sick pay should be higher": a thing described, not a body asked
    words = list(re.finditer(r"\S+", before))
    if len(words) < 3:
        return None
    for i in range(max(1, len(words) - 8), len(words)):
        first = words[i].group()
        if not (first[0].isupper() or first.lower() in ("every", "each", "all", "the", "any")):
            continue
        prev = words[i - 1].group()
        if not re.fullmatch(r"[a-z][a-z'’-]*", prev) or prev in _NOT_BEFORE_RUN_IN:
            continue
        phrase = before[words[i].start() :].strip()
        if "," in phrase:
            continue
        found = noun_phrase(phrase)
        if not found or found != " ".join(phrase.split()):
            continue
        # one word: an acronym ("CQC") or a body's name, not any capitalised word
        if " " in found or sum(c.isupper() for c in found) >= 2 or known(found):
            return found
    return None


# "Organisations responsible for licensing ferry operators", "Those accountable for safety"
_RESPONSIBLE = re.compile(
    r"^(?P<head>(?:[\w'’&-]+\s+){0,5}?[\w'’&-]+)\s+(?:responsible|accountable)\s+for\s+"
    r"[^,;:]{2,90}$",
    re.IGNORECASE,
)


def responsible_subject(clause: str, noun_phrase) -> str | None:
    """A body named by what it answers for, as a whole (rule ``responsible-for``)."""
    if not on("responsible-for"):
        return None
    clause = " ".join(clause.split())
    m = _RESPONSIBLE.match(clause)
    if not m:
        return None
    head = m.group("head")
    if re.fullmatch(r"(?:all\s+)?those", head, re.IGNORECASE) or noun_phrase(head) == head:
        return clause if len(clause.split()) <= 16 else None
    return None


# "Every NHS trust in England", "all employers in the UK": a place qualifies the body it follows
# (rule "place-qualifier").
_PLACE = re.compile(
    r"in\s+(?:England(?:\s+and\s+Wales)?|Wales|Scotland|Northern\s+Ireland|the\s+UK|"
    r"the\s+United\s+Kingdom|Great\s+Britain|Britain|London)\b"
)


def place_after(text: str, at: int) -> int | None:
    """The end of a place qualifier ("in England") starting at ``at``, else None."""
    if not on("place-qualifier"):
        return None
    m = _PLACE.match(text, at)
    return m.end() if m else None
