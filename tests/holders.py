"""Another writer holding the store's write lock, for tests of what a person meets meanwhile.

``rocu ingest`` storing a document, a backup or a second app holds the store's write lock, with the
lock file beside the store (as ``store.writing`` takes it: ``how="both"``) or with SQLite's lock
alone (a connection that takes no lock file: ``how="sqlite"``). ``Holder`` holds it on a thread
until ``release()`` or ``held`` seconds; ``released_at`` says when it let go (``time.monotonic``).
Shared by the round-15 Slack tests and the round-16 console, command-line and Slack tests.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading
import time

HELD = 6.0  # seconds: well past the answer's budget, well short of SQLite's 10 s busy timeout
HOLDS = ("sqlite", "both")  # SQLite's lock alone (a connection), or the lock file and SQLite's


class Holder:
    """Another writer holding the store's write lock (``how``: "sqlite" or "both") until
    ``release()`` or ``held`` seconds; ``released_at`` says when it let go."""

    def __init__(self, path, how: str, held: float = HELD) -> None:
        self.path, self.how, self.held = str(path), how, held
        self.released_at: float | None = None
        self._go = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        handle = open(self.path + "-write.lock", "a+")  # noqa: SIM115 - held across the thread
        if self.how == "both":
            fcntl.flock(handle, fcntl.LOCK_EX)
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        self._ready.set()
        self._go.wait(self.held)
        conn.execute("ROLLBACK")
        conn.close()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
        self.released_at = time.monotonic()

    def __enter__(self) -> Holder:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def release(self) -> None:
        self._go.set()
        self._thread.join(15)

    def __exit__(self, *exc) -> None:
        self.release()
