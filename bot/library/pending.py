"""Adds in progress, written down in the store, so that a crash leaves a trace the next start can
clear (``adds_pending``: where each add's "Reading ..." message is, and the key of the post that
made it). ``bot.slack.adds`` begins and ends them, and reads the interrupted ones at start.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3

from bot.library.store import StoreError

log = logging.getLogger("rocu.slack.adds")

SCHEMA = """create table if not exists adds_pending (
    id integer primary key,
    post_key text,              -- the slack_posts key of its "Reading ..." message, if any
    place text not null,        -- JSON: {"channel", "ts"} or {"response_url"}
    started_at text not null
)"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Pending:
    """Adds in progress, in the store, so a crash leaves a trace the next start can clear."""

    def __init__(self, db_for) -> None:
        self.db_for = db_for

    def _conn(self) -> sqlite3.Connection:
        conn = self.db_for().conn
        conn.execute(SCHEMA)
        return conn

    def begin(self, place: dict, post_key: str | None = None) -> int | None:
        try:
            conn = self._conn()
            with conn:
                cursor = conn.execute(
                    "insert into adds_pending (post_key, place, started_at) values (?, ?, ?)",
                    [post_key, json.dumps(place), _now()],
                )
            return cursor.lastrowid
        except (sqlite3.Error, StoreError) as exc:
            log.warning("could not note an add in progress (%s)", type(exc).__name__)
            return None

    def end(self, add_id: int | None) -> None:
        if add_id is None:
            return
        try:
            conn = self._conn()
            with conn:
                conn.execute("delete from adds_pending where id = ?", [add_id])
        except (sqlite3.Error, StoreError) as exc:
            log.warning("could not clear an add in progress (%s)", type(exc).__name__)

    def interrupted(self) -> list[tuple[int, str | None, dict]]:
        rows = self._conn().execute("select id, post_key, place from adds_pending").fetchall()
        found = []
        for add_id, post_key, place in rows:
            try:
                found.append((add_id, post_key, json.loads(place)))
            except ValueError:
                found.append((add_id, post_key, {}))
        return found
