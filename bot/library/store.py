"""The SQLite store: one file, opened with sqlite-utils, schema kept by named migrations.

Every feature keeps its tables here so that one file is the whole state of the bot (documents,
passages, glossary, recommendations, digest log). Migrations are named and recorded in
``_migrations`` so that features can add tables independently; ``PRAGMA user_version`` mirrors
how many have run, for tools that only look at that.

The store's own steps are ``STEPS`` below; the features' come through ``bot.library.features``,
handed over by the composition root (``bot.wiring``) in a declared order: the store runs its own
steps first, then each feature's, in that order, whatever order modules happen to be imported in.

Opening a store that is up to date costs no feature imports: the store keeps a stamp of the code
that last brought it up to date (``code_stamp``: the names, sizes and modification times of the
package's source files), and only a store whose stamp differs has the features loaded and its
pending migrations run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from bot.library import features, waits
from bot.library.features import Migration, Steps

log = logging.getLogger("rocu.store")

DEFAULT_DB = "rocu.db"

# Tokenizer for the passage index: porter stemming over unicode61 with diacritics removed, so
# "organisations" finds "organisation" and "café" finds "cafe".
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

# How long a writer waits for another process's write to finish before giving up (seconds).
WRITE_WAIT = 120.0
# A write given a shorter ``wait`` than the store's 10 s busy timeout (a person is waiting: see
# ``bot.library.waits``) also waits no longer than that for SQLite's own lock, held by a writer
# that takes no lock file; False: the lock file's wait only, then SQLite's 10 s (before round 15).
WAIT_FOR_SQLITE_TOO = True

# The store's own schema steps (documents, passages, the seed log), run before any feature's.
STEPS = Steps()
migration = STEPS.step


def all_migrations() -> list[tuple[str, Migration]]:
    """Every schema step in the order it runs: the store's own, then each feature's in the order
    the composition root declared them (the features are loaded for this)."""
    return _steps(features.loaded())


def _known_migrations() -> list[tuple[str, Migration]]:
    """The steps known without loading the features: the store's own, and the features' once
    something has loaded them."""
    return _steps(features.loaded() if features.is_loaded() else ())


def _steps(loaded) -> list[tuple[str, Migration]]:
    steps = list(STEPS) + [step for feature in loaded for step in feature.migrations]
    names = [name for name, _ in steps]
    if len(names) != len(set(names)):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"duplicate migration names: {twice}")
    return steps


class StoreError(Exception):
    """The store cannot be used (damaged, not a database, unreadable, disk full). The message is
    one sentence a person can act on; every front end shows it as it is."""


class StoreBusy(StoreError):
    """Another process held the store's write lock longer than the caller would wait."""


def explain(exc: BaseException, path: str | os.PathLike | None = None) -> StoreError:
    """One clear sentence for a SQLite or file-system failure of the store."""
    where = f" at {path}" if path else ""
    text = str(exc).lower()
    if "disk is full" in text or getattr(exc, "errno", None) == 28:
        return StoreError(
            f"The disk holding the library{where} is full: free some space and try again."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"The library's store{where} is damaged: restore it from a backup, or move it aside "
            "to start afresh from the seed library."
        )
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return StoreError(f"The library's store{where} cannot be written: check its permissions.")
    if "unable to open" in text or isinstance(exc, OSError):
        return StoreError(
            f"The library's store{where} cannot be opened: check that the folder exists and "
            "can be written."
        )
    if "locked" in text or "busy" in text:
        return StoreError(f"The library's store{where} is busy with another writer: try again.")
    return StoreError(f"The library's store{where} cannot be used ({type(exc).__name__}).")


def db_path(path: str | os.PathLike | None = None) -> Path:
    """Where the store lives: the argument, else ``ROCU_DB``, else ``rocu.db`` here."""
    return Path(path or os.environ.get("ROCU_DB") or DEFAULT_DB)


