"""Conversations in threads: what a thread rocu answered in is about, so follow-ups there work.

When rocu answers in a thread (a mention or a direct message is answered in its thread), the
thread's first look-up is kept as its *topic*, with the last pageable line and its page. A later
``more`` / ``back`` in the thread pages that line; a follow-up question is searched with the topic
as context (``bot.commands.thread_answer``). Kept in the store, so anyone in the thread may ask
and a restart forgets nothing; rows untouched for ``KEEP_DAYS`` are dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass

import sqlite_utils

from bot.library import later
from bot.library.features import Steps
from bot.library.store import StoreError, writing

log = logging.getLogger("rocu.library")

KEEP_DAYS = 30
MAX_LINE_CHARS = 4000
SAVE_WAIT = 2.0  # seconds to wait for another writer: the answer matters more than the record

MIGRATIONS = Steps()


@MIGRATIONS.step("conversation_threads")
def _threads_table(db: sqlite_utils.Database) -> None:
    db.execute(
        """create table conversation_threads (
            key text primary key,        -- where the thread is: workspace, channel, thread ts
            topic text,                  -- the thread's first look-up (a search or a term)
            last_line text,              -- the last pageable line answered there
            page integer not null default 0,
            has_more integer not null default 0,
            updated_at text not null
        )"""
    )


@dataclass
class ThreadState:
    topic: str | None = None
    last_line: str | None = None
    page: int = 0
    has_more: bool = False


def load(db: sqlite_utils.Database, key: str) -> ThreadState | None:
    """The thread's state, or None when rocu has not answered in it (or forgot it)."""
    if not key or "conversation_threads" not in db.table_names():
        return None
    row = db.execute(
        "select topic, last_line, page, has_more from conversation_threads where key = ?", [key]
    ).fetchone()
    return ThreadState(row[0], row[1], int(row[2] or 0), bool(row[3])) if row else None


def save(db: sqlite_utils.Database, key: str, state: ThreadState) -> None:
    """Keep the thread's state (and drop threads untouched for ``KEEP_DAYS``). A store that
    cannot be written now only costs the follow-up: it is logged, never raised; while a person
    waits (``waits.in_budget``) it is kept later instead (``bot.library.later``), unless a newer
    state was kept meanwhile."""
    if not key:
        return
    now = dt.datetime.now(dt.UTC)
    kept = ThreadState(state.topic, state.last_line, state.page, state.has_more)
    try:
        _store(db, key, kept, now)
    except (StoreError, sqlite3.Error) as exc:
        if later.keep_later(db, lambda store: _store(store, key, kept, now), "a thread's state"):
            log.info("a thread's state is kept later: %s", type(exc).__name__)
            return
        log.warning("a thread's state was not kept: %s", type(exc).__name__)


def _store(db: sqlite_utils.Database, key: str, state: ThreadState, now: dt.datetime) -> None:
    """Write the state as of ``now``; a state kept since then is newer, and stays."""
    with writing(db, wait=SAVE_WAIT):
        db.execute(
            """insert into conversation_threads
            (key, topic, last_line, page, has_more, updated_at) values (?, ?, ?, ?, ?, ?)
            on conflict (key) do update set topic = excluded.topic,
                last_line = excluded.last_line, page = excluded.page,
                has_more = excluded.has_more, updated_at = excluded.updated_at
            where conversation_threads.updated_at <= excluded.updated_at""",
            [
                key,
                (state.topic or None) and state.topic[:MAX_LINE_CHARS],
                (state.last_line or None) and state.last_line[:MAX_LINE_CHARS],
                max(0, int(state.page)),
                int(bool(state.has_more)),
                now.isoformat(timespec="microseconds"),
            ],
        )
        cutoff = (now - dt.timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
        db.execute("delete from conversation_threads where updated_at < ?", [cutoff])
