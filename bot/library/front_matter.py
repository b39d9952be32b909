"""A document's title and date from its front matter, each with what found it and why.

Detectors each look for one kind of evidence: the title in the largest type on a PDF's cover, a
"Title:" field, a "Published 27 June 2014" line, a cover line that is only a date, the year of
the instrument a memorandum explains, a printed date the file's own creation stamp confirms, a
hearing transcript's hearing line and the witnesses sworn in it. Each returns ``Finding``s
(value, rule, a sentence saying why). One resolver takes, for each field, the finding of the
first rule in ``RULES`` that found anything; the rules and their order are data, and any can be
switched off (``off=``, or the environment variable ``ROCU_METADATA_RULES_OFF``, names separated
by commas).

Unknown stays unknown: no rule takes "the first date in the text". A file's own creation date
is the weakest rule, and kept to the month.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field

FRONT = 3000  # characters of text that count as front matter
FRONT_LINES = 25  # lines of a PDF's cover (or of a text's front) that may hold a date line
OPENING_LINES = 8  # lines of a text without a cover where a line that is only a date is its date


@dataclass(frozen=True)
class Finding:
    field: str  # "title", "date" or "author"
    value: str
    rule: str
    why: str


# Rules, strongest first: (name, field, what it says when it is the one used).
RULES: list[tuple[str, str, str]] = [
    (
        "form-title",
        "title",
        "title from a form's 'Title:' field, after the kind of form it prints at its head",
    ),
    ("title-field", "title", "title from a 'Title:' field of the front page"),
    ("cover-type", "title", "title from the largest type on the first page"),
    ("file-title", "title", "title from the file's own title, printed on its first page"),
    (
        "hearing-record",
        "title",
        "title of a hearing's transcript: the hearing, its date and who gave evidence",
    ),
    (
        "letter-subject",
        "title",
        "title from a letter's subject line (after its salutation, or 'Subject:')",
    ),
    ("opening-line", "title", "title from the opening line, which stands alone before the text"),
    (
        "publisher-heading",
        "title",
        "title from the line under the body named at the top (who published it, or was inspected)",
    ),
    ("first-heading", "title", "title from the first heading"),
    ("first-line", "title", "title from the first line of the text (no heading found)"),
    ("publication-line", "date", "date from the publication line"),
    ("date-field", "date", "date from a 'Date:' field of the front page"),
    ("page-metadata", "date", "date from the web page's own metadata (published date)"),
    ("parliament-line", "date", "date from the 'ordered to be printed' or 'laid before' line"),
    ("sitting-line", "date", "date of the sitting, debate or hearing the record is of"),
    ("running-line", "date", "date printed in a line repeated on its pages (running head)"),
    (
        "file-confirmed",
        "date",
        "date printed on the front page, the day the file itself was made",
    ),
    ("cover-date", "date", "date from a line of the cover that is only a date"),
    ("si-number", "date", "year from the statutory instrument number ('2014 No. 198')"),
    ("instrument-year", "date", "year of the Order or Regulations named in the title"),
    ("file-created", "date", "month the file was created (weak: no date in the text)"),
    ("publisher-line", "author", "author from the body named on the first line (letterhead)"),
]
RULE_NAMES = [name for name, _, _ in RULES]

# --- dates -------------------------------------------------------------------------------------

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES.split(), start=1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DAY = r"(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_RE = re.compile(
    rf"\b{_WEEKDAY}(?:{_DAY}\s+)?(?P<month>{_MONTH}),?\s+{_YEAR}\b"
    rf"|\b(?P<nday>[0-3]?\d)(?P<sep>[/.-])(?P<nmonth>[01]?\d)(?P=sep)(?P<nyear>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
DATE = r"(?P<date>" + _DATE_RE.pattern + r")"


def read_date(text: str, numeric: bool = False) -> str | None:
    """The first date in ``text`` as ISO, at the precision written: "27 June 2014" ->
    "2014-06-27", "July 2024" -> "2024-07". ``numeric``: also "27/06/2014" (day first)."""
    for m in _DATE_RE.finditer(text):
        if m.group("nyear"):
            if not numeric:
                continue
            return _iso(m.group("nyear"), int(m.group("nmonth")), m.group("nday"))
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        if month:
            return _iso(m.group("year"), month, m.group("day"))
    return None


def _iso(year: str, month: int, day: str | None) -> str | None:
    try:
        if day:
            return dt.date(int(year), month, int(day)).isoformat()
        return dt.date(int(year), month, 1).isoformat()[:7]
    except ValueError:
        return None


_REFERENCE = re.compile(r"^[A-Z]{2,6}\d{3,}\s*[-–]\s*")  # "PHT000000112 - 8 October 2024"


def _is_date_only(line: str) -> bool:
    """A line that is a date and nothing else ("Tuesday 19 July 2011", "July 2024",
    "23-07-2025"), or a date after a reference number."""
    line = _REFERENCE.sub("", line)
    rest = _DATE_RE.sub("", line, count=1)
    return rest != line and not re.search(r"[^\W\d_]", rest.replace("–", "")) and len(line) < 40


# --- the evidence ------------------------------------------------------------------------------


@dataclass
class Front:
    """What the detectors read: the text's opening lines, its first paragraphs (with heading
    marks), a PDF's cover lines with their type height, and what the file says of itself."""

    lines: list[str]
    paragraphs: list[tuple[str, bool]]
    cover: list[tuple[str, float]]
    file_title: str | None
    page_date: str | None
    created: str | None
    running: list[str] = field(default_factory=list)


