"""A small table of the store's own, made on first use (``Ledger``, ``KeptLines``)."""

from __future__ import annotations

import sqlite3


class StoreTable:
    """A table made by ``SCHEMA`` on first use, through ``db_for()`` (this thread's connection).
    ``_on_ready`` runs once, after the table is made (a clean-up of old rows)."""

    SCHEMA = ""

    def __init__(self, db_for) -> None:
        self.db_for = db_for
        self._ready = False

    def _conn(self) -> sqlite3.Connection:
        conn = self.db_for().conn
        if not self._ready:
            conn.execute(self.SCHEMA)
            self._on_ready(conn)
            conn.commit()
            self._ready = True
        return conn

    def _on_ready(self, conn: sqlite3.Connection) -> None:
        pass
