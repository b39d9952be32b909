"""Report/response pairs, round 19: a reply letter naming each recommendation by a heading that
holds only its number ("Recommendation 4", "Recommendations 1 and 3") and answering beneath it;
an action plan whose action column is named for the body that acts ("Harbour Trust action");
and a verdict opening a plan's action cell read before the status column's progress word.
Each rule is also checked switched off, and its guards are checked.

Every text here was written by me for these tests about invented bodies, places and people;
none is copied from a real document, a gold file, an evaluation set or another test collection.
"""

from __future__ import annotations

from stores import matching_rules_off as _Off
from stores import report_stances as _answered
from stores import store_of_texts

from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off

# --- headings holding only a number ("reference-headings") ------------------------------------

LAKES_REPORT = (
    "Rural Affairs Committee\n\n"
    "Written for the tests of rocu-bot: an invented committee report on invented bodies.\n\n"
    "Policing the lakes in summer\n\n"
    "Summary of recommendations\n\n"
    "1. The Welsh Government should fund a second boat for the lake patrol team every summer.\n\n"
    "2. Dyfed Vale Police should count every call about swimmers in difficulty on the lakes.\n\n"
    "3. The Welsh Government should pay for lifebuoy stations at the ten busiest beaches.\n\n"
    "4. The national park authority should close the west shore car park after dark.\n"
)
LAKES_LETTER = (
    "Written for the tests of rocu-bot: an invented minister's letter.\n\n"
    "Minister for Rural Affairs\n\n"
    "Chair, Rural Affairs Committee\n\n"
    "3 March 2026\n\n"
    "Dear Chair,\n\n"
    "POLICING THE LAKES IN SUMMER\n\n"
    "Thank you for the Committee's report. My answers follow, with those of the force.\n\n"
    "Recommendations 1 and 3\n"
    "The Welsh Government agrees with both recommendations. The summer boat and the lifebuoy "
    "stations are in this year's budget.\n\n"
    "Recommendation 2\n"
    "Dyfed Vale Police already logs calls about swimmers, but not by lake. The force accepts "
    "the recommendation and will count each call by lake from May.\n\n"
    "I hope the Committee finds this helpful.\n\n"
    "Yours sincerely,\n\n"
    "Rhian Powell MS\n"
)


def test_headings_holding_only_a_number_head_the_answers_beneath():
    # (the labelled-heading rule also takes the closing line under the last heading, with no
    # stance: as before this rule, and left)
    items = [f for f in extract(LAKES_LETTER, "other") if f.response]
    assert [(f.label, f.response) for f in items] == [
        ("Recommendations 1 and 3", "accepted"),
        ("Recommendation 2", "accepted"),
    ]
    with rules_off("reference-headings"):
        assert not any(f.response for f in extract(LAKES_LETTER, "other"))


def test_a_number_only_letter_answers_its_report_out_of_order(tmp_path):
    for name, texts in (
        ("report-first", [("lakes-report.txt", LAKES_REPORT), ("lakes-letter.txt", LAKES_LETTER)]),
        ("letter-first", [("lakes-letter.txt", LAKES_LETTER), ("lakes-report.txt", LAKES_REPORT)]),
    ):
        folder = tmp_path / name
        folder.mkdir()
        db = store_of_texts(folder, texts)
        assert [s for _w, s in _answered(db)] == ["accepted", "accepted", "accepted", "-"]


def test_two_numbers_whose_words_tie_agree_with_their_numbers(tmp_path):
    # "Recommendations 1 and 3" shares as many words with 1 as with 3: both are named, so its
    # topic agrees with its numbers (rule "several-topics"); off, the tie says nothing and the
    # letter is not shown to number as its report does
    with _Off("several-topics"):
        db = store_of_texts(
            tmp_path, [("lakes-report.txt", LAKES_REPORT), ("lakes-letter.txt", LAKES_LETTER)]
        )
        assert [s for _w, s in _answered(db)][0] == "-"


