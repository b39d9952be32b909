"""Posting to Slack outside a request: the digest's poster (slack_sdk with retry handlers).

``bot.digest.scheduler`` decides when and makes "exactly once" hold; this module only turns a
``Digest`` into a ``chat.postMessage`` call and Slack's failures into ``PostError`` with a hint.
"""

from __future__ import annotations

from bot.digest.content import Digest
from bot.digest.scheduler import MAX_RETRIES, PostError

HINTS = {
    "not_in_channel": "the bot is not a member of {channel}: invite it there with `/invite @rocu`",
    "channel_not_found": (
        "no channel {channel} that the bot can see: set DIGEST_CHANNEL to the channel's id "
        "(e.g. C0123456789, from the channel's details) and invite the bot with `/invite @rocu`"
    ),
    "is_archived": "channel {channel} is archived: unarchive it or set another DIGEST_CHANNEL",
    "invalid_auth": "Slack rejected SLACK_BOT_TOKEN: check the token in .env",
    "not_authed": "no SLACK_BOT_TOKEN was sent: set it in .env",
    "token_revoked": "SLACK_BOT_TOKEN was revoked: reinstall the app and update .env",
    "account_inactive": "SLACK_BOT_TOKEN belongs to a deleted app or user: update .env",
    "missing_scope": "the app lacks the chat:write scope: add it and reinstall the app",
    "ratelimited": "Slack is rate-limiting the bot; retried with backoff, will try again",
    "msg_too_long": "the message was too long for Slack",
    "invalid_blocks": "Slack rejected the message's blocks",
}


def make_client(token: str, base_url: str | None = None, interval_calculator=None):
    """A slack_sdk WebClient that retries rate limits (honouring Retry-After), requests that never
    reached Slack and Slack server errors, with exponential backoff."""
    from slack_sdk import WebClient
    from slack_sdk.http_retry import BackoffRetryIntervalCalculator, RateLimitErrorRetryHandler
    from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

    from bot.slack.once import NotSentRetryHandler

    backoff = interval_calculator or BackoffRetryIntervalCalculator(backoff_factor=1.0)
    kwargs = {"base_url": base_url} if base_url else {}
    return WebClient(
        token=token,
        retry_handlers=[
            RateLimitErrorRetryHandler(max_retry_count=MAX_RETRIES),
            # only requests that never left: a dropped answer may mean Slack posted it
            NotSentRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=backoff),
            ServerErrorRetryHandler(max_retry_count=MAX_RETRIES, interval_calculator=backoff),
        ],
        **kwargs,
    )


class SlackPoster:
    """Posts a digest with chat.postMessage and returns its ``ts``; every failure becomes a
    ``PostError`` whose hint says how to fix it."""

    def __init__(self, client) -> None:
        self.client = client

    @classmethod
    def from_settings(cls, settings, interval_calculator=None) -> SlackPoster:
        return cls(make_client(settings.bot_token, settings.api_url, interval_calculator))

    def __call__(self, channel: str, digest: Digest) -> str:
        from slack_sdk.errors import SlackApiError, SlackClientError

        from bot.render.digest import digest_message

        message = digest_message(digest)
        try:
            response = self.client.chat_postMessage(
                channel=channel,
                text=message["text"],
                blocks=message["blocks"],
                unfurl_links=False,
                unfurl_media=False,
            )
        except SlackApiError as exc:
            error = (exc.response.get("error") if exc.response is not None else None) or "error"
            raise PostError(error, HINTS.get(error, "").format(channel=channel)) from exc
        except (SlackClientError, OSError) as exc:
            from bot.slack.once import uncertain

            if uncertain(exc):
                raise PostError(
                    f"the connection to Slack dropped after sending ({type(exc).__name__})",
                    f"not sent again, so it is never posted twice; check {channel}",
                    uncertain=True,
                ) from exc
            raise PostError(f"could not reach Slack ({exc})", "will try again") from exc
        return str(response.get("ts") or "")


class AlertPoster:
    """Posts a personal watch's alert (``bot.digest.alerts``) as a direct message from the app
    (``chat.postMessage`` to the person's user id) and returns its ``ts``; failures become
    ``PostError``."""

    def __init__(self, client) -> None:
        self.client = client

    @classmethod
    def from_settings(cls, settings) -> AlertPoster:
        return cls(make_client(settings.bot_token, settings.api_url))

    def __call__(self, user: str, alert) -> str:
        from slack_sdk.errors import SlackApiError, SlackClientError

        from bot.render.alerts import alert_message
        from bot.slack.once import uncertain

        message = alert_message(alert)
        try:
            response = self.client.chat_postMessage(
                channel=user, unfurl_links=False, unfurl_media=False, **message
            )
        except SlackApiError as exc:
            error = (exc.response.get("error") if exc.response is not None else None) or "error"
            raise PostError(error, HINTS.get(error, "").format(channel=user)) from exc
        except (SlackClientError, OSError) as exc:
            raise PostError(type(exc).__name__, uncertain=uncertain(exc)) from exc
        return response.get("ts") or ""
