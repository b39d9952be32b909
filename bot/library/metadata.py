"""Document metadata: from a folder's catalogue where there is one, otherwise guessed from the text.

A catalogue (``catalogue.toml`` beside the files) says what cannot be read reliably from the text:
title, date, type, author, source URL and a short id. For anything it does not say, the text is
read: title and date by the detectors of ``bot.library.front_matter`` (each finding says what
found it: "title from the largest type on the first page", "date from the publication line"; an
unknown date stays unknown), the type by tell-tale phrases of the front matter. Whatever was
guessed is recorded with how, so the team can see it and correct the catalogue.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.library import front_matter
from bot.library.cleaning import CleanDocument
from bot.library.speakers import looks_like_speaker

CATALOGUE_NAME = "catalogue.toml"
DOCUMENT_TYPES = (
    "inquiry-report",
    "committee-report",
    "inspection-report",
    "government-response",
    "hansard",
    "letter",
    "speech",
    "news",
    "blog",
    "transcript",
    "other",
)
# Type names earlier versions stored or catalogues may still use, and what they mean now.
LEGACY_TYPES = {"report": "other", "document": "other", "debate": "hansard", "article": "news"}
LEGACY_TYPES.update({"press-release": "news", "evidence": "transcript"})
CATALOGUE_FIELDS = {"id", "title", "date", "type", "author", "url"}


class CatalogueError(Exception):
    """A catalogue file that cannot be used; the message names the file and the problem."""


@dataclass
class Metadata:
    title: str
    date: str | None
    type: str
    author: str | None = None
    url: str | None = None
    id: str | None = None
    guessed: list[str] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)  # how each guessed field was found


def load_catalogue(folder: Path) -> dict[str, dict]:
    """The catalogue entries of a folder, keyed by file name ({} when there is no catalogue)."""
    path = folder / CATALOGUE_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    entries = data.get("documents", {})
    if not isinstance(entries, dict):
        raise CatalogueError(f"{path}: [documents] must be a table of file names")
    for name, entry in entries.items():
        if not isinstance(entry, dict):
            raise CatalogueError(f"{path}: entry {name!r} must be a table")
        if entry.get("type"):  # older type names ("report", "document") still load
            entry["type"] = canonical_type(str(entry["type"]))
        unknown = set(entry) - CATALOGUE_FIELDS
        if unknown:
            raise CatalogueError(f"{path}: entry {name!r} has unknown fields {sorted(unknown)}")
        try:
            check_entry(entry)
        except CatalogueError as exc:
            raise CatalogueError(f"{path}: entry {name!r} {exc}") from exc
    return entries


def check_entry(entry: dict) -> None:
    """Raise CatalogueError when a field of a catalogue entry (or of an edit) is malformed."""
    if entry.get("date") and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", str(entry["date"])):
        raise CatalogueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    if entry.get("type") and entry["type"] not in DOCUMENT_TYPES:
        raise CatalogueError(f"type must be one of {', '.join(DOCUMENT_TYPES)}")
    if entry.get("url") and not re.match(r"^https?://\S+$", str(entry["url"])):
        raise CatalogueError("source URL must start with http:// or https://")


def describe(
    doc: CleanDocument,
    file_name: str,
    entry: dict | None = None,
    raw: str | None = None,
    hints: object | None = None,
) -> Metadata:
    """Metadata for a document: the catalogue entry, with the gaps filled from the text.

    ``raw`` is the text before cleaning: page furniture ("The Police Chiefs' Blog",
    "TheyWorkForYou") is not quotable but tells what kind of page it was. ``hints`` is what the
    file says of itself (``formats.Extracted``: a PDF's or page's title, a page's date and
    author); it fills gaps before the text is guessed from, and is marked guessed too."""
    declared = entry or {}
    entry = {k: v for k, v in declared.items() if v not in (None, "")}
    guessed = []
    why: dict[str, str] = {}
    title = entry.get("title")
    date = str(entry["date"]) if entry.get("date") else None
    author = entry.get("author")
    chosen: dict = {}
    if not title or (date is None and "date" not in declared) or not author:
        chosen = front_matter.resolve(front_matter.findings(doc, raw, hints))
    if not title:
        found = chosen.get("title")
        title = found.value if found else Path(file_name).stem
        why["title"] = found.why if found else "title from the file name (nothing else found)"
        guessed.append("title")
    if date is None and "date" not in declared:  # an empty date in the catalogue means unknown
        found = chosen.get("date")
        if found:
            date = found.value
            why["date"] = found.why
            guessed.append("date")
    kind = entry.get("type")
    if not kind:
        reading = explain_type(doc, file_name, raw, hints)
        kind = reading.type
        why["type"] = reading.why  # what decided it: "transcript: turns by 3: ... (speakers)"
        guessed.append("type")
    if not author and "author" not in declared:  # an empty author in the catalogue: none
        if getattr(hints, "author", None):  # the page's own byline or author metadata
            author = hints.author
            why["author"] = "author from the web page's own byline or metadata"
            guessed.append("author")
        elif (
            (found := chosen.get("author"))
            and kind not in NO_TEXT_AUTHOR_TYPES
            and not (REPLY_LETTER and kind == "letter" and _reply_letter(raw or doc.text))
        ):
            author = found.value
            why["author"] = found.why
            guessed.append("author")
    return Metadata(
        title=title,
        date=date,
        type=kind,
        author=author,
        url=entry.get("url"),
        id=entry.get("id"),
        guessed=guessed,
        why=why,
    )


# Types whose author is not read from the text (rule publisher-line): the recommendation tracker
# credits a document's author with the recommendations it holds when none names its maker
# (``bot/recs/storing.py``), and a response quotes the recommendations another body made: "by
# Ministry of Justice" on a response would make the Ministry their maker.
NO_TEXT_AUTHOR_TYPES = ("government-response",)
# The same for a reply letter (rule reply-letter): a letter whose opening says it answers each of
# the other's points or recommendations ("I respond to each of your points below", "Our answers
# to your recommendations are below", "The Trust has considered each recommendation") quotes them.
REPLY_LETTER = True
_ANSWERS_POINTS = re.compile(
    r"\beach\s+(?:of\s+(?:your|its|the)\s+)?(?:points?|recommendations?)\b|"
    r"\b(?:answers?|repl(?:y|ies)|responses?)\s+to\s+(?:each\s+of\s+)?(?:your|its|the)\s+"
    r"(?:\w+\s+){0,2}(?:points|recommendations)\b",
    re.IGNORECASE,
)
REPLY_OPENING = 600  # characters after the salutation


def _reply_letter(text: str) -> bool:
    """A letter that answers another's points: said in its opening, after "Dear ...,"."""
    dear = re.search(r"^\s*dear\s+\S", text[:FRONT_MATTER], re.IGNORECASE | re.MULTILINE)
    start = dear.start() if dear else 0
    return bool(_ANSWERS_POINTS.search(text[start : start + REPLY_OPENING]))


