"""Passage vectors in the SQLite store, and the nearest passages to a query vector.

``passage_vectors`` holds one float16 vector per passage (768 bytes at 384 wide), keyed by the
passage's rowid. Triggers keep it in step with ``passages``: a passage deleted, or its text
changed, loses its vector, so a removed or replaced document never leaves stale vectors and
``embed_missing`` (at ingest, on add, or by ``rocu embed``) fills in exactly what is new. That
makes filling a library resumable: an interrupted run keeps every batch it committed.
``meaning_state`` names the model that made the vectors (and the ``SCHEME`` it read them under)
and a generation number that every vector written or removed bumps, so a process knows when its
in-memory matrix is stale. Vectors made by another model or under another scheme are never mixed
with new ones: the next ``embed_missing`` makes them all again.

Under a scheme with windows (``SCHEME["stride"]``), a passage longer than the window has more
vectors: the first in ``passage_vectors``, the others in ``passage_windows`` (dropped with it, by
trigger), and its cosine to a query is its best window's (``Matrix``).

This module imports numpy only inside the functions that need it: the migration runs in the
plain build too (the tables stay empty there).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import sqlite_utils

from bot.library import context as table
from bot.library.features import Steps
from bot.library.store import writing

BATCH = 64  # passages embedded and committed at a time

# What each passage's vectors are made of, kept as data (bench/RESULTS.md, "What the embedder
# reads, round 9"): ``tokens``, the word pieces the model reads at a time ([CLS] and [SEP]
# included; 128 is what it was trained on); ``stride``, 0 for one vector of the passage's first
# pieces, n for a vector of every window of ``tokens`` pieces starting n pieces apart (the
# passage's cosine is its best window's); ``title``, the document's title read before the
# passage (in every window).
# ``rows``: a passage holding rows of a table ("Kent Police | 16 | 2", "DECC | Department of ...")
# also gets a vector for each row, read after the row's context (its title context, then its
# table's column names: a later piece's context or the passage's own header row), kept as
# windows of the passage; its cosine is its best one's (bench/RESULTS.md, "Table questions,
# round 11").
PLAIN = {"tokens": 128, "stride": 0, "title": False, "rows": False}  # the scheme before round 9
SCHEME = dict(PLAIN)
TITLE_PIECES = 24  # at most this many word pieces of a title are read
ROWS = 64  # under ``rows``, at most this many rows of a passage get a vector of their own
ROW_HEAD = 48  # ...each read after at most this many pieces of its title and column names
# ...and a row's vector is kept at this length, so that its cosine to a query counts this much: a
# passage of many rows has as many chances to be near a query, and one row naming one of the
# query's words ("DNA | Deoxyribonucleic acid") should not pass a paragraph that answers it
ROW_WEIGHT = 0.9
_ROW = re.compile(r"\S \| \S")  # a line of cells (``bot.library.context.CELLS``)
# A passage with a context (``bot.library.context``: a table of figures' piece carries its
# document's title, a later piece its table's column names) is read with it, as search indexes
# it: the title (at most TITLE_PIECES pieces), the column names, then the text, under every
# scheme; a passage without one is read as before. Measured on the real library's 36 such
# passages (bench/RESULTS.md, "Contexts read by the embedder, round 9"). False: text only.
CONTEXTS = True

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


@migration("meaning_passage_windows")
def _passage_windows(db: sqlite_utils.Database) -> None:
    db.execute(
        "CREATE TABLE passage_windows (id INTEGER NOT NULL, window INTEGER NOT NULL, "
        "vector BLOB NOT NULL, PRIMARY KEY (id, window)) WITHOUT ROWID"
    )
    # a passage's other windows go with its first vector (passage gone, text changed, model or
    # scheme changed)
    db.execute(
        "CREATE TRIGGER passage_windows_gone AFTER DELETE ON passage_vectors BEGIN "
        "DELETE FROM passage_windows WHERE id = old.id; END"
    )


@migration("meaning_contexts_read")
def _contexts_read(db: sqlite_utils.Database) -> None:
    # Vectors made before the embedder read contexts are made again (``embed_missing``), and a
    # passage whose context changes (its document's title edited) loses its vector, as one
    # whose text changes does. The library's steps, which add the context columns, run first.
    db.execute(
        "DELETE FROM passage_vectors WHERE id IN (SELECT id FROM passages "
        "WHERE context IS NOT NULL OR context_title IS NOT NULL)"
    )
    db.execute(
        "CREATE TRIGGER passage_vectors_context AFTER UPDATE OF context, context_title "
        "ON passages WHEN old.context IS NOT new.context "
        "OR old.context_title IS NOT new.context_title BEGIN "
        "DELETE FROM passage_vectors WHERE id = old.id; END"
    )


def tag(scheme: dict | None = None) -> str:
    """The scheme's name ("" for the scheme before round 9, so stores made then stay valid)."""
    s = SCHEME if scheme is None else scheme
    parts = [f"t{s['tokens']}"] if s["tokens"] != PLAIN["tokens"] else []
    parts += [f"w{s['stride']}"] if s["stride"] else []
    parts += ["title"] if s["title"] else []
    parts += ["rows"] if s.get("rows") else []
    return "+".join(parts)


