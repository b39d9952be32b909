"""Is the store whole, and can it be read and written? Plain checks on the store's file, for a
front end's health probe (the Slack app's ``/healthz``, ``bot.slack.health.StoreHealth``).

Each check opens its own short connection (read-write, never creating the file, never paying for a
checkpoint) and answers with a problem's kind, or None: ``damaged``, ``full``, ``unopenable``, or
``busy`` (another writer holds the store: not a problem of the store).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def connect(path: str | os.PathLike) -> sqlite3.Connection:
    """A short read-write connection to an existing, non-empty store file."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        raise sqlite3.DatabaseError("unable to open database file: missing or empty")
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2.0)
    conn.execute("PRAGMA busy_timeout = 2000")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # a probe never pays for a checkpoint
    return conn


def quick_check(path: str | os.PathLike) -> str | None:
    """SQLite's ``PRAGMA quick_check`` (it reads the whole file): None when the store is whole,
    else the problem's kind."""
    try:
        conn = connect(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return kind(exc)
    return None if rows and rows[0][0] == "ok" else "damaged"


def probe(path: str | os.PathLike) -> str | None:
    """A cheap read and a one-row write (table ``_health``): None when both work or another
    writer holds the store, else the problem's kind."""
    try:
        conn = connect(path)
        try:
            conn.execute("select count(*) from sqlite_master").fetchone()
            conn.execute(
                "create table if not exists _health (id integer primary key, checked_at text)"
            )
            conn.execute("insert or replace into _health values (1, datetime('now'))")
            conn.commit()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problem = kind(exc)
        return None if problem == "busy" else problem
    return None


def kind(exc: sqlite3.Error) -> str:
    """What kind of problem a SQLite error says the store has."""
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return "busy"
    if "full" in message:
        return "full"
    if "unable to open" in message or "readonly" in message or "read-only" in message:
        return "unopenable"
    return "damaged"
