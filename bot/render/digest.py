"""The daily digest and watch replies as terminal text and as Slack Block Kit.

Kept apart from ``text.py`` and ``blocks.py`` (which register these kinds) because the digest is
one long composite message; the same ``bot.digest.content.Digest`` value renders both ways, and
every part with nothing to say is left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import textwrap

from bot.render import blocks as bk
from bot.render.text import KEEP_WHOLE, shown_titles
from bot.render.tracker import human_date

HELP_LINE = (
    "Type `/rocu help` for commands: `/rocu <words>` searches, `/rocu define <term>` explains "
    "an acronym, `/rocu watch <words>` adds a topic to this digest."
)


def long_date(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def short_date(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def when_due(days: int) -> str:
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days > 1:
        return f"due in {days} days"
    if days == -1:
        return "fell due yesterday"
    late = -days
    if late >= 730:  # "2536 days overdue" is hard to read: years, then months, past two months
        return f"over {late // 365} years overdue"
    if late >= 60:
        return f"over {late // 30} months overdue"
    return f"{late} days overdue"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


NEW_LISTED = 8  # more new documents than this: counts by type, and only the newest listed


def type_label(kind: str | None) -> str:
    """A document type as words: "government-response" -> "government response"."""
    return " ".join((kind or "document").replace("-", " ").replace("_", " ").split())


def type_heading(kind: str | None) -> str:
    label = type_label(kind)
    return label[:1].upper() + label[1:]


# In Slack the digest dated its due items "18 Jul 2025" but its new documents and quotes
# "2025-01-16", and typed a quote's source "committee-report" (round 15's walk): in Slack both now
# say dates as the due items do and types in words. The terminal keeps ISO dates. False: as before.
SLACK_DATES = True

# A hearing day's digest lead was one turn of its exchange out of context (round 15's walk: a
# witness's "That's correct, ..." under a Covid Inquiry day; the chair's or counsel's opening on
# another): a transcript's first sentence says who spoke to whom, not what the day was about. With
# this on, a transcript is listed by its title (its day and witnesses) with no quoted lead, in
# Slack and in the console alike. False: as before.
TRANSCRIPT_NO_LEAD = True
NO_LEAD_TYPES = frozenset({"transcript"})


def lead(doc) -> str:
    """The sentence quoted under a new document in the digest ("" for none)."""
    if TRANSCRIPT_NO_LEAD and (doc.type or "") in NO_LEAD_TYPES:
        return ""
    return doc.description or ""


MORE_NEW = "… and {n} more: `/rocu docs` lists the library, newest first."
# Due recommendations listed per part (the soonest first); the rest are counted, with the command
# that lists them. A long day's 31 due items filled the message's budget, and Slack's cut took
# the rest of the list, the overdue count, the watched topics, the passage of the day and the
# footer with them ("…and 7 more not shown": the round-12 walk). None: every one, as before.
DUE_LISTED: int | None = 5
MORE_DUE_SOON = "… and {n} more: `/rocu recs due:14d` lists them."
MORE_DUE_RECENT = "… and {n} more: `/rocu recs due:overdue` lists every overdue one."
# The "older overdue" line said "`/rocu recs due:overdue` lists them", but that list holds the
# recent ones above too (12 older, a list of 13: the round-12 walk). Now it says the list holds
# every overdue one, those above among them. False: as before.
OLDER_LIST_SAID = True
# A past day's digest from before anything was added showed only its counts ("0 documents · 0
# recommendations in the library that day"): it now says plainly that the library held nothing
# that day. False: as before.
EMPTY_DAY_SAID = True
EMPTY_DAY = "The library held no documents on {day}: nothing was added before then."
# The command line's preview (``rocu digest``) shows the digest's text with the command line's
# commands: ``rocu recs due:14d`` where Slack says ``/rocu recs due:14d``; watching a topic, which
# the command line cannot do, is named as Slack's. False: the Slack forms, as before.
CLI_FORMS = True
CLI_HELP_LINE = (
    "Type `rocu --help` for commands: `rocu search <words>` searches, `rocu define <term>` "
    "explains an acronym; in Slack, `/rocu watch <words>` adds a topic to this digest."
)


# A preview (``/rocu digest [day]``) not ready after a moment says so while it is worked out
# (``bot.slack.app.DIGEST_WORD_AFTER``).
WORKING = (
    "Working out the digest for {day}: each watched topic is searched in that day's new "
    "documents. It comes here in a moment."
)


def working_sentence(day: dt.date) -> str:
    """What a slow digest preview says while it is worked out."""
    return WORKING.format(day=long_date(day))


def older_line(digest) -> str:
    """ "12 older recommendations overdue by more than 30 days — ..." as plain text (its command
    in backticks)."""
    said = (
        f"{plural(digest.older_overdue, 'older recommendation')} overdue by more than 30 days"
        f" — `{digest.overdue_command}` lists "
    )
    if not OLDER_LIST_SAID:
        return said + "them."
    if digest.recently_due:
        return said + "every overdue one, those above among them."
    return said + "every overdue one."


def empty_day(digest) -> str | None:
    """The sentence for a past day before the library held anything, else None."""
    if EMPTY_DAY_SAID and getattr(digest, "past", False) and not digest.documents:
        return EMPTY_DAY.format(day=long_date(digest.date))
    return None


def due_parts(digest) -> list[tuple[str, list, int, str]]:
    """(heading, the items listed, how many in all, the line for the rest) of the two due parts
    that have items."""
    parts = []
    for label, items, more in (
        ("Recommendations due in the next 14 days", digest.due_soon, MORE_DUE_SOON),
        ("Recommendations that fell due in the last 30 days", digest.recently_due, MORE_DUE_RECENT),
    ):
        if items:
            shown = items if DUE_LISTED is None else items[:DUE_LISTED]
            rest = more.format(n=len(items) - len(shown)) if len(items) > len(shown) else ""
            parts.append((f"{label} ({len(items)})", shown, len(items), rest))
    return parts


def new_by_type(docs: list) -> list[tuple[str, list]]:
    """(type, documents) groups of the new documents, the largest group first, each group in
    the digest's order (newest first); at most NEW_LISTED documents in all, the newest."""
    listed = sorted(docs, key=lambda d: (d.date or "", d.title), reverse=True)[:NEW_LISTED]
    groups: dict[str, list] = {}
    for doc in docs:
        if doc in listed:
            groups.setdefault(doc.type or "document", []).append(doc)
    return sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))


