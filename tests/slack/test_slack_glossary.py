"""Teaching and forgetting team glossary entries from Slack: only ROCU_EDITORS may, end to end
through the real Bolt app, the store and the fake Slack."""

from __future__ import annotations

import time

import pytest
from slack_rig import mrkdwn_texts

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
