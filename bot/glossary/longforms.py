"""The long form before or after a short form: one search over the rules' costs and limits."""

from __future__ import annotations

import re
import threading

from bot.glossary.align import (
    _Aligner,
    _cheapest_start,
    _cuts,
    _lead_part,
    _letters,
    _roman_as_digits,
    _rotated,
    _title,
)
from bot.glossary.rules import (
    FUNCTION_START,
    MAX_BOUNDED,
    MAX_COST,
    MAX_LISTED,
    MAX_REPEATED,
    ROTATION,
)
from bot.glossary.tokens import is_all_capital
from bot.glossary.words import (
    _BREAK,
    _BREAK_WORD_COLON,
    _INF,
    _INNER_BRACKETS,
    FUNCTION_WORDS,
    NUMBER_WORDS,
    _Word,
    _words,
)


def _long_form_before(short: str, text: str, end: int, rules) -> tuple[str, int, float] | None:
    """The long form ending at ``end`` in ``text`` for ``short``: (long form, start, cost).

    One search over the ways the rules allow, each with its own limit and its rule's cost
    (``bot.glossary.rules``): the plain alignment; a Roman numeral read as digits; the short
    form's runs in another order (``rotations``); a function word first (``function_starts``,
    costing as much as a plain alignment may); a start after a clause break or an article on a
    looser limit (``bounded_forms``); the looser limit for a capital short form used again
    (``repeated_forms``); a list back over commas (``comma_items``). The cheapest in all wins,
    the first on a tie; a way is not tried when the least it could cost cannot beat the best so
    far (a looser limit over the plain alignment's own starts never beats it)."""
    cache: dict = {}  # the words before ``end``, read once for every way
    best: list = [None, _INF]  # (long form, start, cost), its total

    def offer(found, surcharge: float = 0.0) -> None:
        if found and found[2] + surcharge < best[1]:
            best[0], best[1] = found, found[2] + surcharge

    plain = _long_form_before_as(short, text, end, rules, cache=cache)
    offer(plain)
    if "roman_numerals" in rules and best[1] > 0 and (digits := _roman_as_digits(short)):
        offer(_long_form_before_as(digits, text, end, rules, cache=cache))
    if "rotations" in rules and best[1] > ROTATION and _cuts(short, rules):
        offer(_long_form_before_as(short, text, end, rules, rotate=True, cache=cache))
    if "comma_items" in rules and best[1] > 0:
        if cache.get(("comma", end)):
            # "high in fat, sugar, salt (HFSS)": a list whose items each give letters, in any
            # case, when the alignment is close
            listed = _long_form_before_as(
                short, text, end, rules, max_cost=MAX_LISTED, cache=cache, commas=True
            )
            if listed and not _names_others(listed[0]):
                offer(listed)
    if plain is None:  # the looser ways: each over the plain alignment's words, or a subset
        if "function_starts" in rules and best[1] > FUNCTION_START:
            offer(
                _long_form_before_as(short, text, end, rules, cache=cache, function_start=True),
                FUNCTION_START,
            )
        if "bounded_forms" in rules and best[1] > MAX_COST:
            offer(
                _long_form_before_as(
                    short, text, end, rules, max_cost=MAX_BOUNDED, cache=cache, bounded=True
                )
            )
        if "repeated_forms" in rules and best[1] > MAX_COST and _used_again(short, text, end):
            strict = set(rules) - {"numbered_kinds"}  # every digit from a word: never "(MDT3)"
            found = _long_form_before_as(
                short, text, end, strict, max_cost=MAX_REPEATED, cache=cache
            )
            if found and not _LOOSE.search(found[0]):  # "weeks one to four", "W aste": too loose
                offer(found)
    return best[0]


# What a long form on the looser limit may not hold: brackets, number words, and a lone capital
# before a lower-case word (a word broken in extraction: "W aste Resources and A ction").
_LOOSE = re.compile(r"[()]|\b(?:" + "|".join(NUMBER_WORDS) + r")\b|\b[A-Z] [a-z]")


