"""The recommendation tracker in Slack and the terminal: the status control on each card, the
status modal, the history (audit trail) and the export reply.

* Each card gets a "Set status" button (``ACTION_STATUS``); its value carries the recommendation
  id and the ``/rocu`` line (and page) of the message it sits in, so the message can be redrawn
  once the status changes (``status_value`` / ``read_status_value``).
* ``status_modal`` is the view ``views.open`` shows: the recommendation, its history, a
  ``static_select`` of statuses and a ``plain_text_input`` note. Its ``callback_id`` is
  ``STATUS_CALLBACK``; the block and action ids of the inputs are ``STATUS_BLOCK``/``STATUS_INPUT``
  and ``NOTE_BLOCK``/``NOTE_INPUT``.
"""

from __future__ import annotations

import datetime as dt
import json

from bot.recs import item
from bot.recs.tracker import STATUS_LABELS
from bot.render import blocks as bk

ACTION_STATUS = "rocu_status"
STATUS_CALLBACK = "rocu_status_modal"
STATUS_BLOCK, STATUS_INPUT = "status", "status_select"
NOTE_BLOCK, NOTE_INPUT = "note", "note_input"
MAX_NOTE = 1000  # the note input's max_length (bot.recs.tracker.MAX_NOTE)
MAX_METADATA = 3000  # Slack's limit on a view's private_metadata
MODAL_HISTORY = 10  # changes shown in the modal (newest last)
OVERDUE_MARK = "OVERDUE"
OVERDUE_EMOJI = ":warning:"


# The modal of an item with no status yet, beside "Response: accepted", says the two apart (with
# ``bot.render.text.TEAM_STATUS_SAID``). False: "No status set yet: it is *open*.", as before.
NO_STATUS_SAID_APART = True


def label(status: str) -> str:
    """A status as every front end shows it (``bot.recs.item.status_label``)."""
    return item.status_label(status)


# A person's own words in a status line (a display name, a note) are shown as typed: their ``*``,
# ``_``, ``~`` and backticks were Slack mark-up inside the italic status line ("_Status accepted by
# Jo_Ann ..._" ended the italics at "Jo"; "*urgent*" bolded). Shown as look-alikes that Slack
# leaves alone, as a document's are (``bot.render.blocks.LOOKALIKES``). False: as before.
PEOPLES_WORDS_LITERAL = True
_PERSON_LOOKALIKE = str.maketrans({"*": "\u2217", "~": "\u223c", "`": "\u02cb", "_": "\u02cd"})


def words_mrkdwn(text: str) -> str:
    """A status line or history line for mrkdwn: escaped, and (``PEOPLES_WORDS_LITERAL``) its
    ``*``, ``_``, ``~`` and backticks shown as look-alikes."""
    text = bk.escape(text)
    return text.translate(_PERSON_LOOKALIKE) if PEOPLES_WORDS_LITERAL else text


def when_set(at: str | None) -> str:
    """``2026-11-20T09:30:00+00:00`` -> ``2026-11-20 09:30 UTC``."""
    if not at:
        return "at an unknown time"
    day, _, time = at.partition("T")
    return f"{day} {time[:5]} UTC" if time else day


# Slack says dates as the digest does ("16 Jan 2025") and a status change's time in each reader's
# own time zone and clock (Slack's date formatting, the UTC time its fallback): the list, the
# cards and the status modal said "2025-01-16" and "on 2026-12-07 06:22 UTC" to a team on London
# time, an hour out all summer (round 15's walk). The console, the exports and the stored audit
# trail keep ISO dates and UTC. False: as before.
SLACK_TIMES = True


def human_date(value) -> str:
    """``2025-07-18`` (or a date) -> ``18 Jul 2025``, ``2025-11`` -> ``Nov 2025``, as the digest
    says them; a year, or anything else, as it is."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    text = str(value or "")
    try:
        if len(text) == 10:
            return human_date(dt.date.fromisoformat(text))
        if len(text) == 7:
            return f"{dt.date.fromisoformat(text + '-01'):%b %Y}"
    except ValueError:
        pass
    return text


def slack_time(at: str | None) -> str | None:
    """A stored time (ISO) as Slack's date formatting shows it to each reader ("December 7th, 2026
    at 06:22" in their own zone), its UTC time the fallback; None when unknown or switched off."""
    if not SLACK_TIMES or not at:
        return None
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    utc = moment.astimezone(dt.UTC)
    fallback = f"{utc.day} {utc:%b %Y %H:%M} UTC"
    # {date} ("December 7th, 2026"), not {date_short}: an underscore would end the italics the
    # list's status line sits in.
    return f"<!date^{int(moment.timestamp())}^{{date}} at {{time}}|{fallback}>"


