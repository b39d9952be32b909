"""Benchmark: does each addition on top of BM25 earn its place? Leave-one-collection-out.

Each collection of bench/ir.py is ingested as bench/ir.py does; every judged query (as written
and with typos, and optionally the simulated kinds "upper", "upper+typos", "verbose") is searched
once, with spelling correction on and once with it off, and every candidate's parts are kept:
bm25 (its share of the best), its document's bm25 (the same), coverage, proximity, exact phrase,
and its text (for feedback). Re-scoring those offline with a setting of the weights gives what
``bot.search.ranking`` ranks with that setting (its early stop is exact: scoring every
candidate ranks the same). The additions: coverage, proximity, phrase, document prior, feedback
and corrections; bm25 always counts 1.

For each collection held out, the setting with the best mean of rocu/bm25s nDCG@10 over the other
three collections (as written and with typos alike) is chosen, and reported on the held-out one,
beside bm25s (and bm25s given rocu's spelling correction, for typos), with paired-bootstrap 95%
intervals of the difference. Then the same for each addition alone: switched off in the chosen
setting, how much the held-out figure moves.

    nice python bench/ir_loco.py                        # the four collections in ../shared/eval/ir
    nice python bench/ir_loco.py --report upper+typos,verbose

Not a test: the collections are not part of the project.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ir  # noqa: E402  (bench/ir.py: collections, typos, stores, bm25s, metrics)

GRID = {
    "coverage": (0.0, 0.2, 0.4),
    "proximity": (0.0, 0.15, 0.3),
    "document": (0.0, 0.15, 0.3),
    "phrase": (0.0, 0.5),
    "feedback": (0.0, 0.4, 0.8),
    "corrections": (0, 1),
    "stem": (0,),  # coverage weighs each word by its stem's rarity (1) or the word's (0)
    # a word weighs as typed (0), a stem variant as its stem (1, STEM_MATCH), a spelling no
    # passage holds as its stem (2, STEM_UNHELD)
    "stemmatch": (0, 1, 2),
    "floor": (0.0,),  # rank fusion with the plain bm25 order (--floor tries it)
    "floork": (60,),  # ...its reciprocal rank constant (--floor-k)
    "floorq": (0,),  # ...for every query (0) or questions only (1) (--floor-where)
    # the document's BM25 over the whole document (bot.search.whole), as a share of the best
    "whole": (0.0, 0.3, 0.6, 1.0),
    # bounded deviation: what the additions together may add to a candidate's bm25 shares (its
    # passage's and, with "whole", its document's) (inf: no bound); --margin tries others
    "margin": (float("inf"),),
    # the rest of the candidate's document (bot.search.whole.rest_scores): as BM25 (rest), as the
    # query's weight it adds (restcov); --rest and --restcov try them
    "rest": (0.0,),
    "restcov": (0.0,),
    # ...and what the document holds beyond its best passage, the same for each of its passages:
    # as BM25 (beyond), as the query's weight (beyondcov); --beyond and --beyondcov try them
    "beyond": (0.0,),
    "beyondcov": (0.0,),
    # a document's evidence from its N best candidate passages (scoring.DOCUMENT_TOP; 0: all
    # of them added up, as shipped), --doctop; for every query (0) or questions only (1)
    "doctop": (0,),
    "doctopq": (0,),
}
DOCTOPS = (1, 2, 3)  # the N captured for "doctop"
FUSE_K = 60  # reciprocal rank fusion's constant
# Stem rarity was chosen off in every fold and moved nothing (bench/RESULTS.md, "BM25 as the
# floor"); it is left out of the grid to halve the run: --stem puts it back.
ADDITIONS = list(GRID)


def capture(db, file_to_id, queries, corrections: bool) -> list[dict]:
    """Per query: the candidates' documents and parts, and their texts."""
    from bot.search import plan as planning
    from bot.search import ranking
    from bot.search import scoring as ranking_parts
    from bot.search.vocabulary import Readings

    try:
        from bot.search.whole import document_scores as whole_scores
    except ImportError:  # an older checkout (--code)
        whole_scores = None
    try:
        from bot.search.whole import rest_scores
    except ImportError:  # an older checkout (--code)
        rest_scores = None
    kept: list[dict] = []
    rescored, readings = ranking._rescored, planning._readings

    def spy(db, plan, vocab, found, wanted, diverse):
        doc_of = ranking_parts._doc_ids(db, list(found))
        rows = ranking_parts._rows(db, list(found))
        marker = ranking_parts.Marker(plan.alternatives, vocab)
        best = max(found.values()) or 1.0
        per_doc = Counter()
        for rowid, value in found.items():
            per_doc[doc_of[rowid]] += value
        best_doc = max(per_doc.values()) or 1.0
        # a document's evidence from its DOCTOP best candidate passages only
        # (scoring.DOCUMENT_TOP): its share of the best document's, for each N tried
        held: dict[str, list[float]] = {}
        for rowid, value in found.items():
            held.setdefault(doc_of[rowid], []).append(value)
        tops = []
        for n in DOCTOPS:
            top = {d: sum(sorted(v, reverse=True)[:n]) for d, v in held.items()}
            tops.append((top, max(top.values()) or 1.0))
        docs = set(doc_of.values())
        whole_of = whole_scores(db, plan, marker.marks, docs) if whole_scores else {}
        best_whole = max(whole_of.values(), default=0.0) or 1.0
        rest_of = {}  # the rest of the document, both forms (bot.search.whole.REST_FORM)
        if rest_scores is not None:
            forms = ("bm25", "coverage", "beyond", "beyondcov")
            rest_of = rest_scores(db, plan, marker.marks, found, doc_of, forms)
        out = []
        for rowid, value in found.items():
            text = rows[rowid]["text"]
            marks = marker.marks(text)
            # Coverage four ways (the shipped switches are off while capturing): each word by
            # the rarity of its spelling (as typed); by its stem's (STEM_RARITY); a stem variant
            # at most its stem's (STEM_MATCH, broad); a spelling no passage holds as its stem's
            # (STEM_UNHELD, narrow).
            chosen = plan.weights
            parts = ranking_parts._parts(plan, marks)
            plan.weights = plan.other_weights
            by_stem = ranking_parts._parts(plan, marks)[0]
            plan.weights = [
                min(w, plan.other_weights[i]) if i in getattr(plan, "unheld", ()) else w
                for i, w in enumerate(chosen)
            ]
            narrow = ranking_parts._parts(plan, marks)[0]
            plan.weights = chosen
            broad = parts[0]
            if hasattr(ranking_parts, "STEM_MATCH"):
                ranking_parts.STEM_MATCH = True
                broad = ranking_parts._parts(plan, marks)[0]
                ranking_parts.STEM_MATCH = False
            parts = (by_stem, parts[1], parts[2], broad, parts[0], narrow)
            whole = whole_of.get(doc_of[rowid], 0.0) / best_whole
            out.append(
                (
                    file_to_id[doc_of[rowid]],
                    rowid,
                    value / best,
                    per_doc[doc_of[rowid]] / best_doc,
                    *parts,
                    whole,
                    *(top[doc_of[rowid]] / best_top for top, best_top in tops),
                    rest_of.get("bm25", {}).get(rowid, 0.0),
                    rest_of.get("coverage", {}).get(rowid, 0.0),
                    rest_of.get("beyond", {}).get(rowid, 0.0),
                    rest_of.get("beyondcov", {}).get(rowid, 0.0),
                    text,
                )
            )
        kept[-1]["candidates"] = out
        return rescored(db, plan, vocab, found, wanted, diverse)

    questions = getattr(ranking_parts, "QUESTION_WEIGHTS", {})  # (absent in older checkouts)
    saved, saved_q = dict(ranking.WEIGHTS), dict(questions)
    switches = [
        (module, name, getattr(module, name))
        for module, name in ((ranking_parts, "STEM_MATCH"), (planning, "STEM_UNHELD"))
        if hasattr(module, name)
    ]
    for module, name, _ in switches:  # the parts are kept every way: see spy
        setattr(module, name, False)
    ranking.WEIGHTS["feedback"] = 0.0
    questions.clear()  # the parts are kept; the weights are the bench's
    ranking._rescored = spy
    if not corrections:
        planning._readings = lambda *args: Readings()
    from bot.search.query import parse_query

    try:
        for _, text in queries:
            kept.append({"candidates": [], "question": bool(parse_query(text).question)})
            ranking.search(db, text, limit=ir.DEPTH * 2)
    finally:
        ranking._rescored, planning._readings = rescored, readings
        ranking.WEIGHTS.update(saved)
        questions.update(saved_q)
        for module, name, value in switches:
            setattr(module, name, value)
    return kept


