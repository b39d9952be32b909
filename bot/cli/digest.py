"""`rocu digest`, over ``bot.digest``: preview a day's digest, post today's, or run the schedule."""

from __future__ import annotations

import click

from bot.cli.group import emit_json, get_db, read_settings


@click.command()
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

    settings = read_settings(ctx)
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
            click.echo(digest_text(content, cli=True))
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
