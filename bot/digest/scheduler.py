"""Posting the daily digest: on schedule, exactly once per channel per day.

How "exactly once" holds:

1. A *tick* (APScheduler's cron trigger at DIGEST_TIME on DIGEST_DAYS in DIGEST_TZ, a retry tick
   every few minutes, and one at start-up) looks at today's local date only, so a day already
   past is never posted; a tick after the scheduled time with nothing logged posts, saying it is
   late when it is.
2. Before posting, the poster claims a lease row (``digest_lease``: owner + expiry) with one
   atomic statement that also checks ``digest_log``; a second process or a double trigger finds
   the lease held (or the day logged) and does nothing.
3. Only after Slack accepted the message is the ``(channel, date, ts)`` row written and the lease
   released, in one transaction. A failed post releases the lease and writes nothing, so the
   next tick tries again. A crash mid-post leaves a lease that expires after ``LEASE_SECONDS``.

The core (``post_digest``, ``run_due``) takes the poster as a callable and the clock as a value,
so it is tested without Slack or waiting; ``bot.slack.poster.SlackPoster`` is the real one
(slack_sdk with its retry handlers for rate limits, connection and server errors).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from bot.digest.content import Digest, Schedule, build_digest, iso, utc_now
from bot.library.features import Steps
from bot.library.store import open_db

log = logging.getLogger("rocu.digest")

LEASE_SECONDS = 600  # longer than any post with its retries can take
LATE_AFTER = dt.timedelta(minutes=10)  # a digest posted later than this says it is late
RETRY_MINUTES = 5  # how often a failed or missed digest is tried again
MAX_RETRIES = 3  # per Web API call, for each kind of failure slack_sdk can retry
RECORD_ATTEMPTS, RECORD_PAUSE = 5, 2.0  # logging a posted digest while the store is busy

Poster = Callable[[str, Digest], str]  # (channel, digest) -> Slack ts; raises PostError


class PostError(Exception):
    """Slack did not take the digest. ``reason`` is Slack's error code or what went wrong;
    ``hint`` says how a person fixes it, when we know."""

    def __init__(
        self, reason: str, hint: str = "", uncertain: bool = False, recheck: bool = False
    ) -> None:
        super().__init__(f"{reason}: {hint}" if hint else reason)
        self.reason, self.hint = reason, hint
        self.uncertain = uncertain  # Slack may have taken it: logged as posted, never re-sent
        # ... unless the poster can read the channel (``find``): then the next tick reads it
        # and posts only when the digest is not there
        self.recheck = recheck


@dataclass
class Outcome:
    status: str  # posted, already_posted, busy, failed, uncertain, not_due, ...
    channel: str
    date: dt.date
    ts: str | None = None
    late: bool = False
    reason: str = ""


def schedule_from_settings(settings) -> Schedule:
    return Schedule.parse(
        getattr(settings, "digest_time", None),
        getattr(settings, "digest_days", None),
        getattr(settings, "digest_tz", None),
        getattr(settings, "digest_holidays", None),
    )


def current_schedule() -> Schedule:
    """The schedule from the environment (DIGEST_TIME, DIGEST_DAYS, DIGEST_TZ), or the default
    one when those are unset or malformed (previews should still work; ``rocu digest
    --schedule`` and ``rocu serve`` report malformed settings)."""
    try:
        from bot.config import from_env

        return schedule_from_settings(from_env(dotenv=False))
    except (ImportError, ValueError) as exc:  # ConfigError and ScheduleError are ValueErrors
        log.warning("digest schedule settings ignored: %s", exc)
        return Schedule()


def parse_day(text: str | None, today: dt.date) -> dt.date | None:
    """A day a person typed: empty or ``today``, ``tomorrow``, ``yesterday``, or YYYY-MM-DD."""
    text = (text or "").strip().lower()
    named = {"": 0, "today": 0, "tomorrow": 1, "yesterday": -1}
    if text in named:
        return today + dt.timedelta(days=named[text])
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def new_owner() -> str:
    """Who holds a lease: host, process and a random part (unique per scheduler)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


# --- the digest log and the lease ---------------------------------------------------------------


