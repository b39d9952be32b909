"""Socket Mode with the HTTP front's checks: Bolt's ``SocketModeHandler``, with the payload's
shape checked before Bolt reads it (``bot.slack.payloads``), as ``bot.slack.http.SlackFront`` does
for HTTP. Before round 15 a Socket Mode payload went to Bolt unchecked: a field of the wrong type
(``authorizations: [[]]``, an event's ``user: true``) failed inside Bolt or a listener, where over
HTTP it is a 400 with one sentence. A misshapen payload is acknowledged (Slack would only send it
again) and logged by kind, never its words; nothing else changes.
"""

from __future__ import annotations

import logging
import time

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.library import waits
from bot.slack.http import ACKING
from bot.slack.payloads import payload_problem

log = logging.getLogger("rocu.slack.socket")

# Check Socket Mode payloads as HTTP ones are checked; False: Bolt's own handler (before round 15).
CHECK_SHAPE = True


class CheckedSocketModeHandler(SocketModeHandler):
    """Bolt's Socket Mode handler: the payload's shape checked first, and acknowledged like an
    HTTP request (``ACKING``: answers wait for the acks in flight)."""

    def handle(self, client, req) -> None:  # type: ignore[override]
        started = time.time()
        if CHECK_SHAPE:
            payload = req.payload
            problem = (
                payload_problem(payload)
                if isinstance(payload, dict)
                else "The payload is not a JSON object."
            )
            if problem:
                log.info("refused a Socket Mode %s payload of the wrong shape", req.type)
                client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
                return
        with ACKING, waits.budget(waits.ANSWER_BUDGET):  # from arrival, as over HTTP
            response = run_bolt_app(self.app, req)
        send_response(client, req, response, started)
