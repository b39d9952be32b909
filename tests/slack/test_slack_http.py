"""HTTP mode answers every malformed or oversized request with a status, never a dropped line."""

from __future__ import annotations

import http.client
import threading

import pytest
from slack_server import FakeSlack, signed_headers

from bot.config import Settings
from bot.slack.app import Library, build_app, http_server

SECRET = "test-signing-secret"


@pytest.fixture
def server(db, db_path):
    with FakeSlack() as slack:
        library = Library(db_path)
        settings = Settings(bot_token="xoxb-test", signing_secret=SECRET, api_url=slack.url)
        httpd = http_server(build_app(settings, library=library), library, "127.0.0.1", 0)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        yield httpd.server_address[:2]
        httpd.shutdown()
        httpd.server_close()


def post(address, body: bytes, headers: dict) -> int:
    conn = http.client.HTTPConnection(*address, timeout=10)
    conn.request("POST", "/slack/events", body=body, headers=headers)
    status = conn.getresponse().status
    conn.close()
    return status


def form_headers(body: bytes) -> dict:
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        **signed_headers(body.decode(), SECRET),
    }


def test_a_signed_payload_that_is_not_json_is_a_400(server):
    body = b"payload=%7Bnot-json"
    assert post(server, body, form_headers(body)) == 400


def test_an_oversized_body_is_refused_before_it_is_read(server):
    conn = http.client.HTTPConnection(*server, timeout=10)
    conn.putrequest("POST", "/slack/events")
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


def test_the_server_still_answers_afterwards(server):
    body = b"payload=%7Bnot-json"
    post(server, body, form_headers(body))
    conn = http.client.HTTPConnection(*server, timeout=10)
    conn.request("GET", "/healthz")
    assert conn.getresponse().status == 200
    conn.close()
