"""Slack Block Kit: the one place where the core's results become Slack messages.

Two rules hold for every block made here:

* Everything a person typed or a document contains is escaped for mrkdwn (``&``, ``<``, ``>``), so
  ``<!channel>`` or ``<@U123>`` in a query or a passage is shown, never acted on. Only the helpers
  below add mark-up (``*bold*``), after escaping. ``plain_text`` objects (headers, button
  labels) are never parsed for mentions by Slack, so they carry the raw text.
* Slack's limits are respected by cutting (with an ellipsis) or splitting, so Slack never rejects
  a message: at most 50 blocks, section text 3000 characters, header 150, button label 75, button
  value 2000.

Renderers are registered in ``REPLY_BLOCKS`` (reply kind -> ``fn(reply) -> list[dict]``), mirroring
``bot.render.text.REPLY_TEXT``; a kind without a block renderer falls back to its terminal text,
escaped and split into sections. Features add their kinds with ``REPLY_BLOCKS["kind"] = fn``.

Buttons carry the ``/rocu`` line to run again as their value (``action_value``); the Slack app
reads it back with ``read_action_value`` and picks what to do from the button's action id:

* ``ACTION_NEXT`` / ``ACTION_PREV`` (any id starting ``rocu_page``): run the line at the given page
  and replace the message (see ``pager``);
* ``ACTION_SHARE`` (``rocu_share...``): post the answer in the channel;
* ``ACTION_FULL`` (``rocu_full...``, e.g. ``rocu_full_3``): answer the line to the person alone
  ("Show full text");
* ``ACTION_OPEN`` (``rocu_open...``): a link button ("Open source", to a document's source URL);
  nothing to do but acknowledge.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from bot.library.documents import fragment_sentence
from bot.library.pagestarts import page_url
from bot.render import feature_renderers, lazy
from bot.render.text import marked, reading_notes, reply_text, said_note, shown_titles

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK = 500  # the message's top-level ``text``: what notifications show
# Slack refuses a message whose blocks pass about 13,200 characters (``msg_blocks_too_long``,
# undocumented; measured as compact JSON); keep a margin for what callers add after ``fit``.
MAX_BLOCKS_CHARS = 12_000
LIST_CHARS = 9_000  # the text of a long list (``/rocu docs``) before it says "and N more"
ELLIPSIS = "…"
MAX_PAGE = 10_000  # a button's page is read back within this (a larger one is not ours)
RESULTS_PER_MESSAGE = 5

ACTION_NEXT = "rocu_page_next"
ACTION_PREV = "rocu_page_prev"
ACTION_SHARE = "rocu_share"
ACTION_FULL = "rocu_full"
ACTION_OPEN = "rocu_open"


# -- small helpers -------------------------------------------------------------------------------


# Unicode's direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) and control
# characters other than line breaks and tabs are never shown: typed into a query, a glossary
# entry or a note, an override turns the rest of the line round in Slack ("\u202egnicilop" reads
# "policing"), so what everyone sees is not what was written (round-11 walk). False: as before.
INVISIBLES_REMOVED = True
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = INVISIBLE  # (the console strips the same from what is typed: bot.console)


def visible(text: object) -> str:
    """``text`` without direction overrides and control characters (``INVISIBLES_REMOVED``)."""
    return _INVISIBLE.sub("", str(text)) if INVISIBLES_REMOVED else str(text)


def escape(text: object) -> str:
    """Text made safe for mrkdwn: ``&``, ``<`` and ``>`` become entities and direction overrides
    and control characters go (``visible``); nothing else changes."""
    return visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# A document's own ``*``, ``~`` and backticks are mrkdwn to Slack: beside the ``*bold*`` put round
# matched words they break it ("**Regulation* to ..."), and a pair of them bolds, strikes or sets
# as code whatever lies between ("witnesses marked with a * ... *"). In quoted document text
# (``literal``) they are shown as look-alikes that Slack leaves alone. False: as before.
LOOKALIKES = True
_LOOKALIKE = str.maketrans({"*": "\u2217", "~": "\u223c", "`": "\u02cb"})


def literal(text: object) -> str:
    """Text quoted from a document, for mrkdwn: ``escape``d, and its ``*``, ``~`` and backticks
    shown as look-alikes (∗ ∼ ˋ) so Slack reads none of them as mark-up (``LOOKALIKES``)."""
    text = escape(text)
    return text.translate(_LOOKALIKE) if LOOKALIKES else text


# ``truncate`` is called on escaped mrkdwn and on plain text alike (``escape(truncate(...))``):
# it leaves out an entity the cut fell inside ("&am"), not everything after a plain "&" ("Ann &
# Co (U1) on ..." was cut to "Ann…", a title "Westvale & Eastmoor ..." to "Westvale…": found by
# the round-12 walk). False: as before, the cut went back to the last "&" without a ";" after it.
PARTIAL_ENTITY_ONLY = True
_ENTITY_TAIL = re.compile(r"&(?:#\w{0,8}|[A-Za-z]{0,8})$")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending with an ellipsis when cut: at the last
    space when one is in the last third of what is kept ("the Regional Organised…", never
    "Regional Organise…"), else where the limit falls. An entity such as ``&amp;`` is never cut
    in half."""
    if len(text) <= limit:
        return text
    keep = max(limit - len(ELLIPSIS), 0)
    cut = text[:keep]
    if not text[keep : keep + 1].isspace():  # the limit falls inside a word
        space = cut.rfind(" ")
        if space >= keep * 2 // 3:
            cut = cut[:space]
    if PARTIAL_ENTITY_ONLY:  # only an entity cut in half ("&am") goes, never a plain "&"
        half = _ENTITY_TAIL.search(cut)
        cut = cut[: half.start()] if half else cut
    else:
        amp = cut.rfind("&")
        if amp != -1 and ";" not in cut[amp:]:
            cut = cut[:amp]
    return cut.rstrip() + ELLIPSIS


