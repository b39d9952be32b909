"""HTTP mode in production: Bolt's own WSGI adapter served by waitress, with a guard in front.

Why waitress (and the WSGI adapter) rather than uvicorn (ASGI) or gunicorn:

* the listeners are synchronous Bolt listeners (``slack_bolt.App``); the ASGI adapter wants an
  ``AsyncApp`` and every listener rewritten;
* waitress reads each request whole on its I/O loop before a worker thread sees it, so idle or
  half-sent connections cost a socket, never a thread, and are closed after ``channel_timeout``
  seconds of silence (plus a whole-request deadline added here); gunicorn's sync workers are
  held by slow clients unless a proxy buffers for them;
* one process, so the digest scheduler and the store's single writer stay in one place; pure
  Python, runs wherever the bot runs.

``SlackFront`` (a ``slack_bolt.adapter.wsgi.SlackRequestHandler``) checks what Bolt would choke on
before Bolt sees it: method, content type, size, a numeric ``X-Slack-Request-Timestamp``, the
signature (checked here, so a forged request is refused with lengths logged, never its body) and a
body that parses to a JSON object. Each failure is a 4xx with one sentence. ``/healthz`` answers
200 while the store can be read and written (``StoreHealth``), 503 with one sentence otherwise.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass

from slack_bolt import App, BoltRequest
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from bot.library import waits
from bot.slack.health import StoreHealth
from bot.slack.payloads import payload_problem

log = logging.getLogger("rocu.slack.http")

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# A message may hold 40,000 characters, and an event carries them twice (its text and its rich-text
# blocks), each up to 12 bytes a character when escaped in JSON: about 1 MB. 256 KB refused a long
# message in Chinese or emoji with a 413 (round 14), which Slack re-delivers and then gives up on.
MAX_BODY_BYTES = 2 * 1024 * 1024
CONTENT_TYPES = ("application/x-www-form-urlencoded", "application/json")


@dataclass(frozen=True)
class ServerLimits:
    """How the HTTP server holds up under load; each can be set in the environment."""

    threads: int = 8  # waitress workers: they only verify and ack, the answers have their pool
    backlog: int = 2048  # the listen queue (the OS caps it at net.core.somaxconn)
    connections: int = 4000  # open connections at most; more wait in the backlog
    idle_timeout: int = 10  # seconds of silence before a connection is closed
    request_timeout: int = 20  # seconds a request may take to arrive whole (headers and body)
    max_header_bytes: int = 16 * 1024
    max_body_bytes: int = MAX_BODY_BYTES

    @classmethod
    def from_env(cls, env: dict | None = None) -> ServerLimits:
        env = os.environ if env is None else env
        names = {
            "threads": "ROCU_HTTP_THREADS",
            "backlog": "ROCU_HTTP_BACKLOG",
            "connections": "ROCU_HTTP_CONNECTIONS",
            "idle_timeout": "ROCU_HTTP_IDLE_TIMEOUT",
            "request_timeout": "ROCU_HTTP_REQUEST_TIMEOUT",
        }
        values = {}
        for field_name, var in names.items():
            raw = (env.get(var) or "").strip()
            if raw:
                if not raw.isdigit() or int(raw) < 1:
                    from bot.config import ConfigError

                    raise ConfigError(f"{var} must be a whole number of at least 1, not {raw!r}")
                values[field_name] = int(raw)
        return cls(**values)


# -- acks before answers -------------------------------------------------------------------------


class InFlight:
    """How many Slack requests are being acknowledged right now. Answers wait (briefly) for it to
    reach zero before starting their CPU work, so a burst is acked first and answered after:
    Python runs one thread at a time, and an answer that searches competes with every ack."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def __enter__(self) -> InFlight:
        with self._idle:
            self._count += 1
        return self

    def __exit__(self, *exc) -> None:
        with self._idle:
            self._count -= 1
            if self._count == 0:
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._count <= 0, timeout)


ACKING = InFlight()
ANSWER_YIELDS_S = 0.5  # the most an answer waits for acks in flight


# -- the shape of what Slack sends ----------------------------------------------------------------

STALE_AFTER_S = 300  # slack_sdk's SignatureVerifier refuses requests older than five minutes


# -- the WSGI application ------------------------------------------------------------------------


