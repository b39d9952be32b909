"""Deadline phrases in recommendations, and the date each falls due.

Reports and letters say when they expect action in words: "within six months", "within three
months of this report", "by 31 March 2020", "as soon as possible", "as part of the Spending Review".
We keep those words exactly as written and, where they name a fixed interval or a date, compute
the due date from the document's date. Month arithmetic clamps to the month's end, so 31 August +
six months is the last day of February, never an invalid date or a day in March.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})


def _on(name: str) -> bool:
    """Whether the named rule (bot/recs/extract/rules.py, switchable with ``--rules-off``) is
    on; imported here, not at the top, since the extractor imports this module."""
    from bot.recs.extract.rules import on

    return on(name)


_NUMBER = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# Fixed intervals: "within six months", "within 12 weeks of this report", "in the next year".
_INTERVAL = re.compile(
    rf"\b(?:within|in)\s+(?:the\s+next\s+)?(?P<n>{_NUMBER})\s+"
    r"(?P<unit>days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
# Calendar dates: "by 31 March 2020", "by March 2020", "by the end of 2020"; with
# NO_LATER_THAN_DATES (switch, round 11) also "no later than April 2028", "not later than 31 May
# 2027" (as "no later than autumn 2023" already was for a season: the DHSC rapid review's; a
# month in an independent review written for the tests, tests/recs/kinds11).
NO_LATER_THAN_DATES = True


def _by_date(later: bool) -> re.Pattern:
    lead = r"(?:by|no[t]?\s+later\s+than)" if later else "by"
    return re.compile(
        rf"\b{lead}\s+(?:the\s+end\s+of\s+)?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?"
        rf"(?P<month>{_MONTH})\.?\s+(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    )


_BY_DATES = {True: _by_date(True), False: _by_date(False)}
_BY_YEAR_END = re.compile(r"\bby\s+the\s+end\s+of\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
# A year, or a season of a year, as the latest time: "no later than autumn 2023", "in or before
# 2027", "by spring 2026"; due at the end of that season or year.
_LATEST = re.compile(
    r"\b(?:no\s+later\s+than|in\s+or\s+before|by)\s+(?:the\s+end\s+of\s+)?"
    r"(?:(?P<season>spring|summer|autumn|winter)\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*(?:levels?|-|–))",
    re.IGNORECASE,
)
_SEASON_END = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "winter": (1, 2)}
# What an interval counts from, when the text says ("of the conclusion of the exercise"); a due
# date follows only when that is the document itself.
_ANCHOR = re.compile(
    r"\s+(?:of|from|after|following)\s+(?P<anchor>[^,.;:()\n]{3,80}?)"
    r"(?=\s*(?:[,.;:()\n]|$)|\s+(?:and|or|to|so|it|they|which|that|at|for|in|on|with)\s)",
    re.IGNORECASE,
)
_SELF_ANCHOR = re.compile(
    r"^(?:(?:the\s+)?(?:publication|date|receipt|laying|issue)\s+of\s+)?(?:this|the|its|our)\s+"
    r"(?:report|letter|response|publication|inspection|review|document)$",
    re.IGNORECASE,
)
# "before the next general election", "before the start of the 2026 season", "before March 2026".
_BEFORE = re.compile(
    rf"\bbefore\s+(?:(?:the\s+)?(?:end|start|beginning)\s+of\s+(?P<year>(?:19|20)\d\d)\b|"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\.?\s+(?P<myear>(?:19|20)\d\d)\b|"
    r"the\s+(?:next|forthcoming|coming|start|end|beginning|introduction|commencement|launch|"
    r"publication|laying|implementation|opening|close|summer|winter|autumn|spring|general|"
    r"\d{4})\b[^,.;:()\n]{0,60}?(?=\s*[,.;:()\n]|$|\s+(?:and|or|so|which|to)\s)|"
    # any other event: "before the current contract expires in 2027", "before any further
    # roll-out"; not a place ("before the Committee", "before Parliament")
    r"(?:the|any|its|their)\s+(?!(?:\w+\s+)?(?:committee|court|house|parliament|tribunal|panel|"
    r"inquiry|public|courts|magistrates)\b)[^,.;:()\n]{3,60}?"
    r"(?=\s*[,.;:()\n]|$|\s+(?:and|or|so|which|to|that|it|they)\s))",
    re.IGNORECASE,
)
# Round 12, two switches. With RECURRING_DEADLINES a recurring time ("each quarter", "every year",
# "annually") is a deadline, kept as words with no due date. Shipped off from round 13: the
# development gold's own field definition puts a recurrence in its note, not its deadline, and
# its module 1 report gives "at least every three years" no deadline; one item (the DHSC rapid
# review's, and its response's copy) reads "annually (recurring)"; the three held-out writers
# give such items none. See RESULTS, "Round 13, coordinator". With EVENT_DEADLINES an event named
# by a pronoun or "every"/"each" is one ("before it is published", "before every change to ...").
RECURRING_DEADLINES = False
EVENT_DEADLINES = True
_RECURRING = re.compile(
    r"\b(?:every|each)\s+(?:quarter|year|month|financial\s+year|six\s+months|twelve\s+months|"
    r"12\s+months)\b"
    # not "six-monthly scans" (a kind of scan)
    r"|(?<![\w-])(?:annually|quarterly|monthly|biannually|twice\s+a\s+year|"
    r"once\s+a\s+(?:year|quarter|month))\b",
    re.IGNORECASE,
)
_BEFORE_EVENT = re.compile(
    r"\bbefore\s+(?:it|they|this|these)\s+(?:is|are)\s+(?:\w+ly\s+)?(?:published|agreed|"
    r"finali[sz]ed|launched|implemented|introduced|laid|adopted|issued|signed|approved|"
    r"rolled\s+out|put\s+in\s+place|made|sent|submitted|completed)\b"
    r"|\bbefore\s+(?:every|each)\s+[^,.;:()\n]{3,60}?"
    r"(?=\s*[,.;:()\n]|$|\s+(?:and|or|so|which|that|it|they)\s)",
    re.IGNORECASE,
)
# Deadlines without a date: kept as words, due stays empty.
_OPEN_ENDED = re.compile(
    r"\bas\s+soon\s+as\s+(?:is\s+)?(?:reasonably\s+)?(?:possible|practicable|practical)\b"
    r"|\bat\s+the\s+(?:earliest|first)\s+(?:possible\s+)?opportunity\b"
    r"|\b(?:take|takes|taking|taken)\s+immediate\s+(?:steps|action)\b"
    r"|\bimmediate\s+(?:steps|action)\b"
    r"|\bwithout\s+(?:any\s+)?(?:further\s+)?delay\b"
    r"|\bby\s+the\s+end\s+of\s+(?:this|next|the)\s+(?:year|month|financial\s+year|parliament)\b"
    r"|\b(?:as\s+part\s+of|in|before|after|ahead\s+of|following)\s+the\s+(?:next\s+|forthcoming\s+)?"
    r"(?:(?:19|20)\d\d\s+)?spending\s+review\b"
    r"|\bin\s+(?:its|their|the)\s+Treasury\s+Minute(?:\s+response)?\b"
    # the reply a committee report asks for: "In its response to this report"
    r"|\bin\s+(?:its|their|the\s+(?:Government['’]s|Department['’]s))\s+response\s+to\s+"
    r"(?:this|our|the\s+Committee['’]s)\s+report\b"
    r"|\bwith\s+immediate\s+effect\b"
    r"|\bas\s+a\s+matter\s+of\s+(?:urgency|priority)\b"
    r"|\burgently\b"
    r"|\bimmediately\b",
    re.IGNORECASE,
)
# Round 20, rule "response-pronouns": the reply a report asks for is a by-when whoever gives it:
# "in her response to this report", "in his response to our report" (a minister or an office
# holder asked by name), as "in its / their response to this report" already were.
_RESPONSE_BY_PERSON = re.compile(
    r"\bin\s+(?:her|his)\s+response\s+to\s+(?:this|our|the\s+Committee['’]s)\s+report\b",
    re.IGNORECASE,
)
# Round 20, rule "event-deadlines": a by-when named as an event that is not a date: "in time for
# the next harbour survey", "in time for the spring meeting of the board", "by
# its next annual meeting". The words only, no due date (the event's date is not in the text).
# "in time for" then a date ("in time for April 2027") is left to the date readings.
_IN_TIME_FOR = re.compile(
    r"\bin\s+time\s+for\s+(?:the|its|their|his|her|my|our)\s+(?!(?:\w+\s+)?(?:19|20)\d\d\b)"
    r"[^,.;:()\n]{3,70}?(?=\s*[,.;:()\n]|$|\s+(?:and|or|so|which|to|that|it|they)\s)"
    r"|\bby\s+(?:its|their|his|her|my|our)\s+next\s+[^,.;:()\n]{3,60}?"
    r"(?=\s*[,.;:()\n]|$|\s+(?:and|or|so|which|to|that|it|they)\s)",
    re.IGNORECASE,
)


# Round 17 (TERM_DEADLINES): the end of a legislature's term or session is a by-when, as "by the
# end of this Parliament" already was: "by the end of this Senedd term", "by the end of the
# current parliamentary session". Kept as words (no due date: the term's end is not in the text).
# Two writers give it as a deadline (tests/recs/heldout17's Senedd report "by the end of this
# Senedd term"; heldout15's, another writer's, "before the end of this Senedd term", which the
# "before the ..." reading already gave).
TERM_DEADLINES = True
_TERM_END = re.compile(
    r"\bby\s+the\s+end\s+of\s+(?:this|the\s+(?:current|present|next))\s+"
    r"(?:(?:Senedd|Assembly|Holyrood|parliamentary|Parliament(?:ary)?|legislative)\s+)?"
    r"(?:term|session)\b",
    re.IGNORECASE,
)
# Round 19, rule "month-end-dates": "by the end of June", a month's end with no year, is a
# by-when due at that month's end next reached from the document's date (the year is the
# letter's own); before, only a month with its year was read. Two writers' PCC letters
# (tests/recs/heldout14, heldout19) give the words as the deadline.
_MONTH_END = re.compile(
    rf"\bby\s+the\s+end\s+of\s+(?P<month>{_MONTH})\b(?!\.?\s+(?:19|20)\d\d)(?!\s*\d)",
    re.IGNORECASE,
)
# Round 19, rule "financial-year-deadlines": "in the next financial year", "during the coming
# financial year" set the year within which the thing is to be done: kept as words, no due date
# (the year's end depends on which year the text means). "by the end of this financial year" was
# read already.
_IN_FINANCIAL_YEAR = re.compile(
    r"\b(?:in|during|within)\s+the\s+(?:next|coming|forthcoming|current)\s+financial\s+year\b",
    re.IGNORECASE,
)
# Round 19, rule "rate-periods": "in a month", "in a week" after "in" with an article, not a
# number, is the period a rate is counted over ("more than four lock closures in a month", "over
# ten callouts in a week"), not a time limit ("within a month" stays one; "in a
# year's time" is one).
_RATE_PERIOD = re.compile(r"^in\s+(?:a|an)\s+\w+$", re.IGNORECASE)
_TIME_FROM_NOW = re.compile(r"['’]s?\s+time\b", re.IGNORECASE)
# Round 19, rule "case-without-delay": "without delay" at the end of a clause the call wants to
# hold for each case ("... ensure that a boater who falls in is given dry clothes without delay",
# "... so that repairs can start without delay") says how each case is to be handled, not
# when the recommendation is due; set off by commas ("should, without delay, repair
# the ...") or opening the call ("Without delay, make sure ...") it stays a deadline.
_WITHOUT_DELAY = re.compile(r"^without\s+(?:any\s+)?(?:further\s+)?delay$", re.IGNORECASE)
_CASE_CLAUSE = re.compile(
    r"\b(?:ensures?|ensuring|make\s+sure|makes\s+sure|making\s+sure)\s+that\b|\bso\s+that\b",
    re.IGNORECASE,
)


def _case_clause_urgency(text: str, start: int, end: int) -> bool:
    """Whether "without delay" at ``start`` is how each case is handled (rule
    "case-without-delay"), not the item's time limit."""
    if not _WITHOUT_DELAY.match(text[start:end]) or not _on("case-without-delay"):
        return False
    if text[:start].rstrip().endswith((",", "(", "—", "–")):
        return False  # set off: it times the call itself
    begin = max(text.rfind(".", 0, start), text.rfind(";", 0, start), text.rfind("\n\n", 0, start))
    return bool(_CASE_CLAUSE.search(text, begin + 1, start))


