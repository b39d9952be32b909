"""Extraction rules on sentences written in the style of inquiry reports, committee reports,
government responses and speeches (none copied from the measured documents)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.recs.addressees import canonical
from bot.recs.deadlines import find_deadline
from bot.recs.extract import extract, noun_phrase, stance
from bot.recs.summary import summarise


def texts(text: str, doc_type: str | None = "inquiry-report") -> list[str]:
    return [" ".join(text[f.start : f.end].split()) for f in extract(text, doc_type)]


# --- labelled recommendations -------------------------------------------------------------------

INQUIRY = """Chapter 4: Tasking

4.12. The units were tasked by five different bodies. See Recommendation 2. This cannot continue.
Recommendation 2: One tasking route for regional units The Home Office should set a single \
tasking route for regional units.

The route should be published within six months of this Report.

4.13. Witnesses described the confusion this caused.

Appendix 2: List of recommendations

Recommendation 1: Stable funding
The Home Office should agree a three-year funding settlement for regional units.

Recommendation 2: One tasking route for regional units The Home Office should set a single \
tasking route for regional units.

The route should be published within six months of this Report.
"""


def test_labelled_recommendations_are_found_once_each_without_their_titles():
    found = texts(INQUIRY)
    assert found == [
        "The Home Office should agree a three-year funding settlement for regional units.",
        "The Home Office should set a single tasking route for regional units. The route "
        "should be published within six months of this Report.",
    ]


def test_a_reference_to_a_recommendation_is_not_a_label():
    text = "We return to this in Recommendation 4: the point stands.\n\nThe sky is blue."
    assert texts(text, "other") == []


# --- government responses -----------------------------------------------------------------------

RESPONSE = """Government Response to the Home Affairs Committee

Committee Recommendation
7.1. We recommend that the Home Office publish the funding formula for regional units (paragraph \
3.4).

The Government accepts this recommendation. The Home Office will publish the formula in spring.

Committee Recommendation
7.2. The evidence on diversion schemes is thin. We recommend that the College of Policing \
evaluate them and, where they work, issue guidance.

The Government accepts this recommendation in part. The College will evaluate two schemes.

Committee Recommendation
7.3. We urge the Treasury to ring-fence the grant for three years.

The Government does not accept this recommendation. Funding is settled at each Spending Review.

Committee Recommendation
7.4. Chief constables should review how they record county lines referrals.

The Government notes the Committee's view.
"""


def test_each_quoted_recommendation_is_taken_once_with_the_response_beside_it():
    found = extract(RESPONSE, "government-response")
    got = [(RESPONSE[f.start : f.end].split()[0:4], f.response) for f in found]
    assert got == [
        (["We", "recommend", "that", "the"], "accepted"),
        (["We", "recommend", "that", "the"], "accepted in part"),
        (["We", "urge", "the", "Treasury"], "not accepted"),
        (["Chief", "constables", "should", "review"], "noted"),
    ]
    assert found[0].response_text.startswith("The Government accepts this recommendation")
    # The response's own commitments ("The Home Office will publish") are not recommendations.
    assert not any("will publish" in RESPONSE[f.start : f.end] for f in found)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The Government accepts this recommendation.", "accepted"),
        ("The Government partially accepts this recommendation.", "accepted in part"),
        ("The Department does not accept the recommendation.", "not accepted"),
        ("The Government rejects this recommendation.", "not accepted"),
        ("The Government notes the recommendation.", "noted"),
        ("The Government agrees with the Committee.", "accepted"),
    ],
)
def test_the_response_stance(sentence, expected):
    assert stance(sentence) == expected


# --- recommendations sections -------------------------------------------------------------------

SECTION = """Summary of recommendations

Funding

1\\. The Home Office should agree a three-year settlement for regional units.

2\\. Police and crime commissioners should publish their regional budgets.

Recommendations to the Ministry of Justice

3\\. Review the guidance on remote hearings within six months.

