"""Search the library: what a person typed in, ranked excerpts with their sources out.

The pipeline, each step small so that others can slot in:

1. ``bot.search.query`` parses the text (words, "phrases", -exclusions, filters). User text
   never reaches FTS5 as syntax: every word or phrase goes in as a quoted string.
2. Each term gets alternatives: its spelling corrections from the unstemmed vocabulary
   (``bot.search.vocabulary``), and what the query expanders (``bot.search.expanders``: the
   glossary's, ROCU <-> regional organised crime unit) say it is equivalent to, for single terms
   and for runs of words.
3. FTS5 finds candidates with bm25: all terms (each as an OR of its alternatives), falling back
   to any term when too few passages hold them all. Very common words are left to step 4 on big
   libraries, so "the" never makes a query scan most of the index.
4. Candidates are re-scored from what FTS5 ``highlight()`` marks in them: how much of the query
   they hold (rare words weigh more; exact spelling above a stem, an expansion or a correction),
   how close together, then bm25. At most two passages of a document in the top five.
5. ``bot.search.excerpts`` cuts the excerpt around the best cluster of marked words.
"""

from __future__ import annotations

import functools
import logging
import math
import re
import sqlite3
import threading
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from bot.library import documents as library
from bot.library.documents import passage_id
from bot.library.text import fold
from bot.search import expanders
from bot.search.excerpts import make_excerpt
from bot.search.query import Filters, ParsedQuery, parse_query
from bot.search.vocabulary import Readings, Vocabulary, vocabulary

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 4000  # Slack's limit for a message: the whole of anything a person can send
CANDIDATES = 60  # passages re-scored per query (twice as many when common words are left out)
# A query of more words than PASTED is pasted text, not typed: its words are not spell-corrected
# nor offered to the expanders as runs (the costly steps per word). Over LONG_QUERY words,
# proximity is not scored either (a long text's words are spread over every passage), and its
# rarest MATCH_TERMS words find the candidates; every word still scores.
PASTED = 64
LONG_QUERY = 160
MATCH_TERMS = 128
MATCH_TERMS_BIG = 24  # ...and in libraries of COMMON_FROM passages or more, where each costs more
ALL_TERMS_UP_TO = 24  # passages holding every word are looked for in queries up to this long
MAX_PATTERN_WORDS = 200  # word forms that the marker finds with one regex (more: word by word)
MAX_REPEATS = 5  # a word typed more often than this weighs no more (bm25 counts each time)
MAX_RUN = 6  # longest run of words offered to the expanders ("national crime agency" -> NCA)
BATCH = 20  # candidates read and re-scored at a time, best bm25 first, until the top is settled
TOP = 5  # diversity applies to this many results
PER_DOCUMENT = 2  # ...of which at most this many from one document (unless doc: is given)
STRENGTH = {"exact": 1.0, "expanded": 0.8, "corrected": 0.7}  # how a term was matched
STEM = 0.85  # a stem variant ("units" for "unit") counts a little less than the word itself
COMMON_SHARE = 0.05  # a word in more than this share of passages is "common"...
MAX_RANKED = 20_000  # a phrase of common words in more passages than this is not bm25-ranked
RARE_SHARE = 0.01  # ...and when looking for passages with any of the words, this is common
COMMON_FROM = 5_000  # in libraries of at least this many passages
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
}
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
# ones below never reached the top ten on the four collections, and each costs a scan of its text

# An expander gets a query word or phrase as typed ("ROCU", "rocus", "national crime agency") and
# returns equivalent phrases that search should also accept in its place (``bot.search.expanders``:
# the composition root hands over the glossary's).
Expander = expanders.Expander
QUERY_EXPANDERS: list[Expander] = []  # what search asks: the root's expanders, then any added
_ROOT_LIST = QUERY_EXPANDERS  # a list put in its place (a test's) is used as it is
_EXPANDERS_FROM = -1  # the generation of expanders already put in QUERY_EXPANDERS
_EXPANDERS_LOCK = threading.Lock()


def query_expanders() -> list[Expander]:
    global _EXPANDERS_FROM
    if _EXPANDERS_FROM != expanders.generation() and QUERY_EXPANDERS is _ROOT_LIST:
        with _EXPANDERS_LOCK:
            generation, given = expanders.given()
            QUERY_EXPANDERS[:0] = [e for e in given if e not in QUERY_EXPANDERS]
            _EXPANDERS_FROM = generation
    return QUERY_EXPANDERS


@dataclass
class SearchResult:
    doc_id: str
    file: str
    title: str
    date: str | None
    type: str
    speaker: str | None
    passage_id: str
    excerpt: str  # the document's own text, exactly (with an ellipsis where it is cut)
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)  # ranges within excerpt
    excerpt_start: int = 0  # the quoted slice is passage text[excerpt_start:excerpt_end]
    excerpt_end: int = 0
    answer: tuple[int, int] | None = None  # the sentence that best matches the query, in excerpt


