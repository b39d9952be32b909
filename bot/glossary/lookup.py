"""The glossary behind `/rocu define`: what acronyms and terms of the trade mean, and where the
library uses them. This module is the feature's public face: the look-ups and the ``define``
command; each source and each concern lives in its own module.

Three sources, always kept apart and shown side by side (a team entry never hides what the
documents or the curated file say):

- ``library`` (``bot.glossary.mined``): built from the documents at ingest
(``bot.glossary.acronyms``:
  inline definitions both ways, and acronyms spelled out elsewhere in the library), stored in
  ``glossary_library`` and updated in place with each document added, changed or removed;
- ``curated`` (``bot.glossary.curated``): ``glossary.toml`` beside the seed library (or
  ``$ROCU_GLOSSARY``), for what the library uses without spelling out and for terms of the trade;
  validated with line numbers;
- ``team`` (``bot.glossary.team``): what people teach with ``define TERM = EXPANSION --
  description``, with who (id and display name) and when; shown last, beside the others.

``bot.glossary.index`` joins them for look-ups, ``bot.glossary.usage`` finds where the library
uses a term, and ``bot.glossary.misses`` logs look-ups that found nothing, so the team can see
which terms are missing. Other features use ``lookup_expansion`` (recommendations),
``missing_terms`` (digest) and ``expand_for_search`` (search); all three read a per-store cached
index, so they are cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from bot.glossary import acronyms
from bot.glossary.curated import (
    CURATED_NAME,
    GlossaryFileError,
    curated_path,
    load_curated,
    parse_curated,
)
from bot.glossary.entry import (
    MAX_TERM_CHARS,
    Entry,
    asked_term,
    clean_term,
    exact_key,
    expansion_key,
    ordered,
    without_markup,
)
from bot.glossary.index import Index, all_entries, index, resolve
from bot.glossary.mined import rebuild_library_glossary
from bot.glossary.misses import (
    is_acronym_like,
    missing_counts,
    missing_terms,
    public_missing_terms,
    record_miss,
)
from bot.glossary.team import (
    GlossaryInputError,
    forget,
    parse_teaching,
    teach,
    teach_replacing,
)
from bot.glossary.usage import Example, forms_of, usage
from bot.library.features import Steps
from bot.library.text import fold

__all__ = [
    "CURATED_NAME",
    "DefineResult",
    "Entry",
    "Example",
    "GlossaryFileError",
    "GlossaryInputError",
    "Index",
    "Match",
    "all_entries",
    "clean_term",
    "command",
    "curated_path",
    "define",
    "expand_for_search",
    "forget",
    "index",
    "is_acronym_like",
    "is_edit",
    "load_curated",
    "lookup_expansion",
    "missing_counts",
    "missing_terms",
    "parse_curated",
    "parse_teaching",
    "public_missing_terms",
    "rebuild_library_glossary",
    "record_miss",
    "teach",
    "usage",
]


# --------------------------------------------------------------------------------------- schema


# This module's schema steps, in order: the composition root (bot.wiring) hands them to the store.
MIGRATIONS = Steps()
migration = MIGRATIONS.step


@migration("0003_glossary")
def _glossary_tables(db: sqlite_utils.Database) -> None:
    db["glossary_library"].create(
        {
            "key": str,  # folded acronym: what look-ups compare against
            "acronym": str,  # as the library writes it, singular
            "expansion": str,
            "expansion_key": str,
            "method": str,  # inline | cross-library
            "defined_in": str,  # JSON [[doc_id, start, end], ...]: where the definition is
        },
        pk=("key", "expansion_key"),
    )
    db["glossary_team"].create(
        {
            "key": str,
            "term": str,
            "expansion": str,
            "description": str,
            "added_by": str,
            "added_at": str,
        },
        pk="key",
    )
    db["glossary_misses"].create(
        {"id": int, "term": str, "key": str, "asked_by": str, "asked_at": str}, pk="id"
    )
    db["glossary_misses"].create_index(["asked_at"])
    db["glossary_state"].create({"id": int, "generation": int, "built_at": str}, pk="id")
    db["glossary_state"].insert({"id": 1, "generation": 0, "built_at": None})
    if db["documents"].count:  # a store that had documents before this feature existed
        rebuild_library_glossary(db)


@migration("0003b_glossary_team_display_name")
def _team_display_name(db: sqlite_utils.Database) -> None:
    if "added_by_name" not in db["glossary_team"].columns_dict:
        db["glossary_team"].add_column("added_by_name", str)


# ------------------------------------------------------------------------------------ look-ups


@dataclass
class Match:
    entry: Entry
    documents: list[dict]  # {"doc_id", "title", "mentions"}, most mentions first
    example: Example | None
    defined_in: list[dict]  # {"doc_id", "title"} for library entries


@dataclass
class DefineResult:
    query: str
    matches: list[Match] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    corrected: str | None = None  # the entry answered when the query was a near miss
    reverse: bool = False  # the query was a long form; matches are its acronyms
    notice: str | None = None  # e.g. what teaching or forgetting did
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # the query could not be looked up at all (empty, too long)
    recorded: bool = False  # an unknown term noted for `rocu glossary --missing`
    # an unknown term: the documents that use it as typed, and one sentence that does
    used_in: list[dict] = field(default_factory=list)
    example: Example | None = None
    # the answer to `define --forget TERM`: with no entry left, it confirms the forgetting alone
    # (``FORGET_SAYS_ONLY``), not the look-up of an unknown term ("Teach it ...")
    forgot: bool = False


def too_long(chars: int) -> str:
    """The refusal of a term of ``chars`` characters, more than ``MAX_TERM_CHARS``."""
    return (
        f"That is too long for a term ({chars:,} characters; the most is {MAX_TERM_CHARS}). "
        "To look for words in the documents, use search."
    )


def define(
    db: sqlite_utils.Database, query: str, user: str | None = None, record: bool = True
) -> DefineResult:
    """Look up ``query`` (an acronym, a term or a long form). Never raises for what a user types.

    Exact and plural-tolerant headwords first, then long forms (reverse look-up), then a close
    spelling: answered directly when one entry is clearly meant, else offered as "did you mean"
    (only a close spelling of a headword the glossary knows). Look-ups that find nothing are
    recorded (``record``) for ``rocu glossary --missing`` and say where the library uses the
    term, with one sentence, so the answer can offer a search."""
    raw = asked_term(without_markup(query))
    term = clean_term(raw)
    if len(raw) > MAX_TERM_CHARS:
        shown = raw[:40] + "…"
        return DefineResult(query=shown, error=too_long(len(raw)))
    if not exact_key(term):
        return DefineResult(
            query=raw, error="Tell me the acronym or term to look up, e.g. define ROCU."
        )
    glossary = index(db)
    result = DefineResult(query=term, problems=list(glossary.problems))
    entries, corrected, reverse, suggestions = resolve(glossary, term)
    result.corrected, result.reverse, result.suggestions = corrected, reverse, suggestions
    if entries:
        result.matches = _matches(db, entries)
        return result
    if record:
        result.recorded = record_miss(db, term, user)
    # not in the glossary: where the library uses it, so the answer can offer a search
    result.used_in, result.example = usage(db, [term])
    return result


def _matches(db: sqlite_utils.Database, entries: list[Entry]) -> list[Match]:
    titles = {row["id"]: row["title"] for row in db["documents"].rows_where(select="id, title")}
    usage_by_headword: dict[str, tuple[list[dict], Example | None]] = {}
    matches = []
    for entry in entries:
        name = fold(entry.headword)
        if name not in usage_by_headword:
            forms = forms_of([e for e in entries if fold(e.headword) == name])
            usage_by_headword[name] = usage(db, forms)
        documents, example = usage_by_headword[name]
        defined_in = [
            {"doc_id": doc_id, "title": titles.get(doc_id, doc_id)}
            for doc_id in dict.fromkeys(at[0] for at in entry.defined_in)
        ]
        matches.append(Match(entry, documents, example, defined_in))
    return matches


# After `define --forget QZX` the answer went on to the look-up of QZX, now unknown: "“QZX” is not
# in the glossary ... Teach it: ...", offering to teach what was just removed (round 20's walk).
# With this on, a forgetting that leaves the term no entry is confirmed alone; one that leaves
# other entries (the library's, the curated one's) still shows them. False: the look-up, as before.
FORGET_SAYS_ONLY = True


def command(
    db: sqlite_utils.Database, text: str, user: str | None = None, user_name: str | None = None
) -> DefineResult:
    """What `define ...` means, from the Slack command or the console: ``TERM`` looks up,
    ``TERM = EXPANSION [-- description]`` teaches a team entry, ``--forget TERM`` removes one.
    After teaching or forgetting, the answer shows every entry the term now has. ``user_name``:
    the display name to keep with a team entry, when the front end has one. Whether ``user``
    may teach or forget is for the front end to decide before calling (``is_edit``)."""
    text = " ".join((text or "").split())
    first, _, rest = text.partition(" ")
    if first.lower() in ("--forget", "-forget", "—forget"):
        term = clean_term(rest)
        if not term:
            return DefineResult(query="", error="Which team entry? e.g. define --forget NPCC")
        forgotten = forget(db, term)
        result = define(db, term, user, record=False)
        result.forgot = FORGET_SAYS_ONLY
        result.notice = (
            f"Removed the team entry for {term}."
            if forgotten
            else f"There is no team entry for {term}; only team entries can be removed."
        )
        return result
    teaching = parse_teaching(text)
    if teaching is None:
        return define(db, text, user)
    try:
        entry, replaced = teach_replacing(db, *teaching, user=user, user_name=user_name)
    except GlossaryInputError as exc:
        return DefineResult(query=teaching[0], error=str(exc))
    result = define(db, entry.headword, user, record=False)
    result.notice = f"Saved the team entry: {entry.headword} = {entry.expansion}."
    if replaced is not None and SAYS_REPLACED and _differs(replaced, entry):
        by = replaced.added_by_name or replaced.added_by or "someone"
        day = (replaced.added_at or "")[:10]
        result.notice += (
            f" It replaces the team's entry {replaced.headword} = {replaced.expansion}"
            f" (added by {by}{f' on {day}' if day else ''})."
        )
    return result


# Round 22's walk: teaching a term the team already had (two people teaching it at once, or one
# after the other) said only "Saved the team entry: ...": the entry a colleague taught was gone
# without a word. The answer now names the entry it replaces, and who added it, when the meaning
# or the teacher differs. False: as before.
SAYS_REPLACED = True


def _differs(old: Entry, new: Entry) -> bool:
    return (old.expansion, old.description, old.added_by) != (
        new.expansion,
        new.description,
        new.added_by,
    )


def is_edit(text: str) -> bool:
    """Whether a `define` line teaches or forgets (rather than looks up)."""
    first = " ".join((text or "").split()).partition(" ")[0].lower()
    return first in ("--forget", "-forget", "—forget") or parse_teaching(text) is not None


def lookup_expansion(db: sqlite_utils.Database, acronym: str) -> str | None:
    """The expansion of ``acronym`` (exact or plural, any case), e.g. "NCA" -> "National Crime
    Agency"; None when the glossary does not know it or it is a term, not an acronym. No fuzzy
    matching, no logging: for normalising names in other features."""
    term = clean_term(acronym)
    if not term or len(term) > MAX_TERM_CHARS:
        return None
    for entry in ordered(index(db).headword_hits(term)):
        if entry.is_acronym:
            return entry.expansion
    return None


def expand_for_search(db: sqlite_utils.Database, phrase: str) -> list[str]:
    """Equivalent phrases for search: an acronym's expansions ("ROCU", "rocus" -> ["regional
    organised crime unit"]), a long form's acronym ("national crime agency" -> ["NCA"]). Exact
    and plural matches only; memoised per store until the glossary changes."""
    term = clean_term(phrase)
    if not term or len(term) > MAX_TERM_CHARS:
        return []
    glossary = index(db)
    key = acronyms.phrase_key(term)
    if key not in glossary.equivalents:
        glossary.equivalents[key] = _equivalents(glossary, term)
    return list(glossary.equivalents[key])


def _equivalents(glossary: Index, term: str) -> list[str]:
    out: list[str] = []
    for entry in glossary.headword_hits(term):
        if entry.is_acronym:
            out.append(entry.expansion.lower())
        out += [*entry.aliases, entry.headword]
    for entry in glossary.expansions.get(expansion_key(term), []):
        if entry.is_acronym:
            out.append(entry.headword)
    seen, unique = {exact_key(term), acronyms.phrase_key(term)}, []
    for phrase in out:
        key = acronyms.phrase_key(phrase)
        if key and key not in seen:
            seen.add(key)
            unique.append(phrase)
    return unique
