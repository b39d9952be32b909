"""Benchmark: which passage of a document answers a question (issue 21, "Questions, round 6").

Every question of the sets named is searched live over the store of the real documents that
``bench/meaning.py questions`` builds (plain, then with the meaning extra), and what the
question step sees is kept: the candidates in search's order with their lexical parts (bm25,
coverage, proximity, phrase), their lexical scores before the mix and their cosines. The step
(mix, passages merged by their local score within the documents' order, the hand-off, the cap
per document) is then replayed offline with one switch changed at a time:

- ``cannot answer``: a heading alone or a contents line loses ``passages.CANNOT_ANSWER`` of the
  range of the local scores (on as shipped; the replay checks it reproduces the live results);
- ``sentences a=A`` (with ``--sentences``): the cosine in the local score is A x the passage's
  + (1 - A) x its best sentence's (MaxP), for every passage or only those of LONG words or more;
  every sentence of the candidates is embedded once and kept in the work folder;
- ``asked for``: a passage without what the question's opening asks for (a number for "how
  many", a date for "when": ``bot.search.excerpts.ASKED_FOR``) loses 0.2 of the range.

The document order is never changed by any switch, so the collections' rankings cannot move.

    nice python bench/questions_within.py --questions eval/questions-real-2.jsonl --sentences

Not a test: the documents are not part of the project.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402  (bench/meaning.py: the store, figures, bootstrap)
import question_step  # noqa: E402  (the question step recorded)
from question_step import Item  # noqa: E402

ALPHAS = (0.5, 0.3, 0.0)
LONG = 60  # ...or only for passages of at least this many words


def capture(db, queries: list[str]) -> list[dict]:
    """Per query and mode (plain, meaning): the candidates and what the question step used."""
    from bot.search.ranking import search

    out = []
    with question_step.recording(db) as rec:
        for query in queries:
            one = {}
            for mode in ("plain", "meaning"):
                rec.clear()
                os.environ["ROCU_MEANING"] = "on" if mode == "meaning" else "off"
                response = search(db, query, limit=10)
                one[mode] = {**rec, "shown": [mb.rowid_of(db, r) for r in response.results]}
            out.append(one)
    return out


def replay(db, query: str, rec: dict, cannot=True, cosines=None, asked=0.0) -> list[int]:
    """The question step again on ``rec`` (a capture), with the switches given."""
    from bot.search import meaning, passages
    from bot.search.diversity import diversify
    from bot.search.excerpts import asked_for
    from bot.search.query import parse_query

    items = [Item(*row) for row in rec.get("items", [])]
    if "parts" not in rec:  # no question step (words typed as a search)
        return rec["shown"]
    meant = rec.get("cosines")
    if meant is not None:
        weight = meaning.QUESTION_WEIGHT if rec["question"] else meaning.WEIGHT
        items = meaning.mix(items, meant, weight, rec["lexical"])
    parts = rec["parts"]
    best = max((p[0] for p in parts.values()), default=0.0) or 1.0
    w = passages.LOCAL  # without the meaning extra: PLAIN_LOCAL's in its place (round 10)
    if meant is None:
        w = {**w, **getattr(passages, "PLAIN_LOCAL", {})}
    local = {
        r: w["bm25"] * p[0] / best
        + w["coverage"] * p[1]
        + w["proximity"] * p[2]
        + w["phrase"] * p[3]
        for r, p in parts.items()
    }
    if meant is not None:
        sims = cosines if cosines is not None else meant
        lex, near = (
            passages._normalised(local),
            passages._normalised({r: v for r, v in sims.items() if r in local}),
        )
        local = {
            r: (1 - passages.MEANING) * v + passages.MEANING * near.get(r, 0.0)
            for r, v in lex.items()
        }
    span = None
    if meant is None and getattr(passages, "PLAIN_LOCAL", {}):  # the range by LOCAL's weights
        v = passages.LOCAL
        span = passages._span(
            {
                r: v["bm25"] * p[0] / best
                + v["coverage"] * p[1]
                + v["proximity"] * p[2]
                + v["phrase"] * p[3]
                for r, p in parts.items()
            }
        )
    saved = passages.CANNOT_ANSWER
    passages.CANNOT_ANSWER = saved if cannot else 0.0
    try:
        local = (
            passages.answerable(items, local, span) if span else passages.answerable(items, local)
        )
    finally:
        passages.CANNOT_ANSWER = saved
    pattern = asked_for([t.text for t in parse_query(query).question]) if asked else None
    if pattern is not None and local:
        span = (max(local.values()) - min(local.values())) or 1.0
        for c in items:
            if c.rowid in local and not pattern.search(c.text):
                local[c.rowid] -= asked * span
    ordered = passages.within_documents(items, local)
    if meant is not None:
        make = lambda rowids: [Item(r, *_row(db, r)) for r in rowids]  # noqa: E731
        ordered = meaning.hand_off(db, ordered, make, lambda rowids: rowids)
    return [c.rowid for c in diversify(ordered, key=lambda c: c.doc_id)][:10]


def _row(db, rowid: int) -> tuple:
    sql = "select doc_id, text, ordinal from passages where id = ?"
    doc_id, text, ordinal = db.execute(sql, [rowid]).fetchone()
    return doc_id, 0.0, text, ordinal


def sentence_cosines(db, work: Path, captured: list[dict], vectors: list) -> list[dict]:
    """Per query: rowid -> the best cosine of its sentences (the passage's own when it has one
    sentence), for every candidate; the sentences' vectors kept in ``work``."""
    import numpy as np

    from bot.library.text import sentence_spans
    from bot.search import meaning

    model = meaning.embedder()
    rowids = sorted({r for c in captured for r, *_ in c["meaning"].get("items", [])})
    path = work / "sentences.npz"
    kept = dict(np.load(path, allow_pickle=True).items()) if path.exists() else {}
    spans, todo = {}, []
    for rowid in rowids:
        text = db.execute("select text from passages where id = ?", [rowid]).fetchone()[0]
        spans[rowid] = [text[s:e] for s, e in sentence_spans(text) if text[s:e].strip()]
        if len(spans[rowid]) > 1 and str(rowid) not in kept:
            todo.append(rowid)
    for i in range(0, len(todo), 64):
        batch = todo[i : i + 64]
        vecs = model.encode([s for r in batch for s in spans[r]])
        at = 0
        for r in batch:
            kept[str(r)] = vecs[at : at + len(spans[r])].astype(np.float16)
            at += len(spans[r])
        print(f"\r  sentences of {i + len(batch)} of {len(todo)} passages", end="", flush=True)
    if todo:
        np.savez(path, **kept)
        print()
    out = []
    for c, q in zip(captured, vectors, strict=True):
        cos = c["meaning"].get("cosines") or {}
        out.append(
            {
                r: float((kept[str(r)].astype(np.float32) @ q).max()) if str(r) in kept else v
                for r, v in cos.items()
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", default="/tmp/rocu-meaning-bench")
    parser.add_argument("--sentences", action="store_true", help="also the MaxP switches")
    args = parser.parse_args()
    sets = args.questions or [str(ROOT / "eval" / "questions-real.jsonl")]
    qs = mb.question_sets(sets)
    work = Path(args.workdir)
    db = mb.real_store(work)
    texts = mb.passage_texts(db)
    captured = capture(db, [q["query"] for q in qs])
    systems = {
        "plain, shipped": lambda i: replay(db, qs[i]["query"], captured[i]["plain"]),
        "plain, cannot answer off": lambda i: replay(
            db, qs[i]["query"], captured[i]["plain"], cannot=False
        ),
        "plain, asked for": lambda i: replay(db, qs[i]["query"], captured[i]["plain"], asked=0.2),
        "meaning, shipped": lambda i: replay(db, qs[i]["query"], captured[i]["meaning"]),
        "meaning, cannot answer off": lambda i: replay(
            db, qs[i]["query"], captured[i]["meaning"], cannot=False
        ),
        "meaning, asked for": lambda i: replay(
            db, qs[i]["query"], captured[i]["meaning"], asked=0.2
        ),
    }
    same = sum(
        replay(db, q["query"], captured[i][m]) == captured[i][m]["shown"][:10]
        for i, q in enumerate(qs)
        for m in ("plain", "meaning")
    )
    print(f"\nreplay reproduces the live search in {same} of {2 * len(qs)} searches")
    if args.sentences:
        from bot.search import meaning

        model = meaning.embedder()
        vectors = [model.encode([meaning.query_text(q["query"])])[0] for q in qs]
        best = sentence_cosines(db, work, captured, vectors)
        words = {r: len(t.split()) for r, (_, t) in texts.items()}
        for a in ALPHAS:
            for least in (0, LONG):

                def mixed(i, a=a, least=least):
                    cos = captured[i]["meaning"].get("cosines") or {}
                    sims = {
                        r: a * v + (1 - a) * best[i].get(r, v) if words[r] >= least else v
                        for r, v in cos.items()
                    }
                    return replay(db, qs[i]["query"], captured[i]["meaning"], cosines=sims)

                label = f", passages of {least}+ words" if least else ""
                systems[f"meaning, sentences a={a}{label}"] = mixed
    ranks = {
        name: [mb.rank_of(f(i), q, texts) for i, q in enumerate(qs)] for name, f in systems.items()
    }
    print("| set | half | system | n | P@1 (95% CI) | hit@3 (95% CI) | MRR@10 |")
    print("| --- | --- | --- | ---: | --- | --- | ---: |")
    for name in dict.fromkeys(q["set"] for q in qs):
        for half in ("tune", "check"):
            keep = [
                i
                for i, q in enumerate(qs)
                if q["set"] == name and q["half"] == half and q["kind"] == "plain"
            ]
            for system, values in ranks.items():
                f = mb.figures([values[i] for i in keep])
                print(
                    f"| {name} | {half} | {system} | {f['n']} | {f['p1']:.2f} "
                    f"({f['p1_ci'][0]:.2f}-{f['p1_ci'][1]:.2f}) | {f['hit3']:.2f} "
                    f"({f['hit3_ci'][0]:.2f}-{f['hit3_ci'][1]:.2f}) | {f['mrr10']:.3f} |"
                )


if __name__ == "__main__":
    main()
