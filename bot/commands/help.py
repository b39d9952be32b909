"""`help`: the subcommands' usage lines, in the order the table declares them."""

from __future__ import annotations

from bot.commands.reply import Command, Context, Reply

# `help banana` answered with every line and no word on "banana": the person could not tell
# whether rocu had read it (round 20's walk). With this on, the answer first says there is no
# such command. False: every line alone, as before.
SAYS_UNKNOWN = True


def help_command(listing: list[tuple[str, str]]) -> Command:
    """`help`, answering with ``listing`` ((usage, description) pairs, read when asked)."""

    def _help(db, argument: str, context: Context) -> Reply:
        # `help recs`: that subcommand's line alone; anything else, every line
        wanted = (argument or "").strip().lower().lstrip("/").partition(" ")[0]
        chosen = [entry for entry in listing if entry[0].partition(" ")[0] == wanted]
        reply = Reply("help", chosen or list(listing), public=False)
        if wanted and not chosen and SAYS_UNKNOWN:  # `help banana`: said, then every line
            reply.extra["unknown"] = wanted if len(wanted) <= 40 else wanted[:40] + "…"
        return reply

    return Command(("help", "?", "h"), _help, usage="help", description="this help")


# Round 22: `@rocu` alone (a mention with nothing else) was answered with every usage line, a
# screenful. It now gets a short greeting: the things people do most and how to see the rest
# (``bot.slack.app.BARE_MENTION_GREETS`` switches it).
GREETING = (
    "Hi, I'm rocu: I search the team's policy library. Mention me with what you want, e.g.\n"
    "• `@rocu county lines funding`: the passages that best match your words\n"
    "• `@rocu define ROCU`: what an acronym or term means\n"
    "• `@rocu recs to:NCA`: recommendations, who is asked to do what, by when\n"
    "• `@rocu watch fraud`: new passages on a topic in the daily digest\n"
    "`@rocu help` (or `/rocu help`) lists everything else."
)


def greeting() -> Reply:
    """What a mention with nothing else is answered with: a short greeting, privately."""
    return Reply("usage", GREETING, public=False, command="help")