def _key(channel: str, date: dt.date) -> str:
    return f"{channel}|{date.isoformat()}"


def posted(db: sqlite_utils.Database, channel: str, date: dt.date) -> dict | None:
    """The log row of the digest posted to ``channel`` for ``date``, if any."""
    rows = list(
        db.query(
            "select channel, date, ts, posted_at, late from digest_log"
            " where channel = ? and date = ?",
            [channel, date.isoformat()],
        )
    )
    return rows[0] if rows else None


def claim(
    db: sqlite_utils.Database,
    channel: str,
    date: dt.date,
    owner: str,
    now: dt.datetime,
    ttl: int = LEASE_SECONDS,
) -> bool:
    """Take the right to post this digest: True when ``owner`` now holds an unexpired lease and
    the day is not logged. One statement, so two processes cannot both win."""
    db.execute(
        """insert into digest_lease (key, owner, expires_at)
        select :key, :owner, :expires
        where not exists (select 1 from digest_log where channel = :channel and date = :date)
        on conflict (key) do update set owner = excluded.owner, expires_at = excluded.expires_at
        where digest_lease.expires_at <= :now""",
        {
            "key": _key(channel, date),
            "owner": owner,
            "expires": iso(now + dt.timedelta(seconds=ttl)),
            "channel": channel,
            "date": date.isoformat(),
            "now": iso(now),
        },
    )
    row = db.execute(
        "select owner from digest_lease where key = ?", [_key(channel, date)]
    ).fetchone()
    return bool(row and row[0] == owner) and posted(db, channel, date) is None


# The scheduler's own tables, made by the store's migrations like every other table (round 19
# made them with ``create table if not exists`` on every tick; a store that ran those keeps its
# rows: the step makes only what is missing).
MIGRATIONS = Steps()


@MIGRATIONS.step("digest_unsure_and_told")
def _unsure_and_told_tables(db: sqlite_utils.Database) -> None:
    # Digests whose post got an uncertain answer (Slack may have posted them) and whose channel
    # is to be read before they are posted again.
    db.execute(
        """create table if not exists digest_unsure (
            key text primary key,        -- channel|date
            at text not null             -- UTC ISO time of the uncertain answer
        )"""
    )
    # Who has been told that Slack refused a digest (``_tell_once``): one row per channel, day,
    # reason and person told (a round 19 row without the person: everyone was told).
    db.execute(
        """create table if not exists digest_told (
            key text primary key,        -- channel|date|reason|user
            at text not null             -- UTC ISO time they were told
        )"""
    )


# Round 21, later: a digest Slack refuses for a lasting reason (rocu removed from the channel, the
# channel gone or archived) is not posted again every RETRY_MINUTES all day, an ERROR each time:
# the stop is recorded once (``digest_stopped``), logged once and told once (``_tell_once``), and
# each tick after that only reads whether rocu can see the channel again (``poster.reachable``:
# one read, quiet); when it can, the digest is posted (late) and the stop cleared. False: every
# tick posts again and logs an error, as before.
STOP_ON_LASTING = True
LASTING = frozenset({"not_in_channel", "channel_not_found", "is_archived"})
# How often a stopped digest is posted again when the read cannot tell (the app cannot read the
# channel, or reads it but Slack still refuses the post, as for an archived channel).
STOPPED_RECHECK = dt.timedelta(minutes=60)


@MIGRATIONS.step("digest_stopped")
def _stopped_table(db: sqlite_utils.Database) -> None:
    db.execute(
        """create table if not exists digest_stopped (
            channel text primary key,
            reason text not null,        -- Slack's error code
            since text not null,         -- UTC ISO time of the refusal that stopped it
            tried_at text                -- UTC ISO time of the last post tried while stopped
        )"""
    )


def stopped(db: sqlite_utils.Database, channel: str) -> dict | None:
    """The recorded stop for ``channel`` (reason, since, tried_at), or None."""
    row = db.execute(
        "select reason, since, tried_at from digest_stopped where channel = ?", [channel]
    ).fetchone()
    return dict(zip(("reason", "since", "tried_at"), row, strict=True)) if row else None


