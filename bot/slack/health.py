"""The store's health as the Slack app's ``/healthz`` reports it (``StoreHealth``): ``PRAGMA
quick_check`` at start and every so often on its own thread, a cheap probe per request cached
for a second, and one sentence per problem (``bot.library.health`` does the checking)."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from bot.library import health

log = logging.getLogger("rocu.slack.http")


class StoreHealth:
    """Whether the store can be read and written, in one sentence.

    ``PRAGMA quick_check`` runs at start and every ``check_every`` seconds on a thread of its own
    (it reads the whole file); each ``/healthz`` adds a cheap read and a one-row write, cached for
    a second so a flood of probes costs nothing. A store busy with another writer is healthy."""

    def __init__(self, path: str | os.PathLike, check_every: float = 900.0) -> None:
        self.path = Path(path)
        self.check_every = check_every
        self._problem: str | None = None  # from the last quick_check
        self.warnings: list[str] = []  # a disk the platform wipes, no recent backup
        self._cached: tuple[float, bool, str] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def start(self) -> StoreHealth:
        self.quick_check()
        threading.Thread(target=self._every, name="rocu-quick-check", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _every(self) -> None:
        while not self._stop.wait(self.check_every):
            self.quick_check()

    def quick_check(self) -> str | None:
        """Run ``PRAGMA quick_check``; return the problem (None when the store is whole)."""
        started = time.perf_counter()
        problem = health.quick_check(self.path)
        if problem == "busy":
            problem = self._problem  # could not look this time: keep what was known
        self._problem = problem
        self._cached = None
        self.warnings = _store_warnings(self.path)
        ms = (time.perf_counter() - started) * 1000
        if problem:
            log.error("store check: %s (%s)", sentence(problem), self.path)
        else:
            log.info("store check: quick_check ok in %.0f ms", ms)
        return problem

    def status(self) -> tuple[bool, str]:
        """(healthy, one sentence)."""
        now = time.monotonic()
        with self._lock:
            if self._cached and now - self._cached[0] < 1.0:
                return self._cached[1], self._cached[2]
            problem = self._problem or health.probe(self.path)
            ok = "ok" + "".join(f"; warning: {w}" for w in self.warnings)
            result = (problem is None, ok if problem is None else sentence(problem))
            self._cached = (now, *result)
            return result


def _store_warnings(path: Path) -> list[str]:
    """What ``/healthz`` warns about the store (``bot.library.backup.warnings``), logged too."""
    from bot.library.backup import warnings

    try:
        found = warnings(path)
    except OSError:
        return []
    for line in found:
        log.warning("store: %s", line)
    return found


SENTENCES = {
    "damaged": "The store is damaged: restore it from a backup, or move it aside and restart.",
    "full": "The disk holding the store is full: free some space and rocu will recover.",
    "unopenable": "The store cannot be opened for reading and writing: check its path and "
    "permissions.",
}


def sentence(problem: str) -> str:
    return SENTENCES.get(problem, SENTENCES["damaged"])
