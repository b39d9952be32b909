"""Labelled recommendations: "Recommendation 3: Title" and the like, each to its end."""

from __future__ import annotations

import re

from bot.library.text import sentence_spans
from bot.recs.extract.actors import call_subject
from bot.recs.extract.calls import _MODAL, _RECOMMEND, _call_ok, _Switched
from bot.recs.extract.found import Found
from bot.recs.extract.responses import _set_response, response_heading
from bot.recs.extract.rules import on
from bot.recs.extract.structure import _BULLET, _CONTENTS_LINE, _Block

# "Recommendation 3: Title", "Recommendation:", "**Recommendation 3** –", "Recommendation 3" alone
# on its line; not "see Recommendation 3." (a reference) nor "Recommendation 8.3" (a paragraph).
# Rule "full-stop-labels": "Recommendation 1. The Welsh Government should ..." (a devolved
# committee's numbered recommendation, a full stop after the number) at the start of its line
# is a label too; before, only a colon, a dash or a line break ended a label, so that "in
# Recommendation 1. The" (a reference ending a sentence) stays none. The start of a line is
# checked where the labels are read (``_labelled``).


# Rule "capital-labels" (shipped off: one witness): "RECOMMENDATION 2" in capitals, numbered, is
# a label as "Recommendation 2" is (the title line of a box or a panel, set in capitals).


# Rule "areas-for-development": an inspectorate's "Area for development 1" (HMICS, Scotland)
# labels an item as HMICFRS's "Area for improvement 1" does (the words after "Area for", data).
AREA_WORDS = ("improvement",)
MORE_AREA_WORDS = ("development",)


def _area_words(development: bool) -> str:
    return "|".join(AREA_WORDS + (MORE_AREA_WORDS if development else ()))


# Rule "qualified-labels": an inspectorate that ranks its recommendations labels each with its
# rank ("Strategic recommendation 1", "Operational recommendation 3": Criminal Justice Inspection
# Northern Ireland's practice), a capitalised rank word at the start of its line, the label alone on
# that line and numbered; the paragraph below it is the recommendation (as "Recommendation 1"
# alone on its line). The rank words (data):
LABEL_RANKS = ("Strategic", "Operational")

# Rule "any-qualified-labels" (round 21): the word that qualifies a numbered label alone on its
# line is any one capitalised word ("Learning recommendation 2", "Interim recommendation 1",
# "Strategic recommendation 3"), not only the ranks above: what makes the label is its place (a
# line of its own, numbered), not the publisher's word. Never a determiner or a pointer:
NOT_RANKS = ("The", "This", "That", "These", "Our", "Each", "Every", "See", "No", "A", "An", "Any")


# Rule "label-asides": a label may carry a short aside in brackets after its number, as it carried
# "(Paragraph 15)": "Recommendation 4 (national)" alone on its line, "Recommendation 1 (2021):",
# "Recommendation 3 (release plans)", where the paragraph it heads asks something (a reply's
# "Recommendation 1 (patrols)" then "Agreed. ..." heads an answer: rule "numbered-replies" reads
# it). Before, such a label was none, and its item ran on inside the item above it. At most this
# many characters inside the brackets:
LABEL_ASIDE_MAX = 40


