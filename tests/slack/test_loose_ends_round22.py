"""Round 22 (helper loose23): what round 21 left, through the real Bolt app, real signing and the
fake Slack.

1. `remove` of a name close to no document's id no longer suggests near-misses that share little
   with it; it says no document has that name and how to list them
   (``documents.REMOVE_SUGGESTS_ONLY_CLOSE``, ``adding_answers.NONE_SAYS_HOW_TO_LIST``).
2. `@rocu` alone gets a short greeting, not the whole usage (``app.BARE_MENTION_GREETS``).
3. A stopped digest is shown in Slack: `digest` in its channel and in a DM with rocu, and the Home
   tab, say it is stopped, why and how to resume it (``commands.watches.DIGEST_SAYS_STOPPED``,
   ``digest.home.HOME_SAYS_STOPPED``).
4. A watch round 21's migration removed is told to its owner once: with the answer to their next
   watch command, or in their next personal alert (``digest.watches.REMOVED_TOLD``).
5. "No passage holds ..." quotes an address as it was typed, not as the search read it
   (``render.text.NOTHING_QUOTES_AS_TYPED``).

From the walk: a daily digest across the UK clock changes is posted once a day at the local hour
(a guard: it held before); files shared at once in one message are one add, read in turn
(``adding.IN_TURN``); teaching a term the team has names the entry it replaces
(``glossary.lookup.SAYS_REPLACED``).

Names, notes, words and addresses were written for these tests; the store is the seed library."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pytest
from slack_rig import ASKER, mrkdwn_texts
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator
from stores import with_old_watches

from bot.commands import watches as watch_commands
from bot.digest import alerts, home, watches
from bot.digest import scheduler as sc
from bot.digest.content import Schedule
from bot.library import documents
from bot.library.ingest import ingest
from bot.library.ledger import Ledger
from bot.render import text as render_text
from bot.slack import app as slack_app
from bot.slack.poster import AlertPoster, SlackPoster, make_client

pytestmark = pytest.mark.usefixtures("every_post_valid")

OWN_DM = "D" + ASKER  # the fake Slack's conversations.open answers "D" + the user's id


def words_of(message: dict) -> str:
    return " ".join([message.get("text") or ""] + mrkdwn_texts(message.get("blocks") or []))


# -- 1. `remove` suggests only what is close ------------------------------------------------------


def test_remove_of_a_name_close_to_nothing_says_how_to_list_documents(rig):
    said = words_of(rig.answer("remove <!here>"))
    assert "There is no document called @here." in said
    assert "Did you mean" not in said and "wm-pcc-rocu-letter" not in said
    assert "`/rocu docs`" in said


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("pac-soc-2018", "pac-soc-2019"), ("nca blog", "nca-police-blog-2013")],
)
def test_remove_still_suggests_a_close_id(rig, db, typed, suggested):
    said = words_of(rig.answer(f"remove {typed}"))
    assert f"Did you mean {suggested}?" in said
    assert db.execute("select count(*) from documents").fetchone()[0] == 5  # nothing removed


def test_switched_off_remove_suggests_any_near_miss(rig, monkeypatch):
    monkeypatch.setattr(documents, "REMOVE_SUGGESTS_ONLY_CLOSE", False)
    assert "Did you mean wm-pcc-rocu-letter?" in words_of(rig.answer("remove <!here>"))


# -- 2. `@rocu` alone --------------------------------------------------------------------------


def mention_answer(rig, text: str, ts: str) -> dict:
    assert rig.mention(text, ts=ts) == 200
    return rig.slack.wait_for("chat.postEphemeral")[-1].body


def test_a_bare_mention_gets_a_short_greeting(rig):
    said = mention_answer(rig, "", "1700000200.000100")
    text = words_of(said)
    assert "Hi, I'm rocu" in text and "`@rocu help`" in text
    assert "remove" not in text and "glossary" not in text  # not every line
    assert len(json.dumps(said["blocks"])) < 1500
    assert said["user"] == ASKER  # privately, as the usage was


def test_switched_off_a_bare_mention_gets_the_whole_usage(rig, monkeypatch):
    monkeypatch.setattr(slack_app, "BARE_MENTION_GREETS", False)
    text = words_of(mention_answer(rig, "", "1700000201.000100"))
    assert "Hi, I'm rocu" not in text and "remove" in text


def test_a_mention_with_words_is_still_searched(rig):
    text = words_of(mention_answer(rig, "help", "1700000202.000100"))
    assert "remove" in text  # `@rocu help`: every line, as before


# -- 3. a stopped digest, shown in Slack ----------------------------------------------------------

AT_EIGHT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=Schedule().tz)
STOPPED = "C0STOPPED"


def stop_the_digest(rig, db, reason: str = "not_in_channel") -> None:
    """Slack refuses the digest for ``STOPPED`` for a lasting reason: two ticks of the real
    scheduler through the fake, so the stop is recorded as it is in use."""
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    rig.slack.fail("chat.postMessage", error=reason, times=1000, channel=STOPPED)
    rig.slack.fail("conversations.history", error="not_in_channel", times=1000, channel=STOPPED)
    poster = SlackPoster(client, ("U0SETUP",))
    for minutes in (0, sc.RETRY_MINUTES):
        sc.run_due(db, STOPPED, poster, now=AT_EIGHT + dt.timedelta(minutes=minutes))
    assert sc.stopped(db, STOPPED)["reason"] == reason


@pytest.mark.parametrize(
    ("reason", "resume"),
    [("not_in_channel", "/invite @rocu"), ("is_archived", "unarchive the channel")],
)
def test_digest_in_the_stopped_channel_says_it_is_stopped(rig, db, reason, resume):
    stop_the_digest(rig, db, reason)
    said = words_of(rig.answer("digest", channel=STOPPED))
    assert f"The daily digest for <#{STOPPED}> is stopped" in said
    assert resume in said and "20 Mar 2020" in said


def test_digest_in_a_dm_says_which_digest_is_stopped(rig, db):
    stop_the_digest(rig, db)
    said = words_of(rig.answer("digest", channel=OWN_DM))
    assert f"<#{STOPPED}> is stopped" in said and "no longer a member" in said


def test_digest_elsewhere_says_nothing_of_another_channels_stop(rig, db):
    stop_the_digest(rig, db)
    assert "is stopped" not in words_of(rig.answer("digest"))


def test_the_home_tab_says_the_digest_is_stopped(rig, db):
    stop_the_digest(rig, db)
    rig.event({"type": "app_home_opened", "user": ASKER, "channel": OWN_DM, "tab": "home"})
    view = rig.slack.wait_for("views.publish")[0].body["view"]
    shown = json.dumps(view)
    assert f"The daily digest for <#{STOPPED}> is stopped" in shown and "/invite @rocu" in shown


def test_a_digest_posted_again_is_no_longer_said_stopped(rig, db):
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    rig.slack.fail("chat.postMessage", error="not_in_channel", times=1, channel=STOPPED)
    poster = SlackPoster(client, ("U0SETUP",))
    for minutes in (0, sc.RETRY_MINUTES):  # refused, then invited back: posted
        sc.run_due(db, STOPPED, poster, now=AT_EIGHT + dt.timedelta(minutes=minutes))
    assert sc.stopped(db, STOPPED) is None
    assert "is stopped" not in words_of(rig.answer("digest", channel=STOPPED))


def test_switched_off_a_stopped_digest_is_not_said(rig, db, monkeypatch):
    monkeypatch.setattr(watch_commands, "DIGEST_SAYS_STOPPED", False)
    monkeypatch.setattr(home, "HOME_SAYS_STOPPED", False)
    stop_the_digest(rig, db)
    assert "is stopped" not in words_of(rig.answer("digest", channel=STOPPED))
    rig.event({"type": "app_home_opened", "user": ASKER, "channel": OWN_DM, "tab": "home"})
    assert "is stopped" not in json.dumps(rig.slack.wait_for("views.publish")[0].body)


# -- 4. a watch the migration removed is told to its owner once -----------------------------------

OLD_WATCHES = [  # channel, words as round 20 stored them (written for this test)
    ("C0GENERAL", "@here"),  # no words left: removed
    ("C0GENERAL", "harbour checks"),
    ("C0GENERAL", "@channel harbour checks"),  # the same as the one before: removed
    ("C0GENERAL", "@channel ferry fares"),  # cleaned, kept
]


def as_before_round_21(db, db_path):
    """A store from before round 21: the watches above, made by the asker, the migration not
    run; reopened, so it runs."""
    return with_old_watches(db, db_path, OLD_WATCHES, ASKER)


def settled(rig, name: str, count: int = 1) -> list:
    rig.slack.wait_for(f"response:{name}", count=count, timeout=20)
    time.sleep(1.0)  # anything sent after it has arrived by now
    return rig.slack.responses(name)


def test_a_removed_watch_is_told_with_the_next_watch_command_once(make_rig, db, db_path):
    as_before_round_21(db, db_path).close()
    rig = make_rig()
    _, _, name = rig.command("watches")
    answer, note = (r.body for r in settled(rig, name, 2))
    assert "ferry fares" in words_of(answer) and "was removed" not in words_of(answer)
    told = words_of(note)
    assert note["response_type"] == "ephemeral"
    assert "Your watch “@here”" in told and "Your watch “@channel harbour checks”" in told
    assert "matched nothing" in told and "the same words as another watch" in told
    _, _, again = rig.command("watches")
    assert len(settled(rig, again)) == 1  # told once
    _, _, other = rig.command("define ROCU")
    assert "was removed" not in json.dumps([r.body for r in settled(rig, other)])


def test_a_removed_watch_is_not_told_on_other_commands(make_rig, db, db_path):
    as_before_round_21(db, db_path).close()
    rig = make_rig()
    _, _, name = rig.command("define ROCU")
    assert len(settled(rig, name)) == 1
    _, _, watch = rig.command("watches")
    assert len(settled(rig, watch, 2)) == 2  # still to tell, at the first watch command


def test_a_removed_watch_is_told_only_to_its_owner(make_rig, db, db_path):
    as_before_round_21(db, db_path).close()
    rig = make_rig()
    _, _, name = rig.command("watches", user_id="U0SOMEONE")
    assert len(settled(rig, name)) == 1


# Written for this test: a short note a personal watch matches.
FARES_NOTE = """Ferry fares for island residents

