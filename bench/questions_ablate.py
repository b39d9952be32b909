"""Benchmark: which of the plain build's additions on top of BM25 cost it first places against
bm25s on plain-English questions (issue 21, "Questions, round 21").

The plain build only (the meaning extra off). Every plain question of the sets named is searched
live over the store of the real documents (``bench/meaning.py questions``'s store: one built once
and reused), as shipped and with each addition switched off in turn (``ABLATIONS``: each a named
set of module constants of ``bot.search``, restored afterwards), and the rank of the answer kept.
bm25s over every passage (as ``bench/meaning.py questions`` runs it for the coordinator) beside.
Reported per set (both halves together, and by half): P@1 counts as shipped, with the addition
off, and bm25s's; questions won and lost at P@1 against shipped (paired); a paired bootstrap 95%
interval of the P@1 difference.

``--gate``: a switch applied only to questions of a shape (``SHAPES``: a question word and at
least N words), the shape chosen leave-one-SET-out over the four tunable real sets (best P@1 on
the other three, then MRR@10, then "never"), scored on the left-out set.

    nice python bench/questions_ablate.py --workdir DIR --questions eval/questions-real.jsonl ...

Not a test: the documents are not part of the project. The blind sets are refused.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402
import questions_shared as qsh  # noqa: E402  (the blind sets, scores, the IR loop)

BLIND = qsh.BLIND  # the blind sets this bench refuses (questions_shared.refuse_blind)


def _weights(**w):
    """scoring.WEIGHTS with ``w`` set (the search-wide re-score)."""
    from bot.search import scoring

    return [(scoring, "WEIGHTS", {**scoring.WEIGHTS, **w})]


def _local(**w):
    """passages.LOCAL with ``w`` set (the order within a question's documents)."""
    from bot.search import passages

    return [(passages, "LOCAL", {**passages.LOCAL, **w})]


def _no_readings():
    from bot.search import plan
    from bot.search.vocabulary import Readings

    return [(plan, "_readings", lambda *a, **k: Readings())]


def _no_diversity():
    from bot.search import ranking

    return [(ranking, "diversify", lambda ranked, key, *a, **k: list(ranked))]


def _no_light():
    from bot.search import plan

    return [(plan, "LIGHT_SHARE", 1.0)]


def _const(module: str, name: str, value):
    import importlib

    return [(importlib.import_module(f"bot.search.{module}"), name, value)]


# name -> a function giving [(module, attribute, value)] (made when used, so that the module's
# current values are read then)
ABLATIONS = {
    # the document prior gated by the library's shape (scoring.PRIOR_SHAPE, round 21 later): off
    # restores the prior everywhere, the ranking before the gate
    "library-shape gate": lambda: _const("scoring", "PRIOR_SHAPE", None),
    "document prior": lambda: _weights(document=0.0),
    # the same for a query read as a question only (``Plan.question``: scoring.QUESTION_WEIGHTS),
    # the form a gate would ship in
    "document prior, questions only": lambda: _const(
        "scoring", "QUESTION_WEIGHTS", {"document": 0.0}
    ),
    # not switched off but narrowed: at half its weight for questions; a document's evidence from
    # its N best candidate passages only (scoring.DOCUMENT_TOP), so that a long document's many
    # passages holding a word or two do not add up (the same as shipped where every document is
    # one passage)
    "document prior 0.15, questions only": lambda: _const(
        "scoring", "QUESTION_WEIGHTS", {"document": 0.15}
    ),
    "document prior from the best passage": lambda: _const("scoring", "DOCUMENT_TOP", 1),
    "document prior from the best 2 passages": lambda: _const("scoring", "DOCUMENT_TOP", 2),
    "document prior from the best 3 passages": lambda: _const("scoring", "DOCUMENT_TOP", 3),
    "feedback": lambda: _weights(feedback=0.0),
    "proximity": lambda: _weights(proximity=0.0) + _local(proximity=0.0),
    "phrase": lambda: _weights(phrase=0.0) + _local(phrase=0.0),
    "coverage": lambda: _weights(coverage=0.0) + _local(coverage=0.0),
    "corrections and expansions": _no_readings,
    "within-document order": lambda: _const("passages", "ON", False),
    "heading penalty": lambda: _const("passages", "CANNOT_ANSWER", 0.0),
    "candidates x5": lambda: _const("candidates", "CANDIDATES", 300),
    "common-word rule": lambda: _const("plan", "COMMON_FROM", 10**12),
    "diversity": _no_diversity,
    "all the above": lambda: (
        _weights(document=0.0, feedback=0.0, proximity=0.0, phrase=0.0, coverage=0.0)
        + _local(proximity=0.0, phrase=0.0, coverage=0.0)
        + _no_readings()
        + _const("passages", "ON", False)
        + _const("candidates", "CANDIDATES", 300)
        + _const("plan", "COMMON_FROM", 10**12)
        + _no_diversity()
    ),
}
# The titles and contexts indexed before each passage's text (bot.library.store.PASSAGE_CONTEXTS:
# the document's title, a table's header row): measured on a copy of the store re-indexed without
# them (``--contexts``).
CONTEXTS = "title and context in the index"


@contextlib.contextmanager
def switched(changes):
    saved = [(m, n, getattr(m, n)) for m, n, _ in changes]
    try:
        for m, n, v in changes:
            setattr(m, n, v)
        yield
    finally:
        for m, n, v in reversed(saved):
            setattr(m, n, v)


def ranks(db, qs, texts, changes=()) -> list:
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "off"
    with switched(changes):
        return [
            mb.rank_of(
                [mb.rowid_of(db, r) for r in search(db, q["query"], limit=10).results], q, texts
            )
            for q in qs
        ]


def uncontexted(work: Path):
    """A copy of the store whose passage index holds each passage's text alone."""
    from bot.library.store import _drop_passage_index, create_passage_index, open_db

    path = work / "no-contexts" / "rocu.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "real" / "rocu.db", path)
        db = open_db(path)
        _drop_passage_index(db)
        create_passage_index(db, ())
        db.conn.commit()
        return db
    return open_db(path)


QUESTION_WORD = re.compile(
    r"^\s*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|"
    r"should|would|will|has|have|had)\b",
    re.IGNORECASE,
)
SHAPES = (0, 6, 8, 10, 12)  # a question word and at least N words (0: every question)


def shaped(query: str, n: int) -> bool:
    return bool(QUESTION_WORD.search(query)) and len(query.split()) >= n


def table(qs, systems: dict, base: str = "shipped") -> None:
    sets = list(dict.fromkeys(q["set"] for q in qs))
    groups = {s: [i for i, q in enumerate(qs) if q["set"] == s] for s in sets}
    groups["all four"] = list(range(len(qs)))
    b = systems[base]
    print(
        "\n| switched off | "
        + " | ".join(f"{s} ({len(g)})" for s, g in groups.items())
        + " | all four: P@1 difference [paired bootstrap 95%] |"
    )
    print("| --- |" + " --- |" * (len(groups) + 1))
    for name, r in systems.items():
        cells = []
        for g in groups.values():
            p1 = sum(qsh.p1(r[i]) for i in g)
            h3 = sum(qsh.h3(r[i]) for i in g)
            if name == base or name == "bm25s":
                cells.append(f"{p1:.0f} / {h3:.0f}")
            else:
                won = sum(r[i] == 1 and b[i] != 1 for i in g)
                lost = sum(b[i] == 1 and r[i] != 1 for i in g)
                cells.append(f"{p1:.0f} / {h3:.0f} (+{won} -{lost})")
        g = groups["all four"]
        d, lo, hi = mb.paired([qsh.p1(r[i]) for i in g], [qsh.p1(b[i]) for i in g])
        cells.append("" if name == base else f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
        print(f"| {name} | " + " | ".join(cells) + " |")


def loso_gate(qs, shipped, off, label: str) -> dict:
    """``off`` applied only to questions of a shape, the shape chosen leave-one-SET-out."""
    sets = list(dict.fromkeys(q["set"] for q in qs))
    options = [None, *SHAPES]  # None: never (shipped)

    def gated(n):
        return [
            off[i] if n is not None and shaped(q["query"], n) else shipped[i]
            for i, q in enumerate(qs)
        ]

    def score(values, idx):
        p1 = sum(qsh.p1(values[i]) for i in idx)
        return (p1, statistics.fmean(qsh.rr(values[i]) for i in idx))

    out = {"family": label, "folds": []}
    for s in sets:
        train = [i for i, q in enumerate(qs) if q["set"] != s]
        test = [i for i, q in enumerate(qs) if q["set"] == s]
        best = max(options, key=lambda n: (*score(gated(n), train), n is None))
        v = gated(best)
        won = sum(v[i] == 1 and shipped[i] != 1 for i in test)
        lost = sum(shipped[i] == 1 and v[i] != 1 for i in test)
        out["folds"].append({"set": s, "chosen": best, "won": won, "lost": lost})
    wins = sum(f["won"] > f["lost"] for f in out["folds"])
    bad = any(f["lost"] - f["won"] > 1 for f in out["folds"])
    out["passes"] = wins >= 3 and not bad
    return out


def ir_check(names: list[str], work: Path, ablations: list[str]) -> None:
    """nDCG@10 on each IR collection, as written and with typos, the plain build searched live as
    shipped and with each of ``ablations`` switched off, beside bm25s, with paired bootstrap 95%
    intervals; "changed": queries whose first ten documents differ."""
    import ir

    print(
        "\n| collection | queries | read as questions | switched off | changed | bm25s | shipped "
        "| switched off | off - shipped [95%] | off - bm25s [95%] |"
    )
    print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |")
    mean = statistics.fmean
    for v in qsh.ir_variants(names, work):
        shipped_runs = v.run()
        shipped = v.ndcg(shipped_runs)
        for ablation in ablations:
            with switched(ABLATIONS[ablation]()):
                runs = v.run()
            off = v.ndcg(runs)
            d, lo, hi = ir.bootstrap(off, shipped)
            e, elo, ehi = ir.bootstrap(off, v.base)
            print(
                f"| {v.name} | {v.variant} ({len(v.queries)}) | {v.asked} | {ablation} "
                f"| {qsh.changed(shipped_runs, runs)} "
                f"| {mean(v.base):.3f} | {mean(shipped):.3f} | {mean(off):.3f} "
                f"| {d:+.4f} [{lo:+.4f}, {hi:+.4f}] | {e:+.3f} [{elo:+.3f}, {ehi:+.3f}] |",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", required=True, help="holds real/ (bench/meaning.py's store)")
    parser.add_argument("--contexts", action="store_true", help="also: the index without contexts")
    parser.add_argument("--gate", action="store_true", help="each ablation gated by shape, LOSO")
    parser.add_argument("--dump", default="")
    parser.add_argument("--ir", default="", help="only: these IR collections (cisi,cran,...)")
    parser.add_argument(
        "--ir-off", action="append", default=[], help="with --ir: an ABLATIONS name (repeatable)"
    )
    parser.add_argument("--only", action="append", default=[], help="these ABLATIONS only")
    args = parser.parse_args()
    qsh.refuse_blind(args.questions)
    if args.ir:
        return ir_check(args.ir.split(","), Path(args.workdir), args.ir_off)
    import ir

    from bot.library.store import open_db

    work = Path(args.workdir)
    qs = [q for q in mb.question_sets(args.questions) if q["kind"] == "plain"]
    db = open_db(work / "real" / "rocu.db")
    texts = mb.passage_texts(db)
    bm25 = ir.Bm25s(ir.Collection("real", {str(k): v[1] for k, v in texts.items()}, []))
    systems = {
        "bm25s": [
            mb.rank_of([int(d) for d in run], q, texts)
            for (run, _), q in zip(
                bm25.run([(None, q["query"]) for q in qs], depth=10), qs, strict=True
            )
        ],
        "shipped": ranks(db, qs, texts),
    }
    for name, make in ABLATIONS.items():
        if args.only and name not in args.only:
            continue
        systems[name] = ranks(db, qs, texts, make())
        print(f"  {name}: P@1 {sum(map(qsh.p1, systems[name]))}", flush=True)
    if args.contexts:
        systems[CONTEXTS] = ranks(uncontexted(work), qs, texts)
    print(f"{len(qs)} plain questions, {len(texts)} passages (rocu plain build)")
    table(qs, systems)
    for half in ("tune", "check"):
        idx = [i for i, q in enumerate(qs) if q["half"] == half]
        print(f"\n### {half} halves only")
        table([qs[i] for i in idx], {k: [v[i] for i in idx] for k, v in systems.items()})
    if args.gate:
        print(
            "\n| switched off, for questions of a shape only | chosen per left-out set "
            "| won-lost per set | passes |"
        )
        print("| --- | --- | --- | --- |")
        for name in systems:
            if name in ("bm25s", "shipped"):
                continue
            g = loso_gate(qs, systems["shipped"], systems[name], name)
            chosen = ", ".join(
                "never" if f["chosen"] is None else f">= {f['chosen']}" for f in g["folds"]
            )
            wl = ", ".join(f"+{f['won']}-{f['lost']}" for f in g["folds"])
            print(f"| {name} | {chosen} | {wl} | {'yes' if g['passes'] else 'no'} |")
    if args.dump:
        Path(args.dump).write_text(json.dumps({"questions": qs, "ranks": systems}))


if __name__ == "__main__":
    main()
