"""Why ``test_the_same_file_sent_four_times_at_once_is_stored_once`` failed now and then with
"database is locked" under load (round 17), reproduced without load (round 18).

The test's last step checks the passage index with a write on the full-text table
(``INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')``) on a connection of its
own, as ``open_db`` opens them: Python's sqlite3 then wraps the write in a *deferred* ``BEGIN``.
When another connection has changed the store's schema since this one last used the full-text
table, and this connection has read the new schema meanwhile, the statement first connects to the
full-text table again, which reads its settings: a read transaction. Taking the write lock after
that is an upgrade, and SQLite does not wait for an upgrade (its busy timeout is not used): with
another writer holding the lock at that moment (in the test, the app writing its bookkeeping
after the four answers), the write fails at once with "database is locked". Through the store's
own write path (``store.writing``: the lock file, then ``BEGIN IMMEDIATE``, which takes the write
lock before anything is read) it waits for the other writer and succeeds. The product's writes to
the full-text tables all go that way (ingest, removals, schema steps); the test's check now does
too. The rows written here were made up for this test.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from bot.library.store import open_db, writing

CHECK = "INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')"
HELD = 1.0  # seconds the other writer holds the lock


def _store(tmp_path):
    path = tmp_path / "rocu.db"
    mine = open_db(path)
    mine.execute(
        "INSERT INTO documents (id, file, path, content_hash, rest) "
        "VALUES ('notes', 'notes.txt', 'notes.txt', 'h', '')"
    )
    mine.execute(
        "INSERT INTO passages (doc_id, ordinal, text, start, end) "
        "VALUES ('notes', 0, 'The Quillbrook panel met and agreed its plan.', 0, 45)"
    )
    mine.conn.execute("PRAGMA busy_timeout = 30000")
    mine.execute(CHECK)  # this connection has used the full-text table
    other = open_db(path)
    other.execute("CREATE TABLE IF NOT EXISTS kept_by_another_process (x)")  # the schema changes
    mine.execute("INSERT INTO seed_log (file, seeded_at) VALUES ('notes.txt', '2026-12-07')")
    return path, mine


def _held_meanwhile(path, write) -> tuple[Exception | None, float]:
    """Run ``write()`` while another connection holds the write lock for ``HELD`` seconds;
    (what it raised, how long it took)."""
    holding, done = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        holding.set()
        done.wait(HELD)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(10)
    started, raised = time.monotonic(), None
    try:
        write()
    except sqlite3.OperationalError as exc:
        raised = exc
    took = time.monotonic() - started
    done.set()
    holder.join()
    return raised, took


def test_a_deferred_write_to_the_full_text_table_fails_at_once_behind_another_writer(tmp_path):
    path, mine = _store(tmp_path)
    raised, took = _held_meanwhile(path, lambda: mine.execute(CHECK))
    if raised is None:  # a SQLite that waits here too: nothing left to show
        pytest.skip("this SQLite waits for the lock on this path")
    assert "database is locked" in str(raised)
    assert took < HELD / 2  # it did not wait for the other writer


def test_through_the_stores_write_path_it_waits_and_succeeds(tmp_path):
    path, mine = _store(tmp_path)

    def check() -> None:
        with writing(mine):
            mine.execute(CHECK)

    raised, took = _held_meanwhile(path, check)
    assert raised is None
    assert took >= HELD / 2  # it waited for the other writer, then wrote
