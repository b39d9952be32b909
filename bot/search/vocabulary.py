"""The library's vocabulary of words as written, for spelling correction and suggestions.

The passage index stems words (``organisations`` -> ``organis``), which is right for matching and
wrong for correcting a typo: a person must be shown, and searched for, a real word. So a second,
small FTS5 index over the same passages keeps unstemmed tokens (``detail=none``: no positions,
only which passages hold each word), and ``fts5vocab`` reads its words with their passage counts.

The word list is loaded once per store and cached until the library changes (a trigger on
``documents`` bumps ``search_state.generation``); correction is rapidfuzz ``process.extract`` over
words of a similar length, so a query costs milliseconds even on a million passages.
"""

from __future__ import annotations

import math
import secrets
import sqlite3
import threading
from dataclasses import dataclass, field

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.library.store import FTS_TOKENIZE, migration
from bot.library.text import fold
from bot.search import lexicon

VOCAB_TOKENIZE = "unicode61 remove_diacritics 2"
MIN_CORRECTABLE = 4  # shorter words are too ambiguous to correct ("fo" -> "of"? "for"? "to"?)
CUTOFF = 75  # similarity a correction needs: at most 25% of the word edited (a swap is one edit)
DOMINANT = 20  # a known word is re-spelt only when a close variant is this many times commoner
SETTLED = 25  # a word in this many passages is how this library spells it: never re-spelt
SAME_CURRENCY = 1.0  # English words this close in Zipf frequency may be two spellings of one
ACRONYM_CHARS = 6  # a word typed in capitals up to this long is an acronym, not a typo


