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
