"""Shapes the round-16 held-out set (``tests/recs/heldout17``, tuned on in round 17) showed beside
another writer's set or real wording: a recommendations heading run into the paragraph below it
("heading-line-run-in"); a clause of time opening a labelled recommendation
("time-clause-openers"); a label with an aside in brackets ("label-asides"); a letter asking its
reader to "consider the following" ("consider-the-following"); a reply restating each
recommendation under the name of the body that made it and its paragraph's number, answered by a
numbered verdict ("named-labels").

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

from stores import extracted_items as _items
from stores import item_openings as _openings

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# An invented inspection of an invented museums trust: a concern, its recommendations under a
# heading printed on the line above them, a labelled area for improvement, then unnumbered areas
# for improvement under a plural heading run into their first paragraph, and a topic heading run
# into a paragraph that points back.
MUSEUMS = """\
An inspection of the Tarnside Museums Trust

Concern
The trust does not check the condition of loaned paintings when they come back.

Recommendations
Within two months, the trust should make sure that:
• every returned painting is examined by a conservator;
• the examination is recorded in the loans register.

Within a year, the trust should review how it insures paintings on loan.

Visitors

Area for improvement 1
The trust should answer visitors' written complaints within twenty days.

The trust answered 61 of 80 complaints on time last year.

Collections

Areas for improvement
The trust should make sure that its storerooms are kept at a steady humidity.

The trust should publish a list of the works it holds in store.

Storage was cramped in two of the five storerooms we visited.

Loans
See the concern and recommendations above.

Area for improvement 4
The trust should agree a plan with the county council for its oldest building.
"""


def test_a_heading_run_into_its_paragraph_heads_it():
    openings = _openings(MUSEUMS, "inspection-report", 4)
    assert openings == [
        "Within two months, the",
        "Within a year, the",
        "The trust should answer",
        "The trust should make",
        "The trust should publish",
        "The trust should agree",
    ]
    first = _items(MUSEUMS, "inspection-report")[0][0]
    assert "• the examination is recorded" in first  # the lead-in and its list: one item
    with rules_off("heading-line-run-in"):
        before = _openings(MUSEUMS, "inspection-report", 4)
    # before: the lead-in was taken for a sub-heading, and the calls under the run-in headings
    # were lowered as the labels' prose
    assert "Within two months, the" not in before
    assert "The trust should make" not in before


# An invented harbour review's labelled recommendation that opens with a clause of time holding a
# capitalised name.
HARBOUR = """\
Review of the Port of Eastmere

Recommendations

Recommendation 1: By the time of the next Harbour Review, the Port Authority should publish a \
dredging plan for the inner basin.

Recommendation 2: The Port Authority should meet the fishing fleet twice a year.
"""


def test_a_clause_of_time_opening_a_labelled_item_belongs_to_it():
    items = _items(HARBOUR, "inquiry-report")
    assert items[0][0].startswith("By the time of the next Harbour Review, the Port Authority")
    assert items[0][1] == ["the Port Authority"]
    with rules_off("time-clause-openers"):
        before = _items(HARBOUR, "inquiry-report")
    # before: "By the time of the next" was taken for a title
    assert before[0][0].startswith("Harbour Review, the Port Authority")


# An invented ombudsman's letter: labelled recommendations, the last with an aside in brackets.
OMBUDSMAN = """\
Eastmere Rail Ombudsman

Dear Chief Executive,

Recommendations

Recommendation 1
The Ombudsman recommends that Tarnside Trains refunds every passenger delayed by the strike.

Recommendation 2 (regional)
We also recommend that the Regional Transport Office considers whether refunds should be \
automatic.

Please reply within 28 days.
"""


def test_a_label_with_an_aside_is_a_label():
    items = _items(OMBUDSMAN, "letter")
    assert [a for _, a in items] == [["Tarnside Trains"], ["the Regional Transport Office"]]
    with rules_off("label-asides"):
        before = _items(OMBUDSMAN, "letter")
    # before: the second recommendation ran on inside the first
    assert len(before) == 1 and "Regional Transport Office" in before[0][0]


def test_a_label_with_a_sentence_in_brackets_is_not_widened():
    text = OMBUDSMAN.replace("Recommendation 2 (regional)", "Recommendation 2 (see above. Again)")
    assert len(_items(text, "letter")) == 1


# An invented commissioner's letter: a lead-in asking the reader to consider what follows, then
# ordinal paragraphs.
LETTER = """\
Office of the Police and Crime Commissioner for Tarnside

