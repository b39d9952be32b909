"""The library's vocabulary of words as written, for spelling correction and suggestions.

The passage index stems words (``organisations`` -> ``organis``), which is right for matching and
wrong for correcting a typo: a person must be shown, and searched for, a real word. So a second,
small FTS5 index over the same passages keeps unstemmed tokens (``detail=none``: no positions,
only which passages hold each word), and ``fts5vocab`` reads its words with their passage counts.

The word list is loaded once per store and cached until the library changes (a trigger on
``documents`` bumps ``search_state.generation``); correction is rapidfuzz ``process.extract`` over
words of a similar length, so a query costs milliseconds even on a million passages.

Reading ``fts5vocab`` walks every word's list of passages (about 0.4 s at 244k passages), so the
words, their passage counts and their porter stems are also kept in the store
(``search_vocabulary``: one compressed row, labelled with the generation it was read at). A fresh
process loads that in milliseconds; after the library changed, the first search re-reads the
index and stores a new snapshot (ingest does so once after each batch, a library hook), stemming
only the words the old snapshot did not have.
"""

from __future__ import annotations

import bisect
import logging
import math
import sqlite3
import threading
import zlib
from array import array
from dataclasses import dataclass, field

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.library.features import Steps
from bot.library.store import FTS_TOKENIZE, StoreError, indexed_text, writing
from bot.library.text import fold
from bot.search import lexicon, vocabulary_log

VOCAB_TOKENIZE = "unicode61 remove_diacritics 2"
MIN_CORRECTABLE = 4  # shorter words are too ambiguous to correct ("fo" -> "of"? "for"? "to"?)
CUTOFF = 75  # similarity a correction needs: at most 25% of the word edited (a swap is one edit)
DOMINANT = 20  # a known word is re-spelt only when a close variant is this many times commoner
SETTLED = 25  # a word in this many passages is how this library spells it: never re-spelt
SAME_CURRENCY = 1.0  # English words this close in Zipf frequency may be two spellings of one
ACRONYM_CHARS = 6  # a word typed in capitals up to this long is an acronym, not a typo

log = logging.getLogger(__name__)


# This module's schema steps, in order: the composition root (bot.wiring) hands them to the store.
MIGRATIONS = Steps()
migration = MIGRATIONS.step


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
    import secrets

    db.execute("INSERT INTO search_state VALUES (1, ?, 0)", [secrets.token_hex(8)])
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"""CREATE TRIGGER search_state_documents_{event.lower()} AFTER {event} ON documents
                BEGIN UPDATE search_state SET generation = generation + 1 WHERE id = 1; END"""
        )


@migration("search_vocabulary_snapshot")
def _search_vocabulary_snapshot(db: sqlite_utils.Database) -> None:
    """The vocabulary as last read, so that a new process need not read the index again: the
    words (newline-joined), their passage counts (unsigned 32-bit, in word order) and their
    porter stems (sorted, newline-joined, after the word numbers in that order: ``_pack_stems``),
    each zlib-compressed."""
    db.execute(
        """CREATE TABLE search_vocabulary (
            id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL,
            generation INTEGER NOT NULL, passages INTEGER NOT NULL,
            words BLOB NOT NULL, counts BLOB NOT NULL, stems BLOB NOT NULL)"""
    )


@migration("search_vocabulary_log")
def _search_vocabulary_log(db: sqlite_utils.Database) -> None:
    """Changes since the snapshot (``bot.search.vocabulary_log``): the snapshot says which log
    row it holds the library up to. A snapshot from before cannot say, so it is read again once."""
    vocabulary_log.create_log(db)
    db.execute("ALTER TABLE search_vocabulary ADD COLUMN log_id INTEGER NOT NULL DEFAULT 0")
    db.execute("DELETE FROM search_vocabulary")


