"""The ``rocu`` command line: a thin front end over the core, mirroring its Python API.

Every command that reads the library opens the store (``--db`` or ``ROCU_DB``), ingests the seed
library first if the store is empty, calls one core function and hands the result to a renderer.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
import sys
from pathlib import Path

import click

from bot.library import documents as library
from bot.library import ingest as ingest_mod
from bot.library.store import db_path
from bot.render import data as render_data
from bot.render import text as render_text
from bot.search.ranking import search as run_search
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


class _Rocu(click.Group):
    """The `rocu` group: a store that cannot be used, or a refused prune, is one sentence on
    stderr and exit code 1, never a traceback."""

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
    """rocu: search the ROCU policy library, look up acronyms, list recommendations."""
    load_env()
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_file


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Drop documents whose source files are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], prune: bool, as_json: bool) -> None:
    """Load files or folders into the store (default: the seed library).

    Formats: .txt .md .rst .html .htm .pdf .docx. Unchanged files are left alone; changed files are
    replaced; unreadable files are reported and the rest still load. Exit code 1 if any failed.
    """
    db = get_db(ctx, seed=False)
    targets = list(paths) or [ingest_mod.seeds_dir()]
    report = ingest_mod.ingest(db, targets, prune=prune, progress=_progress_bar)
    if as_json:
        emit_json(render_data.ingest_json(report))
    else:
        click.echo(render_text.ingest_text(report))
    if report.failed:
        ctx.exit(1)


@cli.command()
@click.pass_context
def embed(ctx: click.Context) -> None:
    """Give every passage without one a meaning vector (the meaning extra: pip install
    'rocu-bot[meaning]'). Resumable: stop it at any time, run it again to go on."""
    import time

    db = get_db(ctx)
    try:
        from bot.search import meaning
        from bot.search.meaning.model import ModelUnavailable
    except ImportError:
        raise click.ClickException(
            "The meaning extra is not installed: pip install 'rocu-bot[meaning]'."
        ) from None
    started, done = time.monotonic(), [0]

    def progress(count: int, todo: int) -> None:
        done[0] = count
        rate = count / max(time.monotonic() - started, 1e-9)
        click.echo(f"\rEmbedded {count} of {todo} passages ({rate:.1f}/s)", nl=False, err=True)

    try:
        meaning.embed_library(db, progress)
    except ModelUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo(f"\nStopped after {done[0]} passages: `rocu embed` goes on.", err=True)
        ctx.exit(130)
    if done[0]:
        click.echo("", err=True)
    have, total = meaning.vectors.counts(db)
    click.echo(f"{have} of {total} passages have meaning vectors.")


def _progress_bar(files):
    """A progress bar on a terminal when there are many files; plain iteration otherwise."""
    if len(files) < 20 or not sys.stderr.isatty():
        yield from files
        return
    with click.progressbar(
        files, label="Ingesting", file=sys.stderr, item_show_func=lambda p: p.name if p else ""
    ) as bar:
        yield from bar


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """List the documents in the library."""
    documents = library.list_documents(get_db(ctx))
    if as_json:
        emit_json(render_data.documents_json(documents))
    else:
        click.echo(render_text.documents_text(documents))


@cli.command()
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with the passages.")
@click.pass_context
def show(ctx: click.Context, doc: str, as_json: bool) -> None:
    """Print a document's cleaned text (DOC is its id or file name)."""
    db = get_db(ctx)
    document, suggestions = library.find_document(db, doc)
    if document is None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise click.ClickException(f"No document “{doc}”.{hint} See `rocu docs`.")
    text = library.document_text(db, document.id) or ""
    passages = library.document_passages(db, document.id)
    if as_json:
        emit_json(render_data.document_json(document, text, passages))
    else:
        click.echo(render_text.document_text(document, text, passages))


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@click.option("--limit", "-n", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--offset", default=0, type=click.IntRange(0, None), help="Skip this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--batch",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Search each line of this file (- for stdin); with --json, one JSON object per line.",
)
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    limit: int,
    offset: int,
    as_json: bool,
    batch: str | None,
) -> None:
    """Find the passages that best match QUERY, with where each comes from."""
    if batch is not None:
        _search_batch(ctx, batch, query, limit, offset, as_json)
        return
    if not query:
        raise click.UsageError("Give some words to search for, or --batch FILE.")
    response = run_search(get_db(ctx), " ".join(query), limit=limit, offset=offset)
    if as_json:
        emit_json(render_data.search_json(response))
    else:
        from bot.commands import ocr_docs

        ocr = ocr_docs(get_db(ctx), {result.doc_id for result in response.results})
        click.echo(render_text.search_text(response, bold=sys.stdout.isatty(), ocr=ocr))


