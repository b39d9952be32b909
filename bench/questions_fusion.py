"""Benchmark: how a question's lexical and meaning evidence are fused (issue 21, "Questions,
round 7").

Every question of the sets named is searched live with the meaning extra over the store of the
real documents that ``bench/meaning.py questions`` builds, with a wide pool of passages found by
meaning alone (``--pool`` nearest, no least cosine), and what the question step sees is kept:
the lexical candidates in search's order with their scores and parts, every pool passage's
FTS5 bm25 for the question's words, and the query's vector. The step (pool, mix, passages merged
by their local score within the documents' order, hand-off, cap per document) is then replayed
offline with one switch changed at a time (``VARIANTS``):

- ``shipped``: as search does it (the replay checks it reproduces the live results);
- ``nearest N / cos C``: the pool of passages found by meaning alone widened (the recall ceiling:
  hit@10 is reported);
- ``minmax bm25``: the comparator's normalisation, lexical (FTS5 bm25, also for the passages
  found by meaning alone, rather than 0) and cosine each min-max normalised over the pool;
- ``rrf``: reciprocal rank fusion of the lexical order and the cosine order;
- ``doc ...``: document evidence from meaning (the best k cosines of each document's passages
  over the whole library, or the mean of its vectors) added to every passage of the document;
- ``context``: the cosines from vectors of "title. heading. passage" instead of the bare
  passage (``--context``: embedded once and kept in the work folder).

    nice python bench/questions_fusion.py --questions eval/questions-real.jsonl \\
        --questions eval/questions-real-2.jsonl --context

Not a test: the documents are not part of the project.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402  (bench/meaning.py: the store, figures, bootstrap)
import question_step  # noqa: E402  (the question step recorded)
import questions_vectors as qvec  # noqa: E402
from question_step import Item  # noqa: E402

POOL = 400


def capture(db, queries: list[str], pool: int) -> list[dict]:
    """Per query: the lexical candidates, the wide pool, parts, FTS5 bm25, the query vector."""
    from bot.search import meaning
    from bot.search.ranking import search

    saved = meaning.NEAREST, meaning.MIN_COSINE
    os.environ["ROCU_MEANING"] = "on"
    out = []
    try:
        with question_step.recording(db, no_cosines={}, fts=True) as rec:
            for query in queries:
                rec.clear()
                meaning.NEAREST, meaning.MIN_COSINE = pool, -1.0
                search(db, query, limit=10)
                wide = dict(rec)
                rec.clear()
                meaning.NEAREST, meaning.MIN_COSINE = saved
                response = search(db, query, limit=10)
                wide["shown"] = [mb.rowid_of(db, r) for r in response.results]
                out.append(wide)
    finally:
        meaning.NEAREST, meaning.MIN_COSINE = saved
    return out


def _norm(values: dict) -> dict:
    if not values:
        return {}
    lo, hi = min(values.values()), max(values.values())
    return {k: (v - lo) / (hi - lo) if hi > lo else 1.0 for k, v in values.items()}


def replay(
    db,
    rec: dict,
    *,
    nearest=50,
    least=0.3,
    fusion="mix",
    weight=None,
    cos=None,
    doc=None,
    doc_weight=0.0,
    local_cos=None,
    hand=True,
    flat=False,
) -> list[int]:
    """The question step on a capture with the switches given; the first ten rowids."""
    from bot.search import meaning, passages
    from bot.search.diversity import diversify

    if "parts" not in rec:
        return rec["shown"]
    cos = cos if cos is not None else rec["cosines"]
    lexical = rec["lexical"]
    rows = rec["items"]
    lex_rows, more = rows[:lexical], rows[lexical:]
    have = {r[0] for r in lex_rows}
    ranked_near = sorted((r for r in more), key=lambda r: (-cos.get(r[0], -9), r[0]))
    kept = [r for r in ranked_near if r[0] not in have and cos.get(r[0], -9) >= least]
    # search takes the nearest ``nearest`` of all passages, then drops those already lexical
    allowed_near = {r[0] for r in sorted(rows, key=lambda r: (-cos.get(r[0], -9), r[0]))[:nearest]}
    kept = [r for r in kept if r[0] in allowed_near]
    items = [Item(*r) for r in lex_rows + kept]
    pool_cos = {c.rowid: cos[c.rowid] for c in items if c.rowid in cos}
    weight = meaning.QUESTION_WEIGHT if weight is None else weight
    if fusion == "mix":
        fused = meaning.mix(items, pool_cos, weight, lexical)
    else:
        if fusion == "minmax bm25":
            lex = _norm({c.rowid: rec["fts"].get(c.rowid, 0.0) for c in items})
            sim = _norm(pool_cos)
            for c in items:
                c.score = (1 - weight) * lex[c.rowid] + weight * sim.get(c.rowid, 0.0)
        elif fusion == "minmax rocu":  # rocu's own lexical score, meaning-only by their bm25
            lex = _norm({c.rowid: c.score for c in items[:lexical]})
            fts = _norm({c.rowid: rec["fts"].get(c.rowid, 0.0) for c in items})
            sim = _norm(pool_cos)
            for i, c in enumerate(items):
                ls = lex[c.rowid] if i < lexical else fts[c.rowid] * min(lex.values() or [0])
                c.score = (1 - weight) * ls + weight * sim.get(c.rowid, 0.0)
        elif fusion == "rrf":
            k = 60
            by_cos = sorted(items, key=lambda c: -pool_cos.get(c.rowid, -9))
            rc = {c.rowid: i for i, c in enumerate(by_cos)}
            for i, c in enumerate(items):
                c.score = (1 - weight) * (1 / (k + i) if i < lexical else 0.0) + weight / (
                    k + rc[c.rowid]
                )
        fused = sorted(items, key=lambda c: (-c.score, c.rowid))
    if doc is not None and doc_weight:
        ev = _norm({d: doc[d] for d in {c.doc_id for c in fused} if d in doc})
        span = (max(c.score for c in fused) - min(c.score for c in fused)) if fused else 1.0
        for c in fused:
            c.score += doc_weight * (span or 1.0) * ev.get(c.doc_id, 0.0)
        fused = sorted(fused, key=lambda c: (-c.score, c.rowid))
    if flat:
        return [c.rowid for c in diversify(fused, key=lambda c: c.doc_id)][:10]
    parts = rec["parts"]
    best = max((p[0] for p in parts.values()), default=0.0) or 1.0
    w = passages.LOCAL
    local = {
        c.rowid: w["bm25"] * parts[c.rowid][0] / best
        + w["coverage"] * parts[c.rowid][1]
        + w["proximity"] * parts[c.rowid][2]
        + w["phrase"] * parts[c.rowid][3]
        for c in fused
        if c.rowid in parts
    }
    sims = local_cos if local_cos is not None else cos
    lex, near = _norm(local), _norm({r: sims[r] for r in local if r in sims})
    local = {
        r: (1 - passages.MEANING) * v + passages.MEANING * near.get(r, 0.0) for r, v in lex.items()
    }
    local = passages.answerable(fused, local)
    ordered = passages.within_documents(fused, local)

    def make(rowids):
        out = []
        for r in rowids:
            d, t, o = db.execute(
                "select doc_id, text, ordinal from passages where id = ?", [r]
            ).fetchone()
            out.append(Item(r, d, 0.0, t, o))
        return out

    if hand:
        ordered = meaning.hand_off(db, ordered, make, lambda rowids: rowids)
    return [c.rowid for c in diversify(ordered, key=lambda c: c.doc_id)][:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", default="/tmp/rocu-meaning-bench")
    parser.add_argument("--pool", type=int, default=POOL)
    parser.add_argument("--context", action="store_true")
    parser.add_argument("--window", action="store_true")
    parser.add_argument("--long", action="store_true", help="passages read to 256 tokens")
    parser.add_argument("--only", default="", help="variants whose name holds one of these (|)")
    parser.add_argument("--again", action="store_true", help="capture again")
    parser.add_argument("--moved", default="", help="list the questions this variant moves")
    args = parser.parse_args()
    from bot.search import meaning
    from bot.search.meaning import vectors

    sets = args.questions or [str(ROOT / "eval" / "questions-real.jsonl")]
    qs = mb.question_sets(sets)
    qs = [q for q in qs if q["kind"] == "plain"]
    work = Path(args.workdir)
    db = mb.real_store(work)
    texts = mb.passage_texts(db)
    doc_of = dict(db.execute("select id, doc_id from passages").fetchall())
    model = meaning.embedder()
    matrix = vectors.matrix(db, vectors.made_by(model))
    import pickle

    cache = work / f"fusion-capture-{len(qs)}-{args.pool}.pickle"
    if cache.exists() and not args.again:
        captured = pickle.loads(cache.read_bytes())
    else:
        captured = capture(db, [q["query"] for q in qs], args.pool)
        cache.write_bytes(pickle.dumps(captured))
    qv = [model.encode([meaning.query_text(q["query"])])[0] for q in qs]
    same = sum(replay(db, c) == c["shown"][:10] for c in captured)
    print(f"\nreplay reproduces the live search in {same} of {len(qs)}")
    evid = {
        how: [qvec.doc_evidence(matrix, doc_of, v, how) for v in qv]
        for how in ("top1", "top3", "mean", "centroid")
    }
    variants = {"shipped": lambda i: {}}
    for n, c in ((100, 0.3), (200, 0.3), (100, 0.2), (200, 0.2), (400, 0.0)):
        variants[f"nearest {n} / cos {c}"] = lambda i, n=n, c=c: {"nearest": n, "least": c}
    for w in (0.5, 0.7):
        variants[f"mix w={w} nearest 200"] = lambda i, w=w: {"weight": w, "nearest": 200}
    for f in ("minmax bm25", "rrf"):
        for w in (0.5, 0.7):
            for n in (50, 200):
                variants[f"{f} w={w} nearest {n}"] = lambda i, f=f, w=w, n=n: {
                    "fusion": f,
                    "weight": w,
                    "nearest": n,
                }
    for how in ("top1", "top3", "mean", "centroid"):
        for g in (0.2, 0.4, 0.6, 0.8, 1.0):
            variants[f"doc {how} g={g}"] = lambda i, how=how, g=g: {
                "doc": evid[how][i],
                "doc_weight": g,
            }
    for how in ("mean", "centroid"):
        for g in (0.4, 0.8):
            variants[f"minmax bm25 w=0.7 + doc {how} g={g}"] = lambda i, how=how, g=g: {
                "fusion": "minmax bm25",
                "weight": 0.7,
                "doc": evid[how][i],
                "doc_weight": g,
            }
    variants["no hand-off"] = lambda i: {"hand": False}
    for w in (0.5, 0.6, 0.7, 0.8):
        variants[f"flat: minmax bm25 w={w}"] = lambda i, w=w: {
            "fusion": "minmax bm25",
            "weight": w,
            "flat": True,
            "nearest": 200,
            "least": 0.0,
        }
        variants[f"flat: mix w={w}"] = lambda i, w=w: {"weight": w, "flat": True}
    import numpy as np

    rows_of = qvec.doc_rows(matrix, doc_of)
    generic = np.zeros(len(matrix.ids), dtype=np.float32)
    for rows in rows_of.values():
        c = matrix.vectors[rows].mean(axis=0)
        generic[rows] = matrix.vectors[rows] @ (c / (np.linalg.norm(c) or 1.0))
    mu = matrix.vectors.mean(axis=0)
    centred = matrix.vectors - mu
    centred /= np.linalg.norm(centred, axis=1, keepdims=True)
    gen = {int(r): float(g) for r, g in zip(matrix.ids, generic, strict=True)}

    def generic_cos(i, b):
        return {r: v - b * gen[r] for r, v in captured[i]["cosines"].items()}

    ccent = []
    for v in qv:
        qc = v - mu
        qc = qc / np.linalg.norm(qc)
        ccent.append({int(r): float(s) for r, s in zip(matrix.ids, centred @ qc, strict=True)})
    for b in (0.1, 0.2, 0.3, 0.5, 0.8):
        variants[f"local: less generic b={b}"] = lambda i, b=b: {"local_cos": generic_cos(i, b)}
    variants["local: centred"] = lambda i: {"local_cos": ccent[i]}
    variants["pool+mix+local: centred"] = lambda i: {"cos": ccent[i], "local_cos": ccent[i]}
    if args.context:
        cm = qvec.context_matrix(db, work, model)
        ccos = [{int(r): float(s) for r, s in zip(cm.ids, cm.vectors @ v, strict=True)} for v in qv]
        variants["context (pool, mix, local)"] = lambda i: {"cos": ccos[i], "local_cos": ccos[i]}
        variants["context (pool, mix), bare local"] = lambda i: {
            "cos": ccos[i],
            "local_cos": captured[i]["cosines"],
        }
        variants["context nearest 200"] = lambda i: {
            "cos": ccos[i],
            "local_cos": ccos[i],
            "nearest": 200,
        }
        cev = {how: [qvec.doc_evidence(cm, doc_of, v, how) for v in qv] for how in ("top1", "top3")}
        for how in ("top1", "top3"):
            for g in (0.1, 0.2):
                variants[f"context + doc {how} g={g}"] = lambda i, how=how, g=g: {
                    "cos": ccos[i],
                    "local_cos": ccos[i],
                    "doc": cev[how][i],
                    "doc_weight": g,
                }
    if args.long:
        lm = qvec.long_matrix(db, work, model, matrix)
        lcos = [{int(r): float(s) for r, s in zip(lm.ids, lm.vectors @ v, strict=True)} for v in qv]
        variants["long 256: local"] = lambda i: {"local_cos": lcos[i]}
        variants["long 256: pool+mix+local"] = lambda i: {"cos": lcos[i], "local_cos": lcos[i]}
        levid = [qvec.doc_evidence(lm, doc_of, v, "mean") for v in qv]
        variants["long 256 + doc mean g=0.4"] = lambda i: {
            "cos": lcos[i],
            "local_cos": lcos[i],
            "doc": levid[i],
            "doc_weight": 0.4,
        }
    if args.window:
        wm = qvec.context_matrix(db, work, model, "window")
        wcos = [{int(r): float(s) for r, s in zip(wm.ids, wm.vectors @ v, strict=True)} for v in qv]

        def combo(i, how, src):
            bare = captured[i]["cosines"]
            other = src[i]
            if how == "max":
                return {r: max(v, other.get(r, v)) for r, v in bare.items()}
            return {r: 0.5 * v + 0.5 * other.get(r, v) for r, v in bare.items()}

        for how in ("max", "mean"):
            variants[f"window {how}: local"] = lambda i, how=how: {"local_cos": combo(i, how, wcos)}
            variants[f"window {how}: pool+mix+local"] = lambda i, how=how: {
                "cos": {**wcos[i], **combo(i, how, wcos)},
                "local_cos": combo(i, how, wcos),
            }
        if args.context:
            for how in ("max", "mean"):
                variants[f"context {how}: local"] = lambda i, how=how: {
                    "local_cos": combo(i, how, ccos)
                }
                variants[f"context {how}: pool+mix+local"] = lambda i, how=how: {
                    "cos": {**ccos[i], **combo(i, how, ccos)},
                    "local_cos": combo(i, how, ccos),
                }
    if args.only:
        wanted = args.only.split("|")
        variants = {
            k: v for k, v in variants.items() if any(w in k for w in wanted) or k == "shipped"
        }
    ranks = {}
    for name, f in variants.items():
        ranks[name] = []
        for i, q in enumerate(qs):
            full = replay(db, captured[i], **f(i))
            ranks[name].append(mb.rank_of(full, q, texts))
    parts = {}
    for i, q in enumerate(qs):
        parts.setdefault(f"{q['set']} {q['half']}", []).append(i)
    tune = [i for i, q in enumerate(qs) if q["half"] == "tune"]
    print(
        "| system | "
        + " | ".join(f"{p} ({len(v)})" for p, v in parts.items())
        + " | tuning P@1 / hit@3 / MRR / hit@10 | P@1 won / lost: tuning, checking |"
    )
    print("| --- |" + " --- |" * (len(parts) + 2))
    check = [i for i, q in enumerate(qs) if q["half"] != "tune"]

    def moved(values, keep):
        first = [(ranks["shipped"][i] == 1, values[i] == 1) for i in keep]
        return sum(b and not a for a, b in first), sum(a and not b for a, b in first)

    for name, values in ranks.items():
        cells = []
        for keep in [*parts.values(), tune]:
            f = mb.figures([values[i] for i in keep])
            h10 = sum(1 for i in keep if values[i]) / len(keep)
            cells.append(f"{f['p1']:.2f} / {f['hit3']:.2f} / {f['mrr10']:.3f} / {h10:.2f}")
        (tw, tl), (cw, cl) = moved(values, tune), moved(values, check)
        cells.append(f"+{tw} -{tl}, +{cw} -{cl}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.moved:
        for i, q in enumerate(qs):
            a, b = ranks["shipped"][i], ranks[args.moved][i]
            if a != b:
                print(f"  {q['set']} {q['half']} {a} -> {b}: {q['file']}")
    Path(work / "fusion-ranks.json").write_text(json.dumps({"qs": qs, "ranks": ranks}))


if __name__ == "__main__":
    main()
