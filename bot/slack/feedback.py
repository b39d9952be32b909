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


def register(app, settings, library) -> None:
    """The vote buttons' listener (any action id starting ``rocu_feedback``)."""
    bound = functools.partial(on_vote, library)
    bound.__name__ = on_vote.__name__
    acked(app.action(re.compile(rf"^{render.PREFIX}")), bound)


def on_vote(library, body, action, client):
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
        log.info("feedback stored: kind=%s vote=%+d results=%d new=%s", kind, vote, len(ids), new)
        message = render.thanks_message(vote, new)
    payload = {"response_type": "ephemeral", "replace_original": False, **message}
    respond_once(library.ledger, client, body, payload, purpose=f"feedback:{vote}:{user}")
