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

At a terminal (``rocu shell``, ``rocu start`` without Slack, the command line) a person can wait
longer than Slack's 3 seconds, but not in silence: a front end there asks to be **told**
(``telling``) when a write has waited ``NOTICE_AFTER`` seconds for another writer, once, with
``waiting_sentence``; a line the person typed has ``TERMINAL_BUDGET`` seconds in all (round 16:
before, it waited the lock file's 120 s and SQLite's 10 s, saying nothing).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable, Iterator

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

# Seconds a write at a terminal waits for another writer before the person is told it is waiting
# (once per line or command). None: never told, as before round 16.
NOTICE_AFTER: float | None = 1.0
# Seconds in all a line typed at the console, or a command of the command line that a person waits
# on (not ``ingest``, ``embed``, ``restore``: long jobs that wait their turn), may wait for another
# writer before it gives up and says the library is busy. None: the store's own waits (the lock
# file's 120 s, then SQLite's 10 s), as before round 16.
TERMINAL_BUDGET: float | None = 30.0

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


def waiting_sentence(seconds: float | None) -> str:
    """What a person at a terminal is told when a write waits for another writer."""
    limit = f" (up to {seconds:.0f} s in all)" if seconds else ""
    return (
        "The library is busy with another write (an ingest, a backup or another rocu): "
        f"waiting for it{limit}; Ctrl-C to stop."
    )


class _Teller:
    """Says ``waiting_sentence`` once, however many writes of one line wait."""

    def __init__(self, say: Callable[[str], None], seconds: float | None) -> None:
        self.say, self.seconds, self.told = say, seconds, False

    def __call__(self) -> None:
        if self.told:
            return
        self.told = True
        try:
            self.say(waiting_sentence(self.seconds))
        except Exception:  # noqa: BLE001 - a closed terminal must not stop the write
            pass


_teller: contextvars.ContextVar[_Teller | None] = contextvars.ContextVar(
    "rocu_write_teller", default=None
)


@contextlib.contextmanager
def telling(say: Callable[[str], None] | None, seconds: float | None = None) -> Iterator[None]:
    """Within the block, a store write that waits ``NOTICE_AFTER`` seconds for another writer
    calls ``say(sentence)`` once (``seconds``: the budget the sentence names). None: not told."""
    if say is None or NOTICE_AFTER is None:
        yield
        return
    token = _teller.set(_Teller(say, seconds))
    try:
        yield
    finally:
        _teller.reset(token)


def teller() -> tuple[float, Callable[[], None]] | None:
    """(after how many seconds, what to call) when a person is to be told of a wait; else None."""
    told = _teller.get()
    if told is None or told.told or NOTICE_AFTER is None:
        return None
    return NOTICE_AFTER, told
