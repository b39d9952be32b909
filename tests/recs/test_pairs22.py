"""Report/response pairs, round 21: a table of answers whose verdict column is named anything
("verdict-column"); the prose fallback after every other proposal fell ("fallback-after-
resolving"); a verdict after "On <topic>," ("topic-lead-verdicts"); a report titled "X's response
to <a topic>" that is no response ("response-to-topic"); and, shipped off, a lettered named
label ("lettered-named-labels") and "I accept that ... should have ..." (stance
"first-person-that-have"). Each rule is also checked switched off.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

import pytest
from stores import report_stances as _answered
from stores import store_of_texts

from bot.recs import answers, stance
from bot.recs.extract import extract
from bot.recs.extract.rules import BY_NAME, rules_off

# --- a table of answers with a verdict column ("verdict-column") -------------------------------

LOCK_REVIEW = (
    "# A review of custody lock-ups in the Tarrow Vale force\n\n"
    "Written for the tests of rocu-bot: an invented inspection of an invented force.\n\n"
    "## Recommendations\n\n"
    "**Recommendation 1**\n\n"
    "The force should install a second door-release key in every custody suite by June 2026.\n\n"
    "**Recommendation 2**\n\n"
    "The force should record every cell check on the electronic custody log within ten minutes.\n\n"
    "**Recommendation 3**\n\n"
    "The force should give detainees a leaflet on their rights in the five commonest languages.\n\n"
    "**Recommendation 4**\n\n"
    "The police and crime commissioner should fund an independent custody visitor for each "
    "suite.\n"
)
LOCK_TABLE = (
    "Tarrow Vale force: our answer to the review of custody lock-ups\n\n"
    "Written for the tests of rocu-bot: an invented force's table of answers.\n\n"
    "We thank the reviewers. The table gives our answer to each recommendation.\n\n"
    "No. | Recommendation (short form) | Agreed? | Owner | By\n"
    "1 | A second door-release key in every custody suite | Yes | Custody inspector | June 2026\n"
    "2 | Cell checks recorded on the electronic log within ten minutes | Partly - on day shifts "
    "first | Custody inspector | May 2026\n"
    "3 | Rights leaflets in the five commonest languages | No - a national leaflet is coming | "
    "n/a | n/a\n"
    "4 | An independent custody visitor for each suite | Noted - for the commissioner | "
    "Commissioner | n/a\n"
)
# a report's own table of what it recommends: no column of verdicts
LOCK_REPORT_TABLE = (
    "Summary table (written for the tests of rocu-bot)\n\n"
    "No. | Recommendation (short form) | Owner | By\n"
    "1 | A second door-release key in every custody suite | Custody inspector | June 2026\n"
    "2 | Cell checks recorded on the electronic log within ten minutes | Custody inspector | "
    "May 2026\n"
)


def test_a_verdict_column_named_as_a_question_answers_each_row():
    rows = [f for f in extract(LOCK_TABLE, "government-response") if f.answers]
    assert [(f.label, f.response) for f in rows] == [
        ("Recommendation 1", "accepted"),
        ("Recommendation 2", "accepted in part"),
        ("Recommendation 3", "not accepted"),
        ("Recommendation 4", "noted"),
    ]
    with rules_off("verdict-column"):
        assert not any(f.answers for f in extract(LOCK_TABLE, "government-response"))


def test_a_report_table_with_no_verdicts_answers_nothing():
    assert not any(f.answers for f in extract(LOCK_REPORT_TABLE, "inspection-report"))


def test_yes_and_no_are_verdicts_only_under_a_question():
    plain = LOCK_TABLE.replace("Agreed?", "Reply")
    rows = [f for f in extract(plain, "government-response") if f.answers]
    # "Partly" and "Noted" still give verdicts in two of four rows: below two thirds
    assert rows == []


def test_the_table_rows_link_to_the_report(tmp_path):
    db = store_of_texts(tmp_path, [("lock-review.md", LOCK_REVIEW), ("lock-table.txt", LOCK_TABLE)])
    assert _answered(db) == [
        ("Recommendation 1", "accepted"),
        ("Recommendation 2", "accepted in part"),
        ("Recommendation 3", "not accepted"),
        ("Recommendation 4", "noted"),
    ]


# --- the fallback after every proposal fell ("fallback-after-resolving", shipped off), a topic
# lead before the verdict ("topic-lead-verdicts") ------------------------------------------------


@pytest.fixture
def fallback_on():
    BY_NAME["fallback-after-resolving"].enabled = True
    yield
    BY_NAME["fallback-after-resolving"].enabled = False


MOOR_REVIEW = (
    "OFFICE OF THE COMMISSIONER FOR BRACKENMOOR\n\n"
    "Written for the tests of rocu-bot: an invented scrutiny review.\n\n"
    "Scrutiny review: the force's response to quad bike theft\n\n"
    "Recommendations\n\n"
    "Recommendation 1: The force should mark every quad bike it recovers with a forensic dye "
    "before returning it to its registered keeper.\n\n"
    "Recommendation 2: The force should open a rural theft desk staffed seven days a week.\n\n"
    "Recommendation 3: The force should publish the number of quad bikes recovered each month "
    "on its website, district by district.\n"
)
MOOR_LETTER = (
    "BRACKENMOOR POLICE\n\n"
    "Written for the tests of rocu-bot: an invented chief constable's letter.\n\n"
    "Commissioner for Brackenmoor\n\n"
    "4 May 2026\n\n"
    "Dear Commissioner,\n\n"
    "Thank you for the panel's review, which I have read with care.\n\n"
    "Dye marking has already cut repeat thefts on the upland beats. On marking recovered quad "
    "bikes, we accept that every quad bike we recover should get a forensic mark before "
    "returning it to its registered keeper, and we will start in June.\n\n"
    "Farmers have long asked for one number to ring. On the rural theft desk, we accept in "
    "principle that a desk should be staffed seven days a week, but it will open on weekdays "
    "only until the new call centre is staffed.\n\n"
    "I have weighed carefully the panel's view that the number of quad bikes recovered should "
    "be published on our website each month, district by district. I do not accept that "
    "recommendation: the numbers are too small to publish without identifying the farms "
    "concerned.\n\n"
    "Yours sincerely,\n\n"
    "Chief Constable Morwenna Idris\n"
)


def test_prose_answers_holding_a_call_are_read_after_every_proposal_fell(fallback_on):
    items = [f for f in extract(MOOR_LETTER, "letter") if f.answers]
    assert [f.response for f in items] == ["accepted", "accepted in principle", "not accepted"]
    with rules_off("fallback-after-resolving"):
        assert not any(f.answers for f in extract(MOOR_LETTER, "letter"))


def test_a_verdict_after_a_topic_lead_is_an_answer_not_a_call(fallback_on):
    with rules_off("topic-lead-verdicts"):
        # the two "On <topic>, we accept ... should ..." paragraphs read as calls: one answer
        # left, below the two a reply needs
        assert not any(f.answers for f in extract(MOOR_LETTER, "letter"))


def test_the_letter_links_to_the_review_titled_for_its_topic(tmp_path, fallback_on):
    for order in ("report-first", "letter-first"):
        folder = tmp_path / order
        folder.mkdir()
        docs = [("moor-review.txt", MOOR_REVIEW), ("moor-letter.txt", MOOR_LETTER)]
        db = store_of_texts(folder, docs if order == "report-first" else docs[::-1])
        assert _answered(db) == [
            ("Recommendation 1", "accepted"),
            ("Recommendation 2", "accepted in principle"),
            ("Recommendation 3", "not accepted"),
        ]


# --- a title naming a topic, not what is answered ("response-to-topic") -------------------------


@pytest.mark.parametrize(
    ("title", "response"),
    [
        ("Scrutiny review: the force's response to quad bike theft", False),
        ("Thematic inspection of the Constabulary's response to missing adults", False),
        ("AN INSPECTION OF THE FORCE'S RESPONSE TO DOMESTIC ABUSE", False),
        ("Chief Constable's response to HMICFRS", True),
        ("The Trust's response to the coroner", True),
        ("Brackenmoor Police: our response to the panel's review of quad bike theft", True),
        ("Response to the Commissioner's review", True),
        ("Government response to the Justice Committee", True),
    ],
)
def test_a_possessive_before_response_to_a_topic_names_no_responder(title, response):
    assert answers.is_response_document("other", title, []) is response
    answers.RESPONSE_TO_TOPIC = False
    try:
        assert answers.is_response_document("other", title, []) is (
            response or "response to" in title.lower()
        )
    finally:
        answers.RESPONSE_TO_TOPIC = True


# --- shipped off: a lettered named label, "I accept that ... should have ..." -------------------

MINUTE = (
    "Written for the tests of rocu-bot: an invented minute in the Treasury Minutes' style.\n\n"
    "Government response to the Committee\n\n"
    "1. PAC conclusion: The department cannot say how many seized boats it holds.\n\n"
    "1a. PAC recommendation: The department should count its seized boats by March 2027.\n\n"
    "1.1 The government agrees with this recommendation.\n\n"
    "2. PAC conclusion: Storage of seized boats costs too much.\n\n"
    "2a. PAC recommendation: The department should sell seized boats within a year of seizure.\n\n"
    "2.1 The government disagrees with this recommendation.\n"
)


def test_a_lettered_named_label_is_read_when_switched_on():
    assert not BY_NAME["lettered-named-labels"].enabled  # shipped off: one witness
    BY_NAME["lettered-named-labels"].enabled = True
    try:
        labels = [(f.label, f.response) for f in extract(MINUTE, "government-response")]
    finally:
        BY_NAME["lettered-named-labels"].enabled = False
    assert labels == [("1a", "accepted"), ("2a", "not accepted")]
    assert not any(f.label == "1a" for f in extract(MINUTE, "government-response"))


def test_should_have_a_thing_is_accepted_when_switched_on():
    said = "I accept that every owner should have a named officer to call."
    assert stance.FIRST_PERSON_HAVE in stance.DISABLED  # shipped off: one witness
    assert stance.classify(said) is None
    stance.DISABLED.discard(stance.FIRST_PERSON_HAVE)
    try:
        assert stance.classify(said).stance == "accepted"
        # a finding about the past is still no verdict
        assert stance.classify("I accept that the owner should have been told sooner.") is None
    finally:
        stance.DISABLED.add(stance.FIRST_PERSON_HAVE)


AUDIT_TABLE = (
    "Internal audit of the Tarrow Vale property store (written for the tests of rocu-bot)\n\n"
    "Ref | Finding | Recommendation | Priority | Management response | Target date\n"
    "1 | Seals unchecked | The store manager should check every exhibit seal each quarter. | "
    "High | Agreed. Checks start in July. | July 2026\n"
    "2 | Keys unlogged | The store manager should log every issue of the store keys. | Medium | "
    "Agreed in part. A log for the outer door only. | May 2026\n"
)


def test_a_column_named_a_response_is_left_to_the_reports_own_items():
    found = extract(AUDIT_TABLE, "other")
    assert not any(f.answers for f in found)
    assert not answers.is_response_document("other", "Internal audit", found, AUDIT_TABLE)