def change_mrkdwn(
    status: str, by: str | None, by_id: str | None, at: str | None, note, limit: int = 600
) -> str:
    """One change of status for Slack: ``change_text``'s words, the time as ``slack_time``, cut
    to about ``limit`` characters as plain text."""
    stamp = slack_time(at)
    if stamp is None:
        return words_mrkdwn(bk.truncate(change_text(status, by, by_id, at, note), limit))
    head = f"{label(status)} by {who(by, by_id)}"
    text = words_mrkdwn(bk.truncate(head, limit)) + " on " + stamp
    if note:
        room = max(limit - len(head) - len(when_set(at)) - 7, 40)
        text += " — " + words_mrkdwn(bk.truncate(note, room))
    return text


def latest_change_mrkdwn(rec) -> str | None:
    """``latest_change`` for Slack (``change_mrkdwn``)."""
    if not (rec.status_by or rec.status_by_id or rec.status_at):
        return None
    return change_mrkdwn(
        rec.status, rec.status_by, rec.status_by_id, rec.status_at, rec.status_note
    )


def history_mrkdwn(rec) -> list[str]:
    """``history_lines`` for Slack (``change_mrkdwn``), oldest first."""
    return [
        change_mrkdwn(h["status"], h.get("by"), h.get("by_id"), h.get("at"), h.get("note"))
        for h in rec.history
    ]


def who(entry_by: str | None, entry_by_id: str | None) -> str:
    if entry_by and entry_by_id:
        return f"{entry_by} ({entry_by_id})"
    return entry_by or entry_by_id or "someone"


def change_text(status: str, by: str | None, by_id: str | None, at: str | None, note) -> str:
    """One change of status, as plain text: "accepted by Ann (U1) on 2026-11-20 09:30 UTC — ok"."""
    text = f"{label(status)} by {who(by, by_id)} on {when_set(at)}"
    return text + (f" — {note}" if note else "")


def latest_change(rec) -> str | None:
    """The change that set the current status, or None while it was never set."""
    if not (rec.status_by or rec.status_by_id or rec.status_at):
        return None
    return change_text(rec.status, rec.status_by, rec.status_by_id, rec.status_at, rec.status_note)


def history_lines(rec) -> list[str]:
    """Every change, oldest first, as plain text."""
    return [
        change_text(h["status"], h.get("by"), h.get("by_id"), h.get("at"), h.get("note"))
        for h in rec.history
    ]


# -- Slack: the status control ---------------------------------------------------------------


# Past this many characters, a "Set status" button names the message's line by a short key kept
# server-side (``bot.render.blocks.keep_line``) rather than carrying it on every card: a
# 2,700-character filter on each of ten cards pushed cards out of the message (the round-12 walk).
# With ``bot.render.blocks.LINES_BY_KEY`` off: as before (the line on each card, and past 2,000
# characters the card alone redrawn).
STATUS_LINE_INLINE = 200


def status_value(rec_id: str, line: str, page: int = 0) -> str:
    """A "Set status" button's value: the recommendation and the message's line (or its key)
    and page."""
    line = " ".join(str(line).split())
    if bk.LINES_BY_KEY and len(line) > STATUS_LINE_INLINE:
        return bk.keyed_value(line, page, r=rec_id)
    value = json.dumps({"r": rec_id, **json.loads(bk.action_value(line, page))})
    if len(value) > bk.MAX_BUTTON_VALUE:  # a very long filter: redraw the card on its own
        value = json.dumps({"r": rec_id, "t": f"recs {rec_id}", "p": 0})
    return value


def read_status_value(value: str | None) -> tuple[str, str, int]:
    """(recommendation id, line, page) from a "Set status" button's value; a line kept by a key
    this process no longer holds (a restart) is the recommendation's own card."""
    try:
        data = json.loads(value or "")
        rec_id = str(data["r"])
    except (ValueError, TypeError, KeyError):
        return "", "help", 0
    fields = {k: data[k] for k in ("t", "k", "p") if k in data}
    line, page = bk.read_action_value(json.dumps({"t": "", **fields}))
    return rec_id, line or f"recs {rec_id}", page


def target_date(rec, answer: dict) -> str | None:
    """ "target date 2027-03-31": the response's own due date for the item
    (``bot.recs.links.RESPONSE_TARGET_DATES``), unless it is the item's own."""
    due = answer.get("due")
    own = rec.due.isoformat() if getattr(rec, "due", None) else None
    return f"target date {due}" if due and due != own else None


def status_button(rec, line: str, page: int = 0, n: int = 0) -> dict:
    return bk.button(
        "Set status",
        f"{ACTION_STATUS}_{n}",
        status_value(rec.id, line, page),
    )


def _option(status: str) -> dict:
    return {"text": bk.plain(label(status), 75), "value": status}


