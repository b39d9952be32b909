"""Terminal text: what ``rocu`` prints and what the local console shows."""

from __future__ import annotations

import re
import textwrap

from bot.library.documents import Document, fragment_sentence
from bot.library.ingest import IngestReport
from bot.library.pagestarts import page_url
from bot.recs.item import status_label
from bot.render import feature_renderers
from bot.search.ranking import SearchResponse, SearchResult

# Wrapping terminal text never breaks a word at a hyphen nor cuts a long one: a web address in a
# quoted passage ("https://example.org/a-b-c.html") stays whole on one line to copy, where it was
# "https://example.org/a-" and "b-c.html" on two. Empty restores textwrap's own breaks.
KEEP_WHOLE = {"break_on_hyphens": False, "break_long_words": False}

BOLD, RESET = "\033[1m", "\033[0m"
# Where bold cannot show (output piped to a file or another program), the sentence that answers a
# question is still marked, between these, so that a reader of the saved text sees which sentence
# answers (the matched words are not marked there: plain text would be cluttered by them).
# None: no mark where bold cannot show, as before round 10.
PLAIN_ANSWER_MARK: tuple[str, str] | None = ("**", "**")


def emphasise(text: str, spans: list[tuple[int, int]], on: str = BOLD, off: str = RESET) -> str:
    """``text`` with each (start, end) span wrapped in ``on``/``off`` (spans may be unsorted)."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        out += [text[cursor:start], on, text[start:end], off]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


# A table's rows in an excerpt each start a line of their own on a terminal, as the document sets
# them out: wrapped as one paragraph, "Kent | 12 | 3" ran into the next row and a reader could not
# tell which figures were whose (bench/RESULTS.md, "Table rows and excerpts, round 17"). Lines
# that are not rows of cells (a sentence broken across lines by a PDF reader) are joined as
# before. False: every excerpt is wrapped as one paragraph, as before round 17.
TABLE_ROWS_ON_LINES = True
_ROW = re.compile(r"\S \| \S")  # a line of cells, as the readers write a table row


def excerpt_parts(excerpt: str) -> list[str]:
    """The pieces of ``excerpt`` a terminal wraps one by one: each row of a table alone, the
    lines between rows together; the whole excerpt when it holds no row (or the switch is off)."""
    if not TABLE_ROWS_ON_LINES or not _ROW.search(excerpt):
        return [excerpt]
    parts: list[str] = []
    prose: list[str] = []
    for line in excerpt.split("\n"):
        if not line.strip():
            continue
        if _ROW.search(line):
            if prose:
                parts.append(" ".join(prose))
                prose = []
            parts.append(line)
        else:
            prose.append(line)
    if prose:
        parts.append(" ".join(prose))
    return parts or [excerpt]


def marked(result) -> list[tuple[int, int]]:
    """The spans of a search result's excerpt to emphasise: the matched words, and for a
    question the whole sentence that answers it (``answer``) in their place."""
    answer = getattr(result, "answer", None)
    if not answer:
        return list(result.highlights)
    outside = [(s, e) for s, e in result.highlights if e <= answer[0] or s >= answer[1]]
    return sorted([*outside, tuple(answer)])


def source_line(
    doc_id: str,
    title: str,
    date: str | None,
    kind: str,
    speaker: str | None = None,
    passage: str | None = None,
) -> str:
    parts = [title, kind, date or "undated"]
    if speaker:
        parts.append(f"speaker: {speaker}")
    parts.append(passage or doc_id)
    return " · ".join(parts)


# "Nothing in the library matches “…”" echoed a pasted query whole (400 words: 3,800 characters
# of them in Slack; round-13 walk): at most this many characters of it, cut between words.
# 0: whole, as before.
QUOTED_QUERY_CHARS = 200


# Results of different documents that share a title (hearing days all titled "Opening Remarks by
# the Chair") are told apart by the title's day: "Opening Remarks by the Chair (11 June 2025)"; by
# the document's id when their dates are the same or missing (round 14; the round-13 walk). Only
# in an answer holding two such documents: a title no other result shares is shown as before.
# False: as before.
SHARED_TITLES_DATED = True
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def day_said(date: str | None) -> str | None:
    """An ISO date (or its year and month, or year) as a person writes it: "11 June 2025"."""
    parts = (date or "").split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        return str(int(parts[0])) if parts[0] else None
    except (ValueError, IndexError):
        return date or None


def shown_titles(results: list) -> list[str]:
    """Each result's title as the answer shows it (``SHARED_TITLES_DATED``)."""
    titles = [r.title for r in results]
    if not SHARED_TITLES_DATED:
        return titles
    documents: dict[str, dict[str, str | None]] = {}  # title -> {doc_id: date}
    for r in results:
        documents.setdefault(r.title, {})[r.doc_id] = r.date
    shown = []
    for r in results:
        others = {d: date for d, date in documents[r.title].items() if d != r.doc_id}
        if not others:
            shown.append(r.title)
            continue
        day = day_said(r.date) if r.date and r.date not in others.values() else None
        shown.append(f"{r.title} ({day or r.doc_id})")
    return shown


