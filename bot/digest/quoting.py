"""What in a document is worth quoting: a document's first substantial sentence (the digest's
description of a new document), a passage's highlight (whole prose sentences, for the passage of
the day), and the rules that keep out front matter, contents lines, cover lines and glossaries.
Rules are data (``BOILERPLATE``, one pattern a line) so one can be switched off."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.library.text import fold, sentence_spans, words

DESCRIPTION_MAX_CHARS = 220
DESCRIPTION_SCAN_CHARS = 10_000  # a description comes from a document's opening, not its end
# Lines that head pages rather than say anything: Hansard's "Part of ..." and "Volume 631: ...".
_FURNITURE = re.compile(r"^(part of |volume \d+|skip to |image:|share this|print this)", re.I)
# Front matter no reader wants as a lead or a quote, matched anywhere in a sentence (PDF text
# often runs the copyright line into the licence): copyright and licence notices, the Open
# Government Licence's address lines, ISBNs, enquiry and "available at" lines, command-paper
# cover lines. Kept as data, one pattern a line, so a rule can be switched off.
BOILERPLATE = (
    r"©|\(c\)\s*crown|\bcrown copyright\b|\bcopyright\b.{0,40}\b(19|20)\d\d\b",
    r"\bthis (publication|document|information) (is|may be) (licensed|re-?used|reproduced)",
    r"\bopen government licen[cs]e\b|\bnationalarchives\.gov\.uk\b|\bpsi@",
    r"\bto view this licen[cs]e\b|\bthird[- ]party copyright\b",
    r"\bisbn\b|\bany enquiries regarding this publication\b",
    r"\bthis publication is available (at|from|on)\b",
    r"\bpresented to parliament\b|\bby command of (his|her) majesty\b|\bordered by the house\b",
    r"\blaid before (parliament|the scottish parliament)\b.{0,60}\b(19|20)\d\d\b",
    r"\blicen[cs]ed under\b|\bcreative commons\b|\bimage credits?\b",
    r"\bthis was published under the (19|20)\d\d to (19|20)\d\d\b",  # GOV.UK history pages
    r"(?-i:\b(Published|Updated) \d{1,2} [A-Z][a-z]+ (19|20)\d\d\b)",  # GOV.UK page header
    # a body's standing description of itself, printed in each of its publications: a
    # parliamentary committee saying which House appoints it (Commons and Lords committees), an
    # inquiry saying it is an independent public inquiry (an inquiry's reports)
    r"\bcommittee is appointed by the house of (commons|lords)\b",
    r"\bis an independent public inquiry\b",
    # a key to the document's notation: what a symbol beside an entry counts (a Commons paper),
    # what an evidence reference code points to (a Lords report)
    r"\bfollowing this symbol\b|^\S{1,6}(?: \d{1,3})? refers to\b",
    # where a committee's papers can be read online (Commons and Lords committees)
    r"\bavailable on the internet\b",
    # a record of who sits on or attended the body: its staff or members listed (Commons and
    # Lords committees), who attended a meeting (Lords minutes)
    r"\bthe (?:current )?(?:members|staff) of the [\w ,()-]{0,80}?committee are\b",
    r"\b(?:was|were) in attendance\b",
)
_BOILERPLATE = re.compile("|".join(f"(?:{rule})" for rule in BOILERPLATE), re.I)
# A contents-page line: a dot leader, or a heading that ends in a page number.
_CONTENTS = re.compile(
    r"(\.\s*){4,}|…\s*…|\s\.{2,}\s*\d|[A-Za-z)]\s+\d{1,3}\s*$"
    r"|\s(?:ii|iii|iv|vi{1,3}|ix|xi{1,3})\s+[A-Z]"  # a roman page number run into the next line
)
# Headings of front-matter sections (a briefing's "Disclaimer", a committee report's "Current
# membership", "Powers", "Publication", "Contacts", a position statement's "Acknowledgement"):
# what follows one, up to the next heading, is not a lead. Also run into the text's next words
# when the reader lost the line break ("Contacts Letters about this report go to ...").
FRONT_HEADINGS = (
    r"disclaimer|copyright|licen[cs]e|acknowledge?ments?|contacts?|contact details"
    r"|current membership|committee staff|powers|publications?|image credits?|cover image"
)
_FRONT_HEADING = re.compile(rf"^(?:{FRONT_HEADINGS})$", re.I)
_FRONT_RUN_IN = re.compile(rf"^(?:{FRONT_HEADINGS})\s+(?-i:[A-Z])", re.I)
_FRONT_HEADING_END = re.compile(rf"(?:^|\W)(?-i:(?=[A-Z]))(?:{FRONT_HEADINGS})\W*$", re.I)
# A footnote's number run into the word or sentence end it marks (examples written here: "...
# the harbour's tides3.", "... ferry timetables2 is ...", "... was late.14 A survey ..."): left out
# of a lead.
_FOOTNOTE = re.compile(r"\b([a-z]{3,}[.,;]?)\d{1,3}(?=[\s.,;:)]|$)")
# A symbol font's bullet (a private-use character: "\uf06e", "\uf0b7") shown as a bullet.
_GLYPH = re.compile("[\ue000-\uf8ff]")
# A sentence the splitter ended at a list's first number ("... set out in three parts: 1."):
# the list goes on, so it is not a whole sentence.
_LIST_NUMBER_END = re.compile(r"[:;]\s*\(?\d{1,2}[.)]$")
# Words a document's first real sentence often starts with, after a cover line run into it
# ("Harbour Board Report on Ferry Timetables The Council welcomes ...", an example written here).
_STARTERS = re.compile(r"\s(The|This|These|Today|It|In|We|Our|On|A|An|That)\s+(?=\S)")


def is_boilerplate(sentence: str) -> bool:
    """Front matter or a contents-page line rather than something the document says."""
    return bool(_BOILERPLATE.search(sentence) or _CONTENTS.search(sentence))


def first_substantial_sentence(
    text: str,
    title: str = "",
    max_chars: int = DESCRIPTION_MAX_CHARS,
    elsewhere: Callable[[str], bool] | None = None,
):
    """The first sentence that says something: whole, at least eight words, not a question, not
    the title, not page furniture, not under a front-matter heading ("Disclaimer"), and not
    printed in the opening of another document too (``elsewhere``: a publisher's stock front
    matter, when the library can tell). Quoted exactly, footnote numbers left out; cut at a word
    with "…" when longer than ``max_chars``."""
    folded_title = " ".join(words(fold(title)))
    in_front_section = False
    tainted = -1  # the line (paragraph) where a boilerplate sentence was: the rest of it is too
    for start, end in sentence_spans(text, 0, min(len(text), DESCRIPTION_SCAN_CHARS)):
        sentence = " ".join(text[start:end].split())
        line = text.rfind("\n", 0, start) + 1
        if _heading_like(sentence):
            in_front_section = bool(_FRONT_HEADING.match(sentence.rstrip(":")))
            continue
        if _FRONT_RUN_IN.match(sentence):  # a front-matter heading run into its section
            in_front_section = True
        if in_front_section or line == tainted:
            continue
        whole, sentence = sentence, _after_cover(sentence)
        if sentence != whole and _FRONT_HEADING_END.search(whole[: len(whole) - len(sentence)]):
            in_front_section = True  # "... (Chair) Powers The board's powers are ..."
            continue
        tokens = words(fold(sentence))
        if len(tokens) < 8 or _FURNITURE.match(sentence) or not _ends_a_sentence(sentence):
            continue
        # the end of a sentence a page or column break cut in two ("eBay ..." may start one)
        if sentence[:1].islower() and not sentence[1:2].isupper():
            continue
        if is_boilerplate(sentence):
            tainted = line
            continue
        if _listy(sentence) or _DEFINITION_LINE.match(sentence):
            continue
        if folded_title and " ".join(tokens) in folded_title:
            continue
        if elsewhere is not None and elsewhere(sentence):
            continue
        sentence = tidy_quote(sentence)
        if len(sentence) > max_chars:
            sentence = sentence[:max_chars].rsplit(" ", 1)[0].rstrip(",;:–- ") + " …"
        return sentence
    return ""


def _heading_like(line: str) -> bool:
    """A line standing alone as a heading: short, no sentence end."""
    return len(line.split()) <= 6 and line[-1:] not in ".!?…\"'”’" and not line[:1].islower()


def _ends_a_sentence(sentence: str) -> bool:
    """Ends as a printed sentence does. A closing bracket ends one only after a full stop inside
    it ("(... above.)"): a form's label "Cost of the Option (in 2019 prices)" ends in a bracket
    with no sentence before it."""
    if sentence.endswith(")"):
        return sentence[-2:-1] in ".!?"
    return sentence[-1:] in ".!…\"'”’" and not _LIST_NUMBER_END.search(sentence)


def _after_cover(sentence: str) -> str:
    """The sentence without a cover or title line run into its start (PDF text loses the line
    break): the rest from the last usual sentence opener, in its first 200 characters, that
    follows a mostly capitalised prefix."""
    found = sentence
    for match in _STARTERS.finditer(sentence, 0, 200):
        prefix, rest = sentence[: match.start()], sentence[match.start() + 1 :]
        if prefix.rstrip().endswith(","):  # "The Chair of the Board, The Rt Hon ...": one sentence
            continue
        count, share = _capitalised(prefix)
        if count >= 3 and share >= 0.5 and not _listy(rest):
            found = rest
    return found


HIGHLIGHT_MAX_WORDS = 80  # the passage of the day quotes at most this many words...
HIGHLIGHT_MIN_WORDS = 15  # ...and at least this many, in whole sentences
_SENTENCE_END_CHARS = ".!?”’\"'"
# A glossary or definition-list line: a short term, then a colon, tab or dash and its meaning
# ("PCC: Police and Crime Commissioner"), a glossary table's row as the reader writes it
# ("Lead force | The force that ..."), or an acronym then its expansion ("ROCU Regional ...").
_DEFINITION_LINE = re.compile(
    r"^\s*(?:[\w&/().'’-]+(?:\s+[\w&/().'’-]+){0,4}\s*(?::|\t|\s[–—-]\s|\s\|\s)"
    r"|[A-Z][A-Z0-9&]{1,9}s?\s+[A-Z][a-z])"
)


def _capitalised(text: str) -> tuple[int, float]:
    """(words, share of them that start with a capital letter)."""
    tokens = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(tokens), sum(t[0].isupper() for t in tokens) / max(1, len(tokens))


def _listy(text: str) -> bool:
    """Mostly capitalised words: a title, a cover line, a list of names or acronyms, not prose."""
    count, share = _capitalised(text)
    return count >= 6 and share > 0.55


def glossary_like(text: str) -> bool:
    """A glossary, acronym list or definition list rather than running prose."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) >= 3 and sum(bool(_DEFINITION_LINE.match(x)) for x in lines) * 2 >= len(lines):
        return True
    return _listy(text)


