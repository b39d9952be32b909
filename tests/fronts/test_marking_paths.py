"""An OFFICIAL-SENSITIVE document is never excerpted in a channel ROCU_SENSITIVE_CHANNELS does not
list: through search, define's examples, recommendations, the digest and App Home. Each answer
either goes to the asker alone with a line saying why, or quotes nothing from the document.

The marked document was written for this test."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from stores import add_file

from bot.commands import Context, dispatch
from bot.config import Settings
from bot.digest import content as dg
from bot.digest.schedule import Schedule
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
    doc_id = add_file(db, tmp_path, "quillon-ferry-review.txt", MARKED)
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
    add_watch(db, OPEN, "named sergeant", "U1")
    add_watch(db, SAFE, "named sergeant", "U1")
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    # the digest's day is now's, in the schedule's time zone: also a minute before midnight
    today = Schedule().local_date(now)
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


def test_one_recommendation_asked_by_its_id_goes_privately_with_the_reason(db, marked):
    from bot.recs.tracker import list_recommendations

    recs = list_recommendations(db, f"doc:{marked}")
    assert recs, "no recommendation was read from the test document"
    line = f"recs {recs[0].id}"
    reply = dispatch(db, line, Context(user="U1", channel=OPEN, settings=SETTINGS))
    assert reply.kind == "rec" and holds_body(rendered(reply))  # the asker alone sees it
    assert not reply.public and "OFFICIAL-SENSITIVE" in reply.extra["private_because"]
    listed = dispatch(db, line, Context(user="U1", channel=SAFE, settings=SETTINGS))
    assert listed.public and "private_because" not in listed.extra


def test_the_digest_quotes_neither_its_due_recommendation_nor_a_passage(empty_db, tmp_path):
    """Only the marked document in the library, on a day its recommendation falls due within
    the digest's fortnight: the listed channel gets the recommendation's wording and a passage
    of the day from it (so there is something to hold back), the unlisted channel neither."""
    path = tmp_path / "quillon-ferry-review.txt"
    path.write_text(MARKED)
    doc_id = ingest(empty_db, [path]).added[0]
    day = dt.date(2027, 3, 24)  # a week before the recommendation's deadline
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    listed = dg.build_digest(empty_db, day, SAFE, now=now, settings=SETTINGS)
    assert any(r.doc_id == doc_id and holds_body(r.summary) for r in listed.due_soon)
    assert listed.passage is not None and listed.passage.doc_id == doc_id
    digest = dg.build_digest(empty_db, day, OPEN, now=now, settings=SETTINGS)
    assert any(r.doc_id == doc_id for r in digest.due_soon)  # still listed, not quoted
    assert digest.passage is None
    text = json.dumps(digest_blocks(digest), ensure_ascii=False) + digest_text(digest)
    assert not holds_body(text)
