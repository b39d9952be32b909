"""The digest skips UK bank holidays by default (DIGEST_HOLIDAYS), and can be told not to."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.digest import scheduler as sc
from bot.digest.content import Schedule, ScheduleError, holiday_name

GOOD_FRIDAY_2026 = dt.date(2026, 4, 3)
EASTER_MONDAY_2026 = dt.date(2026, 4, 6)
ST_ANDREWS_2026 = dt.date(2026, 11, 30)  # a Monday: a bank holiday in Scotland only


def test_bank_holidays_are_not_digest_days_by_default():
    schedule = Schedule.parse()
    assert not schedule.is_digest_day(GOOD_FRIDAY_2026)
    assert not schedule.is_digest_day(EASTER_MONDAY_2026)
    assert schedule.is_digest_day(dt.date(2026, 4, 7))
    # the day after Easter reports since the last working day, the Thursday before
    assert schedule.previous_day(dt.date(2026, 4, 7)) == dt.date(2026, 4, 2)


def test_the_calendar_follows_the_nation():
    assert Schedule.parse(holidays="GB-SCT").is_digest_day(ST_ANDREWS_2026) is False
    assert Schedule.parse().is_digest_day(ST_ANDREWS_2026) is True
    assert holiday_name("GB-ENG", dt.date(2026, 12, 25))


def test_none_posts_on_holidays_too():
    assert Schedule.parse(holidays="none").is_digest_day(EASTER_MONDAY_2026)


@pytest.mark.parametrize("typed", ["Narnia", "XX-YY", "GB-ZZZ"])
def test_an_unknown_calendar_is_one_clear_error(typed):
    with pytest.raises(ScheduleError, match="DIGEST_HOLIDAYS"):
        Schedule.parse(holidays=typed)


def test_no_digest_is_posted_on_a_bank_holiday(db):
    posted = []
    at_nine = dt.datetime(2026, 4, 6, 9, 0, tzinfo=dt.UTC)
    outcome = sc.run_due(db, "C1", lambda c, d: posted.append(d) or "ts", now=at_nine)
    assert outcome.status == "not_a_digest_day" and posted == []


def test_settings_carry_the_calendar(monkeypatch):
    from bot.config import from_env

    monkeypatch.setenv("DIGEST_HOLIDAYS", "GB-SCT")
    schedule = sc.schedule_from_settings(from_env(dotenv=False))
    assert not schedule.is_digest_day(ST_ANDREWS_2026)