def type_counts(docs: list) -> str:
    """``"report 9 · transcript 3 · impact assessment 1"``, the largest first."""
    counts: dict[str, int] = {}
    for doc in docs:
        counts[type_label(doc.type)] = counts.get(type_label(doc.type), 0) + 1
    return " · ".join(f"{t} {n}" for t, n in sorted(counts.items(), key=lambda c: (-c[1], c[0])))


def late_note(digest) -> str:
    local = digest.scheduled_at
    return f"Posted late: this digest was due at {local:%H:%M} ({local.tzname()})."


# A due recommendation says where it stands and how to open it: its id, the team's status when
# set, and the latest response's stance ("r1a2b3c · accepted · response: accepted in part"); its
# summary is not put in quotation marks, as a summary may leave words out. False: as before, the
# summary quoted and no id, status or response (found by the round-12 walk).
DUE_STANDING = True


def standing(rec) -> list[str]:
    """(id, status unless open, "response: <stance>") of a due recommendation, as plain text."""
    parts = [str(rec.id)] if rec.id else []
    status = getattr(rec, "status", None) or "open"
    if status != "open":
        parts.append(status)
    if getattr(rec, "response", None):
        parts.append(f"response: {rec.response}")
    return parts


def _addressees(rec) -> str:
    return ", ".join(rec.addressees) if rec.addressees else "addressee not stated"


def _source(title, kind, date, speaker=None, ref=None) -> list[str]:
    parts = [title, kind or "document", date or "undated"]
    if speaker:
        parts.append(f"speaker: {speaker}")
    if ref:
        parts.append(ref)
    return parts


