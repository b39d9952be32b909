"""Posting to Slack outside a request: the digest's poster (slack_sdk with retry handlers).

``bot.digest.scheduler`` decides when and makes "exactly once" hold; this module only turns a
``Digest`` into a ``chat.postMessage`` call and Slack's failures into ``PostError`` with a hint.
"""

from __future__ import annotations

import logging

from bot.digest.content import Digest
from bot.digest.scheduler import MAX_RETRIES, RETRY_MINUTES, PostError

log = logging.getLogger("rocu.digest")

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
    reached Slack and Slack server errors, with exponential backoff; a post is not retried on a
    server error after which Slack may have posted (``bot.slack.once.ServerErrorRetryHandler``):
    the scheduler reads the channel first instead."""
    from slack_sdk import WebClient
    from slack_sdk.http_retry import BackoffRetryIntervalCalculator, RateLimitErrorRetryHandler

    from bot.slack.once import NotSentRetryHandler, ServerErrorRetryHandler

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


def digest_contacts(settings) -> frozenset[str]:
    """Who is told when Slack refuses the digest: DIGEST_CONTACT, else the user ids (not groups)
    in ROCU_EDITORS, else nobody."""
    from bot.slack.editors import editors_setting

    named = frozenset(getattr(settings, "digest_contacts", None) or ())
    if named:
        return named
    return frozenset(e for e in editors_setting() if e[:1] in "UW" and e[1:].isalnum())


DIGEST_EVENT = "rocu_digest"  # the metadata event type a digest's message carries


def digest_mark(channel: str, digest: Digest) -> str:
    """The key a digest carries in its message metadata (hashed): one per channel and day."""
    from bot.slack.once import post_mark

    return post_mark(f"digest:{channel}|{digest.date.isoformat()}")


# What the person who set the digest up is told, in one sentence, when Slack refuses it for a
# reason a person can fix ({day}: "Friday 20 March 2020"; {channel}: the channel's id; {error}:
# Slack's code). Refusals not named here (rate limits, Slack's trouble, a bad token: nothing can
# be sent with it) are told only in the log.
TELL = {
    "not_in_channel": (
        "Today's digest ({day}) could not be posted in <#{channel}> because rocu is not a member "
        "of that channel: type `/invite @rocu` there and it is posted within {minutes} minutes."
    ),
    "channel_not_found": (
        "Today's digest ({day}) could not be posted because rocu cannot see the channel "
        "{channel} set in DIGEST_CHANNEL: set it to the id in the channel's details and type "
        "`/invite @rocu` there."
    ),
    "is_archived": (
        "Today's digest ({day}) could not be posted because <#{channel}> is archived: unarchive "
        "it or set another DIGEST_CHANNEL."
    ),
    "missing_scope": (
        "Today's digest ({day}) could not be posted in <#{channel}> because the app lacks the "
        "chat:write scope: add it in the app's settings and reinstall the app."
    ),
    "restricted_action": (
        "Today's digest ({day}) could not be posted in <#{channel}> because the workspace does "
        "not let rocu post there: ask an admin to allow it, or set another DIGEST_CHANNEL."
    ),
}
for _refused in ("msg_too_long", "msg_blocks_too_long", "invalid_blocks"):
    TELL[_refused] = (
        "Today's digest ({day}) could not be posted in <#{channel}> because Slack refused the "
        "message as too long or malformed (`{error}`): please tell whoever runs rocu."
    )


class SlackPoster:
    """Posts a digest with chat.postMessage and returns its ``ts``; every failure becomes a
    ``PostError`` whose hint says how to fix it. The message carries its channel and day in
    Slack's metadata (``DIGEST_EVENT``), so that ``find`` can tell, after an uncertain answer,
    whether Slack posted it. ``tell`` says a refusal to ``contacts`` (user ids) privately."""

    def __init__(self, client, contacts=()) -> None:
        self.client = client
        self.contacts = tuple(sorted(contacts))

    @classmethod
    def from_settings(cls, settings, interval_calculator=None) -> SlackPoster:
        client = make_client(settings.bot_token, settings.api_url, interval_calculator)
        return cls(client, digest_contacts(settings))

    def tell(
        self, channel: str, digest: Digest, error: PostError, already=frozenset()
    ) -> frozenset[str]:
        """Say in a direct message to each contact not in ``already``, in one sentence, why Slack
        refused the digest (``TELL``). Returns the contacts told, or perhaps told: those Slack may
        have shown it to and whose DM cannot be read to check (never told twice, perhaps lost).
        Those Slack refused, or never shown it after every try, are not in it: the scheduler
        tells them on a later tick, if Slack refuses the digest again. Nothing for other refusals
        or no contacts.

        Reconciled (``RECONCILE_TOLD``) as a watch's alert is: the message goes to the app's DM
        with the contact carrying a hash of channel, day, reason and contact in its metadata
        (``TOLD_EVENT``), and after an uncertain answer (HTTP 5xx, ``internal_error``...) that DM
        is read (``im:history``) before it is sent again (``once.send_checked``)."""

        from bot.render.digest import long_date
        from bot.slack import once

        template = TELL.get(error.reason)
        if not template or not self.contacts:
            return frozenset()
        text = template.format(
            day=long_date(digest.date), channel=channel, error=error.reason, minutes=RETRY_MINUTES
        )
        told = set()
        for user in self.contacts:
            if user in already:
                continue
            if not (once.RECONCILE and RECONCILE_TOLD):
                told.update(self._tell_unchecked(user, text))
                continue
            key = f"told:{channel}|{digest.date.isoformat()}|{error.reason}|{user}"
            conversation = open_dm(self.client, user, "digest refusal")
            outcome = send_to_dm(
                self.client,
                conversation,
                {"text": text},
                key=key,
                label=f"digest refusal for {user}",
                event_type=TOLD_EVENT,
                user=user,
            )
            if outcome.state in ("sent", "found"):
                told.add(user)
            elif outcome.state in ("uncertain", "unreadable"):
                told.add(user)  # Slack may have shown it: never twice
                log.warning(
                    "digest refusal for %s: %s%s; not re-sent, so never sent twice",
                    user,
                    outcome.what,
                    _unread(outcome.error) if outcome.state == "unreadable" else "",
                )
            else:  # refused, failed, absent after every try: nothing shown, told next time
                log.warning(
                    "could not tell %s the digest was refused (%s); tried again if it is "
                    "refused again",
                    user,
                    outcome.error or f"not shown after {outcome.tries} tries",
                )
        return frozenset(told)

    def _tell_unchecked(self, user: str, text: str) -> set[str]:
        """Round 19's refusal DM (``RECONCILE_TOLD`` off): to the user id, told when Slack
        answered well; any failure, an uncertain one too, is told again on a later tick."""
        from slack_sdk.errors import SlackClientError

        try:
            self.client.chat_postMessage(channel=user, text=text)
        except (SlackClientError, OSError) as exc:
            log.warning("could not tell %s the digest was refused: %s", user, type(exc).__name__)
            return set()
        return {user}

    def __call__(self, channel: str, digest: Digest) -> str:
        from slack_sdk.errors import SlackApiError, SlackClientError

        from bot.render.digest import digest_message
        from bot.slack.once import (
            RECONCILE,
            metadata_for,
            slack_error,
            uncertain,
            uncertain_answer,
        )

        message = digest_message(digest)
        extra = {"metadata": metadata_for(digest_mark(channel, digest), DIGEST_EVENT)}
        try:
            response = self.client.chat_postMessage(
                channel=channel,
                text=message["text"],
                blocks=message["blocks"],
                unfurl_links=False,
                unfurl_media=False,
                **(extra if RECONCILE else {}),
            )
        except SlackApiError as exc:
            error = slack_error(exc)
            if uncertain_answer(exc) and RECONCILE:
                status = exc.response.status_code
                raise PostError(
                    error if status == 200 else f"Slack answered HTTP {status}",
                    f"Slack may have posted it; {channel} is read before it is posted again",
                    uncertain=True,
                    recheck=True,
                ) from exc
            raise PostError(error, HINTS.get(error, "").format(channel=channel)) from exc
        except (SlackClientError, OSError) as exc:
            if uncertain(exc):
                if RECONCILE:
                    raise PostError(
                        f"the connection to Slack dropped after sending ({type(exc).__name__})",
                        f"Slack may have posted it; {channel} is read before it is posted again",
                        uncertain=True,
                        recheck=True,
                    ) from exc
                raise PostError(
                    f"the connection to Slack dropped after sending ({type(exc).__name__})",
                    f"not sent again, so it is never posted twice; check {channel}",
                    uncertain=True,
                ) from exc
            raise PostError(f"could not reach Slack ({exc})", "will try again") from exc
        return str(response.get("ts") or "")

    def reachable(self, channel: str) -> bool | None:
        """Whether rocu can see ``channel`` (one ``conversations.history`` read of one message,
        scope channels:history / groups:history): True when Slack reads it, False when it says
        rocu is not in it or it is gone, None when the read cannot tell (no scope, Slack's
        trouble). The scheduler asks before posting a digest stopped by a lasting refusal."""
        from slack_sdk.errors import SlackApiError, SlackClientError

        from bot.slack.once import slack_error

        try:
            self.client.conversations_history(channel=channel, limit=1)
        except SlackApiError as exc:
            return False if slack_error(exc) in ("not_in_channel", "channel_not_found") else None
        except (SlackClientError, OSError):
            return None
        return True

    def find(self, channel: str, digest: Digest) -> str | None:
        """The ``ts`` of this digest's message in ``channel`` when Slack shows it, else None;
        ``PostError`` (``uncertain`` when reading again later may help) when the channel cannot be
        read. Reads from the day before the digest's day (UTC), newest first."""
        import datetime as dt

        from bot.slack.once import CannotCheck, find_posted

        day = dt.datetime.combine(digest.date, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=1)
        try:
            return find_posted(
                self.client,
                channel,
                digest_mark(channel, digest),
                oldest=day.timestamp(),
                event_type=DIGEST_EVENT,
            )
        except CannotCheck as exc:
            hint = READ_HINTS.get(exc.reason, "").format(channel=channel)
            raise PostError(exc.reason, hint, uncertain=not exc.lasting) from exc


