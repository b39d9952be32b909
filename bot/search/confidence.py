"""How well a search answer matched: the confidence gate's measure.

Each answer knows, for its best result (``measure``):

- ``found``: the share of the query's words it holds, each weighed by its rarity and by how it
  matched (the word itself 1, another form of it 0.85, a glossary equivalent 0.8, a spelling
  correction 0.7: ``bot.search.scoring.STRENGTH``); stop words and a question's frame do not count;
- ``exact``: the share of that weight matched as typed (the word or another form of it);
- ``together``: 1 when the words it holds sit side by side, falling as they scatter;
- ``corrected``: whether the query was read with corrected spellings;
- ``phrase_missing``: a phrase the library's glossary knows as one thing ("county lines") whose
  words the result does not hold side by side: a single word of it ("lines") never stands in;
- ``held``: how many of the query's words the result holds at all.

- ``known``: the share of the query's words the library holds at all (a word it holds only
  through a spelling correction counts half).

``value`` folds them into one number from 0 to 1 and ``confident`` compares it with
``THRESHOLD``, chosen on the tuning half of the question sets, the test collections' queries and
generated nonsense (``bench/confidence.py``; figures in ``bench/RESULTS.md``). Below it, the front
ends answer privately: "No good match for ...", with the nearest terms the library knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

# Chosen on the tuning part (bench/confidence.py: fewest good answers hidden plus junk shown,
# each at most 5%); figures for both parts in bench/RESULTS.md.
THRESHOLD = 0.44
# Round 13 (switch): a word held only through a spelling correction counts half in ``known``,
# so a query of one misspelt word ("recomendations", "fundng") was never answered, however
# plain the slip. A correction one edit from the word as typed (a letter added, dropped, changed
# or two swapped), of a typed word of at least ``CLOSE_MIN_LETTERS`` letters, counts this much
# instead. 0.5 turns it off. Measured in bench/confidence.py (RESULTS, "Round 13, coordinator").
CLOSE_CORRECTION_KNOWN = 0.75
CLOSE_MIN_LETTERS = 5
PHRASE_SHARE = 0.5  # a known phrase decides when it is at least this share of the query's words
GAP = 3  # characters between two words of a phrase ("county-lines", "county, lines")


@dataclass
class Confidence:
    found: float = 0.0
    exact: float = 0.0
    together: float = 0.0
    corrected: bool = False
    phrase_missing: str | None = None
    held: int = 0
    words: int = 0
    known: float = 0.0  # share of the query's words the library holds in some form
    value: float = 0.0
    threshold: float = THRESHOLD
    nearest: list[str] = field(default_factory=list)  # terms the library knows, for the gate

    @property
    def confident(self) -> bool:
        return self.value >= self.threshold and self.phrase_missing is None


def measure(plan, parsed, best, corrected: bool = False, vocab=None) -> Confidence:
    """The confidence of an answer whose best result is ``best`` (a re-scored candidate with
    ``assigned`` marks), for the ``plan`` of the ``parsed`` query."""
    content = [slot for slot in range(plan.slots) if slot not in plan.stop]
    if only_stop_words(parsed):  # "the", "AND OR NOT": no topic to be confident about
        content = []
    conf = Confidence(corrected=corrected, words=len(content))
    if vocab is not None and content:
        conf.known = _known(plan, vocab, content)
    if best is None or not content:
        return conf
    weights = {slot: max(plan.weights[slot], 1e-6) for slot in content}
    total = sum(weights.values())
    strength = dict.fromkeys(content, 0.0)
    for _, _, alt, value in best.assigned:
        if alt is None:
            continue
        for slot in alt.slots:
            if slot in strength:
                strength[slot] = max(strength[slot], value)
    conf.found = sum(weights[s] * strength[s] for s in content) / total
    conf.exact = sum(weights[s] for s in content if strength[s] >= 0.85) / total
    conf.held = sum(1 for s in content if strength[s] > 0)
    conf.together = _together(plan, best.assigned, content)
    conf.phrase_missing = _phrase_missing(plan, parsed, best.assigned)
    conf.value = _value(conf)
    return conf


def only_stop_words(parsed) -> bool:
    """Whether every word of the query is an English stop word ("the", "and or not"), so that
    it names no topic. The plan searches such words when they are all there is; the gate
    still holds the answer back. One word typed in capitals ("IT", "US") may be an acronym and
    is not counted as a stop word."""
    from bot.library.text import fold
    from bot.search.plan import stop_words

    terms = parsed.terms
    if not terms or any(term.phrase or len(term.words) != 1 for term in terms):
        return False
    if len(terms) == 1 and not parsed.shouted:
        word = terms[0].words[0]
        start, end = terms[0].spans[0] if terms[0].spans else (0, 0)
        typed = parsed.text[start:end] or word
        if len(typed) >= 2 and typed.isupper():
            return False
    stop = stop_words()
    return all(fold(term.words[0]) in stop for term in terms)


def _known(plan, vocab, content: list[int]) -> float:
    """The share of the query's words the library holds as typed (in some form), a word it
    holds only through a spelling correction counting half."""
    from bot.search.scoring import _held

    exact, corrected, close = set(), set(), set()
    typed = {
        alt.slots[0]: alt.tokens[0]
        for alt in plan.alternatives
        if alt.kind == "exact" and len(alt.slots) == 1 and len(alt.tokens) == 1
    }
    for alt in plan.alternatives:
        if alt.kind == "expanded" or not all(_held(vocab, token) for token in alt.tokens):
            continue
        (exact if alt.kind == "exact" else corrected).update(alt.slots)
        if alt.kind == "corrected" and len(alt.slots) == 1 and len(alt.tokens) == 1:
            word = typed.get(alt.slots[0], "")
            if len(word) >= CLOSE_MIN_LETTERS and OSA.distance(word, alt.tokens[0]) <= 1:
                close.add(alt.slots[0])

    def share(slot: int) -> float:
        if slot in exact:
            return 1.0
        if slot in close:
            return max(0.5, CLOSE_CORRECTION_KNOWN)
        return 0.5 if slot in corrected else 0.0

    return sum(share(s) for s in content) / len(content)


def _value(conf: Confidence) -> float:
    """One number from 0 to 1: how much of the query the library knows at all (``known``: a
    query of words it never uses is nonsense to it, whatever a stray match holds), times how
    much of the query the best result holds (``found``), the latter counting half."""
    return round(conf.known * (0.5 + 0.5 * conf.found), 4)


def _together(plan, assigned: list, content: list[int]) -> float:
    """1 when the content words the result holds sit within a short window, less as they
    scatter (the narrowest window against the words' own length)."""
    spans = sorted(
        (s, e, slot)
        for s, e, alt, _ in assigned
        if alt is not None
        for slot in alt.slots
        if slot in content
    )
    wanted = {slot for _, _, slot in spans}
    if len(wanted) < 2:
        return 1.0 if len(content) == 1 else 0.0
    best = None
    counts: dict[int, int] = {}
    left = 0
    for _, end, slot in spans:
        counts[slot] = counts.get(slot, 0) + 1
        while len([c for c in counts.values() if c]) == len(wanted):
            width = end - spans[left][0]
            best = width if best is None else min(best, width)
            counts[spans[left][2]] -= 1
            left += 1
    ideal = sum(min(e - s for s, e, sl in spans if sl == slot) for slot in wanted)
    ideal += len(wanted) - 1
    return min(1.0, ideal / best) if best else 0.0


def _phrase_missing(plan, parsed, assigned: list) -> str | None:
    """A run of query words the glossary knows as one thing ("national crime agency") of which
    the result holds one word at most, neither the run as such (an equivalent of it) nor its
    words side by side: one word of it standing in for the whole."""
    runs: dict[int, list[int]] = {}
    for slot in range(plan.slots):
        runs.setdefault(plan.unit(slot), []).append(slot)
    content = [slot for slot in range(plan.slots) if slot not in plan.stop]
    for slots in runs.values():
        if len(slots) < 2 or len(slots) < PHRASE_SHARE * len(content):
            continue  # a phrase that is a small part of a long query does not decide it
        if any(alt is not None and set(slots) <= set(alt.slots) for _, _, alt, _ in assigned):
            continue
        if _side_by_side(slots, assigned):
            continue
        held = {slot for _, _, alt, _ in assigned if alt is not None for slot in alt.slots}
        if len(held & set(slots)) >= 2:
            continue  # its words apart: scattered, which ``together`` says; not a stand-in
        return " ".join(parsed.terms[slot].text for slot in slots)
    return None


def known_phrase(db, plan, parsed) -> list[int] | None:
    """The query's words, when they are a short phrase the library uses as one ("county lines":
    two or three words typed, not a question, not quoted, none corrected; at least two passages
    hold them word for word, and they are most of the passages holding all of them):
    then a passage holding only one of them ("along the lines of"), or both apart, does not
    stand in for it (``holds``)."""
    from bot.search.plan import _tokens

    content = [slot for slot in range(plan.slots) if slot not in plan.stop]
    if parsed.question or plan.corrected or not 2 <= len(content) <= MAX_PHRASE_WORDS:
        return None
    if content != list(range(content[0], content[-1] + 1)):
        return None
    if any(parsed.terms[slot].phrase for slot in content):
        return None  # quoted: search requires it already
    tokens = [token for slot in content for token in _tokens(parsed.terms[slot].text)]
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    phrase = '"' + " ".join(tokens).replace('"', '""') + '"'
    try:
        together = _count(db, phrase)
        apart = _count(db, " AND ".join(quoted)) if together >= MIN_WITNESSES else 0
    except Exception:  # noqa: BLE001 - never expected (the words are quoted); no phrase then
        return None
    # A phrase, not two words that happen to meet: most passages holding all its words hold
    # them word for word, and at least two do.
    if together >= MIN_WITNESSES and together >= COLLOCATION * apart:
        return content
    return None


def _count(db, expression: str, cap: int = 1000) -> int:
    sql = "select count(*) from (select 1 from passages_fts where passages_fts match ? limit ?)"
    return db.execute(sql, [expression, cap]).fetchone()[0]


MIN_WITNESSES = 2
COLLOCATION = 0.5
MAX_PHRASE_WORDS = 3


def holds(slots: list[int], assigned: list) -> bool:
    """Whether a passage's marks hold the query words ``slots`` side by side (or an equivalent
    of the whole run)."""
    if any(alt is not None and set(slots) <= set(alt.slots) for _, _, alt, _ in assigned):
        return True
    return _side_by_side(slots, assigned)


def _side_by_side(slots: list[int], assigned: list) -> bool:
    starts: list[dict[int, int]] = [{} for _ in slots]
    for start, end, alt, _ in assigned:
        if alt is not None and len(alt.slots) == 1 and alt.slots[0] in slots:
            starts[slots.index(alt.slots[0])][start] = end
    if not all(starts):
        return False
    ends = set(starts[0].values())
    for following in starts[1:]:
        ends = {
            end
            for start, end in following.items()
            if any(0 < start - previous <= GAP for previous in ends)
        }
        if not ends:
            return False
    return True
