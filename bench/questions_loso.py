"""Benchmark: question settings chosen leave-one-SET-out, the hard way (issue 21, "Questions,
round 19").

On the captures of ``bench/questions_learned.py`` (the same store, questions and capture file:
run that first), each family of settings is replayed over every plain question. For each of the
four real sets (``questions-real``, ``-real-2``, ``-real-5``, ``-real-6``) a family's setting is
chosen on the OTHER three sets' tuning halves (best P@1, then MRR@10, then the shipped value) and
that set's checking half is scored with it beside the shipped setting: questions won and lost at
P@1, and paired bootstrap 95% intervals of the P@1 / hit@3 / MRR@10 difference. A family passes
the rule when its held-out choice wins at P@1 on at least three of the four sets and loses on
none by more than one question. The two sets of table questions, never used to choose, are
reported beside with the setting chosen on all four real tuning halves.

Families (each a switch kept as data; the first entry of each is what ships):

- ``type``: an expected-answer-type match. ``bot.search.excerpts.ASKED_FOR`` says what a
  "how many" / "when" question's answer holds, and the learned order within documents
  (``passages.LEARNED["lacks"]``) lowers a passage that holds none of it. The entries tried add
  "who" (a body or a role), "why" (a cause clause), "what limit / maximum / how much" (a
  quantity) and "what year / date, by when" (a date), read from the whole question, not only its
  opening words;
- ``lacks``: the same with all four types, and the penalty for lacking the type scaled;
- ``weight``: ``meaning.QUESTION_WEIGHT``, the meaning share of a question's fusion;
- ``shape``: that share by the question's shape: its words besides the question words (few: the
  shape of a keyword query; many: a plain question);
- ``within``: ``passages.MEANING``, the meaning share of the passage-local score within
  documents;
- ``sentence``: a passage scored within its document by its best sentence as well: the cosine of
  each candidate of the first three documents shown mixed with its nearest sentence's cosine to
  the question (sentence vectors as ingest would make them, made here once and kept in
  ``--workdir``; the documents' order is search's, so the IR collections cannot move);
- ``rarity`` (round 20): within a document, the passage-local lexical score with each question
  word's IDF taken among that document's own passages (BM25, k1 1.2, b 0.75, over the document's
  passages), blended at 0.5 or 1.0 with the library-wide bm25 share (and coverage with it, or
  not); ``rarity-share``: the same with ``passages.MEANING`` at 0.6 or 0.4 (the lexical part
  carrying more weight within documents), and the meaning share alone in the same form. Each
  document's candidates are re-ordered among themselves only (``permuted``: the shipped scores
  handed round in the new order), so the order of documents and how many of each come at each
  place are search's: the IR collections cannot move. The counts per document are made by a
  live search per question (``doc_rarity``), kept in ``--workdir``.

- ``rrf`` (round 21): reciprocal rank fusion of the lexical half's order and the cosine order
  in place of the shipped min-max mix (``rrf_fused``; k 10, 30, 60; meaning's weight 0.5, 0.7);
- ``prf`` (round 21): pseudo-relevance feedback in vector space (Rocchio): the question's vector
  moved toward the mean vector of the shipped order's first m passages by beta, the captured
  candidates re-scored with it (``prf_cosines``; the pool found by meaning alone is the
  shipped question's).

``--kinds`` (round 21, live: keyword and typo questions have no capture): the meaning share for
words typed as a search (``meaning.WEIGHT``), and a share for any query search corrected.
``--prior`` (round 21, live): the document prior's forms with the extra (``scoring.DOCUMENT_TOP``
1 or 2, or off for questions), chosen the same way.

``--excerpts``: live, as shipped, for each question answered first: is the answer in the excerpt,
is a sentence marked, does the marked sentence hold the answer. ``--off NAME`` switches one of
``bot.search.excerpts.CLAUSE_BREAKS`` off (``--off clauses``: all of them, the excerpt before
round 19's clauses); ``--on NAME`` one of ``CLAUSE_BREAKS_OFF`` on; ``--dump FILE`` keeps each
question's check (which questions a rule moves).

    nice python bench/questions_loso.py --workdir DIR --questions eval/questions-real.jsonl ...

Not a test: the documents are not part of the project. The blind sets are refused.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import meaning as mb  # noqa: E402
import questions_learned as ql  # noqa: E402
from questions_general import load_capture  # noqa: E402
from questions_shared import BLIND, refuse_blind  # noqa: E402, F401  (BLIND: the sets refused)
from questions_shared import h3 as _h3  # noqa: E402
from questions_shared import p1 as _p1  # noqa: E402
from questions_shared import rr as _rr  # noqa: E402

REAL = ("questions-real", "questions-real-2", "questions-real-5", "questions-real-6")

# -- expected answer types, read from the whole question --------------------------------------

_ROLE = (
    r"\b(?:minist(?:er|ry)|secretar(?:y|ies)|chief|officers?|commissioners?|councils?|"
    r"agenc(?:y|ies)|departments?|committees?|police|forces?|government|boards?|authorit(?:y|ies)|"
    r"services?|units?|inspectorates?|inspectors?|teams?|bod(?:y|ies)|organisations?|"
    r"commission|office|director(?:ate)?s?|leads?|responsib(?:le|ility)|chairs?|panel|ombudsman|"
    r"trusts?|providers?|partners(?:hips?)?)\b"
)
_CAUSE = (
    r"\b(?:because|due to|owing to|as a result|result(?:ed|s|ing)? (?:in|from)|caused|cause[sd]?|"
    r"reasons?|so that|in order to|therefore|consequently|led to|lead to|since|given that|"
    r"driven by|in light of)\b"
)
_NUMBER = r"[£$€]\s?\d|\d"
_DATE = (
    r"\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
TYPES = {  # name -> (how the question is recognised, what its answer holds)
    "who": (
        r"^\s*(?:who|whom|whose|which (?:body|bodies|organisation|agency|department))\b",
        _ROLE,
    ),
    "why": (r"^\s*why\b|\bwhat (?:is|was|are|were) the reasons?\b", _CAUSE),
    "limit": (
        r"\b(?:limit|maximum|minimum|threshold|how much|what (?:proportion|percentage|share|"
        r"number|amount|fine|sum))\b",
        _NUMBER,
    ),
    "date": (r"\bby when\b|\bwhat (?:year|date|month)\b|\bwhich year\b", _DATE),
}


def typed(query: str, frame: list[str], use: tuple[str, ...]):
    """The shipped ``asked_for`` pattern, else the first of ``use``'s types the question shows."""
    from bot.search import excerpts

    shipped = excerpts._shipped_asked_for(frame)  # type: ignore[attr-defined]
    if shipped is not None or not use:
        return shipped
    for name in use:
        spot, holds = TYPES[name]
        if re.search(spot, query, re.IGNORECASE):
            return re.compile(holds, re.IGNORECASE)
    return None


