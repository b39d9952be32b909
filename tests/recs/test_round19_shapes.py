"""Shapes the round-18 held-out set (``tests/recs/heldout19``, tuned on in round 19) showed beside
another writer's set or real wording: a month's end with no year ("month-end-dates"); "in the
next financial year" ("financial-year-deadlines"); a rate's period ("rate-periods"); "without
delay" inside a clause about each case ("case-without-delay"); "X, in conjunction with Y, should"
("in-conjunction-partners"); a rank as the subject of a call ("rank-nouns"); the subject of a
second call after ", and" ("and-clause-subject"); a list of long names
after "I recommend that" ("long-name-lists"); and two rules shipped off, "concern-cases" and
"findings-only-concerns".

Every text here was written by me for these tests about invented people and bodies; none is
copied from a real document, a gold file, an evaluation set or a held-out set.
"""

from __future__ import annotations

import datetime as dt

import pytest
from stores import extracted_items as _items

from bot.recs.deadlines import find_deadline
from bot.recs.extract.rules import BY_NAME, rules_off


def _words(text: str, published: dt.date | None = None) -> str | None:
    found = find_deadline(text, published)
    return found.text if found else None


def test_a_month_end_without_a_year_is_a_deadline():
    text = "Secondly, I ask that you brief every ferry pilot on the new moorings by the end of May."
    found = find_deadline(text, dt.date(2031, 2, 10))
    assert (found.text, found.due) == ("by the end of May", dt.date(2031, 5, 31))
    # after that month in the letter's year: the next year's
    assert find_deadline(text, dt.date(2031, 8, 1)).due == dt.date(2032, 5, 31)
    with rules_off("month-end-dates"):
        assert find_deadline(text, dt.date(2031, 2, 10)) is None


def test_the_next_financial_year_is_a_deadline():
    text = "I would like you to add three wardens to the river patrol in the next financial year."
    assert _words(text) == "in the next financial year"
    with rules_off("financial-year-deadlines"):
        assert _words(text) is None


def test_a_rate_period_is_no_deadline():
    text = (
        "Where a lock is closed more than four times in a month, the Canal Trust should tell the "
        "boaters' forum."
    )
    assert _words(text) is None
    assert _words("The Canal Trust should tell the forum within a month.") == "within a month"
    assert _words("The Canal Trust should report again in a year's time.") == "in a year"
    with rules_off("rate-periods"):
        assert _words(text) == "in a month"


def test_without_delay_for_each_case_is_no_deadline():
    text = (
        "Lock keepers should ensure that a boater who falls in is given dry clothes without delay."
    )
    purpose = "The Canal Trust should add staff so that repairs can start without delay."
    assert _words(text) is None
    assert _words(purpose) is None
    # set off by commas, or opening the call: the call's own deadline
    assert _words("The Canal Trust should, without delay, repair the lock.") == "without delay"
    assert _words("Without delay, repair the lock gates.") == "Without delay"
    with rules_off("case-without-delay"):
        assert _words(text) == "without delay"


def test_a_reply_period_for_each_concern_is_off_by_default(monkeypatch):
    text = "The Canal Trust should answer each concern raised by the forum within 21 days."
    assert _words(text) == "within 21 days"  # shipped off: one witness
    monkeypatch.setattr(BY_NAME["concern-cases"], "enabled", True)
    assert _words(text) is None


INSPECTION = """\
Recommendations

Strategic recommendation 1
The Canal Trust, in conjunction with the Boaters' Council, should agree a single towpath plan \
(paragraph 2.4).

Operational recommendation 1
Lock sergeants should record each closure in the lock log (paragraph 3.2).
"""


def test_in_conjunction_with_names_the_partner():
    items = _items(INSPECTION, "inspection-report")
    assert items[0][1] == ["The Canal Trust", "the Boaters' Council"]
    with rules_off("in-conjunction-partners"):
        assert _items(INSPECTION, "inspection-report")[0][1] == ["The Canal Trust"]


def test_a_rank_is_the_subject_of_a_call():
    items = _items(INSPECTION, "inspection-report")
    assert items[1][1] == ["Lock sergeants"]
    with rules_off("rank-nouns"):
        assert _items(INSPECTION, "inspection-report")[1][1] == []
    # one person doing each review is no body asked to act
    passive = "Recommendations\n\n1. Every lock log should be checked by a supervisor each week.\n"
    assert _items(passive, "inspection-report")[0][1] == []


CHAPTER = """\
Chapter 7: Recommendations

7.2 I recommend that the Northern Canals Trust of Wessex, the Association of Lock Keepers of \
England and the National Towpath Users Council agree a shared flood warning.

7.3 I recommend that the Canal Trust publish the warning.
"""


def test_a_list_of_long_names_is_read():
    items = _items(CHAPTER, "inquiry-report")
    assert items[0][1] == [
        "the Northern Canals Trust of Wessex",
        "the Association of Lock Keepers of England",
        "the National Towpath Users Council",
    ]
    with rules_off("long-name-lists"):
        assert _items(CHAPTER, "inquiry-report")[0][1] == []


# An invented coroner's report whose matters of concern only state findings.
CORONER = """\
REGULATION 28: REPORT TO PREVENT FUTURE DEATHS

THIS REPORT IS BEING SENT TO:

1. Chief Executive, Fennick Canal Trust

5 CORONER'S CONCERNS

The MATTERS OF CONCERN are as follows.

(1) The lock gate at Fennick had no railing on its downstream side.

(2) The lock keeper's hut was unstaffed after dusk.

6 ACTION SHOULD BE TAKEN

In my opinion action should be taken to prevent future deaths and I believe you have the power \
to take such action.
"""


@pytest.mark.parametrize("on", [False, True])
def test_findings_only_matters_are_items_unless_the_rule_is_on(monkeypatch, on):
    monkeypatch.setattr(BY_NAME["findings-only-concerns"], "enabled", on)
    openings = [" ".join(t.split()[:3]) for t, _ in _items(CORONER, "other")]
    if on:
        assert openings == []
    else:  # shipped off: the writers disagree (bench/RESULTS.md, round 19)
        assert openings == ["The lock gate", "The lock keeper's"]


TWO_CALLS = """\
Recommendations

Operational recommendation 1
Lock sergeants should record each closure in the lock log, and supervisors should check the log \
every month.

Operational recommendation 2
The Canal Trust, the Boat Board, and the Lock Council should meet each spring.
"""


def test_the_second_call_of_a_sentence_names_its_own_subject():
    items = _items(TWO_CALLS, "inspection-report")
    assert items[0][1] == ["Lock sergeants", "supervisors"]
    # a list's last name after ", and" is no clause of its own
    assert items[1][1] == ["The Canal Trust", "the Boat Board", "the Lock Council"]
    with rules_off("and-clause-subject"):
        assert _items(TWO_CALLS, "inspection-report")[0][1] == ["Lock sergeants"]
