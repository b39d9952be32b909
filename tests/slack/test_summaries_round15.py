"""Recommendation summaries as a policy officer meets them in Slack (round 15's walk): the real
Bolt app against the fake Slack, on the seed library plus a review and its government response.

The review, the response and every name in them were written for these tests (a made-up review of
roads policing in invented counties); none comes from a real document, a gold file or a question
set. Their dates lie in 2031, so nothing here turns overdue with the calendar.
"""

from __future__ import annotations

import re

import pytest
from slack_rig import mrkdwn_texts

from bot.library.ingest import ingest
from bot.render import recs as render_recs

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

REVIEW = """Review of Roads Policing in the Vale Counties

A review for the Vale Police and Crime Panel of how the three forces patrol rural roads.

Recommendations

Recommendation 1: Rural patrols
The Vale Constabulary should publish a rural patrol plan for the winter months within six months
of this review.

Recommendation 2: Speed cameras
The Vale Constabulary should move its two mobile speed cameras to the lanes with the most
collisions. Within three months of this review it should name the lanes, and within twelve months
of this review it should report how many collisions followed.
"""

RESPONSE = """Government Response to the Review of Roads Policing in the Vale Counties

Presented to Parliament by the Minister for Roads.

Recommendation 1: Rural patrols
The Vale Constabulary should publish a rural patrol plan for the winter months within six months
of this review.

The Government accepts this recommendation. The plan is being drafted with the parish councils.

Recommendation 2: Speed cameras
The Vale Constabulary should move its two mobile speed cameras to the lanes with the most
collisions. Within three months of this review it should name the lanes, and within twelve months
of this review it should report how many collisions followed.

The Government does not accept this recommendation. Cameras are placed by the safety partnership.
"""

CATALOGUE = """[documents."vale-roads-review.txt"]
type = "inquiry-report"
date = "2031-01-15"

[documents."vale-roads-response.txt"]
type = "government-response"
date = "2031-04-20"
"""


@pytest.fixture
def vale(db, tmp_path):
    folder = tmp_path / "vale"
    folder.mkdir()
    (folder / "vale-roads-review.txt").write_text(REVIEW)
    (folder / "vale-roads-response.txt").write_text(RESPONSE)
    (folder / "catalogue.toml").write_text(CATALOGUE)
    report = ingest(db, [folder])
    assert not report.failed
    ids = dict(db.execute("SELECT file, id FROM documents WHERE file LIKE 'vale-%'").fetchall())
    return ids["vale-roads-review.txt"], ids["vale-roads-response.txt"]


def said(message: dict) -> str:
    return "\n".join(mrkdwn_texts(message.get("blocks") or []))


ISO = re.compile(r"\b20\d\d-\d\d(?:-\d\d)?\b")


def test_a_reports_summary_gives_dates_and_deadlines_as_words(rig, vale):
    review, _ = vale
    text = said(rig.answer(f"recs doc:{review}"))
    assert "inquiry report · 15 Jan 2031" in text  # not "inquiry-report · 2031-01-15"
    assert "due 15 Jul 2031 (within six months of this review)" in text
    # Several deadlines: the first dated one, said so; each phrase as a phrase.
    assert "due 15 Apr 2031, the first of 2 deadlines (within three months" in text
    assert "Within three" not in text
    assert "Response: accepted · Government Response to the Review" in text
    assert "20 Apr 2031" in text
    assert not ISO.search(text), ISO.findall(text)
    assert "2 recommendations ·" in text and "1–2 of 2" not in text


def test_a_responses_summary_says_what_it_answered(rig, vale):
    _, response = vale
    text = said(rig.answer(f"recs doc:{response}"))
    assert (
        "*Government Response to the Review of Roads Policing in the Vale Counties* answers 2 "
        "recommendations of *Review of Roads Policing in the Vale Counties*: accepted 1 · "
        "not accepted 1"
    ) in text


def test_one_item_in_full_and_one_found_are_worded_so(rig, vale):
    review, _ = vale
    listing = rig.answer(f"recs doc:{review} rural patrol")
    assert "1 recommendation ·" in said(listing) and "1–1 of 1" not in said(listing)
    rec_id = re.search(r"`(r[0-9a-f]{6,})`", said(listing)).group(1)
    card = said(rig.answer(f"recs {rec_id}"))
    assert "due 15 Jul 2031 (within six months of this review)" in card
    assert "inquiry report · 15 Jan 2031" in card
    assert not ISO.search(card), ISO.findall(card)
    # The response's stance once, its answer under it; no "made by not recorded".
    assert card.count("Response: accepted") == 1 and "_Its answer:_" in card
    assert "parish councils" in card and "not recorded" not in card


def test_the_console_keeps_iso_dates_and_the_switch_restores_slacks(rig, db, vale, monkeypatch):
    from bot.commands import Reply
    from bot.recs.tracker import list_recommendations
    from bot.render.text import reply_text

    review, _ = vale
    recs = list_recommendations(db, f"doc:{review}")
    console = reply_text(Reply("recs", recs, extra={"filter": f"doc:{review}"}))
    assert "inquiry-report · 2031-01-15" in console and "due 2031-07-15" in console

    monkeypatch.setattr(render_recs, "SLACK_WORDING", False)
    text = said(rig.answer(f"recs doc:{review}"))
    assert "due 2031-07-15" in text and "first due 2031-04-15 of 2 deadlines" in text


