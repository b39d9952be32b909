"""The recommendation tracker in Slack: the status modal and the spreadsheet export.

* "Set status" on a recommendation card (``rocu_status...``): ``views.open`` with the click's
  ``trigger_id`` shows ``bot.render.tracker.status_modal``: the recommendation, its history, a
  status select and a note.
* Submitting it (``view_submission``, callback ``rocu_status_modal``) records the change with who
  (Slack display name and user id) and when, closes the modal, and redraws the card through the
  message's ``response_url`` so everyone sees the new status. A refusal or an unknown status is
  shown in the modal itself (``response_action: errors``).
* ``/rocu recs export [csv|xlsx] [FILTER]``: the tracker as a spreadsheet, uploaded to the
  channel with ``files_upload_v2`` (needs the ``files:write`` scope and rocu in the channel);
  ``@rocu recs export`` or a direct message does the same in the thread.

Who may change a status is decided by one function, ``may_edit(user_id)``; ``register`` takes
another in its place.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot import commands
from bot.config import Settings
from bot.library.store import StoreBusy, StoreError
from bot.recs import export
from bot.recs import tracker as recs
from bot.render import blocks
from bot.render import tracker as render
from bot.render.recs import nothing_found, shown_summary
from bot.render.text import reply_text
from bot.slack import editors, people
from bot.slack.listeners import acked, acked_apart, answered_elsewhere, inline, retry_num
from bot.slack.once import post_once, respond_once

log = logging.getLogger("rocu.slack.tracker")

GONE = (
    "That recommendation is no longer in the library (its wording changed or its document went). "
    "Run `/rocu recs` again for the current list."
)
# How long the status modal's save waits for another process's write lock (``rocu ingest``
# storing a 240-page report held it 1.15 s, round 14) before it answers in the modal that the
# library is busy, so that the ack stays inside Slack's 3 seconds (it waited up to 120 s).
STATUS_SAVE_WAIT = 2.0
NOT_SAVED = "Your change could not be saved (the store is not available); try again in a moment."
UPLOAD_ERRORS = {
    "not_in_channel": "I can't post files in this channel yet: invite me with `/invite @rocu`.",
    "channel_not_found": "I can't see this channel: invite me with `/invite @rocu`.",
    "missing_scope": "I may not upload files: the app needs the `files:write` scope.",
    "file_uploads_disabled": "File uploads are turned off in this workspace.",
}


def may_edit(user_id: str | None) -> bool:
    """Whether this Slack user may change a recommendation's status: ROCU_EDITORS (see
    ``bot.slack.editors``), resolved with the app's client by ``register``."""
    return editors.may_edit(None, user_id)


def display_name(client: WebClient, user_id: str, fallback: dict | None = None) -> str:
    """The name people see in Slack (display name, else real name, else username), from
    ``bot.slack.people``'s cache (one ``users.info`` per person an hour); when Slack cannot say,
    the name the request itself carried (``fallback``: the payload's ``user``), else the id."""
    name = people.display_name(client, user_id)
    if name and name != user_id:
        return name
    for candidate in ((fallback or {}).get("name"), (fallback or {}).get("username")):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return user_id


def view_channel(body: dict) -> str | None:
    """The channel a status modal was opened from (kept in its private_metadata), so the
    allow-list can judge a ``view_submission``, which Slack sends without one."""
    if body.get("type") != "view_submission":
        return None
    view = body.get("view") or {}
    if view.get("callback_id") != render.STATUS_CALLBACK:
        return None
    try:
        channel = json.loads(view.get("private_metadata") or "{}").get("c")
    except (ValueError, AttributeError):
        return None
    return channel if isinstance(channel, str) else None


@dataclass(frozen=True)
class Front:
    """What these listeners use of the Slack app; ``bot.slack.app`` passes its own functions, so
    this module never imports it (no import cycle)."""

    answer: Callable  # (library, line, commands.Context) -> commands.Reply, never raising
    context_of: Callable[[dict], commands.Context]  # a request body -> who asked, where
    plain_text: Callable[[str], str]  # a slash command's text -> its /rocu line
    question_line: Callable[[str], str]  # a mention or DM -> a /rocu line
    deliver: Callable = inline  # where uploads go: the posting pool (``app.OTHERS_POST_APART``)


def is_export(line: str | None) -> bool:
    """Whether a ``/rocu`` line (already plain text) asks for ``recs export``."""
    name, argument = commands.parse(line or "")
    return commands.SUBCOMMANDS.get(name) is commands.SUBCOMMANDS.get("recs") and (
        argument.split(" ", 1)[0].lower() == "export"
    )


