"""Excerpts: the part of a passage worth showing, cut where a reader would cut it.

A window of about 200-350 characters around the sentence that best matches the query (the most
of its words, rare ones weighing more: for a question, the sentence that answers it), grown by
whole sentences where they fit, else cut at word boundaries, with an ellipsis wherever the passage
goes on. The text between the ellipses is always one exact slice of the passage: never stitched,
never reworded. Matched words travel as (start, end) ranges within the excerpt, for renderers to
mark, and so does that best sentence (``answer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.library.context import header_end
from bot.library.text import sentence_spans, trim

MIN_CHARS = 200
MAX_CHARS = 350
# A question's excerpt is wider: its answer is often the sentence next to the one holding its
# words (the one before: "These collate ...", or after: "That is expected in September"), and
# 350 characters left it out. On the tuning half of eval/questions-real.jsonl, of the answering
# passages among the first ten, the excerpt showed the answer in 33 of 37 with the meaning extra
# and 24 of 29 without it at 200-350; 36 and 29 at 300-450, no more at 350-500
# (bench/RESULTS.md, "Questions, round 5").
QUESTION_MIN_CHARS = 300
QUESTION_MAX_CHARS = 450
CLUSTER_CHARS = 250  # matched words this close together count as one cluster
ELLIPSIS = "…"

# What a question asks for, by the words of its frame (``bot.search.query`` sets them aside):
# the sentence that answers "how many" holds a quantity, "when" a date. Among the sentences that
# hold at least ANSWER_SHARE of the best one's weight of query words, the weightiest holding
# what is asked for is the answer (the one shown whole and marked). Kept as data: remove an
# entry, or set ANSWER_SHARE above 1 to switch the rule off.
_YEAR = r"\b(?:1[89]|20)\d\d\b"
_MONTH = (
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b"
)
_QUANTITY = (
    r"[£$€]\s?\d|\d\s?(?:%|per\s?cent\b|million\b|billion\b|thousand\b|bn\b|m\b)"
    r"|\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:1[89]|20)\d\d\b)\d+(?:\.\d+)?\b"
)
_DURATION = _QUANTITY + r"|\b(?:days?|weeks?|months?|years?|hours?|minutes?)\b"
ASKED_FOR = {  # the opening words of the question -> what its answer holds
    ("how", "many"): _QUANTITY,
    ("how", "much"): _QUANTITY,
    ("how", "often"): _QUANTITY,
    ("how", "long"): _DURATION,
    ("when",): _YEAR + "|" + _MONTH + r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
}
ANSWER_SHARE = 0.5
# A table's header row is not chosen as the answer when a row under it holds a match of its own
# (``best_sentence``). False: the header competes as any line does (before round 8).
HEADER_NOT_ANSWER = True
# What a table of figures and its header row are: bot.library.context (FIGURES_SHARE, FIGURE_WORDS).


# A "sentence" too long for a question's excerpt to show whole (text read from a PDF with no
# sentence end, a list run together on one line) is split into clauses, so that something is
# marked and the excerpt is cut around it: the clause the question's words (``best_sentence``)
# or meaning (``meaning.answering_sentence``) favour, as a sentence is chosen. Each entry: a name
# and where a clause ends (the match's start) and the next begins (its end). Kept as data: remove
# an entry, or set CLAUSES False to switch the rule off (bench: questions_loso.py --excerpts
# --off NAME; bench/RESULTS.md, "Excerpts, round 19").
CLAUSES = True
# Each break on needs two witnesses (documents of different publishers whose answering excerpt it
# changes; bench/RESULTS.md, "Questions, round 20"): semicolon and colon (the six question sets),
# bullets (one set's document, and questions written over three more publishers' documents).
CLAUSE_BREAKS = {
    "semicolon": r"(?<=;)\s+",
    "colon": r"(?<=:)\s+(?!//)",
    "bullets": r"\s+(?=[•●▪◦‣∙\uf0b7\uf06e]\s)",  # and a symbol font's (digest.quoting)
}
# Breaks kept as data but switched off (round 20), each with fewer than two witnesses: move an
# entry into CLAUSE_BREAKS to switch it on (bench: questions_loso.py --excerpts --on NAME).
# cells: no run-on sentence of the 33 real documents is a row of cells (a table's rows are lines
# already; the one " | " inside an over-long sentence is a title quoted in a footnote), so no
# answer moves. enumerators ("(a)", "(iv)", "(3)"): two answers gained (two publishers), as many
# harmed (a right mark lost, wrong clauses marked where nothing was): an inline list often splits
# a sentence whose answer spans its items or sits in the words before them.
CLAUSE_BREAKS_OFF = {
    "cells": r"\s+\|\s+",
    "enumerators": r"\s+(?=\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s)",
}
MIN_CLAUSE = 40  # a clause shorter than this runs on into the next ("Note:", "(a)")


def too_long(max_chars: int) -> int:
    """The longest sentence an excerpt of ``max_chars`` can show whole between its ellipses."""
    return max_chars - 2 * (len(ELLIPSIS) + 1)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``text[start:end]`` (``CLAUSE_BREAKS``), spaces trimmed;
    the whole span alone when the rule is off or nothing breaks it."""
    if not CLAUSES or not CLAUSE_BREAKS:
        return [(start, end)]
    pattern = re.compile("|".join(f"(?:{p})" for p in CLAUSE_BREAKS.values()))
    out: list[tuple[int, int]] = []
    cursor = start
    for m in pattern.finditer(text, start, end):
        if m.start() <= cursor:
            continue
        if m.start() - cursor >= MIN_CLAUSE:
            out.append((cursor, m.start()))
            cursor = m.end()
    if out and end - cursor < MIN_CLAUSE:  # a short tail runs on from the clause before
        cursor = out.pop()[0]
    out.append((cursor, end))
    return [trim(text, s, e) for s, e in out if text[s:e].strip()]


