"""Shapes the round-17 held-out set (``tests/recs/heldout18``, tuned on in round 18) showed beside
another writer's set or real wording: a closing list of recommendation titles pointing at the
numbered paragraphs that make them ("pointed-paragraphs"); a bold lead-in ending in its modal
over lower-case items (cleaning rule "modal-lead-in-bold"); an owner cell naming two bodies
("owner-cell-list"); calls inside a coroner's matters of concern ("concern-calls"); the duty to
reply within so many days ("reply-duty"); a sentence announcing a table ("announcing-sentences");
an aside naming several partners ("joint-partner-lists").

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

from stores import extracted_items as _items
from stores import item_openings as _openings

from bot.library.cleaning import clean
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# An invented inquiry into an invented reservoir's collapse: numbered paragraphs in the first
# person, two of them recommending, one with lettered sub-points, and a closing list of titles
# that point at them.
RESERVOIR = """\
THE DUNHOLM RESERVOIR INQUIRY

CHAPTER 6: WHAT I FOUND AND WHAT MUST CHANGE

6.1 In this chapter I bring together what I found about the night the dam gave way.

Warnings

6.2 The gauge readings rose for six hours before anybody was told. The duty engineer should not \
have been left to watch them alone.

6.3 I recommend that the Water Safety Board set up a single alerting line for reservoir \
keepers. The line should be working within nine months of this report.

Evacuation

6.4 I recommend that the Valley Council, together with the fire service:

(a) draws up an evacuation plan for the villages below the dam; and

(b) tests it with residents every year.

6.5 Every reservoir keeper should hold a copy of the plan for the villages below its dam.

LIST OF RECOMMENDATIONS

My recommendations are gathered here for convenience.

1. An alerting line for reservoir keepers (paragraph 6.3).
2. An evacuation plan for the villages below the dam (paragraph 6.4).
3. Copies of the plan for every keeper (paragraph 6.5).
"""


def test_a_list_of_titles_points_at_the_paragraphs_that_recommend():
    items = _items(RESERVOIR, "inquiry-report")
    assert [t.split()[:3] for t, _ in items] == [
        ["I", "recommend", "that"],
        ["I", "recommend", "that"],
        ["Every", "reservoir", "keeper"],
    ]
    first, second, third = items
    assert "within nine months" in first[0]  # the paragraph's calls are one item
    assert "(b) tests it with residents" in second[0]
    assert first[1] == ["the Water Safety Board"]
    assert not any("(paragraph" in t for t, _ in items)  # the titles are no items
    found = extract(RESERVOIR, "inquiry-report")
    assert [f.label for f in found] == ["6.3", "6.4", "6.5"]
    with rules_off("pointed-paragraphs"):
        before = _items(RESERVOIR, "inquiry-report")
    # before: the titles were the document's apparatus and the paragraphs were lowered
    assert [t.split()[0] for t, _ in before] == ["An", "An", "Copies"]


# An invented committee's summary: each item states its recommendation and cites the paragraph
# beside it, so the list is the recommendations, not an index.
SUMMARY = """\
Conclusions and recommendations

1. The Harbour Authority should publish its dredging plan within six months. (Paragraph 12)

2. We recommend that the Authority consults boat owners before any change to mooring fees. \
(Paragraph 18)

Chapter 2

12. The Harbour Authority told us that a plan was being drafted.

18. Boat owners said the fees had doubled since 2020.
"""


def test_a_summary_whose_items_recommend_is_not_an_index():
    with rules_off("pointed-paragraphs"):
        before = _openings(SUMMARY, "committee-report", 4)
    assert _openings(SUMMARY, "committee-report", 4) == before
    assert before[0] == "The Harbour Authority should"


# An invented probation-style inspection in markdown, its lead-ins in bold.
BOLD_LEADS = """\
# Inspection of the Kelvern ferry service

## Recommendations

**The Kelvern Ferry Company should:**

1. publish its timetable a month ahead
2. train every deckhand in first aid.

**The Harbour Board should:**

3. review the fares it sets for residents.
"""


def test_a_bold_lead_in_ending_in_its_modal_is_no_speaker():
    from bot.library.formats import markdown_to_text

    raw = markdown_to_text(BOLD_LEADS)
    text = clean(raw).text
    assert "The Harbour Board should:" in text
    items = _items(text, "inspection-report")
    assert [a for _, a in items] == [
        ["The Kelvern Ferry Company"],
        ["The Kelvern Ferry Company"],
        ["The Harbour Board"],
    ]
    before = clean(raw, off={"modal-lead-in-bold", "label-not-speaker"})
    assert "The Harbour Board should:" not in before.text  # taken for a speaker's label
    assert any(p.speaker for p in before.paragraphs)


def test_a_bold_speaker_is_still_a_speaker():
    text = "**Mr Will Ashby:** Thank you, my Lady.\n\n**The Chair:** Please sit down."
    speakers = [p.speaker for p in clean(text).paragraphs]
    assert speakers == ["Mr Will Ashby", "The Chair"]


# An invented review's table with an owner cell naming two bodies.
OWNERS = """\
Summary of recommendations