4\\. Publish the number of hearings adjourned for want of a courtroom.
"""


def test_numbered_items_under_topic_headings_in_a_recommendations_section_all_count():
    found = extract(SECTION, "committee-report")
    assert len(found) == 4
    assert [f.actors for f in found] == [
        ["The Home Office"],
        ["Police and crime commissioners"],
        ["the Ministry of Justice"],  # from the heading above the items
        ["the Ministry of Justice"],
    ]


def test_a_conclusions_paragraph_keeps_its_calls_beside_we_recommend():
    """A summarised paragraph that says "we recommend" also makes its other calls (the tuning
    half's committee reports count them); a list introduced by a finding is none."""
    text = (
        "Conclusions and recommendations\n\n"
        "8.4. Local schemes may offer a useful test bed. The Department should evaluate them "
        "properly. To this end, we recommend that the Government publish an evaluation "
        "framework.\n\n"
        "8.5. Good evaluation requires that:\n\n"
        "• outcomes should be defined at the start;\n\n"
        "• funding should be set aside for it.\n"
    )
    assert texts(text, "committee-report") == [
        "The Department should evaluate them properly.",
        "To this end, we recommend that the Government publish an evaluation framework.",
    ]


# --- recommending words, and what is not a recommendation --------------------------------------


def test_shall_agreement_and_adoption_are_recommendations():
    text = (
        "The Secretary of State shall lay a report before Parliament each year. "
        "I entirely agree with this view and recommend that the Civil Justice Council review "
        "the costs rules. The panel considered the proposed register and recommend that it be "
        "adopted."
    )
    found = extract(text, "inquiry-report")
    assert len(found) == 3
    assert [f.actors for f in found] == [
        ["The Secretary of State"],
        ["the Civil Justice Council"],
        [],  # "it" is the register, nobody is invented
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ofcom suggest that platforms should remove such posts within a day.",
        "Sir Nick said the force should apologise to the family.",
        "Should the newspaper win its appeal, the costs will fall on the claimant.",
        "I should record my thanks to the secretariat for their work.",
        "We should add that the witnesses were candid.",
        "The chief constable told us that officers must attend within the hour.",
    ],
)
def test_reported_words_and_non_call_modals_are_not_recommendations(sentence):
    assert texts(sentence) == []


def test_duties_in_a_code_of_practice_are_not_recommendations():
    code = (
        "Officers should record the grounds for every search. A constable must explain the "
        "reason for the search before it begins."
    )
    assert texts(code, "other") == []
    assert len(texts(code, "inspection-report")) == 2


# --- addressees ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, actors",
    [
        (
            "The Information Commissioner's Office should issue guidance on body-worn video.",
            ["The Information Commissioner's Office"],
        ),
        ("Ofcom should require platforms to report their removals.", ["Ofcom"]),
        (
            "The Police Service should adopt one definition of a missing person.",
            ["The Police Service"],
        ),
        (
            "For all major incidents, the governments of England and Wales should publish a "
            "debrief.",
            ["the governments of England", "Wales"],
        ),
        (
            "The Home Office, working with the National Crime Agency, should set out a plan.",
            ["The Home Office", "the National Crime Agency"],
        ),
        (
            "The Home Office should, in consultation with chief constables, set out a plan.",
            ["The Home Office"],
        ),
        (
            "We recommend that, at the earliest opportunity, the Cabinet Secretary appoint a lead.",
            ["the Cabinet Secretary"],
        ),
        (
            "We urge the Department for Education, in particular, to fund the pilots.",
            ["the Department for Education"],
        ),
        ("The strategy should be reviewed every year.", []),
    ],
)
def test_addressees_are_any_named_body_in_the_calls_subject(sentence, actors):
    found = extract(sentence, "committee-report")
    assert len(found) == 1 and found[0].actors == actors


