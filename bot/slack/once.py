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

* Uncertain answers to posts (round 19). Slack's method docs say of ``internal_error`` and
  ``fatal_error`` that some aspect of the operation may have succeeded, and an HTTP 5xx or an
  answer lost after sending says nothing either way. A call that creates something people see
  (``CREATES``: ``chat.postMessage``, ``chat.postEphemeral``, a file's completion...) is
  therefore never retried by the client on those (``MAY_HAVE_ACTED``); only on answers that say
  Slack did not act (``DID_NOT_ACT``: 429 ``ratelimited``, ``request_timeout``) and on requests
  that never left. Instead ``post_once`` *reconciles* a ``chat.postMessage``: each carries its
  key (hashed) in Slack's message ``metadata``; after an uncertain answer the thread
  (``conversations.replies``) or channel (``conversations.history``, ``include_all_metadata``)
  is read for that key, and only when it is absent is the post sent again. When the channel
  cannot be read (no ``channels:history`` scope, Slack down) the post is left ``uncertain``:
  never sent twice. Ephemeral messages and response_urls have no history to read: an uncertain
  answer there (a response_url's HTTP 5xx among them) is logged and not re-sent, nor sent
  through ``chat.postEphemeral``: the person may have it, and may ask again; a second copy
  cannot be taken back. A response_url's 4xx (404: expired or used up) did not post, so the
  answer goes once through ``chat.postEphemeral`` as before.
  Reads and calls that set a state (``chat.update``, ``views.publish``) are retried as before.

Log lines carry keys (hashes and Slack ids), states and status codes, never the message.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from typing import NamedTuple
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


# Web API methods that create something people see: re-sending one after Slack acted posts twice.
CREATES = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.scheduleMessage",
        "chat.meMessage",
        "files.completeUploadExternal",
        "files.upload",
    }
)

# Answers Slack documents as "did not act": safe to send again, whatever the method.
# ``ratelimited`` (HTTP 429, or ok: false): the request was refused for its rate, with a
# Retry-After to wait. ``request_timeout``: Slack says the POST data was missing or truncated,
# so it never had the whole request to act on.
DID_NOT_ACT = frozenset({"ratelimited", "request_timeout"})

# Answers that leave it open. ``internal_error`` and ``fatal_error``: Slack's method docs say
# some aspect of the operation may have succeeded before the error. ``service_unavailable``:
# documented only as "temporarily unavailable", not as "did not act", so not trusted for a
# post. Every HTTP 5xx likewise (the body says nothing of what happened before it).
MAY_HAVE_ACTED = frozenset({"internal_error", "fatal_error", "service_unavailable"})

# Round 19's switch: False retries posts on every server error as before round 19 (and
# ``post_once`` does not reconcile), which posts twice when Slack had posted.
RECONCILE = True


def api_method(request) -> str:
    """The Web API method a retry handler's request is for ("chat.postMessage"), or ""."""
    url = str(getattr(request, "url", "") or "")
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def creates(request) -> bool:
    return RECONCILE and api_method(request) in CREATES


class SlackErrorRetryHandler(RetryHandler):
    """Retry an answer Slack gave as ``{"ok": false}`` for its own trouble: for any method when
    Slack says it did not act (``DID_NOT_ACT``); for reads and calls that set a state also when
    it may have acted (``MAY_HAVE_ACTED``: doing those twice changes nothing). A post is never
    retried on those: ``post_once`` reads the channel first."""

    RETRYABLE = DID_NOT_ACT | MAY_HAVE_ACTED

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        body = getattr(response, "body", None) or {}
        if not (
            response is not None
            and response.status_code == 200
            and isinstance(body, dict)
            and body.get("ok") is False
        ):
            return False
        error_code = body.get("error")
        return error_code in (DID_NOT_ACT if creates(request) else self.RETRYABLE)


class ServerErrorRetryHandler(RetryHandler):
    """slack_sdk's server-error handler (HTTP 500 and 503), except for a call that creates
    something (``CREATES``): Slack may have acted before failing, so it is not sent again
    blindly."""

    def _can_retry(self, *, state, request, response=None, error=None) -> bool:
        if response is None or response.status_code not in (500, 503):
            return False
        return not creates(request)


def slack_error(exc: BaseException, default: str = "error") -> str:
    """Slack's error code in a ``SlackApiError``'s answer (``"not_in_channel"``), else
    ``default`` (no answer, or a body that is not Slack's JSON, e.g. an HTTP 500's page)."""
    data = getattr(getattr(exc, "response", None), "data", None)
    code = data.get("error") if isinstance(data, dict) else None
    return str(code or default)