def _prose_sentence(sentence: str) -> bool:
    return (
        len(words(sentence)) >= 6
        and sentence[-1:] in _SENTENCE_END_CHARS
        and not sentence.rstrip(_SENTENCE_END_CHARS).endswith(("?", ":"))
        and not _FURNITURE.match(sentence)
        and not _DEFINITION_LINE.match(sentence)
        and not is_boilerplate(sentence)
        and not _listy(sentence)
        and _after_cover(sentence) == sentence  # "Royal Society A body that ...": a glossary entry
    )


def highlight(text: str) -> str:
    """The passage's first run of whole prose sentences, HIGHLIGHT_MIN_WORDS to
    HIGHLIGHT_MAX_WORDS words, quoted exactly from ``text``; "" when it has none (a glossary,
    a contents page, a table, front matter)."""
    if glossary_like(text) or _TERM_THEN_DEFINITION.match(text.lstrip()):
        return ""  # a glossary entry ("Lead force The force that ...") is not a quotation
    run: list[tuple[int, int]] = []
    count = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        n = len(words(sentence))
        if not _prose_sentence(sentence) or count + n > HIGHLIGHT_MAX_WORDS:
            if count >= HIGHLIGHT_MIN_WORDS:
                break
            run, count = [], 0
            if not _prose_sentence(sentence):
                continue
            if n > HIGHLIGHT_MAX_WORDS:
                continue
        if not run and not _opens_a_highlight(sentence):
            continue
        run.append((start, end))
        count += n
        if len(run) == 3:
            break
    if count < HIGHLIGHT_MIN_WORDS:
        return ""
    return text[run[0][0] : run[-1][1]].strip()