# What may sit between two deadline phrases that belong together ("As soon as possible, or as
# part of the Spending Review").
_JOINER = re.compile(r"^[\s,]*(?:(?:or|and|and/or)\b[\s,]*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    months: int = 0  # a fixed interval: months + days after the document's date
    days: int = 0
    on: dt.date | None = None  # a calendar date given outright
    month_end: int = 0  # rule "month-end-dates": that month's end, next reached from the date

    @property
    def fixed(self) -> bool:
        return bool(self.months or self.days or self.on or self.month_end)


@dataclass(frozen=True)
class Deadline:
    text: str  # as written in the document
    due: dt.date | None
    start: int  # offsets into the text searched, of the whole (merged) phrase
    end: int
    phrases: tuple[Phrase, ...] = ()


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the last day of the target month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_date(value: str | None) -> dt.date | None:
    """A full ISO date, else None: a year or year-month is too vague to count days from."""
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


# Round 13 (switch): an interval that each case must meet ("every victim who reports a fraud
# receives an update within 28 days", "every record should be reviewed within seven days") is a
# service standard, counted from each case's own event, not a time limit on the recommendation:
# no deadline. Only when the interval counts from nothing named and, earlier in its sentence,
# "every" or "each" qualifies one of the cases a standard is set for (data, below), not a body
# ("every force should publish a plan within six months" keeps its deadline). Two held-out
# writers' golds give such items none (tests/recs/heldout12, heldout13).
PER_CASE_STANDARDS = True
CASE_NOUNS = (
    "victim victims record records case cases call calls report reports search searches detainee "
    "detainees complaint complaints referral referrals request requests prisoner prisoners "
    "incident incidents crime crimes application applications investigation investigations "
    "patient patients child children person people arrest arrests"
).split()
_EVERY_CASE = re.compile(
    r"\b(?:every|each)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(CASE_NOUNS) + r")\b",
    re.IGNORECASE,
)


