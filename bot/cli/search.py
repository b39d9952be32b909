"""`rocu search`, over ``bot.search.ranking.search``: one query, or a file of them (`--batch`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.cli.group import emit_json, get_db
from bot.render import data as render_data
from bot.render import text as render_text
from bot.search.ranking import search as run_search


@click.command(context_settings={"ignore_unknown_options": True})
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
    from bot.commands import without_controls  # as every typed line: no terminal escapes

    words = without_controls(" ".join(query))
    response = run_search(get_db(ctx), words, limit=limit, offset=offset)
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
