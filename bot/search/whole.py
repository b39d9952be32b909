"""Whole-document evidence for the re-scoring: how well a candidate's document as a whole holds
the query, as BM25 scores a document (bench/ir.py's baseline, bm25s, scores whole documents).

A document whose query words are spread over its passages (one word here, another there) is
what a reader asking for those words wants; scored passage by passage, each of its passages
holds only some of them, and ranks below a passage of another document that holds a few of them
together (bench/RESULTS.md, "Collections, round 5": CISI's short requests). The store indexes
passages only, so a document's BM25 is built from them: a word's count in a document is its
count in the passages that hold it (found by FTS5, marked as the re-scoring marks them), a
document's length its passages' characters, and a word's rarity the plan's (over passages).
Only the candidates' documents are scored, and only over the query's rarer units
(``WHOLE_MAX_HELD``): a word in a fifth of the library says little of a document, and listing
every passage that holds it costs most."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable

from bot.search import plan as planning
from bot.search.plan import Plan

K1 = 1.2  # saturation of a word's count in a document (as FTS5's bm25)
B = 0.75  # how much a document's length discounts the count
WHOLE_MAX_HELD = 20_000  # units in more passages than this are left out (see the docstring)
WHOLE_MAX_READ = 2_000  # passages read to count the words, at most (rarest units' first)
# A word weighs by the rarity of its stem here (every form of it the document holds counts, as in
# BM25 over a stemmed index), not of the spelling typed: a rare plural of a common word weighed as
# the rarest word of the query and a whole document holding the common singular rose on it
# (round 8, long documents). False: the plan's weights, as before.
STEM_WEIGHTS = True


def document_scores(
    db, plan: Plan, marks: Callable[[str], list], doc_ids: set[str]
) -> dict[str, float]:
    """doc_id -> BM25 of the query over the whole document, for ``doc_ids`` (absent: none of
    the query's words). A word's count in a document is its count in the passages that hold it
    (found by FTS5, read and marked by ``marks``, the re-scoring's ``Marker.marks``), its weight
    the plan's, and a document's length its passages' characters against the library's
    average."""
    if not doc_ids:
        return {}
    places = ",".join("?" * len(doc_ids))
    rows = db.execute(
        f'select id, doc_id, "end" - start from passages where doc_id in ({places})',
        list(doc_ids),
    )
    doc_of: dict[int, str] = {}
    length: Counter = Counter()
    for rowid, doc, chars in rows:
        doc_of[rowid] = doc
        length[doc] += chars or 0
    if not doc_of:
        return {}
    units = [
        expr
        for expr, _ in plan.content_units
        if plan.held.get(expr, 0) <= WHOLE_MAX_HELD and plan.rarity.get(expr, 0.0) > 0
    ]
    units.sort(key=lambda e: -plan.rarity.get(e, 0.0))
    holding: dict[int, None] = {}  # the candidates' documents' passages holding a unit, in order
    for expr in units:
        for (rowid,) in db.execute(
            "select rowid from passages_fts where passages_fts match ?", [expr]
        ):
            if rowid in doc_of:
                holding[rowid] = None
        if len(holding) >= WHOLE_MAX_READ:
            break
    if not holding:
        return {}
    counts: dict[str, Counter] = {}  # doc -> slot -> count
    read = ",".join(str(int(r)) for r in list(holding)[:WHOLE_MAX_READ])
    for rowid, text in db.execute(f"select id, text from passages where id in ({read})"):
        held = counts.setdefault(doc_of[rowid], Counter())
        for _, _, alt, _ in marks(text):
            for slot in alt.slots:
                held[slot] += 1
    average = _average_chars(db)
    weights = plan.weights
    if STEM_WEIGHTS and not planning.STEM_RARITY and len(plan.other_weights) == len(weights):
        weights = plan.other_weights  # the stems' rarities (the plan's other rarity)
    score: dict[str, float] = {}
    for doc, held in counts.items():
        norm = K1 * (1 - B + B * length[doc] / average)
        score[doc] = sum(
            weights[slot] * n * (K1 + 1) / (n + norm)
            for slot, n in held.items()
            if slot < len(weights)
        )
    return score


_AVERAGE: dict[tuple, float] = {}  # (store file, passages, documents) -> characters a document


def _average_chars(db) -> float:
    """A document's characters in the library, on average (its passages' added up); kept per
    store while its counts of passages and documents stay the same."""
    passages, documents = db.execute(
        "select (select max(id) from passages), (select count(*) from documents)"
    ).fetchone()
    files = [row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"]
    key = (files[0] if files else id(db), passages, documents)
    if key not in _AVERAGE:
        total = db.execute('select sum("end" - start) from passages').fetchone()[0] or 0
        if len(_AVERAGE) > 64:
            _AVERAGE.clear()
        _AVERAGE[key] = max(1.0, total / documents) if documents else 1.0
    return _AVERAGE[key]


# -- the rest of the document (round 10) ----------------------------------------------------------
# What a candidate's document holds of the query beyond the candidate, as BM25 scores it, built
# from the same counts as ``document_scores``. A document of one passage has none: its evidence is
# 0 by construction and no work is done for it. (Abstracts are not all one passage: a title on a
# line of its own is a passage, so most documents of the four test collections are two or more.)
# REST_FORM:
# - "beyond" (the best measured; WEIGHTS["rest"] is 0 as shipped): the document's BM25 less its
#   best passage's (each passage scored alone by the same formula), as a share of the best
#   candidate document's BM25; the same for every passage of the document, so a document rises
#   as a whole and its passages keep their order (max-passage moved towards whole-document);
# - "beyondcov": the share of the query's weight that the document holds and its best passage
#   lacks;
# - "bm25" / "coverage": the same per passage (the document's BM25 less the candidate's own, the
#   query's weight the candidate lacks). These re-order a document's passages (the one that holds
#   the query gains least), which cost the team's questions most (bench/RESULTS.md,
#   "Whole-document evidence, round 10").
REST_FORM = "beyond"
REST_MAX_READ = 2_000  # passages read to count the words, at most (the candidates' first)
REST_RANGES = 16  # up to this many runs of passages, one FTS5 query each (more: one a unit)


def rest_scores(
    db,
    plan: Plan,
    marks: Callable[[str], list],
    found: dict[int, float],
    doc_of: dict[int, str],
    forms: tuple[str, ...] | None = None,
) -> dict:
    """rowid -> the evidence of the rest of its document (REST_FORM), for the candidates
    ``found`` (rowid -> bm25) of documents of more than one passage; absent: none. "bm25" and
    "beyond": a share of the best of those documents' whole BM25; "coverage" and "beyondcov": a
    share of the query's weight. ``marks``: the re-scoring's ``Marker.marks``. ``forms``: each
    of these forms' (form -> rowid -> evidence), from one reading (bench/ir_loco.py)."""
    empty: dict = {} if forms is None else {form: {} for form in forms}
    docs = set(doc_of.values())
    if not docs:
        return empty
    places = ",".join("?" * len(docs))
    spans: dict[str, tuple[int, int, int, int]] = {}  # doc -> (first id, last id, passages, chars)
    for doc, first, last, count, chars in db.execute(
        f'select doc_id, min(id), max(id), count(*), sum("end" - start) from passages '
        f"where doc_id in ({places}) group by doc_id",
        list(docs),
    ):
        if count > 1:
            spans[doc] = (first, last, count, chars or 0)
    if not spans:
        return empty
    candidates = sorted((r for r in found if doc_of.get(r) in spans), key=lambda r: (-found[r], r))
    units = [
        expr
        for expr, _ in plan.content_units
        if plan.held.get(expr, 0) <= WHOLE_MAX_HELD and plan.rarity.get(expr, 0.0) > 0
    ]
    units.sort(key=lambda e: -plan.rarity.get(e, 0.0))
    reading: dict[int, None] = dict.fromkeys(candidates[:REST_MAX_READ])
    ranges = _merged(sorted((first, last) for first, last, _, _ in spans.values()))
    starts = [lo for lo, _ in ranges]
    for expr in units:
        if len(reading) >= REST_MAX_READ:
            break
        if len(ranges) <= REST_RANGES:  # a few documents: FTS5 seeks to each one's passages
            for lo, hi in ranges:
                for (rowid,) in db.execute(
                    "select rowid from passages_fts where passages_fts match ? "
                    "and rowid between ? and ?",
                    [expr, lo, hi],
                ):
                    reading[rowid] = None
            continue
        for (rowid,) in db.execute(  # many: the unit's passages once, kept if in one of them
            "select rowid from passages_fts where passages_fts match ?", [expr]
        ):
            at = bisect_right(starts, rowid) - 1
            if at >= 0 and rowid <= ranges[at][1]:
                reading[rowid] = None
    ids = ",".join(str(int(r)) for r in list(reading)[:REST_MAX_READ])
    held_in: dict[int, Counter] = {}
    read_doc: dict[int, str] = {}
    doc_counts: dict[str, Counter] = {}
    length: dict[int, int] = {}
    for rowid, doc, chars, text in db.execute(
        f'select id, doc_id, "end" - start, text from passages where id in ({ids})'
    ):
        if doc not in spans:
            continue
        held = Counter(slot for _, _, alt, _ in marks(text) for slot in alt.slots)
        held_in[rowid] = held
        read_doc[rowid] = doc
        length[rowid] = chars or 0
        doc_counts.setdefault(doc, Counter()).update(held)
    weights = plan.weights
    if STEM_WEIGHTS and not planning.STEM_RARITY and len(plan.other_weights) == len(weights):
        weights = plan.other_weights
    average = _average_chars(db)
    total = sum(weights) or 1.0
    doc_score = {d: _bm25(c, spans[d][3], weights, average) for d, c in doc_counts.items()}
    best = max(doc_score.values(), default=0.0) or 1.0
    own_score = {r: _bm25(c, length.get(r, 0), weights, average) for r, c in held_in.items()}

    def values(form: str) -> dict[int, float]:
        beyond: dict[str, float] = {}  # doc -> what it holds beyond its best passage
        if form in ("beyond", "beyondcov"):
            for rowid, held in held_in.items():
                doc = read_doc[rowid]
                if form == "beyond":
                    value = doc_score.get(doc, 0.0) - own_score[rowid]
                else:
                    value = _coverage(doc_counts.get(doc, Counter()), held, weights, total)
                beyond[doc] = min(beyond.get(doc, value), value)
        out: dict[int, float] = {}
        for rowid in candidates:
            doc = doc_of[rowid]
            if form in ("beyond", "beyondcov"):  # the same for every passage of the document
                value = beyond.get(doc, 0.0) / (best if form == "beyond" else 1.0)
            elif form == "coverage":
                own = held_in.get(rowid, Counter())
                value = _coverage(doc_counts.get(doc, Counter()), own, weights, total)
            else:  # a share of the best whole document's
                value = (doc_score.get(doc, 0.0) - own_score.get(rowid, 0.0)) / best
            if value > 0:
                out[rowid] = value
        return out

    if forms is None:
        return values(REST_FORM)
    return {form: values(form) for form in forms}


def _coverage(whole: Counter, own: Counter, weights: list[float], total: float) -> float:
    """The share of the query's weight that ``whole`` holds and ``own`` does not."""
    return sum(weights[s] for s in whole if s < len(weights) and not own.get(s)) / total


def _bm25(held: Counter, chars: int, weights: list[float], average: float) -> float:
    norm = K1 * (1 - B + B * chars / average)
    return sum(
        weights[slot] * n * (K1 + 1) / (n + norm) for slot, n in held.items() if slot < len(weights)
    )


def _merged(ranges: list[tuple[int, int]], gap: int = 1) -> list[tuple[int, int]]:
    """Sorted id ranges joined where they overlap or touch (one document's passages follow the
    one before's): fewer FTS5 queries."""
    out: list[list[int]] = []
    for lo, hi in ranges:
        if out and lo <= out[-1][1] + gap:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]