# -- the digest's outline -----------------------------------------------------------------------

# The digest's parts in order, each once (``outline``): the terminal text and Slack's blocks draw
# the same outline, each with its own markup. Before round 18 each walked the digest itself, the
# same parts in the same order twice.


@dataclasses.dataclass
class NewPart:
    """The new documents: all of them, "report 9 · ..." when more than ``NEW_LISTED`` (else
    None), the (type, documents) groups listed, and the line for the rest ("" for none)."""

    docs: list
    by_type: str | None
    groups: list
    more: str


@dataclasses.dataclass
class DuePart:
    """The due recommendations (``due_parts``) and the older overdue line (None for none)."""

    parts: list
    older: str | None


def outline(digest) -> list[tuple[str, object]]:
    """(kind, part) for each part of the digest that has something to say, in order: ``late``
    and ``empty`` (a sentence), ``new`` (NewPart), ``due`` (DuePart), ``watches`` (the hits),
    ``passage`` (the passage of the day), ``glossary`` (the terms looked up without one)."""
    parts: list[tuple[str, object]] = []
    if digest.late:
        parts.append(("late", late_note(digest)))
    said = empty_day(digest)
    if said:
        parts.append(("empty", said))
    docs = digest.new_documents
    if docs:
        over = len(docs) > NEW_LISTED
        rest = MORE_NEW.format(n=len(docs) - NEW_LISTED) if over else ""
        parts.append(
            ("new", NewPart(docs, type_counts(docs) if over else None, new_by_type(docs), rest))
        )
    due = due_parts(digest)
    if due or digest.older_overdue:
        parts.append(("due", DuePart(due, older_line(digest) if digest.older_overdue else None)))
    if digest.watches:
        parts.append(("watches", digest.watches))
    if digest.passage:
        parts.append(("passage", digest.passage))
    if digest.glossary_misses:
        parts.append(("glossary", digest.glossary_misses))
    return parts


# -- terminal text --------------------------------------------------------------------------------


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        " ".join(text.split()), 100, initial_indent=indent, subsequent_indent=indent, **KEEP_WHOLE
    )


def _text_new(part: NewPart) -> list[str]:
    out = ["", f"New in the library ({len(part.docs)})"]
    if part.by_type:
        out.append(f"  By type: {part.by_type}. The {NEW_LISTED} newest:")
    for kind, group in part.groups:
        out.append(f"  {type_heading(kind)} ({len(group)})")
        for doc in group:
            changed = " (updated)" if doc.updated else ""
            out.append(f"  • {doc.title}{changed} — {doc.date or 'undated'} · {doc.id}")
            answered = answered_line(doc, mrkdwn=False)
            if answered:
                out.append(_wrap(answered, "      "))
            if lead(doc):
                out.append(_wrap(f"“{lead(doc)}”", "      "))
    if part.more:
        out.append("  " + part.more)
    return out


def _text_due(part: DuePart) -> list[str]:
    out = []
    for heading, items, _, rest in part.parts:
        out += ["", heading]
        for rec in items:
            out.append(
                f"• {when_due(rec.days)} ({short_date(rec.due)}) — {_addressees(rec)}: "
                f"{rec.doc_title} · {rec.passage_id or rec.doc_id}"
            )
            if DUE_STANDING:
                out.append(_wrap(rec.summary, "    "))
                out.append("    " + " · ".join(standing(rec)))
            else:
                out.append(_wrap(f"“{rec.summary}”", "    "))
        if rest:
            out.append(rest)
    if part.older:
        out += ["", part.older]
    return out


def _text_watches(hits) -> list[str]:
    out = ["", "Watched topics"]
    for hit in hits:
        more = f" (+{hit.more} more)" if hit.more else ""
        out.append(f"{hit.number}. “{hit.query}”{more}")
        for r, title in zip(hit.results, shown_titles(hit.results), strict=True):
            out.append(_wrap(f"“{r.excerpt}”", "    "))
            source = _source(title, r.type, r.date, r.speaker, r.passage_id)
            out.append("    — " + " · ".join(source))
    return out


