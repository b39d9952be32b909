"""Benchmark: ideas for a question's order that do not lean on our own question style (issue 21,
"Questions, round 18").

On the captures of ``bench/questions_learned.py`` (the same store, questions and capture file:
run that first), each candidate is replayed and reported beside the shipped order, by set and
half, P@1 / hit@3 / MRR@10 with Wilson 95% intervals, questions won and lost at P@1, and paired
bootstrap 95% intervals of the difference. The learned scores are chosen leave-one-question-set-out
as ``questions_learned`` chooses them: each set's tuning half is scored by weights trained on the
other sets' tuning halves, each checking half by the weights trained on every tuning half.

- ``flat``: the learned score (``bot.search.passages.LEARNED``'s features) ordering every
  candidate, the documents too, not only the passages within each document;
- ``prior``: the documents' order for a question without search's document prior and feedback
  (the fused score's lexical half is the passage-local lexical score);
- ``--live NAME=VALUE``: searched again live with a module constant set (``meaning.NEAREST=100``:
  the fusion's candidate depth), ranks from what search shows.

``ir``: the four IR collections with the meaning extra's vectors (a store each under
``--workdir``, built and embedded once): every judged query searched once as shipped, its question
step captured; the documents' order (nDCG@10 by first appearance) as shipped and under each
candidate that moves it, per collection, with paired bootstrap intervals. A candidate whose
weights are learned is learned on the real questions' tuning halves only, so each collection is
left out of its choice by construction.

    nice python bench/questions_general.py real --workdir DIR \\
        --questions eval/questions-real.jsonl ...
    nice python bench/questions_general.py ir --workdir DIR2

Not a test: the documents and collections are not part of the project. The blind sets are refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402
import question_step  # noqa: E402
import questions_learned as ql  # noqa: E402
from question_step import Item  # noqa: E402
from questions_shared import h3 as _h3  # noqa: E402
from questions_shared import p1 as _p1  # noqa: E402
from questions_shared import refuse_blind  # noqa: E402
from questions_shared import rr as _rr  # noqa: E402

SHIPPED = ["local", "fused", "heading", "asks", "lacks", "shortprose"]  # LEARNED's features
L2 = 0.01
SHARES = (0.25, 0.5, 0.75, 1.0)  # the passage-local lexical score's share of the lexical half


def lexical_local(feats) -> dict[int, float]:
    """The passage-local lexical score (no document prior, no feedback), min-max."""
    F = {n: i for i, n in enumerate(ql.FEATURES)}
    from bot.search import passages

    w = passages.LOCAL
    return ql._norm(
        {
            r: w["bm25"] * v[F["bm25"]]
            + w["coverage"] * v[F["coverage"]]
            + w["proximity"] * v[F["proximity"]]
            + w["phrase"] * v[F["phrase"]]
            for r, v in feats.items()
            if not v[F["only"]]
        }
    )


def prior_fn(share: float):
    """The fused score with ``share`` of its lexical half from the passage-local lexical score
    instead of search's (which holds the document prior and feedback)."""
    from bot.search import meaning

    F = {n: i for i, n in enumerate(ql.FEATURES)}

    def f(feats):
        loc = lexical_local(feats)
        w = meaning.QUESTION_WEIGHT
        return {
            r: round(
                (1 - w) * ((1 - share) * v[F["lexmix"]] + share * loc.get(r, 0.0))
                + w * v[F["cos"]],
                4,
            )
            for r, v in feats.items()
        }

    return f


