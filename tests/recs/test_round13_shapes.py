"""Shapes two held-out writers (``tests/recs/heldout12`` and ``heldout13``, tuned on in round 13)
both showed: a coroner's report to prevent future deaths, whose matters of concern are its items;
a devolved committee's "Recommendation 1. The ... should" labels, a full stop after the number;
a letter to a minister addressed by office ("Dear Home Secretary"); a first-person request with a
word between "ask" and "that", or in the progressive; an inspection's "Area for development 1".

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# An invented coroner's report after an invented inquest (the form's headings, my own facts).
CORONER = """\
REGULATION 28: REPORT TO PREVENT FUTURE DEATHS

THIS REPORT IS BEING SENT TO:

1. The Chief Fire Officer, Lowmarsh Fire and Rescue Service
2. The Chief Executive, Lowmarsh Borough Council

1 CORONER

I am Alan Pettigrew, Area Coroner for Lowmarsh (invented).

4 CIRCUMSTANCES OF THE DEATH

Ms Orla Finch died in a fire at a converted warehouse on 2 March 2031.

5 CORONER'S CONCERNS

During the course of the inquest the evidence revealed matters giving rise to concern.

The MATTERS OF CONCERN are as follows:

(1) The smoke alarms in the flats were linked to a panel that nobody had tested since the
conversion. The landlord told the court he did not know the panel existed.

(2) The council's licensing officers had visited twice but had no checklist for converted
buildings.

(a) One officer said he looked only at the common parts.

(3) Fire crews were sent to the wrong entrance because the address held by the control room
named the old warehouse.

6 ACTION SHOULD BE TAKEN

In my opinion action should be taken to prevent future deaths and I believe you have the power
to take such action.

7 YOUR RESPONSE

You are under a duty to respond to this report within 56 days of the date of this report.
"""


def _openings(found, text):
    return [text[f.start : f.end][:30] for f in found]


def test_coroner_concerns_are_items_with_no_addressee():
    found = extract(CORONER, "other")
    assert _openings(found, CORONER) == [
        "The smoke alarms in the flats ",
        "The council's licensing office",
        "Fire crews were sent to the wr",
    ]
    assert all(f.actors == [] for f in found)
    # a sub-point stays inside its matter; the next heading ends the last matter
    assert "only at the common parts" in CORONER[found[1].start : found[1].end]
    assert "ACTION" not in CORONER[found[2].start : found[2].end]


def test_coroner_concerns_switched_off():
    with rules_off("coroner-concerns"):
        assert extract(CORONER, "other") == []


def test_matters_of_concern_outside_a_coroners_report_are_no_items():
    # the same lead-in in a document that is no coroner's report gives nothing
    text = CORONER.replace("REGULATION 28: REPORT TO PREVENT FUTURE DEATHS", "Site notes")
    assert extract(text, "other") == []


def test_coroner_concerns_in_paragraphs():
    text = CORONER.replace("(1) ", "").replace("(2) ", "").replace("(3) ", "")
    text = text.replace("(a) One officer", "One officer")
    found = extract(text, "other")
    assert len(found) == 4  # unnumbered: each paragraph a matter


# An invented devolved committee (labels with a full stop after the number, then conclusions).
COMMITTEE = """\
Culture and Heritage Committee (invented)

Recommendation 1. The Heritage Minister should publish a register of listed chapels at risk
by the end of 2032.

Recommendation 2. The Heritage Minister should fund a survey of chapel roofs in the valleys.

Conclusion 1. We are not convinced that the grant scheme reaches small congregations, whose
volunteers must fill in long forms.

1. Witnesses told us that forty chapels closed last year. We discuss this in Recommendation 1.
The Heritage Minister said a register was being considered.
"""


def test_full_stop_labels():
    found = extract(COMMITTEE, "committee-report")
    assert [f.label for f in found] == ["Recommendation 1", "Recommendation 2"]
    # the conclusion after the last label is not part of it
    assert "convinced" not in COMMITTEE[found[1].start : found[1].end]
    assert found[0].actors == ["Heritage Minister"] or found[0].actors == ["The Heritage Minister"]


def test_full_stop_labels_switched_off():
    with rules_off("full-stop-labels"):
        found = extract(COMMITTEE, "committee-report")
    assert all(f.label is None for f in found)


# An invented mayor's letter to a minister, addressed by office.
LETTER = """\
Office of the Mayor of Saltfleet (invented)