def uncertain_answer(exc: BaseException) -> bool:
    """True for a ``SlackApiError`` after which Slack may have acted (HTTP 5xx, or an error in
    ``MAY_HAVE_ACTED``); False for a refusal Slack made without acting (``not_in_channel``...)."""
    response = getattr(exc, "response", None)
    if not isinstance(exc, SlackApiError) or response is None:
        return False
    if int(getattr(response, "status_code", 200) or 200) >= 500:
        return True
    data = getattr(response, "data", None)
    error_code = data.get("error") if isinstance(data, dict) else None
    return error_code in MAY_HAVE_ACTED


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
    ``RETRY_AFTER_CAP``), requests that never left, and Slack's server errors (HTTP 500/503, its
    ``ok: false`` errors of ``SlackErrorRetryHandler``) except, for a post, those after which
    Slack may have posted (round 19), with backoff."""
    from slack_sdk.http_retry import BackoffRetryIntervalCalculator

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


# Reconciling a post after an uncertain answer (round 19): every ``chat.postMessage`` through
# ``post_once`` carries a hash of its key in Slack's message metadata, under this event type.
EVENT_TYPE = "rocu_post"
RECHECKS = 2  # posts sent again after an uncertain answer when the channel shows none
RECHECK_PAUSE = 0.5  # seconds between an uncertain answer and reading the channel
HISTORY_PAGE = 200  # messages per conversations.history / replies page (Slack's limit: 999)
HISTORY_PAGES = 5  # pages read before giving up (the read starts just before the first try)
HISTORY_MARGIN = 300  # seconds before the first try where the read starts (clocks differ)


class CannotCheck(Exception):
    """The channel could not be read for a post's key. ``lasting``: reading again will not help
    (no ``channels:history`` scope, the bot not in the channel...); else Slack's own trouble."""

    def __init__(self, reason: str, lasting: bool) -> None:
        super().__init__(reason)
        self.reason, self.lasting = reason, lasting


def post_mark(key: str) -> str:
    """What a post carries in its metadata: a hash of its key (event ids, response_url hashes
    and channel ids go to Slack as a hash, never as they are)."""
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def metadata_for(mark: str, event_type: str = EVENT_TYPE) -> dict:
    return {"event_type": event_type, "event_payload": {"rocu_key": mark}}