# -- the families ------------------------------------------------------------------------------

LACKS = -0.294  # passages.LEARNED["lacks"] as shipped


def families() -> dict[str, list[tuple[str, dict]]]:
    """family -> [(label, settings)], the shipped setting first. A setting: ``types`` (extra
    answer types), ``lacks`` (its weight), ``weight`` or ``shape`` (the meaning share, by the
    count of a question's words beside the question words: (few, many, threshold)), ``within``
    (passages.MEANING)."""
    all4 = ("who", "why", "limit", "date")
    return {
        "type": [("shipped", {})]
        + [(f"+{t}", {"types": (t,)}) for t in all4]
        + [("+all four", {"types": all4})],
        "lacks": [("shipped", {})]
        + [(f"all four, lacks x{k}", {"types": all4, "lacks": LACKS * k}) for k in (1, 2, 3, 5)],
        "weight": [("0.7 (shipped)", {})] + [(f"{w}", {"weight": w}) for w in (0.5, 0.6, 0.8, 0.9)],
        "shape": [("0.7 / 0.7 (shipped)", {})]
        + [
            (f"{few} / {many} at {k}", {"shape": (few, many, k)})
            for few in (0.6, 0.7)
            for many in (0.8, 0.9)
            for k in (5, 7)
        ],
        "sentence": [("off (shipped)", {})]
        + [(f"best sentence {m}", {"sentence": m}) for m in (0.25, 0.5, 0.75, 1.0)],
        "within": [("0.8 (shipped)", {})] + [(f"{m}", {"within": m}) for m in (0.6, 0.7, 0.9, 1.0)],
        # round 20: each word's rarity among its document's own passages (``rarity_lexical``)
        "rarity": [("off (shipped)", {})]
        + [
            (f"doc idf {a}{' +coverage' if c else ''}", {"rarity": 1, "share": a, "coverage": c})
            for a in (0.5, 1.0)
            for c in (False, True)
        ],
        # round 21: reciprocal rank fusion of the lexical half's order and the cosine order in
        # place of the min-max mix (``rrf_fused``), weights (1 - w) and w, constant k
        "rrf": [("min-max mix 0.7 (shipped)", {})]
        + [(f"rrf k={k} w={w}", {"rrf": (k, w)}) for k in (10, 30, 60) for w in (0.5, 0.7)],
        # round 21: pseudo-relevance feedback in vector space (Rocchio): the question's vector
        # moved toward the mean vector of the shipped order's first m passages, by beta; the
        # captured candidates re-scored by it (``prf_cosines``)
        "prf": [("off (shipped)", {})]
        + [(f"rocchio m={m} beta={b}", {"prf": (m, b)}) for m in (3, 5) for b in (0.3, 0.6, 1.0)],
        "rarity-share": [("off (shipped)", {})]
        + [
            (
                f"doc idf {a}{' +coverage' if c else ''}, meaning {m}",
                {"rarity": 1, "share": a, "coverage": c, "within": m},
            )
            for a in (0.0, 0.5, 1.0)
            for c in ((False,) if a == 0 else (False, True))
            for m in (0.6, 0.4)
        ],
    }


