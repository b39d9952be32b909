"""Table rows as a user meets them (round 17): in the console and the command line's text, each
row of a table in an excerpt stands on a line of its own, and the sentence of prose around it is
joined as before.

The tables and sentences here were written for these tests: made-up places, terms and figures,
from no library document, gold file or evaluation set.
"""

from __future__ import annotations

import pytest

from bot.library.ingest import ingest
from bot.render import text as render_text
from bot.render.text import excerpt_parts, search_text
from bot.search.ranking import search

HEADER = "Town | Beacons lit | Wardens"
ROWS = [
    "Ashmere | 14 | 3",
    "Brindlecombe | 9 | 2",
    "Cotterwick | 21 | 5",
    "Dunhollow | 7 | 1",
]


@pytest.fixture
def beacons(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    prose = (
        "The beacon survey counts the signal fires lit along the downs each winter and the "
        "wardens who tended them. The counts were gathered by parish volunteers. "
    )
    (folder / "beacons.txt").write_text(
        f"Beacon survey\n\n{prose}\n\n{HEADER}\n" + "\n".join(ROWS) + f"\n\n{prose}\n"
    )
    assert not ingest(empty_db, [folder]).failed
    return empty_db


def test_each_row_of_a_table_excerpt_has_a_line_of_its_own(beacons):
    response = search(beacons, "cotterwick beacons lit")
    text = search_text(response)
    lines = [line.strip().replace("**", "") for line in text.splitlines()]
    for row in ROWS[:3]:
        assert row in lines  # a whole row, alone on its line
    assert HEADER in lines


def test_rows_run_together_with_the_switch_off(beacons, monkeypatch):
    monkeypatch.setattr(render_text, "TABLE_ROWS_ON_LINES", False)
    text = search_text(search(beacons, "cotterwick beacons lit"))
    flat = " ".join(text.split()).replace("**", "")
    assert "Ashmere | 14 | 3 Brindlecombe | 9 | 2" in flat


def test_prose_broken_across_lines_is_joined_as_before():
    prose = "The wardens met at dusk\nand walked the ridge\nto the third beacon."
    assert excerpt_parts(prose) == [prose]  # no row: wrapped whole, as before
    mixed = (
        "Lit at dusk\nby the wardens.\nAshmere | 14 | 3\nBrindlecombe | 9 | 2\nNotes follow\nbelow."
    )
    assert excerpt_parts(mixed) == [
        "Lit at dusk by the wardens.",
        "Ashmere | 14 | 3",
        "Brindlecombe | 9 | 2",
        "Notes follow below.",
    ]


# A chronology whose second cell holds several sentences: the year is the row's first cell.
CHRONOLOGY = "\n".join(
    [
        "Year | What the council did",
        "1987 | Lanterns were hung on the quay. " + "The harbour board paid for the oil. " * 6,
        "1992 | A ferry timetable was printed. "
        + "Copies went to every inn on the coast road. " * 7
        + "Printing the timetable cost 240 crowns in the end.",
        "1995 | The quay was lit by gas. " + "Gas was cheaper than oil by then. " * 8,
    ]
)


def test_the_excerpt_of_a_row_starts_at_the_row_with_the_switch_on(monkeypatch):
    from bot.search import excerpts

    monkeypatch.setattr(excerpts, "ROW_START", True)
    answer = CHRONOLOGY.index("Printing the timetable")
    sentence = (answer, CHRONOLOGY.index("end.", answer) + len("end."))
    made = excerpts.make_excerpt(CHRONOLOGY, [], 300, 450, sentence=sentence)
    assert "1992 | A ferry timetable was printed." in made.text  # the row's first cell shown
    assert made.answer is not None  # and the answering sentence still marked
    assert made.text[made.answer[0] : made.answer[1]].startswith("Printing the timetable")
    monkeypatch.setattr(excerpts, "ROW_START", False)
    before = excerpts.make_excerpt(CHRONOLOGY, [], 300, 450, sentence=sentence)
    assert "1992 |" not in before.text  # before: grown after the answer, the year cut off


def test_prose_is_anchored_as_before(monkeypatch):
    from bot.search import excerpts

    monkeypatch.setattr(excerpts, "ROW_START", True)
    prose = ("The lanterns were hung on the quay each autumn. " * 8) + "The oil cost 40 crowns."
    answer = prose.index("The oil")
    sentence = (answer, len(prose))
    made = excerpts.make_excerpt(prose, [], 300, 450, sentence=sentence)
    assert made.text.endswith("The oil cost 40 crowns.")


# -- switching the row vectors on or off makes again only the passages holding rows -------------


def test_switching_rows_makes_again_only_the_passages_with_rows(empty_db, tmp_path, monkeypatch):
    pytest.importorskip("numpy")
    from bot.search import meaning
    from bot.search.meaning import vectors
    from tests.search.test_meaning_table_rows import Words

    folder = tmp_path / "docs"
    folder.mkdir()
    prose = "The wardens walked the ridge at dusk and counted the beacons still burning there."
    (folder / "beacons.txt").write_text(
        f"Beacon survey\n\n{prose}\n\n{HEADER}\n" + "\n".join(ROWS) + f"\n\n{prose} Again.\n"
    )
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = Words()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    assert not ingest(empty_db, [folder]).failed
    db = empty_db
    assert vectors.state(db)[0] == "stand-in-words"
    table = db.execute("select id from passages where text like ?", ["%Ashmere |%"]).fetchone()[0]
    others = {
        r: v for r, v in db.execute("select id, vector from passage_vectors where id != ?", [table])
    }
    assert others  # the prose passages

    made: list[int] = []
    embed_batch = vectors.embed_batch
    monkeypatch.setattr(
        vectors, "embed_batch", lambda d, e, ids: made.extend(ids) or embed_batch(d, e, ids)
    )
    monkeypatch.setitem(vectors.SCHEME, "rows", True)
    vectors.embed_missing(db, stand_in)
    assert made == [table]  # only the table's passage is made again
    assert vectors.state(db)[0] == "stand-in-words+rows"
    windows = db.execute("select count(*) from passage_windows where id = ?", [table]).fetchone()
    text = db.execute("select text from passages where id = ?", [table]).fetchone()[0]
    assert windows[0] == len(vectors.table_rows(text)[1]) >= len(ROWS)  # a vector a row
    kept = dict(db.execute("select id, vector from passage_vectors where id != ?", [table]))
    assert kept == others  # every other vector untouched

    made.clear()
    monkeypatch.setitem(vectors.SCHEME, "rows", False)
    vectors.embed_missing(db, stand_in)
    assert made == [table] and vectors.state(db)[0] == "stand-in-words"
    assert db.execute("select count(*) from passage_windows").fetchone()[0] == 0

    made.clear()  # with the switch off, a change of scheme makes every vector again
    monkeypatch.setattr(vectors, "ROWS_SWITCH_TABLES_ONLY", False)
    monkeypatch.setitem(vectors.SCHEME, "rows", True)
    vectors.embed_missing(db, stand_in)
    assert sorted(made) == sorted([table, *others])


def test_only_a_change_of_rows_is_a_change_of_rows():
    from bot.search.meaning import vectors

    assert vectors._rows_only("m", "m+rows") and vectors._rows_only("m+title+rows", "m+title")
    assert not vectors._rows_only("m", "m+title")
    assert not vectors._rows_only("m+rows", "other+rows")
    assert not vectors._rows_only("m+rows", "m+title")
    assert not vectors._rows_only("m", "m")
