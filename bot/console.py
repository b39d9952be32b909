"""``rocu shell``: the `/rocu` command language at a local prompt, answered as terminal text.

The same ``bot.commands`` routing and sessions the Slack app uses, rendered by
``bot.render.text``, so what a person sees here is what Slack would say. On a terminal there is a
prompt with readline history (kept in ``~/.rocu_history``); otherwise lines are read from stdin
until its end, so
``echo "/rocu county lines" | rocu shell`` prints one answer and exits.

Beyond `/rocu` lines the console understands ``more`` / ``back`` (the next or previous page of
the last answer), ``quit``, and ``recs --set-status ID STATUS [--note TEXT]`` (the command line's
form, which a recommendation's card names): the team's view recorded as Slack's "Set status"
records it, with who (the local user) and when.
"""

from __future__ import annotations

import getpass
import os
import re
import shlex
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

import sqlite_utils

from bot import commands
from bot.library import waits
from bot.library.store import StoreError, explain
from bot.render.blocks import INVISIBLE
from bot.render.text import reply_text

PROMPT = "rocu> "
HISTORY_FILE = Path(os.environ.get("ROCU_HISTORY", Path.home() / ".rocu_history"))
WELCOME = (
    "rocu console: type /rocu lines (e.g. /rocu define ROCU) or just words to search. "
    "`help` lists the commands, `more` shows the next page, `quit` leaves."
)
QUIT = {"quit", "exit", "q", ":q"}
# Direction overrides and control characters typed or pasted into a line are dropped before it is
# answered, as Slack's blocks drop them (bot.render.blocks.INVISIBLES_REMOVED): echoed back, a
# right-to-left override turned the rest of the line round. False: kept, as before.
TYPED_INVISIBLES_REMOVED = True


# The console sets a status as Slack's "Set status" does: ``recs --set-status ID STATUS [--note
# TEXT]`` (the form a card names) records the change with who (the local user, as ``rocu recs
# --set-status`` records it) and when; ``help`` says how. It could not set one at all (the
# round-12 walk). False: the line is answered as Slack answers it (the option named as the
# command line's).
CONSOLE_SETS_STATUS = True
CONSOLE_STATUS_HELP = (
    "In this console: `recs --set-status ID STATUS [--note TEXT]` records the team's view of a "
    "recommendation (STATUS: open, accepted, in-progress, implemented, rejected or superseded), "
    "kept in its history with your name ({user}) and the time, as Slack's “Set status” keeps it."
)


def local_user() -> str | None:
    """Who is at the console: $USER (or $USERNAME), else the login name."""
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = None
    return name or None


def status_request(line: str) -> tuple[str, str, str | None] | str | None:
    """(id, status, note) from ``recs --set-status ID STATUS [--note TEXT]``; a sentence saying
    how to write it when it is malformed; None for any other line."""
    name, argument = commands.parse(line)
    if commands.SUBCOMMANDS.get(name) is not commands.SUBCOMMANDS.get("recs"):
        return None
    if argument.split(" ", 1)[0].lower() != "--set-status":
        return None
    try:
        words = shlex.split(argument)[1:]
    except ValueError:
        words = argument.split()[1:]
    note = None
    if "--note" in words:
        at = words.index("--note")
        note, words = " ".join(words[at + 1 :]) or None, words[:at]
    if len(words) < 2:
        return (
            "Write it as `recs --set-status ID STATUS [--note TEXT]`, e.g. `recs --set-status "
            "r1a2b3c accepted --note agreed at the board`."
        )
    return words[0], " ".join(words[1:]), note


CLI_FORM = re.compile(r"^\s*rocu\s+(?P<name>\S+)", re.IGNORECASE)


def _as_console_line(raw: str) -> str:
    """``rocu define X`` (the command line's form, which answers here suggest, such as "To look
    for it in the documents: rocu search X") read as ``define X``. Only before a subcommand:
    ``rocu funding`` stays a search for both words, as in Slack."""
    match = CLI_FORM.match(raw or "")
    if match and match["name"].lower().lstrip("/") in commands.SUBCOMMANDS:
        return raw[match.start("name") :]
    return raw


