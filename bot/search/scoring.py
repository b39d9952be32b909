"""Step 4 of search: the candidates re-scored from where each passage holds the query.

A candidate's score is its bm25 share and its document's (its ``prior``), plus how much of the
query it holds (rare words weigh more; exact spelling above a stem, an expansion or a
correction), how close together, whether it holds the whole query word for word, and how much
it shares the words of the best few (feedback). Candidates are read in batches, best prior
first, until no later one can change the results shown."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.search import plan as planning
from bot.search.diversity import _settled
from bot.search.plan import (
    _TOKEN,
    LONG_QUERY,
    Alternative,
    Plan,
    _key,
    stop_words,
)
from bot.search.vocabulary import Vocabulary
from bot.search.whole import document_scores as whole_scores
from bot.search.whole import rest_scores

MAX_PATTERN_WORDS = 200  # word forms that the marker finds with one regex (more: word by word)
BATCH = 20  # candidates read and re-scored at a time, best bm25 first, until the top is settled
STRENGTH = {"exact": 1.0, "expanded": 0.8, "corrected": 0.7}  # how a term was matched
STEM = 0.85  # a stem variant ("units" for "unit") counts a little less than the word itself
# ...and (STEM_MATCH) weighs as rare as its stem's forms, not as the spelling typed: "optimising"
# is in no passage, but "optimal" and "optimization" (its stem's forms) are common, and a
# passage holding only them must not outweigh one holding the other words (bench/RESULTS.md,
# "Collections, round 4"). Off as shipped: on, it moved the test collections by +0.000 to +0.003,
# but two of the team's question tests lost their answer ("when was the NCA launched": the
# passage saying "launch" fell below one without it), so it waits for a measure of the team's
# questions. True: a stem variant weighs at most its stem's rarity.
STEM_MATCH = False
# bm25 (over the non-stop words, any of them) leads; how much of the query a passage holds, how
# close together, and how well its document as a whole matches adjust it. Tuned on four public
# test collections (bench/ir.py) and the team's own eval set, never on one document.
WEIGHTS = {
    "coverage": 0.2,
    "proximity": 0.3,
    "bm25": 1.0,
    "document": 0.3,
    "phrase": 0.5,
    "feedback": 0.4,
    # the document's BM25 over the whole document (bot.search.whole). 0, as shipped: it lifted
    # CISI's short requests, but lost ADI when leave-one-collection-out chose it, cost
    # Cranfield's verbose requests and the team's questions, and made queries at 242k passages
    # eight times slower (bench/RESULTS.md, "Collections, round 6"). At 0 it costs nothing.
    "whole": 0.0,
    # what the candidate's document holds beyond its best passage (bot.search.whole.rest_scores,
    # REST_FORM): 0 for a document of one passage by construction. 0, as shipped: at 0.3 it
    # lifted every long-article simulation a little, but leave-one-collection-out chose it in one
    # fold of four, it cost plain-English questions (the team's and rocu eval's), and it made
    # queries at 100k passages several times slower (bench/RESULTS.md, "Whole-document
    # evidence, round 10"). At 0 it costs nothing.
    "rest": 0.0,
}
# A question in plain English ("what did the inquiry find about ...?", ``Plan.question``) may be
# re-scored with other weights: QUESTION_WEIGHTS replace WEIGHTS' for questions. Empty, as
# shipped: switching the document prior and feedback off for questions helped the tuning half of
# eval/questions-real.jsonl a little (bench/questions_loco.py), but leave-one-collection-out on
# CISI, Cranfield and ADI chose both on in every fold, and with them off CISI and Cranfield fell
# below bm25s (bench/RESULTS.md "Search, round 3"): one witness for, three against.
QUESTION_WEIGHTS: dict[str, float] = {}
# A floor by design (bounded deviation): what the additions (coverage, proximity, phrase, the
# document prior, feedback) add together, at most, to a candidate's bm25 evidence (its bm25
# share, and its document's whole-document BM25 share at WEIGHTS["whole"]). A candidate then
# ranks above another of more bm25 evidence only when they differ by less than MARGIN, so on a
# library it was never tuned on the order cannot stray far from plain BM25's. math.inf: no
# bound, as shipped: chosen in no leave-one-collection-out fold, and it cost every simulation
# (bench/RESULTS.md, "Collections, round 6").
MARGIN = math.inf


# The document prior gated by the library's shape, not the query's (issue 21, bench/RESULTS.md
# "Questions, round 21, later"): WEIGHTS["document"] applies only where documents are short, at
# most PRIOR_SHAPE passages a document on average (the store's passages over its documents). On
# one-passage abstracts (the four IR collections: 1.4-2.2 passages a document) the prior is a
# second helping of bm25 that CISI and Cranfield need, and the seed library (15.6) keeps one of
# the team's questions first with it; in a library of long reports (the real documents: 178 a
# document) a long document's many passages, each holding a word or two of a question, add up
# and lift it above a shorter document's answering passage, which cost the plain build five
# first places of 215 against bm25s. 50: about the geometric middle of 15.6 and 178, chosen
# leave-one-collection-out (every measured figure is the same anywhere from 16 to 177). None:
# no gate (the prior everywhere, the ranking before round 21).
PRIOR_SHAPE: float | None = 50.0


def weights_for(plan: Plan, passages_a_document: float = 1.0) -> dict[str, float]:
    """The weights that re-score ``plan``'s candidates: WEIGHTS, or for a question
    QUESTION_WEIGHTS in their place; without the document prior in a library of long documents
    (``passages_a_document`` above PRIOR_SHAPE)."""
    weights = WEIGHTS
    if getattr(plan, "question", False) and QUESTION_WEIGHTS:
        weights = {**WEIGHTS, **QUESTION_WEIGHTS}
    if PRIOR_SHAPE is not None and passages_a_document > PRIOR_SHAPE and weights["document"]:
        weights = {**weights, "document": 0.0}
    return weights


_SHAPE: dict[tuple, float] = {}  # (store file, last passage id, documents) -> passages a document


def passages_a_document(db, vocab: Vocabulary) -> float:
    """The library's passages per document, on average (``vocab.passages`` over its
    documents); kept per store while its last passage and its count of documents stay the
    same. 1.0 for an empty library."""
    last, documents = db.execute(
        "select (select max(id) from passages), (select count(*) from documents)"
    ).fetchone()
    files = [row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"]
    key = (files[0] if files else id(db), last, documents, vocab.passages)
    if key not in _SHAPE:
        if len(_SHAPE) > 64:
            _SHAPE.clear()
        _SHAPE[key] = max(1.0, vocab.passages / documents) if documents else 1.0
    return _SHAPE[key]


# Feedback from the best passages (pseudo-relevance feedback, re-ranking the candidates only): the
# words that carry the FEEDBACK_PASSAGES best passages (by rarity and share of the passage) are
# what the query is about in this library's own words; a candidate holding more of the
# FEEDBACK_TERMS best of them gains up to WEIGHTS["feedback"]. No extra FTS5 query and no more
# passages read: it re-orders the candidates already read. bench/ir.py's four collections gain
# more with a higher weight (leave-one-collection-out picks 0.75-1.75); 0.4 is the most the team's
# questions (eval/) bear: in a library of a few documents, feedback pulls the top towards the
# commonest topic.
FEEDBACK_PASSAGES = 3
FEEDBACK_TERMS = 40
FEEDBACK_K = 1.2  # saturation of a feedback word's count in a candidate (as BM25's k1)
FEEDBACK_POOL = 40  # only the candidates of the best priors (bm25, document) get feedback: the


@dataclass
class _Scored:
    """A re-scored candidate; it becomes a SearchResult (with an excerpt) only if it is shown."""

    score: float
    rowid: int
    row: dict
    text: str
    assigned: list
    sentence: tuple[int, int] | None = None  # the answering sentence, when meaning chose it
    bm25: float = 0.0  # its own bm25 (``bot.search.candidates.find``; 0: found by meaning alone)
    beside: list = field(default_factory=list)  # marks in its contexts (``beside``): coverage only

    @property
    def doc_id(self) -> str:
        return self.row["doc_id"]


def _rescored(db, plan: Plan, vocab: Vocabulary, found: dict[int, float], wanted: int, diverse):
    """The candidates re-scored, best first. A candidate's bm25 share and its document's (the
    bm25 of all its candidate passages) are known before its text is read: they are its
    ``prior``; coverage and proximity can add at most ``_ceiling``. Candidates are read and
    marked in batches, highest prior first, and once the first ``wanted`` results (after
    diversity) all score above what the next candidate could reach, no later one can change
    them, and the rest are neither read nor marked."""
    shape = passages_a_document(db, vocab) if PRIOR_SHAPE is not None else 1.0
    weights = weights_for(plan, shape)
    best_bm25 = max(found.values()) or 1.0
    doc_of = _doc_ids(db, list(found))
    per_doc = _per_document(found, doc_of)
    best_doc = max(per_doc.values()) or 1.0
    whole = _whole(db, plan, vocab, set(doc_of.values()), weights)
    rest = _rest(db, plan, vocab, found, doc_of, weights)
    prior = {
        rowid: weights["bm25"] * value / best_bm25
        + weights["document"] * per_doc[doc_of[rowid]] / best_doc
        + whole.get(doc_of[rowid], 0.0)
        + rest.get(rowid, 0.0)
        for rowid, value in found.items()
    }
    # the bm25 evidence, passage and document: what MARGIN bounds the rest against (only
    # computed when a margin is set: it is off as shipped)
    base = (
        {
            rowid: weights["bm25"] * value / best_bm25 + whole.get(doc_of[rowid], 0.0)
            for rowid, value in found.items()
        }
        if MARGIN != math.inf
        else {}
    )
    order = sorted(found, key=lambda rowid: (-prior[rowid], rowid))
    marker = Marker(plan.alternatives, vocab)
    ceiling = _ceiling(plan, vocab, weights)
    scored: list[_Scored] = []
    # Feedback: until the best FEEDBACK_PASSAGES are settled, candidates score without it; then
    # the words that carry those are looked for in the pooled candidates read so far and in each
    # one after. It adds at most its weight: what is not read yet is bounded by that much more.
    gain = weights["feedback"]
    pool = frozenset(order[:FEEDBACK_POOL]) if gain else frozenset()
    held: Callable[[str], float] | None = None if gain else (lambda text: 0.0)
    for start in range(0, len(order), BATCH):
        bound = ceiling + prior[order[start]]
        if held is None and scored and _settled(scored, FEEDBACK_PASSAGES, False, bound):
            held = _feedback_scorer(scored, vocab, gain, pool, base)
        if held is not None:
            lift = gain if order[start] in pool else 0.0
            if scored and _settled(scored, wanted, diverse, bound + lift):
                break
        batch = order[start : start + BATCH]
        for rowid, row in _rows(db, batch).items():
            assigned = marker.marks(row["text"])
            marks_beside = beside(marker, row)
            score = _score(plan, assigned, weights, marks_beside) + prior[rowid]
            if held is not None and rowid in pool:
                score += gain * held(row["text"])
            scored.append(
                _Scored(
                    _bounded(score, base.get(rowid)),
                    rowid,
                    row,
                    row["text"],
                    assigned,
                    beside=marks_beside,
                )
            )
        scored.sort(key=lambda c: (-c.score, c.rowid))
    if held is None and scored:  # every candidate was read before the best few were settled
        _feedback_scorer(scored, vocab, gain, pool, base)
    return scored


# How a document's bm25 evidence (its share in a candidate's ``prior``, WEIGHTS["document"]) is
# made from its candidate passages' bm25: 0, as shipped, all of them added up; N, only its N best
# (a long document's many passages holding a word or two of the query would not outweigh a short
# document's strong one). Off: on the real questions' tuning parts N 1 or 2 lifted two answers
# (4th -> 3rd, 8th -> 3rd), but it cost one of the team's questions in `rocu eval` (a long report
# that is the right document lost to a short one) and leave-one-collection-out chose it in one
# fold of four, where it lost (bench/RESULTS.md "Plain questions against bm25s, round 10").
DOCUMENT_TOP = 0


def _per_document(found: dict[int, float], doc_of: dict[int, str]) -> Counter:
    """doc_id -> its candidate passages' bm25 added up (its DOCUMENT_TOP best, when set)."""
    per_doc: Counter = Counter()
    if not DOCUMENT_TOP:
        for rowid, value in found.items():
            per_doc[doc_of[rowid]] += value
        return per_doc
    values: dict[str, list[float]] = {}
    for rowid, value in found.items():
        values.setdefault(doc_of[rowid], []).append(value)
    for doc, held in values.items():
        per_doc[doc] = sum(sorted(held, reverse=True)[:DOCUMENT_TOP])
    return per_doc


