"""Hostile titles, notes, acronyms and file names reach Slack escaped, in every field of every
message (issue 24): top-level ``text`` (what notifications show), every mrkdwn block, and no
entity escaped twice. The hostile strings were written for this test.

Slack reads ``<!channel>``, ``<@U…>``, ``<#C…>`` and ``<https://x|label>`` in mrkdwn and in a
message's top-level ``text``; ``plain_text`` objects, button values, URLs, input values and
``private_metadata`` are never parsed for them, so only those may hold the raw characters."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot import commands
from bot.digest.content import build_digest
from bot.library.adding import add_bytes
from bot.recs.tracker import list_recommendations, set_status
from bot.render import adding as render_adding
from bot.render import blocks
from bot.render import tracker as render_tracker
from bot.render.digest import digest_message

HOSTILE = "<!channel> <https://evil.example|click here> <@U0VICTIM> <#C0SECRET> & <!here>"
LIVE = ("<!channel>", "<https://evil.example", "<@U0VICTIM>", "<#C0SECRET>", "<!here>")
RAW_FIELDS = {"value", "url", "initial_value", "private_metadata", "action_id", "block_id"}

PAGE = f"""<!doctype html><html><head><title>{
    HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
}</title><meta name="author" content="&lt;!channel&gt; Team"></head><body>
<main><h1>Findings of the Quill Review Group</h1>
<p>The Quill Review Group (QRG) met in May 2024 and looked at how the regional units share
intelligence with one another.</p>
<p>We recommend that the Home Office should publish the guidance on data sharing by December
2025, and that the QRG should report every quarter.</p>
<p>The group heard from the regional units and from three police forces about their plans.</p>
</main></body></html>""".encode()


def live_fields(message, path="") -> list[str]:
    """Paths of the strings in ``message`` that Slack would read mark-up in and that hold a live
    hostile mention or link, or an entity escaped twice."""
    found = []

    def walk(node, where: str, plain: bool) -> None:
        if isinstance(node, dict):
            is_plain = node.get("type") == "plain_text"
            for key, value in node.items():
                if key in RAW_FIELDS:
                    continue
                walk(value, f"{where}.{key}", is_plain)
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}[{n}]", plain)
        elif isinstance(node, str):
            if "&amp;lt;" in node or "&amp;gt;" in node or "&amp;amp;" in node:
                found.append(f"{where}: escaped twice")
            if not plain and any(mark in node for mark in LIVE):
                found.append(f"{where}: live mark-up")

    walk(message, path or "message", False)
    return found


@pytest.fixture
def hostile_db(db):
    added = add_bytes(db, PAGE, f"{HOSTILE}.html", source="https://example.invalid/hostile")
    # what an editor may type into "Edit details", and a file name someone chose
    fields = {"file": f"{HOSTILE}.html", "title": HOSTILE, "author": HOSTILE}
    db["documents"].update(added.document.id, fields)
    commands.dispatch(db, f"define QXZ = {HOSTILE} -- {HOSTILE}", commands.Context(user="U0EDITOR"))
    recs = list_recommendations(db, f"doc:{added.document.id}")
    assert recs, "the page's recommendation was found"
    set_status(db, recs[0].id, "accepted", by=HOSTILE, note=HOSTILE, by_id="U0EDITOR")
    context = commands.Context(user="U0EDITOR", channel="C0GENERAL")
    commands.dispatch(db, f"watch quill review {HOSTILE}", context)
    return db, added.document.id, recs[0].id


LINES = [
    "search quill review",
    "search {hostile}",
    "docs",
    "doc {doc}",
    "define QRG",
    "define QXZ",
    "define {hostile}",
    "recs quill",
    "recs {rec}",
    "recs {hostile}",
    "watches",
    "watch {hostile} county",
    "unwatch {hostile}",
    "digest",
    "help",
    "{hostile}",
]


@pytest.mark.parametrize("line", LINES)
def test_every_reply_is_escaped_in_every_field(hostile_db, line):
    db, doc_id, rec_id = hostile_db
    context = commands.Context(user="U0EDITOR", channel="C0GENERAL")
    reply = commands.dispatch(db, line.format(hostile=HOSTILE, doc=doc_id, rec=rec_id), context)
    message = blocks.message(reply, share_line="search quill")
    assert live_fields(message) == [], json.dumps(message)[:3000]


def test_the_hostile_strings_do_reach_the_messages_escaped(hostile_db):
    db, doc_id, rec_id = hostile_db
    for line in ("docs", f"doc {doc_id}", "define QXZ", f"recs {rec_id}", "search quill review"):
        message = json.dumps(blocks.message(commands.dispatch(db, line)))
        assert "&lt;!channel&gt;" in message, line  # so the sweep above tested something


def test_a_refusal_names_the_editors_live_and_nothing_else(hostile_db):
    db, _, _ = hostile_db
    context = commands.Context(
        user="U0ASKER",
        may_edit=lambda: False,
        refusal=lambda: "Only the library's editors can do this: <@U0EDITOR>.",
    )
    for line in (f"define QQQ = {HOSTILE}", "watch county lines", "unwatch 1"):
        reply = commands.dispatch(db, line, context)
        assert reply.kind == "refused"
        message = blocks.message(reply)
        assert message["text"] == "Only the library's editors can do this: <@U0EDITOR>."
        assert "&lt;@U0EDITOR&gt;" not in json.dumps(message)


def test_the_adding_messages_are_escaped_in_every_field(hostile_db):
    from bot.library.documents import get_document

    db, doc_id, _ = hostile_db
    document = get_document(db, doc_id)
    card = render_adding.Card(document, "added", 1, [("QRG", HOSTILE)], by="U0EDITOR")
    messages = {
        "reading": render_adding.reading_message(HOSTILE),
        "failure": render_adding.failure_message(HOSTILE),
        "card": render_adding.card_message(card),
        "edited": render_adding.card_message(render_adding.Card(document, "edited")),
        "removed": render_adding.removed_message(HOSTILE, doc_id, {"passages": 3}, by="U0EDITOR"),
        "edit modal": render_adding.edit_modal(document, {"channel": "C1", "ts": "1.2"}),
        # one copy of each document (issue 25): a copy, an update, a new version's question
        "copy": render_adding.card_message(render_adding.Card(document, "duplicate", name=HOSTILE)),
        "update": render_adding.card_message(
            render_adding.Card(document, "updated", changes={"changed": 1, "previous": HOSTILE})
        ),
        "version": render_adding.version_message(document, {"added": 2}, HOSTILE, '{"url":"x"}'),
    }
    for name, message in messages.items():
        assert live_fields(message, name) == [], name


def test_the_tracker_and_digest_messages_are_escaped_in_every_field(hostile_db):
    db, doc_id, rec_id = hostile_db
    rec = commands.dispatch(db, f"recs {rec_id}").data
    rec = rec if not isinstance(rec, list) else rec[0]
    modal = render_tracker.status_modal(rec, {"r": rec_id})
    assert live_fields(modal, "status modal") == []
    assert live_fields(render_tracker.message_view(HOSTILE[:20], HOSTILE), "view") == []
    digest = build_digest(db, dt.date.today(), "C0GENERAL")
    assert live_fields(digest_message(digest), "digest") == []