def front_of(doc, raw: str | None, hints) -> Front:
    text = (raw or doc.text)[:FRONT]
    lines = [line.strip().strip("*").strip() for line in text.split("\n")]
    paragraphs = [(doc.text[p.start : p.end].strip(), bool(p.heading)) for p in doc.paragraphs[:8]]
    return Front(
        lines=[line for line in lines if line],
        paragraphs=paragraphs,
        cover=list(getattr(hints, "cover", None) or []),
        file_title=getattr(hints, "title", None),
        page_date=getattr(hints, "date", None),
        created=getattr(hints, "created", None),
        running=running_lines(raw or doc.text, getattr(hints, "removed", None) or []),
    )


def _all_lines(front: Front) -> list[str]:
    return [line for line, _ in front.cover] + front.lines


# --- title detectors ---------------------------------------------------------------------------

_TITLE_FIELD = re.compile(r"^(?:\|\s*)?title(?:\s+and\s+[\w ]{1,30}?)?\s*:\s*(?P<v>\S.{3,})", re.I)
# where a form's next field starts: "IA No:", "RPC Reference No:", "Lead department or Agency:"
_NEXT_FIELD = re.compile(
    r"\s(?:[A-Z]{2,5}\s)?(?:Reference\s|Ref\.?\s)?(?:No|Number|Reference|Ref)\.?\s*:"
    r"|\.\s+(?=[A-Z])|\s\|\s|\s(?:Lead|Other)\s+department"
)
_TRAILING_CODE = re.compile(r"\s+[-–—]\s*[A-Z]{1,5}\d[\w/.-]*$")


def _title_field(front: Front) -> str | None:
    for line in _all_lines(front)[:40]:
        m = _TITLE_FIELD.match(line)
        if m:
            value = _NEXT_FIELD.split(m.group("v"), maxsplit=1)[0]
            value = _TRAILING_CODE.sub("", value).strip(" .;,")
            if len(value.split()) >= 2:
                return _shorten(value, 240)
    return None


# The kind of form a Better Regulation form prints at its head, beside or above its "Title:"
# field ("Impact Assessment (IA)", "Impact Assessment, The Home Office"). Kept as data: a kind
# is added when two publishers' forms witness it.
FORM_KINDS = ("Impact Assessment",)
_FORM_KIND = re.compile(
    r"(?:^|\|\s*)(?P<kind>" + "|".join(map(re.escape, FORM_KINDS)) + r")"
    r"(?:\s*\([A-Z]{1,5}\))?\s*(?:\||,|$)",
    re.IGNORECASE,
)


def _form_title(front: Front, field_title: str | None) -> str | None:
    """A form's title field after the kind of form it is: "Impact Assessment: <title>"."""
    if not field_title:
        return None
    for line in _all_lines(front)[:40]:
        m = _FORM_KIND.search(line)
        if m:
            kind = next(k for k in FORM_KINDS if k.lower() == m.group("kind").lower())
            if field_title.lower().startswith(kind.lower()):
                return None  # the title already says what the form is
            return _shorten(f"{kind}: {field_title}", 240)
    return None


