"""What the round-11 walk through Slack found, each through the real Bolt app and the fake Slack
(signed requests, the real store): the texts here were written for these tests."""

from __future__ import annotations

import logging
import re

import pytest
from slack_rig import buttons, mrkdwn_texts
from slack_server import BOT_USER_ID
from stores import add_file

from bot import commands
from bot.recs import filters
from bot.recs.tracker import list_recommendations
from bot.render import blocks as render_blocks
from bot.render.text import reply_text
from bot.slack import asking

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

GATED = "glimmerwump snorkade lines"  # two words no document holds, one that many do


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


# -- "Show weak matches anyway" in a thread ------------------------------------------------------


def test_show_weak_matches_in_a_thread_shows_them(rig):
    """A direct message's answer held back by the confidence gate: its button runs the weak
    search (it ran the same gated search again, so a second "No good match" came back)."""
    rig.event(
        {
            "type": "message",
            "channel_type": "im",
            "user": "U0ASKER",
            "channel": "D0ASKER",
            "ts": "1700000300.000100",
            "text": GATED,
        }
    )
    answer = rig.slack.wait_for("chat.postMessage")[0].body
    assert "No good match" in texts(answer)
    weak = buttons(answer["blocks"])["Show weak matches anyway"]
    assert render_blocks.read_action_value(weak["value"])[0] == f"search --weak {GATED}"
    name = rig.click(weak)
    shown = rig.slack.wait_for(f"response:{name}")[0].body
    assert shown["response_type"] == "ephemeral"
    assert "Weak matches" in texts(shown) and "No good match" not in texts(shown)


def test_the_slash_commands_weak_button_is_unchanged(rig):
    message = rig.answer(GATED)
    weak = buttons(message["blocks"])["Show weak matches anyway"]
    assert render_blocks.read_action_value(weak["value"])[0] == f"search --weak {GATED}"


# -- recs due:YEAR -------------------------------------------------------------------------------


def test_due_year_is_what_falls_due_that_year(db):
    every = list_recommendations(db, "")
    years = sorted({rec.due.year for rec in every if rec.due})
    assert years, "the seed library has recommendations with deadlines"
    for year in years:
        expected = [rec.id for rec in every if rec.due and rec.due.year == year]
        assert [rec.id for rec in list_recommendations(db, f"due:{year}")] == expected
    month = next(rec.due for rec in every if rec.due)
    in_month = [
        rec.id
        for rec in every
        if rec.due and (rec.due.year, rec.due.month) == (month.year, month.month)
    ]
    found = list_recommendations(db, f"due:{month.year}-{month.month:02d}")
    assert [rec.id for rec in found] == in_month
    assert list_recommendations(db, f"due:{years[0] - 30}") == []


def test_due_year_switched_off_reads_days_as_before(db, monkeypatch):
    monkeypatch.setattr(filters, "DUE_YEAR", False)
    assert filters.parse_filter("due:2025").within_days == 2025
    monkeypatch.setattr(filters, "DUE_YEAR", True)
    wanted = filters.parse_filter("due:2025")
    assert wanted.within_days is None and wanted.due_in[0].isoformat() == "2025-01-01"
    assert wanted.due_in[1].isoformat() == "2025-12-31"
    assert filters.parse_filter("due:2024-02").due_in[1].isoformat() == "2024-02-29"
    assert filters.parse_filter("due:2025-12").due_in[1].isoformat() == "2025-12-31"
    assert filters.parse_filter("due:30").within_days == 30  # a short number is still days


def test_due_year_in_slack_lists_only_that_year(rig, db):
    every = list_recommendations(db, "")
    year = next(rec.due.year for rec in every if rec.due)
    message = rig.answer(f"recs due:{year}")
    ids = set(re.findall(r"`(r[0-9a-f]{6,})`", texts(message)))
    assert ids == {rec.id for rec in every if rec.due and rec.due.year == year}


# -- mentions and broadcasts are not searched ----------------------------------------------------


@pytest.mark.parametrize(
    "wire",
    [
        "<!channel> county lines",
        "<@U0JANE|jane> county lines",
        "county <!here> lines <@U0BOB>",
        "<!subteam^S0TEAM|@policy> county lines",
    ],
)
def test_a_search_drops_slacks_mentions_and_broadcasts(rig, wire):
    plain = rig.answer("county lines")
    message = rig.answer(wire)
    assert message["blocks"][0]["text"]["text"] == "Search: county lines"
    assert texts(message) == texts(plain)


def test_only_searches_drop_them():
    assert asking.command_line("<!channel> county lines") == "county lines"
    # `define` drops them too since round 21, later (asking.DEFINE_WITHOUT_PINGS); other
    # commands keep them, shown escaped
    assert asking.command_line("define <!channel>") == "define"
    assert asking.command_line("doc <!channel>") == "doc @channel"
    # a watch's words are a search too (round 21, asking.WORDS_WITHOUT_PINGS)
    assert asking.command_line("watch <!here> knife crime") == "watch knife crime"
    assert asking.command_line("<!channel>") == ""  # nothing left to search: the help
    assert asking.question_line(f"<@{BOT_USER_ID}> <!here> county lines") == "county lines"
    assert asking.question_line(f"<@{BOT_USER_ID}> what does <!here> mean?") == "define"


