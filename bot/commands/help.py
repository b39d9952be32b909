"""`help`: the subcommands' usage lines, in the order the table declares them."""

from __future__ import annotations

from bot.commands.reply import Command, Context, Reply


def help_command(listing: list[tuple[str, str]]) -> Command:
    """`help`, answering with ``listing`` ((usage, description) pairs, read when asked)."""

    def _help(db, argument: str, context: Context) -> Reply:
        return Reply("help", list(listing), public=False)

    return Command(("help", "?", "h"), _help, usage="help", description="this help")
