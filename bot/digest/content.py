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
import logging
import re
import sqlite3
import sys
from dataclasses import dataclass, field

import sqlite_utils

from bot.digest.passage import PassageOfTheDay, passage_candidates, passage_of_the_day
from bot.digest.quoting import (
    BOILERPLATE,
    first_substantial_sentence,
    glossary_like,
    highlight,
    is_boilerplate,
)
from bot.digest.schedule import (
    DEFAULT_DAYS,
    DEFAULT_HOLIDAYS,
    DEFAULT_TIME,
    DEFAULT_TIMEZONE,
    Schedule,
    ScheduleError,
    holiday_name,
    iso,
    parse_days,
    parse_holidays,
    parse_iso,
    parse_time,
    parse_timezone,
    utc_now,
)
from bot.library.context import matched_in_text
from bot.library.documents import document_text
from bot.library.features import Steps

# Re-exported: the digest's schedule (bot.digest.schedule), what it quotes (bot.digest.quoting)
# and the passage of the day (bot.digest.passage) are read through this module by its callers.
__all__ = [
    "BOILERPLATE", "DEFAULT_DAYS", "DEFAULT_HOLIDAYS", "DEFAULT_TIME", "DEFAULT_TIMEZONE",
    "PassageOfTheDay", "Schedule", "ScheduleError", "first_substantial_sentence",
    "glossary_like", "highlight", "holiday_name", "is_boilerplate", "iso", "parse_days",
    "parse_holidays", "parse_iso", "parse_time", "parse_timezone", "passage_candidates",
    "passage_of_the_day", "utc_now",
    "DUE_AHEAD_DAYS", "DUE_BEHIND_DAYS", "WATCH_TOP", "OVERDUE_COMMAND", "CLOSED_STATUSES",
    "MIGRATIONS", "NewDocument", "DueRecommendation", "WatchHit", "Digest", "build_digest",
    "digest_window", "held_by", "new_documents", "due_recommendations", "watch_hits",
    "glossary_misses",
]  # fmt: skip

log = logging.getLogger("rocu.digest")

# A digest of a past day (a preview, a late post) counts, quotes and lists the recommendations of
# only the documents the library held then (added by the digest's time), not today's library.
PAST_DAY_LIBRARY = True
DUE_AHEAD_DAYS = 14  # open recommendations falling due within this many days are listed
DUE_BEHIND_DAYS = 30  # ... and those that fell due this recently; older ones are only counted
WATCH_TOP = 3  # passages shown per watch
OVERDUE_COMMAND = "/rocu recs due:overdue"
# bot.recs.tracker.CLOSED; others are still open
CLOSED_STATUSES = ("implemented", "rejected", "superseded")


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


@migration("watch_words_without_pings")
def _watch_words_without_pings(db: sqlite_utils.Database) -> None:
    # Round 21, later: watches made before round 21 whose words hold a Slack mention, broadcast or
    # emoji code are cleaned as new ones are (``bot.digest.watches.clean_old_watches``).
    from bot.digest import watches

    if not watches.OLD_WORDS_CLEANED:
        return
    cleaned, removed = watches.clean_old_watches(db)
    if cleaned or removed:
        log.info(
            "watches without Slack's mentions: %d cleaned, %d removed (no words left, or the "
            "same as another watch of their channel)",
            cleaned,
            removed,
        )


@migration("watches_removed")
def _watches_removed(db: sqlite_utils.Database) -> None:
    # Round 22: the watches the step above removed, for their owners to be told once (that step
    # creates the table itself when it removes one; this one makes it for every store).
    from bot.digest import watches

    watches.removed_table(db)


# --- the digest's parts ------------------------------------------------------------------------


@dataclass
class NewDocument:
    """A document added to the library, or changed, within a window: listed by the digest (with
    its ``description``) and matched against personal watches (``bot.digest.alerts``, which
    needs no description)."""

    id: str
    title: str
    type: str
    date: str | None
    description: str = ""  # the first substantial sentence, quoted exactly (may end "…")
    updated: bool = False  # already in the library before, changed since
    # A response document's answers (``NEW_RESPONSE_ANSWERS``): stance -> how many, in the order
    # first met, and the titles of the reports whose recommendations it answers.
    answers: dict[str, int] = field(default_factory=dict)
    answers_of: list[str] = field(default_factory=list)


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
    status: str = "open"  # the team's status (bot.recs.tracker)
    response: str | None = None  # the latest response's stance, when a response answers it


