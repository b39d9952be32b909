"""The shape of what Slack sends, checked before Bolt sees it (``payload_problem``): only the
fields rocu and Bolt read, for the type Slack gives them, so a signed but malformed payload is a
4xx with one sentence rather than a 500 inside Bolt."""

from __future__ import annotations

COMMAND_FIELDS = ("command", "user_id", "channel_id", "team_id", "response_url")
INTERACTIVE = ("block_actions", "view_submission", "view_closed", "message_action", "shortcut")
ANSWERED_EVENTS = ("app_mention", "message")
EVENT_TEXT = ("type", "subtype", "user", "text", "channel", "channel_type", "ts", "thread_ts")
PAYLOAD_OBJECTS = ("user", "team", "channel", "view", "message", "container", "state")
PAYLOAD_TEXT = ("type", "callback_id", "trigger_id", "response_url", "api_app_id")
ACTION_TEXT = ("type", "action_id", "block_id", "value", "action_ts")


def payload_problem(payload: dict) -> str | None:
    """Why a signed payload cannot be from Slack (one sentence), or None. Only the fields rocu and
    Bolt read are checked, for the type Slack gives them: Bolt fails with a 500 on, say, an event
    that is a string or a command whose text is a number."""
    if "command" in payload:
        if any(not isinstance(value, str | None) for value in payload.values()):
            return "A slash command's fields must all be text."
        if not all(payload.get(key) for key in COMMAND_FIELDS):
            return "A slash command must name its command, user, channel, team and response_url."
        return None
    kind = payload.get("type")
    if kind == "event_callback":
        event = payload.get("event")
        if not isinstance(event, dict):
            return "An event callback must carry an event object."
        if event.get("type") not in ANSWERED_EVENTS:
            return None  # other events carry other shapes (a user object, a channel object)
        if any(not isinstance(event.get(key), str | None) for key in EVENT_TEXT):
            return "An event's type, user, text, channel and timestamps must be text."
        files = event.get("files")
        if files is not None and not _objects(files):
            return "An event's files must be a list of objects."
        return None
    if kind in INTERACTIVE:
        if any(not isinstance(payload.get(key), dict | None) for key in PAYLOAD_OBJECTS):
            return "An interaction's user, team, channel, view and message must be objects."
        if any(not isinstance(payload.get(key), str | None) for key in PAYLOAD_TEXT):
            return "An interaction's type, ids and response_url must be text."
        actions = payload.get("actions")
        if actions is not None and not _objects(actions):
            return "An interaction's actions must be a list of objects."
        for action in actions or []:
            if any(not isinstance(action.get(key), str | None) for key in ACTION_TEXT):
                return "An action's ids and value must be text."
    return None


def _objects(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
