"""Shapes the round-15 held-out set (``tests/recs/heldout16``, tuned on in round 16) showed beside
another writer's set or real wording: a labelled recommendations part and an unlabelled part of
another kind under one section ("unlabelled-parts"); a body named by its initials under a title
that spells them out ("initials-self-named"); ordinal paragraphs, each one item
("ordinal-paragraphs"); a counted ask and its ordinal infinitives ("counted-asks"); an ordinal
before a call's subject ("ordinal-subjects"); a table row's number cell before its subject
("row-number-cell").

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

from stores import extracted_items as _items
from stores import item_openings as _openings

from bot.recs.extract.rules import rules_off

# An invented inspection of an invented ferry service: labelled recommendations, then unlabelled
# areas for development in the same section, then the body's topic headings and numbered
# paragraphs.
FERRIES = """\
An inspection of the Loch Arden Ferry Service

Overview

1. The ferry service runs four boats between six islands.

Recommendations

Recommendation 1
The Ferry Board should publish a timetable for replacing the oldest boat.

Recommendation 2
The Ferry Board should agree a winter crewing plan with the harbour trust.

Areas for development

The island office should answer lost property enquiries within a week.

The ferry service should record every cancelled crossing and its reason.

Crossings

3. The ferry service cancelled 41 crossings last winter.

4. The harbour trust should have been told of the cancellations sooner.
"""


def test_an_unlabelled_part_under_its_own_heading_is_not_the_labels_prose():
    assert _openings(FERRIES, "inspection-report") == [
        "The Ferry Board",
        "The Ferry Board",
        "The island office",
        "The ferry service",
    ]
    with rules_off("unlabelled-parts"):
        before = _openings(FERRIES, "inspection-report")
    # before: the labels lowered every other item of the section, the areas for development too
    assert before == ["The Ferry Board", "The Ferry Board"]


# The other order: an unlabelled call and its list under "Recommendations", then labelled areas
# for improvement under a numbered heading of their own, in one section.
BRIDGES = """\
An inspection of the Tarnby Bridges Authority

2. Causes of concern and recommendations

Recommendations

Within a year, the authority should:

  - survey every footbridge over the river;
  - close any footbridge it cannot survey.

3. Areas for improvement

Area for improvement 1
The authority should answer complaints about lighting within a month.

4. The bridges

The authority looks after 30 bridges.
"""


def test_unlabelled_recommendations_before_labelled_areas_are_kept():
    items = _items(BRIDGES, "inspection-report")
    assert any(t.startswith("Within a year, the authority should:") for t, _ in items)
    assert any(t.startswith("The authority should answer complaints") for t, _ in items)
    with rules_off("unlabelled-parts"):
        before = _items(BRIDGES, "inspection-report")
    assert not any(t.startswith("Within a year") for t, _ in before)


# An invented learning report of an invented watchdog, typed "other": its recommendations are in
# its own voice, naming itself by its initials under a title that spells them out.
WATCHDOG = """\
Office for Canal Safety Standards

Learning recommendations to the Marlow Vale Canal Trust

Background

A boat struck a lock gate in March. Nobody was hurt.

Learning recommendation 1

The OCSS recommends that the Canal Trust checks every lock gate after a collision.

Learning recommendation 2

The OCSS recommends that the Canal Trust trains its lock keepers in first aid.
"""


def test_initials_the_title_spells_out_recommend_in_the_documents_own_voice():
    items = _items(WATCHDOG, "other")
    assert [t.split(" checks")[0].split(" trains")[0] for t, _ in items] == [
        "The OCSS recommends that the Canal Trust",
        "The OCSS recommends that the Canal Trust",
    ]
    assert all(actors == ["the Canal Trust"] for _, actors in items)
    # since round 21 the "Learning recommendation N" labels are read too (rule
    # "any-qualified-labels"), so both readings are switched off to see this one's part
    with rules_off("initials-self-named", "any-qualified-labels"):
        assert _items(WATCHDOG, "other") == []


def test_initials_the_title_does_not_spell_out_stay_reported():
    # a news item typed "other" reporting another body's recommendation keeps it lowered
    text = WATCHDOG.replace("Office for Canal Safety Standards", "Canal news this week")
    # without the labels (read since round 21, rule "any-qualified-labels": a labelled item is
    # the document's own structure, as "Recommendation 1" is, whoever its sentence names)
    text = text.replace("Learning recommendation", "Point")
    assert _items(text, "other") == []


# An invented review of an invented library service's opening hours: ordinal paragraphs, one with
# a lead-in sentence before its "I recommend", one with a condition after its call.
LIBRARIES = """\
Review of library opening hours in Eastmere

