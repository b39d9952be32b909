"""The console and the command line behind another writer (round 16).

Round 15 gave every write a person waits on in Slack a budget; the console (``rocu shell``, and
``rocu start`` without Slack) and the command line had none: behind ``rocu ingest`` storing a
document, a backup or a second app, ``recs --set-status`` or teaching a definition waited the lock
file's 120 s and then SQLite's 10 s busy timeout, and said nothing meanwhile; a status set at the
console behind a lock held past SQLite's wait ended the console with a traceback. Now a write that
waits ``waits.NOTICE_AFTER`` seconds says so once, and a line gives up after
``waits.TERMINAL_BUDGET`` seconds with one sentence; nothing is stored twice.

The lock is held by a second connection (and the lock file by a second open file) on a thread
(``holders.Holder``). The notes and terms typed here were written for these tests.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import time

import pytest
from click.testing import CliRunner
from holders import HOLDS, Holder

from bot import console as console_mod
from bot.cli import cli
from bot.library import store, waits
from bot.recs.tracker import list_recommendations

WAITING = "busy with another write"


class Timed(io.StringIO):
    """A stream that remembers when it was first written to."""

    first_at: float | None = None

    def write(self, text: str) -> int:
        if self.first_at is None and text.strip():
            self.first_at = time.monotonic()
        return super().write(text)


def status_rows(path, rec_id: str) -> list:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "select status, note from recommendation_status_log where rec_id = ?", [rec_id]
        ).fetchall()


@pytest.fixture
def rec(db):
    return list_recommendations(db, "doc:pac-soc-2019")[1]


@pytest.mark.parametrize("how", HOLDS)
def test_the_console_says_it_waits_then_sets_the_status_once(db, db_path, rec, how):
    told = Timed()
    shell = console_mod.Console(db, notices=told)
    with Holder(db_path, how, held=3.0) as holder:
        said = shell.answer(f"recs --set-status {rec.id} accepted --note quokka board agreed")
    assert WAITING in told.getvalue() and told.getvalue().count(WAITING) == 1
    assert told.first_at < holder.released_at  # told while it waited, not after
    assert said.startswith("Recorded: accepted")
    assert status_rows(db_path, rec.id) == [("accepted", "quokka board agreed")]


@pytest.mark.parametrize("how", HOLDS)
def test_the_console_gives_up_with_one_sentence_after_its_budget(
    db, db_path, rec, how, monkeypatch
):
    monkeypatch.setattr(waits, "TERMINAL_BUDGET", 2.0)
    told = Timed()
    shell = console_mod.Console(db, notices=told)
    with Holder(db_path, how) as holder:
        said = shell.answer(f"recs --set-status {rec.id} rejected --note quokka board declined")
        answered = time.monotonic()
    assert answered < holder.released_at  # it did not wait the lock out
    assert said == store.BUSY
    assert WAITING in told.getvalue()
    assert status_rows(db_path, rec.id) == []
    again = shell.answer(f"recs --set-status {rec.id} rejected --note quokka board declined")
    assert again.startswith("Recorded: rejected")
    assert status_rows(db_path, rec.id) == [("rejected", "quokka board declined")]


def test_a_status_past_sqlites_own_wait_is_stored_not_a_crash(db, db_path, rec):
    """SQLite's lock held (no lock file) past the store's busy timeout (cut to 1.5 s here for
    the test's sake): the status set at the console raised "database is locked" out of the
    console, ending it with a traceback. Now it waits, told, within its budget."""
    db.conn.execute("PRAGMA busy_timeout = 1500")
    told = Timed()
    shell = console_mod.Console(db, notices=told)
    with Holder(db_path, "sqlite", held=4.0):
        said = shell.answer(f"recs --set-status {rec.id} accepted")
    assert WAITING in told.getvalue()
    assert said.startswith("Recorded: accepted")
    assert status_rows(db_path, rec.id) == [("accepted", None)]


def test_the_console_teaches_a_definition_behind_a_writer_and_says_it_waited(db, db_path):
    told = Timed()
    shell = console_mod.Console(db, notices=told)
    with Holder(db_path, "both", held=2.5):
        said = shell.answer("define QQZW = Quokka Quay Zone Watch")
    assert WAITING in told.getvalue()
    assert "Quokka Quay Zone Watch" in shell.answer("define QQZW")
    assert "busy" not in said.lower()


def test_a_quick_line_says_nothing_about_waiting(db, db_path, rec):
    told = Timed()
    shell = console_mod.Console(db, notices=told)
    shell.answer(f"recs --set-status {rec.id} accepted")
    shell.answer("define ROCU")
    assert told.getvalue() == ""


def test_not_told_when_switched_off(db, db_path, rec, monkeypatch):
    monkeypatch.setattr(waits, "NOTICE_AFTER", None)
    told = Timed()
    shell = console_mod.Console(db, notices=told)
    with Holder(db_path, "both", held=2.0):
        said = shell.answer(f"recs --set-status {rec.id} accepted")
    assert told.getvalue() == "" and said.startswith("Recorded")


@pytest.mark.parametrize("how", HOLDS)
def test_the_command_line_says_it_waits_on_stderr_then_sets_the_status(runner, db_path, how):
    from bot.library.store import open_db

    db = open_db(db_path)
    rec_id = list_recommendations(db, "doc:pac-soc-2019")[1].id
    db.close()
    with Holder(db_path, how, held=3.0):
        result = CliRunner().invoke(
            cli, ["recs", "--set-status", rec_id, "implemented", "--note", "quokka done"], obj={}
        )
    assert result.exit_code == 0, result.output
    assert WAITING in result.stderr and WAITING not in result.stdout
    assert status_rows(db_path, rec_id) == [("implemented", "quokka done")]


@pytest.mark.parametrize("how", HOLDS)
def test_the_command_line_gives_up_after_its_budget_with_one_sentence(
    runner, db_path, how, monkeypatch
):
    from bot.library.store import open_db

    monkeypatch.setattr(waits, "TERMINAL_BUDGET", 2.0)
    db = open_db(db_path)
    rec_id = list_recommendations(db, "doc:pac-soc-2019")[1].id
    db.close()
    with Holder(db_path, how) as holder:
        result = CliRunner().invoke(cli, ["recs", "--set-status", rec_id, "rejected"], obj={})
        answered = time.monotonic()
    assert answered < holder.released_at
    assert result.exit_code == 1
    assert store.BUSY in result.stderr and "Traceback" not in result.output
    assert status_rows(db_path, rec_id) == []


def test_an_ingest_says_it_waits_its_turn_and_then_stores(runner, db_path, tmp_path):
    """A long job (``bot.cli.group.LONG_JOBS``) says it waits, with no limit named, and waits."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "quokka-lanes-note.txt").write_text(
        "Quokka Lanes Note\n\nThe lanes team met on Tuesday and agreed a winter rota for the "
        "gritting lorries across the three parishes.\n"
    )
    with Holder(db_path, "both", held=2.5):
        result = CliRunner().invoke(cli, ["ingest", str(folder)], obj={})
    assert result.exit_code == 0, result.output
    assert WAITING in result.stderr and "up to" not in result.stderr
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        stored = conn.execute(
            "select count(*) from documents where file = ?", ["quokka-lanes-note.txt"]
        )
        assert stored.fetchone()[0] == 1
