"""Pasted text: the words of a long query that find and rank it.

A paste of a paragraph or two (2,000 characters: some 300 words, 100-180 distinct) is searched
by its KEY_TERMS weightiest terms, as a verbose query is reduced to its key words: each term
weighs its rarity (the inverse passage frequency of its rarest word, as the plan weighs it) times
how often the paste says it (at most ``MAX_REPEATS``), as bm25 and the re-scoring count it.
The rest (stop words, words in a large share of the passages, words no passage holds in any
form) add little to a passage's score and much to the cost of every step after: the plan's
look-ups per word, the candidates' FTS5 match, the marking and scoring of each candidate.
bench/search.py measured the time and recall@5 of 2,000-character pastes at 1M passages and
bench/ir.py the long requests of CISI with and without this (bench/RESULTS.md, "Reading and
speed, round 3").
"""

from __future__ import annotations

import math

from bot.library.text import fold
from bot.search.plan import MAX_REPEATS, PASTED, _stem_idf, stop_words
from bot.search.query import ParsedQuery, Term
from bot.search.vocabulary import Vocabulary

KEY_TERMS = 48  # the terms of a pasted text kept to search it by (0: all of them; CISI: 32 lost
# 0.008 nDCG@10, 48 and 64 none, bench/RESULTS.md)


def reduce_paste(parsed: ParsedQuery, vocab: Vocabulary) -> bool:
    """Keep, of a query of more than PASTED terms, its KEY_TERMS weightiest, in their order;
    True when it was such a paste (``parsed.pasted`` is set: it stays pasted text to the plan
    however few terms are kept)."""
    if len(parsed.terms) <= PASTED:
        return False
    parsed.pasted = True
    if KEY_TERMS <= 0 or len(parsed.terms) <= KEY_TERMS:
        return True
    weight = {id(term): _weight(term, vocab) for term in parsed.terms}
    kept = set(sorted(weight, key=lambda t: -weight[t])[:KEY_TERMS])
    parsed.terms = [term for term in parsed.terms if id(term) in kept]
    return True


def _weight(term: Term, vocab: Vocabulary) -> float:
    """What a term adds to the score of a passage holding it: its rarest word's rarity, times
    how often the paste says it. A stop word weighs nothing; a word no passage holds in any
    form (stems too) finds nothing and weighs least."""
    stop = stop_words()
    rarity = -1.0
    for word in term.words:
        if not term.phrase and len(term.words) == 1 and fold(word) in stop:
            return 0.0
        held = vocab.count(word)
        if held:
            rarity = max(rarity, math.log(1 + (vocab.passages + 1) / (held + 0.5)))  # its idf
        elif any(vocab.count(form) for form in vocab.forms(word)):
            rarity = max(rarity, _stem_idf(vocab, word))
    return rarity * min(term.repeats, MAX_REPEATS) if rarity > 0 else rarity
