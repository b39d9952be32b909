"""Meaning-aware search (bot/search/meaning), with a small stand-in embedder.

Needs numpy (the meaning extra); skipped without it. The texts and the stand-in embedder's
word groups below were written for these tests. The real model is tested in
test_meaning_model.py, only where it is installed.
"""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from bot.library.ingest import ingest, remove, remove_document  # noqa: E402
from bot.search import meaning  # noqa: E402
from bot.search.meaning import vectors  # noqa: E402
from bot.search.ranking import search  # noqa: E402

# Words that mean the same thing to the stand-in embedder: one direction each.
GROUPS = [
    {"money", "funding", "funded", "cash", "paid", "pays", "budget", "grant"},
    {"boat", "ship", "vessel", "ferry", "harbour"},
    {"weather", "rain", "storm", "sunny"},
]
DIM = 32


class StandIn:
    """Texts to unit vectors: a word of a group points along its group's axis; any other word
    along one of the remaining axes by its letters (stable across runs)."""

    name = "stand-in"

    def __init__(self, fail_after: int | None = None):
        self.calls = 0
        self.fail_after = fail_after

    def encode(self, texts):
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise KeyboardInterrupt  # as if someone stopped `rocu embed`
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().replace("?", " ").replace(".", " ").split():
                axis = next((g for g, words in enumerate(GROUPS) if word in words), None)
                if axis is None:
                    axis = len(GROUPS) + sum(map(ord, word)) % (DIM - len(GROUPS))
                    out[i, axis] += 0.3
                else:
                    out[i, axis] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out


DOCS = {
    "harbour.txt": "The harbour master counts every ferry and vessel that docks.\n\n"
    "Storm warnings close the harbour for a day or two each winter.\n",
    "grants.txt": "The units are funded by a Home Office grant each year.\n\n"
    "Local forces add cash from their own budget when the grant falls short.\n",
    "other.txt": "Volunteers walk the coastal path in spring.\n\n"
    "The museum opens late on Thursdays.\n",
}


@pytest.fixture
def library(empty_db, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text)
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = StandIn()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    report = ingest(empty_db, [folder])
    assert not report.failed
    return empty_db, folder


def test_ingest_embeds_every_passage_and_records_the_model(library):
    db, _ = library
    have, total = vectors.counts(db)
    assert total and have == total
    assert vectors.state(db)[0] == "stand-in"


def test_a_paraphrase_with_no_shared_word_is_found(library):
    db, _ = library
    response = search(db, "who pays?")
    assert response.results, response.notes
    assert response.results[0].doc_id == "grants"


def test_off_by_setting_gives_the_plain_ranking(library, monkeypatch):
    db, _ = library
    monkeypatch.setenv("ROCU_MEANING", "off")
    assert not search(db, "who pays?").results


def test_filters_hold_for_passages_found_by_meaning(library):
    db, _ = library
    assert all(r.doc_id == "harbour" for r in search(db, "who pays? doc:harbour").results)
    found = search(db, "who pays? -grant").results
    assert all("grant" not in r.excerpt.lower() for r in found)


def test_removing_a_document_removes_its_vectors(library):
    db, _ = library
    before, _ = vectors.counts(db)
    remove_document(db, "grants")
    after, total = vectors.counts(db)
    assert after == total < before
    assert all(r.doc_id != "grants" for r in search(db, "who pays?").results)


def test_removing_a_document_embeds_no_backlog(library, monkeypatch):
    """A `rocu embed` stopped part-way leaves passages without vectors; removing a document adds
    no passage, so it embeds none of them (it once ran for many minutes, saying nothing)."""
    db, _ = library
    db.execute(
        "DELETE FROM passage_vectors WHERE id IN (SELECT id FROM passages WHERE doc_id = ?)",
        ["harbour"],
    )
    db.conn.commit()
    calls = StandIn()
    monkeypatch.setattr(meaning, "embedder", lambda: calls)
    assert remove(db, "other")
    assert calls.calls == 0
    assert vectors.counts(db)[0] < vectors.counts(db)[1]  # the backlog is left to `rocu embed`


