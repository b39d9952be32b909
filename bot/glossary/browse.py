"""Browsing the glossary: every entry by letter, a page at a time, team entries first, with
filters (``/rocu glossary [LETTER] [team:[WHO]] [source:SOURCE|DOC] [missing]``).

* a letter (``b``) or ``#`` (digits and symbols): the entries whose headword starts so;
* ``team:``: the team's own entries; ``team:NAME``: those taught by someone whose user id or
  display name starts with NAME;
* ``source:library``, ``source:curated``, ``source:team``: entries from that source;
  ``source:DOC``: the entries a library document defines (its id);
* ``missing``: terms people looked up that the glossary did not know, most asked first: only
  acronym-like tokens (``bot.glossary.misses.is_acronym_like``), never the other words people
  typed into a private look-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlite_utils

from bot.glossary.entry import SOURCES_ORDER, Entry
from bot.glossary.index import all_entries
from bot.glossary.misses import is_acronym_like, missing_counts
from bot.library.text import fold

PAGE_SIZE = 20
OTHER = "#"  # headwords that start with a digit or a symbol


class BrowseError(ValueError):
    """A filter that cannot be understood; the message says what works, in one sentence."""


@dataclass
class Filters:
    letter: str | None = None
    team: bool = False
    taught_by: str | None = None
    source: str | None = None  # library | curated | team
    document: str | None = None
    missing: bool = False

    def describe(self) -> list[str]:
        said = []
        if self.letter:
            said.append(f"starting with {self.letter.upper()}")
        if self.team:
            said.append("team entries" + (f" taught by {self.taught_by}" if self.taught_by else ""))
        if self.source:
            said.append(f"from the {self.source} source")
        if self.document:
            said.append(f"defined in {self.document}")
        return said


@dataclass
class GlossaryPage:
    query: str  # the filters as typed, for paging again
    filters: Filters
    entries: list[Entry] = field(default_factory=list)
    total: int = 0
    page: int = 0
    page_size: int = PAGE_SIZE
    letters: list[str] = field(default_factory=list)  # the letters that have entries
    missing: list[dict] = field(default_factory=list)  # {"term", "count", "last_asked"}
    # the other sources that give a listed entry's very meaning, by ``meaning_key``: one line
    # "ABE — Achieving Best Evidence [library, curated glossary]", not one line per source
    also: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def also_for(self, entry: Entry) -> list[str]:
        return self.also.get(meaning_key(entry), [])


def meaning_key(entry: Entry) -> tuple[str, str]:
    """An entry's headword and expansion with case, punctuation and spacing set aside: "National
    Police Chiefs' Council" and "National Police Chiefs Council" are one meaning."""
    return (fold(entry.headword), " ".join(re.findall(r"[^\W_]+", fold(entry.expansion))))


def _one_line_per_meaning(entries: list[Entry]) -> tuple[list[Entry], dict]:
    """Entries in order, each meaning once (the first source's entry kept; team entries, listed
    first, are never merged with the others); the sources merged into each kept one."""
    kept: list[Entry] = []
    also: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        key = meaning_key(entry)
        last = kept[-1] if kept else None
        if last is not None and entry.source != "team" and last.source != "team":
            if meaning_key(last) == key:
                if entry.source != last.source and entry.source not in also.get(key, []):
                    also.setdefault(key, []).append(entry.source)
                continue
        kept.append(entry)
    return kept, also


def parse_filters(text: str) -> Filters:
    found = Filters()
    for token in (text or "").split():
        word = token.lower()
        if len(word) == 1 and (word.isalpha() or word == OTHER):
            found.letter = word
        elif word in ("missing", "--missing", "unknown"):
            found.missing = True
        elif word in ("team", "team:", "teams"):
            found.team = True
        elif word.startswith("team:"):
            found.team, found.taught_by = True, token.split(":", 1)[1].lstrip("@")
        elif word.startswith("source:") and token.split(":", 1)[1]:
            value = token.split(":", 1)[1]
            if value.lower() in SOURCES_ORDER:
                found.source = value.lower()
            else:
                found.document = value
        else:
            raise BrowseError(
                f"“{token[:40]}” is not a glossary filter: use a letter (`b`), `team:`, "
                "`source:library|curated|team|DOC` or `missing`; to look a term up, "
                f"`/rocu define {token[:40]}`."
            )
    return found


def _letter_of(headword: str) -> str:
    first = fold(headword)[:1]
    return first if first.isalpha() else OTHER


def _taught_by(entry: Entry, who: str) -> bool:
    who = who.lower()
    return any(
        (name or "").lower().startswith(who) for name in (entry.added_by, entry.added_by_name)
    )


def browse(db: sqlite_utils.Database, text: str = "", page: int = 0) -> GlossaryPage:
    """A page of the glossary under the filters in ``text``. Raises BrowseError for a filter it
    cannot read."""
    filters = parse_filters(text)
    result = GlossaryPage(query=" ".join((text or "").split()), filters=filters, page=page)
    if filters.missing:
        rows = [r for r in missing_counts(db) if is_acronym_like(r["term"])]
        if filters.letter:
            rows = [r for r in rows if _letter_of(r["term"]) == filters.letter]
        result.total = len(rows)
        result.missing = rows[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        return result
    entries = all_entries(db)
    if filters.team:
        entries = [e for e in entries if e.source == "team"]
        if filters.taught_by:
            entries = [e for e in entries if _taught_by(e, filters.taught_by)]
    if filters.source:
        entries = [e for e in entries if e.source == filters.source]
    if filters.document:
        wanted = fold(filters.document)
        entries = [e for e in entries if any(fold(str(at[0])) == wanted for at in e.defined_in)]
    result.letters = sorted(
        {_letter_of(e.headword) for e in entries}, key=lambda x: (x == OTHER, x)
    )
    if filters.letter:
        entries = [e for e in entries if _letter_of(e.headword) == filters.letter]
    # team entries first, then the rest by headword (library, curated, team for the same one)
    entries.sort(
        key=lambda e: (
            e.source != "team",
            fold(e.headword),
            meaning_key(e)[1],
            SOURCES_ORDER[e.source],
        )
    )
    entries, result.also = _one_line_per_meaning(entries)
    result.total = len(entries)
    result.entries = entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    return result
