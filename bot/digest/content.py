"""The daily digest as plain data: what is new, what is due, what the team watches.

``build_digest(db, date, channel)`` answers "what would the digest for this channel say on this
day?" without posting or writing anything, so the same function serves the scheduled post, the
``rocu digest`` preview and ``/rocu digest``. Posting exactly once is ``bot.digest.scheduler``'s
job; this module owns the tables both use (digest log, posting lease, passage-of-the-day history,
watches). Every part is optional: a part with nothing to say is an empty list or None, and the
renderers leave it out.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import sys
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

from bot.library.documents import document_text, passage_id
from bot.library.features import Steps
from bot.library.text import fold, sentence_spans, words

log = logging.getLogger("rocu.digest")

DUE_AHEAD_DAYS = 14  # open recommendations falling due within this many days are listed
DUE_BEHIND_DAYS = 30  # ... and those that fell due this recently; older ones are only counted
WATCH_TOP = 3  # passages shown per watch
PASSAGE_NO_REPEAT_DAYS = 30
DESCRIPTION_MAX_CHARS = 220
DESCRIPTION_SCAN_CHARS = 10_000  # a description comes from a document's opening, not its end
OVERDUE_COMMAND = "/rocu recs due:overdue"
DEFAULT_TIME = "08:00"
DEFAULT_DAYS = "Mon-Fri"
DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_HOLIDAYS = "GB-ENG"  # bank holidays in England and Wales; "none" posts on them too
# bot.recs.tracker.CLOSED; others are still open
CLOSED_STATUSES = ("implemented", "rejected", "superseded")
# Lines that head pages rather than say anything: Hansard's "Part of ..." and "Volume 631: ...".
_FURNITURE = re.compile(r"^(part of |volume \d+|skip to |image:|share this|print this)", re.I)
# Front matter no reader wants as a lead or a quote, matched anywhere in a sentence (PDF text
# often runs the copyright line into the licence): copyright and licence notices, the Open
# Government Licence's address lines, ISBNs, enquiry and "available at" lines, command-paper
# cover lines. Kept as data, one pattern a line, so a rule can be switched off.
BOILERPLATE = (
    r"©|\(c\)\s*crown|\bcrown copyright\b|\bcopyright\b.{0,40}\b(19|20)\d\d\b",
    r"\bthis (publication|document|information) (is|may be) (licensed|re-?used|reproduced)",
    r"\bopen government licen[cs]e\b|\bnationalarchives\.gov\.uk\b|\bpsi@",
    r"\bto view this licen[cs]e\b|\bthird[- ]party copyright\b",
    r"\bisbn\b|\bany enquiries regarding this publication\b",
    r"\bthis publication is available (at|from|on)\b",
    r"\bpresented to parliament\b|\bby command of (his|her) majesty\b|\bordered by the house\b",
    r"\blaid before (parliament|the scottish parliament)\b.{0,60}\b(19|20)\d\d\b",
    r"\blicen[cs]ed under\b|\bcreative commons\b|\bimage credits?\b",
    r"\bthis was published under the (19|20)\d\d to (19|20)\d\d\b",  # GOV.UK history pages
    r"(?-i:\b(Published|Updated) \d{1,2} [A-Z][a-z]+ (19|20)\d\d\b)",  # GOV.UK page header
)
_BOILERPLATE = re.compile("|".join(f"(?:{rule})" for rule in BOILERPLATE), re.I)
# A contents-page line: a dot leader, or a heading that ends in a page number.
_CONTENTS = re.compile(
    r"(\.\s*){4,}|…\s*…|\s\.{2,}\s*\d|[A-Za-z)]\s+\d{1,3}\s*$"
    r"|\s(?:ii|iii|iv|vi{1,3}|ix|xi{1,3})\s+[A-Z]"  # a roman page number run into the next line
)
# Words a document's first real sentence often starts with, after a cover line run into it
# ("Science Committee Report on Behaviour Change The Government welcomes ...").
_STARTERS = re.compile(r"\s(The|This|These|Today|It|In|We|Our|On|A|An)\s+(?=\S)")


def is_boilerplate(sentence: str) -> bool:
    """Front matter or a contents-page line rather than something the document says."""
    return bool(_BOILERPLATE.search(sentence) or _CONTENTS.search(sentence))


# This module's schema steps, in order: the composition root (bot.wiring) hands them to the store.
MIGRATIONS = Steps()
migration = MIGRATIONS.step


@migration("0005_digest")
def _digest_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        """create table digest_log (
            channel text not null,
            date text not null,          -- the digest's day (ISO date, in the schedule's zone)
            ts text,                     -- Slack's message ts, or a local marker
            posted_at text not null,     -- UTC ISO time the post succeeded
            late integer not null default 0,
            passage text,                -- passage of the day shown, doc#ordinal
            unique (channel, date)
        )"""
    )
    # One row per digest being posted right now: whoever holds an unexpired lease posts; the row
    # is deleted in the same transaction that writes digest_log, or when the post fails.
    db.execute(
        """create table digest_lease (
            key text primary key,        -- channel|date
            owner text not null,
            expires_at text not null
        )"""
    )
    db.execute(
        """create table watches (
            id integer primary key,
            channel text not null,
            query text not null,
            created_by text,
            created_at text not null
        )"""
    )
    db.execute("create index watches_channel on watches (channel, id)")


# --- the schedule, as far as the content needs it ----------------------------------------------

DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ScheduleError(ValueError):
    """A DIGEST_* setting that cannot be understood; the message says what to write instead."""


@dataclass(frozen=True)
class Schedule:
    """When digests go out: a local time on some weekdays in one time zone."""

    time: dt.time = dt.time(8, 0)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    holidays: str = DEFAULT_HOLIDAYS  # "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "GB" or ""

    @classmethod
    def parse(
        cls,
        time: str | None = None,
        days: str | None = None,
        tz: str | None = None,
        holidays: str | None = None,
    ) -> Schedule:
        return cls(
            time=parse_time(time or DEFAULT_TIME),
            days=parse_days(days or DEFAULT_DAYS),
            tz=parse_timezone(tz or DEFAULT_TIMEZONE),
            holidays=parse_holidays(DEFAULT_HOLIDAYS if holidays is None else holidays),
        )

    def cron_days(self) -> str:
        """The days in APScheduler's ``day_of_week`` spelling, e.g. ``mon,tue,wed,thu,fri``."""
        return ",".join(DAY_NAMES[d] for d in self.days)

    def scheduled_at(self, date: dt.date) -> dt.datetime:
        """The aware instant of ``date``'s digest (local wall-clock time in ``tz``)."""
        return dt.datetime.combine(date, self.time, tzinfo=self.tz)

    def local_date(self, now: dt.datetime) -> dt.date:
        return now.astimezone(self.tz).date()

    def is_digest_day(self, date: dt.date) -> bool:
        return date.weekday() in self.days and not holiday_name(self.holidays, date)

    def previous_day(self, date: dt.date) -> dt.date:
        """The last digest day before ``date`` (a week back at most)."""
        for back in range(1, 8):
            day = date - dt.timedelta(days=back)
            if self.is_digest_day(day):
                return day
        return date - dt.timedelta(days=1)

    def start_of(self, date: dt.date) -> dt.datetime:
        return dt.datetime.combine(date, dt.time(0, 0), tzinfo=self.tz)


