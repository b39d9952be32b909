"""Passage vectors in the SQLite store, and the nearest passages to a query vector.

``passage_vectors`` holds one float16 vector per passage (768 bytes at 384 wide), keyed by the
passage's rowid. Triggers keep it in step with ``passages``: a passage deleted, or its text
changed, loses its vector, so a removed or replaced document never leaves stale vectors and
``embed_missing`` (at ingest, on add, or by ``rocu embed``) fills in exactly what is new. That
makes filling a library resumable: an interrupted run keeps every batch it committed.
``meaning_state`` names the model that made the vectors and a generation number that every
vector written or removed bumps, so a process knows when its in-memory matrix is stale.

This module imports numpy only inside the functions that need it: the migration runs in the
plain build too (the tables stay empty there).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import sqlite_utils

from bot.library.features import Steps
from bot.library.store import writing

BATCH = 64  # passages embedded and committed at a time

Progress = Callable[[int, int], None]  # (done, total)

# This module's schema steps: the composition root (bot.wiring) hands them to the store.
MIGRATIONS = Steps()
migration = MIGRATIONS.step


@migration("meaning_passage_vectors")
def _passage_vectors(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE passage_vectors (id INTEGER PRIMARY KEY, vector BLOB NOT NULL)")
    db.execute(
        "CREATE TABLE meaning_state (id INTEGER PRIMARY KEY CHECK (id = 1), model TEXT, "
        "generation INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("INSERT INTO meaning_state (id, model, generation) VALUES (1, NULL, 0)")
    db.execute(
        "CREATE TRIGGER passage_vectors_gone AFTER DELETE ON passages BEGIN "
        "DELETE FROM passage_vectors WHERE id = old.id; END"
    )
    db.execute(
        "CREATE TRIGGER passage_vectors_stale AFTER UPDATE OF text ON passages BEGIN "
        "DELETE FROM passage_vectors WHERE id = old.id; END"
    )
    for event in ("INSERT", "DELETE"):
        db.execute(
            f"CREATE TRIGGER passage_vectors_{event.lower()} AFTER {event} ON passage_vectors "
            "BEGIN UPDATE meaning_state SET generation = generation + 1 WHERE id = 1; END"
        )


def state(db: sqlite_utils.Database) -> tuple[str | None, int]:
    """(model that made the vectors, generation); (None, 0) for a store without vectors."""
    row = db.execute("SELECT model, generation FROM meaning_state WHERE id = 1").fetchone()
    return (row[0], row[1]) if row else (None, 0)


def counts(db: sqlite_utils.Database) -> tuple[int, int]:
    """(passages with a vector, passages)."""
    done = db.execute("SELECT count(*) FROM passage_vectors").fetchone()[0]
    return done, db.execute("SELECT count(*) FROM passages").fetchone()[0]


def missing(db: sqlite_utils.Database) -> list[int]:
    return [
        row[0]
        for row in db.execute(
            "SELECT p.id FROM passages p LEFT JOIN passage_vectors v ON v.id = p.id "
            "WHERE v.id IS NULL ORDER BY p.id"
        )
    ]


def embed_missing(
    db: sqlite_utils.Database, embedder, progress: Progress | None = None, batch: int = BATCH
) -> int:
    """Embed every passage that has no vector yet, ``batch`` at a time, each batch committed on
    its own (so an interrupted run resumes where it stopped); returns how many were embedded.
    Vectors made by another model are dropped first."""
    import numpy as np

    model, _ = state(db)
    if model is not None and model != embedder.name:
        with writing(db):
            db.execute("DELETE FROM passage_vectors")
    todo = missing(db)
    done = 0
    for start in range(0, len(todo), batch):
        ids = todo[start : start + batch]
        marks = ",".join("?" * len(ids))
        rows = db.execute(f"SELECT id, text FROM passages WHERE id IN ({marks})", ids).fetchall()
        vectors = embedder.encode([text for _, text in rows]).astype(np.float16)
        with writing(db):
            db.conn.executemany(
                "INSERT OR REPLACE INTO passage_vectors (id, vector) VALUES (?, ?)",
                [(r, v.tobytes()) for (r, _), v in zip(rows, vectors, strict=True)],
            )
            db.execute("UPDATE meaning_state SET model = ? WHERE id = 1", [embedder.name])
        done += len(rows)
        if progress:
            progress(done, len(todo))
    return done


class Matrix:
    """Every vector of a store as one float32 matrix (rows in ``ids`` order), for brute-force
    nearest neighbours: 1.5 KB of memory per passage."""

    def __init__(self, ids, vectors):
        self.ids = ids  # numpy int64 array
        self.vectors = vectors  # numpy float32 (n, dim)
        self.row_of = {int(rowid): i for i, rowid in enumerate(ids)}

    def nearest(self, query, k: int, allowed: list[int] | None = None) -> list[tuple[int, float]]:
        """The ``k`` passages (rowid, cosine) nearest ``query``, among ``allowed`` if given."""
        import numpy as np

        if allowed is not None:
            rows = np.array([self.row_of[r] for r in allowed if r in self.row_of], dtype=np.int64)
            if not len(rows):
                return []
            sims = self.vectors[rows] @ query
            ids = self.ids[rows]
        else:
            sims = self.vectors @ query
            ids = self.ids
        k = min(k, len(sims))
        if not k:
            return []
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(int(ids[i]), float(sims[i])) for i in top]

    def cosines(self, query, rowids: list[int]) -> dict[int, float]:
        """Cosine of each passage in ``rowids`` that has a vector."""
        rows = [(r, self.row_of[r]) for r in rowids if r in self.row_of]
        if not rows:
            return {}
        sims = self.vectors[[i for _, i in rows]] @ query
        return {r: float(s) for (r, _), s in zip(rows, sims, strict=True)}


_CACHE: dict[str, tuple[int, Matrix]] = {}
_CACHE_LOCK = threading.Lock()


def _key(db: sqlite_utils.Database) -> str:
    files = [row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"]
    return files[0] if files and files[0] else f"memory:{id(db.conn)}"


def matrix(db: sqlite_utils.Database, model: str) -> Matrix | None:
    """The store's vectors made by ``model``, read once per generation; None when it has none."""
    import numpy as np

    made_by, generation = state(db)
    if made_by != model:
        return None
    key = _key(db)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached and cached[0] == generation:
            return cached[1]
    rows = db.execute("SELECT id, vector FROM passage_vectors ORDER BY id").fetchall()
    if not rows:
        return None
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16)
    found = Matrix(ids, vectors.reshape(len(rows), -1).astype(np.float32))
    with _CACHE_LOCK:
        _CACHE[key] = (generation, found)
    return found