class Tracking:
    """What the tracker's listeners share: the app's client (for editors' look-ups), settings,
    the library and its ledger, the app's functions (``Front``) and an editors check."""

    def __init__(self, app, settings: Settings, library, front: Front, may_edit=None) -> None:
        self.app, self.settings, self.library, self.front = app, settings, library, front
        self.may_edit = may_edit
        self.ledger = getattr(library, "ledger", None)
        self.saved: dict[str, dict] = {}  # submission -> its metadata, for the redraw after ack
        self.saved_lock = threading.Lock()

    def allowed(self, user_id: str | None) -> bool:
        if self.may_edit is not None:
            return bool(self.may_edit(user_id))
        return editors.may_edit(self.app.client, user_id)

    def refused(self) -> str:
        return editors.refusal(self.app.client)


def register(
    app,
    settings: Settings,
    library,
    front: Front,
    may_edit: Callable[[str | None], bool] | None = None,
) -> None:
    """The tracker's listeners, in one place. Call before the catch-all ``/rocu``, mention and
    message listeners: the export's listeners must be matched first. ``may_edit`` replaces this
    module's ``may_edit`` (which is otherwise looked up at each request). Each listener is a
    module-level function below, given what they share (``Tracking``) as its first argument."""
    shared = Tracking(app, settings, library, front, may_edit)

    def bind(listener):
        bound = functools.partial(listener, shared)  # Bolt sees the arguments after ``shared``
        bound.__name__ = listener.__name__
        return bound

    acked(app.command(re.compile(r"^/rocu"), matchers=[bind(command_is_export)]), bind(on_export))
    mention = app.event("app_mention", matchers=[bind(mention_asks_export)])
    acked(mention, bind(on_mention_export))
    acked(app.event("message", matchers=[bind(dm_asks_export)]), bind(on_message_export))
    acked_apart(app.action(re.compile(r"^rocu_status")), bind(on_status_button), front.deliver)
    acked(app.view(render.STATUS_CALLBACK), bind(on_status_submit), ack=bind(validate_status))


# -- matchers -----------------------------------------------------------------------------------


def command_is_export(shared: Tracking, command: dict) -> bool:
    return is_export(shared.front.plain_text(command.get("text") or ""))


def mention_asks_export(shared: Tracking, event: dict) -> bool:
    return is_export(shared.front.question_line(event.get("text") or ""))


def dm_asks_export(shared: Tracking, event: dict) -> bool:
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return False
    return is_export(shared.front.question_line(event.get("text") or ""))


# -- listeners ----------------------------------------------------------------------------------


def on_export(shared: Tracking, body, command, client):
    """``/rocu recs export ...``: the tracker uploaded to the channel."""
    front, ledger = shared.front, shared.ledger
    line = front.plain_text(command.get("text") or "")
    context = front.context_of(command)
    reply = front.answer(shared.library, line, context)
    private = say_privately(ledger, client, body)
    if reply.kind != "recs_export":  # one private sentence, posted apart (it waits on Slack)
        message = {"response_type": "ephemeral", **blocks.message(reply)}
        front.deliver(respond_once, ledger, client, body, message, purpose="export")
        return
    data = reply.data
    if not data["recs"]:
        front.deliver(private, nothing_found(data["filter"], slack=True))
        return
    front.deliver(upload_export, client, private, context, data)


def on_mention_export(shared: Tracking, body, event, client, request):
    export_in_thread(shared, body, event, client, False, request)


def on_message_export(shared: Tracking, body, event, client, request):
    export_in_thread(shared, body, event, client, True, request)


def export_in_thread(
    shared: Tracking, body: dict, event: dict, client: WebClient, is_dm: bool, request
) -> None:
    """``@rocu recs export`` or a direct message asking it: uploaded in the thread."""
    ledger = shared.ledger
    key = f"event:{body['event_id']}" if body.get("event_id") else None
    unsure = not answered_elsewhere(request)
    if key and ledger is not None and not ledger.claim(key, retry_num(request), unsure):
        return  # Slack re-sent an event already answered (or being answered)
    line = shared.front.question_line(event.get("text") or "")
    context = commands.Context(
        user=event.get("user"), channel=event.get("channel"), team=event.get("team")
    )
    reply = shared.front.answer(shared.library, line, context)
    thread = event.get("thread_ts") or event.get("ts")

    def tell(text: str) -> None:
        message = sentence_message(text)
        told = f"{key}:told" if key else None
        if is_dm:
            post = client.chat_postMessage
            fields = {"channel": context.channel, "thread_ts": thread, **message}
        else:
            post = client.chat_postEphemeral
            fields = {"channel": context.channel, "user": context.user, "thread_ts": thread}
            fields.update(message)
        post_once(ledger, told, post, **fields)

    if reply.kind != "recs_export":
        tell(" ".join(reply_text(reply).split()))  # escaped once, by sentence_message
    elif not reply.data["recs"]:
        tell(nothing_found(reply.data["filter"], slack=True))
    else:

        def upload() -> None:
            upload_export(client, tell, context, reply.data, thread_ts=thread)
            if key and ledger is not None:
                ledger.mark(key, "sent", "files.upload")

        shared.front.deliver(upload)
        return
    if key and ledger is not None:
        ledger.mark(key, "sent", "files.upload")