def parse_time(text: str) -> dt.time:
    match = re.fullmatch(r"\s*(\d{1,2})[:.h]?(\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ScheduleError(f"DIGEST_TIME {text!r} is not a time of day; write HH:MM, e.g. 08:00")
    return dt.time(int(match[1]), int(match[2]))


def parse_days(text: str) -> tuple[int, ...]:
    """``Mon-Fri``, ``mon,wed,fri``, ``Sat-Sun``, ``daily`` -> weekday numbers (Monday = 0)."""
    spec = (text or "").strip().lower()
    if spec in {"daily", "every day", "all", "*"}:
        return tuple(range(7))
    if spec in {"weekdays", "working days"}:
        return tuple(range(5))
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,\s]+", spec))):
        first, _, last = part.partition("-")
        try:
            a = DAY_NAMES.index(first[:3])
            b = DAY_NAMES.index(last[:3]) if last else a
        except ValueError:
            raise ScheduleError(
                f"DIGEST_DAYS {text!r} is not a list of days; write e.g. Mon-Fri or Mon,Wed,Fri"
            ) from None
        span = range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)]
        days.update(span)
    if not days:
        raise ScheduleError(f"DIGEST_DAYS {text!r} names no days; write e.g. Mon-Fri")
    return tuple(sorted(days))