# Round 19, rule "concern-cases" (shipped OFF: one witness): a concern or issue raised with a
# body is a case too ("answer each concern the forum raises within 21 days": a reply
# period for every concern, not a time limit). Only tests/recs/heldout19's review has it.
MORE_CASE_NOUNS = "concern concerns issue issues".split()
_EVERY_MORE_CASE = re.compile(
    r"\b(?:every|each)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(MORE_CASE_NOUNS) + r")\b",
    re.IGNORECASE,
)


def _per_case(text: str, at: int) -> bool:
    """Whether the interval at ``at`` is a per-case standard (``PER_CASE_STANDARDS``)."""
    start = max(text.rfind(".", 0, at), text.rfind(";", 0, at), text.rfind("\n\n", 0, at)) + 1
    if _EVERY_CASE.search(text, start, at):
        return True
    return bool(_on("concern-cases") and _EVERY_MORE_CASE.search(text, start, at))


# Round 13 (switch): a start date is a deadline, kept as written and due on that date: "from
# April 2027", "from 2027-28" (a financial year: due at its start, 1 April), "starting with the
# 2027-28 financial year". Three writers' golds give these as deadlines (tests/recs/kinds11,
# heldout12, heldout13), and no development item has one. Not a range ("from April 2027 to March
# 2028", "from 2019 until 2023": a period the text describes) and not a bare year ("from 2019",
# often data).
START_DATES = True
_START = re.compile(
    rf"\b(?:from|starting\s+(?:with|in|from))\s+(?:the\s+)?"
    rf"(?:(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\.?\s+(?P<year>20\d\d)"
    r"|(?P<fy>20\d\d)\s*[-–/]\s*(?:20)?\d\d(?:\s+financial\s+year)?)\b"
    r"(?!\s*(?:to|until|till|and|[-–])\s)",
    re.IGNORECASE,
)


