"""Search the library: user text in, ranked passages with their sources out.

User text never reaches FTS5 as syntax: it is cut into words, each quoted, so quotes, ``*``,
``:``, ``-``, brackets and the operators AND/OR/NOT/NEAR are only ever words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from bot.library import passage_id
from bot.textutil import words

MAX_QUERY_CHARS = 500  # longer text is cut: nobody types more, and FTS5 work grows with it


@dataclass
class SearchResult:
    doc_id: str
    file: str
    title: str
    date: str | None
    type: str
    speaker: str | None
    passage_id: str
    excerpt: str  # the document's own text, exactly
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)  # ranges within excerpt


@dataclass
class SearchResponse:
    query: str
    results: list[SearchResult]
    corrected: str | None = None
    suggestions: list[str] = field(default_factory=list)
    total: int = 0


def fts_query(terms: list[str], operator: str = "AND") -> str:
    """A safe FTS5 MATCH expression: every term a quoted string."""
    return f" {operator} ".join('"' + term.replace('"', '""') + '"' for term in terms)


def search(
    db: sqlite_utils.Database, query: str, limit: int = 5, offset: int = 0
) -> SearchResponse:
    """Passages matching all words of ``query`` (any of them when none match all), best first."""
    query = (query or "")[:MAX_QUERY_CHARS]
    terms = words(query)
    if not terms:
        return SearchResponse(query=query, results=[])
    for operator in ("AND", "OR"):
        match = fts_query(terms, operator)
        total = db.execute(
            "select count(*) from passages_fts where passages_fts match ?", [match]
        ).fetchone()[0]
        if total:
            break
    rows = db.query(
        """
        select p.doc_id, p.ordinal, p.text, p.speaker, d.file, d.title, d.date, d.type,
               bm25(passages_fts) as score
        from passages_fts
        join passages p on p.id = passages_fts.rowid
        join documents d on d.id = p.doc_id
        where passages_fts match :match
        order by score
        limit :limit offset :offset
        """,
        {"match": match, "limit": limit, "offset": offset},
    )
    results = [
        SearchResult(
            doc_id=row["doc_id"],
            file=row["file"],
            title=row["title"],
            date=row["date"],
            type=row["type"],
            speaker=row["speaker"],
            passage_id=passage_id(row["doc_id"], row["ordinal"]),
            excerpt=row["text"],
            score=round(-row["score"], 4),
        )
        for row in rows
    ]
    return SearchResponse(query=query, results=results, total=total)
