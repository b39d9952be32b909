"""Socket Mode payloads get the shape check HTTP ones get (round 15).

Over HTTP, ``bot.slack.http.SlackFront`` refuses a signed payload with a field of the wrong type
before Bolt reads it (round 14: about one in eight such payloads failed inside Bolt or a
listener). Socket Mode went straight to Bolt. Here the real Bolt app is driven through
``CheckedSocketModeHandler.handle`` (the websocket itself replaced by a recorder of the envelopes
acknowledged) with round 14's misshapen payloads, and answers go to the fake Slack."""

from __future__ import annotations

import logging
import time

import pytest
from slack_rig import event_body
from slack_sdk.socket_mode.request import SocketModeRequest
from test_odd_input_round14 import FOUND

from bot.config import Settings
from bot.slack import sockets
from bot.slack.app import Library, build_app


class Envelopes:
    """The websocket's side: the envelopes the handler acknowledged."""

    def __init__(self) -> None:
        self.acked: list[str] = []
        self.logger = logging.getLogger("test.socket")

    def send_socket_mode_response(self, response) -> None:
        self.acked.append(response.envelope_id)


@pytest.fixture
def handler(db, db_path, fake_slack):
    config = Settings(
        bot_token="xoxb-test", app_token="xapp-test", api_url=fake_slack.url, db_path=str(db_path)
    )
    app = build_app(config, library=Library(db_path))
    handler = sockets.CheckedSocketModeHandler(app, "xapp-test")
    yield handler
    handler.client.close()


def request(payload, envelope: str) -> SocketModeRequest:
    kind = "events_api" if isinstance(payload, dict) and payload.get("event") else "interactive"
    return SocketModeRequest(type=kind, envelope_id=envelope, payload=payload)


def errors(caplog) -> list[str]:
    return [
        f"{r.name}: {r.getMessage()[:120]}" for r in caplog.records if r.levelno >= logging.ERROR
    ]


@pytest.mark.parametrize("case", list(FOUND))
def test_a_misshapen_payload_is_acknowledged_and_goes_no_further(handler, fake_slack, caplog, case):
    caplog.set_level(logging.INFO)
    envelopes = Envelopes()
    handler.handle(envelopes, request(FOUND[case], "env1"))
    time.sleep(0.3)  # a listener after its ack would fail now
    assert envelopes.acked == ["env1"]  # acknowledged once: Slack does not send it again
    assert errors(caplog) == []
    assert [r for r in fake_slack.requests if r.method.startswith("chat.")] == []
    assert "refused a Socket Mode" in caplog.text


def test_a_well_formed_mention_is_answered(handler, fake_slack, caplog):
    import json

    mention = {"type": "app_mention", "user": "U0ASKER", "channel": "C0GENERAL", "ts": "1.0"}
    payload = json.loads(event_body({**mention, "text": "<@UBOT0001> define ROCU"}, "EvSock1"))
    envelopes = Envelopes()
    handler.handle(envelopes, request(payload, "env2"))
    assert envelopes.acked == ["env2"]
    answer = fake_slack.wait_for("chat.postMessage")[0].body
    assert "Regional Organised Crime Unit" in answer["text"]
    assert errors(caplog) == []


def test_without_the_check_bolt_fails_on_them(handler, monkeypatch, caplog):
    """The switch off: what Socket Mode did before round 15."""
    monkeypatch.setattr(sockets, "CHECK_SHAPE", False)
    caplog.set_level(logging.INFO)
    for number, case in enumerate(FOUND):
        try:
            handler.handle(Envelopes(), request(FOUND[case], f"env{number}"))
        except Exception:  # noqa: BLE001, S110 - Bolt raising is one way of failing
            logging.getLogger("test.socket").error("raised")
    time.sleep(0.5)
    assert errors(caplog)