def all_stopped(db: sqlite_utils.Database) -> list[dict]:
    """Every recorded stop (channel, reason, since), oldest first; [] before the table exists."""
    if not db["digest_stopped"].exists():
        return []
    rows = db.execute(
        "select channel, reason, since from digest_stopped order by since, channel"
    ).fetchall()
    return [dict(zip(("channel", "reason", "since"), row, strict=True)) for row in rows]


def _stops(poster) -> bool:
    """Lasting refusals stop the digest: switched on, and the poster can read whether rocu sees
    the channel again (``reachable``; a poster without it is tried every tick, as before)."""
    return STOP_ON_LASTING and callable(getattr(poster, "reachable", None))


def _may_try_stopped(channel: str, poster, stop: dict, now: dt.datetime) -> bool:
    """Whether a tick posts a stopped digest again: when the read says rocu can see the channel
    (invited back; an archived channel Slack still lets rocu read is tried too, quietly, as only a
    post can tell it was unarchived), never while the read says it cannot, and at most once per
    STOPPED_RECHECK when the read cannot tell (no scope to read, Slack's trouble)."""
    seen = None
    try:
        seen = poster.reachable(channel)
    except Exception as exc:  # noqa: BLE001 - a read that fails cannot tell
        log.debug("could not read %s for a stopped digest: %s", channel, type(exc).__name__)
    if seen is not None:
        return seen
    last = dt.datetime.fromisoformat(stop["tried_at"] or stop["since"])
    return now - last >= STOPPED_RECHECK


def _stop(db, channel: str, exc: PostError, now) -> bool:
    """Record a lasting refusal; True when it is new (log and tell it), False when the digest was
    stopped already (a post tried while stopped: quiet)."""
    with db.atomic():
        new = db.execute(
            "insert or ignore into digest_stopped (channel, reason, since) values (?, ?, ?)",
            [channel, exc.reason, iso(now)],
        ).rowcount
        if not new:
            db.execute(
                "update digest_stopped set reason = ?, tried_at = ? where channel = ?",
                [exc.reason, iso(now), channel],
            )
    return bool(new)


def _unstop(db, channel: str) -> None:
    stop = stopped(db, channel)
    if stop is None:
        return
    with db.atomic():
        db.execute("delete from digest_stopped where channel = ?", [channel])
    log.info(
        "digest for %s posts again (stopped since %s: %s)", channel, stop["since"], stop["reason"]
    )


def unsure(db: sqlite_utils.Database, channel: str, date: dt.date) -> bool:
    row = db.execute("select 1 from digest_unsure where key = ?", [_key(channel, date)])
    return row.fetchone() is not None


def mark_unsure(db: sqlite_utils.Database, channel: str, date: dt.date, now: dt.datetime) -> None:
    with db.atomic():
        db.execute(
            "insert or replace into digest_unsure (key, at) values (?, ?)",
            [_key(channel, date), iso(now)],
        )


def clear_unsure(db: sqlite_utils.Database, channel: str, date: dt.date) -> None:
    with db.atomic():
        db.execute("delete from digest_unsure where key = ?", [_key(channel, date)])


def release(db: sqlite_utils.Database, channel: str, date: dt.date, owner: str) -> None:
    db.execute("delete from digest_lease where key = ? and owner = ?", [_key(channel, date), owner])


def record(
    db: sqlite_utils.Database, digest: Digest, ts: str, now: dt.datetime, owner: str
) -> None:
    """Log a posted digest and release its lease, together."""
    with db.atomic():
        db.execute(
            """insert into digest_log (channel, date, ts, posted_at, late, passage)
            values (?, ?, ?, ?, ?, ?)""",
            [
                digest.channel,
                digest.date.isoformat(),
                ts,
                iso(now),
                int(digest.late),
                digest.passage.passage_id if digest.passage else None,
            ],
        )
        release(db, digest.channel, digest.date, owner)


# --- posting --------------------------------------------------------------------------------------


