"""Benchmark: the glossary on a real library (not a test; CI skips it).

Ingests a folder (default: the extracted corpus at /tmp/corpus) into a fresh store, then reports
the time to rebuild the library glossary, how many entries it found (inline / cross-library), and
p50/p95 latency of ``define`` for every library acronym and of ``expand_for_search`` (what search
calls for every query word). With ``--sample N`` it prints N random entries to judge by eye.

    python bench/glossary.py --corpus /tmp/corpus --sample 50
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    from bot.glossary import lookup as glossary
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/tmp/corpus", help="folder of documents")
    parser.add_argument("--db", help="reuse this store (skips ingest when it has documents)")
    parser.add_argument("--sample", type=int, default=0, help="print N random entries")
    args = parser.parse_args()

    db = open_db(args.db or Path(tempfile.mkdtemp()) / "bench.db")
    if not db["documents"].count:
        start = time.perf_counter()
        ingest(db, [Path(args.corpus)])
        print(f"ingest: {time.perf_counter() - start:.1f} s")
    print(f"library: {db['documents'].count} documents, {db['passages'].count} passages")
    start = time.perf_counter()
    entries = glossary.rebuild_library_glossary(db)
    print(f"rebuild library glossary: {time.perf_counter() - start:.1f} s, {entries} entries")
    rows = list(db["glossary_library"].rows)
    for method in ("inline", "cross-library"):
        print(f"  {method}: {sum(r['method'] == method for r in rows)}")

    timings = []
    for row in rows:
        start = time.perf_counter()
        glossary.define(db, row["acronym"], record=False)
        timings.append(time.perf_counter() - start)
    if timings:
        print(
            f"define ({len(timings)} acronyms): p50 {percentile(timings, 0.5) * 1000:.0f} ms, "
            f"p95 {percentile(timings, 0.95) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms"
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
