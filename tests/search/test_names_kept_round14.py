"""Search's loose ends left by the round-13 walk, each reproduced on texts written for these tests
(invented operations, people and bodies; none from a real document, a gold file or a question
set)."""

from __future__ import annotations

import pytest

from bot.search import plan as planning
from bot.search.ranking import search

# A library where "meeting" is common and one note names an operation one letter from it.
MEETINGS = [
    f"The board meeting on day {n} agreed item {n} of the harbour plan." for n in range(1, 81)
]
NAME_NOTES = {
    "board-minutes-2029.txt": "\n\n".join(MEETINGS),
    "operation-note-2029.txt": (
        "Operation Neeting was the harbour unit's inquiry into missing ledgers.\n\n"
        "Ms Lesting led the review of the ledgers for the Quayside trust."
    ),
    "testing-note-2029.txt": "\n\n".join(
        f"Testing of alarm {n} at the quay found it working." for n in range(1, 81)
    ),
}


@pytest.fixture
def name_db(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in NAME_NOTES.items():
        (folder / name).write_text(text + "\n")
    from bot.library.ingest import ingest

    report = ingest(empty_db, [folder])
    assert not report.failed
    return empty_db


# -- 1. a rare name after "Operation", "Ms" or in quotes is not re-spelt as a common word ---------


@pytest.mark.parametrize(
    "query",
    ["Operation Neeting ledgers", '"Neeting" ledgers', "missing ledgers Operation Neeting"],
)
def test_a_name_the_library_holds_is_not_also_read_as_a_common_word(name_db, query):
    response = search(name_db, query)
    assert not any("Also showing" in note for note in response.notes), response.notes
    assert response.results and response.results[0].doc_id == "operation-note-2029"


def test_a_title_before_a_name_keeps_it(name_db):
    for query in ("Ms Lesting review", "Detective Sergeant Lesting ledgers"):
        response = search(name_db, query)
        assert not any("Also showing" in note for note in response.notes), response.notes
        assert response.results[0].doc_id == "operation-note-2029"


def test_the_same_word_lower_case_and_alone_still_gets_its_look_alike(name_db):
    # typed in lower case with no name-like word before it, it may be a slip for "meeting"
    response = search(name_db, "neeting harbour")
    assert any("meeting" in note.lower() for note in response.notes if "Also" in note)


def test_names_kept_off_reads_the_name_as_before(name_db, monkeypatch):
    monkeypatch.setattr(planning, "NAMES_KEPT", False)
    response = search(name_db, "Operation Neeting ledgers")
    assert any("Also showing" in note for note in response.notes)
