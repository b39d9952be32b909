"""What the question benches share (``questions_ablate``, ``questions_general``,
``questions_learned``, ``questions_loso``, ``questions_plain``): the blind sets they refuse, the
per-question scores of a rank, and the IR collections' loop (each collection's store built once,
each variant's queries, bm25s's nDCG@10 beside).

One place, so the benches cannot drift apart (round 22: the duplicate check named these lines
repeated in four files). Not a test; imported by the benches, which put ``bench/`` on the path.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# The coordinator's blind question sets: a bench asked to read one stops.
BLIND = ("questions-real-3", "questions-real-4", "questions-real-7", "questions-real-8")


def refuse_blind(names: list[str]) -> None:
    """Stop when any of ``names`` (question files) is one of the blind sets."""
    if any(blind in name for name in names for blind in BLIND):
        sys.exit("the blind sets are the coordinator's")


# -- a question's scores, from the rank of its answer (None: not in the first ten) --------------


def p1(rank) -> float:
    """Precision at 1: the answer ranked first."""
    return 1.0 if rank == 1 else 0.0


def h3(rank) -> float:
    """Hit at 3: the answer in the first three."""
    return 1.0 if rank and rank <= 3 else 0.0


def rr(rank) -> float:
    """Reciprocal rank (MRR@10's term): 0 when not found."""
    return 1.0 / rank if rank else 0.0


# -- the IR collections ---------------------------------------------------------------------------


@dataclass
class IrVariant:
    """One collection's queries in one variant ("as written", "typos"), over its store."""

    name: str  # the collection
    variant: str
    queries: list  # (query id, text)
    rel: list  # each query's relevance judgements
    base: list[float]  # bm25s's nDCG@10 per query
    asked: int  # queries search reads as questions
    db: object
    file_to_id: dict

    def run(self) -> list:
        """The plain build's runs for the queries, searched live now."""
        import ir

        return ir.run_rocu(self.db, self.file_to_id, self.queries, timing=False)

    def ndcg(self, runs: list) -> list[float]:
        """nDCG@10 per query of ``runs``."""
        import ir

        return [ir.metrics(r, q)["ndcg10"] for (r, _), q in zip(runs, self.rel, strict=True)]


def ir_variants(names: list[str], work: Path) -> Iterator[IrVariant]:
    """Each of the IR collections ``names``, its store built in ``work`` (kept), as written and
    with typos, with bm25s's nDCG@10 and the queries read as questions; the plain build (the
    meaning extra off). Each store is closed once its variants are done."""
    import ir

    from bot.search.query import parse_query

    os.environ["ROCU_MEANING"] = "off"
    for name in names:
        coll = ir.load(name, ir.DEFAULT_ROOT)
        db, file_to_id = ir.build_store(coll, work, keep=True)
        bm25 = ir.Bm25s(coll)
        for variant, queries in ir.variants(coll, ["as written", "typos"]).items():
            rel = [coll.qrels[qid] for qid, _ in queries]
            base = [
                ir.metrics(r, q)["ndcg10"] for (r, _), q in zip(bm25.run(queries), rel, strict=True)
            ]
            asked = sum(bool(parse_query(text).question) for _, text in queries)
            yield IrVariant(name, variant, queries, rel, base, asked, db, file_to_id)
        db.close()


def changed(runs: list, others: list) -> int:
    """Queries whose first ten documents differ between two runs."""
    return sum(a[0][:10] != b[0][:10] for a, b in zip(runs, others, strict=True))
