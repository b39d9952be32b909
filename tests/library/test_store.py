"""The store: schema steps run once each, even when several processes open a fresh store at once."""

from __future__ import annotations

import subprocess
import sys

from bot.library.store import all_migrations, open_db, schema_version

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
    db = open_db(path)  # up to date: the features are not imported by opening it
    steps = all_migrations()  # the store's own steps and every feature's
    listings = {out.strip() for out, _ in outputs}
    assert listings == {",".join(sorted(name for name, _ in steps))}
    assert schema_version(db) == len(steps)


def test_every_migration_is_recorded_once(db_path):
    db = open_db(db_path)
    names = [row[0] for row in db.execute("select name from _migrations")]
    assert len(names) == len(set(names)) == len(all_migrations())


FEATURES_IMPORTED = (
    "import sys; from bot.library.store import open_db; db = open_db(sys.argv[1]); "
    "print(sorted(m for m in ('bot.glossary.lookup', 'bot.recs.storing', 'bot.digest.content') "
    "if m in sys.modules))"
)


def _run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_up_to_date_store_opens_without_importing_the_features(tmp_path):
    path = tmp_path / "stamp.db"
    assert _run(FEATURES_IMPORTED, str(path)) != "[]"  # a new store: every step runs
    assert _run(FEATURES_IMPORTED, str(path)) == "[]"  # now it is up to date
    db = open_db(path)
    db.execute("UPDATE _schema_stamp SET code_stamp = 'other code'")
    db.conn.commit()
    db.close()
    # Other code brought it up to date last: the features are loaded and their steps checked.
    assert _run(FEATURES_IMPORTED, str(path)) != "[]"
    assert _run(FEATURES_IMPORTED, str(path)) == "[]"


def test_a_step_registered_after_the_stamp_still_runs(tmp_path):
    from bot.library import store

    path = tmp_path / "late.db"
    open_db(path).close()
    ran = []
    store.migration("zz_test_late_step")(lambda db: ran.append(True))
    try:
        db = open_db(path)
        assert ran == [True]
        assert db.execute("select 1 from _migrations where name = 'zz_test_late_step'").fetchone()
    finally:
        store.STEPS[:] = [m for m in store.STEPS if m[0] != "zz_test_late_step"]


INGEST_IN_FRESH_PROCESS = (
    "import sys; from pathlib import Path; from bot.library.store import open_db; "
    "from bot.library.ingest import ingest; db = open_db(sys.argv[1]); "
    "report = ingest(db, [Path(sys.argv[2])]); assert not report.failed, report.failed; "
    "print(db.execute('select count(*) from glossary_doc_defs where doc_id = ?', "
    "[report.added[0]]).fetchone()[0])"
)


def test_ingest_in_a_process_that_opened_an_up_to_date_store_runs_every_feature_hook(tmp_path):
    path = tmp_path / "hooks.db"
    open_db(path).close()
    doc = tmp_path / "agency.txt"
    doc.write_text(
        "The National Crime Agency (NCA) leads the fight against serious and organised crime. "
        "Regional organised crime units work with the NCA in every region of England.\n"
    )
    assert int(_run(INGEST_IN_FRESH_PROCESS, str(path), str(doc))) >= 1  # the glossary's hook ran


def test_ingest_names_the_catalogue_as_metadata_does():
    from bot.library import ingest, metadata

    assert ingest.CATALOGUE_NAME == metadata.CATALOGUE_NAME
    assert metadata.CATALOGUE_NAME in ingest.SIDECAR_NAMES
