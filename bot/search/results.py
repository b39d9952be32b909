"""Step 5 of search: what is shown, each result with its excerpt (``bot.search.excerpts``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.library.context import CELLS as _CELLS
from bot.library.context import table_columns
from bot.library.documents import passage_id
from bot.search.excerpts import (
    MAX_CHARS,
    MIN_CHARS,
    QUESTION_MAX_CHARS,
    QUESTION_MIN_CHARS,
    make_excerpt,
)
from bot.search.plan import Alternative, _stem_idf, _tokens
from bot.search.vocabulary import Vocabulary


@dataclass
class SearchResult:
    doc_id: str
    file: str
    title: str
    date: str | None
    type: str
    speaker: str | None
    passage_id: str
    excerpt: str  # the document's own text, exactly (with an ellipsis where it is cut)
    score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)  # ranges within excerpt
    excerpt_start: int = 0  # the quoted slice is passage text[excerpt_start:excerpt_end]
    excerpt_end: int = 0
    answer: tuple[int, int] | None = None  # the sentence that best matches the query, in excerpt
    # Where the quote is (bot.library.pagestarts): "p. 12", "pp. 12–13", "para 3.4"; the
    # physical page for "#page=N" links; and the document's handling marking.
    cites: str = ""
    page: int | None = None
    page_end: int | None = None  # the last page, when the quote runs over a page break
    marking: str | None = None
    # A later piece of a long table: the column names from the table's first piece (its header
    # row), shown beside the quote, never in it (``table_columns``; None otherwise).
    columns: str | None = None


@dataclass
class SearchResponse:
    query: str
    results: list[SearchResult]
    corrected: str | None = None
    suggestions: list[str] = field(default_factory=list)
    total: int = 0
    notes: list[str] = field(default_factory=list)  # what was read differently, and why
    also: str | None = None  # the query's other plausible reading, searched too (not replacing)
    confidence: object | None = None  # bot.search.confidence.Confidence of the best result
    # nothing was searched (only `-words`): the notes say what to do, and an answer does not add
    # "Nothing in the library matches ... Try fewer or different words" after them
    nothing_searched: bool = False
    # (how many passages hold every word, the note saying so) while "Only N passages hold all of
    # your words" is among the notes: taken out again when no other result is left to show
    holding_all: tuple[int, str] | None = None
    # every word typed is too common to search on ("the and of"): the answer says so rather than
    # offer near spellings of them ("they, then, them"); ``ranking.ONLY_COMMON_SAYS_SO``
    only_common: bool = False


def _result(
    row: dict,
    text: str,
    assigned: list,
    score: float,
    vocab: Vocabulary | None = None,
    sentence: tuple[int, int] | None = None,
    asks=None,
    question: bool = False,
) -> SearchResult:
    spans = [(s, e, min(alt.slots) if alt else -1) for s, e, alt, _ in assigned]
    # The excerpt centres on the sentence holding the most of the query: each query word weighs
    # by how rare it is in all its forms ("visit" over "unit"), times how well it matched there
    # (the word itself over another form of it, an expansion or a correction).
    weights = None
    if vocab is not None:
        weights = {}
        for s, e, alt, strength in assigned:
            if alt is not None:
                rarity = max(_stem_idf(vocab, token) for token in alt.tokens)
                weights[(s, e)] = max(weights.get((s, e), 0.0), rarity * strength)
    size = (QUESTION_MIN_CHARS, QUESTION_MAX_CHARS) if question else (MIN_CHARS, MAX_CHARS)
    excerpt = make_excerpt(
        text, spans, *size, weights=weights, sentence=sentence, asks=asks, question=question
    )
    return SearchResult(
        doc_id=row["doc_id"],
        file=row["file"],
        title=row["title"],
        date=row["date"],
        type=row["type"],
        speaker=row["speaker"],
        passage_id=passage_id(row["doc_id"], row["ordinal"]),
        excerpt=excerpt.text,
        score=round(score, 4),
        highlights=excerpt.highlights,
        excerpt_start=excerpt.start,
        excerpt_end=excerpt.end,
        answer=excerpt.answer,
    )


def cite_results(db, results: list[SearchResult]) -> None:
    """Fill each result's citation (page, paragraph) and its document's handling marking."""
    from bot.library.pagestarts import cite

    markings: dict[str, str | None] = {}
    for result in results:
        doc_id, _, ordinal = result.passage_id.rpartition("#")
        if not ordinal.isdigit():
            continue
        focus = result.excerpt_start + _focus(result)
        citation = cite(
            db, doc_id, int(ordinal), result.excerpt_start, result.excerpt_end, focus=focus
        )
        result.cites, result.page = citation.text(), citation.page
        result.page_end = citation.page_end
        if doc_id not in markings:
            row = db.execute("select marking from documents where id = ?", [doc_id]).fetchone()
            markings[doc_id] = row[0] if row else None
        result.marking = markings[doc_id]
        if TABLE_COLUMNS and _CELLS in result.excerpt:  # only a table's rows are looked at
            result.columns = _columns(db, doc_id, int(ordinal), result.excerpt_start)


# A table longer than a passage is cut between rows and only its first piece holds the header
# row: a later piece's rows are figures under no column names, and so are the rows of an excerpt
# cut below the header. Such a result carries the column names (``_columns``): a later piece's
# from its stored context (``bot.library.context``, built at ingest), a first piece's from its own
# header row when the excerpt starts below it. False: not looked up.
TABLE_COLUMNS = True


def _columns(db, doc_id: str, ordinal: int, shown_from: int) -> str | None:
    """The header row of the table of figures that passage ``ordinal`` of ``doc_id`` is part of,
    when the excerpt (from ``shown_from`` in the passage) does not show it: the passage's own
    header cut off, or the column names stored as a later piece's context."""
    row = db.execute(
        "select text, context from passages where doc_id = ? and ordinal = ?", [doc_id, ordinal]
    ).fetchone()
    if row is None:
        return None
    text, context = row
    if context:
        return context
    own_header = table_columns(text)
    return own_header if own_header is not None and shown_from > 0 else None


