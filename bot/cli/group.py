"""The ``rocu`` group and what its commands share: the store for this invocation (opened once,
seeded on first use), JSON output, settings from the environment, and one sentence instead of a
traceback for a store that cannot be used."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click

from bot.library import ingest as ingest_mod
from bot.library.store import db_path
from bot.render import text as render_text
from bot.wiring import open_store


def load_env() -> None:
    """Settings from a ``.env`` file in the working directory, if there is one."""
    env_file = Path.cwd() / ".env"
    if not env_file.is_file():  # nothing to read: python-dotenv is not even imported
        return
    try:
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)
    except ImportError:  # pragma: no cover - python-dotenv is a dependency
        pass


def get_db(ctx: click.Context, seed: bool = True):
    """The store for this invocation, seeded on first use."""
    if "db" not in ctx.obj:
        db = open_store(ctx.obj.get("db_path"))  # StoreError: one sentence, see _Rocu
        ctx.obj["db"] = db
        ctx.call_on_close(db.close)
    db = ctx.obj["db"]
    if seed:
        report = ingest_mod.ensure_seeded(db)
        if report is not None and report.failed:
            click.echo(render_text.ingest_text(report), err=True)
    return db


def emit_json(payload: dict) -> None:
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def read_settings(ctx: click.Context):
    """Slack/digest settings from the environment and .env; a bad value is one line."""
    from bot.config import ConfigError, from_env

    try:
        settings = from_env()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    if ctx.obj.get("db_path"):
        from dataclasses import replace

        settings = replace(settings, db_path=ctx.obj["db_path"])
    return settings


# Console commands the command line answers too, as the console would (the same words, the same
# text): `rocu doc ID` (a document's card, with its recommendations), `rocu add URL`, `rocu remove
# ID`. The console's help and its answers name them, and without this `rocu doc X` was "No such
# command 'doc'. Did you mean 'docs'?". Empty: such a name is no command, as before.
CONSOLE_COMMANDS = ("doc", "document", "add", "remove")
# what a console answer is when it did nothing: one line on stderr and exit status 1
CONSOLE_FAILURES = ("usage", "not_found", "error", "refused")


def _console_command(name: str) -> click.Command:
    """``rocu NAME WORDS...``: the console line ``NAME WORDS...``, answered once."""

    @click.command(name=name, context_settings={"ignore_unknown_options": True})
    @click.argument("words", nargs=-1)
    @click.pass_context
    def run(ctx: click.Context, words: tuple[str, ...]) -> None:
        import sys

        from bot import commands
        from bot.render.text import reply_text

        line = " ".join([name, *words])
        reply = commands.dispatch(get_db(ctx), line, commands.Context(user="console"))
        reply.extra.setdefault("bold", sys.stdout.isatty())
        text = reply_text(reply).replace("`/rocu ", "`rocu ")  # the command line's own form
        if reply.kind in CONSOLE_FAILURES:
            raise click.ClickException(text)
        click.echo(text)

    run.help = f"As the console's `{name}` (see `rocu shell`, then `help`)."
    return run


# Commands that are long jobs: they wait their turn behind another writer as long as it takes
# (saying so on stderr after ``waits.NOTICE_AFTER`` seconds), where every other command a person
# waits on (``recs --set-status``, ``define X = ...``, ``doc``, ``remove``...) gives up after
# ``waits.TERMINAL_BUDGET`` seconds with one sentence (round 16: it waited in silence). `shell` and
# `start` give each typed line its own budget (``bot.console``).
LONG_JOBS = ("ingest", "embed", "restore", "backup", "serve", "start", "shell", "eval", "add")


def _tell_on_stderr(sentence: str) -> None:
    click.echo(sentence, err=True)


class _Rocu(click.Group):
    """The `rocu` group: a store that cannot be used, or a refused prune, is one sentence on
    stderr and exit code 1, never a traceback. The console's `doc`, `add` and `remove` answer
    here too (``CONSOLE_COMMANDS``). A command that waits for another writer says so
    (``LONG_JOBS``)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name.lower() in CONSOLE_COMMANDS:
            return _console_command(cmd_name.lower())
        return command

    def resolve_command(self, ctx: click.Context, args: list[str]):
        from bot.library import waits

        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and (name or "").lower() not in ("serve", "start", "shell"):
            seconds = None if (name or "").lower() in LONG_JOBS else waits.TERMINAL_BUDGET
            ctx.with_resource(waits.budget(seconds))  # ends with the command
            ctx.with_resource(waits.telling(_tell_on_stderr, seconds))
        return name, command, rest

    def invoke(self, ctx: click.Context):
        from bot.library.ingest import PruneRefused
        from bot.library.store import StoreError, explain

        try:
            return super().invoke(ctx)
        except (StoreError, PruneRefused) as exc:
            raise click.ClickException(str(exc)) from exc
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(str(explain(exc, db_path(ctx.obj.get("db_path"))))) from exc


@click.group(cls=_Rocu, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_file",
    type=click.Path(dir_okay=False),
    envvar="ROCU_DB",
    help="SQLite store to use (default: $ROCU_DB or ./rocu.db).",
)
@click.version_option(package_name="rocu-bot")
@click.pass_context
def cli(ctx: click.Context, db_file: str | None) -> None:
    """rocu: search the ROCU policy library, look up acronyms, list recommendations.

    As in the console: rocu doc ID (a document's card), rocu add URL, rocu remove ID."""
    load_env()
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_file
