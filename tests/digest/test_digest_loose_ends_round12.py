"""The digest's loose ends after the round-12 walk: the command line's preview names the command
line's commands, the "older overdue" line says what its list holds, and a past day before the
library held anything says so. The texts are invented for these tests (a made-up desk and
panel), not copied from any document."""

from __future__ import annotations

import datetime as dt

from slack_rig import mrkdwn_texts

from bot.digest.content import Digest, DueRecommendation, build_digest
from bot.render import digest as render_digest

AT = dt.datetime(2040, 3, 12, 8, tzinfo=dt.UTC)


def _day(soon: int = 2, recent: int = 1, older: int = 12) -> Digest:
    digest = Digest(channel="C0TEST", date=AT.date(), since=AT, until=AT, scheduled_at=AT)
    for n in range(soon + recent):
        days = 3 + n if n < soon else -(4 + n)
        item = DueRecommendation(
            id=f"r{n:06x}",
            doc_id=f"osprey-panel-note-{n}",
            doc_title=f"Osprey panel note {n}",
            passage_id=f"osprey-panel-note-{n}#1",
            summary="The Osprey Desk should publish its tasking log each quarter.",
            addressees=["Osprey Desk"],
            due=AT.date() + dt.timedelta(days=days),
            days=days,
        )
        (digest.due_soon if days >= 0 else digest.recently_due).append(item)
    digest.older_overdue, digest.documents, digest.recommendations = older, 9, 20
    return digest


def test_the_command_lines_preview_names_rocu_not_slash_rocu():
    text = render_digest.digest_text(_day(soon=7), cli=True)
    assert "/rocu recs" not in text and "/rocu docs" not in text
    assert "`rocu recs due:14d` lists them" in text
    assert "`rocu recs due:overdue` lists every overdue one" in text
    assert "rocu --help for commands" in text and "in Slack, /rocu watch <words>" in text
    slack = render_digest.digest_text(_day(soon=7))  # the console and Slack: as before
    assert "`/rocu recs due:14d`" in slack and "/rocu help" in slack


def test_the_command_line_forms_switched_off(monkeypatch):
    monkeypatch.setattr(render_digest, "CLI_FORMS", False)
    assert "`/rocu recs due:overdue`" in render_digest.digest_text(_day(), cli=True)


def test_the_older_overdue_line_says_its_list_holds_the_recent_ones_too(monkeypatch):
    digest = _day()
    said = (
        "12 older recommendations overdue by more than 30 days — `/rocu recs due:overdue` lists"
        " every overdue one, those above among them."
    )
    assert said in render_digest.digest_text(digest)
    assert said in " ".join(mrkdwn_texts(render_digest.digest_blocks(digest)))
    alone = render_digest.digest_text(_day(recent=0))
    assert "lists every overdue one." in alone and "those above" not in alone
    monkeypatch.setattr(render_digest, "OLDER_LIST_SAID", False)
    assert "`/rocu recs due:overdue` lists them." in render_digest.digest_text(digest)


def test_a_past_day_before_any_document_says_the_library_held_nothing(db, monkeypatch):
    day = dt.date(1999, 6, 7)
    digest = build_digest(db, day, "C0TEST", now=AT)
    assert digest.past and digest.documents == 0
    said = "The library held no documents on Monday 7 June 1999: nothing was added before then."
    assert said in render_digest.digest_text(digest)
    blocks = render_digest.digest_blocks(digest)
    assert said in " ".join(mrkdwn_texts(blocks[:3]))  # under the title, not after the footer
    today = build_digest(db, AT.date(), "C0TEST", now=AT)
    assert "held no documents" not in render_digest.digest_text(today)
    monkeypatch.setattr(render_digest, "EMPTY_DAY_SAID", False)
    assert "held no documents" not in render_digest.digest_text(digest)


def test_the_cli_preview_of_a_past_empty_day(runner):
    from bot.cli import cli

    result = runner.invoke(cli, ["digest", "--date", "1999-06-07"])
    assert result.exit_code == 0, result.output
    assert "The library held no documents on Monday 7 June 1999" in result.output
    assert "/rocu help" not in result.output and "rocu --help" in result.output
