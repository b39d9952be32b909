"""`/rocu digest`, `watch`, `watches`, `unwatch` through the real Bolt app (signed requests, the
real store, answers arriving at a fake Slack's response_url)."""

from __future__ import annotations

import pytest
from slack_rig import mrkdwn_texts


@pytest.fixture
def rig(db, make_rig):
    db.execute("update documents set added_at = '2020-03-19T12:00:00+00:00'")
    return make_rig()


def test_watch_is_announced_in_the_channel_and_listed_privately(rig):
    added = rig.answer("watch county lines", channel="C0DIGEST")
    assert added["response_type"] == "in_channel"
    assert "Watching “county lines”" in " ".join(mrkdwn_texts(added["blocks"]))
    listed = rig.answer("watches", channel="C0DIGEST")
    assert listed["response_type"] == "ephemeral"
    assert "1. county lines" in " ".join(mrkdwn_texts(listed["blocks"]))
    elsewhere = rig.answer("watches", channel="C0OTHER")
    assert "watches nothing yet" in " ".join(mrkdwn_texts(elsewhere["blocks"]))
    bad = rig.answer("unwatch 7", channel="C0DIGEST")
    assert bad["response_type"] == "ephemeral" and "1 (the only one)" in " ".join(
        mrkdwn_texts(bad["blocks"])
    )


def test_digest_preview_goes_to_the_asker_only(rig):
    rig.answer("watch county lines", channel="C0DIGEST")
    message = rig.answer("digest 2020-03-20", channel="C0DIGEST")
    assert message["response_type"] == "ephemeral"
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header"
    assert blocks[0]["text"]["text"] == "Daily digest · Friday 20 March 2020"
    body = " ".join(mrkdwn_texts(blocks))
    assert "New in the library (5)" in body and "Watched topics" in body
    assert "`pac-soc-2019#11`" in body  # the county lines passage (headings stand alone)
    assert len(blocks) <= 50


def test_digest_with_a_bad_day_is_a_private_sentence(rig):
    message = rig.answer("digest <!channel>")
    assert message["response_type"] == "ephemeral"
    assert "Which day?" in " ".join(mrkdwn_texts(message["blocks"]))
