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
