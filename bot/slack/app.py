"""The Slack front end: a Bolt app whose listeners only acknowledge, ask ``bot.commands`` and post
what ``bot.render.blocks`` makes of the answer.

* ``/rocu ...``: ack at once, then answer through ``response_url`` (in the channel for results;
  to the person alone for help, usage errors and "nothing found", or for everything when
  ``ROCU_REPLY=ephemeral``, with a "Share in channel" button).
* Buttons (see ``bot.render.blocks``): "More results"/"Previous" replace the message with another
  page, "Share in channel" posts an answer publicly, "Show full text" answers privately.
* ``@rocu question`` in a channel, or a direct message: answered in a thread.
* ``ROCU_ALLOWED_TEAMS`` / ``ROCU_ALLOWED_CHANNELS``: a global middleware refuses other requests
  politely before any listener (and so the library) is reached.

Every listener is registered with ``acked()``: the ack goes back from the request thread at once
and the answer is worked out on the answer pool (``ROCU_ANSWER_THREADS``, default 4: searching is
CPU work, and more threads only fight over the GIL with the acks), then handed to the posting pool
(``ROCU_POST_THREADS``, default 64), which waits on Slack; so acks stay fast however slow answers
or Slack are. Answers go out once (``bot.slack.once``).

Logs carry the command, the time taken and the result count; never tokens, secrets or the text
people typed. ``serve`` runs the app in Socket Mode or over HTTP (``/slack/events``, ``/healthz``)
on waitress through Bolt's WSGI adapter (``bot.slack.http``).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from slack_bolt import App
from slack_sdk import WebClient

from bot import commands
from bot.commands.help import greeting
from bot.config import ConfigError, Settings, from_env
from bot.library.store import StoreError
from bot.render import blocks
from bot.render.digest import working_sentence
from bot.slack import adding, feedback, home, http, threads, warm
from bot.slack.asking import (
    command_line,
    context_of,
    question_line,
    shown_line,
    with_person,
)
from bot.slack.library import Library
from bot.slack.listeners import acked, answered_elsewhere, inline, retry_num
from bot.slack.logs import quiet_library_loggers
from bot.slack.middleware import allow_list_middleware, once_per_event_middleware
from bot.slack.once import post_mark, post_once, post_or_fallback, respond_once, retry_handlers

log = logging.getLogger("rocu.slack")

EVENTS_PATH = http.EVENTS_PATH
HEALTH_PATH = http.HEALTH_PATH
STALE_BUTTON = "That button belongs to a change that was already made; run the command again."
LOST_LINE = (
    "That button's question was too long to keep in it, and rocu no longer holds it (kept "
    "for 30 days): run the command again."
)
ANSWER_THREADS = 4  # the answer pool: CPU work (search, rendering)
# The posting pool: waiting for Slack to take the answer. 16 filled up when response_urls answered
# slowly (40 requests at once, each response_url 5 s: 28 answers after 3 s, a mention's 10 s
# behind them; round 15); its threads only wait.
POST_THREADS = 64
# The other listeners' posts go through the posting pool too: the Home tab's views.publish, an
# add's "Reading ...", the tracker's export upload. From the answer pool, six Home opens, adds or
# exports with Slack 3 s slow to take them held its four threads, and an unrelated answer came at
# 3.0 s (round 16). False: they post from the answer pool, as before.
OTHERS_POST_APART = True


def web_client(settings: Settings) -> WebClient:
    """A Web API client at ``SLACK_API_URL`` that retries rate limits and dropped connections."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=retry_handlers(),  # never re-sends a post Slack may have taken
    )