def showable_spans(
    text: str, max_chars: int | None, spans: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """``spans`` (the sentences of ``text`` if not given), each too long for an excerpt of
    ``max_chars`` (``too_long``) split into its clauses; as they are when ``max_chars`` is None."""
    spans = sentence_spans(text) if spans is None else spans
    if max_chars is None:
        return spans
    limit = too_long(max_chars)
    return [c for s, e in spans for c in (clauses(text, s, e) if e - s > limit else [(s, e)])]


def asked_for(frame: list[str]) -> re.Pattern | None:
    """What a question opening with ``frame`` ("how", "many") asks for, as a pattern; None when
    its opening does not say (or for words typed as a search)."""
    words = tuple(w.lower() for w in frame)
    for opening, pattern in ASKED_FOR.items():
        if words[: len(opening)] == opening:
            return re.compile(pattern, re.IGNORECASE)
    return None


@dataclass
class Excerpt:
    text: str  # what to show: the slice, with an ellipsis where it is cut
    start: int  # the slice is passage[start:end]
    end: int
    highlights: list[tuple[int, int]] = field(default_factory=list)  # ranges within ``text``
    answer: tuple[int, int] | None = None  # the best-matching sentence, within ``text``

    @property
    def quote_offset(self) -> int:
        """Where the slice starts within ``text`` (after a leading ellipsis)."""
        return len(ELLIPSIS) + 1 if self.text.startswith(ELLIPSIS + " ") else 0


# A matched span: (start, end, group), group saying which query term it matched.
Span = tuple[int, int, int]


def make_excerpt(
    passage: str,
    spans: list[Span],
    min_chars: int = MIN_CHARS,
    max_chars: int = MAX_CHARS,
    weights: dict[tuple[int, int], float] | None = None,
    sentence: tuple[int, int] | None = None,
    asks: re.Pattern | None = None,
    question: bool = False,
) -> Excerpt:
    """The excerpt of ``passage`` around the sentence that best matches ``spans`` (``weights``:
    how much the match at each (start, end) counts, e.g. how rare the word is; 1 if not given),
    or around ``sentence`` when the answering sentence is known otherwise (by meaning). ``asks``:
    what a question asks for (``asked_for``). For a ``question``, a sentence too long to show
    whole competes as its clauses (``CLAUSES``; measured on questions only)."""
    spans = sorted(s for s in spans if 0 <= s[0] < s[1] <= len(passage))
    if sentence is None or not (0 <= sentence[0] < sentence[1] <= len(passage)):
        split = max_chars if question else None
        sentence = best_sentence(passage, spans, weights, asks, split) if spans else None
    if len(passage.strip()) <= max_chars:
        start, end = trim(passage, 0, len(passage))
    elif sentence is not None and (rows_end := _rows_end(passage, sentence, max_chars)):
        # A row of a table near its header row: from the header down to the row, whole rows.
        start, end = trim(passage, 0, rows_end)
    else:
        if sentence is None:
            anchor = best_cluster(spans) if spans else (0, 0)
        elif sentence[1] - sentence[0] <= max_chars:
            anchor = _row_anchor(passage, sentence, max_chars)
        else:  # a sentence too long to show whole: its best cluster
            anchor = best_cluster([s for s in spans if sentence[0] <= s[0] < sentence[1]])
        start, end = _window(passage, anchor, min_chars, max_chars)
    return _build(passage, start, end, spans, sentence)


_TABLE_ROW = re.compile(r"\S \| \S")  # a line of cells, as the readers write a table row


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _rows_end(passage: str, sentence: tuple[int, int], max_chars: int) -> int | None:
    """Where the excerpt of a table ends when ``passage`` is a table (its first line a row of
    cells) whose header row can be shown with the row holding ``sentence`` in one excerpt of at
    most ``max_chars``, whole rows only; None otherwise (also when the row holding the sentence
    ends past ``max_chars``: then the ordinary window is cut around the sentence)."""
    lines = _lines(passage)
    if not lines or not _TABLE_ROW.search(passage, *lines[0]) or sentence[1] > max_chars:
        return None
    return max((e for _, e in lines if sentence[1] <= e <= max_chars), default=None)


# A row of a table whose cells hold sentences ("2004 | A leaflet was sent. It named the date.")
# is read as several sentences; when the answer is a later one, the excerpt grows after it first and
# can start inside the row, without its first cell (the year, the place, the term the row is
# about). True: the excerpt is anchored from the start of the answer's row when the two fit in one
# excerpt (``_row_anchor``). Off: over the 253 questions of the five question sets it changes 3
# excerpts, all of one passage of one document (one witness; bench/RESULTS.md, "Table rows and
# excerpts, round 17").
ROW_START = False


def _row_anchor(passage: str, sentence: tuple[int, int], max_chars: int) -> tuple[int, int]:
    """``sentence``, or from the start of its line to its end when that line is a row of cells
    (``_TABLE_ROW``) starting before it and the two fit in ``max_chars``."""
    if not ROW_START:
        return sentence
    line_start = passage.rfind("\n", 0, sentence[0]) + 1
    line_end = passage.find("\n", sentence[0])
    line_end = len(passage) if line_end < 0 else line_end
    if line_start >= sentence[0] or sentence[1] - line_start > max_chars:
        return sentence
    if not _TABLE_ROW.search(passage, line_start, line_end):
        return sentence
    return line_start, sentence[1]


def best_sentence(
    passage: str,
    spans: list[Span],
    weights: dict[tuple[int, int], float] | None = None,
    asks: re.Pattern | None = None,
    max_chars: int | None = None,
) -> tuple[int, int] | None:
    """(start, end) of the sentence holding the most weight of different groups (each group
    counting its weightiest match there; then the most groups, the most matches, the first);
    None when no sentence holds a match. With ``asks``, the weightiest sentence holding what the
    question asks for, if it holds at least ANSWER_SHARE of that weight. With ``max_chars``, a
    sentence too long for that excerpt competes as its clauses (``showable_spans``)."""
    keyed = _sentence_keys(passage, spans, weights or {}, max_chars)
    if HEADER_NOT_ANSWER and (header := header_end(passage)) is not None:
        # A table's header row names every row's columns ("Drug | Limit"): the answer is the
        # row the question is about ("Cannabis | 2 µg/L"), when a row holds a match of its own.
        keyed = [item for item in keyed if item[1][0] >= header] or keyed
    if not keyed:
        return None
    best_key, best = max(keyed, key=lambda item: item[0])
    if asks is not None and not asks.search(passage, *best):
        holding = [item for item in keyed if asks.search(passage, *item[1])]
        if holding:
            key, span = max(holding, key=lambda item: item[0])
            if key[0] >= ANSWER_SHARE * best_key[0]:
                return span
    return best


def _sentence_keys(
    passage: str, spans: list[Span], weights: dict, max_chars: int | None = None
) -> list[tuple[tuple, tuple]]:
    """(key, (start, end)) of each sentence holding a match, the key as ``best_sentence`` ranks:
    the weight of different groups, their number, the matches (the first sentence wins ties)."""
    out = []
    for start, end in showable_spans(passage, max_chars):
        inside = [s for s in spans if start <= s[0] and s[1] <= end]
        if not inside:
            continue
        by_group: dict[int, float] = {}
        for s in inside:
            value = weights.get((s[0], s[1]), 1.0)
            by_group[s[2]] = max(by_group.get(s[2], 0.0), value)
        weight = sum(by_group.values())
        out.append(((round(weight, 6), len(by_group), len(inside), -start), (start, end)))
    return out


def best_cluster(spans: list[Span]) -> tuple[int, int]:
    """(start, end) of the run of spans within CLUSTER_CHARS that holds the most different terms
    (then the most matches, then the tightest)."""
    best_key, best = None, (spans[0][0], spans[0][1])
    j = 0
    for i, (start, _, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - start <= CLUSTER_CHARS:
            j += 1
        chosen = spans[i : j + 1]
        end = max(s[1] for s in chosen)
        key = (len({s[2] for s in chosen}), len(chosen), -(end - start))
        if best_key is None or key > best_key:
            best_key, best = key, (start, end)
    return best


def _window(text: str, anchor: tuple[int, int], min_chars: int, max_chars: int) -> tuple[int, int]:
    sentences = sentence_spans(text)
    inside = [
        i
        for i, (s, e) in enumerate(sentences)
        if e > anchor[0] and s < max(anchor[1], anchor[0] + 1)
    ]
    if inside:
        first, last = inside[0], inside[-1]
        start, end = sentences[first][0], sentences[last][1]
        if end - start <= max_chars:
            # Grow by whole sentences towards the middle of the range, the next sentence first
            # (it usually says what the match means), then the one before.
            target = (min_chars + max_chars) // 2
            while end - start < target:
                if last + 1 < len(sentences) and sentences[last + 1][1] - start <= max_chars:
                    last += 1
                    end = sentences[last][1]
                elif first > 0 and end - sentences[first - 1][0] <= max_chars:
                    first -= 1
                    start = sentences[first][0]
                else:
                    break
            if end - start >= min_chars:
                return start, end
            return _extend_by_words(text, start, end, min_chars, max_chars)
    return _word_window(text, anchor, max_chars)


def _extend_by_words(
    text: str, start: int, end: int, min_chars: int, max_chars: int
) -> tuple[int, int]:
    """Sentences too short on their own: run on into the next (or previous) sentence, by words."""
    target = (min_chars + max_chars) // 2
    if end < len(text):
        end = _word_end(text, min(len(text), start + target))
    if end - start < min_chars and start > 0:
        start = _word_start(text, max(0, end - target))
    return trim(text, start, end)


def _word_window(text: str, anchor: tuple[int, int], max_chars: int) -> tuple[int, int]:
    """A window of about ``max_chars`` centred on the anchor, cut at word boundaries."""
    a_start, a_end = anchor
    width = max_chars - 2 * (len(ELLIPSIS) + 1)
    if a_end - a_start >= width:
        start, end = a_start, a_start + width
    else:
        pad = (width - (a_end - a_start)) // 2
        start = max(0, a_start - pad)
        end = min(len(text), start + width)
        start = max(0, end - width)
    if start > 0:
        start = _word_start(text, start)
    if end < len(text):
        end = _word_end(text, end)
    return trim(text, start, end)


def _word_start(text: str, i: int) -> int:
    """The first word start at or after ``i`` (``i`` itself if a word starts there)."""
    if i == 0 or text[i - 1].isspace():
        return i
    while i < len(text) and not text[i].isspace():
        i += 1
    return i


def _word_end(text: str, i: int) -> int:
    """The last word end at or before ``i``."""
    if i >= len(text) or text[i].isspace():
        return i
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _build(
    passage: str, start: int, end: int, spans: list[Span], sentence: tuple[int, int] | None = None
) -> Excerpt:
    prefix = ELLIPSIS + " " if passage[:start].strip() else ""
    suffix = " " + ELLIPSIS if passage[end:].strip() else ""
    shift = len(prefix) - start
    highlights = [(s + shift, e + shift) for s, e, _ in spans if s >= start and e <= end]
    answer = None
    if sentence is not None and start <= sentence[0] and sentence[1] <= end:
        answer = (sentence[0] + shift, sentence[1] + shift)
    return Excerpt(prefix + passage[start:end] + suffix, start, end, highlights, answer)
