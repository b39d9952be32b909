"""Posting the digest: the schedule across the clock changes, exactly once under restarts,
double triggers and racing processes, the late post on start-up, and failures followed by
success. The clock is injected; the poster is a stand-in (Slack itself is in
test_scheduler_slack.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading

import pytest

from bot.digest import scheduler as sc
from bot.digest.content import Schedule
from bot.library.ingest import ensure_seeded
from bot.library.store import open_db

LONDON = Schedule().tz
FRIDAY = dt.date(2020, 3, 20)


def at(day: dt.date, hhmm: str) -> dt.datetime:
    """An aware instant: ``hhmm`` London time on ``day``."""
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


class Recorder:
    """A poster that records what it was asked to post and answers with a ts."""

    def __init__(self, fail_times: int = 0, error: Exception | None = None) -> None:
        self.calls: list[tuple[str, object]] = []
        self.fail_times = fail_times
        self.error = error or sc.PostError("ratelimited", "try later")

    def __call__(self, channel, digest) -> str:
        self.calls.append((channel, digest))
        if self.fail_times > 0:
            self.fail_times -= 1
            raise self.error
        return f"ts-{len(self.calls)}"


def log_rows(db) -> list[dict]:
    return list(db.query("select channel, date, ts, late from digest_log order by date"))


# -- the schedule and the clock change -------------------------------------------------------------


@pytest.mark.parametrize(
    "day, utc_hour",
    [
        (dt.date(2020, 3, 27), 8),  # Friday before the clocks go forward: GMT
        (dt.date(2020, 3, 30), 7),  # Monday after: BST, 08:00 local is 07:00 UTC
        (dt.date(2020, 10, 23), 7),  # Friday before the clocks go back: BST
        (dt.date(2020, 10, 26), 8),  # Monday after: GMT again
    ],
)
def test_scheduled_instant_is_local_time_across_the_clock_change(day, utc_hour):
    instant = Schedule().scheduled_at(day).astimezone(dt.UTC)
    assert (instant.date(), instant.hour, instant.minute) == (day, utc_hour, 0)


@pytest.mark.parametrize(
    "after, expected_utc",
    [
        (
            dt.datetime(2020, 3, 27, 8, 1, tzinfo=dt.UTC),
            dt.datetime(2020, 3, 30, 7, 0, tzinfo=dt.UTC),
        ),
        (
            dt.datetime(2020, 10, 23, 7, 1, tzinfo=dt.UTC),
            dt.datetime(2020, 10, 26, 8, 0, tzinfo=dt.UTC),
        ),
    ],
)
def test_cron_trigger_fires_at_0800_london_over_the_weekend_change(after, expected_utc):
    trigger = sc.cron_trigger(Schedule())
    fire = trigger.get_next_fire_time(None, after)
    assert fire.astimezone(dt.UTC) == expected_utc
    assert fire.astimezone(LONDON).strftime("%a %H:%M") == "Mon 08:00"


def test_daily_schedule_on_the_change_sundays():
    schedule = Schedule.parse("08:00", "daily", "Europe/London")
    trigger = sc.cron_trigger(schedule)
    spring = trigger.get_next_fire_time(None, dt.datetime(2020, 3, 28, 9, 0, tzinfo=dt.UTC))
    autumn = trigger.get_next_fire_time(None, dt.datetime(2020, 10, 24, 9, 0, tzinfo=dt.UTC))
    assert spring.astimezone(dt.UTC) == dt.datetime(2020, 3, 29, 7, 0, tzinfo=dt.UTC)
    assert autumn.astimezone(dt.UTC) == dt.datetime(2020, 10, 25, 8, 0, tzinfo=dt.UTC)
    assert spring == schedule.scheduled_at(dt.date(2020, 3, 29))


def test_other_time_zone_and_days_from_settings():
    from bot.config import from_env

    settings = from_env(
        {"DIGEST_TIME": "07:30", "DIGEST_DAYS": "Mon,Thu", "DIGEST_TZ": "America/New_York"}
    )
    schedule = sc.schedule_from_settings(settings)
    assert schedule.cron_days() == "mon,thu"
    assert schedule.scheduled_at(dt.date(2020, 3, 9)).astimezone(dt.UTC).hour == 11  # EDT
    assert schedule.scheduled_at(dt.date(2020, 3, 5)).astimezone(dt.UTC).hour == 12  # EST


# -- one tick --------------------------------------------------------------------------------------


def test_before_the_time_and_on_weekends_nothing_is_posted(db):
    poster = Recorder()
    assert sc.run_due(db, "C1", poster, now=at(FRIDAY, "07:59")).status == "not_due"
    saturday = FRIDAY + dt.timedelta(days=1)
    assert sc.run_due(db, "C1", poster, now=at(saturday, "09:00")).status == "not_a_digest_day"
    assert sc.run_due(db, "", poster, now=at(FRIDAY, "09:00")).status == "no_channel"
    assert poster.calls == [] and log_rows(db) == []


def test_posts_once_at_the_time_and_never_again_that_day(db):
    poster = Recorder()
    first = sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:00"))
    assert (first.status, first.ts, first.late) == ("posted", "ts-1", False)
    for minute in ("08:00", "08:05", "12:00", "23:59"):
        again = sc.run_due(db, "C1", poster, now=at(FRIDAY, minute))
        assert again.status == "already_posted" and again.ts == "ts-1"
    assert len(poster.calls) == 1
    assert log_rows(db) == [{"channel": "C1", "date": "2020-03-20", "ts": "ts-1", "late": 0}]
    channel, digest = poster.calls[0]
    assert channel == "C1" and digest.date == FRIDAY and not digest.late
    # another channel has its own digest
    assert sc.run_due(db, "C2", poster, now=at(FRIDAY, "08:01")).status == "posted"


def seeded(db_path):
    """The store as a first start leaves it: opened, and the seed library loaded."""
    db = open_db(db_path)
    ensure_seeded(db)
    return db


def test_restart_does_not_post_again(db_path):
    first_process = seeded(db_path)
    poster = Recorder()
    assert sc.run_due(first_process, "C1", poster, now=at(FRIDAY, "08:00"), owner="a").status == (
        "posted"
    )
    first_process.close()
    restarted = open_db(db_path)
    outcome = sc.run_due(restarted, "C1", poster, now=at(FRIDAY, "08:30"), owner="b")
    assert outcome.status == "already_posted" and len(poster.calls) == 1
    restarted.close()


def test_late_post_on_start_up_the_same_day(db):
    poster = Recorder()
    outcome = sc.run_due(db, "C1", poster, now=at(FRIDAY, "14:10"))
    assert outcome.status == "posted" and outcome.late
    assert poster.calls[0][1].late and log_rows(db)[0]["late"] == 1
    from bot.render.digest import digest_text

    assert "Posted late" in digest_text(poster.calls[0][1])


def test_a_missed_day_is_never_posted_afterwards(db):
    poster = Recorder()
    # down all Friday; back on Saturday, Sunday and Monday before 08:00
    for moment in (
        at(FRIDAY + dt.timedelta(days=1), "09:00"),
        at(FRIDAY + dt.timedelta(days=3), "07:00"),
    ):
        assert sc.run_due(db, "C1", poster, now=moment).status in ("not_a_digest_day", "not_due")
    assert poster.calls == []
    monday = sc.run_due(db, "C1", poster, now=at(FRIDAY + dt.timedelta(days=3), "08:00"))
    assert monday.status == "posted" and monday.date == dt.date(2020, 3, 23)
    assert [row["date"] for row in log_rows(db)] == ["2020-03-23"]


def test_a_few_minutes_late_is_not_called_late(db):
    outcome = sc.run_due(db, "C1", Recorder(), now=at(FRIDAY, "08:09"))
    assert outcome.status == "posted" and not outcome.late


# -- failures --------------------------------------------------------------------------------------


def test_failed_post_is_not_marked_sent_and_is_retried_next_tick(db, caplog):
    poster = Recorder(fail_times=2, error=sc.PostError("not_in_channel", "invite it"))
    first = sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:00"))
    assert first.status == "failed" and "not_in_channel" in first.reason
    assert log_rows(db) == [] and db["digest_lease"].count == 0
    assert "not_in_channel" in caplog.text and "invite it" in caplog.text
    assert sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:05")).status == "failed"
    third = sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:10"))
    assert third.status == "posted" and third.ts == "ts-3"
    assert len(log_rows(db)) == 1


def test_unexpected_error_in_poster_is_contained(db):
    poster = Recorder(fail_times=1, error=RuntimeError("bug"))
    assert sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:00")).status == "failed"
    assert db["digest_lease"].count == 0
    assert sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:05")).status == "posted"


# -- two schedulers --------------------------------------------------------------------------------


def test_a_held_lease_keeps_a_second_poster_out_until_it_expires(db):
    now = at(FRIDAY, "08:00")
    assert sc.claim(db, "C1", FRIDAY, "crashed-process", now)
    second = Recorder()
    assert sc.run_due(db, "C1", second, now=now + dt.timedelta(minutes=5), owner="b").status == (
        "busy"
    )
    assert second.calls == []
    later = now + dt.timedelta(seconds=sc.LEASE_SECONDS + 1)  # the crashed owner's lease expired
    assert sc.run_due(db, "C1", second, now=later, owner="b").status == "posted"
    assert not sc.claim(db, "C1", FRIDAY, "c", later + dt.timedelta(hours=1))


def test_double_trigger_while_posting_does_not_post_twice(db_path):
    """One scheduler is inside chat.postMessage when a second trigger fires."""
    entered, release = threading.Event(), threading.Event()
    calls = []

    def slow_poster(channel, digest):
        calls.append(channel)
        entered.set()
        assert release.wait(10)
        return "ts-slow"

    outcomes = {}
    seeded(db_path).close()

    def first():
        db = open_db(db_path)
        outcomes["first"] = sc.run_due(db, "C1", slow_poster, now=at(FRIDAY, "08:00"), owner="a")
        db.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert entered.wait(10)
    other = open_db(db_path)
    outcomes["second"] = sc.run_due(other, "C1", slow_poster, now=at(FRIDAY, "08:00"), owner="b")
    release.set()
    thread.join(10)
    assert outcomes["second"].status == "busy"
    assert outcomes["first"].status == "posted"
    assert calls == ["C1"]
    assert sc.run_due(other, "C1", slow_poster, now=at(FRIDAY, "08:01"), owner="b").status == (
        "already_posted"
    )
    other.close()


def test_many_threads_racing_post_once(db_path):
    seeded(db_path).close()  # the library is ready before the race (as it is in production)
    barrier = threading.Barrier(8)
    calls, statuses, lock = [], [], threading.Lock()

    def poster(channel, digest):
        with lock:
            calls.append(channel)
        return "ts"

    def run(n):
        db = open_db(db_path)
        barrier.wait(10)
        outcome = sc.run_due(db, "C1", poster, now=at(FRIDAY, "08:00"), owner=f"t{n}")
        with lock:
            statuses.append(outcome.status)
        db.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert calls == ["C1"]
    assert statuses.count("posted") == 1
    assert set(statuses) <= {"posted", "busy", "already_posted"}


def test_separate_processes_racing_post_once(db_path, tmp_path):
    seeded(db_path).close()
    posts = tmp_path / "posts.txt"
    script = textwrap.dedent(
        f"""
        import datetime as dt, sys
        from bot.digest import scheduler as sc
        from bot.library.store import open_db

        def poster(channel, digest):
            with open({str(posts)!r}, "a") as f:
                f.write(channel + "\\n")
            return "ts"

        db = open_db({str(db_path)!r})
        now = dt.datetime(2020, 3, 20, 8, 0, tzinfo=dt.UTC)
        print(sc.run_due(db, "C1", poster, now=now).status)
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    statuses = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert statuses.count("posted") == 1, statuses
    assert posts.read_text().splitlines() == ["C1"]


