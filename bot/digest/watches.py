"""Watched topics: a channel keeps a few saved searches, and the digest lists new passages that
match them, like keyword alerts for Hansard.

Watches belong to a channel and are numbered 1, 2, 3 ... in the order they were added, which is
how ``/rocu unwatch <n>`` names them. The table is created by ``bot.digest.content``'s migration.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import sqlite_utils

from bot.library.derived import raised_at
from bot.library.store import writing
from bot.library.text import fold, words

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


# Round 21, later: watches made before round 21 kept Slack's mentions and broadcasts (typed as
# `<!channel>`, stored as "@channel"; `<@U1|jane>` as "@jane") and emoji codes (":police_car:") in
# their words, so the digest required "channel" beside their topic and listed nothing. New
# watches drop them (``bot.slack.asking.WORDS_WITHOUT_PINGS``); the store's migration
# ``watch_words_without_pings`` cleans the old ones the same way. A word that starts with "@"
# can only have come from a mention: Slack turns a typed "@name" into one. False: kept as they
# were.
OLD_WORDS_CLEANED = True
_OLD_PING = re.compile(r"(?<!\S)@[^\s]+")
_OLD_EMOJI = re.compile(r"(?<!\S):[a-z0-9_+'-]+:(?::skin-tone-[2-6]:)?(?!\S)", re.I)


def without_pings(query: str) -> str:
    """A stored watch's words without the mentions, broadcasts and emoji codes Slack sent."""
    return normalise_query(_OLD_EMOJI.sub(" ", _OLD_PING.sub(" ", query or "")))


def clean_old_watches(db: sqlite_utils.Database) -> tuple[int, int]:
    """Clean every watch's words (``without_pings``); a watch left with no words, or with the
    words of another watch of its channel, is removed (it matched nothing, or the other one
    watches the same), and recorded for its owner to be told (``REMOVED_TOLD``). Returns
    (cleaned, removed). Never logs the words."""
    cleaned = removed = 0
    rows = db.execute(
        "select id, channel, query, created_by from watches order by channel, id"
    ).fetchall()
    kept: dict[str, set[str]] = {}
    for _, channel, query, _ in rows:
        if without_pings(query) == query:
            kept.setdefault(channel, set()).add(fold(query))
    for watch_id, channel, query, owner in rows:
        clean = without_pings(query)
        if clean == query:
            continue
        if not words(clean) or fold(clean) in kept.setdefault(channel, set()):
            db.execute("delete from watches where id = ?", [watch_id])
            why = "nothing" if not words(clean) else "same"
            _record_removed(db, owner, channel, query, clean, why)
            removed += 1
            continue
        db.execute("update watches set query = ? where id = ?", [clean, watch_id])
        kept[channel].add(fold(clean))
        cleaned += 1
    return cleaned, removed


# Round 22: a watch the migration above removed was gone without a word to its owner (a migration
# has no Slack client). It is recorded (``watches_removed``) and its owner told once, privately:
# with the answer to their next watch command in Slack (``watch``, ``watches``, ``unwatch``), or
# in their next personal alert, whichever comes first (``claim_removed``). False: not recorded.
REMOVED_TOLD = True


def removed_table(db: sqlite_utils.Database) -> None:
    """The record of watches the store's migration removed, for their owners to be told once."""
    db.execute(
        """create table if not exists watches_removed (
            id integer primary key,
            user text not null,          -- the Slack user who made the watch
            channel text not null,       -- its channel, or "user:U..." for a personal watch
            query text not null,         -- its words as they were stored
            why text not null,           -- "nothing": no words left; "same": another watch's
            removed_at text not null,    -- UTC ISO time
            told_at text                 -- UTC ISO time the owner was told, or null
        )"""
    )


