"""What makes a sentence a call: recommending words ("we recommend", "we urge X to") and the
modal calls ("X should", "must", "needs to") that ask rather than report or describe."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bot.recs.extract.rules import on

DEBATE_TYPES = {"hansard", "transcript", "debate", "evidence", "oral-evidence"}


COMMENTARY_TYPES = {"blog", "article", "news", "speech", "press-release", "opinion"}


# Kinds whose authors make calls with "should"/"must"/"shall" in their own prose. Other kinds
# (codes of practice, memoranda, impact assessments, position statements: "other") state duties
# and describe; there only explicit recommending words ("we recommend") count.
CALL_TYPES = {"", "committee-report", "inquiry-report", "inspection-report", "letter", "report"}


# "We recommend that", "I would also recommend", "The Committee recommends", "It is recommended".
# The bodies that speak of themselves in the third person (data). Rule "more-recommenders" adds
# the bodies a board's annual report, an independent review, an inquiry or a taskforce's report
# speaks as ("The Board recommends that ...", "The Review recommends ...", "The Inquiry
# recommends ..."); not "commission" ("whenever the Commission recommends changes ...": a
# memorandum describing a statutory body's duty) and not "report" (a briefing's "the report
# recommends" is someone else's).
RECOMMENDER_BODIES = ("committee", "panel", "inspectorate", "commissioner")
MORE_RECOMMENDER_BODIES = (
    "board",
    "review",
    "inquiry",
    "taskforce",
    r"task\s+force",
    "group",
    "partnership",
    "forum",
)


def _recommender(more: bool) -> str:
    bodies = RECOMMENDER_BODIES + (MORE_RECOMMENDER_BODIES if more else ())
    return r"I|we|the\s+(?:[\w&'’-]+\s+){0,5}?(?:" + "|".join(bodies) + r")"


# every body (what a summary strips from the front of a recommendation: "The Board recommends")
RECOMMENDER = _recommender(True)


RECOMMEND_VERB = (
    r"\s+(?:(?:would|should|also|therefore|further|strongly|again|now|do|must|"
    r"(?:\S+\s+){1,10}?and(?:\s+(?:would|also|therefore|so|further))?)\s+)*"
    r"recommends?\b"
)


class _Switched:
    """A pattern built for the current state of the rules that ``on`` switches (each state's
    version compiled once)."""

    def __init__(self, rules: tuple[str, ...], build: Callable[..., re.Pattern]) -> None:
        self.rules, self.build = rules, build
        self._built: dict[tuple[bool, ...], re.Pattern] = {}

    def _pick(self) -> re.Pattern:
        state = tuple(on(rule) for rule in self.rules)
        if state not in self._built:
            self._built[state] = self.build(*state)
        return self._built[state]

    def search(self, text: str, *args: int) -> re.Match | None:
        return self._pick().search(text, *args)

    def finditer(self, text: str, *args: int) -> Iterator[re.Match]:
        return self._pick().finditer(text, *args)

    def sub(self, repl: str, text: str) -> str:
        return self._pick().sub(repl, text)

    def match(self, text: str, *args: int) -> re.Match | None:
        return self._pick().match(text, *args)


# Rule "acronym-recommenders": a body named by its initials recommends in its own voice ("The
# IOPC recommends that the force consider how ..."): a capitalised acronym after "the", as the
# body words above are. Before, such a sentence with no modal was no call, and a label's
# paragraph holding it was read as a title.
ACRONYM_RECOMMENDER = r"the\s+(?-i:[A-Z][A-Z&]{1,7})(?=\s)"


def _recommend_pattern(more: bool, acronyms: bool = False) -> re.Pattern:
    who = _recommender(more) + (f"|{ACRONYM_RECOMMENDER}" if acronyms else "")
    return re.compile(
        rf"\b(?:(?P<who>{who}){RECOMMEND_VERB}(?!ed)"
        r"|\bit\s+is\s+(?:also\s+|therefore\s+)*recommended\s+that\b"
        r"|\bour\s+recommendations?\s+(?:is|are)\s+(?:that|to|as\s+follows)\b)",
        re.IGNORECASE,
    )


_RECOMMEND = _Switched(("more-recommenders", "acronym-recommenders"), _recommend_pattern)


# "We urge the Home Office to", "The Committee calls on the Government to", and in letters "I would
# ask that the force ...", "I ask you to ...".
# Letters' asks (rule "letter-asks"): "We continue to urge the Agency to ..." and "We suggest
# that you publish ..." (not "suggest that you were right").
_CONTINUE_TO = r"(?:(?:continue|still\s+wish)\s+to\s+(?=(?:urge|encourage|call|ask|invite)\w*\s))?"
_SUGGEST_YOU = (
    r"|suggests?\s+that\s+(?=you\s+(?:should\s+|must\s+|\w+ly\s+)?(?!(?:are|were|have|had|"
    r"may|might|will|would|can|could|did|do|know|knew)\b)[a-z]+\b(?!['’]))"
)


# Whom a hearing's submissions ask (rule "inquiry-asked"): the inquiry itself or its chair ("the
# group asks the Inquiry to examine ...", "we invite you, my Lady, to ..."): a submission to the
# inquiry, not a recommendation.
_HEARER = (
    r"(?!(?:that\s+|this\s+)*(?:(?:the|this|that)\s+)?(?:Inquiry|Chair(?:man|woman)?)\b"
    r"(?!\s+(?:of|into|for)\b)"  # "the Chair of the Board", "the Inquiry into X": another body
    r"|(?:that\s+)?(?:you,?\s+)?my\s+Lady\b)"
)


# Rule "request-that-forms": a request in the first person with a word between the verb and its
# "that" ("I ask instead that the Home Office ...", "I ask therefore that ...") or in the
# progressive ("I am therefore formally requesting that the force ...", "We are asking that ...");
# before, "ask that" / "request that" had to stand together, in the simple present.
_REQUESTING = (
    r"|(?:am|are)\s+(?:(?:\w+ly|therefore|now|also|instead)\s+)*(?:asking|requesting)"
    r"(?=\s+that\s)"  # "I am asking the force to ...": rule letter-requests, not this
)
_BETWEEN_ASK = r"(?:(?:instead|therefore|formally|respectfully|now|also|again)\s+(?=that\s))?"


def _urge_pattern(
    letters: bool, more: bool, hearer: bool = False, requesting: bool = False
) -> re.Pattern:
    not_hearer = _HEARER if hearer else ""
    return re.compile(
        rf"\b(?P<who>{_recommender(more)})\s+(?:(?:would|also|therefore|strongly|really|do|further|"
        r"(?:\S+\s+){1,16}?and(?:\s+(?:would|also|therefore|so|further|strongly))?)\s+)*"
        + (_CONTINUE_TO if letters else "")
        + r"(?:(?:urges?|encourages?|calls?\s+on|calls?\s+upon|invites?)\s+"
        + not_hearer
        + r"(?!attention\b|the\s+reader)(?=\S+(?:\s+\S+){0,8}?\s+to\s)"
        r"|(?:asks?|requests?"
        + (_REQUESTING if requesting else "")
        + r")\s+"
        + (_BETWEEN_ASK if requesting else "")
        + not_hearer
        + r"(?=that\s|\S+(?:\s+\S+){0,3}?\s+to\s)"
        + (_SUGGEST_YOU if letters else "")
        + r"|(?:be|am|are)\s+grateful\s+if\s+(?=(?:you|the\s+\w+(?:\s+\w+){0,4}?)\s+"
        r"(?:could|would)\s))",
        re.I,
    )


_URGE = _Switched(
    ("letter-asks", "more-recommenders", "inquiry-asked", "request-that-forms"), _urge_pattern
)


_REMEDY = re.compile(
    r"\bwould\s+(?:go\s+(?:some|a\s+long)\s+way|help)\s+(?:to|towards)\s+"
    r"(?:remed|address|solv|resolv|tackl|fix|improv|reduc|overcom)",
    re.IGNORECASE,
)


MODAL = r"\b(?:should|must|shall|ought\s+to|needs?\s+to|will\s+need\s+to)\b"


_MODAL = re.compile(MODAL + r"(?!\s+have\s+been)", re.I)


_RELATIVE_BEFORE = re.compile(
    r"\b(?:that|which|who|whom|whose)\s+(?:\w+ly\s+)?$|\b(?:the|a|an|no|any|urgent|clear|"
    r"pressing|real|growing|this|their|its|our|his|her)\s+$",
    re.IGNORECASE,
)


_WH_CLAUSE = re.compile(
    r"\b(?:how|which|what|whether|where|when|why|if|unless|because|since|so\s+that)\b", re.I
)


_AGREEMENT = re.compile(
    r"\b(?:agree[sd]?|agreement|recogni[sz](?:e|es|ed|ing)|accept(?:s|ed)?|acknowledge[sd]?|"
    r"said|says|told|claim(?:s|ed)?|assert(?:s|ed)?|argue[sd]?|ambition|expectation|"
    r"concluded|found|proposed|proposes|suggest(?:s|ed)?|recommended|recommends|stated|noted|"
    r"reported|believes?|recommendation\s+(?:was|is)|"
    r"thinks?|submits?|submitted|contends?|hopes?)\b"
    r"(?:\s+[\w'’,-]+){0,8}?\s+that\b"
    # Reported words without "that": "Sir Nick said the force should", "Ofcom suggest councils".
    r"|\b(?:said|says|told\s+\w+|suggest(?:s|ed)?|argue[sd]?|claim(?:s|ed)?|insist(?:s|ed)?|"
    r"added|explained|according\s+to)\b",
    re.IGNORECASE,
)


# The author's own view is a call, not reported words: "The Committee believes that the Prison
# Service should ...", "We consider that ...".
def _own_view_pattern(more: bool) -> re.Pattern:
    return re.compile(
        rf"\b(?:{_recommender(more)})\s+(?:(?:also|therefore|still|firmly|strongly)\s+)*"
        r"(?:believes?|considers?|thinks?|(?:is|are|remains?)\s+of\s+the\s+(?:view|opinion))"
        r"\s+that\b",
        re.IGNORECASE,
    )


_OWN_VIEW = _Switched(("more-recommenders",), _own_view_pattern)


# "should the newspaper win": an inverted modal opens a condition or a question, not a call.
_INVERTED = re.compile(
    r"\s+(?:the|a|an|this|that|these|those|it|they|he|she|we|you|there|any|such)\s+\w+", re.I
)


# "I should record", "we should add": the author speaking of their own report.
_SELF = re.compile(r"\b(?:I|we)\s+(?:(?:also|therefore|now|first|further)\s+)*$", re.I)


_SELF_VERB = re.compile(
    r"\s+(?:(?:also|like\s+to|first|briefly|perhaps)\s+)*(?:record|add|say|note|mention|like|"
    r"make\s+clear|emphasi[sz]e|stress|point\s+out|explain|acknowledge|observe|state|repeat|"
    r"begin|start|end|conclude|declare|disclose|thank|turn|deal|consider|remind)\b",
    re.I,
)


_PASSIVE = re.compile(
    r"^\s*(?:(?:also|therefore|now|then|still|\w+ly)\s+)*(?:be|remain|become|been|get)\s+"
    r"(?:(?:\w+ly|also|more|better|fully|further|properly)\s+)*[\"“‘']?(?P<word>[A-Za-z-]+)",
    re.IGNORECASE,
)


_IRREGULAR = {
    "held",
    "made",
    "set",
    "paid",
    "given",
    "taken",
    "seen",
    "done",
    "told",
    "kept",
    "put",
    "run",
    "led",
    "brought",
    "built",
    "sent",
    "spent",
    "met",
    "shown",
    "known",
}


def _explicit(sentence: str) -> bool:
    return bool(_RECOMMEND.search(sentence) or _URGE.search(sentence))


def _quoted(sentence: str, at: int) -> bool:
    """Whether position ``at`` lies inside a quotation ("“We recommend ...,” she said")."""
    before = sentence[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _recommends(sentence: str, commentary: bool) -> bool:
    found = _RECOMMEND.search(sentence)
    if found and _quoted(sentence, found.start()):
        return False
    if commentary:
        # A news story or speech reporting that "the committee recommends" is not the
        # committee's document: only the author's own "I/we recommend" counts there.
        who = (found.group("who") or "").lower() if found else ""
        return who in ("i", "we")
    if found:
        return True
    return bool(_URGE.search(sentence) or _REMEDY.search(sentence) or _is_call(sentence))


def _is_call(sentence: str) -> bool:
    """A "should"/"must"/"needs to" that asks for something, not one that reports or describes."""
    return any(_call_ok(sentence, m) for m in _MODAL.finditer(sentence))


# "Restricting people's liberty ... should be avoided": a gerund with its own object as subject
# ("Funding should be provided" is a noun, and stays a call).
_GERUND_CLAUSE = re.compile(
    r"\s*[A-Z][a-z]+ing\s+(?!(?:of|for|should|must|shall|needs?|will|is|are|and|to)\b)[a-z]"
)


# "the information they need to provide", "the skills it needs to": a relative clause without
# "that" (rule "contact-relative").
_CONTACT_RELATIVE = re.compile(
    # not after a preposition: "at the very least we need to", "in a pandemic you need to"
    r"(?<!\bat\s)(?<!\bin\s)(?<!\bfor\s)(?<!\bon\s)(?<!\bby\s)(?<!\bto\s)(?<!\bwith\s)"
    r"(?<!\bfrom\s)(?<!\bafter\s)(?<!\bbefore\s)(?<!\bduring\s)(?<!\bwithin\s)(?<!\bover\s)"
    # "the view that we need to" is a "that" clause, not a relative one without "that"
    r"\b(?:the|a|an|any|all|what|whatever|every)\s+(?:(?!(?:that|which|who)\b)[a-z][\w-]*\s+){1,2}"
    r"(?:it|they|we|you|he|she)\s+$",
    re.I,
)


def _call_ok(sentence: str, modal: re.Match) -> bool:
    before = sentence[: modal.start()]
    after = sentence[modal.end() :]
    if not before.strip():  # "Should the Department ..." opens a question or a condition
        return False
    if _INVERTED.match(after) and not re.match(r"\s+(?:the|a|an)\s+\w+\s+be\b", after):
        return False
    if _SELF.search(before) and (
        re.search(r"\bI\s+(?:\w+\s+)?$", before) or _SELF_VERB.match(after)
    ):
        return False
    if _RELATIVE_BEFORE.search(before) or _AGREEMENT.search(_OWN_VIEW.sub(" ", before)):
        return False
    clause = re.split(r"[,;:—–(]", before)[-1]
    if _WH_CLAUSE.search(clause):
        return False
    relative = modal.group().lower().startswith("need") and _CONTACT_RELATIVE.search(before)
    if relative and on("contact-relative"):
        return False  # "the data it needs to see": a relative clause, no call
    # A general truth, not a call on anyone: "one must ...", "Restricting liberty ... should be
    # avoided" (a gerund clause as the subject).
    if re.search(r"(?:^|\s)one\s+(?:\w+ly\s+)?$", clause, re.I):
        return False
    if _GERUND_CLAUSE.match(before) and _passive(after):
        return False
    if re.match(r"\s+(?:not\s+)?(?:be\s+)?(?:necessary|unnecessary|possible)\b", after, re.I):
        return False
    if re.match(r"\s+(?:not\s+)?(?:mean|seem|appear|expect)\b", after, re.I):  # epistemic
        return False
    return not re.match(r"\s+have\s+\w+(?:ed|en)\b", after, re.I)  # "should have acted"


def _passive(after: str) -> bool:
    m = _PASSIVE.match(after)
    if not m:
        return False
    word = m.group("word").lower()
    return word.endswith(("ed", "en")) or word in _IRREGULAR
