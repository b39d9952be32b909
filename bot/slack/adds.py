"""Adds run apart from answers, a few per person, and none is left "Reading ..." by a crash.

* ``AddPool``: fetching and reading a document runs on its own small pool
  (``ROCU_ADD_THREADS``, default 4: they mostly wait on the network, and read in a child
  process), never on the answer pool, so a slow or hostile link never delays a search or a
  definition; an add's fetch deadline counts from when it was asked for; each person may have
  ``ROCU_ADDS_PER_USER`` (default 2) adds running or waiting at once, and is told so in one
  sentence when they ask for more.
* ``Pending``: each add is written down (``adds_pending``: where its "Reading ..." message is,
  and the ``slack_posts`` key that posted it) before its work starts, and crossed out when its
  answer is posted. ``recover`` runs at start: every add still written down was interrupted, so
  its message is replaced with "This add was interrupted; try again" and its post record is
  marked failed, so that Slack's re-delivery of the same event is answered again.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

from bot.library.pending import Pending
from bot.library.store import StoreError

log = logging.getLogger("rocu.slack.adds")

ADD_THREADS = 4
ADDS_PER_USER = 2
INTERRUPTED = "This add was interrupted; try again."


def _setting(name: str, default: int) -> int:
    raw = (os.environ.get(name) or "").strip()
    if raw and (not raw.isdigit() or int(raw) < 1):
        from bot.config import ConfigError

        raise ConfigError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw) if raw else default


def busy_sentence(limit: int) -> str:
    return (
        f"You already have {limit} add{'s' if limit != 1 else ''} running; "
        "try again when one has finished."
    )


class AddPool:
    """A small pool for adds with a per-person limit on adds running or waiting."""

    def __init__(self, workers: int | None = None, per_user: int | None = None) -> None:
        self.workers = workers or _setting("ROCU_ADD_THREADS", ADD_THREADS)
        self.per_user = per_user or _setting("ROCU_ADDS_PER_USER", ADDS_PER_USER)
        self.pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="rocu-add")
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    def admit(self, user: str | None) -> bool:
        """Reserve a place for ``user``'s add; False when they have ``per_user`` already. Every
        admitted add must be handed to ``submit`` (which frees the place when it ends)."""
        key = user or "?"
        with self._lock:
            if self._running.get(key, 0) >= self.per_user:
                return False
            self._running[key] = self._running.get(key, 0) + 1
            return True

    def submit(self, user: str | None, work) -> None:
        key = user or "?"

        def run() -> None:
            try:
                work()
            except Exception as exc:  # noqa: BLE001 - an add must not kill the pool
                log.error("an add failed: %s", type(exc).__name__)
            finally:
                self.release(key)

        try:
            self.pool.submit(run)
        except RuntimeError:  # shutting down
            self.release(key)

    def release(self, user: str | None) -> None:
        key = user or "?"
        with self._lock:
            left = self._running.get(key, 0) - 1
            if left > 0:
                self._running[key] = left
            else:
                self._running.pop(key, None)

    def running(self, user: str | None) -> int:
        with self._lock:
            return self._running.get(user or "?", 0)


def interrupted(pending: Pending) -> list[tuple[int, str | None, dict]]:
    """The adds a stop interrupted (read at start, before this process adds anything)."""
    try:
        return pending.interrupted()
    except (sqlite3.Error, StoreError) as exc:
        log.warning("could not look for interrupted adds (%s)", type(exc).__name__)
        return []


def recover(found, pending: Pending, ledger, client, message: dict) -> int:
    """Replace the "Reading ..." message of every add in ``found`` (``interrupted``) with
    ``message`` (``INTERRUPTED``), mark its post failed so a re-delivered event is answered, and
    clear it. Returns how many there were. Never raises."""
    from slack_sdk.webhook import WebhookClient

    from bot.slack.once import webhook_retry_handlers

    for add_id, post_key, place in found:
        try:
            if place.get("channel") and place.get("ts"):
                client.chat_update(channel=place["channel"], ts=place["ts"], **message)
            elif place.get("response_url"):
                WebhookClient(
                    place["response_url"], retry_handlers=webhook_retry_handlers()
                ).send_dict({"response_type": "ephemeral", "replace_original": True, **message})
        except Exception as exc:  # noqa: BLE001 - a message Slack no longer has: just clear it
            log.info(
                "interrupted add %d: could not replace its message (%s)", add_id, type(exc).__name__
            )
        if post_key and ledger is not None:
            ledger.mark(post_key, "failed")
        pending.end(add_id)
    if found:
        log.warning("found %d add(s) interrupted by a stop; told their senders", len(found))
    return len(found)