@dataclass
class SearchResponse:
    query: str
    results: list[SearchResult]
    corrected: str | None = None
    suggestions: list[str] = field(default_factory=list)
    total: int = 0
    notes: list[str] = field(default_factory=list)  # what was read differently, and why
    also: str | None = None  # the query's other plausible reading, searched too (not replacing)


@dataclass(frozen=True)
class Alternative:
    """One way to match one or more query terms: a word or phrase, and how it was found."""

    tokens: tuple[str, ...]  # folded words, matched as a phrase
    slots: tuple[int, ...]  # the query terms it stands for
    kind: str  # exact, corrected or expanded

    def fts(self) -> str:
        return '"' + " ".join(self.tokens).replace('"', '""') + '"'


@dataclass
class Plan:
    """The query turned into FTS5 expressions and what the re-scoring needs to know."""

    slots: int
    alternatives: list[Alternative]
    units: list[tuple[str, float]]  # (FTS5 expression, share of passages), one per query unit
    weights: list[float]  # per slot
    excluded: str | None  # FTS5 expression of what to leave out
    corrected: str | None
    phrase: str | None = None  # all the words side by side, for queries of only common words
    also: str | None = None  # the query with the words' other plausible readings, also searched
    stop: frozenset[int] = frozenset()  # slots that are stop words: they never gate a passage
    content_units: list[tuple[str, float]] = field(default_factory=list)  # units less stop words
    rarity: dict[str, float] = field(default_factory=dict)  # unit expression -> its IDF
    # slot -> the first slot of its unit: the words of a run the expanders know as one thing
    # ("regional organised crime units") are one unit for proximity (always side by side)
    unit_of: dict[int, int] = field(default_factory=dict)

    def unit(self, slot: int) -> int:
        return self.unit_of.get(slot, slot)

    def proximity_units(self) -> set[int]:
        """The units that are not only stop words."""
        return {self.unit(s) for s in range(self.slots) if s not in self.stop} or {
            self.unit(s) for s in range(self.slots)
        }


def search(
    db: sqlite_utils.Database, query: str, limit: int = 5, offset: int = 0
) -> SearchResponse:
    """The passages that best match ``query``, best first, each with an excerpt."""
    query = (query or "")[:MAX_QUERY_CHARS]
    response = SearchResponse(query=query, results=[])
    parsed = parse_query(query)
    parsed.terms = _distinct([t for t in parsed.terms if _tokens(t.text)])  # "_" is no word
    response.notes = list(parsed.notes)
    where = _filter_clauses(db, parsed.filters, response)
    if where is None:  # a filter that nothing can satisfy (unknown document or type)
        return response
    if not parsed.terms:
        if parsed.filters.any():
            return _listing(db, parsed, where, limit, offset, response)
        if parsed.excluded:
            response.notes.append("Add some words to search for: `-word` only leaves passages out.")
        return response
    vocab = vocabulary(db)
    plan = make_plan(db, parsed, vocab)
    plan.weights = [
        w * min(t.repeats, MAX_REPEATS) for w, t in zip(plan.weights, parsed.terms, strict=True)
    ]
    response.corrected = plan.corrected
    if plan.also:
        response.also = plan.also
        response.notes.append(f"Also showing results for: {plan.also}")
    try:
        ranked, response.total = _ranked(
            db, plan, vocab, where, offset + limit, response, diverse=not parsed.filters.doc
        )
    except sqlite3.OperationalError as exc:  # never expected: every term is quoted
        log.warning("search failed for %r: %s", query, exc)
        ranked = []
    if not parsed.filters.doc:
        ranked = diversify(ranked, key=lambda c: c.doc_id)
    response.results = [
        _result(c.row, c.text, c.assigned, c.score, vocab) for c in ranked[offset : offset + limit]
    ]
    if not parsed.question:  # the best sentence is marked as the answer to a question only
        for result in response.results:
            result.answer = None
    if not response.results and not parsed.filters.any():
        response.suggestions = vocab.suggestions([w for t in parsed.terms for w in t.words])
    return response


def _distinct(terms: list) -> list:
    """The terms less repeats of the same word or phrase, each counted in its first's
    ``repeats``: a word the query says three times weighs more (as in BM25), but is corrected,
    expanded and marked once."""
    first: dict = {}
    for term in terms:
        key = (term.phrase, _tokens(term.text))
        if key in first:
            first[key].repeats += 1
        else:
            term.repeats = 1
            first[key] = term
    return list(first.values())


# -- step 2: alternatives -------------------------------------------------------------------


