"""Benchmark: the glossary on a real library (not a test; CI skips it).

Default mode: ingests a folder (default: the extracted corpus at /tmp/corpus) into a fresh store,
then reports the time to rebuild the library glossary, how many entries it found (inline /
cross-library), and p50/p95 latency of ``define`` for every library acronym and of
``expand_for_search`` (what search calls for every query word). With ``--sample N`` it prints N
random entries to judge by eye.

    python bench/glossary.py --corpus /tmp/corpus --sample 50

``--incremental``: what one small document costs. For each size (passages; ``all`` is one copy
of the UK Covid-19 Inquiry transcripts, 244k passages; larger sizes ingest the corpus several
times over as distinct documents, as bench/search.py does) it builds a store once (kept in
``--workdir`` and reused), then times, ``--rounds`` times: ingesting a 4 KB policy document
(a seed document under a new name) with ``bot.library.ingest.ingest`` (the whole ingest, every
hook, glossary included), ingesting it again changed (a paragraph with a new definition added),
and removing it (``remove_document``); and one full rebuild. ``--code PATH`` runs the same
measurements with another checkout's code (e.g. main, for the figures before).

    nice python bench/glossary.py --incremental --sizes all,1000000
    nice python bench/glossary.py --incremental --sizes all --code ../main
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "uk-covid19-inquiry.tar.gz"
SMALL_DOC = "002_3f6cf644008e16c5.txt"  # a 4 KB seed document (a letter about ROCU funding)
CHANGE = (
    "\n\nThe Government have provided over £6 million for the Child Exploitation and Online "
    "Protection Centre (CEOP), and the Police Central e-Crime Unit (PCeU) works with every "
    "Regional Organised Crime Unit.\n"
)


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=None, help="folder of documents (or .tar.gz)")
    parser.add_argument("--db", help="reuse this store (skips ingest when it has documents)")
    parser.add_argument("--sample", type=int, default=0, help="print N random entries")
    parser.add_argument("--incremental", action="store_true", help="time one small document")
    parser.add_argument("--sizes", default="all", help="with --incremental: passages, or 'all'")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", default="/tmp/rocu-bench-glossary")
    parser.add_argument("--code", default=str(ROOT), help="checkout whose bot/ to measure")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the full rebuild")
    parser.add_argument(
        "--fast-build",
        action="store_true",
        help="build the store without per-document glossary updates, then rebuild once (the "
        "same store: a rebuild equals the incremental path; tests check it)",
    )
    parser.add_argument("--only", help=argparse.SUPPRESS)  # internal: one size, print JSON
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.code).resolve()))
    if args.incremental:
        incremental(args)
    else:
        whole_library(args)


# ------------------------------------------------------------------------------ --incremental


def _bench_search():
    """bench/search.py, for its corpus helpers (extracting, copies, passage counts)."""
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def incremental(args) -> None:
    work = Path(args.workdir)
    helpers = _bench_search()
    sys.path.insert(0, str(Path(args.code).resolve()))  # bench/search.py put this checkout first
    files = helpers.corpus_files(Path(args.corpus or DEFAULT_CORPUS), work)
    if args.only:
        print(json.dumps(run_size(args, helpers, files, work)))
        return
    rows = []
    for size in args.sizes.split(","):
        cmd = [sys.executable, __file__, "--only", size, *sys.argv[1:]]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    print()
    print("command: python bench/glossary.py " + " ".join(sys.argv[1:]))
    print(
        "| code | size | passages | docs | build s | add 4 KB doc s (median / max) | "
        "change s | remove s | full rebuild s | entries |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for r in rows:
        print(
            f"| {r['code']} | {r['size']} | {r['passages']:,} | {r['documents']} | "
            f"{r['build_s']} | {r['add_s'][0]} / {r['add_s'][1]} | {r['change_s'][0]} / "
            f"{r['change_s'][1]} | {r['remove_s'][0]} / {r['remove_s'][1]} | "
            f"{r['rebuild_s']} | {r['entries']} |"
        )


def run_size(args, helpers, files: list[Path], work: Path) -> dict:
    from bot.library import ingest as ingest_mod
    from bot.library.store import open_db

    code = Path(args.code).resolve()
    label = code.name
    target = None if args.only == "all" else int(args.only)
    path = work / f"glossary-{label}-{args.only}{'-fast' if args.fast_build else ''}.db"
    built_marker = Path(f"{path}.built")
    build_s = None
    if not built_marker.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        db = open_db(path)
        counts = helpers.passage_counts(files, work)
        pairs = helpers.copies(files, work, 1 if target is None else max(1, -(-target // 250_000)))
        selected, expected = [], 0
        for copy, original in pairs:
            if target is not None and expected >= target:
                break
            selected.append(copy)
            expected += counts[helpers._key(original)]
        started = time.perf_counter()
        hooks = list(ingest_mod.document_hooks())
        if args.fast_build:  # per-document glossary updates off; one rebuild at the end instead
            ingest_mod.DOCUMENT_HOOKS[:] = [h for h in hooks if "glossary" not in h.__module__]
        try:
            report = ingest_mod.ingest(db, selected)
        finally:
            ingest_mod.DOCUMENT_HOOKS[:] = hooks
        if args.fast_build and any("glossary" in h.__module__ for h in hooks):
            from bot.glossary.mined import rebuild_library_glossary

            rebuilt = time.perf_counter()
            rebuild_library_glossary(db)
            print(f"build's rebuild: {time.perf_counter() - rebuilt:.1f} s", file=sys.stderr)
        build_s = round(time.perf_counter() - started, 1)
        assert not report.failed, report.failed[:3]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        built_marker.write_text(str(build_s))
    else:
        db = open_db(path)
        build_s = float(built_marker.read_text())

    folder = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    small = folder / "small-policy-letter.txt"
    original = (ROOT / "seeds" / SMALL_DOC).read_text(encoding="utf-8")
    added, changed, removed = [], [], []
    for _ in range(args.rounds):
        small.write_text(original, encoding="utf-8")
        started = time.perf_counter()
        report = ingest_mod.ingest(db, [small])
        added.append(time.perf_counter() - started)
        assert report.added, report.counts()
        doc_id = report.added[0]
        small.write_text(original + CHANGE, encoding="utf-8")
        started = time.perf_counter()
        report = ingest_mod.ingest(db, [small])
        changed.append(time.perf_counter() - started)
        assert report.updated, report.counts()
        started = time.perf_counter()
        ingest_mod.remove_document(db, doc_id)
        if hasattr(ingest_mod, "LIBRARY_HOOKS"):  # the code before: a rebuild after a batch
            for hook in ingest_mod.library_hooks():
                hook(db, ingest_mod.IngestReport(pruned=[doc_id]))
        removed.append(time.perf_counter() - started)
    shutil.rmtree(folder)
    rebuild_s = None
    if not args.no_rebuild:
        from bot.glossary.mined import rebuild_library_glossary

        started = time.perf_counter()
        rebuild_library_glossary(db)
        rebuild_s = round(time.perf_counter() - started, 2)

    def summary(values: list[float]) -> list[float]:
        return [round(statistics.median(values), 3), round(max(values), 3)]

    return {
        "code": label + (" (fast build)" if args.fast_build else ""),
        "size": args.only,
        "passages": db.execute("select count(*) from passages").fetchone()[0],
        "documents": db["documents"].count,
        "build_s": build_s,
        "add_s": summary(added),
        "change_s": summary(changed),
        "remove_s": summary(removed),
        "rebuild_s": rebuild_s,
        "entries": db["glossary_library"].count,
    }


# ---------------------------------------------------------------------------- whole library


def whole_library(args) -> None:
    from bot.glossary import lookup as glossary
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    db = open_db(args.db or Path(tempfile.mkdtemp()) / "bench.db")
    if not db["documents"].count:
        start = time.perf_counter()
        ingest(db, [Path(args.corpus or "/tmp/corpus")])
        print(f"ingest: {time.perf_counter() - start:.1f} s")
    print(f"library: {db['documents'].count} documents, {db['passages'].count} passages")
    if args.no_rebuild and db["glossary_library"].count:
        print("rebuild skipped (--no-rebuild): the store's glossary is used as it is")
    else:
        start = time.perf_counter()
        entries = glossary.rebuild_library_glossary(db)
        print(f"rebuild library glossary: {time.perf_counter() - start:.1f} s, {entries} entries")
    rows = list(db["glossary_library"].rows)
    for method in ("listed", "inline", "cross-library"):
        print(f"  {method}: {sum(r['method'] == method for r in rows)}")

    glossary.index(db)  # built once per change of the glossary, not per look-up
    timings, cpu = [], []
    for row in rows:
        start, start_cpu = time.perf_counter(), time.process_time()
        glossary.define(db, row["acronym"], record=False)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    if timings:
        print(
            f"define ({len(timings)} acronyms): p50 {percentile(timings, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(timings, 0.95) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms"
        )
        # the process's own CPU time: what a look-up costs apart from other work on the machine
        print(
            f"define CPU time: p50 {percentile(cpu, 0.5) * 1000:.1f} ms, "
            f"p95 {percentile(cpu, 0.95) * 1000:.1f} ms, max {max(cpu) * 1000:.1f} ms"
        )
    words = [r["acronym"].lower() for r in rows] + ["crime", "the", "county lines"]
    start = time.perf_counter()
    for word in words * 10:
        glossary.expand_for_search(db, word)
    each = (time.perf_counter() - start) / (len(words) * 10)
    print(f"expand_for_search: {each * 1e6:.0f} µs per call ({len(words) * 10} calls)")
    if args.sample and rows:
        random.seed(7)
        for row in random.sample(rows, min(args.sample, len(rows))):
            print(f"  {row['method']:<13} {row['acronym']} = {row['expansion']}")
    print(f"median define: {statistics.median(timings) * 1000:.1f} ms" if timings else "")


if __name__ == "__main__":
    main()