def _search_batch(ctx, path: str, query, limit: int, offset: int, as_json: bool) -> None:
    """`rocu search --batch FILE --json`: every line of FILE searched in this one process, one
    line of JSON out per line in (a blank line gives an empty result, so lines stay aligned)."""
    if query:
        raise click.UsageError("Give either a query or --batch FILE, not both.")
    if not as_json:
        raise click.UsageError("--batch writes one JSON object per line: add --json.")
    try:
        if path == "-":
            lines = sys.stdin.read().splitlines()
        else:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read the queries in {path}: {exc}") from exc
    db = get_db(ctx)
    for line in lines:
        response = run_search(db, line, limit=limit, offset=offset)
        click.echo(json.dumps(render_data.search_json(response), ensure_ascii=False))


class _KeepsDoubleDash(click.Command):
    """Keeps the raw arguments, because click drops ``--`` and `define X = Y -- why` needs it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["raw_args"] = list(args)
        return super().parse_args(ctx, args)


@cli.command(cls=_KeepsDoubleDash, context_settings={"ignore_unknown_options": True})
@click.argument("term", nargs=-1, required=True)
@click.option("--forget", is_flag=True, help="Remove the team's entry for TERM.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def define(ctx: click.Context, term: tuple[str, ...], forget: bool, as_json: bool) -> None:
    """What an acronym or term means, where it comes from and where the library uses it.

    \b
    rocu define ROCU
    rocu define "National Crime Agency"      (a long form gives its acronym)
    rocu define NPCC = National Police Chiefs' Council -- replaced ACPO in 2015
    rocu define --forget NPCC                (removes the team entry only)
    """
    import getpass

    from bot.glossary.lookup import command

    words = list(ctx.meta.get("raw_args", term))
    for flag in ("--json", "--forget"):
        if flag in words:
            words.remove(flag)
    text = " ".join(words)
    if forget:
        text = "--forget " + text
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        user = "console"
    result = command(get_db(ctx), text, user)
    if as_json:
        emit_json(render_data.define_json(result))
    elif result.error:
        raise click.ClickException(result.error)
    else:
        from bot.render.glossary import define_text

        click.echo(define_text(result, bold=sys.stdout.isatty()))


@cli.command()
@click.option("--missing", is_flag=True, help="Terms people looked up that it did not know.")
@click.option("--since", metavar="YYYY-MM-DD", help="With --missing: only look-ups since then.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--rebuild", is_flag=True, help="Rebuild the library glossary from every document.")
@click.pass_context
def glossary(
    ctx: click.Context, missing: bool, since: str | None, as_json: bool, rebuild: bool
) -> None:
    """List the glossary: every acronym and term, with its source (library, curated, team)."""
    import datetime as dt

    from bot.glossary import lookup as glossary_mod
    from bot.render import glossary as render_glossary

    db = get_db(ctx)
    if rebuild:
        count = glossary_mod.rebuild_library_glossary(db)
        if as_json:
            emit_json({"entries": count})
        else:
            click.echo(f"Rebuilt the library glossary: {count} entries.")
        return
    if missing:
        try:
            start = dt.datetime.fromisoformat(since) if since else None
        except ValueError:
            raise click.BadParameter("use YYYY-MM-DD", param_hint="--since") from None
        rows = glossary_mod.missing_counts(db, start)
        if as_json:
            emit_json({"missing": rows})
        else:
            click.echo(render_glossary.missing_text(rows))
        return
    entries = glossary_mod.all_entries(db)
    if as_json:
        emit_json(render_data.glossary_json(entries))
    else:
        click.echo(render_glossary.glossary_text(entries))
    for problem in glossary_mod.index(db).problems:
        click.echo(f"note: {problem}", err=True)


@cli.command()
@click.argument("words", nargs=-1)
@click.option(
    "--set-status",
    "status_change",
    nargs=2,
    metavar="ID STATUS",
    help="Record the team's view: STATUS is open, accepted, in-progress, implemented, rejected "
    "or superseded. Each change is kept in the recommendation's history.",
)
@click.option(
    "--csv",
    "csv_file",
    is_flag=False,
    flag_value="-",
    default=None,
    metavar="[FILE]",
    help="Export the (filtered) tracker as CSV to FILE (ending .csv), or to standard output.",
)
@click.option(
    "--xlsx",
    "xlsx_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Export the (filtered) tracker as an XLSX spreadsheet to FILE.",
)
@click.option("--note", help="With --set-status: a short note to keep with the status.")
@click.option("--by", "by", help="With --set-status: who decided (default: $USER).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), hidden=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def recs(
    ctx: click.Context,
    words: tuple[str, ...],
    status_change: tuple[str, str] | None,
    csv_file: str | None,
    xlsx_file: Path | None,
    note: str | None,
    by: str | None,
    today,
    as_json: bool,
) -> None:
    """Recommendations the reports and letters make: who, what, by when, and status.

    WORDS filter them: words match text, themes and addressees (forgiving typos); also doc:ID,
    to:NAME, due:overdue, due:30d, status:open. `rocu recs ID` shows one in full.
    `--csv [FILE]` / `--xlsx FILE` export them as a spreadsheet (put the filter words first).
    """
    import os

    from bot.recs import tracker as recs_mod
    from bot.render import recs as render_recs

    db = get_db(ctx)
    line = " ".join(words)
    try:
        if status_change:
            who = by or os.environ.get("USER") or os.environ.get("USERNAME") or None
            found = [recs_mod.set_status(db, *status_change, by=who, note=note)]
            single = True
        else:
            one = recs_mod.get_recommendation(db, line) if len(words) == 1 else None
            single = one is not None
            found = (
                [one]
                if one
                else recs_mod.list_recommendations(db, line, today=today.date() if today else None)
            )
    except recs_mod.RecommendationError as exc:
        raise click.ClickException(str(exc)) from exc
    if csv_file or xlsx_file:
        _export_recs(found, line, csv_file, xlsx_file)
        return
    if as_json:
        emit_json(render_data.recommendations_json(found))
    elif single:
        click.echo(render_recs.rec_text(found[0]))
    else:
        click.echo(render_recs.recs_text(found, line))


def _export_recs(found: list, line: str, csv_file: str | None, xlsx_file: Path | None) -> None:
    """``rocu recs --csv [FILE]`` / ``--xlsx FILE``: the tracker as a spreadsheet."""
    import datetime as dt

    from bot.recs import export

    if csv_file and csv_file != "-" and not csv_file.lower().endswith(".csv"):
        raise click.ClickException(
            f"--csv takes a file name ending .csv (or nothing, for standard output), not "
            f"“{csv_file}”; put filter words before --csv."
        )
    try:
        if csv_file == "-":
            click.echo(export.to_csv(found), nl=False)
        elif csv_file:
            Path(csv_file).write_text(export.to_csv(found), encoding="utf-8", newline="")
            click.echo(f"Wrote {len(found)} recommendations to {csv_file}", err=True)
        if xlsx_file:
            about = {"Filter": line or "(all)", "Exported": dt.datetime.now(dt.UTC).isoformat()}
            xlsx_file.write_bytes(export.to_xlsx(found, about))
            click.echo(f"Wrote {len(found)} recommendations to {xlsx_file}", err=True)
    except OSError as exc:
        raise click.ClickException(f"Could not write the export: {exc.strerror or exc}.") from exc


@cli.command("eval")
@click.option("--search-set", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--question-set", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--acronym-set", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--recs-set", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--feedback", is_flag=True, help="Summarise the 👍 / 👎 people gave answers in Slack instead."
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    search_set: Path | None,
    question_set: Path | None,
    acronym_set: Path | None,
    recs_set: Path | None,
    feedback: bool,
    as_json: bool,
) -> None:
    """Measure search, glossary and recommendations against the evaluation sets (eval/);
    with --feedback, summarise what people said about answers in Slack."""
    from bot import eval as evaluation

    db = get_db(ctx)
    if feedback:
        if as_json:
            emit_json(evaluation.eval_feedback(db, echo=lambda line: None))
        else:
            evaluation.eval_feedback(db, echo=click.echo)
        return
    parts = [
        ("search", evaluation.eval_search, search_set or evaluation.SEARCH_SET),
        ("questions", evaluation.eval_questions, question_set or evaluation.QUESTION_SET),
        ("acronyms", evaluation.eval_acronyms, acronym_set or evaluation.ACRONYM_SET),
        (
            "recommendations",
            evaluation.eval_recommendations,
            recs_set or evaluation.RECOMMENDATION_SET,
        ),
    ]
    figures = {}
    for name, part, path in parts:
        try:
            if as_json:
                with contextlib.redirect_stdout(io.StringIO()):
                    figures[name] = part(db, path)
            else:
                figures[name] = part(db, path)
        except NotImplementedError:
            figures[name] = None
            if not as_json:
                click.echo(f"{name}: not available yet")
        except (ValueError, KeyError, TypeError) as exc:  # a malformed set: say which, go on
            figures[name] = None
            click.echo(f"{name}: cannot use {path}: {exc!r}", err=True)
    if as_json:
        emit_json(figures)


def _settings(ctx: click.Context):
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


@cli.command()
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

    settings = _settings(ctx)
    if port:
        settings = replace(settings, port=port)
    from bot.slack.logs import configure as configure_logs

    configure_logs(logging.INFO)  # one line per record, no payloads (see bot/slack/logs.py)
    get_db(ctx)  # the store opens (or says in one sentence why not) and is seeded first
    _start_digest(settings, mode or "auto")  # the daily digest's scheduler, when configured
    _start_alerts(settings, mode or "auto")  # personal watches: direct messages
    _start_backups(ctx)  # ROCU_BACKUP_DIR: scheduled backups; warnings about a wiped disk
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


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def backup(ctx: click.Context, path: Path | None) -> None:
    """Copy the store to PATH (a file, or a folder to put a dated copy in; default
    $ROCU_BACKUP_DIR, else backups/ beside the store), consistently even while the bot serves."""
    from bot.library import backup as backups

    store = db_path(ctx.obj.get("db_path"))
    try:
        made = backups.backup(store, backups.target_for(store, path))
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up {store} to {made} ({made.stat().st_size:,} bytes, integrity ok).")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_context
def restore(ctx: click.Context, path: Path) -> None:
    """Replace the store with the backup at PATH, after checking it; the old store is kept aside
    (NAME.before-restore-STAMP.db). Stop the bot first, or restart it after."""
    from bot.library import backup as backups

    store = db_path(ctx.obj.get("db_path"))
    try:
        aside = backups.restore(path, store)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    kept = f"; the old store is kept at {aside}" if aside else ""
    click.echo(f"Restored {store} from {path}{kept}.")


@cli.command()
@click.pass_context
def shell(ctx: click.Context) -> None:
    """A local console: type `/rocu ...` lines (or just words to search) and read the answers.
    Reads stdin to its end when it is not a terminal: echo "/rocu county lines" | rocu shell"""
    from bot.console import run as run_console

    ctx.exit(run_console(get_db(ctx)))


@cli.command()
@click.pass_context
def start(ctx: click.Context) -> None:
    """Run the bot: the Slack app when Slack credentials are configured, else the console."""
    settings = _settings(ctx)
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


@cli.command()
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The digest of this day (default today).")
@click.option("--channel", help="Channel id (default: $DIGEST_CHANNEL).")
@click.option("--post", is_flag=True, help="Post today's digest to Slack now (once a day).")
@click.option("--schedule", is_flag=True, help="Keep running and post on the DIGEST_* schedule.")
@click.option("--json", "as_json", is_flag=True, help="Print the digest's content as JSON.")
@click.pass_context
def digest(
    ctx: click.Context,
    day: str | None,
    channel: str | None,
    post: bool,
    schedule: bool,
    as_json: bool,
):
    """Print the daily digest as it would look (for any day), or post it to Slack.

    Posting is exactly once per channel and day: a digest already posted is not posted again.
    """
    import logging

    from bot.digest import scheduler as sched
    from bot.digest.content import ScheduleError, build_digest
    from bot.render.digest import digest_json, digest_text

    settings = _settings(ctx)
    try:
        plan = sched.schedule_from_settings(settings)
    except ScheduleError as exc:
        raise click.ClickException(str(exc)) from exc
    channel = channel or settings.digest_channel or ""
    today = plan.local_date(sched.utc_now())
    date = sched.parse_day(day, today)
    if date is None:
        raise click.BadParameter(f"{day!r} is not a date; write YYYY-MM-DD", param_hint="--date")
    if not (post or schedule):
        content = build_digest(get_db(ctx), date, channel, schedule=plan)
        if as_json:
            emit_json(digest_json(content))
        else:
            click.echo(digest_text(content))
        return
    if not channel:
        raise click.ClickException("no channel: set DIGEST_CHANNEL or pass --channel C0123456789")
    if not settings.bot_token:
        raise click.ClickException("posting needs SLACK_BOT_TOKEN (see .env.example)")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from bot.slack.poster import SlackPoster

    poster = SlackPoster.from_settings(settings)
    if schedule:
        get_db(ctx)  # seed the store before the first tick
        sched.DigestScheduler(settings.db_path, channel, poster, plan).run_forever()
        return
    if date != today:
        raise click.ClickException(
            f"only today's digest ({today}) can be posted; drop --date, or omit --post to preview"
        )
    outcome = sched.post_digest(
        get_db(ctx),
        channel,
        date,
        poster,
        schedule=plan,
        late=sched.utc_now() - plan.scheduled_at(date) > sched.LATE_AFTER,
    )
    if outcome.status == "posted":
        click.echo(f"Posted the digest for {date} to {channel} (ts {outcome.ts}).")
    elif outcome.status == "already_posted":
        click.echo(f"The digest for {date} was already posted to {channel} (ts {outcome.ts}).")
    elif outcome.status == "busy":
        raise click.ClickException("another process is posting this digest right now")
    else:
        raise click.ClickException(f"the digest was not posted: {outcome.reason}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file per line.")
def acronyms(paths: tuple[Path, ...], as_json: bool) -> None:
    """The acronym definitions each file (or each file in a folder) makes; stores nothing.

    Useful to check a document before adding it. A path that cannot be read gets one line on
    stderr and the exit status is 1; the other files are still read."""
    from bot.glossary.acronyms import definitions_in_file
    from bot.library import formats

    report = ingest_mod.IngestReport()
    files = ingest_mod.collect_files(paths, report)
    given = {str(p) for p in paths}
    problems = report.failed + [(p, why) for p, why in report.skipped if p in given]
    for path in files:
        try:
            found = definitions_in_file(path)
        except (formats.UnreadableFile, OSError) as exc:
            problems.append((str(path), str(exc) or type(exc).__name__))
            continue
        pairs = [{"short": d.short, "long": d.long} for d in found]
        if as_json:
            click.echo(json.dumps({"file": str(path), "definitions": pairs}, ensure_ascii=False))
            continue
        click.echo(f"{path}: {len(pairs)} definition{'' if len(pairs) == 1 else 's'}")
        for pair in pairs:
            click.echo(f"  {pair['short']} = {pair['long']}")
    for path, reason in problems:
        click.echo(f"{path}: cannot read: {reason}", err=True)
    if problems:
        sys.exit(1)


def main() -> None:  # pragma: no cover - the console entry point is ``cli``
    cli(obj={})


if __name__ == "__main__":  # pragma: no cover
    main()
