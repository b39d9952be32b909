"""Typo correction counts a swapped pair of letters as one slip; other words stay alone."""

from __future__ import annotations

from bot.library.ingest import ingest
from bot.search.vocabulary import vocabulary


def store_with(empty_db, tmp_path, text):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "words.txt").write_text("Words\n\n" + text)
    ingest(empty_db, [folder])
    return vocabulary(empty_db)


def test_a_transposition_finds_the_word_not_a_shorter_neighbour(empty_db, tmp_path):
    vocab = store_with(empty_db, tmp_path, "Each search of the archive found each record. " * 3)
    assert [c.word for c in vocab.corrections("serach")][:1] == ["search"]


def test_a_different_word_is_not_a_typo(empty_db, tmp_path):
    vocab = store_with(empty_db, tmp_path, "The change of approach was welcome. " * 3)
    assert vocab.corrections("channel") == []