def _used_again(short: str, text: str, end: int) -> bool:
    """Whether ``short`` (all capitals and digits, three or more letters) is used again after
    its definition: "... data quality unit (PNCU) staff. The PNCU found gaps"."""
    if len(short) < 3 or not is_all_capital(short.replace("-", "")):
        return False
    uses = _last_uses(text)
    if uses is not None:
        return uses.get(short, -1) >= end + len(short) + 2
    at = text.find(short, end + len(short) + 2)
    while at >= 0:
        before, after = text[at - 1 : at], text[at + len(short) : at + len(short) + 1]
        if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
            return True
        at = text.find(short, at + 1)
    return False


# A word with the hyphens joined to it: "PNCU" is used in "the PNCU found", not in "anti-PNCU".
_USE_TOKEN = re.compile(r"-*[^\W_]+(?:-+[^\W_]+)*-*")
_SCANS_BEFORE_INDEX = 32  # look-aheads in one text before its words are indexed instead
# Per thread (ingests may run side by side): the text last asked about, how often, its index.
_LAST_USES = threading.local()


def _last_uses(text: str) -> dict[str, int] | None:
    """Where each word of ``text`` is used last, once a text has been asked about often: each
    question would otherwise read the rest of a long document again. None until then (a plain
    search ahead is quicker for the few questions most texts ask)."""
    state = _LAST_USES
    if getattr(state, "text", None) is not text:
        state.text, state.asked, state.index = text, 0, None
    state.asked += 1
    if state.index is None and state.asked > _SCANS_BEFORE_INDEX:
        state.index = {m.group(): m.start() for m in _USE_TOKEN.finditer(text)}
    return state.index


def _long_form_before_as(
    short: str,
    text: str,
    end: int,
    rules,
    rotate: bool = False,
    max_cost: float = MAX_COST,
    cache: dict | None = None,
    commas: bool = False,
    bounded: bool = False,
    function_start: bool = False,
) -> tuple[str, int, float] | None:
    """The long form ending at ``end`` in ``text`` for ``short``: (long form, start, cost);
    with ``rotate``, only with the short form's runs in another order. ``cache`` keeps the words
    read for one bracket between tries; with ``commas``, the words go back over commas."""
    letters, lower = _letters(short, rules)
    key = ("words", end, commas)
    if cache is not None and key in cache:
        words = cache[key]
    else:
        known = cache.get(("words", end, False)) if cache is not None and commas else None
        words = _words_before(text, end, rules, commas, known)
        if cache is not None:
            cache[key] = words
            # whether the words stop at a comma, so that going back over it could add some
            cache[("comma", end)] = bool(words) and (
                text[max(0, words[0].start - 400) : words[0].start].rstrip().endswith(",")
            )  # a slice: never the whole text before every bracket
    limit = min(len(letters) + 5, len(letters) * 2)
    trimmed = _trimmed(words, limit)
    if cache is not None and len(trimmed) < len(words):
        cache[("comma", end)] = False  # already more words than a long form may have
    whole = len(trimmed) == len(words)
    words = trimmed
    if not words:
        return None
    starts = None
    if bounded:  # only starts right after a break or an article
        starts = {
            s
            for s in range(len(words))
            if (s == 0 and whole) or (s and words[s - 1].chars in ("the", "a", "an"))
        }
    if rotate:
        found = _rotated(short, words, rules)
    else:
        # one aligner for every try on these words: the costs it has worked out are kept
        key = ("aligner", end, commas, short, frozenset(rules))
        aligner = cache.get(key) if cache is not None else None
        if aligner is None:
            aligner = _Aligner(*_letters(short, rules), words, rules)
            if cache is not None:
                cache[key] = aligner
        aligner.function_start = function_start
        found = _cheapest_start(aligner, starts)
    if found is None or found[0][0] > max_cost:
        return None
    (cost, s), first_letter = found
    start = words[s].start + _lead_part(words[s].text, first_letter, rules)
    long = text[start : words[-1].end]
    return (long, start, cost) if _acceptable(short, long, rules) else None