def _text_passage(p) -> list[str]:
    source = " · ".join(_source(p.title, p.type, p.date, p.speaker, p.passage_id))
    return ["", "From the library", _wrap(f"“{p.text}”"), "  — " + source]


def _text_glossary(misses) -> list[str]:
    return [
        "",
        "Looked up with no definition on the last working day: "
        + ", ".join(misses)
        + " — add them to the glossary so the next person finds them.",
    ]


_TEXT_PARTS = {
    "late": lambda note: [note],
    "empty": lambda said: ["", said],
    "new": _text_new,
    "due": _text_due,
    "watches": _text_watches,
    "passage": _text_passage,
    "glossary": _text_glossary,
}


def digest_text(digest, cli: bool = False) -> str:
    """The digest as terminal text; ``cli``: with the command line's commands (``CLI_FORMS``)."""
    out = [f"Daily digest · {long_date(digest.date)}"]
    for kind, part in outline(digest):
        out += _TEXT_PARTS[kind](part)
    if cli and CLI_FORMS:
        out += ["", footer(digest, CLI_HELP_LINE).replace("`", "")]
        return _CLI_FORM.sub(r"\1rocu ", "\n".join(out))
    out += ["", footer(digest).replace("`", "")]
    return "\n".join(out)


_CLI_FORM = re.compile(r"(`)/rocu ")


def footer(digest, help_line: str = HELP_LINE) -> str:
    counts = [plural(digest.documents, "document")]
    if digest.recommendations is not None:
        counts.append(plural(digest.recommendations, "recommendation"))
    where = " in the library that day. " if getattr(digest, "past", False) else " in the library. "
    return " · ".join(counts) + where + help_line


def watches_text(reply) -> str:
    watches = reply.data
    mine = (reply.extra or {}).get("personal")
    if not watches:
        lines = ["This channel watches nothing yet. Add a topic with `/rocu watch county lines`."]
    else:
        lines = ["Topics this channel watches (new passages matching them appear in the digest):"]
        lines += [f"{w.number}. {w.query}" for w in watches]
        lines.append("Remove one with `/rocu unwatch <n>`.")
    if mine is None:
        return "\n".join(lines + _unused(reply))
    if not mine:
        lines.append(
            "You watch nothing yourself: `/rocu watch me county lines` sends you a direct "
            "message when something new matches."
        )
    else:
        lines.append("Your own topics (a direct message when something new matches, daily):")
        lines += [f"{w.number}. {w.query}" for w in mine]
        lines.append("Remove one with `/rocu unwatch me <n>`.")
    return "\n".join(lines + _unused(reply))


def _unused(reply) -> list[str]:
    """A line for words typed after `watches`, which lists every watch whatever follows."""
    unused = (reply.extra or {}).get("unused")
    if not unused:
        return []
    from bot.render.text import quoted_query

    return [
        f"(`watches` lists every watch: “{quoted_query(unused)}” was not used. To watch it, "
        "`/rocu watch` or `/rocu watch me` with those words.)"
    ]


def watch_text(reply) -> str:
    data = reply.data
    watch = data["watch"]
    if data.get("personal"):
        if data["action"] == "removed":
            return f"You no longer watch “{watch.query}”."
        if data["action"] == "exists":
            return f"You already watch “{watch.query}” (your number {watch.number})."
        return (
            f"Watching “{watch.query}” for you (your number {watch.number}): I'll send you a "
            "direct message when a new document or recommendation matches, at most once a day. "
            "`/rocu watches` lists your topics."
        )
    if data["action"] == "removed":
        return f"Stopped watching “{watch.query}”."
    if data["action"] == "exists":
        return f"Already watching “{watch.query}” (number {watch.number})."
    return (
        f"Watching “{watch.query}” (number {watch.number}): the daily digest will list new "
        "passages that match it. `/rocu watches` lists this channel's topics."
    )


def digest_reply_text(reply) -> str:
    stops = (reply.extra or {}).get("stopped") or []
    said = "".join(stopped_text(stop, slack=False) + "\n\n" for stop in stops)
    return said + digest_text(reply.data)


