"""Benchmark: does each addition on top of BM25 earn its place on the real-document questions?

The lexical side only (the meaning extra off). Every question of ``eval/questions-real.jsonl``
is searched once with spelling correction and once without, over the store of the real
documents that ``bench/meaning.py questions`` builds; each candidate's parts are kept and
re-ranked offline for every setting of bench/ir_loco.py's grid (as that bench does for the four
collections). A question is answered by a passage of its document holding its answer.

For each addition (coverage, proximity, document prior, phrase, feedback, corrections, stem
rarity): the shipped setting against the same with it switched off (or, for a weight, at each
other value), on the tuning half and on the checking half, P@1, hit@3 and MRR@10 with paired
bootstrap 95% intervals of the MRR difference; and bm25s beside them. ``--choose`` also reads
bench/ir_loco.py's per-setting figures (``--loco FILE``, written by its ``--dump``) and picks the
setting that does best on the tuning half and on the collections together.

    nice python bench/questions_loco.py
    nice python bench/questions_loco.py --set feedback=0.8 --set document=0

Not a test: the documents are not part of the project.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import ir  # noqa: E402
import ir_loco  # noqa: E402
import meaning as meaning_bench  # noqa: E402  (bench/meaning.py: the store and the questions)

sys.path.insert(0, str(ir.CODE.resolve()))  # --code DIR: another checkout's bot package


class _Same(dict):
    """doc id -> itself (ir_loco.capture maps documents to a collection's ids)."""

    def __missing__(self, key):
        return key


def shipped() -> dict:
    """The grid setting nearest what search ships now."""
    from bot.search import plan as planning
    from bot.search import scoring

    w = scoring.WEIGHTS
    return {
        "coverage": w["coverage"],
        "proximity": w["proximity"],
        "document": w["document"],
        "phrase": w["phrase"],
        "feedback": w["feedback"],
        "corrections": 1,
        "stem": int(planning.STEM_RARITY),
        "stemmatch": 2
        if getattr(planning, "STEM_UNHELD", False)
        else int(getattr(scoring, "STEM_MATCH", False)),
        "floor": 0.0,
        "floork": ir_loco.GRID["floork"][0],
        "floorq": ir_loco.GRID["floorq"][0],
        "whole": w.get("whole", 0.0),
        **_rest_forms(w.get("rest", 0.0)),
        "margin": getattr(scoring, "MARGIN", float("inf")),
        "doctop": getattr(scoring, "DOCUMENT_TOP", 0),
        "doctopq": 0,
    }


def _rest_forms(weight: float) -> dict:
    """The grid's four rest-of-document settings, the live form's at ``weight``."""
    from bot.search import whole

    keys = {"bm25": "rest", "coverage": "restcov", "beyond": "beyond", "beyondcov": "beyondcov"}
    out = dict.fromkeys(keys.values(), 0.0)
    out[keys[getattr(whole, "REST_FORM", "bm25")]] = weight
    return out


def ranked_rows(query: ir_loco.Query, setting: dict) -> list[int]:
    """The passages (rowids) best first under ``setting``, at most two of a document in the
    first five (as search shows them)."""
    from bot.search.diversity import diversify

    order = query.order(setting)
    rows = [(query.rowids[i], query.docs[i]) for i in order]
    if os.environ.get("NO_DIVERSITY"):
        return [r for r, _ in rows]
    return [r for r, _ in diversify(rows, key=lambda r: r[1])]


def capture_questions(db, qs: list[dict]) -> dict[int, list[ir_loco.Query]]:
    from bot.search.vocabulary import vocabulary

    vocab = vocabulary(db)
    queries = [(None, q["query"]) for q in qs]
    return {
        flag: [
            ir_loco.Query(k["candidates"], vocab)
            for k in ir_loco.capture(db, _Same(), queries, flag)
        ]
        for flag in (0, 1)
    }


def ranks_for(captured, qs, passages, setting) -> list[int | None]:
    per = captured[setting["corrections"]]
    return [
        meaning_bench.rank_of(ranked_rows(q, setting), item, passages)
        for q, item in zip(per, qs, strict=True)
    ]


def rr(ranks):
    return [1.0 / r if r else 0.0 for r in ranks]


def p1(ranks):
    return [1.0 if r == 1 else 0.0 for r in ranks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", default="/tmp/rocu-meaning-bench")
    parser.add_argument("--questions", default=str(ROOT / "eval" / "questions-real.jsonl"))
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--pin", default="", help="grid values, as bench/ir_loco.py's --pin")
    parser.add_argument("--dump", default="", help="write per-setting figures (JSON) here")
    parser.add_argument("--code", default="", help="rank with another checkout's bot package")
    parser.add_argument(
        "--excerpts", action="store_true", help="only: does the excerpt show the answer?"
    )
    parser.add_argument(
        "--meaning", action="store_true", help="with --excerpts: search with the meaning extra"
    )
    args = parser.parse_args()
    for item in filter(None, args.pin.split(",")):
        name, _, value = item.partition("=")
        kind = type(ir_loco.GRID[name][0])
        ir_loco.GRID[name] = tuple(kind(float(v)) for v in value.split("|"))
    ir.apply_overrides([], args.set)
    os.environ["ROCU_MEANING"] = "on" if args.meaning and args.excerpts else "off"
    db = meaning_bench.real_store(Path(args.workdir))
    qs = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    passages = {
        row[0]: (row[1], row[2])
        for row in db.execute(
            "select p.id, d.file, p.text from passages p join documents d on d.id = p.doc_id"
        )
    }
    if args.excerpts:
        return excerpts(db, qs, passages)
    bm25 = ir.Bm25s(ir.Collection("real", {str(k): v[1] for k, v in passages.items()}, []))
    bm25_runs = bm25.run([(None, q["query"]) for q in qs], depth=10)
    bm25_ranks = [
        meaning_bench.rank_of([int(d) for d in ranked], q, passages)
        for (ranked, _), q in zip(bm25_runs, qs, strict=True)
    ]
    captured = capture_questions(db, qs)
    grid = ir_loco.settings()
    halves = {h: [i for i, q in enumerate(qs) if q["half"] == h] for h in ("tune", "check")}
    plain = {h: [i for i in idx if qs[i]["kind"] == "plain"] for h, idx in halves.items()}
    per_setting = [ranks_for(captured, qs, passages, s) for s in grid]
    if args.dump:
        Path(args.dump).write_text(
            json.dumps({"grid": grid, "questions": qs, "ranks": per_setting, "bm25s": bm25_ranks})
        )
    base = shipped()
    at = grid.index(base) if base in grid else None
    ours = per_setting[at] if at is not None else ranks_for(captured, qs, passages, base)

    def cell(ranks, idx):
        return (
            f"{statistics.fmean(p1([ranks[i] for i in idx])):.2f} / "
            f"{statistics.fmean(rr([ranks[i] for i in idx])):.3f}"
        )

    print(f"\n{len(qs)} questions, {len(passages)} passages; shipped {ir_loco._short(base)}")
    print("\n| set | bm25s P@1 / MRR | rocu shipped P@1 / MRR |")
    print("| --- | --- | --- |")
    for name, idx in [*halves.items(), *((f"{h} plain", i) for h, i in plain.items())]:
        print(f"| {name} | {cell(bm25_ranks, idx)} | {cell(ours, idx)} |")
    print(
        "\nEach addition at each other value, the rest as shipped: MRR@10 change (other - shipped)"
        " [95%], tuning half | checking half"
    )
    print("| addition | value | tune all | tune plain | check all | check plain |")
    print("| --- | --- | --- | --- | --- | --- |")
    for addition, values in ir_loco.GRID.items():
        for value in values:
            if value == base[addition]:
                continue
            other = dict(base, **{addition: value})
            theirs = per_setting[grid.index(other)]
            cells = []
            for idx in (halves["tune"], plain["tune"], halves["check"], plain["check"]):
                d, lo, hi = ir.bootstrap(rr([theirs[i] for i in idx]), rr([ours[i] for i in idx]))
                cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
            print(f"| {addition} | {value:g} | " + " | ".join(cells) + " |")
    best = max(
        range(len(grid)),
        key=lambda i: statistics.fmean(rr([per_setting[i][j] for j in halves["tune"]])),
    )
    print(f"\nbest on the tuning half alone: {ir_loco._short(grid[best])}")
    for name, idx in [*halves.items(), *((f"{h} plain", i) for h, i in plain.items())]:
        print(f"  {name}: {cell(per_setting[best], idx)}")


def excerpts(db, qs: list[dict], passages: dict) -> None:
    """For each question whose answering passage is among the first ten results: is the answer
    in its excerpt, and inside the sentence marked as the answer? (The search as shipped.)"""
    from bot.search.ranking import search

    found = shown = marked = asked = 0
    for q in qs:
        response = search(db, q["query"], limit=10)
        for result in response.results:
            if result.file != q["file"] or not meaning_bench.answered(
                passages[_rowid(db, result)][1], q["answer"]
            ):
                continue
            found += 1
            shown += meaning_bench.answered(result.excerpt, q["answer"])
            if result.answer:
                asked += 1
                a, b = result.answer
                marked += meaning_bench.answered(result.excerpt[a:b], q["answer"])
            break
    print(
        f"{len(qs)} questions; answering passage in the first ten: {found}; its excerpt shows "
        f"the answer: {shown}; a sentence marked as the answer: {asked}, holding it: {marked}"
    )


def _rowid(db, result) -> int:
    doc, ordinal = result.doc_id, int(result.passage_id.rsplit("#", 1)[-1].lstrip("p"))
    sql = "select id from passages where doc_id = ? and ordinal = ?"
    return db.execute(sql, [doc, ordinal]).fetchone()[0]


if __name__ == "__main__":
    main()
