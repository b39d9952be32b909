"""The search query language: what a person types, parsed into terms, exclusions and filters.

Free words, ``"quoted phrases"``, ``-word`` / ``-"phrase"`` to exclude, and the filters
``type:``, ``doc:``, ``from:``, ``before:`` and ``speaker:`` (values may be quoted). Anything else,
including unknown ``key:value`` pairs and filter values that cannot be understood, is treated as
words: parsing never fails, and nothing typed here ever reaches FTS5 as syntax.

A question in plain English ("how are ROCUs funded?") is searched for what it asks about: the
words that only frame it as a question (``how are``, ``what did``, ``how many``) are set aside in
``ParsedQuery.question`` rather than required of every passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.library.text import words

FILTER_KEYS = ("type", "doc", "from", "before", "speaker", "para")

# A filter typed with a space after its colon ("doc: pac-soc-2019", "type: hansard", "from: 2017")
# is the filter, as "to: NCA" is in `recs`: the colon alone was dropped and the value searched as
# words, in every document. from:/before: join only a value starting with a digit, so a pasted
# "Before: the committee met" stays words. False: as before.
FILTER_SPACE = True
_KEY_SPACE = re.compile(
    r"(?<![\w:-])(?P<key>(?:type|doc|speaker):|(?:from|before):(?=[ \t]+\d))[ \t]+(?=[^\s-])",
    re.IGNORECASE,
)

# "para 1.3", "paragraph 12", "paras 4.2", "§ 3.4" (and "para:1.3") name a numbered paragraph,
# as results cite them ("para 1.3"): the passages where one starts, in every document or in the
# ``doc:`` given (``candidates._filter_clauses``). The number was searched as the words "1" and
# "3", which found table cells (found by the round-13 walk). False: as before, words.
PARAGRAPH_FILTER = True
_PARAGRAPH_NUMBER = r"\(?\d{1,3}(?:\.\d{1,3}){0,2}\)?"
_PARAGRAPH_TYPED = re.compile(
    r"(?<![\w:-])(?:para(?:graph)?s?\.?|§)[ \t]*(?P<number>" + _PARAGRAPH_NUMBER + r")(?![\w.]*\w)",
    re.IGNORECASE,
)
_PARAGRAPH_VALUE = re.compile(r"^\(?(\d{1,3}(?:\.\d{1,3}){0,2})\)?\.?$")

# Curly and typographic quotes are typed by phones and word processors; treat them as ".
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "″": '"'})
_TOKEN = re.compile(
    r"""(?P<neg>-)?(?:
        (?P<key>[A-Za-z]+):"(?P<qvalue>[^"]*)"?   # key:"quoted value"
      | "(?P<phrase>[^"]*)"?                       # "quoted phrase" (an open quote runs to the end)
      | (?P<bare>[^\s"]+)                          # anything else up to a space or quote
    )""",
    re.VERBOSE,
)
# The frame of an English question: the interrogatives, the auxiliaries that follow them ("how
# are", "what did", "when was") and the words that complete them ("how many", "what is the").
# A closed class of grammar, not a stop-word list: no word that could be the subject is here.
INTERROGATIVES = frozenset("what who whom whose which when where why how".split())
AUXILIARIES = frozenset(
    "is are was were be been am do does did can could should would will shall may might must "
    "has have had".split()
)
FRAME = INTERROGATIVES | AUXILIARIES | frozenset("many much long often far the a an there".split())
# A query opening with one of these is a question even without "?" ("may", "will" and "must"
# open names and dates too: "May 2019", "Will Quince").
OPENERS = INTERROGATIVES | frozenset(
    "is are was were do does did can could should would has have had".split()
)
ANYWHERE = INTERROGATIVES | frozenset("do does did".split())  # frame wherever they stand

_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


@dataclass
class Term:
    """One thing to match: a single word, or a phrase whose words must appear together."""

    words: list[str]
    phrase: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # where each word is in the query
    repeats: int = 1  # how many times the query has it (a repeated word weighs more)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Filters:
    type: str | None = None
    doc: str | None = None
    date_from: str | None = None  # ISO prefix: YYYY, YYYY-MM or YYYY-MM-DD
    date_before: str | None = None
    speaker: str | None = None
    para: str | None = None  # a numbered paragraph ("1.3"): PARAGRAPH_FILTER

    def any(self) -> bool:
        return any(vars(self).values())


@dataclass
class ParsedQuery:
    text: str
    terms: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    notes: list[str] = field(default_factory=list)
    question: list[Term] = field(default_factory=list)  # words that framed a question, set aside
    shouted: bool = False  # typed all in capitals: the capitals say nothing (see ``_unshout``)
    pasted: bool = False  # pasted text, searched by its key terms (``bot.search.pasted``)

    def rewrite(self, replacements: dict[tuple[int, int], str]) -> str:
        """The query text with the words at the given spans replaced (e.g. spelling corrections)."""
        out = self.text
        for (start, end), new in sorted(replacements.items(), reverse=True):
            out = out[:start] + new + out[end:]
        return " ".join(out.split())


def parse_query(text: str) -> ParsedQuery:
    """Parse ``text``; never raises."""
    text = (text or "").translate(_QUOTES)
    if FILTER_SPACE:
        text = _KEY_SPACE.sub(lambda m: m["key"], text)
    if PARAGRAPH_FILTER:
        text = _PARAGRAPH_TYPED.sub(lambda m: "para:" + m["number"], text)
    parsed = ParsedQuery(text=text)
    for match in _TOKEN.finditer(text):
        negative = bool(match.group("neg"))
        if match.group("key") is not None:
            key, value = match.group("key"), match.group("qvalue")
            if not negative and _apply_filter(parsed, key, value):
                continue
            _add_words(parsed, text, match.start("key"), match.end(), negative, phrase=False)
        elif match.group("phrase") is not None:
            _add_words(parsed, text, match.start("phrase"), match.end("phrase"), negative, True)
        else:
            bare = match.group("bare")
            key, colon, value = bare.partition(":")
            if colon and value and not negative and _apply_filter(parsed, key, value):
                continue
            start = match.start("bare")
            if colon and key.lower() in FILTER_KEYS and not value:
                continue  # "type:" with nothing after it: nothing to filter or search
            _add_words(parsed, text, start, match.end("bare"), negative, phrase=False)
    _unshout(parsed)
    _set_aside_question_frame(parsed)
    return parsed


SHOUTED_WORDS = 3  # capitals over at least this many words, English words among them: shouting
# A number in a query typed in capitals ("KNIFE CRIME IN THE 43 FORCES", "COUNTY LINES SINCE
# 2019") left the query read as acronyms: a number is not in capitals, so not every word was, and
# its capital words of up to six letters were never spell-corrected (bench/RESULTS.md "Documents
# in capitals and without punctuation"). True: numbers are left out of the test. False: as before.
SHOUTED_NUMBERS = True
# A slip of the shift key in a word typed in capitals ("ORGANISEd", "INTELLIGEnCE") left the
# whole query read as acronyms, so none of its capital words of up to six letters was corrected.
# True: a word of at least three capitals with one lower-case letter anywhere ("gHERE") but a
# plural's final "s" ("ROCUs" stays an acronym) counts as typed in capitals. False: as before.
SHOUTED_SLIPS = True


def _unshout(parsed: ParsedQuery) -> None:
    """A query typed all in capitals ("OPTIMISING LINEAR NETWORKS", "I AM INTERESTED IN ...")
    is read as if typed in lower case: capitals there mark no acronym (which would be neither
    corrected nor taken for a question's frame). It is shouting when every word of two or more
    letters is in capitals, there are at least SHOUTED_WORDS of them, and one of four or more
    letters is an English word; "HMIC ROCU NCA" stays a list of acronyms. A number ("1963",
    "80", the 15 of "X-15") has no case: with SHOUTED_NUMBERS it neither counts nor stops it;
    with SHOUTED_SLIPS one letter slipped into lower case does not stop it (``_in_capitals``)."""
    from bot.search import lexicon

    words = [
        w
        for t in parsed.terms + parsed.excluded
        for w in t.words
        if len(w) > 1 and (not SHOUTED_NUMBERS or not w.isdigit())
    ]
    if len(words) < SHOUTED_WORDS or not all(_in_capitals(w) for w in words):
        return
    if not any(len(w) >= 4 and lexicon.is_word(w.lower()) for w in words):
        return
    parsed.shouted = True
    for term in parsed.terms + parsed.excluded:
        term.words = [w.lower() for w in term.words]


def _in_capitals(word: str) -> bool:
    """Typed in capitals: every letter, or (SHOUTED_SLIPS) all but one, anywhere but a final
    "s", with at least three capitals ("INTELLIGEnCE", "gHERE" are slips; "ROCUs", "McD" are
    not)."""
    if word.isupper():
        return True
    lower = sum(ch.islower() for ch in word)
    return (
        SHOUTED_SLIPS
        and lower == 1
        and sum(ch.isupper() for ch in word) >= 3
        and not word.endswith("s")
    )


def _set_aside_question_frame(parsed: ParsedQuery) -> None:
    """Move the words that frame a question out of ``parsed.terms``: the opening run of frame
    words ("how many", "what did the"), and interrogatives or do/does/did further on. Words typed
    in capitals ("WHO") and quoted ones are what is asked about; at least one term is kept."""
    terms = parsed.terms
    if not terms or not _is_question(parsed.text, terms[0]):
        return
    frame, opening = [], True
    for term in terms:
        word = term.words[0]
        plain = not term.phrase and not (word.isupper() and len(word) > 1)
        key = word.lower()
        if plain and ((opening and key in FRAME) or key in ANYWHERE):
            frame.append(term)
        else:
            opening = False
    if frame and len(frame) < len(terms):
        parsed.question = frame
        parsed.terms = [t for t in terms if t not in frame]


def _is_question(text: str, first: Term) -> bool:
    if text.rstrip().endswith("?"):
        return True
    word = first.words[0]
    return not first.phrase and word.lower() in OPENERS and not (word.isupper() and len(word) > 1)


# An acronym typed with full stops ("C.P.S.", "n.c.a") is the acronym ("CPS"), as `define` reads
# it: it was searched as single letters, which matched table cells ("P", "F") and initials
# (found by the round-13 walk; round 10's `define N.C.A.`). Two letters only in capitals ("U.K."):
# "e.g.", "i.e." and "p.m." stay letters. False: as before, letters.
DOTTED_ACRONYMS = True
_DOTTED = re.compile(r"(?P<open>\W*)(?P<letters>(?:[^\W\d_]\.){2,}[^\W\d_]?)\.?(?P<close>\W*)")


def _add_words(
    parsed: ParsedQuery, text: str, start: int, end: int, negative: bool, phrase: bool
) -> None:
    dotted = _DOTTED.fullmatch(text, start, end) if DOTTED_ACRONYMS and not phrase else None
    letters = dotted["letters"].replace(".", "") if dotted else ""
    if dotted and (len(letters) >= 3 or letters.isupper()):  # not "e.g.", "i.e.", "a.m."
        span = (dotted.start("letters"), dotted.end("letters"))
        target = parsed.excluded if negative else parsed.terms
        target.append(Term([letters.upper()], False, [span]))
        return
    found = [
        (m.group(1), start + m.start(), start + m.end(1))
        for m in (_PHRASE_WORDS if phrase else _WORDS).finditer(text[start:end])
        if m.group(1)
    ]
    if not found:
        return
    target = parsed.excluded if negative else parsed.terms
    # A quoted phrase, or a bare token such as "co-ordination" or "PCC's", is one phrase; other
    # bare runs ("GCHQ/MI5") are separate words.
    joined = phrase or _joined_by_hyphens(text[start:end])
    if joined and len(found) > 1:
        target.append(Term([w for w, _, _ in found], True, [(s, e) for _, s, e in found]))
    else:
        target.extend(Term([w], False, [(s, e)]) for w, s, e in found)


# A word, less a possessive ending ("Feisal's" is Feisal; the text's "Feisal's" holds Feisal).
# In a quoted phrase the ending stays: the phrase must match the text word for word.
_WORDS = re.compile(r"(\w+(?:['’]\w+)*?)(?:['’][sS])?(?!\w)", re.UNICODE)
_PHRASE_WORDS = re.compile(r"(\w+(?:['’]\w+)*)", re.UNICODE)


def _joined_by_hyphens(token: str) -> bool:
    return bool(re.fullmatch(r"\W*\w+(?:[-‐‑–'’]\w+)+\W*", token))


def _apply_filter(parsed: ParsedQuery, key: str, value: str) -> bool:
    """Set a filter from ``key:value``; False when it is not a filter we understand."""
    key = key.lower()
    value = " ".join(value.split())
    if key not in FILTER_KEYS or not value:
        return False
    if key == "para":
        number = _PARAGRAPH_VALUE.match(value) if PARAGRAPH_FILTER else None
        if number is None:
            return False
        parsed.filters.para = number.group(1)
        return True
    if key in ("from", "before"):
        date = parse_date(value)
        if date is None:
            parsed.notes.append(
                f"“{key}:{value}” is not a date I understand (try {key}:2017, {key}:2019-10 or "
                f"{key}:2019-10-31), so I searched for those words instead."
            )
            return False
        setattr(parsed.filters, "date_from" if key == "from" else "date_before", date)
        return True
    if not words(value):
        return False
    setattr(parsed.filters, key, value)
    return True


def parse_date(value: str) -> str | None:
    """``2019``, ``2019-10``, ``2019-10-31`` (also with / or .) as an ISO prefix, else None."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"
