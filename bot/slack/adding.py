"""Grow the library from Slack: add links and files, edit a document's details, remove it.

Ways in (each answers at once with "Reading ...", then replaces that message with the document's
card, or with one sentence saying why it could not be added):

* ``/rocu add <url>`` (privately, through ``response_url``) and ``/rocu remove DOC``;
* ``@rocu add <url>`` in a channel or thread, or ``@rocu add`` on a message with files (in the
  thread);
* a file (or ``add <url>``) sent to the bot in a direct message (in the thread);
* the message shortcut "Add to the library" on a message carrying files or links (in its thread,
  or privately when the bot is not in that channel).

The card's "Edit details" opens a modal (title, type, date, author, source URL); "Remove" asks for
confirmation, then removes the document with its passages, recommendations and glossary entries.
Only editors (``bot.slack.editors``) may do any of this; others get a polite private refusal.

Listeners registered here run before the general ``/rocu`` and mention listeners of
``bot.slack.app`` and only match what is theirs, so ``register`` is one line there.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
import time

from slack_bolt import App
from slack_sdk import WebClient

from bot.library import adding as core
from bot.library import fetch, ocr
from bot.render import adding as render
from bot.slack import adds, editors
from bot.slack.adding_answers import (
    Adding,
    NotPosted,
    Private,
    Thread,
    _Posted,
    card_for,
    glossary_size,
    recommendations_found,
    refuse_button,
    refuse_privately,
    removal_counts,
    remove_and_say,
    remove_by_name,
    say,
)
from bot.slack.adding_edits import on_edit, on_edit_submitted, on_remove, validate_edit
from bot.slack.adding_jobs import (
    VERBS,
    add_slack_file,
    job_for,
    job_from_value,
    links_in,
    sources,
    verb_of,
)
from bot.slack.listeners import acked, acked_apart
from bot.slack.once import post_once

# The module's pieces, named here as before: where answers go and what they say
# (adding_answers), what to add (adding_jobs), the card's buttons (adding_edits).
__all__ = [
    "Adding", "NotPosted", "Private", "Thread", "VERBS", "add_slack_file", "card_for",
    "finish", "from_message", "glossary_size", "job_for", "job_from_value", "links_in",
    "ocr_progress", "recommendations_found", "refuse_button", "refuse_privately", "register",
    "remove_and_say", "remove_by_name", "removal_counts", "run", "say", "sources", "verb_of",
]  # fmt: skip

log = logging.getLogger("rocu.slack")


# -- registering: every listener in one place ------------------------------------------------------


def register(app: App, settings, library, deliver=None) -> None:
    """Add the listeners for adding, editing and removing documents to ``app``. Call before the
    general listeners: these match only add/remove commands, files and their own buttons. Each is
    a module-level function below, given what it shares (``Adding``) as its first argument."""
    editors.log_policy()
    shared = Adding(settings, library, deliver)
    app.rocu_add_pool = shared.add_pool
    app.rocu_adding = shared  # the App Home's "Add a document" adds the same way
    app.rocu_recovery = threading.Thread(  # adds a stop cut off: their "Reading ..." replaced
        target=adds.recover,
        args=(adds.interrupted(shared.pending), shared.pending, shared.ledger, app.client),
        kwargs={"message": render.failure_message(adds.INTERRUPTED)},
        name="rocu-add-recovery",
        daemon=True,
    )
    app.rocu_recovery.start()

    def bind(listener):
        bound = functools.partial(listener, shared)  # Bolt sees the arguments after ``shared``
        bound.__name__ = listener.__name__
        return bound

    acked(app.command(re.compile(r"^/rocu"), matchers=[is_ours]), bind(on_command))
    acked(app.event("app_mention", matchers=[mention_is_ours]), bind(on_message))
    acked(app.event("message", matchers=[dm_is_ours]), bind(on_message))
    app.event("file_shared")(on_file_shared)
    acked(app.shortcut(render.SHORTCUT_ADD), bind(on_shortcut))
    acked(app.action(render.ACTION_REMOVE), bind(on_remove))
    acked(app.action(render.ACTION_VERSION_REPLACE), bind(on_version))
    acked(app.action(render.ACTION_VERSION_SEPARATE), bind(on_version))
    acked_apart(app.action(render.ACTION_EDIT), bind(on_edit), shared.deliver)
    acked(app.view(render.EDIT_VIEW), bind(on_edit_submitted), ack=bind(validate_edit))


# -- matchers -----------------------------------------------------------------------------------


def is_ours(command: dict) -> bool:
    return verb_of(command.get("text") or "")[0] is not None


def mention_is_ours(event: dict) -> bool:
    return verb_of(event.get("text") or "")[0] is not None


def dm_is_ours(event: dict) -> bool:
    if event.get("channel_type") != "im" or event.get("bot_id"):
        return False
    if event.get("subtype") not in (None, "file_share"):
        return False
    return bool(event.get("files")) or verb_of(event.get("text") or "")[0] is not None


# Round 21: `/rocu remove` read the document's name in Slack's wire format, so a name Slack had
# made a link of (`<http://nca.gov.uk|nca.gov.uk>`) was never found, and `remove <!here>` was
# answered "There is no document called &lt;!here&gt;" where every other command says "@here".
# It is read as typed (``asking.plain_text``). False: the wire format, as before.
REMOVE_READS_TYPED = True


def typed_name(rest: str) -> str:
    """The document name after `remove`, as the person typed it (``REMOVE_READS_TYPED``)."""
    from bot.slack.asking import plain_text

    return " ".join(plain_text(rest).split()) if REMOVE_READS_TYPED else rest


# -- listeners (the card's Remove and Edit details: bot.slack.adding_edits) ----------------------


def on_command(shared: Adding, body, command, client):
    """``/rocu add <url>`` and ``/rocu remove DOC``, answered privately."""
    verb, rest = verb_of(command.get("text") or "")
    user = command.get("user_id")
    private = {"response_type": "ephemeral"}
    if not editors.may_edit(client, user):
        message = render.note_message(editors.refusal(client))
        say(shared, client, body, message, "add:refused", **private)
        return
    if verb == "remove":
        message = remove_by_name(shared, typed_name(rest), user)
        say(shared, client, body, message, "add:remove", **private)
        return
    work = sources(shared, command.get("text") or "", [], client)
    if not work:
        message = render.failure_message(
            "Give me a link to add, e.g. `/rocu add https://www.gov.uk/...`; "
            "to add a file, send it to me in a direct message."
        )
        say(shared, client, body, message, "add:nothing", **private)
        return
    for n, (label, job) in enumerate(work):
        run(shared, Private(shared.ledger, client, body, str(n)), label, job, user)


def on_message(shared: Adding, body, event, client):
    """``@rocu add ...`` / ``@rocu remove ...`` in a channel, or a file or link sent in a direct
    message: answered in the thread."""
    from_message(shared, body, event, client)


def on_file_shared(ack):
    ack()  # files arrive with their message (message.im, app_mention); nothing more to do


def on_shortcut(shared: Adding, body, client):
    """The message shortcut "Add to the library"."""
    user = (body.get("user") or {}).get("id")
    channel = (body.get("channel") or {}).get("id")
    message = body.get("message") or {}
    private = Private(shared.ledger, client, body) if body.get("response_url") else None
    if not editors.may_edit(client, user):
        _tell(private, render.note_message(editors.refusal(client)))
        return
    work = sources(shared, message.get("text") or "", message.get("files") or [], client)
    if not work:
        _tell(private, render.failure_message("That message has no files or links to add."))
        return
    thread = message.get("thread_ts") or message.get("ts")
    for n, (label, job) in enumerate(work):
        where = Thread(client, channel, thread)
        try:
            where.post(render.reading_message(label))
        except Exception:  # noqa: BLE001 - not in that channel: answer privately instead
            if private is None:
                return
            run(shared, Private(shared.ledger, client, body, str(n)), label, job, user)
            continue
        run(shared, _Posted(where), label, job, user)


def _tell(private: Private | None, message: dict) -> None:
    """One private answer to a shortcut; one Slack would not take is already logged (and one
    already given is not given again), so it ends here rather than as a listener's failure."""
    if private is None:
        return
    try:
        private.post(message)
    except NotPosted:
        pass