_SALUTATION = re.compile(r"^dear\s+\w", re.IGNORECASE)
_CODE = re.compile(r"^(?:[A-Z]{1,4}\s?\d[\w/.–-]*|\d{1,4}|[ivxlc]{1,6}|page \d+.*)$", re.I)
_BYLINE = re.compile(r"^By\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}\s+(?=[A-Z])")


def _cover_type(front: Front) -> str | None:
    """The run of lines set in the largest type on the first page, when that type is clearly
    larger than the page's text (a cover or a title block), dates and codes aside."""
    lines = [(t, h) for t, h in front.cover if t and h > 0]
    if len(lines) < 2 or any(_SALUTATION.match(t) for t, _ in lines):
        return None  # a letter's largest type is its letterhead, not a title
    weights = sorted((h, len(t)) for t, h in lines)
    half, seen, body = sum(n for _, n in weights) / 2, 0, weights[-1][0]
    for h, n in weights:  # the height most of the page's characters are set in
        seen += n
        if seen >= half:
            body = h
            break

    def wordy(text: str) -> bool:
        return len(text.split()) >= 2 or sum(ch.isalpha() for ch in text) >= 8

    def aside(text: str) -> bool:
        return _is_date_only(text) or bool(_CODE.match(text))

    tallest = max((h for t, h in lines if wordy(t) and not aside(t)), default=0)
    if tallest < 1.25 * body:
        return None
    start = next(i for i, (t, h) in enumerate(lines) if h >= 0.95 * tallest and wordy(t))
    first = last = start
    while first > 0 and (aside(lines[first - 1][0]) or lines[first - 1][1] >= 0.7 * tallest):
        first -= 1
    while last + 1 < len(lines) and (
        aside(lines[last + 1][0]) or lines[last + 1][1] >= 0.7 * tallest
    ):
        last += 1
    kept = [t for t, h in lines[first : last + 1] if not aside(t) and h >= 0.7 * tallest]
    title = _BYLINE.sub("", " ".join(kept)).strip()
    return _shorten(title, 240) if len(title) >= 4 else None


_TRAILING_DATE = re.compile(r"[\s,;–—-]+" + DATE + r"\W*$", re.IGNORECASE)
FILE_TITLE_MORE_WORDS = 16  # the most words a printed line may add to the file's own title


def _file_title(front: Front) -> str | None:
    """The file's own title (a PDF's or Word file's, checked by the reader against its first
    pages; a web page's og:title or <title>, read by trafilatura), completed to the end of the
    line the front prints it on when that line runs on past it (a case name's neutral citation,
    a response's "Response to ..."), less a date closing that line."""
    title = front.file_title
    if not title or "file-title-line" in switched_off():
        return title
    words = title.split()
    for line in _all_lines(front):
        tokens = line.split()
        extra = len(tokens) - len(words)
        if 0 < extra <= FILE_TITLE_MORE_WORDS and [t.casefold() for t in tokens[: len(words)]] == [
            w.casefold() for w in words
        ]:
            completed = _TRAILING_DATE.sub("", " ".join(tokens)).strip()
            return _shorten(completed, 240) if len(completed.split()) > len(words) else title
    return title


def _opening_line(front: Front) -> str | None:
    """The first paragraph, when it is one title-like line standing before the first heading."""
    if not front.paragraphs:
        return None
    text, heading = front.paragraphs[0]
    text = text.lstrip("-• ").strip()
    words = text.split()
    if heading or "\n" in text or not 3 <= len(words) <= 45 or not text[:1].isupper():
        return None
    if re.search(r"[.!?]\s+\S", text) or text.endswith(":") or _is_date_only(text):
        return None
    if not any(h for _, h in front.paragraphs[1:5]):
        return None  # a lone opening line with no heading after it is text, not a title
    return text.rstrip(".")


# A witness's oath or affirmation as a transcript prints it: "MS ANNA PARR (sworn).",
# "DR KARIM (affirmed)"; a witness named in capitals whose evidence goes on from an earlier day:
# "MR OWEN TALBOT (continued)." (a heading "Questions (continued)" is not a witness).
_OATH = re.compile(
    r"^(?P<name>[^\n()]{3,80}?)\s*\((?P<how>sworn|affirmed|continued)\)\.?$", re.IGNORECASE
)
_NUMBERED = re.compile(r"^\d{1,3}\.\s+")
_HEARING = re.compile(r"\bhearing\b", re.IGNORECASE)


