"""The Slack app's global middleware, run before any listener: each event answered once (Slack
re-sends one it thinks was missed), and requests from outside ``ROCU_ALLOWED_TEAMS`` /
``ROCU_ALLOWED_CHANNELS`` refused politely, so nothing from the library leaves."""

from __future__ import annotations

import logging
import threading

from slack_bolt import BoltResponse

from bot.config import Settings
from bot.render import blocks
from bot.slack.once import webhook_retry_handlers

log = logging.getLogger("rocu.slack")

# ROCU_ALLOWED_CHANNELS keeps the library's excerpts out of channels where others would read them
# (a shared or public channel); a person's direct message with rocu is read by them alone, and
# the add usage and the Home tab send people there, so it stays open. False: the allow-list
# shuts it too (as before round 21's later fixes). ROCU_ALLOWED_TEAMS still applies to it.
OWN_DM_ALLOWED = True
OWN_DM_REMEMBERED = 5000  # people whose DM channel with rocu is kept in memory


def once_per_event_middleware(remember: int = 2000):
    """Global middleware: Slack re-sends an event it thinks was missed (same ``event_id``); answer
    each event once, so a question is never answered twice in its thread."""
    seen: dict[str, None] = {}
    lock = threading.Lock()

    def once_per_event(body, next):  # noqa: A002 - Bolt's name
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id:
            with lock:
                if event_id in seen:
                    log.info("ignored a repeated delivery of event %s", event_id)
                    return BoltResponse(status=200, body="")
                seen[event_id] = None
                if len(seen) > remember:
                    seen.pop(_oldest(seen))
        return next()

    return once_per_event


def _oldest(mapping: dict) -> str:
    return next(iter(mapping))


def allow_list_middleware(settings: Settings):
    """Global middleware: requests from outside ROCU_ALLOWED_TEAMS/CHANNELS get a polite
    refusal and never reach a listener, so nothing from the library leaves."""

    def allow_list(body, context, next, ack, client, logger):  # noqa: A002 - Bolt's name
        from bot.slack.tracker import view_channel  # a modal's submission names no channel

        channel = context.channel_id or view_channel(body)
        if settings.allows(context.team_id, channel):
            return next()
        if (
            OWN_DM_ALLOWED
            and settings.allows(context.team_id, channel, own_dm=True)
            and own_dm(body, channel, context.user_id, client)
        ):
            return next()
        if body.get("type") == "view_submission" and (
            not settings.allowed_teams or context.team_id in settings.allowed_teams
        ):
            return next()  # a modal has no channel; it was opened from an allowed one
        log.info("refused request from team=%s channel=%s", context.team_id, context.channel_id)
        refusal = blocks.refusal_message()
        event = body.get("event") or {}
        if body.get("command"):
            return ack(response_type="ephemeral", **refusal)
        if body.get("type") == "block_actions" and body.get("response_url"):
            ack()
            _post_refusal(lambda: _respond(body["response_url"], refusal))
            return BoltResponse(status=200, body="")
        if event.get("type") in ("app_mention", "message") and event.get("user"):
            if not event.get("subtype") and not event.get("bot_id"):
                _post_refusal(
                    lambda: client.chat_postEphemeral(
                        channel=event["channel"], user=event["user"], **refusal
                    )
                )
        if event.get("type") == "app_home_opened" and event.get("user"):  # the Home tab says so
            home = {"type": "home", "blocks": refusal["blocks"]}
            _post_refusal(lambda: client.views_publish(user_id=event["user"], view=home))
        return BoltResponse(status=200, body="")

    return allow_list


_dm_channels: dict[str, str] = {}  # user id -> their DM channel with rocu
_dm_lock = threading.Lock()


def own_dm(body: dict, channel: str | None, user: str | None, client) -> bool:
    """Whether ``channel`` is ``user``'s direct message with rocu. An event from a direct
    message ("D...") is: rocu receives events only from conversations it is in, and a direct
    message has two members. A command, a click or a shortcut can come from a direct message
    between two people (Slack sends ``/rocu`` typed there too): Slack is asked for the person's
    DM channel with rocu (``conversations.open``, kept) and it must be this one. Any doubt
    (no user, Slack not answering): not."""
    if not channel or not channel.startswith("D"):
        return False
    if body.get("type") == "event_callback":
        return True
    if not user:
        return False
    with _dm_lock:
        known = _dm_channels.get(user)
    if known is None:
        try:
            known = client.conversations_open(users=user)["channel"]["id"]
        except Exception as exc:  # noqa: BLE001 - unknown: refused, as before
            log.info("could not tell whether a channel is a DM with rocu: %s", type(exc).__name__)
            return False
        with _dm_lock:
            if len(_dm_channels) >= OWN_DM_REMEMBERED:
                _dm_channels.pop(_oldest(_dm_channels))
            _dm_channels[user] = known
    return known == channel


def _respond(response_url: str, message: dict) -> None:
    from slack_sdk.webhook import WebhookClient

    WebhookClient(response_url, retry_handlers=webhook_retry_handlers()).send_dict(
        {"response_type": "ephemeral", "replace_original": False, **message}
    )


def _post_refusal(post) -> None:
    """Send a refusal after the ack, without holding Slack's request open."""

    def run() -> None:
        try:
            post()
        except Exception as exc:  # noqa: BLE001 - a refusal that cannot be sent is only logged
            log.warning("could not send a refusal: %s", type(exc).__name__)

    threading.Thread(target=run, daemon=True).start()
