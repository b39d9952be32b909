"""Shapes round 12's first held-out set showed, tuned on in round 12 (``tests/recs/heldout12`` is
no longer held out): a committee's closing "Summary of conclusions and recommendations", whose
"X should" items were read as reasoning when the committee also says "we recommend" often; an
inspection's "Area for improvement 2" label line that the cleaning runs into its paragraph; a
paragraph number before a recommendation's subject ("4.1 The Chief Constable should ...").

Every text here was written by me for these tests about invented bodies; none is copied from a
real document, a gold file, an evaluation set or the held-out set.
"""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# An invented select committee's report on river policing: the body states each point once, the
# closing summary lists them again, numbered, with a paragraph reference.
REPORT = """\
Select Committee on the Waterways (invented)
Policing the rivers: report of session 2031-32

CHAPTER 1: THE PROBLEM

1. Thefts of outboard engines have doubled since 2029. Owners told us that few thefts are
investigated and that the stolen engines are sold abroad within days.

2. The Marine Unit Network should publish a single register of stolen engines, open to
dealers and insurers, before the next boating season.

3. We recommend that the Department for Inland Waters funds a second patrol vessel on the
tidal reaches. Witnesses said one vessel cannot cover forty miles of river.

4. Riverside councils should give mooring wardens the power to check an engine's serial number
against the register.

5. The Harbour Authority should share its camera footage with the police within
one working day of a request.

6. Our witnesses were divided on licensing. Some said it would deter thieves; others that it
would fall hardest on small clubs. We recommend that the Department for Inland Waters consults
on a licence for engines above a set power.

7. The Department for Inland Waters should report to us on progress within a year.

8. Several witnesses argued that owners should mark their engines. Others said insurers should
insist on it. A club secretary told us that members should lock engines to the transom, and
that marinas should light their pontoons. We heard that dealers should keep records of every
engine they buy, and that the police should visit dealers more often.

SUMMARY OF CONCLUSIONS AND RECOMMENDATIONS

1. Thefts of outboard engines have doubled, and few are investigated. (Paragraph 1)

2. The Marine Unit Network should publish a single register of stolen engines, open to
dealers and insurers, before the next boating season. (Paragraph 2)

3. We recommend that the Department for Inland Waters funds a second patrol vessel on the
tidal reaches. (Paragraph 3)

4. Riverside councils should give mooring wardens the power to check an engine's serial number
against the register. (Paragraph 4)

5. The Harbour Authority should share its camera footage with the police within
one working day of a request. (Paragraph 5)

6. We recommend that the Department for Inland Waters consults on a licence for engines above
a set power. (Paragraph 6)

7. The Department for Inland Waters should report to us on progress within a year.
(Paragraph 7)

APPENDIX 1: MEMBERS
"""

SHOULD_ITEMS = (
    "The Marine Unit Network should publish",
    "Riverside councils should give",
    "The Harbour Authority should share",
)


def _openings(items) -> list[str]:
    return [" ".join(REPORT[f.start : f.end].split()) for f in items]


def test_summary_of_conclusions_heading_keeps_the_should_items():
    found = _openings(extract(REPORT, "committee-report"))
    for opening in SHOULD_ITEMS:
        assert any(text.startswith(opening) for text in found), opening
    assert any(text.startswith("We recommend that the Department for Inland") for text in found)
    # the conclusion in the summary is not a recommendation
    assert not any(text.startswith("Thefts of outboard") for text in found)


def test_summary_of_conclusions_heading_switched_off():
    with rules_off("summary-conclusions-heading"):
        found = _openings(extract(REPORT, "committee-report"))
    # the heading opens no section: with "we recommend" said often, the "should" items read as
    # the committee's reasoning and are dropped (the round-12 held-out set's shape)
    assert not any(text.startswith(SHOULD_ITEMS[0]) for text in found)


# An invented inspection of an invented fire and rescue service: each label line sits straight
# above its paragraph, with no blank line between (the cleaning joins the two).
INSPECTION = """\
An inspection of Harrowmere Fire and Rescue Service (invented)

Areas for improvement

Area for improvement 1
The service should check that its crews carry out the hydrant inspections it plans.

Area for improvement 2
The service should make sure its staff know how to raise a concern about a colleague,
and that managers record what they did about each one.

Area for improvement 3
Harrowmere Fire and Rescue Service should review how it shares risk information with the
ambulance trust, so that crews arriving first know about the people in a building.

How the service keeps people safe

Crews visited 4,100 homes last year. Most visits went to the people most at risk.
"""


def _cleaned(text: str) -> str:
    return clean(text).text


def test_run_in_area_for_improvement_labels():
    text = _cleaned(INSPECTION)
    found = extract(text, "inspection-report")
    labels = [f.label for f in found]
    assert labels == ["Area for improvement 1", "Area for improvement 2", "Area for improvement 3"]
    assert [f.actors for f in found][2] == ["Harrowmere Fire and Rescue Service"]


def test_run_in_area_for_improvement_labels_switched_off():
    text = _cleaned(INSPECTION)
    with rules_off("run-in-afi-labels"):
        found = extract(text, "inspection-report")
    assert len([f for f in found if f.label]) < 3


# An invented review of an invented county's mounted section, its findings in numbered paragraphs.
REVIEW = """\
Review of the mounted section, Wealdmoor Police (invented)

6 Recommendations

6.1 The Chief Constable should set a stable budget for the mounted section for three years.

6.2 Wealdmoor Police should record every deployment of a horse, with its purpose and outcome.

6.3 The Police and Crime Commissioner should publish a welfare plan for each horse before the
winter.
"""


def test_numbered_paragraph_subject():
    found = extract(REVIEW, "other")
    assert [f.actors for f in found] == [
        ["The Chief Constable"],
        ["Wealdmoor Police"],
        ["The Police and Crime Commissioner"],
    ]


def test_numbered_paragraph_subject_switched_off():
    with rules_off("numbered-paragraph-subject"):
        found = extract(REVIEW, "other")
    assert found and not any(f.actors for f in found)