READ_HINTS = {
    "missing_scope": (
        "the app cannot read {channel} to see whether an earlier try was posted: add the "
        "channels:history scope (groups:history for a private channel) and reinstall the app"
    ),
    "not_in_channel": "the bot is not a member of {channel}: invite it there with `/invite @rocu`",
    "channel_not_found": HINTS["channel_not_found"],
}


ALERT_EVENT = "rocu_alert"  # the metadata event type a personal watch's alert carries
TOLD_EVENT = "rocu_told"  # ... and a refused digest's DM to whoever set it up


def open_dm(client, user: str, what: str) -> str | None:
    """The app's direct message conversation with ``user`` (``D...``, ``conversations.open``,
    scope ``im:write``), None when Slack will not open it (then ``what``, named in the log, is
    posted to the user id, not reconciled)."""
    from slack_sdk.errors import SlackApiError, SlackClientError

    from bot.slack.once import slack_error

    try:
        response = client.conversations_open(users=user)
    except SlackApiError as exc:
        log.warning("%s for %s: the DM could not be opened (%s)", what, user, slack_error(exc))
        return None
    except (SlackClientError, OSError) as exc:
        log.warning("%s for %s: the DM could not be opened (%s)", what, user, type(exc).__name__)
        return None
    return str((response.get("channel") or {}).get("id") or "") or None


