"""The store under faults a real deployment meets: a first start that races the digest, a seeding
cut short, a damaged or unopenable store, careless --prune, two writers at once, two files that
share a name."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot import commands
from bot.cli import cli
from bot.digest import scheduler as sc
from bot.library import ingest as ingest_mod
from bot.library.documents import document_text, get_document, list_documents
from bot.library.ingest import PruneRefused, ensure_seeded, ingest, pending_seeds
from bot.library.store import StoreError, open_db, quick_check

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FRIDAY_NINE = dt.datetime(2020, 3, 20, 9, 0, tzinfo=dt.UTC)  # after the 08:00 digest time


def seed_count() -> int:
    return len([p for p in SEEDS.iterdir() if p.suffix == ".txt"])


# -- first start --------------------------------------------------------------------------------


def test_no_digest_about_an_empty_library(empty_db):
    posted = []
    outcome = sc.run_due(empty_db, "C1", lambda c, d: posted.append(d) or "ts", now=FRIDAY_NINE)
    assert outcome.status == "library_not_ready" and posted == []
    assert sc.posted(empty_db, "C1", FRIDAY_NINE.date()) is None  # not logged as sent


def test_no_digest_while_seeding_is_unfinished(empty_db):
    first = sorted(SEEDS.glob("*.txt"))[0]
    ingest(empty_db, [first])  # documents exist, but the seed library is not complete
    empty_db["seed_log"].insert({"file": first.name, "seeded_at": "2020-03-20"})
    assert pending_seeds(empty_db)
    outcome = sc.run_due(empty_db, "C1", lambda c, d: "ts", now=FRIDAY_NINE)
    assert outcome.status == "library_not_ready"
    ensure_seeded(empty_db)
    assert sc.run_due(empty_db, "C1", lambda c, d: "ts", now=FRIDAY_NINE).status == "posted"


def test_interrupted_seeding_is_completed_at_the_next_start(empty_db, monkeypatch):
    real, calls = ingest_mod.ingest_file, []

    def crash_after_two(db, path, entry=None):
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process is stopped mid-seed
        calls.append(path)
        return real(db, path, entry)

    monkeypatch.setattr(ingest_mod, "ingest_file", crash_after_two)
    with pytest.raises(KeyboardInterrupt):
        ensure_seeded(empty_db)
    assert len(list_documents(empty_db)) == 2
    monkeypatch.setattr(ingest_mod, "ingest_file", real)
    report = ensure_seeded(empty_db)
    assert report is not None and not report.failed
    assert len(list_documents(empty_db)) == seed_count()
    assert ensure_seeded(empty_db) is None  # nothing left to do


def test_a_seed_document_removed_on_purpose_stays_removed(db):
    doc = list_documents(db)[0]
    ingest_mod.remove_document(db, doc.id)
    assert ensure_seeded(db) is None
    assert get_document(db, doc.id) is None


def test_two_processes_starting_on_an_empty_store_seed_it_once(db_path):
    script = textwrap.dedent(
        f"""
        from bot.library.ingest import ensure_seeded
        from bot.library.store import open_db
        db = open_db({str(db_path)!r})
        ensure_seeded(db)
        print(db["documents"].count)
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0]
    assert outputs == [str(seed_count())] * 3
    db = open_db(db_path)
    assert db["documents"].count == seed_count()
    assert db.execute("select count(*) from passages").fetchone()[0] > 0


# -- a damaged store ----------------------------------------------------------------------------


def test_a_file_that_is_not_a_store_is_one_sentence_on_the_cli(runner, db_path):
    db_path.write_bytes(b"this is not a database, just some text" * 100)
    result = runner.invoke(cli, ["docs"], obj={})
    assert result.exit_code == 1
    assert "damaged" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert db_path.read_bytes().startswith(b"this is not a database")  # never re-seeded over