def made_by(embedder) -> str:
    """What ``meaning_state`` records for vectors made by ``embedder`` under ``SCHEME``."""
    scheme = tag()
    return f"{embedder.name}+{scheme}" if scheme else embedder.name


def title_text(title: str | None) -> str:
    title = " ".join((title or "").split())
    return title if not title or title[-1] in ".:?!" else title + "."


def windows(
    embedder,
    texts: list[str],
    titles: list[str | None],
    contexts: list[tuple[str | None, str | None]] | None = None,
):
    """(owners, vectors): the vectors ``SCHEME`` makes of ``texts`` (of documents ``titles``;
    ``contexts``, each passage's (title context, table context) or Nones), each passage's first
    window first, ``owners[k]`` the index of the text vector k is of. Under the scheme before
    round 9, one vector a text, as the model reads it (cut at 128 pieces); a passage with a
    context is read after it (``CONTEXTS``). Under ``rows``, a vector for each row of a table
    follows."""
    contexts = contexts if CONTEXTS and contexts else [(None, None)] * len(texts)
    owners, made = _windows(embedder, texts, titles, contexts)
    if not SCHEME.get("rows"):
        return owners, made
    more, cut = _rows(embedder, texts, contexts)
    if not cut:
        return owners, made
    import numpy as np

    rows = embedder.encode_pieces(cut) * np.float32(ROW_WEIGHT)
    return owners + more, np.concatenate([made, rows.astype(made.dtype)])


def table_rows(text: str) -> tuple[str | None, list[str]]:
    """(the passage's own header row, or None; its rows of a table, at most ROWS): the lines of
    cells, less a table of figures' header row (``bot.library.context.table_columns``)."""
    if table.CELLS not in text:
        return None, []
    header = table.table_columns(text)
    lines = [line.strip() for line in text.split("\n") if _ROW.search(line)]
    if header is not None and lines and lines[0] == header:
        lines = lines[1:]
    return header, lines[:ROWS]


def _rows(embedder, texts: list[str], contexts) -> tuple[list[int], list[list[int]]]:
    """(owners, word pieces) of each table row's vector (``SCHEME["rows"]``): the row read after
    its title context and column names (at most ROW_HEAD pieces), cut to the window."""
    owners: list[int] = []
    cut: list[list[int]] = []
    size = SCHEME["tokens"] - 2
    for i, text in enumerate(texts):
        header, rows = table_rows(text)
        if not rows:
            continue
        title, columns = contexts[i]
        head = _heads(embedder, [(title, columns or header)])[0][:ROW_HEAD]
        for pieces in embedder.pieces(rows):
            cut.append((head + pieces)[:size])
            owners.append(i)
    return owners, cut


def _windows(embedder, texts, titles, contexts):
    """``windows`` but the rows' vectors."""
    read = [i for i, (title, columns) in enumerate(contexts) if title or columns]
    plain = not tag({**SCHEME, "rows": False})
    if plain and not read:
        return list(range(len(texts))), embedder.encode(list(texts))
    if plain:  # one vector a passage; those with a context read it first
        import numpy as np

        heads = _heads(embedder, [contexts[i] for i in read])
        bodies = embedder.pieces([texts[i] for i in read])
        size = SCHEME["tokens"] - 2
        cut = [(head + body)[:size] for head, body in zip(heads, bodies, strict=True)]
        with_context = embedder.encode_pieces(cut)
        made = np.zeros((len(texts), with_context.shape[1]), dtype=with_context.dtype)
        made[read] = with_context
        others = sorted(set(range(len(texts))) - set(read))
        if others:
            made[others] = embedder.encode([texts[i] for i in others])
        return list(range(len(texts))), made
    bodies = embedder.pieces(list(texts))
    if SCHEME["title"]:
        titled = [h[:TITLE_PIECES] for h in embedder.pieces([title_text(t) for t in titles])]
        columns = _heads(embedder, contexts, titles=False)
        heads = [t + c for t, c in zip(titled, columns, strict=True)]
    else:
        heads = _heads(embedder, contexts)
    cut: list[list[int]] = []
    owners: list[int] = []
    for i, (body, head) in enumerate(zip(bodies, heads, strict=True)):
        size = SCHEME["tokens"] - 2 - len(head)
        for start in starts(len(body), len(head)):
            cut.append(head + body[start : start + size])
            owners.append(i)
    return owners, embedder.encode_pieces(cut)