def send_to_dm(
    client,
    conversation: str | None,
    message: dict,
    *,
    key: str,
    label: str,
    event_type: str,
    user: str | None = None,
):
    """Post ``message`` (``chat.postMessage``'s other arguments) in the app's DM
    ``conversation`` carrying a hash of ``key`` in Slack's metadata (``event_type``), read back
    after an uncertain answer before it is sent again (``once.send_checked``); the one call
    behind a refused digest's DM (``TOLD_EVENT``) and a watch's alert (``ALERT_EVENT``). With no
    conversation (Slack would not open one) it goes to ``user``'s id unmarked: an uncertain
    answer is then never sent again. ``label`` names it in log lines (ids and keys only)."""
    from slack_sdk.errors import SlackClientError

    from bot.slack import once

    mark = once.post_mark(key) if conversation else None
    return once.send_checked(
        client.chat_postMessage,
        {
            "channel": conversation or user,
            **message,
            **({"metadata": once.metadata_for(mark, event_type)} if mark else {}),
        },
        label=label,
        mark=mark,
        channel=conversation,
        event_type=event_type,
        catch=(SlackClientError, OSError),
    )


def _unread(error: str) -> str:
    """Why a DM could not be read for a message's mark, for a log line."""
    scope = ": the app needs the im:history scope" if error == "missing_scope" else ""
    return f", and the DM could not be read ({error}{scope})"