def parse_holidays(text: str) -> str:
    """``GB-ENG`` (England and Wales' bank holidays), ``GB-SCT``, ``GB-NIR``, ``GB`` (UK-wide
    ones), another ``CC`` or ``CC-SUB`` the ``holidays`` package knows, or ``none``."""
    spec = (text or "").strip().upper()
    if spec in {"", "NONE", "OFF", "NO"}:
        return ""
    if spec == "GB-WLS":
        spec = "GB-ENG"  # England and Wales share their bank holidays but for St David's Day
    country, _, subdiv = spec.partition("-")
    try:
        _calendar(country, subdiv or None, 2000)
    except (NotImplementedError, KeyError, ValueError) as exc:
        raise ScheduleError(
            f"DIGEST_HOLIDAYS must be GB-ENG, GB-SCT, GB-NIR, GB or none, not {text!r}"
        ) from exc
    return spec


def holiday_name(spec: str, date: dt.date) -> str | None:
    """The public holiday on ``date`` in the calendar ``spec`` (see parse_holidays), or None."""
    if not spec:
        return None
    country, _, subdiv = spec.partition("-")
    return _calendar(country, subdiv or None, date.year).get(date)


@functools.lru_cache(maxsize=16)
def _calendar(country: str, subdiv: str | None, year: int):
    import holidays  # a third of a second to load its calendars: only when a digest is planned

    return holidays.country_holidays(country, subdiv=subdiv, years=year)


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo((name or "").strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"DIGEST_TZ {name!r} is not a known time zone; write e.g. Europe/London"
        ) from None


# --- the digest's parts ------------------------------------------------------------------------


@dataclass
class NewDocument:
    id: str
    title: str
    type: str
    date: str | None
    description: str  # the document's first substantial sentence, quoted exactly (may end "…")
    updated: bool = False  # already in the library before, changed since


@dataclass
class DueRecommendation:
    id: object
    doc_id: str
    doc_title: str
    passage_id: str | None
    summary: str
    addressees: list[str]
    due: dt.date
    days: int  # days until due (negative: days since it fell due)


@dataclass
class WatchHit:
    number: int  # as listed by `/rocu watches`
    query: str
    results: list  # bot.search.ranking.SearchResult, best first, at most WATCH_TOP
    more: int  # further matching passages not shown


@dataclass
class PassageOfTheDay:
    passage_id: str
    doc_id: str
    title: str
    date: str | None
    type: str
    speaker: str | None
    text: str