def build_app(
    settings: Settings | str | os.PathLike | None = None,
    client: WebClient | None = None,
    library: Library | None = None,
    token_verification: bool = True,
) -> App:
    """The Bolt app. ``settings`` may be a ``Settings`` or just a store path (the rest from the
    environment). ``client`` replaces the Web API client (tests point it at a local server)."""
    if not isinstance(settings, Settings):
        base = from_env()
        settings = replace(base, db_path=str(settings)) if settings else base
    if not settings.bot_token:
        raise ConfigError(
            "missing SLACK_BOT_TOKEN: set it in the environment or in .env (see .env.example)"
        )
    library = library or Library(settings.db_path)
    library.settings = settings
    client = client or web_client(settings)
    app = App(
        token=None if client.token else settings.bot_token,  # Bolt takes the client's own
        signing_secret=settings.signing_secret or "",
        client=client,
        request_verification_enabled=bool(settings.signing_secret) or not settings.socket_mode,
        token_verification_enabled=token_verification,
        process_before_response=True,  # acks from the request thread; answers are lazy
        listener_executor=ContextExecutor(
            max_workers=_threads("ROCU_ANSWER_THREADS", ANSWER_THREADS),
            thread_name_prefix="rocu-answer",
        ),
        logger=logging.getLogger("rocu.slack.bolt"),
    )
    app.rocu_signing_secret = settings.signing_secret or ""  # for the HTTP front's own check
    quiet_library_loggers()
    app.use(once_per_event_middleware())
    app.use(allow_list_middleware(settings))
    deliver = Delivery(_threads("ROCU_POST_THREADS", POST_THREADS))  # one posting pool
    others = deliver if OTHERS_POST_APART else inline
    adding.register(app, settings, library, others)  # before _register: add/remove, files, cards
    feedback.register(app, settings, library, deliver)  # 👍 / 👎 under answers
    home.register(app, settings, library, answer, with_person, others)  # the App Home tab
    _register(app, settings, library, deliver, others)
    return app


def _threads(name: str, default: int) -> int:
    raw = (os.environ.get(name) or "").strip()
    if raw and (not raw.isdigit() or int(raw) < 1):
        raise ConfigError(f"{name} must be a whole number of at least 1, not {raw!r}")
    return int(raw) if raw else default


class ContextExecutor(ThreadPoolExecutor):
    """The answer pool: each task runs in a copy of the submitting thread's context, so an answer
    worked out after its ack keeps the write budget its request started when it arrived
    (``bot.library.waits``; Bolt submits the lazy listeners from the request's thread)."""

    def submit(self, fn, /, *args, **kwargs):
        return super().submit(contextvars.copy_context().run, fn, *args, **kwargs)


class Delivery:
    """The posting pool: ``deliver(fn, *args)`` runs a post (``respond_once``, ``post_once``)
    on a thread that may wait on Slack, so the answer pool goes on to the next answer."""

    def __init__(self, workers: int) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rocu-post")

    def __call__(self, fn, *args, **kwargs) -> None:
        def run() -> None:
            try:
                fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a post must not kill the pool
                log.error("posting an answer failed: %s", type(exc).__name__)

        self.pool.submit(contextvars.copy_context().run, run)  # the answer's write budget too


def answer(library: Library, line: str, context: commands.Context, session=None) -> commands.Reply:
    """Run one ``/rocu`` line (in the person's ``session`` when given: ``more`` pages through their
    last line; or a thread's ``threads.Conversation``); log command, time and result count; never
    raise."""
    started = time.perf_counter()
    if context.settings is None:  # what the answer may quote here depends on the settings
        context = replace(context, settings=getattr(library, "settings", None))
    try:
        if session is not None:
            reply = session.answer(library.db(), line, context)
        else:
            reply = commands.dispatch(library.db(), line, context)
    except StoreError as exc:  # the store cannot be opened: one sentence, no apology loop
        log.error("command failed: store unusable")
        reply = commands.Reply("error", str(exc), public=False)
    except Exception:  # a bug must not leave the person without an answer
        log.exception("command failed")
        reply = commands.Reply(
            "error", "Sorry, something went wrong answering that. Please try again.", public=False
        )
    log.info(
        "command=%s results=%s public=%s page=%d ms=%.1f",
        reply.command or reply.kind,
        result_count(reply),
        reply.public,
        shown_page(reply, context.page),
        (time.perf_counter() - started) * 1000,
    )
    return reply


def shown_page(reply: commands.Reply, asked: int) -> int:
    """The page an answer shows: its own when it says (a typed or a thread's ``more`` turns the
    page inside the session, so the request's page stayed 0 in the log), else the one asked."""
    page = reply.extra.get("page", asked) if isinstance(reply.extra, dict) else asked
    return page if isinstance(page, int) else asked


