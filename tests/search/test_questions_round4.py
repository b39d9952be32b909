"""Questions, round 4: the per-document cap of the first five results, and (with the meaning
extra) a passage that only asks a question handing its place to the passage after it.

Every text here was written for these tests (an invented hearing about a harbour); none is taken
from a document or an evaluation set. The meaning tests use a small stand-in embedder and need
numpy (the meaning extra): they are skipped without it.
"""

from __future__ import annotations

import pytest

from bot.search.diversity import PER_DOCUMENT, TOP, diversify


def test_a_third_passage_of_one_document_keeps_its_place():
    ranked = [("a", 1), ("a", 2), ("a", 3), ("b", 1), ("a", 4), ("c", 1)]
    shown = diversify(ranked, key=lambda item: item[0])
    assert shown[:3] == [("a", 1), ("a", 2), ("a", 3)]  # the third is not pushed down
    assert shown[3:5] == [("b", 1), ("c", 1)]  # a fourth of "a" gives way in the first five
    assert shown[5] == ("a", 4)
    assert PER_DOCUMENT == 3 and TOP == 5


def test_diversity_never_changes_the_order_documents_first_appear_in():
    ranked = [("a", i) for i in range(6)] + [("b", 0), ("a", 9), ("c", 0), ("b", 1)]
    shown = diversify(ranked, key=lambda item: item[0])
    first = list(dict.fromkeys(doc for doc, _ in shown))
    assert first == list(dict.fromkeys(doc for doc, _ in ranked))
    assert sorted(shown) == sorted(ranked)  # nothing lost or added


# -- the hand-off (meaning extra) --------------------------------------------------------------


def test_a_passage_that_only_asks_is_recognised():
    meaning = pytest.importorskip("bot.search.meaning")
    assert meaning.asks("Was the ferry moved before the storm came in?")
    assert meaning.asks("Did the harbour board agree?\n\n")
    assert meaning.asks("To ask the Minister how many ferries were inspected in 2019. [12345]")
    assert meaning.asks('He turned to the clerk: "was it you?"')
    assert not meaning.asks("The ferry was towed to the inner dock on the Monday.")
    assert not meaning.asks("Why the ferry moved is set out below.")


GROUPS = [
    {"ferry", "boat", "vessel", "ship"},
    {"storm", "gale", "weather"},
    {"moved", "towed", "shifted"},
]
DIM = 24


class StandIn:
    """Texts to unit vectors: a word of a group along its group's axis, any other word along
    one of the remaining axes by its letters (stable across runs)."""

    name = "stand-in-round4"

    def encode(self, texts, batch=32):
        np = pytest.importorskip("numpy")
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().replace("?", " ").replace(".", " ").split():
                axis = next((g for g, words in enumerate(GROUPS) if word in words), None)
                if axis is None:
                    out[i, len(GROUPS) + sum(map(ord, word)) % (DIM - len(GROUPS))] += 0.2
                else:
                    out[i, axis] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out


HEARING = (
    "Counsel: Turning to the week of the October storm, and to the harbour in particular, was "
    "the ferry moved out of the harbour before the storm arrived?\n\n"
    "Witness: Yes. It went to the inner dock on the Monday, two days early, on the advice of "
    "the pilots, and it stayed there until the harbour reopened on the Friday.\n\n"
    "Counsel: And who paid for the extra crew the port needed that week, given the overtime "
    "they worked through the nights?\n\n"
    "Witness: The port authority did, from its reserve, and it was repaid later in the year "
    "by the insurers after a long exchange of letters.\n"
)
NOTES = "A note on the harbour: gulls nest on the old pier every spring.\n"


@pytest.fixture
def hearing(empty_db, tmp_path, monkeypatch):
    pytest.importorskip("numpy")
    from bot.library.ingest import ingest
    from bot.search import meaning

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "hearing.txt").write_text(HEARING)
    (folder / "notes.txt").write_text(NOTES)
    monkeypatch.setenv("ROCU_MEANING", "on")
    stand_in = StandIn()
    monkeypatch.setattr(meaning, "embedder", lambda: stand_in)
    report = ingest(empty_db, [folder])
    assert not report.failed
    return empty_db


def _texts(response):
    return [r.excerpt for r in response.results]


def test_a_question_gets_the_answer_that_follows_the_passage_asking_it(hearing):
    from bot.search.ranking import search

    texts = _texts(search(hearing, "was the boat shifted before the gale?"))
    assert texts[0].startswith("Witness: Yes. It went to the inner dock")
    assert texts[1].startswith("Counsel: Turning to the week")


def test_without_the_hand_off_the_asking_passage_comes_first(hearing, monkeypatch):
    from bot.search import meaning
    from bot.search.ranking import search

    monkeypatch.setattr(meaning, "HAND_OFF", 0)
    texts = _texts(search(hearing, "was the boat shifted before the gale?"))
    assert texts[0].startswith("Counsel: Turning to the week")


def test_words_typed_as_a_search_are_not_handed_off(hearing):
    from bot.search.ranking import search

    texts = _texts(search(hearing, "boat shifted gale"))
    assert texts[0].startswith("Counsel: Turning to the week")


def test_the_hand_off_respects_the_filters(hearing):
    from bot.search.ranking import search

    texts = _texts(search(hearing, "was the boat shifted before the gale? -dock"))
    assert not any("inner dock" in t for t in texts)
