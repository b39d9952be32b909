"""Round 20's leftovers, fixed in round 21 (helper loose22), each behind a switch: `rocu docs
--json` leaves out where the store keeps each file (``data.DOCS_FILE_HIDDEN``); a watch's hit that
is only a heading gives way to a passage of the same document that says something
(``watches.HEADINGS_LAST_RESORT``); and, from round 21's walk through Slack, a too-long watch is
told its length with a thousands separator, and a recs list's title at the console and the
command line quotes long words cut (``render.recs.WORDS_QUOTED_CUT``; Slack's header was cut
already). The Slack side of the walk is in tests/slack/test_loose_ends_round21.py. The harbour
note and its words were written for these tests; the store is the seed library."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from bot import commands
from bot.cli import cli
from bot.digest import content as dg
from bot.digest import watches as wt
from bot.digest.watches import add_watch, matching_passages
from bot.library.ingest import ingest
from bot.render import data as render_data
from bot.render import recs as render_recs
from bot.render.digest import digest_text
from bot.render.text import reply_text

# -- `rocu docs --json`: what a script needs, not where the store keeps files ----------------------


def test_docs_json_keeps_what_a_script_needs_and_no_file(runner):
    result = runner.invoke(cli, ["docs", "--json"], obj={})
    assert result.exit_code == 0, result.output
    documents = json.loads(result.output)["documents"]
    assert documents and all({"id", "title", "type", "date"} <= set(d) for d in documents)
    assert not [d for d in documents if "file" in d]
    assert ".txt" not in result.output  # the seeds' stored names (NNN_<hex>.txt)


def test_show_json_still_names_the_file(runner):
    result = runner.invoke(cli, ["show", "pac-soc-2019", "--json"], obj={})
    assert json.loads(result.output)["file"].endswith(".txt")


def test_switched_off_docs_json_has_the_file(runner, monkeypatch):
    monkeypatch.setattr(render_data, "DOCS_FILE_HIDDEN", False)
    result = runner.invoke(cli, ["docs", "--json"], obj={})
    assert all("file" in d for d in json.loads(result.output)["documents"])


# -- a watch's hit: a sentence of substance before a heading ---------------------------------------

# Written for these tests: a note whose section heading holds the watched words alone.
NOTE = """# Harbour Board note on ferry checks

## Ferry hub

The new ferry hub at the north quay will check every vehicle leaving the harbour from next
spring, and the board expects queues to fall once the second lane opens.

## Staffing

Two more officers will join the ferry hub team in March.
"""


@pytest.fixture
def note(db, tmp_path):
    path = tmp_path / "harbour-note.md"
    path.write_text(NOTE)
    report = ingest(db, [path])
    assert not report.failed
    return "harbour-note"


def _texts(results) -> list[str]:
    return [" ".join(r.excerpt.split()) for r in results]


def test_a_heading_gives_way_to_the_documents_sentences(db, note):
    found = _texts(matching_passages(db, "ferry hub", {note}))
    assert sorted(t[:20] for t in found) == ["The new ferry hub at", "Two more officers wi"]
    assert not [t for t in found if t.endswith("Ferry hub")]  # the heading left out


def test_a_document_whose_only_match_is_a_heading_keeps_it(db, note):
    assert _texts(matching_passages(db, "staffing", {note})) == ["Staffing"]


def test_the_digest_quotes_the_sentence_not_the_heading(db, note):
    add_watch(db, "C1", "ferry hub")
    [hit] = dg.watch_hits(db, "C1", {note})
    assert len(hit.results) == 2 and hit.more == 0
    assert not [t for t in _texts(hit.results) if t.endswith("Ferry hub")]
    assert "Ferry hub”" not in commands_text(db, "C1", note)


def commands_text(db, channel: str, doc_id: str) -> str:
    """The digest's text for ``channel`` on the day ``doc_id`` was added, which is new then."""
    added = db.execute("select added_at from documents where id = ?", [doc_id]).fetchone()[0]
    now = dt.datetime.fromisoformat(added) + dt.timedelta(hours=1)
    return digest_text(dg.build_digest(db, now.date(), channel, now=now))


def test_switched_off_the_heading_comes_first(db, note, monkeypatch):
    monkeypatch.setattr(wt, "HEADINGS_LAST_RESORT", False)
    found = _texts(matching_passages(db, "ferry hub", {note}))
    assert found[0].endswith("Ferry hub") and len(found) == 3


# -- wording found on round 21's walk --------------------------------------------------------------


def test_a_too_long_watch_is_told_its_length_with_a_separator(db):
    text = reply_text(commands.dispatch(db, "watch " + "fraud " * 700))
    assert re.search(r"^That is \d,\d{3} characters; a watch can be at most 200\.", text)


def test_a_recs_title_quotes_long_words_cut(db):
    words = "fraud " * 700
    text = reply_text(commands.dispatch(db, f"recs {words}"))
    title = text.splitlines()[0]
    assert title.startswith("Recommendations (1) matching “fraud fraud") and title.endswith("…”")
    assert len(title) < 260
    assert len(text) < 2_000


def test_switched_off_a_recs_title_quotes_every_word(db, monkeypatch):
    monkeypatch.setattr(render_recs, "WORDS_QUOTED_CUT", False)
    text = reply_text(commands.dispatch(db, "recs " + "fraud " * 700))
    assert len(text.splitlines()[0]) > 4_000


def test_switched_off_the_digest_quotes_the_heading(db, note, monkeypatch):
    monkeypatch.setattr(wt, "HEADINGS_LAST_RESORT", False)
    add_watch(db, "C1", "ferry hub")
    assert "Ferry hub”" in commands_text(db, "C1", note)