def _label_pattern(
    full_stop: bool,
    development: bool = False,
    ranked: bool = False,
    asides: bool = False,
    capitals: bool = False,
    any_rank: bool = False,
) -> re.Pattern:
    stop = r"|(?P<stop>(?<=\d)\.[ \t]+(?=[A-Z‘“\"]))" if full_stop else ""
    # a ranked label stands at its line's start with a number and a line break after it
    ranks = "|".join(LABEL_RANKS)
    if any_rank:  # rule "any-qualified-labels"
        ranks = r"(?!(?:" + "|".join(NOT_RANKS) + r")\b)[A-Z][a-z]+"
    rank = (
        r"(?<![^\n*#])(?:" + ranks + r")\s+recommendation(?=\s+\d{1,3}[ \t]*\n)|" if ranked else ""
    )
    return re.compile(
        r"\**(?P<label>(?:"
        + rank
        + (r"RECOMMENDATION(?=[ \t]+\d)|" if capitals else "")
        + r"Recommendation|Rec\.|Area\s+for\s+(?:"
        + _area_words(development)
        + r")|AFI)"
        r"(?:\s*(?P<num>\d{1,3}[a-z]?|[A-Z]\b))?)(?![.\d]*\d)"
        r"(?:[ \t]*\((?:(?:[Pp]aragraphs?|[Pp]aras?\.?|[Pp]age)\s*[\d.,\s–-]+"  # "(Paragraph 15)"
         + (rf"|(?P<aside>[^()\n.;:]{{1,{LABEL_ASIDE_MAX}}})" if asides else "") + r")\))?"
        r"(?:\s*\**\s*[:–—]\s*\**|(?<=[\d)])[ \t]*\**[ \t]*\n|(?<=\d[a-z])[ \t]*\**[ \t]*\n"
        + stop
        + r")\s*(?=\S)"
    )


_LABEL_ANY = _Switched(
    (
        "full-stop-labels",
        "areas-for-development",
        "qualified-labels",
        "label-asides",
        "capital-labels",
        "any-qualified-labels",
    ),
    _label_pattern,
)


# The same label run into its text with no colon or line break ("... as before. Recommendation 12
# Professional bodies should ..."), as PDF prints of web pages give it (rule "run-in-label"): before
# a capitalised word, with a call in what follows, and either after a sentence's end (or at a
# line's start) or numbered in sequence with a label next to it (a list item's end has no stop).
# The label words a run-in label may have (data). "Area for improvement 2 The force should ..."
# (rule "run-in-afi-labels"): an inspection's numbered area for improvement whose label line the
# cleaning ran into the paragraph below it (a label line with no blank line after it).
RUN_IN_LABEL_WORDS = (r"Recommendation",)
RUN_IN_AFI_WORDS = (r"Area\s+for\s+improvement",)
RUN_IN_AFD_WORDS = (r"Area\s+for\s+development",)  # rule "areas-for-development"


def _run_in_pattern(afi: bool, development: bool = False, ranked: bool = False) -> re.Pattern:
    words = "|".join(
        # a ranked label the cleaning ran into its paragraph, at its line's start (rule
        # "qualified-labels")
        ((r"(?<![^\n*#])(?:" + "|".join(LABEL_RANKS) + r")\s+recommendation",) if ranked else ())
        + RUN_IN_LABEL_WORDS
        + (RUN_IN_AFI_WORDS if afi else ())
        + (RUN_IN_AFD_WORDS if afi and development else ())
    )
    return re.compile(
        rf"(?P<label>(?:{words})\s+(?P<num>\d{{1,3}})[a-z]?)(?![.\d]*\d)[ \t]+"
        r"(?=[A-Z][a-z]|[A-Z]{2,}s?\b)"
    )


_RUN_IN_LABEL = _Switched(
    ("run-in-afi-labels", "areas-for-development", "qualified-labels"), _run_in_pattern
)
_SENTENCE_BEFORE = re.compile(r"(?:^|[.:;!?)”\"’][ \t]*)$")


