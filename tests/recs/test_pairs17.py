"""Report/response pairs, round 16: a table row answering several numbers ("| 3 and 4 |"), a
restatement citing several numbers in brackets, an answer's heading naming several numbers, an
action plan whose quoting column is named in its own words, and a letter answering by theme
(its paragraphs found, then linked one to one by their distinctive words). Each rule is also
checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import matching_rules_off as _Off
from stores import store_of_texts

from bot.recs import stance
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.matching import match
from bot.recs.tracker import list_recommendations


def _answered(db) -> list[tuple[str | None, str | None]]:
    """(the report item's label, the stance of its response, "-" when none) for each report
    item, in the report's order."""
    return [
        (i.label, (i.responses or [{"stance": "-"}])[0].get("stance"))
        for i in list_recommendations(db)
        if i.role == "report"
    ]


# --- a table row answering several numbers (rule "several-number-rows") -------------------------

COMMITTEE = (
    "# Rural crime: a report of the Fenbury Police and Crime Panel\n\n"
    "Written for the tests of rocu-bot: an invented panel and an invented report.\n\n"
    "## Recommendations\n\n"
    "1. The force should appoint a rural crime sergeant in each of its three districts.\n"
    "2. The force should publish each quarter the number of farm machinery thefts it records.\n"
    "3. Neighbourhood inspectors should meet the farming unions in their district twice a year.\n"
    "4. The force should offer every farm that reports a theft a crime prevention visit within "
    "ten days.\n"
    "5. The Commissioner should fund tracking devices for quad bikes in the upland parishes.\n"
)
REPLY_TABLE = (
    "# Fenbury Police: response to the panel's report on rural crime\n\n"
    "Written for the tests of rocu-bot: an invented reply from an invented force.\n\n"
    "The table below gives our response to each recommendation, in the panel's numbering.\n\n"
    "| No. | Response | Status |\n"
    "|---|---|---|\n"
    "| 1 | A sergeant now leads rural crime in each district, from the spring. | Accepted |\n"
    "| 2 | Thefts of farm machinery will be published with the quarterly crime figures. | "
    "Accepted |\n"
    "| 3 and 4 | District inspectors will meet farmers and offer prevention visits as demand "
    "allows; we cannot promise a visit within ten days. | Accepted in part |\n"
    "| 5 | This is a matter for the Commissioner, who will reply separately. | Noted |\n"
)


def test_a_row_naming_two_numbers_is_one_item_labelled_with_both():
    items = extract(REPLY_TABLE, "government-response")
    labels = [f.label for f in items]
    assert "Recommendations 3 and 4" in labels
    assert len(labels) == 4
    with rules_off("several-number-rows"):
        labels = [f.label for f in extract(REPLY_TABLE, "government-response")]
        assert "Recommendations 3 and 4" not in labels and len(labels) == 3


def test_a_row_naming_two_numbers_answers_both(tmp_path):
    db = store_of_texts(tmp_path, [("panel.md", COMMITTEE), ("reply.md", REPLY_TABLE)])
    assert [s for _label, s in _answered(db)] == [
        "accepted",
        "accepted",
        "accepted in part",
        "accepted in part",
        "noted",
    ]


# --- a restatement citing several numbers in brackets (rule "cited-parts") ----------------------

INQUIRY = (
    "The Harrowgate Bridge Inquiry: report\n\n"
    "Written for the tests of rocu-bot: an invented inquiry into an invented collapse.\n\n"
    "Recommendations\n\n"
    "Recommendation 1\n\n"
    "The Department for Transport should require every council to inspect its footbridges over "
    "railways once a year.\n\n"
    "Recommendation 2\n\n"
    "Network Rail should share its bridge strike records with the council that owns the bridge "
    "within a week of each strike.\n\n"
    "Recommendation 3\n\n"
    "Until Recommendation 1 takes effect, councils should close any footbridge whose last "
    "inspection is more than three years old.\n"
)
INQUIRY_REPLY = (
    "Government Response to the Harrowgate Bridge Inquiry\n\n"
    "Written for the tests of rocu-bot: an invented response to an invented inquiry.\n\n"
    "Inspection of footbridges\n\n"
    "The Chair recommended that the Department for Transport should require every council to "
    "inspect its footbridges over railways once a year (Recommendation 1), and that, until "
    "then, councils should close any footbridge not inspected for more than three years "
    "(Recommendation 3).\n\n"
    "Government response to Recommendations 1 and 3: Accepted. Annual inspection will be a "
    "condition of the bridge maintenance grant from next April.\n\n"
    "Bridge strikes\n\n"
    "Recommendation 2: Network Rail should share its bridge strike records with the council "
    "that owns the bridge within a week of each strike.\n\n"
    "Government response: Accepted in principle. Network Rail will agree a timetable with the "
    "councils.\n"
)


def test_a_restatement_citing_two_numbers_gives_one_item_each():
    items = extract(INQUIRY_REPLY, "government-response")
    cited = [f for f in items if f.label in ("Recommendation 1", "Recommendation 3")]
    assert [f.label for f in cited] == ["Recommendation 1", "Recommendation 3"]
    assert INQUIRY_REPLY[cited[1].start : cited[1].end].startswith("and that, until then")
    assert [f.response for f in cited] == ["accepted", "accepted"]
    with rules_off("cited-parts"):
        labels = [f.label for f in extract(INQUIRY_REPLY, "government-response")]
        assert "Recommendation 3" not in labels


def test_a_restatement_citing_two_numbers_answers_both(tmp_path):
    db = store_of_texts(tmp_path, [("inquiry.txt", INQUIRY), ("response.txt", INQUIRY_REPLY)])
    assert [s for _label, s in _answered(db)] == ["accepted", "accepted in principle", "accepted"]


def test_one_bracketed_number_leaves_the_paragraph_whole():
    one = INQUIRY_REPLY.replace(" (Recommendation 1)", "")
    items = [f for f in extract(one, "government-response") if f.label == "Recommendation 3"]
    assert not items


# --- an answer's heading naming several numbers (stance "several-heading") ----------------------


def test_a_heading_naming_two_numbers_is_read_past():
    said = "Government response to Recommendations 4 and 6: Accepted. Work began in May."
    assert stance.classify(said).stance == "accepted"
    assert stance.classify("**Response to recommendations 2, 3 and 5:** Not accepted.").stance == (
        "not accepted"
    )
    stance.DISABLED.add(stance.SEVERAL_HEADING)
    try:
        assert stance.classify(said) is None
    finally:
        stance.DISABLED.discard(stance.SEVERAL_HEADING)


# --- an action plan's quoting column named in its own words (rule "unnamed-plan-column") --------

REVIEW_OF_DOGS = (
    "Inspection of the dog section of Oakhurst Police\n\n"
    "Written for the tests of rocu-bot: an invented force and inspection.\n\n"
    "Recommendations\n\n"
    "Recommendation 1: By 1 May 2026, the force should make sure every general purpose dog is "
    "licensed again each year by a qualified assessor.\n\n"
    "Recommendation 2: The force should replace the kennels at Marsh Lane before next winter.\n\n"
    "Areas for improvement\n\n"
    "Area for improvement 1: The force should record each time a dog bites someone and review "
    "every bite within a week.\n\n"
    "Area for improvement 2: The force should make sure handlers take their rest days.\n"
)
DOG_PLAN = (
    "Oakhurst Police: dog section action plan\n\n"
    "Written for the tests of rocu-bot: an invented plan of an invented force.\n\n"
    "| Ref | What the inspectors asked of us | Our action | Owner | Target date |\n"
    "|---|---|---|---|---|\n"
    "| AFI 1 | The inspectors said we should log every dog bite and look at each one within "
    "a week. | Accepted. Bites are now logged on the duty system. | Dog section inspector | "
    "Done |\n"
    "| R2 | The inspectors asked that the kennels at Marsh Lane be rebuilt before the winter. | "
    "Accepted in part. The roof is being replaced now; the rest waits for funding. | Estates "
    "manager | March 2027 |\n"
    "| R1 | Each general purpose dog is to be licensed again every year by a qualified "
    "assessor. | Two assessors have been trained and the first dogs licensed. | Training "
    "manager | 1 May 2026 |\n"
)


def test_a_plan_column_in_its_own_words_gives_its_rows():
    items = extract(DOG_PLAN, "other")
    assert [f.label for f in items] == ["AFI 1", "R2", "R1"]
    assert [f.response for f in items] == ["accepted", "accepted in part", None]
    assert all(f.answers for f in items)
    with rules_off("unnamed-plan-column"):
        assert extract(DOG_PLAN, "other") == []


def test_a_plan_column_in_its_own_words_needs_a_reference_column():
    no_refs = DOG_PLAN.replace("| Ref |", "| Item |").replace("| AFI 1 |", "| First |")
    assert not any(f.label == "AFI 1" for f in extract(no_refs, "other"))


def test_a_plan_in_its_own_words_answers_its_inspection(tmp_path):
    db = store_of_texts(tmp_path, [("inspection.txt", REVIEW_OF_DOGS), ("plan.md", DOG_PLAN)])
    answered = dict(_answered(db))
    assert answered["Recommendation 1"] is None  # linked; the row states no verdict
    assert answered["Recommendation 2"] == "accepted in part"
    assert answered["Area for improvement 1"] == "accepted"
    assert answered["Area for improvement 2"] == "-"


# --- a letter answering by theme (rules "theme-paragraphs" and "themes") ------------------------

LIBRARY_REVIEW = (
    "Review of the Westerleigh custody suite\n\n"
    "Written for the tests of rocu-bot: an invented review by an invented commissioner's "
    "office.\n\n"
    "Recommendations\n\n"
    "R1. The custody suite should offer every detainee a hot meal within four hours of arrival.\n\n"
    "R2. The force should install a hearing loop at the booking-in desk and train custody "
    "officers to use it.\n\n"
    "R3. Custody sergeants should record in writing why a child is kept overnight rather than "
    "transferred to council accommodation.\n\n"
    "R4. The force should publish a yearly report on deaths and serious injuries in custody.\n"
)
THEME_LETTER = (
    "Westerleigh Police\n"
    "Office of the Chief Constable\n\n"
    "Written for the tests of rocu-bot: an invented letter from an invented force.\n\n"
    "3 June 2026\n\n"
    "Dear Commissioner,\n\n"
    "Custody review\n\n"
    "Thank you for the review of our custody suite. I am grateful to your team for their work, "
    "and I take the points by theme.\n\n"
    "Children kept overnight\n\n"
    "We accept that sergeants must write down why a child stays in the cells overnight instead "
    "of moving to council accommodation. The custody record now has a field for it, and the "
    "duty inspector checks each entry before the end of the shift. Two social workers from the "
    "emergency duty team have visited the suite to explain what the council can offer at "
    "night, and we are drafting a protocol with them.\n\n"
    "Hearing loop\n\n"
    "I agree that a hearing loop at the booking-in desk is overdue. One was fitted in May, and "
    "every officer on the four custody teams has been shown how it works. We have also asked "
    "the local deaf association to test it and tell us what else would help people who use "
    "sign language.\n\n"
    "Meals\n\n"
    "We accept the recommendation on meals. Detainees are now offered a hot meal within four "
    "hours of arrival, and the suite keeps halal, kosher and vegetarian options. A supplier "
    "was chosen in April after a short tender, and the first invoices are being checked.\n\n"
    "I look forward to discussing the review at the next board.\n\n"
    "Yours sincerely,\n\n"
    "Chief Constable\n"
)


def test_a_letters_theme_paragraphs_are_its_items():
    items = extract(THEME_LETTER, "letter")
    texts = [" ".join(THEME_LETTER[f.start : f.end].split()) for f in items]
    assert [t.split(" ", 2)[:2] for t in texts] == [
        ["Children", "kept"],
        ["Hearing", "loop"],
        ["Meals", "We"],
    ]
    assert all(f.answers for f in items)
    # (round 20's fallback "answer-paragraphs" reads most of them as prose answers: both off)
    with rules_off("theme-paragraphs", "answer-paragraphs"):
        assert extract(THEME_LETTER, "letter") == []


def test_a_letters_opening_and_closing_are_no_items():
    items = extract(THEME_LETTER, "letter")
    texts = " ".join(THEME_LETTER[f.start : f.end] for f in items)
    assert "Thank you" not in texts and "look forward" not in texts


def test_a_letter_answering_by_theme_links_one_to_one(tmp_path):
    db = store_of_texts(tmp_path, [("review.txt", LIBRARY_REVIEW), ("letter.txt", THEME_LETTER)])
    assert [(label, s != "-") for label, s in _answered(db)] == [
        ("R1", True),
        ("R2", True),
        ("R3", True),
        ("R4", False),  # not answered: nothing links to it
    ]


def test_themes_off_links_nothing(tmp_path):
    with _Off("themes"):
        db = store_of_texts(
            tmp_path, [("review.txt", LIBRARY_REVIEW), ("letter.txt", THEME_LETTER)]
        )
        assert all(s == "-" for _label, s in _answered(db))
    hows = {r["how"] for r in db.query("select how from recommendation_links")}
    assert hows <= {"theme"}


def _it(key: str, doc: str, text: str, label: str | None = None) -> dict:
    return {"key": key, "doc_id": doc, "text": text, "label": label}


REPORT = [
    _it(
        "r1",
        "rep",
        "The force should offer every detainee a hot meal within four hours of "
        "arrival at the custody suite.",
    ),
    _it(
        "r2",
        "rep",
        "The force should install a hearing loop at the booking-in desk and train "
        "custody officers to use it.",
    ),
    _it(
        "r3",
        "rep",
        "Custody sergeants should record in writing why a child is kept overnight "
        "rather than transferred to council accommodation.",
    ),
]


CHILD = _it(
    "k",
    "resp",
    "Children overnight: sergeants record in writing why each child is kept overnight and not "
    "moved to council accommodation.",
)


def test_an_answer_as_near_to_two_items_links_to_neither():
    # it shares as many distinctive words with the meal as with the hearing loop
    both = _it(
        "x",
        "resp",
        "Meals and hearing loops: detainees offered meals within hours; a "
        "loop installed at booking desks.",
    )
    with _Off("quoted-words"):  # (the rule for part quotes; it reads a short item alone)
        assert match([both], [dict(r) for r in REPORT]) == []


def test_two_answers_to_one_item_go_to_the_clearer():
    one = _it(
        "a",
        "resp",
        "Hearing loop: a loop is installed at the booking-in desk and "
        "custody officers are trained to use it.",
    )
    vaguer = _it(
        "b", "resp", "Custody officers: a hearing loop is installed and officers are trained."
    )
    meal = _it(
        "c", "resp", "Meals: every detainee is offered a hot meal within four hours of arrival."
    )
    with _Off("quoted-words"):
        found = match([one, vaguer, meal, dict(CHILD)], [dict(r) for r in REPORT])
    links = {(a, b) for a, b, _s, _how in found}
    assert ("a", "r2") in links and ("c", "r1") in links and ("k", "r3") in links
    assert not any(a == "b" for a, _b in links)


def _meal_and_loop_answers() -> list[dict]:
    """A response's answers on the meal and the hearing loop, by theme (a new list each call)."""
    return [
        _it(
            "c",
            "resp",
            "Meals: every detainee is offered a hot meal within four hours of "
            "arrival at the suite.",
        ),
        _it(
            "a",
            "resp",
            "Hearing loop: a loop is installed at the booking-in desk and custody "
            "officers are trained to use it.",
        ),
    ]


def test_themes_choose_one_report_of_the_library():
    other = [
        _it(
            "o1",
            "other",
            "The council should light every footpath between the station and the town centre.",
        ),
        _it(
            "o2",
            "other",
            "The council should publish the times its street lights switch off in each ward.",
        ),
        _it("o3", "other", "The council should trim the hedges that hide the footpath signs."),
    ]
    answers = _meal_and_loop_answers()
    with _Off("quoted-words"):
        found = match(answers + [dict(CHILD)], [dict(r) for r in REPORT] + other)
        two = match(answers, [dict(r) for r in REPORT] + other)
    assert {(a, b, how) for a, b, _s, how in found} == {
        ("c", "r1", "theme"),
        ("a", "r2", "theme"),
        ("k", "r3", "theme"),
    }
    assert two == []  # two items linked by theme alone are too few to pair (THEME_ALONE_MIN)


def test_themes_need_a_margin_between_reports():
    # a second report on custody shares the meal and the loop: the letter's items link into
    # neither (no report leads by ``THEME_MARGIN``); with a clear lead they link
    twin = [
        _it(
            "t1",
            "twin",
            "The force should offer every detainee a hot meal within four hours "
            "of arrival at the custody suite.",
        ),
        _it(
            "t2",
            "twin",
            "The force should install a hearing loop at the booking-in desk and "
            "train custody officers to use it.",
        ),
        _it("t3", "twin", "The force should repaint the exercise yard."),
    ]
    answers = _meal_and_loop_answers()
    answers.append(CHILD)
    with _Off("quoted-words"):
        tied = match([dict(a) for a in answers], [dict(r) for r in REPORT] + twin)
        alone = match([dict(a) for a in answers], [dict(r) for r in REPORT] + twin[2:])
    assert tied == []  # 3 links against 2: no lead of THEME_MARGIN
    assert {(a, b) for a, b, _s, _h in alone} == {("c", "r1"), ("a", "r2"), ("k", "r3")}