def canonical_type(kind: str | None) -> str:
    """A type name as this version knows it: older names ("report", "document") are mapped."""
    kind = (kind or "").strip().lower().replace("_", "-").replace(" ", "-")
    return LEGACY_TYPES.get(kind, kind) or "other"


# Type guessing reads the front matter (the title page and what follows it) and the document's
# structure, never one phrase anywhere: "Ordered by the House of Commons to be printed" is on
# every committee and inquiry report, and a report quotes letters and speeches.
FRONT_MATTER = 3000
_I = re.IGNORECASE
# Type rules of round 11, each a switch (bench/doc_types.py measures them off and on):
# "inspectorate-report": an inspectorate's report that does not name the inspectorate by its
#   initials or say "an inspection of" (an Ofsted school report: "Inspection dates", "Overall
#   effectiveness", "Requires improvement") is known by its vocabulary: "inspection" plus another
#   of an inspection's marks in the front matter (``_INSPECTION_MARKS``);
# "response-in-prose": a response's words inside a sentence ("The Government's response said it
#   would ...", "decision making in response to the pandemic ... the Inquiry") do not make a
#   document a response; its title does ("Government Response to the ... Report").
# "inquiry-chapter": a chapter of an inquiry's report saved on its own opens with its chapter
#   heading ("CHAPTER 4", "Chapter 14: Recommendations") and names "the Inquiry" in its front
#   matter, with no other tell-tale: an inquiry report (before, "conclusions and recommendations"
#   made it a committee report, or nothing made it anything).
# Type rules of round 12 (bench/doc_types.py; tests/library/test_type_rules_round12.py):
# "chair-statement": a document that opens "Statement by/from the Chair (Minister, Commissioner,
#   ...)" is a statement made by a person: a speech, though it names an inquiry and its report;
# "library-briefing": a parliamentary library's research briefing (House of Commons/Lords Library,
#   "Research Briefing", SPICe, Senedd Research) that names an inquiry or a response in its title
#   is neither: it is typed as a briefing is, ``other``, when it says so first;
# "motions-not-hansard": early day motions and notices of motions are the House's business papers,
#   not the Official Report: ``other`` (a debate that mentions an early day motion is still
#   Hansard: its "debated on" comes first);
# "hansard-columns": the Official Report's column marks with their section's letters ("Column
#   17P" petitions, "89WS", "773W", "WH", "GC") are Hansard's (before, only W and WS were read);
# "byline-news": a journalist's byline ("By Owen Marsh, crime correspondent"), in the text or
#   among the lines a web page's reader dropped from around the article, makes a news story;
# "letter-frame": an addressee line ("To: The Home Secretary") at the head and a sign-off
#   ("Yours sincerely") at the foot frame a letter, whatever its title says it responds to.
# Type rule of round 14:
# "response-one-paragraph": "response to ... report" makes a response only within one paragraph
#   (a title's line break is no paragraph's): a report titled for its topic ("the police response
#   to stalking") over a next paragraph that opens "Report of the panel" is no response (before,
#   the words ran on over the blank line and the report was typed a government response, so its
#   recommendations were taken for a response's and its real response linked to nothing).
# Type rules of round 21 (types22; tests/library/test_type_evidence.py; bench/RESULTS.md "Document
# typing, round 21"). Typing is now evidence and a resolver (``explain_type``): each detector
# says what it found and where, the resolver decides, and the reading says why.
# "speaker-people": a speaker's turn counts as turn-taking only when the speaker looks like a
#   person or a role ("Lady Hallett", "Mr Keith", "The Chair", "Witness A", "Fiona MacRae"),
#   not a bold run-in label ("**Recipient:**", "**Our decision:**", "**Response:**",
#   "**Delivered on:**"): before, two such labels made a response, a learning report and a
#   speech transcripts (tests/recs/heldout21's IOPC learning report, pairs-heldout21's force
#   response; pairs-heldout15's government response and heldout17's speech, other writers).
# "party-turns": the Official Report's attribution, a speaker named with a party in brackets
#   ("Lord Ashworth of Cleve (Con)", "Fiona MacRae (Strathmore North) (SNP): ...") before a
#   speech, three times by two people or more, makes Hansard whatever masthead heads it: a
#   Grand Committee's debate was a committee report (its members' "should" sentences taken as
#   recommendations; tests/recs/heldout21), a Holyrood members' debate a transcript
#   (tests/recs/heldout18, another writer).
# "answers-verdicts": a document titled as a response ("Response to the Ombudsman's statement
#   ...", "<Force>: our response to the review ...") whose paragraphs open with verdicts
#   ("Accepted.", "Our decision: Not accepted.", "The College accepts this recommendation.") at
#   least twice is a response whatever else its front matter says (pairs-heldout21's force
#   response, typed a transcript; pairs-heldout18's, pairs12's and pairs-heldout20's force and
#   college responses, typed "other").
# Type rule of round 16 (read17):
# "committee-masthead": a committee's name on a line of its own near the top ("Equality and Social
#   Justice Committee", "Justice Committee (style)", "Criminal Justice Committee, October 2026",
#   "... Committee · Welsh Parliament · October 2025") is a committee's report's masthead: a
#   committee report, where the earliest tell-tale wins as before (a letterhead is read first; a
#   response titled so in its first lines stays a response). Before, a devolved parliament's
#   committee report that gives no "Report of Session" or paper number was typed by whatever
#   came next: "other", or an inquiry report from "this inquiry" in its foreword (five Senedd
#   committee reports, each by another writer, in heldout12-heldout16).
# "plan-title": a body's own plan titled so near the top ("Brackenshire Constabulary: PEEL 2025
#   improvement plan", "Holtbridge Police: action plan in response to the HMICFRS PEEL
#   inspection") is ``other``, as its writers type it: before, the inspection it answers, named
#   in its first paragraph, made it an inspection report (heldout13's and heldout14's force
#   action plans, two writers; heldout12's, a third, was ``other`` already).
TYPE_RULES: dict[str, bool] = {
    "inspectorate-report": True,
    "response-in-prose": True,
    "inquiry-chapter": True,
    "chair-statement": True,
    "library-briefing": True,
    "motions-not-hansard": True,
    "hansard-columns": True,
    "byline-news": True,
    "letter-frame": True,
    "response-one-paragraph": True,
    "committee-masthead": True,
    "plan-title": True,
    "oral-evidence-head": True,
    "speaker-people": True,
    "party-turns": True,
    "answers-verdicts": True,
}


