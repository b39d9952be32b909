"""The vocabulary is kept in the store (a snapshot, plus a log of the passages changed since), so
that a new process's first search need not read the whole index, and adding or removing a
document updates it with that document's words alone. Whatever path it took, it must be what
reading the index gives, and never stale.

The documents added here were written for these tests.
"""

from __future__ import annotations

import sqlite3

import pytest

from bot.library.ingest import edit_details, ingest, remove
from bot.library.store import FTS_TOKENIZE, open_db
from bot.search import vocabulary as vocab_mod
from bot.search.ranking import search

NEW_WORDS = "Zorbulating the quixotically unheard-of flibbertigibbets of Wessex, county lines.\n"


def _fresh(db):
    """The vocabulary as a new process would get it (the in-process cache emptied)."""
    vocab_mod._CACHE.clear()
    return vocab_mod.vocabulary(db)


def _rebuilt(db):
    """The vocabulary read whole from the index, as if nothing were stored."""
    vocab_mod._CACHE.clear()
    counts, total = vocab_mod._read_index(db)
    return vocab_mod.Vocabulary(counts=counts, passages=total)


def _from_index(db) -> dict[str, int]:
    return dict(db.execute("SELECT term, doc FROM passages_words_vocab").fetchall())


def _log_rows(db) -> int:
    return db.execute("SELECT count(*) FROM search_vocabulary_log").fetchone()[0]


def _no_index_reads(monkeypatch):
    def no_index(*args):
        raise AssertionError("read the whole index although only a few passages changed")

    monkeypatch.setattr(vocab_mod, "_read_index", no_index)


def _add(db, tmp_path, name="new.txt", text=NEW_WORDS * 3):
    doc = tmp_path / name
    doc.write_text(text)
    report = ingest(db, [doc])
    assert not report.failed, report.failed
    return (report.added or report.updated)[0]


def _same(a, b, tokens=("zorbulating", "counties", "funded", "organisations", "policing")):
    assert a.counts == b.counts
    assert a.passages == b.passages
    for token in tokens:
        assert a.forms(token) == b.forms(token), token


def test_a_new_process_reads_the_snapshot_and_it_matches_the_index(db, monkeypatch):
    built = _fresh(db)  # the seeding batch stored a snapshot
    _no_index_reads(monkeypatch)
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


def test_adding_and_removing_a_document_touches_its_words_alone(db, tmp_path, monkeypatch):
    before = vocab_mod.vocabulary(db)
    before.forms("county")  # the stem index is made, as a search would
    _no_index_reads(monkeypatch)
    doc_id = _add(db, tmp_path)
    added = vocab_mod.vocabulary(db)
    assert added.count("flibbertigibbets") == 1
    assert added.count("county") == before.count("county") + 1
    assert "zorbulating" in added.forms("zorbulate")
    assert search(db, "flibertigibbets").corrected == "flibbertigibbets"
    assert remove(db, doc_id)
    removed = vocab_mod.vocabulary(db)
    assert "flibbertigibbets" not in removed
    assert removed.forms("zorbulate") == frozenset({"zorbulate"})
    monkeypatch.undo()
    _same(added, vocab_mod.Vocabulary(*_with_doc_rebuilt(db, tmp_path)))
    _same(removed, _rebuilt_after_removal(db, doc_id))
    _same(removed, before)


def _with_doc_rebuilt(db, tmp_path):
    """The index's words with the test document in (added again, read whole, removed again)."""
    doc_id = _add(db, tmp_path, "again.txt")
    counts, total = vocab_mod._read_index(db)
    remove(db, doc_id)
    return counts, total


def _rebuilt_after_removal(db, doc_id):
    assert not db["documents"].count_where("id = ?", [doc_id])
    return _rebuilt(db)


def test_a_new_process_applies_the_changes_since_the_snapshot(db, tmp_path, monkeypatch):
    vocab_mod.vocabulary(db)
    _add(db, tmp_path)
    assert _log_rows(db) > 0  # not stored again for one small document
    _no_index_reads(monkeypatch)
    loaded = _fresh(db)  # snapshot + log
    monkeypatch.undo()
    _same(loaded, _rebuilt(db))


