"""Shapes the round-13 held-out set (``tests/recs/heldout14``, tuned on in round 14) showed beside
another writer's set or real wording: numbered items under a lead-in that ends with its modal
("The force should:"), and that lead-in's subject when it is no known body; a label that only
titles the numbered paragraph below it; a letter's ordinal openers ("Thirdly, please send ...") and
its "the following steps" lead-in; Word's "List Number" paragraphs read with their numbers.

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

import docx

from bot.library import formats
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# An invented inspection of an invented ferry service's lost-property office.
FERRY = """\
An inspection of lost property at Saltmere Ferries

Recommendations

The Saltmere ferry operator should:

1. log every item handed in on the day it is found
2. return phone calls from owners within two working days.

The harbour district office should:

3. publish the number of items returned each quarter.

Background

The office handled 900 items last year.
"""


def _items(text: str, doc_type: str) -> list[tuple[str, list[str]]]:
    return [(text[f.start : f.end], f.actors) for f in extract(text, doc_type)]


def test_numbered_items_under_a_bare_modal_lead_in_are_each_a_recommendation():
    items = _items(FERRY, "inspection-report")
    assert [t for t, _ in items] == [
        "log every item handed in on the day it is found",
        "return phone calls from owners within two working days.",
        "publish the number of items returned each quarter.",
    ]
    assert items[0][1] == ["The Saltmere ferry operator"]
    # "office" is no body word: the lead-in's subject is taken as written (rule lead-in-subject)
    assert items[2][1] == ["The harbour district office"]
    with rules_off("lead-in-subject"):
        assert _items(FERRY, "inspection-report")[2][1] == []
    with rules_off("modal-lead-in-numbers"):
        before = _items(FERRY, "inspection-report")
    assert [t.split("\n")[0] for t, _ in before] == [
        "The Saltmere ferry operator should:",
        "The harbour district office should:",
    ]


def test_a_lead_in_with_a_verb_of_its_own_keeps_its_numbered_points():
    text = (
        "Recommendations\n\n1. The ferry operator should adopt a lost-property code, covering:\n"
        "1. how items are logged;\n2. how long they are kept.\n"
        "2. The harbour board should publish its accounts each year.\n"
    )
    assert len(extract(text, "inspection-report")) == 2


# An invented inquiry chapter: titled labels, each over a numbered paragraph.
CHAPTER = """\
Chapter 7: Recommendations

7.1 In this chapter I set out what I recommend.

Recommendation 1: Lifeboat crews

7.2 I recommend that the Coastguard Agency train every volunteer crew in night launches.

7.3 I considered whether to recommend a second station. I do not do so.

Recommendation 2: Radio checks

7.4 The harbour master should test the emergency radio every week.
"""


def test_a_label_that_only_titles_heads_the_numbered_paragraph_below_it():
    items = extract(CHAPTER, "inquiry-report")
    texts = [CHAPTER[f.start : f.end] for f in items]
    assert texts == [
        "I recommend that the Coastguard Agency train every volunteer crew in night launches.",
        "The harbour master should test the emergency radio every week.",
    ]
    assert [f.label for f in items] == ["Recommendation 1", "Recommendation 2"]
    with rules_off("titled-paragraph-labels"):
        before = [CHAPTER[f.start : f.end] for f in extract(CHAPTER, "inquiry-report")]
    assert "Lifeboat crews" in before and "Radio checks" in before


# An invented letter from an invented commissioner to an invented fire chief.
LETTER = """\
Dear Chief Fire Officer,

Thank you for meeting me last week about the response times in the hill villages.

Could I ask you to consider the following measures.

First, I would like you to report the waiting times at each fire station weekly.

Secondly, please send my office a costed plan for the new retained crew at Hobb's Cross.

Yours sincerely,

