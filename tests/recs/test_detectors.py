"""The detectors, the resolver and what they hand on, one behaviour per test.

Every text here was written for these tests in the style of UK policy documents (committee and
inquiry reports, inspection reports, government responses, briefings); none is copied from a
real document or from any evaluation set."""

from __future__ import annotations

import pytest

from bot.recs.extract import DETECTORS, disabled, extract
from bot.recs.extract.detectors import BY_NAME, candidates
from bot.recs.extract.structure import Document, contents_ranges
from bot.recs.summary import summarise


def texts(text: str, doc_type: str = "committee-report") -> list[str]:
    return [" ".join(text[f.start : f.end].split()) for f in extract(text, doc_type)]


def proposed_by(name: str, text: str, doc_type: str = "committee-report") -> list[str]:
    doc = Document(text, doc_type)
    return [" ".join(text[f.start : f.end].split()) for f in BY_NAME[name].find(doc)]


# -- each detector on its own -------------------------------------------------------------------

LABELLED = """Chapter 5: Vetting

Recommendation 1: Stronger checks
Forces should repeat vetting checks for every officer at least every five years.

Recommendation 2: National standards
The College of Policing should publish a national vetting standard within six months.
"""


def test_labelled_detector_takes_each_label_to_the_next():
    found = proposed_by("labelled", LABELLED)
    assert len(found) == 2
    assert found[1].startswith("The College of Policing should publish")


QUOTED = """Government response to the Committee's report

Recommendation 1
The Home Office should fund a national helpline for victims of fraud.

Government response
The Government accepts this recommendation. Funding will be confirmed in the spring.

Recommendation 2
The Home Office should publish quarterly data on fraud outcomes.

Government response
The Government does not accept this recommendation. Outcome data is already published annually.
"""


def test_quoted_detector_keeps_the_recommendation_and_the_answer_beside_it():
    found = extract(QUOTED, "government-response")
    assert [QUOTED[f.start : f.end].split()[:3] for f in found] == [
        ["The", "Home", "Office"],
        ["The", "Home", "Office"],
    ]
    assert all("Government response" not in QUOTED[f.start : f.end] for f in found)
    assert [f.response for f in found] == ["accepted", "not accepted"]
    assert found[0].response_text.startswith("The Government accepts")


SECTION = """1. Introduction
The inspection looked at custody in three forces.

2. Recommendations
1. Chief constables should review the staffing of custody suites by March 2026.
2. The Home Office should collect national data on deaths following police contact.

3. Background to the inspection
1. Forces told us that staffing had fallen since 2019 and should recover.
"""


def test_section_detector_takes_numbered_items_and_the_section_ends_at_the_next_heading():
    found = texts(SECTION, "inspection-report")
    assert len(found) == 2
    assert found[0].startswith("Chief constables should review")
    assert not any("staffing had fallen" in f for f in found)


CONCLUSIONS = """Conclusions and recommendations
1. Probation caseloads remain too high in most regions. We recommend that the Ministry of Justice
sets a maximum caseload for every probation officer. (Paragraph 12)
2. The new contracts have made little difference so far. (Paragraph 20)
"""


def test_conclusions_detector_takes_the_calls_not_the_findings():
    found = proposed_by("conclusions", CONCLUSIONS)
    assert len(found) == 1 and found[0].startswith("We recommend that the Ministry of Justice")


IMPERATIVE = """What does the school need to do to improve further?

Improve the quality of teaching in mathematics by sharing the best practice already in school.
Strengthen the checks that governors make on how additional funding is spent.

Information about this inspection
Inspectors visited twelve lessons and met the headteacher.
"""

GERUNDS = """The recommendations include:

Widening the membership of the advisory board through open recruitment. Setting clear
timescales for each review of the emergency plan. Giving local councils a formal role in the
planning of exercises.

To find out more, visit the inquiry website.
"""


def test_imperative_detector_takes_commands_under_a_recommendations_like_heading():
    found = proposed_by("imperative", IMPERATIVE, "other")
    assert [f.split()[0] for f in found] == ["Improve", "Strengthen"]


def test_imperative_detector_takes_gerunds_after_a_lead_in():
    found = proposed_by("imperative", GERUNDS, "other")
    assert [f.split()[0] for f in found] == ["Widening", "Setting", "Giving"]


