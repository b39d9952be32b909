"""A PDF page's printed lines, top to bottom, each cut into segments where a wide gap separates
its words: the layout ``bot.library.pdf_tables`` finds tables in.

PDFium's text rectangles (its runs of characters on one line, ``count_rects``/``get_rect``) are
grouped into printed lines, and each line is cut into segments where a gap wider than ``GAP``
character heights separates them; a run that may hide such gaps (spaced cells, a row of figures)
is cut on its characters' boxes. Text set on its side (column headings) is kept apart
(``Layout.turned``), and lines in the page's top or bottom strip are marked (``EDGE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

GAP = 1.0  # a gap wider than this many character heights separates two cells of a line


@dataclass(slots=True)
class _Seg:
    x0: float
    x1: float
    text: str


@dataclass(slots=True)
class _Line:
    bottom: float
    top: float
    height: float
    segs: list[_Seg] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # PDFium's lines it is made of
    edge: bool = False  # in the page's top or bottom strip (a browser's header, a page foot)


def _text_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of PDFium's page text."""
    out, start = [], 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        if not text[start : match.start()].isspace() and match.start() > start:
            out.append((start, match.start()))
        start = match.end()
    return out


_LINE_BREAK = re.compile(r"\r\n|\n|\r")


@dataclass
class Layout:
    """A page's printed lines, top to bottom, and its text turned on its side (column headings
    set vertically), each a one-segment line of its own."""

    lines: list[_Line]
    turned: list[_Line]