# A search's notes quote what they speak of ("No passage holds “…”, in any form."), and the
# confidence gate's line quoted the query: a pasted 3,960-letter word was quoted back whole, twice
# at the console (one line of 8,000 characters) and in Slack's grey line (round 17's walk). With
# this on, each quotation is cut as the query is (``quoted_query``), and the gate's "search --weak"
# hint names the words rather than repeating a long query. False: whole, as before.
NOTE_QUOTES_CUT = True
QUOTATION = re.compile(r"“([^”]*)”")


def said_note(note: str) -> str:
    """A search's note as an answer shows it: each quotation in it cut (``NOTE_QUOTES_CUT``)."""
    if not NOTE_QUOTES_CUT:
        return note
    return QUOTATION.sub(lambda match: f"“{quoted_query(match.group(1))}”", note)


# Round 21: a search whose close spelling found nothing either said "Showing results for:
# "closed quote" above "No passage holds “unclosed quote” ...": results announced, none shown.
# Now the spelling tried is said after the sentence ("Also tried: ..."). False: as before.
CORRECTION_TRIED_SAID = True


def quoted_query(query: str) -> str:
    """The query as an answer quotes it back: cut at QUOTED_QUERY_CHARS, between words."""
    from bot.library.text import cut_at_word

    if not QUOTED_QUERY_CHARS or len(query) <= QUOTED_QUERY_CHARS:
        return query
    return cut_at_word(query, QUOTED_QUERY_CHARS).rstrip() + " …"


ONLY_COMMON = "Its words are too common to search on alone: add one that says what you are after."

# The confidence gate's "No good match" line dropped the search's notes, the ones saying how the
# words were read: `fraud before:notadate` was answered "No good match for ..." without round 9's
# "“before:notadate” is not a date I understand ..., so I searched for those words instead", so
# the person never learnt that the filter was taken as words (round 20's walk). With this on, the
# gate's answer says those notes first (``reading_notes``). False: the line alone, as before.
GATED_KEEPS_NOTES = True


def reading_notes(response) -> list[str]:
    """The notes a "No good match" answer keeps (``GATED_KEEPS_NOTES``): every note of the search
    but the one counting the passages that hold every word (the gate says none is good), each
    with its quotations cut (``said_note``)."""
    if not GATED_KEEPS_NOTES:
        return []
    held = getattr(response, "holding_all", None)
    counted = held[1] if held else None
    return [said_note(note) for note in getattr(response, "notes", []) if note != counted]


# A search that found nothing said so twice: the search's own "No passage holds “qwzxv”, in any
# form." then "Nothing in the library matches “qwzxv”." and "Try fewer or different words ..."
# (round 20's walk). With this on, every front end says it in one sentence, with what to try
# next (``nothing_found``): the search's reason when it gave one, else "Nothing in the library
# matches ...". False: the three lines, as before.
NOTHING_SAID_ONCE = True
WHY_NOTHING = "No passage holds "  # how the search's note on why nothing was found begins


