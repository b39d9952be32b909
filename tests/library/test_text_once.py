"""A document's text is kept once: its passages, and ``documents.rest`` for what lies between
them. Reading it back gives the cleaned text exactly, and old stores are converted without loss."""

from __future__ import annotations

import random

import pytest

from bot.library import formats
from bot.library.cleaning import clean
from bot.library.documents import document_passages, document_text, document_texts
from bot.library.ingest import ingest
from bot.library.store import StoreError, open_db
from bot.library.text import covered, uncovered


def test_covered_gives_back_what_uncovered_was_given():
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice("ab \n.é") for _ in range(rng.randint(0, 60)))
        spans = []
        for _ in range(rng.randint(0, 5)):
            start = rng.randint(0, len(text))
            spans.append((start, rng.randint(start, len(text))))  # gaps, overlaps, empty spans
        rest = uncovered(text, spans)
        assert len(rest) <= len(text)
        assert covered([(s, e, text[s:e]) for s, e in spans], rest) == text


def test_a_document_reads_back_as_its_cleaned_text(empty_db, tmp_path):
    source = tmp_path / "memo.txt"
    source.write_text(
        "Regional Organised Crime Units\n\n\n"
        "The units were set up in 2009.   They   work across forces.\n\n"
        "- one bullet\n- two bullet\n\n" + "A long paragraph of policy text. " * 60 + "\n\n\nEnd.\n"
    )
    ingest(empty_db, [source])
    expected = clean(formats.extract(source, source.read_bytes()).text).text
    assert document_text(empty_db, "memo") == expected
    assert dict(document_texts(empty_db)) == {"memo": expected}
    for p in document_passages(empty_db, "memo"):  # quotes stay exact slices of it
        assert expected[p["start"] : p["end"]] == p["text"]
    columns = {c.name for c in empty_db["documents"].columns}
    assert "text" not in columns and "rest" in columns
    assert document_text(empty_db, "no-such-document") is None


def _as_old_layout(db):
    """Put a store back to the layout before the text was kept once."""
    texts = dict(document_texts(db))
    db.execute("ALTER TABLE documents ADD COLUMN text TEXT")
    for doc_id, text in texts.items():
        db.execute("UPDATE documents SET text = ? WHERE id = ?", [text, doc_id])
    db.execute("ALTER TABLE documents DROP COLUMN rest")
    db.execute("DELETE FROM _migrations WHERE name = 'documents_text_kept_once'")
    db.execute("DELETE FROM _schema_stamp")
    db.conn.commit()
    return texts


def test_an_old_store_is_converted_without_loss(db, db_path):
    texts = _as_old_layout(db)
    assert len(texts) >= 5  # the seed library
    db.close()
    converted = open_db(db_path)
    assert dict(document_texts(converted)) == texts
    assert "text" not in {c.name for c in converted["documents"].columns}


def test_a_store_that_would_lose_text_is_left_as_it_was(db, db_path):
    texts = _as_old_layout(db)
    doc_id = next(iter(texts))
    db.execute(
        "UPDATE passages SET text = 'not the document' WHERE doc_id = ? AND ordinal = 0", [doc_id]
    )
    db.conn.commit()
    db.close()
    with pytest.raises(StoreError, match="left as it was"):
        open_db(db_path)
    import sqlite3

    conn = sqlite3.connect(db_path)
    assert dict(conn.execute("select id, text from documents").fetchall()) == texts