3. Recommendations

My recommendations follow.

First, readers must be able to borrow in the evening. I recommend that the council opens two \
libraries until eight on weekdays.

Second, I recommend that the council publishes the opening hours of all its libraries on one \
page of its website.

Third, the library service should ask readers each year which hours suit them. Where it \
decides not to change the hours, it should say why.

Fourth, the council and the library trust should together report on visitor numbers.
"""


def test_an_ordinal_paragraph_is_one_item():
    items = _items(LIBRARIES, "other")
    assert [" ".join(t.split()[:1]) for t, _ in items] == ["First,", "Second,", "Third,", "Fourth,"]
    assert items[2][0].endswith("it should say why.")
    assert items[3][1] == ["the council", "the library trust"]
    with rules_off("ordinal-paragraphs"):
        before = _openings(LIBRARIES, "other", 2)
    # before: the lead-in sentence and the condition were items of their own
    assert "First, readers" in before and "Where it" in before
    with rules_off("ordinal-subjects"):
        assert _items(LIBRARIES, "other")[3][1][0] == "Fourth"


def test_ordinal_paragraphs_that_make_no_call_stay_none():
    text = """\
Speech to the canal society

First, towpaths. We have mended nine miles of towpath this year.

Second, locks. Every lock gate has been painted.
"""
    assert _items(text, "speech") == []
    assert _items(text, "other") == []


# An invented commissioner's letter to an invented health board: a counted ask, then its ordinal
# infinitives, one a paragraph.
LETTER = """\
Office of the Police and Crime Commissioner for Eastmere

Ms Dana Ross
Chief Executive
Eastmere Health Board

Dear Dana,

Waiting times at the place of safety

Thank you for your letter of 3 May.

I would therefore ask the Health Board to do three things.

First, to open the place of safety at night from the autumn.

Second, to agree with the force how long officers may wait there.

Third, to send my office its waiting times every month.

I would be glad of a reply by June.

Yours sincerely,

Sam Hale
Police and Crime Commissioner for Eastmere
"""


def test_a_counted_ask_announces_its_ordinal_infinitives():
    items = _items(LETTER, "letter")
    assert [t.split(",")[0] for t, _ in items[:3]] == ["First", "Second", "Third"]
    assert all(actors == ["the Health Board"] for _, actors in items[:3])
    assert not any(t.startswith("I would therefore ask") for t, _ in items)
    with rules_off("counted-asks"):
        before = _items(LETTER, "letter")
    assert any(t.startswith("I would therefore ask") for t, _ in before)
    assert not any(t.startswith("First") for t, _ in before)


def test_ordinal_infinitives_in_one_paragraph_after_a_counted_ask():
    # the same shape run into one paragraph, as a hearing's words are printed
    text = (
        "We invite the panel to do two things. First, to publish its list of witnesses by June. "
        "But, second, to set out now when the hearings will end.\n"
    )
    items = _openings(text, "committee-report", 2)
    assert items == ["First, to", "But, second,"]


# An invented action table of an invented harbour review: number cells before each row's call.
HARBOUR = """\
Review of the Eastmere harbour

Recommendations

No. | Recommendation | Timescale

1 | The harbour board should publish its tide tables each month. | Within three months

2 | The port authority should carry out a survey of the harbour wall. | Within six months
"""


def test_a_row_number_cell_is_no_part_of_the_subject():
    items = _items(HARBOUR, "inspection-report")
    assert [actors for _, actors in items] == [["The harbour board"], ["The port authority"]]
    with rules_off("row-number-cell"):
        assert [actors for _, actors in _items(HARBOUR, "inspection-report")][0] == []
