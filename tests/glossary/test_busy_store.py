"""Writes that read first must not fail when another writer commits in between.

A deferred transaction (``BEGIN``) that reads before it writes holds a snapshot; if another
connection commits meanwhile, SQLite refuses the write at once ("database is locked", no
waiting). Teaching, forgetting, the missing-term log and the recommendation status log wrote that
way, so `/rocu define X = Y` then `/rocu define X` could answer "the store is busy". Here another
connection writes exactly when our connection starts its first write statement: a transaction
that took the write lock up front (``BEGIN IMMEDIATE``) shuts it out, a deferred one fails.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3

import pytest

from bot.console import Console
from bot.glossary.lookup import define
from bot.glossary.misses import missing_terms, record_miss
from bot.glossary.team import forget, teach
from bot.library.store import open_db


@pytest.fixture
def interfered(db_path):
    """A store whose every write statement is preceded by another connection's commit (when
    that connection can get the write lock at once)."""
    db = open_db(db_path)
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    counter = itertools.count()
    slipped_in = []

    def interfere(sql: str) -> None:
        if not sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
            return
        try:
            other.execute("update glossary_state set built_at = ? where id = 1", [next(counter)])
            slipped_in.append(sql)
        except sqlite3.OperationalError:  # our connection holds the write lock: as it should
            pass

    db.conn.set_trace_callback(interfere)
    yield db, slipped_in
    db.conn.set_trace_callback(None)
    other.close()
    db.close()


def test_teaching_forgetting_and_the_miss_log_hold_the_write_lock_before_reading(interfered):
    db, slipped_in = interfered
    teach(db, "QQX", "Quick Quiet Xylophone", user="U1")
    [match] = define(db, "QQX", record=False).matches
    assert match.entry.expansion == "Quick Quiet Xylophone"
    assert record_miss(db, "ZZQW", "U1")
    assert forget(db, "QQX")
    assert not define(db, "QQX", record=False).matches
    assert not slipped_in  # no other write got between our reads and our writes
    db.conn.set_trace_callback(None)
    assert "ZZQW" in missing_terms(db, dt.datetime(2000, 1, 1))


def test_the_console_teaches_then_answers_while_another_writer_is_busy(interfered):
    db, _ = interfered
    console = Console(db)
    taught = console.answer("/rocu define QQX = Quick Quiet Xylophone")
    looked_up = console.answer("/rocu define QQX")
    missing = console.answer("/rocu define ZZQW")
    for answer in (taught, looked_up, missing):
        assert "busy" not in answer.lower(), answer
    assert "Saved the team entry" in taught
    assert "Quick Quiet Xylophone" in looked_up
    assert "Noted as a missing term" in missing


def test_a_miss_is_not_noted_rather_than_fail_when_the_store_stays_busy(db_path, monkeypatch):
    """The look-up's answer matters more than its log line: a store that stays locked costs the
    log entry, never the answer."""
    from bot.glossary import misses

    db = open_db(db_path)
    monkeypatch.setattr(misses, "MISS_WAIT", 0.1)
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process mid-write, for longer than we wait
    db.conn.execute("PRAGMA busy_timeout = 100")
    try:
        result = define(db, "ZZQW")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert not result.matches and not result.error
    assert result.recorded is False


def test_a_recommendation_status_waits_for_another_writer(db, interfered):
    """The recommendation status log had the same deferred read-then-write."""
    from bot.recs.tracker import list_recommendations, set_status

    store, slipped_in = interfered  # the seeded store, through a connection that is interfered
    rec = list_recommendations(store)[0]
    updated = set_status(store, rec.id, "accepted", by="alice")
    assert updated.status == "accepted"
    assert not slipped_in