def nothing_found(response, prefix: str = "rocu ") -> tuple[list[str], str]:
    """For a search that found nothing: its notes as an answer shows them, less the one saying
    why (``WHY_NOTHING``), and the one sentence saying that nothing was found, why, and what to
    try next (``prefix``: "rocu " at a terminal, "/rocu " in Slack). Plain text, not escaped."""
    notes = [said_note(note) for note in getattr(response, "notes", [])]
    nothing = f"Nothing in the library matches “{quoted_query(response.query)}”"
    if not NOTHING_SAID_ONCE:
        return notes, nothing + "."
    why = [note for note in notes if note.startswith(WHY_NOTHING)]
    notes = [note for note in notes if not note.startswith(WHY_NOTHING)]
    reason = why[-1].rstrip(".") if why else nothing
    reason = as_typed(reason, response.query)
    if "filters" in reason:
        advice = "try fewer filters or exclusions, or other words"
    else:
        advice = f"try fewer or different words, or `{prefix}define TERM` for an acronym"
    return notes, f"{reason}: {advice}."


# Round 22: the sentence saying why nothing was found quotes the words as the search read them,
# after cleaning: an e-mail address typed "jane.doe@board.org" was quoted “jane doe board org”,
# which the person did not type. A quotation whose words are those of a stretch of the query is
# now quoted as that stretch was typed (quotes around it dropped). False: as read, as before.
NOTHING_QUOTES_AS_TYPED = True
_WORD = re.compile(r"\w+")


def as_typed(sentence: str, query: str) -> str:
    """``sentence`` with each “quotation” whose words (lower-cased, punctuation left out) are
    those of a stretch of whole words of ``query`` quoted as that stretch was typed."""
    if not NOTHING_QUOTES_AS_TYPED or "“" not in sentence:
        return sentence
    chunks = (query or "").split()

    def typed(match: re.Match) -> str:
        wanted = _WORD.findall(match.group(1).lower())
        if not wanted:
            return match.group(0)
        for start in range(len(chunks)):
            got: list[str] = []
            for end in range(start, len(chunks)):
                got += _WORD.findall(chunks[end].lower())
                if got == wanted:
                    stretch = " ".join(chunks[start : end + 1]).strip("\"'“”‘’()[]")
                    return f"“{quoted_query(stretch) if NOTE_QUOTES_CUT else stretch}”"
                if len(got) >= len(wanted) or got != wanted[: len(got)]:
                    break
        return match.group(0)

    return QUOTATION.sub(typed, sentence)


def search_text(
    response: SearchResponse,
    bold: bool = False,
    urls: dict[str, str] | None = None,
    ocr: set[str] | None = None,
    extra: dict | None = None,
) -> str:
    if not response.query.strip():
        return 'Type some words to search for, e.g. rocu search "county lines".'
    extra = extra or {}
    if extra.get("gated"):  # the confidence gate: one plain line, and how to see them anyway
        line = said_note(f"No good match for “{response.query}”.")
        nearest = getattr(response.confidence, "nearest", None) or []
        if nearest:
            line += " Nearest terms the library knows: " + ", ".join(nearest) + "."
        if getattr(response, "only_common", False):
            line += " " + ONLY_COMMON
        if NOTE_QUOTES_CUT and quoted_query(response.query) != response.query:
            line += " `search --weak` before the same words shows the weak matches anyway."
        else:
            line += f" `search --weak {response.query}` shows the weak matches anyway."
        return "\n".join([*reading_notes(response), line])
    lines = []
    if extra.get("private_because"):
        lines.append(extra["private_because"])
    if extra.get("weak"):
        lines.append("Weak matches: none of these holds your words well.")
    tried = bool(response.corrected and not response.results and CORRECTION_TRIED_SAID)
    if response.corrected and not tried:
        corrected = f"{BOLD}{response.corrected}{RESET}" if bold else response.corrected
        lines.append(f"Showing results for: {corrected}")
    notes = [said_note(note) for note in getattr(response, "notes", [])]
    if not response.results and getattr(response, "nothing_searched", False):
        return "\n".join(lines + notes)
    if not response.results:
        notes, sentence = nothing_found(response, "rocu ")
        lines += notes
        lines.append(sentence)
        if tried:
            lines.append(f"Also tried: {response.corrected}")
        term = extra.get("glossary_term")
        if term:
            lines.append(f"“{term}” is in the glossary: `rocu define {term}` explains it.")
        if response.suggestions:
            lines.append("Closest words in the library: " + ", ".join(response.suggestions))
        if not NOTHING_SAID_ONCE:
            lines.append("Try fewer or different words, or `rocu define TERM` for an acronym.")
        return "\n".join(lines)
    lines += notes
    titles = shown_titles(response.results)
    for n, result in enumerate(response.results, start=1):
        lines.append(_result_text(n, result, bold, result.doc_id in (ocr or ()), titles[n - 1]))
        url = page_url((urls or {}).get(result.doc_id), getattr(result, "page", None))
        if url:
            lines[-1] += f"\n   Open source: {url}"
    return "\n\n".join(lines)


