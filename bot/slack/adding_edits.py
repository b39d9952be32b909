"""A document's card buttons (for ``bot.slack.adding``): "Remove" (after Slack's confirmation),
and "Edit details": the modal, its check in the ack (a problem is shown in the modal itself), and
the card redrawn after it."""

from __future__ import annotations

import json
import logging
import sqlite3

from bot.library.documents import get_document
from bot.library.ingest import edit_details
from bot.library.metadata import CatalogueError
from bot.library.store import StoreError, explain
from bot.render import adding as render
from bot.slack import editors
from bot.slack.adding_answers import (
    Adding,
    Private,
    card_for,
    refuse_button,
    remove_and_say,
    say,
)

log = logging.getLogger("rocu.slack")


def on_remove(shared: Adding, body, action, client):
    """The card's "Remove" (after Slack's confirmation)."""
    user = (body.get("user") or {}).get("id")
    if not editors.may_edit(client, user):
        refuse_button(shared, client, body)
        return
    document = get_document(shared.library.db(), action.get("value") or "")
    if document is None:
        message = render.failure_message("That document was already removed.")
        say(shared, client, body, message, "add:removed", replace_original=True)
        return
    message = remove_and_say(shared, document, user)
    say(shared, client, body, message, "add:removed", replace_original=True)


def on_edit(shared: Adding, body, action, client):
    """The card's "Edit details": opens the edit modal."""
    user = (body.get("user") or {}).get("id")  # first thing: the trigger_id expires in 3 s
    if not editors.may_edit(client, user):
        refuse_button(shared, client, body)
        return
    document = get_document(shared.library.db(), action.get("value") or "")
    private = {"response_type": "ephemeral", "replace_original": False}
    if document is None:
        message = render.failure_message("That document is no longer in the library.")
        say(shared, client, body, message, "add:gone", **private)
        return
    container = body.get("container") or {}
    where = {"response_url": body.get("response_url")}
    if not container.get("is_ephemeral") and container.get("message_ts"):
        where = {
            "channel": container.get("channel_id") or (body.get("channel") or {}).get("id"),
            "ts": container["message_ts"],
        }
    try:
        client.views_open(trigger_id=body["trigger_id"], view=render.edit_modal(document, where))
    except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
        log.warning("views.open failed: %s", type(exc).__name__)
        message = render.failure_message(
            "Slack did not open the form in time: please click “Edit details” again."
        )
        say(shared, client, body, message, "add:edit", **private)


def validate_edit(shared: Adding, ack, body, view, client):
    """The edit modal's ack: the edit is checked and stored here, so a problem is shown in the
    modal itself."""
    user = (body.get("user") or {}).get("id")
    meta = _metadata(view)
    if not editors.may_edit(client, user):
        ack(response_action="errors", errors={"title": "Only the library's editors can do this."})
        return
    if not isinstance(meta.get("doc"), str):  # not a form rocu opened
        ack(response_action="errors", errors={"title": "This form is not one rocu opened."})
        return
    try:
        edit_details(shared.library.db(), meta["doc"], render.edit_values(view))
    except CatalogueError as exc:
        field = render.field_of_error(str(exc))
        ack(response_action="errors", errors={field: str(exc)[:150]})
        return
    except (StoreError, sqlite3.Error) as exc:  # another writer, or a store that cannot be used:
        log.warning("edit not saved: %s", type(exc).__name__)  # said in the modal, not a 500
        problem = str(exc) if isinstance(exc, StoreError) else str(explain(exc))
        ack(response_action="errors", errors={"title": problem[:150]})
        return
    with shared.edited_lock:
        shared.edited[_view_key(body, view)] = meta["doc"]
    ack()


def on_edit_submitted(shared: Adding, body, view, client):
    """After the edit modal's ack: redraw the document's card."""
    with shared.edited_lock:
        doc_id = shared.edited.pop(_view_key(body, view), None)
    if doc_id is None:
        return  # the ack showed the person what was wrong; nothing was stored
    user = (body.get("user") or {}).get("id")
    meta = _metadata(view)
    db = shared.library.db()
    document = get_document(db, doc_id)
    if document is None:
        return
    card = render.card_message(card_for(db, document, "edited", user))
    try:
        if meta.get("channel") and meta.get("ts"):
            client.chat_update(channel=meta["channel"], ts=meta["ts"], **card)
        elif meta.get("response_url"):
            tag = str(view.get("id") or "") + str(view.get("hash") or "")
            Private(shared.ledger, client, {"response_url": meta["response_url"]}, tag).update(card)
    except Exception as exc:  # noqa: BLE001 - the edit is stored; only the card is stale
        log.warning("could not update the card: %s", type(exc).__name__)


def _metadata(view: dict) -> dict:
    """What an edit modal carries in ``private_metadata`` (a JSON object), or {}."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, TypeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _view_key(body: dict, view: dict) -> str:
    return f"{view.get('id')}:{view.get('hash')}:{(body.get('user') or {}).get('id')}"