@dataclass
class Digest:
    channel: str
    date: dt.date
    since: dt.datetime  # documents added or changed after this count as new
    until: dt.datetime
    scheduled_at: dt.datetime
    late: bool = False
    new_documents: list[NewDocument] = field(default_factory=list)
    due_soon: list[DueRecommendation] = field(default_factory=list)
    recently_due: list[DueRecommendation] = field(default_factory=list)
    older_overdue: int = 0
    overdue_command: str = OVERDUE_COMMAND
    watches: list[WatchHit] = field(default_factory=list)
    passage: PassageOfTheDay | None = None
    glossary_misses: list[str] = field(default_factory=list)
    documents: int = 0
    recommendations: int | None = None  # None when recommendations are not available


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """The one timestamp spelling the digest tables use: UTC, seconds, ``+00:00``."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_iso(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def build_digest(
    db: sqlite_utils.Database,
    date: dt.date,
    channel: str = "",
    *,
    schedule: Schedule | None = None,
    now: dt.datetime | None = None,
    late: bool = False,
    settings=None,
) -> Digest:
    """The digest for ``channel`` on ``date``. Reads only; ``now`` is injectable for tests.
    Quotes only what ``channel`` may have (``bot.digest.handling``; ``settings``: where
    OFFICIAL-SENSITIVE excerpts may go, else the environment's)."""
    schedule = schedule or Schedule()
    now = now or utc_now()
    since, until = digest_window(db, channel, date, schedule, now)
    digest = Digest(
        channel=channel,
        date=date,
        since=since,
        until=until,
        scheduled_at=schedule.scheduled_at(date),
        late=late,
    )
    digest.new_documents = new_documents(db, since, until)
    recommendations = _recommendations(db)
    if recommendations is not None:
        digest.recommendations = len(recommendations)
        closed = getattr(sys.modules.get("bot.recs.tracker"), "CLOSED", CLOSED_STATUSES)
        soon, recent, older = due_recommendations(recommendations, date, tuple(closed))
        digest.due_soon, digest.recently_due, digest.older_overdue = soon, recent, older
    fresh = {doc.id for doc in digest.new_documents}
    digest.watches = watch_hits(db, channel, fresh)
    digest.passage = passage_of_the_day(db, channel, date, frozenset(fresh))
    digest.glossary_misses = glossary_misses(
        db, schedule.start_of(schedule.previous_day(date)), schedule.start_of(date)
    )
    digest.documents = db["documents"].count
    from bot.digest.handling import withhold

    withhold(db, digest, settings)
    return digest


def digest_window(
    db: sqlite_utils.Database, channel: str, date: dt.date, schedule: Schedule, now: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """(since, until): from the previous digest posted to this channel (else the previous
    scheduled one) up to this digest's post (else its scheduled time if the day is past, else
    ``now``)."""
    day = date.isoformat()
    previous = db.execute(
        "select posted_at from digest_log where channel = ? and date < ?"
        " order by date desc limit 1",
        [channel, day],
    ).fetchone()
    since = parse_iso(previous[0]) if previous else None
    since = since or schedule.scheduled_at(schedule.previous_day(date))
    posted = db.execute(
        "select posted_at from digest_log where channel = ? and date = ?", [channel, day]
    ).fetchone()
    if posted and parse_iso(posted[0]):
        until = parse_iso(posted[0])
    elif date < schedule.local_date(now):
        until = schedule.scheduled_at(date)
    else:
        until = now
    return since, until


def new_documents(
    db: sqlite_utils.Database, since: dt.datetime, until: dt.datetime
) -> list[NewDocument]:
    """Documents added or changed in (since, until], newest document date first."""
    found = []
    rows = db.query("select id, title, type, date, added_at, updated_at from documents")
    for row in rows:
        added, updated = parse_iso(row["added_at"]), parse_iso(row["updated_at"]) or None
        is_new = added is not None and since < added <= until
        is_updated = not is_new and updated is not None and since < updated <= until
        if not (is_new or is_updated):
            continue
        found.append(
            NewDocument(
                id=row["id"],
                title=row["title"] or row["id"],
                type=row["type"] or "document",
                date=row["date"],
                description=first_substantial_sentence(
                    document_text(db, row["id"]) or "", row["title"] or ""
                ),
                updated=is_updated,
            )
        )
    found.sort(key=lambda d: (d.date or "", d.title), reverse=True)
    return found


def first_substantial_sentence(text: str, title: str = "", max_chars: int = DESCRIPTION_MAX_CHARS):
    """The first sentence that says something: whole, at least eight words, not a question, not
    the title, not page furniture. Quoted exactly; cut at a word with "…" when longer than
    ``max_chars``."""
    folded_title = " ".join(words(fold(title)))
    for start, end in sentence_spans(text, 0, min(len(text), DESCRIPTION_SCAN_CHARS)):
        sentence = " ".join(text[start:end].split())
        tokens = words(fold(sentence))
        sentence = _after_cover(sentence)
        tokens = words(fold(sentence))
        if len(tokens) < 8 or _FURNITURE.match(sentence) or sentence[-1] not in ".!…\"'”’)":
            continue
        if is_boilerplate(sentence) or _listy(sentence) or _DEFINITION_LINE.match(sentence):
            continue
        if folded_title and " ".join(tokens) in folded_title:
            continue
        if len(sentence) > max_chars:
            sentence = sentence[:max_chars].rsplit(" ", 1)[0].rstrip(",;:–- ") + " …"
        return sentence
    return ""


def _after_cover(sentence: str) -> str:
    """The sentence without a cover or title line run into its start (PDF text loses the line
    break): the rest from the last usual sentence opener, in its first 200 characters, that
    follows a mostly capitalised prefix."""
    found = sentence
    for match in _STARTERS.finditer(sentence, 0, 200):
        prefix, rest = sentence[: match.start()], sentence[match.start() + 1 :]
        count, share = _capitalised(prefix)
        if count >= 3 and share >= 0.5 and not _listy(rest):
            found = rest
    return found


def _recommendations(db: sqlite_utils.Database) -> list | None:
    """All recommendations from the recommendations feature, or None while it is not there."""
    try:
        from bot.recs.tracker import list_recommendations
    except (ImportError, AttributeError):
        return None
    try:
        return list(list_recommendations(db))
    except Exception:  # a broken feature must not stop the digest
        log.exception("digest: could not list recommendations; the section is left out")
        return None


def due_recommendations(
    recommendations: list, date: dt.date, closed: tuple[str, ...] = CLOSED_STATUSES
) -> tuple[list[DueRecommendation], list[DueRecommendation], int]:
    """(due within DUE_AHEAD_DAYS, fell due within DUE_BEHIND_DAYS, count of older overdue),
    counting only recommendations with a due date whose status is not ``closed``."""
    soon, recent, older = [], [], 0
    for rec in recommendations:
        due = getattr(rec, "due", None)
        status = (getattr(rec, "status", "") or "").strip().lower()
        if not isinstance(due, dt.date) or status in closed:
            continue
        days = (due - date).days
        if days < -DUE_BEHIND_DAYS:
            older += 1
            continue
        if days > DUE_AHEAD_DAYS:
            continue
        item = DueRecommendation(
            id=getattr(rec, "id", None),
            doc_id=getattr(rec, "doc_id", ""),
            doc_title=getattr(rec, "doc_title", "") or getattr(rec, "doc_id", ""),
            passage_id=getattr(rec, "passage_id", None),
            summary=getattr(rec, "summary", "") or getattr(rec, "text", ""),
            addressees=list(getattr(rec, "addressees", None) or []),
            due=due,
            days=days,
        )
        (soon if days >= 0 else recent).append(item)
    soon.sort(key=lambda r: (r.due, r.doc_id, _ordinal(r.passage_id), str(r.id)))
    recent.sort(key=lambda r: (-r.days, r.doc_id, _ordinal(r.passage_id), str(r.id)))
    return soon, recent, older


def _ordinal(passage: str | None) -> int:
    """A passage id's ordinal (``doc#12`` -> 12), so one document's items keep its order."""
    tail = (passage or "").rpartition("#")[2]
    return int(tail) if tail.isdigit() else -1


def watch_hits(db: sqlite_utils.Database, channel: str, doc_ids: set[str]) -> list[WatchHit]:
    """Per watch of the channel, the best passages of the given (new) documents matching it."""
    if not doc_ids:
        return []
    from bot.digest.watches import list_watches, matching_passages

    hits = []
    for number, watch in enumerate(list_watches(db, channel), start=1):
        results = matching_passages(db, watch.query, doc_ids)
        if results:
            hits.append(
                WatchHit(number, watch.query, results[:WATCH_TOP], max(0, len(results) - WATCH_TOP))
            )
    return hits


# Cheap SQL bounds first (roughly 25 to 150 words, ends a sentence); the exact test is _quotable.
_CANDIDATES = """
select p.doc_id, p.ordinal, p.text, p.speaker, d.title, d.date, d.type
from passages p join documents d on d.id = p.doc_id
where length(p.text) between 100 and 1500
  and substr(rtrim(p.text), -1) in ('.', '!', '?', '”', '’', '"', '''')
"""
# A fixed shuffle of the library (Knuth's multiplicative hash of the row id), so the rotation
# does not walk one document from start to end.
_ROTATION = " order by (p.id * 2654435761) % 4294967296, p.id"


HIGHLIGHT_MAX_WORDS = 80  # the passage of the day quotes at most this many words...
HIGHLIGHT_MIN_WORDS = 15  # ...and at least this many, in whole sentences
_SENTENCE_END_CHARS = ".!?”’\"'"
# A glossary or definition-list line: a short term, then a colon, tab or dash and its meaning
# ("PCC: Police and Crime Commissioner"), or an acronym then its expansion ("ROCU Regional ...").
_DEFINITION_LINE = re.compile(
    r"^\s*(?:[\w&/().'’-]+(?:\s+[\w&/().'’-]+){0,4}\s*(?::|\t|\s[–—-]\s)"
    r"|[A-Z][A-Z0-9&]{1,9}s?\s+[A-Z][a-z])"
)


def _capitalised(text: str) -> tuple[int, float]:
    """(words, share of them that start with a capital letter)."""
    tokens = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(tokens), sum(t[0].isupper() for t in tokens) / max(1, len(tokens))


def _listy(text: str) -> bool:
    """Mostly capitalised words: a title, a cover line, a list of names or acronyms, not prose."""
    count, share = _capitalised(text)
    return count >= 6 and share > 0.55


def glossary_like(text: str) -> bool:
    """A glossary, acronym list or definition list rather than running prose."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 3 and sum(bool(_DEFINITION_LINE.match(x)) for x in lines) * 2 >= len(lines):
        return True
    return _listy(text)


def _prose_sentence(sentence: str) -> bool:
    return (
        len(words(sentence)) >= 6
        and sentence[-1:] in _SENTENCE_END_CHARS
        and not sentence.rstrip(_SENTENCE_END_CHARS).endswith(("?", ":"))
        and not _FURNITURE.match(sentence)
        and not _DEFINITION_LINE.match(sentence)
        and not is_boilerplate(sentence)
        and not _listy(sentence)
        and _after_cover(sentence) == sentence  # "Royal Society A body that ...": a glossary entry
    )


def highlight(text: str) -> str:
    """The passage's first run of whole prose sentences, HIGHLIGHT_MIN_WORDS to
    HIGHLIGHT_MAX_WORDS words, quoted exactly from ``text``; "" when it has none (a glossary,
    a contents page, a table, front matter)."""
    if glossary_like(text):
        return ""
    run: list[tuple[int, int]] = []
    count = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        n = len(words(sentence))
        if not _prose_sentence(sentence) or count + n > HIGHLIGHT_MAX_WORDS:
            if count >= HIGHLIGHT_MIN_WORDS:
                break
            run, count = [], 0
            if not _prose_sentence(sentence):
                continue
            if n > HIGHLIGHT_MAX_WORDS:
                continue
        run.append((start, end))
        count += n
        if len(run) == 3:
            break
    if count < HIGHLIGHT_MIN_WORDS:
        return ""
    return text[run[0][0] : run[-1][1]].strip()


def _quotable(text: str) -> bool:
    """Worth quoting: it has a highlight of whole prose sentences (see ``highlight``)."""
    return bool(highlight(text.strip()))


def passage_candidates(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    """Quotable passages in rotation order (at most ``limit``)."""
    out = []
    for row in db.query(_CANDIDATES + _ROTATION):
        if _quotable(row["text"]):
            out.append(row)
            if limit is not None and len(out) >= limit:
                break
    return out


def _passage(db: sqlite_utils.Database, key: str) -> dict | None:
    """A quotable passage by its id (``doc#ordinal``), if it still exists."""
    doc_id, _, ordinal = (key or "").rpartition("#")
    if not ordinal.isdigit():
        return None
    sql = _CANDIDATES.replace("where", "where p.doc_id = ? and p.ordinal = ? and", 1)
    rows = list(db.query(sql, [doc_id, int(ordinal)]))
    return rows[0] if rows and _quotable(rows[0]["text"]) else None


def passage_of_the_day(
    db: sqlite_utils.Database, channel: str, date: dt.date, prefer: frozenset[str] = frozenset()
) -> PassageOfTheDay | None:
    """The passage this channel sees on ``date``: the one already posted that day, else the
    first quotable passage in rotation order the channel has not been shown (from the documents
    in ``prefer``, the new ones, if any of theirs qualifies), else the one shown longest ago. So a
    passage comes back only after every other has had its turn, and never within 30 days while
    the library has more than 30 quotable passages. Its text is the passage's highlight: whole
    prose sentences quoted exactly, never a glossary or contents fragment."""
    day = date.isoformat()
    posted = db.execute(
        "select passage from digest_log where channel = ? and date = ?", [channel, day]
    ).fetchone()
    row = _passage(db, posted[0]) if posted and posted[0] else None
    if row is None:
        shown = db.execute(
            """select passage, max(date) as last from digest_log
            where channel = ? and date < ? and passage is not null
            group by passage order by last, passage""",
            [channel, day],
        ).fetchall()
        seen = {key for key, _ in shown}
        for pool in ([prefer] if prefer else []) + [None]:
            for candidate in db.query(_CANDIDATES + _ROTATION):
                if pool is not None and candidate["doc_id"] not in pool:
                    continue
                key = passage_id(candidate["doc_id"], candidate["ordinal"])
                if key not in seen and _quotable(candidate["text"]):
                    row = candidate
                    break
            if row is not None:
                break
        for key, _ in shown if row is None else []:
            row = _passage(db, key)
            if row is not None:
                break
    if row is None:
        return None
    return PassageOfTheDay(
        passage_id=passage_id(row["doc_id"], row["ordinal"]),
        doc_id=row["doc_id"],
        title=row["title"],
        date=row["date"],
        type=row["type"],
        speaker=row["speaker"],
        text=highlight(row["text"].strip()),
    )


def glossary_misses(db: sqlite_utils.Database, since: dt.datetime, until: dt.datetime) -> list[str]:
    """Acronyms people looked up with no definition, from the glossary feature (if present).

    The digest goes to a channel and those look-ups were private: only acronym-like tokens are
    listed ("NDEC"), never other words or free text ("Bob from finance ..."), whatever the
    glossary hands over."""
    try:
        from bot.glossary.lookup import is_acronym_like, public_missing_terms
    except (ImportError, AttributeError):
        return []
    try:
        terms = public_missing_terms(db, since.astimezone(dt.UTC), until.astimezone(dt.UTC))
        return [term for term in terms if is_acronym_like(term)]
    except Exception:
        log.exception("digest: could not list glossary misses; the section is left out")
        return []