def _hearing_record(doc, front: Front) -> str | None:
    """A hearing transcript (turns by several speakers) titled by its hearing and date: its own
    opening line when that names a hearing and its day ("Transcript of the ... Hearing on
    <date>"), or a first line that is only the day; then whom it records giving evidence
    (the witnesses sworn or affirmed in it, named as their headings name them)."""
    paragraphs = doc.paragraphs
    if len({p.speaker for p in paragraphs if p.speaker}) < 2:
        return None
    texts = [doc.text[p.start : p.end].strip() for p in paragraphs]
    base, dated = None, None
    for text in front.lines[:3]:
        if _HEARING.search(text) and _full_date(text) and len(text) <= 120:
            base = text
            break
        if _is_date_only(text) and len(read_date(text, numeric=True) or "") == 10:
            dated = text
            break
    witnesses: list[str] = []
    for i, text in enumerate(texts):
        m = _OATH.match(text) if len(text) <= 90 else None
        if not m:
            continue
        name = m.group("name").strip(" *")
        if m.group("how").lower() == "continued" and not name.isupper():
            continue
        heading = next((t for t in reversed(texts[max(0, i - 2) : i]) if t), "")
        heading = _NUMBERED.sub("", heading)
        if _key(heading) and set(_key(heading).split()) <= set(_key(name).split()):
            name = heading  # the heading names the witness in ordinary case
        elif name.isupper():
            name = name.title()
        if name not in witnesses:
            witnesses.append(name)
    if not base and dated and witnesses:  # a day's heading, and witnesses sworn: a hearing
        day = dt.date.fromisoformat(read_date(dated, numeric=True))
        base = f"Hearing transcript, {day.day} {day:%B %Y}"
    if not base or not witnesses:
        return base
    if len(witnesses) > 3:
        named = ", ".join(witnesses[:3]) + f" and {len(witnesses) - 3} more"
    else:
        named = " and ".join(
            [", ".join(witnesses[:-1]), witnesses[-1]] if len(witnesses) > 1 else witnesses
        )
    return _shorten(f"{base}: evidence of {named}", 240)


def _first_heading(doc) -> str | None:
    return heading_title(doc)


def _first_line(doc) -> str | None:
    if not doc.paragraphs:
        return None
    first = doc.text[doc.paragraphs[0].start : doc.paragraphs[0].end].split("\n")[0]
    return _shorten(first, 120)


# contact lines are not titles: "The telephone number ... is 020 ... email address is x@y.uk"
_CONTACT = re.compile(r"\S@\S|https?://|\bwww\.", re.IGNORECASE)
_NOT_A_TITLE = re.compile(
    r"^(?:(?:\d{1,2} )?[A-Za-z]{3,9},? (?:19|20)\d\d"  # "January 2026", "8 November 2010"
    r"|contents|table of contents|official(?:[ -]sensitive)?|page \d+(?: of \d+)?"
    r"|[A-Z]{1,4} ?\d[\w/.-]*)$",  # document codes: "CP1240", "HC 18"
    re.IGNORECASE,
)


_DANGLING = re.compile(r"\b(?:to|of|for|on|and|the|in|by|into|from|with|a|an)$", re.IGNORECASE)


