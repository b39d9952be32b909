"""The library glossary: what the documents themselves say acronyms stand for.

Rebuilt from every document after each ingest batch that changed anything (an ingest library
hook), because a long form in one document can explain an acronym in another. The evidence is
found by ``bot.glossary.acronyms``; this module chooses how entries are written and stores them.
"""

from __future__ import annotations

import json
from collections import Counter

import sqlite_utils

from bot.glossary import acronyms
from bot.glossary.index import mark_changed
from bot.library import ingest
from bot.library.text import fold


def rebuild_library_glossary(db: sqlite_utils.Database, report=None) -> int:
    """Rebuild the library glossary from every document; returns how many entries it holds.

    Runs after each ingest batch that changed anything, because a long form in one document can
    explain an acronym in another."""
    documents = [(row["id"], row["text"]) for row in db["documents"].rows_where(select="id, text")]
    used: dict[str, set[str]] = {}
    uses: Counter = Counter()
    plurals: Counter = Counter()
    for doc_id, text in documents:
        for acronym, written, _, _ in acronyms.acronym_tokens(text):
            used.setdefault(acronym, set()).add(doc_id)
            uses[acronym] += 1
            if written != acronym and not written.endswith(("'s", "’s")):
                plurals[acronym] += 1
    # counted things ("ROCUs", "PCCs") have singular entries; a stray "SAGEs" does not count
    plural_used = {a for a, n in plurals.items() if n >= 2 and n * 10 >= uses[a]}

    found: dict[tuple[str, str], dict] = {}
    for doc_id, text in documents:
        for definition in acronyms.inline_definitions(text):
            expansion = _display_expansion(definition.short, definition.long, plural_used)
            entry = found.setdefault(
                (fold(definition.short), acronyms.phrase_key(expansion)),
                {"acronym": definition.short, "written": Counter(), "method": "inline", "at": []},
            )
            entry["written"][expansion] += 1
            entry["at"].append([doc_id, definition.start, definition.end])

    defined = {key for key, _ in found}
    undefined = {a for a in used if fold(a) not in defined}
    phrases = acronyms.phrases_spelling(undefined, documents)
    for acronym in sorted(undefined):
        best = acronyms.confident_phrase(acronym, phrases.get(acronym, {}), used[acronym])
        if best is None:
            continue
        expansion = _display_expansion(acronym, best.phrase, plural_used)
        found[(fold(acronym), acronyms.phrase_key(expansion))] = {
            "acronym": acronym,
            "written": Counter({expansion: best.count}),
            "method": "cross-library",
            "at": [[doc_id, None, None] for doc_id in sorted(best.docs)],
        }

    rows = [
        {
            "key": key,
            "acronym": entry["acronym"],
            "expansion": max(entry["written"], key=lambda w: (entry["written"][w], w)),
            "expansion_key": expansion_key,
            "method": entry["method"],
            "defined_in": json.dumps(entry["at"]),
        }
        for (key, expansion_key), entry in found.items()
    ]
    with db.atomic():
        db.execute("delete from glossary_library")
        if rows:
            db["glossary_library"].insert_all(rows)
        mark_changed(db)
    return len(rows)


def _display_expansion(acronym: str, long_form: str, plural_used: set[str]) -> str:
    """The long form as an entry shows it: singular when the library counts the acronym
    ("ROCUs" -> "Regional Organised Crime Unit"), as written otherwise ("HM Revenue and
    Customs")."""
    long_form = " ".join(long_form.split())
    return acronyms.singular_phrase(long_form) if acronym in plural_used else long_form


if rebuild_library_glossary not in ingest.LIBRARY_HOOKS:
    ingest.LIBRARY_HOOKS.append(rebuild_library_glossary)


def learnt_from(db: sqlite_utils.Database, doc_id: str) -> list[tuple[str, str]]:
    """The library glossary's entries that a document defines or backs: (acronym, expansion)."""
    if "glossary_library" not in db.table_names():
        return []
    rows = db.query(
        "select acronym, expansion, defined_in from glossary_library where defined_in like ?",
        [f'%"{doc_id}"%'],
    )
    return sorted(
        {
            (row["acronym"], row["expansion"])
            for row in rows
            if any(at and at[0] == doc_id for at in json.loads(row["defined_in"] or "[]"))
        }
    )
