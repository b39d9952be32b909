"""Running rocu: `serve` (the Slack app, with the digest, alerts and backups beside it), `shell`
(the local console) and `start` (whichever is configured)."""

from __future__ import annotations

import click

from bot.cli.group import get_db, read_settings
from bot.library.store import db_path


@click.command()
@click.option("--http", "mode", flag_value="http", help="HTTP mode even if SLACK_APP_TOKEN is set.")
@click.option("--socket-mode", "mode", flag_value="socket", help="Socket Mode (SLACK_APP_TOKEN).")
@click.option("--port", type=click.IntRange(1, 65535), help="HTTP port (default: $PORT or 3000).")
@click.option("--host", default="0.0.0.0", show_default=True, help="HTTP address to listen on.")
@click.pass_context
def serve(ctx: click.Context, mode: str | None, port: int | None, host: str) -> None:
    """Run the Slack app: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT at
    /slack/events (GET /healthz answers 200 while the store is readable)."""
    import logging
    from dataclasses import replace
    from urllib.error import URLError

    from slack_bolt.error import BoltError

    from bot.config import ConfigError
    from bot.slack.app import serve as run_serve

    settings = read_settings(ctx)
    if port:
        settings = replace(settings, port=port)
    from bot.slack.logs import configure as configure_logs

    configure_logs(logging.INFO)  # one line per record, no payloads (see bot/slack/logs.py)
    get_db(ctx)  # the store opens (or says in one sentence why not) and is seeded first
    _start_digest(settings, mode or "auto")  # the daily digest's scheduler, when configured
    _start_alerts(settings, mode or "auto")  # personal watches: direct messages
    _start_backups(ctx)  # ROCU_BACKUP_DIR: scheduled backups; warnings about a wiped disk
    _start_vectors(ctx)  # the meaning extra: passages a schema step left without a vector
    try:
        run_serve(settings, mode=mode or "auto", host=host)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    except BoltError as exc:  # e.g. Slack refused the token at start-up
        raise click.ClickException(f"Slack refused to start the app: {exc}") from exc
    except URLError as exc:  # auth.test at start-up could not reach Slack
        raise click.ClickException(
            f"cannot reach Slack's Web API to check SLACK_BOT_TOKEN ({exc.reason}); "
            "check the network, or SLACK_API_URL if it is set"
        ) from exc
    except OSError as exc:  # e.g. the port is taken
        raise click.ClickException(f"cannot serve on {host}:{settings.port}: {exc}") from exc
    except KeyboardInterrupt:
        pass


@click.command()
@click.pass_context
def shell(ctx: click.Context) -> None:
    """A local console: type `/rocu ...` lines (or just words to search) and read the answers.
    Reads stdin to its end when it is not a terminal: echo "/rocu county lines" | rocu shell"""
    from bot.console import run as run_console

    ctx.exit(run_console(get_db(ctx)))


@click.command()
@click.pass_context
def start(ctx: click.Context) -> None:
    """Run the bot: the Slack app when Slack credentials are configured, else the console."""
    settings = read_settings(ctx)
    if settings.slack_configured:
        ctx.invoke(serve)
        return
    click.echo(
        "No Slack credentials (SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET): "
        "starting the local console. See .env.example to connect Slack.",
        err=True,
    )
    ctx.invoke(shell)


def _start_backups(ctx: click.Context):
    """Scheduled backups (``ROCU_BACKUP_DIR``) on a thread of ``rocu serve``, and a warning in
    the log for a store on a disk the platform wipes or with no recent backup."""
    import logging

    from bot.library import backup as backups

    store = db_path(ctx.obj.get("db_path"))
    scheduled = backups.Backups.from_env(store)
    if scheduled is not None:
        scheduled.start()
    for sentence in backups.warnings(store):
        logging.getLogger("rocu.backup").warning("%s", sentence)
    return scheduled


def _start_vectors(ctx: click.Context):
    """With the meaning extra, embed on a thread of ``rocu serve`` the passages of a store with
    vectors that lack one (``meaning.fill_in``); answers go on meanwhile, as with ingest's."""
    from bot.search import meaning
    from bot.wiring import open_store

    store = ctx.obj.get("db_path")
    return meaning.fill_in_background(lambda: open_store(store))


def _start_alerts(settings, mode: str):
    """Check personal watches (``/rocu watch me``) every few minutes in a background thread of
    ``rocu serve``; None without Slack settings."""
    from bot.digest.alerts import AlertScheduler
    from bot.digest.scheduler import schedule_from_settings
    from bot.slack.poster import AlertPoster

    if settings.missing_for_serve(mode):
        return None
    try:
        schedule = schedule_from_settings(settings)
    except ValueError:
        schedule = None  # _start_digest reports a malformed schedule
    poster = AlertPoster.from_settings(settings)
    return AlertScheduler(settings.db_path, poster, schedule).start()


def _start_digest(settings, mode: str):
    """Start posting the daily digest in background threads of ``rocu serve`` (needs
    DIGEST_CHANNEL and a bot token); None when it is off."""
    from bot.digest.content import ScheduleError
    from bot.digest.scheduler import start_in_background
    from bot.slack.poster import SlackPoster

    if settings.missing_for_serve(mode):
        return None
    try:
        return start_in_background(settings, SlackPoster.from_settings(settings))
    except ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc
