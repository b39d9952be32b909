"""The tracker's filter: ``doc:<id> to:<addressee> due:overdue|due:30d|due:2027 status:<status>
response:<stance> theme:<theme>`` and words, parsed (``parse_filter``) into a ``RecFilter``
that says whether a recommendation matches (words fuzzy over its text, summary, themes,
addressees and its document's title).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.library.text import fold, words
from bot.recs import addressees as names
from bot.recs.item import CLOSED, Recommendation, RecommendationError, is_overdue, parse_status
from bot.recs.stance import STANCES
from bot.recs.themes import THEMES

STOPWORDS = {"the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "by", "with", "recs"}
_DUE = re.compile(r"^(?:(?P<overdue>overdue|late|past)|(?P<n>\d{1,4})(?P<unit>d|w|m|y)?)$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
# ``due:2027`` (or ``due:2027-06``) is what falls due in that year (or month), whatever its status.
# False: as before, a four-digit number is read as days ("due:2025" was due within 2,025 days,
# i.e. to mid-2032, found by the round-11 walk).
DUE_YEAR = True
_DUE_PERIOD = re.compile(r"^(?P<year>(?:19|20|21)\d\d)(?:-(?P<month>0?[1-9]|1[0-2]))?$")

# Round 13 (``RESPONSE_FILTER``): ``response:accepted`` is what a response answered so (the
# stance a card shows as "Response: accepted"), beside ``status:``, the team's own status: the
# round-12 walk's `status:accepted` found nothing while four items carried "Response: accepted".
# Also ``response:in-part``, ``response:not-accepted``, ``response:none`` (no response yet) and
# ``response:any``. One parser for the console, the command line and Slack. False: "response:"
# is a word, as before.
RESPONSE_FILTER = True
RESPONSE_ANY, RESPONSE_NONE = "any", "none"
RESPONSE_ALIASES = {
    "accept": "accepted",
    "agreed": "accepted",
    "in part": "accepted in part",
    "part": "accepted in part",
    "partial": "accepted in part",
    "partly": "accepted in part",
    "partially accepted": "accepted in part",
    "in principle": "accepted in principle",
    "principle": "accepted in principle",
    "rejected": "not accepted",
    "refused": "not accepted",
    "declined": "not accepted",
    "not agreed": "not accepted",
    "answered": RESPONSE_ANY,
    "unanswered": RESPONSE_NONE,
    "no": RESPONSE_NONE,
}


@dataclass
class RecFilter:
    """A parsed filter: words (fuzzy over text, themes, addressees and the document's title) plus
    field:value terms."""

    words: list[str] = field(default_factory=list)
    doc: str | None = None
    to: list[str] = field(default_factory=list)
    status: str | None = None
    response: str | None = None  # a stance (``bot.recs.stance.STANCES``), "any" or "none"
    theme: list[str] = field(default_factory=list)
    overdue: bool = False
    within_days: int | None = None
    due_in: tuple[dt.date, dt.date] | None = None  # due:2027: the first and last day of the period

    def matches(self, rec: Recommendation, db, today: dt.date) -> bool:
        if self.status and rec.status != self.status:
            return False
        if self.response and not _answered(rec, self.response):
            return False
        if self.overdue and not is_overdue(rec, today):
            return False
        if self.within_days is not None:
            horizon = today + dt.timedelta(days=self.within_days)
            if not (rec.due and today <= rec.due <= horizon and rec.status not in CLOSED):
                return False
        if self.due_in and not (rec.due and self.due_in[0] <= rec.due <= self.due_in[1]):
            return False
        if any(not _addressed_to(rec, who, db) for who in self.to):
            return False
        if any(not _has_theme(rec, theme) for theme in self.theme):
            return False
        if self.words:
            vocabulary = _vocabulary(rec)
            return all(_word_matches(word, vocabulary) for word in self.words)
        return True


# A filter typed with a space after its colon ("to: NCA", "doc: pac-soc-2019", "due: overdue") is
# the filter, as in search; it was "“to:” needs a value". False: as before.
FILTER_SPACE = True
_KEY_SPACE = re.compile(
    r"(?<![\w:-])(?P<key>(?:doc|to|due|status|response|theme):)[ \t]+(?=\S)", re.I
)


# "response:accepted in part" (or "response: not accepted") typed with spaces is one stance.
_STANCE_SPACED = re.compile(
    r"(?<![\w:-])(response:)[ \t]*(accepted|not|partially)[ \t]+(in[ \t]+part|in[ \t]+principle|"
    r"accepted|agreed)\b",
    re.I,
)


def _key_joined(m: re.Match) -> str:
    if m["key"].lower() == "response:" and not RESPONSE_FILTER:
        return m[0]
    return m["key"]


# `recs to:home office` was to:home and the word "office" (round 20's walk): only the hint's
# `to:home-office` form named the Home Office. With this on, a quoted value (`to:"home office"`,
# also `theme:`) is one value, and the words after a `to:` value, up to the next filter, join it
# as far as they still spell out an addressee of the recommendations listed (a whole name, not a
# part of one: `to:NCA funding` is the NCA and the word "funding"); the rest stay words. False:
# as before.
TO_TAKES_WORDS = True
_QUOTED_VALUE = re.compile(
    r"(?<![\w:-])(?P<key>(?:to|theme):)[\"“”'](?P<value>[^\"“”]*)[\"“”']?", re.I
)
_FILTER_TOKEN = re.compile(r"^(?:doc|to|due|status|response|theme):|^overdue$", re.I)


def _quoted_joined(m: re.Match) -> str:
    return m["key"] + "-".join(m["value"].split())


def _whole_name(name: str, addressees: list[str], db=None) -> bool:
    """Whether ``name`` spells out one of ``addressees`` whole (close, not as a part of one)."""
    wanted = fold(names.canonical(name, db))
    return any(wanted == fold(a) or fuzz.ratio(wanted, fold(a)) >= 90 for a in addressees)


def _name_words(value: str, after: list[str], addressees: list[str] | None, db=None) -> int:
    """How many of the words ``after`` a `to:` value join it (``TO_TAKES_WORDS``): the most that
    still spell out an addressee whole; none without the addressees."""
    if not addressees:
        return 0
    for count in range(len(after), 0, -1):
        if _whole_name(" ".join([value, *after[:count]]), addressees, db):
            return count
    return 0


def parse_filter(text: str, addressees: list[str] | None = None, db=None) -> RecFilter:
    """``doc:<id> to:<addressee> due:overdue|due:30d|due:2027 status:<status> response:<stance>
    theme:<theme>`` and words; a bare ``overdue`` (``/rocu recs overdue``) is ``due:overdue``.
    ``addressees``: the names a `to:` value's following words may complete (``TO_TAKES_WORDS``)."""
    wanted = RecFilter()
    if FILTER_SPACE:  # "to: NCA" is to:NCA
        text = _KEY_SPACE.sub(_key_joined, text or "")
    if RESPONSE_FILTER:
        text = _STANCE_SPACED.sub(lambda m: m[1] + "-".join((m[2] + " " + m[3]).split()), text)
    if TO_TAKES_WORDS:
        text = _QUOTED_VALUE.sub(_quoted_joined, text or "")
    tokens = (text or "").split()
    skip = 0
    for at, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if token.lower() == "overdue":
            wanted.overdue = True
            continue
        name, sep, value = token.partition(":")
        name = name.lower()
        if not sep or name not in _KEYS + (("response",) if RESPONSE_FILTER else ()):
            wanted.words += [w for w in words(fold(token)) if w not in STOPWORDS]
            continue
        value = value.strip().strip("\"'“”")
        if not value:
            raise RecommendationError(f"“{token}” needs a value, e.g. {_EXAMPLES[name]}.")
        if name == "doc":
            wanted.doc = value
        elif name == "to":
            value = value.replace("_", " ").replace("-", " ")
            if TO_TAKES_WORDS:
                after = []
                for word in tokens[at + 1 :]:
                    if _FILTER_TOKEN.match(word):
                        break
                    after.append(word)
                skip = _name_words(value, after, addressees, db)
                value = " ".join([value, *after[:skip]])
            wanted.to.append(value)
        elif name == "theme":
            wanted.theme.append(value.replace("_", " ").replace("-", " "))
        elif name == "status":
            wanted.status = parse_status(value.replace("_", " "))
        elif name == "response":
            wanted.response = parse_response(value)
        else:
            period = _DUE_PERIOD.match(value) if DUE_YEAR else None
            if period:
                wanted.due_in = _period(int(period["year"]), period["month"])
                continue
            due = _DUE.match(value.lower())
            if not due:
                also = " or a year, due:2027" if DUE_YEAR else ""
                raise RecommendationError(
                    f"“{token}” is not a due filter: use due:overdue, due:30d (also 2w, 3m){also}."
                )
            if due.group("overdue"):
                wanted.overdue = True
            else:
                wanted.within_days = int(due.group("n")) * _UNIT_DAYS[due.group("unit") or "d"]
    return wanted


_KEYS = ("doc", "to", "due", "status", "theme")


def parse_response(value: str) -> str:
    """The stance ``response:VALUE`` asks for ("accepted", "in-part", "not_accepted", "none",
    "any"); a RecommendationError naming them for anything else."""
    typed = " ".join(value.lower().replace("-", " ").replace("_", " ").split())
    typed = RESPONSE_ALIASES.get(typed, typed)
    if typed in STANCES or typed in (RESPONSE_ANY, RESPONSE_NONE):
        return typed
    names = ", ".join(s.replace(" ", "-") for s in STANCES)
    raise RecommendationError(
        f"“response:{value[:40]}” is not a response's stance: use one of {names}, "
        "or response:none (no response yet), response:any."
    )


def _stances(rec: Recommendation) -> list[str]:
    """The stances the responses to ``rec`` state (as its card shows them)."""
    said = [a.get("stance") for a in rec.responses or []]
    if not rec.responses and rec.response:  # extraction's word, before linking
        said.append(rec.response)
    return [s for s in said if s]


def _answered(rec: Recommendation, wanted: str) -> bool:
    stances = _stances(rec)
    if wanted == RESPONSE_NONE:
        return not rec.responses and not rec.response
    if wanted == RESPONSE_ANY:
        return bool(rec.responses or rec.response)
    return wanted in stances


def _period(year: int, month: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day of a year, or of one month of it."""
    if not month:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = dt.date(year, int(month), 1)
    following = dt.date(year + (start.month == 12), start.month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


_EXAMPLES = {
    "doc": "doc:pac-soc-2019",
    "to": "to:home-office",
    "due": "due:30d",
    "status": "status:open",
    "response": "response:accepted",
    "theme": "theme:funding",
}


def _addressed_to(rec: Recommendation, who: str, db) -> bool:
    wanted = fold(names.canonical(who, db))
    return any(_names(wanted, a) for a in rec.addressees)


def _names(wanted: str, addressee: str) -> bool:
    """Whether the folded ``wanted`` (a ``to:`` filter) names ``addressee``."""
    return wanted == fold(addressee) or fuzz.partial_ratio(wanted, fold(addressee)) >= 85


def addressees_named(recs: list, who: str, db=None) -> list[str]:
    """The addressees of ``recs`` that ``to:who`` names, as the recommendations name them, the
    most often named first."""
    wanted = fold(names.canonical(who, db))
    counts: dict[str, int] = {}
    for rec in recs:
        for addressee in rec.addressees:
            if _names(wanted, addressee):
                counts[addressee] = counts.get(addressee, 0) + 1
    return sorted(counts, key=lambda a: -counts[a])


def _has_theme(rec: Recommendation, theme: str) -> bool:
    best = process.extractOne(fold(theme), list(THEMES), scorer=fuzz.partial_ratio)
    return bool(best and best[1] >= 80 and best[0] in rec.themes)


def _vocabulary(rec: Recommendation) -> set[str]:
    # The document's title and id too: "recs covid" is the recommendations of the Covid inquiry's
    # reports, though few of them name the pandemic.
    parts = [rec.text, rec.summary, " ".join(rec.themes), " ".join(rec.addressees)]
    parts += [rec.doc_title or "", rec.doc_id.replace("-", " ")]
    return set(words(fold(" ".join(parts))))


def _word_matches(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary:
        return True
    if len(word) >= 3 and any(v.startswith(word) for v in vocabulary):
        return True
    if len(word) < 4:
        return False
    return process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80) is not None
