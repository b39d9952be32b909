"""What the Slack tests send and read: Slack's payloads (a slash command, a button click, an event,
a message shortcut), a running app to send them to (``start_rig``) and helpers to read what came
back (``mrkdwn_texts``, ``buttons``). One place, so every test speaks to the app as Slack does.

    rig, server = start_rig(db_path, fake_slack)      # the real Bolt app over HTTP (waitress)
    message = rig.answer("define ROCU")               # /rocu define ROCU -> what reached Slack
    name = rig.click(buttons(message["blocks"])["Share in channel"], ephemeral=True)
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from slack_server import BOT_USER_ID, TEAM_ID, FakeSlack, signed_headers

from bot.config import Settings
from bot.slack.app import Library, build_app, http_server

SECRET = "test-signing-secret"
ASKER = "U0ASKER"
CHANNEL = "C0GENERAL"


# -- payloads ------------------------------------------------------------------------------------


def command_fields(
    text: str,
    response_url: str,
    user: str = ASKER,
    channel: str = CHANNEL,
    team: str = TEAM_ID,
    **extra,
) -> dict:
    """The form fields Slack posts for ``/rocu text``."""
    return {
        "token": "legacy",
        "team_id": team,
        "team_domain": "test",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/rocu",
        "text": text,
        "api_app_id": "A0ROCU",
        "response_url": response_url,
        "trigger_id": "1.2.3",
        **extra,
    }


def status_values(status: str, note: str | None) -> dict:
    """The status modal's ``state.values`` as Slack sends them when it is saved with ``status``
    chosen and ``note`` typed (None: left empty)."""
    from bot.render import tracker as render_tracker

    return {
        render_tracker.STATUS_BLOCK: {
            render_tracker.STATUS_INPUT: {
                "type": "static_select",
                "selected_option": {
                    "text": {"type": "plain_text", "text": status},
                    "value": status,
                },
            }
        },
        render_tracker.NOTE_BLOCK: {
            render_tracker.NOTE_INPUT: {"type": "plain_text_input", "value": note}
        },
    }


def command_form(text: str, response_url: str, **fields) -> str:
    """The urlencoded body Slack posts for ``/rocu text`` (``fields`` as ``command_fields``)."""
    return urlencode(command_fields(text, response_url, **fields))


def block_actions(
    button: dict,
    response_url: str,
    user: str | dict = "U0CLICKER",
    channel: str = CHANNEL,
    ephemeral: bool = False,
    trigger_id: str = "1.2.3",
) -> str:
    """The urlencoded body Slack posts when ``button`` is clicked; ``user`` an id or Slack's whole
    user object."""
    who = user if isinstance(user, dict) else {"id": user, "team_id": TEAM_ID}
    payload = {
        "type": "block_actions",
        "user": who,
        "team": {"id": TEAM_ID},
        "channel": {"id": channel},
        "api_app_id": "A0ROCU",
        "container": {"type": "message", "message_ts": "1.1", "is_ephemeral": ephemeral},
        "response_url": response_url,
        "trigger_id": trigger_id,
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": "b1",
                "value": button.get("value"),
                "action_ts": "1.2",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def message_action(
    message: dict, response_url: str, user: str, callback_id: str, channel: str = CHANNEL
) -> str:
    """The urlencoded body Slack posts for a message shortcut on ``message``."""
    payload = {
        "type": "message_action",
        "callback_id": callback_id,
        "user": {"id": user},
        "team": {"id": TEAM_ID},
        "channel": {"id": channel},
        "message": message,
        "response_url": response_url,
        "trigger_id": "1.2.3",
    }
    return urlencode({"payload": json.dumps(payload)})


def event_body(event: dict, event_id: str, team: str = TEAM_ID) -> str:
    """The JSON body of an Events API delivery of ``event``."""
    return json.dumps(
        {
            "token": "legacy",
            "team_id": team,
            "api_app_id": "A0ROCU",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {"team": team, **event},
            "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
        }
    )


# -- reading answers -----------------------------------------------------------------------------


def mrkdwn_texts(blocks: list[dict]) -> list[str]:
    """Every mrkdwn string in a message's blocks."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(blocks)
    return found