def status_modal(
    rec, metadata: dict, statuses: tuple[str, ...] | None = None, summary: str | None = None
) -> dict:
    """The modal for changing ``rec``'s status; ``metadata`` (what to redraw afterwards) travels
    in ``private_metadata``; ``summary``: the words the list shows for it (default: its stored
    summary)."""
    statuses = statuses or tuple(STATUS_LABELS)
    history = history_mrkdwn(rec)
    shown = history[-MODAL_HISTORY:]
    blocks = [
        bk.section(f"*{bk.escape(bk.truncate(summary or rec.summary, 2900))}*"),
        bk.context(
            f"`{bk.escape(rec.id)}`",
            "_to_ " + bk.escape(", ".join(rec.addressees) or "addressee not stated"),
            bk.escape(bk.truncate(rec.doc_title, 300)),
        ),
    ]
    for answer in (getattr(rec, "responses", None) or [])[:5]:
        said = answer.get("stance") or "answered, no stance stated"
        where = answer.get("doc_title") or answer.get("file") or ""
        date = answer.get("date")
        date = (human_date(date) if SLACK_TIMES else date) or "undated"
        line = f"Response: {said} · {where} · {date}"
        target = target_date(rec, answer)
        line += f" · {target}" if target else ""
        blocks.append(bk.context(bk.escape(bk.truncate(line, 600))))
    if rec.overdue:
        due = human_date(rec.due) if SLACK_TIMES else rec.due.isoformat()
        blocks.append(bk.context(f"{OVERDUE_EMOJI} *Overdue*: due {due}"))
    if shown:
        lines = [f"*History* ({len(history)} change{'s' if len(history) != 1 else ''})"]
        if len(history) > len(shown):
            lines.append(f"_…{len(history) - len(shown)} earlier not shown_")
        lines += ["• " + h for h in shown]
        blocks += bk.sections("\n".join(lines))
    else:
        said = "The team has set no status yet: it is *open*."
        if getattr(rec, "responses", None) and not NO_STATUS_SAID_APART:
            said = "No status set yet: it is *open*."
        elif getattr(rec, "responses", None):
            said += " A response's stance above is its author's answer, not the team's status."
        elif not NO_STATUS_SAID_APART:
            said = "No status set yet: it is *open*."
        blocks.append(bk.context(said))
    select = {
        "type": "static_select",
        "action_id": STATUS_INPUT,
        "placeholder": bk.plain("Choose a status", 150),
        "options": [_option(s) for s in statuses],
    }
    if rec.status in statuses:
        select["initial_option"] = _option(rec.status)
    note = {
        "type": "plain_text_input",
        "action_id": NOTE_INPUT,
        "multiline": True,
        "max_length": MAX_NOTE,
        "placeholder": bk.plain("Why, or what happens next (kept in the history)", 150),
    }
    blocks += [
        {
            "type": "input",
            "block_id": STATUS_BLOCK,
            "label": bk.plain("Status", 2000),
            "element": select,
        },
        {
            "type": "input",
            "block_id": NOTE_BLOCK,
            "optional": True,
            "label": bk.plain("Note", 2000),
            "element": note,
        },
    ]
    meta = json.dumps(metadata, separators=(",", ":"))
    if len(meta) > MAX_METADATA:
        meta = json.dumps({"r": metadata.get("r")}, separators=(",", ":"))
    return {
        "type": "modal",
        "callback_id": STATUS_CALLBACK,
        "title": bk.plain(f"Status of {rec.id}", 24),
        "submit": bk.plain("Save", 24),
        "close": bk.plain("Cancel", 24),
        "private_metadata": meta,
        "blocks": bk.fit(blocks, 100),
    }


def modal_values(view: dict) -> tuple[str | None, str]:
    """(status picked, note typed) from a submitted status modal's ``state``."""
    values = (view.get("state") or {}).get("values") or {}
    option = (values.get(STATUS_BLOCK, {}).get(STATUS_INPUT) or {}).get("selected_option") or {}
    note = (values.get(NOTE_BLOCK, {}).get(NOTE_INPUT) or {}).get("value") or ""
    return option.get("value"), note


def message_view(title: str, text: str) -> dict:
    """A small modal that only says something (e.g. why a status cannot be set)."""
    return {
        "type": "modal",
        "title": bk.plain(title, 24),
        "close": bk.plain("Close", 24),
        "blocks": [bk.section(bk.escape(text))],
    }


# -- the export reply ------------------------------------------------------------------------


def export_text(reply) -> str:
    data = reply.data
    count = len(data["recs"])
    what = f"{count} recommendation{'s' if count != 1 else ''}"
    if data["filter"]:
        what += f" matching “{data['filter']}”"
    return (
        f"Export: {what} as {data['format'].upper()}. In Slack, `/rocu recs export` posts the "
        "spreadsheet in the channel; in a terminal, `rocu recs [FILTER] --csv [FILE]` or "
        "`--xlsx FILE` writes it."
    )


def export_blocks(reply) -> list[dict]:
    return [bk.section(bk.escape(export_text(reply)))]
