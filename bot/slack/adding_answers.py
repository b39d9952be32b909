"""Where an add's answers go and what they say (for ``bot.slack.adding``): a thread's message
updated in place (``Thread``) or a private answer through a ``response_url`` (``Private``); the
one private answer to a command or a button (``say``), refusals, removals, and a document's card
with what ingest found in it. ``Adding`` is what every adding listener shares."""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

from slack_sdk import WebClient

from bot.library import fetch
from bot.library.documents import named_document
from bot.library.ingest import remove
from bot.render import adding as render
from bot.slack import adds, editors
from bot.slack.listeners import inline
from bot.slack.once import post_once, respond_once, uncertain

log = logging.getLogger("rocu.slack")


# When Slack will not rewrite "Reading ..." with the answer (the person deleted it:
# message_not_found; or chat.update fails past slack_sdk's retries), the answer is posted as a new
# message in the same place, once, rather than lost while the document is stored (round 14). Not
# when the update may have reached Slack (a connection lost after sending). False: the failure
# propagates as before.
UPDATE_FALLBACK = True


def _reason(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    error = response.get("error") if response is not None else None
    return str(error or type(exc).__name__)


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
        if not self.ts:
            self.post(message)
            return
        try:
            self.client.chat_update(channel=self.channel, ts=self.ts, **message)
        except Exception as exc:
            if not UPDATE_FALLBACK:
                raise
            if uncertain(exc):  # Slack may have taken it: never shown twice
                log.warning("add answer: chat.update lost after sending (%s)", type(exc).__name__)
                return
            log.warning("add answer: chat.update failed (%s); posted anew", _reason(exc))
            key = f"{self.key}:anew" if self.key else None
            answer = post_once(
                self.ledger,
                key,
                self.client.chat_postMessage,
                channel=self.channel,
                thread_ts=self.thread_ts,
                **message,
            )
            if answer is not None:
                self.ts = answer.get("ts")

    def progress(self, message: dict) -> None:
        """The "Reading ..." message rewritten while the add runs (OCR's pages read)."""
        if self.ts:
            self.client.chat_update(channel=self.channel, ts=self.ts, **message)

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


class _Posted:
    """A Thread whose "Reading ..." message is already posted: ``post`` does nothing."""

    def __init__(self, thread: Thread) -> None:
        self.thread = thread

    def post(self, message: dict) -> None:
        pass

    def update(self, message: dict) -> None:
        self.thread.update(message)

    def progress(self, message: dict) -> None:
        self.thread.progress(message)

    def where(self) -> dict:
        return self.thread.where()

    @property
    def key(self) -> str | None:
        return self.thread.key


class Adding:
    """What the adding listeners share: the settings, the library (its store and answer ledger),
    the hosts a Slack token may go to, and edits accepted by a modal's ack awaiting their card."""

    def __init__(self, settings, library, deliver=None) -> None:
        self.settings, self.library = settings, library
        # where "Reading ..." is posted: the posting pool (``bot.slack.app``); None: here
        self.deliver = deliver or inline  # the posting pool, given by bot.slack.app
        self.ledger = getattr(library, "ledger", None)
        self.token_hosts = fetch.SLACK_HOSTS + tuple(
            h for h in [urlsplit(settings.api_url or "").hostname] if h
        )
        self.edited: dict[str, str] = {}  # view id -> document edited by its ack
        self.edited_lock = threading.Lock()
        self.add_pool = adds.AddPool()  # adds run apart from answers, a few per person (issue 24)
        self.pending = adds.Pending(library.db)  # adds in progress, for a restart to find


# -- answers --------------------------------------------------------------------------------------


def say(shared: Adding, client, body: dict, message: dict, purpose: str, **fields) -> None:
    """The one private answer to a command or a button (``respond_once``), on the posting pool:
    it only waits on Slack."""
    message = {**fields, **message}
    shared.deliver(respond_once, shared.ledger, client, body, message, purpose=purpose)


def refuse_privately(
    shared: Adding, client: WebClient, channel: str, user: str, thread_ts=None, key=None
) -> None:
    shared.deliver(
        post_once,
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


# Round 22: a name close to no document's id (``documents.REMOVE_SUGGESTS_ONLY_CLOSE``) is told how
# to find the id to remove. Empty: the sentence alone, as before.
NONE_SAYS_HOW_TO_LIST = True
NO_SUCH_DOCUMENT = (
    " No document's id is close to that name: `/rocu docs` lists every document with its id, "
    "and a word of its title after `docs` finds it (e.g. `/rocu docs hansard`)."
)


def remove_by_name(shared: Adding, typed: str, user: str | None) -> dict:
    db = shared.library.db()
    if not typed:
        return render.failure_message("Which document? e.g. `/rocu remove pac-soc-2019`.")
    document, suggestions = named_document(db, typed)  # exactly: a removal asks no more
    if document is None:
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        if not suggestions and NONE_SAYS_HOW_TO_LIST:
            hint = NO_SUCH_DOCUMENT
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