def _run_in_labels(text: str, labels: list[re.Match]) -> list[re.Match]:
    """Run-in labels; ``labels`` (those found with a colon or a line break) count as neighbours
    in the sequence."""
    candidates = []
    for m in _RUN_IN_LABEL.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if _REFERENCE_BEFORE.search(before):
            continue
        nxt = _RUN_IN_LABEL.search(text, m.end())
        rest = text[m.end() : min(nxt.start() if nxt else len(text), m.end() + 1500)]
        if _MODAL.search(rest) or _RECOMMEND.search(rest):
            candidates.append((m, bool(_SENTENCE_BEFORE.search(before))))
    known = [(m.start(), m.group("num")) for m in labels if m.group("num")]
    known += [(m.start(), m.group("num")) for m, _ in candidates]
    known.sort()
    # a lettered label ("Recommendation A:") has no number and is no one's neighbour
    numbers = [int(d.group()) if (d := re.match(r"\d+", n)) else None for _, n in known]
    at = {start: i for i, (start, _) in enumerate(known)}
    out = []
    for m, after_sentence in candidates:
        i, n = at[m.start()], int(m.group("num"))
        sequence = (i and numbers[i - 1] == n - 1) or (
            i + 1 < len(numbers) and numbers[i + 1] == n + 1
        )
        if after_sentence or sequence:
            out.append(m)
    return out


_REFERENCE_BEFORE = re.compile(
    r"\b(?:in|see|to|of|and|with|under|per|the|this|that|our|its|a|each|by|from|for|on|at|"
    r"or|as|their|your|his|her)\s*\**$",
    re.IGNORECASE,
)


# Where a labelled recommendation ends: the next label, a numbered paragraph ("2.111."), a
# chapter or appendix heading, or the response of a government response document.
_ITEM_END = re.compile(
    r"(?:^|\s)(?=(?:[A-Z]?\d{1,2}\.\d{1,3}\.?\s+[A-Z‘“\"'(]))"
    r"|^\s*(?=(?:\d+\s+)?(?:CHAPTER|Chapter|APPENDIX|Appendix|ANNEX|Annex|PART|Part)\s+\w+\s*:)",
    re.MULTILINE,
)


# A numbered conclusion labelled as the recommendations are ("Conclusion 1. We are not persuaded
# ...") at the start of a line ends the labelled recommendation before it (rule
# "full-stop-labels": a devolved committee lists its conclusions after its recommendations).
_CONCLUSION_LABEL = re.compile(r"^[ \t]*\**Conclusion\s+\d{1,3}\**\s*[.:–—]", re.MULTILINE)


# A heading line naming a rank of recommendations ("Operational recommendations") ends the
# labelled item before it: the next rank's items follow (rule "qualified-labels").
_RANK_HEADING = re.compile(
    r"^[ \t]*(?:" + "|".join(LABEL_RANKS) + r")\s+recommendations[ \t]*$", re.MULTILINE
)


# Rule "paired-labels": two recommendations printed under one label ("Recommendations 4 and 5"
# alone on its line, then a paragraph for each, then one answer to both in a response) are two
# items, each labelled with its own number and given the shared answer. Before, the plural label
# was no label, and the two paragraphs were lost inside the item above them.
_PAIR_LABEL = re.compile(
    r"^[ \t]*\**(?P<label>Recommendations[ \t]+(?P<num>\d{1,3})[ \t]+(?:and|&)[ \t]+"
    r"(?P<last>\d{1,3}))\**[ \t]*:?[ \t]*\n\s*(?=\S)",
    re.MULTILINE,
)
# Rule "paired-label-references" (round 17): the paired label may carry the report's paragraph
# references in brackets, as a single label does ("Recommendations 5 and 6 (Paragraphs 42 and
# 47)", beside "Recommendation 1 (Paragraph 18)"); before, such a line was no label, and its two
# recommendations were lost inside the item above. Witnesses: tests/recs/pairs-heldout17's
# Command Paper (DOCX) and, for the two halves, tests/recs/heldout15's government response (a
# paired label, "Recommendations 4 and 5", another writer) and tests/recs/heldout2's response
# (single labels with "(Paragraph N)", another writer).
_PAIR_LABEL_REFERENCES = re.compile(
    r"^[ \t]*\**(?P<label>Recommendations[ \t]+(?P<num>\d{1,3})[ \t]+(?:and|&)[ \t]+"
    r"(?P<last>\d{1,3}))\**[ \t]+\((?:paragraphs?|paras?\.?)[ \t]+[\d.]+(?:[ \t]*(?:,|and|&|-|–)"
    r"[ \t]*[\d.]+)*\)[ \t]*:?[ \t]*\n\s*(?=\S)",
    re.MULTILINE | re.IGNORECASE,
)


