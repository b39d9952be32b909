"""Benchmark: plain-English questions in the plain build against bm25s, per question (round 10).

The plain build only (the meaning extra off). Every plain question of the sets named (tuning and
checking halves alike) is searched live over a fresh store of the real documents (as
``bench/meaning.py questions`` builds it, without vectors), and what the question step sees is
kept: search's candidates in its order (the documents' order), each with its lexical parts and
its live ``Marker`` marks. Then, offline:

- **where the two differ** (``--why``): for every question where bm25s (over every passage)
  puts the answer higher than rocu, which step loses it: the answer is not among the
  candidates (the candidate rule), its document comes after another (document prior, feedback,
  coverage: the documents' order), or another passage of its own document comes first (the
  passage-local score: ``bot.search.passages``); for the last, the parts of both passages;
- **switches** of the passage-local score (``SWITCHES``), each replayed on the capture, the
  documents' order kept as search made it; P@1 / hit@3 / MRR@10 per part, and the paired
  bootstrap interval of the P@1 difference on the tuning parts and on the checking parts.

Tuning parts: ``half == "tune"``; checking parts: ``half == "check"``, reported beside from the
same run, never used to choose. The blind sets are refused.

    nice python bench/questions_plain.py --workdir /tmp/plainq/store --why

Not a test: the documents are not part of the project.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLIND = ("questions-real-3", "questions-real-4", "questions-real-7", "questions-real-8")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402  (bench/meaning.py: the store, figures, bootstrap)
import questions_floor as qf  # noqa: E402  (bm25s over every passage, with its scores)
import questions_shared as qsh  # noqa: E402  (the IR collections' loop)

SETS = [
    str(ROOT / "eval" / name)
    for name in ("questions-real.jsonl", "questions-real-2.jsonl", "questions-tables.jsonl")
]


def plain_store(work: Path):
    """The real documents' store, without vectors (the plain build needs none)."""
    os.environ["ROCU_MEANING"] = "off"
    saved = mb.embed
    mb.embed = lambda db, label: {}
    try:
        return mb.real_store(work)
    finally:
        mb.embed = saved


def capture(db, queries: list[str]) -> list[dict]:
    """Per query: the items the question step orders (search's order: the documents' order),
    the plan, and the rowids shown (the first ten)."""
    from bot.search import passages
    from bot.search.ranking import search

    rec: dict = {}
    local_scores = passages.local_scores

    def local(items, plan, cosines=None):
        rec["items"], rec["plan"] = list(items), plan
        return local_scores(items, plan, cosines)

    passages.local_scores = local
    out = []
    try:
        for query in queries:
            rec.clear()
            response = search(db, query, limit=10)
            out.append(
                {**rec, "query": query, "shown": [mb.rowid_of(db, r) for r in response.results]}
            )
    finally:
        passages.local_scores = local_scores
    return out


def replay(rec: dict, **switch) -> list[int]:
    """The question step on a capture with ``switch`` set on ``bot.search.passages`` (its
    module constants, e.g. ``LOCAL``), restored afterwards: the first ten rowids shown. A
    ``_local`` entry, (items, plan, query, local) -> local, changes the local scores after they
    are made; ``_flat``: the passages by local score alone (no documents' order)."""
    from bot.search import passages
    from bot.search.diversity import diversify

    if "items" not in rec:  # no question step (read as words typed)
        return rec["shown"]
    switch = dict(switch)
    after, flat = switch.pop("_local", None), switch.pop("_flat", False)
    handing = switch.pop("_hand_off", None)
    saved = {name: getattr(passages, name) for name in switch}
    try:
        for name, value in switch.items():
            setattr(passages, name, value)
        items = rec["items"]
        local = passages.local_scores(items, rec["plan"])
        if after is not None:
            local = after(items, rec["plan"], rec["query"], local)
        if flat:
            ordered = sorted(items, key=lambda c: -local.get(c.rowid, float("-inf")))
            if flat == "after first":  # search's first document still comes first
                first = passages.within_documents(items, local)[:1]
                ordered = first + [c for c in ordered if c not in first]
        else:
            ordered = passages.within_documents(items, local, plain=True)
    finally:
        for name, value in saved.items():
            setattr(passages, name, value)
    if handing is not None:
        ordered = _handed(_DB[0], ordered, handing)
    return [c.rowid for c in diversify(ordered, key=lambda c: c.doc_id)][:10]


