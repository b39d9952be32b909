"""Round 19's leftovers (round 20).

1. The direct message telling whoever set the digest up that Slack refused it
   (``SlackPoster.tell``) is reconciled as a watch's alert is (``once.send_checked``): it goes to
   the app's DM with them carrying a hash of channel, day, reason and person in Slack's metadata,
   and after an uncertain answer (HTTP 500, ``internal_error``) that DM is read before it is sent
   again. Without ``im:history`` it is never sent twice (and may be lost). Each person is told
   once a day per reason, whoever else was told (``digest_told`` keeps one row per person).
   ``poster.RECONCILE_TOLD = False`` brings back round 19's post to the user id.
2. ``digest_unsure`` and ``digest_told`` are made by the store's migrations (a store from before
   gains them when opened), not by the scheduler on each tick.

The fake Slack acts and then answers with the failure (``stored=True``), or refuses outright.
The end of the file has the Slack side of round 20's walk (tests/fronts/test_walk_round20.py).
Texts come from the app or were written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from slack_rig import mrkdwn_texts
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator

from bot.digest import scheduler as sc
from bot.digest.content import Schedule
from bot.library.store import open_db
from bot.slack import once, poster
from bot.slack.poster import TOLD_EVENT, SlackPoster, make_client

pytestmark = pytest.mark.usefixtures("every_post_valid")

AT_EIGHT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=Schedule().tz)
SETUP, OTHER = "U0SETUP", "U0OTHER"
UNCERTAIN = [
    pytest.param({"status": 500}, id="HTTP 500"),
    pytest.param({"error": "internal_error"}, id="internal_error"),
]


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(once, "RECHECK_PAUSE", 0.0)


def poster_for(slack, contacts=(SETUP,)) -> SlackPoster:
    client = make_client("xoxb-test", slack.url, FixedValueRetryIntervalCalculator(0))
    return SlackPoster(client, contacts)


def told(slack, user: str = SETUP) -> list[dict]:
    """What ``user`` was sent: in the app's DM with them, or (round 19) to their user id."""
    return [m for m in slack.messages if m["channel"] in (user, "D" + user)]


def ticks(db, slack, count: int, contacts=(SETUP,)) -> list[str]:
    """``count`` scheduler ticks 5 minutes apart from 08:00, each with a new poster."""
    return [
        sc.run_due(
            db, "C1", poster_for(slack, contacts), now=AT_EIGHT + dt.timedelta(minutes=5 * n)
        ).status
        for n in range(count)
    ]


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_a_refusal_dm_slack_showed_but_answered_badly_is_not_sent_again(db, slack, failure):
    slack.fail("chat.postMessage", error="not_in_channel", times=3, channel="C1")
    slack.fail("chat.postMessage", stored=True, times=1, channel="D" + SETUP, **failure)
    assert ticks(db, slack, 4) == ["failed", "failed", "failed", "posted"]
    [sentence] = told(slack)  # found in the DM on the first tick: never sent again
    assert "`/invite @rocu`" in sentence["text"]
    assert sentence["metadata"]["event_type"] == TOLD_EVENT
    assert SETUP not in sentence["metadata"]["event_payload"]["rocu_key"]  # a hash only
    # the DM read once (round 21, later: C1 itself is read too, for the stopped digest)
    [read] = [c for c in slack.calls("conversations.history") if c.body["channel"] != "C1"]
    assert read.body["channel"] == "D" + SETUP


def test_switched_off_a_refusal_dm_slack_showed_is_sent_again(db, slack, monkeypatch):
    """Round 19's behaviour, kept by the switch: the duplicate this round removes."""
    monkeypatch.setattr(poster, "RECONCILE_TOLD", False)
    slack.fail("chat.postMessage", error="not_in_channel", times=2, channel="C1")
    slack.fail("chat.postMessage", stored=True, times=1, status=500, channel=SETUP)
    assert ticks(db, slack, 3) == ["failed", "failed", "posted"]
    assert len(told(slack)) == 2


@pytest.mark.parametrize("failure", UNCERTAIN)
def test_a_refusal_dm_slack_refused_is_sent_again_at_once(db, slack, failure):
    # the digest is refused once only: the next tick posts it, so a DM left for then is lost
    slack.fail("chat.postMessage", error="not_in_channel", times=1, channel="C1")
    slack.fail("chat.postMessage", times=1, channel="D" + SETUP, **failure)
    assert ticks(db, slack, 2) == ["failed", "posted"]
    assert len(told(slack)) == 1
    assert len([c for c in slack.calls("chat.postMessage") if c.body["channel"] != "C1"]) == 2


def test_switched_off_a_refusal_dm_slack_refused_is_lost(db, slack, monkeypatch):
    monkeypatch.setattr(poster, "RECONCILE_TOLD", False)
    slack.fail("chat.postMessage", error="not_in_channel", times=1, channel="C1")
    slack.fail("chat.postMessage", times=1, status=500, channel=SETUP)
    assert ticks(db, slack, 2) == ["failed", "posted"]
    assert told(slack) == []


