"""A tracker item: the ``Recommendation`` record the tracker lists, the statuses the team gives
it (with the other ways of writing them), when it is overdue, and the error a user is shown.

Plain values and rules only: ``bot.recs.storing`` fills the tables, ``bot.recs.tracker`` reads
them into these records and records status changes, ``bot.recs.filters`` picks among them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = ("open", "accepted", "in-progress", "implemented", "rejected", "superseded")
CLOSED = ("implemented", "rejected", "superseded")  # no longer due: never overdue
# One wording for a status on every front end: the word the team types (``in-progress``, as in
# ``--set-status ID in-progress`` and ``status:in-progress``) is the word every card, list, export
# and the Slack modal show. The modal said "In progress" where the card beside it said
# "in-progress" (the round-12 walk). False: the modal's capitalised labels, as before.
ONE_STATUS_WORDING = True
_MODAL_LABELS = {
    "open": "Open",
    "accepted": "Accepted",
    "in-progress": "In progress",
    "implemented": "Implemented",
    "rejected": "Rejected",
    "superseded": "Superseded",
}
STATUS_LABELS = {s: s for s in STATUSES} if ONE_STATUS_WORDING else dict(_MODAL_LABELS)


def status_label(status: str) -> str:
    """How a status is shown, on every front end (``ONE_STATUS_WORDING``)."""
    if not ONE_STATUS_WORDING:
        return _MODAL_LABELS.get(status, status)
    return status


# Other ways of writing a status, and the names stored before the audit trail: "done" was the
# closed state before "implemented" and "superseded" were told apart.
STATUS_ALIASES = {
    "done": "implemented",
    "complete": "implemented",
    "completed": "implemented",
    "in progress": "in-progress",
    "in_progress": "in-progress",
    "inprogress": "in-progress",
    "progress": "in-progress",
    "started": "in-progress",
    "reopened": "open",
    "declined": "rejected",
    "not accepted": "rejected",
    "replaced": "superseded",
}
MAX_NOTE = 1000  # characters kept of a status note


class RecommendationError(ValueError):
    """A request about recommendations that cannot be met; the message is for the user."""


@dataclass
class Recommendation:
    id: str
    doc_id: str
    file: str
    passage_id: str | None
    made_by: str | None
    addressees: list[str]
    deadline_text: str | None
    due: dt.date | None
    themes: list[str]
    summary: str
    text: str
    status: str
    doc_title: str
    doc_date: str | None
    doc_type: str | None = None
    intro: str | None = None  # the sentence introducing a list the recommendation is an item of
    status_by: str | None = None  # display name of who set the current status
    status_by_id: str | None = None  # their Slack user id, when set from Slack
    status_at: str | None = None
    status_note: str | None = None
    overdue: bool = False  # due before today and not closed
    doc_url: str | None = None
    passage_text: str | None = None
    start: int = 0
    end: int = 0
    history: list[dict] = field(default_factory=list)
    response: str | None = None  # a government response's answer: accepted, accepted in part, ...
    response_text: str | None = None  # the response's sentence that gives it, as written
    label: str | None = None  # the document's own label ("Recommendation 3")
    role: str = "report"  # "response" for a response document's copy of a recommendation
    stance: str | None = None  # a response item's own stance (see ``bot.recs.stance``)
    answer: str | None = None  # a response item's answer: the sentence giving its stance
    # The responses that answer this recommendation: {file, stance, answer, date, doc_id,
    # doc_title, id}; a response item whose report is not in the library lists itself.
    responses: list[dict] = field(default_factory=list)
    report_file: str | None = None  # the report's file; None for a response item left alone
    note: str | None = None  # e.g. "response to a report not in the library"
    key: str = ""
    linked_keys: list[str] = field(default_factory=list)  # the responses' keys (statuses too)
    status_log_id: int | None = None  # the audit-trail row of the current status


def is_overdue(rec: Recommendation, today: dt.date | None = None) -> bool:
    """Due before ``today`` (default: today) and not implemented, rejected or superseded."""
    return bool(rec.due and rec.due < (today or dt.date.today()) and rec.status not in CLOSED)


def parse_status(text: str | None) -> str:
    """The stored status for what someone typed or picked ("In progress", "done", ...).
    Raises RecommendationError naming the statuses for anything else."""
    typed = " ".join((text or "").strip().lower().split())
    status = STATUS_ALIASES.get(typed, typed.replace(" ", "-"))
    if status not in STATUSES:
        raise RecommendationError(
            f"Unknown status “{_quoted(typed)}”: use one of {', '.join(STATUSES)}."
        )
    return status


def _quoted(text: str, limit: int = 40) -> str:
    """Typed text quoted back in an error message: short, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
