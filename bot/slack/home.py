"""The App Home tab: published fresh each time a person opens it (``app_home_opened`` ->
``views.publish``), with what ``bot.digest.home`` finds for them and ``bot.render.home`` draws.

Its controls:

* the addressee select filters the due recommendations (the tab is published again);
* "Search the library" opens a modal; the answer comes as a direct message from rocu, with the
  usual buttons (more results, 👍 / 👎);
* "Add a document" (editors only: ``ROCU_EDITORS``) opens a modal for a link, added as
  ``/rocu add`` adds it, its card in a direct message;
* "Export the tracker" uploads the recommendation tracker to the person's direct messages.

Every listener acks first (``listeners.acked``); modals are opened first thing after the ack,
while the click's trigger is fresh.
"""

from __future__ import annotations

import functools
import logging
import re
import threading

from bot import commands
from bot.digest.home import build_home
from bot.render import blocks
from bot.render import home as render
from bot.slack import editors
from bot.slack.listeners import acked, acked_apart, inline
from bot.slack.once import post_once

log = logging.getLogger("rocu.slack")
LINK = re.compile(r"https?://[^\s<>|]+")


class HomeTab:
    """What the Home listeners share: the settings, the library, the general ``answer`` (which
    logs and never raises) and each person's addressee filter."""

    def __init__(self, settings, library, answer, person, app, deliver=inline) -> None:
        self.settings, self.library, self.answer, self.app = settings, library, answer, app
        self.deliver = deliver  # where views.publish goes (the posting pool: see bot.slack.app)
        self.person = person  # Context -> the Context with the person's name and editor check
        self.ledger = library.ledger
        self.filters: dict[str, str | None] = {}
        self.lock = threading.Lock()


def register(app, settings, library, answer, person, deliver=inline) -> None:
    """The Home tab's listeners. ``answer(library, line, context)`` answers a line as every
    listener does; ``person(context, client)`` adds what only Slack knows about the person;
    ``deliver(fn, *args)`` runs a post where it may wait on Slack (the posting pool)."""
    shared = HomeTab(settings, library, answer, person, app, deliver)

    def bind(listener):
        bound = functools.partial(listener, shared)  # Bolt sees the arguments after ``shared``
        bound.__name__ = listener.__name__
        return bound

    acked(app.event("app_home_opened"), bind(on_home_opened))
    acked(app.action(render.ACTION_ADDRESSEE), bind(on_filter))
    acked_apart(app.action(render.ACTION_SEARCH), bind(on_search_button), deliver)
    acked_apart(app.action(render.ACTION_ADD), bind(on_add_button), deliver)
    acked(app.action(render.ACTION_EXPORT), bind(on_export_button))
    acked(app.view(render.SEARCH_VIEW), bind(on_search_submitted), ack=validate_search)
    acked(app.view(render.ADD_VIEW), bind(on_add_submitted), ack=validate_add)


def publish(shared: HomeTab, client, user: str | None) -> None:
    """Draw the person's Home tab afresh."""
    if not user:
        return
    with shared.lock:
        addressee = shared.filters.get(user)
    try:
        home = build_home(shared.library.db(), user, addressee)
        view = render.home_view(home, editor=editors.may_edit(client, user))
    except Exception as exc:  # noqa: BLE001 - a tab that cannot be drawn is logged, not raised
        log.warning("home tab not published: %s", type(exc).__name__)
        return
    shared.deliver(_publish, client, user, view, len(home.new), len(home.due))


def _publish(client, user: str, view: dict, new: int, due: int) -> None:
    """``views.publish``, on the posting pool: Slack may be slow to take it."""
    try:
        client.views_publish(user_id=user, view=view)
    except Exception as exc:  # noqa: BLE001 - a tab that cannot be drawn is logged, not raised
        log.warning("home tab not published: %s", type(exc).__name__)
        return
    log.info("home tab published: new=%d due=%d", new, due)


def on_home_opened(shared: HomeTab, event, client):
    if event.get("tab", "home") != "home":
        return  # the Messages tab: nothing to draw
    publish(shared, client, event.get("user"))


def on_filter(shared: HomeTab, body, action, client):
    """The addressee select: the due list for one addressee (or everyone)."""
    user = (body.get("user") or {}).get("id")
    chosen = ((action.get("selected_option") or {}).get("value")) or render.EVERYONE
    with shared.lock:
        shared.filters[user] = None if chosen == render.EVERYONE else chosen
    publish(shared, client, user)


def on_search_button(shared: HomeTab, body, client):
    _open(shared, client, body, render.search_modal(), "Search the library")


def on_add_button(shared: HomeTab, body, client):
    user = (body.get("user") or {}).get("id")
    if not editors.may_edit(client, user):
        say(shared, client, user, editors.refusal(client), key=None, mrkdwn=True)
        return
    _open(shared, client, body, render.add_modal(), "Add a document")


