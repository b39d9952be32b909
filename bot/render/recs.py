"""Recommendation replies (``recs`` lists, one ``rec`` in full) as terminal text and Block Kit.

Kept apart from ``text.py`` and ``blocks.py`` (which register these kinds): a list is grouped by
document (title, date, who makes them) and each line carries summary, addressees, due date or
deadline words and status; one recommendation in full quotes its exact wording and source passage.
"""

from __future__ import annotations

import re
import textwrap
from itertools import groupby

from bot.library.pagestarts import page_url
from bot.render import blocks as bk
from bot.render import text as text_mod
from bot.render import tracker as tr
from bot.render.text import KEEP_WHOLE, status_said

PAGE_SIZE = 10  # recommendations per Slack message when the reply names none; `rocu recs` shows all
STATUS_COMMAND = (
    "rocu recs --set-status {id} "
    "open|accepted|in-progress|implemented|rejected|superseded [--note TEXT]"
)


# What a policy officer met in Slack (round 15's walk, bench/RESULTS.md): the tracker's cards
# gave dates as ISO ("due 2025-07-18", "inquiry-report · 2024-07-18") where the digest and the
# Home tab say "18 Jul 2025"; several deadlines read "first due 2025-07-18 of 3 deadlines
# (...; Within 6 months ...)"; a response document's own summary (`recs doc:RESPONSE`) showed its
# report's items under the report's title without a word of the response or how it answered; one
# item was "Recommendations 1–1 of 1"; a card said "made by not recorded" and its response's
# stance twice ("Response: accepted · ..." over "Response: accepted, answer:"). In Slack now:
# dates as the digest gives them, document types in words ("inquiry report", "other" as
# "document"), deadline phrases as phrases ("within six months"), "due 18 Jul 2025, the first of
# 3 deadlines (...)", a line over a response's items saying what it answered ("answers 10
# recommendations of *Report*: accepted 9 · noted 1"), "1 recommendation" ("10 recommendations"
# for 1–10 of 10), no maker when none is recorded, and "Its answer:" under a card's one response.
# The console and the exports keep ISO dates (typed, sorted and filtered as such). False: as
# before.
SLACK_WORDING = True
_PHRASE_STARTS = frozenset(
    "within by before no as at in from after until over during immediately urgently every each "
    "the this next now once when following on prior annually".split()
)


human_date = tr.human_date  # as the digest says dates ("18 Jul 2025")


def _phrase(words: str) -> str:
    """A deadline phrase as a phrase inside a line: "Within six months" -> "within six months"
    (a first word that is a name, "March 2025", is kept)."""
    head, _, rest = words.partition(" ")
    if head[:1].isupper() and head.lower() in _PHRASE_STARTS and not head.isupper():
        return head.lower() + (" " + rest if rest else "")
    return words


# A summary whose cut left out its ask says who but not what: "... and the Thalassaemia Society
# should…" (a long list of bodies filled its length), "... should each produce…" (cut before "and
# publish ..."): round 15's walk, 3 of the 144 items of the real documents, from three publishers.
# Every front end then shows the ask: the subject cut to its first words, then the words from the
# modal on, to the summary's length. A summary with no modal says its ask otherwise ("urge
# ministers to ensure ...") and is kept; the stored summary is unchanged. False: as stored.
ASK_SHOWN = True
ASK_WORDS = 2  # fewer words than this after the modal (less "each", "also"...): no ask
SUBJECT_CHARS = 70  # a longer subject is cut to its first SUBJECT_WORDS words
SUBJECT_WORDS = 6
SUMMARY_CHARS = 160  # as ``bot.recs.summary.MAX_CHARS``
_MODAL = re.compile(r"\b(?:should|must|shall|ought\s+to|needs?\s+to|(?:is|are)\s+to)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[a-z)\]’'])\.(?=\s+[A-Z])")
_NOT_THE_ASK = frozenset("each also both all jointly together now then therefore further".split())


