"""The missing-term log: look-ups the glossary could not answer, so the team can see what to
teach (``rocu glossary --missing`` and the daily digest).

Every unknown look-up is kept, but the log is read against the glossary as it is now: a term
that has an answer by then (taught by the team, added to the curated file, defined by a new
document) is no longer missing, so it is not listed.

Private stays private: a look-up that finds nothing is answered to the person alone, so what they
typed may be anything ("Bob from finance is useless lol"). What goes to a channel (the digest)
is ``public_missing_terms``: only acronym-like tokens ("NDEC", "PCeU", "G7"), never other words
or free text. The full log is for ``rocu glossary --missing`` on the server only.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3

import sqlite_utils

from bot.glossary import acronyms
from bot.glossary.entry import clean_term, is_term, utc_text
from bot.glossary.index import index, resolve
from bot.library import later
from bot.library.store import StoreError, writing

log = logging.getLogger("rocu.glossary")

# How long a look-up that found nothing waits to log it while another process writes (seconds):
# the answer matters more than the log line.
MISS_WAIT = 2.0


def record_miss(db: sqlite_utils.Database, term: str, user: str | None = None) -> bool:
    """Remember that someone looked ``term`` up and the glossary did not know it. Only what
    could be a term is kept (sentences, code and mark-up are not missing terms)."""
    term = clean_term(term)
    key = acronyms.phrase_key(term)
    if not key or not is_term(term):
        return False
    row = {"term": term, "key": key, "asked_by": user, "asked_at": utc_text()}
    try:
        _note(db, row)
    except (StoreError, sqlite3.OperationalError) as exc:  # a long write elsewhere: answer anyway
        if later.keep_later(
            db, lambda store: _note(store, row), "a missing term"
        ):  # a person is waiting: noted once the other writer lets go (round 17)
            log.info("a missing term is noted later: %s", type(exc).__name__)
        else:
            log.warning("a missing term was not logged: %s", type(exc).__name__)
        return False
    return True


def _note(db: sqlite_utils.Database, row: dict) -> None:
    with writing(db, wait=MISS_WAIT):  # the write lock before sqlite-utils reads the table
        db["glossary_misses"].insert(row)


def missing_counts(
    db: sqlite_utils.Database,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> list[dict]:
    """Unknown look-ups between ``since`` and ``until`` (naive times are UTC) of terms that
    ``define`` still cannot answer, grouped by term: {"term", "count", "last_asked"}, most asked
    first, then most recent."""
    where, params = [], []
    if since is not None:
        where.append("asked_at >= ?")
        params.append(utc_text(since))
    if until is not None:
        where.append("asked_at < ?")
        params.append(utc_text(until))
    rows = db.query(
        f"""
        select key, count(*) as count, max(asked_at) as last_asked,
               (select m2.term from glossary_misses m2 where m2.key = m.key
                order by m2.asked_at desc, m2.id desc limit 1) as term
        from glossary_misses m
        {"where " + " and ".join(where) if where else ""}
        group by key
        order by count desc, last_asked desc, key
        """,
        params,
    )
    glossary = index(db)
    return [
        {"term": r["term"], "count": r["count"], "last_asked": r["last_asked"]}
        for r in rows
        if not resolve(glossary, r["term"])[0]  # answered since it was asked
    ]


_ACRONYM_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.-]{1,11}")


def is_acronym_like(term: str) -> bool:
    """One token of 2-12 letters, digits and & . - with capitals for at least half its letters
    ("NDEC", "ROCUs", "PCeU", "DfE", "G7", "A&E"): what may be shown in a channel. Names
    ("Bob", "McDonald"), words and phrases are not."""
    if not _ACRONYM_LIKE.fullmatch(term or ""):
        return False
    letters = [ch for ch in term if ch.isalpha()]
    capitals = sum(ch.isupper() for ch in letters)
    return capitals >= 1 and capitals * 2 >= len(letters)


def public_missing_terms(
    db: sqlite_utils.Database, since: dt.datetime, until: dt.datetime | None = None
) -> list[str]:
    """``missing_terms`` fit for a channel: acronym-like tokens only, never what else people
    typed into a private look-up."""
    return [term for term in missing_terms(db, since, until) if is_acronym_like(term)]


def missing_terms(
    db: sqlite_utils.Database, since: dt.datetime, until: dt.datetime | None = None
) -> list[str]:
    """Terms people looked up and the glossary did not know (and still does not), between
    ``since`` and ``until``, most asked first."""
    return [row["term"] for row in missing_counts(db, since, until)]