def sentence_cosines(db, recs, qs, work: Path, docs: int = 3) -> list[dict[int, float]]:
    """Per question: rowid -> the best cosine of any sentence of the passage to the question, for
    every candidate of the first ``docs`` documents shown (the order within documents is what it
    would change). Sentence vectors as ingest would make them, here made once and kept in
    ``work`` (the cost of making them at ingest is measured separately)."""
    import pickle

    import numpy as np

    from bot.library.text import sentence_spans
    from bot.search import meaning

    model = meaning.embedder()
    cache = work / "sentence-vectors.pickle"
    vecs: dict[int, np.ndarray] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    wanted: dict[int, str] = {}
    per_q: list[list[int]] = []
    for rec in recs:
        by_row = {r[0]: r for r in rec.get("items", [])}
        first_docs: list[str] = []
        for r in rec["shown"]:
            d = by_row[r][1] if r in by_row else None
            if d is not None and d not in first_docs:
                first_docs.append(d)
        keep = [r for r, row in by_row.items() if row[1] in first_docs[:docs]]
        per_q.append(keep)
        for r in keep:
            if r not in vecs:
                wanted[r] = by_row[r][3]
    if wanted:
        rows, texts = [], []
        for r, text in wanted.items():
            for a, b in sentence_spans(text):
                rows.append(r)
                texts.append(text[a:b])
        print(f"embedding {len(texts)} sentences of {len(wanted)} passages", flush=True)
        out = model.encode(texts)
        where: dict[int, list[int]] = {}
        for k, r in enumerate(rows):
            where.setdefault(r, []).append(k)
        for r in wanted:
            vecs[r] = out[where[r]] if r in where else None
        cache.write_bytes(pickle.dumps(vecs))
    qv = model.encode([meaning.query_text(q["query"]) for q in qs])
    result = []
    for i, keep in enumerate(per_q):
        got = {}
        for r in keep:
            v = vecs.get(r)
            if v is not None and len(v):
                got[r] = float((v @ qv[i]).max())
        result.append(got)
    return result


SENTENCE: list[dict[int, float]] = []  # filled by main when the ``sentence`` family is run


def replay_within(db, rec, i: int, mix: float) -> list[int]:
    """``ql.replay`` with the within-document meaning score of each passage of the first
    documents mixed with its best sentence's cosine (share ``mix``); the documents' order as
    shipped."""
    from bot.search import passages

    best = SENTENCE[i]
    if not best or not mix:
        return ql.replay(db, rec)
    saved = passages.answerable

    def answerable(items, local, span=None):
        # the order within documents reads the cosines through ``local``: recompute it here
        cos = rec["cosines"]
        pool = {c.rowid: cos[c.rowid] for c in items if c.rowid in cos}
        mixed = {r: (1 - mix) * v + mix * best.get(r, v) for r, v in pool.items()}
        lex = ql._norm(ql._lexical(rec))
        near = ql._norm({r: mixed[r] for r in lex if r in mixed})
        new = {
            r: (1 - passages.MEANING) * v + passages.MEANING * near.get(r, 0.0)
            for r, v in lex.items()
        }
        return saved(items, new, span)

    passages.answerable = answerable
    try:
        return ql.replay(db, rec)
    finally:
        passages.answerable = saved


# -- rarity within the document (round 20) ---------------------------------------------------

RARITY: list[dict] = []  # per question, filled by main when a ``rarity`` family is run
K1, B = 1.2, 0.75  # BM25's saturation and length normalisation, as FTS5's bm25() has them


def doc_rarity(db, qs, work: Path) -> list[dict]:
    """Per question, searched live as shipped: for each candidate, how often it holds each word
    of the question (``slot`` -> (count, best strength), from ``scoring.Marker``, the marks
    search itself makes) and its length in words; for each candidate's document, its number of
    passages, their mean length and in how many of them each word of the question stands
    (``df``: the word's rarity *within* the document); the plan's stop slots and slot weights.
    Kept in ``work`` (a search per question)."""
    import os
    import pickle

    from bot.search import passages
    from bot.search.plan import _TOKEN
    from bot.search.ranking import search
    from bot.search.scoring import Marker
    from bot.search.vocabulary import vocabulary

    digest = __import__("hashlib").sha1("\n".join(q["query"] for q in qs).encode()).hexdigest()
    cache = work / f"rarity-{len(qs)}-{digest[:10]}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    os.environ["ROCU_MEANING"] = "on"
    doc_rows: dict[str, list[tuple[int, str, int]]] = {}

    def rows_of(doc: str):
        if doc not in doc_rows:
            doc_rows[doc] = [
                (r, t, len(_TOKEN.findall(t)))
                for r, t in db.execute("select id, text from passages where doc_id = ?", [doc])
            ]
        return doc_rows[doc]

    got: dict = {}
    shipped = passages.local_scores

    def local(items, plan, cosines=None):
        if cosines:
            marker = Marker(plan.alternatives, vocabulary(db))

            def held(text):
                out: dict[int, list] = {}
                for _, _, alt, value in marker.marks(text):
                    for slot in alt.slots:
                        c = out.setdefault(slot, [0, 0.0])
                        c[0] += 1
                        c[1] = max(c[1], value)
                return {k: tuple(v) for k, v in out.items()}

            tf, length, docs = {}, {}, {}
            for c in items:
                tf[c.rowid] = held(c.text)
                length[c.rowid] = len(_TOKEN.findall(c.text))
                if c.doc_id not in docs:
                    rows = rows_of(c.doc_id)
                    df: dict[int, int] = {}
                    for _, text, _ in rows:
                        for slot in held(text):
                            df[slot] = df.get(slot, 0) + 1
                    mean = sum(n for *_, n in rows) / max(len(rows), 1)
                    docs[c.doc_id] = (len(rows), mean, df)
            got.update(
                tf=tf,
                length=length,
                docs=docs,
                doc_of={c.rowid: c.doc_id for c in items},
                stop=set(plan.stop),
                weights=list(plan.weights),
                slots=plan.slots,
            )
        return shipped(items, plan, cosines)

    out = []
    passages.local_scores = local
    try:
        for n, q in enumerate(qs):
            got.clear()
            search(db, q["query"], limit=10)
            out.append(dict(got))
            print(f"\r  rarity within documents: {n + 1} of {len(qs)}", end="", flush=True)
    finally:
        passages.local_scores = shipped
    print()
    cache.write_bytes(pickle.dumps(out))
    return out