def shown_summary(rec) -> str:
    """``rec``'s summary, or (``ASK_SHOWN``) its ask when the summary's cut left the ask out."""
    summary = rec.summary or ""
    if not ASK_SHOWN or not summary.endswith("…"):
        return summary
    head = " ".join(summary[:-1].split())
    text = " ".join((rec.text or "").split())
    at = text.find(head)
    modals = list(_MODAL.finditer(head)) if at >= 0 and head else []
    if not modals:  # no modal: its ask is said otherwise ("urge ministers to ensure ...")
        return summary
    modal = _MODAL.search(text, at + modals[-1].start())
    said = text[modal.end() : at + len(head)].split()
    if len([w for w in said if w.lower() not in _NOT_THE_ASK]) >= ASK_WORDS:
        return summary
    subject = text[at : modal.start()].strip()
    if len(subject) > SUBJECT_CHARS:
        subject = " ".join(subject.split()[:SUBJECT_WORDS]).rstrip(",;:") + " …"
    ask = text[modal.start() :]
    room = max(SUMMARY_CHARS - len(subject) - 1, 40)
    stop = _SENTENCE_END.search(ask, 0, room)
    end = stop.start() if stop else -1
    if end >= 0 or len(ask) <= room:
        ask = ask[: end + 1] if end >= 0 else ask
    else:
        ask = ask[:room].rsplit(" ", 1)[0].rstrip(",;: ") + "…"
    return f"{subject} {ask}"


# A card in Slack gave the wording three times (round 15's walk): its summary in bold (the
# wording's first sentence, cut), the exact wording quoted, and the source passage, which is the
# label and the same wording again. With this on, the card quotes the wording once: the bold
# summary only when it says something the wording does not begin with (a summary written apart),
# and of the source passage only what lies around the wording ("Recommendation 1: Rural patrols
# [the wording above]"), or nothing when the passage is the wording alone. A passage that does not
# hold the wording is quoted whole, as before. The console's `rocu recs ID` likewise
# (``CONSOLE_WORDING_ONCE``): no summary line that is only the wording's start, "In the source
# (id): Recommendation 1: ... [the wording above]". False: as before.
CARD_WORDING_ONCE = True
CONSOLE_WORDING_ONCE = True
AROUND_CHARS = 600  # of the source passage shown on each side of the wording
_WORD = re.compile(r"[\w’']+")


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]


def summary_in_wording(rec) -> bool:
    """Whether ``rec``'s shown summary is the start of its wording (word for word)."""
    said, wording = _words(shown_summary(rec)), _words(rec.text)
    return bool(said) and wording[: len(said)] == said


def around_wording(rec) -> tuple[str, str] | None:
    """(what comes before, what comes after) ``rec``'s wording in its source passage, spaces
    collapsed; None when the passage does not hold the wording."""
    passage, text = " ".join((rec.passage_text or "").split()), " ".join((rec.text or "").split())
    at = passage.find(text) if text else -1
    if at < 0:
        return None
    return passage[:at].strip(), passage[at + len(text) :].strip()


def status_mrkdwn(rec) -> str:
    """ "_team status:_ *open*" for a Slack card (``TEAM_STATUS_SAID``), else "*open*"."""
    word = f"*{bk.escape(tr.label(rec.status))}*"
    return f"_team status:_ {word}" if text_mod.TEAM_STATUS_SAID else word


def addressees(rec) -> str:
    return ", ".join(rec.addressees) if rec.addressees else "addressee not stated"


def when(rec, slack: bool = False) -> str:
    """When ``rec`` is due, in words; ``slack`` (with ``SLACK_WORDING``): as Slack shows it."""
    if slack and SLACK_WORDING:
        return _when_slack(rec)
    if rec.due:
        several = text_mod.deadlines_said(rec)
        if several:
            return f"{several} ({rec.deadline_text})"
        return f"due {rec.due.isoformat()} ({rec.deadline_text})"
    if rec.deadline_text:
        return rec.deadline_text
    return "no deadline given"


