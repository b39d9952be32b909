"""``rocu shell``: the `/rocu` command language at a local prompt, answered as terminal text.

The same ``bot.commands.dispatch`` the Slack app uses, rendered by ``bot.render.text``, so what a
person sees here is what Slack would say. On a terminal there is a prompt with readline history
(kept in ``~/.rocu_history``); otherwise lines are read from stdin until its end, so
``echo "/rocu county lines" | rocu shell`` prints one answer and exits.

Beyond `/rocu` lines the console understands ``more`` / ``back`` (the next or previous page of
the last answer) and ``quit``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

import sqlite_utils

from bot import commands
from bot.render.text import reply_text

PROMPT = "rocu> "
HISTORY_FILE = Path(os.environ.get("ROCU_HISTORY", Path.home() / ".rocu_history"))
WELCOME = (
    "rocu console: type /rocu lines (e.g. /rocu define ROCU) or just words to search. "
    "`help` lists the commands, `more` shows the next page, `quit` leaves."
)
QUIT = {"quit", "exit", "q", ":q"}
NEXT_PAGE = {"more", "next", "n"}
PREVIOUS_PAGE = {"back", "previous", "prev", "p"}


class Console:
    """One person's session: remembers the last line, so ``more`` can page through it."""

    def __init__(self, db: sqlite_utils.Database, bold: bool = False) -> None:
        self.db = db
        self.bold = bold
        self.last_line: str | None = None
        self.page = 0
        self.has_more = False

    def answer(self, raw: str) -> str | None:
        """The text for one typed line; None to quit, "" for a blank line."""
        line = raw.strip()
        if line.lower().startswith("/rocu"):
            line = line[len("/rocu") :].strip()
        word = line.lower()
        if word in QUIT:
            return None
        if not raw.strip():
            return ""
        if word in NEXT_PAGE | PREVIOUS_PAGE:
            if self.last_line is None:
                return "Nothing to page through yet: search for something first."
            step = 1 if word in NEXT_PAGE else -1
            if self.page + step < 0:
                return "Already at the first page."
            if step > 0 and not self.has_more:
                return "No more results for that."
            return self._run(self.last_line, self.page + step)
        return self._run(line, 0)

    def _run(self, line: str, page: int) -> str:
        try:
            reply = commands.dispatch(self.db, line, commands.Context(user="console", page=page))
        except Exception as exc:  # noqa: BLE001 - a prompt must survive any bug
            return f"Sorry, something went wrong answering that ({type(exc).__name__})."
        self.last_line, self.page = line, page
        reply.extra.setdefault("bold", self.bold)
        text = reply_text(reply)
        self.has_more = _has_more(reply)
        if self.has_more:
            text += "\n\n(`more` for the next results)"
        return text


def _has_more(reply: commands.Reply) -> bool:
    total = getattr(reply.data, "total", None)
    page_size = reply.extra.get("page_size")
    if not (total and page_size):
        return False
    return (reply.extra.get("page", 0) + 1) * page_size < total


def run(
    db: sqlite_utils.Database,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    interactive: bool | None = None,
) -> int:
    """Answer lines until ``quit`` or the end of input. Returns an exit code."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if interactive is None:
        interactive = stdin.isatty() and stdout.isatty()
    console = Console(db, bold=interactive)
    if interactive:
        return _interactive(console, stdout)
    answered = 0
    for raw in stdin:
        text = console.answer(raw)
        if text is None:
            break
        if text:
            if answered:
                stdout.write("\n")
            stdout.write(text.rstrip() + "\n")
            answered += 1
    if not answered:  # nothing was typed (e.g. stdin closed): say how to use it
        stdout.write(WELCOME + "\n\n" + console.answer("help") + "\n")
    stdout.flush()
    return 0


def _interactive(console: Console, stdout: TextIO) -> int:
    history = _setup_readline()
    stdout.write(WELCOME + "\n")
    try:
        while True:
            try:
                raw = input(PROMPT)
            except KeyboardInterrupt:
                stdout.write("\n")
                continue
            except EOFError:
                stdout.write("\n")
                break
            text = console.answer(raw)
            if text is None:
                break
            if text:
                stdout.write(text.rstrip() + "\n\n")
                stdout.flush()
    finally:
        history()
    return 0


def _setup_readline():
    """Arrow-key editing and history where readline exists; returns a function that saves it."""
    try:
        import readline
    except ImportError:  # pragma: no cover - e.g. some Windows Pythons
        return lambda: None
    try:
        readline.read_history_file(HISTORY_FILE)
    except OSError:
        pass
    readline.set_history_length(1000)

    def save() -> None:
        try:
            readline.write_history_file(HISTORY_FILE)
        except OSError:
            pass

    return save
