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

Logs carry the command, the time taken and the result count; never tokens, secrets or the text
people typed. ``serve`` runs the app in Socket Mode or over HTTP (``/slack/events``, ``/healthz``).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import sqlite_utils
from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot import commands
from bot.config import ConfigError, Settings, from_env
from bot.library.ingest import ensure_seeded
from bot.library.store import StoreError, db_path, open_db
from bot.render import blocks
from bot.slack import adding

log = logging.getLogger("rocu.slack")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1024 * 1024  # Slack sends a few KB; anything larger is not Slack


class Library:
    """The store, one SQLite connection per thread (Bolt answers on worker threads)."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = db_path(path)
        self._local = threading.local()

    def db(self) -> sqlite_utils.Database:
        if getattr(self._local, "db", None) is None:
            self._local.db = open_db(self.path)
        return self._local.db

    def seed(self) -> None:
        """Load the seed library into an empty store, so a first `/rocu` has something to find."""
        report = ensure_seeded(self.db())
        if report is not None and report.failed:
            log.warning("seed library: %d file(s) failed to load", len(report.failed))

    def readable(self) -> bool:
        try:
            self.db().execute("select count(*) from documents").fetchone()
            return True
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            return False


def web_client(settings: Settings) -> WebClient:
    """A Web API client at ``SLACK_API_URL`` that retries rate limits and dropped connections."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=2),
        ],
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
    client = client or web_client(settings)
    app = App(
        token=None if client.token else settings.bot_token,  # Bolt takes the client's own
        signing_secret=settings.signing_secret or "",
        client=client,
        request_verification_enabled=bool(settings.signing_secret) or not settings.socket_mode,
        token_verification_enabled=token_verification,
        process_before_response=False,
        logger=logging.getLogger("rocu.slack.bolt"),
    )
    app.use(_once_per_event())
    app.use(_allow_list(settings))
    adding.register(app, settings, library)  # before _register: add/remove, files, cards
    _register(app, settings, library)
    return app


def answer(library: Library, line: str, context: commands.Context) -> commands.Reply:
    """Run one ``/rocu`` line; log command, time and result count; never raise."""
    started = time.perf_counter()
    try:
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
        context.page,
        (time.perf_counter() - started) * 1000,
    )
    return reply


def result_count(reply: commands.Reply) -> int | None:
    """How many things an answer holds, for the logs."""
    data = reply.data
    for attribute in ("results", "items", "entries", "recommendations"):
        if isinstance(getattr(data, attribute, None), list):
            return len(getattr(data, attribute))
    if isinstance(data, list):
        return len(data)
    return None


MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
ASKS_MEANING = re.compile(
    r"^(?:what|wtf)\s+(?:does|do|is|are)\s+(?:an?\s+|the\s+)?(?P<term>.+?)\s+"
    r"(?:stand\s+for|mean|means)\s*\??$",
    re.IGNORECASE,
)


SLACK_MARKUP = re.compile(r"<([@#!])?([^<>|]*)(?:\|([^<>]*))?>")


def plain_text(text: str) -> str:
    """What the person typed, from Slack's wire format: ``<!channel>`` -> ``@channel``,
    ``<#C1|general>`` -> ``#general``, ``<https://x|label>`` -> ``label``, ``&lt;`` -> ``<``.
    The core then sees words, never markup; renderers escape whatever they show."""

    def readable(match: re.Match) -> str:
        sigil, target, label = match.group(1), match.group(2), match.group(3)
        if sigil == "!":
            name = label or target.split("^")[0]
            return name if name.startswith("@") else "@" + name
        if sigil in ("@", "#"):
            return label if label and label.startswith(sigil) else sigil + (label or target)
        return label or target

    text = SLACK_MARKUP.sub(readable, text or "")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def question_line(text: str) -> str:
    """A ``/rocu`` line from a mention or DM: mentions removed; "what does X stand for" asks
    define (when it exists); anything else is a command or a search."""
    text = " ".join(plain_text(MENTION.sub(" ", text or "")).split())
    text = re.sub(r"^/?rocu\b:?\s*", "", text, flags=re.IGNORECASE)
    match = ASKS_MEANING.match(text)
    if match and "define" in commands.SUBCOMMANDS:
        return "define " + match["term"]
    return text.rstrip("?").strip()


