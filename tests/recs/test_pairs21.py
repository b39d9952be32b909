"""Report/response pairs, round 20: a reply answering in prose paragraphs, its verdict after a
topic sentence or a restatement, with no number, quote or heading tying it to a recommendation
("answer-paragraphs"; linked by its words, matching's rule "themes"); a decision line answering
the restatement before it ("decision-lines"); a call about legal advice kept, a disclaimer still
dropped ("advice-disclaimer"); and numbered answers linked in the report a response's prose chose
by its words ("themes-pair"). Each rule is also checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import matching_rules_off as _Off
from stores import report_stances as _answered
from stores import store_of_texts

from bot.recs.extract import extract
from bot.recs.extract.replies import answer_paragraphs
from bot.recs.extract.rules import rules_off

# --- a reply answering in prose paragraphs ("answer-paragraphs") --------------------------------

FERRY_REVIEW = (
    "KESTRELMOUTH FERRY SECURITY REVIEW\n\n"
    "Written for the tests of rocu-bot: an invented review of an invented port.\n\n"
    "Report to the Harbour Commissioner, 2 February 2026\n\n"
    "Recommendations\n\n"
    "R1. The port police should search every unaccompanied freight trailer with a sniffer dog "
    "before it boards the night ferry.\n\n"
    "R2. The port police should publish the number of passenger stops each month, broken down "
    "by route.\n\n"
    "R3. The harbour company should replace the broken perimeter cameras on the eastern "
    "breakwater within three months.\n\n"
    "R4. The port police should train every ticket clerk to recognise signs of trafficked "
    "teenagers travelling alone.\n"
)
FERRY_LETTER = (
    "KESTRELMOUTH PORT POLICE\n\n"
    "Written for the tests of rocu-bot: an invented chief officer's letter.\n\n"
    "Harbour Commissioner\nKestrelmouth\n\n"
    "9 March 2026\n\n"
    "Dear Commissioner,\n\n"
    "Thank you for the review and for the care your team took with it.\n\n"
    "The state of the eastern breakwater worried me more than anything else in the report. I "
    "accept your recommendation that the perimeter cameras there be replaced, and the harbour "
    "company has ordered them.\n\n"
    "Then freight. Every unaccompanied trailer boarding the night ferry will be searched with a "
    "sniffer dog from April. I accept this recommendation in part: on two nights a week no dog "
    "handler is on duty and a manual search will be made instead.\n\n"
    "You asked that ticket clerks be trained to recognise trafficked teenagers travelling "
    "alone. I am discussing this with the ferry operator, which employs the clerks.\n\n"
    "Monthly figures on passenger stops by route are a reasonable request and we will publish "
    "them from May. I accept the recommendation.\n\n"
    "Yours sincerely,\n\n"
    "Chief Officer Dafydd Maelor\n"
)


def test_prose_paragraphs_answering_without_numbers_are_answers():
    items = [f for f in extract(FERRY_LETTER, "letter") if f.answers]
    assert [f.response for f in items] == ["accepted", "accepted in part", None, "accepted"]
    # the thanks is no answer
    assert not any("Thank you" in FERRY_LETTER[f.start : f.end] for f in items)
    with rules_off("answer-paragraphs"):
        assert not any(f.answers for f in extract(FERRY_LETTER, "letter"))


def test_prose_answers_link_by_their_words_in_any_order(tmp_path):
    for name, texts in (
        ("report-first", [("ferry-review.txt", FERRY_REVIEW), ("ferry-letter.txt", FERRY_LETTER)]),
        ("letter-first", [("ferry-letter.txt", FERRY_LETTER), ("ferry-review.txt", FERRY_REVIEW)]),
    ):
        folder = tmp_path / name
        folder.mkdir()
        db = store_of_texts(folder, texts)
        assert _answered(db) == [
            ("R1", "accepted in part"),
            ("R2", "accepted"),
            ("R3", "accepted"),
            ("R4", None),
        ]


def test_a_paragraph_answering_several_at_once_or_a_dateline_is_no_answer():
    letter = (
        "Dear Commissioner,\n\n"
        "Written for the tests of rocu-bot: an invented reply.\n\n"
        "The force accepts all four recommendations and answers them together below.\n\n"
        "Agreed at the meeting of the port police committee on 4 May 2026\n\n"
        "On freight searches, the force accepts the recommendation and will use a dog.\n\n"
        "On the cameras, the force accepts the recommendation in part.\n"
    )
    found = answer_paragraphs(letter, "letter")
    assert [letter[f.start : f.end].split()[:2] for f in found] == [
        ["On", "freight"],
        ["On", "the"],
    ]


def test_a_report_is_no_reply():
    # not typed a response or a letter, and saluting no one: no prose answers are read
    assert answer_paragraphs(FERRY_REVIEW, "other") == []


# --- a decision line after a restatement ("decision-lines") ------------------------------------

BOARD_RESPONSE = (
    "MARSHBY CUSTODY PARTNERSHIP BOARD\n\n"
    "Written for the tests of rocu-bot: an invented board's response.\n\n"
    "Response to the independent review of custody healthcare\n\n"
    "1. Our response\n\n"
    "1.1 Nurses at night\n\n"
    "What the review asks: that a nurse is on duty in the custody suite every night of the "
    "week, with mental health support for detainees.\n\n"
    "Board decision: Not accepted. Night cover will stay on call from the hospital.\n\n"
    "1.2 Medicine records\n\n"
    "What the review asks: that every dose given to a detainee is written on the custody "
    "record.\n\n"
    "Board decision: Accepted. The custody record has a medicine field from June.\n"
)


def test_a_decision_line_answers_the_restatement_before_it():
    items = [f for f in extract(BOARD_RESPONSE, "government-response") if f.answers]
    assert [f.response for f in items] == ["not accepted", "accepted"]
    night = BOARD_RESPONSE[items[0].start : items[0].end]
    assert "nurse is on duty" in night and "Not accepted" in night
    # the verdict is the decision's, not the restatement's ("... mental health support": no
    # verdict); the response's own paragraph number ("1.1") is no number of the review's
    assert not night.startswith("1.1")
    with rules_off("decision-lines"):
        parts = [f for f in extract(BOARD_RESPONSE, "government-response") if f.answers]
        assert "Not accepted" not in BOARD_RESPONSE[parts[0].start : parts[0].end]


# --- a call about legal advice ("advice-disclaimer") -------------------------------------------

ADVICE_REPORT = (
    "Written for the tests of rocu-bot: an invented committee report.\n\n"
    "Recommendations\n\n"
    "1. The Ministry should make sure that every witness in a harbour smuggling trial is offered "
    "independent legal advice before giving evidence.\n\n"
    "2. The port police should record every such offer.\n\n"
    "Readers should not treat this report as legal advice.\n"
)


def test_a_call_about_legal_advice_is_kept_and_a_disclaimer_dropped():
    texts = [ADVICE_REPORT[f.start : f.end] for f in extract(ADVICE_REPORT, "committee-report")]
    assert any("independent legal advice" in t for t in texts)
    assert not any("Readers" in t for t in texts)
    with rules_off("advice-disclaimer"):
        texts = [ADVICE_REPORT[f.start : f.end] for f in extract(ADVICE_REPORT, "committee-report")]
        assert not any("independent legal advice" in t for t in texts)


# --- numbers beside prose answers ("themes-pair") ----------------------------------------------

MOORS_REPORT = (
    "Written for the tests of rocu-bot: an invented committee report.\n\n"
    "Rural crime on the moors\n\n"
    "Conclusions and recommendations\n\n"
    "1. The Home Office should fund a rural crime team in every county that has a national "
    "park.\n\n"
    "2. Forces should record sheep worrying by dogs as a crime category of its own.\n\n"
    "3. The Department should pay farmers to fit gates that lock on every moorland track.\n\n"
    "4. Forces should publish quad bike thefts each quarter by parish.\n\n"
    "5. The Home Office should give wildlife officers the power to seize traps on open "
    "moorland.\n\n"
    "6. Forces should train call handlers to ask where on the moor a caller is, using the "
    "grid references printed on footpath signs.\n"
)
MOORS_RESPONSE = (
    "Government Response to the Committee's report on rural crime on the moors\n\n"
    "Written for the tests of rocu-bot: an invented government response.\n\n"
    "Recommendations 2, 3, 5 and 6\n\n"
    "The Government answers these four recommendations together.\n\n"
    "On sheep worrying, the Government accepts the recommendation and dogs attacking sheep will "
    "be recorded as a crime category of its own from April. The change will be made in the "
    "counting rules that every force follows, after a short consultation with the National "
    "Farmers Union and the rural policing leads of each region.\n\n"
    "On moorland gates, the Government does not accept the recommendation: farmers can already "
    "claim for gates that lock on tracks under the existing scheme. Take-up has been low, and "
    "the Department will write to every landowner in the upland areas this summer to explain "
    "how a claim is made and what evidence of cost is needed.\n\n"
    "On traps, the Government accepts the recommendation and wildlife officers will have the "
    "power to seize traps found on open moorland. The power needs primary legislation, which "
    "will be brought forward when parliamentary time allows, with guidance for officers on "
    "storing and destroying what they seize.\n\n"
    "On call handlers, the Government notes the recommendation. Asking callers for the grid "
    "reference on the nearest footpath sign is already in the national call handling guidance, "
    "and the College will remind forces of it when the guidance is next revised.\n\n"
    "Recommendation 1\n\n"
    "The Government accepts in principle that counties with a national park need a rural crime "
    "team, and funding will be settled in the next police grant.\n\n"
    "Recommendation 4\n\n"
    "The Government agrees with this recommendation: forces will publish quad bike thefts every "
    "quarter, parish by parish.\n"
)


def test_numbered_answers_link_beside_prose_answers(tmp_path):
    db = store_of_texts(
        tmp_path, [("moors-report.txt", MOORS_REPORT), ("moors-response.txt", MOORS_RESPONSE)]
    )
    assert [s for _w, s in _answered(db)] == [
        "accepted in principle",
        "accepted",
        "not accepted",
        "accepted",
        "accepted",
        "noted",
    ]


def test_without_themes_pair_the_numbered_answers_are_left(tmp_path):
    with _Off("themes-pair"):
        db = store_of_texts(
            tmp_path, [("moors-report.txt", MOORS_REPORT), ("moors-response.txt", MOORS_RESPONSE)]
        )
        stances = [s for _w, s in _answered(db)]
    # the prose answers link by their words; the two numbered ones do not
    assert stances == ["-", "accepted", "not accepted", "-", "accepted", "noted"]


# --- one answer naming two numbers ("several-named") -------------------------------------------

DOCKS_REPORT = (
    "Written for the tests of rocu-bot: an invented committee report.\n\n"
    "Policing the docks\n\n"
    "Conclusions and recommendations\n\n"
    "1. The Home Office should publish each year the number of containers searched at every "
    "port, by port.\n\n"
    "2. Border Force should explain within six months how it will search more refrigerated "
    "containers.\n\n"
    "3. The port police should patrol the container stacks on foot every night.\n"
)
DOCKS_RESPONSE = (
    "Government Response to the Committee's report on policing the docks\n\n"
    "Written for the tests of rocu-bot: an invented government response.\n\n"
    "Recommendations 1 and 2\n\n"
    "The Government accepts both recommendations. The Home Office will publish the number of "
    "containers searched at every port each year, by port, from next spring.\n\n"
    "Recommendation 3\n\n"
    "The Government accepts this recommendation: foot patrols of the container stacks will run "
    "every night from June.\n"
)


def test_an_answer_naming_two_numbers_answers_both(tmp_path):
    # its words are the first recommendation's: linked to it by its label, and to the second
    # by the number its heading names
    db = store_of_texts(
        tmp_path, [("docks-report.txt", DOCKS_REPORT), ("docks-response.txt", DOCKS_RESPONSE)]
    )
    assert [s for _w, s in _answered(db)] == ["accepted", "accepted", "accepted"]
    with _Off("several-named"):
        folder = tmp_path / "off"
        folder.mkdir()
        db = store_of_texts(
            folder, [("docks-report.txt", DOCKS_REPORT), ("docks-response.txt", DOCKS_RESPONSE)]
        )
        assert [s for _w, s in _answered(db)] == ["accepted", "-", "accepted"]


# --- a report of another police area ("named-places") ------------------------------------------


def test_themes_alone_choose_no_report_of_another_police_area(tmp_path):
    # the same review, made for another force: the letter's words match it as well, but the
    # letter names its own force and the review another
    other = FERRY_REVIEW.replace(
        "KESTRELMOUTH FERRY SECURITY REVIEW", "Gullhaven Police: ferry security review"
    ).replace("Report to the Harbour Commissioner", "Report to the Commissioner for Gullhaven")
    letter = FERRY_LETTER.replace("KESTRELMOUTH PORT POLICE", "Kestrelmouth Police").replace(
        "Harbour Commissioner\nKestrelmouth", "Police and Crime Commissioner for Kestrelmouth"
    )
    db = store_of_texts(tmp_path, [("gull-review.txt", other), ("ferry-letter.txt", letter)])
    assert [s for _w, s in _answered(db)] == ["-", "-", "-", "-"]
    with _Off("named-places"):
        folder = tmp_path / "off"
        folder.mkdir()
        db = store_of_texts(folder, [("gull-review.txt", other), ("ferry-letter.txt", letter)])
        assert [s for _w, s in _answered(db)] != ["-", "-", "-", "-"]


def test_places_of_a_documents_opening():
    from bot.recs.matching import places_of

    assert places_of("Westbridge Independent Police Scrutiny Panel\nWestbridge Police") == {
        "westbridge"
    }
    assert places_of("Report to the Police and Crime Commissioner for Ambermere Vale") == {
        "ambermere vale"
    }
    assert places_of("A review of the Northern Marches region") == {"northern marches"}
    assert places_of("Government response to the Home Affairs Committee") == frozenset()