def _record_removed(db, owner, channel: str, query: str, clean: str, why: str) -> None:
    if not REMOVED_TOLD or not owner:
        return
    removed_table(db)
    db.execute(
        "insert into watches_removed (user, channel, query, why, removed_at)"
        " values (?, ?, ?, ?, ?)",
        [owner, channel, query, why, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
    )


@dataclass(frozen=True)
class Removed:
    """A watch the store's migration removed: whose, where, its words, why."""

    id: int
    channel: str
    query: str
    why: str
    removed_at: str


def removed_untold(db: sqlite_utils.Database, user: str | None) -> list[Removed]:
    """The watches of ``user`` that were removed and not yet told, oldest first."""
    if not (REMOVED_TOLD and user and db["watches_removed"].exists()):
        return []
    rows = db.execute(
        "select id, channel, query, why, removed_at from watches_removed"
        " where user = ? and told_at is null order by id",
        [user],
    ).fetchall()
    return [Removed(*row) for row in rows]


def claim_removed(
    db: sqlite_utils.Database, user: str | None, ids: list[int] | None = None
) -> list[Removed]:
    """Take the untold removals of ``user`` (those of ``ids`` only, when given) to tell now: each
    marked told in the same transaction, so two answers at once never both tell it."""
    untold = removed_untold(db, user)
    if ids is not None:
        untold = [r for r in untold if r.id in ids]
    if not untold:
        return []
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    claimed = []
    with writing(db):
        for removed in untold:
            done = db.execute(
                "update watches_removed set told_at = ? where id = ? and told_at is null",
                [now, removed.id],
            ).rowcount
            if done:
                claimed.append(removed)
    return claimed


def unclaim_removed(db: sqlite_utils.Database, ids: list[int]) -> None:
    """Undo ``claim_removed`` for a message that surely did not reach the person."""
    if not ids:
        return
    with writing(db):
        db.conn.executemany(
            "update watches_removed set told_at = null where id = ?", [(i,) for i in ids]
        )


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
            f"That is {len(query):,} characters; a watch can be at most {MAX_QUERY_CHARS}. "
            "Try the few words that matter."
        )
    for watch in list_watches(db, channel):  # watched already: said without the write lock
        if fold(watch.query) == fold(query):
            return watch, False
    # The write lock before the read: two people watching the same words at once get one watch
    # (a deferred read-then-insert could store it twice), and a person waiting gives up in time.
    with writing(db):
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


def numbers(count: int) -> str:
    """The numbers a list of ``count`` watches has: "1 to 3", or "1 (the only one)"."""
    return "1 (the only one)" if count == 1 else f"1 to {count}"


def no_such_number(typed: str) -> str:
    """ "There is no watch number 5. " when ``typed`` is a number (not one of the list's), else
    "": `unwatch 5` was told only "Say which watch to remove by its number, 1 (the only one)",
    as if the 5 had not been read (round 20's walk)."""
    match = re.fullmatch(r"#?(\d{1,30})", (typed or "").strip())  # any number typed (round 21)
    return f"There is no watch number {int(match[1])}. " if match else ""


def remove_watch(db: sqlite_utils.Database, channel: str, typed: str) -> Watch:
    """Remove the channel's watch number ``typed`` (as listed by ``watches``)."""
    _numbered(list_watches(db, channel), typed)  # what is wrong is said without the write lock
    with writing(db):  # the number read again and the row removed under one lock
        watch = _numbered(list_watches(db, channel), typed)
        db["watches"].delete(watch.id)
        return watch


def _numbered(existing: list[Watch], typed: str) -> Watch:
    if not existing:
        raise WatchError("This channel watches nothing yet. Add one with `/rocu watch <words>`.")
    match = re.fullmatch(r"#?(\d{1,6})", (typed or "").strip())
    if not match or not 1 <= int(match[1]) <= len(existing):
        raise WatchError(
            f"{no_such_number(typed)}"
            f"Say which watch to remove by its number, {numbers(len(existing))}, e.g. "
            "`/rocu unwatch 1`; `/rocu watches` lists them."
        )
    return existing[int(match[1]) - 1]