def open_db(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the store in WAL mode and bring its schema up to date.

    Raises StoreError, with one sentence to show, when the file is damaged, not a database, or
    cannot be opened or written; an existing store is never replaced."""
    target = db_path(path)
    try:
        if str(target) != ":memory:":
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and target.stat().st_size == 0:
                log.warning("store %s is an empty file: setting it up as a new library", target)
        # execute_plugins=False: no sqlite-utils plugins are used, and looking for them reads
        # every installed package's entry points (tens of milliseconds per process).
        db = (
            sqlite_utils.Database(target, execute_plugins=False)
            if str(target) != ":memory:"
            else sqlite_utils.Database(memory=True, execute_plugins=False)
        )
        db.conn.execute("PRAGMA busy_timeout = 10000")
        db.conn.execute("PRAGMA foreign_keys = ON")
        if str(target) != ":memory:":
            _enable_wal(db)
        if not _up_to_date(db):
            migrate(db)
    except (sqlite3.DatabaseError, OSError) as exc:
        raise explain(exc, target) from exc
    return db


def quick_check(db: sqlite_utils.Database) -> str | None:
    """None when SQLite's ``PRAGMA quick_check`` finds the store whole, else one sentence."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(explain(exc))
    if [tuple(r) for r in rows] == [("ok",)]:
        return None
    return str(explain(sqlite3.DatabaseError("database disk image is malformed")))


@contextlib.contextmanager
def writing(db: sqlite_utils.Database, wait: float = WRITE_WAIT) -> Iterator[sqlite_utils.Database]:
    """One writer at a time across processes: an exclusive lock file beside the store (waited
    for up to ``wait`` seconds, then StoreError), then an immediate transaction. A second
    ``rocu ingest`` (or the Slack app adding a document while the CLI ingests) waits its turn
    instead of failing with "database is locked" or a duplicate row. Nested use (a hook inside a
    document's write) joins the outer transaction. ``wait`` 0: a cache write that can be
    skipped.

    Every write that reads first must come through here (or ``BEGIN IMMEDIATE``): a deferred
    transaction (``db.atomic()``, sqlite-utils' ``insert``/``upsert`` inside one) that reads
    and then writes fails at once, without waiting, when another connection commits in between
    ("database is locked"), where an immediate one takes the write lock before it reads."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    wait = waits.left(wait)  # a person waiting: what is left of their answer's budget
    started = time.monotonic()
    with _lock_file(db, "-write.lock", timeout=wait, tell=waits.teller()):
        rest = (
            None
            if wait is None
            else max(min(wait, waits.FLOOR), wait - (time.monotonic() - started))
        )
        _begin_immediate(db.conn, rest, _tell_from(started))
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            db.conn.execute("COMMIT")


BUSY = "The library is busy with another long write: try again shortly."


def _tell_from(started: float):
    """The teller (``waits.teller``) for SQLite's wait, its moment counted from ``started``."""
    told = waits.teller()
    if told is None:
        return None
    after, say = told
    return max(0.0, after - (time.monotonic() - started)), say


def _begin_immediate(conn: sqlite3.Connection, wait: float | None, tell=None) -> None:
    """``BEGIN IMMEDIATE``, waiting at most ``wait`` seconds (None: the connection's own busy
    timeout) for a writer that holds SQLite's lock without the lock file (another connection, a
    backup); then StoreBusy. The lock file's wait alone let SQLite's 10 s follow it. ``tell``
    (after, say): a person at a terminal is told, once, when it has waited ``after`` seconds."""
    if tell is not None:
        after, say = tell
        if wait is None or wait > after:
            try:
                _begin_within(conn, after)
                return
            except StoreBusy:
                say()
                if wait is not None:  # the rest of the person's budget, past SQLite's 10 s too
                    _begin_within(conn, wait - after)
                    return
    if wait is None or not WAIT_FOR_SQLITE_TOO:
        conn.execute("BEGIN IMMEDIATE")
        return
    before = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    if max(0, int(wait * 1000)) >= before:
        conn.execute("BEGIN IMMEDIATE")
        return
    _begin_within(conn, wait)


def _begin_within(conn: sqlite3.Connection, seconds: float) -> None:
    """``BEGIN IMMEDIATE`` waiting at most ``seconds`` for SQLite's lock, then StoreBusy."""
    before = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise StoreBusy(BUSY) from exc
        raise
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(before)}")


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Run the migrations this store has not seen yet; return their names.

    Several processes may open a fresh store at once (a web process and a clock process): the
    pending steps run under an exclusive lock file beside the store, and are re-read once the lock
    is held, so each step runs exactly once."""
    steps = all_migrations()
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    ran = []
    if _pending(db, steps):
        with _migration_lock(db):
            for name, fn in _pending(db, steps):
                with writing(db):  # a step reads, then writes: the write lock first
                    fn(db)
                    db.execute(
                        "INSERT INTO _migrations (name, applied_at) VALUES (?, datetime('now'))",
                        [name],
                    )
                ran.append(name)
    count = db.execute("SELECT count(*) FROM _migrations").fetchone()[0]
    if schema_version(db) != count:
        db.execute(f"PRAGMA user_version = {int(count)}")
    _record_stamp(db)
    return ran


def code_stamp() -> str | None:
    """A digest of the names, sizes and modification times of the package's source files: it
    changes whenever the code that registers migrations may have changed. None when the package
    has no source files to stat (then every open checks the migrations)."""
    global _STAMP
    if _STAMP is None:
        import hashlib

        root = Path(__file__).resolve().parent.parent
        seen = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    stat = os.stat(os.path.join(folder, name))
                    seen.append(
                        f"{folder[len(str(root)) :]}/{name}:{stat.st_size}:{stat.st_mtime_ns}"
                    )
        _STAMP = hashlib.sha256("\n".join(seen).encode()).hexdigest() if seen else ""
    return _STAMP or None


_STAMP: str | None = None


def _up_to_date(db: sqlite_utils.Database) -> bool:
    """Did this code already bring the store up to date (its stamp is the store's)?"""
    stamp = code_stamp()
    if stamp is None:
        return False
    try:
        row = db.execute("SELECT code_stamp FROM _schema_stamp WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a store from before stamps, or a new one
        return False
    # The steps already registered in this process (a module imported since) must have run too.
    return bool(row) and row[0] == stamp and not _pending(db, _known_migrations())


def _record_stamp(db: sqlite_utils.Database) -> None:
    stamp = code_stamp()
    if stamp is None:
        return
    try:
        db.execute(
            "CREATE TABLE IF NOT EXISTS _schema_stamp "
            "(id INTEGER PRIMARY KEY CHECK (id = 1), code_stamp TEXT NOT NULL)"
        )
        with db.conn:
            db.execute("INSERT OR REPLACE INTO _schema_stamp VALUES (1, ?)", [stamp])
    except sqlite3.OperationalError as exc:  # read-only: checked again on the next open
        log.info("cannot record the store's schema stamp (%s)", type(exc).__name__)


def _pending(db: sqlite_utils.Database, steps) -> list[tuple[str, Migration]]:
    done = {row[0] for row in db.execute("SELECT name FROM _migrations").fetchall()}
    return [(name, fn) for name, fn in steps if name not in done]


def _enable_wal(db: sqlite_utils.Database) -> None:
    """WAL mode, switched by one process at a time. Several processes opening a fresh store at
    once each asked SQLite to switch while another held the store in its first write; on a loaded
    machine one of them was refused at once as busy (SQLite does not wait on a lock it could
    deadlock on), and that process failed to open the store. The switch is now made under the
    migration lock file, after looking again; a store already in WAL mode takes no lock."""
    if db.journal_mode == "wal":
        return
    with _migration_lock(db):
        if db.journal_mode != "wal":
            db.enable_wal()


def _migration_lock(db: sqlite_utils.Database):
    return _lock_file(db, "-migrate.lock")


@contextlib.contextmanager
def _lock_file(db: sqlite_utils.Database, suffix: str, timeout: float | None = None, tell=None):
    """An exclusive lock file beside the store (none for in-memory stores or without fcntl);
    waits for it, up to ``timeout`` seconds when given (then StoreError). ``tell`` (after, say):
    ``say()`` once when it has waited ``after`` seconds (a person at a terminal)."""
    files = [row[2] for row in db.execute("PRAGMA database_list").fetchall() if row[1] == "main"]
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        fcntl = None
    if not files or not files[0] or fcntl is None:
        yield
        return
    with open(files[0] + suffix, "a+") as handle:
        if timeout is None and tell is None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        else:
            started = time.monotonic()
            deadline = None if timeout is None else started + timeout
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    now = time.monotonic()
                    if deadline is not None and now > deadline:
                        raise StoreBusy(BUSY) from None
                    if tell is not None and now - started >= tell[0]:
                        tell[1]()
                        tell = None
                    time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def load_features() -> None:
    """Load the features the composition root handed over (``bot.library.features``): their
    schema steps, ingest hooks and file names."""
    features.loaded()


@migration("0001_documents_and_passages")
def _documents_and_passages(db: sqlite_utils.Database) -> None:
    db["documents"].create(
        {
            "id": str,  # short slug a person can type
            "file": str,  # the source file's name
            "path": str,  # where it was ingested from (resolved)
            "title": str,
            "date": str,  # ISO date, or year-month, or NULL when unknown
            "type": str,  # hansard, committee-report, letter, blog, transcript, document
            "author": str,
            "url": str,
            "guessed": str,  # JSON list of metadata fields guessed from the text
            "content_hash": str,  # sha256 of the raw file bytes
            "text": str,  # the cleaned text that passage offsets point into
            "added_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"file", "path", "content_hash", "text"},
    )
    db["documents"].create_index(["path"], unique=True)
    db["documents"].create_index(["file"])
    db["passages"].create(
        {
            "id": int,
            "doc_id": str,
            "ordinal": int,
            "text": str,
            "start": int,
            "end": int,
            "speaker": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["passages"].create_index(["doc_id", "ordinal"], unique=True)
    db["passages"].enable_fts(["text"], tokenize=FTS_TOKENIZE, create_triggers=True)


@migration("0002_seed_log")
def _seed_log(db: sqlite_utils.Database) -> None:
    """Which seed files have been loaded once, so that seeding completes a partly seeded store
    but never brings back a seed document the team removed on purpose. A store seeded before
    this table existed is taken to hold every seed file it was given."""
    db["seed_log"].create({"file": str, "seeded_at": str}, pk="file")
    if db["documents"].count:
        db.execute(
            "INSERT OR IGNORE INTO seed_log (file, seeded_at) "
            "SELECT file, added_at FROM documents WHERE path LIKE '%/seeds/%'"
        )


@migration("documents_text_kept_once")
def _documents_text_kept_once(db: sqlite_utils.Database) -> None:
    """A document's text was kept twice, in ``documents.text`` and cut into its passages. Keep it
    once: the passages, and ``documents.rest`` for the characters between them
    (``bot.library.documents.document_text`` joins them). Every document is checked to come back
    exactly before ``documents.text`` is dropped; one that would not stops the migration, and
    the store is left as it was."""
    from bot.library.text import covered, uncovered

    db.execute("ALTER TABLE documents ADD COLUMN rest TEXT")
    for doc_id, text in db.execute("SELECT id, text FROM documents").fetchall():
        spans = db.execute(
            "SELECT start, end, text FROM passages WHERE doc_id = ?", [doc_id]
        ).fetchall()
        rest = uncovered(text, [(start, end) for start, end, _ in spans])
        if covered(spans, rest) != text:
            raise StoreError(
                f"The document {doc_id} cannot be stored in the new layout without changing "
                "it: the store was left as it was."
            )
        db.execute("UPDATE documents SET rest = ? WHERE id = ?", [rest, doc_id])
    db.execute("ALTER TABLE documents DROP COLUMN text")


@migration("documents_read_by")
def _documents_read_by(db: sqlite_utils.Database) -> None:
    """How a document's text was read when that is worth saying: ``ocr`` for a PDF of page
    images read by OCR (its words may hold OCR's mistakes); NULL for text read as written."""
    db.execute("ALTER TABLE documents ADD COLUMN read_by TEXT")


@migration("documents_marking")
def _documents_marking(db: sqlite_utils.Database) -> None:
    """The handling marking a document carries (``bot.library.markings``: OFFICIAL,
    OFFICIAL-SENSITIVE, an older one such as RESTRICTED), read from its text at ingest and
    editable; NULL when it carries none."""
    db.execute("ALTER TABLE documents ADD COLUMN marking TEXT")


@migration("document_pages")
def _document_pages(db: sqlite_utils.Database) -> None:
    """Where each page of a PDF starts in its stored text, and the page's printed label
    (``bot.library.pagestarts``), so that a quote cites its page. Documents ingested before this
    step have none until they are ingested again."""
    db["document_pages"].create(
        {"doc_id": str, "page": int, "start": int, "label": str},
        pk=("doc_id", "page"),
    )
    db["document_pages"].create_index(["doc_id", "start"])


@migration("documents_copies")
def _documents_copies(db: sqlite_utils.Database) -> None:
    """What tells copies of a document apart (``bot.library.copies``): ``file_hash``, the sha256
    of the file's bytes (unknown for documents stored before: NULL), and ``text_hash``, a hash of
    the words of its cleaned text, filled here for every stored document."""
    from bot.library.copies import text_hash
    from bot.library.text import covered

    db.execute("ALTER TABLE documents ADD COLUMN file_hash TEXT")
    db.execute("ALTER TABLE documents ADD COLUMN text_hash TEXT")
    for doc_id, rest in db.execute("SELECT id, rest FROM documents").fetchall():
        spans = db.execute(
            "SELECT start, end, text FROM passages WHERE doc_id = ?", [doc_id]
        ).fetchall()
        db.execute(
            "UPDATE documents SET text_hash = ? WHERE id = ?",
            [text_hash(covered(spans, rest or "")), doc_id],
        )
    db["documents"].create_index(["text_hash"])
    db["documents"].create_index(["file_hash"])


@migration("derived_failures")
def _derived_failures(db: sqlite_utils.Database) -> None:
    """What a feature could not derive from a document (its hook raised), kept to be tried again
    (``bot.library.derived``): one row per hook and document (library hooks: doc_id ""), with
    the exception's kind and the project line it was raised at; the document is stored all the
    same."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS derived_failures ("
        "hook TEXT NOT NULL, doc_id TEXT NOT NULL, kind TEXT NOT NULL, feature TEXT NOT NULL, "
        "error TEXT NOT NULL, at TEXT NOT NULL, into_id TEXT, tries INTEGER NOT NULL DEFAULT 1, "
        "first_at TEXT, last_at TEXT, PRIMARY KEY (hook, doc_id))"
    )
    db.execute("CREATE INDEX IF NOT EXISTS derived_failures_doc ON derived_failures (doc_id)")


@migration("passages_context")
def _passages_context(db: sqlite_utils.Database) -> None:
    """A passage's context (``bot.library.context``): what a reader has in view beside its text
    (a later piece of a long table: the table's column names), indexed for search and never
    quoted. ``passages.context`` is filled for every stored passage from the texts of its
    document's passages, and the passage index is made again over the passages with their
    context (``create_passage_index``); a passage without context is indexed as before. Plain
    statements, so the step is one transaction: stopped half way, the store is left as it was."""
    from bot.library.context import contexts

    db.execute("ALTER TABLE passages ADD COLUMN context TEXT")
    _drop_passage_index(db)
    doc_ids = [row[0] for row in db.execute("SELECT id FROM documents").fetchall()]
    for doc_id in doc_ids:
        rows = db.execute(
            "SELECT id, text FROM passages WHERE doc_id = ? ORDER BY ordinal", [doc_id]
        ).fetchall()
        filled = [
            (context, rowid)
            for (rowid, _), context in zip(rows, contexts([text for _, text in rows]), strict=True)
            if context is not None
        ]
        db.conn.executemany("UPDATE passages SET context = ? WHERE id = ?", filled)
    create_passage_index(db, ("context",))


@migration("passages_context_title")
def _passages_context_title(db: sqlite_utils.Database) -> None:
    """The title context (``bot.library.context.titles``): every piece of a table of figures
    carries its document's title, indexed before its table context and its text. The column is
    filled for every stored passage, and the passage index made again to read it, in one
    transaction."""
    from bot.library.context import titles

    db.execute("ALTER TABLE passages ADD COLUMN context_title TEXT")
    _drop_passage_index(db)
    documents = db.execute("SELECT id, title FROM documents").fetchall()
    for doc_id, title in documents:
        rows = db.execute(
            "SELECT id, text, context FROM passages WHERE doc_id = ? ORDER BY ordinal", [doc_id]
        ).fetchall()
        found = titles([r[1] for r in rows], [r[2] for r in rows], title)
        db.conn.executemany(
            "UPDATE passages SET context_title = ? WHERE id = ?",
            [(t, r[0]) for r, t in zip(rows, found, strict=True) if t is not None],
        )
    create_passage_index(db, PASSAGE_CONTEXTS)


def _drop_passage_index(db: sqlite_utils.Database) -> None:
    for name in ("passages_ai", "passages_ad", "passages_au"):
        db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    db.execute('DROP TABLE IF EXISTS "passages_fts"')
    db.execute("DROP VIEW IF EXISTS passages_indexed")


# The columns of ``passages`` indexed before its text, in order (``indexed_text``).
PASSAGE_CONTEXTS = ("context_title", "context")


def indexed_text(row: str = "", contexts: tuple[str, ...] = PASSAGE_CONTEXTS) -> str:
    """The SQL expression of a passage's text as indexed: each of its ``contexts`` it has on a
    line before its text; ``row``: "new." or "old." in a trigger."""
    return "".join(f"coalesce({row}{c} || char(10), '') || " for c in contexts) + f"{row}text"


def create_passage_index(db: sqlite_utils.Database, contexts: tuple[str, ...]) -> None:
    """The passage index: FTS5 over each passage as a reader has it in view, its ``contexts``
    (columns of ``passages``; those it has, in that order) each on a line before its text
    (``passages_indexed``, a view), with the triggers that keep it in step, filled from the
    passages. One column, as before: a later piece of a table is indexed
    as its first piece is, under its header row, with that row's words counted in its length
    (a second column would be normalised by the mean context length over every passage, which
    is near 0 where few passages have one, so the words it holds would count for almost
    nothing: bench/RESULTS.md, "Passage context, round 9")."""
    db.execute(
        f"CREATE VIEW passages_indexed AS SELECT id, {indexed_text('', contexts)} AS text "
        "FROM passages"
    )
    db.execute(
        'CREATE VIRTUAL TABLE "passages_fts" USING FTS5 (\n    "text",\n'
        f"    tokenize='{FTS_TOKENIZE}',\n"
        '    content="passages_indexed", content_rowid="id"\n)'
    )
    new, old = indexed_text("new.", contexts), indexed_text("old.", contexts)
    db.execute(
        'CREATE TRIGGER "passages_ai" AFTER INSERT ON "passages" BEGIN\n'
        f'  INSERT INTO "passages_fts" (rowid, "text") VALUES (new.id, {new});\nEND'
    )
    db.execute(
        'CREATE TRIGGER "passages_ad" AFTER DELETE ON "passages" BEGIN\n'
        '  INSERT INTO "passages_fts" ("passages_fts", rowid, "text") '
        f"VALUES('delete', old.id, {old});\nEND"
    )
    db.execute(
        'CREATE TRIGGER "passages_au" AFTER UPDATE ON "passages" BEGIN\n'
        '  INSERT INTO "passages_fts" ("passages_fts", rowid, "text") '
        f"VALUES('delete', old.id, {old});\n"
        f'  INSERT INTO "passages_fts" (rowid, "text") VALUES (new.id, {new});\nEND'
    )
    db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')")
