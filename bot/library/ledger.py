"""The record of answers sent: at most once per key, across threads, processes and restarts.

A front end that cannot ask its peer whether a message arrived (Slack has no idempotency keys)
claims a key before sending and marks how it went: ``sending``, ``sent``, ``uncertain`` (the
connection dropped after the request left) or ``failed``. A key already ``sending``, ``sent`` or
``uncertain`` is never claimed again; a ``failed`` one may be. The table is ``slack_posts`` (its
first user was the Slack app, ``bot.slack.once``); rows older than ``KEEP_DAYS`` are dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3

from bot.library import waits
from bot.library.store_table import StoreTable

log = logging.getLogger("rocu.slack.once")

KEEP_DAYS = 3  # Slack retries an event for about an hour; response_urls live 30 minutes
# How long the record's own writes wait for another writer (ms). The store's busy timeout is 10 s,
# and while another process held SQLite's write lock (`rocu ingest` storing a document) every
# answer waited it out before it was sent, and again after (round 14: a search answered in 10-20
# s). The record is bookkeeping: when it cannot be written in this time the answer goes anyway
# and that is logged, as when the store cannot be written at all. 2 s covers the longest hold
# measured (1.15 s, `rocu ingest` of a 2 MB, 240-page report). 0: the store's own timeout.
LEDGER_WAIT_MS = 2000
SCHEMA = """create table if not exists slack_posts (
    key text primary key,
    state text not null,          -- sending, sent, uncertain, failed
    via text,                     -- response_url, chat.postMessage, chat.postEphemeral
    ts text,                      -- Slack's message ts, when it gave one
    retry_num integer,            -- X-Slack-Retry-Num of the delivery that claimed it
    created_at text not null,
    updated_at text not null
)"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@contextlib.contextmanager
def _waiting(conn: sqlite3.Connection):
    """Within the block, ``conn`` waits at most LEDGER_WAIT_MS for another writer, and no longer
    than what is left of a person's budget (``bot.library.waits``)."""
    wait = waits.left(LEDGER_WAIT_MS / 1000 if LEDGER_WAIT_MS else None)
    if wait is None:
        yield
        return
    before = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {min(int(before), int(wait * 1000))}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(before)}")


class Ledger(StoreTable):
    """The idempotency record, in the store (``db_for()`` gives this thread's connection)."""

    SCHEMA = SCHEMA

    def _on_ready(self, conn: sqlite3.Connection) -> None:
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=KEEP_DAYS)).isoformat()
        conn.execute("delete from slack_posts where updated_at < ?", [cutoff])

    def claim(self, key: str, retry_num: int | None = None, unsure: bool = True) -> bool:
        """True when this caller should post for ``key`` (no record, or only a failed one).
        A store that cannot be written does not stop the answer: it is posted, and logged;
        unless ``unsure`` is False (a re-delivery Slack made because the first was answered late,
        which another process is answering: ``bot.slack.listeners.answered_elsewhere``)."""
        now = _now()
        try:
            with _waiting(self.db_for().conn):  # the table's first use writes too
                conn = self._conn()
                with conn:
                    cursor = conn.execute(
                        """insert into slack_posts (key, state, retry_num, created_at, updated_at)
                        values (?, 'sending', ?, ?, ?)
                        on conflict (key) do update set state = 'sending',
                            retry_num = excluded.retry_num, updated_at = excluded.updated_at
                        where slack_posts.state = 'failed'""",
                        [key, retry_num, now, now],
                    )
            claimed = cursor.rowcount > 0
        except sqlite3.Error as exc:
            if not unsure:
                log.info("no post record (%s): %s not posted again", type(exc).__name__, key)
                return False
            log.warning("post record unavailable (%s): posting %s anyway", type(exc).__name__, key)
            return True
        if not claimed:
            log.info("already answered %s (retry %s): not posted again", key, retry_num)
        return claimed

    def mark(self, key: str, state: str, via: str | None = None, ts: str | None = None) -> None:
        try:
            with _waiting(self.db_for().conn):  # the table's first use writes too
                conn = self._conn()
                with conn:
                    conn.execute(
                        "update slack_posts set state = ?, via = coalesce(?, via),"
                        " ts = coalesce(?, ts), updated_at = ? where key = ?",
                        [state, via, ts, _now(), key],
                    )
        except sqlite3.Error as exc:
            log.warning("post record for %s not updated (%s)", key, type(exc).__name__)

    def state(self, key: str) -> str | None:
        row = self._conn().execute("select state from slack_posts where key = ?", [key]).fetchone()
        return row[0] if row else None