def _result_text(
    n: int, result: SearchResult, bold: bool, ocr: bool = False, title: str | None = None
) -> str:
    excerpt = result.excerpt
    if bold:
        excerpt = emphasise(excerpt, marked(result))
    elif PLAIN_ANSWER_MARK and getattr(result, "answer", None):
        excerpt = emphasise(excerpt, [tuple(result.answer)], *PLAIN_ANSWER_MARK)
    body = "\n".join(
        textwrap.fill(
            " ".join(part.split()),
            width=100,
            initial_indent="   ",
            subsequent_indent="   ",
            **KEEP_WHOLE,
        )
        for part in excerpt_parts(excerpt)
    )
    source = source_line(
        result.doc_id,
        title or result.title,
        result.date,
        result.type,
        result.speaker,
        result.passage_id,
    )
    where = " · ".join(
        x for x in (getattr(result, "cites", ""), getattr(result, "marking", "")) if x
    )
    if where:
        source = source.replace(f" · {result.passage_id}", f" · {where} · {result.passage_id}")
    if ocr:
        source += " · read by OCR"
    if getattr(result, "columns", None):
        body = f"   Columns: {result.columns}\n{body}"
    return f"{n}. {source}\n{body}"


def documents_text(docs: list[Document]) -> str:
    if not docs:
        return "The library is empty. Add documents with: rocu ingest PATH"
    width = max(len(doc.id) for doc in docs)
    # as wide as the longest type, so "government-response" does not push its row's columns out
    types = max([16, *(len(doc.type or "") for doc in docs)])
    lines = [f"{'id':<{width}}  {'date':<10}  {'type':<{types}}  {'passages':>8}  title"]
    for doc in docs:
        lines.append(
            f"{doc.id:<{width}}  {doc.date or '-':<10}  {doc.type:<{types}}  {doc.passages:>8}  "
            f"{doc.title}"
        )
    return "\n".join(lines)


# The seed documents' file names are made by machine (`004_3947157ef8c98b54.txt`) and headed their
# `doc` cards' source line, where a person looks for where the document comes from (round 20's
# walk). With this on, such a name (a stem of 12 or more hex digits, a number in front allowed) is
# shown as the site of the document's link when it has one, else left out: the title heads the
# card. Names people gave (`report.pdf`) are shown as before. False: the file name, as before.
MADE_NAMES_HIDDEN = True
MADE_NAME = re.compile(r"^(?:\d+[_-])?[0-9a-f]{12,}(?:\.\w{1,5})?$", re.IGNORECASE)


def shown_file(doc) -> str | None:
    """The file name a card shows (``MADE_NAMES_HIDDEN``): the name, the link's site for a name
    made by machine, or None."""
    name = getattr(doc, "file", None) or ""
    if not (MADE_NAMES_HIDDEN and MADE_NAME.match(name)):
        return name or None
    from urllib.parse import urlsplit

    try:
        site = urlsplit(getattr(doc, "url", None) or "").hostname
    except ValueError:
        site = None
    return site.removeprefix("www.") if site else None


