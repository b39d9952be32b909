"""Teaching and forgetting team glossary entries from Slack: only ROCU_EDITORS may, end to end
through the real Bolt app, the store and the fake Slack."""

from __future__ import annotations

import time

import pytest
from slack_rig import buttons, mrkdwn_texts

from bot.render import blocks as render_blocks
from bot.slack import editors, people

EDITOR = "U0EDITOR"
OTHER = "U0ASKER"


@pytest.fixture(autouse=True)
def only_one_editor(monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", EDITOR)
    editors.forget_cache()
    people.forget_cache()
    yield
    editors.forget_cache()
    people.forget_cache()


def team_entries(db, term: str, expect: int | None = None) -> int:
    """How many team entries ``term`` has (waiting up to 2 s for ``expect``: the answer may reach
    Slack a moment before another connection sees the write)."""
    deadline = time.monotonic() + 2
    while True:
        found = 0
        if "glossary_team" in db.table_names():
            rows = db.execute("select term from glossary_team").fetchall()
            found = sum(1 for (t,) in rows if t.upper() == term.upper())
        if expect is None or found == expect or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_a_non_editor_cannot_teach_and_an_editor_can(rig, db):
    refused = rig.answer("define QXZ = Quokka Exchange Zone", user_id=OTHER)
    assert refused["response_type"] == "ephemeral"
    assert "editors" in " ".join(mrkdwn_texts(refused["blocks"]))
    assert f"<@{EDITOR}>" in " ".join(mrkdwn_texts(refused["blocks"]))  # names who can
    assert team_entries(db, "QXZ") == 0

    taught = rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    assert "Quokka Exchange Zone" in " ".join(mrkdwn_texts(taught["blocks"]))
    assert team_entries(db, "QXZ", expect=1) == 1


def test_a_non_editor_cannot_forget_and_an_editor_can(rig, db):
    rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    assert team_entries(db, "QXZ", expect=1) == 1
    rig.answer("define --forget QXZ", user_id=OTHER)
    assert team_entries(db, "QXZ") == 1
    rig.answer("define --forget QXZ", user_id=EDITOR)
    assert team_entries(db, "QXZ", expect=0) == 0


def test_team_entries_show_the_display_name_of_who_taught_them(rig, db):
    rig.slack.add_user(EDITOR, display_name="Pat  Editor", real_name="Patricia Editor")
    taught = rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    assert "added by Pat Editor" in " ".join(mrkdwn_texts(taught["blocks"]))
    assert team_entries(db, "QXZ", expect=1) == 1
    row = db.execute("select added_by, added_by_name from glossary_team").fetchone()
    assert row == (EDITOR, "Pat Editor")
    rig.answer("define QXZ", user_id=EDITOR)
    assert len(rig.slack.calls("users.info")) == 1  # asked once, then cached


def test_without_users_info_the_id_stands_in_and_nothing_typed_is_logged(rig, db, caplog):
    caplog.set_level("INFO")
    taught = rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)  # unknown to Slack
    assert f"added by {EDITOR}" in " ".join(mrkdwn_texts(taught["blocks"]))
    assert "user_not_found" in caplog.text
    assert "Quokka" not in caplog.text


# -- buttons on a teaching answer show the entry; they never teach or forget again -------------


def team_row(db, term: str) -> tuple | None:
    row = db.execute(
        "select expansion, added_at from glossary_team where upper(term) = ?", [term.upper()]
    ).fetchone()
    return tuple(row) if row else None


def shared_answer(rig, button: dict, user: str = EDITOR) -> dict:
    """Click "Share in channel" on a private answer; the message posted in the channel."""
    name = rig.click(button, ephemeral=True, user=user)
    posts = rig.slack.wait_for(f"response:{name}", count=2)
    assert posts[0].body.get("delete_original") in (True, "true")
    return posts[1].body


