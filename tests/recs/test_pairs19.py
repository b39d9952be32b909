"""Report/response pairs, round 18: a review labelling its recommendations with lettered
references ("A1.") and a response citing them in brackets after its own numbers ("1 (A1):
topic."); an action plan answering a quoting column in a response column ("Force response"),
its summaries counted by the verdict beside them; a numbered plan item whose number is answered
already, linked by its words; a letter's first-person verdicts ("I accept that ... should",
"I accept this in part.", "I note the recommendation"); "Agreed in principle."; and the other
items of a report chosen by themes alone linking at the usual margin.
Each rule is also checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import matching_rules_off as _Off
from stores import report_stances as _answered
from stores import store_of_texts

from bot.recs import stance
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.matching import label_key, match

# --- lettered references ("reference-labels", "reference-replies", "letter-references") --------

HARBOUR_REVIEW = (
    "# Review of the harbour patrol unit of Selcombe Police\n\n"
    "Written for the tests of rocu-bot: an invented review of an invented force.\n\n"
    "I make five recommendations, in two groups.\n\n"
    "## A. Boats and crews\n\n"
    "**A1.** The force should replace the two oldest patrol boats before the summer of 2027.\n\n"
    "**A2.** Every crew member should hold a current sea survival certificate.\n\n"
    "## B. Working with others\n\n"
    "**B1.** The force should agree a written protocol with the coastguard on night searches.\n\n"
    "**B2.** The harbour master should share the berthing plan with the unit every week.\n\n"
    "**B3.** The unit should publish a yearly summary of its call-outs for harbour users.\n"
)
HARBOUR_RESPONSE = (
    "# Selcombe Police: response to the review of the harbour patrol unit\n\n"
    "Written for the tests of rocu-bot: an invented response of an invented force.\n\n"
    "We number the recommendations 1 to 5 in the review's order, with its references in "
    "brackets.\n\n"
    "**1 (A1): replacing the oldest boats.**\n\n"
    "Accepted. One boat is on order and the second is in next year's budget.\n\n"
    "**2 (A2): sea survival certificates.**\n\n"
    "Accepted in part. New crew members train this spring; others renew as they fall due.\n\n"
    "**4 (B2): weekly berthing plan.**\n\n"
    "This is for the harbour master, who has agreed to send it each Monday.\n\n"
    "**5 (B3): a yearly summary of call-outs.**\n\n"
    "Accepted. The first summary will be posted at the harbour office in January.\n"
)


def test_lettered_references_label_a_reviews_recommendations():
    items = extract(HARBOUR_REVIEW, "other")
    assert [f.label for f in items] == ["A1", "A2", "B1", "B2", "B3"]
    assert HARBOUR_REVIEW[items[0].start :].startswith("The force should replace")
    with rules_off("reference-labels"):
        assert all(f.label is None for f in extract(HARBOUR_REVIEW, "other"))


def test_one_lettered_reference_is_no_label():
    text = "A1. The force should buy a boat.\n\nThe unit is small and works long hours.\n"
    assert all(f.label is None for f in extract(text, "other"))


def test_r_references_are_left_to_the_list_marker_rule():
    # "R1." is round 12's label-list-markers' (under a lead-in); read here, a numbered paragraph
    # after the labels became their prose
    text = (
        "R1. The force should buy a second boat.\n\n"
        "R2. The unit should train two more divers.\n\n"
        "4.2 I also recommend that the harbour board pays for a new slipway.\n"
    )
    items = extract(text, "other")
    assert [f.label for f in items][:2] != ["R1", "R2"]
    assert any("slipway" in text[f.start : f.end] for f in items)


def test_a_response_cites_the_references_in_brackets():
    items = extract(HARBOUR_RESPONSE, "other")
    assert [f.label for f in items] == ["A1", "A2", "B3"]
    assert [f.response for f in items] == ["accepted", "accepted in part", "accepted"]
    with rules_off("reference-replies"):
        assert [f.label for f in extract(HARBOUR_RESPONSE, "other")] == []


def test_a_lettered_reference_keeps_its_letter():
    assert label_key("B2") == "b2"
    assert label_key("R2") == "2"  # "R2" is "Recommendation 2"'s
    assert label_key("Recommendation 2") == "2"
    with _Off("letter-references"):
        assert label_key("B2") == "2"


def test_a_renumbered_response_answers_the_lettered_recommendations(tmp_path):
    db = store_of_texts(
        tmp_path, [("harbour-review.md", HARBOUR_REVIEW), ("harbour-response.md", HARBOUR_RESPONSE)]
    )
    assert _answered(db) == [
        ("A1", "accepted"),
        ("A2", "accepted in part"),
        ("B1", "-"),
        ("B2", "-"),
        ("B3", "accepted"),
    ]


# --- an action plan answered in a response column ("response-plan-column", "numbered-answered")

FERRY_INSPECTION = (
    "Inspection of custody at Selcombe ferry port\n\n"
    "Written for the tests of rocu-bot: an invented inspection of an invented force.\n\n"
    "Recommendation 1: The force should make sure that every detainee held at the port is seen "
    "by a nurse within two hours of arrival.\n\n"
    "Recommendation 2: The force should record the reasons for every handcuffing in the port "
    "holding room.\n\n"
    "Areas for improvement\n\n"
    "- The force should provide blankets and hot drinks to detainees held overnight.\n"
    "- The force should give detainees a leaflet about their rights in their own language.\n"
)
FERRY_PLAN = (
    "Selcombe Police: action plan after the port custody inspection\n\n"
    "Written for the tests of rocu-bot: an invented plan of an invented force.\n\n"
    "| Ref | Recommendation / area for improvement | Force response | Lead | Status |\n"
    "|---|---|---|---|---|\n"
    "| Rec 1 | Detainees at the port seen by a nurse within two hours of arrival. | Agreed. A "
    "nurse is now on call for the port. | Custody Inspector | Complete |\n"
    "| Rec 2 | Reasons for every handcuffing in the port holding room recorded. | Agreed. The "
    "form has a new box. | Port Sergeant | Complete |\n"
    "| AFI 1 | Blankets and hot drinks for detainees held overnight. | Agreed in principle. "
    "Blankets are stocked; a kettle needs a new socket. | Estates | In progress |\n"
    "| AFI 2 | Detainees given a rights leaflet in their own language. | Partially agreed. "
    "Eight languages are printed so far. | Custody Inspector | In progress |\n"
)


def test_a_plan_answered_in_a_response_column_gives_its_rows():
    items = extract(FERRY_PLAN, "other")
    assert [f.label for f in items] == ["Rec 1", "Rec 2", "AFI 1", "AFI 2"]
    assert [f.response for f in items] == [
        "accepted",
        "accepted",
        "accepted in principle",
        "accepted in part",
    ]
    assert all(f.answers for f in items)
    with rules_off("response-plan-column"):
        assert not any(f.answers for f in extract(FERRY_PLAN, "other"))


def test_a_summary_without_a_verdict_beside_it_is_no_item():
    # a finding in the quoting column, answered with no verdict
    text = (
        "| Ref | Recommendation / area for improvement | Force response | Lead | Status |\n"
        "|---|---|---|---|---|\n"
        "| AFI 1 | Blankets ran out twice in the winter. | Stock is checked weekly. | Estates "
        "| Open |\n"
        "| AFI 2 | Rights leaflets were out of date. | New leaflets printed. | Custody Inspector "
        "| Open |\n"
    )
    assert extract(text, "other") == []


def test_a_plan_answers_its_inspection_by_number_and_by_words(tmp_path):
    db = store_of_texts(
        tmp_path, [("ferry-inspection.txt", FERRY_INSPECTION), ("ferry-plan.md", FERRY_PLAN)]
    )
    assert [s for _w, s in _answered(db)] == [
        "accepted",
        "accepted",
        "accepted in principle",
        "accepted in part",
    ]


def test_a_plan_item_whose_number_is_answered_links_by_its_words(tmp_path):
    # "AFI 2" names, by its number, "Recommendation 2", answered by "Rec 2": its words decide
    with _Off("numbered-answered"):
        db = store_of_texts(
            tmp_path, [("ferry-inspection.txt", FERRY_INSPECTION), ("ferry-plan.md", FERRY_PLAN)]
        )
        assert [s for _w, s in _answered(db)][3] == "-"


# --- a letter's first-person verdicts ("first-person-part", "-principle", "-that", "-note") ----


def _stance_of(sentence: str) -> str | None:
    verdict = stance.classify(sentence)
    return verdict.stance if verdict else None


def test_first_person_verdicts():
    assert _stance_of("I accept that the rota, not the sergeant, should set rest days.") == (
        "accepted"
    )
    assert _stance_of("I also agree that harbour users must be told of closures.") == "accepted"
    assert _stance_of("I accept this in part. We will print the leaflet.") == "accepted in part"
    assert _stance_of("I accept it in principle, subject to funding.") == "accepted in principle"
    assert _stance_of("I note the recommendation that the unit should train divers.") == "noted"
    assert _stance_of("I agree.") == "accepted"


def test_first_person_words_that_are_no_verdict():
    # a finding about the past, and a note of a fact
    assert _stance_of("I accept that the boat should have been replaced sooner.") is None
    assert _stance_of("I note that call-outs rose last year.") is None
    assert _stance_of("I agree that the weather was poor.") is None


def test_first_person_verdicts_switched_off():
    names = set(stance.FIRST_PERSON_VERDICTS)
    before = set(stance.DISABLED)
    stance.DISABLED.update(names)
    try:
        assert _stance_of("I accept this in part.") == "accepted"  # round 14's "I accept"
        assert _stance_of("I note the recommendation on divers.") is None
    finally:
        stance.DISABLED.clear()
        stance.DISABLED.update(before)


def test_agreed_in_principle_is_a_heading_word():
    assert _stance_of("Agreed in principle. Funding is sought.") == "accepted in principle"
    assert _stance_of("Supported in principle.") == "accepted in principle"
    assert _stance_of("Agreed. Funding is in place.") == "accepted"


# --- the rest of a report chosen by themes alone ("theme-alone-rest") --------------------------

MOOR_REPORT = [
    "The park authority should rebuild the stone footbridge over the river at Hawkstone.",
    "The park authority should mark the bridleway across the common with new oak posts.",
    "The park authority should open a visitor centre car park with charging points for "
    "electric cars.",
    "The park authority should ban barbecues on the heather moorland during dry summers.",
    "The park authority should survey nesting curlews each spring with the bird society.",
]
# three answers share four or more distinctive words with their recommendation; the fourth,
# about barbecues, shares three (barbecues, heather, summers)
MOOR_LETTER = [
    "Rebuilding the stone footbridge at Hawkstone will start once the river falls in autumn; "
    "masons from Thornby have quoted, and walkers will use a ford diversion meanwhile.",
    "New oak posts now mark the bridleway over the common, paid for by the parish; riders "
    "helped choose where each one stands, and volunteers painted their tops white.",
    "Charging points for electric cars will open with the visitor centre next year, once "
    "the grid company finishes its cable works and the planning inspector signs off.",
    "Barbecues are a worry on the heather; wardens will patrol on warm summers weekends "
    "and rangers are printing leaflets about fires on the moor for campsites and shops.",
]


def _item(key, doc, text):
    return {"key": key, "doc_id": doc, "text": text, "label": None}


def _moor_links() -> list[tuple]:
    report = [_item(f"p{i}", "moor", text) for i, text in enumerate(MOOR_REPORT)]
    letter = [_item(f"l{i}", "letter", text) for i, text in enumerate(MOOR_LETTER)]
    return sorted((r, k) for r, k, _s, how in match(letter, report) if how == "theme")


def test_the_report_chosen_by_themes_alone_links_its_other_answers():
    assert _moor_links() == [("l0", "p0"), ("l1", "p1"), ("l2", "p2"), ("l3", "p3")]
    with _Off("theme-alone-rest"):
        assert _moor_links() == [("l0", "p0"), ("l1", "p1"), ("l2", "p2")]


def test_three_word_answers_alone_choose_no_report():
    report = [_item(f"p{i}", "moor", text) for i, text in enumerate(MOOR_REPORT)]
    letter = [_item("l3", "letter", MOOR_LETTER[3])]
    assert match(letter, report) == []
