"""The library glossary updates in place, with each document, and always equals a full rebuild."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.cli import cli
from bot.glossary import mined
from bot.library import ingest as ingest_mod
from bot.library.documents import document_texts
from bot.library.ingest import ingest, remove_document
from bot.library.store import open_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def snapshot(db) -> list[tuple]:
    """The library glossary as look-ups read it (dirty keys computed live)."""
    return sorted(
        (r["key"], r["acronym"], r["expansion"], r["method"], r["defined_in"])
        for r in mined.library_rows(db)
    )


def stored(db) -> list[tuple]:
    """The library glossary as the table holds it."""
    return sorted(
        (r["key"], r["acronym"], r["expansion"], r["method"], r["defined_in"])
        for r in db["glossary_library"].rows
    )


def entries(db) -> dict[str, tuple[str, str]]:
    return {r["acronym"]: (r["expansion"], r["method"]) for r in mined.library_rows(db)}


def assert_equals_rebuild(db) -> list[tuple]:
    """What look-ups read equals a full rebuild, before and after the dirty keys are
    recomputed (the end of a batch), and so does the table then."""
    before = snapshot(db)
    mined.refresh_dirty(db)
    assert not mined.dirty_keys(db)
    assert stored(db) == snapshot(db) == before
    mined.rebuild_library_glossary(db)
    assert stored(db) == before
    return before


TASKFORCE = "Joint Fraud Analysis Intelligence Taskforce"
USES_JFAIT = "Officers from JFAIT attended. JFAIT said little about the matter at all.\n"
SPELLS_JFAIT = (
    "The Joint Fraud Analysis Intelligence Taskforce was set up in 2015. Since then, the Joint "
    "Fraud Analysis Intelligence Taskforce has shared cases with banks.\n"
)
DEFINES_JFAIT = "We met the Joint Financial Abuse Investigation Team (JFAIT) on Tuesday.\n"
ROCUS = (
    "Regional Organised Crime Units (ROCUs) are funded by forces. The ROCUs share staff, and "
    "all ROCUs report to the NPCC.\n"
)


def test_adds_changes_and_removes_touch_the_glossary_as_a_rebuild_would(empty_db, tmp_path):
    db = empty_db
    folder = tmp_path / "docs"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    ingest(db, [SEEDS])
    seeded = assert_equals_rebuild(db)
    assert entries(db)["SOCA"][1] == "cross-library"  # the seeds spell it out already

    # a library of our own, where JFAIT is used in one document and spelled out in another
    db2 = open_db(tmp_path / "second.db")
    uses = write("uses.txt", USES_JFAIT)
    ingest(db2, [uses])
    assert "JFAIT" not in entries(db2)
    assert_equals_rebuild(db2)

    spells = write("spells.txt", SPELLS_JFAIT)
    ingest(db2, [spells])  # a document that never says "JFAIT" gives it an entry
    assert entries(db2)["JFAIT"] == (TASKFORCE, "cross-library")
    assert_equals_rebuild(db2)

    defines = write("defines.txt", DEFINES_JFAIT)
    ingest(db2, [defines])  # an inline definition wins over phrases spelling it
    assert entries(db2)["JFAIT"] == ("Joint Financial Abuse Investigation Team", "inline")
    assert_equals_rebuild(db2)

    write("defines.txt", "We met nobody on Tuesday.\n")
    ingest(db2, [defines])  # changed: the definition is gone, the cross-library match is back
    assert entries(db2)["JFAIT"] == (TASKFORCE, "cross-library")
    assert_equals_rebuild(db2)

    rocus = write("rocus.txt", ROCUS)
    ingest(db2, [rocus])
    assert entries(db2)["ROCU"] == ("Regional Organised Crime Unit", "inline")
    assert_equals_rebuild(db2)

    remove_document(db2, db2["documents"].get("spells")["id"])
    assert "JFAIT" not in entries(db2)  # nothing spells it any more
    assert_equals_rebuild(db2)

    spells.unlink()
    uses.unlink()
    ingest(db2, [folder], prune=True)
    assert set(entries(db2)) == {"ROCU"}
    assert_equals_rebuild(db2)
    db2.close()

    # the seed store was never touched by the other one
    assert snapshot(db) == seeded


def test_one_document_touches_only_its_own_entries(db, tmp_path):
    before = {r["acronym"]: r for r in db["glossary_library"].rows}
    path = tmp_path / "new.txt"
    path.write_text(
        "The Child Exploitation and Online Protection Agency (CEOPA) met the NCA.\n",
        encoding="utf-8",
    )
    touched = []
    original = mined.entries_for_keys
    try:
        mined.entries_for_keys = lambda db, keys: touched.extend(keys) or original(db, keys)
        ingest(db, [path])
    finally:
        mined.entries_for_keys = original
    assert "ceopa" in touched and "nca" in touched
    assert len(touched) < len(before) / 3  # not the whole glossary
    after = {r["acronym"]: r for r in db["glossary_library"].rows}
    assert after["CEOPA"]["expansion"] == "Child Exploitation and Online Protection Agency"
    assert {a: r for a, r in after.items() if a != "CEOPA"} == before


def test_an_exception_during_ingest_leaves_a_glossary_equal_to_a_rebuild(empty_db, monkeypatch):
    calls = []

    def failing_hook(db, doc_id, removed):
        calls.append(doc_id)
        if len(calls) == 3:  # an interruption: a bug in one file fails that file alone
            raise KeyboardInterrupt

    monkeypatch.setattr(ingest_mod, "DOCUMENT_HOOKS", [*ingest_mod.document_hooks(), failing_hook])
    with pytest.raises(KeyboardInterrupt):
        ingest(empty_db, [SEEDS])
    assert empty_db["documents"].count == 2  # the third rolled back, glossary and all
    assert snapshot(empty_db)  # the first two documents' entries are there
    assert mined.dirty_keys(empty_db)  # the batch never ended: look-ups read them live
    assert_equals_rebuild(empty_db)


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from bot.library import ingest as ingest_mod
    from bot.library.store import open_db

    def kill_on_third(db, doc_id, removed, seen=[]):
        seen.append(doc_id)
        if len(seen) == 3:  # inside the third document's transaction, after the glossary's hook
            os.kill(os.getpid(), signal.SIGKILL)

    db = open_db(sys.argv[1])
    ingest_mod.DOCUMENT_HOOKS.append(kill_on_third)
    ingest_mod.ingest(db, [sys.argv[2]])
    """
)