class Console:
    """One person's session (``bot.commands.Session``: ``more`` pages through the last line),
    answered as terminal text."""

    def __init__(
        self, db: sqlite_utils.Database, bold: bool = False, notices: TextIO | None = None
    ) -> None:
        self.db = db
        self.bold = bold
        self.session = commands.Session()
        self.notices = notices  # where "waiting for another writer" is said (None: stderr)

    def tell(self, sentence: str) -> None:
        """Say at once, before the answer, that the line waits for another writer."""
        stream = self.notices or sys.stderr
        stream.write(sentence + "\n")
        stream.flush()

    def answer(self, raw: str) -> str | None:
        """The text for one typed line; None to quit, "" for a blank line. A line that waits
        for another writer says so after ``waits.NOTICE_AFTER`` seconds and gives up after
        ``waits.TERMINAL_BUDGET`` (an ``add`` waits its turn as long as it takes)."""
        handler = commands.SUBCOMMANDS.get(commands.parse(_as_console_line(raw))[0])
        long_job = handler is not None and handler is commands.SUBCOMMANDS.get("add")
        seconds = None if long_job else waits.TERMINAL_BUDGET
        with waits.budget(seconds), waits.telling(self.tell, seconds):
            try:
                return self._answer(raw)
            except StoreError as exc:  # busy past the budget, or the store cannot be used
                return str(exc)
            except sqlite3.DatabaseError as exc:  # SQLite's own wait ran out: a sentence
                return str(explain(exc))

    def _answer(self, raw: str) -> str | None:
        typed = INVISIBLE.sub("", raw).strip()  # a line of escape sequences alone is answered
        if TYPED_INVISIBLES_REMOVED:  # a typed direction override would turn the echo round
            # a terminal's escape sequence first, whole (`\x1b[1m`): dropping its escape alone
            # left "[1m" stuck to the word typed after it
            raw = INVISIBLE.sub("", commands.without_controls(raw))
        line = commands.route(_as_console_line(raw))
        if line.lower() in QUIT:
            return None
        if not (typed if TYPED_INVISIBLES_REMOVED else raw.strip()):
            return ""
        if CONSOLE_SETS_STATUS:
            asked = status_request(line)
            if asked is not None:
                return self.set_status(asked)
        try:
            reply = self.session.answer(self.db, line, commands.Context(user="console"))
        except Exception as exc:  # noqa: BLE001 - a prompt must survive any bug
            return f"Sorry, something went wrong answering that ({type(exc).__name__})."
        reply.extra.setdefault("bold", self.bold)
        text = reply_text(reply)
        if CONSOLE_SETS_STATUS and reply.kind == "help":
            text += "\n\n" + CONSOLE_STATUS_HELP.format(user=local_user() or "unknown")
        # a glossary page says "`more` for the next page" itself
        if reply.kind not in ("usage", "glossary_page") and commands.has_more(reply):
            text += "\n\n(`more` for the next results)"
        return text

    def set_status(self, asked: tuple[str, str, str | None] | str) -> str:
        """``recs --set-status``: the change recorded with the local user and the time."""
        if isinstance(asked, str):
            return asked
        from bot.recs import tracker
        from bot.render import recs as render_recs
        from bot.render import tracker as render_tracker

        rec_id, status, note = asked
        try:
            rec = tracker.set_status(self.db, rec_id, status, by=local_user(), note=note)
        except tracker.RecommendationError as exc:
            return str(exc)
        change = render_tracker.latest_change(rec) or rec.status
        return f"Recorded: {change}.\n\n" + render_recs.rec_text(rec)


def run(
    db: sqlite_utils.Database,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    interactive: bool | None = None,
    notices: TextIO | None = None,
) -> int:
    """Answer lines until ``quit`` or the end of input. Returns an exit code. ``notices``: where
    a line waiting for another writer says so (default stderr)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if interactive is None:
        interactive = stdin.isatty() and stdout.isatty()
    console = Console(db, bold=interactive, notices=notices)
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
