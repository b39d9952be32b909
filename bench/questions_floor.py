"""Benchmark: plain BM25 as a floor for questions (issue 21, "The floor for questions, round 8").

Every question of the sets named is searched live over the store of the real documents that
``bench/meaning.py questions`` builds, plain and with the meaning extra, and what the question
step sees is kept (``bench/questions_within.py``'s capture: the candidates in search's order
with their lexical parts and cosines). Then, offline:

- **What makes bm25s's passage ranking better than FTS5's bm25 here**, one difference at a
  time from bm25s as the comparator runs it (Snowball stems, Lucene's 33 English stop words on
  both sides, k1 1.5, b 0.75, Lucene's IDF): Porter stems; no stop words; rocu's stop words
  (the query's only, as FTS5 sees them, or both sides); k1 1.2; Robertson's IDF (FTS5's form);
  the question's frame words set aside as rocu does; and all of FTS5's at once. Each BM25 ranks
  all passages (``alone``) and only rocu's candidates (``candidates``).
- **Rank fusion with a plain passage BM25 ranking** (``VARIANT rrf k=K w=W``): the order the
  question step makes (documents' order, passages within them) fused by reciprocal rank with
  that BM25's order of the same candidates: score 1/(K + rank) + W/(K + BM25 rank); a passage
  found by meaning alone has no BM25 rank.
- ``VARIANT local``: that BM25's score as the local score's bm25 part (the documents' order
  kept), as round 6 tried with bm25s.

Figures per part of the sets (tuning and checking halves of each file), plain questions only.

    nice python bench/questions_floor.py --questions eval/questions-real.jsonl \\
        --questions eval/questions-real-2.jsonl --workdir /tmp/floor8-x

Not a test: the documents are not part of the project.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLIND = ("questions-real-3", "questions-real-4", "questions-real-7", "questions-real-8")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402  (bench/meaning.py: the store, figures, bootstrap)
import questions_within as qw  # noqa: E402  (the capture of the question step)

# One difference at a time from bm25s as bench/ir.py runs it.
BM25S = {
    "stem": "english",
    "stop": "lucene",
    "query_stop": None,
    "k1": 1.5,
    "b": 0.75,
    "idf": "lucene",
    "frame": False,
}
VARIANTS = {
    "bm25s": {},
    "porter stems": {"stem": "porter"},
    "no stop words": {"stop": "none"},
    "rocu's stop words, query only": {"stop": "none", "query_stop": "rocu"},
    "rocu's stop words, both": {"stop": "rocu"},
    "k1 1.2": {"k1": 1.2},
    "IDF robertson": {"idf": "robertson"},
    "frame words set aside": {"frame": True},
    "live": {},  # bot.search.floor, over the candidates only
    "FTS5-like (all four)": {
        "stem": "porter",
        "stop": "none",
        "query_stop": "rocu",
        "k1": 1.2,
        "idf": "robertson",
    },
}
FUSION = [(k, w) for k in (5, 20, 60) for w in (0.5, 1.0, 2.0)]


def stop_list(name: str) -> list[str]:
    import bm25s.stopwords

    from bot.search.plan import stop_words

    return {
        "none": [],
        "lucene": sorted(bm25s.stopwords.STOPWORDS_EN),
        "rocu": sorted(stop_words()),
    }[name]


class Bm25:
    """One BM25 over every passage of the store (rowid -> score per query)."""

    def __init__(self, texts: dict[int, str], **setting):
        import bm25s
        import Stemmer

        self.bm25s, self.setting = bm25s, {**BM25S, **setting}
        s = self.setting
        self.stemmer = Stemmer.Stemmer(s["stem"])
        self.ids = list(texts)
        self.at = {r: i for i, r in enumerate(self.ids)}
        tokens = bm25s.tokenize(
            [texts[r] for r in self.ids],
            stopwords=stop_list(s["stop"]),
            stemmer=self.stemmer,
            show_progress=False,
        )
        self.retriever = bm25s.BM25(k1=s["k1"], b=s["b"], method="lucene", idf_method=s["idf"])
        self.retriever.index(tokens, show_progress=False)

    def scores(self, query: str) -> dict[int, float]:
        from bot.search.query import parse_query

        s = self.setting
        if s["frame"]:  # the words rocu reads as the question's frame, set aside
            frame = {w.lower() for t in parse_query(query).question for w in t.words}
            query = " ".join(w for w in query.split() if w.lower().strip("?,.") not in frame)
        stop = stop_list(s["query_stop"] or s["stop"])
        words = self.bm25s.tokenize(
            [query], stopwords=stop, stemmer=self.stemmer, return_ids=False, show_progress=False
        )[0]
        words = [w for w in words if w in self.retriever.vocab_dict]
        if not words:
            return {}
        values = self.retriever.get_scores(words)
        return {r: float(values[i]) for i, r in enumerate(self.ids) if values[i] > 0}


def live_scores(db, query: str, captured: dict) -> dict[int, float]:
    """``bot.search.floor.scores`` over the candidates of both captures of ``query``."""
    from bot.search import floor
    from bot.search.vocabulary import vocabulary

    rows = {r[0]: r for m in ("plain", "meaning") for r in captured[m].get("items", [])}
    return floor.scores([qw.Item(*row) for row in rows.values()], query, vocabulary(db))


def step(db, query: str, rec: dict, local_bm25: dict | None = None, floor=None) -> list:
    """The question step on a capture (as bot.search.ranking does it), before diversity; with
    ``local_bm25`` (rowid -> score), that in place of FTS5's bm25 in the local score; with
    ``floor`` (scores, k, w, where), search's order fused with the scores' order (``fused``)
    ``before`` the passages are ordered within the documents (so the documents' order is the
    fused one), or ``after`` (the final order fused)."""
    from bot.search import meaning, passages

    items = [qw.Item(*row) for row in rec.get("items", [])]
    meant = rec.get("cosines")
    if meant is not None:
        weight = meaning.QUESTION_WEIGHT if rec["question"] else meaning.WEIGHT
        items = meaning.mix(items, meant, weight, rec["lexical"])
    if floor is not None and floor[3] == "before":
        items = fused(items, *floor[:3])
    parts = rec["parts"]
    bm25 = {r: p[0] for r, p in parts.items()}
    if local_bm25 is not None:
        bm25 = {r: local_bm25.get(r, 0.0) for r in parts}
    best = max(bm25.values(), default=0.0) or 1.0
    w = passages.LOCAL  # without the meaning extra: PLAIN_LOCAL's in its place (round 10)
    if meant is None:
        w = {**w, **getattr(passages, "PLAIN_LOCAL", {})}
    local = {
        r: w["bm25"] * bm25[r] / best
        + w["coverage"] * p[1]
        + w["proximity"] * p[2]
        + w["phrase"] * p[3]
        for r, p in parts.items()
    }
    if meant is not None:
        lex = passages._normalised(local)
        near = passages._normalised({r: v for r, v in meant.items() if r in local})
        local = {
            r: (1 - passages.MEANING) * v + passages.MEANING * near.get(r, 0.0)
            for r, v in lex.items()
        }
    span = None
    if meant is None and getattr(passages, "PLAIN_LOCAL", {}):  # the range by LOCAL's weights
        v = passages.LOCAL
        span = passages._span(
            {
                r: v["bm25"] * bm25[r] / best
                + v["coverage"] * p[1]
                + v["proximity"] * p[2]
                + v["phrase"] * p[3]
                for r, p in parts.items()
            }
        )
    local = passages.answerable(items, local, span) if span else passages.answerable(items, local)
    ordered = passages.within_documents(items, local)
    if floor is not None and floor[3] == "after":
        ordered = fused(ordered, *floor[:3])
    return ordered


def finish(db, ordered: list, rec: dict) -> list[int]:
    """The hand-off (with the extra) and the cap per document: the first ten rowids."""
    from bot.search import meaning
    from bot.search.diversity import diversify

    if rec.get("cosines") is not None:
        make = lambda rowids: [qw.Item(r, *qw._row(db, r)) for r in rowids]  # noqa: E731
        ordered = meaning.hand_off(db, ordered, make, lambda rowids: rowids)
    return [c.rowid for c in diversify(ordered, key=lambda c: c.doc_id)][:10]


def fused(ordered: list, scores: dict[int, float], k: float, w: float) -> list:
    """``ordered`` fused by reciprocal rank with the order of ``scores`` over the same items."""
    held = sorted(
        (c for c in ordered if scores.get(c.rowid, 0.0) > 0), key=lambda c: -scores[c.rowid]
    )
    plain = {c.rowid: i for i, c in enumerate(held)}
    value = {
        c.rowid: 1 / (k + i) + (w / (k + plain[c.rowid]) if c.rowid in plain else 0.0)
        for i, c in enumerate(ordered)
    }
    return sorted(ordered, key=lambda c: -value[c.rowid])


def cost(db, queries: list[str], rounds: int) -> None:
    """Plain search of every question, the floor off then on (WEIGHT 1), alternating query by
    query in one process: wall ms per search, p50 / p95, and the floor's own share."""
    import os
    import statistics
    import time

    from bot.search import floor
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "off"
    spent: list[float] = []
    scores = floor.scores

    def timed(*args):
        started = time.perf_counter()
        try:
            return scores(*args)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    floor.scores = timed
    times: dict[float, list[float]] = {0.0: [], 1.0: []}
    for query in queries:  # warm: the vocabulary, the caches
        search(db, query, limit=10)
    for _ in range(rounds):
        for query in queries:
            for weight in times:
                floor.WEIGHT = weight
                started = time.perf_counter()
                search(db, query, limit=10)
                times[weight].append((time.perf_counter() - started) * 1000)
    floor.scores = scores
    for weight, values in times.items():
        values.sort()
        print(
            f"floor weight {weight}: {len(values)} searches, p50 {statistics.median(values):.1f} "
            f"ms, p95 {values[int(0.95 * len(values)) - 1]:.1f} ms (loaded machine)"
        )
    spent.sort()
    print(
        f"the floor's BM25 itself: p50 {statistics.median(spent):.2f} ms, "
        f"p95 {spent[int(0.95 * len(spent)) - 1]:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", required=True, help="a fresh folder (the store is built)")
    parser.add_argument("--variants", default="", help="comma-separated names of VARIANTS")
    parser.add_argument("--dump", default="", help="per question ranks (JSON)")
    parser.add_argument(
        "--cost", type=int, default=0, help="only time plain search, floor off / on, N rounds"
    )
    args = parser.parse_args()
    sets = args.questions or [str(ROOT / "eval" / "questions-real.jsonl")]
    blind = [s for s in sets if any(b in s for b in BLIND)]
    if blind:
        sys.exit("The blind sets are the coordinator's: not measured here.")
    qs = [q for q in mb.question_sets(sets) if q["kind"] == "plain"]
    db = mb.real_store(Path(args.workdir))
    if args.cost:
        cost(db, [q["query"] for q in qs], args.cost)
        return
    texts = mb.passage_texts(db)
    names = [n for n in args.variants.split(",") if n] or list(VARIANTS)
    try:  # searched without the floor (bot.search.floor); the replays add it
        from bot.search import floor

        floor.WEIGHT = 0.0
    except ImportError:  # a checkout before it (--code)
        names = [n for n in names if n != "live"]
    captured = qw.capture(db, [q["query"] for q in qs])
    same = sum(
        finish(db, step(db, q["query"], captured[i][m]), captured[i][m])
        == captured[i][m]["shown"][:10]
        for i, q in enumerate(qs)
        for m in ("plain", "meaning")
        if "parts" in captured[i][m]
    )
    print(f"\nreplay reproduces the live search in {same} of {2 * len(qs)} searches")
    plain_texts = {r: t for r, (_, t) in texts.items()}
    scores = {}
    for name in names:
        if name == "live":  # bot.search.floor as it ships, over each query's candidates
            scores[name] = [live_scores(db, q["query"], captured[i]) for i, q in enumerate(qs)]
            continue
        bm25 = Bm25(plain_texts, **VARIANTS[name])
        scores[name] = [bm25.scores(q["query"]) for q in qs]
    systems = {}

    def run(name, f):
        systems[name] = [mb.rank_of(f(i), q, texts) for i, q in enumerate(qs)]

    for mode in ("plain", "meaning"):
        run(
            f"{mode}: no floor (as before)",
            lambda i, m=mode: finish(db, step(db, qs[i]["query"], captured[i][m]), captured[i][m]),
        )
    for name in names:
        run(
            f"{name} alone",
            lambda i, n=name: sorted(scores[n][i], key=lambda r: -scores[n][i][r])[:10],
        )
        run(
            f"{name} over the candidates",
            lambda i, n=name: sorted(
                (r for r, *_ in captured[i]["plain"].get("items", []) if r in scores[n][i]),
                key=lambda r: -scores[n][i][r],
            )[:10],
        )
        run(
            f"plain: {name} local",
            lambda i, n=name: finish(
                db,
                step(db, qs[i]["query"], captured[i]["plain"], scores[n][i]),
                captured[i]["plain"],
            ),
        )
        for mode in ("plain", "meaning"):
            for (k, w), where in itertools.product(FUSION, ("before", "after")):
                run(
                    f"{mode}: {name} rrf k={k} w={w} {where}",
                    lambda i, n=name, m=mode, k=k, w=w, at=where: finish(
                        db,
                        step(db, qs[i]["query"], captured[i][m], floor=(scores[n][i], k, w, at)),
                        captured[i][m],
                    ),
                )
    parts = {}
    for name in dict.fromkeys(q["set"] for q in qs):
        for half in ("tune", "check"):
            parts[f"{name} {half}"] = [
                i for i, q in enumerate(qs) if q["set"] == name and q["half"] == half
            ]
    print("| system | " + " | ".join(f"{p} ({len(v)})" for p, v in parts.items()) + " |")
    print("| --- |" + " --- |" * len(parts))
    for system, ranks in systems.items():
        cells = []
        for keep in parts.values():
            f = mb.figures([ranks[i] for i in keep])
            cells.append(f"{f['p1']:.2f} / {f['hit3']:.2f} / {f['mrr10']:.3f}")
        print(f"| {system} | " + " | ".join(cells) + " |")
    if args.dump:
        Path(args.dump).write_text(json.dumps({"questions": qs, "ranks": systems}))


if __name__ == "__main__":
    main()