def variants(recs, qs, texts):
    """name -> (rowid-list kwargs of ql.replay for question i)."""
    F = {n: i for i, n in enumerate(ql.FEATURES)}
    use = [F[x] for x in SHIPPED]
    n = len(qs)
    tune = [i for i in range(n) if qs[i]["half"] == "tune" and "parts" in recs[i]]
    sets = sorted({q["set"] for q in qs})
    out = {"shipped": lambda i: {}}
    for same in (True, False):
        w_all = ql.train(ql.pairs(recs, qs, texts, tune, same), use, L2)
        w_out = {
            s: ql.train(
                ql.pairs(recs, qs, texts, [i for i in tune if qs[i]["set"] != s], same), use, L2
            )
            for s in sets
        }

        def kw(i, w_out=w_out, w_all=w_all):
            w = w_out[qs[i]["set"]] if qs[i]["half"] == "tune" else w_all
            f = ql.scorer(w, use)
            return {"local_fn": f, "fused_fn": f}

        trained = "within documents" if same else "every candidate"
        out[f"flat (weights trained {trained})"] = kw
        print(
            f"flat weights ({trained}, all tuning):",
            dict(zip(SHIPPED, (round(float(x), 3) for x in w_all), strict=True)),
        )
    for share in SHARES:
        f = prior_fn(share)
        out[f"no document prior, share {share}"] = lambda i, f=f: {"fused_fn": f}
    return out


def table(qs, ranks: dict[str, list], base: str = "shipped") -> None:
    from questions_learned import wilson

    groups: dict[str, list[int]] = {}
    for i, q in enumerate(qs):
        groups.setdefault(f"{q['set']} {q['half']}", []).append(i)
    for half in ("tune", "check"):
        groups[f"all {half}"] = [i for i in range(len(qs)) if qs[i]["half"] == half]

    def cell(idx, values):
        a, b = [_p1(values[i]) for i in idx], [_h3(values[i]) for i in idx]
        lo1, hi1 = wilson(int(sum(a)), len(a))
        lo3, hi3 = wilson(int(sum(b)), len(b))
        mrr = statistics.fmean(_rr(values[i]) for i in idx)
        return (
            f"{statistics.fmean(a):.2f} [{lo1:.2f}, {hi1:.2f}] / "
            f"{statistics.fmean(b):.2f} [{lo3:.2f}, {hi3:.2f}] / {mrr:.3f}"
        )

    sets = sorted({q["set"] for q in qs}) + ["all"]
    print("\n| set (tuning n / checking n) | system | tuning | checking |")
    print("| --- | --- | --- | --- |")
    for s in sets:
        t, c = groups.get(f"{s} tune", []), groups.get(f"{s} check", [])
        for name, values in ranks.items():
            cells = [cell(g, values) if g else "" for g in (t, c)]
            print(f"| {s} ({len(t)} / {len(c)}) | {name} | {cells[0]} | {cells[1]} |")
    print(
        "\n| part | switch | counts P@1 / hit@3 (won / lost at P@1) "
        "| P@1 / hit@3 / MRR@10 difference [paired bootstrap 95%] |"
    )
    print("| --- | --- | --- | --- |")
    b = ranks[base]
    for s in sets:
        for half in ("tune", "check"):
            idx = groups.get(f"{s} {half}", [])
            if not idx:
                continue
            for name, new in ranks.items():
                if name == base:
                    continue
                won = sum(new[i] == 1 and b[i] != 1 for i in idx)
                lost = sum(b[i] == 1 and new[i] != 1 for i in idx)
                counts = (
                    f"{sum(_p1(new[i]) for i in idx):.0f} / {sum(_h3(new[i]) for i in idx):.0f} "
                    f"against {sum(_p1(b[i]) for i in idx):.0f} / {sum(_h3(b[i]) for i in idx):.0f}"
                    f" (+{won} -{lost})"
                )
                diffs = []
                for m in (_p1, _h3, _rr):
                    d, lo, hi = mb.paired([m(new[i]) for i in idx], [m(b[i]) for i in idx])
                    diffs.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
                print(f"| {s} {half} ({len(idx)}) | {name} | {counts} | {' / '.join(diffs)} |")


def load_capture(work: Path, qs):
    digest = hashlib.sha1("\n".join(q["query"] for q in qs).encode()).hexdigest()[:10]
    cache = work / f"learned-capture-{len(qs)}-{digest}.pickle"
    if not cache.exists():
        sys.exit(f"no capture {cache}: run bench/questions_learned.py first")
    return pickle.loads(cache.read_bytes())


