"""Posting exactly once where Slack allows it.

Slack has no idempotency keys: a post whose connection drops after Slack took it cannot be told
from one Slack never saw, and re-sending it posts twice. So:

* ``NotSentRetryHandler`` (for every slack_sdk client rocu makes) retries a connection error only
  when the request never left (refused, unreachable, failed while connecting or sending:
  urllib's ``URLError``). A connection that drops while waiting for the answer
  (``RemoteDisconnected``, a reset or a timeout reading the response) is *uncertain* and is not
  re-sent.
* ``Ledger`` keeps a client-side record per answer in the store (``slack_posts``: key, state,
  how it went out, Slack's ``ts``): the key is the Events API ``event_id`` (so Slack's retries of
  an event, with ``X-Slack-Retry-Num``, find it answered even after a restart) or a hash of the
  ``response_url`` plus what the post is for. A key already ``sending``, ``sent`` or
  ``uncertain`` is never posted again; a ``failed`` one may be.
* ``respond_once``: the answer to a slash command or a button goes to its ``response_url``; when
  that fails with an HTTP error (404: expired; 500), the failure is logged and the answer is sent
  once more with ``chat.postEphemeral`` to the person who asked.

Log lines carry keys (hashes and Slack ids), states and status codes, never the message.
"""

from __future__ import annotations

import hashlib
import logging
import time
from urllib.error import HTTPError, URLError

from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RateLimitErrorRetryHandler, RetryHandler
from slack_sdk.webhook import WebhookClient

from bot.library.ledger import Ledger

log = logging.getLogger("rocu.slack.once")


