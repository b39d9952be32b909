"""Benchmark: the floor for questions, leave-one-collection-out, from ``bench/ir_loco.py`` dumps.

``bench/ir_loco.py --dump FILE`` (with ``--floor``, ``--floor-k``, ``--floor-where`` and
``--floor-bm25``) keeps every setting's per-query nDCG@10; run per collection (each with its
own dump, the same grid) or for all four at once. This reads the dumps, and for each collection
held out chooses the setting with the best mean of rocu/bm25s over the other three (as written
and with typos), then reports it on the held-out one beside bm25s and beside the same setting
with the floor off, with paired-bootstrap 95% intervals; and each floor setting on each
collection against the floor off.

    nice python bench/floor_loco.py /tmp/x/live-cisi.json /tmp/x/live-cran.json ...

Not a test: the collections are not part of the project.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ir  # noqa: E402  (bench/ir.py: the paired bootstrap)

CHOSEN_ON = ("as written", "typos")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dumps", nargs="+")
    args = parser.parse_args()
    grid, ndcg, base, names = None, {}, {}, []
    for path in args.dumps:
        dump = json.loads(Path(path).read_text())
        grid = grid or dump["grid"]
        assert dump["grid"] == grid, f"{path}: another grid"
        for row in dump["rows"]:
            key = (row["collection"], row["variant"])
            ndcg[key] = {int(i): v for i, v in row["ndcg"].items()}
            base[key] = row["base"]
            names += [row["collection"]] if row["collection"] not in names else []
    mean = statistics.fmean

    def off(i: int) -> int:
        return grid.index(dict(grid[i], floor=0.0))

    def gain(i: int, train: list[str]) -> float:
        return mean(
            mean(ndcg[(n, v)][i]) / mean(base[(n, v)]["bm25s"]) for n in train for v in CHOSEN_ON
        )

    print(
        "| held out | queries | chosen on the other three | rocu | bm25s | rocu - bm25s [95%] "
        "| chosen - floor off [95%] |"
    )
    print("| --- | --- | --- | ---: | ---: | --- | --- |")
    for held in names:
        train = [n for n in names if n != held]
        best = max(range(len(grid)), key=lambda i: (gain(i, train), -i))
        label = _short(grid[best])
        for variant in CHOSEN_ON:
            ours = ndcg[(held, variant)][best]
            theirs = base[(held, variant)]["bm25s"]
            d, lo, hi = ir.bootstrap(ours, theirs)
            e, elo, ehi = ir.bootstrap(ours, ndcg[(held, variant)][off(best)])
            print(
                f"| {held} | {variant} | {label} | {mean(ours):.3f} | {mean(theirs):.3f} | "
                f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}] | {e:+.3f} [{elo:+.3f}, {ehi:+.3f}] |"
            )
    print("\nEach floor setting against the floor off (nDCG@10 difference, 95%):")
    shown = [i for i, s in enumerate(grid) if s["floor"]]
    print("| setting | " + " | ".join(f"{n} {v}" for n in names for v in CHOSEN_ON) + " |")
    print("| --- |" + " --- |" * (len(names) * len(CHOSEN_ON)))
    for i in shown:
        cells = []
        for n in names:
            for v in CHOSEN_ON:
                d, lo, hi = ir.bootstrap(ndcg[(n, v)][i], ndcg[(n, v)][off(i)])
                cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
        print(f"| {_short(grid[i])} | " + " | ".join(cells) + " |")


def _short(setting: dict) -> str:
    floor = setting["floor"]
    if not floor:
        return "floor off"
    where = "questions" if setting.get("floorq") else "every query"
    return f"floor W {floor:g}, K {setting.get('floork', 60):g}, {where}"


if __name__ == "__main__":
    main()