@migration("search_vocabulary_context")
def _search_vocabulary_context(db: sqlite_utils.Database) -> None:
    """The vocabulary knows the words of the passages' contexts (``bot.library.context``: a
    table's column names, a table's document title), which search matches: the word index is
    made again over ``passages_indexed``, as the passage index is, and the log triggers log the
    text with its contexts. The snapshot is read again once."""
    for name in ("passages_words_ai", "passages_words_ad", "passages_words_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS passages_words_vocab")
    db.execute("DROP TABLE IF EXISTS passages_words")
    db.execute(
        f"""CREATE VIRTUAL TABLE passages_words USING fts5(
            text, content='passages_indexed', content_rowid='id',
            tokenize='{VOCAB_TOKENIZE}', detail=none)"""
    )
    new, old = indexed_text("new."), indexed_text("old.")
    db.execute(
        f"""CREATE TRIGGER passages_words_ai AFTER INSERT ON passages BEGIN
             INSERT INTO passages_words(rowid, text) VALUES (new.id, {new});
           END"""
    )
    db.execute(
        f"""CREATE TRIGGER passages_words_ad AFTER DELETE ON passages BEGIN
             INSERT INTO passages_words(passages_words, rowid, text)
             VALUES ('delete', old.id, {old});
           END"""
    )
    db.execute(
        f"""CREATE TRIGGER passages_words_au AFTER UPDATE ON passages BEGIN
             INSERT INTO passages_words(passages_words, rowid, text)
             VALUES ('delete', old.id, {old});
             INSERT INTO passages_words(rowid, text) VALUES (new.id, {new});
           END"""
    )
    db.execute("INSERT INTO passages_words(passages_words) VALUES ('rebuild')")
    db.execute("CREATE VIRTUAL TABLE passages_words_vocab USING fts5vocab(passages_words, 'row')")
    for name in vocabulary_log.LOG_TRIGGERS:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    vocabulary_log.create_log(db)
    db.execute("DELETE FROM search_vocabulary")


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
    stems: list[str] | None = field(default=None, repr=False)  # porter stem of each of _words
    # Every word a number stands for: the words of counts, and any that left the library since
    # the stem index was made (a word's number never changes, so the index stays good).
    _words: list[str] | None = field(default=None, repr=False)
    # The stems sorted, and the number (in _words) of the word each belongs to.
    _stem_index: tuple[list[str], list[int]] | None = field(default=None, repr=False)
    # Stems of words that came after the index was made: stem -> their numbers.
    _extra: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _by_length: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _forms: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self._words is None:
            self._words = list(self.counts)

    def forms(self, token: str) -> frozenset[str]:
        """Every vocabulary word the passage index treats as ``token`` (same porter stem), and
        ``token`` itself: what to mark in a passage that FTS5 matched on ``token``."""
        token = fold(token)
        with self._lock:
            if token not in self._forms:
                if self._stem_index is None:
                    self._stem_index = _index_of(self._all_stems())
                    self._extra = {}
                # FTS5 matches ``token`` as a phrase of its stems: a vocabulary word is one token,
                # so only a token that is one stem can match any.
                stemmed = _stem_tokens(token)
                same = []
                if len(stemmed) == 1:
                    ordered, numbers = self._stem_index
                    low = bisect.bisect_left(ordered, stemmed[0])
                    high = bisect.bisect_right(ordered, stemmed[0], low)
                    found = [numbers[k] for k in range(low, high)]
                    found += self._extra.get(stemmed[0], [])
                    same = [self._words[n] for n in found if self._words[n] in self.counts]
                self._forms[token] = frozenset([token, *same])
            return self._forms[token]

    def _all_stems(self) -> list[str]:
        """The porter stem of every word of ``_words``, in that order."""
        if self.stems is None:
            index = self._stem_index
            if index is None:  # not loaded from a snapshot: stem them
                self.stems = stems_of(self._words)
            else:
                stems = [""] * len(self._words)
                for stem, number in zip(*index, strict=True):
                    stems[number] = stem
                for stem, numbers in self._extra.items():
                    for number in numbers:
                        stems[number] = stem
                self.stems = stems
        return self.stems

    def changed(self, delta: vocabulary_log.Delta) -> Vocabulary:
        """A new vocabulary: this one with ``delta`` applied (this one is left as it is, for the
        searches using it). Only the words ``delta`` names are touched; new words are stemmed."""
        counts = dict(self.counts)
        for word, n in delta.removed.items():
            left = counts.get(word, 0) - n
            if left > 0:
                counts[word] = left
            else:
                counts.pop(word, None)
        new_words = []
        for word, n in delta.added.items():
            if word in counts:
                counts[word] += n
            else:
                counts[word] = n
                new_words.append(word)
        with self._lock:
            words = self._words + new_words
            new_stems = stems_of(new_words)
            if self._stem_index is not None:
                extra = {stem: list(numbers) for stem, numbers in self._extra.items()}
                for number, stem in enumerate(new_stems, start=len(self._words)):
                    extra.setdefault(stem, []).append(number)
                return Vocabulary(
                    counts,
                    self.passages + delta.passages,
                    _words=words,
                    _stem_index=self._stem_index,
                    _extra=extra,
                )
        stems = self._all_stems() + new_stems
        return Vocabulary(counts, self.passages + delta.passages, stems=stems, _words=words)

    def stems_of_counts(self) -> list[str]:
        """The porter stem of each word of ``counts``, in its order (for the snapshot)."""
        stem_of = dict(zip(self._words, self._all_stems(), strict=True))
        return [stem_of[word] for word in self.counts]

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
            if form_known and not known and not _same_word_respelt(typed, term):
                continue  # "fining" (the index holds "fined") is not "finding"
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
        if held >= SETTLED:  # how this library spells it, English or not (the lexicon is not read)
            return Readings()
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
                and _same_word_respelt(typed, c.word)
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


