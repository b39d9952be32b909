"""Warming up: the first person to ask after a start should not wait for what every answer needs
once per process (the search modules' imports, the glossary's index, the meaning model when the
extra is installed, the Block Kit renderer). ``warm_up`` runs two representative answers on a
thread of its own as the app starts, through the same path a slash command takes, and throws
them away. It reads only: nothing is written to the store, posted or logged beyond one line."""

from __future__ import annotations

import logging
import threading
import time

from bot import commands
from bot.render import blocks

log = logging.getLogger("rocu.slack")

# A question (the question path, and the meaning model where installed) and typed words (the
# typed path and spelling correction). Neither names a document, so any library serves.
LINES = (
    "search who leads the regional organised crime units?",
    "search organised crime",
)


def warm(db) -> float:
    """Answer and render ``LINES`` on ``db``; return the seconds it took. Never raises."""
    started = time.perf_counter()
    for line in LINES:
        try:
            blocks.message(commands.dispatch(db, line, commands.Context()))
        except Exception as exc:  # a warm-up that fails must not stop the app; answers still work
            log.warning("warm-up skipped: %s", type(exc).__name__)
            break
    return time.perf_counter() - started


def warm_up(library) -> threading.Thread:
    """Start ``warm`` on a daemon thread with its own connection (``library.db()`` is per
    thread); return the thread."""

    def run() -> None:
        seconds = warm(library.db())
        log.info("warm-up done in %.2f s", seconds)

    thread = threading.Thread(target=run, name="rocu-warm-up", daemon=True)
    thread.start()
    return thread