def test_share_after_teaching_shows_the_entry_and_does_not_teach_it_again(make_rig, db):
    rig = make_rig(reply_mode="ephemeral")
    taught = rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    share = buttons(taught["blocks"])["Share in channel"]
    assert render_blocks.read_action_value(share["value"])[0] == "define QXZ"
    rig.answer("define QXZ = Quango Exchange Zone", user_id=EDITOR)  # changed since
    team_entries(db, "QXZ", expect=1)
    before = team_row(db, "QXZ")
    assert before[0] == "Quango Exchange Zone"

    shared = shared_answer(rig, share)
    assert shared["response_type"] == "in_channel"
    text = " ".join(mrkdwn_texts(shared["blocks"]))
    assert "Quango Exchange Zone" in text and "Saved the team entry" not in text
    assert team_row(db, "QXZ") == before  # not taught again, not even re-stamped


def test_share_after_forgetting_does_not_forget_again(make_rig, db):
    rig = make_rig(reply_mode="ephemeral")
    rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    team_entries(db, "QXZ", expect=1)
    forgot = rig.answer("define --forget QXZ", user_id=EDITOR)
    team_entries(db, "QXZ", expect=0)
    assert "Removed the team entry" in " ".join(mrkdwn_texts(forgot["blocks"]))
    share = buttons(forgot["blocks"]).get("Share in channel")
    rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)  # taught again since
    team_entries(db, "QXZ", expect=1)
    if share is not None:  # QXZ had no other entry: the answer was private, nothing to share
        assert render_blocks.read_action_value(share["value"])[0] == "define QXZ"
        shared_answer(rig, share)
    old = {  # what the button carried before: the line itself
        "action_id": render_blocks.ACTION_SHARE,
        "value": render_blocks.action_value("define --forget QXZ"),
    }
    shared = shared_answer(rig, old)
    assert "Quokka Exchange Zone" in " ".join(mrkdwn_texts(shared["blocks"]))
    assert team_entries(db, "QXZ") == 1  # still there


@pytest.mark.parametrize(
    "action_id",
    [render_blocks.ACTION_SHARE, render_blocks.ACTION_NEXT, render_blocks.ACTION_FULL],
)
def test_a_button_that_names_a_write_shows_or_says_and_changes_nothing(make_rig, db, action_id):
    """Buttons made before this fix carried the line itself: a teaching line now shows the entry,
    a watch or unwatch line gets a sentence; neither changes the store."""
    rig = make_rig(reply_mode="ephemeral")
    rig.answer("define QXZ = Quokka Exchange Zone", user_id=EDITOR)
    rig.answer("watch organised crime", user_id=EDITOR)
    team_entries(db, "QXZ", expect=1)
    before = (team_row(db, "QXZ"), db["watches"].count)
    for line, shown in [
        ("define QXZ = Something Else", "Quokka Exchange Zone"),
        ("unwatch 1", "run the command again"),
        ("watch county lines", "run the command again"),
    ]:
        button = {"action_id": action_id, "value": render_blocks.action_value(line)}
        name = rig.click(button, ephemeral=True, user=EDITOR)
        answers = rig.slack.wait_for(f"response:{name}")
        if action_id == render_blocks.ACTION_SHARE and shown != "run the command again":
            answers = rig.slack.wait_for(f"response:{name}", count=2)
        text = " ".join(mrkdwn_texts(answers[-1].body["blocks"]))
        assert shown in text and "Something Else" not in text
        assert (team_row(db, "QXZ"), db["watches"].count) == before


def test_watch_and_unwatch_answers_carry_no_share_button(make_rig):
    rig = make_rig(reply_mode="ephemeral")
    watched = rig.answer("watch county lines", user_id=EDITOR)
    assert "Watching" in " ".join(mrkdwn_texts(watched["blocks"]))
    assert "Share in channel" not in buttons(watched["blocks"])
    looked_up = rig.answer("define ROCU", user_id=EDITOR)
    share = buttons(looked_up["blocks"])["Share in channel"]
    assert render_blocks.read_action_value(share["value"])[0] == "define ROCU"
