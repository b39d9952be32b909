"""Long command lines kept by a short key, in the store, so a button that names one still works
after a restart.

A Slack button carries at most 2,000 characters, so a very long ``/rocu recs`` filter's "More
results" and "Set status" buttons carry a 20-character key to the line instead
(``bot.render.blocks.keep_line``). The running process keeps the newest lines in memory; this
table (``kept_lines``: key, line, when kept) keeps them across restarts and across the app's
processes. It holds at most ``CAP`` lines, none older than ``KEEP_DAYS`` (a key past them is said
to be stale, as before). Only lines too long for a button come here (a few per week in use); the
store already keeps people's questions for the feedback buttons and their threads, under the
same protection as the library itself. Log lines carry keys and error names, never a line.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3

from bot.library.store_table import StoreTable

log = logging.getLogger("rocu.library.kept_lines")

CAP = 2000  # lines kept, the newest
KEEP_DAYS = 30  # a button older than this names a line no longer kept
SCHEMA = """create table if not exists kept_lines (
    key text primary key,
    line text not null,
    kept_at text not null
)"""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class KeptLines(StoreTable):
    """The ``kept_lines`` table, through ``db_for()`` (this thread's connection)."""

    SCHEMA = SCHEMA

    def put(self, key: str, line: str) -> None:
        """Keep ``line`` under ``key`` (now), then drop what is past the cap or the age limit.
        A store that cannot be written is logged (the key only): the line stays in memory."""
        now = _now()
        cutoff = (now - dt.timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
        try:
            conn = self._conn()
            with conn:
                conn.execute(
                    "insert into kept_lines (key, line, kept_at) values (?, ?, ?) on conflict "
                    "(key) do update set kept_at = excluded.kept_at",
                    [key, line, now.isoformat(timespec="seconds")],
                )
                conn.execute("delete from kept_lines where kept_at < ?", [cutoff])
                conn.execute(
                    "delete from kept_lines where key not in "
                    "(select key from kept_lines order by kept_at desc, rowid desc limit ?)",
                    [CAP],
                )
        except sqlite3.Error as exc:
            log.warning("line %s not kept in the store (%s)", key, type(exc).__name__)

    def get(self, key: str) -> str | None:
        """The line kept under ``key`` within the age limit, else None."""
        cutoff = (_now() - dt.timedelta(days=KEEP_DAYS)).isoformat(timespec="seconds")
        try:
            row = (
                self._conn()
                .execute(
                    "select line from kept_lines where key = ? and kept_at >= ?", [key, cutoff]
                )
                .fetchone()
            )
        except sqlite3.Error as exc:
            log.warning("line %s not read from the store (%s)", key, type(exc).__name__)
            return None
        return row[0] if row else None
