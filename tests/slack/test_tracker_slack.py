"""The tracker through the real Bolt app and the fake Slack: the status modal (open it from a
card, submit it, the card redrawn, the history shown), `/rocu recs export` uploading a
spreadsheet, and every block produced parsed back with slack_sdk's models."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook
from slack_rig import mrkdwn_texts
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from slack_server import BOT_USER_ID, TEAM_ID, FakeSlack

from bot.recs import export
from bot.recs.tracker import get_recommendation, list_recommendations, set_status
from bot.render import tracker as render
from bot.slack import editors, people
from bot.slack import tracker as slack_tracker


@pytest.fixture
def fake_slack():
    with FakeSlack() as slack:
        slack.add_user("U0ANN", display_name="Ann Lee", real_name="Ann Lee-Smith")
        slack.add_user("U0BOB", display_name="", real_name="Bob Roberts")
        people.forget_cache()  # names are cached per user id across the process
        yield slack
        people.forget_cache()


def valid_blocks(blocks: list[dict]) -> list[dict]:
    """Parse blocks back with slack_sdk's models (which validate Slack's limits on to_dict)."""
    parsed = Block.parse_all(blocks)
    assert len(parsed) == len(blocks) and all(b is not None for b in parsed)
    return [block.to_dict() for block in parsed]


def valid_view(view: dict) -> dict:
    return View(**view).to_dict()


def status_buttons(blocks: list[dict]) -> list[dict]:
    found = []
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element.get("action_id", "").startswith(render.ACTION_STATUS):
                found.append(element)
    return found


def click(rig, button: dict, user: str = "U0ANN", channel: str = "C0GENERAL") -> tuple:
    """Click a button with a fresh trigger_id; (response_url name, trigger_id)."""
    trigger = f"trigger.{rig.counter + 1}"
    who = {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID}
    return rig.click(button, channel=channel, user=who, trigger_id=trigger), trigger


def submit(rig, view: dict, status: str | None, note: str = "", user: str = "U0ANN"):
    """Submit an opened status modal with ``status`` picked and ``note`` typed; (HTTP status,
    ack body)."""
    values = {
        render.STATUS_BLOCK: {
            render.STATUS_INPUT: {
                "type": "static_select",
                "selected_option": (
                    {"text": {"type": "plain_text", "text": status}, "value": status}
                    if status
                    else None
                ),
            }
        },
        render.NOTE_BLOCK: {render.NOTE_INPUT: {"type": "plain_text_input", "value": note or None}},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID},
        "api_app_id": "A0ROCU",
        "trigger_id": "trigger.submit",
        "view": {**view, "id": "V0TEST", "team_id": TEAM_ID, "state": {"values": values}},
    }
    return rig.post(urlencode({"payload": json.dumps(payload)}))


def open_modal(rig, button: dict, user: str = "U0ANN") -> tuple[str, dict]:
    """Click "Set status" and return (the click's response_url name, the view Slack opened)."""
    before = len(rig.slack.calls("views.open"))
    name, trigger = click(rig, button, user=user)
    call = rig.slack.wait_for("views.open", count=before + 1)[-1]
    assert call.body["trigger_id"] == trigger
    opened = rig.slack.calls("views.open")[-1]
    return name, opened.body["view"]


# -- the status modal ---------------------------------------------------------------------------


def test_each_card_has_a_status_control_and_valid_blocks(rig, db):
    message = rig.answer("recs")
    blocks = message["blocks"]
    assert len(blocks) <= 50
    valid_blocks(blocks)
    shown = [r for r in list_recommendations(db)][:10]
    buttons = status_buttons(blocks)
    assert [render.read_status_value(b["value"])[0] for b in buttons] == [r.id for r in shown]
    assert all(b["text"]["text"] == "Set status" for b in buttons)
    assert len({b["action_id"] for b in buttons}) == len(buttons)  # unique within the message


def test_open_the_modal_submit_it_and_the_card_is_redrawn(rig, db):
    listing = rig.answer("recs doc:pac-soc-2019")
    button = status_buttons(listing["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    name, view = open_modal(rig, button)
    valid_view(view)
    assert view["callback_id"] == render.STATUS_CALLBACK
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    select = inputs[render.STATUS_BLOCK]["element"]
    assert select["type"] == "static_select"
    assert [o["value"] for o in select["options"]] == [
        "open",
        "accepted",
        "in-progress",
        "implemented",
        "rejected",
        "superseded",
    ]
    assert select["initial_option"]["value"] == "open"
    assert inputs[render.NOTE_BLOCK]["element"]["type"] == "plain_text_input"
    assert inputs[render.NOTE_BLOCK]["optional"] is True

    status, ack = submit(rig, view, "accepted", note="Agreed at the <!channel> board")
    assert status == 200 and ack == ""  # an empty ack closes the modal
    redrawn = rig.slack.wait_for(f"response:{name}")[0].body
    assert redrawn["replace_original"] is True
    valid_blocks(redrawn["blocks"])
    text = " ".join(mrkdwn_texts(redrawn["blocks"]))
    assert "*accepted*" in text and "by Ann Lee on" in text
    assert "U0ANN" not in text  # the name alone (render.tracker.SLACK_NAME_ONLY, round 15)
    assert "&lt;!channel&gt;" in text and "<!channel>" not in text  # the note is escaped
    rec = get_recommendation(db, rec_id)
    assert rec.status == "accepted"
    assert [(h["status"], h["by"], h["by_id"], h["note"]) for h in rec.history] == [
        ("accepted", "Ann Lee", "U0ANN", "Agreed at the <!channel> board")
    ]
    assert rig.slack.calls("users.info")[-1].body["user"] == "U0ANN"


def test_history_is_shown_in_the_modal_and_the_full_card(rig, db):
    listing = rig.answer("recs doc:pac-soc-2019")
    button = status_buttons(listing["blocks"])[1]
    rec_id = render.read_status_value(button["value"])[0]
    _, view = open_modal(rig, button)
    assert submit(rig, view, "in-progress", note="letter sent")[0] == 200
    rig.slack.wait_for("response", count=2)  # the listing, then its redraw
    _, view = open_modal(rig, button, user="U0BOB")
    assert submit(rig, view, "implemented", user="U0BOB")[0] == 200
    rig.slack.wait_for("response", count=3)  # recorded once the card is redrawn
    _, third = open_modal(rig, button)
    valid_view(third)
    history = " ".join(mrkdwn_texts(third["blocks"]))
    assert "History* (2 changes)" in history
    assert "in-progress by Ann Lee on" in history and "letter sent" in history
    assert "implemented by Bob Roberts on" in history  # real name when no display name
    assert "U0ANN" not in history and "U0BOB" not in history
    select = next(b for b in third["blocks"] if b.get("block_id") == render.STATUS_BLOCK)
    assert select["element"]["initial_option"]["value"] == "implemented"
    card = rig.answer(f"recs {rec_id}")
    valid_blocks(card["blocks"])
    card_text = " ".join(mrkdwn_texts(card["blocks"]))
    assert "History* (2 changes)" in card_text and "Bob Roberts" in card_text
    assert status_buttons(card["blocks"])  # the full card has the control too


def test_a_refused_editor_gets_no_modal_and_a_submission_is_refused(rig, monkeypatch):
    listing = rig.answer("recs")
    button = status_buttons(listing["blocks"])[0]
    _, view = open_modal(rig, button)  # opened while allowed
    monkeypatch.setenv("ROCU_EDITORS", "U0BOB")  # the asker is not among the editors now
    editors.forget_cache()
    status, ack = submit(rig, view, "rejected")
    assert status == 200
    refused = json.loads(ack)
    assert refused["response_action"] == "errors"
    assert "only the library's editors" in refused["errors"][render.STATUS_BLOCK]
    assert "U0BOB" in refused["errors"][render.STATUS_BLOCK]
    opened = len(rig.slack.calls("views.open"))
    name, _ = click(rig, button)
    refusal = rig.slack.wait_for(f"response:{name}")[0].body
    assert "only the library's editors" in refusal["text"]
    assert refusal["response_type"] == "ephemeral"
    assert len(rig.slack.calls("views.open")) == opened


def test_an_unknown_status_is_shown_in_the_modal(rig, db):
    button = status_buttons(rig.answer("recs")["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    _, view = open_modal(rig, button)
    status, ack = submit(rig, view, "maybe")
    errors = json.loads(ack)
    assert errors["response_action"] == "errors"
    assert "Unknown status" in errors["errors"][render.STATUS_BLOCK]
    assert get_recommendation(db, rec_id).history == []


def test_a_recommendation_gone_before_the_modal_is_saved(rig, db):
    button = status_buttons(rig.answer("recs")["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    _, view = open_modal(rig, button)
    db["recommendations"].delete_where("id = ?", [rec_id])
    status, ack = submit(rig, view, "accepted")
    assert json.loads(ack)["errors"] == {render.STATUS_BLOCK: slack_tracker.GONE}
    assert db["recommendation_status_log"].count == 0


def test_a_recommendation_gone_since_the_card_was_drawn(rig, db):
    button = status_buttons(rig.answer("recs")["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    db["recommendations"].delete_where("id = ?", [rec_id])
    name, _ = click(rig, button)
    answer = rig.slack.wait_for(f"response:{name}")[0].body
    assert "no longer in the library" in answer["text"]
    assert rig.slack.calls("views.open") == []


def test_allowed_channels_judge_a_submission_by_the_channel_it_came_from(make_rig, db):
    rig = make_rig(allowed_channels=frozenset({"C0GENERAL"}))
    button = status_buttons(rig.answer("recs")["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    name, view = open_modal(rig, button)
    assert submit(rig, view, "accepted")[0] == 200
    rig.slack.wait_for(f"response:{name}")  # the card redrawn: the change is recorded
    assert get_recommendation(db, rec_id).status == "accepted"


def test_the_modal_survives_a_very_long_filter(rig, db):
    line = "recs " + " ".join(["measures"] * 400)
    rec = list_recommendations(db)[0]
    value = render.status_value(rec.id, line)
    assert len(value) <= 2000 and render.read_status_value(value)[0] == rec.id
    view = render.status_modal(get_recommendation(db, rec.id), {"r": rec.id, "t": "x" * 4000})
    assert len(view["private_metadata"]) <= 3000
    valid_view(view)


# -- export ---------------------------------------------------------------------------------------


def test_recs_export_uploads_a_spreadsheet_to_the_channel(rig, db):
    set_status(db, list_recommendations(db, "to:nca")[0].id, "accepted", by="Ann", note="ok")
    status, ack, name = rig.command("recs export to:nca")
    assert status == 200 and ack == ""
    complete = rig.slack.wait_for("files.completeUploadExternal")[0]
    assert complete.body["channel_id"] == "C0GENERAL"
    assert "U0ASKER" in complete.body["initial_comment"]
    asked = rig.slack.calls("files.getUploadURLExternal")[0].body
    upload = rig.slack.uploads[0]
    assert upload["filename"].endswith(".xlsx") and int(asked["length"]) == len(upload["data"])
    rows = list(
        load_workbook(io.BytesIO(upload["data"]))["Recommendations"].iter_rows(values_only=True)
    )
    expected = list_recommendations(db, "to:nca")
    assert rows[0] == export.COLUMNS
    assert [r[export.COLUMNS.index("Recommendation ID")] for r in rows[1:]] == [
        r.id for r in expected
    ]
    assert rows[1][export.COLUMNS.index("Status")] == "accepted"
    assert rows[1][export.COLUMNS.index("Note")] == "ok"
    assert rig.slack.responses(name) == []  # the file is the answer


def test_recs_export_csv_and_nothing_found(rig, db):
    rig.command("recs export csv")
    rig.slack.wait_for("files.completeUploadExternal")
    upload = rig.slack.uploads[0]
    assert upload["filename"].endswith(".csv")
    table = list(csv.reader(io.StringIO(upload["data"].decode("utf-8"))))
    assert len(table) == len(list_recommendations(db)) + 1
    nothing = rig.answer("recs export zebra crossings")
    assert nothing["response_type"] == "ephemeral"
    assert "No recommendations match" in nothing["text"]
    bad = rig.answer("recs export due:whenever")
    assert bad["response_type"] == "ephemeral" and "due filter" in bad["text"]
    assert len(rig.slack.uploads) == 1


def test_recs_export_says_how_to_fix_an_upload_slack_refuses(rig):
    rig.slack.fail("files.completeUploadExternal", error="not_in_channel")
    message = rig.answer("recs export")
    assert message["response_type"] == "ephemeral" and "/invite @rocu" in message["text"]
    assert rig.slack.uploads == []


def test_mention_and_direct_message_export_upload_in_the_thread(rig, db):
    rig.mention("recs export csv to:nca", ts="8.0")
    complete = rig.slack.wait_for("files.completeUploadExternal")[0].body
    assert complete["channel_id"] == "C0GENERAL" and complete["thread_ts"] == "8.0"
    table = list(csv.reader(io.StringIO(rig.slack.uploads[0]["data"].decode("utf-8"))))
    assert len(table) == len(list_recommendations(db, "to:nca")) + 1
    rig.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": "U0ASKER",
            "text": "recs export zebra crossings",
            "ts": "9.0",
            "channel": "D0ASKER",
        }
    )
    told = rig.slack.wait_for("chat.postMessage")[0].body
    assert told["thread_ts"] == "9.0" and "No recommendations match" in told["text"]
    assert rig.slack.calls("chat.postMessage")[0].body["channel"] == "D0ASKER"
    assert len(rig.slack.uploads) == 1
    rig.event(  # other mentions are answered as before
        {
            "type": "app_mention",
            "user": "U0ASKER",
            "text": f"<@{BOT_USER_ID}> docs",
            "ts": "10.0",
            "channel": "C0GENERAL",
        }
    )
    posts = rig.slack.wait_for("chat.postMessage", count=2)
    assert posts[1].body["blocks"][0]["text"]["text"].startswith("Documents in the library")


def test_plain_recs_still_answers_as_before(rig):
    message = rig.answer("recs")
    assert message["response_type"] == "in_channel"
    assert message["blocks"][0]["text"]["text"] == "Recommendations"


# -- the fake Slack keeps Slack's rules -----------------------------------------------------------


def test_fake_slack_enforces_trigger_and_view_and_upload_rules(fake_slack):
    client = WebClient(token="xoxb-test", base_url=fake_slack.url)
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Hi"},
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x"}}],
    }
    client.views_open(trigger_id="t1", view=view)
    for trigger, bad_view, error in [
        ("t1", view, "exchanged_trigger_id"),
        ("t2", {**view, "title": {"type": "plain_text", "text": "x" * 25}}, "invalid_arguments"),
        ("t3", {**view, "blocks": []}, "invalid_arguments"),
        ("t4", {**view, "private_metadata": "x" * 3001}, "invalid_arguments"),
        (
            "t5",
            {
                **view,
                "blocks": [
                    {
                        "type": "input",
                        "label": {"type": "plain_text", "text": "L"},
                        "element": {"type": "plain_text_input", "action_id": "a"},
                    }
                ],
            },
            "invalid_arguments",  # input blocks need a submit button
        ),
    ]:
        with pytest.raises(SlackApiError) as caught:
            client.views_open(trigger_id=trigger, view=bad_view)
        assert caught.value.response["error"] == error
    with pytest.raises(SlackApiError) as caught:
        client.files_getUploadURLExternal(filename="a.csv", length=0)
    assert caught.value.response["error"] == "missing_argument"
    with pytest.raises(SlackApiError) as caught:
        client.files_completeUploadExternal(files=[{"id": "F0NOPE"}], channel_id="C1")
    assert caught.value.response["error"] == "file_not_found"
    got = client.files_getUploadURLExternal(filename="a.csv", length=3)
    with pytest.raises(SlackApiError) as caught:  # asked for, never uploaded
        client.files_completeUploadExternal(files=[{"id": got["file_id"]}], channel_id="C1")
    assert caught.value.response["error"] == "file_not_found"
    done = client.files_upload_v2(channel="C1", content="a,b\n", filename="t.csv", title="T")
    assert done["file"]["name"] == "t.csv" and fake_slack.uploads[-1]["data"] == b"a,b\n"
    with pytest.raises(SlackApiError) as caught:
        client.users_info(user="U0NOBODY")
    assert caught.value.response["error"] == "user_not_found"


def test_blocks_of_every_tracker_reply_parse_back(db):
    from bot import commands
    from bot.render import blocks as bk

    rec = list_recommendations(db)[0]
    set_status(db, rec.id, "accepted", by="A <b> & c", by_id="U0A", note="*bold* <!here>" * 80)
    for line in ("recs", "recs due:overdue", f"recs {rec.id}", "recs export", "recs export x y"):
        reply = commands.dispatch(db, line)
        message = bk.message(reply, share_line=line)
        valid_blocks(message["blocks"])
        assert "<!here>" not in json.dumps(message)


def test_who_set_a_status_is_asked_of_slack_once_and_falls_back_to_the_payload(rig, db):
    listing = rig.answer("recs doc:pac-soc-2019")
    first, second = status_buttons(listing["blocks"])[:2]
    for button, status in ((first, "accepted"), (second, "rejected"), (first, "implemented")):
        _, view = open_modal(rig, button)
        assert submit(rig, view, status)[0] == 200
    rig.slack.wait_for("response", count=4)  # the listing and three redraws
    asked = [c.body["user"] for c in rig.slack.calls("users.info")]
    assert asked.count("U0ANN") == 1  # cached (bot.slack.people), not once per change
    _, view = open_modal(rig, second, user="U0NOBODY")  # a user Slack does not describe
    assert submit(rig, view, "open", user="U0NOBODY")[0] == 200
    rig.slack.wait_for("response", count=5)
    rec = get_recommendation(db, render.read_status_value(second["value"])[0])
    assert (rec.history[-1]["by"], rec.history[-1]["by_id"]) == ("u0nobody", "U0NOBODY")


def test_a_refused_export_in_a_thread_is_escaped_once(rig):
    rig.mention("recs export status:&lt;x&gt; &amp; co", ts="9.0")  # as Slack sends "<x> & co"
    told = rig.slack.wait_for("chat.postEphemeral")[0].body
    text = " ".join(mrkdwn_texts(told["blocks"]))
    assert "&lt;x&gt;" in text and "&amp;lt;" not in text and "<x>" not in text
    assert told["thread_ts"] == "9.0" and told["text"].startswith("Unknown status")


def test_a_save_while_another_process_writes_says_so_and_the_next_save_is_kept(rig, db):
    # Another process (``rocu ingest``) holds the store's write lock: the modal's save waits at
    # most STATUS_SAVE_WAIT, then says the library is busy, in the modal, inside Slack's ack; it
    # used to wait up to two minutes. Nothing is stored, and the same save later is.
    import fcntl

    button = status_buttons(rig.answer("recs")["blocks"])[0]
    rec_id = render.read_status_value(button["value"])[0]
    _, view = open_modal(rig, button)
    store_file = [row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main"][0]
    with open(store_file + "-write.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            _, ack = submit(rig, view, "accepted")
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    errors = json.loads(ack)
    assert errors["response_action"] == "errors"
    assert "busy" in errors["errors"][render.STATUS_BLOCK]
    assert get_recommendation(db, rec_id).history == []

    _, ack = submit(rig, view, "accepted")
    assert "errors" not in (json.loads(ack) if ack else {})
    assert get_recommendation(db, rec_id).status == "accepted"