@contextmanager
def type_rules_off(*names: str) -> Iterator[None]:
    """Switch the named type rules off for a while (a bench's "before")."""
    unknown = set(names) - set(TYPE_RULES)
    if unknown:
        raise KeyError(f"no type rule {sorted(unknown)}")
    saved = dict(TYPE_RULES)
    TYPE_RULES.update(dict.fromkeys(names, False))
    try:
        yield
    finally:
        TYPE_RULES.update(saved)


_FRONT_HINTS: list[tuple[str, re.Pattern]] = [
    (
        "government-response",
        re.compile(
            r"\b(?:government(?:['’]s)?|departmental|ministerial|treasury)\s+response\b|"
            r"\bresponse\s+(?:of\s+the\s+government\s+)?to\s+(?:the\s+)?(?:[\w'’,-]+\s+){0,10}?"
            r"(?:report|inquiry|review|investigation|inspection|recommendations)\b|"
            r"\btreasury\s+minutes?\b",
            _I,
        ),
    ),
    (
        "committee-report",
        re.compile(
            r"\b(?:select\s+committee|\w+\s+committee)\b[\s\S]{0,400}?\breport\s+of\s+session\b|"
            r"\breport\s+of\s+session\b[\s\S]{0,400}?\bcommittee\b|"
            r"\b(?:HL|HC)\s+Paper\s+\d+\b[\s\S]{0,600}?\bcommittee\b|"
            # devolved parliaments: "Justice Committee ... 5th Report, 2024 (Session 6)"
            r"\bcommittee\b[\s\S]{0,400}?\b\d+(?:st|nd|rd|th)\s+report\b,?\s+\d{4}\s+\(session",
            _I,
        ),
    ),
    (
        "inspection-report",
        re.compile(
            r"\b(?:HMICFRS|HMIC|HMI\s+Probation|HMI\s+Prisons|HMCPSI|inspectorate\s+of\s+"
            r"(?:constabulary|prisons|probation))\b[\s\S]{0,800}?\binspection\b|"
            r"\b(?:an\s+)?inspection\s+of\s+(?:the\s+)?[\w ,&'’-]{3,80}\b",
            _I,
        ),
    ),
    (
        "inquiry-report",
        re.compile(
            r"\binquiry\b[\s\S]{0,300}?\b(?:report|chair(?:man)?|inquiries\s+act)\b|"
            r"\breport\s+of\s+the\s+[\w ,'’-]{0,60}\binquiry\b|\binquiries\s+act\s+2005\b",
            _I,
        ),
    ),
    (
        "hansard",
        re.compile(
            r"\bhansard\b|\bwritten\s+(?:ministerial\s+statements?|answers?)\b|"
            r"\bdebated\s+on\b|\btheyworkforyou\b|\bwestminster\s+hall\b|"
            r"\bpublic\s+bill\s+committee\b|\bcolumn\s+\d+W?S?\b|\bvolume\s+\d+\s*:\s*debated",
            _I,
        ),
    ),
    (
        "speech",
        re.compile(
            r"\bcheck\s+against\s+delivery\b|\b(?:speech|address|remarks|lecture)\s+"
            r"(?:by|to|at|given|delivered)\b|\bdelivered\s+(?:by|at|to)\b|"
            r"^\s*(?:oral\s+statement|speech)\b",
            _I | re.MULTILINE,
        ),
    ),
    (
        "news",
        re.compile(
            r"\bpress\s+(?:summary|release|notice|statement)\b|\bnews\s+(?:story|release)\b|"
            r"\bfor\s+immediate\s+release\b|\bnotes\s+to\s+editors\b|\bpublished\s+\d+\s+\w+\s+"
            r"\d{4}\s*(?:,|\bat\b)\s*\d|\b(?:reporter|correspondent|editor)\s*$",
            _I | re.MULTILINE,
        ),
    ),
    ("blog", re.compile(r"\bblog\b", _I)),
]
# Round 12's hints, each under its switch in TYPE_RULES: (rule, kind, pattern).
_MORE_HINTS: list[tuple[str, str, re.Pattern]] = [
    (
        "chair-statement",
        "speech",
        re.compile(
            r"\A\s*(?:oral\s+|opening\s+|closing\s+)?statement\s+(?:by|from|of)\s+(?:the\s+)?"
            r"(?:chair(?:man|woman|person)?|minister|secretary\s+of\s+state|commissioner|"
            r"chief\s+constable|prime\s+minister|president|chief\s+inspector)\b",
            _I,
        ),
    ),
    (
        "library-briefing",
        "other",
        re.compile(
            r"\b(?:house\s+of\s+(?:commons|lords)\s+library|commons\s*library|lords\s+library|"
            r"research\s+briefing|SPICe\s+briefing|senedd\s+research)\b",
            _I,
        ),
    ),
    (
        "motions-not-hansard",
        "other",
        re.compile(
            r"\bearly\s+day\s+motions?\b|\bnotices\s+of\s+motions\b|\borders?\s+of\s+the\s+day\b",
            _I,
        ),
    ),
    ("hansard-columns", "hansard", re.compile(r"\bcolumn\s+\d+(?:WS|WH|W|P|GC)\b", _I)),
]
_COMMITTEE_MASTHEAD = re.compile(
    r"^[ \t]*(?:[A-Z][\w,'’&-]*[ \t]+(?:(?:and|of|for|on|the)[ \t]+)*){1,8}Committee"
    r"(?:[ \t]+on[ \t]+[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*){0,5})?"
    r"(?:[ \t]*\([^)\n]{1,40}\))?(?:[ \t]*(?:,|·|\||-|–)[ \t]*[^\n]{1,60})?[ \t]*$",
    re.MULTILINE,
)
COMMITTEE_MASTHEAD_CHARS = 1000
_PLAN_TITLE = re.compile(
    r"^[^\n:]{2,60}:[ \t]*(?:[\w'’-]+[ \t]+){0,4}(?:action|improvement|delivery)[ \t]+plan\b"
    r"[^\n]{0,80}$",
    re.IGNORECASE | re.MULTILINE,
)
PLAN_TITLE_CHARS = 800
# The same words before round 12 (motions-not-hansard off): the House's papers read as Hansard.
_ORDER_PAPERS = re.compile(
    r"\bearly\s+day\s+motions?\b|\bnotices\s+of\s+motions\b|\borders?\s+of\s+the\s+day\b", _I
)
# A journalist's byline (rule byline-news): "By Owen Marsh, crime correspondent", "By Priya Lal -
# Home Affairs Editor", or a role line under the name.
_BYLINE = re.compile(
    r"^\s*by\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*(?:,|-|–|—|\|)\s*"
    r"(?:[\w'’&-]+\s+){0,4}(?:correspondent|reporter|editor|journalist)\b",
    re.IGNORECASE | re.MULTILINE,
)
BYLINE_DROPPED_LINES = 40  # of the lines a page's reader dropped, how many are looked at
# A letter's frame (rule letter-frame): an addressee line near the head, a sign-off near the foot.
_ADDRESSEE = re.compile(r"^\s*to\s*:\s*\S", re.IGNORECASE | re.MULTILINE)
_SIGN_OFF = re.compile(r"^\s*yours\s+(?:sincerely|faithfully|truly)\b", _I | re.MULTILINE)
LETTER_HEAD, LETTER_FOOT = 800, 1500
# An inspection's marks (rule inspectorate-report): the inspection itself ("Inspection dates",
# "our last inspection", "About this inspection"), and what an inspectorate reports with (its
# concerns, its areas for improvement, its graded judgements, its inspectors). The first must be
# there and one of the others beside it.
_INSPECTION = re.compile(
    r"\binspection\s+dates?\b|\b(?:previous|this|last|the|our|an?|unannounced)\s+inspection\b",
    _I,
)
_INSPECTION_MARKS = (
    re.compile(r"\bcauses?\s+of\s+concern\b", _I),
    re.compile(r"\bareas?\s+for\s+improvement\b", _I),
    re.compile(
        r"\boverall\s+effectiveness\b|\brequires\s+improvement\b|\bgraded\b|"
        r"\b(?:grade|judgement|rating)s?\s*[:|]",
        _I,
    ),
    re.compile(r"\b(?:chief\s+)?inspectors?\b", _I),
)
# A response's words in a sentence (rule response-in-prose): "in response to", "The Government's
# response said": the phrase follows "in", "its", "their" or a "the" that does not open a line.
_IN_PROSE = re.compile(r"(?:\b(?:in|its|their|his|her|our|a)|[^\n\s]\s+the)\s+$", _I)