def answers(q: dict, texts: dict) -> set[int]:
    return {r for r, (f, t) in texts.items() if f == q["file"] and mb.answered(t, q["answer"])}


def why(db, qs, captured, texts, bm25_ranked, rocu) -> None:
    """Per question where bm25s ranks the answer higher than rocu: which step loses it."""
    from bot.search import passages
    from bot.search.scoring import _parts

    print("\n## Where bm25s puts the answer higher than rocu plain\n")
    counts: dict[str, dict[str, int]] = {}
    for i, q in enumerate(qs):
        b = mb.rank_of(bm25_ranked[i], q, texts)
        r = rocu[i]
        if not b or (r and r <= b):
            continue
        rec = captured[i]
        gold = answers(q, texts)
        items = rec.get("items", [])
        held = [c for c in items if c.rowid in gold]
        if not items:
            cause = "not a question"
        elif not held:
            cause = "not a candidate"
        else:
            order = list(dict.fromkeys(c.doc_id for c in items))
            first_doc = order.index(held[0].doc_id)
            cause = "document order" if first_doc > 0 else "passage within its document"
        part = f"{q['set']} {q['half']}"
        counts.setdefault(part, {}).setdefault(cause, 0)
        counts[part][cause] += 1
        print(f"- {part}: bm25s {b}, rocu {r}: {cause}")
        if cause == "passage within its document" and rec["items"]:
            plan = rec["plan"]
            local = passages.local_scores(items, plan)
            shown = rec["shown"][0] if rec["shown"] else None
            top = next((c for c in items if c.rowid == shown), None)
            best = max((getattr(c, "bm25", 0.0) for c in items), default=0.0) or 1.0
            for name, c in (("first", top), ("answer", held[0])):
                if c is None:
                    continue
                cov, prox, phrase = _parts(plan, c.assigned, getattr(c, "beside", ()))
                print(
                    f"    {name}: local {local.get(c.rowid, 0):.3f} bm25 "
                    f"{getattr(c, 'bm25', 0.0) / best:.2f} cov {cov:.2f} prox {prox:.2f} "
                    f"phrase {phrase:.0f} words {len(c.text.split())} "
                    f"cannot {passages.cannot_answer(c.text)} bm25s-rank "
                    f"{(bm25_ranked[i].index(c.rowid) + 1) if c.rowid in bm25_ranked[i] else '-'}"
                )
    print("\n| part | cause | questions |\n| --- | --- | ---: |")
    for part, by in counts.items():
        for cause, n in by.items():
            print(f"| {part} | {cause} | {n} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", required=True, help="a folder for the store (built once)")
    parser.add_argument("--why", action="store_true", help="print where bm25s ranks higher")
    parser.add_argument("--kinds", default="plain", help="kinds of question: plain,keyword,typo")
    parser.add_argument("--live", action="store_true", help="also search again with LIVE's")
    parser.add_argument("--dump", default="", help="per question ranks (JSON)")
    parser.add_argument(
        "--ir",
        default="",
        help="only: the IR collections (e.g. cisi,cran,med,adi) live, "
        "PLAIN_AFTER_FIRST off and on; --workdir holds their stores",
    )
    parser.add_argument(
        "--ir-set",
        default="PLAIN_AFTER_FIRST=true",
        help="with --ir: the switch of bot.search.passages turned on, NAME=JSON",
    )
    args = parser.parse_args()
    if args.ir:
        name, _, value = args.ir_set.partition("=")
        return collections(args.ir.split(","), Path(args.workdir), name, json.loads(value))
    sets = args.questions or SETS
    if any(b in s for s in sets for b in BLIND):
        sys.exit("The blind sets are the coordinator's: not measured here.")
    kinds = args.kinds.split(",")
    qs = [q for q in mb.question_sets(sets) if q["kind"] in kinds]
    db = plain_store(Path(args.workdir))
    _DB[:] = [db]
    from bot.search import meaning

    _ASKS[:] = [meaning.asks]
    texts = mb.passage_texts(db)
    bm25 = qf.Bm25({r: t for r, (_, t) in texts.items()})
    bm25_ranked = []
    for q in qs:
        s = bm25.scores(q["query"])
        bm25_ranked.append(sorted(s, key=lambda r: (-s[r], r))[:30])
    captured = capture(db, [q["query"] for q in qs])
    systems: dict[str, list] = {
        "bm25s": [mb.rank_of(b, q, texts) for b, q in zip(bm25_ranked, qs, strict=True)],
        "rocu plain (live)": [
            mb.rank_of(c["shown"], q, texts) for c, q in zip(captured, qs, strict=True)
        ],
    }
    base = [replay(c) for c in captured]
    same = sum(b == c["shown"][:10] for b, c in zip(base, captured, strict=True))
    print(f"{len(qs)} questions ({args.kinds}), {len(texts)} passages; replay = live in {same}")
    systems["rocu plain (replay)"] = [
        mb.rank_of(b, q, texts) for b, q in zip(base, qs, strict=True)
    ]
    for name, switch in SWITCHES.items():
        systems[name] = [
            mb.rank_of(replay(c, **switch), q, texts) for c, q in zip(captured, qs, strict=True)
        ]
    if args.live:
        for name, setting in LIVE.items():
            again = live(db, [q["query"] for q in qs], setting)
            systems[name] = [
                mb.rank_of(c["shown"], q, texts) for c, q in zip(again, qs, strict=True)
            ]
    if args.why:
        why(db, qs, captured, texts, bm25_ranked, systems["rocu plain (live)"])
    report(qs, systems, "rocu plain (replay)")
    if args.dump:
        Path(args.dump).write_text(json.dumps({"questions": qs, "ranks": systems}))


