"""A query turned into a plan: each term's alternatives (its spelling corrections from the
unstemmed vocabulary, and what the expanders say it is equivalent to, for single terms and for
runs of words), the FTS5 expression of each unit of the query, and each word's weight (the
rarity of its stem). ``bot.search.ranking`` passes in the expanders (``expand``)."""

from __future__ import annotations

import functools
import math
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.library.text import fold
from bot.search.query import ParsedQuery
from bot.search.vocabulary import Readings, Vocabulary

# expand(db, text, stamps): what the expanders offer for ``text``, as folded token tuples
Expand = Callable[..., list[tuple[str, ...]]]

# A query of more words than PASTED is pasted text, not typed: its words are not spell-corrected
# nor offered to the expanders as runs (the costly steps per word). Over LONG_QUERY words,
# proximity is not scored either (a long text's words are spread over every passage), and its
# rarest MATCH_TERMS words find the candidates; every word still scores.
PASTED = 64
LONG_QUERY = 160
MAX_REPEATS = 5  # a word typed more often than this weighs no more (bm25 counts each time)
MAX_RUN = 6  # longest run of words offered to the expanders ("national crime agency" -> NCA)
COMMON_FROM = 5_000  # in libraries of at least this many passages
STEM_RARITY = False  # a word weighs by the rarity of its stem (all forms FTS5 matches)
# A word typed as no passage spells it, though forms of its stem (or of its correction's) are
# held ("optimising", where the passages say "optimal", "optimization", and a few "optimizing"),
# weighs as rare as those forms, not as a word in no passage (the rarest there is) nor as a rare
# variant spelling: otherwise a passage holding only another form of it outweighs one holding
# the query's other words (issue 21's "optimising linear networks"). A spelling typed as some
# passage holds it keeps its own rarity (STEM_MATCH in bot.search.scoring, the broader rule,
# also caps those: it cost two of the team's question tests). False: as before.
STEM_UNHELD = False
# A word's corrections are searched one per stem (issue 21, round 8): "recrods" read as "records"
# and "record", or "offfences" as "offences" and "offence", are one word to the stemmed index, and
# FTS5 scores an OR of two phrases by adding both: the word counted twice in bm25, so a passage
# holding it once outranks one holding the query's other words (bench/RESULTS.md, "Long documents
# with typos, round 8"). A further correction that the index stems as an earlier one (or as the
# word typed) matches no passage the first does not: it is left out. False: as before.
CORRECTIONS_PER_STEM = True
# A word typed as no word and read as a stop word ("whcih" as "which", "thorugh" as "through") is a
# stop word too (issue 21, round 8): it weighed as its correction's rarity, gated the all-words
# match and counted in coverage and proximity, where the same query typed right leaves it to the
# re-scoring. False: as before (only the words typed as stop words).
STOP_CORRECTED = True
# A word this library spells so in passages of this many documents is its own word (two
# publishers, or two reports, write "tasking"), not one document's slip: no far commoner
# look-alike is searched beside it ("tasking" is not "taking"). A slip in one document still
# gets its look-alike. 0 turns the rule off (bench/RESULTS.md, round 12).
OWN_WORD_DOCUMENTS = 2


# A word of letters run into digits ("COVID19", "NHS111") is also searched as the two apart
# ("Covid-19", "NHS 111"), which is how the documents write them: it found one web address, or
# nothing (found by the round-13 walk). Only with two or more letters, and a passage holding
# them side by side; the word as typed is still searched, and both count as typed (exact). False: as
# before.
SPLIT_LETTERS_DIGITS = True
_LETTERS_DIGITS = re.compile(r"([^\W\d_]{2,})(\d+)|(\d+)([^\W\d_]{2,})")