_ISO = re.compile(r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b")


def _full_date(text: str) -> bool:
    """A day, month and year in ``text`` ("8 November 2010", "2019-09-27")."""
    return bool(_ISO.search(text)) or any(m.group("day") for m in _DATE_RE.finditer(text))


def heading_title(doc) -> str | None:
    """The first heading-like paragraph near the top, with the headings that continue it: a
    title set over several lines ("Code of Practice" / "on the use of ..." / "Powers of Entry")
    continues while a heading starts in lower case or the one before ends on "of", "to", ..."""
    paragraphs = doc.paragraphs[:6]
    for i, para in enumerate(paragraphs):
        text = doc.text[para.start : para.end].strip()
        if (
            para.heading
            and not (_SALUTATION.match(text) and _on("letter-subject"))
            and not _full_date(text)
            and len(text) >= 4
            and not _NOT_A_TITLE.match(text)
            and not _CONTACT.search(text)
            and sum(ch.isalpha() for ch in text) >= 0.5 * len(text)
        ):
            for following in paragraphs[i + 1 : i + 4]:
                more = doc.text[following.start : following.end].strip()
                if not following.heading or _full_date(more) or len(text) + len(more) > 240:
                    break
                if not (_DANGLING.search(text) or more[:1].islower()):
                    break
                text = text + " " + more
            return text
    return None


# --- who published it, and titles that are not a body's name or a salutation (round 12) --------

# Title and author rules of round 12, each a switch (also by name in ROCU_METADATA_RULES_OFF):
# "letter-subject": a letter's title is its subject: the heading after "Dear ...," or a
#   "Subject:" / "Re:" line ("Dear Chief Constable," was the title of every letter);
# "publisher-heading": a first heading that is only a body's name ("Ministry of Justice",
#   "HOUSE OF LORDS", "Westmoor Police and Crime Panel") names who published the document; its
#   title is the next title-like line, past the body's other lines and "2nd Report of Session
#   2022-23";
# "publisher-line": the body named on a document's first line (a letterhead, a library's name
#   above its briefing, the body above a report's title) is its author, shown as "by ...".
BODY_NOUNS = (
    "agency assembly authority board commission commissioner committee constabulary council "
    "court department directorate executive forum government group inspectorate library ministry "
    "office panel parliament partnership police senedd service taskforce team trust unit"
).split()
_CONNECTORS = {"and", "of", "for", "the", "&", "on", "in", "to"}
_PARLIAMENT_HOUSE = re.compile(r"\bhouse\s+of\s+(?:commons|lords)\b", re.IGNORECASE)
_FROM = re.compile(r"^(?:from\s+)?(?:the\s+)?", re.IGNORECASE)


def organisation(line: str) -> str | None:
    """The line as a body's name, tidied ("Ministry of Justice", "Office of the Police and Crime
    Commissioner for Harnley", "HOUSE OF LORDS" -> "House of Lords"), or None: a short line of
    capitalised words (and "of", "for", "and", "the") whose head is a body noun, last or before
    "of"/"for"."""
    text = _FROM.sub("", line.strip()).strip(" ,")
    if not text or len(text) > 110 or re.search(r"[.:;?!()\d/|@\"“”]", text):
        return None
    words = text.replace(",", " ").split()
    if not 2 <= len(words) <= 14:
        return None
    if text.isupper():  # "HOUSE OF LORDS", "RETAIL CRIME TASKFORCE"
        text = " ".join(
            w.lower() if w.lower() in _CONNECTORS else w.capitalize() for w in text.split()
        )
        words = text.replace(",", " ").split()
    if not all(w.lower() in _CONNECTORS or w[:1].isupper() for w in words):
        return None
    if words[0].lower() in _CONNECTORS or words[-1].lower() in _CONNECTORS:
        return None
    heads = [w.lower() for w in words]  # singular: "Regional Organised Crime Units" is a topic
    for i, word in enumerate(heads):
        if word in BODY_NOUNS and (i == len(words) - 1 or words[i + 1].lower() in ("of", "for")):
            return text
    return text if _PARLIAMENT_HOUSE.fullmatch(text) else None


_DOCUMENT_WORDS = set(
    "review report future strategy plan inspection response statement evaluation guide guidance "
    "code memorandum assessment summary update minutes".split()
)
_SESSION_LINE = re.compile(
    r"^(?:\w+\s+)?report(?:\s+of\s+session|,)\s|^\(?session\b|^(?:HC|HL)\s+(?:paper\s+)?\d+",
    re.IGNORECASE,
)
LETTER_PARAGRAPHS = 16  # a letterhead, a recipient's address a line a paragraph, a date, "Dear"
# a UK postcode: an address line is not a title ("Shire Hall, Westfold WF1 1AA")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_SUBJECT_LINE = re.compile(r"^(?:subject|re)\s*:\s*(?P<v>\S.{3,})$", re.IGNORECASE)


def _is_body(line: str) -> str | None:
    """A body's name, not a title that ends in one ("The Future of the Probation Service"); of
    "Impact Assessment, The Home Office" the part after the comma."""
    found = organisation(line)
    if found and _DOCUMENT_WORDS & set(re.findall(r"[a-z]+", found.lower())):
        last = found.rsplit(",", 1)[-1] if "," in found else ""
        return _is_body(last) if last.strip() else None
    return found


def _inspected(body: str, front: str) -> bool:
    """The body at the top is the one the document inspects ("An inspection of <body>")."""
    return bool(re.search(r"\binspection\s+of\s+(?:the\s+)?" + re.escape(body), front, re.I))


def _title_like(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 40
        and not re.search(r"[.!]\s*$", text)
        and not _SALUTATION.match(text)
        and not _is_date_only(text)
        and not _full_date(text)  # "Volume 790: debated on Tuesday 6 March 2029"
        and not _POSTCODE.search(text)
        and not _NOT_A_TITLE.match(text)
        and not re.match(r"^(?:to|from|date|our ref|your ref)\s*:", text, re.IGNORECASE)
        and text[:1].isupper()
    )


def _publisher_heading(doc) -> str | None:
    """When the first heading only names a body, the title-like line after the body's lines."""
    if not _on("publisher-heading"):
        return None
    paragraphs = [doc.text[p.start : p.end].strip() for p in doc.paragraphs[:8]]
    first = next((i for i, p in enumerate(doc.paragraphs[:8]) if p.heading), None)
    if first is None or "\n" in paragraphs[first] or not _is_body(paragraphs[first]):
        return None
    body = _is_body(paragraphs[first])
    for text in paragraphs[first + 1 :]:
        line = text.split("\n")[0].strip()
        if _is_body(line) or _SESSION_LINE.match(line) or _CODE.match(line):
            continue
        if not _title_like(line):
            return None
        if _inspected(body, doc.text[:FRONT]):  # the body inspected: its name is in the title
            line = f"{body}: {line}"
        return _shorten(line, 240)
    return None


def _letter_subject(doc, front: Front) -> str | None:
    """A letter's subject: a "Subject:"/"Re:" line near the top, or the heading (or short line)
    right after the salutation."""
    if not _on("letter-subject"):
        return None
    for line in front.lines[:15]:
        if m := _SUBJECT_LINE.match(line):
            return _shorten(m.group("v").strip(), 240)
    paragraphs = [doc.text[p.start : p.end].strip() for p in doc.paragraphs[:LETTER_PARAGRAPHS]]
    for i, text in enumerate(paragraphs[:-1]):
        if _SALUTATION.match(text) and len(text) < 80 and "\n" not in text:
            after = paragraphs[i + 1].split("\n")[0].strip()
            return _shorten(after, 240) if _title_like(after) and len(after.split()) <= 20 else None
    return None


def _publisher_line(front: Front, title: str | None) -> str | None:
    """The body named on the document's first line (with a second body line under it: "HOUSE OF
    LORDS" / "Justice and Home Affairs Committee"), unless that line opens the title itself
    ("UK Government" / "Response to the ...": the title "UK Government Response to ...")."""
    if not _on("publisher-line"):
        return None
    lines = _all_lines(front)[:2]
    if not lines or not (first := _is_body(lines[0])):
        return None
    after = lines[1] if len(lines) > 1 else ""
    rest = (title or "")[len(lines[0]) :].split()
    if (title or "").lower().startswith(lines[0].lower()) and rest:
        if rest[0].lower() in _DOCUMENT_WORDS:
            return None
    if _inspected(first, "\n".join(front.lines)):
        return None  # the body inspected, not the inspectorate
    second = _is_body(after) if after else None
    return f"{first}, {second}" if second and second.lower() not in first.lower() else first


def _on(name: str) -> bool:
    return TITLE_RULES[name] and name not in switched_off()


TITLE_RULES: dict[str, bool] = {
    "letter-subject": True,
    "publisher-heading": True,
    "publisher-line": True,
}


# --- date detectors ----------------------------------------------------------------------------

_PUBLISHED = re.compile(
    r"\b(?:(?:first\s+)?published|updated|date\s+of\s+publication|publication\s+date)"
    r"\s*(?:on\s+|:\s*)?" + DATE,
    re.IGNORECASE,
)
_DATE_FIELD = re.compile(
    r"(?:^|\|\s*)(?:date(?:\s+of\s+(?:issue|publication))?|inspection\s+dates?|issued?)"
    r"\s*:?\s*(?:\|\s*)?(?:[0-3]?\d\s*[–-]\s*)?" + DATE,
    re.IGNORECASE,
)
_PARLIAMENT = re.compile(
    r"\b(?:ordered\s+(?:by\s+the\s+house\s+of\s+(?:commons|lords)\s+)?to\s+be\s+printed|"
    r"laid\s+before\s+(?:the\s+)?(?:scottish\s+|welsh\s+)?(?:parliament|senedd|assembly)"
    r"(?:\s+on)?|presented\s+to\s+parliament\b[^\n]{0,120}?)\s+" + DATE,
    re.IGNORECASE,
)
_SITTING = re.compile(
    r"\b(?:debated\s+on|hearing,?\s+(?:held\s+)?(?:on|dated)|hearing,|sitting\s+(?:of|on)|"
    r"\d{1,2}[.:]\d\d\s*(?:am|pm)\s+on)\s+" + DATE,
    re.IGNORECASE,
)
_SI_NUMBER = re.compile(r"^(?P<year>(?:19|20)\d\d)\s+No\.\s*\d+\s*$")
_INSTRUMENT = re.compile(r"\b(?:order|regulations|rules)\s+(?P<year>(?:19|20)\d\d)\W*$", re.I)


def _first_match(
    pattern: re.Pattern, lines: list[str], numeric: bool = False, skip=None
) -> str | None:
    for line in lines:
        for m in pattern.finditer(line):
            if skip and skip(line, m):
                continue
            iso = read_date(m.group("date"), numeric=numeric)
            if iso:
                return iso
    return None


# Date rules of round 12, each a switch (``ROCU_METADATA_RULES_OFF`` names them too):
# "published-elsewhere": "the report on custody ... which the inspectorate published on 28 April"
#   dates another document: a "published" in lower case inside a sentence that names a report,
#   inspection, review, response or letter before it is not this document's publication line
#   ("Published 21 March 2024" and "Ordered to be printed 12 July 2011 and published 19 July
#   2011" still are);
# "template-date": a file made from an older file or a template keeps that file's creation date
#   (python-docx's own template says December 2013): a creation date is not the document's when
#   its front matter names a month of a year ``TEMPLATE_YEARS`` or more after it ("the two years
#   to March 2026" in a file "created" in 2013).
DATE_RULES: dict[str, bool] = {"published-elsewhere": True, "template-date": True}
TEMPLATE_YEARS = 3
_OTHER_DOCUMENT = re.compile(
    r"\b(?:report|inspection|review|response|letter|paper|strategy|plan|guidance)\b"
    r"[^.;:\n]{0,120}$",
    re.IGNORECASE,
)


def _published_elsewhere(line: str, m: re.Match) -> bool:
    """A "published" that dates another document named before it in the same sentence."""
    if not DATE_RULES["published-elsewhere"] or "published-elsewhere" in switched_off():
        return False
    if not m.group(0)[:1].islower():  # "Published 21 March 2024", "Updated ...": a label
        return False
    before = re.split(r"[.!?]\s", line[: m.start()])[-1]
    if re.search(r"\band\s*$", before):  # "Ordered to be printed 3 May 2029 and published"
        return False
    return len(before.split()) >= 4 and bool(_OTHER_DOCUMENT.search(before))


def _template_date(front: Front) -> bool:
    """The file's creation date is a template's: the front names a month years after it."""
    if not DATE_RULES["template-date"] or "template-date" in switched_off() or not front.created:
        return False
    made = int(front.created[:4])
    years = [
        int(m.group("year") or m.group("nyear"))
        for line in front.lines
        for m in _DATE_RE.finditer(line)
    ]
    return any(year >= made + TEMPLATE_YEARS for year in years)


def _cover_date(front: Front) -> str | None:
    heads = [t for t, h in front.paragraphs[:6] if h]
    lines = [line for line, _ in front.cover][:FRONT_LINES] or front.lines[:OPENING_LINES]
    for line in lines + heads:
        if _is_date_only(line):
            return read_date(_REFERENCE.sub("", line), numeric=True)
    return None


def _file_confirmed(front: Front) -> str | None:
    """A full date printed on the front page that is also the day the file was made (its own
    creation stamp): the day the document was produced, confirmed by two independent records.
    A month on the cover ("July 2015") may be the period a report covers; this is its day."""
    if not front.created or len(front.created) < 10:
        return None
    lines = [line for line, _ in front.cover][:FRONT_LINES] or front.lines[:FRONT_LINES]
    for line in lines:
        for m in _DATE_RE.finditer(line):
            if read_date(m.group(0), numeric=True) == front.created[:10]:
                return front.created[:10]
    return None


RUNNING_MIN_LINES = 3  # lines that must end in the same four words as a dated one (no pages)
_RUNNING_MAX_CHARS = 200


def running_lines(text: str, removed: list[tuple[str, str]]) -> list[str]:
    """Running heads and feet that carry a date: those the PDF reader took off its pages, and,
    in a text without pages (a binder of documents saved as one text), a short line closed by a
    date (or followed by a line that is only a date) whose last four or five words also close at
    least ``RUNNING_MIN_LINES`` short lines: each part's header, the body's name repeated."""
    found = [line for step, line in removed if step == "running header/footer"]
    found = [line for line in found if _DATE_RE.search(line)]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    heads: list[tuple[str, str | None]] = []  # (line without its closing date, the date)
    for i, line in enumerate(lines):
        if len(line) > _RUNNING_MAX_CHARS:
            heads.append(("", None))
            continue
        closing = [m for m in _DATE_RE.finditer(line) if not line[m.end() :].strip(" .,)")]
        if closing:
            heads.append((line[: closing[-1].start()], closing[-1].group(0)))
        elif i + 1 < len(lines) and _is_date_only(lines[i + 1]) and len(lines[i + 1]) < 30:
            heads.append((line, lines[i + 1]))
        else:
            heads.append((line, None))
    keys = [" ".join(_key(head).split()[-4:]) for head, _ in heads]
    counts = Counter(key for key in keys if len(key.split()) == 4)
    for (head, date), key in zip(heads, keys, strict=True):
        if date and counts[key] >= RUNNING_MIN_LINES:
            found.append(f"{head.strip()} {date}")
    return found


def _running_line(front: Front) -> str | None:
    """The date most of the running lines print (on two of them at least)."""
    counts: dict[str, int] = {}
    for line in front.running:
        seen = {read_date(m.group(0), numeric=True) for m in _DATE_RE.finditer(line)}
        for iso in seen - {None}:
            counts[iso] = counts.get(iso, 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], len(kv[0])), default=None)
    return best[0] if best and best[1] >= 2 else None


