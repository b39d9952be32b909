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


def test_an_english_word_is_not_read_as_another_word_one_letter_away(empty_db, tmp_path):
    """ "tissue" is not a spelling of "issue": a variant spelling keeps the first letter."""
    vocab = store_with(empty_db, tmp_path, "Each issue was raised at the meeting. " * 30)
    assert vocab.readings("tissue").also == []


def test_a_word_whose_other_forms_are_held_is_not_respelt_as_another_word(empty_db, tmp_path):
    """ "fining": the index holds "fined" and "fines" (its stem), and "finding" is another word."""
    text = "Officers fined people and the fines were paid. Each finding was recorded. " * 30
    vocab = store_with(empty_db, tmp_path, text)
    assert vocab.corrections("fining", form_known=True) == []


def test_a_uk_us_spelling_is_still_searched_beside_the_other(empty_db, tmp_path):
    vocab = store_with(empty_db, tmp_path, "The meeting was organised well by the team. " * 30)
    assert [c.word for c in vocab.readings("organized").also] == ["organised"]