def _inspection_at(front: str) -> int | None:
    """Where an inspectorate's report shows itself in the front matter (rule
    inspectorate-report), or None."""
    first = _INSPECTION.search(front)
    if not first:
        return None
    marks = [m.start() for pattern in _INSPECTION_MARKS if (m := pattern.search(front))]
    return min([first.start(), *marks]) if marks else None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _hint_at(kind: str, pattern: re.Pattern, front: str) -> int | None:
    """Where a front-matter hint of this kind first shows, or None."""
    if kind != "government-response" or not TYPE_RULES["response-in-prose"]:
        m = pattern.search(front)
        return m.start() if m else None
    for m in pattern.finditer(front):
        if TYPE_RULES["response-one-paragraph"] and _BLANK_LINE.search(m.group()):
            continue
        if not _IN_PROSE.search(front[max(0, m.start() - 40) : m.start()]):
            return m.start()
    return None


# Rule inquiry-chapter: a chapter heading at the very top, and the Inquiry named as a body.
_CHAPTER_TOP = re.compile(r"\A\s*(?:chapter|CHAPTER|Chapter)\s+(?:\d+|[IVXLC]+)\b")
_THE_INQUIRY = re.compile(r"\b(?:the|this|The|This)\s+Inquiry\b")


# "Government Response to the Committee's Ninth Report": a response's own title, near the top.
_RESPONSE_TITLE = re.compile(
    r"\b(?:government|departmental|ministerial)(?:['’]s)?\s+response\s+to\s+(?:the\s+)?"
    r"(?:[\w'’,-]+\s+){0,8}?(?:report|inquiry|review)\b",
    _I,
)
RESPONSE_TITLE_WITHIN = 400
_LETTER = re.compile(
    r"^\s*dear\s+[A-Z][\w .'’-]{0,60},?\s*$|^\s*yours\s+(?:sincerely|faithfully)\b|"
    r"\bplease\s+ask\s+for\b|^\s*(?:our|your)\s+ref(?:erence)?\s*[:.]",
    re.IGNORECASE | re.MULTILINE,
)
# Transcript structure: many turns opened by a speaker's name in capitals or "Q." lines.
_TURN = re.compile(r"^\s*(?:(?:MR|MRS|MS|DR|LORD|LADY|SIR|THE)\s+[A-Z][A-Z'’-]+|Q\d*\.?)\s*:", re.M)


