"""What each passage's vectors are made of (bot/search/meaning/vectors.py, ``SCHEME``): windows
over a long passage, the document's title before it, and the scheme recorded with the model.

Needs numpy (the meaning extra); skipped without it. The texts and the stand-in embedder (a
word is a word piece; words of a group point one way) were written for these tests.
"""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")

from bot.library.ingest import ingest, remove_document  # noqa: E402
from bot.search import meaning  # noqa: E402
from bot.search.meaning import vectors  # noqa: E402
from bot.search.ranking import search  # noqa: E402

GROUPS = [
    {"ferry", "vessel", "harbour", "boat"},
    {"driving", "drivers", "motorists", "roadside"},
    {"orchard", "apples", "pears"},
]
DIM = 32


class Pieces:
    """A stand-in embedder that reads word pieces (here: words) as the real one does."""

    name = "stand-in-pieces"

    def __init__(self, fail_after: int | None = None):
        self.vocabulary: dict[str, int] = {}
        self.words: list[str] = []
        self.calls = 0
        self.fail_after = fail_after

    def pieces(self, texts):
        out = []
        for text in texts:
            ids = []
            for word in text.lower().replace("?", " ").replace(".", " ").split():
                if word not in self.vocabulary:
                    self.vocabulary[word] = len(self.words)
                    self.words.append(word)
                ids.append(self.vocabulary[word])
            out.append(ids)
        return out

    def encode_pieces(self, pieces):
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise KeyboardInterrupt  # as if someone stopped `rocu embed`
        out = np.zeros((len(pieces), DIM), dtype=np.float32)
        for i, ids in enumerate(pieces):
            for word in (self.words[k] for k in ids):
                axis = next((g for g, words in enumerate(GROUPS) if word in words), None)
                if axis is None:
                    out[i, len(GROUPS) + sum(map(ord, word)) % (DIM - len(GROUPS))] += 0.3
                else:
                    out[i, axis] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out

    def encode(self, texts):
        return self.encode_pieces([p[:126] for p in self.pieces(texts)])


FILLER = (
    "the committee met on a wet tuesday and heard from the chair about the minutes of the last "
    "meeting and the accounts for the year and the plans for the summer fair in the village hall "
)
DOCS = {
    # one long passage whose last words are about boats, and two short ones
    "long.txt": "Notes of the meeting.\n\n" + FILLER + "and at the very end a ferry docked.\n",
    "short.txt": "An orchard of apples.\n\nPears ripen late in autumn.\n",
    "limits.txt": "Limits for drivers\n\nThe limits were set in law after a long consultation "
    "with the public.\n\nCannabis 2 cocaine 10\n",
}