def stems_of(words: list[str], known: dict[str, str] | None = None) -> list[str]:
    """The porter stem of each of ``words`` (vocabulary words: one token each) exactly as the
    passage index makes it, from a private in-memory FTS5 table with the index's tokenizer; words
    in ``known`` (word -> stem, e.g. from the last snapshot) are not stemmed again."""
    known = known or {}
    todo = [w for w in words if w not in known]
    found: dict[str, str] = {}
    if todo:
        conn = sqlite3.connect(":memory:")
        conn.execute(
            f"CREATE VIRTUAL TABLE stems USING fts5(word, tokenize='{FTS_TOKENIZE}', detail=column)"
        )
        conn.execute("CREATE VIRTUAL TABLE stems_terms USING fts5vocab(stems, 'instance')")
        conn.executemany("INSERT INTO stems(rowid, word) VALUES (?, ?)", enumerate(todo))
        for term, doc in conn.execute("SELECT term, doc FROM stems_terms"):
            found[todo[doc]] = term
        conn.close()
    return [known.get(w) or found.get(w, w) for w in words]


_STEMMER: sqlite3.Connection | None = None
_STEMMER_LOCK = threading.Lock()


def _index_of(stems: list[str]) -> tuple[list[str], list[int]]:
    numbers = sorted(range(len(stems)), key=stems.__getitem__)
    return [stems[n] for n in numbers], numbers


def _pack_stems(stems: list[str]) -> bytes:
    """The stems sorted, after the numbers of their words: a word's forms are then found by
    bisection, with no table to build when a snapshot is loaded."""
    ordered, numbers = _index_of(stems)
    packed = array("I", numbers).tobytes()
    return zlib.compress(
        len(packed).to_bytes(4, "little") + packed + "\n".join(ordered).encode(), 1
    )


def _unpack_stems(blob: bytes, words: int) -> tuple[list[str], list[int]]:
    data = zlib.decompress(blob)
    size = int.from_bytes(data[:4], "little")
    numbers = array("I")
    numbers.frombytes(data[4 : 4 + size])
    text = data[4 + size :].decode()
    ordered = text.split("\n") if text else []
    if len(ordered) != words or len(numbers) != words or (words and max(numbers) >= words):
        raise ValueError("the snapshot's stems do not match its words")
    return ordered, numbers.tolist()


def _stem_tokens(text: str) -> list[str]:
    """The passage index's terms for ``text``, in order (one private in-memory FTS5 row)."""
    global _STEMMER
    with _STEMMER_LOCK:
        if _STEMMER is None:
            _STEMMER = sqlite3.connect(":memory:", check_same_thread=False)
            _STEMMER.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{FTS_TOKENIZE}')")
            _STEMMER.execute("CREATE VIRTUAL TABLE t_terms USING fts5vocab(t, 'instance')")
        _STEMMER.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", [text])
        terms = [row[0] for row in _STEMMER.execute("SELECT term FROM t_terms ORDER BY offset")]
        _STEMMER.execute("DELETE FROM t")
        return terms