def rarity_lexical(stats: dict, parts: dict, share: float, coverage: bool) -> dict[int, float]:
    """rowid -> the passage-local lexical score (``passages.LOCAL``'s weights) with its bm25
    share, and with ``coverage`` its coverage too, blended (``share``) with the same computed
    with each word's IDF among its own document's passages instead of the library's. The
    within-document bm25 is scaled so that its best in each document equals the library bm25
    share's best there (only the order within a document is asked of it)."""
    import math

    from bot.search import passages

    w = passages.LOCAL
    best = max((p[0] for p in parts.values()), default=0.0) or 1.0
    docs, tf, length, doc_of = stats["docs"], stats["tf"], stats["length"], stats["doc_of"]
    stop = stats["stop"]
    own: dict[int, float] = {}
    own_cov: dict[int, float] = {}
    for r in parts:
        if r not in doc_of:
            continue
        n, mean, df = docs[doc_of[r]]
        idf = {
            s: math.log(1 + (n - df.get(s, 0) + 0.5) / (df.get(s, 0) + 0.5))
            for s in range(stats["slots"])
            if s not in stop
        }
        held = tf.get(r, {})
        norm = K1 * (1 - B + B * length.get(r, 0) / (mean or 1.0))
        own[r] = sum(idf[s] * c * (K1 + 1) / (c + norm) for s, (c, _) in held.items() if s in idf)
        total = sum(idf.values()) or 1.0
        own_cov[r] = sum(idf[s] * v for s, (_, v) in held.items() if s in idf) / total
    by_doc: dict[str, list[int]] = {}
    for r in own:
        by_doc.setdefault(doc_of[r], []).append(r)
    scaled: dict[int, float] = {}
    for rows in by_doc.values():
        top_own = max(own[r] for r in rows) or 1.0
        top_lib = max(parts[r][0] / best for r in rows)
        for r in rows:
            scaled[r] = own[r] / top_own * top_lib
    out = {}
    for r, p in parts.items():
        bm = p[0] / best
        cov = p[1]
        if r in scaled:
            bm = (1 - share) * bm + share * scaled[r]
            if coverage:
                cov = (1 - share) * cov + share * own_cov[r]
        out[r] = w["bm25"] * bm + w["coverage"] * cov + w["proximity"] * p[2] + w["phrase"] * p[3]
    return out


def permuted(items, shipped: dict[int, float], new: dict[int, float]) -> dict[int, float]:
    """``shipped``'s scores handed round within each document in ``new``'s order: each
    document's passages take its own scores, best first, in the order ``new`` gives them, so the
    order in which documents appear and how many of each come at each place stay search's."""
    by_doc: dict[str, list[int]] = {}
    for c in items:
        if c.rowid in shipped:
            by_doc.setdefault(c.doc_id, []).append(c.rowid)
    out = dict(shipped)
    low = float("-inf")
    for rows in by_doc.values():
        values = sorted((shipped[r] for r in rows), reverse=True)
        order = sorted(rows, key=lambda r: (-new.get(r, low), -shipped[r]))
        for r, v in zip(order, values, strict=True):
            out[r] = v
    return out