def digest_json(digest) -> dict:
    """The digest as JSON-ready data (``rocu digest --json``): its fields, dates in ISO form."""

    def plain(value):
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return plain(dataclasses.asdict(digest))


# -- Slack Block Kit ------------------------------------------------------------------------------


def answered_line(doc, mrkdwn: bool = True) -> str | None:
    """ "Answers 10 recommendations of *Report*: accepted 9 · noted 1" for a new response."""
    total = sum(doc.answers.values()) if getattr(doc, "answers", None) else 0
    if not total:
        return None
    reports = doc.answers_of
    show = (lambda t: bk.escape(t)) if mrkdwn else (lambda t: t)
    if len(reports) == 1:
        title = show(bk.truncate(reports[0], 200))
        of = f"*{title}*" if mrkdwn else title
    else:
        of = f"{len(reports)} reports"
    stances = " · ".join(f"{show(s)} {n}" for s, n in doc.answers.items())
    return f"Answers {plural(total, 'recommendation')} of {of}: {stances}"


def slack_date(date: str | None) -> str:
    """A document's date as the digest's due dates are said ("16 Jan 2025", "Nov 2025"), as the
    tracker says it (one date wording for Slack: ``tracker.human_date``)."""
    return human_date(date) or "undated"


def _quote(text: str, limit: int = 600) -> str:
    return "> " + bk.truncate(bk.escape(" ".join(text.split())), limit)


def _source_mrkdwn(title, kind, date, speaker=None, ref=None) -> str:
    parts = [f"*{bk.escape(bk.truncate(title or '', 250))}*"]
    if SLACK_DATES:
        kind, date = type_label(kind), slack_date(date)
    parts += [bk.escape(p) for p in _source("", kind, date, speaker)[1:]]
    if ref:
        parts.append(f"`{bk.escape(ref)}`")
    return " · ".join(parts)


def _blocks_new(part: NewPart) -> list[dict]:
    lines = [f"*New in the library ({len(part.docs)})*"]
    if part.by_type:
        lines.append(f"By type: {bk.escape(part.by_type)}. The {NEW_LISTED} newest:")
    for kind, group in part.groups:
        lines.append(f"_{bk.escape(type_heading(kind))} ({len(group)})_")
        for doc in group:
            changed = " _(updated)_" if doc.updated else ""
            date = slack_date(doc.date) if SLACK_DATES else (doc.date or "undated")
            lines.append(
                f"• *{bk.escape(bk.truncate(doc.title, 250))}*{changed}"
                f" · {bk.escape(date)} · `{bk.escape(doc.id)}`"
            )
            answered = answered_line(doc)
            if answered:
                lines.append(answered)
            if lead(doc):
                lines.append(_quote(lead(doc), 400))
    if part.more:
        lines.append(part.more)
    return [bk.divider(), *bk.sections("\n".join(lines))]


def _blocks_due(part: DuePart) -> list[dict]:
    due = []
    for heading, items, _, rest in part.parts:
        due.append(f"*{heading}*")
        for rec in items:
            line = (
                f"• *{when_due(rec.days)}* ({short_date(rec.due)}) — "
                f"{bk.escape(_addressees(rec))}: {bk.escape(bk.truncate(rec.summary, 300))}"
                f" · _{bk.escape(bk.truncate(rec.doc_title, 150))}_"
                f" `{bk.escape(rec.passage_id or rec.doc_id)}`"
            )
            if DUE_STANDING:
                parts = standing(rec)
                if rec.id:
                    parts[0] = f"`{bk.escape(parts[0])}`"
                line += " · " + " · ".join(bk.escape(p) if "`" not in p else p for p in parts)
            due.append(line)
        if rest:
            due.append(rest)
    if part.older:
        due.append(bk.escape(part.older))
    return [bk.divider(), *bk.sections("\n".join(due))]


