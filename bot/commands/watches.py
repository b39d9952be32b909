"""The daily digest and watched topics: `digest` (a preview), `watch`, `watches`, `unwatch`
(``bot.digest.content``, ``bot.digest.watches``; personal watches in ``bot.digest.alerts``).

A channel's watches are shared: adding or removing one is for editors (the router asks, see
``Command.editors_only``); `watch me ...` and `unwatch me ...` are a person's own."""

from __future__ import annotations

from bot.commands.reply import Command, Context, Reply, nothing_to_show


def _digest(db, argument: str, context: Context) -> Reply:
    from bot.digest.content import build_digest, utc_now
    from bot.digest.scheduler import current_schedule, parse_day

    schedule = current_schedule()
    day = parse_day(argument, schedule.local_date(utc_now()))
    if day is None:
        return Reply(
            "usage",
            "Which day? e.g. `/rocu digest` for today or `/rocu digest 2020-03-20`.",
            public=False,
        )
    digest = build_digest(
        db, day, context.channel or "", schedule=schedule, settings=context.settings
    )
    reply = Reply("digest", digest, False)
    stops = _stops_shown(db, context.channel or "")
    if stops:
        reply.extra["stopped"] = stops
    return reply


# Round 22: a digest stopped because Slack refused it for a lasting reason (rocu removed from the
# channel, the channel archived or gone: ``bot.digest.scheduler.STOP_ON_LASTING``) was shown
# nowhere in Slack. `digest` now says so first, with why and how to resume it: in that channel,
# and in a direct message with rocu (where whoever set it up asks) or at the console, every stop.
# False: not said.
DIGEST_SAYS_STOPPED = True


def _stops_shown(db, channel: str) -> list[dict]:
    from bot.digest.scheduler import all_stopped

    if not DIGEST_SAYS_STOPPED:
        return []
    stops = all_stopped(db)
    if not channel or channel.startswith("D"):
        return stops
    return [stop for stop in stops if stop["channel"] == channel]


def _personal(argument: str) -> str | None:
    """The rest of ``me ...`` (a personal watch's words or number), else None."""
    first, _, rest = argument.partition(" ")
    return rest.strip() if first.lower() in ("me", "--me", "mine") else None


def _the_channels(argument: str) -> bool:
    """Whether a `watch` / `unwatch` line changes the channel's watches (not the person's own)."""
    return _personal(argument) is None


def _watch(db, argument: str, context: Context) -> Reply:
    from bot.digest.watches import WatchError, add_watch

    mine = _personal(argument)
    if mine is not None:
        from bot.digest.alerts import add_personal_watch

        if not context.team:  # the console, the command line: no direct message to send
            return Reply(
                "usage",
                "Personal watches send Slack direct messages: ask rocu in Slack, "
                "`/rocu watch me county lines`.",
                public=False,
            )
        if not mine:
            return Reply(
                "usage",
                "What should I watch for you? e.g. `/rocu watch me county lines`.",
                public=False,
            )
        try:
            watch, new = add_personal_watch(db, context.user, mine)
        except WatchError as exc:
            return Reply("usage", str(exc), public=False)
        data = {"action": "added" if new else "exists", "watch": watch, "personal": True}
        return Reply("watch", data, public=False)
    try:
        watch, new = add_watch(db, context.channel or "", argument, context.user)
    except WatchError as exc:
        return Reply("usage", str(exc), public=False)
    return Reply("watch", {"action": "added" if new else "exists", "watch": watch}, public=new)


def _watches(db, argument: str, context: Context) -> Reply:
    from bot.digest.alerts import personal_watches
    from bot.digest.watches import list_watches

    mine = personal_watches(db, context.user)
    extra = {"personal": mine}
    unused = " ".join((argument or "").split())
    if WATCHES_SAYS_UNUSED and unused and unused.lower() not in ("me", "mine", "all"):
        extra["unused"] = unused
    return Reply("watches", list_watches(db, context.channel or ""), False, extra=extra)


# Round 21, later: `watches fraud` listed the watches as `watches` does, the words after it unread
# and unsaid. The list says so and how to watch them (the person most likely meant `watch`).
# False: as before.
WATCHES_SAYS_UNUSED = True


def _unwatch(db, argument: str, context: Context) -> Reply:
    from bot.digest.watches import WatchError, remove_watch

    mine = _personal(argument)
    if mine is not None:
        from bot.digest.alerts import remove_personal_watch

        try:
            watch = remove_personal_watch(db, context.user, mine)
        except WatchError as exc:
            return Reply("usage", str(exc), public=False)
        data = {"action": "removed", "watch": watch, "personal": True}
        return Reply("watch", data, public=False)
    try:
        watch = remove_watch(db, context.channel or "", argument)
    except WatchError as exc:
        return Reply("usage", str(exc), public=False)
    return Reply("watch", {"action": "removed", "watch": watch})


DIGEST = Command(
    ("digest",), _digest, usage="digest [YYYY-MM-DD]", description="preview this channel's digest"
)
WATCH = Command(
    ("watch",),
    _watch,
    usage="watch <words>",
    description="new passages on a topic, in the digest; `watch me <words>`: a direct message "
    "to you when a new document or recommendation matches (at most once a day)",
    shows=nothing_to_show,
    editors_only=_the_channels,
)
WATCHES = Command(
    ("watches",), _watches, usage="watches", description="the topics this channel and you watch"
)
UNWATCH = Command(
    ("unwatch",),
    _unwatch,
    usage="unwatch <n>",
    description="stop watching topic number n (`unwatch me <n>`: one of yours)",
    shows=nothing_to_show,
    editors_only=_the_channels,
)
