"""The shape of what Slack sends, checked before Bolt sees it (``payload_problem``): only the
fields rocu and Bolt read, for the type Slack gives them, so a signed but malformed payload is a
4xx with one sentence rather than a 500 inside Bolt."""

from __future__ import annotations

COMMAND_FIELDS = ("command", "user_id", "channel_id", "team_id", "response_url")
INTERACTIVE = ("block_actions", "view_submission", "view_closed", "message_action", "shortcut")
ANSWERED_EVENTS = ("app_mention", "message")
EVENT_TEXT = tuple("type subtype user team text channel channel_type ts thread_ts".split())
PAYLOAD_OBJECTS = ("user", "team", "channel", "view", "message", "container", "state")
PAYLOAD_TEXT = ("type", "callback_id", "trigger_id", "response_url", "api_app_id")
VIEW_PAYLOADS = ("view_submission", "view_closed")  # Bolt reads their view's type and callback_id
ACTION_TEXT = ("type", "action_id", "block_id", "value", "action_ts")


def payload_problem(payload: dict) -> str | None:
    """Why a signed payload cannot be from Slack (one sentence), or None. Only the fields rocu and
    Bolt read are checked, for the type Slack gives them: Bolt fails with a 500 on, say, an event
    that is a string or a command whose text is a number."""
    return _kind_problem(payload) or shape_problem(payload)


def _kind_problem(payload: dict) -> str | None:
    """What a slash command, an event or an interaction needs of its own fields."""
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


# Every field, wherever it appears in a payload, that Bolt or rocu reads as an id or a word
# (``SHAPE_TEXT``), as an object (``SHAPE_OBJECTS``), as an object or an id (``SHAPE_ID_OR_OBJECT``:
# Bolt reads ``user``, ``team``, ``channel`` and ``enterprise`` either way and then their ``id``)
# or as a list of objects (``SHAPE_LISTS``). Block Kit inside a message or a view is Slack's own
# (``SHAPE_SKIPPED``): a section's ``text`` is an object there. A field of the wrong type made
# Bolt answer 500 before any listener ran (``authorizations: [[]]``, ``user: true``) or a
# listener fail after the ack (``files: ["x"]``); round 14's shape fuzz found them. Empty turns
# the check off (only the fields above are checked).
SHAPE_TEXT = frozenset(
    "type subtype id user_id team_id channel_id enterprise_id app_installed_team_id event_id "
    "api_app_id callback_id trigger_id response_url action_id block_id value action_ts ts "
    "thread_ts event_ts message_ts hash private_metadata external_id file_id tab channel_type "
    "bot_id name mimetype url_private url_private_download permalink user_team".split()
)
SHAPE_OBJECTS = frozenset(
    "event view message container state values item previous_message file selected_option".split()
)
SHAPE_ID_OR_OBJECT = frozenset(("user", "team", "channel", "enterprise"))
SHAPE_LISTS = frozenset(("authorizations", "files", "actions", "selected_options"))
SHAPE_SKIPPED = frozenset(("blocks", "attachments", "title", "submit", "close", "text", "label"))
SHAPE_TEXT_IN = frozenset(("", "event", "message", "previous_message"))  # where ``text`` is words
SHAPE_DEPTH = 12  # deeper than any Slack payload rocu reads


def shape_problem(payload: dict) -> str | None:
    """Why a payload's fields have types no Slack payload has (one sentence), or None."""
    if not SHAPE_TEXT:
        return None
    where = _misshapen(payload, SHAPE_DEPTH, "")
    kind = payload.get("type")
    if where is None and kind in VIEW_PAYLOADS:
        view = payload.get("view")
        if not isinstance(view, dict) or not view.get("type"):
            where = "view"
    if where is None and kind == "block_actions":
        actions = payload.get("actions")
        if not actions or not all(action.get("action_id") for action in actions):
            where = "actions"
    if where is None and kind == "event_callback":
        event = payload.get("event") or {}
        if event.get("type") in ANSWERED_EVENTS and not event.get("channel"):
            where = "channel"
    if where is None:
        return None
    return f"A field of this payload ({where}) does not have the type Slack gives it."


def _misshapen(node, depth: int, parent: str) -> str | None:
    """The first field under ``node`` (the value of ``parent``) whose type is wrong (its name), or
    None."""
    if depth <= 0:
        return "nesting"
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        if key == "text" and parent in SHAPE_TEXT_IN and not isinstance(value, str | None):
            return "text"  # what a message or an event says (a button's text is an object)
        if key in SHAPE_SKIPPED or value is None:
            continue
        if key in SHAPE_TEXT:
            good = isinstance(value, str)
        elif key in SHAPE_ID_OR_OBJECT:
            good = isinstance(value, str) or isinstance(value, dict)
        elif key in SHAPE_OBJECTS:
            good = isinstance(value, dict)
        elif key in SHAPE_LISTS:
            good = _objects(value)
        else:
            good = True
        if not good:
            return str(key)
        if isinstance(value, dict | list) and key != "values":  # a list or an object: walk it
            found = _misshapen(value, depth - 1, str(key))
            if found:
                return found
        elif key == "values":  # a view's state: block id -> action id -> the element's state
            for block in value.values():
                if not isinstance(block, dict):
                    return "values"
                for element in block.values():
                    if not isinstance(element, dict):
                        return "values"
                    found = _misshapen(element, depth - 1, "values")
                    if found:
                        return found
    return None


def _objects(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
