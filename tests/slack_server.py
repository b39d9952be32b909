"""A stand-in for Slack on 127.0.0.1: its Web API and ``response_url`` endpoints, for tests.

Start one, point the app's ``WebClient`` (or ``SLACK_API_URL``) at ``.url``, hand out
``.response_url()`` in slash-command payloads, then assert on ``.requests``::

    with FakeSlack() as slack:
        client = WebClient(token="xoxb-test", base_url=slack.url)
        client.chat_postMessage(channel="C1", text="hi")
        assert slack.calls("chat.postMessage")[0].body["text"] == "hi"

    slack.fail("chat.postMessage", error="ratelimited", times=2, status=429)  # then succeeds
    slack.fail("chat.postMessage", error="channel_not_found")                 # ok: false once
    slack.wait_for("response", count=1)  # answers arrive after the ack, on another thread
    slack.drop_after("chat.postMessage")  # take the message, then hang up without answering
    slack.delay = 0.3                     # answer every request after 300 ms (load tests)
    headers = signed_headers(body, "signing-secret")  # what Slack adds to a request

Every request is recorded as a ``Recorded`` (``kind`` "api" or "response", ``method`` the Web API
method or the response_url name, ``body`` the decoded JSON or form, ``headers``). Web API methods
answer ``{"ok": true, ...}`` with plausible fields (``auth.test`` names a bot, ``chat.postMessage``
returns a ``ts``); ``respond_with(method, payload)`` overrides one. Nothing leaves the machine.

Messages are checked as Slack checks them (``message_problem``): more than 50 blocks or a block
that slack_sdk's Block Kit models reject is ``invalid_blocks``, blocks over ``MAX_BLOCKS_CHARS``
characters of JSON is ``msg_blocks_too_long``, text over 40,000 characters is ``msg_too_long``;
such a message is refused (``ok: false`` from the Web API, HTTP 400 from a response_url) and
recorded with that status, so a test sees what Slack would have refused.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TEAM_ID = "T0TEST"
MAX_BLOCKS_CHARS = 13_200  # where Slack answers msg_blocks_too_long (measured by its users)
POSTING = ("chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage")
BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"


@dataclass
class Recorded:
    kind: str  # "api" or "response"
    method: str  # Web API method ("chat.postMessage") or response_url name
    body: dict
    headers: dict = field(default_factory=dict)
    status: int = 200  # what the fake answered
    at: float = 0.0  # time.monotonic() when it arrived


@dataclass
class _Failure:
    error: str
    times: int
    status: int
    retry_after: int


class FakeSlack:
    """A local HTTP server playing Slack. ``start()``/``stop()`` or use it as a context manager."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._failures: dict[str, _Failure] = {}
        self._drops: dict[str, int] = {}
        self.delay = 0.0  # seconds before each answer
        self.check_blocks = True
        self._responses: dict[str, dict] = {}
        self._lock = threading.Condition()
        self._ts = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                fake._handle(self)

            def do_GET(self) -> None:  # noqa: N802
                fake._handle(self)

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- addresses -----------------------------------------------------------------------------
    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """The Web API base URL (ends with '/'), for ``WebClient(base_url=...)``."""
        return self.base + "/api/"

    def response_url(self, name: str = "r1") -> str:
        """A ``response_url`` whose posts are recorded with ``method == name``."""
        return f"{self.base}/response/{name}"

    # -- behaviour -----------------------------------------------------------------------------
    def fail(
        self,
        method: str,
        error: str = "ratelimited",
        times: int = 1,
        status: int = 200,
        retry_after: int = 0,
    ) -> None:
        """Make ``method`` fail ``times`` times, then succeed: with ``status`` 429 an HTTP rate
        limit (``Retry-After: retry_after``), else ``{"ok": false, "error": error}``."""
        self._failures[method] = _Failure(error, times, status, retry_after)

    def drop_after(self, method: str, times: int = 1) -> None:
        """Take the next ``times`` requests of ``method`` (a Web API method, or "response" for
        response_url posts) as Slack would, then close the connection without an answer: the
        client cannot tell whether it was posted."""
        self._drops[method] = times

    def respond_with(self, method: str, payload: dict) -> None:
        """Answer ``method`` with ``payload`` (merged over ``{"ok": true}``) from now on."""
        self._responses[method] = payload

    # -- what arrived --------------------------------------------------------------------------
    def calls(self, method: str) -> list[Recorded]:
        """Web API calls of ``method`` (e.g. "chat.postMessage"), in arrival order."""
        return [r for r in list(self.requests) if r.kind == "api" and r.method == method]

    def responses(self, name: str | None = None) -> list[Recorded]:
        """Posts to response_url(s) (all of them, or those for ``name``), in arrival order."""
        return [
            r
            for r in list(self.requests)
            if r.kind == "response" and (name is None or r.method == name)
        ]

    def wait_for(self, method: str = "response", count: int = 1, timeout: float = 10.0) -> list:
        """Block until ``count`` requests of ``method`` arrived ("response" means any
        response_url post, "response:NAME" one name); return them. Raises on timeout."""

        def matching() -> list[Recorded]:
            if method == "response":
                return self.responses()
            if method.startswith("response:"):
                return self.responses(method.split(":", 1)[1])
            return self.calls(method)

        deadline = time.monotonic() + timeout
        with self._lock:
            while len(found := matching()) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"waited {timeout}s for {count} x {method}; got {len(found)}: "
                        f"{[(r.kind, r.method) for r in self.requests]}"
                    )
                self._lock.wait(left)
        return found

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    # -- the server ----------------------------------------------------------------------------
    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        arrived = time.monotonic()
        parts = urlsplit(http.path)
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        body = _decode(raw, http.headers.get("Content-Type", ""), parts.query)
        headers = {k.lower(): v for k, v in http.headers.items()}
        path = parts.path.strip("/").split("/")
        if len(path) == 2 and path[0] == "api":
            kind, method = "api", path[1]
        elif len(path) == 2 and path[0] == "response":
            kind, method = "response", path[1]
        else:
            kind, method = "other", parts.path
        if self.delay:
            time.sleep(self.delay)
        status, payload, extra_headers = self._answer(kind, method, body)
        with self._lock:
            self.requests.append(Recorded(kind, method, body, headers, status, arrived))
            self._lock.notify_all()
            drop_as = "response" if kind == "response" else method
            dropped = self._drops.get(drop_as, 0) > 0 and status == 200
            if dropped:
                self._drops[drop_as] -= 1
        if dropped:
            http.close_connection = True
            return  # hung up: taken, but no answer
        data = json.dumps(payload).encode() if isinstance(payload, dict) else payload.encode()
        http.send_response(status)
        http.send_header("Content-Type", "application/json" if kind == "api" else "text/plain")
        http.send_header("Content-Length", str(len(data)))
        for name, value in extra_headers.items():
            http.send_header(name, value)
        http.end_headers()
        http.wfile.write(data)

    def _answer(self, kind: str, method: str, body: dict) -> tuple[int, dict | str, dict]:
        if kind == "other":
            return 404, "not found", {}
        failure = self._failures.get(method)
        if failure and failure.times > 0:
            failure.times -= 1
            if failure.status == 429:
                return (
                    429,
                    {"ok": False, "error": "ratelimited"},
                    {"Retry-After": str(failure.retry_after)},
                )
            if kind == "response":
                return failure.status if failure.status != 200 else 404, failure.error, {}
            return failure.status, {"ok": False, "error": failure.error}, {}
        if self.check_blocks and (kind == "response" or method in POSTING):
            problem = message_problem(body)
            if problem:
                return (400, problem, {}) if kind == "response" else (200, _err(problem), {})
        if kind == "response":
            return 200, "ok", {}
        payload = {"ok": True, **self._default(method, body), **self._responses.get(method, {})}
        return 200, payload, {}

    def _default(self, method: str, body: dict) -> dict:
        if method == "auth.test":
            return {
                "url": "https://rocu-test.slack.com/",
                "team": "Test",
                "user": "rocu",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            with self._lock:
                self._ts += 1
                ts = f"1700000000.{self._ts:06d}"
            answer = {"channel": body.get("channel"), "ts": body.get("ts") or ts}
            if method == "chat.postEphemeral":
                return {"message_ts": ts}
            return {**answer, "message": {"text": body.get("text"), "ts": answer["ts"]}}
        if method.startswith("views."):
            return {"view": {"id": "V0TEST", **(body.get("view") or {})}}
        return {}


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # a burst of answers must not be refused by the fake itself
    daemon_threads = True


def _err(error: str) -> dict:
    return {"ok": False, "error": error}


def message_problem(body: dict) -> str | None:
    """What Slack would refuse in a message (its error code), or None."""
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.blocks import Block

    text = body.get("text")
    if isinstance(text, str) and len(text) > 40_000:
        return "msg_too_long"
    blocks = body.get("blocks")
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except ValueError:
            return "invalid_blocks"
    if not blocks:
        return None
    if not isinstance(blocks, list) or len(blocks) > 50:
        return "invalid_blocks"
    if blocks_chars(blocks) > MAX_BLOCKS_CHARS:
        return "msg_blocks_too_long"
    for block in blocks:
        try:
            parsed = Block.parse(block)
            if parsed is None:
                return "invalid_blocks"
            parsed.validate_json()
        except (SlackObjectFormationError, KeyError, TypeError, ValueError):
            return "invalid_blocks"
    return None


def blocks_chars(blocks: list) -> int:
    return len(json.dumps(blocks, ensure_ascii=False, separators=(",", ":")))


def _decode(raw: bytes, content_type: str, query: str) -> dict:
    """A request body as a dict: JSON, or a form whose JSON-looking fields are decoded."""
    text = raw.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            data = json.loads(text or "{}")
            return data if isinstance(data, dict) else {"_": data}
        except ValueError:
            return {"_raw": text}
    form = {k: v[-1] for k, v in parse_qs(text or query, keep_blank_values=True).items()}
    for key in ("blocks", "attachments", "view"):
        if key in form:
            try:
                form[key] = json.loads(form[key])
            except ValueError:
                pass
    return form


def signed_headers(
    body: str, secret: str, timestamp: int | None = None, content_type: str | None = None
) -> dict:
    """Headers Slack would send with ``body``: a v0 signature over it with ``secret``."""
    from slack_sdk.signature import SignatureVerifier

    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
        "Content-Type": content_type
        or ("application/json" if body.startswith("{") else "application/x-www-form-urlencoded"),
    }