def _paired(text: str, item: Found, first: int, last: int) -> list[Found]:
    """The paragraphs under a paired label, one item each, when there is one asking paragraph
    for each number; else the whole as one item under the paired label."""
    paragraphs = [
        (item.start + p.start(), item.start + p.start() + len(p.group().rstrip()))
        for p in re.finditer(r"(?:[^\n]+\n?)+", text[item.start : item.end])
        if _asks(p.group())
    ]
    if len(paragraphs) != last - first + 1:
        return [item]
    out = []
    for number, (start, end) in enumerate(paragraphs, first):
        part = Found(start, end, "label", label=f"Recommendation {number}")
        part.response, part.response_text = item.response, item.response_text
        out.append(part)
    return out


_MAX_LABELLED = 6000


# A title run into the text breaks before a capitalised word: a sentence opener ("The", "For",
# "All"), or the first word of a named body after a lower-case word ("... and resilience Government
# departments should"); never inside a name ("the National Police Chiefs' Council").
_TITLE_BREAK = re.compile(r"(?<=[\w)’'])\s+(?=[A-Z])")


_OPENERS = set(
    "The For All Each Every Where In By Within When Once As Following We It Our This These Its "
    "Their Where Any No".split()
)


_JOINING = set("and or of the for to on in with by at from a an".split())


# Rule "named-labels": a restated recommendation labelled with the name of the body that made it
# and the paragraph's number, its text run in after a colon ("1. PAC recommendation: The Home
# Office should ...", the Treasury Minutes' form), is a label as "Recommendation:" heading one
# paragraph is; the paragraph's number is its label (a reply names it by that number). Before,
# the lower-case "recommendation" after a name was no label, and in a response the sentence was
# someone else's call, lowered below the threshold. The name: one to three capitalised words.
_NAMED_LABEL = re.compile(
    r"^[ \t]*(?P<para>\d{1,3})\.?[ \t]+(?P<label>(?:[A-Z][\w'’&]*[ \t]+){1,3}"
    r"(?-i:recommendation))(?P<num>(?!))?[ \t]*:[ \t]*(?=[A-Z‘“\"])",
    re.MULTILINE,
)

# Rule "lettered-named-labels" (round 21, shipped off: one witness): the paragraph's number may
# carry a letter ("1a. PAC recommendation: ...", the recommendation beside conclusion 1); the
# label is then the number and its letter. Witness: tests/recs/pairs-heldout21's Treasury
# Minute (DOCX); tests/recs/heldout17's and heldout18's Treasury Minutes print "1." (read by
# "named-labels" already); no second document prints the letter.
_NAMED_SUB_LABEL = re.compile(
    r"^[ \t]*(?P<para>\d{1,3}[a-z]?)\.?[ \t]+(?P<label>(?:[A-Z][\w'’&]*[ \t]+){1,3}"
    r"(?-i:recommendation))(?P<num>(?!))?[ \t]*:[ \t]*(?=[A-Z‘“\"])",
    re.MULTILINE,
)


