"""The shape of a document: blocks (paragraphs, list items), lists, recommendations sections and
where they end, contents pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.recs.extract.calls import _Switched
from bot.recs.extract.chapters import chapter_end, contents_titles
from bot.recs.extract.rules import on

# List glyphs as PDF and Word text shows them (■ and the Symbol font's private-use bullet too).
GLYPHS = "-*•●◦–·▪■□►➢✓\uf0b7\uf0a7"
# Symbol-font glyphs (Wingdings and the like) come out of PDFs in the private-use area; as the
# first thing on a line, or run into one, they are list bullets. (A range for a character class.)
PRIVATE_USE = "\ue000-\uf8ff"
_BULLET = re.compile(
    "(?:["
    + GLYPHS
    + PRIVATE_USE
    + r"]|\(?\d{1,3}\\?[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s+"  # "1\\." is markdown
)


# A list item's label as its marker (rule "label-list-markers", round 12): "R1." ... "R5.",
# "Rec 1." ... under a lead-in ("The Panel recommends that the Commissioner:"), each its own item.
LABEL_MARKER = re.compile(r"(?:R|Rec\.?[ \t]?)(?P<num>\d{1,2})[.:)][ \t]+(?=[A-Z])")


# Rule "roman-dot-markers" (round 22): a lower-case roman numeral and a full stop before a
# capital ("ii. Fund ...", "iv. Record ...") is a list marker as "(ii)" is; only well-formed
# numerals (i to xxxix), so "vi." in a sentence about something else is rare enough to ignore.
ROMAN_DOT = re.compile(r"(?:x{0,3})(?:ix|iv|v?i{0,3})\.[ \t]+(?=[A-Z])")


def roman_value(marker: str) -> int | None:
    """The value of a lower-case roman marker ("ii.", "(iv)", "vi)"), else None."""
    m = re.fullmatch(r"\(?([ivx]{1,6})[.)]?", marker.strip())
    if not m:
        return None
    values = {"i": 1, "v": 5, "x": 10}
    digits = [values[c] for c in m.group(1)]
    total = sum(
        -d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits)
    )
    return total or None


def list_marker(text: str, start: int) -> re.Match | None:
    """The list marker at ``start``: a bullet or number, or a label ("R1.") when that rule is on."""
    marker = _BULLET.match(text, start)
    if marker is None and on("label-list-markers"):
        marker = LABEL_MARKER.match(text, start)
    if marker is None and on("roman-dot-markers"):
        roman = ROMAN_DOT.match(text, start)
        if roman and roman.group().split(".")[0]:
            marker = roman
    return marker


@dataclass
class _Block:
    start: int  # offsets of the text after any bullet marker
    end: int
    bullet: bool
    para: int  # which paragraph (blank-line separated) the block belongs to


def _blocks(text: str) -> list[_Block]:
    """Paragraphs, with each bullet or numbered item of a list as its own block."""
    blocks: list[_Block] = []
    for para_no, para in enumerate(re.finditer(r"(?:[^\n]+\n?)+", text)):
        for line in re.finditer(r"[^\n]+", para.group()):
            start = para.start() + line.start()
            end = para.start() + line.end()
            marker = list_marker(text, start)
            if marker:
                blocks.append(_Block(marker.end(), end, True, para_no))
            elif blocks and blocks[-1].para == para_no:
                blocks[-1].end = end  # a wrapped line continues its block
            else:
                blocks.append(_Block(start, end, False, para_no))
    merged: list[_Block] = []
    for block in blocks:
        # A list item or sentence broken by a page break: its rest starts in lower case after
        # a blank line.
        broken = merged and (
            merged[-1].bullet
            or not re.search(r"[.!?:;]\W*$", text[merged[-1].start : merged[-1].end])
        )
        if broken and not block.bullet and text[block.start].islower():
            merged[-1].end = block.end
        else:
            merged.append(block)
    return [
        part
        for b in merged
        for part in _split_numbered(text, b)
        if text[part.start : part.end].strip()
    ]


# A numbered paragraph ("8.19. Given that ...") run into the line before it by PDF extraction.
_NUMBERED_PARA = re.compile(r"(?<=[.;:)”\"])\s+(?=\d{1,2}\.\d{1,3}\.?\s+[A-Z‘“\"])")


# Numbered paragraphs run together on one line ("... (Paragraph 13) 2. The impacts ..."): split
# only where the numbers run in sequence, so "in 2. Phase" inside a sentence stays.
_RUN_IN_NUMBER = re.compile(r"(?<=[.;:)”\"])\s+(?=(?P<n>\d{1,2})\.\s+[A-Z‘“\"])")


def _run_in_numbers(text: str, start: int, end: int) -> list[re.Match]:
    found = list(_RUN_IN_NUMBER.finditer(text, start, end))
    numbers = [int(m.group("n")) for m in found]
    keep = []
    for i, m in enumerate(found):
        n = numbers[i]
        before = numbers[i - 1] if i else None
        after = numbers[i + 1] if i + 1 < len(found) else None
        if before == n - 1 or after == n + 1:
            keep.append(m)
    return keep


def _split_numbered(text: str, block: _Block) -> list[_Block]:
    parts, start = [], block.start
    cuts = list(_NUMBERED_PARA.finditer(text, block.start, block.end))
    cuts += _run_in_numbers(text, block.start, block.end)
    cuts.sort(key=lambda m: m.start())
    for m in cuts:
        if m.start() < start:
            continue
        parts.append(_Block(start, m.start(), block.bullet if not parts else False, block.para))
        start = m.end()
    parts.append(_Block(start, block.end, block.bullet if not parts else False, block.para))
    return parts


_CONTENTS_LINE = re.compile(r"\.{5,}|…{3,}")


# A part of a report that holds its recommendations: "Conclusions and recommendations", "Summary
# of recommendations", "Recommendations", "Recommendations to the Home Office" (whose items are
# addressed to that body), as a heading line, possibly after "Chapter 8:" or a page number.
# Rule "concern-sections": an inspection report's "Causes of concern" holds its recommendations
# (each cause is followed by what the force should do, "By <date>, the force should ...").
SECTION_KINDS = (r"areas?\s+for\s+improvement",)
MORE_SECTION_KINDS = (r"causes?\s+of\s+concern",)


# "Summary of conclusions and recommendations" (a Lords committee's closing list, its items
# conclusions and recommendations interleaved) is a "conclusions and recommendations" section
# (rule "summary-conclusions-heading"); before, "summary of" and "conclusions and" could not both
# stand before "recommendations", so the heading opened no section.
SUMMARY_OF_CONCLUSIONS = r"(?:conclusions\s+and\s+)?"


def _section_pattern(concerns: bool, summary_conclusions: bool = True) -> re.Pattern:
    kinds = "|".join(SECTION_KINDS + (MORE_SECTION_KINDS if concerns else ()))
    both = SUMMARY_OF_CONCLUSIONS if summary_conclusions else ""
    return re.compile(
        r"^[ \t]*(?:\d{1,3}\s+)?"
        r"(?:(?:chapter|part|section|appendix|annexe?)\s+[\w.]+\s*[:.–—-]?\s*)?"
        r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
        r"(?P<kind>(?:(?:summary|list)\s+of\s+(?:our\s+|the\s+|key\s+|all\s+)?" + both + "|"
        r"conclusions\s+and\s+|our\s+|key\s+|main\s+|further\s+)?recommendations?|"
        + kinds
        + r")(?:\s+(?:to|for)\s+(?P<to>[^\n.:;]{2,80}))?[ \t]*"
        # a heading alone on its line, or run into a sentence; "Recommendation: The force should"
        # is a label
        r"(?::[ \t]*(?=\n|$)|(?:\n|$|(?-i:(?=\s+[A-Z][a-z]))))",
        re.IGNORECASE | re.MULTILINE,
    )


_SECTION = _Switched(("concern-sections", "summary-conclusions-heading"), _section_pattern)


_PART_HEADING = re.compile(
    r"^[ \t]*(?:\d{1,3}\s+)?(?:chapter|appendix|annexe?|part)\s+[\w.]+\s*[:.–—-]"
    # a numbered chapter heading ("3. Leadership and partnerships"): short, not a sentence
    r"|^[ \t]*\d{1,2}\.?[ \t]+(?-i:[A-Z])[^\n.;:]{2,70}(?<![.;:])[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _sections(
    text: str, contents: list[tuple[int, int]] | None = None
) -> list[tuple[int, int, bool, str | None]]:
    """(start, end, mixed, addressee) of each recommendations section; ``mixed`` when its
    paragraphs interleave conclusions ("Conclusions and recommendations")."""
    titles = contents_titles(text, contents or [])
    out: list[tuple[int, int, bool, str | None]] = []
    for m in _SECTION.finditer(text):
        line_end = text.find("\n", m.start())
        if _CONTENTS_LINE.search(text[m.start() : line_end if line_end >= 0 else len(text)]):
            continue
        if out and m.start() < out[-1][1]:
            continue  # a sub-heading inside the section already open
        end = len(text)
        for nxt in _PART_HEADING.finditer(text, m.end()):
            if not _SECTION.match(text, nxt.start()):
                end = nxt.start()
                break
        # It ends at the next heading of its own level or above (markdown "#" levels, numbered
        # "3." / "3.2" titles), whichever comes first.
        level = _level(text, m.start())
        if level is not None:
            for h in headings(text[:end]):
                if h.start > m.end() and h.level <= level and not _SECTION.match(text, h.start):
                    end = h.start
                    break
        end = chapter_end(text, m.end(), end, titles)
        to = m.group("to")
        heading = None
        if to and not re.match(r"(?:action|change|improvement|the\s+future)\b", to, re.I):
            heading = to.strip()
        out.append((m.end(), end, "conclusion" in m.group("kind").lower(), heading))
    return out


def _level(text: str, at: int) -> int | None:
    """The level of the heading line at ``at`` when it shows one (markdown or numbering)."""
    line = text[at : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    md = re.match(r"\s*(#{1,6})\s", line)
    if md:
        return len(md.group(1))
    num = re.match(
        r"\s*(?:(?:chapter|part|appendix|annexe?)\s+[\w.]+|(\d{1,2}(?:\.\d{1,2})*)\.?\s)",
        line,
        re.I,
    )
    if num:
        return num.group(1).count(".") + 1 if num.group(1) else 1
    return None


def _lists(text: str, blocks: list[_Block]) -> list[tuple[list[_Block], _Block]]:
    """(items, the prose block just before them) for each run of bullet blocks."""
    runs: list[tuple[list[_Block], _Block]] = []
    current: list[_Block] = []
    intro: _Block | None = None
    for block in blocks + [_Block(len(text), len(text), False, -1)]:
        if block.bullet:
            current.append(block)
            continue
        if current and intro is not None:
            runs.append((current, intro))
        current, intro = [], block
    return runs


# --- contents pages and headings ------------------------------------------------------------

# A contents line ends in a page number or range ("Compensation scheme 25-26", "Annex A ..... 40").
_CONTENTS_ENTRY = re.compile(
    r"^[ \t]*\S[^\n]{1,150}?(?:\.{3,}|…+|\s)\s*\d{1,3}(?:\s*[-–]\s*\d{1,3})?[ \t]*$"
)
# A contents page printed on one line: "Contents Summary 3 1 Introduction 5 2 Sources 7 ...".
_RUN_IN_ENTRY = re.compile(
    r"[A-Za-z][A-Za-z ,’'()&-]{2,80}?\s\d{1,3}(?:\s*[-–]\s*\d{1,3})?(?=\s|$)"
)


def contents_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each contents page: three or more lines in a row ending in page numbers,
    or one line holding many such entries ("Contents Summary 3 1 Introduction 5 ...")."""
    ranges: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]*\n?", text):
        body = line.group().strip()
        if not body:
            continue
        if _CONTENTS_ENTRY.match(body) and not _sentence_like(body):
            run.append((line.start(), line.end()))
            continue
        if len(run) >= 3:
            ranges.append((run[0][0], run[-1][1]))
        run = []
        if re.match(r"(?i)(?:table\s+of\s+)?contents\b", body) and (
            len(_RUN_IN_ENTRY.findall(body)) >= 5
        ):
            ranges.append((line.start(), line.end()))
    if len(run) >= 3:
        ranges.append((run[0][0], run[-1][1]))
    return ranges


