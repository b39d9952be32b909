"""Where the library uses a glossary term: which documents, how often, and one example sentence.

FTS5 narrows the passages (each form a quoted phrase, so nothing typed is FTS syntax); a regular
expression then finds the exact spans, which the answer shows in bold. Quoted exactly as written.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from bot.glossary import acronyms
from bot.glossary.entry import Entry, exact_key
from bot.library.context import matched_in_text
from bot.library.documents import passage_id
from bot.library.text import fold, sentence_spans


@dataclass
class Example:
    """One sentence from the library using the term, exactly as written, with the term's spans."""

    text: str
    doc_id: str
    title: str
    passage_id: str
    highlights: list[tuple[int, int]]


def forms_of(entries: list[Entry]) -> list[str]:
    """The ways the library may write an entry: its headword, aliases and long forms."""
    forms = []
    for entry in entries:
        forms += [entry.headword, *entry.aliases, re.sub(r"^(?i:the)\s+", "", entry.expansion)]
    return list(dict.fromkeys(f for f in forms if exact_key(f)))


def _pattern(form: str) -> str:
    """A regular expression for ``form`` in running text: acronyms case-sensitive with plural and
    possessive endings; phrases case-insensitive, with any spacing, & or "and", plural endings."""
    if " " not in form and acronyms.is_all_capital(form):
        return rf"(?<![\w&]){re.escape(form)}(?:s|S|['’]s)?(?![\w&])"
    parts = []
    for word in re.findall(r"[\w]+(?:['’]\w+)?|&", form):
        if word in ("&", "and"):
            parts.append(r"(?:&|and)")
            continue
        word = re.sub(r"['’]s$", "", word)
        base = acronyms.singular_word(word)
        stem = (
            re.escape(base[:-1]) + "(?:y|ies)"
            if base.lower().endswith("y")
            else (re.escape(base) + "(?:s|es)?")
        )
        parts.append(stem + r"(?:['’]s)?")
    return r"(?i:(?<!\w)" + r"\s+".join(parts) + r"(?!\w))"


EXAMPLE_PASSAGES = 40  # the example is chosen among the first passages using the term


def usage(db: sqlite_utils.Database, forms: list[str]) -> tuple[list[dict], Example | None]:
    """Which documents use any of ``forms`` (with how many mentions), and one example sentence.

    Counted in the store, never passage by passage in Python, so a term used in a hundred
    thousand passages costs a few queries: an acronym's uses come from the glossary's own facts
    (``glossary_doc_uses``, each document's acronym uses taken at ingest); a phrase counts the
    passages FTS5 finds holding it (each form a quoted phrase of its words, so nothing typed is
    FTS syntax). The example is chosen among the first passages using a form, newest document
    first (acronyms in capitals: ``instr`` is case-sensitive, so "IT" is not every "it"); a
    regular expression finds its spans, shown in bold."""
    if not forms:
        return [], None
    capitals = [f for f in forms if _is_acronym(f)]
    phrases = [f for f in forms if f not in capitals]
    counted = _acronym_counts(db, capitals)
    hits = _phrase_hits(db, phrases)
    mentions: Counter = Counter(counted)
    mentions.update(Counter(h[1] for h in hits))
    rows = _acronym_passages(db, capitals, counted) + _phrase_passages(db, hits)
    rows.sort(key=_newest_first)
    # one pattern, longest form first, so "National Crime Agency" wins over "National"
    combined = re.compile("|".join(_pattern(f) for f in sorted(forms, key=len, reverse=True)))
    acronym = re.compile(_pattern(forms[0])) if acronyms.is_all_capital(forms[0]) else None
    best: tuple | None = None
    titles: dict[str, str] = {}
    for row in rows[:EXAMPLE_PASSAGES]:
        spans = [m.span() for m in combined.finditer(row["text"])]
        titles[row["doc_id"]] = row["title"]
        for start, end in sentence_spans(row["text"]) if spans else ():
            inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
            if not inside:
                continue
            sentence = row["text"][start:end]
            score = _example_score(sentence, acronym)
            if best is None or score > best[0]:
                best = (score, sentence, row["doc_id"], row["ordinal"], inside)
    for doc_id, title in db.execute(
        f"select id, title from documents where id in {_IN_LIST}", [json.dumps(list(mentions))]
    ):
        titles[doc_id] = title
    documents = [
        {"doc_id": doc_id, "title": titles.get(doc_id, doc_id), "mentions": count}
        for doc_id, count in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
        if count
    ]
    example = None
    if best:
        _, sentence, doc_id, ordinal, spans = best
        example = Example(sentence, doc_id, titles[doc_id], passage_id(doc_id, ordinal), spans)
    return documents, example


_IN_LIST = "(select value from json_each(?))"  # a list passed as one JSON parameter


def _is_acronym(form: str) -> bool:
    """An acronym as the glossary's facts count it: "NCA", "MI5", "PCeU", "SoS"."""
    return " " not in form and (
        acronyms.is_all_capital(form) or acronyms.is_mixed_case_acronym(form)
    )


