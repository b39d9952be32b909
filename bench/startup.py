"""Benchmark: what a fresh process pays before its first answer (not a test; CI skips it).

(a) the first search in a fresh process: ``open_db`` then one timed ``search()`` (the vocabulary,
the glossary expander and the English lexicon are loaded on that first query), one process per
query; (b) ``rocu search QUERY`` as a whole process (interpreter start, imports, opening the store,
the seed check, the search, the output), wall and CPU (user + system) time.

Several checkouts can be compared in one run, interleaved so that they share the machine's load:
each ``--setup NAME=CODE_DIR,STORE`` names a checkout (its ``bot`` package is put first on the
path) and the store it reads (each checkout's own layout: a store built or converted by it).

    python bench/startup.py --setup base=/work/main,/tmp/base-all.db \\
        --setup new=.,/tmp/new-all.db --rounds 3
    python bench/startup.py --setup base=/work/main,/tmp/seed-base.db \\
        --setup new=.,/tmp/seed-new.db --whole-process "county lines" --rounds 10

For the whole-process figure, run it with the interpreter of a plain ``pip install '.[dev]'`` (no
editable install, no bench extra: with numpy installed sqlite-utils imports it). The store is
seeded on the first (untimed) run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "county lines",
    "vaccine rollout delays",
    "protectve equipment",  # a typo
    "care home discharges",
    "what did the chief medical officer advise",
]
FIRST = """
import sys, time
sys.path.insert(0, sys.argv[1])
from bot.library.store import open_db
from bot.search.ranking import search
db = open_db(sys.argv[2])
started = time.perf_counter()
search(db, sys.argv[3])
print((time.perf_counter() - started) * 1000)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", action="append", required=True, help="NAME=CODE_DIR,STORE")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--query", action="append", help="first-search queries (default: 5)")
    parser.add_argument("--whole-process", metavar="QUERY", help="time `rocu search QUERY`")
    args = parser.parse_args()
    setups = {}
    for spec in args.setup:
        name, _, rest = spec.partition("=")
        code, _, store = rest.partition(",")
        setups[name] = (str(Path(code).resolve()), store)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in setups}
    if args.whole_process:
        for code, store in setups.values():  # seed, migrate, write bytecode
            run_cli(code, store, args.whole_process, env)
    for _ in range(args.rounds):
        for name, (code, store) in setups.items():
            if args.whole_process:
                times[name].append(run_cli(code, store, args.whole_process, env))
            else:
                for query in args.query or QUERIES:
                    out = subprocess.run(
                        [sys.executable, "-c", FIRST, code, store, query],
                        env=dict(env, PYTHONPATH=code),
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                    times[name].append((float(out.strip().splitlines()[-1]), 0.0))
    what = f"`rocu search {args.whole_process}`" if args.whole_process else "first search()"
    for name, found in times.items():
        wall = [w for w, _ in found]
        line = (
            f"{name}: {what} wall median {statistics.median(wall):.0f} ms "
            f"(min {min(wall):.0f}, max {max(wall):.0f}, n={len(wall)})"
        )
        if args.whole_process:
            cpu = [c for _, c in found]
            line += f"; CPU median {statistics.median(cpu):.0f} ms (min {min(cpu):.0f})"
        print(line)


def run_cli(code: str, store: str, query: str, env: dict) -> tuple[float, float]:
    """Wall and CPU milliseconds of one `rocu search` process using ``code``'s package."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "search", query],
        env=dict(env, PYTHONPATH=code, ROCU_DB=store),
        stdout=subprocess.DEVNULL,
        cwd="/" if os.name == "posix" else None,  # no .env of the checkout is read
    )
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"rocu search failed with {code} on {store}")
    return (time.perf_counter() - started) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


if __name__ == "__main__":
    main()
