"""Derived data fails soft: a feature's hook that raises never costs the document.

What features derive from documents (the glossary's acronyms, the recommendations) is optional
beside the document itself: its text, passages and search index. Each hook runs here:

* a document hook (``hook(db, doc_id, removed)``) in a SAVEPOINT of the document's transaction:
  when it raises, its own writes are rolled back alone and the document is stored (or removed)
  all the same, so the store is never half-derived;
* a merge hook (``hook(db, from_id, into_id)``, ``bot.library.merging``): the merge hooks of one
  copy run in one savepoint; when one raises, none of their writes is kept and the copy stays a
  document of its own until the merge succeeds;
* a library hook (``hook(db, report)``, once after a batch) in its own transactions: when it
  raises, the batch's report still completes.

Each failure is a row of ``derived_failures`` (the feature, the hook, the document, the
exception's kind and the project line it was raised at; never the exception's message, which may
quote the document), is reported (``IngestReport.derived_failed``), and is tried again by the
next ingest run (``retry``) or the next time that document is stored; a hook that then works
clears its row (``IngestReport.derived_recovered``). A failure of the store itself (disk full,
damaged, busy) is no hook's fault: it is raised as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from bot.library import features
from bot.library.store import StoreError, writing

log = logging.getLogger("rocu.library")

TABLE = "derived_failures"
LIBRARY = ""  # the doc_id of a library hook's failure: it concerns no one document
# A SQLite failure that is the store's, not a hook's: raised as it is (bot.library.store.explain).
_STORE_FAULT = re.compile(
    r"full|malformed|not a database|corrupt|read-?only|locked|busy|disk i/o|unable to open", re.I
)


@dataclass(frozen=True)
class Failure:
    """One hook that raised. ``kind``: document, removal, merge (``into``: the kept copy) or
    library (``doc_id`` empty). ``error``: the exception's class; ``at``: the project file and
    line it was raised at. ``tries``: how many times it has failed so far."""

    kind: str
    feature: str
    hook: str
    doc_id: str
    error: str
    at: str
    into: str | None = None
    tries: int = 1


@dataclass
class Met:
    """What one ingest run met: hooks that failed, and earlier failures that now worked."""

    failed: list[Failure] = field(default_factory=list)
    recovered: list[Failure] = field(default_factory=list)

    def seen(self) -> set[tuple[str, str]]:
        return {(f.hook, f.doc_id) for f in [*self.failed, *self.recovered]}


_local = threading.local()


@contextlib.contextmanager
def collecting() -> Iterator[Met]:
    """Collect, in this thread, every failure recorded and cleared until the block ends."""
    stack = _local.__dict__.setdefault("stack", [])
    met = Met()
    stack.append(met)
    try:
        yield met
    finally:
        stack.remove(met)


def _collectors() -> list[Met]:
    return _local.__dict__.get("stack", [])


# -- naming a hook and the place it failed -------------------------------------------------------


def hook_name(hook: Callable) -> str:
    name = getattr(hook, "__qualname__", None) or type(hook).__qualname__  # or a callable object
    return f"{getattr(hook, '__module__', '?')}.{name}"


def feature_of(hook: Callable) -> str:
    """The name of the feature that gave ``hook``, else its module's last name (a hook added
    to ``bot.library.ingest.DOCUMENT_HOOKS`` directly)."""
    for feature in features.loaded():
        if hook in (*feature.document_hooks, *feature.library_hooks, *feature.merge_hooks):
            return feature.name
    return str(getattr(hook, "__module__", "?")).rsplit(".", 1)[-1]


def raised_at(exc: BaseException) -> str:
    """The last project line (``bot/...py:N``) in the exception's traceback, or ""."""
    where = ""
    frame = exc.__traceback__
    while frame is not None:
        name = frame.tb_frame.f_code.co_filename.replace(os.sep, "/")
        if "/bot/" in name:
            where = f"bot/{name.rsplit('/bot/', 1)[1]}:{frame.tb_lineno}"
        frame = frame.tb_next
    return where


def is_store_fault(exc: BaseException) -> bool:
    """Is this the store failing (disk full, damaged, busy), not a hook's bug?"""
    if isinstance(exc, StoreError):
        return True
    return isinstance(exc, sqlite3.DatabaseError) and bool(_STORE_FAULT.search(str(exc)))