# Rule "reference-labels" (round 18): a short reference at a paragraph's start, a letter or two
# and a number with a full stop ("A1. The force should ...", "B2. ..."; printed bold in the
# source, which the stored text does not keep), is a label as "Recommendation 1" is; its label is
# the reference. Only two or more in the document, each before a paragraph that asks. Before,
# such calls were sentences: unlabelled, and dropped where a review says it makes recommendations
# without saying "we recommend". "R1." is left to rule "label-list-markers" (round 12), which
# reads it under a lead-in: read here too, it made a review's numbered paragraph after its R1-R5
# ("2.2 I also recommend ...", tests/recs/pairs-heldout16) the labels' prose, lost.
# Witnesses (written, two writers): tests/recs/pairs-heldout18's review of a force's professional
# standards (A1-C3); the same shape with "R": tests/recs/heldout13's independent review of stop
# and search and tests/recs/pairs-heldout16's review of complaints handling (R1-R7, R1-R5).
_REFERENCE_LABEL = re.compile(
    r"^[ \t]*\**(?P<label>(?P<num>(?!R\d)[A-Z]{1,2}\d{1,2}[a-z]?))\.\**[ \t]+(?=[A-Z‘“\"])",
    re.MULTILINE,
)
REFERENCE_LABELS_MIN = 2


def _reference_labels(text: str) -> list[re.Match]:
    """The reference labels of ``text`` (rule "reference-labels"), or none."""
    if not on("reference-labels"):
        return []
    found = [m for m in _REFERENCE_LABEL.finditer(text) if _asks(_paragraph_after(text, m.end()))]
    return found if len(found) >= REFERENCE_LABELS_MIN else []


def _paragraph_after(text: str, at: int) -> str:
    """The paragraph that begins at ``at`` (to the next blank line)."""
    end = re.compile(r"\n[ \t]*\n").search(text, at)
    return text[at : end.start() if end else len(text)]


def _labelled(text: str, blocks: list[_Block]) -> list[Found]:
    """ "Recommendation 3: ..." items, each running to the next label or the end of its part."""
    labels = []
    for m in _LABEL_ANY.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _CONTENTS_LINE.search(line) or _REFERENCE_BEFORE.search(text[line_start : m.start()]):
            continue
        if m.groupdict().get("stop") and text[line_start : m.start()].strip(" \t*#"):
            continue  # "Recommendation 1." after other words: a reference ending a sentence
        if m.groupdict().get("aside") and not _asks(_paragraph_after(text, m.end())):
            continue  # "Recommendation 1 (patrols)" then "Agreed. ...": a reply's heading
        labels.append(m)
    if on("run-in-label"):
        starts = {m.start() for m in labels}
        labels += [m for m in _run_in_labels(text, labels) if m.start() not in starts]
        labels.sort(key=lambda m: m.start())
    if on("paired-labels"):
        labels += [m for m in _PAIR_LABEL.finditer(text) if not _CONTENTS_LINE.search(m.group())]
        if on("paired-label-references"):
            labels += [
                m
                for m in _PAIR_LABEL_REFERENCES.finditer(text)
                if not _CONTENTS_LINE.search(m.group())
            ]
        labels.sort(key=lambda m: m.start())
    if on("named-labels"):
        starts = {m.start() for m in labels}
        named = _NAMED_SUB_LABEL if on("lettered-named-labels") else _NAMED_LABEL
        labels += [m for m in named.finditer(text) if m.start() not in starts]
        labels.sort(key=lambda m: m.start())
    bold = _reference_labels(text)
    if bold:
        starts = {m.start() for m in labels}
        labels += [m for m in bold if m.start() not in starts]
        labels.sort(key=lambda m: m.start())
    found = []
    for i, m in enumerate(labels):
        limit = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        limit = min(limit, m.end() + _MAX_LABELLED)
        end = limit
        for stop in (
            _ITEM_END.search(text, m.end(), limit),
            _CONCLUSION_LABEL.search(text, m.end(), limit) if on("full-stop-labels") else None,
            response_heading().search(text, m.end(), limit),
            _RANK_HEADING.search(text, m.end(), limit) if on("qualified-labels") else None,
        ):
            if stop and stop.start() > m.end():
                end = min(end, stop.start())
        if not m.group("num"):  # "Recommendation:" heads one paragraph (committee summaries)
            para_end = re.compile(r"\n[ \t]*\n").search(text, m.end(), end)
            end = para_end.start() if para_end else end
        start = _after_title(text, m.end(), end)
        titled = _titled_paragraph(text, m.end(), end, limit)
        if titled:
            start, end = titled
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        label = " ".join(m.group("label").split())
        item = Found(start, end, "label", label=label if m.group("num") else None)
        if m.groupdict().get("para"):
            item.label = m.group("para")  # "1. PAC recommendation:": its paragraph's number
        _set_response(text, item, limit)
        if m.groupdict().get("last"):
            found += _paired(text, item, int(m.group("num")), int(m.group("last")))
            continue
        found.append(item)
    if found and on("last-item-run-on"):
        # the last label has no next label to stop it: its words end where two sentences in a
        # row stop asking (a heading run into the text, a response's answer after the quote)
        last = found[-1]
        last.end = _end_of_run_on(text, last.start, last.end)
    if any(item.response for item in found):
        # A response document: where a response opens without a verdict, the quoted
        # recommendation ends with its last paragraph that still asks something.
        for item in found:
            if item.response is None and item.response_text is None:
                end = _end_of_asks(text, item.start, item.end)
                if end < item.end:
                    item.end = end
                    _set_response(text, item, item.end, at=end)
    else:
        # A report: a labelled item's own words end with its last paragraph that asks; the
        # findings printed after it ("We found gaps in 14 of 45 cases") are not the ask.
        for item in found:
            item.end = _end_of_asks(text, item.start, item.end)
    return found