# A capitalised word the library holds, typed after a word that introduces a name ("Operation",
# "Project", "Ms", "Detective Sergeant") or inside a quoted phrase, is a name: no far commoner
# look-alike is searched beside it (round 14: "Operation Weeting" was also searched as "Operation
# Meeting", a name one document holds once read as a common word). A word the library lacks is
# still corrected, and the same word typed in lower case, or after no such word, is read as
# before. False: as before.
NAMES_KEPT = True
NAME_BEFORE = frozenset(
    """operation op project programme mr mrs ms miss mx dr doctor sir dame lord lady baroness
    baron professor prof judge justice hhj inspector insp sergeant sgt constable pc dc ds di dci
    dsi supt superintendent commander commissioner detective chief councillor cllr reverend rev
    witness""".split()
)
_NAME_WORD = re.compile(r"[^\W\d_]+\.?")
NAME_LOOKBACK = 3  # capitalised words between the name-like word and the name ("Mr John Neeting")


def _a_name(parsed: ParsedQuery, term, word: str, span: tuple[int, int]) -> bool:
    """Is ``word`` (at ``span``) typed as a name: capitalised (not a shouted query, not an
    acronym), in a quoted phrase or after a name-like word, or after capitalised words that
    follow one?"""
    if parsed.shouted or not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False
    if term.phrase or parsed.text[: span[0]].count('"') % 2:  # inside quotes
        return True
    before = _NAME_WORD.findall(parsed.text[: span[0]])[-(NAME_LOOKBACK + 1) :]
    for previous in reversed(before):
        if fold(previous.rstrip(".")) in NAME_BEFORE:
            return True
        if not previous[:1].isupper():
            return False
    return False


def _split_letters_digits(db, vocab: Vocabulary, word: str, slot: int) -> list[Alternative]:
    match = _LETTERS_DIGITS.fullmatch(word)
    if not match:
        return []
    parts = tuple(_key(part) for part in match.groups() if part)
    if not all(vocab.count(part) for part in parts):
        return []
    split = Alternative(parts, (slot,), "exact")  # the same words, a space apart
    sql = "select 1 from passages_fts where passages_fts match ? limit 1"
    try:  # some passage holds them side by side, else the word is as unknown as before
        held = db.execute(sql, [split.fts()]).fetchone() is not None
    except sqlite3.Error:
        return []
    return [split] if held else []


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
    held: dict[str, int] = field(default_factory=dict)  # unit expression -> passages (estimate)
    # slot -> the first slot of its unit: the words of a run the expanders know as one thing
    # ("regional organised crime units") are one unit for proximity (always side by side)
    unit_of: dict[int, int] = field(default_factory=dict)
    other_weights: list[float] = field(default_factory=list)  # per slot, by the other rarity
    pasted: bool = False  # pasted text (``bot.search.pasted``): no typed-words match
    unheld: frozenset[int] = frozenset()  # slots spelt as no passage does, their stems held
    question: bool = False  # a question in plain English (its frame set aside)

    def unit(self, slot: int) -> int:
        return self.unit_of.get(slot, slot)

    def proximity_units(self) -> set[int]:
        """The units that are not only stop words."""
        return {self.unit(s) for s in range(self.slots) if s not in self.stop} or {
            self.unit(s) for s in range(self.slots)
        }