def _heads(embedder, contexts, titles: bool = True) -> list[list[int]]:
    """The word pieces read before each passage: its title context (at most TITLE_PIECES
    pieces, unless ``titles`` is False) and its table context."""
    out = []
    for title, columns in contexts:
        head = embedder.pieces([title_text(title)])[0][:TITLE_PIECES] if title and titles else []
        out.append(head + (embedder.pieces([columns])[0] if columns else []))
    return out


def starts(length: int, head: int = 0) -> list[int]:
    """Where ``SCHEME``'s windows start in a passage of ``length`` word pieces, read after a
    title of ``head`` pieces: every ``stride`` pieces until a window reaches the end."""
    size = SCHEME["tokens"] - 2 - head
    stride = min(SCHEME["stride"], size)
    if not stride or length <= size:
        return [0]
    return list(range(0, length - size + stride, stride))


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


# Switching ``SCHEME["rows"]`` on or off changes only the vectors of the passages holding rows of
# a table (the scheme adds a vector for each row and never changes a passage's own), so only they
# are dropped and made again, not the whole store: on the real library 193 passages of 5,872
# (bench/RESULTS.md, "Table rows and excerpts, round 17"). False: any change of scheme makes
# every vector again, as before round 17.
ROWS_SWITCH_TABLES_ONLY = True


def _rows_only(old: str, new: str) -> bool:
    """Whether two ``made_by`` names differ only in the ``rows`` part of the scheme."""
    a, b = old.split("+"), new.split("+")
    return (
        a != b and a[0] == b[0] and [p for p in a if p != "rows"] == [p for p in b if p != "rows"]
    )


def _drop_tables(db: sqlite_utils.Database) -> None:
    """Drop the vectors (and windows) of every passage holding rows of a table (``table_rows``)."""
    ids = [
        rowid
        for rowid, text in db.execute(
            "SELECT id, text FROM passages WHERE instr(text, ?) > 0", [table.CELLS]
        )
        if table_rows(text)[1]
    ]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(f"DELETE FROM passage_vectors WHERE id IN ({marks})", chunk)
        db.execute(f"DELETE FROM passage_windows WHERE id IN ({marks})", chunk)


def embed_missing(
    db: sqlite_utils.Database, embedder, progress: Progress | None = None, batch: int = BATCH
) -> int:
    """Embed every passage that has no vector yet, ``batch`` at a time, each batch committed on
    its own (so an interrupted run resumes where it stopped); returns how many were embedded.
    Vectors made by another model or under another scheme are dropped first."""
    model, _ = state(db)
    if model is not None and model != made_by(embedder):
        with writing(db):
            if ROWS_SWITCH_TABLES_ONLY and _rows_only(model, made_by(embedder)):
                _drop_tables(db)  # only passages holding rows are made again
                db.execute("UPDATE meaning_state SET model = ? WHERE id = 1", [made_by(embedder)])
            else:
                db.execute("DELETE FROM passage_vectors")
                db.execute("DELETE FROM passage_windows")
    todo = missing(db)
    done = 0
    for start in range(0, len(todo), batch):
        done += embed_batch(db, embedder, todo[start : start + batch])
        if progress:
            progress(done, len(todo))
    return done


def embed_batch(db: sqlite_utils.Database, embedder, ids: list[int]) -> int:
    """Embed the passages ``ids`` and commit their vectors at once; returns how many."""
    import numpy as np

    marks = ",".join("?" * len(ids))
    rows = db.execute(
        "SELECT p.id, p.text, d.title, p.context_title, p.context FROM passages p "
        f"LEFT JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({marks})",
        ids,
    ).fetchall()
    if not rows:
        return 0
    texts, titles = [r[1] for r in rows], [r[2] for r in rows]
    owners, made = windows(embedder, texts, titles, [(r[3], r[4]) for r in rows])
    made = made.astype(np.float16)
    first, more, count = [], [], [0] * len(rows)
    for i, vector in zip(owners, made, strict=True):
        rowid = rows[i][0]
        (more if count[i] else first).append((rowid, count[i], vector.tobytes()))
        count[i] += 1
    with writing(db):
        marks = ",".join("?" * len(rows))
        db.execute(f"DELETE FROM passage_windows WHERE id IN ({marks})", [r[0] for r in rows])
        db.conn.executemany(
            "INSERT OR REPLACE INTO passage_vectors (id, vector) VALUES (?, ?)",
            [(r, v) for r, _, v in first],
        )
        db.conn.executemany(
            "INSERT INTO passage_windows (id, window, vector) VALUES (?, ?, ?)", more
        )
        db.execute("UPDATE meaning_state SET model = ? WHERE id = 1", [made_by(embedder)])
    return len(rows)