# Rule "titled-paragraph-labels": "Recommendation 4: Signage" on its own line, then the numbered
# paragraph that makes it ("12.3 The Council should ..."). The label titles the
# paragraph below it; before, the paragraph number ended the item and the title alone was taken.
_PARAGRAPH_NUMBER = re.compile(r"\s*[A-Z]?\d{1,2}\.\d{1,3}\.?[ \t]+(?=[A-Z‘“\"'(])")
_TITLE_MAX = 120


def _titled_paragraph(text: str, start: int, end: int, limit: int) -> tuple[int, int] | None:
    """The numbered paragraph a title-only label heads: (start past its number, its end)."""
    if not on("titled-paragraph-labels") or end >= limit:
        return None
    title = text[start:end].strip(" \t*#")
    if not title or "\n" in title.strip() or len(title) > _TITLE_MAX:
        return None
    if _MODAL.search(title) or _RECOMMEND.search(title) or re.search(r"[.;:!?]$", title):
        return None
    number = _PARAGRAPH_NUMBER.match(text, end)
    if not number:
        return None
    first = None
    while number:  # the first numbered paragraph under the title that asks (findings may lead)
        stop = _ITEM_END.search(text, number.end(), limit)
        para_end = stop.start() if stop else limit
        response = response_heading().search(text, number.end(), para_end)
        if response:
            para_end = response.start()
        while para_end > number.end() and text[para_end - 1].isspace():
            para_end -= 1
        if para_end > number.end():
            span = (number.end(), para_end)
            first = first or span
            if _asks(text[span[0] : span[1]]):
                return span
        number = _PARAGRAPH_NUMBER.match(text, stop.start()) if stop and not response else None
    return first


def _end_of_asks(text: str, start: int, end: int) -> int:
    """The end of the last of the leading paragraphs that ask (a call, a lead-in ending with a
    colon, or a list item); prose after them is someone else's."""
    cut = start
    for para in re.finditer(r"(?:[^\n]+\n?)+", text[start:end]):
        body = para.group().strip()
        asks = _MODAL.search(body) or body.endswith(":") or _BULLET.match(body)
        if not asks and cut > start:
            break
        cut = start + para.start() + len(para.group().rstrip())
    return cut