def _context(body: dict, page: int = 0) -> commands.Context:
    user = body.get("user_id") or (body.get("user") or {}).get("id") or body.get("user")
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    team = body.get("team_id") or (body.get("team") or {}).get("id")
    return commands.Context(user=user, channel=channel, team=team, page=page)


def _register(app: App, settings: Settings, library: Library) -> None:
    """The listeners: each acknowledges first, then answers."""
    from bot.slack import tracker  # first: its `recs export` listeners precede the general ones

    front = tracker.Front(answer, _context, plain_text, question_line)
    tracker.register(app, settings, library, front)

    def private(reply: commands.Reply) -> bool:
        return not reply.public or settings.ephemeral

    def slash_message(reply, line: str, page: int = 0) -> dict:
        share = line if reply.public and settings.ephemeral else None
        return blocks.message(reply, share_line=share, page=page)

    @app.command(re.compile(r"^/rocu"))
    def on_command(ack, command, respond):
        ack()
        line = plain_text(command.get("text") or "")
        reply = answer(library, line, _context(command))
        respond(
            response_type="ephemeral" if private(reply) else "in_channel",
            **slash_message(reply, line),
        )

    @app.action(re.compile(r"^rocu_page"))
    def on_page(ack, body, action, respond):
        ack()
        line, page = blocks.read_action_value(action.get("value"))
        reply = answer(library, line, _context(body, page))
        respond(replace_original=True, **slash_message(reply, line, page))

    @app.action(re.compile(r"^rocu_share"))
    def on_share(ack, body, action, respond):
        ack()
        line, page = blocks.read_action_value(action.get("value"))
        reply = answer(library, line, _context(body, page))
        message = blocks.message(reply, page=page)
        credit = blocks.shared_by(_context(body).user)
        if credit:
            message["blocks"] = blocks.fit(message["blocks"], blocks.MAX_BLOCKS - 1) + [credit]
        if reply.public:
            respond(delete_original=True)
        respond(
            response_type="in_channel" if reply.public else "ephemeral",
            replace_original=False,
            **message,
        )

    @app.action(re.compile(r"^rocu_full"))
    def on_full_text(ack, body, action, respond):
        ack()
        line, page = blocks.read_action_value(action.get("value"))
        reply = answer(library, line, _context(body, page))
        respond(response_type="ephemeral", replace_original=False, **blocks.message(reply))

    @app.action(re.compile(r"^rocu_open"))
    def on_open(ack):
        ack()  # a link button: Slack opens the URL itself

    def in_thread(event: dict, client: WebClient, is_dm: bool) -> None:
        line = question_line(event.get("text") or "")
        context = commands.Context(
            user=event.get("user"), channel=event.get("channel"), team=event.get("team")
        )
        reply = answer(library, line, context)
        thread = event.get("thread_ts") or event.get("ts")
        if is_dm or not private(reply):
            client.chat_postMessage(
                channel=event["channel"], thread_ts=thread, **blocks.message(reply)
            )
        else:
            client.chat_postEphemeral(
                channel=event["channel"],
                user=event.get("user"),
                thread_ts=thread,
                **slash_message(reply, line),
            )

    @app.event("app_mention")
    def on_mention(event, client):
        in_thread(event, client, is_dm=False)

    @app.event("message")
    def on_message(event, client):
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return  # only people's direct messages; edits, joins and bots are not questions
        in_thread(event, client, is_dm=True)


def _once_per_event(remember: int = 2000):
    """Global middleware: Slack re-sends an event it thinks was missed (same ``event_id``); answer
    each event once, so a question is never answered twice in its thread."""
    seen: dict[str, None] = {}
    lock = threading.Lock()

    def once_per_event(body, next):  # noqa: A002 - Bolt's name
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id:
            with lock:
                if event_id in seen:
                    log.info("ignored a repeated delivery of event %s", event_id)
                    return BoltResponse(status=200, body="")
                seen[event_id] = None
                if len(seen) > remember:
                    seen.pop(_oldest(seen))
        return next()

    return once_per_event


def _oldest(mapping: dict) -> str:
    return next(iter(mapping))


