"""Report/response pairs, round 15: labels that name their series ("AFI 2" is not "R2"), a reply's
headings that name a topic and the recommendations answered ("Topic (recommendations 2 and 5)"),
one item linked to each number such a heading names, and an action plan's two-word summary
rows. Each rule is also checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import matching_rules_off as _Off
from stores import store_of_texts

from bot.recs import matching
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.matching import label_key, label_keys, match
from bot.recs.tracker import list_recommendations


def _answered(db) -> list[tuple[str, str | None]]:
    """(the report item's label, the stance of its response) for each report item."""
    return [
        (i.label, (i.responses or [{}])[0].get("stance"))
        for i in list_recommendations(db)
        if i.role == "report"
    ]


# --- labels that name their series (rule "series-labels") --------------------------------------


def test_a_label_keeps_the_series_it_names():
    assert label_key("Recommendation 2") == "2"
    assert label_key("R2") == "2"
    assert label_key("Rec 2: release plans") == "2"
    assert label_key("AFI 2") == "afi 2"
    assert label_key("Area for improvement 2") == "afi 2"
    assert label_key("Areas for development 3") == "afd 3"
    with _Off("series-labels"):
        assert label_key("AFI 2") == "2"


def test_a_label_naming_several_numbers_keeps_each():
    assert label_keys("Recommendations 2 and 5") == ("2", "5")
    assert label_keys("recommendations 3, 4 and 7") == ("3", "4", "7")
    assert label_keys("Recommendations 1-3") == ("1", "2", "3")
    assert label_keys("Recommendation 4") == ("4",)
    assert label_keys(None) == ()
    with _Off("several-numbers"):
        assert label_keys("Recommendations 2 and 5") == ("2",)


def _item(key: str, doc: str, text: str, label: str | None) -> dict:
    return {"key": key, "doc_id": doc, "text": text, "label": label}


REPORT_ITEMS = [
    _item(
        "r1",
        "rep",
        "The force should answer every emergency call about domestic abuse within ten seconds "
        "and record why when it does not.",
        "Recommendation 1",
    ),
    _item(
        "r2",
        "rep",
        "The force should review how its call handlers grade the risk to callers who report "
        "stalking by a former partner.",
        "Recommendation 2",
    ),
    _item(
        "a1",
        "rep",
        "The force should improve the supervision of officers who attend repeat calls to the "
        "same address.",
        "Area for improvement 1",
    ),
    _item(
        "a2",
        "rep",
        "The force should make sure that interpreters are booked for victims who need them "
        "before the first interview.",
        "Area for improvement 2",
    ),
]
PLAN_ITEMS = [
    _item("p1", "plan", "Emergency calls answered within ten seconds", "R1"),
    _item("p2", "plan", "Grading the risk of stalking calls", "R2"),
    _item("p3", "plan", "Supervision of repeat attendance", "AFI 1"),
    _item("p4", "plan", "Interpreters for victims", "AFI 2"),
]


def _links() -> set[tuple[str, str]]:
    """The links of fresh copies of the items (``match`` keeps what it computes on them)."""
    plan, report = [dict(i) for i in PLAN_ITEMS], [dict(i) for i in REPORT_ITEMS]
    return {(a, b) for a, b, _s, _h in match(plan, report)}


def test_a_plan_naming_two_series_links_each_item_to_its_own():
    links = _links()
    assert links == {("p1", "r1"), ("p2", "r2"), ("p3", "a1"), ("p4", "a2")}


def test_without_series_a_number_standing_for_two_items_links_neither():
    with _Off("series-labels"):
        links = _links()
    # "2" names Recommendation 2 and Area for improvement 2: neither is linked by number
    assert ("p2", "r2") not in links and ("p4", "a2") not in links


# --- a reply under "Topic (recommendation N)" headings (rule "topic-headings") ------------------

REVIEW = (
    "# Review of how Marrowby Police answers calls about anti-social behaviour\n\n"
    "Written for the tests of rocu-bot: an invented review by an invented panel.\n\n"
    "## Recommendations\n\n"
    "1. The force should publish each month how long it took to attend reports of anti-social "
    "behaviour in every ward.\n"
    "2. The force should call back every person who reports anti-social behaviour within two "
    "working days.\n"
    "3. The force should give neighbourhood officers access to the council's noise complaint "
    "records.\n"
    "4. The force should train call handlers to recognise when a report of nuisance hides a "
    "risk of harm.\n"
)
REPLY = (
    "MARROWBY POLICE\n\n"
    "Chief Constable's response to the panel's review of anti-social behaviour calls\n\n"
    "Written for the tests of rocu-bot: an invented reply from an invented force.\n\n"
    "I thank the panel for its review and answer each recommendation below.\n\n"
    "Attendance figures (recommendation 1)\n\n"
    "The panel asked us to publish ward figures each month. We accept this recommendation and "
    "the first figures will appear in the spring.\n\n"
    "Calling people back (recommendations 2 and 4)\n\n"
    "On call-backs and the training of call handlers, we accept both recommendations. Call "
    "handlers now book a call-back before ending each call.\n\n"
    "Council records (recommendation 3)\n\n"
    "Not accepted. The council's records hold personal data that officers have no need to see.\n"
)


def test_topic_headings_give_one_item_each_with_its_numbers():
    items = extract(REPLY, "government-response")
    assert [f.label for f in items] == [
        "Recommendation 1",
        "Recommendations 2 and 4",
        "Recommendation 3",
    ]
    assert [f.response for f in items] == ["accepted", "accepted", "not accepted"]
    assert REPLY[items[2].start : items[2].end].startswith("Council records")
    with rules_off("topic-headings"):
        assert not any(f.label == "Recommendations 2 and 4" for f in extract(REPLY, "letter"))


def test_topic_headings_count_only_in_a_reply():
    # a briefing that reports a response under such headings is typed other: no reply items
    assert not any(f.answers or f.response for f in extract(REPLY, "other"))


def test_one_topic_heading_alone_is_no_reply():
    one = REPLY.split("Calling people back")[0]
    assert not any(f.label == "Recommendation 1" for f in extract(one, "government-response"))


def test_a_topic_heading_without_a_verdict_is_no_item():
    quiet = REPLY.replace("Not accepted. The council's", "The council's")
    labels = [f.label for f in extract(quiet, "government-response")]
    assert "Recommendation 3" not in labels
    assert "Recommendations 2 and 4" in labels


def test_a_heading_naming_two_numbers_links_to_both(tmp_path):
    db = store_of_texts(tmp_path, [("review.md", REVIEW), ("reply.txt", REPLY)])
    assert _answered(db) == [
        ("1", "accepted"),
        ("2", "accepted"),
        ("3", "not accepted"),
        ("4", "accepted"),
    ]


# --- an action plan's two-word summary rows (rule "short-summary-rows") -------------------------

INSPECTION = (
    "Inspection of call handling in Pellingford Police\n\n"
    "Written for the tests of rocu-bot: an invented force and inspection.\n\n"
    "Recommendations\n\n"
    "Recommendation 1. The force should answer every emergency call about domestic abuse within "
    "ten seconds and record why when it does not.\n\n"
    "Recommendation 2. The force should review how its call handlers grade the risk to callers "
    "who report stalking by a former partner.\n\n"
    "Areas for improvement\n\n"
    "Area for improvement 1: The force should improve the supervision of officers who attend "
    "repeat calls to the same address.\n\n"
    "Area for improvement 2: The force should make sure that interpreters are booked for victims "
    "who need them before the first interview.\n"
)
PLAN = (
    "Pellingford Police: call handling action plan\n\n"
    "Response to the inspection of call handling. The table gives our response to each item.\n\n"
    "| Ref | Recommendation / AFI (summary) | Force response and actions | Status |\n"
    "|---|---|---|---|\n"
    "| R1 | Answering emergency calls within ten seconds | Accepted. Extra call handlers "
    "work the evening peak. | Complete |\n"
    "| R2 | Stalking risk grading | Partially accepted. The grading tool is under review "
    "nationally. | In progress |\n"
    "| AFI 1 | Supervising repeat attendance | Accepted. Sergeants review repeat addresses "
    "weekly. | In progress |\n"
    "| AFI 2 | Interpreters | Accepted. Interpreters are booked by the control room. | "
    "Complete |\n"
)


def test_a_two_word_summary_beside_its_reference_is_one_item():
    labels = [f.label for f in extract(PLAN, "other")]
    assert labels == ["R1", "R2", "AFI 1"]  # one word ("Interpreters") is too few
    with rules_off("short-summary-rows"):
        assert [f.label for f in extract(PLAN, "other")] == ["R1"]  # four words needed


def test_a_plan_with_two_series_links_to_its_inspection(tmp_path):
    db = store_of_texts(tmp_path, [("inspection.txt", INSPECTION), ("plan.md", PLAN)])
    answered = dict(_answered(db))
    assert answered["Recommendation 1"] == "accepted"
    assert answered["Recommendation 2"] == "accepted in part"
    assert answered["Area for improvement 1"] == "accepted"


# --- one response item, one report (rule "one-report") ------------------------------------------

OTHER_REVIEW = (
    "# Review of how Marrowby Police handles lost property\n\n"
    "Written for the tests of rocu-bot: an invented review by an invented panel.\n\n"
    "## Recommendations\n\n"
    "1. The force should return found bicycles to their owners within a month, checking every "
    "frame number against the national register.\n"
    "2. The force should publish each quarter how many calls about lost property it took back "
    "from callers.\n"
    "3. The force should agree with the council who stores abandoned vehicles.\n"
    "4. The force should train front counter staff to log found property on the day it is "
    "handed in.\n"
)


def test_a_reply_links_only_into_the_report_it_answers_best(tmp_path):
    # two reviews numbering 1-4, both of one force; the reply's topics share a word or two with
    # the other review's same-numbered items: it links into its own review only
    db = store_of_texts(
        tmp_path, [("review.md", REVIEW), ("other.md", OTHER_REVIEW), ("reply.txt", REPLY)]
    )
    rows = list(
        db.query(
            "select distinct d.file from recommendation_links l "
            "join documents d on d.id = l.report_doc"
        )
    )
    assert [r["file"] for r in rows] == ["review.md"]


def test_one_report_keeps_each_items_best_document():
    def item(key, doc):
        return {"key": key, "doc_id": doc}

    kept = [
        ("x", item("a1", "A"), 90.0, "text"),
        ("x", item("b1", "B"), 62.0, "label"),
        ("y", item("a2", "A"), 70.0, "label"),
        ("y", item("b2", "B"), 45.0, "number"),
    ]
    assert [c[1]["key"] for c in matching.one_report(kept)] == ["a1", "a2"]
    with _Off("one-report"):
        assert len(matching.one_report(kept)) == 4


def test_a_series_label_answers_a_report_that_numbers_without_one():
    # the report's areas for improvement are a plain numbered list: "AFI 2" is its number
    report = [
        _item("n1", "rep", REPORT_ITEMS[2]["text"], "1"),
        _item("n2", "rep", REPORT_ITEMS[3]["text"], "2"),
        _item(
            "n3",
            "rep",
            "The force should check that every officer who takes a statement from a child "
            "has been trained to do so.",
            "3",
        ),
    ]
    plan = [  # topics of two words in common with their item: linked by number, not words
        _item("p3", "plan", "Repeat calls", "AFI 1"),
        _item("p4", "plan", "Interpreters for victims", "AFI 2"),
    ]
    links = {(a, b) for a, b, _s, _h in match(plan, report)}
    assert links == {("p3", "n1"), ("p4", "n2")}