def mrkdwn(text: str) -> dict:
    """A mrkdwn text object. ``verbatim`` stops Slack linking channel names and bare URLs."""
    return {"type": "mrkdwn", "text": text or " ", "verbatim": True}


def plain(text: str, limit: int = MAX_SECTION) -> dict:
    return {"type": "plain_text", "text": truncate(" ".join(visible(text).split()), limit) or " "}


def section(text: str, accessory: dict | None = None) -> dict:
    """A section of mrkdwn (already escaped), cut to Slack's 3000 characters."""
    block = {"type": "section", "text": mrkdwn(truncate(text, MAX_SECTION))}
    if accessory:
        block["accessory"] = accessory
    return block


def sections(text: str) -> list[dict]:
    """Long mrkdwn (already escaped) split into as many sections as it needs, at line breaks
    where possible, so nothing is lost to the 3000-character limit."""
    blocks, chunk = [], ""
    for line in text.split("\n"):
        while len(line) > MAX_SECTION:  # one very long line: split it at a space
            if chunk:
                blocks.append(section(chunk))
                chunk = ""
            at = line.rfind(" ", 0, MAX_SECTION)
            at = at if at > MAX_SECTION // 2 else MAX_SECTION
            amp = line.rfind("&", 0, at)
            if amp != -1 and ";" not in line[amp:at]:
                at = amp
            blocks.append(section(line[:at]))
            line = line[at:].lstrip(" ")
        candidate = f"{chunk}\n{line}" if chunk else line
        if len(candidate) > MAX_SECTION:
            blocks.append(section(chunk))
            chunk = line
        else:
            chunk = candidate
    if chunk.strip():
        blocks.append(section(chunk))
    return blocks


def header(text: str) -> dict:
    return {"type": "header", "text": plain(text, MAX_HEADER)}


def context(*parts: str) -> dict:
    """A small grey line; each part is mrkdwn (already escaped)."""
    elements = [mrkdwn(truncate(p, MAX_SECTION)) for p in parts if p][:MAX_CONTEXT_ELEMENTS]
    return {"type": "context", "elements": elements or [mrkdwn(" ")]}


def open_source(url: str | None, n: int | str = "") -> dict | None:
    """An "Open source" link button to a document's source URL (None without one)."""
    return (
        button("Open source", f"{ACTION_OPEN}{'_' if n != '' else ''}{n}", url=url) if url else None
    )


def divider() -> dict:
    return {"type": "divider"}


