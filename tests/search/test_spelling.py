"""Spelling correction only for words that are not words: a word of the library, of English or
a known acronym is never replaced nor announced, however much commoner a close word is."""

from __future__ import annotations

import pytest

from bot.library.ingest import ingest
from bot.search import ranking as search_mod
from bot.search.ranking import search
from bot.search.vocabulary import vocabulary

# (correct word as typed, the far commoner close word a corrector used to pick instead)
WRONG_CORRECTIONS = [
    ("county", "country"),
    ("HMIC", "HMRC"),
    ("wheat", "what"),
    ("stability", "ability"),
    ("pays", "ways"),
    ("NEAR", "YEAR"),
    ("stations", "situations"),
    ("biases", "bases"),
    ("REUTERS", "RENTERS"),
]


def para(text: str) -> str:
    return text + " The meeting also covered routine business and the minutes were agreed." * 2


def library(empty_db, tmp_path, rare: bool):
    """40 documents using the common words; with ``rare``, one more using the correct ones."""
    common = " ".join(w for _, w in WRONG_CORRECTIONS)
    docs = {f"common-{i}.txt": para(f"Note {i}: {common}.") for i in range(40)}
    if rare:
        docs["rare.txt"] = para("Only here: " + " ".join(w for w, _ in WRONG_CORRECTIONS) + ".")
    folder = tmp_path / "lib"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text + "\n")
    ingest(empty_db, [folder])
    return empty_db


@pytest.mark.parametrize("word, commoner", WRONG_CORRECTIONS)
def test_a_word_of_the_library_is_never_corrected(empty_db, tmp_path, word, commoner):
    db = library(empty_db, tmp_path, rare=True)
    assert vocabulary(db).count(commoner) >= 40 > vocabulary(db).count(word)
    response = search(db, word)
    assert response.corrected is None
    assert response.also is None
    assert not any(commoner.lower() in note.lower() for note in response.notes)
    assert word.lower() in response.results[0].excerpt.lower()


@pytest.mark.parametrize("word, commoner", WRONG_CORRECTIONS)
def test_an_english_word_the_library_lacks_is_never_replaced(empty_db, tmp_path, word, commoner):
    db = library(empty_db, tmp_path, rare=False)
    response = search(db, f"{word} report")
    assert response.corrected is None
    assert commoner.lower() not in (response.corrected or "").lower()


@pytest.mark.parametrize("word", ["wheat", "pays", "stability", "stations"])
def test_a_different_word_is_not_offered_as_another_reading(empty_db, tmp_path, word):
    db = library(empty_db, tmp_path, rare=False)
    assert search(db, word).also is None


def test_a_misspelt_word_is_still_corrected(empty_db, tmp_path):
    db = library(empty_db, tmp_path, rare=True)
    response = search(db, "stabilty")
    assert response.corrected == "stability"
    assert "stability" in response.results[0].excerpt.lower()


def test_a_misspelt_query_on_the_seed_library_is_still_corrected(db):
    response = search(db, "natinal crime agncy")
    assert response.corrected == "national crime agency"
    assert "national crime agency" in response.results[0].excerpt.lower()


def test_a_known_acronym_is_never_corrected_whatever_its_case(empty_db, tmp_path):
    db = library(empty_db, tmp_path, rare=False)
    assert search(db, "qmrc").corrected == "hmrc"  # unknown, in lower case: a typo

    def glossary(db, text):
        return ["quarterly monitoring review committee"] if text.lower() == "qmrc" else []

    search_mod.QUERY_EXPANDERS.append(glossary)
    try:
        response = search(db, "qmrc")
    finally:
        search_mod.QUERY_EXPANDERS.remove(glossary)
    assert response.corrected is None and response.also is None


def test_a_rare_library_word_with_a_far_commoner_variant_is_searched_beside_it(empty_db, tmp_path):
    docs = {f"d{i}.txt": para(f"Item {i} on the zebracorn unit.") for i in range(30)}
    docs["slip.txt"] = para("A note on the zebracron unit.")
    folder = tmp_path / "lib"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text + "\n")
    ingest(empty_db, [folder])
    response = search(empty_db, "zebracron")
    assert response.corrected is None  # the library's own word: kept...
    assert response.also == "zebracorn"  # ...and the usual spelling searched too
    assert "zebracron" in response.results[0].excerpt
    assert any("zebracorn" in r.excerpt for r in response.results)
