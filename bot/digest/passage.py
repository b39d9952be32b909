"""The passage of the day: a quotable passage in a fixed rotation of the library, never shown to
a channel again before every other has had its turn (``digest_log.passage`` remembers)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from bot.digest.quoting import _quotable, highlight, tidy_quote
from bot.library.documents import passage_id

PASSAGE_NO_REPEAT_DAYS = 30


@dataclass
class PassageOfTheDay:
    passage_id: str
    doc_id: str
    title: str
    date: str | None
    type: str
    speaker: str | None
    text: str


# Cheap SQL bounds first (roughly 25 to 150 words, ends a sentence); the exact test is _quotable.
_CANDIDATES = """
select p.doc_id, p.ordinal, p.text, p.speaker, d.title, d.date, d.type
from passages p join documents d on d.id = p.doc_id
where length(p.text) between 100 and 1500
  and substr(rtrim(p.text), -1) in ('.', '!', '?', '”', '’', '"', '''')
"""
# A fixed shuffle of the library (Knuth's multiplicative hash of the row id), so the rotation
# does not walk one document from start to end.
_ROTATION = " order by (p.id * 2654435761) % 4294967296, p.id"


def passage_candidates(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    """Quotable passages in rotation order (at most ``limit``)."""
    out = []
    for row in db.query(_CANDIDATES + _ROTATION):
        if _quotable(row["text"]):
            out.append(row)
            if limit is not None and len(out) >= limit:
                break
    return out


def _passage(db: sqlite_utils.Database, key: str) -> dict | None:
    """A quotable passage by its id (``doc#ordinal``), if it still exists."""
    doc_id, _, ordinal = (key or "").rpartition("#")
    if not ordinal.isdigit():
        return None
    sql = _CANDIDATES.replace("where", "where p.doc_id = ? and p.ordinal = ? and", 1)
    rows = list(db.query(sql, [doc_id, int(ordinal)]))
    return rows[0] if rows and _quotable(rows[0]["text"]) else None


def passage_of_the_day(
    db: sqlite_utils.Database,
    channel: str,
    date: dt.date,
    prefer: frozenset[str] = frozenset(),
    within: frozenset[str] | None = None,
) -> PassageOfTheDay | None:
    """The passage this channel sees on ``date``: the one already posted that day, else the
    first quotable passage in rotation order the channel has not been shown (from the documents
    in ``prefer``, the new ones, if any of theirs qualifies), else the one shown longest ago. So a
    passage comes back only after every other has had its turn, and never within 30 days while
    the library has more than 30 quotable passages. Its text is the passage's highlight: whole
    prose sentences quoted exactly (footnote numbers left out), never a glossary or contents
    fragment. ``within``: the documents it may come from (a past day's library), else any."""
    day = date.isoformat()
    posted = db.execute(
        "select passage from digest_log where channel = ? and date = ?", [channel, day]
    ).fetchone()
    row = _passage(db, posted[0]) if posted and posted[0] else None
    if row is None:
        shown = db.execute(
            """select passage, max(date) as last from digest_log
            where channel = ? and date < ? and passage is not null
            group by passage order by last, passage""",
            [channel, day],
        ).fetchall()
        seen = {key for key, _ in shown}
        for pool in ([prefer] if prefer else []) + [None]:
            for candidate in db.query(_CANDIDATES + _ROTATION):
                if pool is not None and candidate["doc_id"] not in pool:
                    continue
                if within is not None and candidate["doc_id"] not in within:
                    continue
                key = passage_id(candidate["doc_id"], candidate["ordinal"])
                if key not in seen and _quotable(candidate["text"]):
                    row = candidate
                    break
            if row is not None:
                break
        for key, _ in shown if row is None else []:
            row = _passage(db, key)
            if row is not None and (within is None or row["doc_id"] in within):
                break
            row = None
    if row is None:
        return None
    return PassageOfTheDay(
        passage_id=passage_id(row["doc_id"], row["ordinal"]),
        doc_id=row["doc_id"],
        title=row["title"],
        date=row["date"],
        type=row["type"],
        speaker=row["speaker"],
        text=tidy_quote(highlight(row["text"].strip())),
    )
