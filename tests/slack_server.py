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
    slack.response_delay = 5              # and response_url posts 5 s later still
    slack.hold("views.publish", 3)        # take views.publish at once, answer it 3 s later
    slack.hold("response", 60)            # a response_url that never answers (in a test's time)
    headers = signed_headers(body, "signing-secret")  # what Slack adds to a request

Every request is recorded as a ``Recorded`` (``kind`` "api" or "response", ``method`` the Web API
method or the response_url name, ``body`` the decoded JSON or form, ``headers``). Web API methods
answer ``{"ok": true, ...}`` with plausible fields (``auth.test`` names a bot, ``chat.postMessage``
returns a ``ts``); ``respond_with(method, payload)`` overrides one. Nothing leaves the machine.

Modals and files behave as Slack's do, with its simple limits enforced:

* ``views.open`` needs a ``trigger_id`` that was never used before (``exchanged_trigger_id``) and a
  view that slack_sdk's model accepts (title at most 24 characters, 1-100 blocks, private_metadata
  at most 3000, valid blocks; one with input blocks needs ``submit``), else ``invalid_arguments``.
  ``views.update`` needs a ``view_id`` or ``external_id`` and a valid view; ``views.publish`` a
  ``user_id`` and a valid view of type ``home``. ``conversations.open`` gives ``D<user id>``.
* ``users.info`` answers for users added with ``add_user(id, display_name, real_name)``, else
  ``user_not_found``.
* Files (``WebClient.files_upload_v2``): ``files.getUploadURLExternal`` (``filename`` and an integer
  ``length`` required, ``invalid_arguments``; length 0 is ``missing_argument``) returns an
  ``upload_url`` on this server and a ``file_id``; a POST of the bytes to it answers ``OK - N``
  (404 for an unknown URL); ``files.completeUploadExternal`` (``files`` a JSON list of ``{"id"}``,
  each uploaded, else ``file_not_found``) shares them. ``uploads`` holds what was completed: the
  bytes with filename, title, channel and initial comment.