def test_imperatives_elsewhere_are_not_recommendations():
    text = "Improve your home security with our free guide. Ensure windows are locked at night."
    assert proposed_by("imperative", text, "news") == []


def test_sentence_detector_takes_calls():
    text = "The force has made progress. We recommend that the force publishes its response times."
    assert proposed_by("sentence", text) == [
        "We recommend that the force publishes its response times."
    ]


def test_every_detector_can_be_switched_off():
    names = [d.name for d in DETECTORS]
    assert names == list(dict.fromkeys(names)) and "imperative" in names
    assert len(extract(LABELLED, "inquiry-report")) == 2
    with disabled("labelled", "section", "sentence"):
        assert not BY_NAME["labelled"].enabled
        assert extract(LABELLED, "inquiry-report") == []
    assert BY_NAME["labelled"].enabled and len(extract(LABELLED, "inquiry-report")) == 2
    with pytest.raises(KeyError):
        with disabled("no-such-detector"):
            pass


def test_candidates_carry_their_provenance():
    doc = Document(LABELLED, "inquiry-report")
    found = [f for f in candidates(doc) if f.detector == "labelled"]
    assert found[0].heading_path == ["Chapter 5: Vetting"]
    assert found[1].label == "Recommendation 2" and found[1].detectors == ["labelled"]


# -- the resolver -------------------------------------------------------------------------------


def test_boilerplate_is_never_a_recommendation():
    text = (
        "All correspondence should be addressed to the Clerk of the Justice Committee, House of "
        "Commons, London SW1A 0AA.\n\n"
        "You should not rely upon this briefing as legal advice, or as a substitute for it.\n\n"
        "This publication is licensed under the Open Government Licence and permission should be "
        "obtained from any third-party copyright holders.\n\n"
        "The Ministry of Justice should publish a plan to reduce the remand population.\n"
    )
    assert texts(text) == [
        "The Ministry of Justice should publish a plan to reduce the remand population."
    ]


CONTENTS = """Contents
Summary 3
1 Introduction 5
Recommendations 12
Compensation scheme 25-26
Annex A: Witnesses 30

Summary
The Home Office should set up a compensation scheme for victims of the data breach this year.
"""


def test_a_contents_page_never_yields_items():
    doc = Document(CONTENTS, "committee-report")
    assert doc.contents and CONTENTS.find("Compensation scheme 25-26") < doc.contents[0][1]
    assert contents_ranges("The rate rose by 12\nand fell by 3\nthen rose to 7\n") == []
    found = texts(CONTENTS)
    assert found == [
        "The Home Office should set up a compensation scheme for victims of the data breach this "
        "year."
    ]


RESTATED = """Summary of recommendations
1. The Home Office should publish a national strategy for tackling fraud against older people.
2. Police forces should record every report of fraud against an older person.

Chapter 2: Fraud against older people
The evidence we heard was consistent. The Home Office should publish a national strategy for
tackling fraud against older people.
"""


def test_restatements_are_one_item_with_several_locations():
    found = extract(RESTATED, "committee-report")
    strategy = [f for f in found if "national strategy" in RESTATED[f.start : f.end]]
    assert len(strategy) == 1
    assert len(strategy[0].locations) == 2
    assert len(found) == 2


LEAD_IN = """My recommendations

We recommend that the Ministry of Justice:
- publishes a timetable for the new probation contracts;
- reviews the caseload limits for probation officers.

I recommend to the Home Office that:
(a) the helpline is funded for three more years; and
(b) its performance is published each quarter.
"""


def test_a_lead_in_gives_its_addressee_to_each_item_and_keeps_its_sub_points():
    found = extract(LEAD_IN, "inquiry-report")
    bodies = [" ".join(LEAD_IN[f.start : f.end].split()) for f in found]
    assert bodies[:2] == [
        "publishes a timetable for the new probation contracts;",
        "reviews the caseload limits for probation officers.",
    ]
    assert found[0].actors == found[1].actors == ["the Ministry of Justice"]
    # lettered sub-points stay inside the lead-in: one item, addressed to the Home Office
    assert len(found) == 3
    assert bodies[2].startswith("I recommend to the Home Office that:")
    assert "published each quarter" in bodies[2]
    assert found[2].actors == ["the Home Office"]