def collections(names: list[str], work: Path, switch: str, value) -> None:
    """nDCG@10 on each collection, as written and with typos, searched live with ``switch`` of
    ``bot.search.passages`` as shipped and set to ``value`` (a question-only switch: only queries
    search reads as questions can move), beside bm25s, with paired bootstrap 95% intervals;
    "changed": queries whose first ten documents differ."""
    import ir

    from bot.search import passages

    print(
        "| collection | queries | read as questions | changed | bm25s | off | on | on - off [95%] "
        "| on - bm25s [95%] |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for v in qsh.ir_variants(names, work):
        runs = {}
        shipped = getattr(passages, switch)
        for on in (False, True):
            setattr(passages, switch, value if on else shipped)
            runs[on] = v.run()
        setattr(passages, switch, shipped)
        off, on = (v.ndcg(runs[flag]) for flag in (False, True))
        d, lo, hi = ir.bootstrap(on, off)
        e, elo, ehi = ir.bootstrap(on, v.base)
        mean = lambda values: sum(values) / len(values)  # noqa: E731
        print(
            f"| {v.name} | {v.variant} ({len(v.queries)}) | {v.asked} "
            f"| {qsh.changed(runs[False], runs[True])} | {mean(v.base):.3f} "
            f"| {mean(off):.3f} | {mean(on):.3f} | {d:+.4f} [{lo:+.4f}, {hi:+.4f}] "
            f"| {e:+.3f} [{elo:+.3f}, {ehi:+.3f}] |",
            flush=True,
        )


def report(qs: list[dict], systems: dict, base_name: str) -> None:
    parts: dict[str, list[int]] = {}
    for half in ("tune", "check"):
        for name in dict.fromkeys(q["set"] for q in qs):
            keep = [i for i, q in enumerate(qs) if q["set"] == name and q["half"] == half]
            if keep:
                parts[f"{name} {half}"] = keep
    halves = {h: [i for i, q in enumerate(qs) if q["half"] == h] for h in ("tune", "check")}
    print("\nP@1 / hit@3 / MRR@10 per part; paired P@1 difference against " + base_name)
    head = [*(f"{p} ({len(v)})" for p, v in parts.items()), "tune: dP@1 [95%]", "check"]
    print("\n| system | " + " | ".join(head) + " |")
    print("| --- |" + " --- |" * len(head))
    base = systems[base_name]
    for system, ranks in systems.items():
        cells = []
        for keep in parts.values():
            f = mb.figures([ranks[i] for i in keep])
            cells.append(f"{f['p1']:.2f} / {f['hit3']:.2f} / {f['mrr10']:.3f}")
        for keep in halves.values():
            ours = [1.0 if ranks[i] == 1 else 0.0 for i in keep]
            theirs = [1.0 if base[i] == 1 else 0.0 for i in keep]
            d, lo, hi = paired(ours, theirs)
            won = sum(a > b for a, b in zip(ours, theirs, strict=True))
            lost = sum(a < b for a, b in zip(ours, theirs, strict=True))
            cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}] (+{won} -{lost})")
        print(f"| {system} | " + " | ".join(cells) + " |")


