"""Benchmark: choose the feedback settings leave-one-collection-out on bench/ir.py's collections.

Each collection is ingested as bench/ir.py does; every judged query (as written and with typos) is
searched once with feedback off, and each candidate's parts are kept (bm25, document, coverage,
proximity, phrase, text). Re-ranking those offline with a feedback setting gives what
``bot.search.ranking`` would show with it (the early stop is exact, so scoring every candidate
ranks the same). For each collection held out, the setting with the best mean of rocu/bm25s
nDCG@10 on the other three is chosen, and reported on the held-out one.

    nice python bench/ir_loco.py                 # the four collections in ../shared/eval/ir
    nice python bench/ir_loco.py --max-weight 0.4

Not a test: the collections are not part of the project.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ir  # noqa: E402  (bench/ir.py: collections, typos, stores, bm25s, metrics)

WEIGHTS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25)
PASSAGES = (2, 3, 4)
WORDS = (20, 40)


def capture(db, file_to_id, queries) -> list[list[tuple]]:
    """Per query: (doc, prior, score without feedback, text) of every candidate."""
    from bot.search import ranking

    kept: list[list[tuple]] = []
    rescored = ranking._rescored

    def spy(db, plan, vocab, found, wanted, diverse):
        doc_of = ranking._doc_ids(db, list(found))
        rows = ranking._rows(db, list(found))
        marker = ranking.Marker(plan.alternatives, vocab)
        best = max(found.values()) or 1.0
        per_doc = Counter()
        for rowid, value in found.items():
            per_doc[doc_of[rowid]] += value
        best_doc = max(per_doc.values()) or 1.0
        out = []
        for rowid, value in found.items():
            prior = (
                ranking.WEIGHTS["bm25"] * value / best
                + ranking.WEIGHTS["document"] * per_doc[doc_of[rowid]] / best_doc
            )
            text = rows[rowid]["text"]
            score = prior + ranking._score(plan, marker.marks(text))
            out.append((file_to_id[doc_of[rowid]], prior, score, rowid, text))
        kept[-1] = out
        return rescored(db, plan, vocab, found, wanted, diverse)

    ranking.WEIGHTS["feedback"] = 0.0
    ranking._rescored = spy
    try:
        for _, text in queries:
            kept.append([])
            ranking.search(db, text, limit=ir.DEPTH * 2)
    finally:
        ranking._rescored = rescored
    return kept


def rerank(candidates, vocab, weight: float, passages: int, words: int, pool: int) -> list[str]:
    from bot.search import ranking

    if not candidates:
        return []
    score = {c[3]: c[2] for c in candidates}
    if weight:
        best = sorted(candidates, key=lambda c: (-c[2], c[3]))[:passages]
        ranking_words = ranking._feedback_words(
            [ranking._Scored(c[2], c[3], {}, c[4], []) for c in best], vocab
        )
        ranking_words = dict(Counter(ranking_words).most_common(words))
        held = ranking._feedback(ranking_words)
        for c in sorted(candidates, key=lambda c: (-c[1], c[3]))[:pool]:
            score[c[3]] += weight * held(c[4])
    docs: dict[str, float] = defaultdict(lambda: -1e9)
    for c in candidates:
        docs[c[0]] = max(docs[c[0]], score[c[3]])
    return sorted(docs, key=lambda d: -docs[d])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="*", default=list(ir.COLLECTIONS))
    parser.add_argument("--root", default=str(ir.DEFAULT_ROOT))
    parser.add_argument("--workdir", default="/tmp/rocu-ir-loco")
    parser.add_argument("--max-weight", type=float, default=max(WEIGHTS))
    args = parser.parse_args()
    from bot.search import ranking
    from bot.search.vocabulary import vocabulary

    pool = ranking.FEEDBACK_POOL
    grid = [
        (w, p, n)
        for w, p, n in itertools.product(WEIGHTS, PASSAGES, WORDS)
        if w <= args.max_weight and (w or (p, n) == (PASSAGES[0], WORDS[0]))
    ]
    figures: dict[tuple, dict[str, float]] = defaultdict(dict)  # (setting, variant) -> coll -> nDCG
    baseline: dict[tuple, float] = {}
    for name in args.collections:
        coll = ir.load(name, Path(args.root))
        db, file_to_id = ir.build_store(coll, Path(args.workdir))
        vocab = vocabulary(db)
        rng = random.Random(13)
        variants = {"as written": coll.queries}
        variants["typos"] = [(qid, ir.typo(text, rng)) for qid, text in coll.queries]
        bm25 = ir.Bm25s(coll)
        for variant, queries in variants.items():
            rel = [coll.qrels[qid] for qid, _ in queries]
            baseline[(name, variant)] = statistics.fmean(
                ir.metrics(r, q)["ndcg10"] for (r, _), q in zip(bm25.run(queries), rel, strict=True)
            )
            kept = capture(db, file_to_id, queries)
            for setting in grid:
                ranked = [rerank(c, vocab, *setting, pool) for c in kept]
                figures[(setting, variant)][name] = statistics.fmean(
                    ir.metrics(r, q)["ndcg10"] for r, q in zip(ranked, rel, strict=True)
                )
        print(f"{name}: captured", flush=True)
        db.close()
    names = list(args.collections)
    off = grid[0]
    print(f"\nfeedback settings (weight, passages, words), pool {pool}; nDCG@10 as written")
    print(
        "| held out | chosen on the others | held-out: off -> chosen "
        "| typos: off -> chosen | bm25s |"
    )
    print("| --- | --- | --- | --- | ---: |")
    for held in names:
        train = [n for n in names if n != held]

        def gain(setting, train=train):
            row = figures[(setting, "as written")]
            return statistics.fmean(row[n] / baseline[(n, "as written")] for n in train)

        chosen = max(grid, key=gain)
        w, t = figures[(off, "as written")], figures[(chosen, "as written")]
        tw, tt = figures[(off, "typos")], figures[(chosen, "typos")]
        print(
            f"| {held} | {chosen} | {w[held]:.4f} -> {t[held]:.4f} | {tw[held]:.4f} -> "
            f"{tt[held]:.4f} | {baseline[(held, 'as written')]:.4f} |"
        )
    print("\nevery setting, as written:")
    for setting in grid:
        row = figures[(setting, "as written")]
        print(f"  {setting}: " + ", ".join(f"{n} {row[n]:.4f}" for n in names))


if __name__ == "__main__":
    main()