def make_plan(db, parsed: ParsedQuery, vocab: Vocabulary, expand: Expand) -> Plan:
    alternatives: list[Alternative] = []
    slot_exprs: list[str] = []
    replacements: dict[tuple[int, int], str] = {}
    also: dict[tuple[int, int], str] = {}  # words kept, with another plausible reading searched
    corrected_forms: list[str] = []
    phrase_tokens: list[str] = []  # every word, corrected, in order: the query as one phrase
    weights: list[float] = []
    other_weights: list[float] = []  # by the other rarity (stem / word): for bench/ir_loco.py
    unheld: set[int] = set()  # slots with a word no passage spells so, though its stem's forms
    stamps: dict = {}  # each expander's stamp, asked once per query
    pasted = parsed.pasted or len(parsed.terms) > PASTED
    for i, term in enumerate(parsed.terms):
        exact = _tokens(term.text)
        if not exact:  # e.g. only underscores: nothing FTS5 would index
            weights.append(0.0)
            other_weights.append(0.0)
            slot_exprs.append("")
            corrected_forms.append("")
            continue
        alts = [Alternative(exact, (i,), "exact")]
        best, weight, other_weight, unheld_word = [], 0.0, 0.0, False
        other = []  # the term with each word's "also" reading, if any
        for word, span in zip(term.words, term.spans, strict=True):
            readings = (
                _readings(db, vocab, word, stamps, expand)
                if not pasted  # pasted text: no corrections
                else Readings()
            )
            if NAMES_KEPT and readings.also and word in vocab and _a_name(parsed, term, word, span):
                readings = Readings(replace=readings.replace)
            found = _one_per_stem(vocab, word, readings.replace)
            if found:
                replacements[span] = _same_case(parsed.text[span[0] : span[1]], found[0].word)
                if not term.phrase:
                    alts += [Alternative((c.word,), (i,), "corrected") for c in found]
            elif readings.also:
                also[span] = _same_case(parsed.text[span[0] : span[1]], readings.also[0].word)
                if not term.phrase:
                    alts += [Alternative((c.word,), (i,), "corrected") for c in readings.also]
            best.append(found[0].word if found else word)
            other.append(readings.also[0].word if readings.also else best[-1])
            weight = max(weight, _slot_idf(vocab, best[-1]))
            other_weight = max(other_weight, _slot_idf(vocab, best[-1], not STEM_RARITY))
            unheld_word = unheld_word or _unheld(vocab, word, best[-1])
        if unheld_word:
            unheld.add(i)
        weights.append(weight)
        other_weights.append(other_weight)
        best_tokens = _tokens(" ".join(best))
        phrase_tokens += best_tokens
        if term.phrase and best_tokens != exact:
            alts.append(Alternative(best_tokens, (i,), "corrected"))
        if term.phrase and _tokens(" ".join(other)) not in (exact, best_tokens):
            alts.append(Alternative(_tokens(" ".join(other)), (i,), "corrected"))
        corrected_forms.append(" ".join(best))
        if SPLIT_LETTERS_DIGITS and not term.phrase and len(term.words) == 1:
            alts += _split_letters_digits(db, vocab, term.words[0], i)
        for form in dict.fromkeys([term.text, " ".join(best)]):
            alts += [Alternative(t, (i,), "expanded") for t in expand(db, form, stamps)]
        alts = _unique(alts)
        alternatives += alts
        slot_exprs.append(_any(alts))
    stop = _stop_slots(parsed, corrected_forms if STOP_CORRECTED else None)
    if len(stop) < len(weights):  # stop words weigh nothing, unless they are all there is
        weights = [0.0 if i in stop else w for i, w in enumerate(weights)]
        other_weights = [0.0 if i in stop else w for i, w in enumerate(other_weights)]
    else:
        stop = frozenset()
    light = _light_slots(parsed, stop) if parsed.question and LIGHT_SHARE != 1.0 else ()
    if light:
        weights = [w * LIGHT_SHARE if i in light else w for i, w in enumerate(weights)]
        other_weights = [w * LIGHT_SHARE if i in light else w for i, w in enumerate(other_weights)]
        if not LIGHT_SHARE:  # stop words of the question: no bm25, no gate
            stop = stop | light
    if STEM_UNHELD and not STEM_RARITY:  # other_weights are then the stems' rarities
        weights = [min(w, other_weights[i]) if i in unheld else w for i, w in enumerate(weights)]
    found_units = _units(
        db, parsed, vocab, slot_exprs, corrected_forms, alternatives, stamps, expand, edges=stop
    )
    units = [(expr, share) for expr, share, _ in found_units]
    content = [(e, share) for e, share, slots in found_units if not set(slots) <= stop]
    rarity = {e: max(weights[i] for i in slots) for e, _, slots in found_units}
    held = {
        e: _unit_rows(vocab, alternatives, slots) for e, _, slots in found_units if len(slots) == 1
    }
    excluded = [Alternative(_tokens(t.text), (), "exact").fts() for t in parsed.excluded]
    excluded = [expr for expr in excluded if expr != '""']
    return Plan(
        slots=len(parsed.terms),
        alternatives=alternatives,
        units=units,
        content_units=content or units,
        rarity=rarity,
        held=held,
        unit_of={slot: min(slots) for _, _, slots in found_units for slot in slots},
        stop=stop,
        weights=weights,
        other_weights=other_weights,
        unheld=frozenset(unheld),
        excluded=" OR ".join(excluded) or None,
        question=bool(parsed.question),
        corrected=parsed.rewrite(replacements) if replacements else None,
        also=parsed.rewrite({**replacements, **also}) if also else None,
        phrase=Alternative(tuple(phrase_tokens), (), "exact").fts()
        if len(phrase_tokens) > 1
        else None,
        pasted=pasted,
    )


