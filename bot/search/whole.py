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