def _words_before(
    text: str, end: int, rules, commas: bool = False, known: list[_Word] | None = None
) -> list[_Word]:
    """The words a long form ending at ``end`` may come from: back to the last break (with
    ``commas``, back over up to four commas, before the words ``known`` to come after them)."""
    begin = max(0, end - 400)
    breaker = _BREAK_WORD_COLON if "inner_colons" in rules else _BREAK
    breaks = list(breaker.finditer(text, begin, end))
    if "inner_brackets" in rules and breaks:
        inner = [m.span() for m in _INNER_BRACKETS.finditer(text, begin, end)]
        breaks = [b for b in breaks if not any(a <= b.start() < z for a, z in inner)]
    if "comma_lists" in rules:  # "Health, Exercise, Nutrition for the Really Young (HENRY)"
        for _ in range(4):
            if not breaks or not breaks[-1].group().startswith(","):
                break
            comma = breaks[-1]
            before = text[max(begin, comma.start() - 40) : comma.start()].split()
            after = text[comma.end() : end].split()
            if not (before and after and _title(before[-1]) and _title(after[0])):
                break
            breaks.pop()
    tail = None
    if commas and known is not None:
        tail, end = known, breaks[-1].end() if breaks else begin
    for _ in range(4 if commas else 0):
        if not breaks or not breaks[-1].group().startswith(","):
            break
        breaks.pop()
    begin = breaks[-1].end() if breaks else begin
    return _words(text[begin:end], begin, rules) + (tail or [])


def _trimmed(words: list[_Word], limit: int) -> list[_Word]:
    """The last words, at most ``limit`` of them content words, as Schwartz-Hearst."""
    content = 0
    first = len(words)
    while first > 0 and content < limit:
        first -= 1
        content += not words[first].function
    return words[first:]


def _long_form_after(
    short: str, text: str, start: int, end: int, rules, whole: bool, max_cost: float = MAX_COST
) -> tuple[str, int, float] | None:
    """The long form in text[start:end] for ``short`` that starts at ``start``: all of it when
    ``whole``, else the cheapest leading run of words (longest on a tie)."""
    letters, lower = _letters(short, rules)
    words = _words(text[start:end], start, rules)
    if not words:
        return None
    ends = [len(words)] if whole else range(len(words), 0, -1)
    best: tuple[float, int] | None = None
    aligner = _Aligner(letters, lower, words, rules)
    for function_start in (False, True) if "function_starts" in rules else (False,):
        aligner.function_start = function_start
        for last in ends:
            cost = aligner.from_word(0, last)
            if cost < _INF and (best is None or cost < best[0]):
                best = (cost, last)
        if best is not None:
            break
    if best is None or best[0] > max_cost:
        return None
    cost, last = best
    long = text[words[0].start : words[last - 1].end]
    return (long, words[0].start, cost) if _acceptable(short, long, rules) else None


def _acceptable(short: str, long: str, rules=frozenset()) -> bool:
    """A long form a reader would accept: longer than the short form, not all capitals (unless
    a title in capitals whose words' initials spell it: ``capital_titles``), not containing the
    short form as a word, and not longer than Schwartz-Hearst allows."""
    if len(long) <= len(short):
        return False
    if long.upper() == long and not ("capital_titles" in rules and _initials_spell(short, long)):
        return False
    tokens = long.split()
    words = {t.lower().strip(",.;:'’()[]") for t in tokens}
    if short.lower() in words or short.partition("(")[0].lower() in words:
        return False  # "TF site (TF(+))": the short form is a word of it
    if is_all_capital(short) and any(short in t for t in tokens):
        return False  # "CPR (complete DNACPR form ...)": the short form inside a long-form word
    n = len([ch for ch in short if ch.isalnum()])
    return len(tokens) <= min(n + 5, n * 2) + sum(t.lower() in FUNCTION_WORDS for t in tokens)


def _initials_spell(short: str, long: str) -> bool:
    """Whether the initials of the first words of ``long`` (joining words giving theirs or
    none, later words a head: "ACT 1984") are the letters of ``short``, in a title in capitals:
    "POLICE AND CRIMINAL EVIDENCE ACT 1984" for PACE."""
    letters = [ch.lower() for ch in short if ch.isalpha()]
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", long)]
    if len(letters) < 3 or len(words) < 2 or not short.isupper():
        return False

    def walk(w: int, a: int) -> bool:
        if a == len(letters):
            return w > 1  # the rest are head words
        if w == len(words):
            return False
        word = words[w].lower()
        if word in FUNCTION_WORDS and walk(w + 1, a):
            return True
        return word[0] == letters[a] and walk(w + 1, a + 1)

    return walk(0, 0)


def _names_others(long: str) -> bool:
    """Whether a long form holds an all-capital word, so other short forms ("ROCU2 and ROCU3")."""
    return any(is_all_capital(w.strip(",;")) for w in long.split())
