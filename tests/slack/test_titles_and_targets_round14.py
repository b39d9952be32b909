"""Search's and the tracker's loose ends left by round 13, as a user meets them in Slack (the real
Bolt app against the fake Slack) and the console. The transcripts and names are invented for
these tests (a Harbour Inquiry's preliminary hearings), not copied from any document."""

from __future__ import annotations

import pytest
from slack_rig import mrkdwn_texts
from stores import add_file

from bot.render import text as render_text
from bot.render.text import search_text
from bot.search.ranking import search

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


def hearing_day(day: str, topic: str) -> str:
    underline = "=" * len(day)
    return f"""{day}
{underline}

*(10.00 am)*

**Sir Tobias Wren**: Good morning, Mr Allard.

**Mr Allard**: Good morning, sir.

Opening Remarks by the Chair
----------------------------

**Sir Tobias Wren**: This preliminary hearing of the Harbour Inquiry concerns the lantern
keepers and {topic}. Written for the rocu-bot tests: an invented hearing.

Submissions by Counsel to the Inquiry
-------------------------------------

**Mr Allard**: Sir, the keepers' logs for {topic} will be disclosed before the summer.
"""


@pytest.fixture
def hearings(db, tmp_path):
    days = {
        "harbour-2031-03-04.rst": ("4 March 2031", "the north quay"),
        "harbour-2031-06-10.rst": ("10 June 2031", "the south quay"),
        "harbour-2031-09-15.rst": ("15 September 2031", "the breakwater"),
    }
    ids = [add_file(db, tmp_path, name, hearing_day(*args)) for name, args in days.items()]
    titles = {db["documents"].get(i)["title"] for i in ids}
    assert titles == {"Opening Remarks by the Chair"}  # the shared title, as ingest gives it
    return ids


QUERY = "lantern keepers preliminary hearing"


def test_hearing_days_sharing_a_title_are_told_apart_by_their_day(rig, db, hearings):
    said = texts(rig.answer(f"search {QUERY}"))
    for day in ("4 March 2031", "10 June 2031", "15 September 2031"):
        assert f"Opening Remarks by the Chair ({day})" in said
    console = search_text(search(db, QUERY))
    assert "Opening Remarks by the Chair (10 June 2031) · transcript · 2031-06-10" in console


def test_a_title_no_other_result_shares_is_shown_as_before(db, hearings):
    response = search(db, "north quay lantern keepers", limit=1)
    assert len(response.results) == 1
    assert "Opening Remarks by the Chair · transcript" in search_text(response)


def test_the_same_day_is_told_apart_by_the_document(db, hearings):
    response = search(db, QUERY)
    for result in response.results:
        result.date = "2031-03-04"
    console = search_text(response)
    assert "Opening Remarks by the Chair (harbour-2031-06-10)" in console


def test_a_watch_in_the_digest_tells_them_apart_too(db, hearings):
    import datetime as dt

    from bot.digest import content as dg
    from bot.digest.watches import add_watch
    from bot.render.digest import digest_blocks, digest_text

    friday = dt.date(2031, 9, 19)
    for row in db.query("select id from documents"):
        added = (
            "2031-09-18T12:00:00+00:00" if row["id"] in hearings else "2019-01-01T00:00:00+00:00"
        )
        db.execute(
            "update documents set added_at = ?, updated_at = ? where id = ?",
            [added, added, row["id"]],
        )
    add_watch(db, "C1", QUERY)
    digest = dg.build_digest(db, friday, "C1", now=dt.datetime(2031, 9, 19, 8, tzinfo=dt.UTC))
    assert len({r.doc_id for r in digest.watches[0].results}) >= 2
    said = digest_text(digest) + " ".join(mrkdwn_texts(digest_blocks(digest)))
    assert "Opening Remarks by the Chair (" in said