def _start_date(m: re.Match) -> dt.date | None:
    if m.group("fy"):
        return dt.date(int(m.group("fy")), 4, 1)  # a UK financial year starts on 1 April
    try:
        return dt.date(
            int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day") or 1)
        )
    except ValueError:
        return None


def find_phrases(text: str) -> list[Phrase]:
    """Every deadline phrase in ``text``, in order, overlaps removed (longest wins)."""
    found: list[Phrase] = []
    for m in _INTERVAL.finditer(text):
        n = _number(m.group("n"))
        unit = m.group("unit").lower().rstrip("s")
        months = {"month": n, "year": 12 * n}.get(unit, 0)
        days = {"day": n, "week": 7 * n}.get(unit, 0)
        end = m.end()
        anchor = _ANCHOR.match(text, end)
        if anchor:
            end = anchor.end()
            if not _SELF_ANCHOR.match(anchor.group("anchor").strip()):
                found.append(Phrase(m.start(), end))  # counted from another event: no date
                continue
        elif PER_CASE_STANDARDS and _per_case(text, m.start()):
            continue  # a service standard each case must meet, not the item's time limit
        rate = _RATE_PERIOD.match(m.group()) and not _TIME_FROM_NOW.match(text, m.end())
        if rate and _on("rate-periods"):
            continue  # "more than four closures in a month": a rate's period
        found.append(Phrase(m.start(), end, months=months, days=days))
    for m in _BEFORE.finditer(text):
        on = None
        if m.group("year"):
            on = dt.date(int(m.group("year")), 1, 1) - dt.timedelta(days=1)
            on = dt.date(int(m.group("year")), 12, 31) if "end" in m.group().lower() else on
        elif m.group("myear"):
            year, month = int(m.group("myear")), MONTHS[m.group("month").lower()]
            day = int(m.group("day")) if m.group("day") else 1
            try:
                on = dt.date(year, month, day) - dt.timedelta(days=1)
            except ValueError:
                on = None
        found.append(Phrase(m.start(), m.end(), on=on))
    for m in _BY_DATES[NO_LATER_THAN_DATES].finditer(text):
        found.append(Phrase(m.start(), m.end(), on=_calendar_date(m)))
    for m in _BY_YEAR_END.finditer(text):
        found.append(Phrase(m.start(), m.end(), on=dt.date(int(m.group("year")), 12, 31)))
    for m in _LATEST.finditer(text):
        found.append(Phrase(m.start(), m.end(), on=_latest(m)))
    for m in _OPEN_ENDED.finditer(text):
        if _case_clause_urgency(text, m.start(), m.end()):
            continue  # how each case is handled ("... is called without delay")
        found.append(Phrase(m.start(), m.end()))
    if _on("month-end-dates"):
        for m in _MONTH_END.finditer(text):
            found.append(Phrase(m.start(), m.end(), month_end=MONTHS[m.group("month").lower()]))
    if _on("response-pronouns"):
        found += [Phrase(m.start(), m.end()) for m in _RESPONSE_BY_PERSON.finditer(text)]
    if _on("event-deadlines"):
        found += [Phrase(m.start(), m.end()) for m in _IN_TIME_FOR.finditer(text)]
    if _on("financial-year-deadlines"):
        found += [Phrase(m.start(), m.end()) for m in _IN_FINANCIAL_YEAR.finditer(text)]
    if START_DATES:
        found += [Phrase(m.start(), m.end(), on=_start_date(m)) for m in _START.finditer(text)]
    for switch, pattern in (
        (RECURRING_DEADLINES, _RECURRING),
        (EVENT_DEADLINES, _BEFORE_EVENT),
        (TERM_DEADLINES, _TERM_END),
    ):
        if switch:
            found += [Phrase(m.start(), m.end()) for m in pattern.finditer(text)]
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[Phrase] = []
    for phrase in found:
        if kept and phrase.start < kept[-1].end:
            continue
        kept.append(phrase)
    return kept