def _docs(tmp_path):
    """A folder holding ``DOCS``, one file each."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in DOCS.items():
        (folder / name).write_text(text)
    return folder


@pytest.fixture
def windowed(empty_db, tmp_path, monkeypatch):
    """A library embedded under a scheme of windows 12 pieces wide, 8 apart."""
    monkeypatch.setitem(vectors.SCHEME, "tokens", 14)
    monkeypatch.setitem(vectors.SCHEME, "stride", 8)
    folder = _docs(tmp_path)
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = Pieces()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    assert not ingest(empty_db, [folder]).failed
    return empty_db, folder, stand_in


def long_passage(db) -> int:
    return db.execute("select id from passages where text like '%ferry docked%'").fetchone()[0]


def windows_of(db, rowid: int) -> int:
    return db.execute("select count(*) from passage_windows where id = ?", [rowid]).fetchone()[0]


def test_a_long_passage_has_overlapping_windows_and_the_scheme_is_recorded(windowed):
    db, _, stand_in = windowed
    rowid = long_passage(db)
    words = len(db.execute("select text from passages where id = ?", [rowid]).fetchone()[0].split())
    # 12 pieces a window, starting 8 apart, until one reaches the end
    assert windows_of(db, rowid) + 1 == -(-(words - 12) // 8) + 1
    assert vectors.state(db)[0] == "stand-in-pieces+t14+w8"
    assert vectors.matrix(db, "stand-in-pieces") is None  # another scheme's name finds nothing


def test_a_sentence_near_the_end_of_a_long_passage_finds_it(windowed, monkeypatch):
    db, _, stand_in = windowed
    query = stand_in.encode(["vessel"])[0]
    found = vectors.matrix(db, vectors.made_by(stand_in))
    rowid, cosine = found.nearest(query, 1)[0]
    assert rowid == long_passage(db) and cosine > 0.4
    assert found.cosines(query, [rowid])[rowid] == pytest.approx(cosine)
    # the same passage with its first window only: the end is not read, the boat not found
    monkeypatch.setitem(vectors.SCHEME, "stride", 0)
    vectors.embed_missing(db, stand_in)
    plain = vectors.matrix(db, vectors.made_by(stand_in))
    assert plain.cosines(query, [rowid])[rowid] < 0.1


def test_a_passage_is_returned_once_with_its_best_window(windowed):
    db, _, stand_in = windowed
    found = vectors.matrix(db, vectors.made_by(stand_in))
    query = stand_in.encode(["committee meeting minutes"])[0]
    near = found.nearest(query, 10)
    rowids = [r for r, _ in near]
    assert len(rowids) == len(set(rowids)) == found.ids.size
    assert found.count() > found.ids.size  # more vectors than passages
    allowed = found.nearest(query, 10, allowed=[long_passage(db)])
    assert allowed == [next(x for x in near if x[0] == long_passage(db))]
    results = search(db, "a boat in the harbour?").results
    firsts = [(r.doc_id, r.passage_id) for r in results]
    assert len(firsts) == len(set(firsts))
    assert results and results[0].doc_id == "long"


def test_a_changed_or_deleted_passage_loses_all_its_windows(windowed):
    db, folder, _ = windowed
    rowid = long_passage(db)
    assert windows_of(db, rowid) >= 2
    db.execute("update passages set text = 'a short text now' where id = ?", [rowid])
    assert windows_of(db, rowid) == 0
    assert (
        db.execute("select count(*) from passage_vectors where id = ?", [rowid]).fetchone()[0] == 0
    )
    vectors.embed_missing(db, meaning.embedder())
    assert vectors.counts(db)[0] == vectors.counts(db)[1]
    assert windows_of(db, rowid) == 0  # short now: one vector
    others = db.execute("select count(*) from passage_windows").fetchone()[0]
    remove_document(db, "long")
    assert db.execute("select count(*) from passage_windows").fetchone()[0] == others


def test_a_removed_document_leaves_no_window_behind(windowed):
    db, _, _ = windowed
    count = "select count(*) from passage_windows"
    before = db.execute(count).fetchone()[0]
    its = db.execute(
        count + " where id in (select id from passages where doc_id = 'long')"
    ).fetchone()[0]
    assert its > 0
    remove_document(db, "long")
    assert db.execute(count).fetchone()[0] == before - its
    orphans = count + " where id not in (select id from passages)"
    assert db.execute(orphans).fetchone()[0] == 0


def test_a_store_made_under_the_old_scheme_is_embedded_again(empty_db, tmp_path, monkeypatch):
    folder = _docs(tmp_path)
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = Pieces()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    assert not ingest(empty_db, [folder]).failed
    assert vectors.state(empty_db)[0] == "stand-in-pieces"  # the scheme before round 9
    assert empty_db.execute("select count(*) from passage_windows").fetchone()[0] == 0
    total = vectors.counts(empty_db)[1]
    monkeypatch.setitem(vectors.SCHEME, "tokens", 14)
    monkeypatch.setitem(vectors.SCHEME, "stride", 8)
    assert meaning.candidates(empty_db, "boat", [], lambda r: [], lambda r: r) is None
    assert vectors.embed_missing(empty_db, stand_in) == total  # every passage, again
    assert vectors.state(empty_db)[0] == "stand-in-pieces+t14+w8"
    assert empty_db.execute("select count(*) from passage_windows").fetchone()[0] > 0
    assert vectors.embed_missing(empty_db, stand_in) == 0  # and then nothing more


def test_embedding_with_windows_resumes_where_it_stopped(empty_db, tmp_path, monkeypatch):
    monkeypatch.setitem(vectors.SCHEME, "tokens", 14)
    monkeypatch.setitem(vectors.SCHEME, "stride", 8)
    folder = _docs(tmp_path)
    monkeypatch.setenv("ROCU_MEANING", "off")  # ingest without vectors
    assert not ingest(empty_db, [folder]).failed
    with pytest.raises(KeyboardInterrupt):
        vectors.embed_missing(empty_db, Pieces(fail_after=1), batch=2)
    have, total = vectors.counts(empty_db)
    assert have == 2 < total  # the first batch was kept
    assert vectors.embed_missing(empty_db, Pieces(), batch=2) == total - 2
    assert vectors.counts(empty_db) == (total, total)
    kept = empty_db.execute("select id, window from passage_windows order by 1, 2").fetchall()
    # the same windows as one uninterrupted run makes
    empty_db.execute("delete from passage_vectors")
    vectors.embed_missing(empty_db, Pieces())
    assert (
        empty_db.execute("select id, window from passage_windows order by 1, 2").fetchall() == kept
    )


def test_the_title_is_read_before_each_passage(empty_db, tmp_path, monkeypatch):
    folder = _docs(tmp_path)
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = Pieces()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    monkeypatch.setitem(vectors.SCHEME, "title", True)
    assert not ingest(empty_db, [folder]).failed
    row = empty_db.execute(
        "select p.id, d.title from passages p join documents d on d.id = p.doc_id "
        "where p.text like 'Cannabis%'"
    ).fetchone()
    assert "drivers" in row[1].lower()
    query = stand_in.encode(["roadside"])[0]
    titled = vectors.matrix(empty_db, vectors.made_by(stand_in)).cosines(query, [row[0]])[row[0]]
    monkeypatch.setitem(vectors.SCHEME, "title", False)
    vectors.embed_missing(empty_db, stand_in)
    bare = vectors.matrix(empty_db, vectors.made_by(stand_in)).cosines(query, [row[0]])[row[0]]
    assert titled > 0.3 > bare


# A made-up return of roadside checks, written for this test: a table of figures whose rows name
# places and figures only; what they count is in the document's title.
ROADSIDE = (
    "Checks on motorists at the roadside\n\n"
    "The figures below were gathered by the county's officers over the year. Each place is "
    "counted once a month, whatever the number of patrols, and a check that led to no further "
    "step is counted all the same. The counts are rounded to the nearest whole number and a "
    "place with no checks in a month is left out of that month's count entirely.\n\n"
    "Place | Stopped | Charged\n"
    + "\n".join(f"Quarrytown{i} | {10 + i} | {i % 4}" for i in range(60))
    + "\n\nThe next return will be published in the spring.\n"
)


def _roadside(db, tmp_path, monkeypatch) -> Pieces:
    """The roadside return ingested into ``db`` and embedded by a stand-in, which is returned."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "roadside.txt").write_text(ROADSIDE)
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = Pieces()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    assert not ingest(db, [folder]).failed
    return stand_in


