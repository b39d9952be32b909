"""A write kept later (``bot.library.later``) after the store was restored from a backup (round 18).

``later`` keeps one connection per store path for the process's life. A store *replaced* at the
same path (a new file renamed over it) would leave that connection writing into the old file,
which nobody reads. The product has one path that puts another store at the same path while an
app may run: ``rocu restore`` (``bot.library.backup.restore``), and it copies the backup *into*
the store's own file with SQLite's backup API, so every open connection, ``later``'s among them,
sees the restored store and writes into it. This pins that: a later write made after a restore
is in the store a fresh connection opens. The rows written here were made up for this test.
"""

from __future__ import annotations

from bot.library import backup, later, waits
from bot.library.store import open_db


def _note(file: str):
    def write(store) -> None:
        store.execute("INSERT INTO seed_log (file, seeded_at) VALUES (?, '2026-12-07')", [file])

    return write


def _keep(db, file: str) -> None:
    with waits.budget(2.0):  # a person is waiting: the write is handed to the later thread
        assert later.keep_later(db, _note(file), "a test note")
    assert later.wait_idle(15)


def _files(path) -> set[str]:
    return {row[0] for row in open_db(path).execute("SELECT file FROM seed_log").fetchall()}


def test_a_write_kept_later_after_a_restore_lands_in_the_restored_store(tmp_path, monkeypatch):
    monkeypatch.setattr(later, "KEEP_LATER", True)
    path = tmp_path / "rocu.db"
    db = open_db(path)
    db.execute("INSERT INTO seed_log (file, seeded_at) VALUES ('kept-before.txt', '2026-12-01')")
    saved = backup.backup(path, tmp_path / "saved.db")
    _keep(db, "noted-before-restore.txt")  # later's connection to this path is now open
    assert "noted-before-restore.txt" in _files(path)

    backup.restore(saved, path)  # the backup copied into the store's own file
    assert _files(path) == {"kept-before.txt"}
    _keep(db, "noted-after-restore.txt")  # through the connection opened before the restore
    assert _files(path) == {"kept-before.txt", "noted-after-restore.txt"}