def _whole(db, plan: Plan, vocab: Vocabulary, docs: set[str], weights: dict) -> dict[str, float]:
    """doc_id -> WEIGHTS["whole"] times its document's BM25 over the whole document
    (``bot.search.whole``) as a share of the best; nothing when the weight is 0."""
    if not weights.get("whole"):
        return {}
    scores = whole_scores(db, plan, Marker(plan.alternatives, vocab).marks, docs)
    best = max(scores.values(), default=0.0) or 1.0
    return {doc: weights["whole"] * value / best for doc, value in scores.items()}


def _rest(db, plan: Plan, vocab: Vocabulary, found: dict, doc_of: dict, weights: dict) -> dict:
    """rowid -> WEIGHTS["rest"] times the evidence of the rest of its document
    (``bot.search.whole.rest_scores``); nothing when the weight is 0."""
    if not weights.get("rest"):
        return {}
    scores = rest_scores(db, plan, Marker(plan.alternatives, vocab).marks, found, doc_of)
    return {rowid: weights["rest"] * value for rowid, value in scores.items()}


def _bounded(score: float, bm25: float | None) -> float:
    """``score`` with what the additions add to the candidate's ``bm25`` evidence bounded by
    MARGIN (none by default)."""
    return score if MARGIN == math.inf else bm25 + min(score - bm25, MARGIN)


