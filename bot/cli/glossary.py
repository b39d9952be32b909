"""The glossary's commands, over ``bot.glossary``: `define` (look up, teach, forget),
`glossary` (list, missing terms, rebuild), `acronyms` (the definitions a file makes)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.cli.group import emit_json, get_db
from bot.library import ingest as ingest_mod
from bot.render import data as render_data


class _KeepsDoubleDash(click.Command):
    """Keeps the raw arguments, because click drops ``--`` and `define X = Y -- why` needs it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["raw_args"] = list(args)
        return super().parse_args(ctx, args)


@click.command(cls=_KeepsDoubleDash, context_settings={"ignore_unknown_options": True})
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


@click.command()
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


@click.command()
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