# A glossary entry's term run into its definition ("Lead force The force that ..."), or a
# heading run into its text ("Background The appeal ..."): not where a quotation starts.
_TERM_THEN_DEFINITION = re.compile(r"^[A-Z][\w'’/-]*(?: [\w'’/-]+){0,3} (?:The|A|An) [a-z]")


def _opens_a_highlight(sentence: str) -> bool:
    """A highlight starts a sentence: not its tail cut off by a page or passage break ("is
    voluntary, some companies ..."), not a term run into its definition."""
    first = sentence.lstrip("\"“‘'(•- ")
    return not first[:1].islower() and not _TERM_THEN_DEFINITION.match(first)


# A numbered paragraph's number run into the text by the reader ("... the harbour's tides.4 12.
# The ferry ..."): at a quotation's end, at its start or between its sentences, it is a
# paragraph's number, not what the document says (seen in reports from four publishers: a
# department's decision, a committee's report, a review, an inquiry's report). Switch:
# PARAGRAPH_NUMBERS.
PARAGRAPH_NUMBERS = True
_PARAGRAPH_NUMBER_END = re.compile(r"(?<=[.!?”’\"')])\s+\d{1,3}\.\s*$")
_PARAGRAPH_NUMBER_INSIDE = re.compile(r"(?<=[.!?”’\"')])\s+\d{1,3}\.\s+(?=[A-Z“\"‘'])")
_PARAGRAPH_NUMBER_START = re.compile(r"^\s*\d{1,3}\.\s+(?=[A-Z“\"‘'])")


def tidy_quote(text: str) -> str:
    """A quotation as shown: footnote numbers run into the text left out ("... issues1." ->
    "... issues."), a paragraph's number run in at its end or start left out ("... issues. 12."
    -> "... issues."), a symbol font's bullets shown as "•"."""
    text = _FOOTNOTE.sub(r"\1", text)
    if PARAGRAPH_NUMBERS:
        text = _PARAGRAPH_NUMBER_START.sub("", _PARAGRAPH_NUMBER_END.sub("", text))
        text = _PARAGRAPH_NUMBER_INSIDE.sub(" ", text)
    return _GLYPH.sub("•", text)


def _quotable(text: str) -> bool:
    """Worth quoting: it has a highlight of whole prose sentences (see ``highlight``)."""
    return bool(highlight(text.strip()))