def _blocks_watches(hits, per_topic: int | None = None) -> list[dict]:
    """The watched topics, each with its passages (``per_topic``: at most so many each; 0: a
    line per topic with its count and the search that lists them; None: all it has)."""
    blocks = [bk.divider(), bk.section("*Watched topics*")]
    if per_topic == 0:
        lines = []
        for hit in hits:
            found = len(hit.results) + hit.more
            lines.append(
                f"*{hit.number}. “{bk.escape(hit.query)}”* — {plural(found, 'new passage')}"
                f" · `/rocu search {bk.escape(hit.query)}`"
            )
        return blocks + bk.sections("\n".join(lines))
    for hit in hits:
        shown = hit.results if per_topic is None else hit.results[:per_topic]
        more = hit.more + len(hit.results) - len(shown)
        more = f" (+{more} more)" if more else ""
        lines = [f"*{hit.number}. “{bk.escape(hit.query)}”*{more}"]
        for r, title in zip(shown, shown_titles(hit.results)[: len(shown)], strict=True):
            lines.append("> " + bk.emphasised(r.excerpt, r.highlights, 500))
            lines.append(_source_mrkdwn(title, r.type, r.date, r.speaker, r.passage_id))
        blocks += bk.sections("\n".join(lines))
    return blocks


def _blocks_passage(p) -> list[dict]:
    return [
        bk.divider(),
        bk.section("*From the library*\n" + _quote(p.text, 2000)),
        bk.context(_source_mrkdwn(p.title, p.type, p.date, p.speaker, p.passage_id)),
    ]


def _blocks_glossary(misses) -> list[dict]:
    terms = ", ".join(f"`{bk.escape(t)}`" for t in misses)
    return [
        bk.divider(),
        bk.section(
            f"*Glossary:* looked up with no definition on the last working day: {terms}. "
            "Add them so the next person finds them."
        ),
    ]


_BLOCK_PARTS = {
    "late": lambda note: [bk.context(bk.escape(note))],
    "empty": lambda said: [bk.section(bk.escape(said))],
    "new": _blocks_new,
    "due": _blocks_due,
    "watches": _blocks_watches,
    "passage": _blocks_passage,
    "glossary": _blocks_glossary,
}


# A digest too long for one Slack message was cut at its end: with a busy day's new documents and
# due items, the fourth watched topic on was dropped with the passage of the day and the footer,
# and the cut said "…and 21 more not shown." (round 18's walk: 9 of 25 topics shown). With this
# on, the watched topics shrink first: one passage per topic, then a line per topic with its count
# and the search that lists its passages, so every topic is named. False: cut, as before.
WATCHES_SHRINK = True
WATCHES_SHRUNK = (1, 0)  # passages per topic tried in turn when the digest does not fit


def digest_blocks(digest) -> list[dict]:
    parts = outline(digest)
    blocks = _digest_blocks(digest, parts)
    if WATCHES_SHRINK and digest.watches and not _fits(blocks):
        for per_topic in WATCHES_SHRUNK:
            blocks = _digest_blocks(digest, parts, per_topic)
            if _fits(blocks):
                break
    return bk.fit(blocks)


def _fits(blocks: list[dict]) -> bool:
    return len(blocks) <= bk.MAX_BLOCKS and bk.blocks_chars(blocks) <= bk.MAX_BLOCKS_CHARS


def _digest_blocks(digest, parts, per_topic: int | None = None) -> list[dict]:
    blocks = [bk.header(f"Daily digest · {long_date(digest.date)}")]
    for kind, part in parts:
        if kind == "watches":
            blocks += _blocks_watches(part, per_topic)
        else:
            blocks += _BLOCK_PARTS[kind](part)
    blocks += [bk.divider(), bk.context(bk.escape(footer(digest)))]
    return blocks


# The notification (the message's fallback text) counts the recommendations that fell due in
# the last 30 days too ("1 recommendation due soon, 1 newly overdue"); it counted only those due
# soon, so a day whose news was an item falling overdue said nothing of it (the round-12 walk).
# False: as before.
FALLBACK_OVERDUE = True


