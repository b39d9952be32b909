"""The digest's content for chosen dates, with a frozen clock: new documents, due
recommendations, watches, passage of the day, glossary misses, the footer, and the renderers."""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from dataclasses import dataclass, field

import pytest

from bot.commands import Context, dispatch
from bot.digest import content as dg
from bot.digest.watches import add_watch
from bot.library.documents import document_text
from bot.library.text import fold, words
from bot.render import blocks as bk
from bot.render.digest import digest_blocks, digest_message, digest_text
from bot.search.passages import cannot_answer

FRIDAY = dt.date(2020, 3, 20)
NOW = dt.datetime(2020, 3, 20, 8, 0, tzinfo=dt.UTC)  # 08:00 GMT, the scheduled time


def set_added(db, doc_id: str, added: str, updated: str | None = None) -> None:
    db.execute(
        "update documents set added_at = ?, updated_at = ? where id = ?",
        [added, updated or added, doc_id],
    )


@pytest.fixture
def library(db):
    """The seed library, every document added long ago (so nothing is new unless a test says)."""
    for row in db.query("select id from documents"):
        set_added(db, row["id"], "2019-01-01T00:00:00+00:00")
    return db


@dataclass
class Rec:
    id: int
    doc_id: str
    due: dt.date | None
    status: str = "open"
    addressees: list[str] = field(default_factory=lambda: ["Home Office"])
    summary: str = "Write to the Committee."
    text: str = "The Home Office should write to the Committee."
    passage_id: str | None = None
    doc_title: str = "A report"
    file: str = "x.txt"
    made_by: str = "Committee"
    deadline_text: str = "within six months"
    themes: list[str] = field(default_factory=list)
    doc_date: str = "2019-09-27"


@pytest.fixture
def stub_recommendations(monkeypatch):
    """A stand-in ``bot.recs.tracker`` whose list the test fills."""
    module = types.ModuleType("bot.recs.tracker")
    module.items = []
    module.list_recommendations = lambda db, filter_text="": list(module.items)
    monkeypatch.setitem(sys.modules, "bot.recs.tracker", module)
    return module


# -- new documents ---------------------------------------------------------------------------------


def test_new_documents_since_the_previous_scheduled_digest(library):
    set_added(library, "pac-soc-2019", "2020-03-19T15:30:00+00:00")  # after Thursday's 08:00
    set_added(library, "rocu-questions-2017", "2020-03-19T07:59:00+00:00")  # before it
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert [d.id for d in digest.new_documents] == ["pac-soc-2019"]
    new = digest.new_documents[0]
    text = document_text(library, "pac-soc-2019")
    assert new.description and new.description in " ".join(text.split())
    assert new.description.startswith("The Public Accounts Committee report says")
    assert (new.type, new.date, new.updated) == ("committee-report", "2019-09-27", False)


def test_a_changed_document_is_listed_as_updated(library):
    set_added(
        library, "wm-pcc-rocu-letter", "2018-01-01T00:00:00+00:00", "2020-03-19T12:00:00+00:00"
    )
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert [(d.id, d.updated) for d in digest.new_documents] == [("wm-pcc-rocu-letter", True)]
    assert "(updated)" in digest_text(digest)


def test_window_starts_at_the_last_digest_posted_to_the_channel(library):
    library["digest_log"].insert(
        {
            "channel": "C1",
            "date": "2020-03-19",
            "ts": "1.1",
            "posted_at": "2020-03-19T16:00:00+00:00",
        }
    )
    set_added(library, "pac-soc-2019", "2020-03-19T15:30:00+00:00")  # before that post
    set_added(library, "nca-police-blog-2013", "2020-03-19T16:30:00+00:00")  # after it
    assert [d.id for d in dg.build_digest(library, FRIDAY, "C1", now=NOW).new_documents] == [
        "nca-police-blog-2013"
    ]
    # another channel never had a digest: its window starts at the previous scheduled one
    other = dg.build_digest(library, FRIDAY, "C2", now=NOW)
    assert {d.id for d in other.new_documents} == {"pac-soc-2019", "nca-police-blog-2013"}