# The same in plain text (a transcript saved as .txt or .pdf): "Lady Hallett: Good afternoon.",
# "Professor Paul Cairney: Yes." Many turns by a few people who each speak again and again.
_NAMED_TURN = re.compile(
    r"^[ \t]*(?:\*\*)?(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Lord|Lady|Baroness|Sir|Dame|"
    r"The)\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,4})(?:\*\*)?\s*:\s+\S",
    re.MULTILINE,
)
_NOT_SPEAKERS = set(
    "note notes source sources summary recommendation recommendations response question answer "
    "chapter table figure annex appendix conclusion conclusions finding findings example key "
    "background title date subject".split()
)


# Rule "oral-evidence-head" (round 20): a committee's transcript is headed "Oral evidence: <the
# inquiry>" (or "Corrected / Uncorrected oral evidence") and its questions are numbered turns
# ("Q82 Chair: ...", "Q14 Baroness Smith: ..."): both together make it a transcript, whatever
# committee's name heads it (before, the masthead made it a committee report, and the witnesses'
# "X should ..." were taken as its recommendations). A report that says it took oral evidence
# has no numbered turns. Real wording: the House of Commons' published oral evidence
# (committees.parliament.uk, "Oral evidence: <inquiry>, HC <n>", "Q82 Chair:"); written:
# tests/recs/heldout20's Lords committee transcript.
_ORAL_EVIDENCE_HEAD = re.compile(
    r"^[ \t#*]*(?:(?:un)?corrected\s+)?oral\s+evidence\s*[:\-–—]", re.IGNORECASE | re.MULTILINE
)
_NUMBERED_TURN = re.compile(r"^[ \t*]*Q\s?\d{1,4}\.?[ \t]+[A-Z][^:\n]{1,80}:", re.MULTILINE)
ORAL_EVIDENCE_HEAD_CHARS = 1500
NUMBERED_TURNS_MIN = 2


