"""Round 18 (bench/RESULTS.md "Questions, round 18"): for a question with the meaning extra, the
lexical half of the documents' order may take the passage's own lexical score in place of
search's (``meaning.PASSAGE_SHARE``: no document prior, no feedback), and the learned score may
order the documents too (``passages.FLAT``). The scores and texts are made up for these tests by
their author."""

from __future__ import annotations

from bot.search import meaning, passages


class Item:
    def __init__(self, rowid: int, doc_id: str, score: float, text: str = "", bm25: float = 0.0):
        self.rowid, self.doc_id, self.score, self.text, self.bm25 = rowid, doc_id, score, text, bm25


def items():
    # rowid 1: a long report's passage, lifted by its document's prior; rowid 2: the passage of
    # another document that holds the question's words itself; rowid 3: found by meaning alone
    return [Item(1, "report", 9.0), Item(2, "note", 5.0), Item(3, "minutes", 0.0)]


COSINES = {1: 0.50, 2: 0.50, 3: 0.40}


def order(passage=None):
    return [c.rowid for c in meaning.mix(items(), COSINES, 0.7, lexical=2, passage=passage)]


def test_off_search_s_lexical_score_orders_the_documents(monkeypatch):
    monkeypatch.setattr(meaning, "PASSAGE_SHARE", 0.0)
    assert order() == [1, 2, 3]
    assert order({1: 0.2, 2: 0.9}) == [1, 2, 3]  # no share: the passage's own score is unused


def test_a_share_of_the_passage_s_own_score_can_lift_the_other_document(monkeypatch):
    monkeypatch.setattr(meaning, "PASSAGE_SHARE", 1.0)
    assert order({1: 0.2, 2: 0.9}) == [2, 1, 3]
    monkeypatch.setattr(meaning, "PASSAGE_SHARE", 0.5)
    # half and half: each passage is best by one of the two lexical scores, so they tie and the
    # rowid decides, as in every fusion
    assert order({1: 0.2, 2: 0.9}) == [1, 2, 3]


def test_a_passage_found_by_meaning_alone_has_no_lexical_score(monkeypatch):
    monkeypatch.setattr(meaning, "PASSAGE_SHARE", 1.0)
    fused = meaning.mix(items(), COSINES, 0.7, lexical=2, passage={1: 0.2, 2: 0.9, 3: 5.0})
    assert next(c for c in fused if c.rowid == 3).score == round(0.7 * 0.0, 4)


def test_flat_orders_every_candidate_by_its_score():
    ranked = items()
    assert [c.rowid for c in passages.flat(ranked, {1: 0.1, 2: 0.8, 3: 0.5})] == [2, 3, 1]
    # ties by rowid; an item without a score keeps its place after the scored ones
    assert [c.rowid for c in passages.flat(ranked, {2: 0.5, 1: 0.5})] == [1, 2, 3]


def test_shipped_settings():
    assert 0.0 <= meaning.PASSAGE_SHARE <= 1.0
    assert passages.FLAT in (True, False)