def make_plan(db: sqlite_utils.Database, parsed: ParsedQuery, vocab: Vocabulary) -> Plan:
    alternatives: list[Alternative] = []
    slot_exprs: list[str] = []
    replacements: dict[tuple[int, int], str] = {}
    also: dict[tuple[int, int], str] = {}  # words kept, with another plausible reading searched
    corrected_forms: list[str] = []
    phrase_tokens: list[str] = []  # every word, corrected, in order: the query as one phrase
    weights: list[float] = []
    stamps: dict = {}  # each expander's stamp, asked once per query
    for i, term in enumerate(parsed.terms):
        exact = _tokens(term.text)
        if not exact:  # e.g. only underscores: nothing FTS5 would index
            weights.append(0.0)
            slot_exprs.append("")
            corrected_forms.append("")
            continue
        alts = [Alternative(exact, (i,), "exact")]
        best, weight = [], 0.0
        other = []  # the term with each word's "also" reading, if any
        for word, span in zip(term.words, term.spans, strict=True):
            readings = (
                _readings(db, vocab, word, stamps)
                if len(parsed.terms) <= PASTED  # pasted text: no corrections
                else Readings()
            )
            found = readings.replace
            if found:
                replacements[span] = _same_case(word, found[0].word)
                if not term.phrase:
                    alts += [Alternative((c.word,), (i,), "corrected") for c in found]
            elif readings.also:
                also[span] = _same_case(word, readings.also[0].word)
                if not term.phrase:
                    alts += [Alternative((c.word,), (i,), "corrected") for c in readings.also]
            best.append(found[0].word if found else word)
            other.append(readings.also[0].word if readings.also else best[-1])
            weight = max(weight, vocab.idf(best[-1]))
        weights.append(weight)
        best_tokens = _tokens(" ".join(best))
        phrase_tokens += best_tokens
        if term.phrase and best_tokens != exact:
            alts.append(Alternative(best_tokens, (i,), "corrected"))
        if term.phrase and _tokens(" ".join(other)) not in (exact, best_tokens):
            alts.append(Alternative(_tokens(" ".join(other)), (i,), "corrected"))
        corrected_forms.append(" ".join(best))
        for form in dict.fromkeys([term.text, " ".join(best)]):
            alts += [Alternative(t, (i,), "expanded") for t in _expand(db, form, stamps)]
        alts = _unique(alts)
        alternatives += alts
        slot_exprs.append(_any(alts))
    stop = _stop_slots(parsed)
    if len(stop) < len(weights):  # stop words weigh nothing, unless they are all there is
        weights = [0.0 if i in stop else w for i, w in enumerate(weights)]
    else:
        stop = frozenset()
    found_units = _units(
        db, parsed, vocab, slot_exprs, corrected_forms, alternatives, stamps, edges=stop
    )
    units = [(expr, share) for expr, share, _ in found_units]
    content = [(e, share) for e, share, slots in found_units if not set(slots) <= stop]
    rarity = {e: max(weights[i] for i in slots) for e, _, slots in found_units}
    excluded = [Alternative(_tokens(t.text), (), "exact").fts() for t in parsed.excluded]
    excluded = [expr for expr in excluded if expr != '""']
    return Plan(
        slots=len(parsed.terms),
        alternatives=alternatives,
        units=units,
        content_units=content or units,
        rarity=rarity,
        unit_of={slot: min(slots) for _, _, slots in found_units for slot in slots},
        stop=stop,
        weights=weights,
        excluded=" OR ".join(excluded) or None,
        corrected=parsed.rewrite(replacements) if replacements else None,
        also=parsed.rewrite({**replacements, **also}) if also else None,
        phrase=Alternative(tuple(phrase_tokens), (), "exact").fts()
        if len(phrase_tokens) > 1
        else None,
    )