def test_shared_titles_dated_off_shows_them_alike(rig, db, hearings, monkeypatch):
    monkeypatch.setattr(render_text, "SHARED_TITLES_DATED", False)
    said = texts(rig.answer(f"search {QUERY}"))
    assert "Opening Remarks by the Chair (" not in said


# -- 6. a force action plan's target date is shown on the item it answers ------------------------

INSPECTION = """Dunmere Constabulary: an inspection of its vetting unit

Written for the rocu-bot tests (round 14): an invented force and inspection.

Published 2 February 2040

Areas for improvement

Area for improvement 1: The force should clear its backlog of vetting renewals for officers in
posts of trust.

Area for improvement 2: The force should tell applicants within ten working days why their
vetting was refused.
"""

PLAN = """# Dunmere Constabulary: vetting improvement plan

Written for the rocu-bot tests (round 14): an invented plan.

| Ref | Area for improvement | Force action | Lead | Target date | Force position |
|---|---|---|---|---|---|
| AFI 1 | The force should clear its backlog of vetting renewals for officers in posts of trust. | Two analysts moved to renewals. | Head of Vetting | 30 September 2041 | Accepted |
| AFI 2 | The force should tell applicants within ten working days why their vetting was refused. | Letters rewritten. | Head of Vetting | 31 March 2041 | Accepted |
"""  # noqa: E501


@pytest.fixture
def planned(db, tmp_path):
    from bot.recs.tracker import list_recommendations

    add_file(db, tmp_path, "dunmere-vetting-inspection-2040.txt", INSPECTION)
    add_file(db, tmp_path, "dunmere-vetting-plan.md", PLAN)
    items = [r for r in list_recommendations(db) if r.doc_id == "dunmere-vetting-inspection-2040"]
    assert len(items) == 2 and all(r.responses for r in items)  # each linked to its plan row
    return items


def test_a_plans_target_date_is_shown_on_the_item_it_answers(rig, db, planned):
    from bot.commands import Reply
    from bot.recs.tracker import get_recommendation
    from bot.render.text import reply_text

    first, second = (get_recommendation(db, r.id) for r in planned)
    assert first.due is None  # the inspection sets no date: the plan does
    card = " ".join(reply_text(Reply("rec", first)).split())
    assert "target date 2041-09-30" in card
    said = " ".join(texts(rig.answer(f"recs {second.id}")).split())
    assert "target date 2041-03-31" in said
    listed = " ".join(texts(rig.answer("recs doc:dunmere-vetting-inspection-2040")).split())
    assert "target date 2041-09-30" in listed and "target date 2041-03-31" in listed


def test_response_target_dates_off_shows_the_item_as_before(db, planned, monkeypatch):
    from bot.commands import Reply
    from bot.recs import links
    from bot.recs.tracker import get_recommendation
    from bot.render.text import reply_text

    monkeypatch.setattr(links, "RESPONSE_TARGET_DATES", False)
    card = reply_text(Reply("rec", get_recommendation(db, planned[0].id)))
    assert "target date" not in card


def test_the_target_date_is_in_the_json_and_the_spreadsheet(db, planned, runner):
    import json

    from bot.cli import cli
    from bot.recs import export

    result = runner.invoke(cli, ["recs", "--json", "doc:dunmere-vetting-inspection-2040"], obj={})
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["recommendations"]
    assert sorted(i["responses"][0]["target_date"] for i in items) == ["2041-03-31", "2041-09-30"]
    table = [dict(zip(export.COLUMNS, row, strict=True)) for row in export.rows(planned)]
    assert {row["Response target date"] for row in table} == {"2041-03-31", "2041-09-30"}


# -- 2. `define` of a longer acronym, in Slack ---------------------------------------------------


def test_define_a_longer_acronym_in_slack_says_plainly_it_is_not_there(rig):
    said = texts(rig.answer("define SCCRC"))
    assert "is not in the glossary" in said
    assert "closest entry" not in said and "Criminal Cases Review Commission" not in said