def real(args) -> None:
    sets = args.questions
    qs = [q for q in mb.question_sets(sets) if q["kind"] in args.kinds.split(",")]
    work = Path(args.workdir)
    db = mb.real_store(work)
    texts = mb.passage_texts(db)
    ranks = {}
    if args.kinds != "plain":  # no capture of them: each setting searched live, the first as is
        for setting in args.live:
            ranks[setting] = live(db, qs, texts, setting)
        table(qs, ranks, base=args.live[0])
        return
    recs = load_capture(work, qs)
    if args.live:
        ranks["shipped"] = [mb.rank_of(r["shown"], q, texts) for r, q in zip(recs, qs, strict=True)]
        for setting in args.live:
            ranks[setting] = live(db, qs, texts, setting)
    else:
        for name, kw in variants(recs, qs, texts).items():
            ranks[name] = [
                mb.rank_of(ql.replay(db, recs[i], **kw(i)), qs[i], texts) for i in range(len(qs))
            ]
    table(qs, ranks)
    Path(work, f"general-ranks{'-live' if args.live else ''}.json").write_text(
        json.dumps({"qs": qs, "ranks": ranks})
    )


def live(db, qs, texts, setting: str) -> list:
    """Each question searched live with a module constant of bot.search set, its rank."""
    import importlib

    from bot.search.ranking import search

    name, value = setting.split("=")
    module, attr = name.rsplit(".", 1)
    mod = importlib.import_module(f"bot.search.{module}")
    saved = getattr(mod, attr)
    setattr(mod, attr, type(saved)(value) if saved is not None else json.loads(value))
    os.environ["ROCU_MEANING"] = "on"
    try:
        return [
            mb.rank_of(
                [mb.rowid_of(db, r) for r in search(db, q["query"], limit=10).results], q, texts
            )
            for q in qs
        ]
    finally:
        setattr(mod, attr, saved)


# -- the four IR collections with vectors ------------------------------------------------------


def ir_run(args) -> None:
    import ir

    from bot.library.store import open_db
    from bot.search.query import parse_query
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    work = Path(args.workdir)
    # the weights the flat candidate would ship with: trained on the real questions' tuning halves
    weights = json.loads(Path(args.weights).read_text()) if args.weights else None
    per: dict[tuple[str, str], list[float]] = {}
    counts = {}
    for name in args.collections:
        coll = ir.load(name, Path(args.root))
        path = work / name / "rocu.db"
        if path.exists():
            db = open_db(path)
            file_to_id = {
                row[0]: ir._doc_key(row[1]) for row in db.execute("select id, file from documents")
            }
        else:
            db, file_to_id = ir.build_store(coll, work)
        mb.embed(db, name)
        cache = work / name / "capture.pickle"
        if cache.exists():
            recs = pickle.loads(cache.read_bytes())
        else:
            recs = []
            with question_step.recording(db, no_cosines={}, parts_without_meaning=False) as rec:
                for _, text in coll.queries:
                    rec.clear()
                    response = search(db, text, limit=50)
                    got = dict(rec)
                    got["shown_docs"] = [r.doc_id for r in response.results]
                    got["frame"] = [t.text for t in parse_query(text).question]
                    recs.append(got)
            cache.write_bytes(pickle.dumps(recs))
        systems = {"shipped": None, **{k: v for k, v in ir_variants(weights).items()}}
        questions = sum(1 for r in recs if r.get("question") and "parts" in r)
        same = sum(
            ir_docs(r, None)[:10] == list(dict.fromkeys(r.get("shown_docs", [])))[:10] for r in recs
        )
        print(f"  {name}: the replay's first ten documents are search's in {same} of {len(recs)}")
        counts[name] = (len(recs), questions)
        for (qid, _), rec in zip(coll.queries, recs, strict=True):
            for sys_name, fn in systems.items():
                docs = ir_docs(rec, fn)
                per.setdefault((name, sys_name), []).append(
                    ir.metrics([file_to_id[d] for d in docs], coll.qrels[qid])["ndcg10"]
                )
    print(
        "\n| collection (queries / read as questions) | system | nDCG@10 "
        "| difference from shipped [paired bootstrap 95%] |"
    )
    print("| --- | --- | --- | --- |")
    for name in args.collections:
        base = per[(name, "shipped")]
        for (c, sys_name), values in per.items():
            if c != name:
                continue
            if sys_name == "shipped":
                diff = ""
            else:
                d, lo, hi = mb.paired(values, base)
                diff = f"{d:+.4f} [{lo:+.4f}, {hi:+.4f}]"
            print(
                f"| {name} ({counts[name][0]} / {counts[name][1]}) | {sys_name} "
                f"| {statistics.fmean(values):.4f} | {diff} |"
            )


