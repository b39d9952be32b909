"""One copy of each document (issue 25): what re-adding real documents does to the library.

    python bench/copies.py [FOLDER ...] [--code DIR] [--work DIR]

FOLDER defaults to ``corpora/real-docs`` and ``corpora/real-docs-2`` of the shared material
(``../shared`` beside the checkout, or ``/work/shared``). Each step uses a fresh store (no seed
library) and the real ingest, every hook included:

1. ``ingest`` the folders, then 2. ``ingest`` them again;
3. every file again under another name (``copy of NAME``) in another folder;
4. every document's cleaned text as a ``.txt`` file (the same text in another format);
5. every file added as a link would be (``add_bytes`` with an ``https://`` source), then the
   same again, then under another link (a mirror);
6. (this code only) a store made with copies kept (``ROCU_KEEP_COPIES=1``: folders 1 and 3),
   searched with 40 phrases taken from its passages, then the one-off merge step run as on an
   older store, and the same searches again: how many answers show a passage twice.

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
    rows: list[tuple[str, int, int, float, str]] = []
    print(f"code: {CODE}; {len(files)} files in {', '.join(str(f) for f in folders)}", flush=True)

    db = fresh_store(work, "folders")
    report, seconds = timed(lambda: ingest(db, files))
    rows.append(("1. ingest the folders", 0, documents(db), seconds, outcome(report)))
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
    for doc_id, text in docs_mod.document_texts(db):
        (as_text / f"{doc_id}-as-text.txt").write_text(text)
    before = documents(db)
    report, seconds = timed(lambda: ingest(db, [as_text]))
    rows.append(("4. each text as a .txt file", before, documents(db), seconds, outcome(report)))
    db.close()

    db = fresh_store(work, "links")
    for label, base in (
        ("5a. add each file as a link", "https://bench.invalid/"),
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
        rows += merge_step(work, folders, renamed)

    print("\n| step | documents before | after | seconds | outcome |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, before, after, seconds, said in rows:
        print(f"| {label} | {before} | {after} | {seconds:.1f} | {said} |")


def merge_step(work: Path, folders: list[Path], renamed: Path) -> list:
    """A store holding every document twice (as one made before copies were refused), searched,
    merged by the one-off step, searched again."""
    from bot.library import copies
    from bot.library.ingest import ingest
    from bot.library.store import open_db
    from bot.search.ranking import search

    os.environ["ROCU_KEEP_COPIES"] = "1"
    db = fresh_store(work, "older")
    ingest(db, [*files_of(folders), renamed])
    os.environ.pop("ROCU_KEEP_COPIES")
    rng = random.Random(25)
    texts = [row[0] for row in db.execute("select text from passages order by id")]
    queries = []
    while len(queries) < 40:
        seq = copies.words(rng.choice(texts))
        if len(seq) >= 12:
            start = rng.randrange(0, len(seq) - 6)
            queries.append(" ".join(seq[start : start + 4]))

    def repeated() -> int:
        count = 0
        for query in queries:
            results = search(db, query, limit=10).results
            seen = [" ".join(copies.words(r.excerpt)) for r in results]
            count += len(seen) != len(set(seen))
        return count

    before, shown_twice = documents(db), repeated()
    db.execute("DELETE FROM _migrations WHERE name = 'copies_merge_exact_copies'")
    db.execute("DELETE FROM _schema_stamp")
    db.conn.commit()
    db.close()
    started = time.perf_counter()
    db = open_db(work / "older.db")
    seconds = time.perf_counter() - started
    after, shown_after = documents(db), repeated()
    db.close()
    return [
        (
            "6. merge an older store's exact copies",
            before,
            after,
            seconds,
            f"searches showing a passage twice in their top 10: {shown_twice} of 40 before, "
            f"{shown_after} of 40 after",
        )
    ]


if __name__ == "__main__":
    main()