def paired(a: list[float], b: list[float], rounds: int = 2000) -> tuple[float, float, float]:
    """Mean of a - b with a paired bootstrap 95% interval."""
    import random

    diffs = [x - y for x, y in zip(a, b, strict=True)]
    if not diffs:
        return 0.0, 0.0, 0.0
    rng = random.Random(21)
    means = sorted(sum(rng.choice(diffs) for _ in diffs) / len(diffs) for _ in range(rounds))
    return sum(diffs) / len(diffs), means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def live(db, queries: list[str], setting: dict) -> list[dict]:
    """``capture`` with ``setting`` ({"module.NAME": value} of ``bot.search``) in force."""
    import importlib

    saved = {}
    for key, value in setting.items():
        module, _, name = key.rpartition(".")
        mod = importlib.import_module(f"bot.search.{module}")
        saved[key] = (mod, name, getattr(mod, name))
        setattr(mod, name, value)
    try:
        return capture(db, queries)
    finally:
        for mod, name, value in saved.values():
            setattr(mod, name, value)


def _handed(db, ordered: list, when) -> list:
    """``bot.search.meaning.hand_off`` on the plain order, with ``when(text)`` deciding which
    passages hand their place to the passage after them."""
    import questions_within as qw

    from bot.search import meaning

    saved = meaning.asks
    meaning.asks = when
    try:
        make = lambda rowids: [qw.Item(r, *qw._row(db, r)) for r in rowids]  # noqa: E731
        return meaning.hand_off(db, ordered, make, lambda rowids: rowids)
    finally:
        meaning.asks = saved


def _asks(text: str) -> bool:
    return bool(_ASKS[0](text))


_ASKS: list = []  # bot.search.meaning.asks, as shipped (the hand-off swaps it)


def _heading(text: str) -> bool:
    from bot.search.passages import cannot_answer

    return cannot_answer(text)


def _asks_or_heading(text: str) -> bool:
    return _asks(text) or _heading(text)


def _asked(share: float):
    """A passage without what the question's opening asks for (a number for "how many", a date
    for "when": ``bot.search.excerpts.ASKED_FOR``) loses ``share`` of the range."""

    def after(items, plan, query, local):
        from bot.search.excerpts import asked_for
        from bot.search.query import parse_query

        pattern = asked_for([t.text for t in parse_query(query).question])
        if pattern is None or not local:
            return local
        span = (max(local.values()) - min(local.values())) or 1.0
        return {
            r: v - (share * span if not pattern.search(c.text) else 0.0)
            for c in items
            for r, v in [(c.rowid, local.get(c.rowid))]
            if v is not None
        }

    return after


def _neighbours(share: float):
    """A passage gains ``share`` of the local score of the passage before it in its document
    (when that is a candidate): a paragraph that introduces a topic lends to the one after."""

    def after(items, plan, query, local):
        at = {(c.doc_id, c.row["ordinal"]): c.rowid for c in items}
        out = dict(local)
        for c in items:
            before = at.get((c.doc_id, c.row["ordinal"] - 1))
            if before is not None and c.rowid in out:
                out[c.rowid] += share * local.get(before, 0.0)
        return out

    return after


def _floor_bm25(items, plan, query, local):
    """The bm25 part of the local score from ``bot.search.floor.scores`` (bm25s's reading of the
    question: its frame words counted, Lucene's stop words, k1 1.5) in place of FTS5's."""
    from bot.search import floor, passages
    from bot.search.vocabulary import vocabulary

    plain = floor.scores(items, query, vocabulary(_DB[0]))
    fts = {c.rowid: getattr(c, "bm25", 0.0) for c in items}
    best_fts = max(fts.values(), default=0.0) or 1.0
    best = max(plain.values(), default=0.0) or 1.0
    w = passages.LOCAL["bm25"]
    return {
        r: v - w * fts.get(r, 0.0) / best_fts + w * plain.get(r, 0.0) / best
        for r, v in local.items()
    }


_DB: list = []

