"""Personal watches: a person's own topics, and a direct message when something new matches.

``/rocu watch me TOPIC`` keeps a watch that belongs to the person rather than to a channel (in
the ``watches`` table, under the channel key ``user:<id>``, numbered apart from any channel's).
When a document added or changed since the person last heard about the topic has passages that
match it, or recommendations that do, they get one direct message: digest-style, at most once a
day per topic. What is newer waits for the next day's message.

Exactly once: each alert claims a key in the post ledger (``bot.library.ledger``: a post whose
connection dropped is never re-sent) and is recorded in ``watch_alerts`` (watch, day) after Slack
took it; a day already recorded is never sent again. After an uncertain answer from Slack the
poster (``bot.slack.poster.AlertPoster``) reads the person's DM for the alert's metadata mark
before sending it again (round 19). ``send_alerts`` takes the poster as a
callable and the clock as a value, so it is tested without Slack or waiting; ``AlertScheduler``
runs it every few minutes inside ``rocu serve``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from bot.digest.content import NewDocument
from bot.digest.schedule import Schedule, iso, parse_iso, utc_now
from bot.digest.watches import (
    MAX_WATCHES,
    Watch,
    WatchError,
    add_watch,
    list_watches,
    matching_passages,
    remove_watch,
)
from bot.library.features import Steps

log = logging.getLogger("rocu.digest")

PERSONAL = "user:"  # the channel key of a person's own watches
SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
CHECK_MINUTES = 10  # how often new documents are checked against personal watches
ALERT_RESULTS = 3  # passages quoted per alert
ALERT_RECOMMENDATIONS = 5

MIGRATIONS = Steps()


@MIGRATIONS.step("watch_alerts")
def _alerts_table(db: sqlite_utils.Database) -> None:
    db.execute(
        """create table watch_alerts (
            watch_id integer not null,
            day text not null,           -- the alert's day (ISO date, in the schedule's zone)
            user_id text not null,
            sent_at text not null,       -- UTC ISO time Slack took it
            ts text,                     -- Slack's message ts ('' when uncertain)
            documents text,              -- JSON {doc id: its added/changed time} considered
            primary key (watch_id, day)
        )"""
    )


def personal_key(user: str | None) -> str:
    if not user:
        raise WatchError("Personal watches need to know who you are; try again from Slack.")
    return PERSONAL + user


def add_personal_watch(
    db: sqlite_utils.Database, user: str | None, query: str, now: dt.datetime | None = None
) -> tuple[Watch, bool]:
    """Watch ``query`` for ``user`` alone. Returns (the watch, whether it is new)."""
    key = personal_key(user)
    if len(list_watches(db, key)) >= MAX_WATCHES and not any(
        w.query.lower() == " ".join(query.split()).lower() for w in list_watches(db, key)
    ):
        raise WatchError(
            f"You already watch {MAX_WATCHES} topics; remove one with `/rocu unwatch me <n>` "
            "first (`/rocu watches` lists them)."
        )
    return add_watch(db, key, query, user, now)


def personal_watches(db: sqlite_utils.Database, user: str | None) -> list[Watch]:
    return list_watches(db, personal_key(user)) if user else []


def remove_personal_watch(db: sqlite_utils.Database, user: str | None, typed: str) -> Watch:
    key = personal_key(user)
    if not list_watches(db, key):
        raise WatchError("You watch nothing yet. Add a topic with `/rocu watch me <words>`.")
    from bot.digest.watches import no_such_number, numbers

    try:
        return remove_watch(db, key, typed)
    except WatchError:
        count = len(list_watches(db, key))
        raise WatchError(
            f"{no_such_number(typed)}"
            f"Say which of your watches to remove by its number, {numbers(count)}, e.g. "
            "`/rocu unwatch me 1`; `/rocu watches` lists them."
        ) from None


def everyone_watching(db: sqlite_utils.Database) -> list[tuple[str, Watch]]:
    """(user, watch) for every personal watch."""
    users = [
        row[0]
        for row in db.execute(
            "select distinct channel from watches where channel like ? order by channel",
            [PERSONAL + "%"],
        ).fetchall()
    ]
    return [
        (key[len(PERSONAL) :], w)
        for key in users
        if SLACK_USER.match(key[len(PERSONAL) :])  # only Slack users can be sent a message
        for w in list_watches(db, key)
    ]


# -- what is new for a watch ---------------------------------------------------------------------


@dataclass
class Alert:
    user: str
    watch: Watch
    day: dt.date
    since: dt.datetime
    considered: dict[str, str] = field(default_factory=dict)  # doc id -> its change time
    documents: list[NewDocument] = field(default_factory=list)  # new documents that match
    results: list = field(default_factory=list)  # bot.search SearchResult, best first
    more: int = 0  # matching passages not quoted
    recommendations: list = field(default_factory=list)  # bot.recs Recommendation
    removed: list = field(default_factory=list)  # watches.Removed: told with this alert, once


def changed_documents(
    db: sqlite_utils.Database, since: dt.datetime, until: dt.datetime
) -> dict[str, tuple[NewDocument, str]]:
    """Documents added or changed in [since, until] (times are kept to the second, so the
    bound is inclusive and the caller drops what it already considered): id -> (document,
    its change time)."""
    found = {}
    for row in db.query("select id, title, type, date, added_at, updated_at from documents"):
        stamp = row["updated_at"] or row["added_at"]
        moments = [parse_iso(row["added_at"]), parse_iso(row["updated_at"])]
        if any(m is not None and since <= m <= until for m in moments):
            document = NewDocument(
                row["id"], row["title"] or row["id"], row["type"] or "document", row["date"]
            )
            found[row["id"]] = (document, stamp or "")
    return found


def last_alerted(
    db: sqlite_utils.Database, watch_id: int
) -> tuple[str | None, dt.datetime | None, dict]:
    """(day, sent_at, documents considered) of the watch's latest alert."""
    row = db.execute(
        "select day, sent_at, documents from watch_alerts where watch_id = ?"
        " order by day desc limit 1",
        [watch_id],
    ).fetchone()
    if not row:
        return None, None, {}
    try:
        considered = json.loads(row[2] or "{}")
    except ValueError:
        considered = {}
    return row[0], parse_iso(row[1]), considered if isinstance(considered, dict) else {}


