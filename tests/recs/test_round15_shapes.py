"""Shapes the round-14 held-out set (``tests/recs/heldout15``, tuned on in round 15) showed beside
another writer's set or real wording: labels with a rank word ("Strategic recommendation 1") on a
line of their own or run into their paragraph; a paragraph that makes its call and then opens a list
of its parts ("... It should:" then "(a)", "(b)"); a body named by its initials that recommends
("The ABC recommends that ... consider how ...").

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off


def _items(text: str, doc_type: str) -> list[tuple[str, list[str], str | None]]:
    return [(text[f.start : f.end], f.actors, f.label) for f in extract(text, doc_type)]


# An invented inspection of an invented canal trust's towpaths: ranked labels, each alone on its
# line over its paragraph, then another rank's items as a numbered list under a bare-modal lead-in.
CANAL = """\
TOWPATH SAFETY

An inspection of the Marlow Vale Canal Trust

RECOMMENDATIONS

Strategic recommendation 1
Within nine months, the Canal Trust and the county council should agree who mends the lights.

Strategic recommendation 2
The Canal Trust should publish a towpath safety plan by the end of next year.

Operational recommendations
The Canal Trust should:
1. inspect every lock gate railing once a month;
2. record each towpath fall reported to it; and
3. fit lifebuoys at the four deepest locks.

CHAPTER 2: THE TOWPATHS

2.1 The towpaths are 40 miles long and are walked by about 3,000 people a week.
"""


def test_ranked_labels_alone_on_their_line_head_the_paragraph_below():
    items = _items(CANAL, "inspection-report")
    assert [(t.split(",")[0].split(" should")[0], label) for t, _, label in items] == [
        ("Within nine months", "Strategic recommendation 1"),
        ("The Canal Trust", "Strategic recommendation 2"),
        ("inspect every lock gate railing once a month;", None),
        ("record each towpath fall reported to it; and", None),
        ("fit lifebuoys at the four deepest locks.", None),
    ]
    # the second label's paragraph ends before the next rank's heading
    assert items[1][0].endswith("by the end of next year.")
    assert items[2][1] == ["The Canal Trust"]
    with rules_off("qualified-labels"):
        before = _items(CANAL, "inspection-report")
    # before: the same items, found only because a recommendations heading stood above them, and
    # with no label
    assert len(before) == 5
    assert all(label is None for _, _, label in before)


# The same ranked labels with no heading above them, each run into its paragraph (as the cleaning
# joins a short label line to the line below it), one of them printed again in the body.
RUN_IN = """\
An inspection of the Marlow Vale Canal Trust

Strategic recommendations

Strategic recommendation 1 Within nine months, the Canal Trust should mend the lock lights.

Operational recommendations

Operational recommendation 1 The Canal Trust should record each towpath fall reported to it.

Operational recommendation 2 The lock keepers should check the lifebuoys every week.

1 THE TOWPATHS

1.1 The lighting has failed at six of the eleven locks.

Strategic recommendation 1 Within nine months, the Canal Trust should mend the lock lights.

1.2 Falls are not recorded.
"""


def test_ranked_labels_run_into_their_paragraph_are_labels_and_a_body_copy_is_one_item():
    items = _items(RUN_IN, "inspection-report")
    assert sorted(label for _, _, label in items) == [
        "Operational recommendation 1",
        "Operational recommendation 2",
        "Strategic recommendation 1",
    ]
    texts = [t for t, _, _ in items]
    assert "Within nine months, the Canal Trust should mend the lock lights." in texts
    with rules_off("qualified-labels"):
        # before: no label is read, no recommendations section opens, and the calls are lost
        # among the body's prose
        assert _items(RUN_IN, "inspection-report") == []


def test_a_rank_word_needs_its_number_and_its_own_line():
    text = (
        "Recommendations\n\n"
        "The council should adopt strategic recommendation 2 of the 2019 review. The council "
        "should also publish its lighting survey.\n"
    )
    assert all(label is None for _, _, label in _items(text, "inspection-report"))


# An invented inspection of an invented library service: a recommendation that makes its call and
# then lists its parts, lettered, under a lead-in of its own.
LIBRARY = """\
An inspection of Fenwick Libraries

Cause of concern

Fenwick Libraries doesn't open its branches when it says it will.

Recommendation

Within six months, the library service should adopt a new plan for opening hours. It should:

(a) publish each branch's hours on its website;

(b) tell readers a week ahead when a branch will close; and

(c) record every unplanned closure.

Area for improvement

The library service should make sure that its mobile library keeps to its timetable.
"""


def test_a_call_then_its_lettered_parts_is_one_recommendation_from_the_call():
    items = _items(LIBRARY, "inspection-report")
    assert [t.split("\n")[0] for t, _, _ in items] == [
        "Within six months, the library service should adopt a new plan for opening hours. "
        "It should:",
        "The library service should make sure that its mobile library keeps to its timetable.",
    ]
    assert items[0][0].endswith("(c) record every unplanned closure.")
    assert items[0][1] == ["the library service"]
    with rules_off("call-then-lead-in"):
        before = _items(LIBRARY, "inspection-report")
    assert before[0][0].startswith("It should:")


def test_numbered_items_under_a_second_lead_in_sentence_are_still_split():
    text = (
        "Recommendations\n\n"
        "The library service should review its opening hours. It should:\n\n"
        "1. open every branch on Saturdays;\n\n"
        "2. publish its hours.\n"
    )
    items = _items(text, "inspection-report")
    assert [t for t, _, _ in items] == ["open every branch on Saturdays;", "publish its hours."]


# An invented watchdog's learning recommendations to an invented parks trust: the last label's
# paragraph recommends in the watchdog's own voice, with no modal.
PARKS = """\
PARKS OMBUDSMAN SERVICE