def replay_rarity(db, rec, i: int, setting: dict) -> list[int]:
    """``ql.replay`` with each document's candidates ordered by the learned score recomputed
    from ``rarity_lexical`` (and ``passages.MEANING`` at ``setting["within"]``); the documents'
    order and interleaving as shipped (``permuted``)."""
    from bot.search import excerpts, meaning, passages

    stats = RARITY[i]
    share, cov = setting.get("share", 0.0), setting.get("coverage", False)
    within = setting.get("within", passages.MEANING)
    if not stats or (not share and within == passages.MEANING):
        return ql.replay(db, rec)
    saved = passages.within_documents

    def within_documents(ranked, local, plain=False):
        cos = rec["cosines"]
        pool = {c.rowid: cos[c.rowid] for c in ranked if c.rowid in cos}
        lex = ql._norm(rarity_lexical(stats, rec["parts"], share, cov))
        near = ql._norm({r: pool[r] for r in lex if r in pool})
        new = {r: (1 - within) * v + within * near.get(r, 0.0) for r, v in lex.items()}
        new = passages.answerable(ranked, new)
        new = passages.learned(ranked, new, excerpts.asked_for(rec.get("frame", [])), meaning.asks)
        return saved(ranked, permuted(ranked, local, new), plain)

    passages.within_documents = within_documents
    try:
        return ql.replay(db, rec)
    finally:
        passages.within_documents = saved


# -- the fusion (round 21) ---------------------------------------------------------------------


def rrf_fused(rec, k: int, w: float) -> dict[int, float]:
    """rowid -> reciprocal rank fusion of a captured question's candidates: (1 - w) / (k + its
    place in the lexical half's order, as the shipped mix makes that half: search's score with
    ``meaning.PASSAGE_SHARE`` of the passage-local lexical score) + w / (k + its place by
    cosine); a passage found by meaning alone has no lexical place. Min-max normalised (the
    learned order within documents reads it on the shipped mix's 0-1 scale)."""
    from bot.search import meaning

    items = [ql.Item(*r) for r in rec["items"]]
    lexical = rec["lexical"]
    pool = {c.rowid: rec["cosines"][c.rowid] for c in items if c.rowid in rec["cosines"]}
    own = None
    if meaning.PASSAGE_SHARE:
        rows = {c.rowid for c in items[:lexical]}
        own = {r: v for r, v in ql._lexical(rec).items() if r in rows}
    halves = meaning.mix([ql.Item(*r) for r in rec["items"]], pool, 0.0, lexical, passage=own)
    lex_rows = {x.rowid for x in items[:lexical]}
    lex_rank = {c.rowid: n + 1 for n, c in enumerate(c for c in halves if c.rowid in lex_rows)}
    cos_rank = {r: n + 1 for n, r in enumerate(sorted(pool, key=lambda r: (-pool[r], r)))}
    score = {
        c.rowid: ((1 - w) / (k + lex_rank[c.rowid]) if c.rowid in lex_rank else 0.0)
        + (w / (k + cos_rank[c.rowid]) if c.rowid in cos_rank else 0.0)
        for c in items
    }
    return ql._norm(score)


PRF: dict = {}  # filled by main when the ``prf`` family is run: vectors and the shipped order


def prf_cosines(rec, i: int, m: int, beta: float) -> dict[int, float]:
    """The captured candidates' cosines to the question's vector moved toward the mean of the
    vectors of the shipped order's first ``m`` passages (Rocchio: q + beta * mean, normalised);
    each passage's cosine its best window's, as search reads it. Only the captured candidates
    are re-scored (the pool found by meaning alone is the shipped question's)."""
    import numpy as np

    matrix, qv, shown = PRF["matrix"], PRF["queries"][i], PRF["shown"][i]
    tops = [matrix.row_of[r] for r in shown[:m] if r in matrix.row_of]
    if not tops:
        return rec["cosines"]
    moved = qv + beta * matrix.vectors[tops].mean(axis=0)
    moved = moved / (np.linalg.norm(moved) or 1.0)
    sims = matrix.best(moved.astype(np.float32))
    return {r: float(sims[matrix.row_of[r]]) for r in rec["cosines"] if r in matrix.row_of}


def replay_with(db, rec, q, setting: dict, i: int = -1) -> list[int]:
    from bot.search import excerpts, meaning, passages

    if ("rrf" in setting or "prf" in setting) and "parts" not in rec:
        return ql.replay(db, rec)  # no question step captured: search's own order
    if "rrf" in setting:
        score = rrf_fused(rec, *setting["rrf"])
        return ql.replay(db, rec, fused_fn=lambda feats: score)
    if "prf" in setting:
        moved = {k: v for k, v in rec.items() if k != "_feats"}
        moved["cosines"] = prf_cosines(rec, i, *setting["prf"])
        return ql.replay(db, moved)
    if "sentence" in setting:
        return replay_within(db, rec, i, setting["sentence"])
    if "rarity" in setting:
        return replay_rarity(db, rec, i, setting)

    saved = (excerpts.asked_for, meaning.QUESTION_WEIGHT, passages.MEANING, passages.LEARNED)
    use = setting.get("types", ())
    excerpts.asked_for = lambda frame: typed(q["query"], frame, use)
    if "lacks" in setting:
        passages.LEARNED = {**passages.LEARNED, "lacks": setting["lacks"]}
    if "weight" in setting:
        meaning.QUESTION_WEIGHT = setting["weight"]
    if "shape" in setting:
        few, many, k = setting["shape"]
        words = len(q["query"].split()) - len(rec.get("frame", []))
        meaning.QUESTION_WEIGHT = many if words >= k else few
    if "within" in setting:
        passages.MEANING = setting["within"]
    try:
        return ql.replay(db, rec)
    finally:
        excerpts.asked_for, meaning.QUESTION_WEIGHT, passages.MEANING, passages.LEARNED = saved