# -- running hooks -------------------------------------------------------------------------------


def merge_hooks() -> list[Callable]:
    """hook(db, from_id, into_id): each feature's, run before a copy is merged into another."""
    return [hook for feature in features.loaded() for hook in feature.merge_hooks]


def run_document_hooks(
    db: sqlite_utils.Database, hooks: Sequence[Callable], doc_id: str, removed: bool
) -> list[Failure]:
    """Run each document hook in a savepoint of the transaction under way; return those that
    failed (recorded). A hook that worked for a document it had failed on is cleared."""
    pending = _pending_hooks(db, doc_id)
    failed = []
    for hook in hooks:
        kind = "removal" if removed else "document"
        failure = _run(db, hook, (doc_id, removed), kind, doc_id)
        if failure is not None:
            failed.append(failure)
        elif hook_name(hook) in pending:
            _clear(db, hook_name(hook), doc_id)
    return failed


def run_merge_hooks(
    db: sqlite_utils.Database, hooks: Sequence[Callable], from_id: str, into_id: str
) -> bool:
    """Run the merge hooks of one copy in one savepoint: True when all worked (any earlier
    failure of this merge is cleared), else False with none of their writes kept."""
    current = None
    with writing(db):
        try:
            with db.atomic():
                for hook in hooks:
                    current = hook
                    hook(db, from_id, into_id)
        except Exception as exc:
            if is_store_fault(exc) or not db.conn.in_transaction:
                raise
            _record(db, _failure(exc, "merge", current, from_id, into_id))
            return False
        for row in db.execute(
            f"SELECT hook FROM {TABLE} WHERE doc_id = ? AND kind = 'merge'", [from_id]
        ).fetchall():
            _clear(db, row[0], from_id)
    return True


def run_library_hooks(db: sqlite_utils.Database, hooks: Sequence[Callable], report) -> None:
    """Run each library hook; one that raises is recorded and the others still run."""
    pending = _pending_hooks(db, LIBRARY)
    for hook in hooks:
        if _run(db, hook, (report,), "library", LIBRARY) is None and hook_name(hook) in pending:
            with writing(db):
                _clear(db, hook_name(hook), LIBRARY)


def library_due(db: sqlite_utils.Database) -> bool:
    """Has a library hook failed since it last worked (so the next batch runs them again)?"""
    return bool(_pending_hooks(db, LIBRARY))


def _run(db, hook, args: tuple, kind: str, doc_id: str) -> Failure | None:
    """Run one hook: inside a transaction in a savepoint of it, else as it is (a library hook
    takes the write lock itself). Its failure is recorded and returned; a store fault, or one
    that undid the whole transaction, is raised."""
    outer = db.conn.in_transaction
    try:
        if outer:
            with db.atomic():
                hook(db, *args)
        else:
            hook(db, *args)
    except Exception as exc:
        if is_store_fault(exc) or (outer and not db.conn.in_transaction):
            raise
        if not outer and db.conn.in_transaction:  # a hook that left its transaction open
            db.conn.execute("ROLLBACK")
        failure = _failure(exc, kind, hook, doc_id)
        return _record(db, failure)
    return None


def _failure(exc, kind, hook, doc_id, into=None) -> Failure:
    return Failure(
        kind=kind,
        feature=feature_of(hook),
        hook=hook_name(hook),
        doc_id=doc_id,
        error=type(exc).__name__,
        at=raised_at(exc),
        into=into,
    )


# -- the record ----------------------------------------------------------------------------------


