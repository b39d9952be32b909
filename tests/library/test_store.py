"""The store: schema steps run once each, even when several processes open a fresh store at once."""

from __future__ import annotations

import subprocess
import sys

from bot.library.store import MIGRATIONS, open_db, schema_version

OPEN_AND_LIST = (
    "import sys; from bot.library.store import open_db; db = open_db(sys.argv[1]); "
    "print(','.join(r[0] for r in db.execute('select name from _migrations order by name')))"
)


def test_processes_racing_to_create_a_store_each_step_runs_once(tmp_path):
    path = tmp_path / "race.db"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_LIST, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 6, [err for _, err in outputs]
    db = open_db(path)  # also loads every feature's steps into MIGRATIONS
    listings = {out.strip() for out, _ in outputs}
    assert listings == {",".join(sorted(name for name, _ in MIGRATIONS))}
    assert schema_version(db) == len(MIGRATIONS)


def test_every_migration_is_recorded_once(db_path):
    db = open_db(db_path)
    names = [row[0] for row in db.execute("select name from _migrations")]
    assert len(names) == len(set(names)) == len(MIGRATIONS)