@migration("0002_search_vocabulary")
def _search_vocabulary(db: sqlite_utils.Database) -> None:
    db.execute(
        f"""CREATE VIRTUAL TABLE passages_words USING fts5(
            text, content='passages', content_rowid='id',
            tokenize='{VOCAB_TOKENIZE}', detail=none)"""
    )
    db.execute(
        """CREATE TRIGGER passages_words_ai AFTER INSERT ON passages BEGIN
             INSERT INTO passages_words(rowid, text) VALUES (new.id, new.text);
           END"""
    )
    db.execute(
        """CREATE TRIGGER passages_words_ad AFTER DELETE ON passages BEGIN
             INSERT INTO passages_words(passages_words, rowid, text)
             VALUES ('delete', old.id, old.text);
           END"""
    )
    db.execute(
        """CREATE TRIGGER passages_words_au AFTER UPDATE ON passages BEGIN
             INSERT INTO passages_words(passages_words, rowid, text)
             VALUES ('delete', old.id, old.text);
             INSERT INTO passages_words(rowid, text) VALUES (new.id, new.text);
           END"""
    )
    db.execute("INSERT INTO passages_words(passages_words) VALUES ('rebuild')")
    db.execute("CREATE VIRTUAL TABLE passages_words_vocab USING fts5vocab(passages_words, 'row')")
    db.execute(
        "CREATE TABLE search_state (id INTEGER PRIMARY KEY CHECK (id = 1), "
        "token TEXT NOT NULL, generation INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO search_state VALUES (1, ?, 0)", [secrets.token_hex(8)])
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER search_state_documents_{event.lower()} AFTER {event} ON documents
                BEGIN UPDATE search_state SET generation = generation + 1 WHERE id = 1; END"""
        )


@dataclass
class Correction:
    word: str  # a vocabulary word
    similarity: float  # 0-100: 100 less the share of the word edited
    passages: int  # how many passages hold it


@dataclass
class Readings:
    """What else a typed word may mean. ``replace``: it is no word at all, so search these
    instead and say so ("Showing results for"). ``also``: it is a word, but a close spelling of
    it is just as plausible (``organized`` where the library writes ``organised``), so search both
    and say so ("Also showing results for"); the word as typed is never dropped then."""

    replace: list[Correction] = field(default_factory=list)
    also: list[Correction] = field(default_factory=list)


@dataclass
class Vocabulary:
    """Words of the library (folded, unstemmed) and how many passages hold each."""

    counts: dict[str, int]
    passages: int  # passages in the library
    _by_length: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _forms: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _stems: sqlite3.Connection | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def forms(self, token: str) -> frozenset[str]:
        """Every vocabulary word the passage index treats as ``token`` (same porter stem), and
        ``token`` itself: what to mark in a passage that FTS5 matched on ``token``."""
        token = fold(token)
        with self._lock:
            if token not in self._forms:
                if self._stems is None:
                    self._stems = _stem_table(self.counts)
                quoted = '"' + token.replace('"', '""') + '"'
                rows = self._stems.execute("SELECT word FROM stems WHERE stems MATCH ?", [quoted])
                self._forms[token] = frozenset([token, *(row[0] for row in rows)])
            return self._forms[token]

    def __contains__(self, word: str) -> bool:
        return fold(word) in self.counts

    def count(self, word: str) -> int:
        return self.counts.get(fold(word), 0)

    def idf(self, word: str) -> float:
        """Inverse passage frequency: rare words weigh more when a passage has only some words."""
        return math.log(1 + (self.passages + 1) / (self.count(word) + 0.5))

    def corrections(self, word: str, limit: int = 2, form_known: bool = False) -> list[Correction]:
        """Vocabulary words the person probably meant by ``word``, best first; none when the word
        is known and no far commoner close variant exists (``organized`` -> ``organised``).
        ``form_known``: the stemmed index holds another form of it (``uncertainty`` when only
        ``uncertainties`` is written): only a same-length variant spelling is offered then."""
        typed = fold(word)
        if len(typed) < MIN_CORRECTABLE or not typed.isalpha():
            return []
        known = self.counts.get(typed, 0)
        if known >= SETTLED:
            return []
        found = []
        for term, score, _ in process.extract(
            typed,
            self._similar_length(len(typed)),
            scorer=OSA.normalized_similarity,  # a swapped pair of letters is one slip, not two
            score_cutoff=CUTOFF / 100,
            limit=12,
        ):
            score *= 100
            if term == typed or len(term) < MIN_CORRECTABLE:  # "vanid" is not "and"
                continue
            count = self.counts[term]
            if (known or form_known) and not _variant_spelling(typed, term, count, known):
                continue
            found.append(Correction(term, score, count))
        # Similarity first, frequency as the tie-breaker that decides near-equal candidates.
        found.sort(key=lambda c: c.similarity + 4 * math.log10(1 + c.passages), reverse=True)
        best = found[:limit]
        if len(best) > 1 and best[1].similarity + 4 * math.log10(1 + best[1].passages) < (
            best[0].similarity + 4 * math.log10(1 + best[0].passages) - 6
        ):
            best = best[:1]
        return best

    def readings(self, word: str, form_known: bool = False, known: bool = False) -> Readings:
        """What ``word`` may mean, as typed. A word is never replaced when it is a word: in this
        library (``county`` beside a far commoner ``country``), in English (``wheat``, ``pays``;
        ``bot.search.lexicon``), a known term (``known``: e.g. the glossary has it) or typed in
        capitals as an acronym (``HMIC``). Only a string that is none of these is corrected (as
        ``corrections``; ``form_known``: the stemmed index holds another form of it)."""
        typed = fold(word)
        if len(typed) < MIN_CORRECTABLE or not typed.isalpha() or known:
            return Readings()
        if word.isupper() and len(word) <= ACRONYM_CHARS:
            return Readings()
        held = self.counts.get(typed, 0)
        english = lexicon.zipf(typed)
        if english:
            if held:
                return Readings()
            # An English word the library never uses: a close spelling of the same currency
            # in English may be what the library writes (organized/organised, not wheat/what).
            also = [
                c
                for c in self._close(typed)
                if _variant_spelling(typed, c.word, c.passages, 0)
                and abs(lexicon.zipf(c.word) - english) < SAME_CURRENCY
            ]
            return Readings(also=also[:1])
        if held:
            # The library's own word (a name, a term, or its own slip): kept, and a far commoner
            # variant of it searched beside it.
            if held >= SETTLED:
                return Readings()
            also = [
                c for c in self._close(typed) if _variant_spelling(typed, c.word, c.passages, held)
            ]
            return Readings(also=also[:1])
        return Readings(replace=self.corrections(word, form_known=form_known))

    def _close(self, typed: str) -> list[Correction]:
        """Vocabulary words within the correction cutoff of ``typed``, most similar first."""
        found = [
            Correction(term, score * 100, self.counts[term])
            for term, score, _ in process.extract(
                typed,
                self._similar_length(len(typed)),
                scorer=OSA.normalized_similarity,
                score_cutoff=CUTOFF / 100,
                limit=12,
            )
            if term != typed and len(term) >= MIN_CORRECTABLE
        ]
        found.sort(key=lambda c: c.similarity + 4 * math.log10(1 + c.passages), reverse=True)
        return found

    def suggestions(self, typed: list[str], limit: int = 5) -> list[str]:
        """The closest vocabulary words to any of ``typed``: what to offer when nothing matched."""
        scored: dict[str, float] = {}
        for word in typed:
            folded = fold(word)
            if len(folded) < 3:
                continue
            for term, score, _ in process.extract(
                folded,
                self._similar_length(len(folded), wide=True),
                scorer=fuzz.ratio,
                score_cutoff=60,
                limit=limit,
            ):
                if term != folded:
                    value = score + 4 * math.log10(1 + self.counts[term])
                    scored[term] = max(scored.get(term, 0), value)
        return sorted(scored, key=scored.get, reverse=True)[:limit]

    def _similar_length(self, length: int, wide: bool = False) -> list[str]:
        """Words whose length allows a similarity above the cutoff: a cheap pre-filter. An edit
        distance is at least the difference in length, and may be at most (1 - CUTOFF) of the
        longer word, so no word outside [CUTOFF * length, length / CUTOFF] can pass."""
        key = -length if wide else length
        if key not in self._by_length:
            low, high = (
                (length // 2, length * 2)
                if wide
                else (length * CUTOFF // 100, -(-length * 100 // CUTOFF))
            )
            self._by_length[key] = [t for t in self.counts if low <= len(t) <= high and t.isalpha()]
        return self._by_length[key]


def _stem_table(words) -> sqlite3.Connection:
    """The vocabulary in a private in-memory FTS5 table with the passage index's tokenizer, so
    that asking it for a word returns the words that share its stem, exactly as FTS5 sees it."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute(f"CREATE VIRTUAL TABLE stems USING fts5(word, tokenize='{FTS_TOKENIZE}')")
    conn.executemany("INSERT INTO stems(word) VALUES (?)", ((w,) for w in words))
    return conn


