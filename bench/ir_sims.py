"""Simulated kinds of collection, made from the four of bench/ir.py, to check that rocu's ranking
generalises to kinds of library it was never tuned on (checking only: nothing is tuned on them).

- ``long-med``, ``long-cran``: long articles. Each document is GROUP consecutive documents of
  MEDLINE (or Cranfield) run together, one paragraph each (a few hundred documents of several
  passages, as a news archive); a long document is relevant to a query when any of its parts is.
  Report them with the queries typed in capitals (``--variants upper,upper+typos``).
- verbose requests in capitals in a library of short abstracts past the big-library size:
  ``bench/ir.py cisi cran --union --variants verbose,verbose+typos`` (5,848 passages).
- ``short-cran``: very many very short documents. Cranfield's documents cut to their title and
  first sentence, judged as Cranfield's, among one-sentence distractors (each sentence of
  CISI's and MEDLINE's documents a document of its own) up to SHORT_DOCS documents, with
  Cranfield's short lower-case queries.

    nice python bench/ir.py long-med long-cran --variants upper,upper+typos
    nice python bench/ir.py short-cran
"""

from __future__ import annotations

import random
import re

GROUP = {"long-med": 3, "long-cran": 3}  # documents run together into one long one
SHORT_DOCS = 11_000  # documents in short-cran, distractors included
SIMULATIONS = ("long-med", "long-cran", "short-cran")

_SENTENCE = re.compile(r"(?<=[A-Za-z0-9)])\s?[.?!]\s+(?=[A-Za-z(])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.strip()) > 20]


def make(name: str, load, Collection):
    """The simulated collection ``name``; ``load(name)`` reads one of the four (bench/ir.py's
    ``Collection`` is passed in: ir.py may be running as ``__main__``)."""
    if name in GROUP:
        base = load(name.split("-", 1)[1])
        ids = list(base.docs)
        size = GROUP[name]
        docs, part_of = {}, {}
        for start in range(0, len(ids), size):
            group = ids[start : start + size]
            key = f"g{start // size + 1}"
            docs[key] = "\n\n".join(base.docs[d] for d in group)
            part_of.update({d: key for d in group})
        qrels = {q: {part_of[d] for d in rel if d in part_of} for q, rel in base.qrels.items()}
        queries = [(q, t) for q, t in base.queries if qrels.get(q)]
        return Collection(name, docs, queries, qrels)
    if name == "short-cran":
        base = load("cran")
        docs = {}
        for did, text in base.docs.items():
            title, _, body = text.partition("\n\n")
            title = " ".join(title.split()).rstrip(" .")
            first = [s for s in sentences(body) if s.rstrip(" .") != title][:1]
            docs[did] = ". ".join([title, *first]) + "."
        rng = random.Random(5)
        pool = [
            sentence
            for other in ("cisi", "med")
            for text in load(other).docs.values()
            for sentence in sentences(text)
        ]
        rng.shuffle(pool)
        for i, sentence in enumerate(pool[: max(0, SHORT_DOCS - len(docs))]):
            docs[f"x{i + 1}"] = sentence
        return Collection(name, docs, base.queries, base.qrels)
    raise SystemExit(f"no simulation {name!r} (one of {', '.join(SIMULATIONS)})")
