"""The tracker's card and list, and the digest's hearing days, as a policy officer meets them in
Slack: the loose ends round 15's walk left (bench/RESULTS.md, "Loose ends after the walk
(loose15)"), through the real Bolt app against the fake Slack, on the seed library plus the
invented review of roads policing in the Vale counties and its response (written for
``test_summaries_round15``) and an invented hearing day below; no sentence of a real document, a
gold file or a question set.
"""

from __future__ import annotations

import re

import pytest
from slack_rig import buttons, save_status
from test_summaries_round15 import said, vale  # noqa: F401 (the fixture)

from bot.recs.tracker import get_recommendation
from bot.render import recs as render_recs
from bot.render import tracker as render_tracker
from bot.render.text import reply_text

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

# An invented hearing day (a made-up inquiry into winter roads; no real transcript's words): a
# chair's opening, a witness sworn, counsel's questions and the witness's short answers.
HEARING = """12 March 2031

(10.00 am)

Lady Thorne: Good morning. We begin today with the evidence about winter road closures.

MS NELL ASHBY (sworn).

Questions from Counsel to the Inquiry

Mr Pell: Please give the panel your full name.

Ms Ashby: Nell Ashby, and I led the roads team in the Vale for six years.

Mr Pell: Were the gritting lorries sent out before the first snow that winter?

Ms Ashby: That is right, for the most part, yes.

Mr Pell: And were the lanes to the hill farms gritted as well as the main roads?

Ms Ashby: Not at first, because the lorries could not climb the lanes in the early frost.

Mr Pell: Who decided which lanes came first when the lorries were short?

Ms Ashby: The duty inspector decided, after talking with the parish clerks each evening.

Mr Pell: Did the parish clerks keep a written record of those calls?

Ms Ashby: Some of them did, and the rest told us by telephone in the morning.

Lady Thorne: Thank you. We will break there for ten minutes and come back at half past.

Mr Pell: Thank you, my Lady. I have a few more questions after the break.

Ms Ashby: I am happy to answer them when we come back to the hearing room.
"""

WORDING = "The Vale Constabulary should publish a rural patrol plan for the winter months"


def _card(rig, review: str) -> str:
    listing = said(rig.answer(f"recs doc:{review} rural patrol"))
    rec_id = re.search(r"`(r[0-9a-f]{6,})`", listing).group(1)
    return said(rig.answer(f"recs {rec_id}"))


def test_a_card_gives_its_wording_once(rig, vale):  # noqa: F811
    review, _ = vale
    card = _card(rig, review)
    assert card.count(WORDING) == 1, card
    # What the source passage adds, the label around the wording, is still there.
    assert "_In the source:_ Recommendation 1: Rural patrols _[the wording above]_" in card
    assert "Source passage" not in card
    assert "parish councils" in card  # the response's answer is untouched


def test_the_switch_off_gives_the_card_as_before(rig, vale, monkeypatch):  # noqa: F811
    review, _ = vale
    monkeypatch.setattr(render_recs, "CARD_WORDING_ONCE", False)
    card = _card(rig, review)
    assert card.count(WORDING) == 3 and "_Source passage:_" in card


def _header(message: dict) -> str:
    return next(b["text"]["text"] for b in message["blocks"] if b["type"] == "header")


def test_the_lists_header_says_in_words_what_is_listed(rig, vale):  # noqa: F811
    review, response = vale
    head = _header(rig.answer(f"recs doc:{review}"))
    assert head == "Recommendations of Review of Roads Policing in the Vale Counties"
    head = _header(rig.answer(f"recs doc:{response}"))
    assert head == (
        "Recommendations answered by Government Response to the Review of Roads Policing in the "
        "Vale Counties"
    )
    head = _header(rig.answer("recs to:vale status:open due:2031 response:not-accepted"))
    assert head == (  # `to:` as the items name the addressee (round 16, render.recs.TO_AS_NAMED)
        "Recommendations to Vale Constabulary · team status: open · response: not accepted · "
        "due in 2031"
    )
    assert "doc:" not in _header(rig.answer(f"recs doc:{review} rural patrol"))
    # The filter as typed is still in the footer's export command.
    assert f"/rocu recs export doc:{review}" in said(rig.answer(f"recs doc:{review}"))


