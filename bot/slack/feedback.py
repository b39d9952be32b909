"""The 👍 / 👎 buttons under search and define answers (``bot.render.feedback``).

A click is acknowledged at once; the vote is stored (``bot.library.feedback``: the query, the
ids shown, the user id) and the person alone is thanked. The log says only that a vote was
stored and which way: never the query, which is what someone typed.
"""

from __future__ import annotations

import functools
import logging
import re
import sqlite3

from bot.library.feedback import FeedbackError, record_feedback
from bot.library.store import StoreError
from bot.render import feedback as render
from bot.slack.listeners import acked
from bot.slack.once import respond_once

log = logging.getLogger("rocu.slack")

# The thanks goes through the posting pool, not the answer pool's four threads (a response_url
# answering in 5 s held one each; round 15). False: sent from the answer pool, as before.
DELIVER_THANKS = True


def register(app, settings, library, deliver=None) -> None:
    """The vote buttons' listener (any action id starting ``rocu_feedback``); ``deliver`` (the
    app's posting pool) sends the thanks, so a slow response_url holds no answer thread."""
    bound = functools.partial(on_vote, library, deliver)
    bound.__name__ = on_vote.__name__
    acked(app.action(re.compile(rf"^{render.PREFIX}")), bound)


def on_vote(library, deliver, body, action, client):
    """Store the vote, then thank the person privately."""
    found = render.read_vote(action.get("value"))
    user = (body.get("user") or {}).get("id")
    if found is None or not user:
        log.info("feedback: a vote button without a vote (ignored)")
        return
    kind, query, ids, vote = found
    try:
        new = record_feedback(library.db(), kind, query, ids, user, vote)
    except (FeedbackError, StoreError, sqlite3.Error) as exc:
        log.warning("feedback not stored: %s", type(exc).__name__)
        message = render.unsaved_message()
    else:
        log.info(
            "feedback stored: kind=%s vote=%+d results=%d vote_was=%s", kind, vote, len(ids), new
        )
        message = render.thanks_message(vote, new)
    payload = {"response_type": "ephemeral", "replace_original": False, **message}
    purpose = f"feedback:{vote}:{user}"
    if deliver is None or not DELIVER_THANKS:
        respond_once(library.ledger, client, body, payload, purpose=purpose)
    else:
        deliver(respond_once, library.ledger, client, body, payload, purpose=purpose)
