"""When digests go out: ``Schedule`` (a local time on some weekdays, in one time zone, skipping
public holidays), parsed from the ``DIGEST_*`` settings with one clear sentence for a value it
cannot read, and the one UTC timestamp spelling the digest tables use (``iso``, ``parse_iso``)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIME = "08:00"
DEFAULT_DAYS = "Mon-Fri"
DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_HOLIDAYS = "GB-ENG"  # bank holidays in England and Wales; "none" posts on them too

DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ScheduleError(ValueError):
    """A DIGEST_* setting that cannot be understood; the message says what to write instead."""


@dataclass(frozen=True)
class Schedule:
    """When digests go out: a local time on some weekdays in one time zone."""

    time: dt.time = dt.time(8, 0)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday = 0
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    holidays: str = DEFAULT_HOLIDAYS  # "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "GB" or ""

    @classmethod
    def parse(
        cls,
        time: str | None = None,
        days: str | None = None,
        tz: str | None = None,
        holidays: str | None = None,
    ) -> Schedule:
        return cls(
            time=parse_time(time or DEFAULT_TIME),
            days=parse_days(days or DEFAULT_DAYS),
            tz=parse_timezone(tz or DEFAULT_TIMEZONE),
            holidays=parse_holidays(DEFAULT_HOLIDAYS if holidays is None else holidays),
        )

    def cron_days(self) -> str:
        """The days in APScheduler's ``day_of_week`` spelling, e.g. ``mon,tue,wed,thu,fri``."""
        return ",".join(DAY_NAMES[d] for d in self.days)

    def scheduled_at(self, date: dt.date) -> dt.datetime:
        """The aware instant of ``date``'s digest (local wall-clock time in ``tz``)."""
        return dt.datetime.combine(date, self.time, tzinfo=self.tz)

    def local_date(self, now: dt.datetime) -> dt.date:
        return now.astimezone(self.tz).date()

    def is_digest_day(self, date: dt.date) -> bool:
        return date.weekday() in self.days and not holiday_name(self.holidays, date)

    def previous_day(self, date: dt.date) -> dt.date:
        """The last digest day before ``date`` (a week back at most)."""
        for back in range(1, 8):
            day = date - dt.timedelta(days=back)
            if self.is_digest_day(day):
                return day
        return date - dt.timedelta(days=1)

    def start_of(self, date: dt.date) -> dt.datetime:
        return dt.datetime.combine(date, dt.time(0, 0), tzinfo=self.tz)


def parse_time(text: str) -> dt.time:
    match = re.fullmatch(r"\s*(\d{1,2})[:.h]?(\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ScheduleError(f"DIGEST_TIME {text!r} is not a time of day; write HH:MM, e.g. 08:00")
    return dt.time(int(match[1]), int(match[2]))


def parse_days(text: str) -> tuple[int, ...]:
    """``Mon-Fri``, ``mon,wed,fri``, ``Sat-Sun``, ``daily`` -> weekday numbers (Monday = 0)."""
    spec = (text or "").strip().lower()
    if spec in {"daily", "every day", "all", "*"}:
        return tuple(range(7))
    if spec in {"weekdays", "working days"}:
        return tuple(range(5))
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in re.split(r"[,\s]+", spec))):
        first, _, last = part.partition("-")
        try:
            a = DAY_NAMES.index(first[:3])
            b = DAY_NAMES.index(last[:3]) if last else a
        except ValueError:
            raise ScheduleError(
                f"DIGEST_DAYS {text!r} is not a list of days; write e.g. Mon-Fri or Mon,Wed,Fri"
            ) from None
        span = range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)]
        days.update(span)
    if not days:
        raise ScheduleError(f"DIGEST_DAYS {text!r} names no days; write e.g. Mon-Fri")
    return tuple(sorted(days))


def parse_holidays(text: str) -> str:
    """``GB-ENG`` (England and Wales' bank holidays), ``GB-SCT``, ``GB-NIR``, ``GB`` (UK-wide
    ones), another ``CC`` or ``CC-SUB`` the ``holidays`` package knows, or ``none``."""
    spec = (text or "").strip().upper()
    if spec in {"", "NONE", "OFF", "NO"}:
        return ""
    if spec == "GB-WLS":
        spec = "GB-ENG"  # England and Wales share their bank holidays but for St David's Day
    country, _, subdiv = spec.partition("-")
    try:
        _calendar(country, subdiv or None, 2000)
    except (NotImplementedError, KeyError, ValueError) as exc:
        raise ScheduleError(
            f"DIGEST_HOLIDAYS must be GB-ENG, GB-SCT, GB-NIR, GB or none, not {text!r}"
        ) from exc
    return spec


def holiday_name(spec: str, date: dt.date) -> str | None:
    """The public holiday on ``date`` in the calendar ``spec`` (see parse_holidays), or None."""
    if not spec:
        return None
    country, _, subdiv = spec.partition("-")
    return _calendar(country, subdiv or None, date.year).get(date)


@functools.lru_cache(maxsize=16)
def _calendar(country: str, subdiv: str | None, year: int):
    import holidays  # a third of a second to load its calendars: only when a digest is planned

    return holidays.country_holidays(country, subdiv=subdiv, years=year)


def parse_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo((name or "").strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"DIGEST_TZ {name!r} is not a known time zone; write e.g. Europe/London"
        ) from None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    """The one timestamp spelling the digest tables use: UTC, seconds, ``+00:00``."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def parse_iso(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