def _units(
    db, parsed, vocab, slot_exprs, corrected_forms, alternatives, stamps, edges=frozenset()
) -> list[tuple[str, float, tuple[int, ...]]]:
    """The units of the query, (FTS5 expression, share of passages, slots): single terms, or runs
    of words that an expander knows as one thing ("national crime agency" OR "NCA"). Longest runs
    first, without overlaps. A run that begins or ends with one of the ``edges`` (stop words) is
    not offered: "the national crime agency" is found as "national crime agency"."""
    n = len(parsed.terms)
    run_at: dict[int, tuple[int, list[Alternative]]] = {}
    taken: set[int] = set()
    for length in range(min(MAX_RUN, n) if n <= PASTED else 1, 1, -1):
        for start in range(n - length + 1):
            span = range(start, start + length)
            if start in edges or span[-1] in edges or taken & set(span):
                continue
            if any(parsed.terms[i].phrase or not slot_exprs[i] for i in span):
                continue
            typed = " ".join(parsed.terms[i].text for i in span)
            corrected = " ".join(corrected_forms[i] for i in span)
            slots = tuple(span)
            alts = [
                Alternative(t, slots, "expanded")
                for form in dict.fromkeys([typed, corrected])
                for t in _expand(db, form, stamps)
            ]
            if alts:
                run_at[start] = (length, _unique(alts))
                taken |= set(span)
    units, i = [], 0
    while i < n:
        if i in run_at:
            length, alts = run_at[i]
            alternatives += alts
            inner = " AND ".join(slot_exprs[i : i + length])
            units.append((f"(({inner}) OR {_any(alts)})", 0.0, tuple(range(i, i + length))))
            i += length
        else:
            if slot_exprs[i]:
                repeats = min(parsed.terms[i].repeats, MAX_REPEATS)
                expr = slot_exprs[i]
                if repeats > 1:  # bm25 counts a phrase once per time the expression has it
                    expr = "(" + " OR ".join([expr] * repeats) + ")"
                units.append((expr, _unit_share(vocab, alternatives, i), (i,)))
            i += 1
    return units


def _stop_slots(parsed: ParsedQuery) -> frozenset[int]:
    """The query terms that are English stop words ("how", "are", "the"), typed as single words."""
    stop = stop_words()
    return frozenset(
        i
        for i, term in enumerate(parsed.terms)
        if not term.phrase and len(term.words) == 1 and fold(term.words[0]) in stop
    )


@functools.cache
def stop_words() -> frozenset[str]:
    """The English stop words of the ``stopwords`` package (175 words: function words and the
    question words; no topic words), with the pieces FTS5 makes of their contractions."""
    from stopwords import get_stopwords

    listed = {fold(w) for w in get_stopwords("english") if w.strip()}
    pieces = {piece for w in listed for piece in re.findall(r"[^\W_]+", w)}
    return frozenset(listed | pieces)


def _expand(db: sqlite_utils.Database, text: str, stamps: dict) -> list[tuple[str, ...]]:
    """What the registered expanders offer for ``text``, as folded token tuples. ``stamps``
    holds each expander's stamp for this query, so that it is asked for it once per query."""
    found = []
    for expander in query_expanders():
        try:
            phrases = _offered(expander, db, text, stamps)
        except Exception:  # an expander's bug must not break search
            log.exception("query expander %r failed on %r", expander, text)
            continue
        for phrase in phrases:
            tokens = _tokens(str(phrase))
            if tokens and tokens != _tokens(text):
                found.append(tokens)
    return found


_OFFERED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # db -> {expander: memo}
_OFFERED_LOCK = threading.Lock()
_OFFERED_MAX = 4096  # distinct words and runs remembered per expander and store


def _offered(expander: Expander, db: sqlite_utils.Database, text: str, stamps: dict) -> list[str]:
    """``expander(db, text)``, remembered when the expander says how to tell that its answers
    may have changed: an optional ``stamp(db)`` attribute returning something that changes
    with them (an expander without one is asked every time)."""
    stamp_of = getattr(expander, "stamp", None)
    if stamp_of is None:
        return list(expander(db, text) or [])
    if expander not in stamps:
        stamps[expander] = stamp_of(db)
    stamp = stamps[expander]
    with _OFFERED_LOCK:
        memos = _OFFERED.setdefault(db, {})
        memo = memos.get(expander)
        if memo is None or memo[0] != stamp:
            memo = memos[expander] = (stamp, {})
        if text in memo[1]:
            return memo[1][text]
    phrases = list(expander(db, text) or [])
    with _OFFERED_LOCK:
        if len(memo[1]) >= _OFFERED_MAX:
            memo[1].clear()
        memo[1][text] = phrases
    return phrases


def _unique(alts: list[Alternative]) -> list[Alternative]:
    seen, out = set(), []
    for alt in alts:
        if alt.tokens not in seen:
            seen.add(alt.tokens)
            out.append(alt)
    return out


def _any(alts: list[Alternative]) -> str:
    return alts[0].fts() if len(alts) == 1 else "(" + " OR ".join(a.fts() for a in alts) + ")"


def _same_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    return word.capitalize() if typed[:1].isupper() else word


def _readings(db: sqlite_utils.Database, vocab: Vocabulary, word: str, stamps: dict):
    """What else ``word`` may mean (``Vocabulary.readings``): a word the expanders know (the
    glossary's acronyms and terms) is a known term, never re-spelt."""
    if word in vocab:
        return vocab.readings(word)
    known = bool(_expand(db, word, stamps))
    return vocab.readings(word, form_known=_stem_known(db, vocab, word), known=known)


