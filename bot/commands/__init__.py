"""The `/rocu` command language, shared by the Slack app, the local console and the command line.

A line of text (what follows `/rocu`, or what a person wrote to rocu) is routed to a subcommand
and its argument (``route``, ``parse``: "rocu" and "/rocu" in front dropped, "what does X stand
for?" is ``define X``, a line whose first word is no subcommand is a search), the core is called,
and a ``Reply`` comes back: plain data plus how public it should be. A ``Session`` remembers a
person's last line, so that ``more`` and ``back`` page through it. Renderers (``bot.render``) turn
a Reply into Slack blocks or terminal text; front ends only post or print.

This module is the package's face and its router: it declares the command table (``DECLARED``,
in the order `help` lists it) from the feature modules, each of which declares its subcommands as
``Command`` values (a small handler that parses its argument, calls the core and wraps the result
in a Reply), and it routes, checks who may change shared things, and pages. The feature modules:

- ``search``: `search`;
- ``glossary``: `define`, `glossary`;
- ``recs``: `recs` (the tracker, `recs export`);
- ``watches``: `digest`, `watch`, `watches`, `unwatch`;
- ``library``: `docs`, `doc`, `add`, `remove`;
- ``help``: `help`;

over ``citing`` (source links, OCR, citations, the handling-marking rule) and ``reply``
(``Context``, ``Reply``, ``Command``). They import neither this module nor one another
(``lint-imports``); they call the core packages below.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

import sqlite_utils

from bot.commands import glossary, library, recs, search, watches
from bot.commands.citing import doc_markings, doc_urls, keep_private, ocr_docs, rec_citations
from bot.commands.help import help_command
from bot.commands.reply import Command, Context, Handler, Reply
from bot.commands.search import PAGE_SIZE, WEAK_FLAG
from bot.library.store import StoreError, explain
from bot.library.text import cut_at_word

__all__ = [
    "Command", "Context", "Handler", "Reply", "DECLARED", "SUBCOMMANDS", "HELP", "SHOWS",
    "PAGE_SIZE", "WEAK_FLAG", "NEXT_PAGE", "PREVIOUS_PAGE", "MAX_INPUT_CHARS",
    "route", "parse", "dispatch", "lookup_line", "has_more", "may_edit_glossary",
    "Session", "Sessions", "thread_answer", "in_context",
    "doc_markings", "doc_urls", "keep_private", "ocr_docs", "rec_citations",
]  # fmt: skip

MAX_INPUT_CHARS = 4000  # Slack allows 4000 characters of slash-command text
# A line cut to MAX_INPUT_CHARS between words lost a giant last word whole: `/rocu xxxx...` (one
# 5,000-letter word) became `/rocu` and was answered with the usage text, saying nothing of what
# was typed. When the cut between words would keep less than half the limit, it is cut at the
# limit instead (round 14). False: cut between words always.
LONG_WORD_KEPT = True

# -- the command table ---------------------------------------------------------------------------

HELP: list[tuple[str, str]] = []  # (usage, description), in the order shown by `help`

# Every subcommand, in the order `help` lists them.
DECLARED: tuple[Command, ...] = (
    search.SEARCH,
    library.DOCS,
    library.DOC,
    glossary.DEFINE,
    glossary.GLOSSARY,
    recs.RECS,
    help_command(HELP),
    watches.DIGEST,
    watches.WATCH,
    watches.WATCHES,
    watches.UNWATCH,
    library.ADD,
    library.REMOVE,
)

SUBCOMMANDS: dict[str, Handler] = {}  # every name and alias -> its handler
# Subcommands that may change the store: argument -> the look-up line that shows again what the
# line answered (None: there is none). See ``lookup_line``.
SHOWS: dict[Handler, Callable[[str], str | None]] = {}
# Subcommands some of whose lines change shared things: handler -> its declaration.
EDITS: dict[Handler, Command] = {}


def _table(declared: tuple[Command, ...]) -> None:
    for command in declared:
        for name in command.names:
            SUBCOMMANDS[name] = command.handler
        if command.usage:
            HELP.append((command.usage, command.description))
        if command.shows is not None:
            SHOWS[command.handler] = command.shows
        if command.editors_only is not None:
            EDITS[command.handler] = command


_table(DECLARED)


def lookup_line(text: str) -> str | None:
    """The read-only ``/rocu`` line that shows again what ``text`` answered, for the buttons on an
    answer ("More results", "Share in channel", ...) to carry and for what runs a button's line:
    the line itself for a look-up; for a line that changes the store, the look-up of what it
    changed (``define X = Y`` -> ``define X``), or None when there is nothing to look up. So a
    button never runs a write again."""
    name, argument = parse(text)
    shows = SHOWS.get(SUBCOMMANDS[name])
    line = f"{name} {argument}".strip()
    if shows is None:
        return line
    again = shows(argument)
    if again is None:
        return None
    again_name, again_argument = parse(again)
    again_shows = SHOWS.get(SUBCOMMANDS[again_name])
    if again_shows is not None and again_shows(again_argument) != again:
        return None  # what it names would itself change something
    return again


# -- routing a line ------------------------------------------------------------------------------

ASKS_MEANING = re.compile(
    r"^(?:what|wtf)\s+(?:does|do|is|are)\s+(?:an?\s+|the\s+)?(?P<term>.+?)\s+"
    r"(?:stand\s+for|mean|means)\s*\??$",
    re.IGNORECASE,
)
ROCU_PREFIX = re.compile(r"^/rocu\b:?\s*", re.IGNORECASE)  # not "ROCU": a search may start so
NEXT_PAGE = {"more", "next", "n"}
PREVIOUS_PAGE = {"back", "previous", "prev", "p"}


# Control characters in a typed line were kept: a word pasted from a coloured terminal
# (`\x1b[1mfraud\x1b[0m`) was searched as "1mfraud" and "0m" ("No passage holds ..."), and a bell
# or escape typed was echoed back to the person's terminal inside the answer (round 20's walk).
# With this on, a terminal's escape sequences and every other control character (Unicode Cc:
# tabs and line breaks are spaces anyway) are read as a space, on every front end. Format
# characters (right-to-left marks, zero-width joiners in emoji) are kept. False: kept, as before.
CONTROLS_DROPPED = True
TERMINAL_ESCAPE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor keys ("\x1b[A")
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: a window title
    r"|O[ -~]"  # SS3: cursor keys in application mode ("\x1bOA")
    r"|[@-Z\\-_])"  # any other two-character sequence
)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def without_controls(text: str) -> str:
    """``text`` with terminal escape sequences and control characters read as spaces
    (``CONTROLS_DROPPED``)."""
    if not CONTROLS_DROPPED:
        return text
    return CONTROL.sub(" ", TERMINAL_ESCAPE.sub(" ", text))


def route(text: str) -> str:
    """The `/rocu` line a typed line means, on every front end: "/rocu" in front dropped;
    control characters read as spaces (``without_controls``); "what does X stand for?" / "what
    does an X mean" is ``define X``; a question (a line that is no subcommand) loses its question
    mark, and is searched by its words."""
    text = without_controls(text or "")
    cut = cut_at_word(text or "", MAX_INPUT_CHARS)
    if LONG_WORD_KEPT and len(cut) < MAX_INPUT_CHARS // 2 < len(text or ""):
        cut = text[:MAX_INPUT_CHARS]  # one giant word: cut it, rather than lose it whole
    text = " ".join(cut.split())
    text = ROCU_PREFIX.sub("", text)
    match = ASKS_MEANING.match(text)
    if match:
        return "define " + match["term"]
    if text.partition(" ")[0].lower().lstrip("/") not in SUBCOMMANDS:
        text = text.rstrip("?").strip()
    return text


# A line is cut to MAX_INPUT_CHARS before it is read, so a 10,000-letter `define` was told "3993
# characters; the most is 100": the refusal right, the count the cut line's (round 20's walk). With
# this on, `define` is told the length of its argument as typed (never the text). False: as before.
REAL_LENGTH_SAID = True


def _argument_chars(text: str) -> int:
    """The length of a line's argument as typed, before the line was cut (spaces collapsed)."""
    whole = ROCU_PREFIX.sub("", " ".join(without_controls(text or "").split()))
    return len(whole.partition(" ")[2].strip())