def test_the_header_switch_off_repeats_the_filter(rig, vale, monkeypatch):  # noqa: F811
    review, _ = vale
    monkeypatch.setattr(render_recs, "HEADER_IN_WORDS", False)
    assert _header(rig.answer(f"recs doc:{review}")) == f"Recommendations: doc:{review}"


def _set_by(rig, review: str, status: str, user: str, view_id: str) -> str:
    """Set the roads review's first item's status through the modal as ``user``; its id."""
    listing = rig.answer(f"recs doc:{review} rural patrol")
    button = next(b for label, b in buttons(listing["blocks"]).items() if "status" in label.lower())
    save_status(rig, button, status, "Agreed with the rural sergeants", user, view_id)
    return re.search(r"`(r[0-9a-f]{6,})`", said(listing)).group(1)


def test_a_status_line_names_the_person_not_their_slack_id(rig, db, vale):  # noqa: F811
    review, _ = vale
    rig.slack.add_user("U0KIT", display_name="Kit Marsh", real_name="Kit Marsh-Hale")
    rec_id = _set_by(rig, review, "accepted", "U0KIT", "V0KIT")
    listing = said(rig.answer(f"recs doc:{review} rural patrol"))
    card = said(rig.answer(f"recs {rec_id}"))
    for text in (listing, card):
        assert "accepted by Kit Marsh on" in text, text
        assert "U0KIT" not in text and "<@" not in text  # no id, and no mention that pings
    # Slack could not say who U0NEW is: the name the request carried, still without the id.
    _set_by(rig, review, "in-progress", "U0NEW", "V0NEW")
    listing = said(rig.answer(f"recs doc:{review} rural patrol"))
    assert "in-progress by u0new on" in listing and "U0NEW" not in listing, listing
    # The console keeps its audit trail with the id.
    from bot.commands import Reply

    console = reply_text(Reply("rec", get_recommendation(db, rec_id)))
    assert "Kit Marsh (U0KIT)" in console


def test_the_name_switch_off_shows_the_id_again(rig, vale, monkeypatch):  # noqa: F811
    review, _ = vale
    rig.slack.add_user("U0KIT", display_name="Kit Marsh", real_name="Kit Marsh-Hale")
    monkeypatch.setattr(render_tracker, "SLACK_NAME_ONLY", False)
    _set_by(rig, review, "accepted", "U0KIT", "V0KIT")
    assert "accepted by Kit Marsh (U0KIT)" in said(rig.answer(f"recs doc:{review} rural patrol"))


def test_a_hearing_days_digest_entry_quotes_no_turn_out_of_context(rig, db, tmp_path, monkeypatch):
    from bot.library.ingest import ingest
    from bot.render import digest as render_digest

    folder = tmp_path / "hearing"
    folder.mkdir()
    (folder / "2031-03-12.txt").write_text(HEARING)
    assert not ingest(db, [folder]).failed
    text = said(rig.answer("digest"))
    entry = "• *Hearing transcript, 12 March 2031: evidence of Ms Nell Ashby* · 12 Mar 2031"
    assert entry in text, text
    after = text[text.index(entry) :].split("\n")[1]
    assert not after.startswith(">"), after  # no quoted turn under it
    assert "winter road closures" not in text
    # Another document's lead is quoted as before.
    assert "> The Public Accounts Committee report says" in text
    # The Home tab's "New this week" likewise.
    from test_slack_home import opened, text_of

    home = text_of(opened(rig))
    assert "Hearing transcript, 12 March 2031" in home and "winter road closures" not in home
    # The switch off quotes the turn again.
    monkeypatch.setattr(render_digest, "TRANSCRIPT_NO_LEAD", False)
    assert "> We begin today with the evidence about winter road closures." in said(
        rig.answer("digest")
    )


def test_the_consoles_card_gives_its_wording_once_too(db, vale, monkeypatch):  # noqa: F811
    from bot.commands import Reply
    from bot.recs.tracker import list_recommendations

    review, _ = vale
    rec = get_recommendation(db, list_recommendations(db, f"doc:{review} rural patrol")[0].id)
    console = " ".join(reply_text(Reply("rec", rec)).split())
    assert console.count(WORDING) == 1, console
    assert "Exact wording:" in console
    assert "Recommendation 1: Rural patrols [the wording above]" in console
    monkeypatch.setattr(render_recs, "CONSOLE_WORDING_ONCE", False)
    console = " ".join(reply_text(Reply("rec", rec)).split())
    assert console.count(WORDING) == 3 and "Source passage (" in console