def button(
    text: str,
    action_id: str,
    value: str | None = None,
    url: str | None = None,
    style: str | None = None,
) -> dict:
    """A button; ``value`` must come from ``action_value`` (so it fits 2000 characters)."""
    element = {"type": "button", "text": plain(text, MAX_BUTTON_TEXT), "action_id": action_id}
    if value is not None:
        element["value"] = value[:MAX_BUTTON_VALUE]
    if url:
        element["url"] = url[:3000]
    if style:
        element["style"] = style
    return element


def actions(*elements: dict) -> dict:
    return {"type": "actions", "elements": [e for e in elements if e][:25]}


# A line too long for a button's 2,000 characters was cut to fit (the next page answered a
# shorter filter than the one typed), and every card's "Set status" carried the whole line, so a
# 2,700-character ``recs`` filter pushed cards out of the message (the round-12 walk). With this
# on, such a button carries a short key (``"k"``) and the line is kept in this process (the
# newest ``KEPT_LINES``); a key this process no longer holds (after a restart) is said to be
# stale, never read as another line. False: as before, the line cut to fit.
LINES_BY_KEY = True
KEPT_LINES = 2000
_kept: OrderedDict[str, str] = OrderedDict()
_kept_lock = threading.Lock()


# Round 13 (``LINES_IN_STORE``): the lines are also kept in the store
# (``bot.library.kept_lines``: at most 2,000, none older than 30 days), given by the front end
# that has one (``use_line_store``: the Slack app's library), so "More results" and "Set status"
# on a long filter still work after a restart (round 12 said "run the command again"). False:
# this process's memory alone, as before.
LINES_IN_STORE = True
_line_store = None  # an object with put(key, line) and get(key) -> str | None
_in_store: set[str] = set()  # keys written to it by this process (a message's cards: once)


def use_line_store(store) -> None:
    """Where ``keep_line`` keeps lines beyond this process (``bot.library.kept_lines``)."""
    global _line_store
    with _kept_lock:
        _line_store = store
        _in_store.clear()


def _remember(key: str, line: str) -> None:
    with _kept_lock:
        _kept[key] = line
        _kept.move_to_end(key)
        while len(_kept) > KEPT_LINES:
            _kept.popitem(last=False)


def keep_line(line: str) -> str:
    """A short key for ``line``, kept in this process (and the store) for ``kept_line``."""
    key = hashlib.sha256(line.encode("utf-8")).hexdigest()[:20]
    _remember(key, line)
    store = _line_store if LINES_IN_STORE else None
    if store is not None:
        with _kept_lock:
            written = key in _in_store
            if len(_in_store) > KEPT_LINES:
                _in_store.clear()
            _in_store.add(key)
        if not written:
            store.put(key, line)
    return key


def kept_line(key: object) -> str | None:
    """The line ``keep_line`` gave ``key`` for, or None when neither this process nor the store
    holds it."""
    if not isinstance(key, str):
        return None
    with _kept_lock:
        line = _kept.get(key)
    if line is None and LINES_IN_STORE and _line_store is not None:
        line = _line_store.get(key)
        if line is not None and hashlib.sha256(line.encode("utf-8")).hexdigest()[:20] == key:
            _remember(key, line)
        else:
            line = None
    return line


def keyed_value(line: str, page: int = 0, **more) -> str:
    """A button value naming ``line`` by its key (``keep_line``), with ``more`` fields."""
    fields = {**more, "k": keep_line(line), "p": page}
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def line_was_lost(value: str | None) -> bool:
    """Whether a button's value names its line by a key this process no longer holds."""
    try:
        data = json.loads(value or "")
    except ValueError:
        return False
    return isinstance(data, dict) and "k" in data and kept_line(data["k"]) is None


def action_value(line: str, page: int = 0) -> str:
    """What a button carries: the ``/rocu`` line to run again and the page, as JSON within
    Slack's 2000 characters (a very long line by its key, ``LINES_BY_KEY``; else cut, which
    shortens its query)."""
    line = " ".join(str(line).split())
    value = json.dumps({"t": line, "p": page}, ensure_ascii=False, separators=(",", ":"))
    if LINES_BY_KEY and len(value) > MAX_BUTTON_VALUE:
        return keyed_value(line, page)
    while True:
        value = json.dumps({"t": line, "p": page}, ensure_ascii=False, separators=(",", ":"))
        if len(value) <= MAX_BUTTON_VALUE:
            return value
        keep = len(line) * (MAX_BUTTON_VALUE - 40) // len(value)
        line = line[: max(0, min(len(line) - 1, keep))]