def _oral_evidence(text: str) -> bool:
    return bool(
        TYPE_RULES["oral-evidence-head"]
        and _ORAL_EVIDENCE_HEAD.search(text[:ORAL_EVIDENCE_HEAD_CHARS])
        and len(_NUMBERED_TURN.findall(text)) >= NUMBERED_TURNS_MIN
    )


def _dropped_lines(hints: object | None) -> str:
    """The first lines a web page's reader dropped as not the article (a byline, a dateline)."""
    removed = getattr(hints, "removed", None) or []
    lines = [line for step, line in removed if step == "main content"]
    return "\n".join(lines[:BYLINE_DROPPED_LINES])


# --- Evidence and a resolver (round 21) -----------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What one type detector found: the type it points to, where, and why in words."""

    detector: str
    kind: str
    at: int
    why: str


@dataclass
class TypeReading:
    """A guessed type with what decided it and everything the detectors found."""

    type: str
    why: str
    evidence: list[Evidence] = field(default_factory=list)


def _people(speakers: set[str]) -> set[str]:
    if not TYPE_RULES["speaker-people"]:
        return speakers
    return {s for s in speakers if looks_like_speaker(s)}


def _turn_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in _NAMED_TURN.finditer(text):
        name = m.group("name")
        if name.split()[0].lower() in _NOT_SPEAKERS:
            continue
        if TYPE_RULES["speaker-people"] and not looks_like_speaker(name):
            continue
        counts[name] = counts.get(name, 0) + 1
    return counts


# Rule "party-turns": a speaker with a party in brackets, on a line of its own above the speech
# or before a colon and the speech (data: the parties' abbreviations the Official Reports print).
PARTIES = (
    "Con|Lab|Lab/Co-op|Lab Co-op|LD|Lib Dem|SNP|CB|Crossbench|Green|PC|Plaid Cymru|DUP|UUP|SDLP|"
    "SF|Alba|Ind|Non-Afl|Bp|Reform|Reform UK|Alliance|Conservative|Labour|Liberal Democrat"
)
_PARTY_TURN = re.compile(
    r"^[ \t*]*(?P<name>[A-Z][^\n:()]{1,100}?(?:\s*\([^()\n]{2,80}\))?)\s*\((?:"
    + PARTIES
    + r")\)[ \t*]*(?::[ \t]*(?P<said>\S[^\n]{20,})|[ \t]*\n[ \t]*(?P<below>[^\n]{60,}))",
    re.MULTILINE,
)
PARTY_TURNS_MIN = (3, 2)  # turns, distinct speakers


def _party_turns(text: str) -> Evidence | None:
    if not TYPE_RULES["party-turns"]:
        return None
    turns = list(_PARTY_TURN.finditer(text))
    names = {re.sub(r"\s*\([^()]*\)", "", m.group("name")).strip() for m in turns}
    if len(turns) < PARTY_TURNS_MIN[0] or len(names) < PARTY_TURNS_MIN[1]:
        return None
    return Evidence(
        "party-turns",
        "hansard",
        turns[0].start(),
        f"{len(turns)} speeches by {len(names)} speakers named with their party, as the "
        "Official Report prints them",
    )