class NotSentRetryHandler(RetryHandler):
    """Retry a request only when it certainly did not reach Slack (urllib's ``URLError`` comes
    from connecting or sending; errors while reading the answer are raised as they are)."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        return isinstance(error, URLError) and not isinstance(error, HTTPError)  # HTTP: answered


class SlackErrorRetryHandler(RetryHandler):
    """Retry an answer Slack gave as ``{"ok": false}`` for its own trouble (``internal_error``,
    ``fatal_error``, ``service_unavailable``, ``request_timeout``, ``ratelimited``): Slack says
    it did not act, so trying again cannot post twice."""

    RETRYABLE = {
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "ratelimited",
    }

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        body = getattr(response, "body", None) or {}
        return (
            response is not None
            and response.status_code == 200
            and isinstance(body, dict)
            and body.get("ok") is False
            and body.get("error") in self.RETRYABLE
        )


# The longest ``Retry-After`` a post waits out (seconds). slack_sdk's handler sleeps whatever
# Slack says: a 120 s Retry-After held a posting thread, and the person's answer, two minutes
# (round 15). A longer one is not waited for: the post fails at once and goes to its fallback
# (a response_url's answer to ``chat.postEphemeral``; a mention's answer privately) or is logged
# once. None: wait whatever Slack says (slack_sdk's own behaviour).
RETRY_AFTER_CAP: float | None = 5.0


# Seconds a ``response_url`` post waits for Slack's answer before it is given up as uncertain
# (perhaps posted: never sent again, so never twice). slack_sdk waits 30 s, holding a posting
# thread that long for a response_url that never answers (round 16). None: slack_sdk's 30 s.
RESPONSE_URL_TIMEOUT: float | None = 10.0


# Seconds a post through ``post_once`` (a mention's or a DM's answer, its private fallback, an
# add's card) waits for Slack's answer before it is given up as uncertain (perhaps posted: never
# sent again). The app's Web API client keeps slack_sdk's 30 s for everything else (an export's
# upload may take longer); a ``chat.postMessage`` that never answered held its posting thread
# that long (round 16). None: the client's own timeout.
POST_TIMEOUT: float | None = 10.0


def _with_post_timeout(method):
    """``method`` (a bound ``WebClient`` method) on a copy of its client whose timeout is at most
    ``POST_TIMEOUT`` (the client is shared by threads: its own timeout is left alone)."""
    import copy

    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    current = getattr(owner, "timeout", None)
    if POST_TIMEOUT is None or owner is None or not name or not isinstance(current, int | float):
        return method
    if current <= POST_TIMEOUT:
        return method
    quicker = copy.copy(owner)
    quicker.timeout = POST_TIMEOUT
    return getattr(quicker, name, method)


def retry_after(response) -> float | None:
    """A 429's ``Retry-After`` in seconds: 1 when Slack gives none, None when it is not a
    number of seconds (an HTTP date, words)."""
    for name, values in (getattr(response, "headers", None) or {}).items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list | tuple) else values
            text = str(value).strip()
            return float(text) if text.isdigit() else None
    return 1.0


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """slack_sdk's rate-limit handler, waiting out a ``Retry-After`` only up to
    ``RETRY_AFTER_CAP`` seconds; a longer one (or one that is not a number) is not retried."""

    def __init__(self, max_retry_count: int = 1, cap: float | None = None) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.cap = cap

    def _limit(self) -> float | None:
        return RETRY_AFTER_CAP if self.cap is None else self.cap

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if not super()._can_retry(state=state, request=request, response=response, error=error):
            return False
        wait, limit = retry_after(response), self._limit()
        if wait is None or (limit is not None and wait > limit):
            log.warning("rate limited with Retry-After %s: not waited for", wait)
            return False
        return True

    def prepare_for_next_attempt(self, *, state, request, response=None, error=None) -> None:
        if response is None:  # as slack_sdk's: nothing to wait for
            raise error  # type: ignore[misc]
        state.next_attempt_requested = True
        wait = retry_after(response) or 1.0
        limit = self._limit()
        time.sleep(min(wait, limit) if limit is not None else wait)
        state.increment_current_attempt()


def retry_handlers(max_retry_count: int = 3) -> list[RetryHandler]:
    """What every rocu Slack client retries (issue 24): rate limits (honouring a Retry-After up to
    ``RETRY_AFTER_CAP``), requests that never left, Slack's server errors (HTTP 500/503) and its
    ``ok: false`` errors that say it did not act, with backoff."""
    from slack_sdk.http_retry import BackoffRetryIntervalCalculator
    from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler

    backoff = BackoffRetryIntervalCalculator(backoff_factor=0.5)
    return [
        NotSentRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
        CappedRateLimitRetryHandler(max_retry_count=max_retry_count),
        ServerErrorRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
        SlackErrorRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
    ]


def webhook_retry_handlers(max_retry_count: int = 1) -> list[RetryHandler]:
    """What a ``response_url`` post retries: rate limits and requests that never left. An HTTP
    error from it (404: expired; 500) goes to ``chat.postEphemeral`` once instead."""
    return [
        NotSentRetryHandler(max_retry_count=max_retry_count),
        CappedRateLimitRetryHandler(max_retry_count=max_retry_count),
    ]


def uncertain(exc: BaseException) -> bool:
    """True when Slack may have acted on the request although we got no answer."""
    return isinstance(exc, OSError) and not isinstance(exc, URLError)  # HTTPError is a URLError


def response_key(response_url: str, purpose: str) -> str:
    digest = hashlib.sha256((response_url or "").encode()).hexdigest()[:20]
    return f"respond:{digest}:{purpose}"


def post_once(
    ledger: Ledger | None,
    key: str | None,
    method,
    retry_num=None,
    claim=True,
    quiet=False,
    **kwargs,
):
    """Call a posting Web API method (``client.chat_postMessage``...) at most once per ``key``
    (``claim=False`` when the caller already holds the claim). Returns Slack's response, or None
    when not posted (already done, uncertain or refused). ``quiet``: a failure is a warning (the
    caller has a fallback and logs the outcome once)."""
    failed = log.warning if quiet else log.error
    via = getattr(method, "__name__", "post").replace("chat_post", "chat.post")
    if claim and ledger is not None and key and not ledger.claim(key, retry_num):
        return None
    try:
        response = _with_post_timeout(method)(**kwargs)
    except SlackApiError as exc:
        error = (exc.response.get("error") if exc.response is not None else None) or "error"
        failed("%s for %s refused by Slack: %s", via, key, error)
        if ledger is not None and key:
            ledger.mark(key, "failed", via)
        return None
    except Exception as exc:
        state = "uncertain" if uncertain(exc) else "failed"
        if state == "uncertain":
            log.warning(
                "%s for %s: connection lost after sending (%s); not re-sent, "
                "so it is never posted twice",
                via,
                key,
                type(exc).__name__,
            )
        else:
            failed("%s for %s failed: %s", via, key, type(exc).__name__)
        if ledger is not None and key:
            ledger.mark(key, state, via)
        return None
    if ledger is not None and key:
        ledger.mark(key, "sent", via, str(response.get("ts") or response.get("message_ts") or ""))
    return response


def post_or_fallback(ledger: Ledger | None, key: str | None, method, fallback, user, **kwargs):
    """``post_once`` (retried by the client's handlers); when Slack still refuses or cannot be
    reached, the same answer once through ``fallback`` (``chat.postEphemeral`` to ``user`` in the
    same channel and thread), and one error line when that fails too. Never re-sent when the
    first post may have reached Slack (``uncertain``)."""
    answer = post_once(ledger, key, method, quiet=True, **kwargs)
    if answer is not None:
        return answer
    if ledger is not None and key and ledger.state(key) == "uncertain":
        return None
    fields = {k: kwargs[k] for k in ("channel", "thread_ts", "text", "blocks") if k in kwargs}
    fallback_key = f"{key}:fallback" if key else None
    answer = post_once(ledger, fallback_key, fallback, user=user, quiet=True, **fields)
    if answer is None:
        log.error("answer %s lost: Slack refused it and its fallback", key)
    else:
        log.warning("answer %s sent through the fallback (chat.postEphemeral)", key)
    return answer


def respond_once(
    ledger: Ledger | None,
    client,
    body: dict,
    message: dict,
    purpose: str = "answer",
    fallback: bool = True,
) -> str:
    """Send ``message`` (a response_url payload) to the request's ``response_url`` once.
    An HTTP error from it is logged and the message goes once via ``chat.postEphemeral`` (unless
    ``fallback`` is False, e.g. for a delete). Returns the outcome: sent, fallback, uncertain,
    failed or skipped."""
    url = body.get("response_url") or ""
    key = response_key(url, purpose) if url else None
    if not url:
        return _ephemeral(ledger, client, body, message, None, "no response_url")
    if ledger is not None and not ledger.claim(key):
        return "skipped"
    try:
        timeout = {} if RESPONSE_URL_TIMEOUT is None else {"timeout": RESPONSE_URL_TIMEOUT}
        webhook = WebhookClient(url, retry_handlers=webhook_retry_handlers(), **timeout)
        response = webhook.send_dict(message)
    except Exception as exc:
        if uncertain(exc):
            log.warning(
                "answer %s: connection lost after sending (%s); not re-sent",
                key,
                type(exc).__name__,
            )
            if ledger is not None:
                ledger.mark(key, "uncertain", "response_url")
            return "uncertain"
        response = None
        reason = type(exc).__name__
    else:
        if response.status_code == 200:
            if ledger is not None:
                ledger.mark(key, "sent", "response_url")
            return "sent"
        reason = f"HTTP {response.status_code}"
    log.warning("answer %s: response_url failed (%s); trying chat.postEphemeral once", key, reason)
    if ledger is not None:
        ledger.mark(key, "failed", "response_url")
    if not fallback:
        return "failed"
    return _ephemeral(ledger, client, body, message, key, reason)


def _ephemeral(ledger, client, body: dict, message: dict, key: str | None, reason: str) -> str:
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    if not channel or not user or client is None:
        log.error("answer %s lost: %s and no channel/user to post to", key, reason)
        return "failed"
    fallback_key = f"{key}:ephemeral" if key else None
    fields = {k: message[k] for k in ("text", "blocks") if message.get(k) is not None}
    result = post_once(
        ledger, fallback_key, client.chat_postEphemeral, channel=channel, user=user, **fields
    )
    return "fallback" if result is not None else "failed"