def _stem_known(db: sqlite_utils.Database, vocab: Vocabulary, word: str) -> bool:
    """Does the (stemmed) passage index hold a form of ``word`` it does not spell this way?"""
    if word in vocab or not word.isalpha():
        return False
    quoted = '"' + fold(word).replace('"', '""') + '"'
    sql = "select 1 from passages_fts where passages_fts match ? limit 1"
    return db.execute(sql, [quoted]).fetchone() is not None


def _unit_share(vocab: Vocabulary, alternatives: list[Alternative], slot: int) -> float:
    """How common a term is, as FTS5 will feel it: its commonest one-word alternative (a phrase
    is treated as rare: few passages hold its words side by side)."""
    shares = [
        _share(vocab, alt.tokens[0])
        for alt in alternatives
        if alt.slots == (slot,) and len(alt.tokens) == 1
    ]
    return max(shares, default=0.0)


def _share(vocab: Vocabulary, word: str) -> float:
    """The share of passages holding ``word`` (0 in small libraries, where every word counts)."""
    if vocab.passages < COMMON_FROM:
        return 0.0
    return vocab.count(word) / vocab.passages


# -- step 3: candidates ---------------------------------------------------------------------


def _filter_clauses(
    db: sqlite_utils.Database, filters: Filters, response: SearchResponse
) -> tuple[list[str], list] | None:
    """SQL conditions on ``p`` (passages) and ``d`` (documents) for the filters; None when a
    filter names something the library does not have (the response then says so)."""
    clauses, params = [], []
    if filters.doc:
        document, close = library.find_document(db, filters.doc)
        if document is None:
            hint = f" Did you mean: {', '.join(close)}?" if close else " `docs` lists them."
            response.notes.append(f"No document “{filters.doc}”.{hint}")
            return None
        clauses.append("p.doc_id = ?")
        params.append(document.id)
    if filters.type:
        types = [row[0] for row in db.execute("select distinct type from documents") if row[0]]
        wanted = _resolve_type(filters.type, types)
        if not wanted:
            response.notes.append(
                f"No documents of type “{filters.type}”; the library has: {', '.join(types)}."
            )
            return None
        clauses.append(f"d.type in ({', '.join('?' * len(wanted))})")
        params += wanted
    if filters.date_from:
        clauses.append("d.date >= ?")
        params.append(filters.date_from)
    if filters.date_before:
        clauses.append("d.date < ? and d.date <> ''")
        params.append(filters.date_before)
    if filters.speaker:
        clauses.append("p.speaker like ? escape '\\'")
        escaped = filters.speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(f"%{escaped}%")
    return clauses, params


def _resolve_type(typed: str, types: list[str]) -> list[str]:
    """Document types meant by ``typed``: exact, else those it begins (committee ->
    committee-report), else the closest spelling (hansad -> hansard)."""
    from rapidfuzz import fuzz, process

    key = fold(typed).replace(" ", "-")
    exact = [t for t in types if fold(t) == key]
    if exact:
        return exact
    prefixed = [t for t in types if fold(t).startswith(key) or key in fold(t).split("-")]
    if prefixed:
        return prefixed
    close = process.extractOne(key, types, scorer=fuzz.ratio, score_cutoff=70)
    return [close[0]] if close else []


