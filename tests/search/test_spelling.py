"""Spelling correction only for words that are not words: a word of the library, of English or
a known acronym is never replaced nor announced, however much commoner a close word is."""

from __future__ import annotations

import pytest
from stores import close_for_copying, open_copy

from bot.library.ingest import ingest
from bot.library.store import open_db
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


def build(folder, rare: bool):
    """40 documents using the common words; with ``rare``, one more using the correct ones: a
    closed store file in ``folder``."""
    common = " ".join(w for _, w in WRONG_CORRECTIONS)
    docs = {f"common-{i}.txt": para(f"Note {i}: {common}.") for i in range(40)}
    if rare:
        docs["rare.txt"] = para("Only here: " + " ".join(w for w, _ in WRONG_CORRECTIONS) + ".")
    (folder / "lib").mkdir()
    for name, text in docs.items():
        (folder / "lib" / name).write_text(text + "\n")
    db = open_db(folder / "rocu.db")
    ingest(db, [folder / "lib"])
    close_for_copying(db)
    return folder / "rocu.db"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both libraries, ingested once for the module."""
    return {rare: build(tmp_path_factory.mktemp("spelling"), rare) for rare in (False, True)}


@pytest.fixture
def library(built, tmp_path):
    """library(rare) -> this test's own copy of that library."""
    opened = []

    def open_library(rare: bool):
        opened.append(open_copy(built[rare], tmp_path / f"library-{rare}.db"))
        return opened[-1]

    yield open_library
    for db in opened:
        db.close()


@pytest.mark.parametrize("word, commoner", WRONG_CORRECTIONS)
def test_a_word_of_the_library_is_never_corrected(library, word, commoner):
    db = library(rare=True)
    assert vocabulary(db).count(commoner) >= 40 > vocabulary(db).count(word)
    response = search(db, word)
    assert response.corrected is None
    assert response.also is None
    assert not any(commoner.lower() in note.lower() for note in response.notes)
    assert word.lower() in response.results[0].excerpt.lower()


@pytest.mark.parametrize("word, commoner", WRONG_CORRECTIONS)
def test_an_english_word_the_library_lacks_is_never_replaced(library, word, commoner):
    db = library(rare=False)
    response = search(db, f"{word} report")
    assert response.corrected is None
    assert commoner.lower() not in (response.corrected or "").lower()


@pytest.mark.parametrize("word", ["wheat", "pays", "stability", "stations"])
def test_a_different_word_is_not_offered_as_another_reading(library, word):
    db = library(rare=False)
    assert search(db, word).also is None


def test_a_misspelt_word_is_still_corrected(library):
    db = library(rare=True)
    response = search(db, "stabilty")
    assert response.corrected == "stability"
    assert "stability" in response.results[0].excerpt.lower()


def test_a_misspelt_query_on_the_seed_library_is_still_corrected(db):
    response = search(db, "natinal crime agncy")
    assert response.corrected == "national crime agency"
    assert "national crime agency" in response.results[0].excerpt.lower()


def test_a_known_acronym_is_never_corrected_whatever_its_case(library):
    db = library(rare=False)
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


def own_word_library(db, folder, slip: bool = False):
    """Written for these tests: "zebracron" (an invented trade term) in two documents beside a far
    commoner "zebracorn"; with ``slip``, one document's "zebarcorn" too."""
    docs = {f"d{i}.txt": para(f"Item {i} on the zebracorn unit.") for i in range(50)}
    docs["board.txt"] = para("The board approved zebracron checks of the supply routes.")
    docs["unit.txt"] = para("The unit reported zebracron on two routes.")
    if slip:
        docs["slip.txt"] = para("A note on the zebarcorn of starters.")
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text + "\n")
    ingest(db, [folder])


def test_a_rare_word_two_documents_spell_so_is_the_librarys_own_word(empty_db, tmp_path):
    own_word_library(empty_db, tmp_path / "lib", slip=True)
    response = search(empty_db, "zebracron")
    assert response.corrected is None and response.also is None
    assert response.results and all("zebracron" in r.excerpt for r in response.results)
    assert search(empty_db, "zebarcorn").also == "zebracorn"  # one document's slip: as before


def test_the_own_word_rule_switched_off_searches_the_look_alike_again(
    empty_db, tmp_path, monkeypatch
):
    from bot.search import plan

    own_word_library(empty_db, tmp_path / "lib")
    monkeypatch.setattr(plan, "OWN_WORD_DOCUMENTS", 0)
    assert search(empty_db, "zebracron").also == "zebracorn"