def on_status_button(shared: Tracking, body, action, client):
    """A card's "Set status": opens the status modal."""
    ledger = shared.ledger
    user = (body.get("user") or {}).get("id")  # first thing: the trigger_id expires in 3 s
    rec_id, line, page = render.read_status_value(action.get("value"))
    private = {"response_type": "ephemeral", "replace_original": False}
    if not shared.allowed(user):
        respond_once(ledger, client, body, {**private, "text": shared.refused()}, "status")
        return
    rec = recs.get_recommendation(shared.library.db(), rec_id) if rec_id else None
    if rec is None:
        respond_once(ledger, client, body, {**private, "text": GONE}, "status")
        return
    channel = (body.get("channel") or {}).get("id")
    metadata = {"r": rec.id, "t": line, "p": page, "c": channel, "u": body.get("response_url")}
    if blocks.LINES_BY_KEY and len(line) > render.STATUS_LINE_INLINE:  # kept by key, not whole
        metadata = {**{k: v for k, v in metadata.items() if k != "t"}, "k": blocks.keep_line(line)}
    view = render.status_modal(rec, metadata, summary=shown_summary(rec))  # its ask, as listed
    try:
        client.views_open(trigger_id=body.get("trigger_id"), view=view)
    except (SlackApiError, SlackRequestError, OSError) as exc:
        error = exc.response.get("error") if isinstance(exc, SlackApiError) else None
        log.warning("views.open failed: %s", error or type(exc).__name__)
        late = "Slack did not open the status form in time: please click “Set status” again."
        respond_once(ledger, client, body, {**private, "text": late}, "status")


def checked_submission(shared: Tracking, body, view) -> tuple[str, str, str | None, dict] | str:
    """(rec id, status, note, metadata) of a status submission, or why it cannot be taken."""
    user = body.get("user") or {}
    if not shared.allowed(user.get("id")):
        return shared.refused()
    status, note = render.modal_values(view)
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
        rec_id = str(metadata["r"])
    except (ValueError, KeyError, TypeError):
        return GONE
    try:
        status = recs.parse_status(status)
    except recs.RecommendationError as exc:
        return str(exc)
    if recs.get_recommendation(shared.library.db(), rec_id) is None:
        return GONE
    return rec_id, status, note, metadata


def validate_status(shared: Tracking, ack, body, view, client):
    """The change is checked and stored before the ack (issue 24): the ack closes the modal only
    once the status is saved; a problem, or a store that cannot be written, is shown in the
    modal. A submission already stored (Slack's retry, a replay) is not stored again."""
    ledger = shared.ledger
    checked = checked_submission(shared, body, view)
    if isinstance(checked, str):
        ack(response_action="errors", errors={render.STATUS_BLOCK: checked})
        return
    rec_id, status, note, metadata = checked
    user = body.get("user") or {}
    key = submission_key(body, view)
    if ledger is not None and not ledger.claim(key):
        log.info("a status submission already stored: not stored again")
        ack()
        return
    by = display_name(client, user.get("id"), user) if user.get("id") else None
    try:
        recs.set_status(
            shared.library.db(),
            rec_id,
            status,
            by=by,
            by_id=user.get("id"),
            note=note,
            wait=STATUS_SAVE_WAIT,
        )
    except recs.RecommendationError:  # removed in the instant since the check
        problem = GONE
    except StoreBusy as exc:  # the write lock held elsewhere: its sentence says to try again
        log.warning("status not saved: %s", type(exc).__name__)
        problem = str(exc)
    except (sqlite3.Error, StoreError, OSError) as exc:
        log.error("status not saved: %s", type(exc).__name__)
        problem = NOT_SAVED
    else:
        problem = None
    if problem:
        if ledger is not None:
            ledger.mark(key, "failed")
        ack(response_action="errors", errors={render.STATUS_BLOCK: problem})
        return
    if ledger is not None:
        ledger.mark(key, "sent", "status")
    log.info("status set from Slack")
    with shared.saved_lock:
        shared.saved[key] = metadata
    ack()


