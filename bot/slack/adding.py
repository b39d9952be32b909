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
import json
import logging
import re
import threading
import time
from urllib.parse import urlsplit

from slack_bolt import App
from slack_sdk import WebClient

from bot.library import adding as core
from bot.library import fetch
from bot.library.documents import get_document, named_document
from bot.library.ingest import edit_details, remove
from bot.library.metadata import CatalogueError
from bot.render import adding as render
from bot.slack import adds, editors
from bot.slack.listeners import acked
from bot.slack.once import post_once, respond_once

log = logging.getLogger("rocu.slack")

VERBS = {"add", "remove"}
# <https://x|label> and <https://x> in Slack's wire format, then bare links
_SLACK_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>")
_BARE_LINK = re.compile(r"(?<![<|])\bhttps?://[^\s<>|]+")
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def verb_of(text: str) -> tuple[str | None, str]:
    """(``add``/``remove`` or None, the rest) of a command or message text, mentions removed."""
    text = " ".join(_MENTION.sub(" ", text or "").split())
    text = re.sub(r"^/?rocu\b:?\s*", "", text, flags=re.IGNORECASE)
    first, _, rest = text.partition(" ")
    first = first.lower()
    return (first, rest.strip()) if first in VERBS else (None, text)


def links_in(text: str) -> list[str]:
    """The http(s) links in a Slack message text, in order, once each."""
    text = text or ""
    found = [m.group(1) for m in _SLACK_LINK.finditer(text)]
    found += [m.group(0).rstrip(".,;:)") for m in _BARE_LINK.finditer(_SLACK_LINK.sub(" ", text))]
    return list(dict.fromkeys(link.replace("&amp;", "&") for link in found))


# -- where the answer goes -------------------------------------------------------------------------


class NotPosted(Exception):
    """Slack did not take a post (refused, lost, or already made for this request)."""


class Thread:
    """Answers posted in a thread (once per ``key``, see ``bot.slack.once``), then updated in
    place (``chat.update``)."""

    def __init__(
        self,
        client: WebClient,
        channel: str,
        thread_ts: str | None,
        ledger=None,
        key: str | None = None,
    ) -> None:
        self.client, self.channel, self.thread_ts, self.ts = client, channel, thread_ts, None
        self.ledger, self.key = ledger, key

    def post(self, message: dict) -> None:
        answer = post_once(
            self.ledger,
            self.key,
            self.client.chat_postMessage,
            channel=self.channel,
            thread_ts=self.thread_ts,
            **message,
        )
        if answer is None:
            raise NotPosted(self.key or "post")
        self.ts = answer.get("ts")

    def update(self, message: dict) -> None:
        if self.ts:
            self.client.chat_update(channel=self.channel, ts=self.ts, **message)
        else:
            self.post(message)

    def where(self) -> dict:
        return {"channel": self.channel, "ts": self.ts}


class Private:
    """Answers through a ``response_url`` (once each, ``bot.slack.once.respond_once``), seen by
    the asker alone, then replaced. ``tag`` tells apart several answers to one request."""

    def __init__(self, ledger, client, body: dict, tag: str = "") -> None:
        self.ledger, self.client, self.body, self.tag = ledger, client, body, tag
        self.response_url = body.get("response_url") or ""

    def post(self, message: dict) -> None:
        payload = {"response_type": "ephemeral", "replace_original": False, **message}
        outcome = self._send(payload, "reading")
        if outcome in ("failed", "skipped"):
            raise NotPosted(outcome)

    def update(self, message: dict) -> None:
        self._send({"response_type": "ephemeral", "replace_original": True, **message}, "done")

    def _send(self, payload: dict, purpose: str) -> str:
        return respond_once(
            self.ledger, self.client, self.body, payload, purpose=f"add:{purpose}:{self.tag}"
        )

    def where(self) -> dict:
        return {"response_url": self.response_url}


# -- what the listeners share ----------------------------------------------------------------------


class Adding:
    """What the adding listeners share: the settings, the library (its store and answer ledger),
    the hosts a Slack token may go to, and edits accepted by a modal's ack awaiting their card."""

    def __init__(self, settings, library) -> None:
        self.settings, self.library = settings, library
        self.ledger = getattr(library, "ledger", None)
        self.token_hosts = fetch.SLACK_HOSTS + tuple(
            h for h in [urlsplit(settings.api_url or "").hostname] if h
        )
        self.edited: dict[str, str] = {}  # view id -> document edited by its ack
        self.edited_lock = threading.Lock()
        self.add_pool = adds.AddPool()  # adds run apart from answers, a few per person (issue 24)
        self.pending = adds.Pending(library.db)  # adds in progress, for a restart to find