@dataclass
class WatchHit:
    number: int  # as listed by `/rocu watches`
    query: str
    results: list  # bot.search.ranking.SearchResult, best first, at most WATCH_TOP
    more: int  # further matching passages not shown


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
    past: bool = False  # a past day's: counts what the library held then (PAST_DAY_LIBRARY)


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
    held = held_by(db, until) if PAST_DAY_LIBRARY else None
    recommendations = _recommendations(db)
    if recommendations is not None and held is not None:
        recommendations = [rec for rec in recommendations if getattr(rec, "doc_id", "") in held]
    if recommendations is not None:
        digest.recommendations = len(recommendations)
        closed = getattr(sys.modules.get("bot.recs.tracker"), "CLOSED", CLOSED_STATUSES)
        soon, recent, older = due_recommendations(recommendations, date, tuple(closed))
        digest.due_soon, digest.recently_due, digest.older_overdue = soon, recent, older
    if recommendations is not None and NEW_RESPONSE_ANSWERS:
        answered_by(digest.new_documents, recommendations)
    fresh = {doc.id for doc in digest.new_documents}
    digest.watches = watch_hits(db, channel, fresh)
    digest.passage = passage_of_the_day(db, channel, date, frozenset(fresh), within=held)
    digest.glossary_misses = glossary_misses(
        db, schedule.start_of(schedule.previous_day(date)), schedule.start_of(date)
    )
    digest.documents = db["documents"].count if held is None else len(held)
    digest.past = held is not None
    from bot.digest.handling import withhold

    withhold(db, digest, settings)
    return digest


# A new government response in the digest said only its title and first sentence: that it
# answered ten of a report's recommendations, accepting nine, was nowhere (round 15's walk). Each
# new document that answers recommendations now carries its stances and the reports answered.
# False: as before.
NEW_RESPONSE_ANSWERS = True


def answered_by(docs: list[NewDocument], recommendations: list) -> None:
    """Fill each of ``docs``' ``answers`` and ``answers_of`` from the responses that answer
    ``recommendations`` (a report's items, each with the responses linked to it)."""
    wanted = {doc.id: doc for doc in docs}
    if not wanted:
        return
    for rec in recommendations:
        for answer in getattr(rec, "responses", None) or []:
            doc = wanted.get(answer.get("doc_id") if isinstance(answer, dict) else None)
            if doc is None or getattr(rec, "doc_id", None) == doc.id:
                continue
            stance = answer.get("stance") or "no stance stated"
            doc.answers[stance] = doc.answers.get(stance, 0) + 1
            title = getattr(rec, "doc_title", "") or getattr(rec, "doc_id", "")
            if title and title not in doc.answers_of:
                doc.answers_of.append(title)


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


def held_by(db: sqlite_utils.Database, until: dt.datetime) -> frozenset[str] | None:
    """The ids of the documents the library held at ``until`` (added by then), or None when it
    held all it holds now: a digest of a past day quotes and counts only what was there."""
    rows = db.execute("select id, added_at from documents").fetchall()
    held = frozenset(
        doc_id for doc_id, added in rows if (parse_iso(added) or until) <= until
    )  # fmt: skip
    return None if len(held) == len(rows) else held


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
                    document_text(db, row["id"]) or "",
                    row["title"] or "",
                    elsewhere=printed_elsewhere(db, row["id"]),
                ),
                updated=is_updated,
            )
        )
    found.sort(key=lambda d: (d.date or "", d.title), reverse=True)
    return found


OPENING_CHARS = 10_000  # where another document's stock front matter is looked for
_PHRASE_WORDS = 16  # words of a sentence looked up as one phrase


def printed_elsewhere(db: sqlite_utils.Database, doc_id: str):
    """A test of whether a sentence is also printed in the opening of another document of the
    library: a publisher's stock front matter (a committee's membership and contacts, a form's
    questions, a licence line), not what this document says. Reads the full-text index only."""

    def test(sentence: str) -> bool:
        tokens = re.findall(r"[^\W_]+", sentence)[:_PHRASE_WORDS]
        if len(tokens) < 8:
            return False
        phrase = '"' + " ".join(tokens) + '"'
        try:
            rows = db.execute(
                """select p.text, p.context, p.context_title from passages_fts f
                join passages p on p.id = f.rowid
                where passages_fts match ? and p.doc_id != ? and p.start < ? limit 20""",
                [phrase, doc_id, OPENING_CHARS],
            ).fetchall()
        except sqlite3.Error:  # no index (a store being built): nothing is known elsewhere
            return False
        # printed there in that document's own words, not only in a passage's context
        return any(matched_in_text(*row, [phrase]) for row in rows)

    return test


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
            status=status or "open",
            response=_latest_stance(rec),
        )
        (soon if days >= 0 else recent).append(item)
    soon.sort(key=lambda r: (r.due, r.doc_id, _ordinal(r.passage_id), str(r.id)))
    recent.sort(key=lambda r: (-r.days, r.doc_id, _ordinal(r.passage_id), str(r.id)))
    return soon, recent, older


def _latest_stance(rec) -> str | None:
    """The stance of the latest response that answers ``rec`` ("accepted in part"), or "answered"
    when it states none; None when no response answers it."""
    responses = [r for r in getattr(rec, "responses", None) or [] if isinstance(r, dict)]
    if not responses:
        return None
    latest = max(responses, key=lambda r: r.get("date") or "")
    return latest.get("stance") or "answered, no stance stated"


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