def test_monday_covers_the_weekend_and_a_past_day_ignores_later_additions(library):
    set_added(library, "pac-soc-2019", "2020-03-21T10:00:00+00:00")  # Saturday
    monday = dg.build_digest(library, dt.date(2020, 3, 23), "C1", now=NOW + dt.timedelta(days=3))
    assert [d.id for d in monday.new_documents] == ["pac-soc-2019"]
    later = NOW + dt.timedelta(days=30)
    friday = dg.build_digest(library, FRIDAY, "C1", now=later)  # preview of a past day
    assert friday.new_documents == []


def test_first_substantial_sentence_skips_titles_furniture_and_fragments():
    text = (
        "Regional Organised Crime Units\n\nVolume 631: debated on Monday 20 November 2017\n\n"
        "Part of Crime and Courts Bill [Lords] – in a Public Bill Committee at 11:00 am on 12th "
        "February 2013.\n\nShort line here.\n\nRegional organised crime units are a critical part "
        "of the national policing network. More follows."
    )
    got = dg.first_substantial_sentence(text, "Regional Organised Crime Units")
    assert (
        got
        == "Regional organised crime units are a critical part of the national policing network."
    )
    long = "Word " + "word " * 99 + "end."  # a sentence starts with a capital (a cut one not)
    cut = dg.first_substantial_sentence(long, max_chars=60)
    assert cut.endswith(" …") and len(cut) <= 62 and long.startswith(cut[:-2])
    assert dg.first_substantial_sentence("Too short.", "") == ""


# -- recommendations -------------------------------------------------------------------------------


def test_due_recommendations_windows_and_counts(library, stub_recommendations):
    day = FRIDAY
    stub_recommendations.items = [
        Rec(1, "a", day + dt.timedelta(days=7)),
        Rec(2, "a", day),
        Rec(3, "a", day + dt.timedelta(days=14)),
        Rec(4, "a", day + dt.timedelta(days=15)),  # too far ahead
        Rec(5, "a", day - dt.timedelta(days=3)),
        Rec(6, "a", day - dt.timedelta(days=30)),
        Rec(7, "a", day - dt.timedelta(days=31)),  # older: counted only
        Rec(8, "a", day - dt.timedelta(days=2000)),
        Rec(9, "a", day + dt.timedelta(days=2), status="implemented"),  # not open
        Rec(10, "a", None),  # no fixed date
        Rec(11, "a", day + dt.timedelta(days=1), status="rejected"),
        Rec(12, "a", day + dt.timedelta(days=1), status="in-progress"),
    ]
    digest = dg.build_digest(library, day, "C1", now=NOW)
    assert [(r.id, r.days) for r in digest.due_soon] == [(2, 0), (12, 1), (1, 7), (3, 14)]
    assert [(r.id, r.days) for r in digest.recently_due] == [(5, -3), (6, -30)]
    assert digest.older_overdue == 2
    assert digest.recommendations == 12
    text = digest_text(digest)
    assert "due in 7 days (27 Mar 2020) — Home Office" in text
    assert "due today" in text and "3 days overdue" in text
    assert "2 older recommendations overdue" in text and dg.OVERDUE_COMMAND in text


def test_long_overdue_reads_in_months_and_years():
    from bot.render.digest import when_due

    assert when_due(-3) == "3 days overdue" and when_due(-59) == "59 days overdue"
    assert when_due(-60) == "over 2 months overdue" and when_due(-400) == "over 13 months overdue"
    assert when_due(-2536) == "over 6 years overdue"
    assert when_due(2) == "due in 2 days" and when_due(-1) == "fell due yesterday"


def test_recommendations_section_left_out_without_the_feature(library, monkeypatch):
    monkeypatch.setitem(sys.modules, "bot.recs.tracker", None)  # import fails
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.recommendations is None and digest.due_soon == [] and digest.older_overdue == 0
    text = digest_text(digest)
    assert "Recommendations" not in text and "recommendation" not in text.split("\n")[-1]


def test_a_failing_recommendations_feature_does_not_stop_the_digest(library, stub_recommendations):
    def broken(db, filter_text=""):
        raise RuntimeError("boom")

    stub_recommendations.list_recommendations = broken
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.recommendations is None and digest.passage is not None