# -- registering: every listener in one place ------------------------------------------------------


def register(app: App, settings, library) -> None:
    """Add the listeners for adding, editing and removing documents to ``app``. Call before the
    general listeners: these match only add/remove commands, files and their own buttons. Each is
    a module-level function below, given what it shares (``Adding``) as its first argument."""
    editors.log_policy()
    shared = Adding(settings, library)
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
    acked(app.action(render.ACTION_EDIT), bind(on_edit))
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


# -- listeners ----------------------------------------------------------------------------------


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
        say(shared, client, body, remove_by_name(shared, rest, user), "add:remove", **private)
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
        if private:
            private.post(render.note_message(editors.refusal(client)))
        return
    work = sources(shared, message.get("text") or "", message.get("files") or [], client)
    if not work:
        if private:
            private.post(render.failure_message("That message has no files or links to add."))
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
        message = remove_by_name(shared, rest, user)
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
    for n, (label, job) in enumerate(work):
        where = Thread(client, channel, thread, ledger, key and f"{key}:{n}")
        run(shared, where, label, job, user)


def add_slack_file(shared: Adding, db, client: WebClient, file: dict, versions: str = "ask"):
    """Download a Slack file (with the bot token, to Slack's hosts only) and add it."""
    settings = shared.settings
    if file.get("mode") == "external" or file.get("is_external"):
        link = file.get("url_private") or file.get("permalink")
        raise core.AddError(
            f"{file.get('name') or 'That file'} is stored outside Slack; "
            f"send its link instead{(': ' + link) if link else ''}."
        )
    info = file
    if not info.get("url_private_download"):
        try:
            info = client.files_info(file=file["id"]).get("file") or {}
        except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
            log.info("files.info failed: %s", type(exc).__name__)
            raise core.AddError(
                "I could not see that file; the app needs the files:read scope."
            ) from exc
    name = info.get("name") or file.get("name") or "file"
    download = info.get("url_private_download") or info.get("url_private")
    if not download:
        raise core.AddError(f"Slack did not give me a way to download {name}.")
    limit = fetch.max_bytes()
    if (info.get("size") or 0) > limit:
        raise core.AddError(
            f"{name} is {info['size'] / 1048576:.3g} MB, over the {limit / 1048576:.3g} MB limit."
        )
    host = (urlsplit(download).hostname or "").lower()
    slack_api_host = (urlsplit(settings.api_url or "").hostname or "").lower()
    try:
        fetched = fetch.fetch(
            download,
            token=client.token,
            token_hosts=shared.token_hosts,
            allow_private=fetch.private_allowed() or host == slack_api_host,
            name_hint=name,
        )
    except fetch.FetchError as exc:
        raise core.AddError(str(exc)) from exc
    return core.add_bytes(
        db,
        fetched.data,
        fetched.name,
        source=f"slack://{info.get('id') or file.get('id')}/{name}",
        url=info.get("permalink") or file.get("permalink"),
        versions=versions,
    )


def run(shared: Adding, where, what: str, work, user: str | None) -> None:
    """Say "Reading ...", then on the add pool do the work and replace the message with the card
    or one sentence. The add is noted in the store until its answer is posted."""
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
    pool.submit(user, lambda: finish(shared, where, work, user, add_id, asked))


def finish(shared: Adding, where, work, user: str | None, add_id, asked: float) -> None:
    """The add's work, on the add pool: the card or one sentence replaces "Reading ..."."""
    started = time.perf_counter()
    library = shared.library
    try:
        with fetch.deadline_from(asked):
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


def sources(shared: Adding, text: str, files: list[dict], client: WebClient):
    """(label, work) for every link and file to add. Each asks before replacing a document it
    is a new version of; ``work.value`` is what the question's buttons carry to add it again."""
    found = [job_for(shared, client, {"url": url}, "ask") for url in links_in(text)]
    found += [
        job_for(shared, client, {"file": f.get("id"), "name": f.get("name")}, "ask", f)
        for f in files or []
        if f.get("id")
    ]
    return found


