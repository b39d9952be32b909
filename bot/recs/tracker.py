"""Recommendations the library's reports and letters make: stored at ingest, listed, filtered,
and given a status by the team.

This module is the tracker's face: reading recommendations back (``list_recommendations``,
``get_recommendation``) and recording the team's status (``set_status``, an audit trail). The
record and its statuses are in ``bot.recs.item``, the tables, schema steps and ingest hook in
``bot.recs.storing``, the filter language in ``bot.recs.filters``; their public names are
available here too.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import sqlite_utils

from bot.library import documents as library
from bot.library.store import WRITE_WAIT, writing
from bot.recs import addressees as names
from bot.recs import links
from bot.recs.deadlines import parse_date
from bot.recs.filters import STOPWORDS, RecFilter, parse_filter
from bot.recs.item import (
    CLOSED,
    MAX_NOTE,
    STATUS_ALIASES,
    STATUS_LABELS,
    STATUSES,
    Recommendation,
    RecommendationError,
    is_overdue,
    parse_status,
)
from bot.recs.storing import MIGRATIONS, normalise_text, rebuild_all, rebuild_document

__all__ = [
    "CLOSED",
    "MAX_NOTE",
    "MIGRATIONS",
    "STATUSES",
    "STATUS_ALIASES",
    "STATUS_LABELS",
    "STOPWORDS",
    "RecFilter",
    "Recommendation",
    "RecommendationError",
    "get_recommendation",
    "is_overdue",
    "list_recommendations",
    "normalise_text",
    "parse_filter",
    "parse_status",
    "rebuild_all",
    "rebuild_document",
    "set_status",
]

# --- reading -------------------------------------------------------------------------------

_SELECT = """
select r.*, d.file, d.title as doc_title, d.date as doc_date, d.type as doc_type,
       d.url as doc_url, coalesce(s.status, 'open') as status, s.by as status_by,
       s.by_id as status_by_id, s.at as status_at, s.note as status_note,
       s.id as status_log_id
