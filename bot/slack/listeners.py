"""How a Slack listener is registered in rocu: ack first, answer after (issue 15).

The Bolt app runs with ``process_before_response=True``: the HTTP response (the ack Slack needs
within 3 s) goes back when the listener registered for a request returns. So every listener is
registered with ``acked(listen, work)``: a tiny ack function runs on the request thread, and
``work`` runs afterwards on the answer pool (Bolt's lazy listeners), after the acks in flight::

    from bot.slack.listeners import acked

    def on_add(body, command, client):          # Bolt injects arguments by name, as usual
        ...                                     # search, write, render, post
    acked(app.command("/rocu-add"), on_add)
    acked(app.action("rocu_add_confirm"), on_confirm)
    acked(app.event("file_shared"), on_file)
    acked(app.view("rocu_status"), on_status, ack=validate_status)  # ack(response_action=...)

``ack=`` replaces the plain ``ack()`` when the ack itself must carry something: a modal's
validation errors (``ack(response_action="errors", errors={...})``), or opening a modal with
``client.views_open(trigger_id=...)`` (the trigger expires 3 s after the click: register the
listener that opens it with ``acked_apart``, which hands it to the posting pool at the ack, never
behind the answers in flight). Post answers with ``bot.slack.once.respond_once`` /
``post_once`` so they go out exactly once.
"""

from __future__ import annotations

import functools
import inspect

from bot.library import waits
from bot.slack import http


def acked(listen, work, ack=None) -> None:
    """Register ``work`` the ack-first way: Slack gets its HTTP 200 at once from the request
    thread, and ``work`` runs afterwards on the answer pool (Bolt's lazy listeners), so a slow
    answer never delays an ack. ``listen`` is what ``app.command(...)``, ``app.action(...)``,
    ``app.event(...)``, ``app.view(...)``, ``app.shortcut(...)`` return; ``ack`` replaces the
    plain ``ack()`` when the ack itself must say something (a modal's validation errors, a
    ``views.open`` with the trigger_id, which expires in 3 s). Every listener must be registered
    this way: the app runs with ``process_before_response=True``, so a listener registered plainly
    would hold its request until it finished."""
    listen(ack=_within_ack_budget(ack) if ack else _ack_now, lazy=[_after_acks(work)])


# Opening a modal (``views.open``) went through the answer pool, queued behind the answers in
# flight, though the click's trigger_id expires 3 s after the click: with 16 answers waiting on
# another writer's lock, a "Set status" or "Search the library" click opened its modal 2.0-2.2 s
# later (round 17). With this on, what only waits on Slack and must be quick (a modal, its
# refusal) is handed to the posting pool the moment it is acked, from the request thread.
# False: on the answer pool, as before.
OPEN_APART = True


def acked_apart(listen, work, deliver) -> None:
    """Register ``work`` to run on the posting pool (``deliver``) as soon as the request is
    acked, handed over from the request thread: never queued behind the answers in flight. For
    work that only waits on Slack and must be quick: opening a modal (the click's trigger_id
    expires 3 s after the click) and the one sentence that says why it was not opened. ``work``
    takes Bolt's arguments by name, as a listener does (``body``, ``action``, ``client``, ...).
    With ``OPEN_APART`` off, or no posting pool (``deliver`` is ``inline``), as ``acked``."""
    if not OPEN_APART or deliver is inline:
        acked(listen, work)
        return
    wanted = list(inspect.signature(work).parameters)

    def ack_then_hand_over(ack, body, action, view, event, command, client, request):
        ack()
        given = {
            "body": body,
            "action": action,
            "view": view,
            "event": event,
            "command": command,
            "client": client,
            "request": request,
        }
        deliver(work, **{name: given[name] for name in wanted})

    listen(ack=ack_then_hand_over, lazy=[])


def _after_acks(work):
    """``work`` that first lets the acks in flight finish (at most ``ANSWER_YIELDS_S``), then
    runs with the answer's write budget (``waits.ANSWER_BUDGET``: a write the person waits on
    gives up, busy, rather than wait out another process's long write). The budget runs from when
    the request arrived (the HTTP front and the Socket Mode handler start it, and the answer pool
    carries it over); from here when nothing started it. Bolt reads the wrapped function's
    parameters through ``functools.wraps``."""

    @functools.wraps(work)
    def after_acks(*args, **kwargs):
        http.ACKING.wait_idle(http.ANSWER_YIELDS_S)
        with waits.budget(waits.ANSWER_BUDGET):
            return work(*args, **kwargs)

    return after_acks


def _within_ack_budget(ack):
    """An ack function that writes (a modal's save) with the ack's write budget
    (``waits.ACK_BUDGET``), so the HTTP answer stays inside Slack's 3 seconds."""

    @functools.wraps(ack)
    def within_budget(*args, **kwargs):
        with waits.budget(waits.ACK_BUDGET):
            return ack(*args, **kwargs)

    return within_budget


def _ack_now(ack) -> None:
    ack()


def inline(fn, *args, **kwargs) -> None:
    """A ``deliver`` that posts on the calling thread (the answer pool): what listeners other than
    the general answers did before round 16, and do with ``app.OTHERS_POST_APART`` off."""
    fn(*args, **kwargs)


# Slack re-sends an event whose ack came late (``X-Slack-Retry-Reason: http_timeout``): the first
# delivery reached a process, which is answering it. While another writer holds the store's lock
# past the answer's budget, the record of answers sent cannot be written, and a re-delivery that
# reached a second process (two apps on one store) was answered again: twice in the thread
# (round 17). With this on, such a re-delivery is not answered when its record cannot be read or
# written; any other delivery still is (an answer matters more than the record). Empty: as before.
ANSWERED_ELSEWHERE_REASONS = frozenset({"http_timeout"})


def answered_elsewhere(request) -> bool:
    """Whether this delivery is Slack's re-sending of an event a process already took (its first
    delivery was acked late), so it is not answered when that cannot be checked."""
    reason = (request.headers.get("x-slack-retry-reason") or [None])[0] if request else None
    return retry_num(request) is not None and reason in ANSWERED_ELSEWHERE_REASONS


def retry_num(request) -> int | None:
    """Slack's ``X-Slack-Retry-Num`` for a re-delivered event (None on the first delivery)."""
    value = (request.headers.get("x-slack-retry-num") or [None])[0] if request else None
    return int(value) if value and str(value).isdigit() else None