# -- the scheduler object --------------------------------------------------------------------------


def test_scheduler_jobs_and_startup_tick(db_path, db):
    poster = Recorder()
    clock = lambda: at(FRIDAY, "10:30")  # noqa: E731 - a frozen clock
    jobs = sc.DigestScheduler(str(db_path), "C1", poster, Schedule(), clock=clock)
    from apscheduler.schedulers.background import BackgroundScheduler

    holder = BackgroundScheduler(timezone=LONDON)
    jobs.add_jobs(holder)
    ids = {job.id for job in holder.get_jobs()}
    assert ids == {"digest", "digest-retry", "digest-startup"}
    outcome = jobs.tick()  # what the start-up job does
    assert outcome.status == "posted" and outcome.late
    assert jobs.tick().status == "already_posted" and len(poster.calls) == 1


def test_background_scheduler_posts_late_on_start(db_path, db):
    posted = threading.Event()

    def poster(channel, digest):
        posted.set()
        return "ts-bg"

    jobs = sc.DigestScheduler(str(db_path), "C1", poster, clock=lambda: at(FRIDAY, "11:00"))
    jobs.start()
    try:
        assert posted.wait(20)
    finally:
        jobs.shutdown()
    assert sc.posted(db, "C1", FRIDAY)["ts"] == "ts-bg"