def parse(text: str) -> tuple[str, str]:
    """(subcommand, argument) of a line (``route``d first). Text whose first word is not a
    subcommand is a search."""
    text = route(text)
    if not text:
        return "help", ""
    first, _, rest = text.partition(" ")
    name = first.lower().lstrip("/")
    if name in SUBCOMMANDS:
        return name, rest.strip()
    return "search", text


def dispatch(db: sqlite_utils.Database, text: str, context: Context | None = None) -> Reply:
    """Answer one `/rocu` line. Never raises for anything a user can type."""
    name, argument = parse(text)
    context = context or Context()
    if REAL_LENGTH_SAID and name == "define" and len(text or "") > MAX_INPUT_CHARS:
        context = replace(context, typed_chars=_argument_chars(text))
    handler = SUBCOMMANDS[name]
    try:
        edits = EDITS.get(handler)
        if edits and edits.editors_only(argument) and not may_edit_glossary(db, context):
            reply = _refuse(context, edits)
        else:
            reply = handler(db, argument, context)
    except (sqlite3.DatabaseError, StoreError) as exc:  # damaged, full or busy: say so plainly
        message = str(exc) if isinstance(exc, StoreError) else str(explain(exc))
        return Reply("error", message, command=name, public=False)
    reply.command = reply.command or name
    if name == "search" and COMMAND_TYPO_HINT and argument == route(text):
        _hint_command(reply, argument)
    return reply