# -- choice and report -------------------------------------------------------------------------


def score(ranks: list, idx: list[int]) -> tuple[float, float]:
    return (
        sum(_p1(ranks[i]) for i in idx),
        statistics.fmean(_rr(ranks[i]) for i in idx) if idx else 0,
    )


def choose(ranks: dict[str, list], labels: list[str], idx: list[int]) -> str:
    """The label with the best P@1 on ``idx``, then MRR@10, then the first (shipped)."""
    return max(labels, key=lambda lab: (*score(ranks[lab], idx), lab == labels[0]))


def compare(new: list, base: list, idx: list[int]) -> str:
    won = sum(new[i] == 1 and base[i] != 1 for i in idx)
    lost = sum(base[i] == 1 and new[i] != 1 for i in idx)
    cells = []
    for m in (_p1, _h3, _rr):
        d, lo, hi = mb.paired([m(new[i]) for i in idx], [m(base[i]) for i in idx])
        cells.append(f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}]")
    counts = (
        f"{sum(_p1(new[i]) for i in idx):.0f} / {sum(_h3(new[i]) for i in idx):.0f} / "
        f"{statistics.fmean(_rr(new[i]) for i in idx):.3f} against "
        f"{sum(_p1(base[i]) for i in idx):.0f} / {sum(_h3(base[i]) for i in idx):.0f} / "
        f"{statistics.fmean(_rr(base[i]) for i in idx):.3f} (+{won} -{lost})"
    )
    return f"{counts} | {' / '.join(cells)}"


def report(qs, ranks: dict[str, dict[str, list]]) -> dict:
    groups: dict[tuple[str, str], list[int]] = {}
    for i, q in enumerate(qs):
        groups.setdefault((q["set"], q["half"]), []).append(i)
    tune_of = {s: groups.get((s, "tune"), []) for s in REAL}
    verdicts = {}
    for fam, by_label in ranks.items():
        labels = list(by_label)
        base = by_label[labels[0]]
        print(f"\n### {fam}\n")
        print("| setting | tuning, four real sets: P@1 / hit@3 / MRR | checking, four real sets |")
        print("| --- | --- | --- |")
        tune = [i for s in REAL for i in tune_of[s]]
        check = [i for s in REAL for i in groups.get((s, "check"), [])]
        for lab in labels:
            r = by_label[lab]
            cells = []
            for idx in (tune, check):
                cells.append(
                    f"{sum(_p1(r[i]) for i in idx):.0f} / {sum(_h3(r[i]) for i in idx):.0f} / "
                    f"{statistics.fmean(_rr(r[i]) for i in idx):.3f}"
                )
            print(f"| {lab} | {cells[0]} | {cells[1]} |")
        print(
            "\n| held-out set (checking n) | chosen on the other three tuning halves | "
            "P@1 / hit@3 / MRR against shipped (won / lost at P@1) | "
            "P@1 / hit@3 / MRR@10 difference [paired bootstrap 95%] |"
        )
        print("| --- | --- | --- | --- |")
        wins = losses_over_one = 0
        pooled_new, pooled_idx = list(base), []
        outcome = {}
        for s in REAL:
            others = [i for o in REAL if o != s for i in tune_of[o]]
            lab = choose(by_label, labels, others)
            idx = groups.get((s, "check"), [])
            new = by_label[lab]
            if not idx:  # a set with no question of these kinds
                print(f"| {s} (0) | {lab} | none | |")
                continue
            for i in idx:
                pooled_new[i] = new[i]
            pooled_idx += idx
            d = sum(_p1(new[i]) for i in idx) - sum(_p1(base[i]) for i in idx)
            wins += d > 0
            losses_over_one += d < -1
            outcome[s] = {"chosen": lab, "p1_difference": d}
            print(f"| {s} ({len(idx)}) | {lab} | {compare(new, base, idx)} |")
        print(
            f"| all four held out ({len(pooled_idx)}) | (as above) | "
            f"{compare(pooled_new, base, pooled_idx)} |"
        )
        lab_all = choose(by_label, labels, tune)
        for s in ("questions-tables", "questions-tables-2"):
            idx = groups.get((s, "check"), []) + groups.get((s, "tune"), [])
            if idx:
                print(
                    f"| {s}, both halves ({len(idx)}; never chosen on) | {lab_all} (all four "
                    f"real tuning halves) | {compare(by_label[lab_all], base, idx)} |"
                )
        passed = wins >= 3 and not losses_over_one
        verdicts[fam] = {"held_out": outcome, "wins": wins, "passed": passed, "on_all": lab_all}
        print(
            f"\n{fam}: wins on {wins} of 4 held-out sets, loses more than one question on "
            f"{losses_over_one}: {'PASSES' if passed else 'fails'} the rule; "
            f"chosen on all four tuning halves: {lab_all}"
        )
    return verdicts


# -- the meaning share by the query's kind (round 21), live -------------------------------------


