"""Round 21, later (helper loose22b): what round 21's walk through Slack left, through the real
Bolt app, real signing and the fake Slack.

1. ``ROCU_ALLOWED_CHANNELS`` no longer shuts a person's direct message with rocu (a command
   there, a file sent there to be added, the Home tab): only they read it, and the add usage
   sends people there. A direct message between two people stays refused, and
   ``ROCU_ALLOWED_TEAMS`` still applies (``middleware.OWN_DM_ALLOWED``).

Words, notes and files were written for these tests; the store is the seed library."""

from __future__ import annotations

import json

import pytest
from slack_rig import ASKER, mrkdwn_texts

from bot.slack import middleware

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
