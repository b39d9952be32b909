"""`help`: the subcommands' usage lines, in the order the table declares them."""

from __future__ import annotations

from bot.commands.reply import Command, Context, Reply


def help_command(listing: list[tuple[str, str]]) -> Command:
    """`help`, answering with ``listing`` ((usage, description) pairs, read when asked)."""

    def _help(db, argument: str, context: Context) -> Reply:
        # `help recs`: that subcommand's line alone; anything else, every line
        wanted = (argument or "").strip().lower().lstrip("/").partition(" ")[0]
        chosen = [entry for entry in listing if entry[0].partition(" ")[0] == wanted]
        return Reply("help", chosen or list(listing), public=False)

    return Command(("help", "?", "h"), _help, usage="help", description="this help")
