"""Recommendation statuses follow a document to its new version and from a copy to the copy kept.

A status is keyed by its recommendation's document and wording (``bot.recs.storing``), so an
unchanged recommendation keeps its status whenever its document is read again. Two cases need
more:

* ``reworded``: a new version rewords a recommendation slightly ("by March 2025" becomes "by June
  2025"). Each recommendation that has a status and is gone from the new version gives its
  audit trail to the new recommendation most like it (``REWORDED`` or closer, each used once)
  that has none of its own.
* ``merged``: an exact copy of a document (``bot.library.copies``) is merged into the copy kept.
  Its recommendations are the same, in the same order: each status is carried to the kept
  copy's recommendation with that wording, unless the kept one has a status set later.

Old rows are never deleted: a carried trail is copied under the new key.
"""

from __future__ import annotations

import sqlite_utils
from rapidfuzz import fuzz

from bot.library.text import fold

REWORDED = 90  # rapidfuzz ratio of the normalised wordings


def snapshot(db: sqlite_utils.Database, doc_id: str) -> list[tuple[str, str]]:
    """(key, normalised wording) of a document's recommendations, before it is read again."""
    rows = db.execute(
        "SELECT key, text FROM recommendations WHERE doc_id = ? ORDER BY ordinal", [doc_id]
    ).fetchall()
    return [(key, _wording(text)) for key, text in rows]


def reworded(db: sqlite_utils.Database, doc_id: str, before: list[tuple[str, str]]) -> int:
    """Carry the statuses of recommendations the new version reworded; returns how many."""
    after = _current(db, doc_id)
    now_keys = {key for key, _, _ in after}
    lost = [(key, text) for key, text in before if key not in now_keys and _has_status(db, key)]
    if not lost:
        return 0
    old_keys = {key for key, _ in before}
    fresh = [row for row in after if row[0] not in old_keys and not _has_status(db, row[0])]
    pairs = sorted(
        (
            (fuzz.ratio(old_text, new_text), old_key, new_key, new_id)
            for old_key, old_text in lost
            for new_key, new_id, new_text in fresh
        ),
        reverse=True,
    )
    used_old, used_new, carried = set(), set(), 0
    for score, old_key, new_key, new_id in pairs:
        if score < REWORDED:
            break
        if old_key in used_old or new_key in used_new:
            continue
        used_old.add(old_key)
        used_new.add(new_key)
        _copy_trail(db, old_key, new_key, new_id)
        carried += 1
    return carried


def merged(db: sqlite_utils.Database, from_id: str, into_id: str) -> int:
    """A merge hook: carry the statuses of ``from_id``'s recommendations to ``into_id``'s with
    the same wording (in order); returns how many were carried. Then ``from_id``'s
    recommendations and their links go: every response item linked to one of them is linked
    to the kept copy's identical item too, so no other link changes, and the removal that
    follows need not relink the library."""
    targets: dict[str, list[tuple[str, str]]] = {}
    for key, rec_id, text in _current(db, into_id):
        targets.setdefault(text, []).append((key, rec_id))
    carried = 0
    for key, _, text in _current(db, from_id):
        if not targets.get(text):
            continue
        into_key, into_rec = targets[text].pop(0)
        latest = _latest(db, key)
        if latest is None:
            continue
        kept = _latest(db, into_key)
        if kept is None:
            _copy_trail(db, key, into_key, into_rec)
        elif (latest["at"] or "") > (kept["at"] or ""):
            _insert(db, [latest], into_key, into_rec)
        else:
            continue
        carried += 1
    db.execute("DELETE FROM recommendations WHERE doc_id = ?", [from_id])
    if "recommendation_links" in db.table_names():
        db.execute(
            "DELETE FROM recommendation_links WHERE response_doc = ? OR report_doc = ?",
            [from_id, from_id],
        )
    return carried


def _current(db: sqlite_utils.Database, doc_id: str) -> list[tuple[str, str, str]]:
    rows = db.execute(
        "SELECT key, id, text FROM recommendations WHERE doc_id = ? ORDER BY ordinal", [doc_id]
    ).fetchall()
    return [(key, rec_id, _wording(text)) for key, rec_id, text in rows]


def _wording(text: str) -> str:
    """What is compared of a recommendation: its words, folded, spaces collapsed."""
    return " ".join(fold(text or "").split())


def _has_status(db: sqlite_utils.Database, key: str) -> bool:
    found = db.execute("SELECT 1 FROM recommendation_status_log WHERE key = ? LIMIT 1", [key])
    return found.fetchone() is not None


def _trail(db: sqlite_utils.Database, key: str) -> list[dict]:
    return list(db["recommendation_status_log"].rows_where("key = ?", [key], order_by="id"))


def _latest(db: sqlite_utils.Database, key: str) -> dict | None:
    trail = _trail(db, key)
    return trail[-1] if trail else None


def _copy_trail(db: sqlite_utils.Database, key: str, into_key: str, into_rec: str) -> None:
    _insert(db, _trail(db, key), into_key, into_rec)


def _insert(db: sqlite_utils.Database, rows: list[dict], key: str, rec_id: str) -> None:
    copies = []
    for row in rows:
        copy = {k: v for k, v in row.items() if k != "id"}
        copy.update(key=key, rec_id=rec_id)
        copies.append(copy)
    db["recommendation_status_log"].insert_all(copies)