def test_noun_phrase_refuses_things_that_are_not_bodies():
    assert noun_phrase("the reports should include") is None
    assert noun_phrase("this revised structure should") is None
    assert noun_phrase("the UK government and devolved administrations should") == (
        "the UK government and devolved administrations"
    )


def test_acronym_addressees_are_normalised_through_the_known_names():
    assert canonical("the NCA") == "National Crime Agency"
    assert canonical("HMICFRS") == canonical("the Inspectorate")


# --- deadlines ----------------------------------------------------------------------------------

PUBLISHED = dt.date(2024, 7, 18)


@pytest.mark.parametrize(
    "sentence, words, due",
    [
        (
            "publish it within 12 months of the publication of this Report.",
            "within 12 months of the publication of this Report",
            dt.date(2025, 7, 18),
        ),
        (
            "report within three months of the end of the exercise.",
            "within three months of the end of the exercise",
            None,
        ),
        ("take immediate steps to secure the data.", "take immediate steps", None),
        ("act immediately.", "immediately", None),
        ("lay the order as soon as is practicable.", "as soon as is practicable", None),
        ("publish it by the end of 2025.", "by the end of 2025", dt.date(2025, 12, 31)),
        ("legislate before the next general election.", "before the next general election", None),
        ("consult before March 2026.", "before March 2026", dt.date(2026, 2, 28)),
        ("appoint a lead at the earliest opportunity.", "at the earliest opportunity", None),
        ("publish by 31 March 2025.", "by 31 March 2025", dt.date(2025, 3, 31)),
    ],
)
def test_deadlines_are_kept_as_written_with_a_due_date_where_one_follows(sentence, words, due):
    deadline = find_deadline(sentence, PUBLISHED)
    assert deadline is not None and deadline.text == words and deadline.due == due


def test_a_recurrence_is_not_a_deadline():
    assert find_deadline("hold an exercise at least every three years.", PUBLISHED) is None


# --- summaries ----------------------------------------------------------------------------------


def test_summaries_keep_bracketed_qualifiers_and_subsection_numbers():
    summary = summarise(
        "The Home Office should restrict the sale of such knives (without necessarily "
        "specifying a blanket ban) and amend section 52(1) of the Act (paragraph 4.16)."
    )
    assert "(without necessarily specifying a blanket ban)" in summary
    assert "section 52(1)" in summary
    assert "paragraph 4.16" not in summary


# --- stored through the ingest pipeline -----------------------------------------------------------


def test_a_responses_answer_is_stored_beside_each_quoted_recommendation(tmp_path):
    from bot.library.ingest import ingest
    from bot.library.store import open_db
    from bot.recs.tracker import list_recommendations

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "response.txt").write_text(RESPONSE)
    db = open_db(tmp_path / "store.db")
    ingest(db, [folder])
    assert db["documents"].get(list(db["documents"].rows)[0]["id"])["type"] == (
        "government-response"
    )
    recs = sorted(list_recommendations(db), key=lambda r: r.start)
    assert [r.response for r in recs] == ["accepted", "accepted in part", "not accepted", "noted"]
    assert recs[2].addressees == ["HM Treasury"]


def test_the_migration_renames_old_document_types(tmp_path):
    from bot.library.store import open_db
    from bot.recs import storing

    db = open_db(tmp_path / "store.db")
    db["documents"].insert(
        {
            "id": "old",
            "file": "old.txt",
            "path": "/x/old.txt",
            "title": "Old",
            "type": "report",
            "text": "Nothing to see.",
            "content_hash": "h",
            "guessed": "[]",
        },
        alter=True,
    )
    storing._responses_and_types(db)
    assert db["documents"].get("old")["type"] == "other"
    assert {"response", "response_text"} <= set(db["recommendations"].columns_dict)


def test_news_reporting_a_committees_recommendation_makes_none():
    story = (
        "The committee recommends that the Home Office should set one tasking route. "
        "The chair said forces must act now."
    )
    assert texts(story, "news") == []
    assert texts("I recommend that every force publishes its response times.", "speech") == [
        "I recommend that every force publishes its response times."
    ]


