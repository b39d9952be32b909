"""For a question searched without the meaning extra: plain BM25 as a floor (a switch).

Search orders a question's candidates with its additions (coverage, proximity, the document
prior, feedback) and then the passages within each document (``bot.search.passages``). On
plain-English questions that order fell one question a part below plain BM25 over the same
passages (bench/RESULTS.md, "The floor for questions, round 8"). With WEIGHT above 0 the
candidates' order is fused by reciprocal rank with a plain BM25 ranking of the same candidates,
before the passages are ordered within the documents, so a passage that plain BM25 puts first
cannot sink far.

That BM25 reads the question as bm25s does: every word of it but Lucene's 33 function words
(``STOP``), the words search sets aside as a question's frame ("how", "long", "should") too, each
by its rarity in this library. Stems are the passage index's (porter; Snowball's ranked the
same). It is computed here over the candidates' texts (nothing more is read): a word's document
frequency is its stem's forms' passage counts added up (the vocabulary's), and a passage's
length is its number of distinct words, against the library's average of the same.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import Counter

from bot.search.plan import _TOKEN, _key
from bot.search.scoring import _plain
from bot.search.vocabulary import Vocabulary

# The BM25 order's weight in the fusion, against search's own order's 1 (0: off), and the
# reciprocal rank constant: score 1 / (K + rank) + WEIGHT / (K + BM25 rank). Off as shipped
# (bench/RESULTS.md, "The floor for questions, round 8"): on the tuning parts of the real questions
# K 5 and WEIGHT 1 gained one question and changed nothing else, but leave-one-collection-out on
# the four collections chose it in no fold, and it lowered CISI and Cranfield (-0.007, -0.005
# nDCG@10); WEIGHT 2 lost one checking question, one of the team's questions and Cranfield 0.011.
WEIGHT = 0.0
K = 5
K1, B = 1.5, 0.75
# Lucene's English stop words (bm25s's "en"): the only words of a question its BM25 leaves out.
STOP = frozenset(
    "a an and are as at be but by for if in into is it no not of on or such that the their then "
    "there these they this to was will with".split()
)


def words(text: str) -> list[str]:
    """The words of ``text`` that its BM25 counts (folded; two letters or more, not STOP)."""
    return [w for w in (_key(t) for t in _TOKEN.findall(text)) if len(w) > 1 and w not in STOP]


def scores(items: list, query: str, vocab: Vocabulary) -> dict[int, float]:
    """rowid -> the plain BM25 of each item (with ``rowid`` and ``text``) for ``query``; only
    items that hold some word of it."""
    n = vocab.passages or 1
    terms = []  # (forms, idf) per word of the query, repeats counted as BM25 counts them
    for word in words(query):
        forms = vocab.forms(word)
        df = min(n, sum(vocab.count(f) for f in forms))
        if df:
            terms.append((forms, math.log(1 + (n - df + 0.5) / (df + 0.5))))
    if not terms:
        return {}
    average = _average_length(vocab)
    out = {}
    for c in items:
        counts = _counts(c.text)
        norm = K1 * (1 - B + B * len(counts) / average)
        total = 0.0
        for forms, idf in terms:
            tf = sum(counts[f] for f in forms if f in counts)
            if tf:
                total += idf * tf * (K1 + 1) / (tf + norm)
        if total > 0:
            out[c.rowid] = total
    return out


def _counts(text: str) -> Counter:
    """How often ``text`` holds each word that its BM25 counts (``words``, counted at C speed: a
    text whose letters and digits are all ASCII is lower-cased whole, as ``_key`` lower-cases
    each of its words)."""
    plain = _plain(text)
    counts = Counter(_TOKEN.findall(text.lower()) if plain else map(_key, _TOKEN.findall(text)))
    for word in [w for w in counts if len(w) < 2] + list(STOP & counts.keys()):
        del counts[word]
    return counts


def fused(items: list, bm25: dict[int, float]) -> list:
    """``items`` (best first) fused by reciprocal rank with the order of ``bm25`` over them; an
    item without a BM25 score keeps only its own rank's share. Ties keep ``items``' order."""
    if not WEIGHT or not bm25:
        return items
    held = sorted((c for c in items if c.rowid in bm25), key=lambda c: -bm25[c.rowid])
    plain = {c.rowid: i for i, c in enumerate(held)}
    value = {
        c.rowid: 1 / (K + i) + (WEIGHT / (K + plain[c.rowid]) if c.rowid in plain else 0.0)
        for i, c in enumerate(items)
    }
    return sorted(items, key=lambda c: -value[c.rowid])


def floored(items: list, query: str, vocab: Vocabulary) -> list:
    """``items`` with plain BM25 as a floor (``fused`` with ``scores``); as they are when off."""
    if not WEIGHT or not items:
        return items
    return fused(items, scores(items, query, vocab))


_AVERAGE: tuple = (lambda: None, 1.0)
_AVERAGE_LOCK = threading.Lock()


def _average_length(vocab: Vocabulary) -> float:
    """The library's average number of distinct counted words per passage (from the
    vocabulary's passage counts; computed once per vocabulary)."""
    global _AVERAGE
    with _AVERAGE_LOCK:
        ref, value = _AVERAGE
        if ref() is vocab:
            return value
        held = sum(c for w, c in vocab.counts.items() if len(w) > 1 and w not in STOP)
        value = max(1.0, held / (vocab.passages or 1))
        _AVERAGE = (weakref.ref(vocab), value)
        return value