def _record(db: sqlite_utils.Database, failure: Failure) -> Failure:
    """Store a failure (with the document in its transaction, or in one of its own) and log it
    without the document's id or words: the kind of hook, the feature, the error and place."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with writing(db):
        db.execute(
            f"INSERT INTO {TABLE} (hook, doc_id, kind, feature, error, at, into_id, tries, "
            "first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) "
            "ON CONFLICT (hook, doc_id) DO UPDATE SET kind = excluded.kind, "
            "feature = excluded.feature, error = excluded.error, at = excluded.at, "
            "into_id = excluded.into_id, tries = tries + 1, last_at = excluded.last_at",
            [
                failure.hook,
                failure.doc_id,
                failure.kind,
                failure.feature,
                failure.error,
                failure.at,
                failure.into,
                now,
                now,
            ],
        )
        tries = db.execute(
            f"SELECT tries FROM {TABLE} WHERE hook = ? AND doc_id = ?",
            [failure.hook, failure.doc_id],
        ).fetchone()[0]
    failure = Failure(**{**failure.__dict__, "tries": tries})
    log.warning(
        "derived data not stored (%s hook of %s: %s at %s); the document is kept and the hook "
        "will be tried again",
        failure.kind,
        failure.feature,
        failure.error,
        failure.at or "?",
    )
    for met in _collectors():
        met.failed.append(failure)
    return failure


def _clear(db: sqlite_utils.Database, hook: str, doc_id: str) -> None:
    row = db.execute(
        f"SELECT kind, feature, error, at, into_id, tries FROM {TABLE} "
        "WHERE hook = ? AND doc_id = ?",
        [hook, doc_id],
    ).fetchone()
    if row is None:
        return
    db.execute(f"DELETE FROM {TABLE} WHERE hook = ? AND doc_id = ?", [hook, doc_id])
    kind, feature, error, at, into, tries = row
    cleared = Failure(kind, feature, hook, doc_id, error, at, into, tries)
    for met in _collectors():
        met.recovered.append(cleared)


def _pending_hooks(db: sqlite_utils.Database, doc_id: str) -> set[str]:
    try:
        rows = db.execute(f"SELECT hook FROM {TABLE} WHERE doc_id = ?", [doc_id]).fetchall()
    except sqlite3.OperationalError:  # a store this code has not brought up to date
        return set()
    return {row[0] for row in rows}


def pending(db: sqlite_utils.Database, doc_id: str | None = None) -> list[Failure]:
    """The failures not yet made good (of one document, or all), oldest first."""
    where, args = ("WHERE doc_id = ?", [doc_id]) if doc_id is not None else ("", [])
    try:
        rows = db.execute(
            f"SELECT kind, feature, hook, doc_id, error, at, into_id, tries FROM {TABLE} "
            f"{where} ORDER BY first_at, doc_id, hook",
            args,
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    return [Failure(*row) for row in rows]


def retry(
    db: sqlite_utils.Database,
    met: Met,
    document_hooks: Sequence[Callable],
    remove_document: Callable[[sqlite_utils.Database, str], None],
) -> None:
    """Try again each document, removal and merge hook that failed before this run (those this
    run already ran for their document are left: it ran them). A document hook runs as a
    removal when its document is gone; a hook no longer given by any feature is forgotten. A
    merge that works removes the copy (``remove_document``: ingest's)."""
    due = [f for f in pending(db) if f.kind != "library" and (f.hook, f.doc_id) not in met.seen()]
    if not due:
        return
    hooks = {hook_name(h): h for h in document_hooks}
    merges = merge_hooks()
    for failure in due:
        with writing(db):
            here = bool(db["documents"].count_where("id = ?", [failure.doc_id]))
            if failure.kind == "merge":
                into_here = bool(db["documents"].count_where("id = ?", [failure.into]))
                if not (here and into_here):
                    _clear(db, failure.hook, failure.doc_id)  # nothing left to merge
                elif run_merge_hooks(db, merges, failure.doc_id, failure.into):
                    remove_document(db, failure.doc_id)
                continue
            hook = hooks.get(failure.hook)
            if hook is None:
                _clear(db, failure.hook, failure.doc_id)
                continue
            if _run(db, hook, (failure.doc_id, not here), failure.kind, failure.doc_id) is None:
                _clear(db, failure.hook, failure.doc_id)


def remove_referencing_rows(db: sqlite_utils.Database, doc_id: str) -> None:
    """Rows of other tables that reference the document by a foreign key (a feature's rows its
    failed removal hook left): removed with it, so the document goes; the hook's retry cleans
    whatever else it keeps."""
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for key in db.execute("SELECT * FROM pragma_foreign_key_list(?)", [table]).fetchall():
            if key[2] == "documents" and key[4] in (None, "id"):
                db.execute(f'DELETE FROM "{table}" WHERE "{key[3]}" = ?', [doc_id])