def _feedback_scorer(
    scored: list[_Scored], vocab: Vocabulary, gain: float, pool: frozenset, base: dict
):
    """Adds the feedback of the best FEEDBACK_PASSAGES of ``scored`` (best first) to those of
    them in ``pool``, re-sorts them, and returns the feedback scorer for candidates read later.
    ``base``: each candidate's bm25 share (the bound of MARGIN holds with feedback too)."""
    held = _feedback(_feedback_words(scored[:FEEDBACK_PASSAGES], vocab))
    for c in scored:
        if c.rowid in pool:
            lift = gain * held(c.text)
            if MARGIN != math.inf:  # the lift counts against the bound as well
                lift = max(0.0, min(lift, base[c.rowid] + MARGIN - c.score))
            c.score += lift
    scored.sort(key=lambda c: (-c.score, c.rowid))
    return held


def _feedback_words(best: list[_Scored], vocab: Vocabulary) -> dict[str, float]:
    """word -> weight of the FEEDBACK_TERMS words that most carry the ``best`` passages: each
    word's share of a passage's words times its rarity (IDF), added up over the passages. Stop
    words, numbers and words under three letters are left out."""
    stop = stop_words()
    weight: Counter = Counter()
    for c in best:
        tokens = _TOKEN.findall(c.text.lower())
        if not tokens:
            continue
        for word, count in Counter(tokens).items():
            if len(word) < 3 or word in stop or word.isdigit():
                continue
            weight[word] += count / len(tokens) * vocab.idf(word)
    return dict(weight.most_common(FEEDBACK_TERMS))


