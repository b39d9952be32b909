"""The App Home tab end to end, through the real Bolt app and the fake Slack: published fresh on
``app_home_opened`` (a valid ``home`` view within Slack's limits, which the fake checks), with
what is new this week, the recommendations due or overdue (filtered by addressee with a static
select), the person's watches and the newest team glossary entries, and buttons to search, add a
document (editors only) and export the tracker. A document marked OFFICIAL-SENSITIVE shows no
excerpt there. Documents and entries written for these tests."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from slack_rig import ASKER, mrkdwn_texts
from slack_server import TEAM_ID

from bot.library.ingest import ingest
from bot.recs.tracker import list_recommendations
from bot.render import home as render
from bot.slack import editors

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

MARKED = """OFFICIAL-SENSITIVE

Review of the Quarry Lane informant handling arrangements

The handling unit kept its informant records in two places, which made the weekly checks slow
and left gaps that a manager could not see.

Recommendation 1: The Quarry Lane handling unit should move every informant record into the
single case system by March 2020.

OFFICIAL-SENSITIVE
"""


def opened(rig, user: str = ASKER) -> dict:
    """Open the Home tab; the view Slack was asked to publish."""
    before = len(rig.slack.calls("views.publish"))
    rig.event({"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home"})
    call = rig.slack.wait_for("views.publish", count=before + 1)[-1]
    assert call.status == 200 and call.body["user_id"] == user  # the fake found it valid
    view = call.body["view"]
    return json.loads(view) if isinstance(view, str) else view


def text_of(view: dict) -> str:
    return " ".join(mrkdwn_texts(view["blocks"]))


def labels(view: dict) -> list[str]:
    return [
        e["text"]["text"]
        for b in view["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["type"] == "button"
    ]


def interaction(rig, payload: dict) -> None:
    payload = {"user": {"id": ASKER, "team_id": TEAM_ID}, "team": {"id": TEAM_ID}, **payload}
    status, _ = rig.post(urlencode({"payload": json.dumps(payload)}))
    assert status == 200


def home_action(rig, action: dict, trigger: str = "9.9.9") -> None:
    interaction(
        rig,
        {
            "type": "block_actions",
            "api_app_id": "A0ROCU",
            "container": {"type": "view", "view_id": "V0HOME"},
            "view": {"id": "V0HOME", "type": "home"},
            "trigger_id": trigger,
            "actions": [{"block_id": "b1", "action_ts": "1.2", **action}],
        },
    )


def submit(rig, callback_id: str, value: str, view_id: str = "V0MODAL") -> int:
    payload = {
        "type": "view_submission",
        "user": {"id": ASKER, "team_id": TEAM_ID},
        "team": {"id": TEAM_ID},
        "api_app_id": "A0ROCU",
        "trigger_id": "5.5.5",
        "view": {
            "id": view_id,
            "hash": "h1",
            "type": "modal",
            "callback_id": callback_id,
            "state": {"values": {render.INPUT_BLOCK: {render.INPUT_ACTION: {"value": value}}}},
        },
    }
    status, body = rig.post(urlencode({"payload": json.dumps(payload)}))
    assert status == 200
    return body


def test_opening_the_tab_publishes_a_fresh_home(rig, db):
    view = opened(rig)
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    text = text_of(view)
    assert "New this week" in text
    for row in db["documents"].rows:  # the seed library was added this week
        assert row["id"] in text or "more: `/rocu docs`" in text
    assert "Recommendations due or overdue" in text
    assert "Your watches" in text and "Newest team glossary entries" in text
    assert labels(view) == ["Search the library", "Add a document", "Export the tracker"]
    rig.answer("watch me county lines")
    rig.answer("define QXZ = Quokka Exchange Zone -- a test entry")
    again = text_of(opened(rig))  # refreshed on open
    assert "1. county lines" in again and "QXZ" in again and "Quokka Exchange Zone" in again


def test_due_recommendations_filter_by_addressee(rig, db):
    view = opened(rig)
    due = [r for r in list_recommendations(db) if r.due and r.status not in ("implemented",)]
    selects = [
        b["accessory"]
        for b in view["blocks"]
        if b.get("accessory", {}).get("type") == "static_select"
    ]
    assert due, "the seed library holds recommendations that fell due"
    [select] = selects
    options = [o["value"] for o in select["options"]]
    assert options[0] == render.EVERYONE and len(options) <= 100
    who = options[1]
    home_action(
        rig,
        {
            "type": "static_select",
            "action_id": render.ACTION_ADDRESSEE,
            "selected_option": {"text": {"type": "plain_text", "text": who}, "value": who},
        },
    )
    filtered = rig.slack.wait_for("views.publish", count=2)[-1].body["view"]
    text = text_of(filtered)
    assert f"for *{who}*" in text
    [chosen] = [
        b["accessory"]
        for b in filtered["blocks"]
        if b.get("accessory", {}).get("type") == "static_select"
    ]
    assert chosen["initial_option"]["value"] == who
    others = [r for r in due if who not in r.addressees and r.id not in text]
    assert all(r.id not in text for r in others)


def test_search_from_home_answers_in_a_direct_message(rig, db):
    opened(rig)
    home_action(rig, {"type": "button", "action_id": render.ACTION_SEARCH, "value": ""})
    modal = rig.slack.wait_for("views.open")[0]
    assert modal.status == 200 and modal.body["trigger_id"] == "9.9.9"
    submit(rig, render.SEARCH_VIEW, "county lines")
    post = rig.slack.wait_for("chat.postMessage")[0]
    assert post.status == 200 and post.body["channel"] == f"D{ASKER}"
    assert post.body["blocks"][0]["text"]["text"] == "Search: county lines"


def test_add_a_document_is_for_editors_only(make_rig, monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", "U0EDITOR")
    editors.forget_cache()
    rig = make_rig()
    view = opened(rig)
    assert "Add a document" not in labels(view)
    home_action(rig, {"type": "button", "action_id": render.ACTION_ADD, "value": ""})
    refusal = rig.slack.wait_for("chat.postMessage")[0].body
    assert "only the library's editors" in " ".join(mrkdwn_texts(refusal["blocks"]))
    assert rig.slack.calls("views.open") == []
    assert "Add a document" in labels(opened(rig, "U0EDITOR"))
    editors.forget_cache()


def test_the_add_modal_wants_a_link(rig):
    body = submit(rig, render.ADD_VIEW, "not a link at all")
    assert json.loads(body)["response_action"] == "errors"


def test_export_from_home_uploads_the_tracker_to_the_person(rig, db):
    assert list_recommendations(db)
    opened(rig)
    home_action(rig, {"type": "button", "action_id": render.ACTION_EXPORT, "value": ""})
    rig.slack.wait_for("files.completeUploadExternal")
    [upload] = rig.slack.uploads
    assert upload["channel"] == f"D{ASKER}" and upload["filename"].endswith(".xlsx")


def test_no_excerpt_of_an_official_sensitive_document_on_home(rig, db, tmp_path):
    path = tmp_path / "quarry-lane-review.txt"
    path.write_text(MARKED)
    assert not ingest(db, [path]).failed
    doc_id = db.execute("select id from documents where file = ?", [path.name]).fetchone()[0]
    assert db["documents"].get(doc_id)["marking"] == "OFFICIAL-SENSITIVE"  # read at ingest
    text = text_of(opened(rig))
    assert doc_id in text  # listed by title and id ...
    for words in ("two places", "weekly checks", "left gaps", "informant record", "case system"):
        assert words not in text  # ... never quoted
    [rec] = [r for r in list_recommendations(db) if r.doc_id == doc_id]
    assert rec.id in text and "not quoted here" in text  # overdue, listed, not quoted
    # the same document unmarked is quoted: the test can tell
    db["documents"].update(doc_id, {"marking": None})
    plain = text_of(opened(rig))
    assert "single case system" in plain


def test_a_full_home_stays_within_slacks_limits():
    """Many long items and addressees: still a valid view of at most 100 blocks, a select of at
    most 100 options (texts of at most 75 characters)."""
    import datetime as dt

    from slack_server import _view_problem

    from bot.digest.home import DueItem, Home, NewItem
    from bot.digest.watches import Watch
    from bot.glossary.entry import Entry

    long = "<!channel> & a very long title " * 20
    home = Home(
        user="U1",
        today=dt.date(2026, 3, 2),
        new=[NewItem(f"d{n}", long, "report", None, long) for n in range(10)],
        new_total=40,
        due=[
            DueItem(f"r{n}", "d1", long, long, [long], dt.date(2026, 3, 1), -1, "open")
            for n in range(15)
        ],
        due_total=60,
        addressees=[f"Body {n} {'x' * 90}" for n in range(150)],
        addressee=None,
        watches=[Watch(n, n + 1, "user:U1", long, "U1", "2026-01-01") for n in range(25)],
        team_entries=[Entry(f"T{n}", long, "team", added_at="2026-03-01") for n in range(5)],
    )
    view = render.home_view(home, editor=True)
    assert _view_problem(view) is None and len(view["blocks"]) <= 100
    [select] = [b["accessory"] for b in view["blocks"] if b.get("accessory")]
    assert len(select["options"]) <= 100
    assert all(len(o["text"]["text"]) <= 75 for o in select["options"])
    assert "<!channel>" not in json.dumps([mrkdwn_texts(view["blocks"])])


PAGE = b"""<!DOCTYPE html><html><head><title>Hedgerow crossings briefing</title></head><body>
<main><h1>Hedgerow crossings briefing</h1>
<p>The briefing describes how three forces in the west of the region agreed to share what they
learn about rural thefts along the hedgerow crossings between their areas.</p>
<p>It asks each force to name one officer to keep the shared list up to date every month.</p>
</main></body></html>"""


def test_an_editor_adds_a_document_from_home_and_gets_its_card(rig, db, monkeypatch):
    from web_server import WebSite

    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    with WebSite() as site:
        site.page("/briefings/hedgerow.html", PAGE)
        home_action(rig, {"type": "button", "action_id": render.ACTION_ADD, "value": ""})
        assert rig.slack.wait_for("views.open")[0].status == 200
        submit(rig, render.ADD_VIEW, site.url("/briefings/hedgerow.html"), view_id="V0ADD")
        reading = rig.slack.wait_for("chat.postMessage")[0]
        assert reading.body["channel"] == f"D{ASKER}" and "Reading" in text_of(reading.body)
        card = rig.slack.wait_for("chat.update", timeout=30)[0]
        assert card.status == 200 and card.body["channel"] == f"D{ASKER}"
    assert "Hedgerow crossings briefing" in json.dumps(card.body)
    assert any("hedgerow" in (row["title"] or "").lower() for row in db["documents"].rows)


def test_where_rocu_may_not_answer_the_tab_says_so_politely(make_rig):
    # a workspace outside ROCU_ALLOWED_TEAMS (ROCU_ALLOWED_CHANNELS leaves the person's own DM
    # with rocu open since round 21's later fixes: middleware.OWN_DM_ALLOWED)
    rig = make_rig(allowed_teams=frozenset({"T0ONLY"}))
    rig.event({"type": "app_home_opened", "user": ASKER, "channel": "D0HOME", "tab": "home"})
    call = rig.slack.wait_for("views.publish")[0]
    assert call.status == 200
    text = text_of(call.body["view"])
    assert "not set up to answer here" in text and "New this week" not in text