# A Home button whose modal Slack would not open (its trigger expired, Slack failed) did nothing
# the person could see: the click was logged, and nothing said (round 17). With this sentence it is
# said in their direct messages, as a card's "Set status" and "Edit details" say it. Empty: not.
NOT_OPENED = "Slack did not open the form in time: please click “{button}” again."


def _open(shared: HomeTab, client, body: dict, view: dict, button: str) -> None:
    try:
        client.views_open(trigger_id=body.get("trigger_id"), view=view)
    except Exception as exc:  # noqa: BLE001
        log.warning("home: a modal could not be opened: %s", type(exc).__name__)
        if NOT_OPENED:
            user = (body.get("user") or {}).get("id")
            say(shared, client, user, NOT_OPENED.format(button=button), key=None)


def typed(view: dict) -> str:
    """What was typed in a Home modal's one input."""
    values = (view.get("state") or {}).get("values") or {}
    field = (values.get(render.INPUT_BLOCK) or {}).get(render.INPUT_ACTION) or {}
    return " ".join(str(field.get("value") or "").split())


def dm_channel(client, user: str) -> str:
    """The person's direct-message channel with rocu."""
    opened = client.conversations_open(users=user)
    return (opened.get("channel") or {}).get("id") or user


def on_search_submitted(shared: HomeTab, body, view, client):
    """The search modal: the answer goes to the person's direct messages."""
    user = (body.get("user") or {}).get("id")
    text = typed(view)
    if not user or not text:
        return
    channel = dm_channel(client, user)
    context = commands.Context(user=user, channel=channel, team=(body.get("team") or {}).get("id"))
    reply = shared.answer(shared.library, text, shared.person(context, client))
    key = f"home-search:{view.get('id')}:{view.get('hash')}"
    post = client.chat_postMessage
    shared.deliver(post_once, shared.ledger, key, post, channel=channel, **blocks.message(reply))


# A search box holding only spaces (Slack requires the input, so nothing less arrives) keeps
# the modal open saying what to type; it used to close with no answer at all (round 14). Empty
# turns it off.
BLANK_SEARCH = "Type some words to search for, e.g. county lines."


def validate_search(ack, view):
    """The search modal's ack: some words, or the modal stays open saying what is needed."""
    if BLANK_SEARCH and not typed(view):
        ack(response_action="errors", errors={render.INPUT_BLOCK: BLANK_SEARCH})
        return
    ack()


def validate_add(ack, view):
    """The add modal's ack: a link, or the modal stays open saying what is needed."""
    if not LINK.search(typed(view)):
        ack(
            response_action="errors",
            errors={render.INPUT_BLOCK: "Give a link starting https://, e.g. https://www.gov.uk/…"},
        )
        return
    ack()


def on_add_submitted(shared: HomeTab, body, view, client):
    """The add modal: read the link as ``/rocu add`` does; "Reading …" then the card, in a
    direct message."""
    from bot.slack import adding

    user = (body.get("user") or {}).get("id")
    if not editors.may_edit(client, user):
        say(shared, client, user, editors.refusal(client), key=None, mrkdwn=True)
        return
    adder = getattr(shared.app, "rocu_adding", None)
    work = adding.sources(adder, typed(view), [], client) if adder else []
    if not work:
        return
    channel = dm_channel(client, user)
    for n, (label, job) in enumerate(work[:1]):
        key = f"home-add:{view.get('id')}:{view.get('hash')}:{n}"
        where = adding.Thread(client, channel, None, shared.ledger, key)
        adding.run(adder, where, label, job, user)


def on_export_button(shared: HomeTab, body, client):
    """Export the tracker to the person's direct messages."""
    from bot.slack.tracker import nothing_found, upload_export

    user = (body.get("user") or {}).get("id")
    if not user:
        return
    channel = dm_channel(client, user)
    context = commands.Context(user=user, channel=channel, team=(body.get("team") or {}).get("id"))
    reply = shared.answer(shared.library, "recs export", context)
    key = f"home-export:{body.get('trigger_id')}"

    def tell(text: str) -> None:
        say(shared, client, user, text, key=f"{key}:told", channel=channel)

    if reply.kind != "recs_export":
        tell(" ".join(str(reply.data).split()))
    elif not reply.data["recs"]:
        tell(nothing_found(reply.data["filter"], slack=True))
    else:
        shared.deliver(upload_export, client, tell, context, reply.data)


def say(
    shared: HomeTab,
    client,
    user: str | None,
    text: str,
    key: str | None,
    channel: str | None = None,
    mrkdwn: bool = False,
) -> None:
    """One sentence to the person in their direct messages (``mrkdwn``: already Slack mark-up,
    such as the refusal naming the editors)."""
    if not user:
        return
    shown = text if mrkdwn else blocks.escape(text)
    message = {
        "text": blocks.truncate(shown, blocks.MAX_FALLBACK),
        "blocks": [blocks.section(shown)],
    }
    post_once(shared.ledger, key, client.chat_postMessage, channel=channel or user, **message)