def _variant_spelling(typed: str, term: str, count: int, known: int) -> bool:
    """Is ``term`` the usual spelling of ``typed``, a word that is rare (``known`` passages) or only
    known to the stemmed index in other forms (``known`` 0): US -> UK, a common typo? Not another
    word form: ``nation``/``national``, ``unit``/``units``, ``uncertainty``/``certainty``."""
    if count < DOMINANT * known or abs(len(term) - len(typed)) > 1:
        return False
    if term.startswith(typed) or typed.startswith(term):
        return False
    return fuzz.ratio(typed, term) >= 85


_CACHE: dict[str, tuple[int, Vocabulary]] = {}
_LOCK = threading.Lock()


def vocabulary(db: sqlite_utils.Database) -> Vocabulary:
    """The store's vocabulary, loaded on first use and again only after the library changed."""
    token, generation = db.execute("SELECT token, generation FROM search_state").fetchone()
    with _LOCK:
        cached = _CACHE.get(token)
        if cached and cached[0] == generation:
            return cached[1]
    counts = dict(db.execute("SELECT term, doc FROM passages_words_vocab").fetchall())
    total = db.execute("SELECT max(rowid) FROM passages").fetchone()[0] or 0
    total = db["passages"].count if total < 100_000 else total  # count(*) is slow on big stores
    vocab = Vocabulary(counts=counts, passages=total)
    with _LOCK:
        _CACHE[token] = (generation, vocab)
    return vocab
