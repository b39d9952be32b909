"""What the round-11 walk through Slack found, each through the real Bolt app and the fake Slack
(signed requests, the real store): the texts here were written for these tests."""

from __future__ import annotations

import pytest
from slack_rig import buttons, mrkdwn_texts

from bot.render import blocks as render_blocks

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
