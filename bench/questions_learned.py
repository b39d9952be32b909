"""Benchmark: a question's passages ordered by a small learned score (issue 21, "Questions,
round 16").

Every question of the sets named is searched live with the meaning extra as shipped over the
store of the real documents that ``bench/meaning.py questions`` builds, keeping what the question
step sees: the candidates (lexical, then those found by meaning alone) with search's scores, their
cosines to the question, and each candidate's local parts (bm25, coverage, proximity, phrase).
The step is replayed offline (it reproduces the live search: the count is printed), then with
the passage-local score replaced or re-weighted:

- ``misses``: each tuning question the shipped search does not answer first, by cause (the
  answer is no candidate; another document comes first; the right document but another of its
  passages; the answering passage cut from the excerpt);
- ``learned``: a linear score over features search already has for every candidate (``FEATURES``)
  trained pairwise (the answering passage above each other candidate of its question) on the
  tuning parts, chosen leave-one-question-set-out; used for the order within documents only
  (the order in which documents first appear is search's, so the four IR collections cannot
  move), or for the fused order too;
- ``--report``: the shipped order, the four-flag scores (``CHOSEN``), bm25s and rocu plain with
  Wilson intervals, and the scores' differences with paired bootstrap intervals, by set and half;
- ``--latency N``: the cost of ``bot.search.passages.LEARNED`` (shipped in round 17: the
  four-flag score within documents), live, on and off in turn; ``--before``: search and replay
  with it off, as the round 17 run was made.

    nice python bench/questions_learned.py --workdir DIR --questions eval/questions-real.jsonl \\
        --questions eval/questions-real-2.jsonl ...

Not a test: the documents are not part of the project. The blind sets are refused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pickle
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402  (bench/meaning.py: the store, figures, bootstrap)
import question_step  # noqa: E402  (the question step recorded)
from question_step import Item  # noqa: E402
from questions_shared import BLIND, refuse_blind  # noqa: E402, F401  (BLIND: the sets refused)


def capture(db, queries: list[str]) -> list[dict]:
    """Per query, as shipped: the candidates, cosines, local parts, the results shown."""
    from bot.search.query import parse_query
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    out = []
    with question_step.recording(db, no_cosines={}, parts_without_meaning=False) as rec:
        for query in queries:
            rec.clear()
            response = search(db, query, limit=10)
            got = dict(rec)
            got["shown"] = [mb.rowid_of(db, r) for r in response.results]
            got["frame"] = [t.text for t in parse_query(query).question]
            got["excerpt"] = response.results[0].excerpt if response.results else ""
            out.append(got)
    return out


def _norm(values: dict) -> dict:
    if not values:
        return {}
    lo, hi = min(values.values()), max(values.values())
    return {k: (v - lo) / (hi - lo) if hi > lo else 1.0 for k, v in values.items()}


FEATURES = (
    "local",  # the shipped local score (bm25 share, coverage, proximity, phrase, meaning 0.8)
    "fused",  # the shipped fused score (lexical and meaning min-max mixed at 0.7)
    "cos",  # the cosine, min-max over the candidates
    "bm25",  # the passage's bm25 over the best candidate's
    "coverage",
    "proximity",
    "phrase",
    "heading",  # a heading alone or a contents line (passages.cannot_answer)
    "only",  # found by meaning alone
    "asks",  # only asks a question (meaning.asks)
    "short",  # fewer than 40 words
    "docbest",  # the best cosine (min-max) of its document's candidates
    "docshare",  # the passage's cosine over its document's best (1: the document's nearest)
    "cosrank",  # 1 / (1 + its place by cosine among the candidates)
    "lexrank",  # 1 / (1 + its place in search's lexical order); 0 if found by meaning alone
    "lacks",  # the question asks for a number, a duration or a date (excerpts.asked_for) and
    # the passage holds none
    "lexmix",  # search's lexical score, min-max over the lexical candidates (0: meaning alone)
    "shortprose",  # fewer than 40 words and no table row (a row carries its own figures)
)


def features(rec: dict) -> dict[int, list[float]]:
    """rowid -> FEATURES of each candidate of a captured question."""
    from bot.search import meaning, passages
    from bot.search.excerpts import asked_for

    rows = rec["items"]
    lexical = rec["lexical"]
    cos = rec["cosines"]
    parts = rec["parts"]
    items = [Item(*r) for r in rows]
    pool = {c.rowid: cos[c.rowid] for c in items if c.rowid in cos}
    fused = {
        c.rowid: c.score
        for c in meaning.mix([Item(*r) for r in rows], pool, meaning.QUESTION_WEIGHT, lexical)
    }
    cosn = _norm(pool)
    lexmix = _norm({c.rowid: c.score for c in items[:lexical]})
    best = max((p[0] for p in parts.values()), default=0.0) or 1.0
    w = passages.LOCAL
    lex = {
        r: w["bm25"] * p[0] / best
        + w["coverage"] * p[1]
        + w["proximity"] * p[2]
        + w["phrase"] * p[3]
        for r, p in parts.items()
    }
    lexn = _norm(lex)
    local = {
        r: (1 - passages.MEANING) * v + passages.MEANING * cosn.get(r, 0.0) for r, v in lexn.items()
    }
    local = passages.answerable(items, local)
    docbest: dict[str, float] = {}
    for c in items:
        docbest[c.doc_id] = max(docbest.get(c.doc_id, 0.0), cosn.get(c.rowid, 0.0))
    by_cos = sorted(items, key=lambda c: -pool.get(c.rowid, -9))
    cosrank = {c.rowid: 1.0 / (1 + i) for i, c in enumerate(by_cos)}
    pattern = asked_for(rec.get("frame", []))
    out = {}
    for i, c in enumerate(items):
        p = parts.get(c.rowid, (0.0, 0.0, 0.0, 0.0))
        out[c.rowid] = [
            local.get(c.rowid, 0.0),
            fused[c.rowid],
            cosn.get(c.rowid, 0.0),
            p[0] / best,
            p[1],
            p[2],
            p[3],
            1.0 if passages.cannot_answer(c.text) else 0.0,
            0.0 if i < lexical else 1.0,
            1.0 if meaning.asks(c.text) else 0.0,
            1.0 if len(c.text.split()) < 40 else 0.0,
            docbest[c.doc_id],
            cosn.get(c.rowid, 0.0) / (docbest[c.doc_id] or 1.0),
            cosrank[c.rowid],
            1.0 / (1 + i) if i < lexical else 0.0,
            1.0 if pattern is not None and not pattern.search(c.text) else 0.0,
            lexmix.get(c.rowid, 0.0),
            1.0 if len(c.text.split()) < 40 and " | " not in c.text else 0.0,
        ]
    return out


def _lexical(rec: dict) -> dict[int, float]:
    """rowid -> the passage-local lexical score of each captured candidate (LOCAL's weights)."""
    from bot.search import passages

    parts = rec["parts"]
    best = max((p[0] for p in parts.values()), default=0.0) or 1.0
    w = passages.LOCAL
    return {
        r: w["bm25"] * p[0] / best
        + w["coverage"] * p[1]
        + w["proximity"] * p[2]
        + w["phrase"] * p[3]
        for r, p in parts.items()
    }


def replay(db, rec: dict, *, local_fn=None, fused_fn=None) -> list[int]:
    """The question step on a capture; ``local_fn(feats) -> {rowid: score}`` replaces the
    local score, ``fused_fn`` the fused one (the documents' order). The first ten rowids."""
    from bot.search import meaning, passages
    from bot.search.diversity import diversify

    if "parts" not in rec:
        return rec["shown"]
    rows, lexical, cos = rec["items"], rec["lexical"], rec["cosines"]
    items = [Item(*r) for r in rows]
    pool = {c.rowid: cos[c.rowid] for c in items if c.rowid in cos}
    if (local_fn or fused_fn) and "_feats" not in rec:
        rec["_feats"] = features(rec)
    feats = rec.get("_feats")
    if fused_fn is None:
        own = None
        if meaning.PASSAGE_SHARE:  # as search does it since round 18 (meaning.PASSAGE_SHARE)
            own = {
                r: v for r, v in _lexical(rec).items() if r in {c.rowid for c in items[:lexical]}
            }
        fused = meaning.mix(items, pool, meaning.QUESTION_WEIGHT, lexical, passage=own)
    else:
        score = fused_fn(feats)
        for c in items:
            c.score = score[c.rowid]
        fused = sorted(items, key=lambda c: (-c.score, c.rowid))
    if local_fn is None:
        parts = rec["parts"]
        best = max((p[0] for p in parts.values()), default=0.0) or 1.0
        w = passages.LOCAL
        local = {
            r: w["bm25"] * p[0] / best
            + w["coverage"] * p[1]
            + w["proximity"] * p[2]
            + w["phrase"] * p[3]
            for r, p in parts.items()
        }
        lex, near = _norm(local), _norm({r: pool[r] for r in local if r in pool})
        local = {
            r: (1 - passages.MEANING) * v + passages.MEANING * near.get(r, 0.0)
            for r, v in lex.items()
        }
        local = passages.answerable(fused, local)
        if passages.LEARNED:  # as search does it since round 17 (--before: off)
            from bot.search.excerpts import asked_for

            local = passages.learned(fused, local, asked_for(rec.get("frame", [])), meaning.asks)
    else:
        local = local_fn(feats)
    ordered = passages.within_documents(fused, local)

    def make(rowids):
        out = []
        for r in rowids:
            d, t, o = db.execute(
                "select doc_id, text, ordinal from passages where id = ?", [r]
            ).fetchone()
            out.append(Item(r, d, 0.0, t, o))
        return out

    ordered = meaning.hand_off(db, ordered, make, lambda rowids: rowids)
    return [c.rowid for c in diversify(ordered, key=lambda c: c.doc_id)][:10]


# -- a linear score learned pairwise ---------------------------------------------------------


def pairs(recs, qs, texts, keep, same_doc=False) -> list[tuple[list[float], list[float]]]:
    """(answer's features, another candidate's) for each question kept whose answer is a
    candidate."""
    out = []
    for i in keep:
        rec, q = recs[i], qs[i]
        if "parts" not in rec:
            continue
        if "_feats" not in rec:
            rec["_feats"] = features(rec)
        feats = rec["_feats"]
        good = [
            r for r in feats if texts[r][0] == q["file"] and mb.answered(texts[r][1], q["answer"])
        ]
        if not good:
            continue
        for g in good[:1]:
            doc = next(x[1] for x in rec["items"] if x[0] == g)
            docs = {x[0]: x[1] for x in rec["items"]}
            for r, f in feats.items():
                if r not in good and (not same_doc or docs.get(r) == doc):
                    out.append((feats[g], f))
    return out


def train(data, use: list[int], l2: float = 0.01, steps: int = 400, lr: float = 0.5):
    """Weights over the features ``use``: logistic loss on (answer - other), per-question
    pairs weighted equally overall (plain gradient descent; no package)."""
    import numpy as np

    if not data:
        return np.zeros(len(use))
    x = np.array([[a[j] - b[j] for j in use] for a, b in data], dtype=np.float64)
    w = np.zeros(len(use))
    for _ in range(steps):
        z = x @ w
        p = 1.0 / (1.0 + np.exp(np.clip(z, -30, 30)))  # d/dz of log(1 + e^-z) is -p
        grad = -(x * p[:, None]).mean(axis=0) + l2 * w
        w -= lr * grad
    return w


def scorer(w, use):
    def f(feats):
        return {r: float(sum(w[k] * v[j] for k, j in enumerate(use))) for r, v in feats.items()}

    return f


# -- the report ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", default="/tmp/rocu-meaning-bench")
    parser.add_argument("--kinds", default="plain")
    parser.add_argument("--again", action="store_true", help="capture again")
    parser.add_argument("--misses", action="store_true", help="the tuning misses, by cause")
    parser.add_argument(
        "--excerpts", default="", help="ASKED_SHARE values to search live with, e.g. off,0,0.5"
    )
    parser.add_argument(
        "--before",
        action="store_true",
        help="search and replay as before round 17 (passages.LEARNED off): the round 17 run",
    )
    parser.add_argument(
        "--latency",
        type=int,
        default=0,
        help="search each question this many times live with passages.LEARNED on and off: "
        "p50 / p95 of search and of the learned step alone",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="the shipped order, the four-flag scores, bm25s and rocu plain: figures with "
        "Wilson and paired bootstrap intervals, by set and half",
    )
    args = parser.parse_args()
    refuse_blind(args.questions)
    if args.before:
        from bot.search import passages

        passages.LEARNED = None
    sets = args.questions or [str(ROOT / "eval" / "questions-real.jsonl")]
    qs = [q for q in mb.question_sets(sets) if q["kind"] in args.kinds.split(",")]
    work = Path(args.workdir)
    db = mb.real_store(work)
    texts = mb.passage_texts(db)
    digest = hashlib.sha1("\n".join(q["query"] for q in qs).encode()).hexdigest()[:10]
    before = "-before" if args.before else ""
    cache = work / f"learned-capture-{len(qs)}-{digest}{before}.pickle"  # the same questions, once
    if cache.exists() and not args.again:
        recs = pickle.loads(cache.read_bytes())
    else:
        recs = capture(db, [q["query"] for q in qs])
        cache.write_bytes(pickle.dumps(recs))
    same = sum(replay(db, r) == r["shown"][:10] for r in recs)
    print(f"replay reproduces the live search in {same} of {len(qs)}")
    if args.misses:
        report_misses(db, recs, qs, texts, work)
    if args.excerpts:
        report_excerpts(db, qs, texts, args.excerpts.split(","))
        return
    if args.latency:
        latency(db, qs, args.latency)
        return
    ranks = compare(db, recs, qs, texts, args)
    if args.report:
        ranks.update(beside(db, qs, texts))
        report(qs, ranks)


def latency(db, qs, rounds: int) -> None:
    """Live search with the extra, each question ``rounds`` times with passages.LEARNED on and
    off in turn (warm: one search of each first): p50 / p95 of the whole search (ms) and of the
    learned step alone (``passages.learned``, where it runs)."""
    import time

    from bot.search import passages
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    saved, learned = passages.LEARNED, passages.learned
    step: list[float] = []

    def timed(*a, **k):
        started = time.perf_counter()
        try:
            return learned(*a, **k)
        finally:
            step.append((time.perf_counter() - started) * 1000)

    times: dict[str, list[float]] = {"off": [], "on": []}
    passages.learned = timed
    try:
        for q in qs:
            search(db, q["query"], limit=10)
        step.clear()
        for _ in range(rounds):
            for q in qs:
                for name in ("off", "on"):
                    passages.LEARNED = saved if name == "on" else None
                    started = time.perf_counter()
                    search(db, q["query"], limit=10)
                    times[name].append((time.perf_counter() - started) * 1000)
    finally:
        passages.LEARNED, passages.learned = saved, learned
    ran = [t for t in step if t > 0]

    def q(values, at):
        values = sorted(values)
        return values[min(len(values) - 1, int(at * len(values)))] if values else 0.0

    n = len(db.execute("select id from passages").fetchall())
    print(f"\n{n} passages; {len(qs)} questions x {rounds}")
    for name, values in times.items():
        print(f"search, learned {name}: p50 {q(values, 0.5):.1f} ms, p95 {q(values, 0.95):.1f} ms")
    print(
        f"the learned step alone ({len(ran)} calls): p50 {q(ran, 0.5):.3f} ms, "
        f"p95 {q(ran, 0.95):.3f} ms"
    )


def beside(db, qs, texts) -> dict[str, list]:
    """bm25s over every passage and rocu without the extra (live), each question's rank."""
    import ir

    from bot.search.ranking import search

    bm25 = ir.Bm25s(ir.Collection("real", {str(k): v[1] for k, v in texts.items()}, []))
    runs = bm25.run([(None, q["query"]) for q in qs], depth=10)
    out = {
        "bm25s": [
            mb.rank_of([int(d) for d in r], q, texts) for (r, _), q in zip(runs, qs, strict=True)
        ]
    }
    setting = os.environ.get("ROCU_MEANING")
    os.environ["ROCU_MEANING"] = "off"
    try:
        shown = [search(db, q["query"], limit=10).results for q in qs]
        out["rocu plain"] = [
            mb.rank_of([mb.rowid_of(db, r) for r in results], q, texts)
            for results, q in zip(shown, qs, strict=True)
        ]
    finally:
        os.environ["ROCU_MEANING"] = setting or "on"
    return out


# The learned scores the round 17 brief measures (names as ``compare`` makes them).
CHOSEN = {
    "four flags, within documents": "learned local: shipped + heading, asks, lacks, short, "
    "l2 0.01, same document",
    "four flags, flat": "learned flat: shipped + heading, asks, lacks, short, l2 0.01",
    "four flags, short prose, within documents": "learned local: shipped + heading, asks, "
    "lacks, short prose, l2 0.01, same document",
}


def report(qs, ranks) -> None:
    """P@1 / hit@3 / MRR@10 with Wilson 95% intervals, by set and half and over all sets; the
    learned scores' differences from the shipped order with paired bootstrap 95% intervals."""
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(qs):
        groups.setdefault(f"{q['set']} {q['half']}", []).append(i)
    for half in ("tune", "check"):
        groups[f"all {half}"] = [i for i in range(len(qs)) if qs[i]["half"] == half]
    systems = {"bm25s": "bm25s", "rocu plain": "rocu plain", "rocu + meaning (shipped)": "shipped"}
    systems.update({k: v for k, v in CHOSEN.items()})
    sets = sorted({q["set"] for q in qs}) + ["all"]
    p1 = lambda r: 1.0 if r == 1 else 0.0  # noqa: E731
    h3 = lambda r: 1.0 if r and r <= 3 else 0.0  # noqa: E731
    rr = lambda r: 1.0 / r if r else 0.0  # noqa: E731

    def cell(idx, values):
        a, b = [p1(values[i]) for i in idx], [h3(values[i]) for i in idx]
        lo1, hi1 = wilson(int(sum(a)), len(a))
        lo3, hi3 = wilson(int(sum(b)), len(b))
        mrr = statistics.fmean(rr(values[i]) for i in idx)
        return (
            f"{statistics.fmean(a):.2f} [{lo1:.2f}, {hi1:.2f}] / "
            f"{statistics.fmean(b):.2f} [{lo3:.2f}, {hi3:.2f}] / {mrr:.3f}"
        )

    print(
        "\n| set (tuning n / checking n) | system | tuning: P@1 [Wilson 95%] / hit@3 / MRR@10 "
        "| checking: the same |"
    )
    print("| --- | --- | --- | --- |")
    for s in sets:
        t, c = groups.get(f"{s} tune", []), groups.get(f"{s} check", [])
        for name, key in systems.items():
            cells = [cell(g, ranks[key]) if g else "" for g in (t, c)]
            print(f"| {s} ({len(t)} / {len(c)}) | {name} | {cells[0]} | {cells[1]} |")
    print(
        "\n| set | switch | P@1 won / lost, tuning | P@1 / hit@3 / MRR@10 difference, tuning "
        "[paired bootstrap 95%] | won / lost, checking | the same, checking |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    base = ranks["shipped"]
    for s in sets:
        for name, key in CHOSEN.items():
            cells = []
            for half in ("tune", "check"):
                idx = groups.get(f"{s} {half}", [])
                if not idx:
                    cells += ["", ""]
                    continue
                new = ranks[key]
                won = sum(new[i] == 1 and base[i] != 1 for i in idx)
                lost = sum(base[i] == 1 and new[i] != 1 for i in idx)
                diffs = []
                for m in (p1, h3, rr):
                    d, lo, hi = mb.paired([m(new[i]) for i in idx], [m(base[i]) for i in idx])
                    diffs.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
                cells += [f"+{won} -{lost}", " / ".join(diffs)]
            print(f"| {s} | {name} | " + " | ".join(cells) + " |")


def report_excerpts(db, qs, texts, settings: list[str]) -> None:
    """Live, with the extra: for each ``meaning.ASKED_SHARE`` setting, how many questions'
    first result is a passage that answers and how many of those excerpts show the answer;
    and how many first excerpts differ from the first setting's. Only questions whose frame
    says what they ask for can differ (the others are searched once)."""
    from bot.search import meaning
    from bot.search.excerpts import asked_for
    from bot.search.query import parse_query
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    saved = meaning.ASKED_SHARE
    asking = [
        i for i, q in enumerate(qs) if asked_for([t.text for t in parse_query(q["query"]).question])
    ]
    print(f"\n{len(asking)} of {len(qs)} questions say what they ask for")
    first: dict[str, list] = {}
    try:
        for setting in settings:
            meaning.ASKED_SHARE = None if setting == "off" else float(setting)
            out = []
            for i in asking:
                r = search(db, qs[i]["query"], limit=1).results
                out.append((mb.rowid_of(db, r[0]), r[0].excerpt) if r else (None, ""))
            first[setting] = out
    finally:
        meaning.ASKED_SHARE = saved
    print(
        "| ASKED_SHARE | part | first result answers | its excerpt shows the answer "
        "| first excerpts changed |"
    )
    print("| --- | --- | ---: | ---: | ---: |")
    for setting, out in first.items():
        for half in ("tune", "check"):
            keep = [k for k, i in enumerate(asking) if qs[i]["half"] == half]
            hits = [
                k
                for k in keep
                if out[k][0]
                and texts[out[k][0]][0] == qs[asking[k]]["file"]
                and mb.answered(texts[out[k][0]][1], qs[asking[k]]["answer"])
            ]
            shown = [
                k for k in hits if mb.answered(out[k][1].replace("…", ""), qs[asking[k]]["answer"])
            ]
            changed = sum(out[k][1] != first[settings[0]][k][1] for k in keep)
            print(f"| {setting} | {half} ({len(keep)}) | {len(hits)} | {len(shown)} | {changed} |")
    for k, i in enumerate(asking):
        texts_seen = {s: first[s][k][1] for s in settings}
        if len(set(texts_seen.values())) > 1:
            print(f"  {qs[i]['set']} {qs[i]['half']}: excerpt differs between settings")
    answer_first(qs, texts, settings)


def answer_first(qs, texts, settings: list[str]) -> None:
    """Wherever it ranks: the excerpt a question's answering passage would have as the first
    result (its answering sentence by meaning, the question's window), for each asking question
    whose answering passage is longer than that window; does it show the answer?"""
    from bot.search import meaning
    from bot.search.excerpts import QUESTION_MAX_CHARS, QUESTION_MIN_CHARS, asked_for, make_excerpt
    from bot.search.query import parse_query

    rows = []
    for q in qs:
        asks = asked_for([t.text for t in parse_query(q["query"]).question])
        found = [r for r, (f, t) in texts.items() if f == q["file"] and mb.answered(t, q["answer"])]
        if asks and found and len(texts[found[0]][1]) > QUESTION_MAX_CHARS:
            rows.append((q, asks, texts[found[0]][1]))
    print(f"\n{len(rows)} asking questions whose answering passage is longer than the window")
    print("| ASKED_SHARE | part | the excerpt shows the answer | changed from the first setting |")
    print("| --- | --- | ---: | --- |")
    saved, seen = meaning.ASKED_SHARE, {}
    try:
        for setting in settings:
            meaning.ASKED_SHARE = None if setting == "off" else float(setting)
            for q, asks, text in rows:
                span = meaning.answering_sentence(q["query"], text, asks)
                mark = [(span[0], span[0] + 1, 0)] if span else []
                excerpt = make_excerpt(
                    text, mark, QUESTION_MIN_CHARS, QUESTION_MAX_CHARS, sentence=span, asks=asks
                )
                seen[(setting, q["query"])] = mb.answered(
                    excerpt.text.replace("…", ""), q["answer"]
                )
    finally:
        meaning.ASKED_SHARE = saved
    for setting in settings:
        for half in ("tune", "check"):
            part = [q for q, _, _ in rows if q["half"] == half]
            shown = sum(seen[(setting, q["query"])] for q in part)
            moved = [
                f"{q['file']} {'+' if seen[(setting, q['query'])] else '-'}"
                for q in part
                if seen[(setting, q["query"])] != seen[(settings[0], q["query"])]
            ]
            print(f"| {setting} | {half} | {shown} of {len(part)} | {'; '.join(moved)} |")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return (0.0, 0.0)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


SUBSETS = {
    "shipped parts": ["local", "fused"],
    "shipped + heading, asks, lacks, short": [
        "local",
        "fused",
        "heading",
        "asks",
        "lacks",
        "short",
    ],
    "shipped + heading, asks, lacks, short prose": [
        "local",
        "fused",
        "heading",
        "asks",
        "lacks",
        "shortprose",
    ],
    "shipped + document": ["local", "fused", "docbest", "docshare"],
    "shipped + ranks": ["local", "fused", "cosrank", "lexrank"],
    "raw parts": ["cos", "bm25", "coverage", "proximity", "phrase", "heading", "lexmix"],
    "all": list(FEATURES),
}


def adaptive(base: float, k: float, where: str):
    """The meaning share chosen by the question's lexical evidence: base + k * (1 - the best
    lexical candidate's coverage of the question), at most 1."""
    from bot.search import passages

    F = {n: i for i, n in enumerate(FEATURES)}

    def share(feats):
        lex = [v for v in feats.values() if not v[F["only"]]]
        cov = max((v[F["coverage"]] for v in lex), default=0.0)
        return min(1.0, base + k * (1.0 - cov))

    def fused(feats):
        w = share(feats)
        return {r: (1 - w) * v[F["lexmix"]] + w * v[F["cos"]] for r, v in feats.items()}

    def local(feats):
        w = min(1.0, passages.MEANING + (share(feats) - base))
        lexn = _norm(
            {
                r: v[F["bm25"]]
                + 0.2 * v[F["coverage"]]
                + 0.3 * v[F["proximity"]]
                + 0.5 * v[F["phrase"]]
                for r, v in feats.items()
            }
        )
        span = 1.0
        return {
            r: (1 - w) * lexn[r] + w * v[F["cos"]] - passages.CANNOT_ANSWER * span * v[F["heading"]]
            for r, v in feats.items()
        }

    out = {}
    if where in ("fused", "both"):
        out["fused_fn"] = fused
    if where in ("local", "both"):
        out["local_fn"] = local
    return out


def compare(db, recs, qs, texts, args) -> None:
    n = len(qs)
    F = {name: i for i, name in enumerate(FEATURES)}
    tune = [i for i in range(n) if qs[i]["half"] == "tune" and "parts" in recs[i]]
    sets = sorted({qs[i]["set"] for i in range(n)})
    ranks: dict[str, list] = {}

    def run(name, kw_of):
        ranks[name] = [mb.rank_of(replay(db, recs[i], **kw_of(i)), qs[i], texts) for i in range(n)]

    run("shipped", lambda i: {})
    for where in ("fused", "local", "both"):
        for k in (0.15, 0.3, 0.5):
            kw = adaptive(0.7, k, where)
            run(f"adaptive share k={k} ({where})", lambda i, kw=kw: kw)
    chosen = {}
    for sub, names in SUBSETS.items():
        use = [F[x] for x in names]
        for l2, same in ((0.01, False), (0.01, True), (0.1, True)):
            w_all = train(pairs(recs, qs, texts, tune, same), use, l2)
            w_out = {
                s: train(
                    pairs(recs, qs, texts, [i for i in tune if qs[i]["set"] != s], same), use, l2
                )
                for s in sets
            }
            for mode in ("local",) if same else ("local", "flat"):
                name = f"learned {mode}: {sub}, l2 {l2}{', same document' if same else ''}"

                def kw(i, mode=mode, use=use, w_out=w_out, w_all=w_all):
                    w = w_out[qs[i]["set"]] if qs[i]["half"] == "tune" else w_all
                    f = scorer(w, use)
                    return {"local_fn": f} if mode == "local" else {"local_fn": f, "fused_fn": f}

                run(name, kw)
                chosen[name] = dict(zip(names, (round(float(x), 3) for x in w_all), strict=True))
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(qs):
        groups.setdefault(f"{q['set']} {q['half']}", []).append(i)
    groups["all tuning"] = [i for i in range(n) if qs[i]["half"] == "tune"]
    groups["all checking"] = [i for i in range(n) if qs[i]["half"] == "check"]
    order = sorted(groups, key=lambda g: (g.startswith("all"), "check" in g, g))
    print("\n| system | " + " | ".join(f"{g} ({len(groups[g])})" for g in order) + " |")
    print("| --- |" + " --- |" * len(order))
    base = ranks["shipped"]
    for name, values in ranks.items():
        cells = []
        for g in order:
            idx = groups[g]
            p1 = sum(values[i] == 1 for i in idx)
            h3 = sum(bool(values[i]) and values[i] <= 3 for i in idx)
            mrr = statistics.fmean(1 / values[i] if values[i] else 0 for i in idx)
            won = sum(values[i] == 1 and base[i] != 1 for i in idx)
            lost = sum(base[i] == 1 and values[i] != 1 for i in idx)
            cells.append(f"{p1} / {h3} / {mrr:.3f} (+{won} -{lost})")
        print(f"| {name} | " + " | ".join(cells) + " |")
    Path(args.workdir, "learned-ranks.json").write_text(
        json.dumps({"qs": qs, "ranks": ranks, "weights": chosen})
    )
    return ranks


def report_misses(db, recs, qs, texts, work: Path) -> None:

    causes: dict[tuple[str, str], list] = {}
    for i, (rec, q) in enumerate(zip(recs, qs, strict=True)):
        rank = mb.rank_of(rec["shown"], q, texts)
        part = f"{q['set']} {q['half']}"
        if rank == 1:
            ex = rec.get("excerpt", "")
            if not mb.answered(ex.replace("…", ""), q["answer"]):
                causes.setdefault((part, "first, but the excerpt cuts the answer"), []).append(i)
            continue
        good = [
            r[0]
            for r in rec.get("items", [])
            if texts[r[0]][0] == q["file"] and mb.answered(texts[r[0]][1], q["answer"])
        ]
        first = rec["shown"][0] if rec["shown"] else None
        first_doc = texts[first][0] if first else None
        if not good:
            cause = "the answer is no candidate"
        elif first_doc != q["file"]:
            cause = "a candidate; another document first"
        else:
            cause = "the right document first, another of its passages"
        causes.setdefault((part, cause), []).append(i)
    for (part, cause), idx in sorted(causes.items()):
        print(f"| {part} | {cause} | {len(idx)} |")
    (work / "misses.json").write_text(
        json.dumps({f"{p} / {c}": [qs[i]["query"] for i in v] for (p, c), v in causes.items()})
    )


if __name__ == "__main__":
    main()
