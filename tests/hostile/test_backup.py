"""Backups (issue 24): `rocu backup` copies the store consistently while it is written to,
`rocu restore` checks before replacing and keeps the old store aside, scheduled backups keep the
newest N, and a store on a disk the platform wipes is warned about. Statuses and notes here were
written for these tests."""

from __future__ import annotations

import os
import sqlite3
import threading
import time

from bot.cli import cli
from bot.library import backup as backups
from bot.library.store import open_db
from bot.recs.tracker import list_recommendations, set_status


def statuses(path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("select rowid, note from recommendation_status_log").fetchall()
    finally:
        conn.close()
    return {str(rowid): note for rowid, note in rows}


def test_a_backup_taken_while_statuses_are_written_is_whole_and_holds_what_was_committed(
    db, db_path, tmp_path
):
    rec_ids = [r.id for r in list_recommendations(db)][:5]
    committed: list[str] = []
    stop = threading.Event()

    def writer():
        writing = open_db(db_path)
        n = 0
        while not stop.is_set():
            n += 1
            set_status(writing, rec_ids[n % len(rec_ids)], "in-progress", note=f"step {n}")
            committed.append(f"step {n}")
        writing.close()

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.3)
    before = list(committed)  # committed before the backup started
    made = backups.backup(db_path, tmp_path / "copy.db")
    stop.set()
    thread.join()
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    notes = set(statuses(made).values())
    assert before and set(before) <= notes


def test_backup_and_restore_round_trip_through_the_command_line(runner, db_path, tmp_path):
    assert runner.invoke(cli, ["docs"]).exit_code == 0  # seeds the store
    db = open_db(db_path)
    rec = list_recommendations(db)[0]
    set_status(db, rec.id, "accepted", note="kept in the backup")
    db.close()
    result = runner.invoke(cli, ["backup", str(tmp_path / "saved.db")])
    assert result.exit_code == 0 and "integrity ok" in result.output
    db = open_db(db_path)
    set_status(db, rec.id, "rejected", note="made after the backup")
    db.close()
    result = runner.invoke(cli, ["restore", str(tmp_path / "saved.db")])
    assert result.exit_code == 0, result.output
    assert "kept at" in result.output
    notes = set(statuses(db_path).values())
    assert "kept in the backup" in notes and "made after the backup" not in notes
    aside = [p for p in tmp_path.iterdir() if "before-restore" in p.name]
    assert len(aside) == 1 and "made after the backup" in set(statuses(aside[0]).values())


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(runner, db_path, tmp_path):
    assert runner.invoke(cli, ["docs"]).exit_code == 0
    before = db_path.read_bytes()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50 + b"not really a database" * 100)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table notes (text)")
    conn.commit()
    conn.close()
    for path, words in ((junk, "not a readable"), (other, "not a rocu store")):
        result = runner.invoke(cli, ["restore", str(path)])
        assert result.exit_code == 1 and words in result.output
        assert "Traceback" not in result.output
    assert db_path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if "before-restore" in p.name]


def test_scheduled_backups_keep_the_newest(db, db_path, tmp_path):
    folder = tmp_path / "backups"
    scheduled = backups.Backups(db_path, folder, every_hours=24, keep=2)
    assert scheduled.due()
    made = []
    for n in range(3):
        path = scheduled.take()
        os.utime(path, (time.time() - 100 + n, time.time() - 100 + n))
        made.append(path)
    assert backups.backups_in(folder) == made[1:]
    assert not scheduled.due()


def test_warnings_name_a_wiped_disk_and_a_missing_backup(db_path, tmp_path):
    assert backups.warnings(db_path, {}) == []
    heroku = backups.warnings(db_path, {"DYNO": "web.1"})
    assert len(heroku) == 1 and "Heroku" in heroku[0] and "wiped" in heroku[0]
    stale = backups.warnings(db_path, {"ROCU_BACKUP_DIR": str(tmp_path / "none")})
    assert "No backup" in stale[0]