# Rule "time-clause-openers": a recommendation that opens with a clause of time ("By the time of
# the next Spending Review, the Home Office should ...", "Within 18 months of this report, the
# College should ...") has no title run into it: the clause, its capitalised words too, belongs
# to the item (the development gold's opening words take in a paragraph's lead-in clause).
# Before, "By the time of the next" was taken for a title and the item began at "Spending
# Review", which was then read as an addressee. The words that open such a clause (data):
TIME_CLAUSE_OPENERS = (
    "By",
    "Within",
    "Before",
    "Until",
    "After",
    "During",
    "Following",
    "From",
    "Over",
    "At",
)


def _time_clause(head: str) -> bool:
    """Whether ``head`` opens with a clause of time that a comma closes before its call."""
    if not on("time-clause-openers"):
        return False
    words = head.split(None, 1)
    if not words or words[0] not in TIME_CLAUSE_OPENERS:
        return False
    modal = _MODAL.search(head)
    return bool(modal) and "," in head[: modal.start()] and "\n" not in head[: modal.start()]


# Rule "sentence-not-title": a label's first line that is a whole sentence (eight words or more,
# ending in a full stop) is the item's own words, not its title, whatever its verb ("That
# the clerk writes to every mooring holder before the season opens."): a title names a topic
# and ends without a stop. Before, only a line holding a modal or "recommend" was kept as the
# item; a last label's one-sentence item was skipped as a title and the heading after it taken.
_SENTENCE_WORDS = 8


def _sentence(line: str) -> bool:
    line = line.strip(" \t*")
    return (
        on("sentence-not-title")
        and line.endswith(".")
        and len(line.split()) >= _SENTENCE_WORDS
        and line[:1].isupper()
    )


def _after_title(text: str, start: int, end: int) -> int:
    """Where the recommendation's own words begin after its label: past a title on its own line
    ("Recommendation 4: A UK-wide strategy" then the text), or a title run into the text
    ("... A better approach to risk assessment The UK government ... should")."""
    first_end = text.find("\n", start, end)
    first = text[start : first_end if first_end >= 0 else end]
    if first_end >= 0 and len(first) <= 200 and not _MODAL.search(first) and not _sentence(first):
        rest = first_end
        while rest < end and text[rest].isspace():
            rest += 1
        if rest < end and not _RECOMMEND.search(first):
            return rest
    head = text[start : min(end, start + 260)]
    if _time_clause(head):
        return start  # "By the time of the next Spending Review, the Home Office should ..."
    for m in _TITLE_BREAK.finditer(head):
        left, right = head[: m.start()], head[m.end() :]
        if _MODAL.search(left) or _RECOMMEND.search(left) or re.search(r"[.,;:!?]", left):
            break  # a title has no clause of its own
        word = right.split()[0]
        asks = _MODAL.search(right) or _RECOMMEND.search(right)
        if not asks:
            break
        if word in _OPENERS:
            return start + m.end()
        previous = left.split()[-1] if left.split() else ""
        modal = _MODAL.search(right)
        subject = call_subject(right[: modal.start()]) if modal else None
        named = subject and not re.search(r"\s(?:The|A|An)\s", subject)
        if previous[:1].islower() and previous.lower() not in _JOINING and named:
            return start + m.end()
    return start


def _end_of_run_on(text: str, start: int, end: int) -> int:
    """The end of the last asking sentence before two sentences in a row that do not ask
    (rule "last-item-run-on"); ``end`` when there is no such pair."""
    flat = text[:end].replace("\n", " ")
    last_ask, quiet = None, 0
    for a, b in sentence_spans(flat, start, end):
        sentence = flat[a:b]
        if _asks(sentence):
            last_ask, quiet = b, 0
            continue
        if last_ask is None:
            continue
        quiet += 1
        if quiet >= 2:
            return last_ask
    return end


def _asks(sentence: str) -> bool:
    return bool(
        _RECOMMEND.search(sentence)
        or sentence.rstrip().endswith(":")
        or any(_call_ok(sentence, m) for m in _MODAL.finditer(sentence))
    )
