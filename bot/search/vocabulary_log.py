"""What changed in the vocabulary since a point: the passages added and removed, as word counts.

Triggers on ``passages`` append to ``search_vocabulary_log`` (created by the migration in
``bot.search.vocabulary``): a passage added logs its id (its text is read, as indexed, with its
contexts (``bot.library.context``), from ``passages_indexed`` when the log is applied), a passage
removed logs that text (it is gone from ``passages`` by then), and a passage whose text or
context changes logs both. Applying the rows after a point tokenizes just those
passages with the word index's own tokenizer, in a private in-memory FTS5 table, and counts each
word once per passage, as ``fts5vocab`` does: adding a 4 KB document costs milliseconds however
big the library, where reading the whole ``fts5vocab`` costs seconds at a million passages.

A passage added and removed again between two applications cancels out without being read.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from bot.library.store import indexed_text

LOG_TRIGGERS = {
    "search_vocabulary_log_ai": "AFTER INSERT ON passages BEGIN "
    "INSERT INTO search_vocabulary_log(passage, text) VALUES (new.id, NULL); END",
    "search_vocabulary_log_ad": "AFTER DELETE ON passages BEGIN "
    f"INSERT INTO search_vocabulary_log(passage, text) VALUES (old.id, {indexed_text('old.')}); "
    "END",
    "search_vocabulary_log_au": "AFTER UPDATE OF text, context, context_title ON passages BEGIN "
    f"INSERT INTO search_vocabulary_log(passage, text) VALUES (old.id, {indexed_text('old.')}); "
    "INSERT INTO search_vocabulary_log(passage, text) VALUES (new.id, NULL); END",
}


def create_log(db: sqlite_utils.Database) -> None:
    """The log table and its triggers. AUTOINCREMENT: row ids only ever grow, even after every
    row was trimmed, so "the rows after N" always means the changes after N."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS search_vocabulary_log ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, passage INTEGER NOT NULL, text TEXT)"
    )
    for name, body in LOG_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


@dataclass
class Delta:
    """Passages each word gained (``added``) and lost (``removed``), and passages gained and
    lost in all, over the log rows up to ``last``."""

    last: int
    added: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    passages: int = 0


def last_id(db: sqlite_utils.Database) -> int:
    """The last row id ever given (the log may be empty: trimmed rows still count)."""
    row = db.execute(
        "SELECT seq FROM sqlite_sequence WHERE name = 'search_vocabulary_log'"
    ).fetchone()
    return row[0] if row else 0


def pending(db: sqlite_utils.Database, after: int) -> int:
    """Log rows after ``after`` (read inside the caller's transaction)."""
    return db.execute(
        "SELECT count(*) FROM search_vocabulary_log WHERE id > ?", [after]
    ).fetchone()[0]


def delta_since(db: sqlite_utils.Database, after: int, tokenize: str) -> Delta:
    """The change the log records after row ``after``; run inside the caller's read transaction,
    so that the passages read are those the log rows describe."""
    rows = db.execute(
        "SELECT id, passage, text FROM search_vocabulary_log WHERE id > ? ORDER BY id", [after]
    ).fetchall()
    delta = Delta(last=rows[-1][0] if rows else after)
    added: dict[int, None] = {}  # passages added (in order) whose text is read at the end
    removed: list[str] = []
    for _, passage, text in rows:
        if text is None:
            added[passage] = None
        elif passage in added:  # added and removed again since ``after``: nothing to count
            del added[passage]
        else:
            removed.append(text)
    texts: list[str] = []
    ids = list(added)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        texts += [
            r[0]
            for r in db.execute(f"SELECT text FROM passages_indexed WHERE id IN ({marks})", chunk)
        ]
    delta.added = word_passages(texts, tokenize)
    delta.removed = word_passages(removed, tokenize)
    delta.passages = len(texts) - len(removed)
    return delta


def word_passages(texts: list[str], tokenize: str) -> Counter:
    """How many of ``texts`` hold each word, as an FTS5 index with ``tokenize`` sees them."""
    if not texts:
        return Counter()
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{tokenize}', detail=none)")
        conn.execute("CREATE VIRTUAL TABLE t_vocab USING fts5vocab(t, 'row')")
        conn.executemany("INSERT INTO t(x) VALUES (?)", ((text,) for text in texts))
        return Counter(dict(conn.execute("SELECT term, doc FROM t_vocab")))
    finally:
        conn.close()


def trim(db: sqlite_utils.Database, upto: int) -> None:
    """Forget the log rows a stored snapshot now holds (inside the caller's write)."""
    db.execute("DELETE FROM search_vocabulary_log WHERE id <= ?", [upto])
