"""Who people are in Slack: display names for ``commands.Context.user_name`` (so a team glossary
entry shows who taught it), from ``users.info`` with the app's client, cached per user.

A failure (no ``users:read`` scope, an unknown user, Slack unreachable) falls back to the user id
and is logged with the error's name only; it is remembered for a short while so a missing scope
does not cost a call per request.
"""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk.errors import SlackApiError, SlackRequestError

log = logging.getLogger("rocu.slack.people")

KEEP_S = 3600.0  # a name, once found
RETRY_S = 300.0  # after a failure, before asking Slack again
_cache: dict[str, tuple[float, str]] = {}
_lock = threading.Lock()


def display_name(client, user_id: str | None) -> str | None:
    """The name people see for ``user_id`` (display name, else real name, else username), or the
    id itself when Slack cannot say; None without an id."""
    if not user_id:
        return None
    now = time.monotonic()
    with _lock:
        cached = _cache.get(user_id)
    if cached and cached[0] > now:
        return cached[1]
    name, keep = _ask(client, user_id), KEEP_S
    if name is None:
        name, keep = user_id, RETRY_S
    with _lock:
        _cache[user_id] = (now + keep, name)
    return name


def _ask(client, user_id: str) -> str | None:
    try:
        user = client.users_info(user=user_id).get("user") or {}
    except SlackApiError as exc:
        error = (exc.response.get("error") if exc.response is not None else None) or "error"
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


def forget_cache() -> None:
    with _lock:
        _cache.clear()