SUB_POINTS = """Recommendations
1. The College of Policing should revise its guidance on stop and search so that:
(a) every search is recorded on a body-worn camera; and
(b) supervisors review a sample of searches each month.
2. Forces should publish their stop and search data each quarter.
"""


def test_sub_points_stay_inside_their_parent():
    found = texts(SUB_POINTS, "inspection-report")
    assert len(found) == 2
    assert "supervisors review a sample" in found[0]


@pytest.mark.parametrize("doc_type", ["other", "news", "speech", "hansard", "letter", ""])
def test_document_type_never_empties_a_document_of_its_labelled_recommendations(doc_type):
    assert len(extract(LABELLED, doc_type)) == 2
    assert len(extract(SECTION, doc_type)) == 2  # nor of its recommendations section
    if doc_type != "hansard":  # a debate's commands are its speakers' (lowered below the bar)
        assert len(extract(INSPECTION, doc_type)) == 3  # nor of its list of commands


def test_document_type_lowers_confidence_of_plain_calls():
    text = "Officers should be proud of the work they do. The Home Office must fund it properly."
    assert extract(text, "committee-report")
    assert extract(text, "hansard") == []
    assert extract(text, "news") == []


# -- summaries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        (
            "The Home Office should, after talking to the regional units and the chief "
            "constables of every force in England and Wales, publish one plan for tackling "
            "county lines.",
            "should publish",
        ),
        (
            "For every exercise run across the four nations and their local resilience partners, "
            "the governments of England, Scotland, Wales and Northern Ireland should publish a "
            "report of what they learned.",
            "should publish",
        ),
        ("We recommend that the Home Office review the funding formula.", "review"),
        ("I would also recommend that government considers a lead force model.", "considers"),
    ],
)
def test_summaries_keep_the_ask(text, ask):
    summary = summarise(text)
    assert ask in summary
    assert not summary.lower().startswith("recommend")
    assert len(summary) <= 160


def test_text_the_library_prints_in_many_documents_is_boilerplate(tmp_path):
    from bot.library.ingest import ingest
    from bot.library.store import open_db
    from bot.recs.tracker import list_recommendations

    stock = (
        "Readers who need advice on their own circumstances should contact a solicitor before "
        "acting on anything in this note."
    )
    db = open_db(tmp_path / "store.db")
    for topic in ["custody", "vetting", "fraud", "drones"]:
        folder = tmp_path / topic
        folder.mkdir()
        (folder / f"briefing-{topic}.txt").write_text(
            f"Briefing on {topic}\n\nThe Home Office should publish a plan on {topic}.\n\n{stock}\n"
        )
        (folder / "catalogue.toml").write_text(
            f'[documents."briefing-{topic}.txt"]\ntype = "committee-report"\n'
        )
        ingest(db, [folder])
    recs = {}
    for rec in list_recommendations(db):
        recs.setdefault(rec.doc_id, []).append(rec.text)
    assert any("solicitor" in t for t in recs["briefing-custody"])  # alone, it reads as a call
    assert recs["briefing-drones"] == ["The Home Office should publish a plan on drones."]


def test_general_truths_are_not_calls():
    assert (
        extract("One must put the decisions of that time in their proper context.", "letter") == []
    )
    assert extract("Restricting liberty in this way should be avoided.", "letter") == []
    assert len(extract("Funding should be provided to every regional unit.", "letter")) == 1


INSPECTION = """Inspection report: Brookfield Junior School

What does the school need to do to improve further?

\u25a0 Improve the quality of teaching in mathematics by ensuring that:
\u2013 teachers use what they know about pupils to set work that stretches the most able
\u2013 pupils have regular chances to practise their reasoning.
\u25a0 Strengthen leadership by making sure that governors check the impact of extra funding.
\u25a0 Raise attendance, especially for disadvantaged pupils.

Inspection judgements

Effectiveness of leadership and management Good
"""

SUMMARY_TABLE = """Appendix 1: Full summary of recommendations and responses

Recommendation | Summary | England | Scotland
1 | Set up a compensation scheme for those harmed now | F | F
2a | Establish a permanent memorial to those who died | F | P
"""