def find_deadline(text: str, published: dt.date | None) -> Deadline | None:
    """The deadline a recommendation sets, as written, and its due date when it can be computed.

    Adjacent phrases joined by "or"/"and"/commas are one deadline ("As soon as possible after the
    spending review, or within six months of this report"); separate ones are joined with "; ".
    When several fixed dates apply, the earliest is the one that falls due first.
    """
    phrases = find_phrases(text)
    if not phrases:
        return None
    groups: list[list[Phrase]] = [[phrases[0]]]
    for phrase in phrases[1:]:
        if _JOINER.match(text[groups[-1][-1].end : phrase.start]):
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
    words = "; ".join(text[g[0].start : g[-1].end] for g in groups)
    dues = [d for d in (due_date(p, published) for p in phrases) if d is not None]
    return Deadline(
        text=words,
        due=min(dues) if dues else None,
        start=groups[0][0].start,
        end=groups[-1][-1].end,
        phrases=tuple(phrases),
    )


def due_date(phrase: Phrase, published: dt.date | None) -> dt.date | None:
    if phrase.on is not None:
        return phrase.on
    if not phrase.fixed or published is None:
        return None
    if phrase.month_end:
        year = published.year + (phrase.month_end < published.month)
        return dt.date(year, phrase.month_end, calendar.monthrange(year, phrase.month_end)[1])
    return add_months(published, phrase.months) + dt.timedelta(days=phrase.days)


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _latest(m: re.Match) -> dt.date:
    year = int(m.group("year"))
    if not m.group("season"):
        return dt.date(year, 12, 31)
    later, month = _SEASON_END[m.group("season").lower()]
    return dt.date(year + later, month, calendar.monthrange(year + later, month)[1])


def _calendar_date(m: re.Match) -> dt.date | None:
    year, month = int(m.group("year")), MONTHS[m.group("month").lower()]
    last = calendar.monthrange(year, month)[1]
    day = int(m.group("day")) if m.group("day") else last
    return dt.date(year, month, day) if 1 <= day <= last else None
