"""Round 21, later (helper loose22b): what round 21's walk through Slack left, through the real
Bolt app, real signing and the fake Slack.

1. ``ROCU_ALLOWED_CHANNELS`` no longer shuts a person's direct message with rocu (a command
   there, a file sent there to be added, the Home tab): only they read it, and the add usage
   sends people there. A direct message between two people stays refused, and
   ``ROCU_ALLOWED_TEAMS`` still applies (``middleware.OWN_DM_ALLOWED``).
2. A digest Slack refuses for a lasting reason (rocu removed, the channel gone or archived) is
   stopped: logged and told once, then only read for until rocu can see the channel again, when
   it is posted (``scheduler.STOP_ON_LASTING``).
3. Watches made before round 21 with a mention, broadcast or emoji code in their words are
   cleaned when the store is opened (migration ``watch_words_without_pings``,
   ``watches.OLD_WORDS_CLEANED``).
4. A response_url that answered an HTTP 5xx: the answer is still never sent again, but the person
   is told once, privately, to ask again if they did not see it (``once.ASK_AGAIN_AFTER_5XX``);
   a timeout gets no note.
5. `define <!channel>` is not a definition of "Channel" (``asking.DEFINE_WITHOUT_PINGS``); an
   e-mail address Slack sent as a link is searched whole (``asking.MAILTO_AS_PHRASE``); `docs
   WORDS` lists the documents those words name (``commands.library.DOCS_WORDS_FILTER``);
   `watches WORDS` says the words were not used (``commands.watches.WATCHES_SAYS_UNUSED``).

Words, notes and files were written for these tests; the store is the seed library."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

import pytest
from slack_rig import ASKER, mrkdwn_texts
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator
from stores import with_old_watches

from bot.commands import library as library_commands
from bot.commands import watches as watch_commands
from bot.digest import scheduler as sc
from bot.digest import watches
from bot.digest.content import Schedule
from bot.digest.watches import list_watches
from bot.library.ingest import ingest
from bot.slack import asking, middleware, once
from bot.slack.poster import SlackPoster, make_client

pytestmark = pytest.mark.usefixtures("every_post_valid")

OWN_DM = "D" + ASKER  # the fake Slack's conversations.open answers "D" + the user's id


def words_of(message: dict) -> str:
    return " ".join([message.get("text") or ""] + mrkdwn_texts(message.get("blocks") or []))


# -- 1. a person's direct message with rocu under ROCU_ALLOWED_CHANNELS ---------------------------


def test_a_command_in_ones_own_dm_is_answered_under_the_channel_allow_list(make_rig):
    rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}))
    said = words_of(rig.answer("help", channel=OWN_DM))
    assert "not set up" not in said and "add" in said
    assert "not set up" not in words_of(rig.answer("county lines", channel=OWN_DM))


def test_a_command_in_a_dm_between_two_people_is_still_refused(make_rig):
    rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}))
    status, ack, name = rig.command("county lines", channel="D0TWOPEOPLE")
    assert status == 200 and "not set up" in json.loads(ack)["text"]
    assert rig.slack.responses(name) == []


def test_a_channel_outside_the_allow_list_is_still_refused(make_rig):
    rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}))
    status, ack, _ = rig.command("county lines", channel="C0ELSEWHERE")
    assert status == 200 and "not set up" in json.loads(ack)["text"]


def test_the_workspace_allow_list_still_shuts_a_dm(make_rig):
    rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}), allowed_teams=frozenset({"T0ONLY"}))
    status, ack, _ = rig.command("help", channel=OWN_DM)
    assert status == 200 and "not set up" in json.loads(ack)["text"]


def test_the_home_tab_shows_under_the_channel_allow_list(make_rig):
    rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}))
    rig.event({"type": "app_home_opened", "user": ASKER, "channel": OWN_DM, "tab": "home"})
    view = rig.slack.wait_for("views.publish")[0].body["view"]
    assert "not set up to answer here" not in json.dumps(view)


def test_switched_off_ones_own_dm_is_refused(make_rig, monkeypatch):
    monkeypatch.setattr(middleware, "OWN_DM_ALLOWED", False)
    rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}))
    status, ack, _ = rig.command("help", channel=OWN_DM)
    assert status == 200 and "not set up" in json.loads(ack)["text"]


# Written for this test: a short note an editor sends rocu to add.
FERRY_NOTE = b"""Ferry checks at small harbours

