"""The question step of search, recorded for the offline replays of the question benches
(``questions_within``, ``questions_fusion``, ``questions_learned``; issue 21).

``recording`` swaps ``bot.search.passages.local_scores`` and ``bot.search.meaning.fuse`` for
wrappers that keep what the step sees, then calls the real ones, so the search itself is
unchanged: the candidates in search's order (lexical, then those found by meaning alone) with
their scores, their cosines to the question, how many were lexical, whether the words were read
as a question, and each candidate's local parts (bm25, coverage, proximity, phrase, as search
computes them). ``Item`` is a candidate rebuilt from that record for a replay.

Not a test: the benches run over the real documents, which are not part of the project.
"""

from __future__ import annotations

from contextlib import contextmanager


class Item:
    """A candidate as the question step sees it (``row``: what the hand-off reads)."""

    __slots__ = ("rowid", "doc_id", "score", "text", "row")

    def __init__(self, rowid, doc_id, score, text, ordinal):
        self.rowid, self.doc_id, self.score, self.text = rowid, doc_id, score, text
        self.row = {"doc_id": doc_id, "ordinal": ordinal}


@contextmanager
def recording(db, *, no_cosines=None, parts_without_meaning=True, fts=False):
    """Yield a dict filled by each search made inside the block (clear it between searches):
    ``parts``, ``items``, ``cosines`` (``no_cosines`` when meaning found none), ``lexical``,
    ``question``; ``fts`` adds every candidate's FTS5 bm25 for the question's words.
    ``parts_without_meaning=False`` keeps the parts only when the local score had cosines."""
    from bot.search import meaning, passages
    from bot.search.scoring import _parts

    rec: dict = {}
    local_scores, fuse = passages.local_scores, meaning.fuse

    def local(items, plan, cosines=None):
        if cosines or parts_without_meaning:
            rec["parts"] = {
                c.rowid: (
                    getattr(c, "bm25", 0.0),
                    *_parts(plan, c.assigned, getattr(c, "beside", ())),
                )
                for c in items
            }
            if fts:
                rec["fts"] = _fts(db, plan, items)
        return local_scores(items, plan, cosines)

    def fused(db, query, ranked, make, allowed, weight=None, question=False, order=None, **more):
        rec["question"], rec["lexical"] = question, len(ranked)
        found = meaning.candidates(db, query, ranked, make, allowed)
        items, cosines = found if found else (list(ranked), no_cosines)
        rec["items"] = [(c.rowid, c.doc_id, c.score, c.text, c.row["ordinal"]) for c in items]
        rec["cosines"] = cosines
        return fuse(db, query, ranked, make, allowed, weight, question, order, **more)

    passages.local_scores, meaning.fuse = local, fused
    try:
        yield rec
    finally:
        passages.local_scores, meaning.fuse = local_scores, fuse


def _fts(db, plan, items) -> dict[int, float]:
    expr = " OR ".join(e for e, _ in plan.content_units)
    ids = ",".join(str(c.rowid) for c in items)
    if not (expr and ids):
        return {}
    return dict(
        db.execute(
            f"select rowid, -bm25(passages_fts) from passages_fts where passages_fts "
            f"match ? and rowid in ({ids})",
            [expr],
        ).fetchall()
    )