class Matrix:
    """Every vector of a store as float32 matrices, for brute-force nearest neighbours: 1.5 KB
    of memory per vector. ``ids`` and ``vectors`` hold each passage's first vector (rows in
    ``ids`` order); ``extra`` its other windows, ``owners`` the row of ``ids`` each is of
    (ascending). A passage's cosine is its best vector's."""

    def __init__(self, ids, vectors, extra=None, owners=None):
        import numpy as np

        self.ids = ids  # numpy int64 array
        self.vectors = vectors  # numpy float32 (n, dim)
        self.row_of = {int(rowid): i for i, rowid in enumerate(ids)}
        self.extra = extra if extra is not None and len(extra) else None
        if self.extra is not None:
            self.owners = np.asarray(owners, dtype=np.int64)
            cuts = np.flatnonzero(np.diff(self.owners)) + 1
            self.starts = np.concatenate([[0], cuts])  # each window-owning passage's first
            self.windowed = self.owners[self.starts]
            ends = np.append(self.starts[1:], len(self.owners))
            spans = zip(self.windowed, self.starts, ends, strict=True)
            self.span = {int(r): (int(a), int(b)) for r, a, b in spans}

    def count(self) -> int:
        """Vectors held (a passage's windows each count)."""
        return len(self.ids) + (len(self.extra) if self.extra is not None else 0)

    def best(self, query):
        """Every passage's cosine to ``query`` (its best window's), in ``ids`` order."""
        import numpy as np

        sims = self.vectors @ query
        if self.extra is not None:
            top = np.maximum.reduceat(self.extra @ query, self.starts)
            sims[self.windowed] = np.maximum(sims[self.windowed], top)
        return sims

    def nearest(self, query, k: int, allowed: list[int] | None = None) -> list[tuple[int, float]]:
        """The ``k`` passages (rowid, cosine) nearest ``query``, among ``allowed`` if given; a
        passage once, with its best window."""
        import numpy as np

        if allowed is not None:
            rows = np.array([self.row_of[r] for r in allowed if r in self.row_of], dtype=np.int64)
            if not len(rows):
                return []
            if self.extra is None:
                sims = self.vectors[rows] @ query
            else:
                sims = self.best(query)[rows]
            ids = self.ids[rows]
        else:
            sims = self.best(query)
            ids = self.ids
        k = min(k, len(sims))
        if not k:
            return []
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(int(ids[i]), float(sims[i])) for i in top]

    def cosines(self, query, rowids: list[int]) -> dict[int, float]:
        """Cosine of each passage in ``rowids`` that has a vector (its best window's)."""
        rows = [(r, self.row_of[r]) for r in rowids if r in self.row_of]
        if not rows:
            return {}
        sims = self.vectors[[i for _, i in rows]] @ query
        found = {r: float(s) for (r, _), s in zip(rows, sims, strict=True)}
        if self.extra is not None:
            for r, i in rows:
                if i in self.span:
                    a, b = self.span[i]
                    found[r] = max(found[r], float((self.extra[a:b] @ query).max()))
        return found


_CACHE: dict[str, tuple[int, Matrix]] = {}
_CACHE_LOCK = threading.Lock()


def _key(db: sqlite_utils.Database) -> str:
    files = [row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"]
    return files[0] if files and files[0] else f"memory:{id(db.conn)}"


def matrix(db: sqlite_utils.Database, model: str) -> Matrix | None:
    """The store's vectors made by ``model`` (``made_by``: the model and the scheme), read once
    per generation; None when it has none."""
    import numpy as np

    made, generation = state(db)
    if made != model:
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
    vectors = vectors.reshape(len(rows), -1).astype(np.float32)
    row_of = {int(rowid): i for i, rowid in enumerate(ids)}
    more = [
        (row_of[r[0]], r[1])
        for r in db.execute("SELECT id, vector FROM passage_windows ORDER BY id, window")
        if r[0] in row_of
    ]
    extra = (
        np.frombuffer(b"".join(v for _, v in more), dtype=np.float16)
        .reshape(len(more), -1)
        .astype(np.float32)
        if more
        else None
    )
    found = Matrix(ids, vectors, extra, [o for o, _ in more])
    with _CACHE_LOCK:
        _CACHE[key] = (generation, found)
    return found
