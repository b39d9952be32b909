"""Where the library uses a glossary term: which documents, how often, and one example sentence.

FTS5 narrows the passages (each form a quoted phrase, so nothing typed is FTS syntax); a regular
expression then finds the exact spans, which the answer shows in bold. Quoted exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from bot.glossary import acronyms
from bot.glossary.entry import Entry, exact_key
from bot.library.documents import passage_id
from bot.library.text import sentence_spans


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

    FTS5 narrows the passages (each form a quoted phrase, so nothing typed is FTS syntax); a
    regular expression then finds the exact spans, which become the example's highlights."""
    if not forms:
        return [], None
    # one pattern, longest form first, so "National Crime Agency" wins over "National"
    combined = re.compile("|".join(_pattern(f) for f in sorted(forms, key=len, reverse=True)))
    acronym = re.compile(_pattern(forms[0])) if acronyms.is_all_capital(forms[0]) else None
    rows = _passages_using(db, forms)
    mentions: dict[str, int] = {}
    titles: dict[str, str] = {}
    best: tuple | None = None
    seen = 0
    for row in rows:
        spans = [m.span() for m in combined.finditer(row["text"])]
        if not spans:
            continue
        titles[row["doc_id"]] = row["title"]
        mentions[row["doc_id"]] = mentions.get(row["doc_id"], 0) + len(spans)
        seen += 1
        if seen > EXAMPLE_PASSAGES:
            continue
        for start, end in sentence_spans(row["text"]):
            inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
            if not inside:
                continue
            sentence = row["text"][start:end]
            score = _example_score(sentence, acronym)
            if best is None or score > best[0]:
                best = (score, sentence, row["doc_id"], row["ordinal"], inside)
    documents = [
        {"doc_id": doc_id, "title": titles[doc_id], "mentions": count}
        for doc_id, count in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    example = None
    if best:
        _, sentence, doc_id, ordinal, spans = best
        example = Example(sentence, doc_id, titles[doc_id], passage_id(doc_id, ordinal), spans)
    return documents, example


def _passages_using(db: sqlite_utils.Database, forms: list[str]) -> list[dict]:
    """Passages that may use one of ``forms``, newest document first. FTS5 finds them (each form
    a quoted phrase of its words, so nothing typed is FTS syntax); acronyms must also appear in
    capitals (``instr`` is case-sensitive), so "IT" does not drag in every "it"."""
    capitals = [f for f in forms if " " not in f and acronyms.is_all_capital(f)]
    phrases = [f for f in forms if f not in capitals]
    queries = []
    if capitals:
        condition = " or ".join("instr(p.text, ?) > 0" for _ in capitals)
        queries.append((_fts_any(capitals), condition, capitals))
    if _fts_any(phrases):
        queries.append((_fts_any(phrases), "1", []))
    found: dict[int, dict] = {}
    for match, condition, params in queries:
        for row in db.query(
            f"""
            select p.id, p.doc_id, p.ordinal, p.text, d.title, d.date
            from passages_fts join passages p on p.id = passages_fts.rowid
            join documents d on d.id = p.doc_id
            where passages_fts match ? and ({condition})
            """,
            [match, *params],
        ):
            found[row["id"]] = row
    return sorted(
        found.values(),
        key=lambda r: (r["date"] is None, _negated(r["date"] or ""), r["doc_id"], r["ordinal"]),
    )


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
