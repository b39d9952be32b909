"""A row of a long table, quoted from a piece of it that the header row is not in, is shown
with its table's column names beside the quote (never inside it): in the result, the JSON, the
console text and Slack's blocks.

The table here was written for these tests: made-up districts and figures, from no library
document or evaluation set.
"""

from __future__ import annotations

import json

import pytest

from bot import commands
from bot.library.ingest import ingest
from bot.render import blocks as bk
from bot.render.data import search_json
from bot.render.text import search_text
from bot.search import results as search_results
from bot.search.ranking import search

HEADER = "District | Reports | Solved | Share solved"
NAMES = [f"Placename{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(70)]
ROWS = [f"{name} | {10 + i} | {i % 9} | {i % 9 * 10}%" for i, name in enumerate(NAMES)]
LAST = NAMES[-1]


@pytest.fixture
def tables(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    prose = (
        "The quarterly return counts the reports made in each district and how many were "
        "solved by the end of the quarter. Figures are provisional until the annual audit. "
    )
    (folder / "return.txt").write_text(
        f"Quarterly return\n\n{prose * 2}\n\n{HEADER}\n" + "\n".join(ROWS) + f"\n\n{prose}\n"
    )
    (folder / "glossary.txt").write_text(
        "Terms\n\nCode | Meaning\nQR | Quarterly return\nAA | Annual audit\nPD | Provisional data\n"
        "\n" + prose + "\n"
    )
    assert not ingest(empty_db, [folder]).failed
    return empty_db


def _result_for(db, name):
    response = search(db, name.lower())
    return response, next(r for r in response.results if name in r.excerpt)


def test_a_later_piece_carries_its_tables_column_names(tables):
    response, result = _result_for(tables, LAST)
    assert HEADER not in result.excerpt  # the quote is the document's own text only
    assert result.columns == HEADER
    shown = json.loads(json.dumps(search_json(response)))["results"]
    assert next(r for r in shown if LAST in r["excerpt"])["columns"] == HEADER
    assert f"Columns: {HEADER}" in search_text(response)
    texts = json.dumps(bk.search_blocks(commands.Reply("search", response, extra={})))
    assert "Columns: District" in texts


def test_the_first_piece_shown_from_its_header_needs_no_column_names(tables):
    _, result = _result_for(tables, NAMES[0])
    assert result.excerpt.startswith(HEADER) and result.columns is None


def test_a_table_of_terms_has_no_column_names_to_carry(tables):
    response = search(tables, "annual audit")
    assert all(r.columns is None for r in response.results)


def test_the_switch_off_looks_nothing_up(tables, monkeypatch):
    monkeypatch.setattr(search_results, "TABLE_COLUMNS", False)
    _, result = _result_for(tables, LAST)
    assert result.columns is None
