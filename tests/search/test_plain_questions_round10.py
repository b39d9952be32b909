"""Plain questions, round 10: two switches, off as shipped: a document's evidence from its best
candidate passages only (``scoring.DOCUMENT_TOP``), and the plain build's order after the first
place (``passages.PLAIN_AFTER_FIRST``). The figures are made up for these tests by their author."""

from __future__ import annotations

from bot.search import scoring


def test_off_adds_up_every_candidate_passage(monkeypatch):
    monkeypatch.setattr(scoring, "DOCUMENT_TOP", 0)
    found = {1: 3.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 4.0}
    doc_of = {1: "long", 2: "long", 3: "long", 4: "long", 5: "short"}
    per = scoring._per_document(found, doc_of)
    assert per == {"long": 6.0, "short": 4.0}


def test_on_counts_only_the_best_few(monkeypatch):
    """A long document's many weak passages no longer outweigh a short one's strong passage."""
    found = {1: 3.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 4.0}
    doc_of = {1: "long", 2: "long", 3: "long", 4: "long", 5: "short"}
    monkeypatch.setattr(scoring, "DOCUMENT_TOP", 1)
    assert scoring._per_document(found, doc_of) == {"long": 3.0, "short": 4.0}
    monkeypatch.setattr(scoring, "DOCUMENT_TOP", 2)
    assert scoring._per_document(found, doc_of) == {"long": 4.0, "short": 4.0}


def test_shipped_off():
    assert scoring.DOCUMENT_TOP == 0


# -- passages.PLAIN_AFTER_FIRST (off as shipped) ----------------------------------------------


class _Item:
    def __init__(self, rowid: int, doc_id: str):
        self.rowid, self.doc_id = rowid, doc_id


def _items(spec: str) -> list:
    """ "a1 a2 b3": items of documents a, a, b with rowids 1, 2, 3."""
    return [_Item(int(word[1:]), word[0]) for word in spec.split()]


def test_plain_after_first_off_keeps_the_documents_order(monkeypatch):
    from bot.search import passages

    monkeypatch.setattr(passages, "PLAIN_AFTER_FIRST", False)
    ranked = _items("a1 a2 a3 b4")
    local = {1: 0.9, 2: 0.5, 3: 0.4, 4: 0.8}
    shipped = [i.rowid for i in passages.within_documents(ranked, local)]
    assert [i.rowid for i in passages.within_documents(ranked, local, plain=True)] == shipped


def test_plain_after_first_on_orders_after_the_first_place_by_the_local_score(monkeypatch):
    """The first place is still search's first document's best passage; then a short
    document's strong passage comes before the long document's weaker ones."""
    from bot.search import passages

    monkeypatch.setattr(passages, "PLAIN_AFTER_FIRST", True)
    ranked = _items("a1 a2 a3 b4 c5")
    local = {1: 0.6, 2: 0.5, 3: 0.4, 4: 0.45, 5: 0.9}
    out = [i.rowid for i in passages.within_documents(ranked, local, plain=True)]
    assert out == [1, 5, 2, 4, 3]
    # with the meaning extra's scores (plain=False) the documents' order is kept
    assert [i.rowid for i in passages.within_documents(ranked, local)][:2] == [1, 2]


# -- passages.PLAIN_LOCAL (off as shipped) ------------------------------------------------------


class _Scored:
    def __init__(self, rowid: int, doc_id: str, bm25: float, text: str):
        self.rowid, self.doc_id, self.bm25, self.text = rowid, doc_id, bm25, text
        self.assigned, self.beside = [], []


def test_plain_local_replaces_the_weights_without_the_meaning_extra_only(monkeypatch):
    from bot.search import passages

    parts = {1: (1.0, 0.0, 0.0), 2: (0.0, 0.0, 0.0)}  # coverage, proximity, phrase
    monkeypatch.setattr(passages, "_parts", lambda plan, assigned, beside=(): parts[plan.pop(0)])
    items = [
        _Scored(1, "a", 1.0, "A long sentence that holds every word of the question once."),
        _Scored(2, "a", 1.2, "A shorter sentence that holds the rarest word twice over."),
    ]

    def local(cosines=None):
        return passages.local_scores(items, [1, 2], cosines)

    monkeypatch.setattr(passages, "PLAIN_LOCAL", {})
    assert local()[1] > local()[2]  # coverage lifts the first
    monkeypatch.setattr(passages, "PLAIN_LOCAL", {"coverage": 0.0})
    assert local()[1] < local()[2]  # bm25 alone decides
    with_meaning = local({1: 0.5, 2: 0.5})
    assert with_meaning[1] > with_meaning[2]  # the meaning extra's mix keeps LOCAL's weights


def test_plain_switches_shipped_off():
    from bot.search import passages

    assert passages.PLAIN_LOCAL == {} and passages.PLAIN_AFTER_FIRST is False
    assert passages.NUMBERED_HEADINGS is False


# -- passages.NUMBERED_HEADINGS (off as shipped) ------------------------------------------------
# (headings and a contents line invented for these tests)


def test_numbered_headings_are_headings_when_on(monkeypatch):
    from bot.search import passages

    heading = "4. Moorings and the inner basin"
    chapter = "PART TWO\n\n3. Dredging the outer channel"
    contents = "Contents Summary 3 1 Dredging 5 2 Moorings 9 3 Harbour dues 12"
    sentence = "The harbour master said the moorings would be let for the summer."
    monkeypatch.setattr(passages, "NUMBERED_HEADINGS", False)
    assert not passages.cannot_answer(heading)  # "4. " reads as a sentence's end
    assert not passages.cannot_answer(chapter)
    monkeypatch.setattr(passages, "NUMBERED_HEADINGS", True)
    assert passages.cannot_answer(heading)
    assert passages.cannot_answer(chapter)
    assert passages.cannot_answer(contents)
    assert not passages.cannot_answer(sentence)
    assert not passages.cannot_answer("4. The moorings were let. " + sentence)