class Query:
    """One query's candidates as arrays, re-ranked under any setting (feedback cached)."""

    def __init__(self, candidates: list[tuple], vocab, question: bool = False):
        import numpy as np

        self.question = question
        self.alt = None  # the floor's own BM25 per candidate (--floor-bm25); None: FTS5's
        self.np = np
        self.vocab = vocab
        self.docs = [c[0] for c in candidates]
        self.doc_array = np.array(self.docs, dtype=object)
        self.rowids = [c[1] for c in candidates]
        # bm25, document, coverage by stem rarity, proximity, phrase, coverage by word rarity
        # (a stem variant weighing as its stem: STEM_MATCH), the same as typed (before it), the
        # same with a spelling no passage holds weighing as its stem (STEM_UNHELD)
        # ...and the whole document's BM25 (bot.search.whole; 0 in captures from before it)
        # ...and the rest of the document: as BM25, as coverage, and what the document holds
        # beyond its best passage, both ways (bot.search.whole.REST_FORM; 0 before round 10)
        # (a capture: file, rowid, the eight parts, whole, DOCTOPS' three, the rest's four, text)
        self.parts = np.array(
            [
                (
                    *c[2:10],
                    c[10] if len(c) > 11 else 0.0,
                    *(c[14:18] if len(c) >= 19 else (0.0,) * 4),
                )
                for c in candidates
            ],
            dtype=float,
        ).reshape(-1, 13)
        self.texts = [c[-1] for c in candidates]
        # the document part from its DOCTOPS best passages (captures from before: none)
        self.tops = {
            n: np.array([c[11 + j] if len(c) > 12 + j else c[3] for c in candidates], dtype=float)
            for j, n in enumerate(DOCTOPS)
        }
        self._feedback: dict[tuple, object] = {}

    def ranked(self, setting: dict) -> list[str]:
        """The documents best first (each at its best passage)."""
        order = self.order(setting)
        return list(dict.fromkeys(self.doc_array[order].tolist())) if len(order) else []

    def order(self, setting: dict):
        """The candidates' indices, best first, under ``setting``."""
        from bot.search import scoring as ranking

        np = self.np
        if not self.docs:
            return []
        cov = setting["coverage"]
        match = -1 if setting["stem"] else setting["stemmatch"]  # 0 typed, 1 broad, 2 narrow
        w = np.array(
            [
                1.0,
                setting["document"],
                cov if setting["stem"] else 0.0,
                setting["proximity"],
                setting["phrase"],
                cov if match == 1 else 0.0,
                cov if match == 0 else 0.0,
                cov if match == 2 else 0.0,
                setting.get("whole", 0.0),
                setting.get("rest", 0.0),
                setting.get("restcov", 0.0),
                setting.get("beyond", 0.0),
                setting.get("beyondcov", 0.0),
            ]
        )
        parts = self.parts
        doctop = setting.get("doctop", 0)
        if doctop and (self.question or not setting.get("doctopq", 0)):
            parts = parts.copy()
            parts[:, 1] = self.tops[doctop]
        score = parts @ w
        gain = setting["feedback"]
        if gain:
            order = np.lexsort((self.rowids, -score))
            top = tuple(int(i) for i in order[: ranking.FEEDBACK_PASSAGES])
            prior = parts[:, :2] @ w[:2] + parts[:, 8:] @ w[8:]
            pool = np.lexsort((self.rowids, -prior))[: ranking.FEEDBACK_POOL]
            key = (top, setting["document"], *w[8:], setting.get("doctop", 0))
            if key not in self._feedback:
                best = [ranking._Scored(0.0, 0, {}, self.texts[i], []) for i in top]
                held = ranking._feedback(ranking._feedback_words(best, self.vocab))
                lift = np.zeros(len(self.docs))
                for i in pool:
                    lift[i] = held(self.texts[i])
                self._feedback[key] = lift
            score = score + gain * self._feedback[key]
        margin = setting.get("margin", float("inf"))
        if margin != float("inf"):  # the additions may lift a candidate by at most this much
            core = self.parts[:, 0] + w[8] * self.parts[:, 8]  # bm25, passage and document
            score = core + np.minimum(score - core, margin)
        order = np.lexsort((self.rowids, -score))
        floor = setting.get("floor", 0.0)
        if setting.get("floorq", 0) and not self.question:
            floor = 0.0
        if floor:  # fused by rank with the plain bm25 order of the same candidates
            k = setting.get("floork", FUSE_K)
            rank = np.empty(len(order))
            rank[order] = np.arange(len(order))
            bm25 = self.parts[:, 0] if self.alt is None else self.alt
            plain = np.empty(len(order))
            plain[np.lexsort((self.rowids, -bm25))] = np.arange(len(order))
            # (a candidate the floor's BM25 gives nothing has no rank there: questions_floor)
            fused = 1 / (k + rank) + np.where(bm25 > 0, floor / (k + plain), 0.0)
            order = np.lexsort((self.rowids, -fused))
        return order