def find_posted(
    client,
    channel: str,
    mark: str,
    *,
    thread_ts: str | None = None,
    oldest: float | None = None,
    event_type: str = EVENT_TYPE,
) -> str | None:
    """The ``ts`` of the message in ``channel`` (in the thread ``thread_ts``, when given) whose
    metadata carries ``mark``, None when Slack shows none; ``CannotCheck`` when it cannot be
    read. Reads ``conversations.replies`` or ``conversations.history`` with
    ``include_all_metadata``, newest ``HISTORY_PAGES`` pages from ``oldest``."""
    from slack_sdk.errors import SlackClientError

    cursor = None
    for _ in range(HISTORY_PAGES):
        args = {"channel": channel, "limit": HISTORY_PAGE, "include_all_metadata": True}
        if oldest is not None:
            args["oldest"] = f"{max(oldest, 0):.6f}"
        if cursor:
            args["cursor"] = cursor
        try:
            if thread_ts:
                page = _with_post_timeout(client.conversations_replies)(ts=thread_ts, **args)
            else:
                page = _with_post_timeout(client.conversations_history)(**args)
        except SlackApiError as exc:
            error = slack_error(exc)
            transient = uncertain_answer(exc) or error in DID_NOT_ACT
            status = getattr(exc.response, "status_code", 200)
            raise CannotCheck(error if status == 200 else f"HTTP {status}", not transient) from exc
        except (SlackClientError, OSError) as exc:
            raise CannotCheck(type(exc).__name__, False) from exc
        for message in page.get("messages") or []:
            metadata = message.get("metadata") or {}
            payload = metadata.get("event_payload") or {}
            if metadata.get("event_type") == event_type and payload.get("rocu_key") == mark:
                return str(message.get("ts") or "")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not page.get("has_more") or not cursor:
            return None
    raise CannotCheck(f"more than {HISTORY_PAGES * HISTORY_PAGE} messages to read", False)


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
    caller has a fallback and logs the outcome once).

    After an uncertain answer (``uncertain``, ``uncertain_answer``) a ``chat.postMessage`` is
    reconciled: the channel is read for its metadata mark; found, it counts as sent; absent, it is
    sent again (at most ``RECHECKS`` times); unreadable, it is left ``uncertain``. Any other post
    (``chat.postEphemeral`` has no history) is left ``uncertain``: never sent twice."""
    failed = log.warning if quiet else log.error
    via = getattr(method, "__name__", "post").replace("chat_post", "chat.post")
    if claim and ledger is not None and key and not ledger.claim(key, retry_num):
        return None
    client = getattr(method, "__self__", None)
    channel = kwargs.get("channel")
    reconcile = RECONCILE and via == "chat.postMessage" and client is not None and bool(channel)
    mark = post_mark(key or uuid.uuid4().hex)
    if reconcile and "metadata" not in kwargs:
        kwargs = {**kwargs, "metadata": metadata_for(mark)}
    outcome = send_checked(
        _with_post_timeout(method),
        kwargs,
        label=f"{via} for {key}",
        mark=mark if reconcile else None,
        channel=channel,
        thread_ts=kwargs.get("thread_ts"),
    )
    state = outcome.state
    if state in ("sent", "found"):
        if ledger is not None and key:
            response = outcome.response or {}
            ts = str(response.get("ts") or response.get("message_ts") or "")
            ledger.mark(key, "sent", via, ts)
        return outcome.response
    if state == "refused":
        failed("%s for %s refused by Slack: %s", via, key, outcome.error)
    elif state == "failed":
        failed("%s for %s failed: %s", via, key, outcome.error)
    elif state == "uncertain":
        log.warning(
            "%s for %s: %s; not re-sent, so it is never posted twice", via, key, outcome.what
        )
    elif state == "unreadable":
        log.warning(
            "%s for %s: %s, and the channel could not be read (%s); not re-sent, "
            "so it is never posted twice",
            via,
            key,
            outcome.what,
            outcome.error,
        )
    else:  # "absent": sent again and again, never shown
        failed(
            "%s for %s: not posted after %d tries, each checked in the channel",
            via,
            key,
            outcome.tries,
        )
    if ledger is not None and key:
        mark_as = "uncertain" if state in ("uncertain", "unreadable") else "failed"
        ledger.mark(key, mark_as, via)
    return None


class Outcome(NamedTuple):
    """What ``send_checked`` made of a post. ``state``: "sent" (Slack's ``response``), "found"
    (an uncertain answer, and the channel shows the post: ``response`` holds its ``ts``),
    "refused" (Slack said no without acting: ``error`` its code), "failed" (never reached
    Slack: ``error`` the exception's name), "uncertain" (Slack may have acted and no ``mark``
    to check it by), "unreadable" (the channel could not be read: ``error`` why, ``exc`` the
    ``CannotCheck``), "absent" (not in the channel after every try). ``what``: the last
    uncertain answer, for the log; ``tries``: posts sent."""

    state: str
    response: dict | None = None
    error: str = ""
    what: str = ""
    tries: int = 1
    exc: BaseException | None = None


def send_checked(
    call,
    kwargs: dict,
    *,
    label: str,
    mark: str | None,
    channel: str | None,
    thread_ts: str | None = None,
    event_type: str = EVENT_TYPE,
    catch: tuple[type[BaseException], ...] = (Exception,),
) -> Outcome:
    """Post with ``call(**kwargs)`` (a ``chat.postMessage`` carrying ``mark`` in its metadata)
    and, after an uncertain answer (``uncertain``, ``uncertain_answer``), read ``channel`` (the
    thread ``thread_ts``) for ``mark`` before posting again, at most ``RECHECKS`` more times.
    Without a ``mark`` an uncertain answer is left "uncertain": never sent twice. ``label`` names
    the post in log lines (keys and ids, never the message). Exceptions outside ``catch`` are
    not caught."""
    started = time.time()
    tries = 1 + (RECHECKS if mark else 0)
    what = ""
    for attempt in range(tries):
        try:
            response = call(**kwargs)
        except SlackApiError as exc:
            error = slack_error(exc)
            if not (RECONCILE and uncertain_answer(exc)):
                return Outcome("refused", error=error, tries=attempt + 1, exc=exc)
            status = getattr(exc.response, "status_code", 200)
            what = f"Slack answered {error}" if status == 200 else f"Slack answered HTTP {status}"
        except catch as exc:
            if not uncertain(exc):
                return Outcome("failed", error=type(exc).__name__, tries=attempt + 1, exc=exc)
            what = f"connection lost after sending ({type(exc).__name__})"
        else:
            return Outcome("sent", response=response, tries=attempt + 1)
        if not mark:
            return Outcome("uncertain", what=what, tries=attempt + 1)
        time.sleep(RECHECK_PAUSE)
        try:
            ts = find_posted(
                getattr(call, "__self__", None),
                channel,
                mark,
                thread_ts=thread_ts,
                oldest=started - HISTORY_MARGIN,
                event_type=event_type,
            )
        except CannotCheck as exc:
            return Outcome("unreadable", error=exc.reason, what=what, tries=attempt + 1, exc=exc)
        if ts:
            log.info("%s: %s, but Slack had posted it (ts %s): not re-sent", label, what, ts)
            return Outcome(
                "found",
                response={"ok": True, "channel": channel, "ts": ts},
                what=what,
                tries=attempt + 1,
            )
        log.warning("%s: %s and not in the channel (try %d of %d)", label, what, attempt + 1, tries)
    return Outcome("absent", what=what, tries=tries)


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
    An HTTP 4xx from it is logged and the message goes once via ``chat.postEphemeral`` (unless
    ``fallback`` is False, e.g. for a delete); an HTTP 5xx or a lost answer is uncertain: logged,
    not re-sent. Returns the outcome: sent, fallback, uncertain,
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
        if RECONCILE and response.status_code >= 500:
            # Slack may have shown it; a response_url has no history to read: not re-sent,
            # nor privately, so never twice; the person is told once to ask again if they did
            # not see it (``ASK_AGAIN_AFTER_5XX``)
            log.warning("answer %s: response_url answered %s; not re-sent", key, reason)
            if ledger is not None:
                ledger.mark(key, "uncertain", "response_url")
            if fallback and ASK_AGAIN_AFTER_5XX:
                _ask_again(ledger, client, body, key, reason)
            return "uncertain"
    log.warning("answer %s: response_url failed (%s); trying chat.postEphemeral once", key, reason)
    if ledger is not None:
        ledger.mark(key, "failed", "response_url")
    if not fallback:
        return "failed"
    return _ephemeral(ledger, client, body, message, key, reason)


# Round 21, later: a response_url that answered an HTTP 5xx left the person with nothing when Slack
# had not shown the answer, and nothing said so. The answer is still never sent again (Slack may
# have shown it); instead one short note, once (its own ledger key), privately: through
# ``chat.postEphemeral`` in the channel, or the person's DM with rocu when Slack refuses that (rocu
# not in the channel). A timeout or a dropped connection says nothing about delivery and gets no
# note (as before). False: nothing, as round 19 left it.
ASK_AGAIN_AFTER_5XX = True
ASK_AGAIN = (
    "Slack answered with an error while rocu was sending its answer to you, so it may not have "
    "reached you: if you do not see it, please ask again."
)


def _ask_again(ledger, client, body: dict, key: str | None, reason: str) -> str:
    """The one note saying an answer may not have arrived; "noted", "failed" or "skipped"."""
    channel = body.get("channel_id") or (body.get("channel") or {}).get("id")
    user = body.get("user_id") or (body.get("user") or {}).get("id")
    if not user or client is None:
        return "failed"
    note_key = f"{key}:ask-again" if key else None
    done = ("sending", "sent", "uncertain")
    if ledger is not None and note_key and ledger.state(note_key) in done:
        return "skipped"
    note = {"text": ASK_AGAIN}
    if channel and post_once(
        ledger, note_key, client.chat_postEphemeral, channel=channel, user=user, quiet=True, **note
    ):
        log.info("answer %s: told the person to ask again (after %s)", key, reason)
        return "noted"
    if ledger is not None and note_key and ledger.state(note_key) == "uncertain":
        return "failed"  # the note itself may have been shown: never twice
    try:
        dm = client.conversations_open(users=user)["channel"]["id"]
    except Exception as exc:  # noqa: BLE001 - a courtesy; the log says it
        what = type(exc).__name__
        log.warning("answer %s: could not tell the person to ask again: %s", key, what)
        return "failed"
    dm_key = f"{note_key}:dm" if note_key else None
    if post_once(ledger, dm_key, client.chat_postMessage, channel=dm, quiet=True, **note):
        log.info("answer %s: told the person to ask again in a DM (after %s)", key, reason)
        return "noted"
    return "failed"


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
