"""The 👍 / 👎 buttons under every search and define answer, and the private thanks.

A vote button carries what the vote is about, so the click alone can be stored: the kind of
answer, the query as answered and the ids of what was shown (passage ids for a search, the
entries for a definition), as compact JSON within Slack's 2000 characters (a very long query is
cut; the ids are kept).
"""

from __future__ import annotations

import json

from bot.render import blocks as bk

ACTION_UP = "rocu_feedback_up"
ACTION_DOWN = "rocu_feedback_down"
PREFIX = "rocu_feedback"
MAX_IDS = 10


def subject(reply) -> tuple[str, str, list[str]] | None:
    """(kind, query, ids shown) of an answer that takes feedback, or None: a search or define
    answer that found something."""
    data = reply.data
    if reply.kind == "search" and getattr(data, "results", None):
        return "search", data.query, [r.passage_id for r in data.results][:MAX_IDS]
    if reply.kind == "define" and getattr(data, "matches", None):
        ids = [f"{m.entry.source}:{m.entry.headword}" for m in data.matches]
        return "define", data.query, list(dict.fromkeys(ids))[:MAX_IDS]
    return None


def vote_value(kind: str, query: str, ids: list[str], vote: int) -> str:
    """A vote button's value: JSON within Slack's 2000 characters (the query cut to fit)."""
    query = " ".join(str(query).split())
    ids = [str(i)[:200] for i in ids][:MAX_IDS]
    while True:
        value = json.dumps(
            {"f": kind, "q": query, "r": ids, "v": vote}, ensure_ascii=False, separators=(",", ":")
        )
        if len(value) <= bk.MAX_BUTTON_VALUE:
            return value
        if query:
            query = query[: max(0, len(query) - (len(value) - bk.MAX_BUTTON_VALUE) - 1)]
        else:
            ids = ids[:-1]


def read_vote(value: str | None) -> tuple[str, str, list[str], int] | None:
    """(kind, query, ids, vote) from a vote button's value; None for a value we did not make."""
    try:
        data = json.loads(value or "")
        kind, query, ids, vote = data["f"], data["q"], data["r"], int(data["v"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if kind not in ("search", "define") or vote not in (1, -1) or not isinstance(query, str):
        return None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return None
    return kind, query, ids[:MAX_IDS], vote


def feedback_block(reply) -> dict | None:
    """The actions block "👍 Helpful" / "👎 Not helpful" for an answer that takes feedback."""
    found = subject(reply)
    if found is None:
        return None
    kind, query, ids = found
    return bk.actions(
        bk.button("👍 Helpful", ACTION_UP, vote_value(kind, query, ids, 1)),
        bk.button("👎 Not helpful", ACTION_DOWN, vote_value(kind, query, ids, -1)),
    )


# Round 21: 👍 pressed twice on one answer was thanked "(Your earlier vote on it is replaced.)",
# as if the first press had been undone or the other way. Now a repeat says it counts once; a
# vote the other way is still "replaced". False: "replaced" for both.
SAYS_SAME_VOTE = True


def thanks_message(vote: int, new: bool | str = True) -> dict:
    """The private answer to a vote; ``new``: ``record_feedback``'s "new", "changed" or "same"
    (True / False: new or not)."""
    if vote > 0:
        text = "Thanks: noted that this answer helped."
    else:
        text = (
            "Thanks: noted that this answer did not help. Try other words, a filter such as "
            "`type:report`, or `/rocu define TERM` for an acronym."
        )
    if new == "same" and SAYS_SAME_VOTE:
        text += " (You had said so already: it counts once.)"
    elif not new or new in ("changed", "same"):
        text += " (Your earlier vote on it is replaced.)"
    return {"text": text, "blocks": [bk.section(bk.escape(text))]}


def unsaved_message() -> dict:
    text = "Sorry, your feedback could not be saved just now. Please try again in a moment."
    return {"text": text, "blocks": [bk.section(text)]}