def result_count(reply: commands.Reply) -> int | None:
    """How many things an answer holds, for the logs."""
    data = reply.data
    for attribute in ("results", "items", "entries", "recommendations"):
        if isinstance(getattr(data, attribute, None), list):
            return len(getattr(data, attribute))
    if isinstance(data, list):
        return len(data)
    return None


class Answering:
    """What the general listeners share: the settings, the library (store, sessions, ledger) and
    the posting pool."""

    def __init__(self, settings: Settings, library: Library, deliver: Delivery | None = None):
        self.settings, self.library = settings, library
        self.ledger = library.ledger
        self.deliver = deliver or Delivery(_threads("ROCU_POST_THREADS", POST_THREADS))

    def private(self, reply: commands.Reply) -> bool:
        return not reply.public or self.settings.ephemeral

    def slash_message(self, reply, line: str, page: int = 0) -> dict:
        share = commands.lookup_line(line) if reply.public and self.settings.ephemeral else None
        return blocks.message(reply, share_line=share, page=page)


def _register(
    app: App,
    settings: Settings,
    library: Library,
    deliver: Delivery | None = None,
    others=inline,
) -> None:
    """The listeners, in one place: each acknowledges first, then answers on the answer pool
    (``listeners.acked``). Each is a module-level function below, given what they share
    (``Answering``) as its first argument."""
    from bot.slack import tracker  # first: its `recs export` listeners precede the general ones

    # a slash command's line as the general listener reads it (``command_line``): `recs export
    # <!channel>` exports every recommendation, not those holding "channel" (round 21)
    front = tracker.Front(answer, context_of, command_line, question_line, others)
    tracker.register(app, settings, library, front)
    shared = Answering(settings, library, deliver)

    def bind(listener):
        bound = functools.partial(listener, shared)  # Bolt sees the arguments after ``shared``
        bound.__name__ = listener.__name__
        return bound

    acked(app.command(re.compile(r"^/rocu")), bind(on_command))
    acked(app.action(re.compile(r"^rocu_page")), bind(on_page))
    acked(app.action(re.compile(r"^rocu_share")), bind(on_share))
    acked(app.action(re.compile(r"^rocu_full")), bind(on_full_text))
    app.action(re.compile(r"^rocu_open"))(on_open)
    acked(app.event("app_mention"), bind(on_mention))
    acked(app.event("message"), bind(on_message))


def on_command(shared: Answering, body, command, client):
    """``/rocu ...``: answered through the ``response_url``, in the person's session."""
    line = command_line(command.get("text") or "")
    context = context_of(command, client=client)
    session = shared.library.sessions(context.team, context.channel, context.user)
    with said_while_slow(shared, body, client, line):
        reply = answer(shared.library, line, context, session)
    message = {
        "response_type": "ephemeral" if shared.private(reply) else "in_channel",
        **shared.slash_message(reply, *shown_line(session, line)),
    }
    told = removed_watches_to_tell(shared, line, context.user)
    if told:  # the answer, then the note, one after the other on one posting thread
        shared.deliver(_answer_then_tell, shared, client, body, message, told)
        return
    shared.deliver(respond_once, shared.ledger, client, body, message)


WATCH_COMMANDS = frozenset({"watch", "watches", "unwatch"})


def removed_watches_to_tell(shared: Answering, line: str, user: str | None) -> list:
    """The watches of ``user`` that rocu's update removed and nobody told them of, claimed now
    (``bot.digest.watches.REMOVED_TOLD``), when ``line`` is a watch command; else []."""
    from bot.digest import watches

    if not (watches.REMOVED_TOLD and user) or commands.parse(line)[0] not in WATCH_COMMANDS:
        return []
    try:
        return watches.claim_removed(shared.library.db(), user)
    except Exception as exc:  # noqa: BLE001 - a courtesy: the answer goes out regardless
        log.warning("removed watches not read: %s", type(exc).__name__)
        return []