def kinds_live(db, qs, texts) -> dict[str, dict[str, list]]:
    """Keyword and typo questions (no capture: each setting searched live with the extra).
    ``words``: ``meaning.WEIGHT``, the share for words typed as a search; ``corrected``: a share
    for a query search corrected (its ``corrected`` set, as shipped), both weights, whatever its
    shape; the rest as shipped."""
    import os

    from bot.search import meaning
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    saved = (meaning.WEIGHT, meaning.QUESTION_WEIGHT)

    def run(weights_of) -> list:
        out = []
        for q in qs:
            meaning.WEIGHT, meaning.QUESTION_WEIGHT = weights_of(q)
            try:
                shown = [mb.rowid_of(db, r) for r in search(db, q["query"], limit=10).results]
            finally:
                meaning.WEIGHT, meaning.QUESTION_WEIGHT = saved
            out.append(mb.rank_of(shown, q, texts))
        return out

    corrected = {q["query"]: bool(search(db, q["query"], limit=1).corrected) for q in qs}
    print(
        f"{len(qs)} keyword and typo questions; corrected by search: "
        f"{sum(corrected.values())} (of the typo ones "
        f"{sum(corrected[q['query']] for q in qs if q['kind'] == 'typo')} of "
        f"{sum(q['kind'] == 'typo' for q in qs)})"
    )
    ranks: dict[str, dict[str, list]] = {"words": {}, "corrected": {}}
    ranks["words"]["0.6 (shipped)"] = run(lambda q: saved)
    for w in (0.4, 0.5, 0.7, 0.8):
        ranks["words"][f"{w}"] = run(lambda q, w=w: (w, saved[1]))
    ranks["corrected"]["as the shape says (shipped)"] = ranks["words"]["0.6 (shipped)"]
    for w in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        ranks["corrected"][f"{w} when corrected"] = run(
            lambda q, w=w: (w, w) if corrected[q["query"]] else saved
        )
    return ranks


def prior_live(db, qs, texts, recs=None, only=()) -> dict[str, dict[str, list]]:
    """The document prior with the extra (round 21: the plain build's ablation found it the one
    addition that costs plain questions first places): each plain question searched live with
    ``scoring.DOCUMENT_TOP`` (a document's evidence from its N best candidate passages) and with
    the prior off for questions (``scoring.QUESTION_WEIGHTS``)."""
    import os

    from bot.search import scoring
    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    settings = {
        "all candidate passages added up (shipped)": {},
        "from the best passage": {"DOCUMENT_TOP": 1},
        "from the best 2 passages": {"DOCUMENT_TOP": 2},
        "off for questions": {"QUESTION_WEIGHTS": {"document": 0.0}},
        # round 21 later: the prior gated by the library's shape (scoring.PRIOR_SHAPE), live
        "library-shape gate": {"PRIOR_SHAPE": 50.0},
        "no library-shape gate": {"PRIOR_SHAPE": None},
    }
    out: dict[str, list] = {}
    for label, setting in settings.items():
        if recs is not None and not setting:  # as shipped: the capture's replay (= live)
            out[label] = [
                mb.rank_of(ql.replay(db, r), q, texts) for r, q in zip(recs, qs, strict=True)
            ]
            continue
        if only and label not in only:
            continue
        saved = {k: getattr(scoring, k) for k in setting}
        try:
            for k, v in setting.items():
                setattr(scoring, k, v)
            out[label] = [
                mb.rank_of(
                    [mb.rowid_of(db, r) for r in search(db, q["query"], limit=10).results], q, texts
                )
                for q in qs
            ]
        finally:
            for k, v in saved.items():
                setattr(scoring, k, v)
        print(f"  {label}: P@1 {sum(_p1(r) for r in out[label]):.0f}", flush=True)
    return {"prior": out}


