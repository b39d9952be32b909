"""A table's rows read one by one by the embedder (bot/search/meaning/vectors.py, ``SCHEME``'s
``rows``, off as shipped): a passage holding rows of a table gets a vector for each row, read
after its column names, kept as windows of the passage; its cosine is its best one's.

Needs numpy (the meaning extra); skipped without it. The texts (made-up terms and towns) and the
stand-in embedder (a word is a word piece, each word points its own way) were written for these
tests.
"""

from __future__ import annotations

import zlib

import pytest

np = pytest.importorskip("numpy")

from bot.library.ingest import ingest  # noqa: E402
from bot.search import meaning  # noqa: E402
from bot.search.meaning import vectors  # noqa: E402

DIM = 64


class Words:
    """A stand-in embedder: a text's vector is the sum of its words' own directions."""

    name = "stand-in-words"

    def __init__(self):
        self.words: list[str] = []
        self.index: dict[str, int] = {}

    def pieces(self, texts):
        out = []
        for text in texts:
            ids = []
            for word in text.lower().replace("|", " ").replace(".", " ").split():
                if word not in self.index:
                    self.index[word] = len(self.words)
                    self.words.append(word)
                ids.append(self.index[word])
            out.append(ids)
        return out

    def encode_pieces(self, pieces):
        out = np.zeros((len(pieces), DIM), dtype=np.float32)
        for i, ids in enumerate(pieces):
            for word in (self.words[k] for k in ids):
                out[i, zlib.crc32(word.encode()) % DIM] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out

    def encode(self, texts):
        return self.encode_pieces([p[:126] for p in self.pieces(texts)])


# a list of made-up abbreviations and their meanings (a table of words: no header row)
TERMS = [f"QX{i:02d} | Quorn{i:02d} Vantle{i:02d} Board" for i in range(24)]
TERMS[17] = "ZPH | Zephyr Marsh Quango"
# a table of figures: its first line is its header row
FIGURES = ["Town | Burglaries | Solved"] + [f"Tarnby{i:02d} | {30 + i} | {i}" for i in range(12)]
PROSE = "The yearly return was sent to the board in the spring, late, after the audit was done."


@pytest.fixture
def library(empty_db, tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "terms.txt").write_text("Abbreviations\n\n" + "\n".join(TERMS) + f"\n\n{PROSE}\n")
    (folder / "towns.txt").write_text("Returns\n\n" + "\n".join(FIGURES) + f"\n\n{PROSE}\n")
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = Words()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    monkeypatch.setitem(vectors.SCHEME, "rows", True)
    assert not ingest(empty_db, [folder]).failed
    return empty_db, stand_in


def _passage(db, words: str) -> int:
    return db.execute("select id from passages where text like ?", [f"%{words}%"]).fetchone()[0]


def test_rows_of_a_table_less_its_header_row():
    header, rows = vectors.table_rows("\n".join(FIGURES))
    assert header == FIGURES[0] and rows == FIGURES[1:]
    header, rows = vectors.table_rows("\n".join(TERMS))  # a list of terms has no header row
    assert header is None and rows == TERMS
    assert vectors.table_rows(PROSE) == (None, [])


def test_each_row_gets_a_window_and_the_scheme_is_recorded(library):
    db, stand_in = library
    assert vectors.state(db)[0] == "stand-in-words+rows"
    for words, rows in (("ZPH |", len(TERMS)), ("Tarnby03 |", len(FIGURES) - 1)):
        rowid = _passage(db, words)
        count = db.execute("select count(*) from passage_windows where id = ?", [rowid])
        assert count.fetchone()[0] == rows
    prose = db.execute("select count(*) from passage_windows").fetchone()[0]
    assert prose == len(TERMS) + len(FIGURES) - 1  # no passage without rows has more vectors
    # a row's vector counts ROW_WEIGHT of its cosine; the passage's own vector is whole
    found = vectors.matrix(db, vectors.made_by(stand_in))
    assert np.linalg.norm(found.extra, axis=1) == pytest.approx(vectors.ROW_WEIGHT, abs=1e-3)
    assert np.linalg.norm(found.vectors, axis=1) == pytest.approx(1.0, abs=1e-3)


def test_a_row_named_by_the_query_lifts_its_table(library, monkeypatch):
    db, stand_in = library
    query = stand_in.encode(["zephyr marsh quango"])[0]
    rowid = _passage(db, "ZPH |")
    with_rows = vectors.matrix(db, vectors.made_by(stand_in)).cosines(query, [rowid])[rowid]
    # the same library with the switch off: one vector a passage, the row lost among 24
    monkeypatch.setitem(vectors.SCHEME, "rows", False)
    vectors.embed_missing(db, stand_in)
    assert vectors.state(db)[0] == "stand-in-words"
    assert db.execute("select count(*) from passage_windows").fetchone()[0] == 0
    without = vectors.matrix(db, vectors.made_by(stand_in)).cosines(query, [rowid])[rowid]
    assert with_rows > 0.6 > 0.4 > without