def alert_for(
    db: sqlite_utils.Database, user: str, watch: Watch, day: dt.date, now: dt.datetime
) -> Alert | None:
    """What is new for this watch since the person last heard about it (or since they started
    watching), or None: nothing new, or already sent today."""
    sent_day, sent_at, considered = last_alerted(db, watch.id)
    if sent_day == day.isoformat():
        return None  # at most once a day per topic
    since = max(m for m in (parse_iso(watch.created_at), sent_at) if m is not None)
    changed = {
        doc_id: found
        for doc_id, found in changed_documents(db, since, now).items()
        if considered.get(doc_id) != found[1]  # told about this version already
    }
    documents = {doc_id: document for doc_id, (document, _) in changed.items()}
    if not documents:
        return None
    results = matching_passages(db, watch.query, set(documents))
    recommendations = _recommendations(db, watch.query, set(documents))
    if not results and not recommendations:
        return None
    matched = {r.doc_id for r in results} | {r.doc_id for r in recommendations}
    return Alert(
        user=user,
        watch=watch,
        day=day,
        since=since,
        considered={doc_id: stamp for doc_id, (_, stamp) in changed.items()},
        documents=[documents[d] for d in sorted(matched) if d in documents],
        results=results[:ALERT_RESULTS],
        more=max(0, len(results) - ALERT_RESULTS),
        recommendations=recommendations[:ALERT_RECOMMENDATIONS],
    )


def _recommendations(db: sqlite_utils.Database, query: str, doc_ids: set[str]) -> list:
    """The new documents' recommendations that match the watch's words."""
    try:
        from bot.recs.tracker import RecommendationError, list_recommendations
    except ImportError:
        return []
    try:
        return [r for r in list_recommendations(db, query) if r.doc_id in doc_ids]
    except RecommendationError:
        return []  # a watch's words that are no recommendation filter: passages only
    except Exception:  # a broken feature must not stop the alerts
        log.exception("alerts: recommendations could not be matched")
        return []


def pending_alerts(
    db: sqlite_utils.Database, now: dt.datetime | None = None, schedule: Schedule | None = None
) -> list[Alert]:
    """Every alert due now: one per personal watch with something new, not sent today."""
    now = now or utc_now()
    day = (schedule or Schedule()).local_date(now)
    found = []
    for user, watch in everyone_watching(db):
        alert = alert_for(db, user, watch, day, now)
        if alert is not None:
            found.append(alert)
    return found


# -- sending ---------------------------------------------------------------------------------------

AlertPoster = Callable[[str, Alert], str]  # (user, alert) -> Slack ts; raises on failure


