"""Report/response pairs, round 13: a force's action plan (a table quoting each recommendation
or area for improvement beside an action, a lead, a date and a status), a reply that restates
each recommendation in reported speech before answering it, and a number that does not answer a
report item twice. Each rule is also checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import store_of_texts

from bot.recs import matching
from bot.recs.answers import is_response_document
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.tracker import list_recommendations

# --- an action plan (rule "action-plans") ------------------------------------------------------

PLAN = (
    "# Wexcombe Police: custody inspection 2026 - improvement plan\n\n"
    "Owner: Chief Superintendent, Custody. Reviewed each month at the Custody Board.\n\n"
    "| Ref | Area for improvement | Action | Lead | Target date | Status |\n"
    "|---|---|---|---|---|---|\n"
    "| AFI 1 | The force should make sure detainees are offered a shower and a change of "
    "clothes each day. | Showers refitted at Harnley suite; a daily prompt on the custody "
    "record. | Custody Inspector | 31 March 2027 | Accepted |\n"
    "| AFI 2 | The force should record every use of force in custody on the same day. | "
    "Survey run in May; new form live. | Head of Custody | 30 June 2027 | On track |\n"
    "| AFI 3 | Staffing on the night shift has fallen below the agreed level. | Two posts "
    "advertised. | Chief Superintendent | 31 May 2027 | Partially accepted |\n\n"
    "## Governance\n\nProgress is reported to the Police and Crime Commissioner.\n"
)


def test_an_action_plan_gives_one_item_a_row_that_asks():
    text = PLAN
    items = extract(text, "other")
    assert [text[f.start : f.end] for f in items] == [
        "The force should make sure detainees are offered a shower and a change of clothes each "
        "day.",
        "The force should record every use of force in custody on the same day.",
    ]  # the third row states a finding: no item; the action cell's "Survey run in May" is none
    assert [f.label for f in items] == ["AFI 1", "AFI 2"]
    assert [f.due_words for f in items] == ["31 March 2027", "30 June 2027"]
    assert [f.heading_actors for f in items] == [["Custody Inspector"], ["Head of Custody"]]
    # the status column's verdict is the stance; "On track" states none
    assert [f.response for f in items] == ["accepted", None]
    assert [f.response_text for f in items] == [
        "Accepted. Showers refitted at Harnley suite; a daily prompt on the custody record.",
        "Survey run in May; new form live.",
    ]
    assert all(f.answers for f in items)
    assert is_response_document("other", "Wexcombe Police improvement plan", items)
    with rules_off("action-plans"):
        assert not any(f.answers for f in extract(text, "other"))


def test_a_table_without_an_action_column_is_no_action_plan():
    findings = (
        "| Ref | Inspectorate finding | Grade | Date |\n|---|---|---|---|\n"
        "| F1 | The force should improve the way it answers calls from repeat victims. | "
        "Requires improvement | May 2026 |\n"
        "| F2 | The force should publish its stop and search figures each quarter. | Adequate "
        "| May 2026 |\n"
    )
    assert not any(f.answers for f in extract(findings, "inspection-report"))


def test_a_recommendation_column_beside_action_columns_reads_every_row():
    # "Action taken or planned" (four words) once made the header a sentence, not a header
    text = (
        "| No. | Recommendation | Action taken or planned | Owner | By | RAG |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | The chief constable should set up a rural crime team by April 2027. | Team "
        "funded in the budget. | ACC Operations | April 2027 | G |\n"
        "| 2 | The force should publish how it answers calls from farms. | Page drafted. | Head "
        "of Contact | June 2027 | A |\n"
    )
    items = extract(text, "other")
    assert [f.label for f in items] == ["Recommendation 1", "Recommendation 2"]
    assert [f.response for f in items] == [None, None]  # a RAG letter is no verdict
    assert all(f.answers for f in items)


INSPECTION = (
    "Wexcombe Police custody inspection 2026\n\n"
    "Written for the tests of rocu-bot: an invented force and inspection.\n\n"
    "Areas for improvement\n\n"
    "Area for improvement 1: The force should make sure detainees are offered a shower and a "
    "change of clothes each day.\n\n"
    "Area for improvement 2: The force should record every use of force in custody on the same "
    "day, and supervisors should check a sample of the records each week.\n\n"
    "Area for improvement 3: The force should make sure that interpreters are booked before a "
    "detainee who needs one is interviewed.\n"
)
# The plan abridges the second and rewords the third.
ABRIDGED_PLAN = (
    "# Wexcombe Police: custody improvement plan\n\n"
    "| Ref | Area for improvement | Force action | Lead | Target | Force position |\n"
    "|---|---|---|---|---|---|\n"
    "| AFI 1 | The force should make sure detainees are offered a shower and a change of "
    "clothes each day. | Showers refitted. | Custody Inspector | March 2027 | Accepted |\n"
    "| AFI 2 | The force should record every use of force in custody on the same day. | New "
    "form live. | Head of Custody | June 2027 | Partially accepted |\n"
    "| AFI 3 | Make sure interpreters are booked before a detainee who needs one is "
    "interviewed. | Booking line set up. | Head of Custody | May 2027 | Not accepted |\n"
)


def test_an_inspection_and_its_action_plan_are_one_item_each(tmp_path):
    db = store_of_texts(tmp_path, [("custody-plan.md", ABRIDGED_PLAN), ("custody.txt", INSPECTION)])
    items = list_recommendations(db)
    assert len(items) == 3
    assert [i.role for i in items] == ["report"] * 3
    assert [(i.responses or [{}])[0].get("stance") for i in items] == [
        "accepted",
        "accepted in part",
        "not accepted",
    ]


# --- a reply in reported speech (rule "restated-recommendations") ------------------------------

RESTATED_LETTER = (
    "Dear Ms Arden,\n\n"
    "RURAL CRIME: GOVERNMENT RESPONSE\n\n"
    "Thank you for the Panel's report. I take its recommendations in turn.\n\n"
    "The Panel recommended that every force appoint a wildlife crime officer for each district "
    "(paragraph 14).\n\n"
    "The Government agrees. Guidance to forces will be issued in the spring.\n\n"
    "The Panel recommended that farm thefts be recorded under their own crime code, so that "
    "their numbers can be compared between forces (paragraph 21).\n\n"
    "The Government does not accept this. A new code would take years to bring in.\n\n"
    "You also recommended that the rural crime fund be extended to 2029.\n\n"
    "We accept this in part: the fund will run to 2028.\n\n"
    "Yours sincerely,\n\nA Minister\n"
)


def test_each_restated_recommendation_answered_at_once_is_one_item():
    text = RESTATED_LETTER
    items = extract(text, "letter")
    assert [text[f.start : f.start + 40] for f in items] == [
        "The Panel recommended that every force a",
        "The Panel recommended that farm thefts b",
        "You also recommended that the rural crim",
    ]
    assert [f.response for f in items] == ["accepted", "not accepted", "accepted in part"]
    assert [f.label for f in items] == ["paragraph 14", "paragraph 21", None]
    # (round 20's "answer-paragraphs" reads the same three as prose answers: both off)
    with rules_off("restated-recommendations", "answer-paragraphs"):
        assert extract(text, "letter") == []


NUMBERED_LETTER = (
    "Dear Chair,\n\nThank you for the report. Our response to it follows.\n\n"
    "1. In its report, the Board recommended that every school name a lead for online harms. We "
    "accept this recommendation and will write to schools in June.\n\n"
    "2. The Board also recommended that councils publish their waiting times for assessments. "
    "The Department agrees in part: figures will be published for the largest councils.\n\n"
    "3. The Board called for a national helpline for parents (paragraph 30).\n\n"
    "The Department does not accept this. Existing helplines already cover it.\n\n"
    "Yours sincerely,\n"
)


def test_a_numbered_restatement_answered_in_its_own_paragraph():
    text = NUMBERED_LETTER
    items = extract(text, "letter")
    assert [text[f.start : f.end] for f in items] == [
        "the Board recommended that every school name a lead for online harms.",
        "The Board also recommended that councils publish their waiting times for assessments.",
        "The Board called for a national helpline for parents (paragraph 30).",
    ]
    assert [f.response for f in items] == ["accepted", "accepted in part", "not accepted"]


def test_action_plan_columns_named_otherwise():
    rows = (
        "|---|---|---|---|---|---|\n"
        "| 1 | The force should set up a team to review every missing child report within a day. "
        "| Team set up in May. | Supt Lowe | June 2027 | Complete |\n"
        "| 2 | Make sure that call handlers ask about weapons on every domestic call. | Script "
        "changed. | Ch Insp Amis | May 2027 | On track |\n"
    )
    for header in (
        "| Ref | HMICFRS recommendation | Actions to be taken | Responsible officer | "
        "Target completion date | Status (RAG) |",
        "| # | Summary of recommendation | Planned actions | Lead officer | Due | Current status |",
        "| Rec | Report recommendation | What we will do | Who | When | Progress |",
    ):
        items = extract(header + "\n" + rows, "other")
        assert [f.response for f in items] == ["accepted", None], header
        assert [f.heading_actors for f in items] == [["Supt Lowe"], ["Ch Insp Amis"]], header
        assert [f.due_words for f in items] == ["June 2027", "May 2027"], header


def test_a_restatement_not_answered_at_once_is_no_item():
    # a news story reports what a panel recommended, and what others said: no verdicts
    story = (
        "Rural crime panel calls for more officers\n\n"
        "The Panel recommended that every force appoint a wildlife crime officer.\n\n"
        "Farmers in the valley said thefts of quad bikes had doubled.\n\n"
        "The Panel also recommended that the rural crime fund be extended.\n\n"
        "Its chair said the report would be sent to ministers next week.\n"
    )
    assert extract(story, "news") == []
    # in a report (not a reply), the same words are the report's own, not a response's
    report = RESTATED_LETTER.replace("Dear Ms Arden,\n\n", "").replace("GOVERNMENT RESPONSE", "")
    assert not any(f.detector == "reply" for f in extract(report, "committee-report"))


def test_one_restated_recommendation_alone_is_no_reply():
    one = (
        "Dear Chair,\n\nThe Committee recommended that the force publish its overtime costs.\n\n"
        "We agree, and will do so from April.\n\nYours sincerely,\n"
    )
    assert not any(f.detector == "reply" for f in extract(one, "letter"))


# --- a number answers a report item once (rule "numbering-once") -----------------------------


def _item(key, doc, text, label):
    return {"key": key, "doc_id": doc, "text": text, "label": label}


def test_a_number_links_no_report_item_already_answered():
    train = "The force should train every call handler in spotting stalking."
    publish = "The force should publish its call answering times every month."
    north = "By June the chief constable should open a second control room in the north."
    report = [
        _item("a1", "rep", train, "Area for improvement 1"),
        _item("a2", "rep", publish, "Area for improvement 2"),
    ]
    plan = [
        _item("r1", "plan", north, "R1"),
        _item("p1", "plan", train, "AFI 1"),
        _item("p2", "plan", publish, "AFI 2"),
    ]
    links = {(r, p) for r, p, _s, _h in matching.match(plan, report)}
    assert links == {("p1", "a1"), ("p2", "a2")}  # "R1" is not "Area for improvement 1"
    matching.RULES_OFF.add("numbering-once")
    try:
        # round 15's "series-labels" alone keeps "R1" from "Area for improvement 1" too
        fresh = [dict(i) for i in plan], [dict(i) for i in report]
        links = {(r, p) for r, p, _s, _h in matching.match(*fresh)}
        assert ("r1", "a1") not in links
        matching.RULES_OFF.add("series-labels")
        # (items without what ``match`` kept on them: their label keys change)
        fresh = tuple(
            [{k: v for k, v in i.items() if not k.startswith("_")} for i in items]
            for items in (plan, report)
        )
        links = {(r, p) for r, p, _s, _h in matching.match(*fresh)}
        assert ("r1", "a1") in links
    finally:
        matching.RULES_OFF.discard("numbering-once")
        matching.RULES_OFF.discard("series-labels")


# --- a reply to a coroner's matters of concern (rule "concern-replies", shipped off) ----------

CONCERN_REPLY = (
    "Dear Coroner,\n\nResponse to your Regulation 28 report\n\n"
    "Concern 1: The care home had no written plan for residents who wander at night.\n\n"
    "We accept this concern. A plan for each resident will be in place by March.\n\n"
    "Concern 2: Night staff were not told how to raise an alarm with the ambulance service.\n\n"
    "We accept this concern in part: the alarm route is now on every shift briefing.\n\n"
    "Yours sincerely,\n\nThe Manager\n"
)


def test_concern_headings_are_reply_items_only_when_switched_on():
    from bot.recs.extract.rules import BY_NAME

    # (the answers after the concerns are a letter's theme paragraphs, round 16's rule
    # "theme-paragraphs", and its prose answers, round 20's "answer-paragraphs": off here, as
    # this test is about the concern headings)
    with rules_off("theme-paragraphs", "answer-paragraphs"):
        assert not any(f.detector == "reply" for f in extract(CONCERN_REPLY, "letter"))
    BY_NAME["concern-replies"].enabled = True
    try:
        items = [f for f in extract(CONCERN_REPLY, "letter") if f.detector == "reply"]
        assert [CONCERN_REPLY[f.start : f.start + 30] for f in items] == [
            "The care home had no written p",
            "Night staff were not told how ",
        ]
        assert [f.label for f in items] == ["Concern 1", "Concern 2"]
        assert [f.response for f in items] == ["accepted", "accepted in part"]
    finally:
        BY_NAME["concern-replies"].enabled = False