This note, written for a test, says that the harbour board will check ferry traffic at the
north quay every night from next spring, with two more officers on the quay.
"""


def test_a_file_sent_in_ones_own_dm_is_added_under_the_channel_allow_list(
    make_rig, db, monkeypatch
):
    from bot.slack import editors

    monkeypatch.setenv("ROCU_EDITORS", ASKER)
    editors.forget_cache()
    try:
        rig = make_rig(allowed_channels=frozenset({"C0ALLOWED"}))
        file = rig.slack.add_file("ferry-note.txt", FERRY_NOTE, "text/plain")
        rig.event(
            {
                "type": "message",
                "subtype": "file_share",
                "channel": OWN_DM,
                "channel_type": "im",
                "user": ASKER,
                "text": "",
                "ts": "1700000100.000100",
                "files": [{"id": file["id"], "name": file["name"]}],
            }
        )
        card = rig.slack.wait_for("chat.update", timeout=30)[-1].body
        assert "Added to the library" in words_of(card)
        assert not [m for m in rig.slack.appeared() if "not set up" in (m.get("text") or "")]
        assert any("ferry" in (row["title"] or "").lower() for row in db["documents"].rows)
    finally:
        editors.forget_cache()


# -- 2. a digest for a channel rocu was removed from -----------------------------------------------

AT_EIGHT = dt.datetime(2020, 3, 20, 8, 0, tzinfo=Schedule().tz)
SETUP = "U0SETUP"


def ticks(db, client, minutes: range) -> list[str]:
    poster = SlackPoster(client, (SETUP,))
    return [
        sc.run_due(db, "C1", poster, now=AT_EIGHT + dt.timedelta(minutes=m)).status for m in minutes
    ]


@pytest.mark.parametrize("reason", ["not_in_channel", "channel_not_found", "is_archived"])
def test_a_lasting_refusal_stops_the_digest_logs_and_tells_once(rig, db, caplog, reason):
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    rig.slack.fail("chat.postMessage", error=reason, times=1000, channel="C1")
    read = "channel_not_found" if reason == "channel_not_found" else "not_in_channel"
    rig.slack.fail("conversations.history", error=read, times=1000, channel="C1")
    with caplog.at_level(logging.INFO, logger="rocu.digest"):
        statuses = ticks(db, client, range(0, 60 * 4, sc.RETRY_MINUTES))
    assert statuses[0] == "failed" and set(statuses[1:]) == {"stopped"}
    posts = [c for c in rig.slack.calls("chat.postMessage") if c.body.get("channel") == "C1"]
    assert len(posts) == 1  # tried once; after that only read
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and reason in errors[0].getMessage()
    told = [m for m in rig.slack.messages if m["channel"] == "D" + SETUP]
    assert len(told) == 1
    assert sc.stopped(db, "C1")["reason"] == reason


def test_a_stopped_digest_is_posted_once_rocu_is_invited_back(rig, db):
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    rig.slack.fail("chat.postMessage", error="not_in_channel", times=1, channel="C1")
    rig.slack.fail("conversations.history", error="not_in_channel", times=3, channel="C1")
    statuses = ticks(db, client, range(0, 30, sc.RETRY_MINUTES))
    assert statuses == ["failed", "stopped", "stopped", "stopped", "posted", "already_posted"]
    assert sc.stopped(db, "C1") is None
    assert len([m for m in rig.slack.messages if m["channel"] == "C1"]) == 1


def test_a_stopped_digest_whose_channel_cannot_be_read_is_tried_hourly(rig, db, caplog):
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    rig.slack.fail("chat.postMessage", error="is_archived", times=1000, channel="C1")
    rig.slack.fail("conversations.history", error="missing_scope", times=1000, channel="C1")
    with caplog.at_level(logging.INFO, logger="rocu.digest"):
        statuses = ticks(db, client, range(0, 130, sc.RETRY_MINUTES))  # 0 to 125 minutes
    posts = [c for c in rig.slack.calls("chat.postMessage") if c.body.get("channel") == "C1"]
    assert len(posts) == 3  # at 0 (refused), 60 and 120
    assert statuses.count("failed") == 3 and statuses.count("stopped") == len(statuses) - 3
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 1
    assert len([m for m in rig.slack.messages if m["channel"] == "D" + SETUP]) == 1


def test_switched_off_a_lasting_refusal_is_tried_every_tick(rig, db, caplog, monkeypatch):
    monkeypatch.setattr(sc, "STOP_ON_LASTING", False)
    client = make_client("xoxb-test", rig.slack.url, FixedValueRetryIntervalCalculator(0))
    rig.slack.fail("chat.postMessage", error="not_in_channel", times=1000, channel="C1")
    with caplog.at_level(logging.INFO, logger="rocu.digest"):
        statuses = ticks(db, client, range(0, 30, sc.RETRY_MINUTES))
    assert statuses == ["failed"] * 6
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == 6


# -- 3. watches made before round 21 ---------------------------------------------------------------

OLD_WATCHES = [  # channel, words as round 20 stored them (written for this test)
    ("C0GENERAL", "@channel fraud"),
    ("C0GENERAL", "@here"),
    ("C0GENERAL", ":police_car: county lines"),
    ("C0GENERAL", "@jane county lines"),
    ("user:" + ASKER, "@U0JANE ferry checks"),
    ("C0GENERAL", "modern slavery"),
]


def as_before_round_21(db, db_path):
    """A store from before round 21: the watches above, the migration not run."""
    return with_old_watches(db, db_path, OLD_WATCHES, ASKER)


def test_old_watches_lose_their_pings_when_the_store_is_opened(make_rig, db, db_path):
    opened = as_before_round_21(db, db_path)
    try:
        general = [w.query for w in list_watches(opened, "C0GENERAL")]
        assert general == ["fraud", "county lines", "modern slavery"]  # "@here" and a twin gone
        assert [w.query for w in list_watches(opened, "user:" + ASKER)] == ["ferry checks"]
    finally:
        opened.close()
    said = words_of(make_rig().answer("watches"))
    assert not any(ping in said for ping in ("@channel", "@here", "@jane", "@U0JANE", "police"))
    assert "1. fraud" in said and "1. ferry checks" in said


def test_switched_off_old_watches_keep_their_pings(db, db_path, monkeypatch):
    monkeypatch.setattr(watches, "OLD_WORDS_CLEANED", False)
    opened = as_before_round_21(db, db_path)
    try:
        assert "@channel fraud" in [w.query for w in list_watches(opened, "C0GENERAL")]
    finally:
        opened.close()


# -- 5. smaller: a broadcast defined, an address searched, words after `docs` and `watches` -----


def test_define_a_broadcast_is_not_a_word(rig):
    said = rig.answer("define <!channel>")
    assert said.get("response_type") != "in_channel"
    assert "Prevent" not in words_of(said) and "channel" not in words_of(said).lower()


def test_define_keeps_its_word_beside_a_broadcast(rig):
    assert words_of(rig.answer("define <!here> NCA")) == words_of(rig.answer("define NCA"))


def test_switched_off_define_reads_the_broadcast(rig, monkeypatch):
    monkeypatch.setattr(asking, "DEFINE_WITHOUT_PINGS", False)
    assert "Prevent" in words_of(rig.answer("define <!channel>"))


ADDRESS = "<mailto:a@b.com|a@b.com>"  # as round 21's walk sent it


def test_an_address_is_searched_whole(rig):
    said = words_of(rig.answer(ADDRESS))
    # the address's parts, as one phrase; quoted as typed since round 22 (was “a b com”)
    assert "No passage holds “a@b.com”" in said
    assert "“com”" not in said


def test_switched_off_an_address_is_searched_by_its_parts(rig, monkeypatch):
    monkeypatch.setattr(asking, "MAILTO_AS_PHRASE", False)
    assert "No passage holds “com”" in words_of(rig.answer(ADDRESS))


# Written for this test: a note that names a desk's address.
DESK_NOTE = """Ferry desk contacts