def _ingest_killed(store, folder) -> None:
    """Ingest ``folder`` into ``store`` in a child process that SIGKILLs itself mid-batch."""
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(store), str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_killed_ingest_leaves_a_glossary_equal_to_a_rebuild(tmp_path):
    store = tmp_path / "killed.db"
    _ingest_killed(store, SEEDS)
    db = open_db(store)
    assert db["documents"].count == 2
    assert mined.dirty_keys(db)  # killed before the batch's end: read live until then
    assert_equals_rebuild(db)
    ingest(db, [SEEDS])  # a re-run completes the library, and the glossary with it
    assert db["documents"].count == len(list(SEEDS.glob("*.txt")))
    assert not mined.dirty_keys(db)
    complete = assert_equals_rebuild(db)
    db.close()
    fresh = open_db(tmp_path / "fresh.db")
    ingest(fresh, [SEEDS])
    assert [row[1:4] for row in snapshot(fresh)] == [row[1:4] for row in complete]


def test_a_store_from_before_gets_its_facts_on_opening(db_path):
    db = open_db(db_path)
    ingest(db, [SEEDS])
    expected = snapshot(db)
    for table in ("glossary_doc_uses", "glossary_doc_defs", "glossary_doc_phrases"):
        db[table].drop()
    db.execute("delete from glossary_library")
    db.execute("delete from _migrations where name = 'glossary_incremental_facts'")
    db.close()
    reopened = open_db(db_path)
    assert snapshot(reopened) == expected
    assert reopened["glossary_doc_uses"].count


def test_a_store_whose_facts_an_older_finder_took_takes_them_again_on_opening(db_path):
    db = open_db(db_path)
    ingest(db, [SEEDS])
    expected = snapshot(db)
    db.execute("delete from glossary_doc_defs")  # as if an older finder had found nothing
    db.execute("delete from glossary_library")
    db.execute("delete from _migrations where name like 'glossary_finder_%'")
    db.close()
    assert snapshot(open_db(db_path)) == expected