def _document_head(doc: Document) -> list[str]:
    """A document's title, source line, author and link: the head of its text and its card."""
    name = shown_file(doc)
    line = source_line(doc.id, name, doc.date, doc.type) if name else None
    if line is None:
        line = " · ".join([doc.type, doc.date or "undated", doc.id])
    head = [doc.title, line]
    if doc.author:
        head.append(f"by {doc.author}")
    if doc.url:
        head.append(doc.url)
    return head


def document_text(doc: Document, text: str, passages: list[dict]) -> str:
    header = _document_head(doc)
    if doc.guessed:
        header.append("guessed from the text: " + ", ".join(doc.guessed))
    body = _with_speakers(text, passages)
    return "\n".join(header) + "\n" + "=" * 60 + "\n\n" + body


def _with_speakers(text: str, passages: list[dict]) -> str:
    """The cleaned text, with a speaker label wherever the speaker changes."""
    if not any(p["speaker"] for p in passages):
        return text
    out, cursor, current = [], 0, None
    for passage in passages:
        if passage["speaker"] != current and passage["speaker"]:
            out.append(text[cursor : passage["start"]])
            out.append(f"[{passage['speaker']}]\n")
            cursor = passage["start"]
        current = passage["speaker"]
    out.append(text[cursor:])
    return "".join(out)


def ingest_text(report: IngestReport, refused: list[str] | None = None) -> str:
    """The ingest report as lines; ``refused``: the files named on the command line of a type
    ingest cannot read, each said in a sentence of its own."""
    refused = list(refused or [])
    lines = [f"failed: {file}: {reason}" for file, reason in report.failed]
    for file, _ in report.skipped:
        if file in refused:
            from pathlib import Path

            from bot.library.formats import SUPPORTED

            suffix = Path(file).suffix
            kind = f"a {suffix} file" if suffix else "a file without a type in its name"
            lines.append(
                f"refused: {file} was not added: it is {kind}, and only "
                f"{' '.join(sorted(SUPPORTED))} files can be read."
            )
    lines += [
        f"skipped: {file}: {reason}" for file, reason in report.skipped if file not in refused
    ]
    for doc_id, fields in report.guessed.items():
        # "guessed its title and type", not "guessed title, type" (round 20's walk)
        said = ", ".join(fields[:-1]) + " and " + fields[-1] if len(fields) > 1 else "".join(fields)
        lines.append(f"note: {doc_id}: guessed its {said} from the text")
    for file, doc_id in getattr(report, "duplicates", []):
        lines.append(f"copy: {file}: already in the library as {doc_id}; not added again")
    for doc_id, change in getattr(report, "changes", {}).items():
        new_version = f" (a new version of {change['previous']})" if change.get("previous") else ""
        lines.append(f"updated: {doc_id}: {changes_words(change)}{new_version}")
    for failure in getattr(report, "derived_failed", []):
        whose = f"{failure.doc_id}: " if failure.doc_id else ""
        where = f" at {failure.at}" if failure.at else ""
        lines.append(
            f"derived: {whose}{derived_sentence(failure)} ({failure.error}{where}; please "
            "report it)"
        )
    for failure in getattr(report, "derived_recovered", []):
        whose = f"{failure.doc_id}: " if failure.doc_id else ""
        done = {"removal": "cleared", "merge": "merged", "library": "brought up to date"}
        lines.append(
            f"derived: {whose}{derived_words(failure.feature, failure.kind)}: "
            f"{done.get(failure.kind, 'read')} this time (it had failed before)"
        )
    counts = report.counts()
    summary = ", ".join(f"{counts[k]} {k}" for k in ("added", "updated", "unchanged", "failed"))
    if counts["pruned"]:
        summary += f", {counts['pruned']} pruned"
    skipped = counts["skipped"] - len(refused)
    if skipped:
        summary += f", {skipped} skipped"
    if refused:
        summary += f", {len(refused)} refused"
    if counts.get("duplicates"):
        summary += f", {counts['duplicates']} already in the library as another file"
    lines.append(summary)
    return "\n".join(lines)