def _acronym_counts(db: sqlite_utils.Database, capitals: list[str]) -> dict[str, int]:
    """doc id -> uses of ``capitals``, from the facts the glossary keeps for each document."""
    if not capitals:
        return {}
    if db["glossary_doc_uses"].exists():
        query = (
            f"select doc_id, sum(uses) from glossary_doc_uses where key in {_IN_LIST} "
            f"and acronym in {_IN_LIST} group by doc_id"
        )
        keys = sorted({fold(c) for c in capitals})
        return dict(db.execute(query, [json.dumps(keys), json.dumps(capitals)]).fetchall())
    condition = " or ".join("instr(text, ?) > 0" for _ in capitals)  # a store without facts
    query = f"select doc_id, count(*) from passages where {condition} group by doc_id"
    return dict(db.execute(query, capitals).fetchall())


def _phrase_hits(db: sqlite_utils.Database, phrases: list[str]) -> list[tuple]:
    """(passage id, doc id, date, ordinal) of every passage holding one of ``phrases``."""
    match = _fts_any(phrases)
    if not match:
        return []
    query = (
        "select p.id, p.doc_id, d.date, p.ordinal, p.text, p.context, p.context_title "
        "from passages_fts join passages p "
        "on p.id = passages_fts.rowid join documents d on d.id = p.doc_id "
        "where passages_fts match ?"
    )
    # the index reads a passage's context too (a table's column names, its document's title):
    # a use counts only where the passage's own words hold the phrase
    return [
        row[:4]
        for row in db.execute(query, [match]).fetchall()
        if matched_in_text(row[4], row[5], row[6], phrases)
    ]


_PASSAGE_COLUMNS = "p.id, p.doc_id, p.ordinal, p.text, d.title, d.date"


EXAMPLE_DOCUMENTS = 5  # an acronym's example comes from its newest documents, this many at most


def _acronym_passages(db: sqlite_utils.Database, capitals: list[str], counts: dict) -> list[dict]:
    """The first passages holding one of ``capitals`` (written so) in the newest documents that
    use them (the facts say which): enough to choose an example, read document by document
    (a few thousand passages at most), never over the whole library."""
    if not capitals or not counts:
        return []
    dates = dict(
        db.execute(
            f"select id, date from documents where id in {_IN_LIST}", [json.dumps(list(counts))]
        ).fetchall()
    )
    order = sorted(dates, key=lambda d: (dates[d] is None, _negated(dates[d] or ""), d))
    condition = " or ".join("instr(p.text, ?) > 0" for _ in capitals)
    out: list[dict] = []
    for doc_id in order[:EXAMPLE_DOCUMENTS]:
        out += db.query(
            f"select {_PASSAGE_COLUMNS} from passages p join documents d on d.id = p.doc_id "
            f"where p.doc_id = ? and ({condition}) order by p.ordinal limit ?",
            [doc_id, *capitals, EXAMPLE_PASSAGES - len(out)],
        )
        if len(out) >= EXAMPLE_PASSAGES:
            break
    return out


def _phrase_passages(db: sqlite_utils.Database, hits: list[tuple]) -> list[dict]:
    """The first of ``hits`` (``_phrase_hits``), newest document first, with their text."""
    by_doc: dict[str, list[tuple]] = {}
    dates: dict[str, str | None] = {}
    for hit in hits:
        by_doc.setdefault(hit[1], []).append(hit)
        dates[hit[1]] = hit[2]
    ids: list[int] = []
    for doc_id in sorted(by_doc, key=lambda d: (dates[d] is None, _negated(dates[d] or ""), d)):
        ids += [h[0] for h in sorted(by_doc[doc_id], key=lambda h: h[3])]
        if len(ids) >= EXAMPLE_PASSAGES:
            break
    if not ids:
        return []
    return list(
        db.query(
            f"select {_PASSAGE_COLUMNS} from passages p join documents d on d.id = p.doc_id "
            f"where p.id in {_IN_LIST}",
            [json.dumps(ids[:EXAMPLE_PASSAGES])],
        )
    )


def _newest_first(row: dict) -> tuple:
    return (row["date"] is None, _negated(row["date"] or ""), row["doc_id"], row["ordinal"])


def _fts_any(forms: list[str]) -> str:
    """An FTS5 query for any of ``forms``: each the quoted phrase of its words, nothing else."""
    phrases = dict.fromkeys(" ".join(re.findall(r"\w+", form)) for form in forms)
    return " OR ".join(f'"{phrase}"' for phrase in phrases if phrase)


def _negated(text: str) -> tuple:
    """A sort key that orders ISO dates newest first."""
    return tuple(-ord(ch) for ch in text)


def _example_score(sentence: str, acronym: re.Pattern | None) -> tuple:
    """Prefer a sentence that uses the acronym itself, reads as a sentence, and is of a length
    that fits a chat message."""
    uses_acronym = bool(acronym and acronym.search(sentence))
    reads = sentence.rstrip("\"'”’)").endswith((".", "?", "!")) and sentence[:1].isupper()
    fits = 60 <= len(sentence) <= 320
    return (uses_acronym, reads, fits, -abs(len(sentence) - 160))
