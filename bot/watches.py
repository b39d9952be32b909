"""Watched topics: a channel keeps a few saved searches, and the digest lists new passages that
match them, like keyword alerts for Hansard.

Watches belong to a channel and are numbered 1, 2, 3 ... in the order they were added, which is
how ``/rocu unwatch <n>`` names them. The table is created by ``bot.digest``'s migration.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import sqlite_utils

from bot.textutil import fold, words

log = logging.getLogger("rocu.digest")

MAX_WATCHES = 25  # per channel: more would drown the digest
MAX_QUERY_CHARS = 200
# Words too common to require in a matching passage.
STOP_WORDS = {"a", "an", "and", "the", "of", "in", "on", "to", "for", "or", "by", "at", "with"}


class WatchError(ValueError):
    """Something a person typed that cannot become or name a watch; the message says why."""


@dataclass
class Watch:
    id: int
    number: int  # position in the channel's list, from 1
    channel: str
    query: str
    created_by: str | None
    created_at: str


def normalise_query(query: str) -> str:
    return " ".join((query or "").split())


def list_watches(db: sqlite_utils.Database, channel: str) -> list[Watch]:
    rows = db.execute(
        "select id, channel, query, created_by, created_at from watches where channel = ?"
        " order by id",
        [channel or ""],
    ).fetchall()
    return [Watch(row[0], n, row[1], row[2], row[3], row[4]) for n, row in enumerate(rows, 1)]


def add_watch(
    db: sqlite_utils.Database,
    channel: str,
    query: str,
    user: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[Watch, bool]:
    """Watch ``query`` in ``channel``. Returns (the watch, whether it is new): watching the same
    words twice returns the existing watch."""
    query = normalise_query(query)
    if not words(query):
        raise WatchError("Tell me what to watch for, e.g. `/rocu watch county lines`.")
    if len(query) > MAX_QUERY_CHARS:
        raise WatchError(
            f"That is {len(query)} characters; a watch can be at most {MAX_QUERY_CHARS}. "
            "Try the few words that matter."
        )
    existing = list_watches(db, channel)
    for watch in existing:
        if fold(watch.query) == fold(query):
            return watch, False
    if len(existing) >= MAX_WATCHES:
        raise WatchError(
            f"This channel already watches {MAX_WATCHES} topics; remove one with "
            "`/rocu unwatch <n>` first (`/rocu watches` lists them)."
        )
    now = now or dt.datetime.now(dt.UTC)
    db["watches"].insert(
        {
            "channel": channel or "",
            "query": query,
            "created_by": user,
            "created_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        }
    )
    return list_watches(db, channel)[-1], True


def remove_watch(db: sqlite_utils.Database, channel: str, typed: str) -> Watch:
    """Remove the channel's watch number ``typed`` (as listed by ``watches``)."""
    existing = list_watches(db, channel)
    if not existing:
        raise WatchError("This channel watches nothing yet. Add one with `/rocu watch <words>`.")
    match = re.fullmatch(r"#?(\d{1,6})", (typed or "").strip())
    if not match or not 1 <= int(match[1]) <= len(existing):
        raise WatchError(
            f"Say which watch to remove by its number, 1 to {len(existing)}, e.g. "
            "`/rocu unwatch 1`; `/rocu watches` lists them."
        )
    watch = existing[int(match[1]) - 1]
    db["watches"].delete(watch.id)
    return watch


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


def covers(query: str, text: str) -> bool:
    """Whether ``text`` has every content word of ``query`` (roughly stemmed): search falls back
    to *any* word when no passage has all of them, which is right for a search box but too loose
    for an alert."""
    wanted = [_stem(w) for w in words(fold(query)) if w not in STOP_WORDS] or [
        _stem(w) for w in words(fold(query))
    ]
    have = words(fold(text))
    return all(any(h.startswith(w) for h in have) for w in wanted)


def matching_passages(
    db: sqlite_utils.Database, query: str, doc_ids: set[str], limit: int = 500
) -> list:
    """Search results (``bot.search.SearchResult``) for ``query`` from the given documents only,
    best first."""
    from bot.search import search

    if not doc_ids:
        return []
    try:
        response = search(db, query, limit=limit, offset=0)
    except Exception:  # a watch must never stop the digest
        log.exception("digest: search for watch %r failed", query)
        return []
    return [r for r in response.results if r.doc_id in doc_ids and covers(query, r.excerpt or "")]
