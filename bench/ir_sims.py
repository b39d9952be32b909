"""Simulated kinds of collection, made from the four of bench/ir.py, to check that rocu's ranking
generalises to kinds of library it was never tuned on (checking only: nothing is tuned on them).

- ``long-med``, ``long-cran``, ``long-cisi``: long articles. Each document is GROUP consecutive
  documents of MEDLINE (or Cranfield, or CISI) run together, one paragraph each (a few hundred
  documents of several passages, as a news archive); a long document is relevant to a query
  when any of its parts is.
  Report them with the queries typed in capitals (``--variants upper,upper+typos``).
- verbose requests in capitals in a library of short abstracts past the big-library size:
  ``bench/ir.py cisi cran --union --variants verbose,verbose+typos`` (5,848 passages).
- ``short-cran``: very many very short documents. Cranfield's documents cut to their title and
  first sentence, judged as Cranfield's, among one-sentence distractors (each sentence of
  CISI's and MEDLINE's documents a document of its own) up to SHORT_DOCS documents, with
  Cranfield's short lower-case queries.
- ``cran-sentences``: one field's very short documents past the big-library size, where the
  field's own words are common (the engineering abstracts' kind, which short-cran's distractors
  from other fields do not make): each sentence of a Cranfield document a document, relevant when
  its document is.

- ``upper-cisi``, ``upper-cran``, ``upper-med``, ``upper-adi``: every document written in
  capitals (title and text), the queries in capitals too, as the classic news collection is
  distributed. Each document stays one line a paragraph, as given.
- ``bare-cisi``, ``bare-cran``, ``bare-med``, ``bare-adi``: every document in lower case with
  every character but letters and spaces taken out (each other character a space: no
  punctuation, no digits, title and text on one line), the queries likewise: the engineering
  abstracts' kind.
- Of the long simulations too: ``upper-long-med``, ``upper-long-cisi`` (the news kind: long
  articles in capitals, queries in capitals). The same forms hard-wrapped as distributed are
  ``lines-upper-*`` and ``lines-bare-*`` (below).
- The union of two of them past the big-library size: ``upper-cisi+upper-cran`` (bench/ir.py
  joins names with ``+`` into one store).

    nice python bench/ir.py long-med long-cran --variants upper,upper+typos
    nice python bench/ir.py short-cran cran-sentences
    nice python bench/ir.py upper-cisi bare-cisi upper-cisi+upper-cran
"""

from __future__ import annotations

import random
import re

GROUP = {"long-med": 3, "long-cran": 3, "long-cisi": 3}  # documents run together into one long one
SHORT_DOCS = 11_000  # documents in short-cran, distractors included
SENTENCES_PER_DOC = 8  # cran-sentences: at most this many sentences of a document (about 10,000)
# documents (and queries) in capitals; in lower case with letters only (one line each)
SURFACES = ("upper", "bare")
SIMULATIONS = (
    "long-med",
    "long-cran",
    "long-cisi",
    "short-cran",
    "cran-sentences",
    *(f"{kind}-{base}" for kind in SURFACES for base in ("cisi", "cran", "med", "adi")),
    *(f"{kind}-long-{base}" for kind in SURFACES for base in ("cisi", "cran", "med")),
)

_SENTENCE = re.compile(r"(?<=[A-Za-z0-9)])\s?[.?!]\s+(?=[A-Za-z(])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(" ".join(text.split())) if len(s.strip()) > 20]


def surface(kind: str, text: str) -> str:
    """``text`` in the surface form ``kind``: "upper", in capitals, lines kept; "bare", lower
    case, every character but a letter a space, one line."""
    if kind == "upper":
        return text.upper()
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def make(name: str, load, Collection):
    """The simulated collection ``name``; ``load(name)`` reads one of the four (bench/ir.py's
    ``Collection`` is passed in: ir.py may be running as ``__main__``)."""
    kind, _, base_name = name.partition("-")
    if kind in SURFACES:
        base = load(base_name)
        docs = {did: surface(kind, text) for did, text in base.docs.items()}
        queries = [(q, surface(kind, t)) for q, t in base.queries]
        return Collection(name, docs, queries, base.qrels)
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
    if name == "cran-sentences":
        # One domain, very short documents, past the big-library size: each sentence of a
        # Cranfield document a document of its own (the title joined to the first), relevant
        # when its document is. Unlike short-cran's distractors (other fields' sentences, where
        # the topic's words stay rare), the field's own words are common here, as in a library
        # of one field's abstracts.
        base = load("cran")
        docs, part_of = {}, {}
        for did, text in base.docs.items():
            title, _, body = text.partition("\n\n")
            title = " ".join(title.split()).rstrip(" .")
            parts = [p for p in sentences(body) if p.rstrip(" .") != title] or [body.strip()]
            parts[0] = title + ". " + parts[0]
            for n, part in enumerate(parts[:SENTENCES_PER_DOC]):
                key = f"{did}s{n + 1}"
                docs[key] = part
                part_of.setdefault(did, set()).add(key)
        qrels = {
            q: {key for d in rel for key in part_of.get(d, ())} for q, rel in base.qrels.items()
        }
        queries = [(q, t) for q, t in base.queries if qrels.get(q)]
        return Collection(name, docs, queries, qrels)
    if name in AS_DISTRIBUTED:
        return as_distributed(name, load, Collection)
    raise SystemExit(f"no simulation {name!r} (one of {', '.join(SIMULATIONS)})")


# -- documents as distributed: hard-wrapped lines (issue 21, round 7) ---------------------------
# ``lines-cisi`` (and cran, med, adi): each document written as the SMART file holds it, its
# title's lines, a blank line, then its text's lines (wrapped at 60-80 characters, as plain text
# archives and test collections distribute it), not joined onto one line as the four are.
# ``lines-upper-cisi``: the same lines in capitals, the queries too (the news collection's kind).
# ``lines-bare-cisi``: the same lines in lower case with every character but a letter a space,
# each line kept (no punctuation at all, the engineering abstracts' kind), the queries likewise.
# bm25s reads the same words; only the line breaks differ from the shipped form.
#
#     nice python bench/ir.py lines-cisi lines-upper-cisi lines-bare-cran --against ../main
LINE_FORMS = ("lines", "lines-upper", "lines-bare")
AS_DISTRIBUTED = tuple(
    f"{form}-{base}" for form in LINE_FORMS for base in ("cisi", "cran", "med", "adi")
)
SIMULATIONS = SIMULATIONS + AS_DISTRIBUTED


def line_form(form: str, text: str) -> str:
    """``text`` in ``form`` ("lines", "lines-upper", "lines-bare"), line by line."""
    if form == "lines-upper":
        return text.upper()
    if form == "lines-bare":
        return "\n".join(
            " ".join(re.sub(r"[^a-z]+", " ", line.lower()).split()) for line in text.split("\n")
        )
    return text


def as_distributed(name: str, load, Collection):
    form, _, base_name = name.rpartition("-")
    base = load(base_name, lines=True)
    docs = {did: line_form(form, text) for did, text in base.docs.items()}
    queries = [(q, " ".join(line_form(form, t).split())) for q, t in base.queries]
    return Collection(name, docs, queries, base.qrels)
