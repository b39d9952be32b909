"""`rocu recs`, over ``bot.recs``: list and filter recommendations, one in full, set a status,
export a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.group import emit_json, get_db
from bot.render import data as render_data


@click.command()
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
    to:NAME, due:overdue, due:30d, status:open (the team's status), response:accepted (a
    response's stance; also in-part, in-principle, not-accepted, noted, none, any). `rocu recs
    ID` shows one in full.
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