# A command name mistyped (`/rocu helo`, `/rocu dgest`) was searched for, and answered "No good
# match for “helo”" with nothing on the command meant (round 20's walk). With this on, a one-word
# line that is no command but one letter away from a command's name (OSA distance 1: a letter added,
# dropped, changed or two swapped; names of 4 letters or more) and whose search found nothing good
# says which command (or two) it may have meant. False: the search's answer alone, as before.
COMMAND_TYPO_HINT = True


def near_commands(word: str) -> list[str]:
    """The subcommand names ``word`` may be a typo of (``COMMAND_TYPO_HINT``), in the order
    ``help`` lists them."""
    from rapidfuzz.distance import OSA

    word = word.lower()
    if " " in word or len(word) < 4 or word in SUBCOMMANDS:
        return []
    names = [command.names[0] for command in DECLARED]  # as `help` shows them, no aliases
    return [name for name in names if len(name) >= 4 and OSA.distance(word, name) == 1]


def _hint_command(reply: Reply, argument: str) -> None:
    response = reply.data
    if getattr(response, "results", None) and not reply.extra.get("gated"):
        return  # found something good: a search after all
    meant = " or ".join(f"`{name}`" for name in near_commands(argument))
    if meant and isinstance(getattr(response, "notes", None), list):
        response.notes.insert(0, f"“{argument}” is not a command; did you mean {meant}?")


def may_edit_glossary(db, context: Context) -> bool:
    """Whether the person may change shared things (teach or forget team glossary entries, a
    channel's watches): the front end's check (``Context.may_edit``; Slack's is
    ``ROCU_EDITORS``), everyone when it has none."""
    return context.may_edit is None or bool(context.may_edit())


def _refuse(context: Context, command: Command) -> Reply:
    """Someone who may not change shared things (``ROCU_EDITORS``) tried to."""
    if context.refusal is not None:  # the front end's sentence (Slack mrkdwn naming editors)
        return Reply("refused", context.refusal(), public=False, command=command.names[0])
    return Reply("usage", command.refused, public=False)


# -- paging: `more` and `back` -------------------------------------------------------------------


def has_more(reply: Reply) -> bool:
    """Whether a later page of this answer holds more (never for an answer the confidence gate
    held back: "No good match" has no next page; its button shows the weak matches)."""
    if reply.extra.get("gated"):
        return False
    total = getattr(reply.data, "total", None) or reply.extra.get("total")
    page_size = reply.extra.get("page_size")
    if not (total and page_size):
        return False
    return (reply.extra.get("page", 0) + 1) * page_size < total


class Session:
    """One person's conversation with rocu (a console, or a person in a Slack channel): answers
    lines through ``dispatch`` and remembers the last one, so that ``more`` / ``back`` show its
    next or previous page."""

    def __init__(self) -> None:
        self.last_line: str | None = None
        self.page = 0
        self.has_more = False
        self.lock = threading.Lock()

    def answer(self, db, text: str, context: Context | None = None) -> Reply:
        context = context or Context()
        line = route(text)
        word = line.lower()
        with self.lock:
            if word in NEXT_PAGE | PREVIOUS_PAGE:
                return self._turn(db, 1 if word in NEXT_PAGE else -1, context)
            return self._run(db, line, 0, context)

    def _turn(self, db, step: int, context: Context) -> Reply:
        if self.last_line is None:
            return _paging("Nothing to page through yet: search for something first.")
        if self.page + step < 0:
            return _paging("Already at the first page.")
        if step > 0 and not self.has_more:
            return _paging("No more results for that.")
        return self._run(db, self.last_line, self.page + step, context)

    def _run(self, db, line: str, page: int, context: Context) -> Reply:
        reply = dispatch(db, line, replace(context, page=page))
        self.last_line, self.page, self.has_more = line, page, has_more(reply)
        return reply


