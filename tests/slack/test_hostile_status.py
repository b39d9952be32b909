"""Write before acknowledging, and replays (issue 24): a status change is stored before the ack
closes the modal; a store that cannot be written shows an error in the modal and nothing is
said to be saved; a replayed signed submission (same signature and timestamp) writes once, and
so does the same submission signed afresh. Texts written for these tests."""

from __future__ import annotations

import json
import sqlite3
import time
from urllib.parse import urlencode

import pytest
from slack_rig import SECRET
from slack_server import signed_headers
from test_tracker_slack import open_modal, status_buttons, submit

from bot.recs import tracker as recs
from bot.recs.tracker import get_recommendation
from bot.render import tracker as render
from bot.slack import people


@pytest.fixture(autouse=True)
def names():
    people.forget_cache()
    yield
    people.forget_cache()


def audit_rows(db, rec_id: str) -> int:
    return len(get_recommendation(db, rec_id).history)


def first_modal(rig):
    listing = rig.answer("recs doc:pac-soc-2019")
    button = status_buttons(listing["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    return rec_id, open_modal(rig, button)[1]


def test_the_status_is_stored_before_the_ack_closes_the_modal(rig, db):
    rec_id, view = first_modal(rig)
    status, ack = submit(rig, view, "accepted", note="agreed at the team meeting")
    assert status == 200 and ack == ""  # the modal closes...
    rec = get_recommendation(db, rec_id)  # ...and the change is already in the store
    assert rec.status == "accepted" and rec.history[-1]["note"] == "agreed at the team meeting"


def test_a_store_that_cannot_be_written_keeps_the_modal_open_with_an_error(rig, db, monkeypatch):
    rec_id, view = first_modal(rig)
    before = audit_rows(db, rec_id)

    def failing(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(recs, "set_status", failing)
    status, ack = submit(rig, view, "rejected")
    assert status == 200
    errors = json.loads(ack)
    assert errors["response_action"] == "errors"
    assert "could not be saved" in errors["errors"][render.STATUS_BLOCK]
    monkeypatch.undo()
    assert audit_rows(db, rec_id) == before
    time.sleep(1.1)  # signed in another second: not the same request replayed
    status, ack = submit(rig, view, "rejected")  # once the store is back, the same form saves
    assert status == 200 and ack == "" and audit_rows(db, rec_id) == before + 1


def submission(view: dict, status: str) -> str:
    values = {
        render.STATUS_BLOCK: {
            render.STATUS_INPUT: {
                "type": "static_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": status},
                    "value": status,
                },
            }
        },
        render.NOTE_BLOCK: {render.NOTE_INPUT: {"type": "plain_text_input", "value": None}},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEAM"},
        "user": {"id": "U0ANN", "username": "ann", "name": "ann", "team_id": "T0TEAM"},
        "api_app_id": "A0ROCU",
        "trigger_id": "trigger.submit",
        "view": {**view, "id": "V0REPLAY", "hash": "1.abc", "state": {"values": values}},
    }
    return urlencode({"payload": json.dumps(payload)})


def test_a_replayed_submission_writes_once(rig, db):
    rec_id, view = first_modal(rig)
    before = audit_rows(db, rec_id)
    body = submission(view, "implemented")
    headers = signed_headers(body, SECRET)
    assert rig.post(body, headers=headers)[0] == 200
    assert rig.post(body, headers=headers)[0] == 200  # the same signed request, captured, again
    assert rig.post(body)[0] == 200  # the same submission, signed afresh (a retry)
    assert audit_rows(db, rec_id) == before + 1
    assert get_recommendation(db, rec_id).status == "implemented"