def on_version(shared: Adding, body, action, client):
    """ "Replace it" / "Add separately" under a new version: add it again, deciding."""
    user = (body.get("user") or {}).get("id")
    if not editors.may_edit(client, user):
        refuse_button(shared, client, body)
        return
    decision = "replace" if action.get("action_id") == render.ACTION_VERSION_REPLACE else "separate"
    job = job_from_value(shared, client, action.get("value") or "", decision)
    tag = f"version:{action.get('action_ts') or ''}"
    if job is None:
        message = render.failure_message("That add can no longer be repeated; add it again.")
        say(shared, client, body, message, "add:version", replace_original=True)
        return
    label, work = job
    run(shared, _Posted(Private(shared.ledger, client, body, tag)), label, work, user)


# -- what the listeners do ----------------------------------------------------------------------


def from_message(shared: Adding, body: dict, event: dict, client: WebClient) -> None:
    channel, user = event.get("channel"), event.get("user")
    thread = event.get("thread_ts") or event.get("ts")
    key = f"event:{body['event_id']}:add" if body.get("event_id") else None
    ledger = shared.ledger
    if not editors.may_edit(client, user):
        refuse_privately(shared, client, channel, user, thread, key)
        return
    verb, rest = verb_of(event.get("text") or "")
    if verb == "remove":
        if key and ledger is not None and not ledger.claim(key):
            return  # Slack re-sent an event already answered
        message = remove_by_name(shared, typed_name(rest), user)
        post_once(
            ledger,
            key,
            client.chat_postMessage,
            claim=False,
            channel=channel,
            thread_ts=thread,
            **message,
        )
        return
    work = sources(shared, event.get("text") or "", event.get("files") or [], client)
    if not work:
        message = render.failure_message(
            "Give me a link or attach a file to the message, "
            "e.g. `@rocu add https://www.gov.uk/...`."
        )
        post_once(
            ledger, key, client.chat_postMessage, channel=channel, thread_ts=thread, **message
        )
        return
    places = [
        Thread(client, channel, thread, ledger, key and f"{key}:{n}") for n in range(len(work))
    ]
    if IN_TURN and len(work) > 1:  # one message's files and links: one add, read in turn
        shared.deliver(_begin_in_turn, shared, places, work, user)
        return
    for where, (label, job) in zip(places, work, strict=True):
        run(shared, where, label, job, user)