def test_real_pac_recommendations_due_in_seven_days(library):
    recommendations = pytest.importorskip("bot.recs.tracker")
    if not hasattr(recommendations, "list_recommendations"):
        pytest.skip("recommendations feature not there yet")
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    pac = [r for r in digest.due_soon if r.doc_id == "pac-soc-2019"]
    assert pac, "the PAC report's six-month recommendations fall due on 2020-03-27"
    assert all(r.due == dt.date(2020, 3, 27) and r.days == 7 for r in pac)
    assert any("Home Office" in r.addressees for r in pac)
    # "within three months" fell due on 2019-12-27: older than 30 days, so only counted
    assert digest.older_overdue >= 1
    assert "due in 7 days" in digest_text(digest)


# -- watches ---------------------------------------------------------------------------------------


def test_watch_lists_matching_passages_of_new_documents_only(library):
    add_watch(library, "C1", "county lines")
    add_watch(library, "C2", "ROCU funding")  # another channel's watch
    set_added(library, "pac-soc-2019", "2020-03-19T12:00:00+00:00")
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert len(digest.watches) == 1
    hit = digest.watches[0]
    assert (hit.number, hit.query, hit.more) == (1, "county lines", 0)
    assert [r.passage_id for r in hit.results] and all(
        r.doc_id == "pac-soc-2019" and "county lines" in r.excerpt for r in hit.results
    )


def test_a_watch_whose_search_fails_is_left_out_and_its_words_never_logged(
    library, monkeypatch, caplog
):
    from bot.search import ranking

    def failing(db, query, **kwargs):
        raise RuntimeError(f"could not search {query}")  # a message that quotes the watch

    add_watch(library, "C1", "county lines")
    set_added(library, "pac-soc-2019", "2020-03-19T12:00:00+00:00")
    monkeypatch.setattr(ranking, "search", failing)
    with caplog.at_level("DEBUG"):
        digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.watches == [] or all(not w.results for w in digest.watches)
    assert "RuntimeError" in caplog.text and "county" not in caplog.text


def test_watch_shows_top_three_and_counts_the_rest(library):
    add_watch(library, "C1", "organised crime")
    set_added(library, "pac-soc-2019", "2020-03-19T12:00:00+00:00")
    matching = [
        p
        for p in library["passages"].rows_where("doc_id = 'pac-soc-2019'")
        if {"organised", "crime"} <= set(words(fold(p["text"])))
        and not cannot_answer(p["text"])  # headings alone give way (round 21)
    ]
    hit = dg.build_digest(library, FRIDAY, "C1", now=NOW).watches[0]
    assert len(hit.results) == 3
    assert hit.more == len(matching) - 3 > 0


def test_watch_needs_every_word_not_just_one(library):
    """Search falls back to any word when few passages hold all; an alert must not."""
    add_watch(library, "C1", "ROCU funding")
    set_added(library, "pac-soc-2019", "2020-03-19T12:00:00+00:00")
    hit = dg.build_digest(library, FRIDAY, "C1", now=NOW).watches[0]
    shown = hit.results
    assert shown and hit.more == 0
    for result in shown:
        doc_id, ordinal = result.passage_id.split("#")
        text = (
            library.execute(
                "select text from passages where doc_id = ? and ordinal = ?", [doc_id, int(ordinal)]
            )
            .fetchone()[0]
            .lower()
        )
        assert "fund" in text and ("rocu" in text or "regional organised crime unit" in text)
    only_rocu = [
        row["ordinal"]
        for row in library["passages"].rows_where("doc_id = 'pac-soc-2019'")
        if "rocu" in row["text"].lower() and "fund" not in row["text"].lower()
    ]
    assert only_rocu  # such passages exist, and were left out
    assert not {f"pac-soc-2019#{n}" for n in only_rocu} & {r.passage_id for r in shown}


def test_no_watch_section_when_nothing_new_matches(library):
    add_watch(library, "C1", "county lines")
    set_added(library, "crime-courts-bill-2013", "2020-03-19T12:00:00+00:00")  # no county lines
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.watches == [] and "Watched topics" not in digest_text(digest)