The Rt Hon the Transport Secretary
Department for Transport
Great Minster House

3 May 2031

Dear Transport Secretary,

Ferry services to the islands

I am writing about the winter timetable. I would ask that you fund a second vessel for the
winter months. I ask instead that the Harbour Board publishes its repair plan before the
autumn. I am therefore formally requesting that the ferry operator meets the island councils
each quarter.

Yours sincerely,

Rhona Skene
Mayor of Saltfleet
"""


def test_minister_salutation_and_request_forms():
    found = extract(LETTER, "letter")
    assert [f.actors for f in found] == [
        ["Transport Secretary"],
        ["the Harbour Board"],
        ["the ferry operator"],
    ]


def test_minister_salutation_switched_off():
    with rules_off("minister-salutation"):
        found = extract(LETTER, "letter")
    assert found[0].actors == ["Department for Transport"]


def test_request_that_forms_switched_off():
    with rules_off("request-that-forms"):
        found = extract(LETTER, "letter")
    assert len(found) == 1


def test_chief_constable_salutation_keeps_the_force():
    text = LETTER.replace("The Rt Hon the Transport Secretary", "Chief Constable")
    text = text.replace("Department for Transport", "Saltfleet Police")
    text = text.replace("Dear Transport Secretary", "Dear Chief Constable")
    assert extract(text, "letter")[0].actors == ["Saltfleet Police"]


# An invented Scottish inspection with recommendations and areas for development.
INSPECTION = """\
Inspection of road policing in the Eastern Isles division (invented)

Recommendations

Recommendation 1

The Eastern Isles Coastguard Partnership should agree a shared log of road closures.

Areas for development

Area for development 1

The Roads Policing Unit should review how it records near misses.

Our approach

We read 80 incident logs.
"""


def test_areas_for_development():
    found = extract(INSPECTION, "inspection-report")
    assert [f.label for f in found] == ["Recommendation 1", "Area for development 1"]


def test_areas_for_development_switched_off():
    with rules_off("areas-for-development"):
        found = extract(INSPECTION, "inspection-report")
    assert [f.label for f in found] == ["Recommendation 1"]


# Per-case service standards (deadlines.PER_CASE_STANDARDS): invented sentences.
STANDARD = (
    "The flood service should make sure that every request for sandbags is answered within "
    "three days."
)


def test_a_per_case_interval_is_no_deadline():
    from bot.recs import deadlines

    one_off = "Every council should publish a flood plan within six months."
    anchored = "The flood service should review each case within 12 months of this report."
    assert deadlines.find_deadline(STANDARD, None) is None
    assert deadlines.find_deadline(one_off, None).text == "within six months"
    assert deadlines.find_deadline(anchored, None).text == "within 12 months of this report"


def test_per_case_standards_switched_off(monkeypatch):
    from bot.recs import deadlines

    monkeypatch.setattr(deadlines, "PER_CASE_STANDARDS", False)
    assert deadlines.find_deadline(STANDARD, None).text == "within three days"


# Start dates (deadlines.START_DATES): invented sentences.
def test_a_start_date_is_a_deadline():
    import datetime as dt

    from bot.recs import deadlines

    found = deadlines.find_deadline(
        "The harbour police should patrol at night from May 2031.", None
    )
    assert (found.text, found.due) == ("from May 2031", dt.date(2031, 5, 1))
    found = deadlines.find_deadline("Ferries should be inspected starting with 2031-32.", None)
    assert found.due == dt.date(2031, 4, 1)
    # a period the text describes, or a bare year, is none
    assert deadlines.find_deadline("Publish the counts from May 2029 to June 2030.", None) is None
    assert deadlines.find_deadline("Use the counts from 2029.", None) is None


def test_start_dates_switched_off(monkeypatch):
    from bot.recs import deadlines

    monkeypatch.setattr(deadlines, "START_DATES", False)
    assert deadlines.find_deadline("The harbour police should patrol from May 2031.", None) is None
