"""Feedback on answers: a 👍 or 👎 a person gives a search or define answer.

Each vote is stored with what was asked (the query or term), the ids of what was shown (passage
ids for a search, document ids for a definition), who gave it (their user id only, never a name)
and when. One vote per person per answer: voting again changes it. ``summary`` is what
``rocu eval --feedback`` prints.

Feedback is the team's words about the library: it stays in the store. Nothing here logs a query;
the front ends log only that a vote was stored.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import sqlite_utils

from bot.library.features import Steps
from bot.library.store import writing

KINDS = ("search", "define")
MAX_QUERY_CHARS = 500
MAX_RESULTS = 10

MIGRATIONS = Steps()


@MIGRATIONS.step("answer_feedback")
def _feedback_table(db: sqlite_utils.Database) -> None:
    db.execute(
        """create table answer_feedback (
            id integer primary key,
            kind text not null,          -- search | define
            query text not null,         -- what was asked, as the answer showed it
            results text not null,       -- JSON list of the ids shown (passages, documents)
            user_id text not null,       -- who gave it: a user id, never a name
            vote integer not null,       -- 1 helpful, -1 not helpful
            given_at text not null,      -- UTC ISO time
            unique (kind, query, results, user_id)
        )"""
    )


class FeedbackError(ValueError):
    """A vote that cannot be stored; the message says why in one sentence."""


def record_feedback(
    db: sqlite_utils.Database,
    kind: str,
    query: str,
    results: list[str],
    user_id: str,
    vote: int,
    now: dt.datetime | None = None,
) -> str:
    """Store a vote. Returns "new", or, when this person had voted on the same answer, "changed"
    (the other way; replaced) or "same" (this way again: a button pressed twice)."""
    if kind not in KINDS:
        raise FeedbackError(f"Feedback is for search and define answers, not {kind!r}.")
    if vote not in (1, -1):
        raise FeedbackError("A vote is helpful (1) or not helpful (-1).")
    if not user_id:
        raise FeedbackError("Feedback needs to know who gave it.")
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    shown = json.dumps([str(r) for r in (results or [])][:MAX_RESULTS])
    given = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    with writing(db):
        before = db.execute(
            "select vote from answer_feedback"
            " where kind = ? and query = ? and results = ? and user_id = ?",
            [kind, query, shown, user_id],
        ).fetchone()
        db.execute(
            """insert into answer_feedback (kind, query, results, user_id, vote, given_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (kind, query, results, user_id)
            do update set vote = excluded.vote, given_at = excluded.given_at""",
            [kind, query, shown, user_id, vote, given],
        )
    if before is None:
        return "new"
    return "same" if before[0] == vote else "changed"


@dataclass
class FeedbackSummary:
    votes: int = 0
    helpful: int = 0
    not_helpful: int = 0
    people: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    # the answers most often marked not helpful: (kind, query, 👎, 👍), worst first
    worst: list[tuple[str, str, int, int]] = field(default_factory=list)

    @property
    def helpful_share(self) -> float | None:
        return self.helpful / self.votes if self.votes else None


def summary(
    db: sqlite_utils.Database, since: dt.datetime | None = None, worst: int = 10
) -> FeedbackSummary:
    """The votes given (since ``since``): counts, per kind, and the questions most often marked
    not helpful."""
    if "answer_feedback" not in db.table_names():
        return FeedbackSummary()
    where, params = "", []
    if since is not None:
        where, params = "where given_at >= ?", [since.astimezone(dt.UTC).isoformat()]
    rows = db.execute(
        f"select kind, query, user_id, vote from answer_feedback {where}", params
    ).fetchall()
    found = FeedbackSummary(votes=len(rows))
    per_query: dict[tuple[str, str], list[int]] = {}
    for kind, query, _user, vote in rows:
        counts = found.by_kind.setdefault(kind, {"helpful": 0, "not_helpful": 0})
        counts["helpful" if vote > 0 else "not_helpful"] += 1
        tally = per_query.setdefault((kind, query), [0, 0])
        tally[0 if vote < 0 else 1] += 1
    found.helpful = sum(1 for row in rows if row[3] > 0)
    found.not_helpful = found.votes - found.helpful
    found.people = len({row[2] for row in rows})
    ranked = sorted(
        ((kind, query, down, up) for (kind, query), (down, up) in per_query.items() if down),
        key=lambda item: (-item[2], item[3], item[0], item[1]),
    )
    found.worst = ranked[:worst]
    return found