def post_digest(
    db: sqlite_utils.Database,
    channel: str,
    date: dt.date,
    poster: Poster,
    *,
    schedule: Schedule | None = None,
    now: dt.datetime | None = None,
    owner: str | None = None,
    late: bool = False,
) -> Outcome:
    """Post the digest for ``date`` to ``channel`` unless it was posted (or is being posted)."""
    schedule = schedule or Schedule()
    now = now or utc_now()
    owner = owner or new_owner()
    done = posted(db, channel, date)
    if done:
        return Outcome("already_posted", channel, date, ts=done["ts"], late=bool(done["late"]))
    stop = stopped(db, channel) if _stops(poster) else None
    if stop is not None and not _may_try_stopped(channel, poster, stop, now):
        return Outcome("stopped", channel, date, late=late, reason=stop["reason"])
    if not claim(db, channel, date, owner, now):
        log.info("digest for %s on %s is being posted by another process", channel, date)
        return Outcome("busy", channel, date)
    try:
        digest = build_digest(db, date, channel, schedule=schedule, now=now, late=late)
        found = _reconcile(db, channel, date, poster, digest, now, owner)
        if found is not None:
            return found
        ts = poster(channel, digest)
    except PostError as exc:
        if exc.uncertain and exc.recheck and callable(getattr(poster, "find", None)):
            # Slack may have posted it: the next tick reads the channel before posting again
            mark_unsure(db, channel, date, now)
            release(db, channel, date, owner)
            log.warning(
                "digest for %s on %s may have been posted (%s); the channel is read in %d "
                "minutes and it is posted again only if it is not there",
                channel,
                date,
                exc.reason,
                RETRY_MINUTES,
            )
            return Outcome("uncertain", channel, date, late=late, reason=str(exc))
        if exc.uncertain:  # Slack may have posted it: record the day so it is never posted twice
            log.warning("digest for %s on %s may have been posted (%s)", channel, date, exc)
            _record_with_retries(db, digest, "", now, owner)
            return Outcome("uncertain", channel, date, late=late, reason=str(exc))
        release(db, channel, date, owner)
        stopping = _stops(poster) and exc.reason in LASTING
        new = _stop(db, channel, exc, now) if stopping else True
        _tell_once(db, poster, channel, digest, exc, now)  # those not told yet, once
        if not new:
            log.info("digest for %s on %s still refused (%s)", channel, date, exc.reason)
            return Outcome("failed", channel, date, late=late, reason=str(exc))
        then = (
            "not posted again until rocu can see the channel (read every %d minutes)"
            if stopping
            else "will retry in %d minutes"
        )
        log.error(
            "digest for %s on %s not posted (%s)%s; " + then,
            channel,
            date,
            exc.reason,
            f": {exc.hint}" if exc.hint else "",
            RETRY_MINUTES,
        )
        return Outcome("failed", channel, date, late=late, reason=str(exc))
    except Exception as exc:  # anything else: the same, with the traceback for whoever runs it
        release(db, channel, date, owner)
        log.exception("digest for %s on %s not posted; will retry", channel, date)
        return Outcome("failed", channel, date, late=late, reason=repr(exc))
    if not _record_with_retries(db, digest, ts, now, owner):
        return Outcome("posted", channel, date, ts=ts, late=late, reason="posted but not logged")
    if unsure(db, channel, date):
        clear_unsure(db, channel, date)
    if STOP_ON_LASTING:
        _unstop(db, channel)
    log.info("digest for %s on %s posted (ts %s%s)", channel, date, ts, ", late" if late else "")
    return Outcome("posted", channel, date, ts=ts, late=late)


# Round 19: a digest Slack refuses for a reason a person can fix (rocu not in the channel, the
# channel archived...) is told to whoever set it up (``poster.tell``: a direct message), once a
# day per reason and person, not only in the log. False: the log only, as before.
TELL_REFUSALS = True


