"""A later piece of a long table carries its table's column names as context: indexed for search
beside its text, never quoted (issue 21, round 9).

Every text here was written for these tests: a made-up yearly return with invented place names
and figures, from no library document, evaluation set or test collection.
"""

from __future__ import annotations

import pytest

from bot.library import context as passage_context
from bot.library import store
from bot.library.ingest import edit_details, ingest, remove_document
from bot.library.store import open_db
from bot.search import vocabulary_log
from bot.search.ranking import search
from bot.search.vocabulary import vocabulary

HEADER = "Borough | Burglaries | Solved | Share solved"
NAMES = [f"Vexby{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(60)]
ROWS = [f"{name} | {20 + i} | {i % 7} | {i % 7 * 5}%" for i, name in enumerate(NAMES)]
LAST = NAMES[-1]
PROSE = (
    "Thefts rose in the spring and fell again by the autumn. Thefts from sheds and garages are "
    "counted apart from thefts from homes, and those reported late are counted in the month "
    "they were reported."
)
OTHER = [
    "The river authority dredged the channel twice this year and plans a third visit soon.",
    "Street lighting was renewed along the ring road, with brighter lamps near the crossings.",
    "The library opened on Sundays from the spring, and the number of visitors doubled.",
    "Bus services were cut back in the evenings after the operator lost two of its drivers.",
]
TOWN = (
    f"{LAST} is a market town on the river, with a weekly market, two schools and a station "
    "that opened in the last century; its high street was rebuilt after a flood."
)


def _write(folder, header: str = HEADER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "return.txt").write_text(
        f"Yearly return\n\n{PROSE}\n\n{header}\n" + "\n".join(ROWS) + f"\n\n{PROSE}\n"
    )
    (folder / "towns.txt").write_text(f"Towns\n\n{TOWN}\n\n{PROSE}\n")
    for n, text in enumerate(OTHER):
        (folder / f"other-{n}.txt").write_text(f"Notes {n}\n\n{text * 2}\n")


@pytest.fixture
def library(empty_db, tmp_path):
    _write(tmp_path / "docs")
    assert not ingest(empty_db, [tmp_path / "docs"]).failed
    return empty_db


def _later_piece(db) -> tuple[int, str, str | None]:
    return db.execute(
        "select id, text, context from passages where text like ?", [f"%{LAST} |%"]
    ).fetchone()


def _rank(db, query: str) -> int | None:
    results = search(db, query).results
    return next((i for i, r in enumerate(results, 1) if f"{LAST} |" in r.excerpt), None)


def test_a_later_piece_stores_its_tables_column_names_as_context(library):
    rowid, text, stored = _later_piece(library)
    assert HEADER not in text  # cut below the header row...
    assert stored == HEADER  # ...and carrying it beside the text
    first = library.execute(
        "select context from passages where text like ?", [f"{HEADER}%"]
    ).fetchone()
    assert first == (None,)  # the first piece shows its own header
    assert (
        library.execute("select count(*) from passages where context is not null").fetchone()[0]
        == library.execute(
            "select count(*) from passages where text like '%Vexby% | %' and text not like ?",
            [f"{HEADER}%"],
        ).fetchone()[0]
    )


def test_a_column_name_and_a_row_label_find_the_row(library):
    assert _rank(library, f"{LAST.lower()} burglaries") == 1


def test_without_the_context_the_town_passage_wins(empty_db, tmp_path, monkeypatch):
    """The test above can fail: switched off, the short passage naming the town outranks the
    long piece of figures, which holds the town's name and no column name."""
    monkeypatch.setitem(passage_context.KINDS, "columns", False)
    _write(tmp_path / "docs")
    assert not ingest(empty_db, [tmp_path / "docs"]).failed
    assert _later_piece(empty_db)[2] is None
    assert _rank(empty_db, f"{LAST.lower()} burglaries") != 1


def test_the_excerpt_quotes_only_the_documents_words(library):
    result = next(
        r for r in search(library, f"{LAST.lower()} burglaries").results if LAST in r.excerpt
    )
    assert "Burglaries" not in result.excerpt and "Share solved" not in result.excerpt
    assert result.columns == HEADER  # shown beside the quote, from the stored context
    assert all(0 <= s < e <= len(result.excerpt) for s, e in result.highlights)
    assert all(result.excerpt[s:e].lower() != "burglaries" for s, e in result.highlights)


def test_a_removed_document_leaves_no_context(library):
    doc_id = library.execute(
        "select doc_id from passages where context is not null limit 1"
    ).fetchone()[0]
    remove_document(library, doc_id)
    left = library.execute(
        "select count(*) from passages where context is not null or context_title is not null"
    ).fetchone()[0]
    assert left == 0
    hits = library.execute(
        "select count(*) from passages_fts where passages_fts match ?", ['"share solved"']
    ).fetchone()[0]
    assert hits == 0
    library.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")


STEPS = {  # this round's steps that read the contexts (the embedder's too: it needs the columns)
    "passages_context",
    "passages_context_title",
    "search_vocabulary_context",
    "meaning_contexts_read",
}
OLD_LOG_TRIGGERS = {  # the vocabulary log's triggers before the steps: text only
    "search_vocabulary_log_ai": "AFTER INSERT ON passages BEGIN "
    "INSERT INTO search_vocabulary_log(passage, text) VALUES (new.id, NULL); END",
    "search_vocabulary_log_ad": "AFTER DELETE ON passages BEGIN "
    "INSERT INTO search_vocabulary_log(passage, text) VALUES (old.id, old.text); END",
    "search_vocabulary_log_au": "AFTER UPDATE OF text ON passages BEGIN "
    "INSERT INTO search_vocabulary_log(passage, text) VALUES (old.id, old.text); "
    "INSERT INTO search_vocabulary_log(passage, text) VALUES (new.id, NULL); END",
}


def test_a_store_from_before_the_steps_is_migrated(tmp_path, monkeypatch):
    """A store made by the steps before these (the passage and word indexes over text only, no
    context columns), holding a document stored as ingest stored it then; opening it runs the
    steps: contexts filled, both indexes made again, the vocabulary knowing the title's words."""
    monkeypatch.setenv("ROCU_SEEDS", str(tmp_path / "no-seeds"))
    every = store._steps
    monkeypatch.setattr(
        store, "_steps", lambda loaded: [s for s in every(loaded) if s[0] not in STEPS]
    )
    monkeypatch.setattr(vocabulary_log, "LOG_TRIGGERS", OLD_LOG_TRIGGERS)  # as they were
    path = tmp_path / "old.db"
    db = open_db(path)
    assert "context" not in db["passages"].columns_dict
    texts = [PROSE, f"{HEADER}\n" + "\n".join(ROWS[:30]), "\n".join(ROWS[30:]), TOWN]
    starts = [sum(len(t) + 2 for t in texts[:i]) for i in range(len(texts))]
    db["documents"].insert(
        {
            "id": "ret",
            "file": "return.txt",
            "path": str(tmp_path / "return.txt"),
            "title": "Zorbleton yearly return",
            "content_hash": "0",
            "rest": "",
        }
    )
    db["passages"].insert_all(
        {"doc_id": "ret", "ordinal": i, "text": t, "start": starts[i], "end": starts[i] + len(t)}
        for i, t in enumerate(texts)
    )
    assert _matching(db, "burglaries") == 1  # before: only the piece holding the header row
    db.close()
    monkeypatch.undo()
    monkeypatch.setenv("ROCU_SEEDS", str(tmp_path / "no-seeds"))

    db = open_db(path)
    done = {row[0] for row in db.execute("select name from _migrations")}
    assert STEPS <= done
    rows = db.execute("select context, context_title from passages order by ordinal").fetchall()
    assert rows == [
        (None, None),
        (None, "Zorbleton yearly return"),
        (HEADER, "Zorbleton yearly return"),
        (None, None),
    ]
    assert _matching(db, "burglaries") == 2
    assert _rank(db, f"{LAST.lower()} burglaries") == 1
    assert _rank(db, "market town river") is None  # the town passage is not a table row
    assert vocabulary(db).count("zorbleton") == 2  # a word of the title context only
    db.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")
    db.execute("insert into passages_words (passages_words, rank) values ('integrity-check', 1)")
    db.close()


def test_hostile_text_in_a_header_is_harmless(empty_db, tmp_path):
    hostile = 'Borough | "Burglaries" OR NEAR(x | Solved* AND ^col: | -Share {solved}'
    _write(tmp_path / "docs", header=hostile)
    assert not ingest(empty_db, [tmp_path / "docs"]).failed
    assert _later_piece(empty_db)[2] == hostile
    for query in (f"{LAST.lower()} burglaries", hostile, 'NEAR( "solved* ^col:'):
        search(empty_db, query)  # no FTS5 syntax error from the stored context
    assert _rank(empty_db, f"{LAST.lower()} burglaries") == 1


def test_a_later_piece_opening_on_a_row_with_a_blank_figure_is_no_header():
    """A piece of figures whose first row reads "n/a" in a cell is a row cut from its header,
    not a header of its own: it, and the pieces after it, carry the first piece's header."""
    texts = [
        "Area | Cases | Rate\nAlpha | 3 | 10%\nBeta | 4 | 12%",
        "Gamma | 0 | n/a\nDelta | 5 | 20%\nEta | 6 | 21%",
        "Epsilon | 2 | 5%\nZeta | 1 | 3%",
        "A paragraph of prose between two tables.",
        "Term | Meaning\nQX | A made-up code\nZY | Another one",
    ]
    assert passage_context.contexts(texts) == [
        None,
        "Area | Cases | Rate",
        "Area | Cases | Rate",
    ] + [
        None,
        None,
    ]


def test_a_footer_of_as_many_cells_is_no_piece_of_the_table():
    """A line after the table with as many cells but no figures (a page footer) carries no
    column names: it is not a row of the table."""
    texts = [
        "Area | Cases | Rate\nAlpha | 3 | 10%\nBeta | 4 | 12%",
        "Gamma | 1 | 2%",
        "Printed on a Tuesday |  | Page two of the return",
    ]
    assert passage_context.contexts(texts) == [None, "Area | Cases | Rate", None]


def _title(db) -> str:
    return db.execute("select title from documents where file = 'return.txt'").fetchone()[0]


def _titles(db) -> set[str | None]:
    """The title contexts of the yearly return's table pieces."""
    rows = db.execute(
        "select p.context_title from passages p join documents d on d.id = p.doc_id "
        "where d.file = 'return.txt' and p.text like '%Vexby% | %'"
    ).fetchall()
    return {row[0] for row in rows}


def test_every_piece_of_a_table_of_figures_carries_the_title(library):
    assert _title(library) and _titles(library) == {_title(library)}
    others = library.execute(
        "select count(*) from passages where context_title is not null and text not like ?",
        ["%Vexby% | %"],
    ).fetchone()[0]
    assert others == 0  # prose, headings and the other documents carry none


def test_a_title_edit_moves_with_the_table(library):
    doc_id = library.execute("select id from documents where file = 'return.txt'").fetchone()[0]
    edit_details(library, doc_id, {"title": "Quokka zorbleton ledger"})
    assert _titles(library) == {"Quokka zorbleton ledger"}
    assert vocabulary(library).count("zorbleton") == len(_table_pieces(library))
    edit_details(library, doc_id, {"title": "Quokka ledger"})
    assert _titles(library) == {"Quokka ledger"}
    assert "zorbleton" not in vocabulary(library)  # the log took the old title's words out
    found = search(library, "quokka " + LAST.lower()).results
    assert found and f"{LAST} |" in found[0].excerpt and "Quokka" not in found[0].excerpt
    library.execute("insert into passages_fts (passages_fts, rank) values ('integrity-check', 1)")


def test_the_title_switch_off_builds_none(empty_db, tmp_path, monkeypatch):
    monkeypatch.setitem(passage_context.KINDS, "title", False)
    _write(tmp_path / "docs")
    assert not ingest(empty_db, [tmp_path / "docs"]).failed
    assert _titles(empty_db) == {None}
    assert _later_piece(empty_db)[2] == HEADER  # the table context is its own switch


def _table_pieces(db) -> list:
    return db.execute("select id from passages where text like '%Vexby% | %'").fetchall()


def _matching(db, word: str) -> int:
    sql = "select count(*) from passages_fts where passages_fts match ?"
    return db.execute(sql, [word]).fetchone()[0]


def test_contexts_count_in_coverage_only_when_switched_on(library, monkeypatch):
    """Switched on, the words found in a piece's contexts count in how much of the query it holds
    (its score rises); they are never marked in its excerpt either way."""
    from bot.search import scoring

    def piece(query):
        return next(r for r in search(library, query, limit=10).results if f"{LAST} |" in r.excerpt)

    query = f"{LAST.lower()} burglaries solved"
    off = piece(query)
    monkeypatch.setattr(scoring, "CONTEXT_COVERAGE", True)
    on = piece(query)
    assert on.score > off.score
    assert on.highlights == off.highlights and on.excerpt == off.excerpt


def test_a_phrase_in_a_context_only_is_not_counted_as_a_use(library):
    """The glossary counts a phrase's uses with the full-text index, which reads the contexts
    too: a column name that a later piece holds only as its context is not a use there."""
    from bot.glossary.usage import usage

    held = library.execute(
        "select count(*) from passages where text like '%Share solved%'"
    ).fetchone()[0]
    in_context = library.execute(
        "select count(*) from passages where context like '%Share solved%'"
    ).fetchone()[0]
    assert held >= 1 and in_context >= 1  # the case this test is about exists
    documents, _ = usage(library, ["share solved"])
    assert sum(d["mentions"] for d in documents) == held


def test_text_holds_reads_words_in_order_and_ignores_case():
    assert passage_context.text_holds("Share  solved, by borough", "share solved")
    assert not passage_context.text_holds("solved share", "share solved")
    assert not passage_context.text_holds("shares solved", "share solved")
    assert not passage_context.text_holds("anything", "")
