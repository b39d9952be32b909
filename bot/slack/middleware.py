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

        if settings.allows(context.team_id, context.channel_id or view_channel(body)):
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