def test_a_recommendation_inside_quotation_marks_is_reported():
    assert texts("“We recommend urgent action,” the chief constable told us.") == []


def test_a_response_title_naming_the_report_is_still_a_response():
    raw = (
        "Government Response to the Southport Bridge Inquiry Report\n\n"
        "Presented to Parliament by Command of His Majesty\n\n" + BODY_TEXT
    )
    from bot.library.cleaning import clean
    from bot.library.metadata import guess_type

    assert guess_type(clean(raw), "r.txt", raw) == "government-response"


BODY_TEXT = "Regional units bring together specialist capabilities that forces lack.\n\n" * 3


def test_a_response_without_a_verdict_keeps_its_words_but_no_stance():
    text = (
        "Committee Recommendation\n\n"
        "5.1. We recommend that the Home Office publish the formula for the grant.\n\n"
        "5.2. We further recommend that it consult forces on the\n\n"
        "weighting of rural areas.\n\n"
        "Funding formulas are reviewed at each Spending Review. The Home Office will consult.\n\n"
        "Committee Recommendation\n\n"
        "5.3. We urge the College of Policing to publish its evaluation.\n\n"
        "The Government accepts this recommendation.\n"
    )
    found = extract(text, "government-response")
    assert len(found) == 3
    assert found[1].response is None
    assert found[1].response_text.startswith("Funding formulas are reviewed")
    assert "weighting of rural areas" in text[found[1].start : found[1].end]
    assert found[2].response == "accepted"
    # The response's own "will consult" is not a recommendation.
    assert not any("will consult" in text[f.start : f.end] for f in found)


def test_a_labelled_quote_ends_where_a_response_without_a_verdict_begins():
    text = (
        "Recommendation 1: Stable funding\n\n"
        "The Home Office should agree a three-year settlement for regional units.\n\n"
        "The government accepts this recommendation.\n\n"
        "Recommendation 2: Shared analysts\n\n"
        "Regional units should share analysts across forces.\n\n"
        "Analysts are already shared in four regions, and a pilot began in May.\n"
    )
    found = extract(text, "government-response")
    assert [text[f.start : f.end] for f in found] == [
        "The Home Office should agree a three-year settlement for regional units.",
        "Regional units should share analysts across forces.",
    ]
    assert [f.response for f in found] == ["accepted", None]
    assert found[1].response_text.startswith("Analysts are already shared")


# --- rules generalised on held-out documents ----------------------------------------------------


def test_areas_for_improvement_are_labelled_like_recommendations():
    text = (
        "Recommendation 1\n\nBy 1 May 2026, the constabulary should review how it grades calls.\n\n"
        "Area for improvement 1\n\nThe constabulary should improve how it supervises "
        "investigations.\n\nWe found gaps in supervision in a third of cases.\n"
    )
    assert texts(text, "inspection-report") == [
        "By 1 May 2026, the constabulary should review how it grades calls.",
        "The constabulary should improve how it supervises investigations.",
    ]


def test_an_areas_for_improvement_section_beside_labelled_recommendations():
    text = (
        "Recommendation: The trust should publish its waiting times.\n\n"
        "Areas for improvement\n\n- Staff should record each referral.\n"
        "- The trust should audit its discharge letters.\n\n"
        "4. Health care\n\n4.1 Staff told us they should have more time.\n"
    )
    assert texts(text, "inspection-report") == [
        "The trust should publish its waiting times.",
        "Staff should record each referral.",
        "The trust should audit its discharge letters.",
    ]


def test_a_title_is_not_cut_inside_a_name():
    text = (
        "Recommendation 4: Sharing intelligence\nBy 30 June 2026, the National Police Chiefs' "
        "Council should agree a national process.\n"
    )
    found = extract(text, "inspection-report")
    assert texts(text, "inspection-report")[0].startswith("By 30 June 2026, the National Police")
    assert found[0].actors == ["the National Police Chiefs' Council"]