def _ranked(
    db: sqlite_utils.Database,
    plan: Plan,
    vocab: Vocabulary,
    where: tuple[list[str], list],
    wanted: int,
    response: SearchResponse,
    diverse: bool = True,
) -> tuple[list[_Scored], int]:
    # Stop words ("how", "are", "the") never decide which passages qualify: they are left to the
    # re-scoring. So are, on big libraries, very common words: as FTS5 terms they only make it
    # walk most of the index; more candidates are taken to make up for the looser match.
    content = plan.content_units
    exprs = _rarest(content, COMMON_SHARE)
    if not exprs:
        return [], 0
    k = max(CANDIDATES * (1 if len(exprs) == len(content) else 2), wanted + 50)
    every_expr = _with_exclusions(" AND ".join(exprs), plan.excluded)
    found: dict[int, float] = {}
    holding_all: int | None = None
    if plan.phrase and all(share > COMMON_SHARE for _, share in content):
        # Only common words ("I think that"): the words side by side are what was meant, and
        # ranking every passage that holds the commonest of them is what makes such queries
        # slow. A phrase in very many passages is not ranked by bm25 at all: any of them is as
        # good a quote, and the re-scoring still orders the ones taken.
        phrase_expr = _with_exclusions(plan.phrase, plan.excluded)
        count = _count(db, phrase_expr, where)
        if count:
            found = _candidates(db, phrase_expr, where, k, ranked=count <= MAX_RANKED)
        if count >= wanted:
            holding_all = count
    if holding_all is None:
        # Passages holding every word (when there are several), then the best bm25 of those
        # holding any: a question's answer rarely repeats all its words, and a passage that
        # holds the rarest ones well may beat one holding all of them once.
        if 1 < len(exprs) <= ALL_TERMS_UP_TO:
            every = _candidates(db, every_expr, where, k)
            holding_all = len(every) if len(every) < k else _count(db, every_expr, where)
            for rowid, score in every.items():
                found.setdefault(rowid, score)
        any_units = _rarest(content, RARE_SHARE) if vocab.passages >= COMMON_FROM else exprs
        most = MATCH_TERMS if vocab.passages < COMMON_FROM else MATCH_TERMS_BIG
        if len(any_units) > most:  # long text: its rarest words find the candidates
            any_units = sorted(any_units, key=lambda e: -plan.rarity.get(e, 0.0))[:most]
        any_expr = _with_exclusions(" OR ".join(any_units), plan.excluded)
        for rowid, score in _candidates(db, any_expr, where, k).items():
            found.setdefault(rowid, score)
        # Passages holding the very words typed, stop words too (what was quoted from memory),
        # as candidates too: they gate nothing, but such a passage must not be missed. (Their
        # bm25 counts the stop words: taken only where the scores above have none.)
        typed = _rarest(plan.units, COMMON_SHARE)
        if len(typed) > len(exprs) and len(plan.units) <= LONG_QUERY:
            typed_expr = _with_exclusions(" AND ".join(typed), plan.excluded)
            for rowid, score in _candidates(db, typed_expr, where, k).items():
                found.setdefault(rowid, score)
        if holding_all is None and len(exprs) == 1:
            holding_all = len(found) if len(found) < k else _count(db, every_expr, where)
        if len(exprs) > 1 and holding_all is not None and wanted > holding_all < len(found):
            response.notes.append(
                "No passage holds all of your words; these hold some of them."
                if not holding_all
                else f"Only {holding_all} passage"
                f"{' holds' if holding_all == 1 else 's hold'} all of your words; "
                "the others hold some of them."
            )
    if not found:
        return [], 0
    total = len(found) if len(found) < k else max(holding_all or 0, len(found))
    return _rescored(db, plan, vocab, found, wanted, diverse), total


def _rescored(db, plan: Plan, vocab: Vocabulary, found: dict[int, float], wanted: int, diverse):
    """The candidates re-scored, best first. A candidate's bm25 share and its document's (the
    bm25 of all its candidate passages) are known before its text is read: they are its
    ``prior``; coverage and proximity can add at most ``_ceiling``. Candidates are read and
    marked in batches, highest prior first, and once the first ``wanted`` results (after
    diversity) all score above what the next candidate could reach, no later one can change
    them, and the rest are neither read nor marked."""
    best_bm25 = max(found.values()) or 1.0
    doc_of = _doc_ids(db, list(found))
    per_doc: Counter = Counter()  # a document's bm25: its candidate passages' added up
    for rowid, value in found.items():
        per_doc[doc_of[rowid]] += value
    best_doc = max(per_doc.values()) or 1.0
    prior = {
        rowid: WEIGHTS["bm25"] * value / best_bm25
        + WEIGHTS["document"] * per_doc[doc_of[rowid]] / best_doc
        for rowid, value in found.items()
    }
    order = sorted(found, key=lambda rowid: (-prior[rowid], rowid))
    marker = Marker(plan.alternatives, vocab)
    ceiling = _ceiling(plan, vocab)
    scored: list[_Scored] = []
    # Feedback: until the best FEEDBACK_PASSAGES are settled, candidates score without it; then
    # the words that carry those are looked for in the pooled candidates read so far and in each
    # one after. It adds at most its weight: what is not read yet is bounded by that much more.
    gain = WEIGHTS["feedback"]
    pool = frozenset(order[:FEEDBACK_POOL]) if gain else frozenset()
    held: Callable[[str], float] | None = None if gain else (lambda text: 0.0)
    for start in range(0, len(order), BATCH):
        bound = ceiling + prior[order[start]]
        if held is None and scored and _settled(scored, FEEDBACK_PASSAGES, False, bound):
            held = _feedback_scorer(scored, vocab, gain, pool)
        if held is not None:
            lift = gain if order[start] in pool else 0.0
            if scored and _settled(scored, wanted, diverse, bound + lift):
                break
        batch = order[start : start + BATCH]
        for rowid, row in _rows(db, batch).items():
            assigned = marker.marks(row["text"])
            score = _score(plan, assigned) + prior[rowid]
            if held is not None and rowid in pool:
                score += gain * held(row["text"])
            scored.append(_Scored(score, rowid, row, row["text"], assigned))
        scored.sort(key=lambda c: (-c.score, c.rowid))
    if held is None and scored:  # every candidate was read before the best few were settled
        _feedback_scorer(scored, vocab, gain, pool)
    return scored


