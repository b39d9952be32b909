"""Benchmark: the whole test suite's wall time, several checkouts back to back on the same machine
(not a test; CI skips it).

Each ``--checkout NAME=DIR`` is a checkout with its own virtual environment (``DIR/.venv``, made
with ``pip install -e '.[dev]'``); the suite runs in each, one after the other (``--rounds N``
alternates them N times, so both share the machine's load), and the wall time, the CPU time of
the processes (user and system) and the load average before and after are printed, with the
pytest summary line.

    git worktree add /tmp/base b012c1e && (cd /tmp/base && python3 -m venv .venv &&
        .venv/bin/pip install -q -e '.[dev]')
    python bench/suite.py --checkout base=/tmp/base --checkout new=. --rounds 1
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import time
from pathlib import Path


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_suite(folder: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = load()
    started = time.perf_counter()
    done = subprocess.run(
        [str(folder / ".venv" / "bin" / "python"), "-m", "pytest", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return {
        "wall": wall,
        "user": after.ru_utime - before.ru_utime,
        "sys": after.ru_stime - before.ru_stime,
        "load": f"{load_before} -> {load()}",
        "summary": summary,
        "code": done.returncode,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkout", action="append", required=True, help="NAME=DIR")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    checkouts = [item.split("=", 1) for item in args.checkout]
    for round_ in range(args.rounds):
        for name, folder in checkouts if round_ % 2 == 0 else checkouts[::-1]:
            got = run_suite(Path(folder).resolve())
            print(
                f"{name}: wall {got['wall']:.0f} s, user {got['user']:.0f} s, "
                f"sys {got['sys']:.0f} s, load {got['load']}, exit {got['code']}: {got['summary']}",
                flush=True,
            )


if __name__ == "__main__":
    main()