def settings() -> list[dict]:
    return [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="*", default=list(ir.COLLECTIONS))
    parser.add_argument("--root", default=str(ir.DEFAULT_ROOT))
    parser.add_argument("--workdir", default="/tmp/rocu-ir-loco")
    parser.add_argument("--report", default="", help="more variants to report (not chosen on)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--keep", action="store_true", help="reuse the stores of an earlier run")
    parser.add_argument("--code", default="", help="rank with another checkout's bot package")
    parser.add_argument("--dump", default="", help="write per-query figures (JSON) here")
    parser.add_argument("--stem", action="store_true", help="also try stem rarity on")
    parser.add_argument("--floor", default="", help="fusion weights to try, e.g. 0,0.5,1")
    parser.add_argument("--floor-k", default="", help="its rank constants to try, e.g. 5,20,60")
    parser.add_argument("--floor-where", default="", help="0 every query, 1 questions: 0,1")
    parser.add_argument(
        "--floor-bm25",
        default="",
        help="the floor's BM25: a variant of bench/questions_floor.py (e.g. bm25s); FTS5's if none",
    )
    parser.add_argument("--whole", default="", help="whole-document weights, e.g. 0,0.3,0.6")
    parser.add_argument("--margin", default="", help="bounds to try, e.g. inf,0.2,0.5")
    parser.add_argument("--rest", default="", help="rest-of-document weights, e.g. 0,0.3,0.6")
    parser.add_argument("--restcov", default="", help="its coverage form's, e.g. 0,0.2")
    parser.add_argument("--beyond", default="", help="beyond the best passage, e.g. 0,0.3")
    parser.add_argument("--beyondcov", default="", help="its coverage form's, e.g. 0,0.2")
    parser.add_argument("--doctop", default="", help="document evidence from N best: 0,1,2")
    parser.add_argument("--doctop-where", default="", help="0 every query, 1 questions: 0,1")
    parser.add_argument("--stemmatch", default="", help="stem rules to try (0 typed, 1, 2)")
    parser.add_argument(
        "--pin",
        default="",
        help="grid values fixed, e.g. coverage=0.2,feedback=0.4|0.8 (fewer settings)",
    )
    parser.add_argument(
        "--captures",
        default="",
        help="keep each collection's captured candidates here, and re-rank those of an earlier "
        "run (same code) instead of searching again",
    )
    parser.add_argument(
        "--coarse", action="store_true", help="each weight off or as shipped (and feedback 0.8)"
    )
    args = parser.parse_args()
    if args.stem:
        GRID["stem"] = (0, 1)
    if args.floor:
        GRID["floor"] = tuple(float(v) for v in args.floor.split(","))
    if args.floor_k:
        GRID["floork"] = tuple(float(v) for v in args.floor_k.split(","))
    if args.floor_where:
        GRID["floorq"] = tuple(int(v) for v in args.floor_where.split(","))
    if args.whole:
        GRID["whole"] = tuple(float(v) for v in args.whole.split(","))
    if args.margin:
        GRID["margin"] = tuple(float(v) for v in args.margin.split(","))
    if args.rest:
        GRID["rest"] = tuple(float(v) for v in args.rest.split(","))
    if args.restcov:
        GRID["restcov"] = tuple(float(v) for v in args.restcov.split(","))
    if args.beyond:
        GRID["beyond"] = tuple(float(v) for v in args.beyond.split(","))
    if args.beyondcov:
        GRID["beyondcov"] = tuple(float(v) for v in args.beyondcov.split(","))
    if args.doctop:
        GRID["doctop"] = tuple(int(v) for v in args.doctop.split(","))
    if args.doctop_where:
        GRID["doctopq"] = tuple(int(v) for v in args.doctop_where.split(","))
    if args.stemmatch:
        GRID["stemmatch"] = tuple(int(v) for v in args.stemmatch.split(","))
    if args.coarse:
        GRID.update(
            coverage=(0.0, 0.2), proximity=(0.0, 0.3), document=(0.0, 0.3), phrase=(0.0, 0.5)
        )
    for item in filter(None, args.pin.split(",")):
        name, _, value = item.partition("=")
        GRID[name] = tuple(type(GRID[name][0])(float(v)) for v in value.split("|"))
    ir.apply_overrides([], args.set)
    from bot.search.vocabulary import vocabulary

    chosen_on = ["as written", "typos"]
    kinds = chosen_on + [k for k in args.report.split(",") if k]
    grid = settings()
    # (collection, variant) -> per-query nDCG of: each setting; bm25s; bm25s+corr
    ndcg: dict[tuple, dict] = defaultdict(dict)
    base: dict[tuple, dict[str, list[float]]] = defaultdict(dict)
    questions: dict[tuple, list[bool]] = {}  # per query: does search read it as a question?
    for name in args.collections:
        coll = ir.load(name, Path(args.root))
        db, file_to_id = ir.build_store(coll, Path(args.workdir), keep=args.keep)
        vocab = vocabulary(db)
        bm25 = ir.Bm25s(coll)
        corrector = ir.rocu_corrector(db)
        for variant, queries in ir.variants(coll, kinds).items():
            rel = [coll.qrels[qid] for qid, _ in queries]
            runs = {"bm25s": bm25.run(queries)}
            if "typos" in variant:
                runs["bm25s+corr"] = bm25.run(queries, correct=corrector)
            for system, run in runs.items():
                base[(name, variant)][system] = [
                    ir.metrics(r, q)["ndcg10"] for (r, _), q in zip(run, rel, strict=True)
                ]
            saved = Path(args.captures) / f"{name}-{variant}.pickle" if args.captures else None
            if saved is not None and saved.exists():  # re-ranking other settings: no search
                kept = pickle.loads(saved.read_bytes())
            else:
                kept = {flag: capture(db, file_to_id, queries, flag) for flag in (0, 1)}
                if saved is not None:
                    saved.parent.mkdir(parents=True, exist_ok=True)
                    saved.write_bytes(pickle.dumps(kept))
            questions[(name, variant)] = [k["question"] for k in kept[1]]
            captured = {
                flag: [Query(k["candidates"], vocab, k["question"]) for k in kept[flag]]
                for flag in (0, 1)
            }
            if args.floor_bm25:
                _floor_scores(db, name, args.floor_bm25, captured, queries, corrector)
            for i, setting in enumerate(grid):
                per = captured[setting["corrections"]]
                ndcg[(name, variant)][i] = [
                    ir.metrics(q.ranked(setting), r)["ndcg10"]
                    for q, r in zip(per, rel, strict=True)
                ]
            print(f"{name} {variant}: captured and re-ranked", flush=True)
        db.close()
    names = list(args.collections)
    if args.dump:
        import json

        Path(args.dump).write_text(
            json.dumps(
                {
                    "grid": grid,
                    "kinds": kinds,
                    "rows": [
                        {
                            "collection": n,
                            "variant": v,
                            "ndcg": ndcg[(n, v)],
                            "base": base[(n, v)],
                            "question": questions[(n, v)],
                        }
                        for n, v in ndcg
                    ],
                }
            )
        )

    def mean(values):
        return statistics.fmean(values)

    def gain(i: int, train: list[str]) -> float:
        return mean(
            mean(ndcg[(n, v)][i]) / mean(base[(n, v)]["bm25s"]) for n in train for v in chosen_on
        )

    from bot.search import ranking

    print(f"\ngrid: {GRID}; rocu's weights now: {ranking.WEIGHTS}")
    print(
        "\n| held out | queries | chosen on the other three | rocu | bm25s | rocu - bm25s [95%] "
        "| rocu - bm25s+corr [95%] |"
    )
    print("| --- | --- | --- | ---: | ---: | --- | --- |")
    chosen_per_fold = {}
    for held in names:
        train = [n for n in names if n != held]
        best = max(range(len(grid)), key=lambda i: gain(i, train))
        chosen_per_fold[held] = best
        for variant in kinds:
            ours = ndcg[(held, variant)][best]
            row = f"| {held} | {variant} | {_short(grid[best])} | {mean(ours):.3f} | "
            row += f"{mean(base[(held, variant)]['bm25s']):.3f} | "
            d, lo, hi = ir.bootstrap(ours, base[(held, variant)]["bm25s"])
            row += f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}] | "
            if "bm25s+corr" in base[(held, variant)]:
                d, lo, hi = ir.bootstrap(ours, base[(held, variant)]["bm25s+corr"])
                row += f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}] |"
            else:
                row += " |"
            print(row)
    print(
        "\nEach addition switched off in each fold's chosen setting: held-out nDCG@10 change "
        "(chosen - without it), 95% interval"
    )
    print("| held out | queries | " + " | ".join(ADDITIONS) + " |")
    print("| --- | --- |" + " --- |" * len(ADDITIONS))
    for held in names:
        best = chosen_per_fold[held]
        for variant in kinds:
            cells = []
            for addition in ADDITIONS:
                off_value = 0 if addition in ("corrections", "stem", "stemmatch") else 0.0
                if addition == "margin":  # the bound "off" is no bound
                    off_value = float("inf")
                off = dict(grid[best], **{addition: off_value})
                if off not in grid:
                    cells.append("")
                    continue
                j = grid.index(off)
                d, lo, hi = ir.bootstrap(ndcg[(held, variant)][best], ndcg[(held, variant)][j])
                cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]" if j != best else "off")
            print(f"| {held} | {variant} | " + " | ".join(cells) + " |")
    everything = max(range(len(grid)), key=lambda i: gain(i, names))
    print(f"\nchosen on all four: {_short(grid[everything])}")
    for name in names:
        print(
            f"  {name}: " + ", ".join(f"{v} {mean(ndcg[(name, v)][everything]):.3f}" for v in kinds)
        )