def _when_slack(rec) -> str:
    phrases = [_phrase(p.strip()) for p in (rec.deadline_text or "").split("; ") if p.strip()]
    said = "; ".join(phrases)
    if rec.due:
        due = f"due {human_date(rec.due)}"
        if len(phrases) >= 2 and text_mod.SEVERAL_DEADLINES_SAID:
            return f"{due}, the first of {len(phrases)} deadlines ({said})"
        return f"{due} ({said})" if said else due
    return said or "no deadline given"


def document_line(rec, slack: bool = False) -> str:
    if slack and SLACK_WORDING:
        kind = (rec.doc_type or "other").replace("-", " ")
        parts = ["document" if kind == "other" else kind, human_date(rec.doc_date) or "undated"]
    else:
        parts = [rec.doc_type or "document", rec.doc_date or "undated"]
    if rec.made_by:
        parts.append(f"made by {rec.made_by}")
    parts.append(rec.doc_id)
    return " · ".join(parts)


def response_lines(rec, named: set | None = None, slack: bool = False) -> list[str]:
    """ "Response: accepted in part · Government Response to ... · 2025-01-16", one per response
    that answers it, then the item's note ("response to a report not in the library"). In a list,
    ``named`` holds the responses already named in full above: those are named by date alone."""
    lines = []
    for answer in getattr(rec, "responses", None) or []:
        where = answer.get("doc_title") or answer.get("file") or answer.get("doc_id")
        if named is not None:
            key = answer.get("doc_id") or answer.get("file") or where
            where = None if key in named else where
            named.add(key)
        parts = [f"Response: {answer.get('stance') or 'answered, no stance stated'}", where]
        date = answer.get("date")
        parts.append((human_date(date) if slack and SLACK_WORDING else date) or "undated")
        parts.append(tr.target_date(rec, answer))
        lines.append(" · ".join(p for p in parts if p))
    if not lines and getattr(rec, "response", None):  # extraction's word, before linking
        lines.append(f"Response: {rec.response}")
    if getattr(rec, "note", None):
        lines.append(rec.note[0].upper() + rec.note[1:] + ".")
    return lines


def response_answers(rec) -> list[tuple[str, str]]:
    """(stance line, answer text) of each response that gives its answer's words."""
    out = []
    for answer in getattr(rec, "responses", None) or []:
        if answer.get("answer"):
            out.append(
                (f"Response: {answer.get('stance') or 'no stance stated'}", answer["answer"])
            )
    if not out and getattr(rec, "response_text", None) and getattr(rec, "response", None):
        out.append((f"Response: {rec.response}", rec.response_text))
    return out


# "No recommendations match" says "Try fewer words" only when the filter has words (to
# "status:accepted" it said so too), says that `status:` is the team's own status, not a
# response's stance (four items answered "accepted" by a response and none found: the round-12
# walk), and names `/rocu recs` in Slack. False: as before.
NOTHING_FOUND_FITS = True


def _response_hint() -> str:
    from bot.recs import filters

    return " response:accepted" if filters.RESPONSE_FILTER else ""


def _response_said(status: str) -> str:
    """ " `response:accepted` finds what a response accepted." (the stance ``status`` names, if
    it names one), when the filter exists (``bot.recs.filters.RESPONSE_FILTER``)."""
    from bot.recs import filters

    if not filters.RESPONSE_FILTER:
        return ""
    stance = filters.RESPONSE_ALIASES.get(status.replace("-", " "), status.replace("-", " "))
    if stance in filters.STANCES:
        return f" `response:{stance.replace(' ', '-')}` finds what a response {stance}."
    return " `response:accepted` finds what a response accepted."


# "No recommendations match" quoted the filter whole: a pasted 3,000-character `to:` came back as
# one 3,146-character line at the console (round 18's walk). With this on the filter is quoted as
# a search's query is (``render.text.quoted_query``: 200 characters, cut between words). False:
# whole, as before.
NOTHING_FOUND_QUOTE_CUT = True


def nothing_found(filter_text: str, slack: bool = False) -> str:
    if filter_text and NOTHING_FOUND_QUOTE_CUT:
        quoted = text_mod.quoted_query(filter_text)
        return _nothing_found(filter_text, slack).replace(f"“{filter_text}”", f"“{quoted}”", 1)
    return _nothing_found(filter_text, slack)