def test_without_im_history_a_refusal_dm_is_never_sent_twice(db, slack, caplog):
    slack.fail("chat.postMessage", error="not_in_channel", times=3, channel="C1")
    slack.fail("chat.postMessage", stored=True, times=1, status=500, channel="D" + SETUP)
    # no im:history: the DM cannot be read (round 21, later: only the DM's read fails, as the
    # digest's channel is read for the stopped digest with channels:history)
    slack.fail("conversations.history", error="missing_scope", times=10, channel="D" + SETUP)
    assert ticks(db, slack, 4) == ["failed", "failed", "failed", "posted"]
    assert len(told(slack)) == 1
    assert "im:history" in caplog.text


def test_each_person_is_told_once_whoever_else_was_told(db, slack):
    # SETUP's DM is refused on the first tick (nothing shown); OTHER's goes through
    slack.fail("chat.postMessage", error="not_in_channel", times=2, channel="C1")
    slack.fail("chat.postMessage", error="user_disabled", times=1, channel="D" + SETUP)
    assert ticks(db, slack, 3, contacts=(SETUP, OTHER)) == ["failed", "failed", "posted"]
    assert len(told(slack, SETUP)) == 1  # told on the second tick
    assert len(told(slack, OTHER)) == 1  # not told again then
    keys = sorted(row[0] for row in db.execute("select key from digest_told"))
    assert keys == [f"C1|2020-03-20|not_in_channel|{u}" for u in (OTHER, SETUP)]


def test_a_round_19_row_still_counts_as_everyone_told(db, slack):
    with db.atomic():
        db.execute("insert into digest_told (key, at) values ('C1|2020-03-20|not_in_channel', 'x')")
    slack.fail("chat.postMessage", error="not_in_channel", times=1, channel="C1")
    assert ticks(db, slack, 2) == ["failed", "posted"]
    assert told(slack) == []


# -- the scheduler's tables come from the store's migrations ----------------------------------

TABLES = {"digest_unsure", "digest_told"}


def tables(db) -> set[str]:
    return {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}


def test_a_new_store_has_the_schedulers_tables_before_any_tick(empty_db):
    assert tables(empty_db) >= TABLES


def _as_before_round_20(db, keep_rows: bool) -> None:
    """Put a store back to before this round: the tables gone (a round 18 store) or made by a
    tick with a row in each (a round 19 store); the step not run; the schema stamp cleared."""
    if keep_rows:
        db.execute("insert into digest_unsure (key, at) values ('C1|2020-03-20', 'then')")
        db.execute("insert into digest_told (key, at) values ('C1|2020-03-20|is_archived', 'x')")
    else:
        db.execute("drop table digest_unsure")
        db.execute("drop table digest_told")
    db.execute("delete from _migrations where name = 'digest_unsure_and_told'")
    db.execute("delete from _schema_stamp")
    db.conn.commit()


def test_an_older_store_gains_the_tables_when_opened(db, db_path):
    _as_before_round_20(db, keep_rows=False)
    assert not tables(db) & TABLES
    db.close()
    opened = open_db(db_path)
    assert tables(opened) >= TABLES
    assert sc.unsure(opened, "C1", dt.date(2020, 3, 20)) is False  # usable at once
    opened.close()


def test_a_round_19_store_keeps_what_its_tables_held(db, db_path):
    _as_before_round_20(db, keep_rows=True)
    db.close()
    opened = open_db(db_path)
    assert sc.unsure(opened, "C1", dt.date(2020, 3, 20)) is True
    assert opened.execute("select count(*) from digest_told").fetchone()[0] == 1
    opened.close()


# -- round 20's walk, in Slack (the console's side: tests/fronts/test_walk_round20.py) ----------


def shown_text(message: dict) -> str:
    return "\n".join(mrkdwn_texts(message.get("blocks") or []))


def test_slacks_no_good_match_says_a_filter_was_read_as_words(rig):
    shown = shown_text(rig.answer("search fraud before:notadate"))
    assert "“before:notadate” is not a date I understand" in shown
    assert "No good match for" in shown


def test_slack_reads_a_terminal_escape_as_a_space(rig):
    typed = rig.answer("search \x1b[1mfraud\x1b[0m")
    plain = rig.answer("search fraud")
    assert shown_text(typed) == shown_text(plain) and "1mfraud" not in typed["text"]


def test_slack_says_which_command_a_typo_may_be_and_that_help_has_no_such_one(rig):
    assert "“helo” is not a command; did you mean `help`?" in shown_text(rig.answer("helo"))
    shown = shown_text(rig.answer("help banana"))
    assert "There is no command “banana”; these are all of them." in shown