def _feedback_scorer(scored: list[_Scored], vocab: Vocabulary, gain: float, pool: frozenset):
    """Adds the feedback of the best FEEDBACK_PASSAGES of ``scored`` (best first) to those of
    them in ``pool``, re-sorts them, and returns the feedback scorer for candidates read later."""
    held = _feedback(_feedback_words(scored[:FEEDBACK_PASSAGES], vocab))
    for c in scored:
        if c.rowid in pool:
            c.score += gain * held(c.text)
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


def _doc_ids(db, rowids: list[int]) -> dict[int, str]:
    marks = ",".join(str(int(r)) for r in rowids)
    return dict(db.conn.execute(f"select id, doc_id from passages where id in ({marks})"))


def _ceiling(plan: Plan, vocab: Vocabulary) -> float:
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
    elif plan.slots > LONG_QUERY:
        proximity = 0.0
    else:
        proximity = matchable / terms if matchable >= 2 else 0.0
    phrase = 1.0 if 1 < plan.slots <= LONG_QUERY else 0.0
    return (
        WEIGHTS["coverage"] * coverage
        + WEIGHTS["proximity"] * proximity
        + WEIGHTS["phrase"] * phrase
    )


def _held(vocab: Vocabulary, token: str) -> bool:
    """Can a passage hold ``token`` the way ``Marker`` matches it (some form of it is in the
    vocabulary)? Non-ASCII tokens are assumed so: folding may differ from the tokenizer's."""
    return not token.isascii() or any(vocab.count(form) for form in vocab.forms(token))


def _settled(scored: list[_Scored], wanted: int, diverse: bool, bound: float) -> bool:
    """Are the first ``wanted`` results fixed, whatever the candidates not yet scored (each
    scoring below ``bound``) are? ``scored`` is best first."""
    if diverse:
        head, rest, per_doc = [], [], Counter()
        for c in scored:
            if len(head) < TOP and per_doc[c.doc_id] < PER_DOCUMENT:
                head.append(c)
                per_doc[c.doc_id] += 1
            else:
                rest.append(c)
        if len(head) < min(TOP, wanted):  # a later candidate of another document may join it
            return False
        shown = (head + rest)[:wanted]
    else:
        shown = scored[:wanted]
    return len(shown) == wanted and min(c.score for c in shown) > bound


@dataclass
class _Scored:
    """A re-scored candidate; it becomes a SearchResult (with an excerpt) only if it is shown."""

    score: float
    rowid: int
    row: dict
    text: str
    assigned: list

    @property
    def doc_id(self) -> str:
        return self.row["doc_id"]


def _rarest(units: list[tuple[str, float]], share: float) -> list[str]:
    """The units held by at most ``share`` of passages; if none is, the rarest one alone (a word
    in most passages adds little to bm25 and much to FTS5's work)."""
    rare = [expr for expr, held in units if held <= share]
    return rare or [min(units, key=lambda unit: unit[1])[0] for _ in units[:1]]


def _with_exclusions(expr: str, excluded: str | None) -> str:
    return f"({expr}) NOT ({excluded})" if excluded else expr


def _candidates(
    db, expr: str, where: tuple[list[str], list], k: int, ranked: bool = True
) -> dict[int, float]:
    """rowid -> bm25 score (higher is better) of the ``k`` best passages matching ``expr``; with
    ``ranked`` False, the first ``k`` found, all scored 1."""
    clauses, params = where
    score, order = ("f.rank", " order by f.rank") if ranked else ("-1.0", "")
    sql = f"select f.rowid, {score} from passages_fts f"
    if clauses:
        sql += " join passages p on p.id = f.rowid join documents d on d.id = p.doc_id"
    sql += " where passages_fts match ?" + "".join(" and " + c for c in clauses)
    sql += f"{order} limit ?"
    return {rowid: -rank for rowid, rank in db.execute(sql, [expr, *params, k])}


def _count(db, expr: str, where: tuple[list[str], list]) -> int:
    clauses, params = where
    sql = "select count(*) from passages_fts f"
    if clauses:
        sql += " join passages p on p.id = f.rowid join documents d on d.id = p.doc_id"
    sql += " where passages_fts match ?" + "".join(" and " + c for c in clauses)
    return db.execute(sql, [expr, *params]).fetchone()[0]


def _rows(db, rowids: list[int]) -> dict[int, dict]:
    marks = ",".join(str(int(r)) for r in rowids)
    sql = (
        "select p.id, p.doc_id, p.ordinal, p.speaker, p.text, d.file, d.title, d.date, d.type "
        f"from passages p join documents d on d.id = p.doc_id where p.id in ({marks})"
    )
    cursor = db.conn.execute(sql)  # plain cursor: sqlite-utils' query() costs more per row
    columns = [c[0] for c in cursor.description]
    return {row[0]: dict(zip(columns, row, strict=True)) for row in cursor}