| No. | Recommendation | Owner | Timescale |
|---|---|---|---|
| 1 | Create a single register of river pilots that every port can search. \
| Marine Agency; Port Users Council | By June 2027 |
| 2 | Publish the pilots' hours and act where they run over the limit. | Marine Agency | In 2027 |
"""


def test_an_owner_cell_with_a_semicolon_names_two_owners():
    items = _items(OWNERS, "other")
    assert [a for _, a in items] == [["Marine Agency", "Port Users Council"], ["Marine Agency"]]
    with rules_off("owner-cell-list"):
        before = _items(OWNERS, "other")
    assert before[0][1] == ["Marine Agency; Port Users Council"]


# An invented coroner's report: one matter holds a call, the others state findings.
def _coroner(matters: str) -> str:
    return f"""\
REGULATION 28: REPORT TO PREVENT FUTURE DEATHS

THIS REPORT IS BEING SENT TO:

1. Chief Executive, Brackwater Harbour Trust

5 CORONER'S CONCERNS

The MATTERS OF CONCERN are as follows. -

{matters}

6 ACTION SHOULD BE TAKEN

In my opinion action should be taken to prevent future deaths and I believe you have the power \
to take such action.

7 YOUR RESPONSE

You are under a duty to respond to this report within 56 days of the date of this report.
"""


CALLS = _coroner(
    "(1) The lifebuoys on the north quay had been removed for painting and not replaced.\n\n"
    "(2) Night staff were not trained to launch the rescue boat. The Harbour Trust should review "
    "how often night staff practise a launch.\n\n"
    "(3) The quay lights were off for two hours."
)
FINDINGS = _coroner(
    "(1) The lifebuoys on the north quay had been removed for painting and not replaced.\n\n"
    "(2) The quay lights were off for two hours."
)


def test_a_call_inside_a_matter_of_concern_is_the_item():
    assert _items(CALLS, "other") == [
        (
            "The Harbour Trust should review how often night staff practise a launch.",
            ["The Harbour Trust"],
        )
    ]
    with rules_off("concern-calls"):
        assert _items(CALLS, "other") == []  # the form's line with a dash was not read


def test_matters_that_only_state_findings_are_read_as_before():
    openings = _openings(FINDINGS, "other", 3)
    assert openings == ["The lifebuoys on", "The quay lights"]


# An invented ombudsman's letter: the duty to reply, then its recommendations.
OMBUDSMAN = """\
Recommendations

We made the following recommendations to Fallowfield Council. The council must respond to us in \
writing within 28 days, saying which it accepts.

Recommendation 1

The Ombudsman recommends that Fallowfield Council apologises to the tenant in writing.

Recommendation 2

The Ombudsman recommends that Fallowfield Council reviews how it logs repair requests.
"""


def test_the_duty_to_reply_within_days_is_no_recommendation():
    openings = _openings(OMBUDSMAN, "other", 4)
    assert openings == ["The Ombudsman recommends that", "The Ombudsman recommends that"]
    with rules_off("reply-duty"):
        assert "The council must respond" in _openings(OMBUDSMAN, "other", 4)


def test_a_body_asked_to_respond_to_another_bodys_recommendations_stays():
    text = (
        "Recommendations\n\nThe Department should consider and respond to the panel's "
        "recommendations within 12 months.\n"
    )
    assert _openings(text, "committee-report", 3) == ["The Department should"]


ANNOUNCED = """\
Summary of recommendations

The table below sets out my recommendations, the agency I think should lead each one, and when.

| No. | Recommendation | Lead | Timescale |
|---|---|---|---|
| 1 | Fit every lock gate with a remote alarm. | Canal Trust | By March 2027 |
| 2 | Train lock keepers to close a gate by hand in a power cut. | Canal Trust | Within a year |
"""


def test_a_sentence_announcing_a_table_is_no_recommendation():
    assert _openings(ANNOUNCED, "other", 3) == ["Fit every lock", "Train lock keepers"]
    with rules_off("announcing-sentences"):
        assert "The table below" in _openings(ANNOUNCED, "other", 3)


def test_an_aside_naming_several_partners_names_each():
    text = (
        "Recommendations\n\nR1 | The Canal Trust, working with the Marine Agency, the county "
        "council and the Lock Keepers Guild, should publish a joint plan for winter closures.\n"
    )
    items = _items(text, "inspection-report")
    assert items[0][1] == [
        "The Canal Trust",
        "the Marine Agency",
        "the county council",
        "the Lock Keepers Guild",
    ]
    with rules_off("joint-partner-lists"):
        assert _items(text, "inspection-report")[0][1] != items[0][1]