def test_the_digest_says_what_a_new_response_answered_and_dates_as_words(rig, vale):
    import datetime as dt

    text = said(rig.answer("digest"))
    assert (
        "Answers 2 recommendations of *Review of Roads Policing in the Vale Counties*: "
        "accepted 1 · not accepted 1"
    ) in text
    assert "· 20 Apr 2031 ·" in text and "2031-04-20" not in text
    # Later: nothing new, so nothing said of answers.
    # A week on, not tomorrow: tomorrow's window opens at today's digest time (08:00), so after
    # 08:00 what the fixture just added is tomorrow's news (the test failed after 08:00 UTC).
    tomorrow = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    later = said(rig.answer(f"digest {tomorrow}"))
    assert "New in the library" not in later and "Answers 2" not in later


def test_the_digests_answers_switched_off(rig, vale, monkeypatch):
    from bot.digest import content

    monkeypatch.setattr(content, "NEW_RESPONSE_ANSWERS", False)
    assert "Answers 2 recommendations" not in said(rig.answer("digest"))


STORM_PLANS = """Review of Storm Readiness on the Vale Coast

A review for the Vale Harbour Board, written for the rocu-bot tests.

Recommendations

Recommendation 1: Storm plans
The councils of Northfield, Eastmoor, Westvale and Saltmarsh should each prepare and publish plans
for closing the north quay in storms at least every two years. The plans should include as a
minimum: the routes kept open; the boats moved.
"""


def test_a_summary_cut_before_its_ask_shows_the_ask(rig, db, tmp_path, monkeypatch):
    import json

    from slack_rig import buttons
    from stores import add_file

    from bot.commands import Reply
    from bot.recs.tracker import list_recommendations
    from bot.render.text import reply_text

    doc = add_file(db, tmp_path, "storm-plans.txt", STORM_PLANS)
    (rec,) = list_recommendations(db, f"doc:{doc}")
    assert rec.summary.endswith("should each prepare…")  # as stored: who, but not what
    ask = "should each prepare and publish plans for closing the north quay in storms at least"
    assert ask in said(rig.answer(f"recs doc:{doc}"))
    assert ask in said(rig.answer(f"recs {rec.id}"))
    opened = len(rig.slack.calls("views.open"))
    rig.click(buttons(rig.answer(f"recs doc:{doc}")["blocks"])["Set status"])
    view = rig.slack.wait_for("views.open", count=opened + 1)[-1].body["view"]
    assert ask in (view if isinstance(view, str) else json.dumps(view))  # the status modal too
    console = reply_text(Reply("recs", [rec], extra={"filter": f"doc:{doc}"}))
    assert ask in " ".join(console.split())  # the console wraps its lines

    monkeypatch.setattr(render_recs, "ASK_SHOWN", False)
    assert ask not in said(rig.answer(f"recs doc:{doc}"))


SLACK_TIME = re.compile(
    r"<!date\^\d+\^\{date\} at \{time\}\|\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d UTC>"
)


def test_a_status_change_is_timed_in_the_readers_own_zone(rig, db, vale, monkeypatch):
    import json

    from slack_rig import buttons, save_status

    from bot.commands import Reply
    from bot.recs.tracker import get_recommendation
    from bot.render import tracker as render_tracker
    from bot.render.text import reply_text

    review, _ = vale
    listing = rig.answer(f"recs doc:{review} rural patrol")
    button = buttons(listing["blocks"])["Set status"]
    save_status(rig, button, "in-progress", "Raised with the chief inspector", "U0ANN", "V15")
    redrawn = said(rig.answer(f"recs doc:{review} rural patrol"))
    line = re.search(r"_Status in-progress by [^\n]*_", redrawn)[0]
    assert SLACK_TIME.search(line) and "Raised with the chief inspector" in line
    assert not re.search(r"on 20\d\d-\d\d-\d\d \d\d:\d\d UTC", redrawn)
    # The modal, opened again: its history timed so too, its response dated in words.
    opened = len(rig.slack.calls("views.open"))
    rig.click(buttons(rig.answer(f"recs doc:{review} rural patrol")["blocks"])["Set status"])
    view = rig.slack.wait_for("views.open", count=opened + 1)[-1].body["view"]
    view = json.dumps(json.loads(view) if isinstance(view, str) else view, ensure_ascii=False)
    assert SLACK_TIME.search(view) and "· 20 Apr 2031" in view
    # The console keeps the stored UTC time.
    rec_id = re.search(r"`(r[0-9a-f]{6,})`", redrawn).group(1)
    console = reply_text(Reply("rec", get_recommendation(db, rec_id)))
    assert re.search(r"in-progress by \S+ \(U0ANN\) on 20\d\d-\d\d-\d\d \d\d:\d\d UTC", console)

    monkeypatch.setattr(render_tracker, "SLACK_TIMES", False)
    again = said(rig.answer(f"recs doc:{review} rural patrol"))
    assert re.search(r"on 20\d\d-\d\d-\d\d \d\d:\d\d UTC", again) and "<!date" not in again
