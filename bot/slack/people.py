"""Who people are in Slack: display names for ``commands.Context.user_name`` (so a team glossary
entry shows who taught it), from ``users.info`` with the app's client, cached per user.

A failure (no ``users:read`` scope, an unknown user, Slack unreachable) falls back to the user id
and is logged with the error's name only; it is remembered for a short while so a missing scope
does not cost a call per request.

Names are kept off the path of an answer (issue 24): a name not in the cache is asked for on a
small pool of its own, once per person however many requests want it, and the answer waits at
most ``ROCU_NAME_WAIT_MS`` (default 300 ms; 0: never) for it; past that the answer goes out with
the user id, and the name, once Slack gives it, is in the cache for the next time. Rate limits
(``users.info`` 429s) are retried by the client on that pool, never on an answer's thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from slack_sdk.errors import SlackApiError, SlackRequestError

from bot.slack.once import slack_error

log = logging.getLogger("rocu.slack.people")

KEEP_S = 3600.0  # a name, once found
RETRY_S = 300.0  # after a failure, before asking Slack again
WAIT_MS = 300  # the most an answer waits for a name not yet known
_cache: dict[str, tuple[float, str]] = {}
_asking: dict[str, Future] = {}
_lock = threading.Lock()
_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="rocu-names")


def _wait_s() -> float:
    raw = (os.environ.get("ROCU_NAME_WAIT_MS") or "").strip()
    try:
        return max(float(raw), 0.0) / 1000 if raw else WAIT_MS / 1000
    except ValueError:
        return WAIT_MS / 1000


def display_name(client, user_id: str | None, wait: float | None = None) -> str | None:
    """The name people see for ``user_id`` (display name, else real name, else username), or the
    id itself when Slack cannot say, or cannot say within ``wait`` seconds (default
    ``ROCU_NAME_WAIT_MS``); None without an id."""
    if not user_id:
        return None
    now = time.monotonic()
    with _lock:
        cached = _cache.get(user_id)
        if cached and cached[0] > now:
            return cached[1]
        future = _asking.get(user_id)
        if future is None:
            future = _asking[user_id] = _pool.submit(_look_up, client, user_id)
    try:
        return future.result(timeout=_wait_s() if wait is None else wait)
    except Exception:  # noqa: BLE001 - not yet: the answer goes out without the name
        return user_id


def _look_up(client, user_id: str) -> str:
    try:
        name, keep = _ask(client, user_id), KEEP_S
        if name is None:
            name, keep = user_id, RETRY_S
        with _lock:
            _cache[user_id] = (time.monotonic() + keep, name)
        return name
    finally:
        with _lock:
            _asking.pop(user_id, None)


def _ask(client, user_id: str) -> str | None:
    try:
        user = client.users_info(user=user_id).get("user") or {}
    except SlackApiError as exc:
        error = slack_error(exc)
        log.info("users.info for %s refused: %s", user_id, error)
        return None
    except (SlackRequestError, OSError) as exc:
        log.info("users.info for %s failed: %s", user_id, type(exc).__name__)
        return None
    profile = user.get("profile") or {}
    for name in (
        profile.get("display_name"),
        profile.get("real_name"),
        user.get("real_name"),
        user.get("name"),
    ):
        if name and name.strip():
            return " ".join(name.split())
    return None


def settle(timeout: float = 5.0) -> None:
    """Wait (at most ``timeout`` seconds in all) for the names being asked for now: before the
    app's client goes away (a test's fake Slack stopping, a shutdown), so that no late lookup
    calls a server that has gone."""
    with _lock:
        pending = list(_asking.values())
    deadline = time.monotonic() + timeout
    for future in pending:
        try:
            future.result(timeout=max(deadline - time.monotonic(), 0.0))
        except Exception:  # noqa: BLE001 - failed or still asking: nothing more to wait for
            pass


def forget_cache() -> None:
    with _lock:
        _cache.clear()
        _asking.clear()
