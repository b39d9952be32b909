"""Benchmark: how many searches a second one machine answers within 1 s (p95), on one store.

Open-loop load, as people send commands: searches arrive at ``--rate`` a second (Poisson
arrivals, seeded), each answered by a pool of ``--workers`` threads (the app's answer pool: 4),
each thread with its own connection to the store; a search's time counts from its arrival, so
time spent queued behind others counts. The mix is ``--mix`` keyword:question:pasted (default
6:3:1), the queries of ``bench/search.py`` (random passages' words, 30% with a typo; questions;
2,000-character pastes). For each rate: answered, p50/p95/max of the time from arrival to
answer, and the searches' own time (service) p50/p95. The rate steps stop once p95 passes
``--stop`` seconds.

    python bench/scale.py --store STORE --rates 1,2,4,8 --seconds 60

Not a test (CI skips bench/); the store is only read (a search may store the vocabulary's
snapshot on its first use).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(CODE.resolve()))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--rates", default="1,2,4,8", help="searches a second, in order")
    parser.add_argument("--seconds", type=float, default=60.0, help="arrivals per rate")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--mix", default="6:3:1", help="keyword:question:pasted")
    parser.add_argument("--queries", type=int, default=200, help="of each kind, drawn in turn")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--stop", type=float, default=1.0, help="stop after p95 passes this (s)")
    parser.add_argument("--code", help="search with the bot package of this checkout")
    args = parser.parse_args()

    import search as bench_search

    from bot.library.store import open_db
    from bot.search.ranking import search

    db = open_db(args.store)
    passages = db.execute("select count(*) from passages").fetchone()[0]
    made = argparse.Namespace(
        seed=7, queries=args.queries, typo_share=0.3, long_queries=args.queries, long_chars=2000
    )
    pools = {
        "keyword": [q for q, _ in bench_search.make_queries(db, made)],
        "question": [q for q, _ in bench_search.make_questions(db, made)],
        "pasted": [q for q, _ in bench_search.make_long_queries(db, made)],
    }
    started = time.perf_counter()
    search(db, "warm up")
    first = time.perf_counter() - started
    print(f"store {args.store}: {passages:,} passages; first search {first:.1f} s")
    print(
        "| searches/s | mix k:q:p | answered | arrival to answer p50 / p95 / max ms "
        "| search alone p50 / p95 ms | pasted p95 ms |"
    )
    print("| ---: | --- | ---: | --- | --- | ---: |")
    for rate in [float(r) for r in args.rates.split(",")]:
        total, service, pasted = one_rate(args, rate, pools, search, open_db)
        p95 = _p95(total)
        print(
            f"| {rate:g} | {args.mix} | {len(total)} | {statistics.median(total) * 1000:,.0f} / "
            f"{p95 * 1000:,.0f} / {max(total) * 1000:,.0f} | "
            f"{statistics.median(service) * 1000:,.0f} / {_p95(service) * 1000:,.0f} | "
            f"{_p95(pasted) * 1000 if pasted else 0:,.0f} |",
            flush=True,
        )
        if p95 > args.stop:
            break


def one_rate(args, rate: float, pools: dict, search, open_db):
    """(arrival-to-answer times, search times, pastes' arrival-to-answer times) in seconds of
    ``args.seconds`` of arrivals at ``rate`` a second."""
    rng = random.Random(args.seed)
    weights = [int(w) for w in args.mix.split(":")]
    total, service, pasted = [], [], []
    lock = threading.Lock()
    local = threading.local()

    def run(kind: str, query: str, arrived: float) -> None:
        if not hasattr(local, "db"):
            local.db = open_db(args.store)
        begun = time.perf_counter()
        search(local.db, query)
        done = time.perf_counter()
        with lock:
            total.append(done - arrived)
            service.append(done - begun)
            if kind == "pasted":
                pasted.append(done - arrived)

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        start = due = time.perf_counter()
        n = 0
        while due - start < args.seconds:
            kind = rng.choices(list(pools), weights)[0]
            query = pools[kind][n % len(pools[kind])]
            n += 1
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            pool.submit(run, kind, query, due)
            due += rng.expovariate(rate)
    return total, service, pasted


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(0.95 * len(values))) - 1))]


if __name__ == "__main__":
    main()