def test_a_table_of_figures_is_read_with_its_title_context(empty_db, tmp_path, monkeypatch):
    stand_in = _roadside(empty_db, tmp_path, monkeypatch)
    row = empty_db.execute(
        "select id, context_title from passages where context_title is not null"
    ).fetchone()  # the table's first piece: its header and rows, the title as context
    assert row and "roadside" in (row[1] or "").lower()  # the library gave it a title context
    query = stand_in.encode(["driving"])[0]  # the same group as the title's words
    read = vectors.matrix(empty_db, vectors.made_by(stand_in)).cosines(query, [row[0]])[row[0]]
    monkeypatch.setattr(vectors, "CONTEXTS", False)
    empty_db.execute("delete from passage_vectors where id = ?", [row[0]])
    vectors.embed_missing(empty_db, stand_in)
    bare = vectors.matrix(empty_db, vectors.made_by(stand_in)).cosines(query, [row[0]])[row[0]]
    assert read > 0.1 > 0.01 > bare  # the title's words count only when read


def test_a_changed_context_drops_the_vector(empty_db, tmp_path, monkeypatch):
    stand_in = _roadside(empty_db, tmp_path, monkeypatch)
    rowid = empty_db.execute("select id from passages where context_title is not null").fetchone()[
        0
    ]
    has = "select count(*) from passage_vectors where id = ?"
    assert empty_db.execute(has, [rowid]).fetchone()[0] == 1
    empty_db.execute("update passages set context_title = 'Another title' where id = ?", [rowid])
    assert empty_db.execute(has, [rowid]).fetchone()[0] == 0
    assert vectors.embed_missing(empty_db, stand_in) == 1  # made again, with the new context