def excerpt_check(db, qs, texts, dump: str | None = None) -> None:
    """Live, as shipped: for each question answered first, is the answer in the excerpt, is the
    sentence marked as the answer the one holding it, and is the marked sentence whole (not cut
    by an ellipsis)? By set and half."""
    import os

    from bot.search.ranking import search

    os.environ["ROCU_MEANING"] = "on"
    rows: dict[str, list[int]] = {}
    each = []  # per question answered first, for ``--dump`` (which questions a rule moves)
    for q in qs:
        response = search(db, q["query"], limit=10)
        shown = [mb.rowid_of(db, r) for r in response.results]
        if mb.rank_of(shown, q, texts) != 1:
            continue
        r = response.results[0]
        ex = r.excerpt
        inside = mb.answered(ex.replace("\u2026", ""), q["answer"])
        marked = whole = False
        if r.answer is not None:
            s, e = r.answer
            sentence = ex[s:e]
            marked = mb.answered(sentence, q["answer"])
            whole = e <= len(ex) and "\u2026" not in sentence
        key = f"{q['set']} {q['half']}"
        each.append(
            {
                "set": q["set"],
                "half": q["half"],
                "file": q["file"],
                "query": q["query"],
                "inside": inside,
                "marked": r.answer is not None,
                "holds": marked,
                "excerpt": ex,
                "answer_span": list(r.answer) if r.answer is not None else None,
            }
        )
        got = rows.setdefault(key, [0, 0, 0, 0, 0])
        got[0] += 1
        got[1] += inside
        got[2] += r.answer is not None
        got[3] += marked
        got[4] += whole
    print(
        "\n| part | answered first | answer in the excerpt | a sentence marked | "
        "the marked sentence holds the answer | the marked sentence whole |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    total = [0] * 5
    for key in sorted(rows):
        print(f"| {key} | " + " | ".join(str(x) for x in rows[key]) + " |")
        total = [a + b for a, b in zip(total, rows[key], strict=True)]
    print("| all | " + " | ".join(str(x) for x in total) + " |")
    if dump:
        Path(dump).write_text(json.dumps(each))


def main() -> None:
    from bot.search import excerpts

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", action="append", default=[])
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--families", default="", help="comma-separated; default: all")
    parser.add_argument("--excerpts", action="store_true", help="the excerpt check, live")
    parser.add_argument(
        "--off",
        action="append",
        default=[],
        help="with --excerpts: switch a clause rule off (excerpts.CLAUSE_BREAKS name, or clauses)",
    )
    parser.add_argument(
        "--on",
        action="append",
        default=[],
        help="with --excerpts: switch on a clause rule kept off (excerpts.CLAUSE_BREAKS_OFF name)",
    )
    parser.add_argument("--dump", help="with --excerpts: each question's excerpt check (json)")
    parser.add_argument(
        "--prior", action="store_true", help="plain questions: the document prior's forms, live"
    )
    parser.add_argument(
        "--prior-only", action="append", default=[], help="with --prior: only these settings"
    )
    parser.add_argument("--prior-dump", help="with --prior: each question's ranks (json)")
    parser.add_argument(
        "--kinds", action="store_true", help="keyword and typo questions: their share, live"
    )
    args = parser.parse_args()
    refuse_blind(args.questions)
    qs = [q for q in mb.question_sets(args.questions) if q["kind"] == "plain"]
    work = Path(args.workdir)
    db = mb.real_store(work)
    texts = mb.passage_texts(db)
    if args.prior:
        recs = load_capture(work, qs)
        excerpts._shipped_asked_for = excerpts.asked_for  # type: ignore[attr-defined]
        ranks = prior_live(db, qs, texts, recs, tuple(args.prior_only))
        if args.prior_dump:
            Path(args.prior_dump).write_text(json.dumps({"questions": qs, "ranks": ranks}))
        report(qs, ranks)
        return
    if args.kinds:
        qs = [q for q in mb.question_sets(args.questions) if q["kind"] in ("keyword", "typo")]
        report(qs, kinds_live(db, qs, texts))
        return
    if args.excerpts:
        for name in args.off:
            if name == "clauses":
                excerpts.CLAUSES = False
            else:
                del excerpts.CLAUSE_BREAKS[name]
        for name in args.on:
            excerpts.CLAUSE_BREAKS[name] = excerpts.CLAUSE_BREAKS_OFF[name]
        excerpt_check(db, qs, texts, args.dump)
        return
    recs = load_capture(work, qs)
    excerpts._shipped_asked_for = excerpts.asked_for  # type: ignore[attr-defined]
    same = sum(ql.replay(db, r) == r["shown"][:10] for r in recs)
    print(f"replay reproduces the live search in {same} of {len(qs)}")
    fams = families()
    if args.families:
        fams = {k: v for k, v in fams.items() if k in args.families.split(",")}
    if "sentence" in fams:
        SENTENCE[:] = sentence_cosines(db, recs, qs, work)
    if any(f.startswith("rarity") for f in fams):
        RARITY[:] = doc_rarity(db, qs, work)
    if "prf" in fams:
        import os

        from bot.search import meaning
        from bot.search.meaning import vectors

        os.environ["ROCU_MEANING"] = "on"
        model = meaning.embedder()
        PRF["matrix"] = vectors.matrix(db, vectors.made_by(model))
        PRF["queries"] = model.encode([meaning.query_text(q["query"]) for q in qs])
        PRF["shown"] = [ql.replay(db, r) for r in recs]
    ranks: dict[str, dict[str, list]] = {}
    for fam, settings in fams.items():
        ranks[fam] = {
            lab: [
                mb.rank_of(replay_with(db, recs[i], qs[i], s, i), qs[i], texts)
                for i in range(len(qs))
            ]
            for lab, s in settings
        }
    typed_n = {
        t: sum(
            1
            for q, r in zip(qs, recs, strict=True)
            if excerpts.asked_for(r.get("frame", [])) is None
            and re.search(TYPES[t][0], q["query"], re.IGNORECASE)
        )
        for t in TYPES
    }
    print("questions each new type reads (beyond how many / when):", typed_n)
    verdicts = report(qs, ranks)
    Path(work, f"loso-ranks-{'-'.join(fams)}.json").write_text(
        json.dumps({"qs": qs, "ranks": ranks, "verdicts": verdicts})
    )


if __name__ == "__main__":
    main()