# Switches of the passage-local score, one at a time (module constants of bot.search.passages,
# or a change made after the local scores: ``replay``'s ``_local``). A LOCAL row sets
# PLAIN_LOCAL to {} (LOCAL's weights alone, as shipped).
_L = {"bm25": 1.0, "coverage": 0.2, "proximity": 0.3, "phrase": 0.5}
SWITCHES: dict[str, dict] = {
    "flat: passages by local score, no documents' order": {"_flat": True},
    "flat after the first: search's first document first": {"_flat": "after first"},
    "PLAIN_AFTER_FIRST": {"PLAIN_AFTER_FIRST": True},
    "PLAIN_LOCAL coverage 0": {"PLAIN_LOCAL": {"coverage": 0.0}},
    "PLAIN_LOCAL coverage 0.1": {"PLAIN_LOCAL": {"coverage": 0.1}},
    "LOCAL proximity 0": {"LOCAL": {**_L, "proximity": 0.0}, "PLAIN_LOCAL": {}},
    "LOCAL proximity 0.15": {"LOCAL": {**_L, "proximity": 0.15}, "PLAIN_LOCAL": {}},
    "LOCAL proximity 0.5": {"LOCAL": {**_L, "proximity": 0.5}, "PLAIN_LOCAL": {}},
    "LOCAL coverage 0": {"LOCAL": {**_L, "coverage": 0.0}, "PLAIN_LOCAL": {}},
    "LOCAL coverage 0.4": {"LOCAL": {**_L, "coverage": 0.4}, "PLAIN_LOCAL": {}},
    "LOCAL phrase 0": {"LOCAL": {**_L, "phrase": 0.0}, "PLAIN_LOCAL": {}},
    "LOCAL bm25 only": {
        "LOCAL": {**_L, "coverage": 0.0, "proximity": 0.0, "phrase": 0.0},
        "PLAIN_LOCAL": {},
    },
    "CANNOT_ANSWER 0": {"CANNOT_ANSWER": 0.0},
    "CANNOT_ANSWER 0.6": {"CANNOT_ANSWER": 0.6},
    "HEADING_WORDS 40": {"HEADING_WORDS": 40},
    "NUMBERED_HEADINGS": {"NUMBERED_HEADINGS": True},
    "asked for 0.1": {"_local": _asked(0.1)},
    "asked for 0.2": {"_local": _asked(0.2)},
    "neighbour before 0.1": {"_local": _neighbours(0.1)},
    "neighbour before 0.2": {"_local": _neighbours(0.2)},
    "bm25 part from floor.scores": {"_local": _floor_bm25},
    "hand-off: a passage that only asks": {"_hand_off": _asks},
    "hand-off: a heading alone or contents line": {"_hand_off": _heading},
    "hand-off: either": {"_hand_off": _asks_or_heading},
}

# Live switches (search runs again with each): {"module.NAME": value} of bot.search.
LIVE: dict[str, dict] = {
    "live: PLAIN_AFTER_FIRST": {"passages.PLAIN_AFTER_FIRST": True},
    "live: NUMBERED_HEADINGS": {"passages.NUMBERED_HEADINGS": True},
    "live: PLAIN_LOCAL coverage 0": {"passages.PLAIN_LOCAL": {"coverage": 0.0}},
    "live: DOCUMENT_TOP 1": {"scoring.DOCUMENT_TOP": 1},
    "live: DOCUMENT_TOP 2": {"scoring.DOCUMENT_TOP": 2},
    "live: DOCUMENT_TOP 3": {"scoring.DOCUMENT_TOP": 3},
    "live: DOCUMENT_TOP 5": {"scoring.DOCUMENT_TOP": 5},
    "live: questions document 0": {"scoring.QUESTION_WEIGHTS": {"document": 0.0}},
    "live: questions document 0.15": {"scoring.QUESTION_WEIGHTS": {"document": 0.15}},
    "live: questions feedback 0": {"scoring.QUESTION_WEIGHTS": {"feedback": 0.0}},
    "live: questions feedback 0.2": {"scoring.QUESTION_WEIGHTS": {"feedback": 0.2}},
    "live: questions document 0, feedback 0": {
        "scoring.QUESTION_WEIGHTS": {"document": 0.0, "feedback": 0.0}
    },
    "live: questions proximity 0": {"scoring.QUESTION_WEIGHTS": {"proximity": 0.0}},
    "live: questions coverage 0.4": {"scoring.QUESTION_WEIGHTS": {"coverage": 0.4}},
    "live: questions coverage 0": {"scoring.QUESTION_WEIGHTS": {"coverage": 0.0}},
}


if __name__ == "__main__":
    main()