# -- step 4: re-scoring ---------------------------------------------------------------------


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


_TOKEN = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer counts as a word


def _key(token: str) -> str:
    return token.lower() if token.isascii() else fold(token)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_key(t) for t in _TOKEN.findall(text))


def _score(plan: Plan, assigned: list) -> float:
    strength = [0.0] * plan.slots
    for _, _, alt, value in assigned:
        if alt is not None:
            for slot in alt.slots:
                strength[slot] = max(strength[slot], value)
    total_weight = sum(plan.weights) or 1.0
    coverage = sum(w * s for w, s in zip(plan.weights, strength, strict=True)) / total_weight
    return (
        WEIGHTS["coverage"] * coverage
        + WEIGHTS["proximity"] * _proximity(plan, assigned)
        + WEIGHTS["phrase"] * _exact_phrase(plan, assigned)
    )


def _exact_phrase(plan: Plan, assigned: list) -> float:
    """1 when the passage holds the whole query, stop words too, word after word (what was
    quoted from memory: "in the round"); else 0."""
    if not 1 < plan.slots <= LONG_QUERY:
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


def _proximity(plan: Plan, assigned: list) -> float:
    """1 when the matched units of the query sit side by side, falling with the distance they
    are spread over; 0 when fewer than two matched (in a query of several). Stop words do not
    count, and a run of words known as one thing ("regional organised crime units") is one unit:
    its words are side by side whenever it is there, which says nothing of the rest."""
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


def diversify(ranked: list, key: Callable, top: int = TOP, cap: int = PER_DOCUMENT) -> list:
    """``ranked`` with at most ``cap`` items per key in the first ``top`` places, when other keys
    can fill them; everything else keeps its order after."""
    head, rest, per_key = [], [], Counter()
    for item in ranked:
        if len(head) < top and per_key[key(item)] < cap:
            head.append(item)
            per_key[key(item)] += 1
        else:
            rest.append(item)
    return head + rest


# -- step 5: results ------------------------------------------------------------------------


def _result(
    row: dict, text: str, assigned: list, score: float, vocab: Vocabulary | None = None
) -> SearchResult:
    spans = [(s, e, min(alt.slots) if alt else -1) for s, e, alt, _ in assigned]
    # The excerpt centres on the sentence holding the most of the query: each query word weighs
    # by how rare it is in all its forms ("visit" over "unit"), times how well it matched there
    # (the word itself over another form of it, an expansion or a correction).
    weights = None
    if vocab is not None:
        weights = {}
        for s, e, alt, strength in assigned:
            if alt is not None:
                rarity = max(_stem_idf(vocab, token) for token in alt.tokens)
                weights[(s, e)] = max(weights.get((s, e), 0.0), rarity * strength)
    excerpt = make_excerpt(text, spans, weights=weights)
    return SearchResult(
        doc_id=row["doc_id"],
        file=row["file"],
        title=row["title"],
        date=row["date"],
        type=row["type"],
        speaker=row["speaker"],
        passage_id=passage_id(row["doc_id"], row["ordinal"]),
        excerpt=excerpt.text,
        score=round(score, 4),
        highlights=excerpt.highlights,
        excerpt_start=excerpt.start,
        excerpt_end=excerpt.end,
        answer=excerpt.answer,
    )


def _stem_idf(vocab: Vocabulary, token: str) -> float:
    """Inverse passage frequency of ``token`` counting every form of it the index matches (an
    upper bound of the passages holding any, which is all a weight needs)."""
    held = sum(vocab.count(form) for form in vocab.forms(token))
    return math.log(1 + (vocab.passages + 1) / (held + 0.5))


def _listing(db, parsed, where, limit, offset, response) -> SearchResponse:
    """Filters without words: the filtered passages in library order (newest documents first)."""
    clauses, params = where
    conditions = list(clauses)
    args = list(params)
    if parsed.excluded:
        expr = " OR ".join(Alternative(_tokens(t.text), (), "exact").fts() for t in parsed.excluded)
        conditions.append("p.id not in (select rowid from passages_fts where passages_fts match ?)")
        args.append(expr)
    sql_where = (" where " + " and ".join(conditions)) if conditions else ""
    base = f"from passages p join documents d on d.id = p.doc_id{sql_where}"
    response.total = db.execute(f"select count(*) {base}", args).fetchone()[0]
    rows = db.query(
        "select p.id, p.doc_id, p.ordinal, p.speaker, p.text, d.file, d.title, d.date, d.type "
        f"{base} order by d.date is null, d.date desc, d.id, p.ordinal limit ? offset ?",
        [*args, limit, offset],
    )
    response.results = [_result(row, row["text"], [], 0.0) for row in rows]
    return response
