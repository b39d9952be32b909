"""Finding what acronyms stand for in running text: pure functions, no store.

Two sources of evidence, used by ``bot.glossary.lookup`` to build the library glossary:

- inline definitions, in both directions ("Regional Organised Crime Units (ROCUs)" and
  "ROCU (Regional Organised Crime Unit)"): each bracket's short form is aligned to the words
  before (or inside) it at the lowest cost, the rules of ``bot.glossary.rules`` saying what an
  alignment may do and what it costs (after Schwartz and Hearst, "A simple algorithm for
  identifying abbreviation definitions in biomedical text", 2003);
- capitalised phrases anywhere in the library whose word initials spell an acronym the library uses
  without ever defining it ("SOCA" ... "the Serious Organised Crime Agency"), allowing the joining
  words of/and/&/the/for and all-capital words that give several letters ("UK Border Agency").

Plurals ("ROCUs", "ROCUS", "PCCs") are folded onto the singular acronym throughout.

The work is split by concern: ``tokens`` (acronym tokens, plurals), ``rules`` (the rules as data
and their profiles), ``words`` (what may be a short form, the words of a long form), ``align``
(the cheapest alignment), ``longforms`` (one search over the rules' costs), ``brackets`` and
``shapes`` (the kinds of definition), ``phrases`` (spelled phrases), ``tables`` (a document's own
list of abbreviations) and ``pages`` (text joined across page breaks). This module is the one
the rest of the project imports.
"""

from __future__ import annotations

from pathlib import Path

from bot.glossary.brackets import inline_definitions
from bot.glossary.phrases import (
    PhraseUse,
    capitalised_runs,
    confident_phrase,
    every_phrase_spelling,
    phrase_key,
    phrases_spelling,
)
from bot.glossary.rules import (
    BIO_RULES,
    DEFAULT_RULES,
    FINDER_VERSION,
    PROFILES,
    RULES,
    TABLE,
    rules_for,
)
from bot.glossary.tables import listed_definitions
from bot.glossary.tokens import (
    ACRONYM_TOKEN,
    JOINING_WORDS,
    SENTENCE_OPENERS,
    Definition,
    acronym_tokens,
    best_long_form,
    is_all_capital,
    is_mixed_case_acronym,
    singular_phrase,
    singular_word,
    spells,
)
from bot.glossary.words import FUNCTION_WORDS, short_form_letters

__all__ = [
    "ACRONYM_TOKEN",
    "BIO_RULES",
    "DEFAULT_RULES",
    "FINDER_VERSION",
    "FUNCTION_WORDS",
    "JOINING_WORDS",
    "PROFILES",
    "RULES",
    "SENTENCE_OPENERS",
    "TABLE",
    "Definition",
    "PhraseUse",
    "acronym_tokens",
    "best_long_form",
    "capitalised_runs",
    "confident_phrase",
    "definitions_in_file",
    "document_definitions",
    "listed_definitions",
    "every_phrase_spelling",
    "inline_definitions",
    "is_all_capital",
    "is_mixed_case_acronym",
    "phrase_key",
    "phrases_spelling",
    "rules_for",
    "short_form_letters",
    "singular_phrase",
    "singular_word",
    "spells",
]


def document_definitions(text: str, rules=None, profile: str | None = None) -> list[Definition]:
    """Every definition a document makes: its own list of abbreviations (``listed``, the most
    trusted) and its inline definitions, in order of where they are."""
    chosen = rules_for(rules, profile)
    found = listed_definitions(text, chosen) + inline_definitions(text, rules=chosen)
    return sorted(found, key=lambda d: (d.start, not d.listed))


def definitions_in_file(path: Path) -> list[Definition]:
    """The definitions one file makes, read with the library's format readers and cleaned as
    ingest would store it, each (short, long) pair once, in order; nothing is stored.
    Raises ``formats.UnreadableFile`` (or OSError) with a reason when the file cannot be read."""
    from bot.library import formats
    from bot.library.cleaning import clean
    from bot.library.ingest import MAX_FILE_BYTES

    if not formats.is_supported(path):
        raise formats.UnreadableFile(f"unsupported file type {path.suffix or '(none)'}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise formats.UnreadableFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    text = clean(formats.read_text(path, path.read_bytes())).text
    seen: set[tuple[str, str]] = set()
    out = []
    for definition in document_definitions(text):
        if (definition.short, definition.long) not in seen:
            seen.add((definition.short, definition.long))
            out.append(definition)
    return out