def test_a_changed_file_is_embedded_again(library):
    db, folder = library
    (folder / "other.txt").write_text("The ferry timetable changes in May.\n")
    ingest(db, [folder])
    have, total = vectors.counts(db)
    assert have == total
    assert any(r.doc_id == "other" for r in search(db, "ship").results)


def test_embedding_resumes_where_it_stopped(empty_db, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(5):
        (folder / f"d{i}.txt").write_text(f"Paragraph {i} about the harbour.\n\nMore text {i}.\n")
    monkeypatch.setattr(meaning, "embedder", lambda: None)  # ingest without vectors
    ingest(empty_db, [folder])
    assert vectors.counts(empty_db)[0] == 0
    with pytest.raises(KeyboardInterrupt):
        vectors.embed_missing(empty_db, StandIn(fail_after=1), batch=3)
    have, total = vectors.counts(empty_db)
    assert have == 3 < total  # the first batch was kept
    stand_in = StandIn()
    assert vectors.embed_missing(empty_db, stand_in, batch=3) == total - 3
    assert vectors.counts(empty_db) == (total, total)


def test_vectors_of_another_model_are_replaced(library):
    db, _ = library

    class Other(StandIn):
        name = "another-model"

    total = vectors.counts(db)[1]
    assert vectors.embed_missing(db, Other()) == total
    assert vectors.state(db)[0] == "another-model"


def test_the_query_text_leaves_out_filters_and_exclusions():
    assert meaning.query_text('who pays? type:hansard -"home office" from:2019') == "who pays?"


def test_mix_weighs_both_rankings():
    class Item:
        def __init__(self, rowid, score):
            self.rowid, self.score = rowid, score

    items = [Item(1, 10.0), Item(2, 5.0), Item(3, 0.0)]
    cosines = {1: 0.1, 2: 0.9, 3: 0.5}
    assert [c.rowid for c in meaning.mix(items, cosines, 0.0, lexical=2)][:2] == [1, 2]
    assert [c.rowid for c in meaning.mix(items, cosines, 1.0, lexical=2)] == [2, 3, 1]


def test_a_questions_answering_sentence_is_chosen_by_meaning(empty_db, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "units.txt").write_text(
        "The units were reviewed in the spring and the review was published. "
        "Local forces add cash from their own budget every year. "
        "The review praised the units for their work on the coast, in the towns and on the "
        "islands, and it said that the next review would look again at the way the units work "
        "with the coastguard and with the harbour masters along the whole of the coast.\n"
    )
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = StandIn()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    ingest(empty_db, [folder])
    result = search(empty_db, "who pays for the units?").results[0]
    assert result.answer is not None
    start, end = result.answer
    assert "cash" in result.excerpt[start:end]
    assert "reviewed" not in result.excerpt[start:end]


def test_at_start_a_store_with_vectors_gets_the_missing_ones(library):
    """A schema step (or a stopped ingest) can leave passages of an embedded store without a
    vector: ``fill_in`` embeds exactly those; a store never embedded is left to `rocu embed`."""
    db, _ = library
    have, total = vectors.counts(db)
    assert have == total
    db.execute("DELETE FROM passage_vectors WHERE id IN (SELECT id FROM passages LIMIT 2)")
    db.conn.commit()
    assert vectors.counts(db) == (total - 2, total)
    assert meaning.fill_in(db) == 2
    assert vectors.counts(db) == (total, total)
    assert meaning.fill_in(db) == 0  # nothing left to do


def test_at_start_a_store_never_embedded_is_left_alone(empty_db, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The harbour master counts every ferry.\n\nMore text.\n")
    monkeypatch.setattr(meaning, "embedder", lambda: None)
    ingest(empty_db, [folder])
    monkeypatch.setattr(meaning, "embedder", lambda: StandIn())
    assert meaning.fill_in(empty_db) == 0
    assert vectors.counts(empty_db)[0] == 0


def test_filling_in_on_a_thread_says_in_one_line_why_it_stopped(caplog):
    def broken():
        raise OSError("/secret/path went away")

    with caplog.at_level("WARNING"):
        meaning.fill_in_background(broken).join(5)
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["filling in missing vectors stopped: OSError"]  # no path, no traceback
    assert not any(r.exc_info for r in caplog.records)