def _nothing_found(filter_text: str, slack: bool = False) -> str:
    if filter_text and not NOTHING_FOUND_FITS:
        return (
            f"No recommendations match “{filter_text}”. Try fewer words, or `recs` for all "
            "(filters: doc:ID to:NAME due:overdue due:30d status:open)."
        )
    if filter_text:
        from bot.recs.filters import parse_filter

        try:
            wanted = parse_filter(filter_text)
        except ValueError:
            wanted = None
        command = "/rocu recs" if slack else "recs"
        fewer = "Try fewer words" if wanted is None or wanted.words else "Try another filter"
        said = f"No recommendations match “{filter_text}”. {fewer}, or `{command}` for all"
        said += f" (filters: doc:ID to:NAME due:overdue due:30d status:open{_response_hint()})."
        if wanted is not None and wanted.status:
            said += " `status:` is the status the team set, not a response's stance."
            said += _response_said(wanted.status)
        elif wanted is not None and getattr(wanted, "response", None):
            said += " `response:` is what a response document answered, not the team's status."
        return said
    return "No recommendations found in the library's reports and letters."


# -- terminal text ---------------------------------------------------------------------------


# The console's and the command line's list title quoted the filter as typed ("Recommendations (2)
# matching “to:vale”", round 16's walk), where Slack's header says it in words. With this on the
# title says it as the header does (``header_words``: "Recommendations (2) to Vale Constabulary ·
# team status: open"); a filter that does not parse is quoted as before. False: as before.
TITLE_IN_WORDS = True


def recs_text(
    recs: list,
    filter_text: str = "",
    urls: dict[str, str] | None = None,
    first: int = 1,
    total: int | None = None,
) -> str:
    """The recommendations ``recs`` as terminal text; when they are one page of ``total``
    (from the ``first``), the title says which."""
    if not recs:
        return nothing_found(filter_text)
    if total is None or total == len(recs):
        title = f"Recommendations ({len(recs)})"
    else:
        title = f"Recommendations {first}–{first + len(recs) - 1} of {total}"
    words = header_words(recs, filter_text) if TITLE_IN_WORDS and filter_text else None
    if words:  # "Recommendations (2) to Vale Constabulary · team status: open"
        count = title.removeprefix("Recommendations ").strip("()")
        title = f"Recommendations ({count})" + words.removeprefix("Recommendations")
    else:
        shown = text_mod.quoted_query(filter_text) if WORDS_QUOTED_CUT else filter_text
        title += f" matching “{shown}”" if filter_text else ""
    out = [title]
    for _, group in groupby(recs, key=lambda r: r.doc_id):
        group = list(group)
        first = group[0]
        out += ["", first.doc_title, "  " + document_line(first)]
        if (urls or {}).get(first.doc_id):
            out.append(f"  Open source: {urls[first.doc_id]}")
        named: set = set()  # the responses named in full in this group
        for rec in group:
            out.append(
                textwrap.fill(
                    shown_summary(rec),
                    width=100,
                    initial_indent=f"  {rec.id:<8} ",
                    subsequent_indent=" " * 11,
                    **KEEP_WHOLE,
                )
            )
            overdue = f" · {tr.OVERDUE_MARK}" if rec.overdue else ""
            standing = f"{when(rec)} · {status_said(rec)}{overdue}"
            out.append(" " * 11 + f"to: {addressees(rec)} · {standing}")
            change = tr.latest_change(rec)
            if change:
                out.append(" " * 11 + "status " + change)
            out += [" " * 11 + line for line in response_lines(rec, named)]
    out += ["", "`rocu recs ID` shows one in full with its exact wording."]
    return "\n".join(out)