def _variant_spelling(typed: str, term: str, count: int, known: int) -> bool:
    """Is ``term`` the usual spelling of ``typed``, a word that is rare (``known`` passages) or only
    known to the stemmed index in other forms (``known`` 0): US -> UK, a common typo? Not another
    word form: ``nation``/``national``, ``unit``/``units``, ``uncertainty``/``certainty``."""
    if count < DOMINANT * known or abs(len(term) - len(typed)) > 1:
        return False
    if term.startswith(typed) or typed.startswith(term):
        return False
    return fuzz.ratio(typed, term) >= 85


# How one English word is spelt two ways (organise/organize, colour/color, centre/center,
# travelled/traveled, ageing/aging, defence/defense): one letter of these swapped for another of
# the same group, a vowel or a doubled letter more or less, or two letters swapped. Anything else
# makes another word (tissue/issue, fining/finding, rising/raising is a vowel: kept). Data, so
# that a rule can be switched off: SPELLING_VARIANTS = False accepts any one edit, as before.
SPELLING_VARIANTS = True
SWAPPABLE = ("sz", "sc", "aeiouy")
VOWELS = frozenset("aeiouy")


def _same_word_respelt(typed: str, term: str) -> bool:
    """Is ``term`` another spelling of the word ``typed`` (one edit of the kinds above, never the
    first letter), rather than another word one letter away?"""
    if not SPELLING_VARIANTS:
        return True
    if not typed or not term or typed[0] != term[0]:
        return False
    if len(typed) == len(term):
        diff = [i for i, (a, b) in enumerate(zip(typed, term, strict=True)) if a != b]
        if len(diff) == 1:
            a, b = typed[diff[0]], term[diff[0]]
            return any(a in group and b in group for group in SWAPPABLE)
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and typed[diff[0]] == term[diff[1]]
            and typed[diff[1]] == term[diff[0]]
        )
    short, long_ = sorted((typed, term), key=len)
    if len(long_) - len(short) != 1:
        return False
    i = next(
        (i for i, (a, b) in enumerate(zip(short, long_[:-1], strict=True)) if a != b), len(short)
    )
    if short != long_[:i] + long_[i + 1 :]:
        return False
    extra = long_[i]
    doubled = (i > 0 and long_[i - 1] == extra) or (i + 1 < len(long_) and long_[i + 1] == extra)
    return extra in VOWELS or doubled


# store token -> (generation, vocabulary, the last log row it holds)
_CACHE: dict[str, tuple[int, Vocabulary, int]] = {}
_LOCK = threading.Lock()
MAX_LOG = 20_000  # more changed passages than this since the base: read the whole index instead
COMPACT = 5_000  # log rows past the stored snapshot before it is stored again (after a batch)


def vocabulary(db: sqlite_utils.Database) -> Vocabulary:
    """The store's vocabulary, loaded on first use and brought up to date only after the library
    changed: the cached (or stored) vocabulary with the passages changed since applied
    (``bot.search.vocabulary_log``), or, after a large change, read whole from the index (and
    stored as the new snapshot)."""
    token, generation = db.execute("SELECT token, generation FROM search_state").fetchone()
    with _LOCK:
        cached = _CACHE.get(token)
    if cached and cached[0] == generation:
        return cached[1]
    vocab, generation, log_id, whole = _current(db, token, cached)
    with _LOCK:
        now = _CACHE.get(token)
        if now is None or now[2] <= log_id:
            _CACHE[token] = (generation, vocab, log_id)
    if whole:
        _keep(db, token, generation, vocab, log_id)
    return vocab


def _current(
    db: sqlite_utils.Database, token: str, cached: tuple[int, Vocabulary, int] | None
) -> tuple[Vocabulary, int, int, bool]:
    """(vocabulary, generation, last log row it holds, read whole from the index?), all from one
    read transaction."""
    outer = db.conn.in_transaction
    if not outer:
        db.execute("BEGIN")
    try:
        generation = db.execute("SELECT generation FROM search_state").fetchone()[0]
        base, base_id = None, 0
        stored = _stored_log_id(db, token)
        if cached and (stored is None or stored <= cached[2]):
            base, base_id = cached[1], cached[2]
        elif stored is not None:
            base, base_id = _snapshot(db, token), stored
        if base is not None and vocabulary_log.pending(db, base_id) <= MAX_LOG:
            delta = vocabulary_log.delta_since(db, base_id, VOCAB_TOKENIZE)
            if delta.last != base_id:
                base = base.changed(delta)
            return base, generation, delta.last, False
        log_id = vocabulary_log.last_id(db)
        counts, total = _read_index(db)
        previous = _snapshot(db, token, any_token=True)
    finally:
        if not outer:
            db.execute("COMMIT")
    known = dict(zip(previous.counts, previous.stems_of_counts(), strict=True)) if previous else {}
    words = list(counts)
    vocab = Vocabulary(counts=counts, passages=total, stems=stems_of(words, known))
    return vocab, generation, log_id, True


