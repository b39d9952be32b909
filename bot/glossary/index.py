"""The glossary index: every entry of every source, reachable by headword, plural and long form.

Built from the store's team and library tables (``mined.library_rows``: dirty entries computed
live) and the curated file, and cached per store until any of them changes
(``mined.mark_changed`` bumps a generation in the store, so other processes see it too), because
Slack answers, search expansion and recommendations all look terms up per request.
"""

from __future__ import annotations

import json
import threading
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process
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

SUGGEST_SCORE = 60


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
        """Entries whose headword or alias is ``term``: exactly, else allowing plurals."""
        return self.exact.get(exact_key(term)) or self.loose.get(acronyms.phrase_key(term)) or []


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
        for row in library_rows(db)
    ]
    return Index(entries, problems)


def all_entries(db: sqlite_utils.Database) -> list[Entry]:
    """Every entry, by headword then source (team, curated, library)."""
    return sorted(index(db).entries, key=lambda e: (fold(e.headword), SOURCES_ORDER[e.source]))


# ------------------------------------------------------------------------------------ resolving


def resolve(glossary: Index, term: str) -> tuple[list[Entry], str | None, bool, list[str]]:
    """(entries, corrected headword, reverse?, suggestions) for a cleaned term.

    Exact and plural-tolerant headwords first, then long forms (reverse look-up), then a close
    spelling: answered directly when one entry is clearly meant, else only suggested."""
    loose = acronyms.phrase_key(term)
    hits = glossary.headword_hits(term)
    reverse_hits = glossary.expansions.get(expansion_key(term), [])
    if hits:
        extra = [e for e in reverse_hits if e not in hits]
        return ordered(hits + extra), _correction(term, hits[0]), False, []
    if reverse_hits:
        return _reverse(glossary, reverse_hits), None, True, []
    choices = glossary.choices
    close = process.extract(
        loose, list(choices), scorer=fuzz.ratio, limit=8, score_cutoff=SUGGEST_SCORE
    )
    suggestions = list(dict.fromkeys(choices[key] for key, _, _ in close))[:5]
    # One typo (two in a long phrase) from exactly one entry: answer it, saying so.
    allowed = 0 if len(loose) < 5 else 1 if len(loose) < 16 else 2
    near = process.extract(loose, list(choices), scorer=OSA.distance, limit=4, score_cutoff=allowed)
    if near and len({choices[k] for k, d, _ in near if d == near[0][1]}) == 1:
        key = near[0][0]
        best = choices[key]
        if key in glossary.loose:
            return ordered(glossary.loose[key]), best, False, []
        return _reverse(glossary, glossary.expansions[key]), best, True, []
    return [], None, False, suggestions


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
