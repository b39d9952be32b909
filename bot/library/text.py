"""Small text helpers shared by the core: sentence spans, words, slugs.

Every feature that quotes the documents (passages, excerpts, glossary examples, recommendation
summaries) cuts at the same sentence boundaries, so they live here once.
"""

from __future__ import annotations

import re
import unicodedata

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "hon",
    "rt",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "no",
    "nos",
    "vol",
    "para",
    "paras",
    "cf",
    "vs",
    "e.g",
    "i.e",
    "etc",
    "lt",
    "col",
    "gen",
    "insp",
    "supt",
    "det",
    "sgt",
    "cllr",
    "prof",
    "ch",
    "sec",
    "art",
    "fig",
    "approx",
    "dept",
    "co",
    "ltd",
    "plc",
    "jr",
    "sr",
    "rev",
    "gov",
    "govt",
}

_SENTENCE_END = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9£$•\-–])|[.!?…]+[\"'”’)\]]*$"
)
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, in absolute offsets, spaces trimmed.

    Paragraph breaks (blank lines or bullets on new lines) always end a sentence.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"[^\n]+", text[start:end]):
        b_start = start + block.start()
        b_end = start + block.end()
        cursor = b_start
        for match in _SENTENCE_END.finditer(text, b_start, b_end):
            if match.group().startswith(".") and _ends_with_abbreviation(
                text, cursor, match.start()
            ):
                continue
            spans.append((cursor, match.end()))
            cursor = match.end()
        if cursor < b_end:
            spans.append((cursor, b_end))
    return [trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _ends_with_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[sentence_start:dot])
    if not word:
        return False
    token = word.group(1).lower()
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) moved inwards past any whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def words(text: str) -> list[str]:
    """Word tokens as a person would see them (letters and digits, inner apostrophes kept)."""
    return _WORD.findall(text)


def fold(text: str) -> str:
    """Lower case without diacritics: the form used for comparing words."""
    if text.isascii():  # the same answer, without the per-character walk (search calls it a lot)
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# Cutting a long query or line at a limit drops the word the limit falls inside: "... crime crim"
# cut at 4,000 characters searched a fragment, which the speller then "corrected" into a
# "Showing results for:" line echoing the whole paste. False: cut at the character, as before.
CUT_AT_WORD = True


def cut_at_word(text: str, limit: int) -> str:
    """``text`` at most ``limit`` characters long, cut between words when it must be cut (a
    single word longer than the limit is cut at the limit)."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not CUT_AT_WORD or text[limit].isspace() or cut[-1].isspace():
        return cut
    space = max(cut.rfind(" "), cut.rfind("\n"), cut.rfind("\t"))
    return cut[:space].rstrip() if space > 0 else cut


def slugify(text: str, max_length: int = 48) -> str:
    """A short, typeable id: lower-case ASCII letters, digits and single hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug or "document"


def uncovered(text: str, spans) -> str:
    """The characters of ``text`` outside every (start, end) span, in order: what a document's
    passages do not hold (the blank lines between them), stored beside them so that the whole
    text is kept once (``covered`` puts it back together)."""
    pieces, pos = [], 0
    for start, end in sorted(spans):
        if start > pos:
            pieces.append(text[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    return "".join(pieces)


def covered(spans, rest: str) -> str:
    """The text that ``uncovered`` was given, from its (start, end, text) spans and ``rest``:
    each span's text where it starts, the characters of ``rest`` in the gaps between them."""
    pieces, pos, taken = [], 0, 0
    for start, end, piece in sorted(spans, key=lambda s: (s[0], s[1])):
        if start > pos:
            pieces.append(rest[taken : taken + start - pos])
            taken += start - pos
            pos = start
        if end > pos:
            pieces.append(piece[pos - start :])
            pos = end
    pieces.append(rest[taken:])
    return "".join(pieces)