def _units(
    db, parsed, vocab, slot_exprs, corrected_forms, alternatives, stamps, expand, edges=frozenset()
) -> list[tuple[str, float, tuple[int, ...]]]:
    """The units of the query, (FTS5 expression, share of passages, slots): single terms, or runs
    of words that an expander knows as one thing ("national crime agency" OR "NCA"). Longest runs
    first, without overlaps. A run that begins or ends with one of the ``edges`` (stop words) is
    not offered: "the national crime agency" is found as "national crime agency"."""
    n = len(parsed.terms)
    run_at: dict[int, tuple[int, list[Alternative]]] = {}
    taken: set[int] = set()
    pasted = parsed.pasted or n > PASTED
    for length in range(min(MAX_RUN, n) if not pasted else 1, 1, -1):
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
                for t in expand(db, form, stamps)
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


def _one_per_stem(vocab: Vocabulary, typed: str, corrections: list) -> list:
    """``corrections`` less each one that the passage index stems as the word ``typed`` or as
    an earlier one (CORRECTIONS_PER_STEM): it would match the same passages, counted twice."""
    if not CORRECTIONS_PER_STEM or len(corrections) < 2:
        return corrections
    kept = corrections[:1]  # the first is the reading shown ("Showing results for")
    for correction in corrections[1:]:
        if not any(correction.word in vocab.forms(w) for w in [typed, *(k.word for k in kept)]):
            kept.append(correction)
    return kept


def _stop_slots(parsed: ParsedQuery, read: list[str] | None = None) -> frozenset[int]:
    """The query terms that are English stop words ("how", "are", "the"), typed as single words,
    and (LETTERS_STOP) single letters; with ``read`` (each term as corrected), also a word read
    as one ("thorugh" read as "through": STOP_CORRECTED)."""
    stop = stop_words()
    return frozenset(
        i
        for i, term in enumerate(parsed.terms)
        if not term.phrase
        and len(term.words) == 1
        and (
            _stop_word(fold(term.words[0]), stop)
            or (read is not None and bool(read[i]) and _stop_word(fold(read[i]), stop))
        )
    )


# In a question in plain English, the light verbs and general nouns of everyday speech ("what
# happens if someone gets ...", "do people need to ...", "what does it say about ...") say how it
# is asked, not what about: a document's paragraph that answers seldom uses them, yet a passage
# that does (a summary, a transcript) gains on them by their rarity in a formal library. They
# weigh LIGHT_SHARE of their rarity in a question (not in words typed as a search); a word in
# quotes or a phrase is kept whole; 0 makes them stop words of the question (no bm25, no gate).
# A closed list of English, not of any library's words. 1.0: off (as before round 18).
LIGHT = frozenset(
    "get gets got getting go goes going went gone come comes came coming take takes took taking "
    "make makes made making happen happens happened happening know knows knew need needs needed "
    "say says said tell tells told thing things way ways someone somebody anyone anybody "
    "something anything people person lot lots kind sort".split()
)
LIGHT_SHARE = 1.0


def _light_slots(parsed: ParsedQuery, stop: frozenset[int]) -> frozenset[int]:
    """The question's light words (LIGHT), typed as single words; none when they are all that is
    left besides the stop words."""
    light = frozenset(
        i
        for i, term in enumerate(parsed.terms)
        if not term.phrase and len(term.words) == 1 and fold(term.words[0]) in LIGHT
    )
    return light if len(light | stop) < len(parsed.terms) else frozenset()


# A letter alone ("e.g." is "e" and "g"; "v" in "Cadder v HM Advocate") weighs as a stop word:
# it says little of the topic, yet, held by few passages, it weighed as one of the query's rarest
# words and lifted every passage saying "e.g." (CISI's requests, bench/RESULTS.md "Collections,
# round 5"). bm25s's tokenizer drops it. It still counts in the typed-words match and the whole
# query word for word ("class b drugs"). False: as before.
LETTERS_STOP = True