class _Boxes:
    """PDFium's text boxes through its C functions directly, with reused out-parameters: a page
    can have thousands of runs, and pypdfium2's helpers allocate four doubles per call."""

    def __init__(self, textpage) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.page, self.c = textpage.raw, pdfium_c
        self.v = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(v) for v in self.v]

    def count(self, start: int, count: int) -> int:
        return self.c.FPDFText_CountRects(self.page, start, count)

    def rect(self, index: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of run ``index`` of the last ``count``."""
        left, top, right, bottom = self.refs
        self.c.FPDFText_GetRect(self.page, index, left, top, right, bottom)
        return self.v[0].value, self.v[3].value, self.v[2].value, self.v[1].value

    def char(self, index: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of character ``index``."""
        left, top, right, bottom = self.refs
        self.c.FPDFText_GetCharBox(self.page, index, left, right, bottom, top)
        return self.v[0].value, self.v[3].value, self.v[2].value, self.v[1].value


def page_lines(textpage, text: str) -> Layout:
    """The page's printed lines (horizontal text only), top to bottom, each cut into segments
    where a wide gap separates its words. ``text`` is the page's text as PDFium gives it
    (``get_text_range``): one character per character index. A page with fewer than two lines
    of several segments (most pages of prose) can hold no table: its lines are not cut."""
    pieces: list[tuple] = []  # each of PDFium's lines: (middle, left, line, how, runs)
    turned: list[_Line] = []
    boxes = _Boxes(textpage)
    for start, end in _text_lines(text):
        count = boxes.count(start, end - start)
        if not count:
            continue
        glyphs = count >= 10 and 2 * count > end - start  # a run per letter: a browser's print
        if count == 1 or glyphs:
            # one run, or a run per letter: its ends give the line (cells of such prints are
            # lines of their own, so no gap inside a line is looked for)
            left, bottom, right, top = boxes.rect(0)
            if count > 1:
                last = boxes.rect(count - 1)
                left, right = min(left, last[0]), max(right, last[2])
                bottom, top = min(bottom, last[1]), max(top, last[3])
            rects = None
            height = top - bottom
        else:
            rects = sorted([boxes.rect(i) for i in range(count)])
            left, right = rects[0][0], max(r[2] for r in rects)
            bottom, top = min(r[1] for r in rects), max(r[3] for r in rects)
            height = max(r[3] - r[1] for r in rects)
        words = _clean(text[start:end])
        if top - bottom > 2.5 * (right - left) and end - start > 2:
            seg = _Seg(left, right, words)
            turned.append(_Line(bottom, top, right - left, [seg], [(start, end)]))
            continue
        how = ""
        if not glyphs:
            inked = right - left if rects is None else sum(r[2] - r[0] for r in rects)
            letters = len(words) - words.count(" ")
            if (letters and inked > SPARSE * height * letters) or _row_of_figures(words):
                how = "chars"  # gaps may hide inside a run: spaced cells, a row of figures
            elif rects and any(
                b[0] - a[2] >= GAP * height for a, b in zip(rects, rects[1:], strict=False)
            ):
                how = "runs"
        piece = (bottom, top, height, left, right, words, start, end, how, rects)
        pieces.append(((bottom + top) / 2, left, piece))
    pieces.sort(key=lambda p: (-p[0], p[1]))
    lines: list[_Line] = []
    members: list[list] = []  # the pieces of each line
    for middle, _left, piece in pieces:
        bottom, top, height, left, right, words, start, end = piece[:8]
        for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            line = lines[k]
            if line.bottom <= middle <= line.top:
                line.segs.append(_Seg(left, right, words))
                line.spans.append((start, end))
                line.height = max(line.height, height)
                members[k].append(piece)
                break
        else:
            lines.append(_Line(bottom, top, height, [_Seg(left, right, words)], [(start, end)]))
            members.append([piece])
    several = 0
    for line, parts in zip(lines, members, strict=True):
        if len(line.segs) > 1:
            line.segs = _segments(sorted(line.segs, key=lambda s: s.x0), line.height)
        several += len(line.segs) >= 2 or any(part[8] for part in parts)
    if several < 2:
        return Layout(lines, turned)
    height = _page_height(textpage)
    for line, parts in zip(lines, members, strict=True):
        if any(part[8] for part in parts):
            segs = []
            for _bottom, _top, h, left, right, words, start, end, how, rects in parts:
                split = []
                if how == "runs":
                    split = _split_runs(boxes, text, start, end, rects, h)
                elif how == "chars":
                    split = _split_chars(boxes, text, start, end, h)
                segs.extend(split or [_Seg(left, right, words)])
            line.segs = _segments(sorted(segs, key=lambda s: s.x0), line.height)
        line.edge = bool(height) and (line.bottom > (1 - EDGE) * height or line.top < EDGE * height)
    return Layout(lines, turned)


EDGE = 0.03  # lines wholly in the top or bottom 3% of the page are never rows
SPARSE = 1.2  # runs this many character heights wide per letter hold wide gaps inside them
FIGURES = 2  # a line of this many figures ("12", "3.4%"), half its words, is read by character
_TWO_FIGURES = re.compile(r"\d\S*\s+\S*\d")
_FIGURES = re.compile(r"(?:^|(?<=\s))[-–(£$]?\d[\d,.]*%?\)?(?=\s|$)")


def _page_height(textpage) -> float:
    try:
        return float(textpage.page.get_height())
    except Exception:  # no page to ask: every line may be a row
        return 0.0


def _row_of_figures(line: str) -> bool:
    """At least FIGURES figures, and figures for at least half the words ("Cumbria 26 5 10 64
    114"; not a footnote that gives a date and page numbers)."""
    if not _TWO_FIGURES.search(line):
        return False
    figures = len(_FIGURES.findall(line))
    return figures >= FIGURES and 2 * figures >= len(line.split())


def _clean(text: str) -> str:
    return " ".join(text.split())


def _join(left: str, right: str) -> str:
    """Two pieces of one cell; PDFium's mark for a hyphen that ended a line (U+FFFE) is kept
    for the reader to resolve ("technol-ogy" -> "technology")."""
    if left.endswith("\ufffe"):
        return left + right
    return f"{left} {right}".strip()


def _split_runs(
    boxes: _Boxes, text: str, start: int, end: int, rects: list, height: float
) -> list[_Seg]:
    """One of PDFium's lines cut where its runs (``rects``, in x order) are more than GAP
    character heights apart. Where each cut falls in the text is found by halving on the
    characters' boxes (a line's characters run left to right); [] when they do not."""
    groups = [[rects[0]]]
    for a, b in zip(rects, rects[1:], strict=False):
        if b[0] - a[2] >= GAP * height:
            groups.append([])
        groups[-1].append(b)
    cuts, low = [start], start
    for group in groups[1:]:
        cut = _first_at(boxes, text, low, end, group[0][0] - 0.5)
        if cut is None or cut <= low:
            return []
        cuts.append(cut)
        low = cut
    cuts.append(end)
    segs = []
    for group, a, b in zip(groups, cuts, cuts[1:], strict=False):
        words = _clean(text[a:b])
        if not words:
            return []
        x0, x1 = min(r[0] for r in group), max(r[2] for r in group)
        letters = len(words) - words.count(" ")
        if len(words) > 1 and x1 - x0 > SPARSE * height * letters:  # "F   F   P": gaps inside
            segs.extend(_split_chars(boxes, text, a, b, height) or [_Seg(x0, x1, words)])
        else:
            segs.append(_Seg(x0, x1, words))
    return segs


def _split_chars(boxes: _Boxes, text: str, start: int, end: int, height: float) -> list[_Seg]:
    """One of PDFium's lines cut where the gap between two characters is wider than GAP
    character heights, reading every character's box (for lines whose runs hold such gaps)."""
    segs: list[_Seg] = []
    chars: list[str] = []
    x0 = x1 = previous = 0.0
    for index in range(start, end):
        ch = text[index]
        if ch.isspace():
            if chars:
                chars.append(" ")
            continue
        left, _bottom, right, _top = boxes.char(index)
        if chars and left - previous >= GAP * height:
            segs.append(_Seg(x0, x1, _clean("".join(chars))))
            chars = []
        if not chars:
            x0, x1 = left, right
        chars.append(ch)
        x1, previous = max(x1, right), right
    if chars:
        segs.append(_Seg(x0, x1, _clean("".join(chars))))
    return segs


def _first_at(boxes: _Boxes, text: str, low: int, high: int, x: float) -> int | None:
    """The first character index in [low, high) whose box starts at or right of ``x``."""

    def left(i: int) -> float:
        while i < high and text[i].isspace():
            i += 1
        return boxes.char(i)[0] if i < high else float("inf")

    a, b = low, high
    while a < b:
        mid = (a + b) // 2
        if left(mid) >= x:
            b = mid
        else:
            a = mid + 1
    before = a - 1
    while before >= low and text[before].isspace():
        before -= 1
    if a >= high or left(a) < x or (before >= low and boxes.char(before)[0] >= x):
        return None  # the characters do not run left to right here
    return a


def _segments(segs: list[_Seg], height: float) -> list[_Seg]:
    out: list[_Seg] = []
    for seg in segs:
        if out and seg.x0 - out[-1].x1 < GAP * height:
            last = out[-1]
            out[-1] = _Seg(last.x0, max(last.x1, seg.x1), _join(last.text, seg.text))
        else:
            out.append(seg)
    return out