def rec_text(rec, url: str | None = None) -> str:
    wrap = textwrap.TextWrapper(
        width=100, initial_indent="  ", subsequent_indent="  ", **KEEP_WHOLE
    )
    once = CARD_WORDING_ONCE and CONSOLE_WORDING_ONCE
    out = [
        f"{rec.id} · {status_said(rec)}" + (f" · {tr.OVERDUE_MARK}" if rec.overdue else ""),
        *([] if once and summary_in_wording(rec) else [shown_summary(rec)]),
        "",
        f"Made by:  {rec.made_by or 'not recorded'}",
        f"To:       {addressees(rec)}",
        f"Deadline: {when(rec)}",
        f"Themes:   {', '.join(rec.themes) or '-'}",
        f"Source:   {rec.doc_title} · {document_line(rec)} · {rec.passage_id or rec.doc_id}",
    ]
    if url:
        out.append(f"Open source: {url}")
    if response_lines(rec):
        out += [""] + response_lines(rec)
        for stance, said in response_answers(rec):
            out += [f"{stance}, answer:", wrap.fill(said)]
    if rec.intro:
        out += ["", "Introduced by:", wrap.fill(rec.intro)]
    out += ["", "Exact wording:", wrap.fill(rec.text)]
    around = around_wording(rec) if once else None
    if around is not None:
        if around[0] or around[1]:
            said = " ".join(p for p in (around[0], "[the wording above]", around[1]) if p)
            out += ["", f"In the source ({rec.passage_id}):", wrap.fill(said)]
    elif rec.passage_text and " ".join(rec.passage_text.split()) != " ".join(rec.text.split()):
        out += ["", f"Source passage ({rec.passage_id}):"]
        out += [wrap.fill(p) for p in rec.passage_text.split("\n") if p.strip()]
    change = tr.latest_change(rec)  # worded and timed as in the listing and the history
    if change:
        out += ["", f"Status: {change}"]
    if rec.history:
        out += ["", "History:"] + [f"  {line}" for line in tr.history_lines(rec)]
    out += ["", "Set the team's view: " + STATUS_COMMAND.format(id=rec.id)]
    return "\n".join(out)


# -- Slack Block Kit -------------------------------------------------------------------------


def recs_blocks(reply) -> list[dict]:
    recs = reply.data or []
    filter_text = reply.extra.get("filter", "")
    if not recs:
        return [bk.section(bk.escape(nothing_found(filter_text, slack=True)))]
    shown, page, size = _page(reply)
    title = f"Recommendations: {filter_text}" if filter_text else "Recommendations"
    if HEADER_IN_WORDS and filter_text:
        title = header_words(recs, filter_text) or title
    blocks = [bk.header(title)]
    answered = response_summary(recs, filter_text) if SLACK_WORDING else None
    if answered:
        blocks.append(bk.context(answered))
    number = page * size
    urls = reply.extra.get("urls") or {}
    for n, (_, group) in enumerate(groupby(shown, key=lambda r: r.doc_id)):
        group = list(group)
        first = group[0]
        blocks.append(
            bk.section(
                f"*{bk.escape(bk.truncate(first.doc_title, 300))}*",
                bk.open_source(urls.get(first.doc_id), n),
            )
        )
        blocks.append(bk.context(bk.escape(document_line(first, slack=True))))
        named: set = set()  # the responses named in full in this group
        for rec in group:
            number += 1
            cites = (reply.extra.get("cites") or {}).get(rec.id, "")
            blocks += _rec_line(rec, number, f"recs {filter_text}".strip(), page, cites, named)
    start = page * size + 1
    export = bk.escape(bk.truncate(f"/rocu recs export {filter_text}".strip(), 200))
    counted = f"Recommendations {start}–{start + len(shown) - 1} of {len(recs)}"
    if SLACK_WORDING and len(shown) == len(recs):
        counted = f"{len(recs)} recommendation{'s' if len(recs) != 1 else ''}"
    blocks.append(
        bk.context(
            f"{counted} · "
            "filter with words, `doc:ID`, `to:NAME`, `due:overdue`, `due:30d`, `status:open`, "
            "`response:accepted` · "
            f"`{export}` posts them as a spreadsheet"
        )
    )
    buttons = bk.pager(f"recs {filter_text}".strip(), page, size, len(recs))
    return bk.fit(blocks + ([buttons] if buttons else []))