def digest_fallback(digest) -> str:
    """The message's top-level text: what a notification shows."""
    parts = []
    if digest.new_documents:
        parts.append(plural(len(digest.new_documents), "new document"))
    due = len(digest.due_soon)
    if due:
        parts.append(plural(due, "recommendation") + " due soon")
    if FALLBACK_OVERDUE and digest.recently_due:
        parts.append(f"{len(digest.recently_due)} newly overdue")
    hits = sum(len(h.results) + h.more for h in digest.watches)
    if hits:
        parts.append(plural(hits, "watched passage"))
    summary = ": " + ", ".join(parts) if parts else ""
    late = " (late)" if digest.late else ""
    return bk.truncate(bk.escape(f"Daily digest for {long_date(digest.date)}{late}{summary}"), 500)


def digest_message(digest) -> dict:
    """``text`` and ``blocks`` for chat.postMessage."""
    return {"text": digest_fallback(digest), "blocks": digest_blocks(digest)}


def watches_blocks(reply) -> list[dict]:
    return [bk.section(bk.escape(watches_text(reply)))]


def watch_blocks(reply) -> list[dict]:
    return [bk.section(bk.escape(watch_text(reply)))]


def digest_reply_blocks(reply) -> list[dict]:
    stops = (reply.extra or {}).get("stopped") or []
    shown = digest_blocks(reply.data)
    if not stops:
        return shown
    said = [bk.section(":warning: " + stopped_text(stop)) for stop in stops[:5]]
    return bk.fit(shown[:1] + said + shown[1:])  # under the header


# -- round 22: watches the store's migration removed; a stopped digest -----------------------------

PERSONAL_PREFIX = "user:"  # bot.digest.alerts.PERSONAL: the channel key of a person's own watches


def removed_watches_text(removed: list, slack: bool = True) -> str:
    """One private note telling a person which of their watches rocu's update removed, why, and
    how to watch again (``bot.digest.watches.Removed``; ``slack``: mrkdwn, channels as links)."""
    lines = []
    for item in removed:
        words = bk.escape(item.query) if slack else item.query
        if item.channel.startswith(PERSONAL_PREFIX):
            where, again = "your own watch", "type `/rocu watch me` and the words"
        else:
            channel = f"<#{item.channel}>" if slack else item.channel
            where, again = f"a watch in {channel}", "type `/rocu watch` and the words there"
        day = human_date(str(item.removed_at)[:10])
        if item.why == "same":
            why = "without Slack's mentions it watched the same words as another watch there"
        else:
            why = (
                "its words were only Slack mentions or emoji codes, which rocu no longer reads "
                "as words, so it matched nothing"
            )
        lines.append(
            f"Your watch “{words}” ({where}) was removed when rocu was updated on {day}: {why}. "
            f"To watch a topic again, {again}."
        )
    return "\n".join(lines)


STOPPED_WHY = {
    "not_in_channel": "rocu is no longer a member of that channel",
    "channel_not_found": "Slack says the channel does not exist or rocu cannot see it",
    "is_archived": "the channel is archived",
}
STOPPED_RESUME = {
    "not_in_channel": "type `/invite @rocu` in that channel: the digest is posted within a few "
    "minutes",
    "channel_not_found": "set DIGEST_CHANNEL to the id in the channel's details and "
    "`/invite @rocu` there",
    "is_archived": "unarchive the channel (and `/invite @rocu` if needed), or set another "
    "DIGEST_CHANNEL",
}


def stopped_text(stop: dict, slack: bool = True) -> str:
    """ "The daily digest for #x is stopped (since 20 Mar 2020): why. To resume it, how." for a
    stop recorded by ``bot.digest.scheduler`` (``channel``, ``reason``, ``since``)."""
    channel = f"<#{stop['channel']}>" if slack else stop["channel"]
    reason = stop.get("reason") or ""
    why = STOPPED_WHY.get(reason, f"Slack refused it ({reason})")
    resume = STOPPED_RESUME.get(reason, "ask whoever runs rocu")
    since = human_date(str(stop.get("since") or "")[:10])
    return (
        f"The daily digest for {channel} is stopped (since {since}): {why}. To resume it, {resume}."
    )
