"""The one-off step that merges the exact copies of documents a store made before copies were
refused (``bot.library.copies``): the copy added first is kept, each feature's merge hooks
carry what it keeps about a copy (a recommendation's status) to it, then the other copies are
removed through the ingest hooks, as ``rocu remove`` would. A copy whose merge hooks raise stays
a document of its own until a later ingest run merges it (``bot.library.derived``)."""

from __future__ import annotations

import logging

import sqlite_utils

from bot.library import copies, derived
from bot.library.ingest import IngestReport, library_hooks, remove_document

log = logging.getLogger("rocu.library")


def merge_exact_copies(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """Merge the documents whose text is the same (``text_hash``): the one added first is kept,
    each other copy's derived data is carried to it by the features' merge hooks (a
    recommendation's status), then the copy is removed through the ingest hooks. Returns
    (removed id, kept id) pairs. With ``ROCU_KEEP_COPIES=1`` (a benchmark's library built from
    copies of one corpus) nothing is merged."""
    if copies.kept_on_purpose():
        return []
    groups = db.execute(
        "SELECT text_hash FROM documents WHERE text_hash IS NOT NULL "
        "GROUP BY text_hash HAVING count(*) > 1"
    ).fetchall()
    merged: list[tuple[str, str]] = []
    for (digest,) in groups:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM documents WHERE text_hash = ? ORDER BY added_at, id", [digest]
            ).fetchall()
        ]
        keep = ids[0]
        for copy in ids[1:]:
            # A merge hook that raises keeps the copy a document of its own, nothing of the
            # merge written; the next ingest run tries again (bot.library.derived).
            if not derived.run_merge_hooks(db, derived.merge_hooks(), copy, keep):
                continue
            remove_document(db, copy)
            merged.append((copy, keep))
    if merged:
        log.info("merged %d exact copies of documents", len(merged))
        report = IngestReport(pruned=[copy for copy, _ in merged])
        derived.run_library_hooks(db, library_hooks(), report)
    return merged


MIGRATIONS = [("copies_merge_exact_copies", merge_exact_copies)]