def _allow_list(settings: Settings):
    """Global middleware: requests from outside ROCU_ALLOWED_TEAMS/CHANNELS get a polite
    refusal and never reach a listener, so nothing from the library leaves."""

    def allow_list(body, context, next, ack, client, logger):  # noqa: A002 - Bolt's name
        from bot.slack.tracker import view_channel  # a modal's submission names no channel

        if settings.allows(context.team_id, context.channel_id or view_channel(body)):
            return next()
        if body.get("type") == "view_submission" and (
            not settings.allowed_teams or context.team_id in settings.allowed_teams
        ):
            return next()  # a modal has no channel; it was opened from an allowed one
        log.info("refused request from team=%s channel=%s", context.team_id, context.channel_id)
        refusal = blocks.refusal_message()
        event = body.get("event") or {}
        if body.get("command"):
            return ack(response_type="ephemeral", **refusal)
        if body.get("type") == "block_actions" and body.get("response_url"):
            ack()
            _post_refusal(lambda: _respond(body["response_url"], refusal))
            return BoltResponse(status=200, body="")
        if event.get("type") in ("app_mention", "message") and event.get("user"):
            if not event.get("subtype") and not event.get("bot_id"):
                _post_refusal(
                    lambda: client.chat_postEphemeral(
                        channel=event["channel"], user=event["user"], **refusal
                    )
                )
        return BoltResponse(status=200, body="")

    return allow_list


def _respond(response_url: str, message: dict) -> None:
    from slack_sdk.webhook import WebhookClient

    WebhookClient(response_url).send_dict(
        {"response_type": "ephemeral", "replace_original": False, **message}
    )


def _post_refusal(post) -> None:
    """Send a refusal after the ack, without holding Slack's request open."""

    def run() -> None:
        try:
            post()
        except Exception as exc:  # noqa: BLE001 - a refusal that cannot be sent is only logged
            log.warning("could not send a refusal: %s", type(exc).__name__)

    threading.Thread(target=run, daemon=True).start()


# -- running it ----------------------------------------------------------------------------------


def serve(settings: Settings, mode: str = "auto", host: str = "0.0.0.0") -> None:
    """Run until interrupted: Socket Mode when there is an app token (or ``mode='socket'``),
    else HTTP on ``settings.port``."""
    settings.require_serve(mode)
    library = Library(settings.db_path)
    library.seed()
    app = build_app(settings, library=library)
    if mode == "socket" or (mode == "auto" and settings.socket_mode):
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("rocu: Socket Mode, store %s", library.path)
        SocketModeHandler(app, settings.app_token).start()
    else:
        server = http_server(app, library, host, settings.port)
        log.info(
            "rocu: HTTP on %s:%d%s (health: %s)", host, settings.port, EVENTS_PATH, HEALTH_PATH
        )
        try:
            server.serve_forever()
        finally:
            server.server_close()


def http_server(app: App, library: Library, host: str, port: int) -> ThreadingHTTPServer:
    """A small threaded HTTP server: Slack posts to ``/slack/events``; ``GET /healthz`` is 200
    while the store is readable (503 otherwise), for a PaaS's health check."""

    class Handler(BaseHTTPRequestHandler):
        """Slack's HTTP mode: POST /slack/events to Bolt, GET /healthz for the platform."""

        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            path, _, query = self.path.partition("?")
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if not 0 <= length <= MAX_BODY_BYTES:
                self.close_connection = True  # the unread body must not be taken as a request
                return self._send(413 if length > 0 else 400, "request too large or unsized")
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            if path != EVENTS_PATH:
                return self._send(404, "not found")
            try:
                request = BoltRequest(body=body, query=query, headers=dict(self.headers.items()))
            except ValueError:  # a form whose payload is not JSON, say
                log.info("refused a malformed request")
                return self._send(400, "malformed request")
            try:
                response = app.dispatch(request)
            except Exception:  # never a dropped connection: Slack would retry it
                log.exception("request failed")
                return self._send(500, "internal error")
            self._send(response.status, response.body, response.first_headers_without_set_cookie())

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.partition("?")[0]
            if path == HEALTH_PATH:
                healthy = library.readable()
                return self._send(200 if healthy else 503, "ok" if healthy else "store unreadable")
            self._send(404, "not found")

        def _send(self, status: int, body: str, headers: dict | None = None) -> None:
            data = (body or "").encode("utf-8")
            self.send_response(status)
            for name, value in (headers or {}).items():
                if name.lower() not in ("content-length", "connection"):
                    self.send_header(name, value)
            if not any(k.lower() == "content-type" for k in headers or {}):
                self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's name
            log.debug("http: " + format, *args)

    server = _QuietServer((host, port), Handler)
    server.daemon_threads = True
    return server


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-connection is routine, not an error with a traceback."""

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            log.debug("http: %s hung up", client_address[0])
        else:
            log.exception("http: request from %s failed", client_address[0])