def test_a_replaced_document_counts_once(db, tmp_path, monkeypatch):
    vocab_mod.vocabulary(db)
    _no_index_reads(monkeypatch)
    _add(db, tmp_path, text=NEW_WORDS * 3)
    _add(db, tmp_path, text="Flibbertigibbets again, and a glockenspiel.\n")  # same file, changed
    vocab = vocab_mod.vocabulary(db)
    monkeypatch.undo()
    assert vocab.count("glockenspiel") == 1 and "zorbulating" not in vocab
    _same(vocab, _rebuilt(db))


def test_an_edited_passage_and_an_edited_title_keep_it_current(db, monkeypatch):
    vocab_mod.vocabulary(db)
    _no_index_reads(monkeypatch)
    edit_details(db, "rocu-questions-2017", {"title": "Renamed for the test"})
    db.execute("UPDATE passages SET text = 'A passage rewritten as quokkas.' WHERE id = 3")
    db.conn.commit()
    vocab = vocab_mod.vocabulary(db)
    monkeypatch.undo()
    assert vocab.count("quokkas") == 1
    _same(vocab, _rebuilt(db))


def test_many_changes_store_the_snapshot_again_and_the_log_is_emptied(db, tmp_path, monkeypatch):
    vocab_mod.vocabulary(db)
    monkeypatch.setattr(vocab_mod, "COMPACT", 0)
    _add(db, tmp_path)
    assert _log_rows(db) == 0
    stored = vocab_mod._stored_log_id(
        db, db.execute("SELECT token FROM search_state").fetchone()[0]
    )
    # row ids keep growing after the log was emptied, so later changes are still seen
    monkeypatch.setattr(vocab_mod, "COMPACT", 10**9)
    doc_id = _add(db, tmp_path, "second.txt", "Glockenspiels in the orchestra pit.\n")
    assert db.execute("SELECT min(id) FROM search_vocabulary_log").fetchone()[0] > stored
    assert _fresh(db).count("glockenspiels") == 1
    remove(db, doc_id)
    _no_index_reads(monkeypatch)
    loaded = _fresh(db)
    monkeypatch.undo()
    assert loaded.count("flibbertigibbets") == 1 and "glockenspiels" not in loaded
    _same(loaded, _rebuilt(db))


def test_too_many_changes_read_the_index_whole(db, tmp_path, monkeypatch):
    vocab_mod.vocabulary(db)
    monkeypatch.setattr(vocab_mod, "MAX_LOG", 0)
    read = []
    real = vocab_mod._read_index
    monkeypatch.setattr(vocab_mod, "_read_index", lambda db: read.append(1) or real(db))
    _add(db, tmp_path)
    assert read
    _same(vocab_mod.vocabulary(db), _rebuilt(db))


def test_another_process_storing_a_snapshot_is_followed(db, db_path, tmp_path, monkeypatch):
    """This process holds a vocabulary; another adds documents and stores a snapshot (emptying
    the log this one had read up to): this one loads that snapshot."""
    vocab_mod.vocabulary(db)
    other = open_db(db_path)
    monkeypatch.setattr(vocab_mod, "COMPACT", 0)
    _add(other, tmp_path)
    _add(other, tmp_path, "second.txt", "Glockenspiels in the orchestra pit.\n")
    other.close()
    vocab = vocab_mod.vocabulary(db)
    assert vocab.count("glockenspiels") == 1 and vocab.count("flibbertigibbets") == 1
    _same(vocab, _rebuilt(db))


@pytest.mark.parametrize("column", ["words", "counts", "stems"])
def test_a_damaged_snapshot_is_read_again_from_the_index(db, column):
    _fresh(db)
    db.execute(f"UPDATE search_vocabulary SET {column} = x'00ff'")
    db.conn.commit()
    loaded = _fresh(db)
    assert loaded.counts == _from_index(db)
    assert "county" in loaded.forms("counties")
    assert search(db, "county lines").results
    token = db.execute("SELECT token FROM search_state").fetchone()[0]
    assert vocab_mod._snapshot(db, token) is not None  # stored whole again