This note, written for a test, says that ferry fares for island residents will be reviewed by
the harbour board in the spring, with a report to the council.
"""


def with_an_alert_due(db, db_path, tmp_path):
    """The store from before round 21, reopened, with a personal watch of the asker's that a
    note added now matches: an alert is due."""
    opened = as_before_round_21(db, db_path)
    alerts.add_personal_watch(opened, ASKER, "ferry fares")
    opened.execute("update watches set created_at = '2026-01-01T00:00:00+00:00'")
    opened.conn.commit()
    (tmp_path / "fares.txt").write_text(FARES_NOTE)
    assert not ingest(opened, [tmp_path / "fares.txt"]).failed
    return opened


def test_a_removed_watch_is_told_in_the_next_personal_alert_once(make_rig, db, db_path, tmp_path):
    opened = with_an_alert_due(db, db_path, tmp_path)
    try:
        rig = make_rig()
        poster = AlertPoster(make_client("xoxb-test", rig.slack.url))
        outcomes = alerts.send_alerts(opened, poster, Ledger(lambda: opened))
        assert [o for _, o in outcomes] == ["sent"]
        [dm] = [c.body for c in rig.slack.calls("chat.postMessage") if c.body["channel"] == OWN_DM]
        assert "Your watch “@here”" in words_of(dm) and "Ferry fares" in words_of(dm)
    finally:
        opened.close()
    _, _, name = rig.command("watches")
    assert len(settled(rig, name)) == 1  # told already: no note


def test_a_removed_watch_whose_alert_failed_is_told_later(make_rig, db, db_path, tmp_path):
    opened = with_an_alert_due(db, db_path, tmp_path)
    try:
        rig = make_rig()
        rig.slack.fail("chat.postMessage", error="channel_not_found", times=1)
        poster = AlertPoster(make_client("xoxb-test", rig.slack.url))
        outcomes = alerts.send_alerts(opened, poster, Ledger(lambda: opened))
        assert [o for _, o in outcomes] == ["failed"]
    finally:
        opened.close()
    _, _, name = rig.command("watches")
    assert "Your watch “@here”" in words_of(settled(rig, name, 2)[1].body)


def test_switched_off_a_removed_watch_is_not_recorded(make_rig, db, db_path, monkeypatch):
    monkeypatch.setattr(watches, "REMOVED_TOLD", False)
    as_before_round_21(db, db_path).close()
    rig = make_rig()
    _, _, name = rig.command("watches")
    assert len(settled(rig, name)) == 1


# -- 5. "nothing found" quotes what was typed -----------------------------------------------------

ADDRESS = "<mailto:quay.desk@ferry-board.example|quay.desk@ferry-board.example>"


@pytest.mark.parametrize(
    ("as_typed", "quoted"),
    [(True, "“quay.desk@ferry-board.example”"), (False, "“quay desk ferry board example”")],
)
def test_nothing_found_quotes_an_address_as_typed(rig, monkeypatch, as_typed, quoted):
    """Switched off (``as_typed`` False): the words as the search read them, as before."""
    monkeypatch.setattr(render_text, "NOTHING_QUOTES_AS_TYPED", as_typed)
    assert f"No passage holds {quoted}" in words_of(rig.answer(ADDRESS))


# -- the walk: digest times across the UK clock change ---------------------------------------------


@pytest.mark.parametrize("sunday", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)])
@pytest.mark.parametrize("at", ["08:00", "01:30"])
def test_a_daily_digest_is_posted_once_a_day_at_the_local_hour_across_the_clock_change(
    rig, db, sunday, at
):
    """Ticks every 5 minutes from Saturday 00:00 to Monday 12:00 (London), as the retry job
    ticks, through the fake Slack: one post a day, at the local time (01:30 does not exist on
    the spring Sunday and happens twice on the autumn one), none late."""
    schedule = Schedule.parse(at, "daily", "Europe/London")
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    poster = SlackPoster(client, ())
    start = dt.datetime.combine(sunday - dt.timedelta(days=1), dt.time(0, 0), schedule.tz)
    start = start.astimezone(dt.UTC)
    posted = []
    for n in range(0, 60 * 60 // sc.RETRY_MINUTES):
        now = start + dt.timedelta(minutes=n * sc.RETRY_MINUTES)
        outcome = sc.run_due(db, "C0DIGEST", poster, schedule=schedule, now=now)
        if outcome.status == "posted":
            posted.append((outcome.date, now.astimezone(schedule.tz), outcome.late))
    days = [sunday - dt.timedelta(days=1), sunday, sunday + dt.timedelta(days=1)]
    assert [day for day, _, _ in posted] == days
    assert not any(late for _, _, late in posted)
    for day, local, _ in posted:
        assert local.date() == day
        assert local.strftime("%H:%M") == at or (
            at == "01:30" and day == dt.date(2026, 3, 29) and local.strftime("%H:%M") == "02:30"
        )  # 01:30 never happens that Sunday: the first tick at or after it, 02:30 BST
    assert len([m for m in rig.slack.messages if m["channel"] == "C0DIGEST"]) == 3


# -- the walk: files of several formats shared at once ---------------------------------------------

# Written for this test: four short notes in four formats, shared in one message.
NOTES = [
    (
        "quay-note.txt",
        "text/plain",
        "Quay notes\n\nThis note, written for a test, says the quay is "
        "checked every night by two officers.\n",
    ),
    (
        "harbour-note.md",
        "text/markdown",
        "# Harbour fees\n\nThis note, written for a test, says "
        "harbour fees rise next spring for every vessel.\n",
    ),
    (
        "pier-page.html",
        "text/html",
        "<html><head><title>Pier hours</title></head><body><h1>Pier "
        "hours</h1><p>This page, written for a test, says the pier closes at dusk in winter.</p>"
        "</body></html>",
    ),
    (
        "gate-note.txt",
        "text/plain",
        "Dock gates\n\nThis note, written for a test, says the dock gates are repaired in March.\n",
    ),
]


def share_files_at_once(rig) -> None:
    files = [rig.slack.add_file(name, text.encode(), kind) for name, kind, text in NOTES]
    rig.event(
        {
            "type": "message",
            "subtype": "file_share",
            "channel": OWN_DM,
            "channel_type": "im",
            "user": ASKER,
            "text": "",
            "ts": "1700000300.000100",
            "files": [{"id": f["id"], "name": f["name"]} for f in files],
        }
    )


def test_files_shared_at_once_are_all_added_in_turn(rig, db):
    before = db["documents"].count
    share_files_at_once(rig)
    cards = rig.slack.wait_for("chat.update", count=len(NOTES), timeout=60)
    said = [words_of(c.body) for c in cards]
    assert all("Added to the library" in s for s in said), said
    assert db["documents"].count == before + len(NOTES)
    busy = [m for m in rig.slack.appeared() if "adds running" in (m.get("text") or "")]
    assert busy == []
    readings = [m for m in rig.slack.appeared(OWN_DM) if "Reading" in (m.get("text") or "")]
    assert len(readings) == len(NOTES)  # each file says it is being read, at once


def test_switched_off_files_shared_at_once_meet_the_limit(rig, db, monkeypatch):
    from bot.slack import adding

    monkeypatch.setattr(adding, "IN_TURN", False)
    share_files_at_once(rig)
    rig.slack.wait_for("chat.update", count=2, timeout=60)
    time.sleep(1.0)
    busy = [m for m in rig.slack.appeared() if "adds running" in (m.get("text") or "")]
    assert len(busy) == len(NOTES) - 2  # ROCU_ADDS_PER_USER: 2


# -- the walk: two people teaching the same term ---------------------------------------------------


def test_teaching_a_term_the_team_has_names_the_entry_it_replaces(rig):
    first = words_of(rig.answer("define QZX = Quay Zone Extension", user_id="U0ONE"))
    assert "It replaces" not in first
    second = words_of(rig.answer("define QZX = Quay Zonal Exercise", user_id="U0TWO"))
    assert "It replaces the team's entry QZX = Quay Zone Extension (added by" in second
    again = words_of(rig.answer("define QZX = Quay Zonal Exercise", user_id="U0TWO"))
    assert "It replaces" not in again  # the same meaning from the same person: nothing to say


def test_two_people_teaching_a_term_at_once_one_learns_of_the_other(rig):
    names = {}

    def teach(user: str, meaning: str) -> None:
        names[user] = rig.command(f"define QZX = {meaning}", user_id=user)[2]

    runs = [
        threading.Thread(target=teach, args=("U0ONE", "Quay Zone Extension")),
        threading.Thread(target=teach, args=("U0TWO", "Quay Zonal Exercise")),
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    said = [words_of(rig.slack.wait_for(f"response:{n}")[0].body) for n in names.values()]
    assert sum("It replaces" in s for s in said) == 1


def test_switched_off_teaching_says_nothing_of_the_entry_it_replaces(rig, monkeypatch):
    from bot.glossary import lookup

    monkeypatch.setattr(lookup, "SAYS_REPLACED", False)
    rig.answer("define QZX = Quay Zone Extension", user_id="U0ONE")
    assert "It replaces" not in words_of(rig.answer("define QZX = Other", user_id="U0TWO"))
