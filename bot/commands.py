"""The `/rocu` command language, shared by the Slack app, the local console and the command line.

A line of text (what follows `/rocu`, or what a person wrote to rocu) is routed to a subcommand
and its argument (``route``, ``parse``: "rocu" and "/rocu" in front dropped, "what does X stand
for?" is ``define X``, a line whose first word is no subcommand is a search), the core is called,
and a ``Reply`` comes back: plain data plus how public it should be. A ``Session`` remembers a
person's last line, so that ``more`` and ``back`` page through it. Renderers (``bot.render``) turn
a Reply into Slack blocks or terminal text; front ends only post or print.

Each feature adds its subcommand here with ``@subcommand("name", "alias", ...)``: a small function
that parses its argument, calls the core and wraps the result in a Reply.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from bot.config import source_url
from bot.library import documents as library
from bot.library.store import StoreError, explain
from bot.search.ranking import search

MAX_INPUT_CHARS = 4000  # Slack allows 4000 characters of slash-command text


@dataclass
class Context:
    """Who asked, and from where: what a subcommand may need beyond its text."""

    user: str | None = None
    user_name: str | None = None  # the person's display name, when the front end has it
    channel: str | None = None
    team: str | None = None
    page: int = 0
    # Who may change shared things (teach or forget glossary entries): the front end's check,
    # asked only when someone tries; None (console, CLI) allows everyone. ``refusal`` is the
    # sentence for someone refused (None: a general one).
    may_edit: Callable[[], bool] | None = None
    refusal: Callable[[], str] | None = None
    # The front end's settings (``bot.config.Settings``): ``sensitive_channels`` says where
    # excerpts of OFFICIAL-SENSITIVE documents may be posted (``bot.library.markings``).
    settings: Any = None


@dataclass
class Reply:
    """What a subcommand answers. ``kind`` picks the renderer; ``public`` says whether the answer
    belongs in the channel (results) or to the person alone (help, usage errors, nothing found)."""

    kind: str
    data: Any = None
    public: bool = True
    command: str = ""  # the subcommand that produced it, for logs
    extra: dict = field(default_factory=dict)


Handler = Callable[[sqlite_utils.Database, str, Context], Reply]
SUBCOMMANDS: dict[str, Handler] = {}
HELP: list[tuple[str, str]] = []  # (usage, description), in the order shown by `help`
# Subcommands that may change the store: argument -> the look-up line that shows again what the
# line answered (None: there is none). See ``lookup_line``.
SHOWS: dict[Handler, Callable[[str], str | None]] = {}


def subcommand(
    *names: str,
    usage: str = "",
    description: str = "",
    shows: Callable[[str], str | None] | None = None,
) -> Callable[[Handler], Handler]:
    """Register a subcommand. One that may change the store passes ``shows``: for its argument,
    the read-only line that shows what it changed (``define X = Y`` -> ``define X``), or None."""

    def register(fn: Handler) -> Handler:
        for name in names:
            SUBCOMMANDS[name] = fn
        if usage:
            HELP.append((usage, description))
        if shows is not None:
            SHOWS[fn] = shows
        return fn

    return register


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


def route(text: str) -> str:
    """The `/rocu` line a typed line means, on every front end: "/rocu" in front dropped;
    "what does X stand for?" / "what does an X mean" is ``define X``; a question (a line that is
    no subcommand) loses its question mark, and is searched by its words."""
    text = " ".join((text or "")[:MAX_INPUT_CHARS].split())
    text = ROCU_PREFIX.sub("", text)
    match = ASKS_MEANING.match(text)
    if match:
        return "define " + match["term"]
    if text.partition(" ")[0].lower().lstrip("/") not in SUBCOMMANDS:
        text = text.rstrip("?").strip()
    return text


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
    try:
        reply = SUBCOMMANDS[name](db, argument, context or Context())
    except (sqlite3.DatabaseError, StoreError) as exc:  # damaged, full or busy: say so plainly
        message = str(exc) if isinstance(exc, StoreError) else str(explain(exc))
        return Reply("error", message, command=name, public=False)
    reply.command = reply.command or name
    return reply


PAGE_SIZE = 5


def has_more(reply: Reply) -> bool:
    """Whether a later page of this answer holds more."""
    total = getattr(reply.data, "total", None)
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
        if searched != f"search {argument}" and getattr(alone.data, "results", None):
            reply = dispatch(db, searched, context)
            if getattr(reply.data, "results", None):
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


@subcommand(
    "search",
    "s",
    "find",
    usage="search <words>",
    description=(
        'best-matching excerpts, e.g. `search county lines`; also `"exact phrase"`, `-word`, '
        "`type:hansard`, `doc:ID`, `from:2017`, `before:2019-10`, `speaker:NAME`"
    ),
)
def _search(db, argument: str, context: Context) -> Reply:
    weak = argument.split(" ", 1)[0] == WEAK_FLAG  # "Show weak matches anyway"
    if weak:
        argument = argument[len(WEAK_FLAG) :].strip()
    if not argument:
        return Reply(
            "usage", "Tell me what to search for, e.g. `/rocu search county lines`.", public=False
        )
    response = search(db, argument, limit=PAGE_SIZE, offset=context.page * PAGE_SIZE)
    reply = Reply(
        "search",
        response,
        public=bool(response.results),
        extra={
            "page": context.page,
            "page_size": PAGE_SIZE,
            "urls": _urls(db, response),
            "ocr": ocr_docs(db, {result.doc_id for result in response.results}),
            "line": f"search {argument}",
        },
    )
    confidence = response.confidence
    if response.results and confidence is not None and not confidence.confident:
        # The confidence gate: a weak answer goes to the asker alone, as "No good match".
        reply.public = False
        reply.extra["weak" if weak else "gated"] = True
    keep_private(reply, [result.marking for result in response.results], context)
    return reply


WEAK_FLAG = "--weak"  # `search --weak WORDS`: the weak matches the confidence gate held back


def keep_private(reply: Reply, marks, context: Context) -> Reply:
    """The handling-marking rule on an answer about to be posted: when any excerpt in it is from
    a document that may not be quoted in this channel (``bot.library.markings.may_excerpt``:
    OFFICIAL-SENSITIVE outside ``ROCU_SENSITIVE_CHANNELS``), the answer goes to the asker alone,
    with a line saying why."""
    from bot.library.markings import may_excerpt, why_private

    for marking in marks:
        if marking and not may_excerpt(marking, context.channel, context.settings):
            reply.public = False
            reply.extra["private_because"] = why_private(marking)
            break
    return reply


def ocr_docs(db, doc_ids) -> set[str]:
    """The documents among ``doc_ids`` whose text was read from page images by OCR."""
    found = set()
    for doc_id in {d for d in doc_ids if d}:
        document = library.get_document(db, doc_id)
        if document and document.read_by == "ocr":
            found.add(doc_id)
    return found


def _urls(db, response) -> dict[str, str]:
    """Source URLs of the documents in a page of results, for "Open source" links."""
    return doc_urls(db, {result.doc_id for result in response.results})


def doc_urls(db, doc_ids) -> dict[str, str]:
    """doc id -> source URL, for the documents that have one ("Open source" links)."""
    urls = {}
    bases = _source_bases()
    for doc_id in {d for d in doc_ids if d}:
        document = library.get_document(db, doc_id)
        if document and document.url:
            urls[doc_id] = document.url
        elif document and bases:  # a folder's document: where the team keeps that folder
            row = db.execute("select path from documents where id = ?", [doc_id]).fetchone()
            mapped = source_url(row[0] if row else None, bases)
            if mapped:
                urls[doc_id] = mapped
    return urls


def _source_bases() -> tuple:
    """``ROCU_SOURCE_BASE_URL`` as read from the environment (once per value)."""
    import os

    return _parsed_bases(os.environ.get("ROCU_SOURCE_BASE_URL") or "")


@functools.lru_cache(maxsize=4)
def _parsed_bases(value: str) -> tuple:
    from bot.config import ConfigError, parse_source_bases

    try:
        return parse_source_bases(value)
    except ConfigError:  # reported where settings are checked (rocu serve); no links here
        return ()


@subcommand("docs", "documents", "library", usage="docs", description="list the documents")
def _docs(db, argument: str, context: Context) -> Reply:
    return Reply("docs", library.list_documents(db))


@subcommand("doc", "document", "show", usage="doc <id>", description="one document's card")
def _doc(db, argument: str, context: Context) -> Reply:
    if not argument:
        return Reply(
            "usage",
            "Which document? e.g. `/rocu doc pac-soc-2019`; `/rocu docs` lists them.",
            public=False,
        )
    document, suggestions = library.find_document(db, argument)
    if document is None:
        return Reply(
            "not_found",
            {"what": "document", "query": argument, "suggestions": suggestions},
            public=False,
        )
    from bot.recs.tracker import list_recommendations

    recs = list_recommendations(db, f"doc:{document.id}")
    return Reply("doc", document, extra={"recommendations": recs})


def may_edit_glossary(db, context: Context) -> bool:
    """Whether the person may teach or forget team glossary entries: the front end's check
    (``Context.may_edit``; Slack's is ``ROCU_EDITORS``), everyone when it has none."""
    return context.may_edit is None or bool(context.may_edit())


def _define_shows(argument: str) -> str | None:
    """`define X = Y` and `define --forget X` show again as `define X`; a look-up as itself."""
    from bot.glossary.lookup import is_edit
    from bot.glossary.team import parse_teaching

    argument = " ".join(argument.split())
    if not is_edit(argument):
        return f"define {argument}"
    first, _, rest = argument.partition(" ")
    teaching = parse_teaching(argument)
    term = rest if first.lower() in ("--forget", "-forget", "—forget") else teaching and teaching[0]
    term = " ".join((term or "").split())
    return f"define {term}" if term and not is_edit(term) else None


@subcommand(
    "define",
    "def",
    "whatis",
    usage="define <term>",
    description="what an acronym or term means, e.g. `define ROCU`; "
    "teach one: `define TERM = EXPANSION -- description`",
    shows=_define_shows,
)
def _define(db, argument: str, context: Context) -> Reply:
    from bot.glossary.lookup import command, is_edit

    if is_edit(argument) and not may_edit_glossary(db, context):
        if context.refusal is not None:  # the front end's sentence (Slack mrkdwn naming editors)
            return Reply("refused", context.refusal(), public=False, command="define")
        return Reply(
            "usage", "Only the glossary's editors can teach or remove team entries.", public=False
        )
    result = command(db, argument, context.user, context.user_name)
    if result.error:
        return Reply("usage", result.error, public=False)
    cited = [d.get("doc_id") for m in result.matches for d in m.defined_in + m.documents]
    examples = [m.example.doc_id for m in result.matches if m.example]
    if getattr(result, "example", None) is not None:
        examples.append(result.example.doc_id)
    cited += examples
    reply = Reply(
        "define", result, public=bool(result.matches), extra={"urls": doc_urls(db, cited)}
    )
    return keep_private(reply, doc_markings(db, examples), context)


@subcommand(
    "glossary",
    "terms",
    usage="glossary [letter] [team:] [source:S] [missing]",
    description="browse the glossary a page at a time, team entries first: `glossary b`, "
    "`glossary team:`, `glossary source:DOC`, `glossary missing` (acronyms looked up unknown)",
)
def _glossary(db, argument: str, context: Context) -> Reply:
    from bot.glossary.browse import BrowseError, browse

    try:
        page = browse(db, argument, context.page)
    except BrowseError as exc:
        return Reply("usage", str(exc), public=False)
    found = bool(page.missing if page.filters.missing else page.entries)
    return Reply(
        "glossary_page",
        page,
        public=found and not page.filters.missing,  # what people looked up stays private
        extra={"page": context.page, "page_size": page.page_size},
    )


@subcommand(
    "recs",
    "recommendations",
    "rec",
    usage="recs [filter]",
    description="who is asked to do what, by when; filter with words, `doc:ID`, `to:NCA`, "
    "`due:overdue`, `due:30d`, `status:open`; `recs ID` shows one in full; "
    "`recs export [csv] [filter]` posts the tracker as a spreadsheet",
)
def _recs(db, argument: str, context: Context) -> Reply:
    from bot.recs.tracker import RecommendationError, get_recommendation, list_recommendations

    if argument.split(" ", 1)[0].lower() == "export":
        return _recs_export(db, argument.partition(" ")[2].strip())
    if argument and " " not in argument:
        rec = get_recommendation(db, argument)
        if rec is not None:
            extra = {"urls": doc_urls(db, [rec.doc_id]), **rec_citations(db, [rec])}
            reply = Reply("rec", rec, extra=extra)
            return keep_private(reply, doc_markings(db, [rec.doc_id]), context)
    try:
        recs = list_recommendations(db, argument)
    except RecommendationError as exc:
        return Reply("usage", str(exc), public=False)
    urls = doc_urls(db, {rec.doc_id for rec in recs})
    extra = {"filter": argument, "urls": urls, **rec_citations(db, recs)}
    reply = Reply("recs", recs, public=bool(recs), extra=extra)
    return keep_private(reply, doc_markings(db, [rec.doc_id for rec in recs]), context)


def rec_citations(db, recs) -> dict:
    """Each recommendation's page or paragraph ("p. 12", "para 3.4") and physical page, for
    the renderers (``cites``, ``pages``: rec id -> value)."""
    from bot.library.pagestarts import cite_span

    cites, pages = {}, {}
    for rec in recs:
        citation = cite_span(db, rec.doc_id, rec.start, rec.end)
        cites[rec.id], pages[rec.id] = citation.text(), citation.page
    return {"cites": cites, "pages": pages}


def doc_markings(db, doc_ids) -> list[str | None]:
    """The handling markings of these documents (None for unmarked ones)."""
    doc_ids = list(dict.fromkeys(d for d in doc_ids if d))
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    sql = f"select marking from documents where id in ({marks})"
    return [row[0] for row in db.execute(sql, doc_ids)]


def _recs_export(db, argument: str) -> Reply:
    """``recs export [csv|xlsx] [FILTER]``: the recommendations to put in a spreadsheet (the
    Slack app uploads it; see bot.slack.tracker)."""
    from bot.recs.tracker import RecommendationError, list_recommendations

    first, _, rest = argument.partition(" ")
    fmt = "xlsx"
    if first.lower() in ("csv", "xlsx", "excel"):
        fmt, argument = ("csv" if first.lower() == "csv" else "xlsx"), rest.strip()
    try:
        recs = list_recommendations(db, argument)
    except RecommendationError as exc:
        return Reply("usage", str(exc), public=False)
    data = {"recs": recs, "filter": argument, "format": fmt}
    return Reply("recs_export", data, public=bool(recs), command="recs export")


@subcommand("help", "?", "h", usage="help", description="this help")
def _help(db, argument: str, context: Context) -> Reply:
    return Reply("help", list(HELP), public=False)


# -- the daily digest and watched topics (bot.digest.content, bot.digest.watches) ---------------


@subcommand("digest", usage="digest [YYYY-MM-DD]", description="preview this channel's digest")
def _digest(db, argument: str, context: Context) -> Reply:
    from bot.digest.content import build_digest, utc_now
    from bot.digest.scheduler import current_schedule, parse_day

    schedule = current_schedule()
    day = parse_day(argument, schedule.local_date(utc_now()))
    if day is None:
        return Reply(
            "usage",
            "Which day? e.g. `/rocu digest` for today or `/rocu digest 2020-03-20`.",
            public=False,
        )
    digest = build_digest(
        db, day, context.channel or "", schedule=schedule, settings=context.settings
    )
    return Reply("digest", digest, False)


def _nothing_to_show(argument: str) -> None:
    return None


def _refused(context: Context, command: str) -> Reply:
    """Someone who may not change shared things (``ROCU_EDITORS``) tried to."""
    if context.refusal is not None:  # the front end's sentence (Slack mrkdwn naming editors)
        return Reply("refused", context.refusal(), public=False, command=command)
    return Reply("usage", "Only the library's editors can change this.", public=False)


def _personal(argument: str) -> str | None:
    """The rest of ``me ...`` (a personal watch's words or number), else None."""
    first, _, rest = argument.partition(" ")
    return rest.strip() if first.lower() in ("me", "--me", "mine") else None


@subcommand(
    "watch",
    usage="watch <words>",
    description="new passages on a topic, in the digest; `watch me <words>`: a direct message "
    "to you when a new document or recommendation matches (at most once a day)",
    shows=_nothing_to_show,
)
def _watch(db, argument: str, context: Context) -> Reply:
    from bot.digest.watches import WatchError, add_watch

    mine = _personal(argument)
    if mine is not None:
        from bot.digest.alerts import add_personal_watch

        if not context.team:  # the console, the command line: no direct message to send
            return Reply(
                "usage",
                "Personal watches send Slack direct messages: ask rocu in Slack, "
                "`/rocu watch me county lines`.",
                public=False,
            )
        if not mine:
            return Reply(
                "usage",
                "What should I watch for you? e.g. `/rocu watch me county lines`.",
                public=False,
            )
        try:
            watch, new = add_personal_watch(db, context.user, mine)
        except WatchError as exc:
            return Reply("usage", str(exc), public=False)
        data = {"action": "added" if new else "exists", "watch": watch, "personal": True}
        return Reply("watch", data, public=False)
    if not may_edit_glossary(db, context):
        return _refused(context, "watch")
    try:
        watch, new = add_watch(db, context.channel or "", argument, context.user)
    except WatchError as exc:
        return Reply("usage", str(exc), public=False)
    return Reply("watch", {"action": "added" if new else "exists", "watch": watch}, public=new)


@subcommand("watches", usage="watches", description="the topics this channel and you watch")
def _watches(db, argument: str, context: Context) -> Reply:
    from bot.digest.alerts import personal_watches
    from bot.digest.watches import list_watches

    mine = personal_watches(db, context.user)
    return Reply(
        "watches", list_watches(db, context.channel or ""), False, extra={"personal": mine}
    )


@subcommand(
    "unwatch",
    usage="unwatch <n>",
    description="stop watching topic number n (`unwatch me <n>`: one of yours)",
    shows=_nothing_to_show,
)
def _unwatch(db, argument: str, context: Context) -> Reply:
    from bot.digest.watches import WatchError, remove_watch

    mine = _personal(argument)
    if mine is not None:
        from bot.digest.alerts import remove_personal_watch

        try:
            watch = remove_personal_watch(db, context.user, mine)
        except WatchError as exc:
            return Reply("usage", str(exc), public=False)
        data = {"action": "removed", "watch": watch, "personal": True}
        return Reply("watch", data, public=False)
    if not may_edit_glossary(db, context):
        return _refused(context, "unwatch")
    try:
        watch = remove_watch(db, context.channel or "", argument)
    except WatchError as exc:
        return Reply("usage", str(exc), public=False)
    return Reply("watch", {"action": "removed", "watch": watch})


# -- adding and removing documents (bot.library.adding) -----------------------------------------
# In Slack these lines are answered by bot.slack.adding, which checks ROCU_EDITORS and shows a
# card with buttons; here they serve the local console. A request that carries a Slack workspace
# (``context.team``) and still reaches them is refused rather than trusted.

_FROM_SLACK = "In Slack, `/rocu add` and `/rocu remove` are answered by rocu itself; try again."


@subcommand(
    "add",
    usage="add <url>",
    description="fetch a web page or file and add it to the library (editors only; "
    "in Slack you can also send rocu a file)",
    shows=_nothing_to_show,
)
def _add(db, argument: str, context: Context) -> Reply:
    import re

    from bot.library.adding import AddError, add_link

    if context.team:
        return Reply("usage", _FROM_SLACK, public=False)
    match = re.search(r"https?://[^\s<>|]+", argument or "")
    if not match:
        return Reply("usage", "Give me a link, e.g. `/rocu add https://www.gov.uk/...`.", False)
    try:
        added = add_link(db, match.group(0))
    except AddError as exc:
        return Reply("error", str(exc), public=False)
    return Reply("added", added, public=False)


@subcommand(
    "remove",
    usage="remove <doc id>",
    description="remove a document (editors only)",
    shows=_nothing_to_show,
)
def _remove(db, argument: str, context: Context) -> Reply:
    from bot.library.ingest import remove

    if context.team:
        return Reply("usage", _FROM_SLACK, public=False)
    if not argument:
        return Reply("usage", "Which document? e.g. `/rocu remove pac-soc-2019`.", public=False)
    document, suggestions = library.named_document(db, argument)  # exactly, never a near miss
    if document is None:
        return Reply(
            "not_found",
            {"what": "document", "query": argument, "suggestions": suggestions},
            public=False,
        )
    remove(db, document.id)
    return Reply("removed", document, public=False)