def _floor_scores(db, name: str, variant: str, captured: dict, queries: list, corrector) -> None:
    """Each candidate's score by the floor's BM25 (bench/questions_floor.py's ``variant`` over
    the store's passages); with corrections on, of the query as rocu corrects it (as bm25s+corr
    is given it)."""
    import numpy as np
    import questions_floor as qf

    if variant == "live":  # bot.search.floor as it ships, over the candidates
        from bot.search import floor
        from bot.search.vocabulary import vocabulary

        vocab = vocabulary(db)
        for flag, per in captured.items():
            for q, (_, text) in zip(per, queries, strict=True):
                items = [
                    qf.qw.Item(r, "", 0.0, t, 0) for r, t in zip(q.rowids, q.texts, strict=True)
                ]
                scores = floor.scores(items, corrector(text) if flag else text, vocab)
                q.alt = np.array([scores.get(r, 0.0) for r in q.rowids], dtype=float)
        return
    texts = dict(db.execute("select id, text from passages"))
    bm25 = _FLOOR_CACHE.get((name, variant)) or qf.Bm25(texts, **qf.VARIANTS[variant])
    _FLOOR_CACHE[(name, variant)] = bm25
    for flag, per in captured.items():
        for q, (_, text) in zip(per, queries, strict=True):
            scores = bm25.scores(corrector(text) if flag else text)
            q.alt = np.array([scores.get(r, 0.0) for r in q.rowids], dtype=float)


_FLOOR_CACHE: dict = {}


def _short(setting: dict) -> str:
    return " ".join(f"{k[:4]}={v:g}" for k, v in setting.items())


if __name__ == "__main__":
    main()