Dear Minister,

Thank you for your letter about the bus station.

I would ask you to consider the following as the consultation goes on.

First, I recommend that the Department funds a late-night patrol at the bus station.

Second, the Department should publish the results of the consultation by the summer.

Yours sincerely,
"""


def test_asking_to_consider_the_following_announces_the_asks():
    openings = _openings(LETTER, "letter", 2)
    assert openings == ["First, I", "Second, the"]
    with rules_off("consider-the-following"):
        assert _openings(LETTER, "letter", 2)[0] == "I would"


# An invented reply to an invented committee in the Treasury Minutes' form: each conclusion and
# recommendation restated under the committee's initials and the paragraph's number, each answer
# a numbered paragraph.
MINUTE = """\
Treasury Minutes
Government response to the Transport Committee

1. TC conclusion: The Department does not know how many level crossings are unsafe.

1. TC recommendation: The Department should, within six months, survey every level crossing and \
publish the results.

1.1 The Department agrees; a survey is planned.

1.2 A survey will begin in the spring.

2. TC conclusion: Rural crossings are the most dangerous.

2. TC recommendation: The Department and the Rail Safety Office should close the ten most \
dangerous rural crossings.

2.1 The Department disagrees, for the reason below.

2.2 Closing crossings is a matter for the local highway authority.
"""


def test_a_restated_recommendation_under_the_committees_name_is_labelled_and_answered():
    found = extract(MINUTE, "government-response")
    assert [f.label for f in found] == ["1", "2"]
    assert [f.response for f in found] == ["accepted", "not accepted"]
    assert found[0].response_text == "The Department agrees; a survey is planned."
    assert MINUTE[found[1].start :].startswith("The Department and the Rail Safety Office should")
    assert found[1].actors == ["The Department", "the Rail Safety Office"]
    with rules_off("named-labels"):
        # (round 21: with nothing else kept, the prose fallback reads the numbered answers as
        # unlabelled answers, rule "fallback-after-resolving"; none is a labelled item)
        assert not any(f.label for f in extract(MINUTE, "government-response"))
    with rules_off("named-labels", "fallback-after-resolving"):
        assert extract(MINUTE, "government-response") == []


def test_a_conclusion_under_the_committees_name_is_no_label():
    text = MINUTE.replace("TC recommendation", "TC observation")
    assert not any(f.label for f in extract(text, "government-response"))
    with rules_off("fallback-after-resolving"):
        assert extract(text, "government-response") == []


def test_a_label_with_an_aside_over_an_answer_stays_a_replys_heading():
    # an invented ferry company's reply: each heading names a topic, and an answer follows
    text = (
        "Dear Ombudsman,\n\n"
        "Recommendation 1 (strike refunds)\n"
        "Agreed. Refunds will be paid from May.\n\n"
        "Recommendation 2 (regional)\n"
        "Not agreed. Refunds are a matter for each operator.\n\n"
        "Yours faithfully,\n"
    )
    items = extract(text, "letter")
    assert [f.detector for f in items] == ["reply", "reply"]
    assert [f.response for f in items] == ["accepted", "not accepted"]


# The end of a legislature's term as a by-when (deadlines.TERM_DEADLINES): invented sentences.
def test_the_end_of_a_term_is_a_deadline(monkeypatch):
    from bot.recs import deadlines

    found = deadlines.find_deadline(
        "The island council should, by the end of this Senedd term, open a ferry office.", None
    )
    assert (found.text, found.due) == ("by the end of this Senedd term", None)
    found = deadlines.find_deadline(
        "The board should report by the end of the current parliamentary session.", None
    )
    assert found.text == "by the end of the current parliamentary session"
    # a school term is no legislature's, and a recurrence is none
    assert (
        deadlines.find_deadline("Pupils should be told by the end of the summer term.", None)
        is None
    )
    assert deadlines.find_deadline("The board should meet each term.", None) is None
    monkeypatch.setattr(deadlines, "TERM_DEADLINES", False)
    assert (
        deadlines.find_deadline("The council should act by the end of this Senedd term.", None)
        is None
    )
