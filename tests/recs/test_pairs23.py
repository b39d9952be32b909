"""Report/response pairs, round 22: chapter-numbered references in a reply's headings
("dotted-references"); a number-only table whose verdict column is known by its cells
("numbered-verdict-column"); labelled restatements and decisions ("labelled-restatements"); a
reply's "being considered" answers ("considering-answers"); a titled response of any type
("titled-responses"); notes in the perfect tense or of a view, and first-person verdicts after a
run-in label (stance "noted-perfect", shipped off, "first-person-noted", "label-first-person");
a verdict citing its numbers ("cited-verdicts") and a weak contrary likeness that no longer
vetoes a numbering ("weak-contrary"); and, shipped off, a Title Case report title whose "response
to" names a topic ("title-case-topic"). Each rule is also checked switched off.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

import pytest
from stores import report_stances as _answered
from stores import store_of_texts

from bot.recs import answers, matching, stance
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# --- a review numbered by chapter and a board's reply naming each number ("dotted-references",
# "weak-contrary") ---------------------------------------------------------------------------------

FERRY_REVIEW = (
    "# Review of the Hollow Bay ferry port policing partnership\n\n"
    "Written for the tests of rocu-bot: an invented review of an invented partnership.\n\n"
    "## Chapter 2: The agreement\n\n"
    "Recommendation 2.1 The partnership board should rewrite the port policing agreement so that "
    "it covers freight searches and passenger checks.\n\n"
    "## Chapter 3: Staffing\n\n"
    "Recommendation 3.1 The chief officers should post two detective constables to the port "
    "intelligence desk on every weekday shift.\n\n"
    "Recommendation 3.2 The partnership board should name a single superintendent as the port's "
    "accountable lead for tasking.\n\n"
    "## Chapter 4: Openness\n\n"
    "Recommendation 4.1 The partnership board should publish its minutes within six weeks of "
    "each meeting.\n\n"
    "Recommendation 4.2 The harbour authority should fund new lighting in the regional freight "
    "yard gates.\n"
)
FERRY_REPLY = (
    "Hollow Bay Port Partnership Board\n\n"
    "Response to the Review of the Hollow Bay Ferry Port Policing Partnership\n\n"
    "Written for the tests of rocu-bot: an invented board's reply.\n\n"
    "Chapter 2\n\n"
    "Recommendation 2.1\n\n"
    "The Board accepts this recommendation. Our lawyers are drafting a fresh agreement; freight "
    "searches will be in it.\n\n"
    "Chapter 3\n\n"
    "Recommendation 3.2\n\n"
    "The Board accepts this recommendation. From April one superintendent will answer for all "
    "tasking.\n\n"
    "Chapter 4\n\n"
    "Recommendation 4.1\n\n"
    "The Board does not accept this recommendation. Its minutes record covert tasking; a "
    "summary is posted at the gates under the lighting.\n"
)


def test_a_chapter_numbered_heading_names_the_whole_number():
    items = [f for f in extract(FERRY_REPLY, "government-response") if f.response]
    assert [(f.label, f.response) for f in items] == [
        ("Recommendation 2.1", "accepted"),
        ("Recommendation 3.2", "accepted"),
        ("Recommendation 4.1", "not accepted"),
    ]
    with rules_off("dotted-references"):
        labels = [f.label for f in extract(FERRY_REPLY, "government-response") if f.response]
        assert "Recommendation 3.2" not in labels


@pytest.fixture
def weak_contrary_on():
    matching.RULES_OFF.discard("weak-contrary")  # shipped off: one witness
    yield
    matching.RULES_OFF.add("weak-contrary")


def test_the_board_reply_links_by_number_despite_a_chance_likeness(tmp_path, weak_contrary_on):
    # the 4.1 answer shares "gates" and "lighting" with 4.2, and nothing with 4.1: too few
    # words to link it by, so too few to say the numbering is wrong
    db = store_of_texts(tmp_path, [("review.md", FERRY_REVIEW), ("reply.txt", FERRY_REPLY)])
    assert _answered(db) == [
        ("Recommendation 2.1", "accepted"),
        ("Recommendation 3.1", "-"),
        ("Recommendation 3.2", "accepted"),
        ("Recommendation 4.1", "not accepted"),
        ("Recommendation 4.2", "-"),
    ]


def test_a_weak_contrary_still_vetoes_as_shipped(tmp_path):
    assert "weak-contrary" in matching.RULES_OFF
    db = store_of_texts(tmp_path, [("review.md", FERRY_REVIEW), ("reply.txt", FERRY_REPLY)])
    assert dict(_answered(db))["Recommendation 4.1"] == "-"


# --- a table naming rows by number alone, its verdict column known by its cells
# ("numbered-verdict-column") ---------------------------------------------------------------------

DOG_REPORT = (
    "# Inspection of the Marlfield dog unit\n\n"
    "Written for the tests of rocu-bot: an invented inspection.\n\n"
    "## Recommendations\n\n"
    "Recommendation 1: The force should give every dog handler a second vehicle cage by March.\n\n"
    "Recommendation 2: The force should record each deployment of a general purpose dog on the "
    "command log.\n\n"
    "Recommendation 3: The force should publish yearly figures for dog bites during arrests.\n"
)
DOG_TABLE = (
    "Marlfield force: response to the inspection of the dog unit\n\n"
    "Written for the tests of rocu-bot: an invented force's table.\n\n"
    "Ref | What we will do | Agreed? | Owner\n"
    "Rec 1 | Second cages are ordered for all twelve handler vehicles | Yes | Fleet manager\n"
    "Rec 2 | Deployments go on the command log from the next release of the log software | "
    "In part - the software comes first | Operations lead\n"
    "Rec 3 | Bite figures stay internal because they identify handlers | No | Operations lead\n"
)


def test_a_number_only_table_reads_its_verdict_column_by_its_cells():
    rows = [f for f in extract(DOG_TABLE, "government-response") if f.answers]
    assert [(f.label, f.response) for f in rows] == [
        ("Rec 1", "accepted"),
        ("Rec 2", "accepted in part"),
        ("Rec 3", "not accepted"),
    ]
    with rules_off("numbered-verdict-column"):
        assert not any(f.answers for f in extract(DOG_TABLE, "government-response"))


def test_the_number_only_table_links_to_its_report(tmp_path):
    db = store_of_texts(tmp_path, [("report.md", DOG_REPORT), ("table.txt", DOG_TABLE)])
    assert _answered(db) == [
        ("Recommendation 1", "accepted"),
        ("Recommendation 2", "accepted in part"),
        ("Recommendation 3", "not accepted"),
    ]


# --- a letter restating each recommendation under a label and answering under another
# ("labelled-restatements", "considering-answers", stance "first-person-noted" and
# "label-first-person") ---------------------------------------------------------------------------

RIVER_LETTER = (
    "Office of the Chief Constable\n\n"
    "12 March 2026\n\n"
    "Dear Commissioner,\n\n"
    "Written for the tests of rocu-bot: an invented chief constable's letter.\n\n"
    "Thank you for the panel's report on river patrols, which my team has read with care.\n\n"
    "On night patrols\n\n"
    "What the panel asked for: that the marine unit patrols the estuary every night.\n\n"
    "Our view: We accept the principle that the estuary should be patrolled at night, and we "
    "will add four night patrols a week from May.\n\n"
    "On volunteer boats\n\n"
    "What the panel asked for: that volunteer boat crews are trained in evidence handling.\n\n"
    "Our view: I note the panel's proposal. Volunteers already receive first aid training.\n\n"
    "On the boathouse\n\n"
    "What the panel asked for: a new boathouse at the harbour mouth.\n\n"
    "Our view: This is being looked at by the estates board, which meets in June.\n\n"
    "Yours sincerely,\n\n"
    "Chief Constable\n"
)


def test_labelled_restatements_head_each_answer():
    items = [f for f in extract(RIVER_LETTER, "letter") if f.answers]
    assert [f.response for f in items] == ["accepted in principle", "noted", None]
    assert all(RIVER_LETTER[f.start : f.end].startswith("On ") for f in items)
    with rules_off("labelled-restatements", "considering-answers"):
        assert len([f for f in extract(RIVER_LETTER, "letter") if f.answers]) < 3


def test_a_being_considered_answer_is_read_only_with_its_rule():
    with rules_off("considering-answers"):
        items = [f for f in extract(RIVER_LETTER, "letter") if f.answers]
    assert None not in [f.response for f in items]


def test_notes_in_other_forms():
    assert stance.classify("I note the panel's view. It is kept.").stance == "noted"
    assert stance.classify("I have noted the recommendation.").stance == "noted"
    assert stance.classify("Our view: I note the panel's proposal.").stance == "noted"
    # "noted-perfect" is shipped off: a body's perfect tense reads no stance unless switched on
    said = "The Council has noted the committee's recommendation."
    assert stance.classify(said) is None
    stance.DISABLED.discard("noted-perfect")
    try:
        assert stance.classify(said).stance == "noted"
    finally:
        stance.DISABLED.add("noted-perfect")
    stance.DISABLED.add(stance.LABEL_FIRST_PERSON)
    try:
        assert stance.classify("Our view: I note the panel's proposal.") is None
    finally:
        stance.DISABLED.discard(stance.LABEL_FIRST_PERSON)


# --- a statement titled as a response, whatever its type ("titled-responses") -------------------

QUAY_STATEMENT = (
    "Written Statement\n\n"
    "Review of Quayside Policing: Government Response\n\n"
    "Made by the Minister for Policing. Written for the tests of rocu-bot: invented.\n\n"
    "The review of quayside policing was published in January. I set out today the "
    "Government's response to its three recommendations.\n\n"
    "The review recommended first that ports share passenger lists with the regional units. "
    "The Government accepts this recommendation and will legislate next session.\n\n"
    "It recommended secondly a national quayside search standard. The Government does not "
    "accept this recommendation, because each port differs.\n\n"
    "Finally, it recommended a yearly report on quayside seizures. The Government accepts this "
    "recommendation in part and will publish seizures every two years.\n"
)


def test_a_statement_titled_as_a_response_is_read_whatever_its_type():
    items = [f for f in extract(QUAY_STATEMENT, "hansard") if f.answers]
    assert [f.response for f in items] == ["accepted", "not accepted", "accepted in part"]
    with rules_off("titled-responses"):
        assert not any(f.answers for f in extract(QUAY_STATEMENT, "hansard"))


# --- a verdict that cites its numbers ("cited-verdicts") ------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The Department accepts recommendations 2 and 5 and will act this year.", ("2", "5")),
        ("On recommendation 4, the Department does not accept that a target helps.", ("4",)),
        ("We agree with recommendation three and have begun.", ("3",)),
        # a heading above the paragraph naming a group is not the answer's own citation
        ("Recommendations 1, 2 and 6\nThe Department accepts recommendation 6 in full.", ("6",)),
        ("The Department welcomes the report and thanks the committee.", ()),
    ],
)
def test_a_verdict_citing_numbers_carries_them(text, keys):
    assert matching._cited({"text": text, "label": None}) == keys
    matching.RULES_OFF.add("cited-verdicts")
    try:
        assert matching._cited({"text": text, "label": None}) == ()
    finally:
        matching.RULES_OFF.discard("cited-verdicts")


# --- a Title Case title whose "response to" names a topic ("title-case-topic", shipped off) -------


def test_a_title_case_topic_after_response_to_when_switched_on():
    title = "Scrutiny Review: Harbour Town Police's Response to Metal Theft"
    assert answers._names_answered(title)  # shipped off: read as round 21 read it
    answers.TITLE_CASE_TOPIC = True
    try:
        assert not answers._names_answered(title)
        assert answers._names_answered("The Force's Response to HMICFRS")
        assert answers._names_answered("Chief Constable's Response to the Panel Review")
    finally:
        answers.TITLE_CASE_TOPIC = False