# Round 22's walk: a message sharing seven files at once had two read and five answered "You already
# have 2 adds running; try again when one has finished.", five times: the per-person limit counted
# each file as an add. The files and links of one message are now one add (one place under
# ``ROCU_ADDS_PER_USER``), each with its "Reading ..." message at once, read one after the other.
# False: each a separate add, as before.
IN_TURN = True


def _begin_in_turn(shared: Adding, places: list, work: list, user: str | None) -> None:
    """``_begin`` for the several files and links of one message: admitted once, each said
    "Reading ..." and noted, then read one after the other on one add-pool thread."""
    pool = shared.add_pool
    if not pool.admit(user):
        try:
            places[0].post(render.failure_message(adds.busy_sentence(pool.per_user)))
        except Exception as exc:  # noqa: BLE001
            log.warning("could not post the busy message: %s", type(exc).__name__)
        return
    queued = []
    for where, (what, job) in zip(places, work, strict=True):
        try:
            where.post(render.reading_message(what))
        except Exception as exc:  # noqa: BLE001
            log.warning("could not post the reading message: %s", type(exc).__name__)
            continue
        queued.append((where, job, what, shared.pending.begin(where.where(), where.key)))

    def in_turn() -> None:  # each one's fetch deadline from its turn: the wait is by design
        for where, job, what, add_id in queued:
            finish(shared, where, job, user, add_id, time.monotonic(), what)

    pool.submit(user, in_turn)