# Round 19: a personal alert whose chat.postMessage got an uncertain answer (HTTP 5xx,
# internal_error, an answer lost after sending) is reconciled: its direct message conversation
# is read for its metadata mark and the alert is sent again only when Slack shows none. False:
# never re-sent after an uncertain answer (never twice, but perhaps lost), as before.
RECONCILE_ALERTS = True
# Round 20: the same for the direct message that tells whoever set the digest up that Slack
# refused it (``SlackPoster.tell``). False: round 19's post to the user id, told again on the
# next tick after any failure (twice when Slack had shown it; lost when it never comes again).
RECONCILE_TOLD = True


class AlertPoster:
    """Posts a personal watch's alert (``bot.digest.alerts``) as a direct message from the app
    and returns its ``ts``; failures become ``PostError``.

    Reconciled (``RECONCILE_ALERTS``): the app's direct message conversation with the person is
    opened (``conversations.open``, scope ``im:write``) and the alert posted there carrying a hash
    of its key (``alerts.alert_key``: watch and day) in Slack's message metadata
    (``ALERT_EVENT``). After an uncertain answer that conversation is read
    (``conversations.history``, scope ``im:history``) for the mark, after ``once.RECHECK_PAUSE``:
    found, the alert counts as sent with Slack's ``ts``; absent, it is sent again (at most
    ``once.RECHECKS`` more times, then a plain failure, tried again at the next check); unreadable
    (no ``im:history``, Slack's trouble), ``PostError(uncertain=True)``: never sent twice. When the
    conversation cannot be opened the alert goes to the user id as before, not reconciled."""

    def __init__(self, client) -> None:
        self.client = client

    @classmethod
    def from_settings(cls, settings) -> AlertPoster:
        return cls(make_client(settings.bot_token, settings.api_url))

    def __call__(self, user: str, alert) -> str:
        from bot.render.alerts import alert_message
        from bot.slack.once import RECONCILE

        message = alert_message(alert)
        reconciled = RECONCILE and RECONCILE_ALERTS
        conversation = open_dm(self.client, user, "watch alert") if reconciled else None
        if conversation is None:
            return self._post_unchecked(user, message)
        return self._post_reconciled(conversation, alert, message)

    def _post_unchecked(self, user: str, message: dict) -> str:
        """Round 18's post: to the user id; an uncertain answer is never re-sent."""
        from slack_sdk.errors import SlackApiError, SlackClientError

        from bot.slack.once import RECONCILE, slack_error, uncertain, uncertain_answer

        try:
            response = self.client.chat_postMessage(
                channel=user, unfurl_links=False, unfurl_media=False, **message
            )
        except SlackApiError as exc:
            error = slack_error(exc)
            if uncertain_answer(exc) and RECONCILE:  # Slack may have posted it: never twice
                raise PostError(error, uncertain=True) from exc
            raise PostError(error, HINTS.get(error, "").format(channel=user)) from exc
        except (SlackClientError, OSError) as exc:
            raise PostError(type(exc).__name__, uncertain=uncertain(exc)) from exc
        return response.get("ts") or ""

    def _post_reconciled(self, conversation: str, alert, message: dict) -> str:

        from bot.digest.alerts import alert_key

        key = alert_key(alert)
        outcome = send_to_dm(
            self.client,
            conversation,
            {"unfurl_links": False, "unfurl_media": False, **message},
            key=key,
            label=f"watch alert {key}",
            event_type=ALERT_EVENT,
        )
        if outcome.state in ("sent", "found"):
            return str((outcome.response or {}).get("ts") or "")
        if outcome.state == "refused":
            hint = HINTS.get(outcome.error, "").format(channel=conversation)
            raise PostError(outcome.error, hint) from outcome.exc
        if outcome.state == "failed":
            raise PostError(outcome.error) from outcome.exc
        if outcome.state == "unreadable":
            log.warning(
                "watch alert %s: %s%s; not re-sent, so it is never sent twice",
                key,
                outcome.what,
                _unread(outcome.error),
            )
            raise PostError(outcome.what, "not sent again, so never twice", uncertain=True) from (
                outcome.exc
            )
        raise PostError(
            f"not posted after {outcome.tries} tries, each checked in the DM", "will try again"
        )
