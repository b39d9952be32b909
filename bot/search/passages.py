"""For a question: which documents, then which passage of each.

Search ranks passages with its document prior (a passage gains when its document as a whole
matches) and feedback (a passage gains when it shares the words of the best few). Both help to
find the right *document*, and the four test collections are judged by the order in which
documents first appear; but for a question in plain English they lift every on-topic passage
of a long document above the one passage of it that answers (bench/RESULTS.md, "Questions,
round 4": the answer 16th, 20th and 38th, each behind passages of its own document).

So for a question the two are kept apart. The order in which documents first appear is left as
search made it. Within it, passages are ordered again by a passage-local score with no document
prior and no feedback: the passage's own bm25, how much of the question it holds and how close
together (``bot.search.scoring``'s parts), and with the meaning extra, mixed with its closeness
to the question in meaning. At each place the best of these goes first among the next passages
of the documents already shown and the best passage of the next document, so how many passages
of the first document come before the second is decided by the passages themselves.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable

from bot.search.scoring import _parts

ON = True  # False: a question's passages keep search's order (as before round 5)
# The passage-local score: bm25 (its share of the best candidate's) leads, as in plain BM25;
# coverage, proximity and the whole question word for word (``bot.search.scoring._parts``, at
# search's own weights) adjust it. No document prior, no feedback.
LOCAL = {"bm25": 1.0, "coverage": 0.2, "proximity": 0.3, "phrase": 0.5}
# With the meaning extra: the share of the meaning score in the local score (each min-max
# normalised over the candidates). Chosen on the tuning half of eval/questions-real.jsonl (0.5
# to 1.0 tried; bench/RESULTS.md, "Questions, round 5").
MEANING = 0.8
# Without the meaning extra, these replace LOCAL's weights (the meaning extra's mix keeps LOCAL);
# a heading still loses CANNOT_ANSWER of the range by LOCAL's. {"coverage": 0.0}: coverage (how
# much of the question a passage holds, each word by its rarity) would not count in which passage
# of a document comes first, where bm25 already counts the words, so that a summary holding more
# of the question's words would not outrank the passage that answers with its key words. The
# order of documents is not changed (the test collections cannot move). Off, as shipped: on the
# tuning parts of the real questions one question more first and two higher, none lower, the
# checking parts tied; but two of the team's tests (tests/search/test_questions.py, the NCA's
# launch) then get a passage naming the topic over the one holding both of the question's words,
# at 0.1 as at 0 (bench/RESULTS.md "Plain questions against bm25s, round 10").
PLAIN_LOCAL: dict[str, float] = {}
DEPTH = 100  # only this many first results are re-ordered (the rest keep search's order)
# A passage that cannot answer a question: a heading alone ("Cost of Preferred Option",
# "Government response to the inquiry report": at most HEADING_WORDS words and no sentence
# ending in it) or a line of a contents page (dot leaders). It holds the question's words close
# together in few words, so bm25, proximity and a short text's closeness in meaning all favour
# it over the paragraph under it that answers. Such a passage loses CANNOT_ANSWER of the range of
# the local scores (so it still comes first when nothing of its document says more). A table
# row ("Cannabis | 2 µg/L") is no heading: it may be the answer. Measured on the tuning halves
# (bench/RESULTS.md, "Questions, round 6"). 0: off.
CANNOT_ANSWER = 0.3
HEADING_WORDS = 24
_SENTENCE_END = re.compile(r"[.?!;](?:\s|$)")
_LEADERS = re.compile(r"(?:\.\s?){5,}|…{2,}")
# True: a section's number at the start of a line ("1. Introduction", "7.2. Media employment",
# "(a)." aside) is no sentence end, so a numbered heading is a heading alone; and a passage that
# opens with "Contents" and holds no sentence is a contents page without dot leaders. False, as
# shipped (bench/RESULTS.md "Plain questions against bm25s, round 10").
NUMBERED_HEADINGS = False
_SECTION_NUMBER = re.compile(r"(?m)^\s*(?:\d+(?:\.\d+)*|[A-Z]\d*(?:\.\d+)*)\.(?=\s)")
_CONTENTS = re.compile(r"(?i)(?:table of )?contents\b")

# With the meaning extra, a question's passages are ordered within each document by a small
# learned score rather than the local score alone: a weighted sum of what search already has for
# each candidate, the local score (above) and the fused score (lexical and meaning mixed, by which
# the documents are ordered), less a little for each of four signs that a passage is not the
# answer: a heading alone or a contents line (``cannot_answer``), a passage that only asks (its
# answer follows it: ``bot.search.meaning.asks``), one without what the question asks for ("how
# many": a quantity, "when": a date: ``bot.search.excerpts.asked_for``), and one of fewer than
# SHORT_WORDS words that is no table row (a summary line, a caption, a glossary entry beside the
# paragraph that answers; a row carries its own figures and may be the answer). The weights are
# on the features' own scales (the two scores 0 to 1, the flags 0 or 1), learned pairwise (the
# answering passage above each other candidate of its document) on the tuning halves of the six
# sets of real questions and chosen leave-one-question-set-out (bench/RESULTS.md, "Questions,
# round 17"). The order in which documents first appear is search's, so the test collections
# cannot move. None: off (the local score alone, as before round 17).
LEARNED: dict[str, float] | None = {
    "local": 2.432,
    "fused": 2.662,
    "heading": -0.271,
    "asks": -0.429,
    "lacks": -0.294,
    "short": -1.067,
}
SHORT_WORDS = 40
# "Flat": with the meaning extra and LEARNED, the learned score orders every candidate of a
# question, the documents too, not only the passages within each document (``flat``). It moves
# the order in which documents first appear, so it is measured on the four IR collections with
# vectors as well as on the questions (bench/RESULTS.md "Questions, round 18"). False: off.
FLAT = False


# Without the meaning extra (``plain``): True, only the first place keeps the documents' order
# (the best passage of search's first document); after it, the passages follow by their local
# score alone, whichever document they are in: a long document whose many passages each hold a
# word or two of the question (its document prior, its feedback) no longer keeps a short
# document's answering passage below its own weaker ones. False, as shipped: on the real
# questions' tuning parts two answers rose (4th -> 3rd, 8th -> 3rd), none fell, the checking parts
# tied; but it lowered CISI, Cranfield and ADI as written by 0.009-0.014 nDCG@10 (their questions),
# CISI and Cranfield to below bm25s (bench/RESULTS.md "Plain questions against bm25s, round 10").
PLAIN_AFTER_FIRST = False


def within_documents(ranked: list, local: dict[int, float], plain: bool = False) -> list:
    """``ranked`` (items with ``rowid`` and ``doc_id``, best first) re-ordered by ``local``
    (rowid -> score, higher first; ties, and items without a score, keep their order) as far
    as the order in which documents first appear allows: at each place, the best of the next
    passages of the documents already shown and the best passage of the next document. With
    ``plain`` (no meaning scores) and PLAIN_AFTER_FIRST: that for the first place only, then
    by ``local`` alone."""
    if plain and PLAIN_AFTER_FIRST and len(ranked) > 1:
        head = within_documents(ranked[:DEPTH], local)[:1]
        low = float("-inf")
        rest = [c for c in ranked[:DEPTH] if c is not head[0]]
        rest.sort(key=lambda c: -local.get(c.rowid, low))  # stable: ties keep their order
        return head + rest + ranked[DEPTH:]
    head, tail = ranked[:DEPTH], ranked[DEPTH:]
    low = float("-inf")
    by_doc: dict[str, list] = {}
    for place, item in enumerate(head):
        by_doc.setdefault(item.doc_id, []).append((-local.get(item.rowid, low), place, item))
    docs = list(by_doc)  # in the order they first appear
    for places in by_doc.values():
        places.sort(key=lambda p: p[:2])
    out: list = []
    shown: list = []  # a heap: the next passage of each document already shown
    taken = dict.fromkeys(docs, 0)
    following = 0  # the next document to appear
    while len(out) < len(head):
        coming = by_doc[docs[following]][0] if following < len(docs) else None
        if shown and (coming is None or shown[0][:2] <= coming[:2]):
            *_, item, doc = heapq.heappop(shown)
        else:
            item, doc = coming[2], docs[following]
            following += 1
        out.append(item)
        taken[doc] += 1
        if taken[doc] < len(by_doc[doc]):
            heapq.heappush(shown, (*by_doc[doc][taken[doc]], doc))
    return out + tail


def local_scores(items: list, plan, cosines: dict[int, float] | None = None) -> dict[int, float]:
    """rowid -> the passage-local score of each item: its ``bm25`` (over the best item's; none
    for a passage found by meaning alone), coverage, proximity and phrase
    (``bot.search.scoring._parts``, from its ``assigned`` marks); with ``cosines`` (the meaning
    extra), that mixed with its closeness in meaning, each min-max normalised over the items;
    then a heading alone or a contents line loses CANNOT_ANSWER of the range (``answerable``)."""
    plain = {**LOCAL, **PLAIN_LOCAL} if not cosines and PLAIN_LOCAL else None
    parts = _item_parts(items, plan)
    shipped = _weighed(items, parts, LOCAL)  # by LOCAL's weights
    lexical = _weighed(items, parts, plain) if plain is not None else shipped  # by ``plain``'s
    if cosines:
        lex, sims = _normalised(lexical), _normalised(cosines)
        lexical = {
            rowid: (1 - MEANING) * value + MEANING * sims.get(rowid, 0.0)
            for rowid, value in lex.items()
        }
        return answerable(items, lexical)
    # a heading loses as much as it did by LOCAL's weights: PLAIN_LOCAL changes what the passages
    # are ordered by, not the range CANNOT_ANSWER is a share of
    return answerable(items, lexical, _span(shipped))


def lexical_scores(items: list, plan) -> dict[int, float]:
    """rowid -> each item's passage-local lexical score (LOCAL's weights: its bm25 over the best
    item's, coverage, proximity, phrase; no document prior, no feedback), not normalised
    (``bot.search.meaning.PASSAGE_SHARE``)."""
    return _weighed(items, _item_parts(items, plan), LOCAL)


def _item_parts(items: list, plan) -> dict[int, tuple[float, float, float]]:
    """rowid -> (coverage, proximity, phrase) of each item (``bot.search.scoring._parts``, from
    its ``assigned`` marks)."""
    return {c.rowid: _parts(plan, c.assigned, getattr(c, "beside", ())) for c in items}


def _weighed(items: list, parts: dict, w: dict[str, float]) -> dict[int, float]:
    """rowid -> ``w``'s sum of an item's bm25 (over the best item's) and its ``parts``."""
    best = max((getattr(c, "bm25", 0.0) for c in items), default=0.0) or 1.0
    out = {}
    for c in items:
        coverage, proximity, phrase = parts[c.rowid]
        out[c.rowid] = (
            w["bm25"] * getattr(c, "bm25", 0.0) / best
            + w["coverage"] * coverage
            + w["proximity"] * proximity
            + w["phrase"] * phrase
        )
    return out


def learned(
    items: list,
    local: dict[int, float],
    asked: re.Pattern | None = None,
    only_asks: Callable[[str], bool] | None = None,
) -> dict[int, float]:
    """``local`` (the local scores of ``items``, each item with its fused ``score``) replaced by
    the LEARNED score; unchanged when LEARNED is None. ``asked``: what the question asks for
    (None: nothing in particular); ``only_asks(text)``: does a passage only ask a question."""
    if not LEARNED:
        return local
    w = LEARNED
    out = {}
    for c in items:
        if c.rowid not in local:
            continue
        text = c.text
        out[c.rowid] = (
            w["local"] * local[c.rowid]
            + w["fused"] * c.score
            + w["heading"] * cannot_answer(text)
            + w["asks"] * bool(only_asks is not None and only_asks(text))
            + w["lacks"] * bool(asked is not None and not asked.search(text))
            + w["short"] * (len(text.split()) < SHORT_WORDS and " | " not in text)
        )
    return out


def flat(items: list, scores: dict[int, float]) -> list:
    """``items`` ordered by ``scores`` (higher first; ties by rowid), whichever document they
    are in; items without a score follow in their order (``FLAT``)."""
    scored = sorted(
        (c for c in items if c.rowid in scores), key=lambda c: (-scores[c.rowid], c.rowid)
    )
    return scored + [c for c in items if c.rowid not in scores]


def cannot_answer(text: str) -> bool:
    """Is ``text`` only a heading or a contents line (``CANNOT_ANSWER``)?"""
    text = text.strip()
    if "|" in text:  # a table row carries its own figures
        return False
    if _LEADERS.search(text):
        return True
    if NUMBERED_HEADINGS:
        bare = _SECTION_NUMBER.sub("", text)
        if _CONTENTS.match(text) and not _SENTENCE_END.search(bare):
            return True
        return len(text.split()) <= HEADING_WORDS and not _SENTENCE_END.search(bare)
    return len(text.split()) <= HEADING_WORDS and not _SENTENCE_END.search(text)


def answerable(items: list, local: dict[int, float], span: float | None = None) -> dict[int, float]:
    """``local`` less CANNOT_ANSWER of its range (or of ``span``) for each item that cannot
    answer a question."""
    if not CANNOT_ANSWER or not local:
        return local
    span = span or _span(local)
    out = dict(local)
    for c in items:
        if c.rowid in out and cannot_answer(c.text):
            out[c.rowid] -= CANNOT_ANSWER * span
    return out


def _span(values: dict[int, float]) -> float:
    return (max(values.values()) - min(values.values())) or 1.0 if values else 1.0


def _normalised(values: dict[int, float]) -> dict[int, float]:
    lo, hi = min(values.values(), default=0.0), max(values.values(), default=0.0)
    return {k: (v - lo) / (hi - lo) if hi > lo else 1.0 for k, v in values.items()}