def alert_key(alert: Alert) -> str:
    return f"watch-alert:{alert.watch.id}:{alert.day.isoformat()}"


def record_alert(db: sqlite_utils.Database, alert: Alert, ts: str, now: dt.datetime) -> None:
    from bot.library.store import writing

    with writing(db):
        db.execute(
            "insert or ignore into watch_alerts (watch_id, day, user_id, sent_at, ts, documents)"
            " values (?, ?, ?, ?, ?, ?)",
            [
                alert.watch.id,
                alert.day.isoformat(),
                alert.user,
                iso(now),
                ts,
                json.dumps(alert.considered),
            ],
        )


def send_alerts(
    db: sqlite_utils.Database,
    poster: AlertPoster,
    ledger=None,
    now: dt.datetime | None = None,
    schedule: Schedule | None = None,
) -> list[tuple[Alert, str]]:
    """Send every alert due now, each once: (alert, outcome) with outcome sent, skipped (the
    ledger holds it), uncertain (Slack may have it: recorded, never re-sent) or failed (tried
    again at the next check)."""
    now = now or utc_now()
    outcomes = []
    for alert in pending_alerts(db, now, schedule):
        key = alert_key(alert)
        if ledger is not None and not ledger.claim(key):
            outcomes.append((alert, "skipped"))
            continue
        alert.removed = _removed_to_tell(db, alert.user)
        try:
            ts = poster(alert.user, alert)
        except Exception as exc:  # noqa: BLE001 - one person's alert must not stop the others
            uncertain = bool(getattr(exc, "uncertain", False))
            if ledger is not None:
                ledger.mark(key, "uncertain" if uncertain else "failed")
            if alert.removed and not uncertain:  # surely not shown: told with a later message
                from bot.digest.watches import unclaim_removed

                unclaim_removed(db, [item.id for item in alert.removed])
            if uncertain:
                record_alert(db, alert, "", now)
            log.warning(
                "watch alert %s for %s not sent: %s", alert.watch.id, alert.user, type(exc).__name__
            )
            outcomes.append((alert, "uncertain" if uncertain else "failed"))
            continue
        if ledger is not None:
            ledger.mark(key, "sent", "chat.postMessage", ts)
        record_alert(db, alert, ts or "", now)
        log.info("watch alert %s sent to %s", alert.watch.id, alert.user)
        outcomes.append((alert, "sent"))
    return outcomes


def _removed_to_tell(db: sqlite_utils.Database, user: str) -> list:
    """The person's watches rocu's update removed and nobody told them of, claimed to go with
    this alert (``bot.digest.watches.REMOVED_TOLD``); [] when none or they cannot be read."""
    from bot.digest.watches import claim_removed

    try:
        return claim_removed(db, user)
    except Exception as exc:  # noqa: BLE001 - a courtesy: the alert goes out regardless
        log.warning("removed watches not read: %s", type(exc).__name__)
        return []


class AlertScheduler:
    """Checks personal watches every ``CHECK_MINUTES`` in a background thread (``rocu serve``)."""

    def __init__(self, db_path, poster: AlertPoster, schedule: Schedule | None = None) -> None:
        self.db_path, self.poster = db_path, poster
        self.schedule = schedule or Schedule()
        self._lock = threading.Lock()
        self.scheduler = None

    def tick(self) -> list[tuple[Alert, str]]:
        """One check; never raises (a scheduler job must not die)."""
        from bot.library.ledger import Ledger
        from bot.library.store import open_db

        with self._lock:
            db = None
            try:
                db = open_db(self.db_path)
                return send_alerts(db, self.poster, Ledger(lambda: db), schedule=self.schedule)
            except Exception:
                log.exception("watch alerts: the check failed; will try again")
                return []
            finally:
                if db is not None:
                    db.close()

    def start(self) -> AlertScheduler:
        from apscheduler.schedulers.background import BackgroundScheduler
        from apscheduler.triggers.interval import IntervalTrigger

        self.scheduler = BackgroundScheduler(timezone=self.schedule.tz)
        self.scheduler.add_job(
            self.tick,
            IntervalTrigger(minutes=CHECK_MINUTES),
            id="watch-alerts",
            max_instances=1,
            coalesce=True,
        )
        self.scheduler.start()
        log.info("personal watches checked every %d minutes", CHECK_MINUTES)
        return self

    def shutdown(self, wait: bool = True) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=wait)
