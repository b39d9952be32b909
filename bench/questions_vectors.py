"""Other vectors of the real documents' passages, and document evidence from meaning, for
``bench/questions_fusion.py`` (issue 21, "Questions, round 7"): each set of vectors is made once
and kept in the work folder.

- ``context``: "document title. section heading. passage" (the heading: the last heading alone
  before the passage in its document), each part of the prefix cut to a few words;
- ``window``: the passage with the last 40 words of the one before it;
- ``long``: passages longer than the model's 128 tokens read to 256.

Not a test: the documents are not part of the project.
"""

from __future__ import annotations

import re
from pathlib import Path


def doc_evidence(matrix, doc_of: dict, q, how: str) -> dict:
    """doc id -> its evidence from meaning for query vector ``q`` over the whole library."""
    import numpy as np

    sims = matrix.vectors @ q
    by_doc: dict = {}
    for rowid, s in zip(matrix.ids, sims, strict=True):
        by_doc.setdefault(doc_of[int(rowid)], []).append(float(s))
    out = {}
    for d, values in by_doc.items():
        values.sort(reverse=True)
        if how.startswith("top"):
            k = int(how[3:])
            out[d] = sum(values[:k]) / min(k, len(values))
        elif how == "mean":
            out[d] = float(np.mean(values))
    if how == "centroid":
        for d, rows in doc_rows(matrix, doc_of).items():
            c = matrix.vectors[rows].mean(axis=0)
            out[d] = float(c @ q / (np.linalg.norm(c) or 1.0))
    return out


_ROWS: dict = {}


def doc_rows(matrix, doc_of: dict) -> dict:
    if id(matrix) not in _ROWS:
        rows: dict = {}
        for i, rowid in enumerate(matrix.ids):
            rows.setdefault(doc_of[int(rowid)], []).append(i)
        _ROWS[id(matrix)] = rows
    return _ROWS[id(matrix)]


TITLE_WORDS, HEADING_WORDS = 12, 10  # the context prefix: at most this many words of each
_LEADERS = re.compile(r"(?:\.\s?){5,}|…{2,}")


def _short(text: str | None, words: int) -> str:
    return " ".join((text or "").split()[:words]).strip(" .:;,-")


def context_texts(db) -> dict:
    """rowid -> "document title. section heading. passage": the heading is the last heading
    alone before it in its document (``bot.search.passages.cannot_answer``, contents lines
    not), each part cut to a few words and left out when the passage's opening holds it."""
    from bot.search.passages import cannot_answer

    titles = dict(db.execute("select id, title from documents").fetchall())
    out, heading, doc = {}, "", None
    for rowid, doc_id, text in db.execute(
        "select id, doc_id, text from passages order by doc_id, ordinal"
    ):
        if doc_id != doc:
            heading, doc = "", doc_id
        parts = [_short(titles.get(doc_id), TITLE_WORDS), _short(heading, HEADING_WORDS)]
        opening = text.casefold()[:200]
        prefix = ". ".join(p for p in parts if p and p.casefold() not in opening)
        out[rowid] = f"{prefix}. {text}" if prefix else text
        if cannot_answer(text) and not _LEADERS.search(text):
            heading = text
    return out


def window_texts(db, words: int = 40) -> dict:
    """rowid -> the last ``words`` words of the passage before it (same document) + itself."""
    out, prev, doc = {}, "", None
    for rowid, doc_id, text in db.execute(
        "select id, doc_id, text from passages order by doc_id, ordinal"
    ):
        if doc_id != doc:
            prev, doc = "", doc_id
        tail = " ".join(prev.split()[-words:])
        out[rowid] = f"{tail} {text}" if tail else text
        prev = text
    return out


def context_matrix(db, work: Path, model, name: str = "context"):
    """Vectors of "title. heading. passage" for every passage (kept in ``work``); ``name``
    "window": of the passage with the end of the one before it."""
    import numpy as np

    from bot.search.meaning.vectors import Matrix

    path = work / f"{name}.npz"
    if path.exists():
        kept = np.load(path)
        return Matrix(kept["ids"], kept["vectors"].astype(np.float32))
    texts = context_texts(db) if name == "context" else window_texts(db)
    ids = np.array(sorted(texts), dtype=np.int64)
    vecs = []
    for i in range(0, len(ids), 64):
        vecs.append(model.encode([texts[int(r)] for r in ids[i : i + 64]]).astype(np.float16))
        print(f"\r  context vectors {i + 64} of {len(ids)}", end="", flush=True)
    print()
    vectors = np.concatenate(vecs)
    np.savez(path, ids=ids, vectors=vectors)
    return Matrix(ids, vectors.astype(np.float32))


def long_matrix(db, work: Path, model, matrix, tokens: int = 256):
    """The store's vectors with passages longer than the model's 128 tokens embedded again at
    ``tokens`` (kept in ``work``)."""
    import numpy as np

    from bot.search.meaning import model as model_module
    from bot.search.meaning.vectors import Matrix

    path = work / f"long{tokens}.npz"
    vectors = matrix.vectors.copy()
    if path.exists():
        kept = np.load(path)
        ids, vecs = kept["ids"], kept["vectors"]
    else:
        texts = dict(db.execute("select id, text from passages").fetchall())
        rowids = [int(r) for r in matrix.ids]
        n = [len(t) for t in model.tokens([texts[r] for r in rowids])]
        ids = np.array(
            [r for r, k in zip(rowids, n, strict=True) if k >= model_module.MAX_TOKENS],
            dtype=np.int64,
        )
        model.tokenizer.enable_truncation(tokens)
        try:
            vecs = model.encode([texts[int(r)] for r in ids])
        finally:
            model.tokenizer.enable_truncation(model_module.MAX_TOKENS)
        np.savez(path, ids=ids, vectors=vecs)
        print(f"  {len(ids)} passages embedded again at {tokens} tokens")
    at = matrix.row_of
    for r, v in zip(ids, vecs, strict=True):
        vectors[at[int(r)]] = v
    return Matrix(matrix.ids, vectors)
