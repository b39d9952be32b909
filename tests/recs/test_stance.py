"""The stance a response's answer states (``bot.recs.stance``).

Every answer in this file was written for these tests by the author of the classifier; none is
copied from a real response or a gold file.
"""

from __future__ import annotations

import pytest

from bot.recs import stance
from bot.recs.stance import STANCES, classify


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("The Government accepts this recommendation. Work began in May.", "accepted"),
        ("Accepted. The unit will report on progress every quarter.", "accepted"),
        ("We agree that the forces need a shared analyst team and will fund one.", "accepted"),
        ("The Home Office fully supports the recommendation.", "accepted"),
        ("NHS England supports this recommendation and will lead the work.", "accepted"),
        (
            "Government response to recommendation 4 The government supports the aim set out.",
            "accepted in principle",
        ),
        ("The Government accepts this recommendation in part.", "accepted in part"),
        ("Accepted in part. Two of the three steps are under way.", "accepted in part"),
        (
            "We partially accept the recommendation: the second step is too costly.",
            "accepted in part",
        ),
        ("The Department accepts some elements of this recommendation.", "accepted in part"),
        ("The Government accepts this recommendation in principle.", "accepted in principle"),
        ("We agree with the spirit of this recommendation.", "accepted in principle"),
        ("Accepted in principle, subject to funding.", "accepted in principle"),
        ("The Government does not accept this recommendation.", "not accepted"),
        ("Not accepted. Existing powers are enough.", "not accepted"),
        ("We do not agree that a new body is needed.", "not accepted"),
        ("The Government rejects the proposal for a levy.", "not accepted"),
        ("The Government does not believe a target would help.", "not accepted"),
        ("The Government notes the Committee's view.", "noted"),
        ("Noted. The matter is for local forces.", "noted"),
        ("The Ministry will consider this as part of the next review.", "noted"),
        ("We recognise the importance of better data on knife crime.", "noted"),
    ],
)
def test_stated_stances(answer, expected):
    verdict = classify(answer)
    assert verdict is not None and verdict.stance == expected
    assert verdict.stance in STANCES


def test_the_verdict_may_follow_a_sentence_of_context():
    answer = (
        "Fraud is now the most common crime in England and Wales. Regional units have grown "
        "since 2019. The Government therefore accepts this recommendation."
    )
    verdict = classify(answer)
    assert verdict.stance == "accepted"
    assert verdict.sentence.startswith("The Government therefore accepts")


def test_answers_that_state_no_stance_give_none():
    assert classify("Forces already publish these figures every month on their websites.") is None
    assert classify("") is None and classify(None) is None
    # An answer's verdict words far down the answer are not read as its verdict.
    late = " ".join(["The unit has grown every year since it began."] * 5)
    assert classify(late + " The Government accepts this recommendation.") is None


def test_verdict_words_about_something_else_are_not_a_verdict():
    assert classify("Those recommendations were accepted or rejected in 2019.") is None
    assert classify("The figures agreed with last year's survey.") is None


def test_a_rule_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(stance, "DISABLED", {"part"})
    verdict = classify("The Government accepts this recommendation in part.")
    assert verdict.stance == "accepted"  # the general rule reads it without the "part" rule