def _feedback(words: dict[str, float]) -> Callable[[str], float]:
    """How much of the feedback ``words`` a text holds, 0 to 1: each word's weight, saturated by
    how often it occurs (as BM25's term frequency), over the weight of them all. One regex finds
    them all at C speed: a candidate's other words are never counted one by one."""
    if not words:
        return lambda text: 0.0
    total = sum(words.values())
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(r"\b(?:" + alternatives + r")\b")  # cheaper to compile than lookarounds

    def held(text: str) -> float:
        counts = Counter(pattern.findall(text.lower()))
        return sum(words[t] * n / (n + FEEDBACK_K) for t, n in counts.items()) / total

    return held


def _ceiling(plan: Plan, vocab: Vocabulary, weights: dict | None = None) -> float:
    """The most coverage and proximity can add to any candidate's score: each term at the
    strength of its best alternative that the library holds at all (a typo that no passage
    holds can only match through its correction)."""
    best = [0.0] * plan.slots
    for alt in plan.alternatives:
        if all(_held(vocab, token) for token in alt.tokens):
            for slot in alt.slots:
                best[slot] = max(best[slot], STRENGTH[alt.kind])
    coverage = sum(w * s for w, s in zip(plan.weights, best, strict=True))
    coverage /= sum(plan.weights) or 1.0
    units = plan.proximity_units()
    matchable = len({plan.unit(slot) for slot, value in enumerate(best) if value} & units)
    terms = len(units)
    if terms == 1:
        proximity = 1.0
    elif _long(plan):
        proximity = 0.0
    else:
        proximity = matchable / terms if matchable >= 2 else 0.0
    phrase = 0.0 if _long(plan) or plan.slots < 2 else 1.0
    w = weights or WEIGHTS
    return w["coverage"] * coverage + w["proximity"] * proximity + w["phrase"] * phrase


