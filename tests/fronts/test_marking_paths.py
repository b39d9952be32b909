"""An OFFICIAL-SENSITIVE document is never excerpted in a channel ROCU_SENSITIVE_CHANNELS does not
list: through search, define's examples, recommendations, the digest and App Home. Each answer
either goes to the asker alone with a line saying why, or quotes nothing from the document.

The marked document was written for this test."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.commands import Context, dispatch
from bot.config import Settings
from bot.digest import content as dg
from bot.digest.watches import add_watch
from bot.library.ingest import ingest
from bot.render import blocks as bk
from bot.render.digest import digest_blocks, digest_text
from bot.render.text import reply_text

OPEN = "C0OPEN"  # a channel not listed
SAFE = "C0SAFE"  # listed in ROCU_SENSITIVE_CHANNELS
SETTINGS = Settings(sensitive_channels=frozenset({SAFE}))
# Phrases of the marked document's body: none may reach an unlisted channel.
BODY_PHRASES = (
    "waited a week for triage",
    "weekend rota",
    "read every morning",
    "harbour team handles referrals",
)
MARKED = """OFFICIAL-SENSITIVE

Quillon Ferry Review

The Quillon Ferry Review (QFRV) looked at how the harbour team handles referrals. Two referrals
waited a week for triage because the shared inbox was not read at weekends.

Officers asked for a weekend rota, so that the QFRV inbox is read every morning by a named
sergeant, including public holidays.

We recommend that the Harbour Board should fund the weekend rota by 31 March 2027.

OFFICIAL-SENSITIVE
"""


@pytest.fixture
def marked(db, tmp_path):
    path = tmp_path / "quillon-ferry-review.txt"
    path.write_text(MARKED)
    report = ingest(db, [path])
    assert report.added, report.failed
    doc_id = report.added[0]
    assert db["documents"].get(doc_id)["marking"] == "OFFICIAL-SENSITIVE"
    return doc_id


def rendered(reply) -> str:
    return json.dumps(bk.reply_blocks(reply), ensure_ascii=False) + reply_text(reply)


def holds_body(text: str) -> bool:
    flat = " ".join(text.split())
    return any(phrase in flat for phrase in BODY_PHRASES)


@pytest.mark.parametrize(
    "line",
    [
        "search named sergeant public holidays",
        "define QFRV",
        "recs doc:quillon-ferry-review",
        "recs",
    ],
)
def test_no_public_answer_in_an_unlisted_channel_quotes_it(db, marked, line):
    reply = dispatch(db, line, Context(user="U1", channel=OPEN, settings=SETTINGS))
    text = rendered(reply)
    if reply.public:
        assert not holds_body(text), line
    else:
        assert "Answered privately" in text or not holds_body(text)


def test_search_and_recommendations_go_privately_with_the_reason(db, marked):
    for line in ("search named sergeant public holidays", "recs doc:quillon-ferry-review"):
        reply = dispatch(db, line, Context(user="U1", channel=OPEN, settings=SETTINGS))
        if line.startswith("recs") and not reply.data:
            pytest.skip("no recommendation was read from the test document")
        assert not reply.public, line
        assert "OFFICIAL-SENSITIVE" in reply.extra["private_because"]
        assert holds_body(rendered(reply)) or line.startswith("recs")


def test_a_listed_channel_and_a_direct_message_may_have_it(db, marked):
    for channel in (SAFE, "D0DIRECT"):
        reply = dispatch(
            db, "search named sergeant public holidays", Context(channel=channel, settings=SETTINGS)
        )
        assert reply.public and "private_because" not in reply.extra


def test_define_example_from_it_is_kept_private(db, marked):
    reply = dispatch(db, "define QFRV", Context(user="U1", channel=OPEN, settings=SETTINGS))
    example = getattr(reply.data, "example", None)
    examples = [m.example for m in getattr(reply.data, "matches", []) if m.example] + [example]
    if any(e is not None and e.doc_id == marked for e in examples):
        assert not reply.public and "private_because" in reply.extra


def test_the_digest_in_an_unlisted_channel_quotes_none_of_it(db, marked):
    today = dt.date.today()
    add_watch(db, OPEN, "named sergeant", "U1")
    add_watch(db, SAFE, "named sergeant", "U1")
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    digest = dg.build_digest(db, today, OPEN, now=now, settings=SETTINGS)
    assert any(d.id == marked for d in digest.new_documents)  # listed by its title
    text = json.dumps(digest_blocks(digest), ensure_ascii=False) + digest_text(digest)
    assert not holds_body(text)
    assert digest.passage is None or digest.passage.doc_id != marked
    listed = dg.build_digest(db, today, SAFE, now=now, settings=SETTINGS)
    assert any(r.doc_id == marked for hit in listed.watches for r in hit.results)


def test_app_home_quotes_none_of_it(db, marked):
    home_module = pytest.importorskip("bot.digest.home")
    from bot.render.home import home_view

    home = home_module.build_home(db, "U1", now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1))
    assert any(item.id == marked for item in home.new)  # listed, by its title
    assert not holds_body(json.dumps(home_view(home), ensure_ascii=False))