def _tell_once(db, poster, channel: str, digest: Digest, exc: PostError, now) -> None:
    """Tell the people ``poster.tell`` names, each once a day per reason. ``tell`` gets those
    already told (``already``) and returns those it has now told, or may have told (an uncertain
    answer it could not check: never told twice); the others are told on a later tick if Slack
    refuses the digest again."""
    tell = getattr(poster, "tell", None)
    if not TELL_REFUSALS or not callable(tell) or exc.uncertain:
        return
    key = f"{_key(channel, digest.date)}|{exc.reason}"
    try:
        rows = db.execute(
            "select key from digest_told where key = ? or substr(key, 1, ?) = ?",
            [key, len(key) + 1, key + "|"],
        ).fetchall()
        if any(row[0] == key for row in rows):  # round 19's row: everyone was told
            return
        already = frozenset(row[0][len(key) + 1 :] for row in rows)
        settled = tell(channel, digest, exc, already=already)
        if settled:
            with db.atomic():
                db.conn.executemany(
                    "insert or ignore into digest_told (key, at) values (?, ?)",
                    [(f"{key}|{user}", iso(now)) for user in sorted(settled)],
                )
    except Exception as exc2:  # noqa: BLE001 - telling is a courtesy; the log says it all
        log.warning("could not tell anyone the digest was refused: %s", type(exc2).__name__)


def _reconcile(db, channel, date, poster, digest, now, owner) -> Outcome | None:
    """After an uncertain answer on an earlier tick: the digest's message in the channel (logged,
    "posted"), or None when Slack shows none (post it). A channel that cannot be read is tried
    again on the next tick when that may help (``PostError.uncertain``); else the day is logged
    without a ts, as an uncertain post was before round 19: never posted twice."""
    find = getattr(poster, "find", None)
    if not callable(find) or not unsure(db, channel, date):
        return None
    try:
        ts = find(channel, digest)
    except PostError as exc:
        if exc.uncertain:
            release(db, channel, date, owner)
            log.warning(
                "digest for %s on %s: the channel could not be read (%s); tried again in %d "
                "minutes",
                channel,
                date,
                exc.reason,
                RETRY_MINUTES,
            )
            return Outcome("uncertain", channel, date, late=digest.late, reason=str(exc))
        log.error(
            "digest for %s on %s may have been posted and the channel cannot be read (%s)%s; "
            "not posted again, so it is never posted twice",
            channel,
            date,
            exc.reason,
            f": {exc.hint}" if exc.hint else "",
        )
        _record_with_retries(db, digest, "", now, owner)
        clear_unsure(db, channel, date)
        return Outcome("uncertain", channel, date, late=digest.late, reason=str(exc))
    if not ts:
        log.info("digest for %s on %s is not in the channel: posting it", channel, date)
        return None
    log.info(
        "digest for %s on %s was posted after all (ts %s): not posted again", channel, date, ts
    )
    _record_with_retries(db, digest, ts, now, owner)
    clear_unsure(db, channel, date)
    return Outcome("posted", channel, date, ts=ts, late=digest.late, reason="found in the channel")


def _record_with_retries(db, digest: Digest, ts: str, now: dt.datetime, owner: str) -> bool:
    """Log a digest Slack has taken. The store may be busy for a moment; if it stays unwritable
    the lease is left to expire (the day may then be posted twice), so say so loudly."""
    for attempt in range(RECORD_ATTEMPTS):
        try:
            record(db, digest, ts, now, owner)
            return True
        except sqlite3.OperationalError as exc:
            if attempt + 1 == RECORD_ATTEMPTS:
                log.critical(
                    "digest for %s on %s was posted (ts %s) but could not be logged: %s",
                    digest.channel,
                    digest.date,
                    ts,
                    exc,
                )
                return False
            time.sleep(RECORD_PAUSE)
    return False


def library_ready(db: sqlite_utils.Database) -> bool:
    """The library has documents and no seed file is still waiting to be loaded."""
    from bot.library.ingest import pending_seeds

    return bool(db["documents"].count) and not pending_seeds(db)


def run_due(
    db: sqlite_utils.Database,
    channel: str,
    poster: Poster,
    *,
    schedule: Schedule | None = None,
    now: dt.datetime | None = None,
    owner: str | None = None,
) -> Outcome:
    """One tick: post today's digest if today is a digest day, its time has come and it is not
    posted yet. Only today (in the schedule's zone) is ever considered."""
    schedule = schedule or Schedule()
    now = now or utc_now()
    date = schedule.local_date(now)
    if not channel:
        return Outcome("no_channel", "", date)
    if not schedule.is_digest_day(date):
        return Outcome("not_a_digest_day", channel, date)
    due_at = schedule.scheduled_at(date)
    if now < due_at:
        return Outcome("not_due", channel, date)
    if not library_ready(db):  # first start: never a digest about an empty or half-seeded library
        return Outcome("library_not_ready", channel, date)
    late = now - due_at > LATE_AFTER
    return post_digest(
        db, channel, date, poster, schedule=schedule, now=now, owner=owner, late=late
    )


