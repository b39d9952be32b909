"""The vocabulary is kept in the store, so that a new process's first search need not read the
whole index: the snapshot must be what reading the index gives, and never stale."""

from __future__ import annotations

import sqlite3

import pytest

from bot.library.ingest import edit_details, ingest
from bot.library.store import FTS_TOKENIZE
from bot.search import vocabulary as vocab_mod
from bot.search.ranking import search


def _fresh(db):
    """The vocabulary as a new process would get it (the in-process cache emptied)."""
    vocab_mod._CACHE.clear()
    return vocab_mod.vocabulary(db)


def _from_index(db) -> dict[str, int]:
    return dict(db.execute("SELECT term, doc FROM passages_words_vocab").fetchall())


def _stored_generation(db):
    row = db.execute("SELECT generation FROM search_vocabulary").fetchone()
    return row and row[0]


def test_a_new_process_reads_the_snapshot_and_it_matches_the_index(db, monkeypatch):
    built = _fresh(db)  # read from the index (the seeding batch stored one too)
    current = db.execute("SELECT generation FROM search_state").fetchone()[0]
    assert _stored_generation(db) == current

    def no_index(*args):
        raise AssertionError("read the index although the snapshot is current")

    monkeypatch.setattr(vocab_mod, "_read_and_keep", no_index)
    loaded = _fresh(db)
    assert loaded.counts == built.counts == _from_index(db)
    assert loaded.passages == built.passages == db["passages"].count


def test_word_forms_are_those_the_passage_index_shares_a_stem_with(db):
    """The same answer as asking an FTS5 table of every word with the index's tokenizer."""
    loaded = _fresh(db)
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE w USING fts5(word, tokenize='{FTS_TOKENIZE}')")
    conn.executemany("INSERT INTO w(word) VALUES (?)", ((w,) for w in loaded.counts))
    samples = [*list(loaded.counts)[::40], "organisations", "funded", "policing", "don't", "x-ray"]
    for token in samples:
        quoted = '"' + token.replace('"', '""') + '"'
        expected = {r[0] for r in conn.execute("SELECT word FROM w WHERE w MATCH ?", [quoted])}
        assert loaded.forms(token) == frozenset({token, *expected}), token


def test_ingest_stores_a_new_snapshot_holding_the_new_words(db, tmp_path):
    search(db, "county lines")
    doc = tmp_path / "new.txt"
    doc.write_text("Zorbulating the quixotically unheard-of flibbertigibbets of Wessex.\n" * 3)
    ingest(db, [doc])
    current = db.execute("SELECT generation FROM search_state").fetchone()[0]
    assert _stored_generation(db) == current
    assert _fresh(db).count("flibbertigibbets") == 1
    assert "zorbul" in {vocab_mod._stem_tokens(w)[0] for w in _fresh(db).forms("zorbulating")}


def test_a_change_without_a_new_snapshot_is_read_from_the_index(db):
    _fresh(db)
    edit_details(db, "rocu-questions-2017", {"title": "Renamed for the test"})
    current = db.execute("SELECT generation FROM search_state").fetchone()[0]
    assert _stored_generation(db) != current  # stale: the documents changed
    assert _fresh(db).counts == _from_index(db)
    assert _stored_generation(db) == current  # and stored again


@pytest.mark.parametrize("column", ["words", "counts", "stems"])
def test_a_damaged_snapshot_is_read_again_from_the_index(db, column):
    _fresh(db)
    db.execute(f"UPDATE search_vocabulary SET {column} = x'00ff'")
    db.conn.commit()
    loaded = _fresh(db)
    assert loaded.counts == _from_index(db)
    assert "county" in loaded.forms("counties")
    assert search(db, "county lines").results
    token, generation = db.execute("SELECT token, generation FROM search_state").fetchone()
    assert vocab_mod._snapshot(db, token, generation) is not None  # stored whole again