Learning recommendations

Background

A visitor was hurt when a bench collapsed in Holm Park.

Recommendation 1

The PROS recommends that the Holm Parks Trust review its bench inspection schedule.

Recommendation 2

The PROS recommends that the Holm Parks Trust consider how its wardens report broken benches.

Wider learning

We have also written to the regional parks forum about this case.
"""


def test_a_body_named_by_its_initials_recommends_in_its_own_voice():
    items = _items(PARKS, "other")
    assert [t for t, _, _ in items] == [
        "The PROS recommends that the Holm Parks Trust review its bench inspection schedule.",
        "The PROS recommends that the Holm Parks Trust consider how its wardens report broken "
        "benches.",
    ]
    assert items[1][1] == ["the Holm Parks Trust"]
    # before: the last label's paragraph was read as its title and the heading after it taken
    # ("sentence-not-title", on since round 22, now keeps a one-sentence item either way: off
    # here too, to show what this rule alone mended)
    with rules_off("acronym-recommenders", "sentence-not-title"):
        before = _items(PARKS, "other")
    assert before[-1][0] == "Wider learning"


# An invented reply from an invented ferry owners' association quoting the report it answers.
REPLY = """\
Ferry Owners' Association

Dear Chair,

Thank you for your report on late sailings.

Recommendation 3

> "The FOA should publish each member's late sailings every quarter."

Response: Accepted. The first figures will be published in June.

Recommendation 5

"The harbour board and the FOA should agree a single timetable for the winter."

Response: Accepted in principle.

Yours sincerely,

Ada Brisk
"""


def test_a_quoted_call_names_its_subject_inside_the_quotation_marks():
    items = _items(REPLY, "letter")
    assert [actors for _, actors, _ in items] == [["The FOA"], ["The harbour board", "the FOA"]]
    with rules_off("quoted-call-subject"):
        assert [actors for _, actors, _ in _items(REPLY, "letter")] == [[], ["the FOA"]]


# An invented government response answering two invented recommendations together.
PAIRED = """\
The Government Response to the Harbours Committee Report

Recommendation 1

The Department should publish a ferry safety strategy. (Paragraph 12)

The Government accepts this recommendation.

Recommendations 2 and 3

The Coastguard Agency should review its night cover at small harbours. (Paragraph 15)

The Harbour Board should fund a second lifeboat at Kellow. (Paragraph 18)

The Government accepts these recommendations in part. The Agency has begun its review.

Recommendation 4

The Department should report to the Committee each year on ferry incidents. (Paragraph 21)

The Government notes this recommendation.
"""


def test_two_recommendations_under_one_label_are_two_items_with_the_shared_answer():
    found = extract(PAIRED, "government-response")
    assert [(f.label, PAIRED[f.start : f.end].split(" should")[0]) for f in found] == [
        ("Recommendation 1", "The Department"),
        ("Recommendation 2", "The Coastguard Agency"),
        ("Recommendation 3", "The Harbour Board"),
        ("Recommendation 4", "The Department"),
    ]
    assert [f.response for f in found] == [
        "accepted",
        "accepted in part",
        "accepted in part",
        "noted",
    ]
    with rules_off("paired-labels"):
        before = extract(PAIRED, "government-response")
    assert [f.label for f in before] == ["Recommendation 1", "Recommendation 4"]


def test_a_paired_label_over_one_paragraph_is_one_item():
    text = PAIRED.replace(
        "The Harbour Board should fund a second lifeboat at Kellow. (Paragraph 18)\n\n", ""
    )
    labels = [f.label for f in extract(text, "government-response")]
    assert labels == ["Recommendation 1", "Recommendations 2 and 3", "Recommendation 4"]


def test_whom_a_call_asks_to_ask_is_not_its_addressee():
    text = (
        "Recommendations\n\n"
        "1. The county council should ask the Harbour Board to publish its accounts each year.\n"
    )
    assert [f.actors for f in extract(text, "committee-report")] == [["The county council"]]
    with rules_off("modal-asker"):
        assert [f.actors for f in extract(text, "committee-report")] == [["the Harbour Board"]]


def test_the_staff_of_a_service_are_its_addressee():
    text = (
        "Recommendations\n\n"
        "1. Lock staff should check the lifebuoys every morning.\n\n"
        "2. Wardens and staff should report every fall on the towpath.\n"
    )
    assert [f.actors for f in extract(text, "inspection-report")] == [
        ["Lock staff"],
        ["Wardens", "staff"],
    ]
    with rules_off("staff-nouns"):
        assert [f.actors for f in extract(text, "inspection-report")] == [[], []]