Petra Vane
"""


def test_an_ordinal_before_please_opens_a_request_and_the_announcement_is_none():
    texts = [t for t, _ in _items(LETTER, "letter")]
    assert texts == [
        "First, I would like you to report the waiting times at each fire station weekly.",
        "Secondly, please send my office a costed plan for the new retained crew at Hobb's Cross.",
    ]
    with rules_off("ordinal-openers", "following-lead-in", "consider-the-following"):
        before = [t for t, _ in _items(LETTER, "letter")]
    assert "Could I ask you to consider the following measures." in before
    assert not any(t.startswith("Secondly") for t in before)


def _numbered_docx(path):
    document = docx.Document()
    document.add_paragraph("The depot should:")
    document.add_paragraph("sweep the yard daily", style="List Number")
    document.add_paragraph("lock the gate at night", style="List Number")
    document.add_paragraph("The council should:")
    document.add_paragraph("fund a new gate", style="List Number")
    document.add_paragraph("a loose note", style="List Bullet")
    document.save(path)


def test_word_list_number_paragraphs_keep_their_numbers(tmp_path, monkeypatch):
    _numbered_docx(tmp_path / "depot.docx")
    data = (tmp_path / "depot.docx").read_bytes()
    text = formats.docx_extract(data).text
    # Word counts on through the document in one style's list
    assert "1. sweep the yard daily" in text
    assert "2. lock the gate at night" in text
    assert "3. fund a new gate" in text
    assert "- a loose note" in text
    monkeypatch.setattr(formats, "DOCX_LIST_NUMBERS", False)
    assert "- sweep the yard daily" in formats.docx_extract(data).text


def test_an_office_holder_or_a_unit_is_the_addressee_of_its_call():
    text = (
        "Recommendations\n\n"
        "The warden should make sure the night staff carry radios.\n\n"
        "The governor should publish the visiting hours in every wing.\n\n"
        "The eastern division should review how it answers calls about lost dogs.\n"
    )
    items = _items(text, "inspection-report")
    assert [a for _, a in items] == [[], ["The governor"], ["The eastern division"]]
    with rules_off("unit-and-office-nouns"):
        assert [a for _, a in _items(text, "inspection-report")] == [[], [], []]


def test_a_request_for_the_following_documents_stays_a_request():
    text = (
        "Dear Chief Fire Officer,\n\n"
        "Please send me the following documents:\n\n"
        "- the rota for the hill stations\n- the last audit of the engines\n\n"
        "Yours sincerely,\n\nPetra Vane\n"
    )
    assert [t for t, _ in _items(text, "letter")][:1] == ["Please send me the following documents:"]


def test_a_titled_label_takes_the_first_numbered_paragraph_under_it_that_asks():
    text = (
        "Chapter 7: Recommendations\n\nRecommendation 3: Training\n\n"
        "7.4 We heard that training for crews was poor in winter.\n\n"
        "7.5 The Coastguard Agency should revise the winter training.\n\n"
        "Recommendation 4: Radios\n\n7.6 The harbour master should test the radio weekly.\n"
    )
    assert [text[f.start : f.end] for f in extract(text, "inquiry-report")] == [
        "The Coastguard Agency should revise the winter training.",
        "The harbour master should test the radio weekly.",
    ]


def test_numbered_items_take_their_lead_ins_time_limit(tmp_path, empty_db, monkeypatch):
    from bot.library import ingest
    from bot.recs import storing
    from bot.recs.tracker import list_recommendations

    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "ferry-inspection.txt").write_text(
        FERRY.replace(
            "The Saltmere ferry operator should:", "Within six months, the ferry operator should:"
        ).replace("within two working days", "within ten days")
    )
    assert not ingest.ingest(empty_db, [folder]).failed
    recs = list_recommendations(empty_db, "doc:ferry-inspection")
    assert [r.deadline_text for r in recs] == ["Within six months", "within ten days", None]
    monkeypatch.setattr(storing, "INTRO_DEADLINES", False)
    storing.rebuild_document(empty_db, "ferry-inspection")
    recs = list_recommendations(empty_db, "doc:ferry-inspection")
    assert [r.deadline_text for r in recs] == [None, "within ten days", None]