def test_watch_commands_per_channel(library):
    c1, c2 = Context(channel="C1", user="U1"), Context(channel="C2")
    added = dispatch(library, "watch county lines", c1)
    assert added.kind == "watch" and added.public and added.data["watch"].number == 1
    again = dispatch(library, "watch  County   LINES", c1)
    assert again.data["action"] == "exists" and not again.public
    dispatch(library, "watch cyber crime", c1)
    assert [w.query for w in dispatch(library, "watches", c1).data] == [
        "county lines",
        "cyber crime",
    ]
    assert dispatch(library, "watches", c2).data == []
    assert dispatch(library, "unwatch 3", c1).kind == "usage"
    assert dispatch(library, "unwatch 1", c2).kind == "usage"
    removed = dispatch(library, "unwatch 1", c1)
    assert removed.data["watch"].query == "county lines"
    assert [(w.number, w.query) for w in dispatch(library, "watches", c1).data] == [
        (1, "cyber crime")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "watch",
        "watch !!!",
        "watch " + "x" * 300,
        "unwatch",
        "unwatch -1",
        "unwatch 1; drop table",
        "unwatch 99999999999999999999",
        'watch <!channel> NEAR("a" b) OR 1=1; --',
    ],
)
def test_odd_watch_input_gets_a_sentence(library, line):
    reply = dispatch(library, line, Context(channel="C9"))
    from bot.render.text import reply_text

    assert reply_text(reply).strip()
    bk.reply_blocks(reply)


def test_hostile_watch_query_is_escaped_in_blocks(library):
    add_watch(library, "C1", "organised <crime> & co")
    set_added(library, "pac-soc-2019", "2020-03-19T12:00:00+00:00")
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.watches
    payload = json.dumps(digest_blocks(digest))
    assert "<crime>" not in payload and "organised &lt;crime&gt; &amp; co" in payload


# -- passage of the day ----------------------------------------------------------------------------


def test_a_past_days_digest_counts_and_quotes_only_what_the_library_held_then(library, monkeypatch):
    # one document added after the day previewed: not counted, quoted or its items listed
    set_added(library, "pac-soc-2019", "2020-04-01T10:00:00+00:00")
    later = NOW + dt.timedelta(days=30)
    past = dg.build_digest(library, FRIDAY, "C1", now=later)
    today = dg.build_digest(library, dt.date(2020, 4, 19), "C1", now=later)
    assert past.past and not today.past
    assert past.documents == today.documents - 1
    assert past.recommendations < today.recommendations
    held = dg.held_by(library, past.until)
    assert "pac-soc-2019" not in held and len(held) == past.documents
    for day in range(40):  # whatever day of the rotation, never the later document
        other = dg.passage_of_the_day(library, "C1", FRIDAY + dt.timedelta(days=day), within=held)
        assert other is None or other.doc_id != "pac-soc-2019"
    assert "in the library that day" in digest_text(past)
    assert "in the library that day" not in digest_text(today)
    monkeypatch.setattr(dg, "PAST_DAY_LIBRARY", False)
    assert dg.build_digest(library, FRIDAY, "C1", now=later).documents == today.documents


def test_passage_of_the_day_rotates_through_the_library(library):
    count = len(dg.passage_candidates(library))
    assert count > 30
    shown, day = [], dt.date(2020, 1, 1)
    for n in range(count + 5):
        passage = dg.passage_of_the_day(library, "C1", day)
        doc_id, ordinal = passage.passage_id.split("#")
        stored = library.execute(
            "select text from passages where doc_id = ? and ordinal = ?", [doc_id, int(ordinal)]
        ).fetchone()[0]
        assert passage.text and passage.text in stored  # quoted exactly: its highlight
        library["digest_log"].insert(
            {
                "channel": "C1",
                "date": day.isoformat(),
                "ts": str(n),
                "posted_at": "x",
                "passage": passage.passage_id,
            }
        )
        shown.append(passage.passage_id)
        day += dt.timedelta(days=1)
    for i in range(len(shown)):
        assert shown[i] not in shown[max(0, i - 30) : i]
    assert len(set(shown[:count])) == count  # every quotable passage once...
    assert shown[count : count + 5] == shown[:5]  # ...then the ones shown longest ago
    assert len({p.split("#")[0] for p in shown[:10]}) > 1  # shuffled, not document by document


def test_passage_of_the_day_is_stable_for_a_day_and_per_channel(library):
    first = dg.passage_of_the_day(library, "C1", FRIDAY)
    assert dg.passage_of_the_day(library, "C1", FRIDAY) == first
    library["digest_log"].insert(
        {
            "channel": "C1",
            "date": "2020-03-19",
            "ts": "1",
            "posted_at": "x",
            "passage": first.passage_id,
        }
    )
    assert dg.passage_of_the_day(library, "C1", FRIDAY).passage_id != first.passage_id
    assert dg.passage_of_the_day(library, "C2", FRIDAY) == first