def buttons(blocks: list[dict]) -> dict[str, dict]:
    """Buttons by label."""
    found = {}
    for block in blocks:
        elements = block.get("elements", []) if block["type"] == "actions" else []
        if block.get("accessory"):
            elements = [block["accessory"]]
        for element in elements:
            if element.get("type") == "button":
                found[element["text"]["text"]] = element
    return found


# -- a running app -------------------------------------------------------------------------------


@dataclass
class SlackRig:
    slack: FakeSlack
    base: str
    settings: Settings
    counter: int = 0

    def post(self, body: str, headers: dict | None = None, path: str = "/slack/events"):
        """POST to the app; (status, body text)."""
        headers = headers if headers is not None else signed_headers(body, SECRET)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def command(self, text: str, channel: str = CHANNEL, team: str = TEAM_ID, **extra):
        """Send `/rocu text`; returns (status, ack body, response_url name)."""
        self.counter += 1
        name = f"cmd{self.counter}"
        fields = command_fields(text, self.slack.response_url(name), channel=channel, team=team)
        status, body = self.post(urlencode({**fields, **extra}))
        return status, body, name

    def answer(self, text: str, **kwargs) -> dict:
        """Send `/rocu text` and return what reached its response_url."""
        status, _, name = self.command(text, **kwargs)
        assert status == 200
        return self.slack.wait_for(f"response:{name}")[0].body

    def click(
        self,
        button: dict,
        ephemeral: bool = False,
        channel: str = CHANNEL,
        user: str | dict = "U0CLICKER",
        name: str | None = None,
        trigger_id: str = "1.2.3",
    ) -> str:
        """Click a button; returns the response_url name its answers go to."""
        self.counter += 1
        name = name or f"click{self.counter}"
        body = block_actions(
            button, self.slack.response_url(name), user, channel, ephemeral, trigger_id
        )
        status, _ = self.post(body)
        assert status == 200
        return name

    def mention(
        self, text: str, ts: str, user: str = ASKER, channel: str = CHANNEL, **fields
    ) -> int:
        """``@rocu text`` from ``user`` in ``channel`` (an ``app_mention`` event); the status."""
        mention = {"type": "app_mention", "user": user, "channel": channel, "ts": ts, **fields}
        return self.event({**mention, "text": f"<@{BOT_USER_ID}> {text}"})

    def event(self, event: dict, team: str = TEAM_ID, event_id: str | None = None) -> int:
        self.counter += 1
        event = {"event_ts": f"{self.counter}.0", **event}
        return self.post(event_body(event, event_id or f"Ev{self.counter}", team))[0]


def save_status(
    rig: SlackRig, button: dict, status: str, note: str, user: str, view_id: str
) -> str:
    """Click a card's "Set status" as ``user``, then save the modal Slack opened with ``status``
    and ``note`` (a ``view_submission`` with Slack's ``state.values``); the click's name."""

    opened = len(rig.slack.calls("views.open"))
    who = {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM_ID}
    name = rig.click(button, user=who, trigger_id=f"trigger.{view_id}")
    view = rig.slack.wait_for("views.open", count=opened + 1)[-1].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    values = status_values(status, note)
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID, "domain": "test"},
        "user": who,
        "api_app_id": "A0ROCU",
        "trigger_id": "trigger.submit",
        "view": {**view, "id": view_id, "hash": f"h.{view_id}", "state": {"values": values}},
    }
    status_code, body = rig.post(urlencode({"payload": json.dumps(payload)}))
    assert status_code == 200 and "errors" not in body
    return name


def start_rig(db_path, slack: FakeSlack, **settings) -> tuple[SlackRig, object]:
    """The real Bolt app on a store at ``db_path``, served over HTTP on a free port, answering to
    ``slack``; (the rig, the server to ``stop``)."""
    config = Settings(
        bot_token="xoxb-test",
        signing_secret=SECRET,
        api_url=slack.url,
        db_path=str(db_path),
        **settings,
    )
    library = Library(db_path)
    app = build_app(config, library=library)
    server = http_server(app, library, "127.0.0.1", 0)
    threading.Thread(target=server.run, daemon=True).start()
    return SlackRig(slack, f"http://127.0.0.1:{server.effective_port}", config), server