def ir_variants(weights):
    out = {}
    if weights:
        for label, w in weights.items():
            use = [ql.FEATURES.index(x) for x in SHIPPED]
            out[label] = ql.scorer([w[x] for x in SHIPPED], use)
    for share in SHARES:
        out[f"no document prior, share {share}"] = prior_fn(share)
    return out


def ir_docs(rec, fused_fn) -> list[str]:
    """The documents in the order they first appear: the fusion as shipped, or by ``fused_fn``
    for a question whose step was captured (search's own order for anything else)."""
    from bot.search import meaning

    if "items" not in rec or not rec.get("cosines"):
        return list(dict.fromkeys(rec.get("shown_docs", [])))
    items = [Item(*r) for r in rec["items"]]
    pool = {c.rowid: rec["cosines"][c.rowid] for c in items if c.rowid in rec["cosines"]}
    if fused_fn is None or not rec.get("question") or "parts" not in rec:
        ordered = meaning.mix(
            items,
            pool,
            meaning.QUESTION_WEIGHT if rec.get("question") else meaning.WEIGHT,
            rec["lexical"],
        )
    else:
        if "_feats" not in rec:
            rec["_feats"] = ql.features(rec)
        score = fused_fn(rec["_feats"])
        ordered = sorted(items, key=lambda c: (-score[c.rowid], c.rowid))
    return list(dict.fromkeys(c.doc_id for c in ordered))


def latency(args) -> None:
    """Live search with the extra at the real store's size, each plain question ``--latency``
    times with ``meaning.PASSAGE_SHARE`` as shipped and off, in turn (warm: one search of each
    first): p50 / p95 (ms)."""
    import time

    from bot.search import meaning
    from bot.search.ranking import search

    qs = [q for q in mb.question_sets(args.questions) if q["kind"] == "plain"]
    db = mb.real_store(Path(args.workdir))
    os.environ["ROCU_MEANING"] = "on"
    shipped = meaning.PASSAGE_SHARE
    for q in qs:
        search(db, q["query"], limit=10)
    times: dict[str, list[float]] = {"off": [], "on": []}
    try:
        for _ in range(args.latency):
            for q in qs:
                for name in ("off", "on"):
                    meaning.PASSAGE_SHARE = shipped if name == "on" else 0.0
                    started = time.perf_counter()
                    search(db, q["query"], limit=10)
                    times[name].append((time.perf_counter() - started) * 1000)
    finally:
        meaning.PASSAGE_SHARE = shipped
    n = db.execute("select count(*) from passages").fetchone()[0]
    print(f"{n} passages; {len(qs)} questions x {args.latency}; PASSAGE_SHARE {shipped}")
    for name, values in times.items():
        values.sort()
        p50, p95 = values[len(values) // 2], values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"search, passage share {name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("part", choices=("real", "ir"))
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--live", action="append", default=[], help="e.g. meaning.NEAREST=100")
    parser.add_argument(
        "--kinds",
        default="plain",
        help="real: question kinds; other than plain: live only (--live, the first the base)",
    )
    parser.add_argument("--root", default=str(mb.SHARED / "eval" / "ir"))
    parser.add_argument("--collections", nargs="*", default=["cisi", "cran", "med", "adi"])
    parser.add_argument("--weights", default="", help="ir: JSON {label: {feature: weight}}")
    parser.add_argument("--latency", type=int, default=0, help="real: p50 / p95, share on / off")
    args = parser.parse_args()
    refuse_blind(args.questions)
    if args.part == "real" and args.latency:
        latency(args)
    else:
        real(args) if args.part == "real" else ir_run(args)


if __name__ == "__main__":
    main()