def _sentence_like(line: str) -> bool:
    """A line of prose that happens to end in a number ("... rose by 12")."""
    return bool(
        re.search(r"[.;:,]\s+\S+\s+\d{1,3}$|\b(?:by|to|of|in|from|than|were|was)\s+\d{1,3}$", line)
    )


_MD_HEADING = re.compile(r"^(#{1,6})\s+(\S[^\n]*)$", re.MULTILINE)
_NUMBERED_HEADING = re.compile(
    r"^[ \t]*(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+"
    r"(?P<title>(?-i:[A-Z])[^\n.;:]{2,70})(?<![.;:,])[ \t]*$",
    re.MULTILINE,
)
_PART_LINE = re.compile(
    r"^[ \t]*(?:\d{1,3}\s+)?(?:chapter|appendix|annexe?|part)\s+[\w.]+\b[^\n]{0,90}$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class Heading:
    start: int
    end: int
    level: int  # 1 chapter, 2 section, 3 sub-section ...
    title: str


def headings(text: str) -> list[Heading]:
    """The headings a document's text shows: markdown ones, chapter/part/annex lines, numbered
    titles ("3. Leadership", "3.2 Vetting"), each with its level."""
    found: dict[int, Heading] = {}
    for m in _MD_HEADING.finditer(text):
        found[m.start()] = Heading(m.start(), m.end(), len(m.group(1)), m.group(2).strip())
    for m in _PART_LINE.finditer(text):
        found.setdefault(m.start(), Heading(m.start(), m.end(), 1, m.group().strip()))
    for m in _NUMBERED_HEADING.finditer(text):
        level = m.group("num").count(".") + 1
        found.setdefault(m.start(), Heading(m.start(), m.end(), level, m.group("title").strip()))
    return [found[k] for k in sorted(found)]


@dataclass
class Section:
    """A recommendations section: its text runs from ``start`` to ``end``."""

    start: int
    end: int
    mixed: bool  # "Conclusions and recommendations": conclusions interleave the calls
    addressee: str | None  # "Recommendations to the Home Office"
    title: str


class Document:
    """A document's text read once for every detector: blocks, headings, sections, contents."""

    def __init__(self, text: str, doc_type: str = "") -> None:
        self.text = text
        self.doc_type = doc_type
        # Sentences may wrap across lines inside a block: split them on a copy with the line
        # breaks as spaces (same length, so every offset still points into ``text``).
        self.flat = text.replace("\n", " ")
        self.blocks = _blocks(text)
        self.contents = contents_ranges(text)
        self.headings = headings(text)
        self.sections = [
            Section(start, end, mixed, to, text[start : start + 60].strip())
            for start, end, mixed, to in _sections(text, self.contents)
            if not self.in_contents(start)
        ]

    def in_contents(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.contents)

    def heading_path(self, offset: int) -> list[str]:
        """The titles of the headings ``offset`` sits under, outermost first."""
        path: list[Heading] = []
        for h in self.headings:
            if h.start > offset:
                break
            while path and path[-1].level >= h.level:
                path.pop()
            path.append(h)
        return [h.title[:80] for h in path]

    def blocks_in(self, start: int, end: int) -> list[_Block]:
        """The blocks overlapping ``start``-``end``, clipped to it (a heading run into its first
        paragraph leaves that paragraph inside the section)."""
        out = []
        for b in self.blocks:
            if b.start < end and b.end > start:
                a, z = max(b.start, start), min(b.end, end)
                if self.text[a:z].strip():
                    out.append(_Block(a, z, b.bullet and a == b.start, b.para))
        return out

    def section_at(self, offset: int) -> Section | None:
        return next((s for s in self.sections if s.start <= offset < s.end), None)
