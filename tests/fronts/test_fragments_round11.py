"""A document named by a fragment of several ids (round 11): every front end says it could be any
of them, and lists them, rather than that no document matches. Every text here was written for
these tests; none comes from a real document, a gold file or a question set."""

from __future__ import annotations

import json

import pytest

from bot import commands
from bot.library import documents as library
from bot.render.blocks import reply_blocks
from bot.render.text import reply_text

NOTES = {
    "ferry-log-2019.txt": "The ferry ran late on nine nights in the winter.",
    "ferry-log-2020.txt": "The ferry ran late on four nights in the winter.",
    "ferry-log-2021.txt": "The ferry ran on time all winter.",
    "ferry-log-2022.txt": "The ferry missed two crossings in a storm.",
    "harbour-lamps-2020.txt": "The harbour board replaced the lamps on the quay.",
}


@pytest.fixture
def db(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in NOTES.items():
        (folder / name).write_text(text + "\n")
    from bot.library.ingest import ingest

    assert not ingest(empty_db, [folder]).failed
    return empty_db


def test_a_fragment_of_several_ids_lists_them_and_asks_for_more(db):
    assert library.fragment_of(db, "ferry-log") == [
        "ferry-log-2019", "ferry-log-2020", "ferry-log-2021", "ferry-log-2022"
    ]  # fmt: skip
    sentence = library.unfound(db, "ferry-log", [])
    assert sentence.startswith("“ferry-log” is part of 4 document ids: ferry-log-2019")
    assert "and 1 more" in sentence and "No document" not in sentence
    # a fragment of one id names it; a word in none is not found, with close ids offered
    assert library.fragment_of(db, "lamps") == []
    assert library.unfound(db, "zzqx", []) == "No document “zzqx”."


def test_every_front_end_says_the_same(db):
    from bot.recs.tracker import RecommendationError, list_recommendations
    from bot.search.ranking import search

    reply = commands.dispatch(db, "doc ferry-log")
    text = reply_text(reply)
    assert "is part of 4 document ids" in text and "No document" not in text
    blocks = json.dumps(reply_blocks(reply))
    assert "is part of 4 document ids" in blocks and "`ferry-log-2019`" in blocks
    notes = search(db, "doc:ferry-log late").notes
    assert any("is part of 4 document ids" in note for note in notes)
    with pytest.raises(RecommendationError, match="is part of 4 document ids"):
        list_recommendations(db, "doc:ferry-log")


def test_the_switch_off_restores_the_first_file_holding_it(db, monkeypatch):
    monkeypatch.setattr(library, "FRAGMENT_MUST_BE_UNIQUE", False)
    assert library.fragment_of(db, "ferry-log") == []
    assert library.find_document(db, "ferry-log")[0] is not None


def test_a_filter_that_names_nothing_is_the_whole_answer(db):
    from bot.search.ranking import search

    for query, said in (
        ("doc:ferry-log late", "is part of 4 document ids"),
        ("type:podcast late", "No documents of type “podcast”"),
    ):
        reply = commands.dispatch(db, f"search {query}")
        text = reply_text(reply)
        assert said in text and "Nothing in the library matches" not in text
        assert "Nothing in the library matches" not in json.dumps(reply_blocks(reply))
        assert search(db, query).nothing_searched


def test_the_console_drops_a_typed_direction_override(db, monkeypatch):
    from bot import console

    answer = console.Console(db).answer("define \u202eQZXW")
    assert "\u202e" not in answer and "QZXW" in answer
    monkeypatch.setattr(console, "TYPED_INVISIBLES_REMOVED", False)
    assert "\u202e" in console.Console(db).answer("define \u202eQZXW")
