"""Hard-wrapped plain text: tell a paragraph broken into lines of one width from a menu.

Plain text as archives, e-mail and test collections distribute it breaks every paragraph into
lines of 60-80 characters. Most of those lines end mid-sentence, so a wrapped paragraph looks like
what the cleaner drops as navigation (a block of short lines that do not end in punctuation).
What a wrap leaves and a menu does not: each line continues into the next. A pair of lines
continues when the first ends open (a comma, a hyphen, a function word such as "of" or "the") or,
in text of mixed case, when the next starts in lower case; in text of one case only (ALL CAPITALS,
or all lower case without punctuation) a line that fills the block's width counts too. A menu's
entries stand alone: each starts with a capital and ends on a noun, and their lengths vary.

The cleaner uses this for two of its rules (``bot.library.cleaning.RULES``, each can be switched
off): ``wrapped-prose`` keeps such a block instead of dropping it as navigation; ``wrapped-join``
joins its lines into one (``join``), so that sentences, excerpts and passages read across the
breaks.
"""

from __future__ import annotations

import re

WRAP_SHARE = 0.4  # of the line breaks (not after a sentence's end) that fall mid-sentence
WRAP_FILL = 0.8  # a line that, with the next line's first word, passes this share of the width
WRAP_MIN_WIDTH = 40  # a block narrower than this is no wrap (menus of short entries are)
WRAP_MAX_WIDTH = 100  # nor one with a longer line (paragraphs a line each, footnotes)
WRAP_FUNCTION_SHARE = 0.25  # of the words of prose that are function words (menus have fewer)
# Text of one case (no lower-case starts to go by): a block of WRAP_OPEN_FROM line breaks or
# more where no line ends open is a list of long titles, unless its words read strongly as prose.
WRAP_OPEN_FROM = 4
WRAP_PROSE_SHARE = 0.35

# Words a line of prose can end on but a heading or a menu entry does not: articles,
# prepositions, conjunctions, auxiliaries, pronouns that need what follows.
FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for with from into onto upon about as than and or nor but if
    that which who whom whose whether this these those its their his her our your my is are was
    were be been being has have had do does did not no can could will would shall should may
    might must between over under through during after before among against such both each any
    all some very also when where while so then there per via within without whereas because
    although though since until unless""".split()
)

# BULLET, TABLE_ROW and SENTENCE_END are the cleaner's too (bot.library.cleaning imports them)
BULLET = re.compile(r"^(?:[-*•–·▪]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
TABLE_ROW = re.compile(r"\S \| \S")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_WORD = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"[.!?:;…\"”’)]$")
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")


def reads_as_wrapped(lines: list[str]) -> bool:
    """True when ``lines`` (stripped, none empty) are one paragraph broken into lines of one
    width: the block is wide enough to be a wrap (WRAP_MIN_WIDTH), reads as prose (at least
    WRAP_FUNCTION_SHARE of its words are function words; a menu's entries and headlines have
    few) and at least WRAP_SHARE of its line breaks that do not follow a sentence's end fall
    where a sentence carries on (``continues``)."""
    if len(lines) < 2 or any(TABLE_ROW.search(line) for line in lines):
        return False
    widths = sorted((len(line) for line in lines), reverse=True)
    if not WRAP_MIN_WIDTH <= widths[0] <= WRAP_MAX_WIDTH:
        return False
    words = _WORD.findall(" ".join(lines).lower())
    function_share = sum(word in FUNCTION_WORDS for word in words) / max(1, len(words))
    if function_share < WRAP_FUNCTION_SHARE:
        return False
    text = "".join(lines)
    mixed = any(ch.isupper() for ch in text) and any(ch.islower() for ch in text)
    width = widths[1] if len(widths) > 2 else widths[0]  # one line wider than the rest (a title)
    breaks = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if not SENTENCE_END.search(a)]
    if not breaks:
        return False  # every line ends a sentence: one a line (footnotes, a list), not a wrap
    if (
        not mixed
        and len(breaks) >= WRAP_OPEN_FROM
        and not any(_ends_open(a) for a, _ in breaks)
        and function_share < WRAP_PROSE_SHARE
    ):
        return False  # a list of long titles in one case: each fills the width, none ends open
    carried = sum(continues(a, b, width, mixed) for a, b in breaks)
    return carried >= WRAP_SHARE * len(breaks)


def _ends_open(line: str) -> bool:
    """``line`` ends where a sentence cannot: on a comma, a hyphen or a function word."""
    if line.endswith((",", "-", "–", "&")):
        return True
    last = _LAST_WORD.search(line)
    return bool(last and last.group(1).lower() in FUNCTION_WORDS)


def continues(line: str, following: str, width: int, mixed: bool) -> bool:
    """Does ``following`` carry on the sentence of ``line``? It does when ``line`` ends open (a
    comma, a hyphen, a function word), or, in text of mixed case (``mixed``), when ``following``
    starts in lower case, or, in text of one case only, when ``line`` with the next line's first
    word would not fit in WRAP_FILL of ``width`` (the block's width)."""
    if BULLET.match(following):
        return False
    if _ends_open(line):
        return True
    if mixed:
        return following[:1].islower()
    first = following.split(" ", 1)[0]
    return len(line) + 1 + len(first) > WRAP_FILL * width


def join(lines: list[str]) -> str:
    """The lines of a wrapped paragraph as one line: a space between two lines. A hyphen ending a
    line joins the next line's first word: a word cut by hyphenation is one word again
    ("infor-" and "mation" make "information"), a compound keeps its hyphen ("boundary-" and
    "layer" make "boundary-layer"), as the PDF reader decides (``pdf._hyphenated_word``). A
    bulleted line keeps its line break (passages read each bullet apart)."""
    out = lines[0]
    for line in lines[1:]:
        if BULLET.match(line):
            out += "\n" + line
        elif (left := _HYPHEN_END.search(out)) and line[:1].isalnum():
            right = re.match(r"[^\W\d_]*", line).group()
            out = out[:-1] + line if _cut_word(left.group(1), right) else out + line
        else:
            out += " " + line
    return out


def _cut_word(left: str, right: str) -> bool:
    from bot.library.pdf import _hyphenated_word  # the PDF reader's test, an English lexicon

    return bool(right) and _hyphenated_word(left, right)