# -- what a feature could not derive (bot.library.derived) ---------------------------------------

# What each feature derives, as a person would name it: a document's (and a removal's), a
# merge's, the library's. A feature not named here is "its <feature> data".
DERIVED_WORDS = {
    "glossary": ("its acronyms", "its acronyms", "the library's glossary"),
    "recommendations": (
        "its recommendations",
        "its recommendation statuses",
        "the links between reports and responses",
    ),
    "search-vocabulary": ("its words", "its words", "the spelling vocabulary"),
    "meaning": ("its meaning vectors", "its meaning vectors", "the meaning vectors"),
}


def derived_words(feature: str, kind: str = "document") -> str:
    """What ``feature`` derives, for a failure of ``kind`` (document, removal, merge, library)."""
    words = DERIVED_WORDS.get(feature)
    if words is None:
        return f"the library's {feature} data" if kind == "library" else f"its {feature} data"
    return words[{"merge": 1, "library": 2}.get(kind, 0)]


def derived_sentence(failure) -> str:
    """One plain sentence for a hook that failed (``bot.library.derived.Failure``): the document
    is kept, and what was not derived will be tried again."""
    what = derived_words(failure.feature, failure.kind)
    again = " again" if failure.tries > 1 else ""
    later = "it will be tried again on the next ingest"
    if failure.kind == "removal":
        return f"removed; {what} could not be cleared{again}: {later}"
    if failure.kind == "merge":
        return (
            f"kept beside its copy {failure.into}, as {what} could not be carried over{again}: "
            f"the merge will be tried again on the next ingest"
        )
    if failure.kind == "library":
        return f"{what} could not be brought up to date{again}; search works: {later}"
    return f"stored; {what} could not be read{again}, search works: {later}"


def pending_sentence(features: list[str]) -> str:
    """A stored document whose ``features`` could not derive their data yet, in one sentence
    (the document card, the console's `add`); "" when none."""
    if not features:
        return ""
    said = [derived_words(feature) for feature in features]
    what = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
    return (
        f"Stored; {what} could not be read, search works: it will be tried again on the "
        "next ingest."
    )


def changes_words(change: dict | None) -> str:
    """ "12 passages changed, 3 added, 1 removed" (the parts that are not 0)."""
    said: list[str] = []
    for key in ("changed", "added", "removed"):
        n = (change or {}).get(key) or 0
        if n:
            noun = "" if said else (" passage" if n == 1 else " passages")
            said.append(f"{n}{noun} {key}")
    return ", ".join(said) or "no passage changed"


HELP_COLUMN = 24  # where `help`'s descriptions start, after "  /rocu "
HELP_LONG_USAGE_OWN_LINE = True  # False: a longer usage runs into its description, as before


def help_text(entries: list[tuple[str, str]], unknown: str | None = None) -> str:
    lines = [f"There is no command “{unknown}”; these are all of them."] if unknown else []
    lines += ["Usage: /rocu <command> — or just type words to search.", ""]
    for usage, description in entries:
        if HELP_LONG_USAGE_OWN_LINE and len(usage) > HELP_COLUMN:
            # `glossary [letter] [team:] [source:S] [missing]` ran into its description, off
            # the column every other line keeps (round 20's walk): its description goes under
            lines += [f"  /rocu {usage}", f"  {'':<6}{'':<{HELP_COLUMN}} {description}"]
        else:
            lines.append(f"  /rocu {usage:<{HELP_COLUMN}} {description}")
    lines += ["", "Examples: /rocu county lines · /rocu define ROCU · /rocu docs"]
    return "\n".join(lines)


def not_found_text(data: dict) -> str:
    if data.get("several"):  # a fragment of several ids: any of them, not none
        return fragment_sentence(data["query"], data["several"])
    text = f"No {data['what']} matches “{data['query']}”."
    if data.get("suggestions"):
        text += " Did you mean: " + ", ".join(data["suggestions"]) + "?"
    return text


