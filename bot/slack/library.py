"""The library as the Slack app holds it: the store, one SQLite connection per thread (Bolt
answers on worker threads), each person's conversation per channel (``more``), and the record of
answers sent (``bot.slack.once.Ledger``)."""

from __future__ import annotations

import logging
import os
import threading

import sqlite_utils

from bot import commands
from bot.config import Settings
from bot.library.ingest import ensure_seeded
from bot.library.kept_lines import KeptLines
from bot.library.store import db_path
from bot.render import blocks
from bot.slack.once import Ledger
from bot.wiring import open_store

log = logging.getLogger("rocu.slack")


class Library:
    """The store, one SQLite connection per thread (Bolt answers on worker threads), and each
    person's conversation per channel (``more`` pages through their last line)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = db_path(path)
        self._local = threading.local()
        self.ledger = Ledger(self.db)
        blocks.use_line_store(KeptLines(self.db))  # long lines' keys outlive a restart
        self.sessions = commands.Sessions()
        self.settings: Settings | None = None  # the app's, once built (ROCU_SENSITIVE_CHANNELS)

    def db(self) -> sqlite_utils.Database:
        if getattr(self._local, "db", None) is None:
            self._local.db = open_store(self.path)
        return self._local.db

    def seed(self) -> None:
        """Load the seed library into an empty store, so a first `/rocu` has something to find."""
        report = ensure_seeded(self.db())
        if report is not None and report.failed:
            log.warning("seed library: %d file(s) failed to load", len(report.failed))