This note, written for a test, says that questions on quay checks go to the ferry desk at
ferry.desk@harbour-board.example during office hours.
"""


def test_a_passage_naming_the_address_is_found(rig, db, tmp_path):
    (tmp_path / "desk-note.txt").write_text(DESK_NOTE)
    assert not ingest(db, [tmp_path / "desk-note.txt"]).failed
    link = "<mailto:ferry.desk@harbour-board.example|ferry.desk@harbour-board.example>"
    assert "Ferry desk contacts" in words_of(rig.answer(link))


def test_docs_with_words_lists_the_documents_they_name(rig):
    every = words_of(rig.answer("docs"))
    some = words_of(rig.answer("docs hansard"))
    assert "Documents matching “hansard”" in some and len(some) < len(every)
    none = rig.answer("docs xyzzy")
    assert none.get("response_type") != "in_channel"
    assert "No document's title, id, type, author or date holds “xyzzy”" in words_of(none)


def test_switched_off_docs_ignores_its_words(rig, monkeypatch):
    monkeypatch.setattr(library_commands, "DOCS_WORDS_FILTER", False)
    assert words_of(rig.answer("docs xyzzy")) == words_of(rig.answer("docs"))


def test_watches_says_its_words_were_not_used(rig):
    said = words_of(rig.answer("watches fraud"))
    assert "“fraud” was not used" in said and "`/rocu watch`" in said
    assert "was not used" not in words_of(rig.answer("watches me"))


def test_switched_off_watches_says_nothing_of_its_words(rig, monkeypatch):
    monkeypatch.setattr(watch_commands, "WATCHES_SAYS_UNUSED", False)
    assert words_of(rig.answer("watches fraud")) == words_of(rig.answer("watches"))


# -- 4. a response_url that answered an HTTP error ----------------------------------------------


def settled(rig, name: str) -> None:
    rig.slack.wait_for(f"response:{name}", timeout=20)
    time.sleep(1.0)  # anything sent after it has arrived by now


@pytest.mark.parametrize("stored", [False, True])
def test_a_response_url_500_tells_the_person_to_ask_again_once(make_rig, db, stored):
    rig = make_rig()
    rig.slack.fail("response", status=500, stored=stored, times=1)
    _, _, name = rig.command("define ROCU")
    settled(rig, name)
    [note] = rig.slack.calls("chat.postEphemeral")
    assert note.body["text"] == once.ASK_AGAIN and note.body["user"] == ASKER
    assert len(rig.slack.responses(name)) == 1  # the answer is never sent again
    assert "National Crime Agency" not in json.dumps(note.body)


def test_where_rocu_may_not_post_privately_the_note_goes_to_its_dm(make_rig):
    rig = make_rig()
    rig.slack.fail("response", status=500, times=1)
    rig.slack.fail("chat.postEphemeral", error="not_in_channel", times=1)
    _, _, name = rig.command("define ROCU")
    settled(rig, name)
    [note] = [m for m in rig.slack.messages if m["channel"] == OWN_DM]
    assert note["text"] == once.ASK_AGAIN
    assert len(rig.slack.calls("chat.postEphemeral")) == 1  # refused once, not tried again


def test_a_response_url_that_times_out_gets_no_note(make_rig, monkeypatch):
    monkeypatch.setattr(once, "RESPONSE_URL_TIMEOUT", 1.0)
    rig = make_rig()
    rig.slack.hold("response", 5, times=1)
    _, _, name = rig.command("define ROCU")
    settled(rig, name)
    time.sleep(1.0)
    assert rig.slack.calls("chat.postEphemeral") == [] and rig.slack.messages == []


def test_switched_off_a_response_url_500_says_nothing(make_rig, monkeypatch):
    monkeypatch.setattr(once, "ASK_AGAIN_AFTER_5XX", False)
    rig = make_rig()
    rig.slack.fail("response", status=500, times=1)
    _, _, name = rig.command("define ROCU")
    settled(rig, name)
    assert rig.slack.calls("chat.postEphemeral") == [] and rig.slack.messages == []
