"""The glossary index: every entry of every source, reachable by headword, plural and long form.

Built from the store's team and library tables (``mined.library_rows``: dirty entries computed
live) and the curated file, and cached per store until any of them changes
(``mined.mark_changed`` bumps a generation in the store, so other processes see it too), because
Slack answers, search expansion and recommendations all look terms up per request.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import sqlite_utils
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.glossary import acronyms
from bot.glossary.curated import GlossaryFileError, curated_path, load_curated
from bot.glossary.entry import (
    SOURCES_ORDER,
    Entry,
    exact_key,
    expansion_key,
    ordered,
)
from bot.glossary.mined import library_rows
from bot.library.text import fold

# An acronym in capitals keeps its last S when a term is looked up (``_cut_s``). False: as before
# round 8 ("on" found "ONS").
ACRONYM_KEEPS_S = True


@dataclass
class Index:
    """Every entry, reachable by exact headword, plural-tolerant headword, and expansion.

    Built once per change of the glossary (``index``), so what is derived from the entries
    (fuzzy-match choices, search equivalents) is memoised on it and goes when it is replaced."""

    entries: list[Entry]
    problems: list[str] = field(default_factory=list)
    exact: dict[str, list[Entry]] = field(init=False, default_factory=dict)
    loose: dict[str, list[Entry]] = field(init=False, default_factory=dict)
    expansions: dict[str, list[Entry]] = field(init=False, default_factory=dict)
    equivalents: dict[str, list[str]] = field(init=False, default_factory=dict)  # search memo

    def __post_init__(self) -> None:
        for entry in self.entries:
            for name in (entry.headword, *entry.aliases):
                _append(self.exact, exact_key(name), entry)
                _append(self.loose, acronyms.phrase_key(name), entry)
            _append(self.expansions, expansion_key(entry.expansion), entry)

    @cached_property
    def choices(self) -> dict[str, str]:
        """Every headword, alias and expansion key -> the headword to offer, for fuzzy matching."""
        choices: dict[str, str] = {}
        for key, found in (*self.loose.items(), *self.expansions.items()):
            choices.setdefault(key, found[0].headword)
        return choices

    def headword_hits(self, term: str) -> list[Entry]:
        """Entries whose headword or alias is ``term``: exactly, else allowing plurals (not an
        acronym's own last S taken for one: ``_cut_s``)."""
        exact = self.exact.get(exact_key(term))
        if exact:
            return exact
        key = acronyms.phrase_key(term)
        return [e for e in self.loose.get(key, []) if not _cut_s(e, key, exact_key(term))]


def _cut_s(entry: Entry, key: str, typed: str) -> bool:
    """Whether ``typed`` reaches ``entry`` only as an acronym in capitals less its last S ("on"
    for "ONS", "cp" for "CPS"): that S is a letter of the name, not a plural ending, and the
    rest is often an English word, so every query holding "on" was searched for the Office for
    National Statistics too. A plural typed ("rocus", "NCAs") still reaches its acronym."""
    if not ACRONYM_KEEPS_S or typed.endswith("s"):
        return False
    names = [n.strip() for n in (entry.headword, *entry.aliases) if acronyms.phrase_key(n) == key]
    return bool(names) and all(" " not in n and n.isupper() and n.endswith("S") for n in names)


def _append(mapping: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    if key and entry not in mapping.setdefault(key, []):
        mapping[key].append(entry)


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def index(db: sqlite_utils.Database) -> Index:
    """The store's glossary index, cached until the glossary or the curated file changes."""
    stamp = (_generation(db), *_file_stamp(curated_path()))
    with _CACHE_LOCK:
        cached = _CACHE.get(db)
    if cached and cached[0] == stamp:
        return cached[1]
    built = _build_index(db)
    with _CACHE_LOCK:
        _CACHE[db] = (stamp, built)
    return built


def _generation(db: sqlite_utils.Database) -> int:
    row = db.execute("select generation from glossary_state where id = 1").fetchone()
    return row[0] if row else 0


def _file_stamp(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


# A document's own list of abbreviations is trusted first, then its inline definitions, then a
# long form spelled out elsewhere in the library.
_METHOD_ORDER = {"listed": 0, "inline": 1, "cross-library": 2}


def _build_index(db: sqlite_utils.Database) -> Index:
    entries = [
        Entry(
            headword=row["term"],
            expansion=row["expansion"],
            source="team",
            description=row["description"] or None,
            added_by=row["added_by"],
            added_at=row["added_at"],
            added_by_name=row.get("added_by_name"),
        )
        for row in db["glossary_team"].rows
    ]
    problems = []
    try:
        entries += load_curated()
    except GlossaryFileError as exc:
        problems.append(f"The curated glossary was not loaded: {exc}")
    entries += [
        Entry(
            headword=row["acronym"],
            expansion=row["expansion"],
            source="library",
            method=row["method"],
            defined_in=tuple(tuple(at) for at in json.loads(row["defined_in"] or "[]")),
        )
        for row in sorted(library_rows(db), key=lambda r: _METHOD_ORDER.get(r["method"], 3))
    ]
    return Index(entries, problems)


def all_entries(db: sqlite_utils.Database) -> list[Entry]:
    """Every entry, by headword then source (library, curated, team)."""
    return sorted(index(db).entries, key=lambda e: (fold(e.headword), SOURCES_ORDER[e.source]))


# ------------------------------------------------------------------------------------ resolving


# An acronym typed with full stops ("N.C.A.", "h.m.r.c"), when the glossary has no entry written
# so, is looked up without them (switch: DOTTED_ACRONYMS).
DOTTED_ACRONYMS = True
_DOTTED = re.compile(r"^(?:[^\W\d_]\.\s?){2,}[^\W\d_]?\.?$")


# An acronym typed in capitals one letter longer than an entry ("SCCRC" beside "CCRC") is another
# acronym, not a slip: the curated glossary alone holds some ninety such pairs from many
# publishers (NPCC and PCC, IPCC and PCC, MHRA and HRA, CSEW and CSE, NPOCC and NPCC), so it is
# neither answered as the shorter one nor offered as "did you mean": the answer says plainly it
# is not in the glossary (round 14; the round-13 walk). A doubled letter ("ROCUU") is still a slip.
# False: as before.
LONGER_ACRONYM_OWN = True
ACRONYM_TYPED = range(3, 9)  # letters of a word in capitals read as an acronym here


def _longer_acronym(term: str, key: str) -> bool:
    """Is ``term``, typed in capitals, ``key`` (a folded headword) with one letter added that
    does not double its neighbour?"""
    if not LONGER_ACRONYM_OWN or not (term.isalpha() and term.isupper()):
        return False
    typed = acronyms.phrase_key(term)
    if len(typed) not in ACRONYM_TYPED or len(typed) != len(key) + 1:
        return False
    for i, letter in enumerate(typed):
        if typed[:i] + typed[i + 1 :] == key:
            return letter not in (typed[i - 1 : i] + typed[i + 1 : i + 2])
    return False


def resolve(glossary: Index, term: str) -> tuple[list[Entry], str | None, bool, list[str]]:
    """(entries, corrected headword, reverse?, suggestions) for a cleaned term.

    Exact and plural-tolerant headwords first, then long forms (reverse look-up), then a close
    spelling: answered directly when one entry is clearly meant, else only suggested
    (``suggest``). An acronym typed with full stops is looked up without them, when the glossary
    has nothing written with them."""
    if DOTTED_ACRONYMS and _DOTTED.match(term) and not glossary.headword_hits(term):
        undotted = resolve(glossary, re.sub(r"[.\s]", "", term))
        if undotted[0]:
            return undotted
    loose = acronyms.phrase_key(term)
    hits = glossary.headword_hits(term)
    reverse_hits = glossary.expansions.get(expansion_key(term), [])
    if hits:
        extra = [e for e in reverse_hits if e not in hits]
        return ordered(hits + extra), _correction(term, hits[0]), False, []
    if reverse_hits:
        return _reverse(glossary, reverse_hits), None, True, []
    suggestions = suggest(glossary, term)
    choices = glossary.choices
    # One typo (two in a long phrase) from exactly one entry: answer it, saying so.
    allowed = 0 if len(loose) < 5 else 1 if len(loose) < 16 else 2
    near = process.extract(loose, list(choices), scorer=OSA.distance, limit=4, score_cutoff=allowed)
    near = [n for n in near if not _longer_acronym(term, n[0])]
    if near and len({choices[k] for k, d, _ in near if d == near[0][1]}) == 1:
        key = near[0][0]
        best = choices[key]
        if key in glossary.loose:
            found = [e for e in glossary.loose[key] if not _cut_s(e, key, exact_key(term))]
            if not found:  # "on" is no spelling of "ONS" either: offered, not answered
                return [], None, False, suggestions or [best]
            return ordered(found), best, False, []
        return _reverse(glossary, glossary.expansions[key]), best, True, []
    return [], None, False, suggestions


# Keys next to each other on a UK keyboard: a changed letter in a short acronym is a typo only
# when the two are neighbours ("HMRX" for HMRC), else it is another acronym ("PAC" for PNC).
_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {
    (a, b)
    for r, row in enumerate(_ROWS)
    for c, a in enumerate(row)
    for rr in (r - 1, r, r + 1)
    if 0 <= rr < len(_ROWS)
    for cc in (c - 1, c, c + 1)
    if 0 <= cc < len(_ROWS[rr]) and _ROWS[rr][cc] != a
    for b in (_ROWS[rr][cc],)
}


def _close_spelling(typed: str, known: str) -> bool:
    """Whether ``known`` is a close spelling of ``typed`` (both folded keys): one letter added,
    dropped or swapped with its neighbour, or changed for one next to it on the keyboard; any
    one letter changed when both are five characters or more; two when both are over ten."""
    if typed == known:
        return False
    distance = OSA.distance(typed, known)
    if distance == 1:
        if len(typed) == len(known) and len(typed) < 5:
            changed = [(a, b) for a, b in zip(typed, known, strict=True) if a != b]
            return len(changed) != 1 or changed[0] in _NEIGHBOURS
        return True
    return distance == 2 and min(len(typed), len(known)) > 10


def suggest(glossary: Index, term: str) -> list[str]:
    """Headwords (or aliases) the glossary knows that are a close spelling of ``term``, closest
    first, at most five. Only what was typed is compared: a headword's own spelling and its
    aliases; a long form only when ``term`` is a phrase, and only one that starts with the typed
    words' letters (so an acronym never brings up an unrelated long form: "PNC" is not offered
    "Public Accounts Committee", whose alias PAC is one letter away)."""
    typed = acronyms.phrase_key(term)
    phrase = " " in typed
    found: dict[str, int] = {}

    def close(keys) -> list[tuple[str, int]]:
        near = process.extract(typed, keys, scorer=OSA.distance, score_cutoff=2, limit=None)
        return [
            (key, distance)
            for key, distance, _ in near
            if _close_spelling(typed, key) and not _longer_acronym(term, key)
        ]

    for key, distance in close(list(glossary.loose)):
        for entry in glossary.loose[key]:
            names = (entry.headword, *entry.aliases)
            shown = next((n for n in names if acronyms.phrase_key(n) == key), entry.headword)
            if phrase or " " not in shown:  # an acronym typed: never a long term for it
                found.setdefault(shown, distance)
    if phrase:  # a long form typed: a long form spelled closely, starting as it does
        for key, distance in close(list(glossary.expansions)):
            if key[:1] == typed[:1]:
                for entry in glossary.expansions[key]:
                    found.setdefault(entry.headword, distance)
    ranked = sorted(found, key=lambda shown: (found[shown], shown.casefold()))
    return ranked[:5]


def _correction(term: str, entry: Entry) -> str | None:
    """The headword, when ``term`` reached it other than as itself or its plural."""
    typed, names = exact_key(term), [exact_key(n) for n in (entry.headword, *entry.aliases)]
    if any(typed in (n, n + "s", n + "es") or typed == n[:-1] + "ies" for n in names):
        return None
    return entry.headword


def _reverse(glossary: Index, hits: list[Entry]) -> list[Entry]:
    """For a long form: the entries of the acronyms it stands for, those spelling it first."""
    out = list(hits)
    for entry in hits:
        for other in glossary.exact.get(exact_key(entry.headword), []):
            if other not in out:
                out.append(other)
    first = ordered([e for e in out if e in hits])
    return first + ordered([e for e in out if e not in hits])