# --- running on a schedule ------------------------------------------------------------------------


class DigestScheduler:
    """APScheduler jobs that call ``tick``: the cron trigger at the digest time, a retry tick
    every RETRY_MINUTES, and one at start-up (which makes a late post the same day)."""

    def __init__(
        self,
        db_path: str | None,
        channel: str,
        poster: Poster,
        schedule: Schedule | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.db_path, self.channel, self.poster = db_path, channel, poster
        self.schedule = schedule or Schedule()
        self.clock = clock
        self.owner = new_owner()
        self._tick_lock = threading.Lock()
        self.scheduler = None

    def tick(self) -> Outcome:
        """Post today's digest if it is due; never raises (a scheduler job must not die)."""
        with self._tick_lock:
            db = None
            try:
                db = open_db(self.db_path)
                return run_due(
                    db,
                    self.channel,
                    self.poster,
                    schedule=self.schedule,
                    now=self.clock(),
                    owner=self.owner,
                )
            except Exception as exc:
                log.exception("digest tick failed; will retry")
                day = self.schedule.local_date(self.clock())
                return Outcome("failed", self.channel, day, reason=repr(exc))
            finally:
                if db is not None:
                    db.close()

    def cron_trigger(self):
        return cron_trigger(self.schedule)

    def add_jobs(self, scheduler) -> None:
        from apscheduler.triggers.interval import IntervalTrigger

        common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600}
        scheduler.add_job(self.tick, self.cron_trigger(), id="digest", **common)
        scheduler.add_job(
            self.tick, IntervalTrigger(minutes=RETRY_MINUTES), id="digest-retry", **common
        )
        # at once (APScheduler's own clock): the late post when the bot was down at the time
        start = dt.datetime.now(self.schedule.tz)
        scheduler.add_job(self.tick, id="digest-startup", next_run_time=start, **common)

    def start(self):
        """Run in background threads (inside ``rocu serve``)."""
        from apscheduler.schedulers.background import BackgroundScheduler

        self.scheduler = BackgroundScheduler(timezone=self.schedule.tz)
        self.add_jobs(self.scheduler)
        self.scheduler.start()
        log.info("digest scheduled for %s: %s", self.channel, describe(self.schedule))
        return self

    def run_forever(self) -> None:
        """Run in the foreground (``rocu digest --schedule``) until interrupted."""
        from apscheduler.schedulers.blocking import BlockingScheduler

        self.scheduler = BlockingScheduler(timezone=self.schedule.tz)
        self.add_jobs(self.scheduler)
        log.info("digest scheduled for %s: %s", self.channel, describe(self.schedule))
        try:
            self.scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            pass

    def shutdown(self, wait: bool = True) -> None:
        """Stop; with ``wait``, after a tick that is running has finished."""
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=wait)


def cron_trigger(schedule: Schedule):
    """APScheduler's cron trigger for the schedule, in its zone (so 08:00 stays 08:00 local
    across the clock changes)."""
    from apscheduler.triggers.cron import CronTrigger

    return CronTrigger(
        day_of_week=schedule.cron_days(),
        hour=schedule.time.hour,
        minute=schedule.time.minute,
        timezone=schedule.tz,
    )


def describe(schedule: Schedule) -> str:
    return f"{schedule.time:%H:%M} {schedule.tz.key} on {schedule.cron_days()}"


def start_in_background(settings, poster: Poster) -> DigestScheduler | None:
    """The hook ``rocu serve`` calls: start posting digests when DIGEST_CHANNEL is set (returns
    the running scheduler), else log why not and return None."""
    channel = getattr(settings, "digest_channel", None)
    if not channel:
        log.info("no DIGEST_CHANNEL set: the daily digest is off")
        return None
    schedule = schedule_from_settings(settings)
    return DigestScheduler(getattr(settings, "db_path", None), channel, poster, schedule).start()