def _rec_line(
    rec, n: int, line: str = "recs", page: int = 0, cites: str = "", named: set | None = None
) -> list[dict]:
    """A recommendation in a list: its line (overdue marked, the latest status change, where it
    is in its document) with "Show full text", then its "Set status" control."""
    overdue = f"{tr.OVERDUE_EMOJI} *Overdue* · " if rec.overdue else ""
    where = f" · {bk.escape(cites)}" if cites else ""
    text = (
        f"{overdue}{bk.escape(shown_summary(rec))}\n"
        f"_to:_ {bk.escape(addressees(rec))} · {bk.escape(when(rec, slack=True))} · "
        f"{status_mrkdwn(rec)} · `{bk.escape(rec.id)}`{where}"
    )
    change = tr.latest_change_mrkdwn(rec)
    if change:
        text += "\n_Status " + change + "_"
    for said in response_lines(rec, named, slack=True):
        text += "\n" + bk.escape(bk.truncate(said, 300))
    full = bk.button(
        "Show full text", f"{bk.ACTION_FULL}_rec_{n}", bk.action_value(f"recs {rec.id}")
    )
    return [bk.section(text, full), bk.actions(tr.status_button(rec, line, page, n))]


def rec_blocks(reply) -> list[dict]:
    rec = reply.data
    blocks = [
        bk.header(
            f"Recommendation {rec.id} · {status_said(rec)}" + (" · overdue" if rec.overdue else "")
        ),
        *(
            []
            if CARD_WORDING_ONCE and summary_in_wording(rec)
            else [bk.section(f"*{bk.escape(shown_summary(rec))}*")]
        ),
        bk.context(
            *(
                ["_made by_ " + bk.escape(rec.made_by or "not recorded")]
                if rec.made_by or not SLACK_WORDING
                else []
            ),
            "_to_ " + bk.escape(addressees(rec)),
            bk.escape(when(rec, slack=True)),
            "_themes_ " + bk.escape(", ".join(rec.themes) or "none"),
        ),
    ]
    if rec.intro:
        blocks.append(bk.context("_Introduced by:_ " + bk.escape(bk.truncate(rec.intro, 2000))))
    blocks += bk.sections(_quote(rec.text))
    blocks.append(
        bk.context(
            f"*{bk.escape(bk.truncate(rec.doc_title, 250))}*",
            bk.escape(document_line(rec, slack=True)),
            bk.escape((reply.extra.get("cites") or {}).get(rec.id, "")),
            f"`{bk.escape(rec.passage_id or rec.doc_id)}`",
        )
    )
    around = around_wording(rec) if CARD_WORDING_ONCE else None
    if around is not None:
        before, after = around
        if before or after:
            if len(before) > AROUND_CHARS:
                before = "…" + before[-AROUND_CHARS:].lstrip()
            if len(after) > AROUND_CHARS:
                after = after[:AROUND_CHARS].rstrip() + "…"
            said = " ".join(
                part
                for part in (bk.escape(before), "_[the wording above]_", bk.escape(after))
                if part
            )
            blocks.append(bk.context(f"_In the source:_ {said}"))
    elif rec.passage_text and " ".join(rec.passage_text.split()) != " ".join(rec.text.split()):
        blocks.append(bk.context("_Source passage:_"))
        blocks += bk.sections(_quote(rec.passage_text))
    for line in response_lines(rec, slack=True):
        blocks.append(bk.context(f"*{bk.escape(bk.truncate(line, 600))}*"))
    answers = response_answers(rec)
    for stance, said in answers:
        # One response: its stance is on the line above; "Its answer:" does not say it again.
        head = "Its answer:" if SLACK_WORDING and len(answers) == 1 else f"{stance}, answer:"
        blocks.append(bk.context(f"_{bk.escape(head)}_\n{_quote(bk.truncate(said, 2000))}"))
    if rec.overdue:
        due = human_date(rec.due) if SLACK_WORDING else rec.due.isoformat()
        blocks.append(bk.context(f"{tr.OVERDUE_EMOJI} *Overdue*: due {due}"))
    history = tr.history_mrkdwn(rec)
    if history:
        shown = history[-tr.MODAL_HISTORY :]
        while True:  # whole lines only: a cut must not halve a Slack date
            lines = [f"*History* ({len(history)} change{'s' if len(history) != 1 else ''})"]
            if len(history) > len(shown):
                lines.append(f"_…{len(history) - len(shown)} earlier not shown_")
            lines += ["• " + h for h in shown]
            if len(shown) <= 1 or len("\n".join(lines)) <= bk.MAX_SECTION:
                break
            shown = shown[1:]
        blocks.append(bk.context(bk.truncate("\n".join(lines), bk.MAX_SECTION)))
    url = (reply.extra.get("urls") or {}).get(rec.doc_id)
    url = page_url(url, (reply.extra.get("pages") or {}).get(rec.id))
    buttons = [bk.open_source(url)] if url else []
    blocks.append(bk.actions(*buttons, tr.status_button(rec, f"recs {rec.id}")))
    return bk.fit(blocks)