def _focus(result: SearchResult) -> int:
    """Where in the excerpt the quote is about: its answering sentence, else the closest pair
    of matched words, else its start (the paragraph cited is the one holding it)."""
    if result.answer:
        return result.answer[0]
    spans = sorted(result.highlights)
    if len(spans) < 2:
        return spans[0][0] if spans else 0
    gaps = [(b[0] - a[1], a[0]) for a, b in zip(spans, spans[1:], strict=False)]
    return min(gaps)[1]


def _listing(db, parsed, where, limit, offset, response) -> SearchResponse:
    """Filters without words: the filtered passages in library order (newest documents first)."""
    clauses, params = where
    conditions = list(clauses)
    args = list(params)
    if parsed.excluded:
        expr = " OR ".join(Alternative(_tokens(t.text), (), "exact").fts() for t in parsed.excluded)
        conditions.append("p.id not in (select rowid from passages_fts where passages_fts match ?)")
        args.append(expr)
    sql_where = (" where " + " and ".join(conditions)) if conditions else ""
    base = f"from passages p join documents d on d.id = p.doc_id{sql_where}"
    response.total = db.execute(f"select count(*) {base}", args).fetchone()[0]
    rows = db.query(
        "select p.id, p.doc_id, p.ordinal, p.speaker, p.text, d.file, d.title, d.date, d.type "
        f"{base} order by d.date is null, d.date desc, d.id, p.ordinal limit ? offset ?",
        [*args, limit, offset],
    )
    response.results = [
        _result(row, row["text"], _paragraph_at(row["text"], parsed.filters.para), 0.0)
        for row in rows
    ]
    for result in response.results:
        result.answer = None  # a listing answers no question
    cite_results(db, response.results)
    if not response.total and parsed.filters.para and offset == 0:
        response.notes.append(
            f"No passage starts a paragraph numbered {parsed.filters.para}"
            + (" within the other filters given." if _other_filters(parsed) else ".")
        )
        response.nothing_searched = True  # that note is the answer, alone
    return response


def _paragraph_at(text: str, number: str | None) -> list:
    """Where paragraph ``number`` starts in a passage's ``text`` (a ``para`` filter), as a span
    for the excerpt to centre on and the citation to read; [] without one."""
    from bot.library.pagestarts import paragraph_starts

    starts = paragraph_starts(text, number) if number else []
    if not starts:
        return []
    start = text.index(number, starts[0])
    return [(start, start + len(number), None, 1.0)]


def _other_filters(parsed) -> bool:
    return any(value for key, value in vars(parsed.filters).items() if key != "para")