def test_no_passage_of_the_day_in_an_empty_library(empty_db):
    digest = dg.build_digest(empty_db, FRIDAY, "C1", now=NOW)
    assert digest.passage is None and digest.documents == 0
    text = digest_text(digest)
    assert "From the library" not in text and "0 documents" in text


# -- glossary misses -------------------------------------------------------------------------------


def test_glossary_misses_of_the_last_working_day(library, monkeypatch):
    seen = {}

    def missing_terms(db, since, until=None):
        seen["window"] = (since, until)
        return ["NDEC", "SPR", "Bob from finance is useless lol"]

    from bot.glossary.misses import is_acronym_like

    monkeypatch.setitem(
        sys.modules,
        "bot.glossary.lookup",
        types.SimpleNamespace(public_missing_terms=missing_terms, is_acronym_like=is_acronym_like),
    )
    monday = dt.date(2020, 3, 30)  # the clocks went forward on Sunday 29 March
    digest = dg.build_digest(library, monday, "C1", now=NOW + dt.timedelta(days=10))
    assert digest.glossary_misses == ["NDEC", "SPR"]
    since, until = seen["window"]
    assert since == dt.datetime(2020, 3, 27, 0, 0, tzinfo=dt.UTC)  # Friday 00:00 GMT
    assert until == dt.datetime(2020, 3, 29, 23, 0, tzinfo=dt.UTC)  # Monday 00:00 BST
    assert "NDEC, SPR" in digest_text(digest)
    assert "Bob" not in digest_text(digest)  # even if the glossary handed free text over


def test_private_look_ups_never_reach_the_channel_digest(library):
    from bot.glossary import lookup as glossary

    asked = "2020-03-19 10:00:00"  # Thursday, for Friday's digest
    typed = [
        "Bob from finance is useless lol",  # a sentence typed into a private look-up
        "Bob from finance is useless, lol",
        "bob",
        "Bob",
        "McDonald",
        "useless",
        "QXZN",
        "PCeX",
        "G9",
    ]
    for term in typed:
        glossary.define(library, term, user="U1")
    library.execute("update glossary_misses set asked_at = ?", [asked])
    everything = {row["term"] for row in glossary.missing_counts(library)}
    assert "Bob from finance is useless lol" in everything  # kept for rocu glossary --missing
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert sorted(digest.glossary_misses) == ["G9", "PCeX", "QXZN"]
    shown = digest_text(digest) + json.dumps(digest_blocks(digest))
    for word in ("Bob", "bob", "finance", "useless", "McDonald"):
        assert word not in shown


def test_real_glossary_misses_of_thursday_on_friday(library):
    glossary = pytest.importorskip("bot.glossary.lookup")
    if not hasattr(glossary, "record_miss"):
        pytest.skip("glossary feature not there yet")
    for term, when in [
        ("QXZN", "2020-03-19 10:00:00"),  # Thursday: listed
        ("NDEC", "2020-03-19 11:00:00"),  # Thursday, but the library defines it: not missing
        ("XQZT", "2020-03-18 16:00:00"),  # Wednesday: too old
        ("ZZQV", "2020-03-20 07:00:00"),  # Friday morning: tomorrow's digest
    ]:
        assert glossary.record_miss(library, term)
        library.execute("update glossary_misses set asked_at = ? where term = ?", [when, term])
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.glossary_misses == ["QXZN"]


def test_glossary_section_left_out_without_the_feature(library, monkeypatch):
    monkeypatch.setitem(sys.modules, "bot.glossary.lookup", None)
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    assert digest.glossary_misses == [] and "Glossary" not in digest_text(digest)


# -- rendering -------------------------------------------------------------------------------------


def test_quiet_day_has_only_passage_and_footer(library, monkeypatch):
    monkeypatch.setitem(sys.modules, "bot.recs.tracker", None)
    monkeypatch.setitem(sys.modules, "bot.glossary.lookup", None)
    text = digest_text(dg.build_digest(library, FRIDAY, "C1", now=NOW))
    for part in ("New in the library", "Recommendations", "Watched topics", "Glossary"):
        assert part not in text
    assert "From the library" in text
    assert text.splitlines()[-1].startswith("5 documents in the library.")
    assert "/rocu help" in text