def _answer_then_tell(shared: Answering, client, body: dict, message: dict, told: list) -> None:
    """The answer, then one private note naming the removed watches (its own ledger key, so
    once); a note that surely did not reach the person is left to tell next time."""
    from bot.digest import watches
    from bot.render.digest import removed_watches_text

    respond_once(shared.ledger, client, body, message)
    text = removed_watches_text(told)
    note = {
        "response_type": "ephemeral",
        "replace_original": False,
        "text": blocks.truncate(text, blocks.MAX_FALLBACK),
        "blocks": blocks.sections(text),
    }
    outcome = respond_once(shared.ledger, client, body, note, purpose="watches-removed")
    if outcome == "failed":
        watches.unclaim_removed(shared.library.db(), [item.id for item in told])


# A digest preview (``/rocu digest [day]``) searches each watched topic in the day's new
# documents: with a dozen topics it took 2.5 to 4 s beside two CPU-bound processes on 2 cores,
# and 7 to 30 s at a load of 10 (round 18's walk), the person seeing nothing meanwhile. A preview
# not ready after this many seconds says so at once, privately ("Working out the digest for
# ..."), and the digest follows as before. None: nothing said, as before round 18.
DIGEST_WORD_AFTER: float | None = 1.5
WORD_POSTED_WITHIN = 5.0  # seconds the answer waits for that sentence to be posted, to follow it


def said_while_slow(shared: Answering, body: dict, client, line: str):
    """Within the block (working out the answer to ``line``), a ``digest`` preview that takes
    longer than ``DIGEST_WORD_AFTER`` seconds has its sentence posted to the command's
    ``response_url``, once; the answer is delivered after it."""

    def say(text: str) -> None:
        message = {"response_type": "ephemeral", "text": text}
        respond_once(shared.ledger, client, body, message, purpose="working")

    return said_slowly(line, say)


# Round 19: ``@rocu digest`` in a thread (a mention, a direct message) said nothing while the
# preview was worked out, as the slash command did before round 18. False: silent, as before.
DIGEST_WORD_IN_THREADS = True


def said_in_thread(shared: Answering, client, event: dict, key, line: str, is_dm: bool):
    """``said_while_slow`` for a mention or a direct message: the sentence goes in the thread,
    privately to the person in a channel (``chat.postEphemeral``), in the DM itself."""
    if not DIGEST_WORD_IN_THREADS:
        return contextlib.nullcontext()
    channel, thread = event.get("channel"), event.get("thread_ts") or event.get("ts")
    working = f"{key}:working" if key else None

    def say(text: str) -> None:
        if is_dm:
            post = client.chat_postMessage
            fields = {"channel": channel, "thread_ts": thread, "text": text}
        else:
            post = client.chat_postEphemeral
            fields = {"channel": channel, "user": event.get("user"), "thread_ts": thread}
            fields["text"] = text
        post_once(shared.ledger, working, post, quiet=True, **fields)

    return said_slowly(line, say)


@contextlib.contextmanager
def said_slowly(line: str, say_text):
    """Within the block (working out the answer to ``line``), a ``digest`` preview that takes
    longer than ``DIGEST_WORD_AFTER`` seconds has its sentence said with ``say_text(text)``,
    once; the block's end waits for that to be sent, so the answer comes after it."""
    verb, _, rest = line.strip().partition(" ")
    if DIGEST_WORD_AFTER is None or verb.lower() != "digest":
        yield
        return
    lock, posted = threading.Lock(), threading.Event()
    state = {"done": False, "saying": False}

    def say() -> None:
        with lock:
            if state["done"]:
                return
            state["saying"] = True
        try:
            day = _preview_day(rest)
            if day is not None:
                say_text(working_sentence(day))
        except Exception as exc:  # noqa: BLE001 - the answer goes all the same
            log.warning(
                "could not say a digest preview is being worked out: %s", type(exc).__name__
            )
        finally:
            posted.set()

    timer = threading.Timer(DIGEST_WORD_AFTER, contextvars.copy_context().run, [say])
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            saying = state["saying"]
        if saying:
            posted.wait(WORD_POSTED_WITHIN)


def _preview_day(argument: str):
    """The day ``digest ARGUMENT`` previews (as the command reads it), None when unreadable."""
    from bot.digest.content import utc_now
    from bot.digest.scheduler import current_schedule, parse_day

    schedule = current_schedule()
    return parse_day(argument, schedule.local_date(utc_now()))


