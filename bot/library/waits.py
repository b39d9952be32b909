"""How long a write waits for another writer while a person waits for the answer.

Another process (``rocu ingest`` storing a document, a backup, a second app) may hold the store's
write lock. A write the person is waiting on (a vote, a watch, a taught definition, the post
record, a missing term's note) used to wait the lock file's 120 s or SQLite's 10 s busy timeout,
one after another, so a person in Slack waited 10-20 s, or for ever as far as Slack's 3 s go
(round 15). Now a front end gives what it does for a person a **budget** (``budget``): every
store write inside it waits at most what is left of the budget (``left``; at least ``FLOOR``, a
moment for another thread's short write), then gives up: the lock file's and SQLite's waits both
(``bot.library.store.writing``, the post record). A write that gave up raises ``StoreBusy``, whose
sentence says the library is busy and to try again shortly; bookkeeping (the post record, a
missing term's note) is skipped and the answer goes. Outside a budget (the command line, the
digest's clock, an add's job) writes wait as they always did.

The budget is a context variable: the thread that works out the answer and the posting pool it
hands the answer to (``contextvars.copy_context``) share one.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator

# Seconds from when a request arrives to when its writes stop waiting: the answer reaches Slack
# inside 3 seconds (20 requests at once behind a held lock: 2.8 s at most, round 15), and rides
# out the longest hold measured while `rocu ingest` stored the 33 shared real documents (1.77 s;
# 1.5 s said "busy" to 8 of 60 writes in one run of three). None: no budget.
ANSWER_BUDGET: float | None = 2.0
# Seconds a write inside an ack may wait (a modal's save: Slack closes the modal, or shows an
# error, 3 seconds after the person pressed the button, the network's time included).
ACK_BUDGET: float | None = 1.5
# The least a write inside a budget waits, even when the budget is spent: another thread's write
# (the post record, a vote) takes a few milliseconds, and must not make this one fail.
FLOOR = 0.1

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "rocu_write_deadline", default=None
)


@contextlib.contextmanager
def budget(seconds: float | None) -> Iterator[None]:
    """Within the block, store writes wait at most ``seconds`` in all (an outer budget that ends
    sooner still holds). None: no budget (writes wait as they always did)."""
    if seconds is None:
        yield
        return
    ends = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(ends if outer is None else min(outer, ends))
    try:
        yield
    finally:
        _deadline.reset(token)


def left(wait: float | None) -> float | None:
    """How long a write that would wait ``wait`` seconds (None: as long as it likes) may wait
    now: ``wait``, cut to what is left of the budget (at least ``FLOOR``)."""
    ends = _deadline.get()
    if ends is None:
        return wait
    remaining = max(FLOOR, ends - time.monotonic())
    return remaining if wait is None else min(wait, remaining)


def in_budget() -> bool:
    """Whether a person is waiting (a budget is set)."""
    return _deadline.get() is not None
