"""HTTP mode answers every malformed, forged or oversized request with a 4xx and one sentence,
never a dropped line or a traceback, and logs nothing a person typed (issue 15)."""

from __future__ import annotations

import http.client
import io
import json
import logging
import threading
import time

import pytest
import slack_rig as payloads
from slack_bolt import BoltRequest
from slack_rig import SECRET
from slack_server import FakeSlack, signed_headers

from bot.config import Settings
from bot.slack.app import Library, build_app, http_server
from bot.slack.http import StoreHealth, stop
from bot.slack.logs import SafeFormatter, configure

TYPED = "Bob from finance is useless"


@pytest.fixture
def server(db, db_path, slack):
    library = Library(db_path)
    settings = Settings(bot_token="xoxb-test", signing_secret=SECRET, api_url=slack.url)
    httpd = http_server(build_app(settings, library=library), library, "127.0.0.1", 0)
    threading.Thread(target=httpd.run, daemon=True).start()
    yield ("127.0.0.1", httpd.effective_port)
    stop(httpd)


def send(address, body: bytes, headers: dict, method: str = "POST", path="/slack/events"):
    conn = http.client.HTTPConnection(*address, timeout=10)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    result = response.status, response.read().decode()
    conn.close()
    return result


def command_form(text: str = TYPED, slack: FakeSlack | None = None) -> bytes:
    url = slack.response_url("h") if slack else "https://hooks.invalid/x"
    return payloads.command_form(text, url).encode()


def assert_one_sentence(status: int, body: str, expected: int) -> None:
    assert status == expected, (status, body)
    assert "Traceback" not in body and "\n" not in body.strip() and body.strip()


def test_a_non_numeric_timestamp_is_a_400_not_a_500(server, caplog):
    body = command_form()
    for timestamp in ("soon", "1e9", "\xb2\xb3", "-5", "9" * 40):
        headers = {**signed_headers(body.decode(), SECRET), "X-Slack-Request-Timestamp": timestamp}
        assert_one_sentence(*send(server, body, headers), 400)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize("raw", ["[1]", "null", '"text"', "{", "{]", "1", "[]"])
def test_json_that_is_not_an_object_is_a_400_when_signed_401_when_not(server, raw, caplog):
    headers = signed_headers(raw, SECRET, content_type="application/json")
    assert_one_sentence(*send(server, raw.encode(), headers), 400)
    forged = signed_headers(raw, "not-the-secret", content_type="application/json")
    assert_one_sentence(*send(server, raw.encode(), forged), 401)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize("payload", ["[1]", "null", "%7Bnot-json"])
def test_a_form_payload_that_is_not_an_object_is_a_400(server, payload):
    body = f"payload={payload}".encode()
    assert_one_sentence(*send(server, body, signed_headers(body.decode(), SECRET)), 400)


def test_wrong_method_type_size_and_path_are_4xx(server):
    body = command_form()
    xml = {**signed_headers(body.decode(), SECRET), "Content-Type": "text/xml"}
    assert_one_sentence(*send(server, body, xml), 415)
    assert_one_sentence(*send(server, b"", {}, method="GET"), 405)
    assert_one_sentence(*send(server, b"", {}, method="POST", path="/healthz"), 405)
    assert_one_sentence(*send(server, body, signed_headers(body.decode(), SECRET), path="/x"), 404)
    conn = http.client.HTTPConnection(*server, timeout=10)  # a body over 2 MB, refused unread
    conn.putrequest("POST", "/slack/events")
    for name, value in signed_headers("text=a", SECRET).items():
        conn.putheader(name, value)
    conn.putheader("Content-Length", str(2100 * 1024))
    conn.endheaders()
    conn.send(b"text=a")
    assert conn.getresponse().status == 413
    conn.close()
    unsigned = {"Content-Type": "application/x-www-form-urlencoded"}
    assert_one_sentence(*send(server, body, unsigned), 401)


def test_an_oversized_body_is_refused_before_it_is_read(server):
    conn = http.client.HTTPConnection(*server, timeout=10)
    conn.putrequest("POST", "/slack/events")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    assert conn.getresponse().status == 413
    conn.close()


def test_a_bad_content_length_is_a_400(server):
    conn = http.client.HTTPConnection(*server, timeout=10)
    conn.putrequest("POST", "/slack/events")
    conn.putheader("Content-Length", "lots")
    conn.endheaders()
    assert conn.getresponse().status == 400
    conn.close()