def _paging(sentence: str) -> Reply:
    return Reply("usage", sentence, public=False, command="more")


class Sessions:
    """A ``Session`` per person and place (e.g. Slack team, channel, user), the most recent
    ``keep`` of them."""

    def __init__(self, keep: int = 1000) -> None:
        self.keep = keep
        self._sessions: OrderedDict[tuple, Session] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, *key) -> Session:
        with self._lock:
            session = self._sessions.pop(key, None) or Session()
            self._sessions[key] = session
            while len(self._sessions) > self.keep:
                self._sessions.popitem(last=False)
            return session


# -- follow-ups in a thread rocu answered in -----------------------------------------------------


def thread_answer(db, key: str, text: str, context: Context | None = None) -> Reply | None:
    """Answer ``text`` in the thread ``key`` (bot.library.threads), where rocu answered before:
    ``more`` / ``back`` page the thread's last pageable answer, a question that is a search is
    searched with the thread's first look-up (its topic) as context, anything else is answered as
    usual. None for ``more`` / ``back`` in a thread rocu has not answered in (the caller pages the
    person's own session). Every answer here is kept as the thread's state."""
    from bot.library import threads

    context = context or Context()
    state = threads.load(db, key)
    line = route(text)
    word = line.lower()
    if word in NEXT_PAGE | PREVIOUS_PAGE:
        if state is None or state.last_line is None:
            return None
        step = 1 if word in NEXT_PAGE else -1
        if state.page + step < 0:
            return _paging("Already at the first page.")
        if step > 0 and not state.has_more:
            return _paging("No more results for that.")
        reply = dispatch(db, state.last_line, replace(context, page=state.page + step))
        state.page, state.has_more = state.page + step, has_more(reply)
        reply.extra["line"], reply.extra["page"] = state.last_line, state.page
        threads.save(db, key, state)
        return reply
    name, argument = parse(line)
    topic = state.topic if state else None
    reply = None
    if topic and name == "search" and argument:
        searched = in_context(argument, topic)
        alone = dispatch(db, line, context)
        # Only a follow-up that finds something on its own is searched with the topic, and the
        # topic's answer only when it passes the confidence gate: the topic's words must never
        # carry a junk follow-up into the thread ("giraffe budget" showing the topic's passages).
        if (
            searched != f"search {argument}"
            and getattr(alone.data, "results", None)
            and not alone.extra.get("gated")
        ):
            reply = dispatch(db, searched, context)
            if getattr(reply.data, "results", None) and not reply.extra.get("gated"):
                reply.data.notes.insert(0, f"Searched with this thread's topic: {topic}")
                line = searched
            else:
                reply = None
        reply = reply or alone  # the follow-up on its own: its words find nothing with the topic
    if reply is None:
        reply = dispatch(db, line, context)
    state = state or threads.ThreadState()
    state.topic = topic or _topic_of(name, argument, reply)
    if reply.kind == "search" or has_more(reply):
        state.last_line, state.page, state.has_more = line, 0, has_more(reply)
    reply.extra["line"] = line
    threads.save(db, key, state)
    return reply


def in_context(argument: str, topic: str) -> str:
    """A follow-up search with its thread's topic: the follow-up's words, then the topic's words
    (filters included) that it does not already hold."""
    from bot.library.text import fold

    have = {fold(w.strip('"')) for w in argument.split()}
    extra = [w for w in topic.split() if fold(w.strip('"')) not in have]
    return " ".join(["search", argument, *extra])


def _topic_of(name: str, argument: str, reply: Reply) -> str | None:
    """What a thread's first look-up was about: a search's words, a definition's term."""
    if name == "search" and argument and reply.kind == "search":
        return argument
    if name == "define" and reply.kind == "define" and getattr(reply.data, "query", None):
        return reply.data.query
    return None