def test_a_run_in_title_ends_before_a_named_body():
    text = (
        "Recommendation 2: Faster charging decisions Crown prosecutors should decide within a week."
    )
    assert texts(text) == ["Crown prosecutors should decide within a week."]


def test_a_quoted_heading_run_into_the_line_before():
    text = (
        "Government response to the Lords Committee report\n\n"
        "The Government notes the point. More detail follows in annex A Lords Committee "
        "Recommendation 4.2. We recommend that the Department publishes its data.\n\n"
        "The Government agrees and will publish in May.\n"
    )
    found = extract(text, "government-response")
    assert [" ".join(text[f.start : f.end].split()) for f in found] == [
        "We recommend that the Department publishes its data."
    ]
    assert found[0].response == "accepted"


def test_a_response_quoting_numbered_paragraphs_without_headings():
    text = (
        "Government response\n\nThe Committee's recommendations are followed by our replies.\n\n"
        "4. The Department should publish a plan for rural bus services. (Paragraph 30)\n\n"
        "We accept this recommendation. A plan will follow in the spring.\n\n"
        "7. The Department should fund a pilot of demand-responsive transport. (Paragraph 41)\n\n"
        "Not accepted. Existing funds can be used for pilots.\n"
    )
    found = extract(text, "government-response")
    assert [f.response for f in found] == ["accepted", "not accepted"]
    assert " ".join(text[found[1].start : found[1].end].split()).startswith("The Department should")


@pytest.mark.parametrize(
    "sentence",
    [
        "The Committee calls on the Welsh Government to fund the scheme.",
        "I would ask that the force publishes its figures.",
        "I would be grateful if you could set out the costs.",
        "The Panel believes that the Ministry should review the rules.",
    ],
)
def test_calls_in_committee_and_letter_styles(sentence):
    assert texts(sentence, "letter") == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "I will raise it with the board, because I believe that victims should be told.",
        "Our recommendations are highlighted in bold.",
        "Witnesses believe that the Ministry should review the rules.",
    ],
)
def test_reasons_and_reported_views_are_not_calls(sentence):
    assert texts(sentence, "committee-report") == []


def test_a_sentence_about_the_thing_asked_joins_the_call():
    text = (
        "Conclusions and recommendations\n\n"
        "3. The Ministry should commission a review of court fees. The review should report "
        "within a year. The Welsh Government should fund advice services. (Paragraph 9)\n"
    )
    assert texts(text, "committee-report") == [
        "The Ministry should commission a review of court fees. The review should report within "
        "a year.",
        "The Welsh Government should fund advice services.",
    ]


def test_a_call_with_a_list_in_a_recommendations_section_is_one():
    text = (
        "Recommendations\n\nBy 31 March 2026, the service should:\n"
        "• train its staff; and\n• publish its inspection programme.\n"
    )
    assert texts(text, "inspection-report") == [
        "By 31 March 2026, the service should: • train its staff; and • publish its inspection "
        "programme."
    ]


def test_both_bodies_in_recommend_that_and_that():
    text = "We recommend that each council appoints a lead, and that the Home Office funds them."
    assert extract(text, "committee-report")[0].actors == ["each council", "the Home Office"]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Forces should act with immediate effect.", "with immediate effect"),
        ("The Department should, as a matter of urgency, review it.", "as a matter of urgency"),
        (
            "In its response to this report, the Government should explain.",
            "In its response to this report",
        ),
        (
            "The Ministry must act before the current lease expires in 2028.",
            "before the current lease expires in 2028",
        ),
    ],
)
def test_more_deadline_phrases(sentence, words):
    assert find_deadline(sentence, dt.date(2025, 1, 1)).text == words


def test_before_a_place_is_not_a_deadline():
    assert find_deadline("Officers should appear before the Committee to explain.", None) is None