# The list's header repeated the typed filter ("Recommendations: doc:covid-inquiry-module-1-..."
# round 15's walk). With this on it says in words what is listed: "Recommendations of *Review of
# ...*" (the document's title; "answered by *Response*" for a response's), "to Home Office",
# "on policing" (a theme), "team status: in progress", "response: accepted" ("with no response
# yet", "answered by a response"), "overdue", "due within 30 days", "due in 2027", "matching
# “rural patrol”". The filter as typed stays in the footer's export command. A filter that does
# not parse keeps the typed header. False: as before.
HEADER_IN_WORDS = True


# Round 21: a recs list's title quoted the words it matched in full, so 4,000 characters pasted
# after `/rocu recs` came back as a 4,000-character title in the channel. Cut as a search's
# answer quotes a query (``text.quoted_query``, between words, with " …"). False: in full.
WORDS_QUOTED_CUT = True


def header_words(recs: list, filter_text: str) -> str | None:
    """The list's header in words for ``filter_text`` (plain text, for a Slack header), or None
    when the filter does not parse."""
    from bot.recs.filters import RESPONSE_ANY, RESPONSE_NONE, parse_filter

    try:  # the listed recommendations' addressees: what `to:home office` completes
        wanted = parse_filter(filter_text, [a for rec in recs for a in rec.addressees])
    except ValueError:
        return None
    said = ["Recommendations"]
    if wanted.doc:
        answering = _answering_doc(recs, filter_text)
        titles = list(dict.fromkeys(rec.doc_title for rec in recs))
        if answering:
            title = answering[1][0].get("doc_title") or answering[0]
            said.append(f"answered by {bk.truncate(title, 90)}")
        elif len(titles) == 1:
            said.append(f"of {bk.truncate(titles[0], 90)}")
        else:
            said.append(f"of the documents matching “{bk.truncate(wanted.doc, 40)}”")
    if wanted.to:
        said.append("to " + " and ".join(_to_said(recs, who) for who in wanted.to))
    if wanted.theme:
        said.append("on " + " and ".join(wanted.theme))
    if wanted.words:
        typed = " ".join(wanted.words)
        said.append(f"matching “{text_mod.quoted_query(typed) if WORDS_QUOTED_CUT else typed}”")
    more = []
    if wanted.status:
        more.append(f"team status: {tr.label(wanted.status)}")
    if wanted.response == RESPONSE_NONE:
        more.append("with no response yet")
    elif wanted.response == RESPONSE_ANY:
        more.append("answered by a response")
    elif wanted.response:
        more.append(f"response: {wanted.response}")
    if wanted.overdue:
        more.append("overdue")
    if wanted.within_days is not None:
        days = wanted.within_days
        more.append(f"due within {days} day{'s' if days != 1 else ''}")
    if wanted.due_in:
        first, last = wanted.due_in
        period = str(first.year) if (first.month, last.month) == (1, 12) else f"{first:%b %Y}"
        more.append(f"due in {period}")
    return " · ".join([" ".join(said)] + more)


