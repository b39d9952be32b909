"""Benchmark: relinking report and response items when one document is added or removed, before
(a git revision's ``bot/recs/links.py``) and after (this tree's), side by side in one run.

The library: every real document of the development corpora (real-docs and real-docs-2, their
four report/response pairs among them), ingested once (``--cache`` keeps that store), plus
``--copies`` copies of each document that has recommendations under new ids (its items and a
document row, no passages: only the relinking reads them), then fully linked. On a fresh copy of
that store, for each version in turn (alternating, ``--repeat`` rounds), through the recs
document hook as ingest runs it inside its transaction:

1. remove a report (the Covid Inquiry module 1 report), 2. add it back, 3. the same again (as
when its details are edited: the hook runs, its recommendations come out the same),
4. remove its government response, 5. add it back,
6. remove a report no response answers (the Ofsted report), 7. add it back.

Versions: "before" (one run: it takes minutes a step), "incremental, no bound" (this tree's
relinking with rapidfuzz's partial_ratio always computed) and "after" (this tree's). For each
step it prints the median time of the hook (extraction of the document included, the same code
in all) and of the relinking inside it, the links the library then holds, whether every
version left the same links table, and whether the last's equals a full relinking
(``relink(db)``) of the same store. The "before" version's hook relinks after every document
that had or has recommendations, as main's did.

    nice python bench/relink.py [--corpora DIR] [--copies 1] [--repeat 3] [--before REV]
        [--no-before] [--cache STORE]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from bot.library.ingest import ingest  # noqa: E402
from bot.library.store import open_db, writing  # noqa: E402
from bot.recs import links, matching, storing  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
if not (DEFAULT_CORPORA / "real-docs").is_dir():
    DEFAULT_CORPORA = Path("/work/shared/corpora")
FULL, BOUND = links.relink, matching._partial_bound
BEFORE = "364849f"  # main before incremental relinking (round 5)
REPORT = "covid-inquiry-module1-report-2024.pdf"
RESPONSE = "govt-response-covid-inquiry-module1-2025.pdf"
LONE = "ofsted-report-rounds-green-primary-2016.PDF"
STEPS = [
    ("remove the report", REPORT, True),
    ("add the report", REPORT, False),
    ("the report again, unchanged", REPORT, False),
    ("remove the response", RESPONSE, True),
    ("add the response", RESPONSE, False),
    ("remove a lone report", LONE, True),
    ("add a lone report", LONE, False),
]


def load_before(rev: str):
    """``bot/recs/links.py`` as it was at ``rev``, as a module of its own (at a revision after
    the matching moved to ``bot/recs/matching.py``, it takes this tree's matching)."""
    source = subprocess.run(
        ["git", "show", f"{rev}:bot/recs/links.py"], cwd=ROOT, capture_output=True, text=True
    )
    if source.returncode:
        sys.exit(f"Cannot read bot/recs/links.py at {rev}: {source.stderr.strip()}")
    path = Path(tempfile.mkdtemp()) / "links_before.py"
    path.write_text(source.stdout)
    spec = importlib.util.spec_from_file_location("links_before", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(corpora: Path, store: Path) -> None:
    """The real documents of the development corpora, ingested as a user would add them."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for corpus in ("real-docs", "real-docs-2"):
            for f in sorted((corpora / corpus).iterdir()):
                if f.is_file() and f.name not in ("gold.json", "SOURCES.md"):
                    shutil.copy(f, folder / f.name)
        db = open_db(store)
        report = ingest(db, [folder])
        if report.failed:
            print(f"  failed: {report.failed}")
        db.execute("pragma wal_checkpoint(truncate)")
        db.close()


def with_copies(store: Path, base: Path, copies: int) -> None:
    """The library and ``copies`` copies of each document with recommendations, fully linked."""
    shutil.copy(store, base)
    db = open_db(base)
    with writing(db):
        docs = [r[0] for r in db.execute("select distinct doc_id from recommendations")]
        for n in range(1, copies + 1):
            for doc_id in docs:
                copy_document(db, doc_id, f"{doc_id}-copy{n}")
        links.relink(db)
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()


def copy_document(db: sqlite_utils.Database, doc_id: str, new_id: str) -> None:
    row = next(db["documents"].rows_where("id = ?", [doc_id]))
    row.update(id=new_id, path=f"{row['path']}#{new_id}", file=f"copy-{row['file']}")
    if "text_hash" in row:
        row["text_hash"] = None
    db["documents"].insert(row)
    recs = list(db["recommendations"].rows_where("doc_id = ?", [doc_id]))
    for rec in recs:
        rec.update(id=f"{rec['id']}{new_id[-6:]}", key=f"{rec['key']}-{new_id}", doc_id=new_id)
    db["recommendations"].insert_all(recs, pk="id")


def table(db: sqlite_utils.Database) -> list[tuple]:
    return db.execute(
        "select response_key, report_key, response_doc, report_doc, score, how "
        "from recommendation_links order by response_key, report_key"
    ).fetchall()


def full(db: sqlite_utils.Database) -> list[tuple]:
    """The links table a full relinking (this tree's) gives, on a copy of the store."""
    copy = sqlite_utils.Database(sqlite3.connect(":memory:"))
    db.conn.backup(copy.conn)
    patched, matching._partial_bound = matching._partial_bound, BOUND  # the same table, sooner
    try:
        FULL(copy)
    finally:
        matching._partial_bound = patched
    return table(copy)


def run(store: Path, version: str, relink, bound: bool, check: bool) -> list[dict]:
    """The steps on a fresh copy of the store with one version's relinking."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store.db"
        shutil.copy(store, path)
        db = open_db(path)
        spent = []

        def timed_relink(db, doc_id=None):
            started = time.perf_counter()
            try:
                return relink(db, doc_id)
            finally:
                spent.append(time.perf_counter() - started)

        saved = links.relink, storing._linked_by, matching._partial_bound
        links.relink = timed_relink
        if not bound:  # partial_ratio always computed
            matching._partial_bound = lambda short, long_: 100.0
        if version == "before":  # main's hook: relink whenever there were or are items
            storing._linked_by = lambda db, doc_id: (
                object()  # never equal: relink whenever the document had or has items
                if db.execute("select 1 from recommendations where doc_id = ?", [doc_id]).fetchone()
                else None
            )
        out = []
        try:
            for name, file, removed in STEPS:
                doc_id = db.execute("select id from documents where file = ?", [file]).fetchone()
                if doc_id is None:
                    sys.exit(f"{file} is not in the library")
                spent.clear()
                started = time.perf_counter()
                with writing(db):
                    storing._document_hook(db, doc_id[0], removed)
                hook = time.perf_counter() - started
                now = table(db)
                out.append(
                    {
                        "step": name,
                        "hook": hook,
                        "relink": sum(spent),
                        "links": len(now),
                        "table": now,
                        "exact": (now == full(db)) if check else None,
                    }
                )
        finally:
            links.relink, storing._linked_by, matching._partial_bound = saved
            db.close()
        return out


def versions(before_rev: str | None) -> list[tuple[str, object, bool]]:
    """(name, relink, with the partial_ratio bound) for each version compared."""
    out = []
    if before_rev:
        out.append(("before", load_before(before_rev).relink, False))
    out.append(("incremental, no bound", links.relink, False))
    out.append(("after", links.relink, True))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the new versions")
    parser.add_argument("--before", default=BEFORE, help="git revision of the old links.py")
    parser.add_argument("--no-before", action="store_true", help="only the new versions")
    parser.add_argument("--cache", help="keep the built store here and reuse it")
    args = parser.parse_args()
    corpora = Path(args.corpora)
    if not (corpora / "real-docs").is_dir():
        sys.exit(f"No real-docs under {corpora}: give --corpora the corpora folder.")
    compared = versions(None if args.no_before else args.before)
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(args.cache) if args.cache else Path(tmp) / "base.db"
        base = store.with_name(store.stem + f"-copies{args.copies}.db")
        if not store.exists():
            started = time.perf_counter()
            build(corpora, store)
            print(f"ingested the real documents in {time.perf_counter() - started:.0f} s")
        if not base.exists():
            with_copies(store, base, args.copies)
        db = open_db(base)
        counts = db.execute(
            "select count(distinct doc_id), count(*), sum(role = 'response') from recommendations"
        ).fetchone()
        print(
            f"library: {db['documents'].count} documents, {counts[0]} with recommendations "
            f"({args.copies} copies of each real one), {counts[1]} items ({counts[2]} response "
            f"items), {db['recommendation_links'].count} links",
            flush=True,
        )
        db.close()
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        results: dict[str, list[dict]] = {}
        for round_ in range(args.repeat):
            for name, relink, bound in compared:
                if name == "before" and round_:
                    continue  # minutes a step: once is enough to compare
                # the others' tables are compared with the last's, checked against a full one
                last = name == compared[-1][0]
                steps = run(base, name, relink, bound, check=round_ == 0 and last)
                if round_ == 0:
                    results[name] = steps
                for s in steps:
                    times.setdefault((name, s["step"]), []).append((s["hook"], s["relink"]))
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    names = [name for name, _r, _b in compared]
    print(
        f"\nSeconds (before: one run; the new versions: median of {args.repeat}). LOADED "
        "machine, niced: compare side by side only.\n"
    )
    print(
        "| step | "
        + " | ".join(f"hook {n}" for n in names)
        + " | "
        + " | ".join(f"relink {n}" for n in names)
        + " | links | same table | equals a full relinking |"
    )
    print("|---" * (2 * len(names) + 4) + "|")
    for i, (step, _file, _removed) in enumerate(STEPS):
        hooks = [statistics.median(t[0] for t in times[(n, step)]) for n in names]
        relinks = [statistics.median(t[1] for t in times[(n, step)]) for n in names]
        tables = [results[n][i]["table"] for n in names]
        exact = [results[names[-1]][i]["exact"]]
        print(
            f"| {step} | "
            + " | ".join(f"{h:.2f}" for h in hooks)
            + " | "
            + " | ".join(f"{r:.3f}" for r in relinks)
            + f" | {results[names[-1]][i]['links']} | "
            + ("yes" if all(t == tables[0] for t in tables) else "NO")
            + " | "
            + ("yes" if all(exact) else "NO")
            + " |"
        )


if __name__ == "__main__":
    main()