def _stop_word(word: str, stop: frozenset[str]) -> bool:
    return word in stop or (LETTERS_STOP and len(word) == 1 and word.isalpha())


@functools.cache
def stop_words() -> frozenset[str]:
    """The English stop words of the ``stopwords`` package (175 words: function words and the
    question words; no topic words), with the pieces FTS5 makes of their contractions."""
    from stopwords import get_stopwords

    listed = {fold(w) for w in get_stopwords("english") if w.strip()}
    pieces = {piece for w in listed for piece in re.findall(r"[^\W_]+", w)}
    return frozenset(listed | pieces)


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


def _readings(db, vocab: Vocabulary, word: str, stamps: dict, expand: Expand) -> Readings:
    """What else ``word`` may mean (``Vocabulary.readings``): a word the expanders know (the
    glossary's acronyms and terms) is a known term, never re-spelt."""
    if word in vocab:
        return vocab.readings(word, known=_own_word(db, vocab, word))
    known = bool(expand(db, word, stamps))
    return vocab.readings(word, form_known=_stem_known(db, vocab, word), known=known)


def _own_word(db, vocab: Vocabulary, word: str) -> bool:
    """Do passages of at least OWN_WORD_DOCUMENTS documents spell ``word`` exactly so?"""
    if not OWN_WORD_DOCUMENTS or vocab.count(word) < OWN_WORD_DOCUMENTS or not word.isalpha():
        return False
    quoted = '"' + fold(word).replace('"', '""') + '"'
    sql = """select count(distinct doc_id) from passages where id in
             (select rowid from passages_words where passages_words match ?)"""
    try:
        (documents,) = db.execute(sql, [quoted]).fetchone()
    except sqlite3.Error:  # an older store without the word index: read as before
        return False
    return documents >= OWN_WORD_DOCUMENTS


def _stem_known(db, vocab: Vocabulary, word: str) -> bool:
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


def _unit_rows(vocab: Vocabulary, alternatives: list[Alternative], slots: tuple[int, ...]) -> int:
    """About how many passages a single term's FTS5 expression matches: its alternatives' stems'
    passages added up (a phrase counts as its commonest word: FTS5 reads each word's list)."""
    total = 0
    for alt in alternatives:
        if alt.slots == slots:
            total += max(
                sum(vocab.count(form) for form in vocab.forms(token)) for token in alt.tokens
            )
    return min(total, vocab.passages)


def _share(vocab: Vocabulary, word: str) -> float:
    """The share of passages holding ``word`` (0 in small libraries, where every word counts)."""
    if vocab.passages < COMMON_FROM:
        return 0.0
    return vocab.count(word) / vocab.passages


def _slot_idf(vocab: Vocabulary, word: str, stem: bool | None = None) -> float:
    """A query word's rarity as the index sees it: every form of it that FTS5 matches (the
    stem's), not the spelling typed alone ("optimising" is rare, its stem's forms are not)."""
    return _stem_idf(vocab, word) if (STEM_RARITY if stem is None else stem) else vocab.idf(word)


def _unheld(vocab: Vocabulary, typed: str, read: str) -> bool:
    """No passage spells the word as ``typed``, but some hold a form of the stem of ``read``
    (the word as read: ``typed``, or its correction: "optimising" read as "optimizing", which
    a few passages spell so and many as "optimal", "optimization")."""
    return (
        typed.isalpha()
        and not vocab.count(typed)
        and any(vocab.count(form) for form in vocab.forms(read))
    )


def _stem_idf(vocab: Vocabulary, token: str) -> float:
    """Inverse passage frequency of ``token`` counting every form of it the index matches (an
    upper bound of the passages holding any, which is all a weight needs)."""
    held = sum(vocab.count(form) for form in vocab.forms(token))
    return math.log(1 + (vocab.passages + 1) / (held + 0.5))


_TOKEN = re.compile(r"[^\W_]+")  # what FTS5's unicode61 tokenizer counts as a word


def _key(token: str) -> str:
    return token.lower() if token.isascii() else fold(token)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_key(t) for t in _TOKEN.findall(text))