def job_for(shared: Adding, client: WebClient, ref: dict, versions: str, file: dict | None = None):
    """(label, work(db)) adding a link (``{"url"}``) or a Slack file (``{"file", "name"}``)."""
    value = json.dumps(ref, separators=(",", ":"))
    if len(value) > 2000:  # too long for a button to carry: replace without asking
        versions, value = ("replace" if versions == "ask" else versions), None
    if "url" in ref:
        url = ref["url"]

        def work(db):
            return core.add_link(db, url, versions=versions)

        label = url
    else:
        file = file or {"id": ref["file"], "name": ref.get("name")}

        def work(db):
            return add_slack_file(shared, db, client, file, versions=versions)

        label = ref.get("name") or "the file"
    work.value = value
    return label, work


def job_from_value(shared: Adding, client: WebClient, value: str, versions: str):
    """The add a version question's button carries, deciding ``versions``; None if unreadable."""
    try:
        ref = json.loads(value)
    except ValueError:
        return None
    if not isinstance(ref, dict):
        return None
    if isinstance(ref.get("url"), str) and ref["url"].startswith(("http://", "https://")):
        return job_for(shared, client, {"url": ref["url"]}, versions)
    if isinstance(ref.get("file"), str) and re.fullmatch(r"F[A-Z0-9]+", ref["file"]):
        name = ref.get("name") if isinstance(ref.get("name"), str) else None
        return job_for(shared, client, {"file": ref["file"], "name": name}, versions)
    return None


def refuse_privately(
    shared: Adding, client: WebClient, channel: str, user: str, thread_ts=None, key=None
) -> None:
    post_once(
        shared.ledger,
        key,
        client.chat_postEphemeral,
        channel=channel,
        user=user,
        thread_ts=thread_ts,
        **render.note_message(editors.refusal(client)),
    )


def refuse_button(shared: Adding, client, body: dict) -> None:
    message = render.note_message(editors.refusal(client))
    fields = {"response_type": "ephemeral", "replace_original": False}
    say(shared, client, body, message, "add:refused", **fields)


def say(shared: Adding, client, body: dict, message: dict, purpose: str, **fields) -> None:
    """The one private answer to a command or a button (``respond_once``)."""
    respond_once(shared.ledger, client, body, {**fields, **message}, purpose=purpose)


def remove_by_name(shared: Adding, typed: str, user: str | None) -> dict:
    db = shared.library.db()
    if not typed:
        return render.failure_message("Which document? e.g. `/rocu remove pac-soc-2019`.")
    document, suggestions = named_document(db, typed)  # exactly: a removal asks no more
    if document is None:
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        return render.failure_message(f"There is no document called {typed}.{hint}")
    return remove_and_say(shared, document, user)


def remove_and_say(shared: Adding, document, user: str | None) -> dict:
    db = shared.library.db()
    counts = removal_counts(db, document)
    before = glossary_size(db)
    remove(db, document.id)
    counts["acronyms"] = max(before - glossary_size(db), 0)
    log.info("removed a document passages=%d", counts["passages"])
    return render.removed_message(document.title, document.id, counts, by=user)


def _metadata(view: dict) -> dict:
    """What an edit modal carries in ``private_metadata`` (a JSON object), or {}."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, TypeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _view_key(body: dict, view: dict) -> str:
    return f"{view.get('id')}:{view.get('hash')}:{(body.get('user') or {}).get('id')}"


class _Posted:
    """A Thread whose "Reading ..." message is already posted: ``post`` does nothing."""

    def __init__(self, thread: Thread) -> None:
        self.thread = thread

    def post(self, message: dict) -> None:
        pass

    def update(self, message: dict) -> None:
        self.thread.update(message)

    def where(self) -> dict:
        return self.thread.where()

    @property
    def key(self) -> str | None:
        return self.thread.key


def card_for(db, document, outcome: str, user: str | None, added=None) -> render.Card:
    """A document's card: what ingest found in it (recommendations, acronyms learnt), and for
    an add (``added``: ``bot.library.adding.Added``) what changed, or which copy it already is."""
    from bot.glossary.mined import learnt_from

    return render.Card(
        document=document,
        outcome=outcome,
        recommendations=recommendations_found(db, document.id),
        acronyms=learnt_from(db, document.id),
        by=user,
        changes=getattr(added, "changes", None),
        same_file=getattr(added, "same_file", False),
        name=getattr(added, "name", ""),
    )


def recommendations_found(db, doc_id: str) -> int:
    from bot.recs.tracker import list_recommendations

    return len(list_recommendations(db, f"doc:{doc_id}"))


def removal_counts(db, document) -> dict:
    """What removing a document takes with it, counted before it goes."""
    return {
        "passages": document.passages,
        "recommendations": recommendations_found(db, document.id),
    }


def glossary_size(db) -> int:
    from bot.glossary.mined import library_size

    return library_size(db)
