"""Report/response pairs, round 17: an action plan answering an inspection by the report's
paragraph numbers under a one-word topic column ("Ref | Issue | ..."), linked by those numbers
when the topics agree; a paired label carrying bracketed paragraph references; and a verdict
given after a topic and a colon ("Fleet: accepted.").
Each rule is also checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import matching_rules_off as _Off
from stores import store_of_texts

from bot.recs import stance
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.matching import match
from bot.recs.tracker import list_recommendations


def _answered(db) -> list[tuple[str | None, str | None]]:
    """(the report item's opening words, the stance of its response, "-" when none) for each
    report item, in the report's order."""
    return [
        (" ".join(i.text.split()[:2]), (i.responses or [{"stance": "-"}])[0].get("stance"))
        for i in list_recommendations(db)
        if i.role == "report"
    ]


# --- a plan by paragraph number and topic ("paragraph-rows", "topic-column", "paragraph-numbers")

KENNEL_INSPECTION = (
    "Inspection of the dog section of Ashcombe Police\n\n"
    "Written for the tests of rocu-bot: an invented inspection of an invented force.\n\n"
    "4. Recommendations and areas for improvement\n\n"
    "4.1 The dogs were well cared for, but the kennel block was old and cold.\n\n"
    "Recommendation\n\n"
    "4.2 The force should heat every kennel block to at least twelve degrees through the "
    "winter months.\n\n"
    "Areas for improvement\n\n"
    "4.3 The force should make sure each handler has a van with a working rear cooling fan.\n\n"
    "4.4 The force should keep a log of every bite and review each one within seven days.\n\n"
    "4.5 Handlers should take the rest days they are owed before the end of the year.\n"
)
KENNEL_PLAN = (
    "Ashcombe Police: dog section inspection action plan\n\n"
    "Written for the tests of rocu-bot: an invented plan of an invented force.\n\n"
    "References are to the paragraphs of chapter 4 of the inspection report.\n\n"
    "| Ref | Issue | Response and action | Lead | Target date | Status |\n"
    "|---|---|---|---|---|---|\n"
    "| 4.4 | Bite log | Accepted. A bite log is kept on the duty system and each bite is "
    "reviewed by the sergeant. | Dog sergeant | June 2026 | Complete |\n"
    "| 4.2 | Kennel heating in winter | Accepted. Heaters were fitted to both blocks in "
    "November. | Estates | December 2025 | Complete |\n"
    "| 4.3 | Cooling fans in handlers' vans | Partially accepted. Fans are fitted to new vans; "
    "old vans are replaced as leases end. | Fleet | 2027 | In progress |\n"
)


def test_a_plan_by_paragraph_and_topic_gives_its_rows():
    items = extract(KENNEL_PLAN, "other")
    assert [f.label for f in items] == [
        "Recommendation 4.4",
        "Recommendation 4.2",
        "Recommendation 4.3",
    ]
    assert [f.response for f in items] == ["accepted", "accepted", "accepted in part"]
    assert all(f.answers for f in items)
    with rules_off("paragraph-rows"):
        assert extract(KENNEL_PLAN, "other") == []
    with rules_off("topic-column"):
        assert extract(KENNEL_PLAN, "other") == []


def test_a_topic_column_is_one_of_its_names_only():
    notes = KENNEL_PLAN.replace("| Issue |", "| Notes |")
    assert extract(notes, "other") == []


def test_a_numbered_list_is_no_paragraph_reference():
    listed = KENNEL_PLAN.replace("| 4.4 |", "| 1 |").replace("| 4.2 |", "| 2 |")
    labels = [f.label for f in extract(listed, "other")]
    assert "Recommendation 4.3" in labels
    assert "Recommendation 4.4" not in labels


def test_a_plan_by_paragraph_and_topic_answers_its_inspection(tmp_path):
    db = store_of_texts(tmp_path, [("inspection.txt", KENNEL_INSPECTION), ("plan.md", KENNEL_PLAN)])
    answered = dict(_answered(db))
    assert answered["4.2 The"] == "accepted"
    assert answered["4.3 The"] == "accepted in part"
    assert answered["4.4 The"] == "accepted"
    assert answered["4.5 Handlers"] == "-"


def _item(key, doc, text, label=None):
    return {"key": key, "doc_id": doc, "text": text, "label": label}


REPORT_ITEMS = [
    _item(
        "a",
        "rep",
        "3.1 The council should light the footpath between the station and the college car park.",
    ),
    _item(
        "b",
        "rep",
        "3.2 The council should repair the broken shelters on the seafront before the summer.",
    ),
    _item("c", "rep", "3.4 The council should publish the results of its noise survey."),
]
PLAN_ITEMS = [
    _item("x", "plan", "Shelters on the seafront", "Recommendation 3.2"),
    _item("y", "plan", "Footpath lighting from the station", "Recommendation 3.1"),
]


def test_paragraph_numbers_link_when_the_topics_agree():
    links = {
        (r, k)
        for r, k, _s, _h in match([dict(i) for i in PLAN_ITEMS], [dict(i) for i in REPORT_ITEMS])
    }
    assert links == {("x", "b"), ("y", "a")}
    with _Off("paragraph-numbers", "quoted-words"):
        assert match([dict(i) for i in PLAN_ITEMS], [dict(i) for i in REPORT_ITEMS]) == []


def test_paragraph_numbers_need_the_topics_to_agree():
    crossed = [
        _item("x", "plan", "Shelters on the seafront", "Recommendation 3.1"),
        _item("y", "plan", "Footpath lighting from the station", "Recommendation 3.2"),
    ]
    with _Off("quoted-words"):
        assert match(crossed, [dict(i) for i in REPORT_ITEMS]) == []


# --- a verdict after a topic and a colon (stance "topic-colon") ---------------------------------


def test_a_verdict_after_a_topic_and_a_colon():
    verdict = stance.classify("Replacement of the patrol boats: not accepted. The budget is set.")
    assert verdict is not None and verdict.stance == "not accepted"
    assert stance.classify("Mounted section: accepted in part. Two horses stay.").stance == (
        "accepted in part"
    )
    stance.DISABLED.add(stance.TOPIC_COLON)
    try:
        assert stance.classify("Replacement of the patrol boats: not accepted.") is None
    finally:
        stance.DISABLED.discard(stance.TOPIC_COLON)


def test_a_colon_before_other_words_states_nothing():
    assert stance.classify("Background: the boats were bought in 2009.") is None
    long_topic = "One two three four five six seven eight nine ten eleven twelve: accepted."
    assert stance.classify(long_topic) is None


# --- a paired label with bracketed paragraph references ("paired-label-references") ------------

PAIRED_REPLY = (
    "Government response to the Transport Committee's report on level crossings\n\n"
    "Written for the tests of rocu-bot: an invented response to an invented report.\n\n"
    "Recommendation 1 (Paragraph 12)\n\n"
    "Network Rail should close every footpath crossing on a line faster than 100 mph.\n\n"
    "The Government accepts this recommendation. Closures will be funded from 2027.\n\n"
    "Recommendations 2 and 3 (Paragraphs 20 and 26)\n\n"
    "The Office of Rail and Road should publish crossing incidents by region every year.\n\n"
    "We recommend that the Department funds warning lights at every farm crossing.\n\n"
    "The Government accepts these recommendations in part. Incidents will be published; the "
    "lights will be funded where the risk is highest.\n"
)


def test_a_paired_label_with_paragraph_references_gives_two_items():
    items = extract(PAIRED_REPLY, "government-response")
    assert [f.label for f in items] == [
        "Recommendation 1",
        "Recommendation 2",
        "Recommendation 3",
    ]
    assert [f.response for f in items] == ["accepted", "accepted in part", "accepted in part"]
    with rules_off("paired-label-references"):
        labels = [f.label for f in extract(PAIRED_REPLY, "government-response")]
        assert "Recommendation 3" not in labels