def test_tick_never_raises(tmp_path):
    jobs = sc.DigestScheduler(str(tmp_path / "no" / "such" / "dir" / "x.db"), "C1", Recorder())
    jobs.db_path = str(tmp_path)  # a directory: the store cannot be opened
    assert jobs.tick().status == "failed"


def test_start_in_background_needs_a_channel():
    from bot.config import Settings

    assert sc.start_in_background(Settings(bot_token="xoxb-test"), Recorder()) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", FRIDAY),
        ("today", FRIDAY),
        ("tomorrow", FRIDAY + dt.timedelta(days=1)),
        ("2020-01-02", dt.date(2020, 1, 2)),
        ("2020-02-30", None),
        ("soon", None),
    ],
)
def test_parse_day(text, expected):
    assert sc.parse_day(text, FRIDAY) == expected


def test_a_busy_store_when_logging_is_retried(db, monkeypatch):
    import sqlite3

    real, failures = sc.record, [2]

    def flaky(*args, **kwargs):
        if failures[0]:
            failures[0] -= 1
            raise sqlite3.OperationalError("database is locked")
        return real(*args, **kwargs)

    monkeypatch.setattr(sc, "record", flaky)
    monkeypatch.setattr(sc, "RECORD_PAUSE", 0)
    outcome = sc.run_due(db, "C1", Recorder(), now=at(FRIDAY, "08:00"))
    assert outcome.status == "posted" and sc.posted(db, "C1", FRIDAY)["ts"] == "ts-1"


def test_rocu_serve_starts_the_digest_scheduler(runner, monkeypatch, tmp_path):
    import bot.slack.app
    from bot.cli import cli

    started, served = [], []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        sc, "start_in_background", lambda settings, poster: started.append(settings)
    )
    monkeypatch.setattr(bot.slack.app, "serve", lambda settings, **kw: served.append(kw))
    for name, value in {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "DIGEST_CHANNEL": "C1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    result = runner.invoke(cli, ["serve", "--http"])
    assert result.exit_code == 0, result.output
    assert served and [s.digest_channel for s in started] == ["C1"]