def test_a_forged_request_is_refused_and_its_body_never_logged(server, caplog):
    caplog.set_level(logging.DEBUG)
    body = command_form(TYPED + "\n2026-01-01 INFO rocu forged line")
    status, _ = send(server, body, signed_headers(body.decode(), "wrong-secret"))
    assert status == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "refused a request with a bad signature" in logged
    assert TYPED not in logged and "forged line" not in logged and "hooks.invalid" not in logged


def test_bolt_itself_does_not_log_a_forged_body(db_path, slack, caplog):
    """Bolt logs failed signature checks with the body at INFO; that logger is quieted."""
    caplog.set_level(logging.DEBUG)
    settings = Settings(bot_token="xoxb-test", signing_secret=SECRET, api_url=slack.url)
    app = build_app(settings, library=Library(db_path))
    body = command_form().decode()
    response = app.dispatch(BoltRequest(body=body, headers=signed_headers(body, "wrong")))
    assert response.status == 401
    assert TYPED not in "\n".join(r.getMessage() for r in caplog.records)


def test_bolt_headers_for_lazy_runs_are_not_taken_from_outside(server, slack):
    body = command_form("help", slack)
    headers = {**signed_headers(body.decode(), SECRET), "X-Slack-Bolt-Lazy-Only": "1"}
    status, _ = send(server, body, headers)
    assert status == 200
    assert slack.wait_for("response:h")  # answered normally, not only the lazy part


def test_the_server_still_answers_afterwards(server):
    for raw in ("[1]", "null"):
        send(server, raw.encode(), signed_headers(raw, SECRET, content_type="application/json"))
    status, body = send(server, b"", {}, method="GET", path="/healthz")
    assert (status, body) == (200, "ok")


def test_log_lines_cannot_be_forged_and_library_payloads_are_withheld():
    stream = io.StringIO()
    level = logging.getLogger().level
    handler = configure(logging.DEBUG, stream)
    try:
        logging.getLogger("rocu.slack").info("value=%s", "x\n2026 INFO rocu forged\r\x1b[2J")
        logging.getLogger("slack_bolt.App").warning(
            "Unhandled request ({'text': '%s', 'response_url': 'https://hooks'})", TYPED
        )
        logging.getLogger("slack_sdk.web.base_client").debug(
            "Sending a request - url: https://slack.com/api/chat.postMessage, body: {'text': '%s'}",
            TYPED,
        )
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(level)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert "\\n2026 INFO rocu forged\\r\\x1b" in lines[0]
    assert TYPED not in stream.getvalue() and "hooks" not in stream.getvalue()
    assert "Unhandled request [payload withheld" in lines[1]
    assert isinstance(handler.formatter, SafeFormatter)


# -- /healthz ------------------------------------------------------------------------------------


def test_health_checks_the_store_is_whole_and_writable(db, db_path, tmp_path):
    health = StoreHealth(db_path)
    assert health.quick_check() is None and health.status() == (True, "ok")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    whole = db_path.read_bytes()
    broken = tmp_path / "broken.db"
    middle = len(whole) // 2
    broken.write_bytes(whole[:middle] + b"\x07garbage" * 2048 + whole[middle + 16384 :])
    bad = StoreHealth(broken)
    assert bad.quick_check() == "damaged"
    healthy, sentence = bad.status()
    assert not healthy and sentence.startswith("The store is damaged")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert StoreHealth(empty).status()[0] is False


def test_health_stays_up_while_another_writer_holds_the_store(db, db_path):
    import sqlite3

    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("begin immediate")
    try:
        started = time.monotonic()
        assert StoreHealth(db_path).status()[0] is True
        assert time.monotonic() - started < 5
    finally:
        writer.execute("rollback")
        writer.close()


def test_healthz_is_503_with_one_sentence_for_a_damaged_store(tmp_path, slack):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    library = Library(broken)
    settings = Settings(bot_token="xoxb-test", signing_secret=SECRET, api_url=slack.url)
    httpd = http_server(build_app(settings, library=library), library, "127.0.0.1", 0)
    threading.Thread(target=httpd.run, daemon=True).start()
    try:
        status, body = send(("127.0.0.1", httpd.effective_port), b"", {}, "GET", "/healthz")
        assert_one_sentence(status, body, 503)
    finally:
        stop(httpd)


def test_json_event_bodies_still_work(server):
    challenge = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"})
    status, body = send(server, challenge.encode(), signed_headers(challenge, SECRET))
    assert status == 200 and "abc123" in body