def on_page(shared: Answering, body, action, client):
    """The "More results" and "Previous" buttons: the same look-up at another page, in place."""
    line, page = button_line(shared, body, action, client)
    if line is None:
        return
    reply = answer(shared.library, line, context_of(body, page, client))
    message = {"replace_original": True, **shared.slash_message(reply, line, page)}
    shared.deliver(respond_once, shared.ledger, client, body, message, purpose=f"page{page}")


# Round 21: "Share in channel" clicked twice before Slack took the private answer away (a double
# click, a slow network) posted the answer twice in the channel: each click comes with its own
# response_url, so the ledger's per-url record let both through. A share is now claimed once per
# private message, person and button (``share_key``); a second click is left unanswered (the
# first one's answer is on its way). False: every click shares.
SHARE_ONCE = True


def share_key(body: dict, action: dict) -> str | None:
    """The ledger key of one share: a hash of the private message's channel and ``ts``, the
    person and the button's value; None when the click does not say which message it was on."""
    container = body.get("container")
    ts = container.get("message_ts") if isinstance(container, dict) else None
    channel = (container or {}).get("channel_id") or (body.get("channel") or {}).get("id")
    user = (body.get("user") or {}).get("id")
    if not (ts and channel and user):
        return None
    return "share:" + post_mark(f"{channel}|{ts}|{user}|{action.get('value')}")


def on_share(shared: Answering, body, action, client):
    """The "Share in channel" button: the private answer goes, the same one is posted publicly
    (once per private message and person: ``SHARE_ONCE``)."""
    line, page = button_line(shared, body, action, client)
    if line is None:
        return
    key = share_key(body, action) if SHARE_ONCE and shared.ledger is not None else None
    if key and not shared.ledger.claim(key):
        log.info("share %s: shared from this message already; not posted again", key)
        return
    reply = answer(shared.library, line, context_of(body, page, client))
    message = blocks.message(reply, page=page)
    credit = blocks.shared_by(context_of(body).user)
    if credit:
        message["blocks"] = blocks.fit(message["blocks"], blocks.MAX_BLOCKS - 1) + [credit]
    message = {
        "response_type": "in_channel" if reply.public else "ephemeral",
        "replace_original": False,
        **message,
    }
    ledger = shared.ledger

    def share_out() -> None:
        if reply.public:  # in order: the private original goes, then the public answer
            respond_once(ledger, client, body, {"delete_original": True}, "delete", False)
        outcome = respond_once(ledger, client, body, message, purpose="share")
        if key:  # a share that never reached anyone may be clicked again
            ledger.mark(key, "failed" if outcome == "failed" else "sent", "share")

    shared.deliver(share_out)


def on_full_text(shared: Answering, body, action, client):
    """The "Show full text" button: answered privately."""
    line, page = button_line(shared, body, action, client)
    if line is None:
        return
    reply = answer(shared.library, line, context_of(body, page, client))
    message = {"response_type": "ephemeral", "replace_original": False, **blocks.message(reply)}
    shared.deliver(respond_once, shared.ledger, client, body, message, "full")


def on_open(ack):
    ack()  # a link button: Slack opens the URL itself


def on_mention(shared: Answering, body, event, client, request):
    """``@rocu question`` in a channel: answered in the thread."""
    in_thread(shared, body, event, client, False, request)


def on_message(shared: Answering, body, event, client, request):
    """A direct message: answered in the thread."""
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return  # only people's direct messages; edits, joins and bots are not questions
    in_thread(shared, body, event, client, True, request)


def button_line(shared: Answering, body, action, client) -> tuple[str | None, int]:
    """The look-up a button carries, and its page; None (after telling the person) when it
    names a write: a button shows an answer again, it never changes the store again."""
    line, page = blocks.read_action_value(action.get("value"))
    if blocks.line_was_lost(action.get("value")):
        message = {"response_type": "ephemeral", "replace_original": False}
        message.update(text=LOST_LINE, blocks=[blocks.section(LOST_LINE)])
        shared.deliver(respond_once, shared.ledger, client, body, message, purpose="stale")
        return None, page
    lookup = commands.lookup_line(line)
    if lookup is None or lookup != commands.lookup_line(lookup):
        message = {"response_type": "ephemeral", "replace_original": False}
        message.update(text=STALE_BUTTON, blocks=[blocks.section(STALE_BUTTON)])
        shared.deliver(respond_once, shared.ledger, client, body, message, purpose="stale")
        return None, page
    return lookup, page