def test_cli_rebuild(runner, db_path):
    db = open_db(db_path)
    ingest(db, [SEEDS])
    expected = snapshot(db)
    db.execute("delete from glossary_library")
    db.close()
    result = runner.invoke(cli, ["glossary", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert f"{len(expected)} entries" in result.output
    assert snapshot(open_db(db_path)) == expected
    as_json = runner.invoke(cli, ["glossary", "--rebuild", "--json"])
    assert json.loads(as_json.output)["entries"] == len(expected)


def test_a_documents_phrases_are_those_the_whole_text_gives(db):
    """The facts read phrases from the capitalised runs alone; the library's own acronyms must
    find the same phrases as ``phrases_spelling`` over the whole text."""
    from bot.glossary import acronyms

    wanted = {row["acronym"] for row in db["glossary_doc_uses"].rows if row["letters"]}
    assert len(wanted) > 10
    for doc_id, text in list(document_texts(db)):
        whole = acronyms.phrases_spelling(wanted | {"q" * mined.MAX_LETTERS}, [(doc_id, text)])
        stored: dict[str, dict] = {}
        for row in db["glossary_doc_phrases"].rows_where("doc_id = ?", [doc_id]):
            stored.setdefault(row["letters"], {})[row["phrase_key"]] = row["count"]
        for acronym in wanted:
            expected = {k: use.count for k, use in whole.get(acronym, {}).items()}
            assert stored.get(acronym.lower(), {}) == expected, (doc_id, acronym)


def test_a_killed_ingest_is_answered_right_before_any_repair(tmp_path):
    """Killed mid-batch, the stored entries lag behind the documents; ``define`` must not."""
    from bot.glossary.lookup import define

    store = tmp_path / "killed.db"
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(SPELLS_JFAIT, encoding="utf-8")
    (folder / "b.txt").write_text(USES_JFAIT, encoding="utf-8")
    (folder / "c.txt").write_text(ROCUS, encoding="utf-8")
    _ingest_killed(store, folder)
    db = open_db(store)
    assert "jfait" in mined.dirty_keys(db)
    assert "jfait" not in {r["key"] for r in db["glossary_library"].rows}  # not flushed
    [match] = define(db, "JFAIT", record=False).matches
    assert match.entry.expansion == TASKFORCE


def test_a_batch_recomputes_each_touched_entry_once_and_reads_them_live_meanwhile(
    empty_db, tmp_path, monkeypatch
):
    from bot.glossary.lookup import lookup_expansion

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(ROCUS, encoding="utf-8")
    (folder / "b.txt").write_text(ROCUS.replace("forces", "the Home Office"), encoding="utf-8")
    (folder / "c.txt").write_text(SPELLS_JFAIT + USES_JFAIT, encoding="utf-8")
    refreshes: list[list[str]] = []
    seen_meanwhile: list[str | None] = []
    original = mined._refresh

    def counting(db, keys):
        keys = list(keys)
        refreshes.append(keys)
        return original(db, keys)

    def look_after_each(db, doc_id, removed):
        seen_meanwhile.append(lookup_expansion(db, "ROCU"))

    monkeypatch.setattr(mined, "_refresh", counting)
    hooks = [*ingest_mod.document_hooks(), look_after_each]
    monkeypatch.setattr(ingest_mod, "DOCUMENT_HOOKS", hooks)
    ingest(empty_db, [folder])
    # inside the batch, look-ups already saw the first document's entry
    assert seen_meanwhile == ["Regional Organised Crime Unit"] * 3
    assert not mined.dirty_keys(empty_db)
    assert len(refreshes) == 1  # once, at the batch's end, each key once
    assert {"rocu", "jfait"} <= set(refreshes[0]) and refreshes[0].count("rocu") == 1
    monkeypatch.undo()
    assert entries(empty_db)["ROCU"] == ("Regional Organised Crime Unit", "inline")
    assert_equals_rebuild(empty_db)


def test_editing_a_documents_details_leaves_the_glossary_alone(db):
    from bot.library.ingest import edit_details

    before = stored(db)
    generation = db.execute("select generation from glossary_state").fetchone()[0]
    doc_id = db.execute("select id from documents order by id limit 1").fetchone()[0]
    assert edit_details(db, doc_id, {"title": "A new title"}) == ["title"]
    assert not mined.dirty_keys(db)
    assert db.execute("select generation from glossary_state").fetchone()[0] == generation
    assert stored(db) == before