# Rule "answers-verdicts": a title line that says the document responds ("Response to ...",
# "<Body>: our response to ...", "<Body>'s response to ...") among the first lines, and
# paragraphs that open with a verdict, under a label or none (data).
_ANSWERS_TITLE = re.compile(
    r"^[ \t#*]*(?:[^\n:.]{2,80}:[ \t]*)?(?:(?:our|the|a|joint|formal|[\w'’ -]{2,60}['’]s?)"
    r"[ \t]+)?responses?[ \t]+(?:of[ \t][^\n]{2,120}?[ \t])?to[ \t]+\S[^\n]{4,200}$",
    re.IGNORECASE | re.MULTILINE,
)
ANSWERS_TITLE_LINES = 6  # non-blank lines read for the title
VERDICT_WORDS = (
    r"accepted(?:\s+in\s+(?:full|part|principle))?|not\s+accepted|(?:partly|partially)\s+"
    r"accepted|agreed(?:\s+in\s+(?:part|principle))?|not\s+agreed|(?:partly|partially)\s+agreed"
    r"|rejected|noted|supported|not\s+supported|disagreed?|under\s+consideration"
)
_VERDICT_PARAGRAPH = re.compile(
    r"^[ \t*>]*(?:\*\*)?(?:(?:our|the\s+\w+['’]s)?\s*(?:response|decision|answer|position|"
    r"verdict)[ \t]*:?(?:\*\*)?[ \t]*:?[ \t]*(?:\*\*)?)?(?:" + VERDICT_WORDS + r")\b[ \t]*[.:;,–—-]"
    r"|^[ \t*]*(?:we|the\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:accepts?|agrees?|rejects?|"
    r"(?:do|does)\s+not\s+accept)\s+(?:this|the|your)\s+recommendation\b",
    re.IGNORECASE | re.MULTILINE,
)
VERDICTS_MIN = 2


def _answers_verdicts(text: str) -> Evidence | None:
    if not TYPE_RULES["answers-verdicts"]:
        return None
    head = "\n".join(
        [ln for ln in text[:FRONT_MATTER].splitlines() if ln.strip()][:ANSWERS_TITLE_LINES]
    )
    titled = next(
        (m for m in _ANSWERS_TITLE.finditer(head) if not re.search(r"[.!?]\W*$", m.group())),
        None,
    )
    if titled is None:
        return None
    verdicts = _VERDICT_PARAGRAPH.findall(text)
    if len(verdicts) < VERDICTS_MIN:
        return None
    return Evidence(
        "answers-verdicts",
        "government-response",
        text.find(titled.group().strip()),
        f"titled as a response and {len(verdicts)} paragraphs open with a verdict",
    )


def guess_type(
    doc: CleanDocument, file_name: str, raw: str | None = None, hints: object | None = None
) -> str:
    """The kind of document, from its front matter and structure; ``other`` when unsure.
    ``hints`` is what the file says of itself (``formats.Extracted``): the lines a web page's
    reader dropped around the article may hold its byline."""
    return explain_type(doc, file_name, raw, hints).type


def explain_type(
    doc: CleanDocument, file_name: str, raw: str | None = None, hints: object | None = None
) -> TypeReading:
    """The type with its reasons: every detector's evidence, then the resolver's choice."""
    text = raw or doc.text
    evidence = _evidence(doc, file_name, text, hints)
    kind, why = _resolve(evidence)
    return TypeReading(kind, why, evidence)