# Round 22: `@rocu` alone (and a direct message with no words) was answered with the whole usage;
# now a short greeting with the commonest uses and how to see the rest (``commands.help.
# greeting``). False: the whole usage, as before.
BARE_MENTION_GREETS = True


def in_thread(
    shared: Answering, body: dict, event: dict, client: WebClient, is_dm: bool, request
) -> None:
    line = question_line(event.get("text") or "")
    context = commands.Context(
        user=event.get("user"), channel=event.get("channel"), team=event.get("team")
    )
    context = with_person(context, client)
    key = f"event:{body['event_id']}" if body.get("event_id") else None
    unsure = not answered_elsewhere(request)
    if key and not shared.ledger.claim(key, retry_num(request), unsure):
        return  # Slack re-sent an event already answered (or being answered)
    session = shared.library.sessions(context.team, context.channel, context.user)
    conversation = threads.Conversation(threads.thread_key(event), session)  # follow-ups
    with said_in_thread(shared, client, event, key, line, is_dm):
        if BARE_MENTION_GREETS and not line.strip():  # `@rocu` alone
            reply = greeting()
        else:
            reply = answer(shared.library, line, context, conversation)
    thread = event.get("thread_ts") or event.get("ts")
    if is_dm or not shared.private(reply):
        post = client.chat_postMessage
        fields = {"thread_ts": thread, **blocks.message(reply)}
    else:
        post = client.chat_postEphemeral
        fields = {"user": event.get("user"), "thread_ts": thread}
        fields.update(shared.slash_message(reply, *conversation.shown))
    if post == client.chat_postMessage:  # retried, then privately, then logged once
        shared.deliver(
            post_or_fallback,
            shared.ledger,
            key,
            post,
            client.chat_postEphemeral,
            event.get("user"),
            claim=False,
            channel=event["channel"],
            **fields,
        )
        return
    shared.deliver(
        post_once, shared.ledger, key, post, claim=False, channel=event["channel"], **fields
    )


# -- running it ----------------------------------------------------------------------------------


def serve(settings: Settings, mode: str = "auto", host: str = "0.0.0.0") -> None:
    """Run until interrupted: Socket Mode when there is an app token (or ``mode='socket'``),
    else HTTP on ``settings.port`` (waitress, see ``bot.slack.http``)."""
    settings.require_serve(mode)
    library = Library(settings.db_path)
    library.seed()
    app = build_app(settings, library=library)
    warm.warm_up(library)  # the first person to ask does not pay for imports and caches
    if mode == "socket" or (mode == "auto" and settings.socket_mode):
        from bot.slack.sockets import CheckedSocketModeHandler

        log.info("rocu: Socket Mode, store %s", library.path)
        CheckedSocketModeHandler(app, settings.app_token).start()
    else:
        limits = http.ServerLimits.from_env()
        health = http.StoreHealth(library.path).start()
        server = http_server(app, library, host, settings.port, limits, health)
        log.info(
            "rocu: HTTP on %s:%d%s (health: %s; %d threads, backlog %d, up to %d connections)",
            host,
            int(server.effective_port),
            EVENTS_PATH,
            HEALTH_PATH,
            limits.threads,
            limits.backlog,
            limits.connections,
        )
        try:
            server.run()
        finally:
            health.stop()
            http.stop(server)


def http_server(
    app: App,
    library: Library,
    host: str,
    port: int,
    limits: http.ServerLimits | None = None,
    health: http.StoreHealth | None = None,
):
    """The production HTTP server (waitress) for ``app``: ``.run()`` serves until stopped
    (``bot.slack.http.stop(server)``); ``.effective_port`` is the port it listens on."""
    limits = limits or http.ServerLimits()
    front = http.SlackFront(
        app,
        getattr(app, "rocu_signing_secret", "") or os.environ.get("SLACK_SIGNING_SECRET", ""),
        health or http.StoreHealth(library.path),
        max_body_bytes=limits.max_body_bytes,
    )
    return http.make_server(front, host, port, limits)