def _held(vocab: Vocabulary, token: str) -> bool:
    """Can a passage hold ``token`` the way ``Marker`` matches it (some form of it is in the
    vocabulary)? Non-ASCII tokens are assumed so: folding may differ from the tokenizer's."""
    return not token.isascii() or any(vocab.count(form) for form in vocab.forms(token))


def _doc_ids(db, rowids: list[int]) -> dict[int, str]:
    marks = ",".join(str(int(r)) for r in rowids)
    return dict(db.conn.execute(f"select id, doc_id from passages where id in ({marks})"))


def _rows(db, rowids: list[int]) -> dict[int, dict]:
    marks = ",".join(str(int(r)) for r in rowids)
    sql = (
        "select p.id, p.doc_id, p.ordinal, p.speaker, p.text, p.context, p.context_title, "
        "d.file, d.title, d.date, d.type "
        f"from passages p join documents d on d.id = p.doc_id where p.id in ({marks})"
    )
    cursor = db.conn.execute(sql)  # plain cursor: sqlite-utils' query() costs more per row
    columns = [c[0] for c in cursor.description]
    return {row[0]: dict(zip(columns, row, strict=True)) for row in cursor}


class Marker:
    """Finds where a passage holds each alternative, the way FTS5 matched it: a passage word
    counts when it has the alternative word's stem (``Vocabulary.forms``); all words of a phrase
    in a row. Doing this in Python over the few candidates is much cheaper than asking FTS5's
    ``highlight()`` to re-run the whole query once per candidate."""

    def __init__(self, alternatives: list[Alternative], vocab: Vocabulary):
        self.alternatives = alternatives
        self.forms = [[vocab.forms(t) for t in alt.tokens] for alt in alternatives]
        self.first: dict[str, list[int]] = {}
        for i, forms in enumerate(self.forms):
            for form in forms[0]:
                self.first.setdefault(form, []).append(i)

        # Matched against the lower-cased text (same length and positions for plain text); a
        # match inside a longer word is dropped afterwards, which is cheaper than a look-behind.
        # A long query's many words make a pattern slower to compile than the candidates take
        # to read word by word: then every word is looked up instead.
        words = sorted(self.first, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?:" + "|".join(map(re.escape, words)) + r")(?![a-z0-9])")
            if len(words) <= MAX_PATTERN_WORDS
            else None
        )

    def marks(self, text: str) -> list[tuple[int, int, Alternative, float]]:
        """(start, end, alternative, strength) for every match in ``text``."""
        if not self.first:
            return []
        if self.pattern is not None and _plain(text):  # a regex finds the first words at C speed
            starts = _plain_starts(self.pattern, text.lower())
        else:
            starts = ((_key(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text))
        out = []
        for key, start, end in starts:
            for a in self.first.get(key, ()):
                alt, forms = self.alternatives[a], self.forms[a]
                exact = key == alt.tokens[0]
                if len(forms) > 1:
                    rest = _next_tokens(text, end, len(forms) - 1)
                    if len(rest) < len(forms) - 1:
                        continue
                    if not all(k in forms[j + 1] for j, (k, _) in enumerate(rest)):
                        continue
                    exact = exact and all(
                        k == t for (k, _), t in zip(rest, alt.tokens[1:], strict=True)
                    )
                    end_at = rest[-1][1]
                else:
                    end_at = end
                strength = STRENGTH[alt.kind] * (1.0 if exact else STEM)
                out.append((start, end_at, alt, strength))
        return out


def _plain_starts(pattern: re.Pattern, lowered: str):
    """(key, start, end) of each match of ``pattern`` that begins a word of ``lowered``."""
    for m in pattern.finditer(lowered):
        start = m.start()
        if start and lowered[start - 1] in _ALNUM:
            continue
        yield m.group(), start, m.end()


_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _next_tokens(text: str, pos: int, n: int) -> list[tuple[str, int]]:
    """The next ``n`` words after ``pos``: (key, end) each."""
    out = []
    for m in _TOKEN.finditer(text, pos):
        out.append((_key(m.group()), m.end()))
        if len(out) == n:
            break
    return out


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plain(text: str) -> bool:
    """No letters or digits outside ASCII (curly quotes and dashes are fine)."""
    return text.isascii() or not any(ch.isalnum() for ch in _NON_ASCII.findall(text))


# True: a passage's context (``bot.library.context``: a table's column names, its document's
# title) counts in how much of the query it holds (coverage), as it counts in its bm25: the
# query's words found there are marked (``beside``), never shown, and add nothing to proximity or
# the phrase. False, as shipped: coverage reads the passage's text alone. On, it tied every
# tuning part (one row 23rd -> 21st, past the first ten) and lifted three rows on the checking
# parts, none lower (bench/RESULTS.md "Passage context, round 9"): no win where it is chosen.
CONTEXT_COVERAGE = False


def beside(marker: Marker, row: dict) -> list:
    """Where ``row``'s contexts hold the query (``marker``'s marks in them), for coverage."""
    if not CONTEXT_COVERAGE:
        return []
    text = "\n".join(c for c in (row.get("context_title"), row.get("context")) if c)
    return marker.marks(text) if text else []


def _score(plan: Plan, assigned: list, weights: dict | None = None, beside_: list = ()) -> float:
    coverage, proximity, phrase = _parts(plan, assigned, beside_)
    w = weights or WEIGHTS
    return w["coverage"] * coverage + w["proximity"] * proximity + w["phrase"] * phrase


def _parts(plan: Plan, assigned: list, beside_: list = ()) -> tuple[float, float, float]:
    """(coverage, proximity, phrase) of a passage, each 0 to 1: how much of the query it holds
    (each word by its weight, times how well it matched; in its text or its contexts, the marks
    ``beside_``), how close together, and whether it holds the whole query word for word (both in
    its text)."""
    held = [0.0] * plan.slots  # per slot: its weight times how well it matched, at best
    stem = plan.other_weights if STEM_MATCH and not planning.STEM_RARITY else plan.weights
    for _, _, alt, value in [*assigned, *beside_]:
        if alt is not None:
            exact = value >= STRENGTH[alt.kind]
            for slot in alt.slots:
                weight = plan.weights[slot]
                if not exact and slot < len(stem):  # another form: its stem's rarity at most
                    weight = min(weight, stem[slot])
                held[slot] = max(held[slot], weight * value)
    total_weight = sum(plan.weights) or 1.0
    coverage = sum(held) / total_weight
    return coverage, _proximity(plan, assigned), _exact_phrase(plan, assigned)


def _exact_phrase(plan: Plan, assigned: list) -> float:
    """1 when the passage holds the whole query, stop words too, word after word (what was
    quoted from memory: "in the round"); else 0."""
    if _long(plan) or plan.slots < 2:
        return 0.0
    starts: list[dict[int, int]] = [{} for _ in range(plan.slots)]  # per slot: start -> end
    for start, end, alt, _ in assigned:
        if alt is not None and len(alt.slots) == 1:
            starts[alt.slots[0]][start] = end
    if not all(starts):
        return 0.0
    ends = set(starts[0].values())
    for slot in range(1, plan.slots):
        ends = {
            end
            for start, end in starts[slot].items()
            if any(0 < start - previous <= _GAP for previous in ends)
        }
        if not ends:
            return 0.0
    return 1.0


_GAP = 3  # characters between two words of a phrase ("crime, and" still reads as one)


def _long(plan: Plan) -> bool:
    """Pasted text (its key terms, ``bot.search.pasted``) or a query over LONG_QUERY terms: its
    words are spread over every passage, so neither proximity nor the whole query word for word
    is scored."""
    return plan.pasted or plan.slots > LONG_QUERY


def _proximity(plan: Plan, assigned: list) -> float:
    """1 when the matched units of the query sit side by side, falling with the distance they
    are spread over; 0 when fewer than two matched (in a query of several). Stop words do not
    count, and a run of words known as one thing ("regional organised crime units") is one unit:
    its words are side by side whenever it is there, which says nothing of the rest."""
    if plan.pasted:  # (as every passage would score alike: saves the work per candidate)
        return 0.0
    units = plan.proximity_units()
    terms = len(units)
    if terms == 1:
        return 1.0
    if plan.slots > LONG_QUERY:
        return 0.0
    spans = []
    for s, e, alt, _ in assigned:
        if alt is not None:
            held = frozenset(plan.unit(slot) for slot in alt.slots) & units
            if held:
                spans.append((s, e, held))
    spans.sort(key=lambda span: (span[0], span[1]))
    wanted = {unit for _, _, held in spans for unit in held}
    if len(wanted) < 2:
        return 0.0
    shortest: dict[frozenset, int] = {}
    for s, e, held in spans:
        shortest[held] = min(shortest.get(held, e - s), e - s)
    # The narrowest window holding every matched unit (two pointers over the sorted spans).
    counts, covered, left, best_width = Counter(), 0, 0, None
    for _, end, held in spans:
        for unit in held:
            covered += counts[unit] == 0
            counts[unit] += 1
        while covered == len(wanted):
            width = end - spans[left][0]
            best_width = width if best_width is None else min(best_width, width)
            for unit in spans[left][2]:
                counts[unit] -= 1
                covered -= counts[unit] == 0
            left += 1
    ideal = sum(shortest.values()) + len(shortest) - 1
    closeness = min(1.0, ideal / best_width) if best_width else 0.0
    return closeness * len(wanted) / terms
