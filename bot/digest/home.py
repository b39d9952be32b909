"""What a person's home in Slack (the App Home tab) shows, as plain data.

``build_home(db, user, addressee=None)``: what is new this week, the recommendations due or
overdue (optionally only those addressed to one body, with the list of addressees to choose
from), the person's own watches and the glossary's newest team entries. Reads only; the Slack
front end publishes it each time the tab is opened, so it is always current.

Handling markings: the Home tab shows no excerpt (a document's lead sentence, a recommendation's
wording) of a document that may not be excerpted there (``may_excerpt``): its title and id only.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import sqlite_utils

from bot.digest.content import CLOSED_STATUSES, new_documents, utc_now
from bot.library import markings as rules

log = logging.getLogger("rocu.digest")

NEW_DAYS = 7
NEW_SHOWN = 10
DUE_AHEAD_DAYS = 14
DUE_SHOWN = 15
# The due list's order: what falls due next first, then what fell due most recently, as the digest
# orders its parts; oldest first (years-old overdue items first, and a library with fifteen of
# them never showed what falls due next week: the round-12 walk) when False.
URGENT_FIRST = True
TEAM_ENTRIES = 5
PLACE = "app-home"  # where the excerpts go, for the handling-marking rule


def may_excerpt(marking: str | None) -> bool:
    """Whether an excerpt of a document with this marking may be shown on the Home tab: the
    library's rule (``bot.library.markings.may_excerpt``) for this place, which is no channel
    listed in ``ROCU_SENSITIVE_CHANNELS``: nothing OFFICIAL-SENSITIVE (or an older equivalent)
    is quoted there."""
    return rules.may_excerpt(marking, PLACE)


def markings(db: sqlite_utils.Database) -> dict[str, str]:
    """doc id -> its handling marking, for the documents that have one."""
    rows = db.execute("select id, marking from documents where coalesce(marking, '') != ''")
    return {row[0]: row[1] for row in rows.fetchall()}


@dataclass
class NewItem:
    id: str
    title: str
    type: str
    date: str | None
    lead: str | None  # the document's first real sentence; None where it may not be shown
    updated: bool = False


@dataclass
class DueItem:
    id: str
    doc_id: str
    doc_title: str
    summary: str | None  # None where the document may not be excerpted here
    addressees: list[str]
    due: dt.date
    days: int  # until due (negative: overdue by)
    status: str


@dataclass
class Home:
    user: str | None
    today: dt.date
    new: list[NewItem] = field(default_factory=list)
    new_total: int = 0
    due: list[DueItem] = field(default_factory=list)
    due_total: int = 0
    addressees: list[str] = field(default_factory=list)  # to filter the due list by
    addressee: str | None = None  # the filter in force
    watches: list = field(default_factory=list)  # bot.digest.watches.Watch, the person's own
    team_entries: list = field(default_factory=list)  # bot.glossary Entry, newest first
    recommendations: bool = True  # False where the recommendations feature is not there
    stopped: list = field(default_factory=list)  # digests stopped (bot.digest.scheduler)


def build_home(
    db: sqlite_utils.Database,
    user: str | None,
    addressee: str | None = None,
    now: dt.datetime | None = None,
) -> Home:
    now = now or utc_now()
    home = Home(user=user, today=now.date(), addressee=addressee or None)
    marked = markings(db)
    fresh = new_documents(db, now - dt.timedelta(days=NEW_DAYS), now)
    home.new_total = len(fresh)
    home.new = [
        NewItem(
            d.id,
            d.title,
            d.type,
            d.date,
            d.description or None if may_excerpt(marked.get(d.id)) else None,
            d.updated,
        )
        for d in fresh[:NEW_SHOWN]
    ]
    _due(db, home, marked)
    from bot.digest.alerts import personal_watches

    home.watches = personal_watches(db, user)
    home.team_entries = newest_team_entries(db)
    if HOME_SAYS_STOPPED:
        from bot.digest.scheduler import all_stopped

        home.stopped = all_stopped(db)
    return home


# Round 22: a digest stopped for a lasting refusal (``bot.digest.scheduler.STOP_ON_LASTING``) was
# shown nowhere in Slack; the Home tab now says so at its top, with why and how to resume it.
# False: not shown.
HOME_SAYS_STOPPED = True


def _due(db: sqlite_utils.Database, home: Home, marked: dict[str, str]) -> None:
    try:
        from bot.recs.tracker import CLOSED, list_recommendations
    except ImportError:
        home.recommendations = False
        return
    closed = tuple(CLOSED) or CLOSED_STATUSES
    horizon = home.today + dt.timedelta(days=DUE_AHEAD_DAYS)
    due = [
        r
        for r in list_recommendations(db, today=home.today)
        if r.due and r.due <= horizon and (r.status or "open") not in closed
    ]
    home.addressees = sorted({a for r in due for a in r.addressees}, key=str.lower)
    if home.addressee:
        wanted = home.addressee.lower()
        due = [r for r in due if any(a.lower() == wanted for a in r.addressees)]
    if URGENT_FIRST:  # coming due, the soonest first; then overdue, the most recent first
        due.sort(key=lambda r: (r.due < home.today, abs((r.due - home.today).days), r.doc_id, r.id))
    else:
        due.sort(key=lambda r: (r.due, r.doc_id, r.id))
    home.due_total = len(due)
    home.due = [
        DueItem(
            id=r.id,
            doc_id=r.doc_id,
            doc_title=r.doc_title or r.doc_id,
            summary=(r.summary or r.text) if may_excerpt(marked.get(r.doc_id)) else None,
            addressees=list(r.addressees),
            due=r.due,
            days=(r.due - home.today).days,
            status=r.status or "open",
        )
        for r in due[:DUE_SHOWN]
    ]


def newest_team_entries(db: sqlite_utils.Database, limit: int = TEAM_ENTRIES) -> list:
    """The glossary's team entries, newest first."""
    try:
        from bot.glossary.team import newest
    except ImportError:
        return []
    return newest(db, limit)
