"""The library's commands, over ``bot.library``: `ingest`, `embed` (meaning vectors), `docs`,
`show`, `backup`, `restore`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli.group import emit_json, get_db
from bot.library import documents as library
from bot.library import ingest as ingest_mod
from bot.library.store import db_path
from bot.render import data as render_data
from bot.render import text as render_text


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Drop documents whose source files are gone.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], prune: bool, as_json: bool) -> None:
    """Load files or folders into the store (default: the seed library).

    Formats: .txt .md .rst .html .htm .pdf .docx. Unchanged files are left alone; changed files are
    replaced; unreadable files are reported and the rest still load.

    Exit code 1 if any file failed, or if a file named here is of a type it cannot read (as cp or
    tar do for an operand they cannot handle), even when others were added; files of other types
    found inside a folder are skipped and leave it 0.
    """
    db = get_db(ctx, seed=False)
    targets = list(paths) or [ingest_mod.seeds_dir()]
    report = ingest_mod.ingest(db, targets, prune=prune, progress=_progress_bar)
    named = {str(path) for path in paths if path.is_file()} if NAMED_REFUSED_FAILS else set()
    refused = [file for file, _ in report.skipped if file in named]
    if as_json:
        emit_json(render_data.ingest_json(report))
    else:
        click.echo(render_text.ingest_text(report, refused=refused))
    if report.failed or refused:
        ctx.exit(1)


# `rocu ingest tool.exe` said "skipped: ... unsupported file type .exe" and exited 0, so a script
# could not tell that nothing was added (round 20's walk). With this on, a file named on the
# command line that is of a type ingest cannot read is refused in a sentence of its own and the
# run exits 1 (as cp, tar or rsync do for an operand they could not handle), even when other
# files were added; a folder's files of other types are still skipped quietly. False: as before.
NAMED_REFUSED_FAILS = True


@click.command()
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


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """List the documents in the library."""
    documents = library.list_documents(get_db(ctx))
    if as_json:
        emit_json(render_data.documents_json(documents))
    else:
        click.echo(render_text.documents_text(documents))


@click.command()
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with the passages.")
@click.pass_context
def show(ctx: click.Context, doc: str, as_json: bool) -> None:
    """Print a document's cleaned text (DOC is its id or file name)."""
    db = get_db(ctx)
    document, suggestions = library.find_document(db, doc)
    if document is None:
        raise click.ClickException(library.unfound(db, doc, suggestions) + " See `rocu docs`.")
    text = library.document_text(db, document.id) or ""
    passages = library.document_passages(db, document.id)
    if as_json:
        emit_json(render_data.document_json(document, text, passages))
    else:
        click.echo(render_text.document_text(document, text, passages))


@click.command()
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


@click.command()
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