def _evidence(doc: CleanDocument, file_name: str, text: str, hints: object | None) -> list:
    """What each type detector finds (``Evidence``); the order is not the decision."""
    found: list[Evidence] = []
    front = text[:FRONT_MATTER]
    speakers = _people({p.speaker for p in doc.paragraphs if p.speaker})
    if len(speakers) >= 2:
        names = ", ".join(sorted(speakers)[:3])
        found.append(Evidence("speakers", "transcript", 0, f"turns by {len(speakers)}: {names}"))
        if file_name.lower().endswith(".rst"):
            found.append(Evidence("rst-speakers", "transcript", 0, "a transcript file's turns"))
    if m := _LETTER.search(front[:800]):
        found.append(Evidence("letterhead", "letter", m.start(), "a letterhead at the top"))
    if TYPE_RULES["letter-frame"] and (m := _ADDRESSEE.search(front[:LETTER_HEAD])):
        if _SIGN_OFF.search(text[-LETTER_FOOT:]):
            found.append(Evidence("letter-frame", "letter", m.start(), "'To:' and a sign-off"))
    if _oral_evidence(text):
        found.append(Evidence("oral-evidence-head", "transcript", 0, "oral evidence, Q turns"))
    if party := _party_turns(text):
        found.append(party)
    if answered := _answers_verdicts(text):
        found.append(answered)
    for order, (kind, pattern) in enumerate(_FRONT_HINTS):
        if (at := _hint_at(kind, pattern, front)) is not None:
            found.append(Evidence(f"hint:{order}", kind, at, f"the front matter's '{kind}' words"))
    if TYPE_RULES["inspectorate-report"] and (at := _inspection_at(front)) is not None:
        order = [kind for kind, _ in _FRONT_HINTS].index("inspection-report")
        found.append(Evidence(f"hint:{order}", "inspection-report", at, "an inspection's marks"))
    order_of = {kind: i for i, (kind, _) in enumerate(_FRONT_HINTS)}
    for rule, kind, pattern in _MORE_HINTS:
        if TYPE_RULES[rule] and (m := pattern.search(front)):
            order = order_of.get(kind, len(order_of))
            found.append(Evidence(f"hint:{order}", kind, m.start(), f"rule {rule}"))
    if TYPE_RULES["committee-masthead"] and (
        m := _COMMITTEE_MASTHEAD.search(front[:COMMITTEE_MASTHEAD_CHARS])
    ):
        order = order_of["committee-report"]
        found.append(Evidence(f"hint:{order}", "committee-report", m.start(), "a masthead"))
    if TYPE_RULES["plan-title"] and (m := _PLAN_TITLE.search(front[:PLAN_TITLE_CHARS])):
        found.append(Evidence(f"hint:{len(order_of)}", "other", m.start(), "a plan's title"))
    if not TYPE_RULES["motions-not-hansard"] and (m := _ORDER_PAPERS.search(front)):
        order = order_of["hansard"]
        found.append(Evidence(f"hint:{order}", "hansard", m.start(), "the House's papers"))
    if TYPE_RULES["byline-news"]:
        order = order_of["news"]
        if m := _BYLINE.search(front):
            found.append(Evidence(f"hint:{order}", "news", m.start(), "a journalist's byline"))
        elif _BYLINE.search(_dropped_lines(hints)):  # dropped from around the article's head
            found.append(Evidence(f"hint:{order}", "news", 0, "a byline the page reader dropped"))
    if _turn_taking_counts(_turn_counts(text)):
        found.append(Evidence("turn-taking", "transcript", 0, "many turns by a few speakers"))
    if m := _RESPONSE_TITLE.search(front[:RESPONSE_TITLE_WITHIN]):
        found.append(Evidence("response-title", "government-response", m.start(), "its title"))
    if _LETTER.search(text[:FRONT_MATTER]) or _LETTER.search(text[-FRONT_MATTER:]):
        found.append(Evidence("letter-anywhere", "letter", 0, "a salutation or sign-off"))
    if len(_TURN.findall(text)) >= 6:
        found.append(Evidence("turn-lines", "transcript", 0, "six or more 'Q.' or 'MR X:' turns"))
    if TYPE_RULES["inquiry-chapter"] and _CHAPTER_TOP.match(front) and _THE_INQUIRY.search(front):
        found.append(Evidence("inquiry-chapter", "inquiry-report", 0, "an inquiry's chapter"))
    if m := re.search(r"\bconclusions\s+and\s+recommendations\b", text, re.IGNORECASE):
        found.append(Evidence("conclusions", "committee-report", m.start(), "its conclusions"))
    return found


def _turn_taking_counts(counts: dict[str, int]) -> bool:
    regular = [n for n in counts.values() if n >= 3]
    return len(regular) >= 2 and sum(regular) >= 12


def _resolve(evidence: list[Evidence]) -> tuple[str, str]:
    """The type the evidence makes, and why: structure first (a transcript file's turns, a
    letterhead, a letter's frame, oral evidence's head, the Official Report's attributions, a
    response's verdicts), then the earliest front-matter words, then what the body shows."""
    by = {e.detector: e for e in evidence}

    def said(e: Evidence) -> tuple[str, str]:
        return e.kind, f"{e.kind}: {e.why} ({e.detector})"

    for name in ("rst-speakers", "letterhead", "letter-frame", "oral-evidence-head"):
        if name in by:
            return said(by[name])
    # the earliest front-matter words win; at one place, the kind listed first in _FRONT_HINTS
    hints = sorted(
        ((e.at, int(e.detector.split(":")[1]), e.kind, e) for e in evidence if ":" in e.detector),
        key=lambda hint: hint[:3],
    )
    if "party-turns" in by:
        return said(by["party-turns"])
    if "answers-verdicts" in by and not (hints and hints[0][2] == "government-response"):
        return said(by["answers-verdicts"])
    # Turn-taking is structure, stronger than a word in the front matter ("Inquiry ... chair" on
    # an inquiry hearing's first page); a debate's turns keep the debate's type.
    turns = by.get("speakers") or by.get("turn-taking")
    if turns and (not hints or hints[0][2] != "hansard"):
        return said(turns)
    if hints:
        first = hints[0][3]
        if "response-title" in by and first.kind in ("committee-report", "inquiry-report"):
            # a committee prints the Government's response as its own Special Report: the title
            # says what the document is, the committee's name above it says who printed it
            return said(by["response-title"])
        return said(first)
    if "answers-verdicts" in by:
        return said(by["answers-verdicts"])
    for name in ("letter-anywhere", "speakers", "turn-lines", "inquiry-chapter", "conclusions"):
        if name in by:
            return said(by[name])
    return "other", "other: no detector found a kind's evidence"
