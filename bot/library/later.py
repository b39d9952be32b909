"""Bookkeeping kept later: what a person's request leaves in the store when another writer held
the lock past the answer's budget.

A person in Slack is answered inside the answer's budget (``bot.library.waits``): behind another
process's long write (``rocu ingest`` storing a document, a backup), a write that is bookkeeping
gives up and the answer goes. Two such writes record what a person did: a thread's follow-up
state (the thread's topic, the line its ``more`` pages) and a missing term's note (someone looked
up a term nobody has taught). Skipped, they were lost without a word: ``@rocu more`` in the thread
later paged something else, and the term never reached ``glossary missing`` (round 17). Now such
a write is handed here (``keep_later``): one thread writes it off the person's clock, with the
store's own waits, as soon as the other writer lets go, trying again for up to ``LATER_FOR``
seconds. It is bookkeeping still: a process that stops before then loses it, as before.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable

import sqlite_utils

from bot.library import waits
from bot.library.store import StoreError, open_db

log = logging.getLogger("rocu.library")

# Bookkeeping a person's answer could not write inside its budget is written later, by one
# thread, once the other writer lets go. False: skipped, as before round 17.
KEEP_LATER = True
LATER_FOR = 120.0  # seconds a later write keeps trying (the store's own waits, then again)
TRY_AGAIN_AFTER = 0.5  # seconds between tries
QUEUED_AT_MOST = 1000  # writes waiting at once; past this one is skipped, and logged

_queue: queue.Queue = queue.Queue(maxsize=QUEUED_AT_MOST)
_thread: threading.Thread | None = None
_start_lock = threading.Lock()


def keep_later(
    db: sqlite_utils.Database, write: Callable[[sqlite_utils.Database], None], what: str
) -> bool:
    """While a person waits (a budget is set: ``waits.in_budget``), have ``write(db)`` run later
    on the store ``db`` is open on (its own connection, no budget), until it succeeds or
    ``LATER_FOR`` seconds have passed; ``what`` names it in the logs (never a person's words).
    True when queued; False when switched off, outside a budget (the write already waited the
    store's own time), for a store held in memory, or when too many wait."""
    if not KEEP_LATER or not waits.in_budget():
        return False
    path = _path_of(db)
    if not path:
        return False
    try:
        _queue.put_nowait((path, write, what, time.monotonic() + LATER_FOR))
    except queue.Full:
        log.warning("%s not kept: too many writes waiting", what)
        return False
    _start()
    return True


def wait_idle(timeout: float) -> bool:
    """Whether every write handed here has been written (or given up) within ``timeout`` s."""
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if _queue.unfinished_tasks == 0:
            return True
        time.sleep(0.02)
    return _queue.unfinished_tasks == 0


def _path_of(db: sqlite_utils.Database) -> str | None:
    try:
        row = db.conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return None
    return row[2] if row and row[2] else None


def _start() -> None:
    global _thread
    with _start_lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_run, name="rocu-later", daemon=True)
            _thread.start()


def _run() -> None:
    stores: dict[str, sqlite_utils.Database] = {}
    while True:
        path, write, what, until = _queue.get()
        try:
            _write(stores, path, write, what, until)
        except Exception:  # noqa: BLE001 - one write's bug must not stop the others
            log.exception("%s not kept", what)
        finally:
            _queue.task_done()


def _write(stores: dict, path: str, write, what: str, until: float) -> None:
    while True:
        try:
            db = stores.get(path) or stores.setdefault(path, open_db(path))
            write(db)
            log.info("%s kept once the store was free", what)
            return
        except (StoreError, sqlite3.Error) as exc:
            if time.monotonic() + TRY_AGAIN_AFTER > until:
                log.warning("%s not kept: %s", what, type(exc).__name__)
                return
            time.sleep(TRY_AGAIN_AFTER)
