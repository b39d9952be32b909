"""Benchmark: where the meaning build loses its first places on plain questions, and one design
for the largest cause, chosen leave-one-SET-out (issue 21, "Questions, round 22").

Over the store of the real documents that ``bench/meaning.py questions`` builds, every plain
question of the sets named is searched live with the meaning extra as shipped (the first ten
results with their scores, kept in ``--workdir``). Then:

- ``classes``: each question not answered first is put in one class: (a) the answering document
  is not among the first ten at all; (b) the right document first, the answering passage at 2-10;
  (b-other) another document first, the answering passage at 2-10; (c) no single passage holds
  the answer (``c-across``: two neighbouring passages do); (d) the right document first, the
  answering passage below 10; (d-other) the right document among the first ten but not first,
  the answering passage below 10. Tags: the answering passage is a table row (``table``), opens
  like a list item (``list-item``), is a candidate of search at all (``incand``), and how far (in
  passages) it stands from the passage shown first (``dist``). ``--dump FILE`` keeps the classes.
- ``topk`` (``--topk``): the first k results re-ordered by a mix of their shipped place (1 for
  the first, falling evenly to 0 for the k-th: the order shown is not the order of the results'
  scores, since a document's passages are grouped and re-ordered among themselves after fusion)
  and their best sentence's cosine to the question (min-max over the k), share m, for
  k in 3, 5, 10 and m in 0.25, 0.5, 0.75 (sentence vectors made here once and kept in
  ``--workdir``, as ingest or query time would make them). The setting is chosen for each of the
  four real sets on the other three (best P@1, then hit@3, then MRR@10, then off) and scored on
  the left-out set, whole and by half.

    nice python bench/questions_errors.py --workdir DIR --questions eval/questions-real.jsonl ...

Not a test: the documents are not part of the project. The blind sets are refused.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402
from questions_shared import refuse_blind  # noqa: E402  (the blind sets, refused)

REAL = ("questions-real", "questions-real-2", "questions-real-5", "questions-real-6")


def shown(db, qs: list[dict], work: Path) -> list[list[tuple[int, float]]]:
    """Per question, live with the extra as shipped: the first ten (rowid, score)."""
    from bot.search.ranking import search

    digest = hashlib.sha1("\n".join(q["query"] for q in qs).encode()).hexdigest()[:10]
    cache = work / f"errors-shown-{len(qs)}-{digest}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    os.environ["ROCU_MEANING"] = "on"
    out = []
    for q in qs:
        response = search(db, q["query"], limit=10)
        out.append([(mb.rowid_of(db, r), r.score) for r in response.results])
    cache.write_text(json.dumps(out))
    return out


def classes(db, qs, got, texts) -> list[dict]:
    by_file: dict[str, list[tuple[int, int, str]]] = {}
    for rid, ordinal, file, text in db.execute(
        "select p.id, p.ordinal, d.file, p.text from passages p join documents d on d.id = p.doc_id"
    ):
        by_file.setdefault(file, []).append((ordinal, rid, text))
    for rows in by_file.values():
        rows.sort()
    ordinal = {rid: o for rows in by_file.values() for o, rid, _ in rows}
    out = []
    for i, (q, top) in enumerate(zip(qs, got, strict=True)):
        ids = [r for r, _ in top]
        rank = mb.rank_of(ids, q, texts)
        if rank == 1:
            continue
        rows = by_file.get(q["file"], [])
        answering = [rid for _, rid, t in rows if mb.answered(t, q["answer"])]
        docs = [texts[r][0] for r in ids]
        first = docs[0] if docs else None
        if not answering:
            pairs = (rows[k][2] + " " + rows[k + 1][2] for k in range(len(rows) - 1))
            cls = "c-across" if any(mb.answered(t, q["answer"]) for t in pairs) else "c"
        elif rank is not None:
            cls = "b" if first == q["file"] else "b-other"
        elif q["file"] not in docs:
            cls = "a"
        else:
            cls = "d" if first == q["file"] else "d-other"
        tags = []
        if answering:
            text = texts[answering[0]][1]
            if " | " in text:
                tags.append("table")
            if re.match(r"^\s*(?:[-•*·▪–]|\(?[a-z0-9]{1,4}[.)])\s", text):
                tags.append("list-item")
        dist = None
        if answering and first == q["file"]:
            dist = min(abs(ordinal[ids[0]] - ordinal[a]) for a in answering)
        out.append(
            {
                "i": i,
                "set": q["set"],
                "half": q["half"],
                "class": cls,
                "rank": rank,
                "tags": tags,
                "dist": dist,
            }
        )
    return out


def report_classes(qs, found) -> None:
    sets = list(dict.fromkeys(q["set"] for q in qs))
    count = collections.Counter((o["set"], o["class"]) for o in found)
    n = collections.Counter(q["set"] for q in qs)
    missed = collections.Counter(o["set"] for o in found)
    print("| class | " + " | ".join(sets) + " | four real |")
    print("| --- " * (len(sets) + 2) + "|")
    for cls in ("a", "b", "b-other", "c", "c-across", "d", "d-other"):
        row = [count[(s, cls)] for s in sets]
        real = sum(count[(s, cls)] for s in sets if s in REAL)
        print(f"| {cls} | " + " | ".join(map(str, row)) + f" | {real} |")
    print("| first | " + " | ".join(f"{n[s] - missed[s]} of {n[s]}" for s in sets) + " |")
    tags = collections.Counter(
        (o["class"], t) for o in found if o["set"] in REAL for t in o["tags"]
    )
    dist = collections.Counter(
        (o["class"], "next" if o["dist"] == 1 else "2-3" if o["dist"] <= 3 else "4+")
        for o in found
        if o["set"] in REAL and o["dist"] is not None
    )
    print("tags (four real):", dict(sorted(tags.items())))
    print("distance from the first passage shown (four real):", dict(sorted(dist.items())))


# -- the ``topk`` design: the first k re-ordered with their best sentence -----------------------


def sentence_best(db, qs, got, work: Path) -> list[dict[int, float]]:
    """Per question: rowid -> the best cosine of any of its sentences to the question, for each
    of the first ten shown. Sentence vectors kept in ``work/sentence-vectors.pickle`` (the same
    cache as ``questions_loso.py``'s ``sentence`` family)."""
    import numpy as np

    from bot.library.text import sentence_spans
    from bot.search import meaning

    texts = mb.passage_texts(db)
    model = meaning.embedder()
    cache = work / "sentence-vectors.pickle"
    vecs: dict = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    wanted = {r for top in got for r, _ in top if r not in vecs}
    if wanted:
        rows, parts = [], []
        for r in wanted:
            text = texts[r][1]
            for a, b in sentence_spans(text):
                rows.append(r)
                parts.append(text[a:b])
        print(f"embedding {len(parts)} sentences of {len(wanted)} passages", flush=True)
        made = model.encode(parts) if parts else np.zeros((0, 384))
        where: dict[int, list[int]] = {}
        for k, r in enumerate(rows):
            where.setdefault(r, []).append(k)
        for r in wanted:
            vecs[r] = made[where[r]] if r in where else None
        cache.write_bytes(pickle.dumps(vecs))
    qv = model.encode([meaning.query_text(q["query"]) for q in qs])
    out = []
    for i, top in enumerate(got):
        best = {}
        for r, _ in top:
            v = vecs.get(r)
            if v is not None and len(v):
                best[r] = float((v @ qv[i]).max())
        out.append(best)
    return out


def _minmax(values: list[float]) -> list[float]:
    lo, hi = min(values), max(values)
    return [0.0 if hi == lo else (v - lo) / (hi - lo) for v in values]


def reorder(top: list[tuple[int, float]], best: dict[int, float], k: int, m: float) -> list[int]:
    ids = [r for r, _ in top]
    if not m or len(ids) < 2:
        return ids
    head = top[:k]
    # the shipped place, not the score: the order shown is not the scores' order (passages of
    # one document are grouped and ordered among themselves after the fused score is made)
    own = [1.0 - j / (len(head) - 1) for j in range(len(head))]
    sent = _minmax([best.get(r, 0.0) for r, _ in head])
    mixed = [(1 - m) * a + m * b for a, b in zip(own, sent, strict=True)]
    order = sorted(range(len(head)), key=lambda j: (-mixed[j], j))
    return [head[j][0] for j in order] + ids[k:]


SETTINGS = [("off (shipped)", 0, 0.0)] + [
    (f"k={k} m={m}", k, m) for k in (3, 5, 10) for m in (0.25, 0.5, 0.75)
]


def figures(ranks: list[int | None]) -> tuple[int, int, float]:
    return (
        sum(r == 1 for r in ranks),
        sum(r is not None and r <= 3 for r in ranks),
        sum(1 / r for r in ranks if r) / max(len(ranks), 1),
    )


def loso(qs, got, best, texts, beside=None, settings=SETTINGS) -> None:
    ranks = {
        label: [
            mb.rank_of(reorder(top, b, k, m), q, texts)
            for q, top, b in zip(qs, got, best, strict=True)
        ]
        for label, k, m in settings
    }
    for label, other in (beside or {}).items():
        ranks[label] = [
            mb.rank_of([r for r, _ in top], q, texts) for q, top in zip(qs, other, strict=True)
        ]
    labels = list(ranks)
    sets = list(dict.fromkeys(q["set"] for q in qs))
    idx = {s: [i for i, q in enumerate(qs) if q["set"] == s] for s in sets}
    print("\n| setting | " + " | ".join(sets) + " | four real (P@1 / hit@3 / MRR) |")
    for label in labels:
        cells = []
        for s in sets:
            p, h, _ = figures([ranks[label][i] for i in idx[s]])
            cells.append(f"{p} / {h}")
        allr = [ranks[label][i] for s in REAL for i in idx.get(s, [])]
        p, h, mrr = figures(allr)
        print(f"| {label} | " + " | ".join(cells) + f" | {p} / {h} / {mrr:.3f} |")
    print(
        "\n| left out | chosen on the other three | P@1 shipped -> chosen (won-lost) | hit@3 |"
        " tuning half P@1 | checking half P@1 |"
    )
    total = [0, 0, 0, 0]
    d1: list[float] = []
    d3: list[float] = []
    for s in REAL:
        if s not in idx:
            continue
        others = [i for o in REAL if o != s for i in idx.get(o, [])]

        def key(label, others=others):
            p, h, mrr = figures([ranks[label][i] for i in others])
            return (p, h, round(mrr, 6), label.startswith("off"))

        choice = max(labels, key=key)
        base, new = ranks[labels[0]], ranks[choice]
        won = sum(new[i] == 1 and base[i] != 1 for i in idx[s])
        lost = sum(base[i] == 1 and new[i] != 1 for i in idx[s])
        d1 += [float(new[i] == 1) - float(base[i] == 1) for i in idx[s]]
        d3 += [
            float(new[i] is not None and new[i] <= 3) - float(base[i] is not None and base[i] <= 3)
            for i in idx[s]
        ]
        pb, hb, _ = figures([base[i] for i in idx[s]])
        pn, hn, _ = figures([new[i] for i in idx[s]])
        halves = []
        for half in ("tune", "check"):
            hi = [i for i in idx[s] if qs[i]["half"] == half]
            halves.append(
                f"{figures([base[i] for i in hi])[0]} -> {figures([new[i] for i in hi])[0]}"
            )
        total = [total[0] + pb, total[1] + pn, total[2] + hb, total[3] + hn]
        print(
            f"| {s} | {choice} | {pb} -> {pn} (+{won} -{lost}) | {hb} -> {hn} | "
            + " | ".join(halves)
            + " |"
        )
    print(f"four left-out sets: P@1 {total[0]} -> {total[1]}, hit@3 {total[2]} -> {total[3]}")
    (lo1, hi1), (lo3, hi3) = mb.bootstrap(d1), mb.bootstrap(d3)
    print(
        f"difference, paired bootstrap 95%: P@1 {sum(d1) / len(d1):+.3f} [{lo1:+.3f}, {hi1:+.3f}],"
        f" hit@3 {sum(d3) / len(d3):+.3f} [{lo3:+.3f}, {hi3:+.3f}]"
    )


def signals(qs, found, texts, work: Path, best: list[dict[int, float]]) -> None:
    """For each (b), (b-other) and (d) miss: does the passage cosine, the lexical share, or the
    best sentence's cosine put the answering passage above the one shown first? Read from
    ``questions_learned.py``'s capture in ``work`` (run that first: the same questions)."""
    import questions_learned as ql

    digest = hashlib.sha1("\n".join(q["query"] for q in qs).encode()).hexdigest()[:10]
    cache = work / f"learned-capture-{len(qs)}-{digest}.pickle"
    if not cache.exists():
        print("no capture of questions_learned.py for these questions: signals skipped")
        return
    recs = pickle.loads(cache.read_bytes())
    count: collections.Counter = collections.Counter()
    for o in found:
        if o["set"] not in REAL or o["class"] not in ("b", "b-other", "d"):
            continue
        q, rec = qs[o["i"]], recs[o["i"]]
        cos, lex = rec["cosines"] or {}, ql._lexical(rec)
        first = rec["shown"][0]
        answering = [
            r
            for r, *_ in rec["items"]
            if texts[r][0] == q["file"] and mb.answered(texts[r][1], q["answer"])
        ]
        if not answering:
            count[(o["class"], "answering passage no candidate")] += 1
            continue
        a = max(answering, key=lambda r: cos.get(r, 0.0))
        by_cos, by_lex = (
            cos.get(a, 0.0) > cos.get(first, 0.0),
            lex.get(a, 0.0) > lex.get(first, 0.0),
        )
        count[
            (o["class"], "cosine prefers the answer" if by_cos else "cosine prefers the first")
        ] += 1
        count[(o["class"], "words prefer the answer" if by_lex else "words prefer the first")] += 1
        if not (by_cos or by_lex):
            count[(o["class"], "both prefer the first")] += 1
        sent = best[o["i"]]
        if a in sent and first in sent:
            side = "answer" if sent[a] > sent[first] else "first"
            count[(o["class"], f"best sentence prefers the {side}")] += 1
    for key, n in sorted(count.items()):
        print(f"| {key[0]} | {key[1]} | {n} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", default="/tmp/rocu-meaning-bench")
    parser.add_argument("--dump", default="", help="keep each miss's class in this file")
    parser.add_argument("--topk", action="store_true", help="the best-sentence re-order, loso")
    parser.add_argument(
        "--scheme",
        default="",
        help="embed under another scheme (as bench/meaning.py), e.g. title=1",
    )
    parser.add_argument(
        "--beside",
        action="append",
        default=[],
        help="LABEL=DIR: another run's first ten (its --workdir, e.g. under another scheme) as a "
        "setting of the leave-one-set-out choice",
    )
    args = parser.parse_args()
    if args.scheme:
        from bot.search.meaning import vectors

        for part in args.scheme.split(","):
            key, value = part.split("=")
            vectors.SCHEME[key.strip()] = type(vectors.PLAIN[key.strip()])(int(value))
    refuse_blind(args.questions)
    sets = args.questions or [str(ROOT / "eval" / "questions-real.jsonl")]
    qs = [q for q in mb.question_sets(sets) if q["kind"] == "plain"]
    work = Path(args.workdir)
    db = mb.real_store(work)
    texts = mb.passage_texts(db)
    got = shown(db, qs, work)
    found = classes(db, qs, got, texts)
    report_classes(qs, found)
    if args.dump:
        Path(args.dump).write_text(json.dumps(found))
    beside = {}
    for spec in args.beside:
        label, other = spec.split("=", 1)
        digest = hashlib.sha1("\n".join(q["query"] for q in qs).encode()).hexdigest()[:10]
        beside[label] = json.loads(
            (Path(other) / f"errors-shown-{len(qs)}-{digest}.json").read_text()
        )
    if args.topk or beside:
        best = sentence_best(db, qs, got, work) if args.topk else [{} for _ in qs]
        if args.topk:
            signals(qs, found, texts, work, best)
        loso(qs, got, best, texts, beside, SETTINGS if args.topk else SETTINGS[:1])


if __name__ == "__main__":
    main()
