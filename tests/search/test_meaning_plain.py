"""The plain build (no meaning extra): the store has the vector tables, search is unchanged, and
`rocu embed` says in one sentence what to install. Runs with or without numpy (the extra is
hidden from the import system where it is installed). Texts written for these tests."""

from __future__ import annotations

import sys

from bot.cli import cli
from bot.search import meaning
from bot.search.ranking import search


def _hide_the_extra(monkeypatch):
    for name in ("numpy", "tokenizers", "bot.search.meaning.model"):
        monkeypatch.setitem(sys.modules, name, None)


def test_store_has_the_vector_tables_and_no_vectors(db):
    tables = set(db.table_names())
    assert {"passage_vectors", "meaning_state"} <= tables
    assert db["passage_vectors"].count == 0


def test_search_without_the_extra_is_the_plain_search(db, monkeypatch):
    plain = [r.passage_id for r in search(db, "how are ROCUs funded?").results]
    _hide_the_extra(monkeypatch)
    monkeypatch.setenv("ROCU_MEANING", "on")
    assert meaning.embedder() is None
    assert [r.passage_id for r in search(db, "how are ROCUs funded?").results] == plain


def test_embed_without_the_extra_says_what_to_install(runner, monkeypatch):
    _hide_the_extra(monkeypatch)
    result = runner.invoke(cli, ["embed"])
    assert result.exit_code == 1
    assert "pip install 'rocu-bot[meaning]'" in result.output
    assert "Traceback" not in result.output
