"""The library glossary: what the documents themselves say acronyms stand for.

Kept up to date in place. For every document the store keeps what the glossary needs from it
(``glossary_doc_uses``: the acronyms it uses, how often, how often in the plural;
``glossary_doc_defs``: the definitions it makes, inline or in its own list of abbreviations;
``glossary_doc_phrases``: every capitalised phrase in it that could spell an acronym, by the letters
it spells). An entry of the glossary is a function of those facts for one acronym (its folded form,
the ``key``), across the library. Adding, changing or removing a document (a ``DOCUMENT_HOOKS``
hook, so inside the document's own transaction) replaces that document's facts and marks the keys it
uses, defines or may spell out as dirty (``glossary_dirty``), cross-library matching included; once
after the batch (a ``LIBRARY_HOOKS`` hook) the entries of the dirty keys are recomputed, each once
however many documents touched it. Until then ``library_rows`` (what look-ups read) computes the
dirty keys' entries live from the facts. No interruption can leave the glossary stale: facts and
dirty marks commit with the document or not at all, an interrupted batch's marks are read live and
cleared by the next batch.

``rebuild_library_glossary`` recomputes every document's facts and every entry from scratch
(``rocu glossary --rebuild``); it gives the same entries as the incremental path.

The evidence is found by ``bot.glossary.acronyms`` (its public functions only); this module
chooses how entries are written and stores them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

import sqlite_utils

from bot.glossary import acronyms
from bot.glossary.entry import utc_text
from bot.library.documents import document_text, document_texts
from bot.library.features import Steps
from bot.library.store import writing
from bot.library.text import fold

# Longest letter string a phrase is indexed under: longer than any acronym worth spelling out.
MAX_LETTERS = 12
# A paragraph of at least SHOUTED_WORDS words whose letters are at least SHOUTED_SHARE capitals
# is written in capitals (a telegram, a news archive, a notice): there capitals mark no acronym,
# so its words are not acronym uses, unless the document defines them ("FREE FATTY ACIDS (FFA)").
SHOUTED_WORDS = 8
SHOUTED_SHARE = 0.9
_GAP = re.compile(r"\n[ \t]*\n\s*")  # between paragraphs
_WORD = re.compile(r"[^\W\d_]+")
_SMALL = dict.fromkeys(ord(ch) for ch in "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïñòóôõöøùúûüý")
_CAPITAL = dict.fromkeys(ord(ch) for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ")


# --------------------------------------------------------------------------------------- schema


# This module's schema steps, in order: the composition root (bot.wiring) hands them to the store.
MIGRATIONS = Steps()
migration = MIGRATIONS.step


@migration("glossary_incremental_facts")
def _fact_tables(db: sqlite_utils.Database) -> None:
    create_fact_tables(db)
    if db["glossary_library"].exists() and db["documents"].count:
        rebuild_library_glossary(db)


@migration("glossary_dirty_keys")
def _dirty_table(db: sqlite_utils.Database) -> None:
    create_fact_tables(db)


@migration(f"glossary_finder_{acronyms.FINDER_VERSION}")
def _finder_changed(db: sqlite_utils.Database) -> None:
    """The definition finder changed since this store's facts were taken: take them again, so
    an existing library gets the new definitions without anyone running a rebuild."""
    create_fact_tables(db)
    if db["glossary_library"].exists() and db["documents"].count:
        rebuild_library_glossary(db)


def create_fact_tables(db: sqlite_utils.Database) -> None:
    if not db["glossary_dirty"].exists():
        # keys whose ``glossary_library`` rows may be stale: recomputed once after the batch
        db["glossary_dirty"].create({"key": str}, pk="key")
    if not db["glossary_doc_uses"].exists():
        db["glossary_doc_uses"].create(
            {
                "doc_id": str,
                "acronym": str,  # as used, singular
                "key": str,  # fold(acronym): the entry it belongs to
                "letters": str,  # acronym.lower() when a phrase could spell it, else NULL
                "uses": int,
                "plurals": int,
            },
            pk=("doc_id", "acronym"),
        )
        db["glossary_doc_uses"].create_index(["key"])
        db["glossary_doc_uses"].create_index(["letters"])
    if not db["glossary_doc_defs"].exists():
        db["glossary_doc_defs"].create(
            {
                "id": int,
                "doc_id": str,
                "short": str,
                "key": str,
                "long": str,
                "start": int,
                "end": int,
                "listed": int,  # 1: from the document's own list of abbreviations
            },
            pk="id",
        )
        db["glossary_doc_defs"].create_index(["key"])
        db["glossary_doc_defs"].create_index(["doc_id"])
    elif "listed" not in db["glossary_doc_defs"].columns_dict:
        db["glossary_doc_defs"].add_column("listed", int)
    if not db["glossary_doc_phrases"].exists():
        db["glossary_doc_phrases"].create(
            {
                "doc_id": str,
                "letters": str,  # the initials the phrase spells, lower case
                "phrase_key": str,
                "phrase": str,  # as the document writes it most often
                "count": int,
            },
            pk=("doc_id", "letters", "phrase_key"),
        )
        db["glossary_doc_phrases"].create_index(["letters"])


# -------------------------------------------------------------------------------- one document


def document_facts(doc_id: str, text: str) -> tuple[list[dict], list[dict], list[dict]]:
    """(uses, definitions, phrases): the rows the glossary keeps for one document."""
    uses: Counter = Counter()
    plurals: Counter = Counter()
    definitions = acronyms.document_definitions(text)
    defined = {fold(d.short) for d in definitions}
    shouted = shouted_spans(text)
    for acronym, written, start, _ in acronyms.acronym_tokens(text):
        if fold(acronym) not in defined and any(a <= start < b for a, b in shouted):
            continue
        uses[acronym] += 1
        if written != acronym and not written.endswith(("'s", "’s")):
            plurals[acronym] += 1
    use_rows = [
        {
            "doc_id": doc_id,
            "acronym": acronym,
            "key": fold(acronym),
            "letters": _letters(acronym),
            "uses": n,
            "plurals": plurals[acronym],
        }
        for acronym, n in uses.items()
    ]
    def_rows = [
        {
            "doc_id": doc_id,
            "short": d.short,
            "key": fold(d.short),
            "long": d.long,
            "start": d.start,
            "end": d.end,
            "listed": int(d.listed),
        }
        for d in definitions
    ]
    phrase_rows = [
        {
            "doc_id": doc_id,
            "letters": letters,
            "phrase_key": key,
            "phrase": use.phrase,
            "count": use.count,
        }
        for letters, phrases in acronyms.every_phrase_spelling(
            [(doc_id, text)], MAX_LETTERS
        ).items()
        for key, use in phrases.items()
    ]
    return use_rows, def_rows, phrase_rows


def shouted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of ``text`` written in capitals (``SHOUTED_WORDS``,
    ``SHOUTED_SHARE``)."""
    spans = []
    start = 0
    for gap in [*_GAP.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if _shouted(text[start : min(end, start + 200)]) and _shouted(text[start:end]):
            if len(_WORD.findall(text, start, end)) >= SHOUTED_WORDS:
                spans.append((start, end))
        start = gap.end() if gap else end
    return spans


def _shouted(body: str) -> bool:
    """At least ``SHOUTED_SHARE`` of the letters of ``body`` are capitals (letters counted by
    what deleting them takes away). A paragraph's first 200 characters are read first: most
    paragraphs stop there."""
    lower = len(body) - len(body.translate(_SMALL))
    upper = len(body) - len(body.translate(_CAPITAL))
    return upper >= SHOUTED_SHARE * (upper + lower) > 0


def _letters(acronym: str) -> str | None:
    """What a phrase must spell to stand for ``acronym`` (None: no phrase can, e.g. "G7")."""
    if any(ch.isdigit() for ch in acronym) or not acronym.isalpha():
        return None
    return acronym.lower()


# ------------------------------------------------------------------------------------- entries

_IN_LIST = "(select value from json_each(?))"  # a list passed as one JSON parameter


def entries_for_keys(db: sqlite_utils.Database, keys: Iterable[str]) -> dict[str, list[dict]]:
    """The glossary rows of each folded acronym in ``keys``, from every document's facts (a few
    queries for all of them, whatever their number)."""
    keys = sorted(set(keys))
    listed = json.dumps(keys)
    uses: dict[str, list[tuple]] = {}
    for row in db.execute(
        "select key, acronym, doc_id, uses, plurals, letters from glossary_doc_uses "
        f"where key in {_IN_LIST}",
        [listed],
    ):
        uses.setdefault(row[0], []).append(row[1:])
    definitions: dict[str, list[tuple]] = {}
    for row in db.execute(
        "select key, short, long, doc_id, start, end, coalesce(listed, 0) from glossary_doc_defs "
        f"where key in {_IN_LIST} order by key, doc_id, start, id",
        [listed],
    ):
        definitions.setdefault(row[0], []).append(row[1:])
    # phrases matter only for acronyms never defined inline
    letters = sorted(
        {row[4] for key in keys if key not in definitions for row in uses.get(key, []) if row[4]}
    )
    phrases = phrase_uses(db, letters)
    return {
        key: _entries(key, uses.get(key, []), definitions.get(key, []), phrases) for key in keys
    }


def entries_for_key(db: sqlite_utils.Database, key: str) -> list[dict]:
    """The glossary rows for one folded acronym, from every document's facts."""
    return entries_for_keys(db, [key])[key]


def _entries(
    key: str,
    use_rows: list[tuple],
    def_rows: list[tuple],
    phrases: dict[str, dict[str, acronyms.PhraseUse]],
) -> list[dict]:
    totals: dict[str, list[int]] = {}
    docs_using: dict[str, set[str]] = {}
    letters_of: dict[str, str | None] = {}
    for acronym, doc_id, n, plural, letters in use_rows:
        total = totals.setdefault(acronym, [0, 0])
        total[0] += n
        total[1] += plural
        docs_using.setdefault(acronym, set()).add(doc_id)
        letters_of[acronym] = letters
    # counted things ("ROCUs", "PCCs") have singular entries; a stray "SAGEs" does not count
    plural_used = {a for a, (n, p) in totals.items() if p >= 2 and p * 10 >= n}

    found: dict[str, dict] = {}
    for short, long, doc_id, start, end, listed in def_rows:
        expansion = _display_expansion(short, long, plural_used)
        entry = found.setdefault(
            acronyms.phrase_key(expansion),
            {"acronym": short, "written": Counter(), "method": "inline", "at": []},
        )
        if listed:  # a document's own list of abbreviations: the most trusted
            entry["method"] = "listed"
        entry["written"][expansion] += 1
        entry["at"].append([doc_id, start, end])

    if not found:  # never defined inline: spelled out somewhere in the library?
        for acronym in sorted(docs_using):
            letters = letters_of[acronym]
            if not letters:
                continue
            best = acronyms.confident_phrase(acronym, phrases.get(letters, {}), docs_using[acronym])
            if best is None:
                continue
            expansion = _display_expansion(acronym, best.phrase, plural_used)
            found[acronyms.phrase_key(expansion)] = {
                "acronym": acronym,
                "written": Counter({expansion: best.count}),
                "method": "cross-library",
                "at": [[doc_id, None, None] for doc_id in sorted(best.docs)],
            }
    return [
        {
            "key": key,
            "acronym": entry["acronym"],
            "expansion": max(entry["written"], key=lambda w: (entry["written"][w], w)),
            "expansion_key": expansion_key,
            "method": entry["method"],
            "defined_in": json.dumps(entry["at"]),
        }
        for expansion_key, entry in found.items()
    ]


def phrase_uses(
    db: sqlite_utils.Database, letters: list[str]
) -> dict[str, dict[str, acronyms.PhraseUse]]:
    """The library's phrases spelling each of ``letters``: letters -> phrase key -> PhraseUse
    (as written most often, how often, in which documents)."""
    listed = json.dumps(sorted(set(letters)))
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for spelled, phrase_key, phrase, n in db.execute(
        "select letters, phrase_key, phrase, sum(count) from glossary_doc_phrases "
        f"where letters in {_IN_LIST} group by letters, phrase_key, phrase",
        [listed],
    ):
        best[(spelled, phrase_key)] = max(best.get((spelled, phrase_key), (0, "")), (n, phrase))
    out: dict[str, dict[str, acronyms.PhraseUse]] = {}
    for spelled, phrase_key, n, docs in db.execute(
        "select letters, phrase_key, sum(count), group_concat(doc_id, char(31)) "
        f"from glossary_doc_phrases where letters in {_IN_LIST} group by letters, phrase_key",
        [listed],
    ):
        out.setdefault(spelled, {})[phrase_key] = acronyms.PhraseUse(
            best[(spelled, phrase_key)][1], n, frozenset(docs.split("\x1f"))
        )
    return out


def _display_expansion(acronym: str, long_form: str, plural_used: set[str]) -> str:
    """The long form as an entry shows it: singular when the library counts the acronym
    ("ROCUs" -> "Regional Organised Crime Unit"), as written otherwise ("HM Revenue and
    Customs")."""
    long_form = " ".join(long_form.split())
    return acronyms.singular_phrase(long_form) if acronym in plural_used else long_form


_COLUMNS = ("key", "acronym", "expansion", "expansion_key", "method", "defined_in")


def _refresh(db: sqlite_utils.Database, keys: Iterable[str]) -> None:
    """Recompute the entries of ``keys``; rewrite only those that changed."""
    keys = sorted(set(keys))
    if not keys:
        return
    fresh = entries_for_keys(db, keys)
    stored: dict[str, list[dict]] = {}
    for row in db.execute(
        f"select {', '.join(_COLUMNS)} from glossary_library where key in {_IN_LIST}",
        [json.dumps(keys)],
    ):
        stored.setdefault(row[0], []).append(dict(zip(_COLUMNS, row, strict=True)))
    changed = [key for key in keys if _sorted(fresh[key]) != _sorted(stored.get(key, []))]
    if not changed:
        return
    db.execute(f"delete from glossary_library where key in {_IN_LIST}", [json.dumps(changed)])
    rows = [row for key in changed for row in fresh[key]]
    if rows:
        db["glossary_library"].insert_all(rows)


def _sorted(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(row[c] for c in _COLUMNS) for row in rows)


def _keys_touched_by(db: sqlite_utils.Database, doc_id: str) -> set[str]:
    """The entries a document's stored facts can affect: the acronyms it uses or defines, and
    the acronyms used anywhere in the library, never defined inline, that one of its phrases
    spells."""
    rows = db.execute(
        """
        select key from glossary_doc_uses where doc_id = :doc
        union select key from glossary_doc_defs where doc_id = :doc
        union select u.key from glossary_doc_uses u
          where u.letters in (select letters from glossary_doc_phrases where doc_id = :doc)
          and u.key not in (select key from glossary_doc_defs)
        """,
        {"doc": doc_id},
    )
    return {row[0] for row in rows}


def _delete_facts(db: sqlite_utils.Database, doc_id: str) -> None:
    for table in ("glossary_doc_uses", "glossary_doc_defs", "glossary_doc_phrases"):
        db.execute(f"delete from {table} where doc_id = ?", [doc_id])


def _insert_facts(db: sqlite_utils.Database, facts: tuple[list, list, list]) -> None:
    """One ``executemany`` per table (sqlite-utils' ``insert_all`` checks and converts every
    value, a third of a rebuild's time for these plain rows)."""
    for table, rows in zip(
        ("glossary_doc_uses", "glossary_doc_defs", "glossary_doc_phrases"), facts, strict=True
    ):
        if rows:
            columns = list(rows[0])
            db.conn.executemany(
                f"insert into {table} ({', '.join(columns)}) "
                f"values ({', '.join('?' for _ in columns)})",
                [tuple(row[c] for c in columns) for row in rows],
            )


def update_document(db: sqlite_utils.Database, doc_id: str, removed: bool = False) -> None:
    """Bring the glossary's facts up to date after ``doc_id`` was added, changed or
    (``removed``) is being removed, and mark the entries it touched before or touches now as
    dirty: ``refresh_dirty`` recomputes them once at the end of the batch, and until then
    ``library_rows`` reads them live. An ingest ``DOCUMENT_HOOKS`` hook: runs inside the
    document's transaction, so the facts and the dirty marks commit with the document."""
    with db.atomic():
        text = None if removed else document_text(db, doc_id)
        facts = document_facts(doc_id, text) if text is not None else ([], [], [])
        if _stored_facts(db, doc_id) == _comparable(facts):
            return  # the text gave the same facts (e.g. only the details were edited)
        keys = _keys_touched_by(db, doc_id)
        _delete_facts(db, doc_id)
        _insert_facts(db, facts)
        keys |= _keys_touched_by(db, doc_id)
        if keys:
            db.execute(
                "insert or ignore into glossary_dirty (key) select value from json_each(?)",
                [json.dumps(sorted(keys))],
            )
        mark_changed(db)


_FACT_COLUMNS = {
    "glossary_doc_uses": ("acronym", "key", "letters", "uses", "plurals"),
    "glossary_doc_defs": ("short", "key", "long", "start", "end", "listed"),
    "glossary_doc_phrases": ("letters", "phrase_key", "phrase", "count"),
}


def _stored_facts(db: sqlite_utils.Database, doc_id: str) -> tuple[list, ...]:
    return tuple(
        sorted(db.execute(f"select {', '.join(columns)} from {table} where doc_id = ?", [doc_id]))
        for table, columns in _FACT_COLUMNS.items()
    )


def _comparable(facts: tuple[list[dict], list[dict], list[dict]]) -> tuple[list, ...]:
    return tuple(
        sorted(tuple(row[c] for c in columns) for row in rows)
        for rows, columns in zip(facts, _FACT_COLUMNS.values(), strict=True)
    )


def mark_changed(db: sqlite_utils.Database) -> None:
    """Mark the glossary changed, so every process's cached index (``bot.glossary.index``) is
    rebuilt on next use."""
    db.execute(
        "update glossary_state set generation = generation + 1, built_at = ? where id = 1",
        [utc_text()],
    )


def dirty_keys(db: sqlite_utils.Database) -> list[str]:
    """Keys whose stored entries may be stale (a batch not finished, or interrupted)."""
    return [row[0] for row in db.execute("select key from glossary_dirty order by key")]


def refresh_dirty(db: sqlite_utils.Database, report=None) -> int:
    """Recompute the entries of every dirty key and clear the marks, in one write transaction;
    returns how many keys it recomputed. An ingest ``LIBRARY_HOOKS`` hook (once after a batch);
    safe to run any time, and a batch that was interrupted is completed by the next one."""
    with writing(db):
        keys = dirty_keys(db)
        if keys:
            _refresh(db, keys)
            db.execute("delete from glossary_dirty")
            mark_changed(db)
    return len(keys)


def library_rows(db: sqlite_utils.Database) -> list[dict]:
    """The library glossary as it is now, by key and expansion: the stored rows, with the
    entries of dirty keys (a batch in progress, or interrupted) computed live from the facts,
    so a look-up is never stale between a document and the end of its batch."""
    rows = [
        dict(zip(_COLUMNS, row, strict=True))
        for row in db.execute(
            f"select {', '.join(_COLUMNS)} from glossary_library order by key, expansion"
        )
    ]
    dirty = dirty_keys(db)
    if not dirty:
        return rows
    stale = set(dirty)
    live = [row for rows_of_key in entries_for_keys(db, dirty).values() for row in rows_of_key]
    rows = [row for row in rows if row["key"] not in stale] + live
    return sorted(rows, key=lambda row: (row["key"], row["expansion"]))


def rebuild_library_glossary(db: sqlite_utils.Database, report=None) -> int:
    """Rebuild the library glossary from every document (``rocu glossary --rebuild``); returns
    how many entries it holds. Gives the same entries as the incremental path."""
    create_fact_tables(db)
    with db.atomic():
        for table in ("glossary_doc_uses", "glossary_doc_defs", "glossary_doc_phrases"):
            db.execute(f"delete from {table}")
        for doc_id, text in list(document_texts(db)):
            _insert_facts(db, document_facts(doc_id, text))
        db.execute("delete from glossary_library")
        db.execute("delete from glossary_dirty")
        keys = [
            row[0]
            for row in db.execute(
                "select key from glossary_doc_uses union select key from glossary_doc_defs"
            )
        ]
        _refresh(db, keys)
        mark_changed(db)
    return db["glossary_library"].count


def library_size(db: sqlite_utils.Database) -> int:
    """How many entries the library glossary holds (a document's card counts what its removal
    took with it)."""
    return db["glossary_library"].count


def learnt_from(db: sqlite_utils.Database, doc_id: str) -> list[tuple[str, str]]:
    """The library glossary's entries that a document defines or backs: (acronym, expansion)."""
    if "glossary_library" not in db.table_names():
        return []
    rows = [row for row in library_rows(db) if f'"{doc_id}"' in (row["defined_in"] or "")]
    return sorted(
        {
            (row["acronym"], row["expansion"])
            for row in rows
            if any(at and at[0] == doc_id for at in json.loads(row["defined_in"] or "[]"))
        }
    )