def run(shared: Adding, where, what: str, work, user: str | None) -> None:
    """Say "Reading ..." (on the posting pool: Slack may be slow to take it), then on the add
    pool do the work and replace the message with the card or one sentence. The add is noted in
    the store until its answer is posted."""
    shared.deliver(_begin, shared, where, what, work, user)


def _begin(shared: Adding, where, what: str, work, user: str | None) -> None:
    pool = shared.add_pool
    if not pool.admit(user):
        try:  # a shortcut's "Reading ..." is already up: replace it
            say_it = where.update if isinstance(where, _Posted) else where.post
            say_it(render.failure_message(adds.busy_sentence(pool.per_user)))
        except Exception as exc:  # noqa: BLE001
            log.warning("could not post the busy message: %s", type(exc).__name__)
        return
    try:
        where.post(render.reading_message(what))
    except Exception as exc:  # noqa: BLE001
        pool.release(user)
        log.warning("could not post the reading message: %s", type(exc).__name__)
        return
    add_id = shared.pending.begin(where.where(), getattr(where, "key", None))
    asked = time.monotonic()  # the fetch deadline counts from here, not from its turn
    pool.submit(user, lambda: finish(shared, where, work, user, add_id, asked, what))


# OCR's progress rewrites "Reading ..." at most this often (seconds): Slack's chat.update allows
# about one call a second per channel, and a page takes seconds to read anyway.
PROGRESS_EVERY = 3.0


def ocr_progress(where, what: str):
    """progress(page, pages) for OCR: "Reading X … page 3 of 16 read by OCR" in place of the
    "Reading ..." message, at most every PROGRESS_EVERY seconds, never for the last page (the
    card replaces it). Only where the message can be rewritten freely (a thread's
    ``chat.update``): a ``response_url`` takes five answers, and the card needs one."""
    show = getattr(where, "progress", None)
    last = [float("-inf")]

    def progress(page: int, pages: int) -> None:
        now = time.monotonic()
        if show is None or page >= pages or now - last[0] < PROGRESS_EVERY:
            return
        last[0] = now
        show(render.reading_message(what, f"page {page} of {pages} read by OCR"))

    return progress


def finish(
    shared: Adding, where, work, user: str | None, add_id, asked: float, what: str = ""
) -> None:
    """The add's work, on the add pool: the card or one sentence replaces "Reading ..."; while
    a scanned PDF is read by OCR, "Reading ..." says how many pages are done."""
    started = time.perf_counter()
    library = shared.library
    try:
        with fetch.deadline_from(asked), ocr.progress_to(ocr_progress(where, what)):
            added = work(library.db())
        if added.outcome == "version":  # asked before replacing a document
            value = getattr(work, "value", None)
            message = render.version_message(added.document, added.changes, added.name, value)
        else:
            message = render.card_message(
                card_for(library.db(), added.document, added.outcome, user, added)
            )
        outcome = added.outcome
    except core.AddError as exc:
        message, outcome = render.failure_message(str(exc)), "failed"
    except Exception:  # a bug must not leave "Reading ..." forever
        log.exception("adding failed")
        message = render.failure_message("Sorry, something went wrong adding that.")
        outcome = "error"
    log.info("add outcome=%s ms=%.0f", outcome, (time.perf_counter() - started) * 1000)
    try:
        where.update(message)
    finally:
        shared.pending.end(add_id)
