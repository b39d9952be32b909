"""Benchmark: what one re-scoring weight costs per query, on a store built by bench/search.py.

Runs bench/search.py's known-item queries (same seed) against an existing store with rocu's
weights as they are and with one of them set to another value (default: ``feedback`` off),
interleaved query by query (A B A B ..., order alternating each round) so that the load of a
shared machine falls on both alike, and reports p50/p95/mean of each query's fastest run.

    python bench/search.py --sizes 100000 --workdir /tmp/rocu-bench   # builds the store
    nice python bench/ranking_ab.py /tmp/rocu-bench/store-100000.db --weight feedback=0

Not a test: it needs a store of the size that matters.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", help="a store built by bench/search.py")
    parser.add_argument("--weight", default="feedback=0", metavar="NAME=VALUE")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--typo-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    import search as search_bench  # bench/search.py: the same queries

    from bot.library.store import open_db
    from bot.search import ranking

    name, _, value = args.weight.partition("=")
    if name not in ranking.WEIGHTS:
        raise SystemExit(f"--weight: no weight {name!r} (one of {', '.join(ranking.WEIGHTS)})")
    configs = {f"as shipped ({name}={ranking.WEIGHTS[name]})": ranking.WEIGHTS[name]}
    configs[f"{name}={float(value)}"] = float(value)
    db = open_db(args.store)
    queries = search_bench.make_queries(db, args)
    ranking.search(db, "warm up")
    fastest: dict[str, list[float]] = {label: [] for label in configs}
    for query, _ in queries:
        best = dict.fromkeys(configs, math.inf)
        for round_ in range(args.rounds):
            order = list(configs.items())
            for label, weight in order if round_ % 2 == 0 else order[::-1]:
                ranking.WEIGHTS[name] = weight
                started = time.perf_counter()
                ranking.search(db, query)
                best[label] = min(best[label], (time.perf_counter() - started) * 1000)
        for label in configs:
            fastest[label].append(best[label])
    print(f"{len(queries)} queries on {args.store}, fastest of {args.rounds} runs each:")
    for label, times in fastest.items():
        times.sort()
        p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
        print(
            f"  {label}: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
            f"mean {statistics.fmean(times):.2f} ms"
        )


if __name__ == "__main__":
    main()