def _read_index(db: sqlite_utils.Database) -> tuple[dict[str, int], int]:
    """Every word of the index with its passage count, and the passages: about 0.4 s at 244k
    passages, 1.5 s at a million."""
    counts = dict(db.execute("SELECT term, doc FROM passages_words_vocab").fetchall())
    total = db.execute("SELECT max(rowid) FROM passages").fetchone()[0] or 0
    total = db["passages"].count if total < 100_000 else total  # count(*) is slow when big
    return counts, total


def _stored_log_id(db: sqlite_utils.Database, token: str) -> int | None:
    row = db.execute(
        "SELECT log_id FROM search_vocabulary WHERE id = 1 AND token = ?", [token]
    ).fetchone()
    return row[0] if row else None


def _snapshot(db: sqlite_utils.Database, token: str, any_token: bool = False) -> Vocabulary | None:
    """The stored snapshot (None when there is none or it is damaged)."""
    row = db.execute(
        "SELECT passages, words, counts, stems FROM search_vocabulary WHERE id = 1"
        + ("" if any_token else " AND token = ?"),
        [] if any_token else [token],
    ).fetchone()
    try:
        return _unpack(*row) if row else None
    except (zlib.error, ValueError, UnicodeDecodeError):  # damaged: read the index again
        return None


def _unpack(passages: int, words: bytes, counts: bytes, stems: bytes) -> Vocabulary:
    text = zlib.decompress(words).decode()
    listed = text.split("\n") if text else []
    numbers = array("I")
    numbers.frombytes(zlib.decompress(counts))
    return Vocabulary(
        counts=dict(zip(listed, numbers.tolist(), strict=True)),
        passages=passages,
        _words=listed,
        # Read now, so that a snapshot whose stems cannot be read is replaced, not worked around.
        _stem_index=_unpack_stems(stems, len(listed)),
    )


def _keep(
    db: sqlite_utils.Database, token: str, generation: int, vocab: Vocabulary, log_id: int
) -> None:
    """Store ``vocab`` (the library up to log row ``log_id``) as the snapshot, unless a newer one
    is stored, and forget the log rows it holds."""
    words = list(vocab.counts)
    row = [
        token,
        generation,
        vocab.passages,
        zlib.compress("\n".join(words).encode(), 1),
        zlib.compress(array("I", vocab.counts.values()).tobytes(), 1),
        _pack_stems(vocab.stems_of_counts()),
        log_id,
    ]
    try:
        with writing(db, wait=0):
            stored = db.execute(
                "SELECT token, log_id FROM search_vocabulary WHERE id = 1"
            ).fetchone()
            if stored is None or stored[0] != token or stored[1] <= log_id:
                db.execute(
                    "INSERT OR REPLACE INTO search_vocabulary "
                    "(id, token, generation, passages, words, counts, stems, log_id) "
                    "VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                    row,
                )
                vocabulary_log.trim(db, log_id)
    except (StoreError, sqlite3.OperationalError) as exc:  # busy or read-only: kept in memory only
        log.info("search vocabulary snapshot not stored (%s)", type(exc).__name__)


def _refresh_after_ingest(db: sqlite_utils.Database, report) -> None:
    """Library hook: bring the vocabulary up to date after a batch (the changed passages alone),
    and store it again once the changes since the stored snapshot are many, so that a new
    process has little to apply."""
    vocab = vocabulary(db)
    token = db.execute("SELECT token FROM search_state").fetchone()[0]
    with _LOCK:
        cached = _CACHE.get(token)
    if cached is None or cached[1] is not vocab:
        return
    stored = _stored_log_id(db, token)
    if stored is None or cached[2] - stored > COMPACT:
        _keep(db, token, cached[0], vocab, cached[2])
