"""Who may change the library from Slack: ``ROCU_EDITORS``.

``ROCU_EDITORS`` lists Slack user ids (``U0123,U0456``) and/or user group handles (``@policy``
or ``policy``) or ids (``S0123``), comma or space separated. Groups are resolved with
``usergroups.list`` / ``usergroups.users.list`` (scope ``usergroups:read``) and cached for a few
minutes. Editors may add, edit and remove documents, teach and forget glossary entries and set
recommendation statuses: every listener that changes something asks ``may_edit(client, user)``
first and answers others with ``refusal(client)``.

Unset, everyone may edit (the start-up log says so): fine for a small team's own workspace.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time

log = logging.getLogger("rocu.slack")

CACHE_SECONDS = 300
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,}$")

_cache: dict[str, tuple[float, frozenset[str], list[str]]] = {}
_lock = threading.Lock()


def editors_setting() -> list[str]:
    """The entries of ``ROCU_EDITORS`` (empty when unset: everyone may edit)."""
    return [part for part in re.split(r"[\s,]+", os.environ.get("ROCU_EDITORS") or "") if part]


def everyone_may_edit() -> bool:
    return not editors_setting()


def log_policy() -> None:
    """Say at start-up who may change the library (ids and handles only, never names)."""
    entries = editors_setting()
    if not entries:
        log.info("ROCU_EDITORS is unset: everyone may add, edit and remove documents")
    else:
        log.info("editors: %s", ", ".join(entries))


def may_edit(client, user_id: str | None) -> bool:
    """Whether this Slack user may change the library (add, edit, remove documents; teach or
    forget glossary entries; set recommendation statuses)."""
    entries = editors_setting()
    if not entries:
        return True
    if not user_id:
        return False
    users, _ = _resolve(client, entries)
    return user_id in users


def refusal(client) -> str:
    """A polite sentence (Slack mrkdwn) for someone who may not change the library, naming who
    can."""
    _, names = _resolve(client, editors_setting())
    who = ", ".join(names) if names else "the people listed in ROCU_EDITORS"
    return f"Sorry, only the library's editors can change it: {who}. Ask one of them to do it."


def _resolve(client, entries: list[str]) -> tuple[frozenset[str], list[str]]:
    """(user ids allowed, how to name them) for the entries, groups expanded (cached)."""
    key = ",".join(entries)
    now = time.monotonic()
    with _lock:
        cached = _cache.get(key)
        if cached and now - cached[0] < CACHE_SECONDS:
            return cached[1], cached[2]
    users: set[str] = set()
    names: list[str] = []
    groups: list[str] = []
    for entry in entries:
        if _USER_ID.match(entry):
            users.add(entry)
            names.append(f"<@{entry}>")
        else:
            groups.append(entry)
    complete = True
    if groups:
        found, complete = _group_members(client, groups, names)
        users |= found
    result = (frozenset(users), names)
    if complete:
        with _lock:
            _cache[key] = (now, *result)
    return result


def _group_members(client, groups: list[str], names: list[str]) -> tuple[set[str], bool]:
    """Members of the user groups named by handle or id; (ids, whether every lookup worked)."""
    members: set[str] = set()
    complete = True
    by_handle: dict[str, str] = {}
    if any(not _GROUP_ID.match(g) for g in groups):
        try:
            listed = client.usergroups_list().get("usergroups") or []
            by_handle = {g.get("handle", "").lower(): g.get("id") for g in listed}
        except Exception as exc:  # noqa: BLE001 - a failed lookup refuses, it does not crash
            log.warning("could not list user groups: %s", type(exc).__name__)
            complete = False
    for group in groups:
        handle = group.lstrip("@")
        group_id = handle if _GROUP_ID.match(handle) else by_handle.get(handle.lower())
        names.append(f"<!subteam^{group_id}>" if group_id else f"@{handle}")
        if not group_id:
            if complete:
                log.warning("ROCU_EDITORS names a user group that does not exist: @%s", handle)
            continue
        try:
            members |= set(client.usergroups_users_list(usergroup=group_id).get("users") or [])
        except Exception as exc:  # noqa: BLE001
            log.warning("could not list the members of %s: %s", group_id, type(exc).__name__)
            complete = False
    return members, complete


def forget_cache() -> None:
    """Drop resolved groups (tests, or after ROCU_EDITORS changes)."""
    with _lock:
        _cache.clear()