def on_status_submit(shared: Tracking, body, view, client):
    """After the status modal's ack: the card redrawn."""
    user = body.get("user") or {}
    key = submission_key(body, view)
    with shared.saved_lock:
        metadata = shared.saved.pop(key, None)
    if metadata is None:
        return  # the ack showed what was wrong, or this submission was stored before
    team = (body.get("team") or {}).get("id")
    purpose = f"status:{view.get('id')}:{view.get('hash')}"
    redraw(shared.front, shared.library, shared.settings, metadata, user.get("id"), team, purpose)


def submission_key(body: dict, view: dict) -> str:
    """One status submission: the view, who, and what they chose (a replay is the same)."""
    user = (body.get("user") or {}).get("id")
    chosen = json.dumps([view.get("id"), view.get("hash"), user, render.modal_values(view)])
    chosen += str(view.get("private_metadata"))
    return "status:" + hashlib.sha256(chosen.encode()).hexdigest()[:24]


def redraw(
    front: Front,
    library,
    settings: Settings,
    metadata: dict,
    user: str | None,
    team: str | None,
    purpose: str = "status",
) -> None:
    """Replace the message the modal was opened from with a fresh answer to its line (once per
    ``purpose``)."""
    url = metadata.get("u")
    if not url:
        return
    line, page = str(metadata.get("t") or ""), int(metadata.get("p") or 0)
    if "k" in metadata:  # a long line, kept by key (``bot.render.blocks.LINES_BY_KEY``)
        line = blocks.kept_line(metadata["k"]) or ""
    line = commands.lookup_line(line) or f"recs {metadata['r']}"  # a look-up, never a write
    context = commands.Context(user=user, channel=metadata.get("c"), team=team, page=page)
    reply = front.answer(library, line, context)
    share = line if reply.public and settings.ephemeral else None
    message = blocks.message(reply, share_line=share, page=page)
    outcome = respond_once(
        getattr(library, "ledger", None),
        None,
        {"response_url": url},
        {"replace_original": True, **message},
        purpose=purpose,
        fallback=False,
    )
    if outcome != "sent":
        log.warning("could not redraw the card: %s", outcome)


def sentence_message(text: str) -> dict:
    """A message of one plain sentence (escaped; the fallback text cut as every answer's is)."""
    text = blocks.escape(text)
    return {"text": blocks.truncate(text, blocks.MAX_FALLBACK), "blocks": [blocks.section(text)]}


def say_privately(ledger, client, body: dict) -> Callable[[str], None]:
    """A ``tell(text)`` answering the request privately (once: ``respond_once``)."""

    def tell(text: str) -> None:
        message = {"response_type": "ephemeral", **sentence_message(text)}
        respond_once(ledger, client, body, message, purpose="export:told")

    return tell


def upload_export(
    client: WebClient,
    tell: Callable[[str], None],
    context: commands.Context,
    data: dict,
    thread_ts: str | None = None,
) -> None:
    """Upload the tracker (``data`` from the ``recs export`` reply) to the channel (in a thread
    with ``thread_ts``); ``tell`` gives the person a sentence when Slack refuses."""
    found, fmt, wanted = data["recs"], data["format"], data["filter"]
    today = dt.date.today()
    if fmt == "csv":
        content = export.to_csv(found).encode("utf-8")
    else:
        about = {
            "Filter": wanted or "(all)",
            "Exported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        content = export.to_xlsx(found, about)
    count = f"{len(found)} recommendation{'s' if len(found) != 1 else ''}"
    comment = f"Recommendation tracker: {count}"
    if wanted:
        comment += f" matching “{blocks.escape(wanted)}”"
    if context.user and context.user.isalnum():
        comment += f", exported by <@{context.user}>"
    try:
        client.files_upload_v2(
            channel=context.channel,
            file=content,
            filename=export.file_name(fmt, today),
            title=f"Recommendation tracker {today.isoformat()}",
            initial_comment=comment,
            thread_ts=thread_ts,
        )
    except SlackApiError as exc:
        error = exc.response.get("error") or "unknown"
        log.warning("export upload failed: %s", error)
        tell(UPLOAD_ERRORS.get(error, f"Slack refused the upload ({error}). Try again."))
    except (SlackRequestError, OSError) as exc:
        log.warning("export upload failed: %s", type(exc).__name__)
        tell("The upload to Slack failed. Please try again in a moment.")
    else:
        log.info("export uploaded: %d rows, %s", len(found), fmt)
