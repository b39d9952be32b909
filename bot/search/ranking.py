"""Search the library: what a person typed in, ranked excerpts with their sources out.

The pipeline, each step small so that others can slot in:

1. ``bot.search.query`` parses the text (words, "phrases", -exclusions, filters). User text
   never reaches FTS5 as syntax: every word or phrase goes in as a quoted string.
2. ``bot.search.plan``: each term gets alternatives: its spelling corrections from the unstemmed
   vocabulary (``bot.search.vocabulary``), and what the query expanders (``bot.search.expanders``:
   the glossary's, ROCU <-> regional organised crime unit) say it is equivalent to, for single
   terms and for runs of words.
3. ``bot.search.candidates``: FTS5 finds candidates with bm25: all terms (each as an OR of its
   alternatives), and any of them, rarest first within a budget of passages, so "the" never
   makes a query rank most of the index.
4. ``bot.search.scoring``: candidates are re-scored from where they hold the query: how much of
   it (rare words weigh more; exact spelling above a stem, an expansion or a correction), how
   close together, then bm25. ``bot.search.diversity``: at most three passages of a document in
   the top five.
5. ``bot.search.results`` and ``bot.search.excerpts`` cut the excerpt around the best cluster of
   marked words.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import weakref

import sqlite_utils

from bot.library.derived import raised_at
from bot.library.text import cut_at_word, fold
from bot.search import expanders, floor, passages
from bot.search import plan as planning
from bot.search.candidates import _filter_clauses, find
from bot.search.confidence import holds, known_phrase, measure, only_stop_words
from bot.search.diversity import diversify
from bot.search.excerpts import asked_for
from bot.search.pasted import reduce_paste
from bot.search.plan import MAX_REPEATS, Alternative, Plan, _tokens, stop_words
from bot.search.query import ParsedQuery, parse_query
from bot.search.results import SearchResponse, SearchResult, _listing, _result, cite_results
from bot.search.scoring import WEIGHTS, Marker, _held, _rescored, _rows, _Scored, beside
from bot.search.vocabulary import Vocabulary, vocabulary

__all__ = [
    "WEIGHTS",
    "Alternative",
    "Marker",
    "Plan",
    "SearchResponse",
    "SearchResult",
    "_Scored",
    "_rows",
    "diversify",
    "make_plan",
    "search",
    "stop_words",
]

log = logging.getLogger(__name__)

# A query of only `-words` answered "Add some words to search for" and then "Nothing in the
# library matches “-funding”. Try fewer or different words": two answers, the second wrong (there
# were no words). True: the first alone. False: both, as before. Likewise a filter that names
# no document or type: its note ("No documents of type ...") is the answer, not "Nothing matches".
NOTHING_SEARCHED_SAYS_SO = True
# "Only N passages hold all of your words; the others are the closest matches." is kept only when
# others are left once every filter has run (a known phrase's, a dropped title passage): it stood
# above exactly N results, or fewer (found by the round-11 walk). False: kept as found.
NOTE_AFTER_FILTERS = True

# A word no passage holds in any form, nor any glossary equivalent of it, that is a whole part of
# exactly one document's id or file name ("leveson" for leveson-part-g-ch4-..., whose text never
# says it; "sccrc" for a press summary that writes the name out) names that document: the other
# words are searched in it (all of it listed when there are none), with a note saying so. It found
# nothing before ("No passage holds “leveson”"): found by the round-13 walk, three documents of
# three publishers. False: as before.
NAME_WORDS = True

# A query of only stop words ("the and of", "was it is") was answered "No good match", with the
# "nearest terms" "they, then, them, hand, land": near spellings of words it has anyway. True:
# it says they are too common to search on, and offers none (round-13 walk). False: as before.
ONLY_COMMON_SAYS_SO = True

# The words "No passage holds" lists: a paste of invented words listed 48 of them (round-13
# walk); the rest are counted ("and 40 more words").
MISSING_LISTED = 8

MAX_QUERY_CHARS = 4000  # Slack's limit for a message: the whole of anything a person can send

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


def search(
    db: sqlite_utils.Database, query: str, limit: int = 5, offset: int = 0
) -> SearchResponse:
    """The passages that best match ``query``, best first, each with an excerpt."""
    query = cut_at_word(query or "", MAX_QUERY_CHARS)
    response = SearchResponse(query=query, results=[])
    parsed = parse_query(query)
    parsed.terms = _distinct([t for t in parsed.terms if _tokens(t.text)])  # "_" is no word
    response.notes = list(parsed.notes)
    if NAME_WORDS:
        _document_named(db, parsed, response)
    where = _filter_clauses(db, parsed.filters, response)
    if where is None:  # a filter that nothing can satisfy (unknown document or type)
        response.nothing_searched = NOTHING_SEARCHED_SAYS_SO  # its note says why, alone
        return response
    if not parsed.terms:
        if parsed.filters.any():
            return _listing(db, parsed, where, limit, offset, response)
        if parsed.excluded:
            response.notes.append("Add some words to search for: `-word` only leaves passages out.")
            response.nothing_searched = NOTHING_SEARCHED_SAYS_SO
        return response
    vocab = vocabulary(db)
    reduce_paste(parsed, vocab)  # pasted text: searched by its key terms
    plan = make_plan(db, parsed, vocab)
    plan.weights = [
        w * min(t.repeats, MAX_REPEATS) for w, t in zip(plan.weights, parsed.terms, strict=True)
    ]
    plan.other_weights = [
        w * min(t.repeats, MAX_REPEATS)
        for w, t in zip(plan.other_weights, parsed.terms, strict=True)
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
        # neither the query nor the message (FTS5 quotes the text it could not read): no user words
        log.warning("search failed: %s at %s", type(exc).__name__, raised_at(exc))
        ranked = []
    # -- meaning hook (bot.search.meaning, the optional extra): the passages nearest the query
    # in meaning fused with these; a no-op without the extra, its model or the store's vectors.
    asks = asked_for([t.text for t in parsed.question])  # "how many": a quantity
    ranked = _meaning_fused(db, plan.corrected or query, plan, vocab, where, ranked, parsed, asks)
    response.total = max(response.total, len(ranked))
    phrase = known_phrase(db, plan, parsed)
    if phrase is not None:  # a word of a known phrase never stands in for it
        kept = [c for c in ranked if holds(phrase, c.assigned)]
        if len(kept) < len(ranked):
            ranked = kept
            response.total = len(kept)
    if NOTE_AFTER_FILTERS and response.holding_all is not None:
        holding, note = response.holding_all
        if response.total <= holding and note in response.notes:
            response.notes.remove(note)  # no "others" are left to be the closest matches
            response.holding_all = None
    if not parsed.filters.doc:
        ranked = diversify(ranked, key=lambda c: c.doc_id)
    response.results = [
        _result(c.row, c.text, c.assigned, c.score, vocab, c.sentence, asks, bool(parsed.question))
        for c in ranked[offset : offset + limit]
    ]
    cite_results(db, response.results)
    # How well the best result matched (the confidence gate's measure): asked of every answer,
    # whichever page is shown; the front ends decide what a weak answer does.
    response.confidence = measure(
        plan, parsed, ranked[0] if ranked else None, bool(plan.corrected), vocab
    )
    if not response.confidence.confident:
        words = [w for slot, t in enumerate(parsed.terms) if slot not in plan.stop for w in t.words]
        response.confidence.nearest = _nearest(vocab, words, ranked[0] if ranked else None)
        if ONLY_COMMON_SAYS_SO and only_stop_words(parsed):
            response.only_common = True
            response.confidence.nearest = []
    if not parsed.question:  # the best sentence is marked as the answer to a question only
        for result in response.results:
            result.answer = None
    if not response.results and not parsed.filters.any():
        response.suggestions = vocab.suggestions([w for t in parsed.terms for w in t.words])
    if not response.results and offset == 0:
        response.notes.append(_why_nothing(parsed, plan, vocab))
    return response


def _document_named(db: sqlite_utils.Database, parsed: ParsedQuery, response) -> None:
    """NAME_WORDS: a word of the query held by no passage that names one document (a whole part
    of its id or file name) becomes ``doc:`` that document, with a note."""
    if parsed.filters.doc or parsed.pasted or not parsed.terms or len(parsed.terms) > 8:
        return
    vocab = vocabulary(db)
    stop = stop_words()
    names = None
    for term in parsed.terms:
        if term.phrase or len(term.words) != 1:
            continue
        typed = term.words[0]
        word = fold(typed)
        if len(word) < 3 or not word.isalpha() or word in stop or _held(vocab, word):
            continue
        if _expand(db, typed, {}):  # a glossary term: its own hint ("is in the glossary")
            continue
        if names is None:
            names = {
                row[0]: set(re.findall(r"[a-z0-9]+", fold(row[0])))
                | set(re.findall(r"[a-z0-9]+", fold(re.sub(r"\.\w+$", "", row[1] or ""))))
                for row in db.execute("select id, file from documents")
            }
        named = [doc_id for doc_id, parts in names.items() if word in parts]
        if len(named) != 1:
            continue
        parsed.terms.remove(term)
        parsed.filters.doc = named[0]
        response.notes.append(
            f"No passage says “{typed}”, but a document's name does: "
            f"searched in {named[0]} (`doc:{named[0]}`)."
        )
        return


def _nearest(vocab: Vocabulary, words: list[str], best) -> list[str]:
    """Terms the library does know near what was typed: its closest spellings of the words,
    else the words the best (weak) result did hold."""
    near = vocab.suggestions(words)
    if not near and best is not None:
        held = {best.text[s:e].lower() for s, e, alt, _ in best.assigned if alt is not None}
        near = sorted(held)[:5]
    return near


def _meaning_fused(
    db, query: str, plan: Plan, vocab: Vocabulary, where, ranked, parsed, asks=None
) -> list:
    """The meaning hook: bot.search.meaning.fuse with what it needs from this module."""
    from bot.search import meaning

    def make(rowids: list[int]) -> list[_Scored]:
        marker = Marker(plan.alternatives, vocab)
        return [
            _Scored(
                0.0, rowid, row, row["text"], marker.marks(row["text"]), beside=beside(marker, row)
            )
            for rowid, row in _rows(db, rowids).items()
        ]

    def allowed(rowids: list[int] | None) -> list[int] | None:
        clauses, params = where
        if plan.excluded:
            clauses = [
                *clauses,
                "p.id not in (select rowid from passages_fts where passages_fts match ?)",
            ]
            params = [*params, plan.excluded]
        if rowids is None and not clauses:
            return None
        if rowids is not None:
            clauses = [*clauses, f"p.id in ({','.join('?' * len(rowids))})"]
            params = [*params, *rowids]
        sql = "select p.id from passages p join documents d on d.id = p.doc_id where "
        return [row[0] for row in db.execute(sql + " and ".join(clauses), params)]

    order = None
    if parsed.question and passages.ON:  # which passage of each document (bot.search.passages)

        def order(items: list, cosines: dict[int, float] | None = None) -> list:
            if cosines is None:  # without the meaning extra: plain BM25 as a floor
                items = floor.floored(items, query, vocab)
            local = passages.local_scores(items, plan, cosines)
            if cosines:  # the meaning extra: the learned score (passages.LEARNED; None: off)
                local = passages.learned(items, local, asks, meaning.asks)
                if passages.FLAT and passages.LEARNED:  # ...ordering the documents too
                    return passages.flat(items, local)
            return passages.within_documents(items, local, plain=cosines is None)

    return meaning.fuse(
        db,
        query,
        ranked,
        make,
        allowed,
        question=bool(parsed.question),
        order=order,
        asks=asks,
        passage=lambda items: passages.lexical_scores(items, plan),
    )


def _why_nothing(parsed: ParsedQuery, plan: Plan, vocab: Vocabulary) -> str:
    """One sentence saying why a search found nothing: the words no passage holds in any form
    (nor any correction or equivalent of them), else that the words and filters together
    match nothing."""
    missing = [
        term.text
        for slot, term in enumerate(parsed.terms)
        if slot not in plan.stop
        and not any(
            slot in alt.slots and all(_held(vocab, token) for token in alt.tokens)
            for alt in plan.alternatives
        )
    ]
    if missing:
        listed = ", ".join(f"“{word}”" for word in missing[:MISSING_LISTED])
        more = len(missing) - MISSING_LISTED
        if more > 0:
            listed += f" and {more} more words"
        return f"No passage holds {listed}, in any form."
    if parsed.filters.any() or parsed.excluded:
        return "No passage holds these words within the filters and exclusions given."
    return "No passage holds these words."


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


def make_plan(db: sqlite_utils.Database, parsed: ParsedQuery, vocab: Vocabulary) -> Plan:
    """The plan of ``parsed`` (``bot.search.plan``), with the registered expanders."""
    return planning.make_plan(db, parsed, vocab, _expand)


def _ranked(
    db: sqlite_utils.Database,
    plan: Plan,
    vocab: Vocabulary,
    where: tuple[list[str], list],
    wanted: int,
    response: SearchResponse,
    diverse: bool = True,
) -> tuple[list[_Scored], int]:
    """The candidates (``bot.search.candidates``) re-scored (``bot.search.scoring``), best
    first, and how many passages matched."""
    found, total = find(db, plan, vocab, where, wanted, response)
    if not found:
        return [], 0
    scored = _rescored(db, plan, vocab, found, wanted, diverse)
    for c in scored:
        c.bm25 = found[c.rowid]
    return scored, total


def _expand(db: sqlite_utils.Database, text: str, stamps: dict) -> list[tuple[str, ...]]:
    """What the registered expanders offer for ``text``, as folded token tuples. ``stamps``
    holds each expander's stamp for this query, so that it is asked for it once per query."""
    found = []
    for expander in query_expanders():
        try:
            phrases = _offered(expander, db, text, stamps)
        except Exception as exc:  # an expander's bug must not break search
            # where, not what: the text and the exception's message may hold the user's words
            log.error(
                "query expander %r failed: %s at %s", expander, type(exc).__name__, raised_at(exc)
            )
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