from recommendations r
join documents d on d.id = r.doc_id
left join recommendation_status_log s on s.id = (
    select max(l.id) from recommendation_status_log l where l.key = r.key
)
"""
_ORDER = " order by d.date is null, d.date desc, d.title, r.ordinal"


def list_recommendations(
    db: sqlite_utils.Database, filter_text: str = "", today: dt.date | None = None
) -> list[Recommendation]:
    """Every recommendation matching ``filter_text`` (see ``parse_filter``), grouped by document
    (newest first) in document order. ``today`` is for ``due:`` filters; default: today.
    Raises RecommendationError for a filter that cannot be understood."""
    wanted = parse_filter(filter_text)
    canon: dict[str, str] = {}
    today = today or dt.date.today()
    recs = [_from_row(row, db, canon, today) for row in db.query(_SELECT + _ORDER)]
    recs = links.merge(db, recs, lambda rec: is_overdue(rec, today))
    if wanted.to:  # `to:home office`: the words after a name that complete it (TO_TAKES_WORDS)
        wanted = parse_filter(filter_text, addressees_of(recs), db)
    doc = _resolve_doc(db, wanted.doc) if wanted.doc else None
    if doc:  # a report's items, or the items a response answers
        recs = [r for r in recs if r.doc_id == doc or any(a["doc_id"] == doc for a in r.responses)]
    return [r for r in recs if wanted.matches(r, db, today)]


def addressees_of(recs: list) -> list[str]:
    """Every addressee ``recs`` name, once each."""
    return list(dict.fromkeys(a for rec in recs for a in rec.addressees))


def get_recommendation(
    db: sqlite_utils.Database, rec_id: str, today: dt.date | None = None
) -> Recommendation | None:
    """One recommendation by its id (or a unique start of it), with its source passage and its
    status history (oldest first)."""
    rec_id = (rec_id or "").strip().lstrip("#").lower()
    if not re.fullmatch(r"r[0-9a-f]{4,64}", rec_id):
        return None
    rows = list(db.query(_SELECT + " where r.id = ?", [rec_id]))
    if not rows:
        rows = list(db.query(_SELECT + " where r.id like ? limit 2", [rec_id + "%"]))
        if len(rows) != 1:
            return None
    today = today or dt.date.today()
    key = rows[0]["key"]
    if rows[0].get("role") == "response":  # a linked response is shown as its report's item
        up = links.link_rows(db, " where response_key = ?", [key])
        if up:
            key = up[0]["report_key"]
            rows = list(db.query(_SELECT + " where r.key = ?", [key]))
    link_rows = links.link_rows(db, " where report_key = ?", [key])
    keys = [key] + [row["response_key"] for row in link_rows]
    canon: dict[str, str] = {}
    found = [
        _from_row(row, db, canon, today)
        for row in db.query(_SELECT + f" where r.key in ({', '.join('?' * len(keys))})", keys)
    ]
    found = links.merge(db, found, lambda rec: is_overdue(rec, today), link_rows)
    rec = next(r for r in found if r.key == key)
    if rows[0]["passage_ordinal"] is not None:
        passage = db.execute(
            "select text from passages where doc_id = ? and ordinal = ?",
            [rec.doc_id, rows[0]["passage_ordinal"]],
        ).fetchone()
        rec.passage_text = passage[0] if passage else None
    every = [rec.key, *rec.linked_keys]
    rec.history = list(
        db.query(
            "select status, by, by_id, at, note from recommendation_status_log "
            f"where key in ({', '.join('?' * len(every))}) "
            "group by status, by, by_id, at, note order by min(id)",
            every,
        )
    )
    return rec


def set_status(
    db: sqlite_utils.Database,
    rec_id: str,
    status: str,
    by: str | None = None,
    note: str | None = None,
    now: dt.datetime | None = None,
    by_id: str | None = None,
    wait: float | None = None,
) -> Recommendation:
    """Record the team's view of a recommendation and return it updated. Each change is a new
    row of the audit trail (status, who by name ``by`` and user id ``by_id``, when, note); the
    current status is the latest row. Raises RecommendationError for an unknown status or id,
    and StoreError (one sentence) when another process holds the store's write lock for more
    than ``wait`` seconds (default ``store.WRITE_WAIT``)."""
    status = parse_status(status)
    note = " ".join((note or "").split())[:MAX_NOTE] or None
    rec = get_recommendation(db, rec_id)
    if rec is None:
        raise RecommendationError(
            f"No recommendation “{rec_id}”. `rocu recs` lists them with their ids."
        )
    if SAME_CHANGE_ONCE and _unchanged(rec, status, by, by_id, note):
        return rec  # the same person saving the same status and note again: nothing new
    at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    # Under the report's key and each linked response's: removing either document leaves the
    # other with the team's latest view.
    rows = [
        {
            "key": key,
            "rec_id": rec.id,
            "status": status,
            "by": (by or "").strip() or None,
            "by_id": by_id or None,
            "at": at,
            "note": note,
        }
        for key in [rec.key, *rec.linked_keys]
    ]
    # the write lock before sqlite-utils reads the table: see ``writing``
    with writing(db, WRITE_WAIT if wait is None else wait):
        db["recommendation_status_log"].insert_all(rows)
    return get_recommendation(db, rec.id)


# A second save of the very change that is already current (the same status and note, by the same
# person: a second click of "Set status" and "Save", or a command run twice) adds no row to the
# history; the round-12 walk found each such click listed again. False: every save is a new row.
SAME_CHANGE_ONCE = True


def _unchanged(
    rec: Recommendation, status: str, by: str | None, by_id: str | None, note: str | None
) -> bool:
    """Whether ``rec``'s current status was set to ``status`` with ``note`` by the same person."""
    if rec.status_log_id is None or rec.status != status or (rec.status_note or None) != note:
        return False
    if by_id or rec.status_by_id:
        return by_id == rec.status_by_id
    return ((by or "").strip() or None) == rec.status_by


def _from_row(row: dict, db, canon: dict[str, str], today: dt.date) -> Recommendation:
    written = json.loads(row["addressees"] or "[]")
    for name in written:
        if name not in canon:
            canon[name] = names.canonical(name, db)
    rec = Recommendation(
        id=row["id"],
        doc_id=row["doc_id"],
        file=row["file"],
        passage_id=(
            library.passage_id(row["doc_id"], row["passage_ordinal"])
            if row["passage_ordinal"] is not None
            else None
        ),
        made_by=row["made_by"],
        addressees=list(dict.fromkeys(canon[n] for n in written)),
        deadline_text=row["deadline_text"],
        due=parse_date(row["due"]),
        themes=json.loads(row["themes"] or "[]"),
        summary=row["summary"],
        text=row["text"],
        status=row["status"],
        doc_title=row["doc_title"],
        doc_date=row["doc_date"],
        doc_type=row["doc_type"],
        intro=row["intro"],
        status_by=row["status_by"],
        status_by_id=row["status_by_id"],
        status_at=row["status_at"],
        status_note=row["status_note"],
        doc_url=row["doc_url"],
        start=row["start"],
        end=row["end"],
        response=row.get("response"),
        response_text=row.get("response_text"),
        label=row.get("label"),
        role=row.get("role") or "report",
        stance=row.get("stance"),
        answer=row.get("answer"),
        key=row["key"],
        status_log_id=row.get("status_log_id"),
    )
    rec.overdue = is_overdue(rec, today)
    return rec


def _resolve_doc(db: sqlite_utils.Database, typed: str) -> str:
    document, suggestions = library.find_document(db, typed)
    if document is None:
        sentence = library.unfound(db, typed, suggestions)
        raise RecommendationError(sentence + " `rocu docs` lists them.")
    return document.id