# Up to this many new documents are searched one by one (`doc:` filter, exact but a search per
# document and term); more (a bulk load) are found in one library-wide search, which is fast but
# may miss matches ranked below LIBRARY_LIMIT.
PER_DOCUMENT_SEARCH_UP_TO = 50
PER_DOCUMENT_LIMIT = 100
LIBRARY_LIMIT = 1000


def matching_passages(db: sqlite_utils.Database, query: str, doc_ids: set[str]) -> list:
    """Search results (``bot.search.ranking.SearchResult``) for ``query`` from the given documents
    only, best first, each holding every term of the query.

    Search itself forgives typos and knows that ROCU is a regional organised crime unit; but when
    no passage has all the words it falls back to any of them, which suits a search box and not
    an alert. So a passage counts only if a search for each term alone finds it too."""
    if not doc_ids:
        return []
    if len(doc_ids) <= PER_DOCUMENT_SEARCH_UP_TO:
        scopes, limit = [f"doc:{doc_id}" for doc_id in sorted(doc_ids)], PER_DOCUMENT_LIMIT
    else:  # a bulk load: one search of the whole library, scanning further down its ranking
        scopes, limit = [""], LIBRARY_LIMIT
    found = []
    for scope in scopes:
        results = [r for r in _search(db, f"{query} {scope}", limit) if r.doc_id in doc_ids]
        for term in _terms(query) if results else []:
            holding = {r.passage_id for r in _search(db, f"{term} {scope}", limit)}
            results = [r for r in results if r.passage_id in holding]
        found += results
    found.sort(key=lambda r: -r.score)
    return substance_first(db, found) if HEADINGS_LAST_RESORT else found


# Round 21: a passage that is only a heading ("Ferry hub", a title line and a section's name:
# ``bot.search.passages.cannot_answer``) holds a watch's words close together, so it often comes
# first, and the digest (or an alert) quoted the heading as what is new. Such a hit is left out
# when the same document has another matching passage that says something; a document whose
# only match is a heading keeps it. Search's own order is not changed. False: as before.
HEADINGS_LAST_RESORT = True


def substance_first(db: sqlite_utils.Database, results: list) -> list:
    """``results`` without the heading-only passages of documents that have another match."""
    from bot.search.passages import cannot_answer

    texts = _passage_texts(db, [r.passage_id for r in results])
    bare = {r.passage_id for r in results if cannot_answer(texts.get(r.passage_id, r.excerpt))}
    said = {r.doc_id for r in results if r.passage_id not in bare}
    return [r for r in results if r.passage_id not in bare or r.doc_id not in said]


def _passage_texts(db: sqlite_utils.Database, passage_ids: list[str]) -> dict[str, str]:
    """Each passage's whole text by its id (``doc#ordinal``)."""
    out = {}
    for key in passage_ids:
        doc_id, _, ordinal = (key or "").rpartition("#")
        if not ordinal.isdigit() or key in out:
            continue
        row = db.execute(
            "select text from passages where doc_id = ? and ordinal = ?", [doc_id, int(ordinal)]
        ).fetchone()
        if row:
            out[key] = row[0] or ""
    return out


def _search(db: sqlite_utils.Database, query: str, limit: int) -> list:
    from bot.search.ranking import search

    try:
        return search(db, query, limit=limit, offset=0).results
    except Exception as exc:  # a watch must never stop the digest
        # where, not what: a watch's words are a user's, and may be in the exception's message
        log.error("digest: a watch's search failed: %s at %s", type(exc).__name__, raised_at(exc))
        return []


def _terms(query: str) -> list[str]:
    """The query's terms to require one by one (phrases kept quoted); none for a single term."""
    try:
        from bot.search.query import parse_query
    except ImportError:  # an older search without a query language: words
        terms = [w for w in words(query) if fold(w) not in STOP_WORDS]
    else:
        parsed = parse_query(query)
        terms = [
            f'"{t.text}"' if t.phrase else t.text
            for t in parsed.terms
            if t.phrase or fold(t.text) not in STOP_WORDS
        ]
    return terms if len(terms) > 1 else []