def test_an_unopenable_store_is_one_sentence(runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(cli, ["--db", str(blocker / "sub" / "rocu.db"), "docs"], obj={})
    assert result.exit_code == 1 and "cannot be opened" in result.output
    assert "Traceback" not in result.output


def test_a_store_damaged_after_opening_answers_with_a_sentence(db, db_path):
    db.close()
    data = bytearray(db_path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header
        data[offset + 100 : offset + 400] = b"\xff" * 300
    db_path.write_bytes(bytes(data))
    try:
        damaged = open_db(db_path)
    except StoreError as exc:
        assert "damaged" in str(exc)
        return
    assert quick_check(damaged) is not None
    reply = commands.dispatch(damaged, "search county lines")
    assert reply.kind in ("error", "search", "empty")
    if reply.kind == "error":
        assert not reply.public and "damaged" in reply.data


def test_a_zero_byte_store_is_set_up_and_says_so(db_path, caplog):
    db_path.write_bytes(b"")
    with caplog.at_level("WARNING", logger="rocu.store"):
        db = open_db(db_path)
    assert "empty file" in caplog.text
    assert ensure_seeded(db) is not None


# -- prune --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["missing", "empty", "file"])
def test_prune_refuses_a_folder_that_would_look_all_gone(db, tmp_path, kind):
    before = len(list_documents(db))
    target = tmp_path / "target"
    if kind == "empty":
        target.mkdir()
    elif kind == "file":
        target.write_text("a note\n")
    with pytest.raises(PruneRefused):
        ingest(db, [target], prune=True)
    assert len(list_documents(db)) == before


def test_prune_only_touches_documents_under_the_folders_given(db, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        (folder / f"{folder.name}-a.txt").write_text(f"Paper {folder.name} a.\n\nSome words.\n")
        (folder / f"{folder.name}-b.txt").write_text(f"Paper {folder.name} b.\n\nMore words.\n")
    ingest(db, [one, two])
    db["documents"].update(get_document(db, "one-b").id, {"path": "https://example.org/b"})
    (one / "one-a.txt").unlink()
    (two / "two-a.txt").unlink()
    report = ingest(db, [one], prune=True)
    assert report.pruned == ["one-a"]
    assert get_document(db, "two-a") is not None  # another folder: untouched
    assert get_document(db, "one-b") is not None  # from a URL: untouched
    assert len([d for d in list_documents(db) if d.file.endswith(".txt")]) >= seed_count()


def test_prune_refusal_is_one_line_on_the_cli(runner, tmp_path):
    result = runner.invoke(cli, ["ingest", str(tmp_path / "nope"), "--prune"], obj={})
    assert result.exit_code == 1 and "nothing was pruned" in result.output
    assert "Traceback" not in result.output


# -- identity and concurrency -------------------------------------------------------------------


def test_a_same_named_file_from_another_folder_is_another_document(empty_db, tmp_path):
    first, second = tmp_path / "a" / "report.txt", tmp_path / "b" / "report.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("The first report.\n\nIt is about county lines.\n")
    second.write_text("The second report.\n\nIt is about fraud.\n")
    ingest(empty_db, [first])
    shutil.rmtree(first.parent)  # the first file's folder is gone
    report = ingest(empty_db, [second])
    assert len(report.added) == 1 and len(list_documents(empty_db)) == 2
    texts = {d.id: document_text(empty_db, d.id) for d in list_documents(empty_db)}
    assert any("county lines" in t for t in texts.values())


def test_two_ingests_at_once_both_finish(db_path, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(30):
        (folder / f"note-{n:02}.txt").write_text(
            f"Note {n}.\n\n" + f"Paragraph about topic {n} and regional crime units. " * 40
        )
    open_db(db_path).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "--db", str(db_path), "ingest", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-500:] for _, err in results]
    db = open_db(db_path)
    assert db["documents"].count == 30
    rows = db.execute("select doc_id, count(*) from passages group by doc_id").fetchall()
    assert len(rows) == 30


def test_slack_answer_for_an_unusable_store_is_the_sentence(tmp_path):
    from bot.slack.app import Library, answer

    path = tmp_path / "rocu.db"
    path.write_bytes(b"not a database at all" * 200)
    reply = answer(Library(path), "search county lines", commands.Context(user="U1"))
    assert reply.kind == "error" and not reply.public
    assert "damaged" in reply.data and "Sorry" not in reply.data


# -- two editors at once ------------------------------------------------------------------------


def test_two_editors_saving_at_once_both_keep_their_change(db, db_path):
    """An edit reads the document's details and writes them back: it must read under the write
    lock, or an edit saved meanwhile by another connection is undone (here: 'title' would be
    marked guessed again by the second editor's stale read)."""
    import threading
    import time

    from bot.library.ingest import edit_details
    from bot.library.store import writing

    doc_id = "rocu-questions-2017"
    db["documents"].update(doc_id, {"guessed": '["title", "author"]'})
    other = open_db(db_path)
    done = []
    with writing(other):
        other["documents"].update(
            doc_id, {"title": "Set by the first editor", "guessed": '["author"]'}
        )
        second = threading.Thread(
            target=lambda: done.append(edit_details(open_db(db_path), doc_id, {"author": "B"}))
        )
        second.start()
        time.sleep(0.3)  # the second editor reads now, while the first has not committed
    second.join(10)
    row = get_document(db, doc_id)
    assert done == [["author"]]
    assert row.title == "Set by the first editor" and row.author == "B"
    assert db.execute("select guessed from documents where id = ?", [doc_id]).fetchone()[0] == "[]"
