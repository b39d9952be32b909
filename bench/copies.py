"""One copy of each document (issue 25): what re-adding real documents does to the library.

    python bench/copies.py [FOLDER ...] [--code DIR] [--work DIR]

FOLDER defaults to ``corpora/real-docs`` and ``corpora/real-docs-2`` of the shared material
(``../shared`` beside the checkout, or ``/work/shared``). One fresh store (no seed library), the
real ingest, every hook included:

1. ``ingest`` the folders, then 2. ``ingest`` them again;
3. every file again under another name (``copy of NAME``) in another folder;
4. every document's cleaned text as a ``.txt`` file (the same text in another format);
5. every file added as a link would be (``add_bytes`` with an ``https://`` source) to that
   same library, then the same links again, then from other links (a mirror);
6. (this code only) the library of step 1 with every document stored twice (as a store made
   before copies were refused may be), searched with 40 four-word phrases taken at random from
   its passages, then opened with this code (the one-off merge step runs), and searched again:
   how many answers show a passage twice in their top 10.

``--code DIR`` runs the ``bot`` package of another checkout (e.g. main before this change).
Prints documents before/after and seconds for each step, as a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(CODE.resolve()))


def default_folders() -> list[Path]:
    for shared in (ROOT.parent / "shared", ROOT.parents[1] / "shared", Path("/work/shared")):
        found = [shared / "corpora" / name for name in ("real-docs", "real-docs-2")]
        if all(f.is_dir() for f in found):
            return found
    raise SystemExit("no real-docs folders found: give FOLDER arguments")


def fresh_store(work: Path, name: str):
    from bot.wiring import open_store

    path = work / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return open_store(path)


def documents(db) -> int:
    return db["documents"].count


def outcome(report) -> str:
    counts = report.counts()
    parts = [f"{counts[k]} {k}" for k in ("added", "updated", "unchanged", "failed")]
    parts.append(f"{len(getattr(report, 'duplicates', []))} refused as copies")
    return ", ".join(parts)


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def files_of(folders: list[Path]) -> list[Path]:
    """The documents of the folders (their SOURCES.md tables are not documents)."""
    from bot.library import ingest

    found = ingest.collect_files(folders, ingest.IngestReport())
    return [path for path in found if path.name != "SOURCES.md"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--code", help="the checkout whose bot package runs (default: this one)")
    parser.add_argument("--work", type=Path, help="where stores and copies go (default: a tmp)")
    parser.add_argument("--limit", type=int, help="only the N smallest files (a quicker run)")
    args = parser.parse_args()
    folders = [f.resolve() for f in (args.folders or default_folders())]
    work = args.work or Path(tempfile.mkdtemp(prefix="rocu-copies-"))
    work.mkdir(parents=True, exist_ok=True)
    empty_seeds = work / "no-seeds"
    empty_seeds.mkdir(exist_ok=True)
    os.environ["ROCU_SEEDS"] = str(empty_seeds)
    os.environ.pop("ROCU_KEEP_COPIES", None)

    from bot.library import documents as docs_mod
    from bot.library.adding import add_bytes
    from bot.library.ingest import ingest

    files = files_of(folders)
    if args.limit:
        files = sorted(files, key=lambda p: (p.stat().st_size, p.name))[: args.limit]
    rows: list[tuple[str, int, int, float, str]] = []
    import bot

    where = Path(bot.__file__).parent.parent
    print(f"code: {where}; {len(files)} files in {', '.join(str(f) for f in folders)}", flush=True)

    db = fresh_store(work, "library")
    report, seconds = timed(lambda: ingest(db, files))
    rows.append(("1. ingest the folders", 0, documents(db), seconds, outcome(report)))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(work / "library.db", work / "first.db")  # for step 6
    before = documents(db)
    report, seconds = timed(lambda: ingest(db, files))
    rows.append(("2. ingest them again", before, documents(db), seconds, outcome(report)))

    renamed = work / "renamed"
    shutil.rmtree(renamed, ignore_errors=True)
    renamed.mkdir()
    for path in files:
        shutil.copyfile(path, renamed / f"copy of {path.name}")
    before = documents(db)
    report, seconds = timed(lambda: ingest(db, [renamed]))
    label = "3. each file under another name"
    rows.append((label, before, documents(db), seconds, outcome(report)))

    as_text = work / "as-text"
    shutil.rmtree(as_text, ignore_errors=True)
    as_text.mkdir()
    for doc_id, text in docs_mod.document_texts(db, [r[0] for r in first_ids(work)]):
        (as_text / f"{doc_id}-as-text.txt").write_text(text)
    before = documents(db)
    report, seconds = timed(lambda: ingest(db, [as_text]))
    rows.append(("4. each text as a .txt file", before, documents(db), seconds, outcome(report)))

    for label, base in (
        ("5a. add each file from a link", "https://bench.invalid/"),
        ("5b. add the same links again", "https://bench.invalid/"),
        ("5c. add each from another link", "https://mirror.invalid/"),
    ):
        before, tally = documents(db), {}
        started = time.perf_counter()
        for path in files:
            try:
                added = add_bytes(db, path.read_bytes(), path.name, source=base + path.name)
            except Exception as exc:  # noqa: BLE001 - a bench counts failures
                tally["failed"] = tally.get("failed", 0) + 1
                print(f"  {path.name}: {exc}", flush=True)
                continue
            tally[added.outcome] = tally.get(added.outcome, 0) + 1
        seconds = time.perf_counter() - started
        said = ", ".join(f"{n} {k}" for k, n in sorted(tally.items()))
        rows.append((label, before, documents(db), seconds, said))
    db.close()

    if (CODE / "bot" / "library" / "merging.py").exists():
        rows += merge_step(work)

    print("\n| step | documents before | after | seconds | outcome |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, before, after, seconds, said in rows:
        print(f"| {label} | {before} | {after} | {seconds:.1f} | {said} |")


def first_ids(work: Path) -> list[tuple[str]]:
    """The ids of the documents step 1 stored."""
    import sqlite3

    with sqlite3.connect(work / "first.db") as conn:
        return conn.execute("select id from documents order by id").fetchall()


def merge_step(work: Path) -> list:
    """The library of step 1 holding every document twice (each copy an exact duplicate, as a
    store made before copies were refused could hold), searched, merged by the one-off step as
    when this code first opens such a store, and searched again."""
    import sqlite3

    from bot.library import copies
    from bot.library.store import open_db
    from bot.search.ranking import search

    older = work / "older.db"
    shutil.copyfile(work / "first.db", older)
    conn = sqlite3.connect(older)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
    values = ["id || '-2'" if c == "id" else "path || '#2'" if c == "path" else c for c in columns]
    conn.execute(
        f"INSERT INTO documents ({', '.join(columns)}) SELECT {', '.join(values)} FROM documents"
    )
    conn.execute(
        "INSERT INTO passages (doc_id, ordinal, text, start, end, speaker, context, "
        "context_title) "
        "SELECT doc_id || '-2', ordinal, text, start, end, speaker, context, "
        "context_title FROM passages "
        "ORDER BY id"
    )
    conn.execute("DELETE FROM _migrations WHERE name = 'copies_merge_exact_copies'")
    conn.execute("DELETE FROM _schema_stamp")
    conn.commit()
    conn.close()

    rng = random.Random(25)
    with sqlite3.connect(work / "first.db") as conn:
        texts = [row[0] for row in conn.execute("select text from passages order by id")]
    queries = []
    while len(queries) < 40:
        seq = copies.words(rng.choice(texts))
        if len(seq) >= 12:
            start = rng.randrange(0, len(seq) - 6)
            queries.append(" ".join(seq[start : start + 4]))

    def repeated(db) -> int:
        """Searches whose top 10 quote the same words from two documents (a document that
        repeats a paragraph itself is not a copy)."""
        count = 0
        for query in queries:
            seen: dict[str, set[str]] = {}
            for r in search(db, query, limit=10).results:
                seen.setdefault(" ".join(copies.words(r.excerpt)), set()).add(r.doc_id)
            count += any(len(docs) > 1 for docs in seen.values())
        return count

    # the searches before: with the merge step marked done, so that opening merges nothing
    from bot.library import merging
    from bot.search import vocabulary

    with vocabulary._LOCK:  # a copy shares the store's identity: forget what was read before
        vocabulary._CACHE.clear()

    real, merging.MIGRATIONS[:] = list(merging.MIGRATIONS), []
    try:
        db = open_db(older)
        before, shown_twice = documents(db), repeated(db)
        db.execute("DELETE FROM _schema_stamp")
        db.conn.commit()
        db.close()
    finally:
        merging.MIGRATIONS[:] = real
    started = time.perf_counter()
    db = open_db(older)
    seconds = time.perf_counter() - started
    after, shown_after = documents(db), repeated(db)
    db.close()
    return [
        (
            "6. open an older store holding every document twice",
            before,
            after,
            seconds,
            f"searches quoting one passage from two documents in their top 10: {shown_twice} "
            f"of 40 before, {shown_after} of 40 after",
        )
    ]


if __name__ == "__main__":
    main()
