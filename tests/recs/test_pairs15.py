"""Report/response pairs, round 14: a response table that names each recommendation by its number
alone, an action plan whose rows summarise the report's items beside its references, a reply
letter that names recommendations inside its paragraphs (a number, an ordinal, reported speech),
a committee's numbered conclusions carrying their numbers, a letter's "I agree", and a report titled
for its topic ("the police response to ...") that is no response. Each rule is also checked
switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import store_of_texts

from bot.library.metadata import type_rules_off
from bot.recs import answers
from bot.recs.answers import is_response_document
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.stance import classify
from bot.recs.tracker import list_recommendations


def _answered(db) -> list[tuple[str, str | None]]:
    """(the report item's opening words, the stance of its response) for each report item."""
    return [
        (" ".join(i.text.split()[:4]), (i.responses or [{}])[0].get("stance"))
        for i in list_recommendations(db)
        if i.role == "report"
    ]


# --- a table that answers by number alone (rule "numbered-rows") -------------------------------

PANEL_REVIEW = (
    "Police and crime panel of Sallowmere\n\n"
    "Review: the police response to rural theft\n\n"
    "Report of the panel's review group, May 2026\n\n"
    "Written for the tests of rocu-bot: an invented panel, force and review.\n\n"
    "Recommendations\n\n"
    "The review group recommends that:\n\n"
    "R1. Sallowmere Police should record every theft of farm machinery with its serial number, "
    "so that stolen machines can be traced at ports.\n\n"
    "R2. The force should train a rural crime officer in each district by the end of 2026.\n\n"
    "R3. The force should tell each victim of rural theft within five days who is investigating "
    "the crime.\n\n"
    "R4. The Commissioner should fund a marking scheme for quad bikes across the county.\n"
)
NUMBER_TABLE = (
    "# Sallowmere Police\n\n"
    "## Chief Constable's response to the panel's review of rural theft\n\n"
    "Our response to each recommendation for the force is below; R4 is for the Commissioner.\n\n"
    "| Rec | Force response | Detail |\n"
    "|---|---|---|\n"
    "| R3 | Partially accepted | Victims will be told who is investigating within ten days; five "
    "days cannot be promised in every case. |\n"
    "| R1 | Accepted | Serial numbers of stolen farm machinery are now a required field on the "
    "crime record. |\n"
    "| R2 | Not accepted | Each district already has a rural crime officer trained in 2025. |\n"
)


def test_a_table_naming_recommendations_by_number_gives_one_item_a_row():
    items = extract(NUMBER_TABLE, "other")
    assert [f.label for f in items] == ["R3", "R1", "R2"]
    assert [f.response for f in items] == ["accepted in part", "accepted", "not accepted"]
    assert NUMBER_TABLE[items[1].start : items[1].end].startswith("Serial numbers of stolen")
    assert all(f.answers for f in items)
    with rules_off("numbered-rows"):
        assert extract(NUMBER_TABLE, "other") == []


def test_a_recommendation_column_of_numbers_alone_is_a_label_column():
    table = (
        "Response to the rural theft review\n\n"
        "| Recommendation | Response | Progress |\n|---|---|---|\n"
        "| 2 | Accepted | The new marking scheme started in June across the county. |\n"
        "| 1 | Not accepted | Serial numbers are already recorded where the owner knows them. |\n"
    )
    items = extract(table, "other")
    assert [f.label for f in items] == ["Recommendation 2", "Recommendation 1"]
    assert [f.response for f in items] == ["accepted", "not accepted"]


def test_a_reports_table_of_earlier_recommendations_is_no_response():
    # a report that tracks its earlier recommendations by number: it does not say it responds
    report = (
        "Sallowmere rural crime review 2027\n\n"
        "Progress since our last review\n\n"
        "| Rec | Status | Detail |\n|---|---|---|\n"
        "| R1 | Accepted | The force records serial numbers of stolen machinery. |\n"
        "| R2 | Complete | Every district has a trained rural crime officer. |\n\n"
        "Recommendations\n\n"
        "R1. The force should publish its rural theft figures each quarter.\n"
    )
    assert not any(f.answers for f in extract(report, "other"))


def test_a_numbered_table_without_verdicts_is_no_response():
    findings = (
        "| Ref | Status | Detail |\n|---|---|---|\n"
        "| R1 | Open | The panel found that serial numbers were missing from most records. |\n"
        "| R2 | Open | The panel found that two districts had no rural crime officer. |\n"
    )
    assert extract(findings, "other") == []


def test_a_number_only_table_links_to_its_report_in_either_order(tmp_path):
    for order in ((1, 0), (0, 1)):
        docs = [("rural-review.txt", PANEL_REVIEW), ("rural-response.md", NUMBER_TABLE)]
        folder = tmp_path / f"o{order[0]}"
        folder.mkdir()
        db = store_of_texts(folder, [docs[i] for i in order])
        assert _answered(db) == [
            ("Sallowmere Police should record", "accepted"),
            ("The force should train", "not accepted"),
            ("The force should tell", "accepted in part"),
            ("The Commissioner should fund", None),
        ]


def test_a_report_titled_for_its_topic_is_no_response():
    # "the police response to rural theft" names what was reviewed, not what it answers
    assert not is_response_document(None, "Review: the police response to rural theft", [])
    assert is_response_document(None, "Chief Constable's response to the panel's review", [])
    assert is_response_document(None, "Response to the review group's report", [])
    answers.TITLE_NAMES_ANSWERED = False
    try:
        assert is_response_document(None, "Review: the police response to rural theft", [])
    finally:
        answers.TITLE_NAMES_ANSWERED = True


def test_a_report_titled_for_its_topic_is_not_typed_a_response(tmp_path):
    db = store_of_texts(tmp_path, [("rural-review.txt", PANEL_REVIEW)])
    assert db.execute("select type from documents").fetchone()[0] != "government-response"
    with type_rules_off("response-one-paragraph"):
        other = tmp_path / "off"
        other.mkdir()
        db = store_of_texts(other, [("rural-review.txt", PANEL_REVIEW)])
        assert db.execute("select type from documents").fetchone()[0] == "government-response"


# --- an action plan that summarises (rule "summary-rows") -------------------------------------

INSPECTION = (
    "Inspection of custody in Brindlecombe Police\n\n"
    "Written for the tests of rocu-bot: an invented force and inspection.\n\n"
    "Recommendations\n\n"
    "Recommendation 1. The force should make sure that every detainee at risk of self-harm is "
    "checked at least every 30 minutes and that each check is written in the custody record.\n\n"
    "Recommendation 2. The force should agree with its health partners how detainees with "
    "mental ill health are assessed within four hours of arrival.\n\n"
    "Areas for improvement\n\n"
    "Area for improvement 1: The force should make sure that detainees can see a clock from "
    "their cells.\n\n"
    "Area for improvement 2: The force should offer every detainee held overnight a hot meal.\n"
)
SUMMARY_PLAN = (
    "Brindlecombe Police: custody improvement plan\n\n"
    "Response to the custody inspection. The table gives our response to each item.\n\n"
    "| Ref | Recommendation / AFI (summary) | Force response and actions | Status |\n"
    "|---|---|---|---|\n"
    "| AFI 2 | Hot meals for detainees held overnight | Accepted. A new meals contract began "
    "in April. | Complete |\n"
    "| Rec 1 | Checks on detainees at risk every 30 minutes | Accepted. Sergeants audit the "
    "records weekly. | In progress |\n"
    "| Rec 2 | Mental health assessments within four hours | Partially accepted. Assessments "
    "are a matter for the health partners; we will record each delay. | In progress |\n"
    "| AFI 1 | Clocks visible from cells | Not accepted. Detainees are told the time on "
    "request. | Closed |\n"
)


def test_an_action_plan_that_summarises_gives_one_item_a_referenced_row():
    items = extract(SUMMARY_PLAN, "other")
    assert [f.label for f in items] == ["AFI 2", "Rec 1", "Rec 2", "AFI 1"]
    # the verdict that opens the response column, not the status's "Complete" / "Closed"
    assert [f.response for f in items] == [
        "accepted",
        "accepted",
        "accepted in part",
        "not accepted",
    ]
    assert items[3].response_text == "Not accepted. Detainees are told the time on request."
    # (round 16's "unnamed-plan-column" reads this plan's quoting column by its place too)
    with rules_off("summary-rows", "unnamed-plan-column"):
        assert not any(f.answers for f in extract(SUMMARY_PLAN, "other"))


def test_a_summary_row_without_a_reference_is_no_item():
    plan = SUMMARY_PLAN.replace("| AFI 2 |", "| - |").replace("| AFI 1 |", "| Note |")
    assert [f.label for f in extract(plan, "other")] == ["Rec 1", "Rec 2"]


def test_a_summarising_plan_links_to_its_inspection(tmp_path):
    db = store_of_texts(tmp_path, [("custody.txt", INSPECTION), ("plan.md", SUMMARY_PLAN)])
    assert _answered(db) == [
        ("The force should make", "accepted"),
        ("The force should agree", "accepted in part"),
        ("The force should make", "not accepted"),
        ("The force should offer", "accepted"),
    ]


# --- a letter that names recommendations inside its paragraphs ("referred-recommendations") ---

COMMITTEE = (
    "House of Commons Transport Committee\n\n"
    "Safer level crossings\n\n"
    "Third Report of Session 2025–26\n\n"
    "Written for the tests of rocu-bot: an invented committee report.\n\n"
    "Conclusions and recommendations\n\n"
    "1. Level crossings still claim lives each year. **Network Rail should fit obstacle "
    "detection to every automatic half-barrier crossing on a line faster than 75 mph.** "
    "(Paragraph 12)\n\n"
    "2. **The Office of Rail and Road should publish a yearly league table of crossing "
    "misuse by region.** (Paragraph 18)\n\n"
    "3. **The Department for Transport should fund the closure of user-worked crossings on "
    "private farm tracks where a bridge costs less than ten years of upkeep.** (Paragraph 24)\n\n"
    "4. **We recommend that the British Transport Police prosecute drivers caught on camera "
    "zig-zagging round lowered barriers.** (Paragraph 29)\n\n"
    "5. **The Government should not allow new crossings on lines reopened to passengers.** "
    "(Paragraph 33)\n"
)
LETTER = (
    "Department for Transport\n\n"
    "Written for the tests of rocu-bot: an invented minister's letter.\n\n"
    "Chair, Transport Committee\nHouse of Commons\n\n"
    "3 March 2026\n\n"
    "Dear Chair,\n\n"
    "SAFER LEVEL CROSSINGS\n\n"
    "Thank you for the Committee's report. I am writing on behalf of the Government.\n\n"
    "Let me begin with reopened lines. You recommended that no new crossing be allowed on a "
    "line reopened to passengers. I agree, and our guidance to promoters will say so.\n\n"
    "On obstacle detection, the Committee asked Network Rail to fit it to the fastest "
    "half-barrier crossings. We do not accept the recommendation as framed: the technology is "
    "still on trial.\n\n"
    "Your second recommendation, a league table of misuse, is for the regulator. The Office of "
    "Rail and Road has told me that it accepts it and will publish the first table in the "
    "autumn.\n\n"
    "On recommendation 3, the Government agrees that farm crossings should be closed where a "
    "bridge is cheaper, and will fund ten closures next year.\n\n"
    "I will write again on the Committee's fourth recommendation once the police have "
    "reported.\n\n"
    "Yours sincerely,\n\nMinister of State for Rail\n"
)


def test_a_letter_names_recommendations_inside_its_paragraphs():
    items = extract(LETTER, "letter")
    texts = [LETTER[f.start : f.end] for f in items]
    assert texts[0].startswith("You recommended that no new crossing")
    assert texts[1].startswith("On obstacle detection, the Committee asked")
    assert [f.label for f in items] == [None, None, "Recommendation 2", "Recommendation 3"]
    assert [f.response for f in items] == ["accepted", "not accepted", "accepted", "accepted"]
    # the fourth is named but not answered: no item
    assert not any("fourth" in t for t in texts)
    # (round 20's fallback "answer-paragraphs" reads most of them as prose answers: both off)
    with rules_off("referred-recommendations", "answer-paragraphs"):
        assert extract(LETTER, "letter") == []


def test_a_report_naming_its_own_recommendations_is_no_reply():
    # not a reply: no front saying so, typed a committee report
    text = (
        "Our second recommendation is that the regulator publishes a table. We accept that "
        "this will take time.\n\nOn recommendation 3, the Government agrees, we hope, that "
        "crossings should close.\n"
    )
    assert extract(text, "committee-report") == [] or all(
        f.detector != "reply" for f in extract(text, "committee-report")
    )


def test_a_letter_links_by_number_ordinal_and_words(tmp_path):
    for order in ((0, 1), (1, 0)):
        folder = tmp_path / f"o{order[0]}"
        folder.mkdir()
        docs = [("crossings.md", COMMITTEE), ("letter.txt", LETTER)]
        db = store_of_texts(folder, [docs[i] for i in order])
        assert _answered(db) == [
            ("Network Rail should fit", "not accepted"),
            ("The Office of Rail", "accepted"),
            ("The Department for Transport", "accepted"),
            ("We recommend that the", None),
            ("The Government should not", "accepted"),
        ]


def test_numbered_conclusions_carry_their_numbers():
    # "1. ... **Network Rail should ...**": the paragraph's number is the recommendation's label
    items = extract(COMMITTEE.replace("**", ""), "committee-report")
    assert [f.label for f in items] == ["1", "2", "3", "4", "5"]
    with rules_off("conclusion-numbers"):
        assert [f.label for f in extract(COMMITTEE.replace("**", ""), "committee-report")] == [
            None
        ] * 5


def test_a_reply_whose_numbers_its_words_contradict_links_nothing_by_number(tmp_path):
    # the reply's numbers are off by one from the report's: the words say so, and no number
    # links (the words alone link what they pick out)
    shifted = LETTER.replace("Your second recommendation", "Your third recommendation").replace(
        "On recommendation 3,", "On recommendation 4,"
    )
    db = store_of_texts(tmp_path, [("crossings.md", COMMITTEE), ("letter.txt", shifted)])
    rows = list(db.query("select how from recommendation_links"))
    assert "number" not in {r["how"] for r in rows}
    with rules_off("conclusion-numbers"):
        other = tmp_path / "off"
        other.mkdir()
        db = store_of_texts(other, [("crossings.md", COMMITTEE), ("letter.txt", LETTER)])
        assert "number" not in {r["how"] for r in db.query("select how from recommendation_links")}


def test_a_letter_writer_answers_in_the_first_person():
    assert classify("I agree.").stance == "accepted"
    assert classify("I do not accept it.").stance == "not accepted"
    assert classify("I agree that the figures are worrying.") is None  # agreeing with a finding
    assert classify("I understand the concern.") is None


def test_a_response_under_labelled_headings_takes_no_cross_reference():
    # each recommendation printed under its heading and answered: a number inside an answer
    # refers back to another answer, and gives no item of its own
    text = (
        "Government response to the review of level crossings\n\n"
        "Recommendation 1: Network Rail should fit obstacle detection to fast crossings.\n\n"
        "The Government accepts this recommendation. Trials end next year.\n\n"
        "Recommendation 2: The regulator should publish a league table of misuse.\n\n"
        "The Government agrees. As with recommendation 1, the regulator will consult first.\n\n"
        "Recommendation 3: The Department should fund closures of farm crossings.\n\n"
        "The Government accepts this. On recommendation 2, we agree the table will help.\n"
    )
    items = extract(text, "government-response")
    assert [f.label for f in items] == ["Recommendation 1", "Recommendation 2", "Recommendation 3"]
    assert all(f.detector != "reply" or text[f.start :].startswith("Recommendation") for f in items)
