"""`rocu eval`, over ``bot.eval``: figures against the evaluation sets, or the feedback summary."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import click

from bot.cli.group import emit_json, get_db


@click.command("eval")
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