Messages stay (round 19): each ``chat.postMessage`` Slack took is in ``messages`` (channel,
``ts``, ``thread_ts``, text, blocks, ``metadata``) and is read back, as Slack does, by
``conversations.history`` (a channel's messages outside threads, newest first) and
``conversations.replies`` (a thread's, oldest first): ``limit`` (default 100, at most 999),
``oldest``/``latest``, a ``cursor`` with ``has_more`` and ``response_metadata.next_cursor``, and
each message's ``metadata`` only with ``include_all_metadata``. ``metadata`` on a post must be an
object with a word-like ``event_type`` and an object ``event_payload``, else
``invalid_metadata_format``. ``appeared()`` lists everything a person would see: those
messages, ephemeral ones and response_url posts. ``fail(..., stored=True)`` is Slack acting and
then answering with the failure anyway ("posted but answered 500 / internal_error")::

    slack.fail("chat.postMessage", status=500, stored=True)          # posted, answered 500
    slack.fail("chat.postMessage", error="internal_error", stored=True)
    slack.fail("response", status=500, stored=True)                  # every response_url

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
    stored: bool = False  # Slack acted (posted) before answering with the failure
    channel: str | None = None  # only posts to this channel fail


HISTORY_LIMIT = 999  # conversations.history / replies: Slack's most per page (default 100)


class FakeSlack:
    """A local HTTP server playing Slack. ``start()``/``stop()`` or use it as a context manager."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._failures: dict[str, _Failure] = {}
        self._drops: dict[str, int] = {}
        self._holds: dict[str, float] = {}  # method ("response": response_urls) -> seconds
        self._hold_times: dict[str, int] = {}  # method -> how many more to hold
        self.delay = 0.0  # seconds before each answer
        self.response_delay = 0.0  # seconds more before answering a response_url post
        self.check_blocks = True
        self._responses: dict[str, dict] = {}
        self._lock = threading.Condition()
        self._ts = 0
        self._server: ThreadingHTTPServer | None = None
        self.bot_token = "xoxb-test"
        self._files: dict[str, tuple[dict, bytes]] = {}
        self._thread: threading.Thread | None = None
        self._triggers: set[str] = set()
        self._users: dict[str, dict] = {}
        self._pending_files: dict[str, dict] = {}  # file id -> filename, length, data
        self.uploads: list[dict] = []  # completed: id, filename, title, data, channel, comment
        self.messages: list[dict] = []  # chat.postMessage Slack took: channel, ts, thread_ts...
        self.shown: list[dict] = []  # ephemeral messages and response_url posts Slack showed

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
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, args=(0.02,), daemon=True)  # quick to stop
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            from bot.slack import people

            people.settle()  # a name lookup still asking this server finishes first
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
        stored: bool = False,
        channel: str | None = None,
    ) -> None:
        """Make ``method`` fail ``times`` times, then succeed: with ``status`` 429 an HTTP rate
        limit (``Retry-After: retry_after``), else ``{"ok": false, "error": error}``. ``stored``:
        Slack acts first (the message is posted) and answers with the failure all the same.
        ``method`` "response" fails every response_url (a name fails only that one). ``channel``:
        only calls for that channel fail (each channel's failure is kept apart from the others'
        and from the method's, which a later ``fail`` without a channel replaces)."""
        key = f"{method}@{channel}" if channel else method
        self._failures[key] = _Failure(error, times, status, retry_after, stored, channel)

    def add_file(self, name: str, data: bytes, mimetype: str = "application/octet-stream") -> dict:
        """Hold a file as if someone had uploaded it; returns its Slack file object. Its
        ``url_private_download`` serves the bytes only to ``Authorization: Bearer <bot_token>``
        (anyone else gets Slack's sign-in page, as real Slack does); ``files.info`` knows it."""
        file_id = f"F{len(self._files) + 1:07d}"
        file = {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "size": len(data),
            "mode": "hosted",
            "url_private": f"{self.base}/files-pri/{file_id}/{name}",
            "url_private_download": f"{self.base}/files-pri/{file_id}/download/{name}",
            "permalink": f"https://rocu-test.slack.com/files/U0/{file_id}/{name}",
        }
        self._files[file_id] = (file, data)
        return dict(file)

    def drop_after(self, method: str, times: int = 1) -> None:
        """Take the next ``times`` requests of ``method`` (a Web API method, or "response" for
        response_url posts) as Slack would, then close the connection without an answer: the
        client cannot tell whether it was posted."""
        self._drops[method] = times

    def hold(self, method: str, seconds: float, times: int | None = None) -> None:
        """Take each request of ``method`` (a Web API method, "response" for response_url
        posts, "response:NAME" for one response_url) at once (recorded as it arrives), then
        answer it only ``seconds`` later: a slow Slack for that method, or one that never
        answers within a client's timeout. ``times``: only the next so many, then at once."""
        self._holds[method] = seconds
        if times is not None:
            self._hold_times[method] = times

    def respond_with(self, method: str, payload: dict) -> None:
        """Answer ``method`` with ``payload`` (merged over ``{"ok": true}``) from now on."""
        self._responses[method] = payload

    def add_user(self, user_id: str, display_name: str = "", real_name: str = "") -> None:
        """A user ``users.info`` knows."""
        self._users[user_id] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": (display_name or real_name or user_id).lower().replace(" ", "."),
            "real_name": real_name,
            "profile": {"display_name": display_name, "real_name": real_name},
        }

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

    def wait_for(self, method: str = "response", count: int = 1, timeout: float = 30.0) -> list:
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

    def appeared(self, channel: str | None = None) -> list[dict]:
        """Every message a person would see, in order: posted (``messages``), ephemeral and
        response_url ones (``shown``); in ``channel`` only, when given."""
        with self._lock:
            every = sorted(self.messages + self.shown, key=lambda m: m["at"])
        return [m for m in every if channel is None or m.get("channel") == channel]

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def _held(self, method: str) -> float:
        """Seconds to hold this request of ``method`` (0: answer at once)."""
        with self._lock:
            seconds = self._holds.get(method, 0.0)
            if seconds and method in self._hold_times:
                if self._hold_times[method] <= 0:
                    return 0.0
                self._hold_times[method] -= 1
            return seconds

    def clear_holds(self) -> None:
        """Answer every method at once again (undo ``hold``)."""
        self._holds.clear()
        self._hold_times.clear()

    # -- the server ----------------------------------------------------------------------------
    def _handle(self, http: BaseHTTPRequestHandler) -> None:
        arrived = time.monotonic()
        parts = urlsplit(http.path)
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        body = _decode(raw, http.headers.get("Content-Type", ""), parts.query)
        headers = {k.lower(): v for k, v in http.headers.items()}
        path = parts.path.strip("/").split("/")
        if path[0] == "files-pri" and len(path) >= 3:
            return self._serve_file(http, path, headers, body)
        if len(path) == 2 and path[0] == "api":
            kind, method = "api", path[1]
        elif len(path) == 2 and path[0] == "response":
            kind, method = "response", path[1]
        elif len(path) == 3 and path[:2] == ["upload", "v1"]:
            kind, method = "upload", path[2]
            body = {"bytes": len(raw)}
            status, payload, extra_headers = self._upload(method, raw)
            self._record_and_send(
                http, kind, method, body, headers, status, payload, extra_headers, arrived
            )
            return
        else:
            kind, method = "other", parts.path
        held = self._held(f"response:{method}" if kind == "response" else method)
        if not held and kind == "response":
            held = self._held("response")
        if self.delay:
            time.sleep(self.delay)
        if kind == "response" and self.response_delay:
            time.sleep(self.response_delay)
        status, payload, extra_headers = self._answer(kind, method, body)
        if held:
            with self._lock:  # taken (recorded) now, answered later
                self.requests.append(Recorded(kind, method, body, headers, status, arrived))
                self._lock.notify_all()
            time.sleep(held)
        self._record_and_send(
            http, kind, method, body, headers, status, payload, extra_headers, arrived, not held
        )

    def _record_and_send(
        self,
        http,
        kind,
        method,
        body,
        headers,
        status,
        payload,
        extra_headers,
        arrived,
        record=True,
    ):
        with self._lock:
            if record:
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

    def _serve_file(self, http, path: list[str], headers: dict, body: dict) -> None:
        """A file download: the bytes for the bot token, a sign-in page for anyone else."""
        found = self._files.get(path[1])
        authorised = headers.get("authorization") == f"Bearer {self.bot_token}"
        with self._lock:
            self.requests.append(Recorded("file", path[1], body, headers, 200))
            self._lock.notify_all()
        if found and authorised:
            file, data = found
            content_type = file["mimetype"]
        else:
            data = b"<!DOCTYPE html><html><body>Sign in to Slack</body></html>"
            content_type = "text/html; charset=utf-8"
        http.send_response(200)
        http.send_header("Content-Type", content_type)
        http.send_header("Content-Length", str(len(data)))
        http.end_headers()
        http.wfile.write(data)

    def _answer(self, kind: str, method: str, body: dict) -> tuple[int, dict | str, dict]:
        if kind == "other":
            return 404, "not found", {}
        failure = self._failures.get(f"{method}@{body.get('channel')}")
        if not (failure and failure.times > 0):
            failure = self._failures.get(method)
        if kind == "response" and not (failure and failure.times > 0):
            failure = self._failures.get("response")
        if failure and failure.channel and body.get("channel") != failure.channel:
            failure = None
        if failure and failure.times > 0:
            failure.times -= 1
            if failure.stored and failure.status != 429:  # Slack acted, then failed all the same
                self._take(kind, method, body)
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
            self._take(kind, method, body)
            return 200, "ok", {}
        error = self._refusal(method, body)
        if error:
            return 200, {"ok": False, "error": error}, {}
        payload = {"ok": True, **self._default(method, body), **self._responses.get(method, {})}
        return 200, payload, {}

    def _take(self, kind: str, method: str, body: dict) -> dict:
        """Do what a post does (a message posted or shown) and return Slack's answer's fields;
        a refused one (bad blocks or metadata) is not taken."""
        if kind == "response":
            if self.check_blocks and message_problem(body):
                return {}
            with self._lock:
                self.shown.append(
                    {**body, "via": "response_url", "name": method, "at": time.monotonic()}
                )
            return {}
        if method in POSTING and (self.check_blocks and message_problem(body)):
            return {}
        if method == "chat.postMessage" and _metadata_problem(body.get("metadata")):
            return {}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            return self._default(method, body)
        return {}

    def _upload(self, file_id: str, raw: bytes) -> tuple[int, str, dict]:
        """The POST of a file's bytes to an ``upload_url``: Slack answers ``OK - <length>``."""
        with self._lock:
            pending = self._pending_files.get(file_id)
            if pending is None:
                return 404, "not found", {}
            pending["data"] = raw
        return 200, f"OK - {len(raw)}", {}

    def _refusal(self, method: str, body: dict) -> str | None:
        """Slack's error for a call that breaks its rules (see the module doc), else None."""
        if method == "views.open":
            trigger = body.get("trigger_id")
            if not trigger:
                return "invalid_arguments"
            with self._lock:
                if trigger in self._triggers:
                    return "exchanged_trigger_id"
                self._triggers.add(trigger)
            return _view_problem(body.get("view"))
        if method == "views.update":
            if not (body.get("view_id") or body.get("external_id")):
                return "invalid_arguments"
            return _view_problem(body.get("view"))
        if method == "views.publish":  # the App Home tab: a user and a valid home view
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            if not body.get("user_id") or not isinstance(view, dict) or view.get("type") != "home":
                return "invalid_arguments"
            return _view_problem(view)
        if method == "users.info":
            return None if body.get("user") in self._users else "user_not_found"
        if method == "chat.postMessage":
            return _metadata_problem(body.get("metadata"))
        if method in ("conversations.history", "conversations.replies"):
            if not body.get("channel"):
                return "channel_not_found"
            if method == "conversations.replies" and not body.get("ts"):
                return "invalid_arguments"
            limit = str(body.get("limit") or "100")
            return None if limit.isdigit() else "invalid_limit"
        if method == "files.getUploadURLExternal":
            if not body.get("filename") or not str(body.get("length", "")).isdigit():
                return "invalid_arguments"
            if int(body["length"]) == 0:
                return "missing_argument"
            return None
        if method == "files.completeUploadExternal":
            try:
                files = json.loads(body.get("files") or "")
            except (TypeError, ValueError):
                return "invalid_arguments"
            if not isinstance(files, list) or not files:
                return "invalid_arguments"
            with self._lock:
                for item in files:
                    pending = self._pending_files.get((item or {}).get("id"))
                    if pending is None or pending.get("data") is None:
                        return "file_not_found"
            return None
        return None

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
            with self._lock:  # Slack's ts is its clock at the post (unique per channel)
                self._ts = max(round(time.time() * 1_000_000), self._ts + 1)
                ts = f"{self._ts // 1_000_000}.{self._ts % 1_000_000:06d}"
                kept = {
                    "channel": body.get("channel"),
                    "ts": ts,
                    "thread_ts": body.get("thread_ts"),
                    "text": body.get("text"),
                    "blocks": body.get("blocks"),
                    "at": time.monotonic(),
                }
                if method == "chat.postMessage":
                    metadata = body.get("metadata")
                    kept["metadata"] = (
                        json.loads(metadata) if isinstance(metadata, str) else metadata
                    )
                    self.messages.append({"via": method, **kept})
                elif method == "chat.postEphemeral":
                    self.shown.append({"via": method, "user": body.get("user"), **kept})
            answer = {"channel": body.get("channel"), "ts": body.get("ts") or ts}
            if method == "chat.postEphemeral":
                return {"message_ts": ts}
            return {**answer, "message": {"text": body.get("text"), "ts": answer["ts"]}}
        if method in ("conversations.history", "conversations.replies"):
            return self._history(method, body)
        if method == "files.info":
            found = self._files.get(body.get("file") or "")
            return {"file": dict(found[0])} if found else {"ok": False, "error": "file_not_found"}
        if method == "conversations.open":  # the app's direct-message channel with a user
            return {"channel": {"id": "D" + str(body.get("users") or "").split(",")[0]}}
        if method == "usergroups.list":
            return {"usergroups": []}
        if method == "usergroups.users.list":
            return {"users": []}
        if method.startswith("views."):
            view = body.get("view") or {}
            if isinstance(view, str):
                view = json.loads(view)
            return {"view": {"id": body.get("view_id") or "V0TEST", **view}}
        if method == "users.info":
            return {"user": self._users[body["user"]]}
        if method == "files.getUploadURLExternal":
            with self._lock:
                file_id = f"F0TEST{len(self._pending_files) + 1:04d}"
                self._pending_files[file_id] = {
                    "filename": body["filename"],
                    "length": int(body["length"]),
                    "data": None,
                }
            return {"upload_url": f"{self.base}/upload/v1/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            shared = []
            for item in json.loads(body["files"]):
                pending = self._pending_files.pop(item["id"])
                record = {
                    "id": item["id"],
                    "filename": pending["filename"],
                    "title": item.get("title") or pending["filename"],
                    "data": pending["data"],
                    "channel": body.get("channel_id") or body.get("channels"),
                    "initial_comment": body.get("initial_comment"),
                    "thread_ts": body.get("thread_ts"),
                }
                with self._lock:
                    self.uploads.append(record)
                shared.append(
                    {
                        "id": item["id"],
                        "name": pending["filename"],
                        "title": record["title"],
                        "size": len(pending["data"]),
                    }
                )
            return {"files": shared}
        return {}

    def _history(self, method: str, body: dict) -> dict:
        """A page of a channel's messages (history: outside threads, newest first) or a thread's
        (replies: the thread's, oldest first), as Slack gives them."""
        channel, parent = body.get("channel"), body.get("ts")
        with self._lock:
            kept = [dict(m) for m in self.messages if m["channel"] == channel]
        if method == "conversations.history":
            kept = [m for m in kept if not m["thread_ts"] or m["thread_ts"] == m["ts"]]
            kept.sort(key=lambda m: float(m["ts"]), reverse=True)
        else:
            kept = [m for m in kept if m["ts"] == parent or m["thread_ts"] == parent]
            kept.sort(key=lambda m: float(m["ts"]))
        oldest, latest = body.get("oldest"), body.get("latest")
        if oldest:
            kept = [m for m in kept if float(m["ts"]) > float(oldest)]
        if latest:
            kept = [m for m in kept if float(m["ts"]) < float(latest)]
        limit = min(int(body.get("limit") or 100), HISTORY_LIMIT) or 100
        start = int(body.get("cursor") or 0)
        page = kept[start : start + limit]
        with_metadata = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = []
        for m in page:
            message = {"type": "message", "ts": m["ts"], "text": m["text"], "bot_id": BOT_ID}
            if m["thread_ts"]:
                message["thread_ts"] = m["thread_ts"]
            if with_metadata and m.get("metadata"):
                message["metadata"] = m["metadata"]
            messages.append(message)
        more = start + limit < len(kept)
        return {
            "messages": messages,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }


def _metadata_problem(metadata) -> str | None:
    """``invalid_metadata_format`` for message metadata Slack would refuse, else None."""
    import re

    if metadata is None:
        return None
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return "invalid_metadata_format"
    if not isinstance(metadata, dict):
        return "invalid_metadata_format"
    event_type, payload = metadata.get("event_type"), metadata.get("event_payload")
    if not isinstance(event_type, str) or not re.fullmatch(r"[A-Za-z0-9_]+", event_type):
        return "invalid_metadata_format"
    if not isinstance(payload, dict):
        return "invalid_metadata_format"
    return None


def _view_problem(view) -> str | None:
    """``invalid_arguments`` for a view Slack would refuse (checked with slack_sdk's models)."""
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.views import View

    if isinstance(view, str):
        try:
            view = json.loads(view)
        except ValueError:
            return "invalid_arguments"
    if not isinstance(view, dict) or not view.get("blocks"):
        return "invalid_arguments"
    has_input = any(b.get("type") == "input" for b in view["blocks"] if isinstance(b, dict))
    if view.get("type") == "modal" and (
        not view.get("title") or (has_input and not view.get("submit"))
    ):
        return "invalid_arguments"
    try:
        View(**view).to_dict()  # validates the view and every block in it
    except (SlackObjectFormationError, TypeError, KeyError, ValueError):
        return "invalid_arguments"
    return None


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


def sent_problem(call: Recorded) -> str | None:
    """What Slack would refuse in a recorded message, response or view (its error code), else
    None: the fake's own checks run again on what the app sent, so a test can assert that Slack
    took everything (the fake answers a refused API call with HTTP 200 and ``ok: false``)."""
    if call.kind == "response" or (call.kind == "api" and call.method in POSTING):
        return message_problem(call.body)
    if call.kind == "api" and call.method in ("views.open", "views.update", "views.publish"):
        return _view_problem(call.body.get("view"))
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
