"""The ``rocu`` command line: a thin front end over the core, mirroring its Python API.

Every command that reads the library opens the store (``--db`` or ``ROCU_DB``), ingests the seed
library first if the store is empty, calls one core function and hands the result to a renderer.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from bot import ingest as ingest_mod
from bot import library
from bot.render import data as render_data
from bot.render import text as render_text
from bot.search import search as run_search
from bot.store import db_path, open_db


def load_env() -> None:
    """Settings from a ``.env`` file in the working directory, if there is one."""
    try:
        from dotenv import load_dotenv

        load_dotenv(Path.cwd() / ".env", override=False)
    except ImportError:  # pragma: no cover - python-dotenv is a dependency
        pass


def get_db(ctx: click.Context, seed: bool = True):
    """The store for this invocation, seeded on first use."""
    if "db" not in ctx.obj:
        try:
            db = open_db(ctx.obj.get("db_path"))
        except sqlite3.DatabaseError as exc:
            raise click.ClickException(
                f"cannot open the store at {db_path(ctx.obj.get('db_path'))}: {exc}"
            ) from exc
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--offset", default=0, type=click.IntRange(0, None), help="Skip this many results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(
    ctx: click.Context, query: tuple[str, ...], limit: int, offset: int, as_json: bool
) -> None:
    """Find the passages that best match QUERY, with where each comes from."""
    response = run_search(get_db(ctx), " ".join(query), limit=limit, offset=offset)
    if as_json:
        emit_json(render_data.search_json(response))
    else:
        click.echo(render_text.search_text(response, bold=sys.stdout.isatty()))


def main() -> None:  # pragma: no cover - the console entry point is ``cli``
    cli(obj={})


if __name__ == "__main__":  # pragma: no cover
    main()
