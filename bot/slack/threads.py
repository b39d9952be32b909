"""Follow-ups in a thread rocu answered in (``bot.commands.thread_answer``).

A mention or a direct message is answered in its thread; that thread then has a topic (its
first look-up). ``@rocu more`` there pages the thread's last answer, ``@rocu define X`` answers in
the thread, and a follow-up question is searched with the topic as context. The thread's state
is in the store (``bot.library.threads``), so anyone in the thread may ask and a restart forgets
nothing. ``more`` where rocu has not answered yet pages the person's own last line, as before.
"""

from __future__ import annotations

from bot import commands


def thread_key(event: dict) -> str | None:
    """Where a mention or message's answer goes: its workspace, channel and thread."""
    thread = event.get("thread_ts") or event.get("ts")
    if not (thread and event.get("channel")):
        return None
    return f"{event.get('team') or ''}:{event['channel']}:{thread}"


class Conversation:
    """Answers a line in a thread (``answer(db, text, context)``, as ``commands.Session`` does);
    ``shown`` is then the line and page the answer shows, for its buttons."""

    def __init__(self, key: str | None, session: commands.Session) -> None:
        self.key, self.session = key, session
        self.shown: tuple[str, int] = ("", 0)

    def answer(self, db, text: str, context: commands.Context) -> commands.Reply:
        self.shown = (commands.route(text), 0)
        reply = commands.thread_answer(db, self.key, text, context) if self.key else None
        if reply is None:  # `more` where rocu has not answered: the person's own session
            reply = self.session.answer(db, text, context)
            paging = commands.route(text).lower() in commands.NEXT_PAGE | commands.PREVIOUS_PAGE
            if paging and self.session.last_line:
                self.shown = (self.session.last_line, self.session.page)
            return reply
        self.shown = (reply.extra.get("line") or self.shown[0], int(reply.extra.get("page", 0)))
        with self.session.lock:  # the person's own `more` outside the thread pages it too
            self.session.last_line, self.session.page = self.shown
            self.session.has_more = commands.has_more(reply)
        return reply