class Replays:
    """Signed requests already taken (signature and timestamp), for as long as a signature holds
    (``STALE_AFTER_S``): a captured request sent again is answered with an empty 200 and never
    dispatched, so it changes nothing twice. Slack's own retries are signed afresh."""

    def __init__(self, keep_s: float = STALE_AFTER_S * 2, most: int = 100_000) -> None:
        self.keep_s, self.most = keep_s, most
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first(self, signature: str, timestamp: str) -> bool:
        """True the first time this signature and timestamp are seen."""
        key, now = f"{timestamp}:{signature}", time.monotonic()
        with self._lock:
            if key in self._seen:
                return False
            self._seen[key] = now + self.keep_s
            if len(self._seen) > self.most or len(self._seen) % 1000 == 0:
                for old in [k for k, until in self._seen.items() if until < now]:
                    del self._seen[old]
                while len(self._seen) > self.most:
                    del self._seen[next(iter(self._seen))]
            return True


class SlackFront(SlackRequestHandler):
    """Bolt's WSGI adapter with the checks Bolt leaves out. Never raises, never a traceback."""

    def __init__(
        self,
        app: App,
        signing_secret: str,
        health: StoreHealth | None = None,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        super().__init__(app, path=EVENTS_PATH)
        self.verifier = SignatureVerifier(signing_secret)
        self.replays = Replays()
        self.health = health
        self.max_body_bytes = max_body_bytes

    def __call__(self, environ, start_response):
        try:
            status, body, headers = self.handle(environ)
        except Exception as exc:  # a bug here must not become a dropped line or a traceback
            log.error("request failed: %s", type(exc).__name__)
            log.debug("request failed", exc_info=True)
            status, body, headers = 500, "Internal error.", {}
        return self._reply(start_response, status, body, headers)

    def handle(self, environ) -> tuple[int, str, dict]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        if path == HEALTH_PATH:
            if method not in ("GET", "HEAD"):
                return 405, "Use GET.", {"Allow": "GET, HEAD"}
            if self.health is None:
                return 200, "ok", {}
            healthy, text = self.health.status()
            return (200 if healthy else 503), text, {}
        if path != self.path:
            return 404, "Not found.", {}
        if method != "POST":
            return 405, "Slack posts here; use POST.", {"Allow": "POST"}
        return self.slack(environ)

    def slack(self, environ) -> tuple[int, str, dict]:
        content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if content_type not in CONTENT_TYPES:
            return 415, "Slack sends a form or JSON.", {}
        length_text = (environ.get("CONTENT_LENGTH") or "").strip()
        if not length_text.isdigit() or int(length_text) == 0:
            return 400, "The request has no body.", {}
        length = int(length_text)
        if length > self.max_body_bytes:
            return 413, "The request is too large to be from Slack.", {}
        raw = environ["wsgi.input"].read(length)
        if len(raw) != length:
            return 400, "The request body was cut short.", {}
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return 400, "The request body is not UTF-8.", {}
        timestamp = (environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or "").strip()
        signature = (environ.get("HTTP_X_SLACK_SIGNATURE") or "").strip()
        if not timestamp or not signature:
            log.info("refused an unsigned request (%d bytes)", length)
            return 401, "The request is not signed.", {}
        if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
            log.info("refused a request with a malformed timestamp (%d bytes)", length)
            return 400, "X-Slack-Request-Timestamp must be a number of seconds.", {}
        if not self.verifier.is_valid(body=text, timestamp=timestamp, signature=signature):
            age = int(time.time()) - int(timestamp)
            log.info("refused a request with a bad signature (%d bytes, age %d s)", length, age)
            if abs(age) > STALE_AFTER_S:
                return 401, "The request is too old: Slack's signature holds for five minutes.", {}
            return 401, "The request signature is not valid.", {}
        try:
            payload = parse_body(text, content_type)
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            log.info("refused a signed request that is not a Slack payload (%d bytes)", length)
            return 400, "The request body is not a Slack payload.", {}
        problem = payload_problem(payload)
        if problem:
            log.info("refused a signed request with a malformed payload (%d bytes)", length)
            return 400, problem, {}
        if not self.replays.first(signature, timestamp):
            log.info("ignored a replayed request (%d bytes): answered once already", length)
            return 200, "", {}
        headers = {
            name: value
            for name, value in self.get_headers(environ).items()
            if not name.startswith("x-slack-bolt-")  # Bolt's own lazy-run markers, never Slack's
        }
        with ACKING, waits.budget(waits.ANSWER_BUDGET):  # from arrival: the answer's writes
            response = self.app.dispatch(
                BoltRequest(body=text, query=environ.get("QUERY_STRING", ""), headers=headers)
            )
        if response.status == 404 and "unhandled request" in (response.body or ""):
            return 404, "rocu has nothing that answers this kind of request.", {}
        return response.status, response.body, response.headers

    @staticmethod
    def get_headers(environ) -> dict:
        headers = {}
        for key, value in environ.items():
            if key in ("CONTENT_LENGTH", "CONTENT_TYPE"):
                headers[key.lower().replace("_", "-")] = value
            elif key.startswith("HTTP_"):
                headers[key[5:].lower().replace("_", "-")] = value
        return headers

    @staticmethod
    def _reply(start_response, status: int, body, headers: dict):
        from http import HTTPStatus

        data = (body or "").encode("utf-8") if isinstance(body, str) else bytes(body or b"")
        out = []
        for name, values in (headers or {}).items():
            if name.lower() in ("content-length", "connection"):
                continue
            for value in values if isinstance(values, list | tuple) else [values]:
                out.append((name, str(value)))
        if not any(name.lower() == "content-type" for name, _ in out):
            out.append(("Content-Type", "text/plain; charset=utf-8"))
        out.append(("Content-Length", str(len(data))))
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
        start_response(f"{status} {phrase}".strip(), out)
        return [data]


# -- the server ----------------------------------------------------------------------------------


WAITRESS_SENTENCES = {
    400: "The request is not well-formed HTTP.",
    413: "The request is too large to be from Slack.",
    431: "The request's headers are too large to be from Slack.",
    501: "That kind of request is not supported.",
}


def make_server(app, host: str, port: int, limits: ServerLimits | None = None):
    """A waitress server for the WSGI ``app`` (not started: call ``.run()``; ``stop(server)``)."""
    from waitress.channel import HTTPChannel
    from waitress.server import TcpWSGIServer
    from waitress.task import ErrorTask

    limits = limits or ServerLimits()

    class SentenceErrorTask(ErrorTask):
        """What waitress refuses itself (a body or headers over the limits, a malformed request),
        answered like the app's refusals: the status and one sentence."""

        def execute(self):
            error = self.request.error
            body = WAITRESS_SENTENCES.get(error.code, "The request was refused.").encode()
            self.status = f"{error.code} {error.reason}"
            self.response_headers.append(("Content-Type", "text/plain; charset=utf-8"))
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    class Channel(HTTPChannel):
        error_task_class = SentenceErrorTask

    class Server(TcpWSGIServer):
        """waitress closes connections silent for ``channel_timeout``; this also closes one whose
        request has not arrived whole within ``request_timeout`` (a drip-fed request). Its own
        refusals are sentences (``SentenceErrorTask``)."""

        channel_class = Channel

        def maintenance(self, now):
            super().maintenance(now)
            for channel in list(self.active_channels.values()):
                partial = getattr(channel, "request", None)
                if partial is None or channel.requests:
                    continue
                started = getattr(partial, "_rocu_started", None)
                if started is None:
                    partial._rocu_started = now
                elif now - started > limits.request_timeout:
                    channel.will_close = True

        # the names of http.server's servers, so callers (and tests) can treat it as one
        def serve_forever(self) -> None:
            self.run()

        def shutdown(self) -> None:
            stop(self)

        def server_close(self) -> None:
            pass

        @property
        def server_address(self) -> tuple[str, int]:
            return str(self.effective_host), int(self.effective_port)

    _raise_open_files_limit(limits.connections + 64)
    return Server(
        app,
        host=host,
        port=port,
        threads=limits.threads,
        backlog=limits.backlog,
        connection_limit=limits.connections,
        channel_timeout=limits.idle_timeout,
        cleanup_interval=1,
        max_request_header_size=limits.max_header_bytes,
        max_request_body_size=limits.max_body_bytes,
        asyncore_use_poll=True,  # select() cannot watch more than 1024 sockets
        ident="rocu",
        expose_tracebacks=False,
        clear_untrusted_proxy_headers=True,
    )


def stop(server) -> None:
    """Stop a server started with ``.run()`` on another thread."""
    from waitress import wasyncore

    server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
    wasyncore.close_all(server._map, ignore_all=True)


def _raise_open_files_limit(wanted: int) -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != resource.RLIM_INFINITY and soft < wanted:
            target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX, or not allowed
        pass
