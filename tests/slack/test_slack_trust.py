"""Answers a team can trust, through the real Bolt app and the fake Slack: the confidence gate
keeps weak answers out of the channel, citations name the page, and excerpts of an
OFFICIAL-SENSITIVE document are never posted in a channel ROCU_SENSITIVE_CHANNELS does not list.

The nonsense queries and the marked document's text were written for these tests."""

from __future__ import annotations

import json
import time

import pytest
from slack_rig import CHANNEL, buttons, mrkdwn_texts
from stores import add_file

pytestmark = pytest.mark.usefixtures("every_post_valid")  # Slack took every post

NONSENSE = [
    "xyzzy plugh frobnicate",
    "qwvzk jxtrplm",
    "marmalade quixotic lampoon",
    "xyzzy plugh frobnicate lines",  # one word the library holds: a weak match, held back
]
SECRET_WORDS = "heliotrope lantern"  # in the marked document only
MARKED_TEXT = (
    "OFFICIAL-SENSITIVE\n\n"
    "Operation heliotrope lantern notes\n\n"
    "The heliotrope lantern review found that two referrals waited a week for triage.\n\n"
    "Officers asked for a weekend rota so that the heliotrope lantern inbox is read daily.\n\n"
    "OFFICIAL-SENSITIVE\n"
)


def public_posts(slack) -> list[dict]:
    """Everything the app sent that the whole channel could read."""
    posts = [r.body for r in slack.responses() if r.body.get("response_type") == "in_channel"]
    posts += [r.body for r in slack.calls("chat.postMessage")]
    return posts


@pytest.mark.parametrize("query", NONSENSE)
def test_a_nonsense_query_in_a_channel_posts_nothing_publicly(rig, query):
    message = rig.answer(query)
    assert message["response_type"] == "ephemeral"
    text = " ".join(mrkdwn_texts(message["blocks"]))
    if "No passage holds" not in text:  # "Nothing in the library matches" before round 20
        assert "No good match for" in text
        assert "Show weak matches anyway" in buttons(message["blocks"])
    status = rig.mention(query, ts="1700000000.000100")
    assert status == 200
    rig.slack.wait_for("chat.postEphemeral")
    time.sleep(0.3)  # anything else the app was going to send has arrived
    assert public_posts(rig.slack) == []


def test_show_weak_matches_anyway_answers_privately(rig):
    message = rig.answer("xyzzy plugh frobnicate lines")
    button = buttons(message["blocks"]).get("Show weak matches anyway")
    assert button is not None
    name = rig.click(button)
    weak = rig.slack.wait_for(f"response:{name}")[0].body
    assert weak["response_type"] == "ephemeral"
    assert "Weak matches" in " ".join(mrkdwn_texts(weak["blocks"]))
    assert public_posts(rig.slack) == []


def test_a_good_answer_still_goes_to_the_channel_with_its_citation(rig):
    message = rig.answer("county lines")
    assert message["response_type"] == "in_channel"


@pytest.fixture
def marked(db, tmp_path):
    return add_file(db, tmp_path, "lantern-notes.txt", MARKED_TEXT)


def test_a_sensitive_excerpt_goes_privately_with_the_reason(make_rig, marked):
    rig = make_rig(sensitive_channels=frozenset({"C0SAFE"}))
    message = rig.answer(SECRET_WORDS)
    assert message["response_type"] == "ephemeral"
    text = " ".join(mrkdwn_texts(message["blocks"]))
    assert "OFFICIAL-SENSITIVE" in text and "Answered privately" in text
    assert "referrals waited" in text  # the asker alone sees it
    assert all("heliotrope" not in json.dumps(post) for post in public_posts(rig.slack))
    listed = rig.answer(SECRET_WORDS, channel="C0SAFE")
    assert listed["response_type"] == "in_channel"


def test_sharing_a_sensitive_answer_stays_private(make_rig, marked):
    rig = make_rig(reply_mode="ephemeral")
    message = rig.answer(SECRET_WORDS)
    assert "Share in channel" not in buttons(message["blocks"])
    assert rig.settings.sensitive_channels == frozenset()
    assert CHANNEL not in rig.settings.sensitive_channels


def test_the_marking_is_edited_in_the_edit_details_modal(db, marked):
    from bot.library.documents import get_document
    from bot.library.ingest import edit_details
    from bot.render import adding

    doc = get_document(db, marked)
    assert "OFFICIAL-SENSITIVE" in json.dumps(adding.card_message(adding.Card(doc)))
    modal = adding.edit_modal(doc, {})
    select = next(b for b in modal["blocks"] if b["block_id"] == "marking")["element"]
    assert select["initial_option"]["value"] == "OFFICIAL-SENSITIVE"
    assert "SECRET" not in [o["value"] for o in select["options"]]  # never kept, never offered
    state = {
        "marking": {"marking": {"type": "static_select", "selected_option": {"value": "none"}}}
    }
    values = adding.edit_values({"state": {"values": state}})
    assert values["marking"] == "none"
    edit_details(db, marked, {"marking": values["marking"]})
    assert get_document(db, marked).marking is None
    card = adding.card_message(adding.Card(get_document(db, marked)))
    assert "OFFICIAL" not in json.dumps(card)