def _si_number(front: Front) -> str | None:
    for line in _all_lines(front)[:FRONT_LINES]:
        m = _SI_NUMBER.match(line)
        if m:
            return m.group("year")
    return None


# --- the resolver ------------------------------------------------------------------------------


def findings(doc, raw: str | None = None, hints=None) -> list[Finding]:
    """Everything each detector found, in ``RULES`` order (a rule finds one value at most)."""
    front = front_of(doc, raw, hints)
    lines = _all_lines(front)
    field_title = _title_field(front)
    found: dict[str, str | None] = {
        "form-title": _form_title(front, field_title),
        "title-field": field_title,
        "cover-type": _cover_type(front),
        "file-title": _file_title(front),
        "hearing-record": _hearing_record(doc, front),
        "letter-subject": _letter_subject(doc, front),
        "opening-line": _opening_line(front),
        "publisher-heading": _publisher_heading(doc),
        "first-heading": _first_heading(doc),
        "first-line": _first_line(doc),
        "publication-line": _first_match(_PUBLISHED, lines, skip=_published_elsewhere),
        "date-field": _first_match(_DATE_FIELD, lines, numeric=True),
        "page-metadata": front.page_date,
        "parliament-line": _first_match(_PARLIAMENT, [" ".join(lines)]),
        "sitting-line": _first_match(_SITTING, lines),
        "running-line": _running_line(front),
        "file-confirmed": _file_confirmed(front),
        "cover-date": _cover_date(front),
        "si-number": _si_number(front),
        "instrument-year": None,
        "file-created": front.created[:7] if front.created and not _template_date(front) else None,
        "publisher-line": None,
    }
    titles = [found[n] for n, f, _ in RULES if f == "title" and found[n]]
    found["publisher-line"] = _publisher_line(front, titles[0] if titles else None)
    if titles and (m := _INSTRUMENT.search(titles[0])):
        found["instrument-year"] = m.group("year")
    return [Finding(field, found[name], name, why) for name, field, why in RULES if found.get(name)]


def switched_off() -> set[str]:
    return {n.strip() for n in os.environ.get("ROCU_METADATA_RULES_OFF", "").split(",") if n}


def resolve(found: list[Finding], off: set[str] | None = None) -> dict[str, Finding]:
    """For each field, the finding of the strongest rule that is switched on."""
    off = switched_off() if off is None else off
    chosen: dict[str, Finding] = {}
    for finding in found:  # already in RULES order
        if finding.rule not in off and finding.field not in chosen:
            chosen[finding.field] = finding
    return chosen


# --- helpers -----------------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", text.lower()))


def _shorten(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "…"