@pytest.mark.parametrize("doc_type", ["other", "inspection-report"])
def test_an_inspection_reports_commands_with_their_sub_points(doc_type):
    found = texts(INSPECTION, doc_type)
    assert [f.split()[0] for f in found] == ["Improve", "Strengthen", "Raise"]
    assert "practise their reasoning" in found[0]  # the dash sub-points stay inside


def test_a_summary_tables_rows_give_their_commands():
    assert texts(SUMMARY_TABLE, "other") == [
        "Set up a compensation scheme for those harmed now",
        "Establish a permanent memorial to those who died",
    ]


def test_a_whole_call_keeps_its_numbered_parts_inside():
    text = (
        "8.3 I recommend that a national scheme for reporting concerns should at least "
        "comprise:\n\n"
        "1. a free telephone line open to every officer and member of staff;\n"
        "2. a named senior officer in each force to receive reports;\n"
        "3. an annual report to the police and crime commissioner.\n\n"
        "8.4 I make no further recommendation on this subject.\n"
    )
    found = texts(text, "inquiry-report")
    assert len(found) == 1 and "annual report" in found[0]


def test_inviting_attention_is_not_a_call():
    text = "I invite attention to my fuller account of the evidence in Part F of this Report."
    assert texts(text, "inquiry-report") == []


def test_a_colon_after_a_finished_sentence_is_no_lead_in():
    text = (
        "The panel welcomed the recommendations of the earlier review. Part 2: Preventing harm\n\n"
        "Reducing the number of officers on duty at night left the control room short-staffed "
        "on most weekends in the period we examined.\n"
    )
    assert proposed_by("imperative", text, "inquiry-report") == []


@pytest.mark.parametrize(
    ("sentence", "actors"),
    [
        (
            "The guidance on custody should be revised by the College of Policing within a year.",
            ["the College of Policing"],
        ),
        (
            "I recommend that it should be mandatory for chief officers to record every contact "
            "with the media.",
            ["chief officers"],
        ),
        ("The strategy should be reviewed every year.", []),
    ],
)
def test_passive_calls_name_their_agent_and_duties_their_bearer(sentence, actors):
    assert [f.actors for f in extract(sentence, "committee-report")] == [actors]


# A recommendations table as PDF text gives it (written for this test): header row and rows run
# together, each row ending with the response columns.
TABLE = (
    "Annex: all recommendations and responses\n\n"
    "Recommendation Home Office Police Scotland 1 Publish a national missing persons strategy "
    "A A 2 Missing persons units 3a (i) Train every call handler in risk assessment A P "
    "3a (ii) Forces should record each report within an hour P P 4 Review the guidance on "
    "repeat absences every two years A A Source: the response, May 2026. A = accepted.\n"
)


def test_table_detector_takes_the_rows_that_ask():
    found = proposed_by("table", TABLE, "other")
    assert found == [
        "Publish a national missing persons strategy",
        "Train every call handler in risk assessment",
        "Forces should record each report within an hour",
        "Review the guidance on repeat absences every two years",
    ]
    labels = [f.label for f in BY_NAME["table"].find(Document(TABLE, "other"))]
    assert labels[1] == "Recommendation 3a (i)"


def test_table_detector_needs_rows_in_sequence():
    text = "Recommendation Home Office 1 Publish the plan A 7 Review the plan in 2030 A\n"
    found = proposed_by("table", text, "other")
    assert len(found) == 1 and found[0].startswith("Publish the plan")


def test_a_lettered_label_beside_run_in_labels_does_not_break_extraction():
    """Written for this test: a lettered label ("Recommendation A:") among numbered run-in labels
    once raised an AttributeError that stopped a whole folder from loading."""
    text = (
        "Summary of recommendations\n\n"
        "Recommendation A: The Harbour Board should publish its ferry timetable each spring.\n\n"
        "The crossings were often late. Recommendation 1 The County Council should fund a second "
        "ferry by 2028. Recommendation 2 The Harbour Board should report delays every month.\n"
    )
    found = texts(text)
    assert any("second ferry" in t for t in found)
    assert any("report delays" in t for t in found)