def test_blocks_stay_within_slack_limits(library, stub_recommendations):
    stub_recommendations.items = [
        Rec(n, "pac-soc-2019", FRIDAY + dt.timedelta(days=n % 14), summary="<@U1> " + "x" * 500)
        for n in range(200)
    ]
    for row in library.query("select id from documents"):
        set_added(library, row["id"], "2020-03-19T12:00:00+00:00")
    for query in ("organised crime", "police", "funding", "ROCU", "NCA", "Home Office"):
        add_watch(library, "C1", query)
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW)
    message = digest_message(digest)
    blocks = message["blocks"]
    assert len(blocks) <= bk.MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= bk.MAX_SECTION
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= bk.MAX_HEADER
    assert "<@U1>" not in json.dumps(blocks)
    assert len(message["text"]) <= 500 and "Friday 20 March 2020" in message["text"]


def test_late_digest_says_so(library):
    digest = dg.build_digest(library, FRIDAY, "C1", now=NOW, late=True)
    assert "Posted late" in digest_text(digest) and "08:00" in digest_text(digest)
    assert "Posted late" in json.dumps(digest_blocks(digest))


# -- front ends ------------------------------------------------------------------------------------


def test_rocu_digest_command_previews_privately(library):
    reply = dispatch(library, "digest 2020-03-20", Context(channel="C1"))
    assert reply.kind == "digest" and reply.public is False
    assert reply.data.date == FRIDAY and reply.data.channel == "C1"
    assert dispatch(library, "digest next week", Context()).kind == "usage"


def test_cli_prints_the_digest_for_a_date(runner, db, monkeypatch):
    monkeypatch.setenv("DIGEST_CHANNEL", "C1")
    db.execute("update documents set added_at = '2020-03-19T12:00:00+00:00'")
    from bot.cli import cli

    result = runner.invoke(cli, ["digest", "--date", "2020-03-20"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Daily digest · Friday 20 March 2020")
    assert "New in the library (5)" in result.output


def test_cli_json(runner, db):
    from bot.cli import cli

    db.execute("update documents set added_at = '2020-03-19T12:00:00+00:00'")
    result = runner.invoke(cli, ["digest", "--date", "2020-03-20", "--channel", "C1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["date"] == "2020-03-20" and data["channel"] == "C1"
    assert len(data["new_documents"]) == 5 and data["documents"] == 5
    assert data["passage"]["passage_id"] and data["late"] is False


@pytest.mark.parametrize(
    "args, message",
    [
        (["digest", "--date", "20/03/2020"], "not a date"),
        (["digest", "--post"], "no channel"),
        (["digest", "--post", "--channel", "C1"], "SLACK_BOT_TOKEN"),
    ],
)
def test_cli_refuses_with_one_line(runner, monkeypatch, tmp_path, args, message):
    from bot.cli import cli

    for name in ("DIGEST_CHANNEL", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    result = runner.invoke(cli, args)
    assert result.exit_code != 0 and message in result.output
    assert "Traceback" not in result.output


def test_cli_will_not_post_a_past_day(runner, monkeypatch):
    from bot.cli import cli

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    result = runner.invoke(cli, ["digest", "--post", "--channel", "C1", "--date", "2020-03-20"])
    assert result.exit_code == 1 and "only today's digest" in result.output


def test_bad_schedule_settings_are_one_line(runner, monkeypatch):
    from bot.cli import cli

    monkeypatch.setenv("DIGEST_DAYS", "someday")
    result = runner.invoke(cli, ["digest"])
    assert result.exit_code == 1 and "DIGEST_DAYS" in result.output


@pytest.mark.parametrize(
    "text, days",
    [
        ("Mon-Fri", (0, 1, 2, 3, 4)),
        ("mon,wed,fri", (0, 2, 4)),
        ("Sat-Mon", (0, 5, 6)),
        ("daily", tuple(range(7))),
        ("Tuesday", (1,)),
    ],
)
def test_parse_days(text, days):
    assert dg.parse_days(text) == days


@pytest.mark.parametrize("bad", ["", "funday", "mon-xyz"])
def test_parse_days_rejects(bad):
    with pytest.raises(dg.ScheduleError):
        dg.parse_days(bad)


@pytest.mark.parametrize("bad", ["25:00", "8", "noon", "08:60"])
def test_parse_time_rejects(bad):
    with pytest.raises(dg.ScheduleError):
        dg.parse_time(bad)