def test_a_report_printing_its_recommendations_under_number_headings_is_no_reply():
    # the paragraph under each heading is the recommendation, not an answer to it
    report = (
        "Dear colleagues,\n\n"
        "Written for the tests of rocu-bot: an invented review sent as a letter.\n\n"
        "Recommendation 1\n"
        "The force should agree a protocol with the ambulance trust on lake rescues.\n\n"
        "Recommendation 2\n"
        "The force must accept referrals from the lifeguard service by telephone.\n"
    )
    assert not any(f.response for f in extract(report, "other"))


def test_a_quote_under_a_number_heading_is_left_to_the_other_rules():
    letter = (
        "Dear Chair,\n\n"
        "Written for the tests of rocu-bot: an invented reply.\n\n"
        "Recommendation 1\n\n"
        '"The force should agree a protocol with the ambulance trust." We agree.\n\n'
        "Recommendation 2\n\n"
        '"The force should publish its rescue figures." We agree.\n'
    )
    from bot.recs.extract.replies import reference_headings

    assert reference_headings(letter, "other") == []


# --- an action column named for its body ("body-action-column") and its verdict ----------------

QUAY_INSPECTION = (
    "Inspection of the harbour security team at Porthmellin\n\n"
    "Written for the tests of rocu-bot: an invented inspection of an invented trust.\n\n"
    "Recommendation 1\n\n"
    "The harbour trust should carry out a review of night staffing on the north quay and set a "
    "minimum number of officers on each shift.\n\n"
    "Recommendation 2\n\n"
    "The harbour trust should make sure that every vessel search is written up on the day, with "
    "a monthly check by a supervisor.\n\n"
    "Recommendation 3\n\n"
    "The harbour trust should give its security officers refresher training in first aid "
    "every year, with a practical test.\n"
)
QUAY_PLAN = (
    "# Porthmellin Harbour Trust: improvement plan\n\n"
    "Written for the tests of rocu-bot: an invented plan of an invented trust.\n\n"
    "| Ref | Inspection recommendation (summary) | Harbour Trust action | Lead | Target date | "
    "Status |\n"
    "|---|---|---|---|---|---|\n"
    "| R1 | Night staffing review on the north quay; minimum officers per shift set | Review "
    "under way by the operations manager. | Operations Manager | June 2026 | In progress |\n"
    "| R2 | Every vessel search written up on the day, with monthly supervisor check | Accepted. "
    "Search log moved to a tablet form. | Security Supervisor | April 2026 | Complete |\n"
    "| R3 | Yearly first aid refresher training for security officers, with practical test | "
    "Accepted in part. A yearly course is booked; the practical test needs an assessor. | "
    "Training Lead | September 2026 | In progress |\n"
)


def test_an_action_column_named_for_its_body_makes_a_plan():
    items = extract(QUAY_PLAN, "other")
    assert [f.label for f in items] == ["R1", "R2", "R3"]
    assert all(f.answers for f in items)
    with rules_off("body-action-column"):
        assert not any(f.answers for f in extract(QUAY_PLAN, "other"))


def test_a_participle_before_action_names_no_body():
    # a report's own table of what it asks: "Recommended action" is no plan's action column
    table = (
        "| Ref | Inspection finding | Recommended action | Lead | Target date |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Night staffing is too thin | Review night staffing | Trust | June 2026 |\n"
        "| 2 | Searches are written up late | Write up searches on the day | Trust | May 2026 |\n"
    )
    assert not any(f.answers for f in extract(table, "other"))


def test_a_verdict_opening_the_action_cell_is_the_rows_stance():
    items = extract(QUAY_PLAN, "other")
    # R1's action states no verdict and its status only progress: no stance
    assert [f.response for f in items] == [None, "accepted", "accepted in part"]
    with rules_off("action-verdict"):
        # the status column's word, as before: "In progress" states no verdict
        assert [f.response for f in extract(QUAY_PLAN, "other")][2] != "accepted in part"


def test_a_plan_named_for_its_body_answers_its_inspection(tmp_path):
    db = store_of_texts(
        tmp_path, [("quay-inspection.txt", QUAY_INSPECTION), ("quay-plan.md", QUAY_PLAN)]
    )
    assert [s for _w, s in _answered(db)] == [None, "accepted", "accepted in part"]