def document_card_text(doc: Document, recommendations: list | None = None) -> str:
    lines = _document_head(doc)
    lines.append(f"{doc.passages} passages · `rocu show {doc.id}` for the full text")
    if recommendations:
        lines.append(f"\nRecommendations ({len(recommendations)}):")
        lines += [f"  {rec_line(rec)}" for rec in recommendations[:CARD_RECS]]
        if len(recommendations) > CARD_RECS:
            lines.append(f"  … and {len(recommendations) - CARD_RECS} more: rocu recs doc:{doc.id}")
    return "\n".join(lines)


CARD_RECS = 10  # recommendations listed on a document's card

# A card says whose status it shows: "team status: open" beside "Response: accepted", so an item
# a response accepted that still reads "open · OVERDUE" says why (the team has not set one; the
# response's stance is the other body's answer). Nothing said so (the round-12 walk). Used by
# every recommendation line and card (``bot.render.recs``). False: the bare status word.
TEAM_STATUS_SAID = True


def status_said(rec) -> str:
    """ "team status: open" (``TEAM_STATUS_SAID``), else the bare status word."""
    word = status_label(rec.status)
    return f"team status: {word}" if TEAM_STATUS_SAID else word


# Round 13 (``SEVERAL_DEADLINES_SAID``): a recommendation that sets several deadlines (its
# words hold them joined by "; ": an invented deadline cell "within a year ...; within three
# months of the panel's first meeting ...", shaped as in the Covid inquiry's first report; the
# staged asks of DHSC's rapid review and its response) falls due first on its earliest dated
# one, and every line says so: "first due 2025-07-18 of 3 deadlines", not "due 2025-07-18" as if
# it were the only one. False: "due DATE", as before.
SEVERAL_DEADLINES_SAID = True


def deadlines_said(rec) -> str | None:
    """ "first due 2025-07-18 of 3 deadlines" when ``rec`` sets several and one is dated."""
    parts = [p for p in (rec.deadline_text or "").split("; ") if p.strip()]
    if not SEVERAL_DEADLINES_SAID or not rec.due or len(parts) < 2:
        return None
    return f"first due {rec.due.isoformat()} of {len(parts)} deadlines"


def rec_line(rec) -> str:
    """One recommendation in a line: id, summary, when it is due, status."""
    when = f"due {rec.due.isoformat()}" if rec.due else (rec.deadline_text or "no deadline given")
    when = deadlines_said(rec) or when
    overdue = " · OVERDUE" if getattr(rec, "overdue", False) else ""
    return f"{rec.id}  {rec.summary} · {when} · {status_said(rec)}{overdue}"


# Reply kind -> function(reply) -> str. Features register their kinds here.
REPLY_TEXT = {
    "search": lambda reply: search_text(
        reply.data,
        bold=reply.extra.get("bold", False),
        urls=reply.extra.get("urls"),
        ocr=reply.extra.get("ocr"),
        extra=reply.extra,
    ),
    "docs": lambda reply: (
        (
            f"Documents matching “{quoted_query(reply.extra['words'])}” ({len(reply.data)}):\n"
            if reply.extra.get("words")
            else ""
        )
        + documents_text(reply.data)
    ),
    "doc": lambda reply: document_card_text(reply.data, reply.extra.get("recommendations")),
    "help": lambda reply: help_text(reply.data, reply.extra.get("unknown")),
    "usage": lambda reply: str(reply.data),
    "error": lambda reply: str(reply.data),
    "refused": lambda reply: str(reply.data),
    "not_found": lambda reply: not_found_text(reply.data),
}


REPLY_TEXT.update(feature_renderers("text"))


def reply_text(reply) -> str:
    """Terminal text for any ``bot.commands.Reply``."""
    render = REPLY_TEXT.get(reply.kind)
    text = render(reply) if render else str(reply.data)
    why = (getattr(reply, "extra", None) or {}).get("private_because")
    if why and reply.kind != "search":  # search says it in its own place
        text = f"{why}\n\n{text}"
    return text