def read_action_value(value: str | None) -> tuple[str, int]:
    """(line, page) from a button value; a value we did not make reads as help."""
    try:
        data = json.loads(value or "")
        line, page = str(data.get("t", "")), int(data.get("p", 0))
        if "k" in data:  # a long line, kept by key (``LINES_BY_KEY``): "" once it is gone
            line = kept_line(data["k"]) or ""
    except (ValueError, TypeError, AttributeError):
        return "help", 0
    return line, min(max(page, 0), MAX_PAGE)


def merge_adjacent(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, with those separated only by spaces joined: ``*organised crime groups*``
    reads better in Slack than ``*organised* *crime* *groups*``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start >= merged[-1][1] and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def emphasised(text: str, spans: list[tuple[int, int]], limit: int = MAX_SECTION) -> str:
    """``text`` made safe for mrkdwn (``literal``), each (start, end) span in ``*bold*``, at most
    ``limit`` characters (cut with an ellipsis, never in the middle of an entity or a bold run)."""

    def render(n: int) -> str:
        out, cursor = [], 0
        for start, end in merge_adjacent(text, spans):
            if start < cursor or start >= n:
                continue
            end = min(end, n)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            out += [literal(text[cursor:start]), "*", literal(text[start:end]), "*"]
            cursor = end
        out.append(literal(text[cursor:n]))
        return "".join(out) + (ELLIPSIS if n < len(text) else "")

    n = len(text)
    rendered = render(n)
    while len(rendered) > limit and n > 0:
        n = max(0, min(n - 1, n * limit // len(rendered) - 2))
        rendered = render(n)
    return rendered


def pager(line: str, page: int, page_size: int, total: int) -> dict | None:
    """ "Previous" / "More results" buttons for a paged answer, or None when one page holds it."""
    buttons = []
    if page > 0:
        buttons.append(button("Previous", ACTION_PREV, action_value(line, page - 1)))
    if (page + 1) * page_size < total:
        buttons.append(
            button("More results", ACTION_NEXT, action_value(line, page + 1), style="primary")
        )
    return actions(*buttons) if buttons else None


def blocks_chars(blocks: list[dict]) -> int:
    """The size Slack holds a message's blocks to: characters of compact JSON."""
    return len(json.dumps(blocks, ensure_ascii=False, separators=(",", ":")))


def fit(
    blocks: list[dict], limit: int = MAX_BLOCKS, max_chars: int = MAX_BLOCKS_CHARS
) -> list[dict]:
    """At most ``limit`` blocks and ``max_chars`` characters: when there is more, the last kept
    block says how many were left out. Trailing action blocks (buttons) are kept."""
    if len(blocks) <= limit and blocks_chars(blocks) <= max_chars:
        return blocks
    blocks, tail = list(blocks), []
    while blocks and blocks[-1]["type"] == "actions" and len(tail) < 2:
        tail.insert(0, blocks.pop())
    keep = min(len(blocks), limit - len(tail) - 1)
    while True:
        note = context(f"_…and {len(blocks) - keep} more not shown._")
        fitted = blocks[:keep] + [note] + tail
        if keep <= 1 or blocks_chars(fitted) <= max_chars:
            return fitted
        keep -= 1


def within(lines: list[str], budget: int = LIST_CHARS) -> tuple[list[str], int]:
    """The first of ``lines`` that fit in ``budget`` characters, and how many were left out."""
    used = 0
    for count, line in enumerate(lines):
        used += len(line) + 1
        if used > budget:
            return lines[:count], len(lines) - count
    return lines, 0


# -- renderers per reply kind --------------------------------------------------------------------


def search_blocks(reply) -> list[dict]:
    response = reply.data
    page = int(reply.extra.get("page", 0))
    page_size = int(reply.extra.get("page_size", RESULTS_PER_MESSAGE))
    urls = reply.extra.get("urls", {})
    blocks = [header(f"Search: {response.query}")]
    if reply.extra.get("gated"):
        return blocks + no_good_match_blocks(reply)
    if reply.extra.get("private_because"):
        blocks.append(context(escape(reply.extra["private_because"])))
    if reply.extra.get("weak"):
        blocks.append(context("_Weak matches: none of these holds your words well._"))
    from bot.render.text import CORRECTION_TRIED_SAID

    tried = bool(response.corrected and not response.results and CORRECTION_TRIED_SAID)
    if response.corrected and not tried:
        blocks.append(context(f"Showing results for *{escape(response.corrected)}*"))
    notes = [said_note(note) for note in response.notes]  # quotations cut
    if not response.results and getattr(response, "nothing_searched", False) and notes:
        return blocks + [section(escape(" ".join(notes)))]  # what to do, said once
    if not response.results:
        from bot.render.text import NOTHING_SAID_ONCE, nothing_found

        notes, sentence = nothing_found(response, "/rocu ")
        blocks += [context(escape(note)) for note in notes]
        lines = [escape(sentence)]
        if tried:
            lines.append(f"Also tried *{escape(response.corrected)}*.")
        term = reply.extra.get("glossary_term")
        if term:
            lines.append(f"“{escape(term)}” is in the glossary: `/rocu define {escape(term)}`.")
        if response.suggestions:
            lines.append("Closest words in the library: " + escape(", ".join(response.suggestions)))
        if not NOTHING_SAID_ONCE:
            lines.append("Try fewer or different words, or `/rocu define TERM` for an acronym.")
        blocks.append(section("\n".join(lines)))
        if term:
            define = button(
                f"Define {term}", f"{ACTION_FULL}_define", action_value(f"define {term}")
            )
            blocks.append(actions(define))
        return blocks
    blocks += [context(escape(note)) for note in notes]
    shown = response.results[:RESULTS_PER_MESSAGE]
    for result, title in zip(shown, shown_titles(shown), strict=True):
        url = getattr(result, "url", None) or urls.get(result.doc_id)
        url = page_url(url, getattr(result, "page", None))
        accessory = button("Open source", ACTION_OPEN, url=url) if url else None
        if getattr(result, "columns", None):
            blocks.append(context("Columns: " + escape(result.columns)))
        blocks.append(section(emphasised(result.excerpt, marked(result)), accessory))
        ocr = " · read by OCR" if result.doc_id in reply.extra.get("ocr", ()) else ""
        blocks.append(context(source_line(result, title) + ocr))
    shown_from = page * page_size + 1
    shown_to = page * page_size + len(response.results)
    if response.total:
        blocks.append(context(f"Results {shown_from}–{shown_to} of {response.total}"))
    buttons = pager(f"search {response.query}", page, page_size, response.total)
    return fit(blocks + ([buttons] if buttons else []))


def no_good_match_blocks(reply) -> list[dict]:
    """The confidence gate's private answer: "No good match for ...", the nearest terms the
    library knows, and a button showing the weak matches anyway."""
    response = reply.data
    text = escape(said_note(f"No good match for “{response.query}”."))
    nearest = getattr(response.confidence, "nearest", None) or []
    if nearest:
        text += " Nearest terms the library knows: " + ", ".join(
            f"`{escape(term)}`" for term in nearest
        )
    if getattr(response, "only_common", False):
        from bot.render.text import ONLY_COMMON

        text += " " + ONLY_COMMON
    # From the query itself, never from the line answered: in a thread that line is the words
    # alone ("county lines", not "search county lines"), and the button re-ran the gate.
    weak = f"search {WEAK_LINE_FLAG} {response.query}"
    show = button("Show weak matches anyway", f"{ACTION_FULL}_weak", action_value(weak))
    said = [context(escape(note)) for note in reading_notes(response)]  # how it was read
    return [*said, section(text), actions(show)]


WEAK_LINE_FLAG = "--weak"  # bot.commands.WEAK_FLAG


def source_line(result, title: str | None = None) -> str:
    """Where a quote comes from: title (``title``: as the answer shows it), type, date, speaker,
    page or paragraph, handling marking, passage id (escaped mrkdwn)."""
    parts = [f"*{literal(truncate(title or result.title, 250))}*", escape(result.type)]
    parts.append(escape(result.date or "undated"))
    if result.speaker:
        parts.append("speaker: " + escape(truncate(result.speaker, 200)))
    if getattr(result, "cites", ""):
        parts.append(escape(result.cites))
    if getattr(result, "marking", None):
        parts.append(f"*{escape(result.marking)}*")
    parts.append(f"`{escape(result.passage_id)}`")
    return " · ".join(parts)


def documents_blocks(reply) -> list[dict]:
    docs = reply.data
    if not docs:
        return [section("The library is empty. Add documents with `rocu ingest PATH`.")]
    lines = [
        f"*{escape(truncate(d.title, 300))}*\n`{escape(d.id)}` · {escape(d.type)} · "
        f"{escape(d.date or 'undated')} · {d.passages} passages"
        for d in docs
    ]
    shown, left_out = within(lines)
    words = (reply.extra or {}).get("words")
    if words:
        from bot.render.text import quoted_query

        title = f"Documents matching “{quoted_query(words)}” ({len(docs)})"
    else:
        title = f"Documents in the library ({len(docs)})"
    blocks = [header(truncate(title, 150))]
    blocks += sections("\n".join(shown))
    if left_out:
        blocks.append(
            context(f"_…and {left_out} more not shown: `rocu docs` on the server lists all._")
        )
    blocks.append(context("`/rocu doc ID` shows one document's card."))
    return fit(blocks)


def document_blocks(reply) -> list[dict]:
    doc = reply.data
    facts = [f"`{escape(doc.id)}`", escape(doc.type), escape(doc.date or "undated")]
    if doc.author:
        facts.append("by " + escape(truncate(doc.author, 300)))
    if getattr(doc, "marking", None):
        facts.append(f"*{escape(doc.marking)}*")
    blocks = [header(doc.title), context(" · ".join(facts))]
    from bot.render.text import shown_file

    name = shown_file(doc)
    where = (
        ""
        if not name
        else f" · file `{escape(name)}`"
        if name == doc.file
        else f" · from {escape(name)}"
    )
    body = f"{doc.passages} passages{where}"
    if doc.guessed:
        body += "\n_Guessed from the text:_ " + escape(", ".join(doc.guessed))
    blocks.append(section(body))
    recs = reply.extra.get("recommendations") or []
    if recs:
        from bot.render.text import CARD_RECS, rec_line

        lines = [f"*Recommendations ({len(recs)})*"]
        lines += [escape(rec_line(rec)) for rec in recs[:CARD_RECS]]
        if len(recs) > CARD_RECS:
            lines.append(f"… `/rocu recs doc:{escape(doc.id)}` lists all {len(recs)}.")
        blocks += sections("\n".join(lines))
    if doc.url:
        blocks.append(actions(button("Open source", ACTION_OPEN, url=doc.url)))
    return fit(blocks)


def help_blocks(reply) -> list[dict]:
    lines = [f"`/rocu {escape(usage)}` — {escape(desc)}" for usage, desc in reply.data]
    unknown = reply.extra.get("unknown")
    first = "Type `/rocu` and a command, or just words to search."
    if unknown:
        first = f"There is no command “{escape(unknown)}”; these are all of them. " + first
    return fit(
        [
            header("rocu: the ROCU policy library"),
            section(first),
            *sections("\n".join(lines)),
            context(
                "Examples: `/rocu county lines` · `/rocu define ROCU` · `/rocu docs`. "
                "You can also mention @rocu with a question."
            ),
        ]
    )


def not_found_blocks(reply) -> list[dict]:
    data = reply.data
    if data.get("several"):  # a fragment of several ids: any of them, not none
        code = lambda doc_id: f"`{escape(doc_id)}`"  # noqa: E731
        return [section(fragment_sentence(escape(data["query"]), data["several"], code))]
    text = f"No {escape(data['what'])} matches “{escape(data['query'])}”."
    if data.get("suggestions"):
        text += " Did you mean: " + ", ".join(f"`{escape(s)}`" for s in data["suggestions"]) + "?"
    return [section(text)]


def generic_blocks(reply) -> list[dict]:
    """Any kind without its own renderer: its terminal text, escaped and split into sections."""
    return fit(sections(escape(reply_text(reply))) or [section(" ")])


REPLY_BLOCKS: dict[str, Callable] = {
    "search": search_blocks,
    "docs": documents_blocks,
    "doc": document_blocks,
    "help": help_blocks,
    "usage": lambda reply: [section(escape(reply.data))],
    "error": lambda reply: [section(escape(reply.data))],
    "refused": lambda reply: [section(reply.data)],  # the front end's own mrkdwn (names editors)
    "not_found": not_found_blocks,
}


REPLY_BLOCKS.update(feature_renderers("blocks"))


FEEDBACK = lazy("feedback", "feedback_block")


def reply_blocks(reply) -> list[dict]:
    """Block Kit for any ``bot.commands.Reply``, always within Slack's limits."""
    render = REPLY_BLOCKS.get(reply.kind, generic_blocks)
    rendered = render(reply)
    why = (getattr(reply, "extra", None) or {}).get("private_because")
    if why and reply.kind != "search":  # search says it in its own place
        rendered = [context(escape(why)), *rendered]
    return fit(rendered)


MRKDWN_KINDS = {"refused"}  # replies whose data is the front end's own mrkdwn (names editors)


# The fallback text is the console's answer, whose hints name the console's form ("`rocu define
# TERM`"); in Slack they read as Slack's ("`/rocu define TERM`"), as the blocks say (round 11's
# walk). Only subcommands Slack answers the same way, never a command-line option ("rocu recs
# --set-status", "--csv") or a command-line-only command ("rocu show", "rocu ingest").
SLACK_COMMAND_FORMS = True
SLACK_SUBCOMMANDS = (
    "define", "search", "recs", "glossary", "docs", "doc", "digest", "watches", "watch",
    "unwatch", "help", "add", "remove",
)  # fmt: skip
_CONSOLE_FORM = re.compile(
    rf"(?<![/\w.-])rocu (?=(?:{'|'.join(SLACK_SUBCOMMANDS)})\b(?![^`\n]*\s--[a-z]))"
)


def slack_forms(text: str) -> str:
    """``text`` with the console's ``rocu define X`` written as Slack's ``/rocu define X``."""
    return _CONSOLE_FORM.sub("/rocu ", text) if SLACK_COMMAND_FORMS else text


def fallback_text(reply) -> str:
    """The message's top-level ``text`` (notifications, screen readers): escaped once, short.
    A refusal is already mrkdwn: escaping it again showed ``&lt;@U0EDITOR&gt;``."""
    text = " ".join(slack_forms(reply_text(reply)).split())
    return truncate(text if reply.kind in MRKDWN_KINDS else escape(text), MAX_FALLBACK)


def message(reply, share_line: str | None = None, page: int = 0) -> dict:
    """A whole message for ``reply``: ``text`` and ``blocks``; with ``share_line``, a "Share in
    channel" button that posts the same answer in the channel."""
    blocks = reply_blocks(reply)
    vote = FEEDBACK(reply)  # 👍 / 👎 under a search or define answer (bot.render.feedback)
    if vote is not None:
        blocks = fit(blocks, MAX_BLOCKS - 1, MAX_BLOCKS_CHARS - blocks_chars([vote])) + [vote]
    if share_line is not None:
        share = actions(button("Share in channel", ACTION_SHARE, action_value(share_line, page)))
        blocks = fit(blocks, MAX_BLOCKS - 1, MAX_BLOCKS_CHARS - blocks_chars([share])) + [share]
    return {"text": fallback_text(reply), "blocks": blocks}


def shared_by(user_id: str | None) -> dict | None:
    """A context line naming who shared an answer (a Slack user id, from Slack itself)."""
    if not user_id or not user_id.isalnum():
        return None
    return context(f"Shared by <@{user_id}>")


def refusal_message() -> dict:
    """What a request from outside the allow-list gets: a polite no, nothing from the library."""
    text = (
        "Sorry, rocu is not set up to answer here. Ask whoever runs rocu to add this channel "
        "or workspace, or use it where it is enabled."
    )
    return {"text": text, "blocks": [section(text)]}


def failure_message() -> dict:
    text = "Sorry, something went wrong answering that. Please try again in a moment."
    return {"text": text, "blocks": [section(text)]}