def test_switched_off_a_search_keeps_them(monkeypatch):
    monkeypatch.setattr(asking, "SEARCH_WITHOUT_PINGS", False)
    assert asking.command_line("<!channel> county lines") == "@channel county lines"


# -- a document's own asterisks are not mark-up --------------------------------------------------

STARRED = """Quarry Lane tasking notes

Officers marked with a * attended the wombat briefing in person; those without a * sent notes.

*Provisional figures for the wombat briefing are estimates and may change.

The ~ sign and the ` mark appear in the wombat briefing's appendix too.
"""


@pytest.fixture
def starred(db, tmp_path):
    return add_file(db, tmp_path, "quarry-lane-tasking.txt", STARRED)


def test_a_documents_asterisks_are_shown_not_read_as_bold(rig, starred):
    message = rig.answer("wombat briefing")
    quoted = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]
    assert quoted and all("wombat" in text.lower() for text in quoted)
    for text in quoted:
        # every * left is one of a pair put round matched words: "*wombat briefing*"
        assert re.sub(r"\*[^*\s](?:[^*]*[^*\s])?\*", "", text).count("*") == 0, text
        assert "~" not in text and "`" not in text
    joined = " ".join(quoted)
    assert "marked with a \u2217 attended" in joined
    assert "\u2217Provisional" in joined


def test_lookalikes_switched_off(monkeypatch):
    monkeypatch.setattr(render_blocks, "LOOKALIKES", False)
    assert render_blocks.literal("a * b & c") == "a * b &amp; c"
    monkeypatch.setattr(render_blocks, "LOOKALIKES", True)
    assert render_blocks.literal("a * b ~ c ` d & e") == "a \u2217 b \u223c c \u02cb d &amp; e"


# -- a search for a term only the glossary holds -------------------------------------------------


def test_a_search_for_a_term_only_the_glossary_holds_points_to_define(rig, db):
    taught = rig.answer("define QXZ = Quokka Exchange Zone -- written for this test")
    assert "Saved the team entry" in texts(taught)
    message = rig.answer("QXZ")
    assert message["response_type"] == "ephemeral"
    assert "“QXZ” is in the glossary: `/rocu define QXZ`" in texts(message)
    define = buttons(message["blocks"])["Define QXZ"]
    name = rig.click(define)
    shown = rig.slack.wait_for(f"response:{name}")[0].body
    assert shown["response_type"] == "ephemeral" and "Quokka Exchange Zone" in texts(shown)
    plain = commands.dispatch(db, "QXZs")  # a plural finds the entry too; the console says so
    assert "“QXZ” is in the glossary: `rocu define QXZ` explains it." in reply_text(plain)


def test_no_glossary_hint_for_unknown_words_phrases_or_when_switched_off(db, monkeypatch):
    from bot.commands import search as searching

    assert commands.dispatch(db, "zzqxv").extra.get("glossary_term") is None
    commands.dispatch(db, "define QXZ = Quokka Exchange Zone")
    assert commands.dispatch(db, "QXZ").extra.get("glossary_term") == "QXZ"
    assert commands.dispatch(db, "QXZ zzqxv").extra.get("glossary_term") is None
    monkeypatch.setattr(searching, "GLOSSARY_HINT", False)
    assert commands.dispatch(db, "QXZ").extra.get("glossary_term") is None


# -- the log names the page shown ----------------------------------------------------------------


def test_the_log_names_the_page_a_typed_or_thread_more_shows(rig, caplog):
    caplog.set_level(logging.INFO, logger="rocu.slack")
    rig.answer("organised crime")
    rig.answer("more")
    rig.mention("organised crime", ts="400.0")
    rig.slack.wait_for("chat.postMessage")
    rig.mention("more", ts="401.0", thread_ts="400.0")
    rig.slack.wait_for("chat.postMessage", count=2)
    pages = re.findall(r"command=search .*page=(\d+)", caplog.text)
    assert pages == ["0", "1", "0", "1"]


# -- direction overrides and control characters are not shown ------------------------------------

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: turns the rest of the line round


def test_direction_overrides_and_controls_are_never_shown(rig):
    taught = rig.answer(f"define QXZ = Quokka {RLO}Exchange Zone\x07 -- {RLO}written for a test")
    searched = rig.answer(f"{RLO}enoz egnahcxe")
    for message in (taught, searched):
        shown = [message["text"], texts(message)] + [
            b["text"]["text"] for b in message["blocks"] if b["type"] == "header"
        ]
        assert all(RLO not in text and "\x07" not in text for text in shown)
    assert "Quokka Exchange Zone" in texts(taught)
    assert searched["blocks"][0]["text"]["text"] == "Search: enoz egnahcxe"


def test_visible_switched_off(monkeypatch):
    assert render_blocks.escape(f"a{RLO}b\x00c\u2066d\n\te") == "abcd\n\te"
    monkeypatch.setattr(render_blocks, "INVISIBLES_REMOVED", False)
    assert render_blocks.escape(f"a{RLO}b") == f"a{RLO}b"
