"""The console sets a status as Slack's "Set status" does (round 12's loose ends): the form a
card names, recorded with the local user and the time; ``help`` says how. The names and notes are
invented for these tests."""

from __future__ import annotations

from bot import console as console_mod
from bot.recs.tracker import get_recommendation, list_recommendations


def test_the_console_sets_a_status_with_the_local_user_and_the_time(db, monkeypatch):
    monkeypatch.setenv("USER", "kim.local")
    rec = list_recommendations(db, "doc:pac-soc-2019")[1]
    shell = console_mod.Console(db)
    said = shell.answer(f"rocu recs --set-status {rec.id} in progress --note agreed at the board")
    assert said.startswith("Recorded: in-progress by kim.local on ")
    stored = get_recommendation(db, rec.id)
    assert stored.status == "in-progress" and stored.status_by == "kim.local"
    assert stored.status_note == "agreed at the board" and stored.status_at
    assert "unknown status" in shell.answer(f"recs --set-status {rec.id} maybe").lower()
    assert "Write it as" in shell.answer("recs --set-status")
    assert "records the team's view" in shell.answer("help") and "(kim.local)" in shell.answer(
        "help"
    )


def test_console_sets_status_switched_off(db, monkeypatch):
    monkeypatch.setattr(console_mod, "CONSOLE_SETS_STATUS", False)
    rec = list_recommendations(db, "doc:pac-soc-2019")[1]
    said = console_mod.Console(db).answer(f"recs --set-status {rec.id} accepted")
    assert "is an option of the `rocu recs` command line" in said
    assert get_recommendation(db, rec.id).status == "open"