# `to:` in the header was said as typed ("Recommendations to vale", round 15's walk). With this on,
# it is said as the listed recommendations name the addressee ("to Vale Constabulary"; up to
# ``TO_NAMES_SHOWN`` names, "or" between them); as typed when none or more match. False: as typed.
TO_AS_NAMED = True
TO_NAMES_SHOWN = 3


def _to_said(recs: list, who: str) -> str:
    """``to:who`` in words: the addressees it named in ``recs``, else as typed."""
    if not TO_AS_NAMED:
        return who
    from bot.recs.filters import addressees_named

    named = addressees_named(recs, who)
    if not named or len(named) > TO_NAMES_SHOWN:
        return who
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]


def _answering_doc(recs: list, filter_text: str) -> tuple[str, list[dict]] | None:
    """For `recs doc:RESPONSE`, whose items are the reports' it answers: (the response's id, its
    answers), else None."""
    from bot.recs.filters import parse_filter

    try:
        typed = (parse_filter(filter_text).doc or "").lower()
    except ValueError:
        return None
    if not typed or not recs:
        return None
    answers: dict[str, list[dict]] = {}
    for rec in recs:
        for answer in getattr(rec, "responses", None) or []:
            answers.setdefault(answer.get("doc_id") or "", []).append(answer)
    own = {rec.doc_id for rec in recs}
    doc_id = next(
        (
            d
            for d, said in answers.items()
            if d and d not in own and len(said) >= len(recs) and typed in d.lower()
        ),
        None,
    )
    return (doc_id, answers[doc_id]) if doc_id is not None else None


def response_summary(recs: list, filter_text: str) -> str | None:
    """For `recs doc:RESPONSE`, whose items are the reports' it answers: "*Response* answers 10
    recommendations of *Report*: accepted 9 · noted 1" (mrkdwn), else None."""
    answering = _answering_doc(recs, filter_text)
    if answering is None:
        return None
    doc_id, said = answering
    counts: dict[str, int] = {}
    for answer in said:
        stance = answer.get("stance") or "no stance stated"
        counts[stance] = counts.get(stance, 0) + 1
    stances = " · ".join(f"{stance} {n}" for stance, n in counts.items())
    reports = list(dict.fromkeys(rec.doc_title for rec in recs))
    of = (
        f"*{bk.escape(bk.truncate(reports[0], 200))}*"
        if len(reports) == 1
        else (f"{len(reports)} reports")
    )
    title = bk.escape(bk.truncate(said[0].get("doc_title") or doc_id, 200))
    n = len(recs)
    return f"*{title}* answers {n} recommendation{'s' if n != 1 else ''} of {of}: {stances}"


def _quote(text: str) -> str:
    """The exact wording as a mrkdwn block quote, escaped, one ``>`` per line."""
    return "\n".join("> " + bk.escape(line) for line in text.split("\n") if line.strip())


def _page(reply) -> tuple[list, int, int]:
    """(the recommendations on the reply's page, that page, the page size): the page asked for
    (``extra["page"]``), or the last when it asks past the end."""
    recs = reply.data or []
    size = int(reply.extra.get("page_size") or PAGE_SIZE)
    page = min(int(reply.extra.get("page", 0) or 0), max(0, (len(recs) - 1) // size))
    return recs[page * size : (page + 1) * size], page, size


def recs_reply_text(reply) -> str:
    shown, page, size = _page(reply)
    filter_text, urls = reply.extra.get("filter", ""), reply.extra.get("urls")
    return recs_text(shown, filter_text, urls, first=page * size + 1, total=len(reply.data or []))


def rec_reply_text(reply) -> str:
    text = rec_text(reply.data, (reply.extra.get("urls") or {}).get(reply.data.doc_id))
    cites = (reply.extra.get("cites") or {}).get(reply.data.id)
    return text.replace("\nMade by:", f"\nWhere:    {cites}\nMade by:", 1) if cites else text
