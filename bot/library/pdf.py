"""Read a PDF page by page and take off what every page repeats.

Running headers and footers, page numbers ("12", "Page 3 of 9", "iv") and protective markings
are found from the page sequence and removed before wrapped lines are joined into paragraphs; a
sentence running over a page break is kept whole. The title is the file's own when it is printed
on its first pages.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

from bot.library import markings, pdf_cover, pdf_tables
from bot.library.extracted import Extracted, UnreadableFile, clean_meta, line_key, plausible_title

log = logging.getLogger(__name__)

PDFIUM_LOCK = threading.Lock()  # PDFium (pypdfium2) must not be called from two threads at once

EDGE_LINES = 3  # running headers and footers live in the first and last lines of a page
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?P<n>\d{1,4})\s*[-–—)\]]?(?:\s+of\s+\d{1,4})?$", re.IGNORECASE
)
_ROMAN = re.compile(r"^(?P<n>[ivxlc]{1,7})$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)\S+")  # a browser prints the page's address at its foot
_PAGE_OF = re.compile(r"\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b", re.IGNORECASE)
_MARKING = re.compile(
    r"^(?:official|official[\s-]+sensitive|unclassified|not protectively marked|protect|"
    r"protected|restricted|confidential|secret|sensitive)$",
    re.IGNORECASE,
)


def pdf_extract(data: bytes) -> Extracted:
    """Text, title and removed furniture of a PDF; raises UnreadableFile with one sentence."""
    read = read_pages(data)
    if not "".join(read.pages).strip():
        read = _read_images(data, read)
    return _from_pages(read)


def pdf_extract_by_ocr(data: bytes) -> Extracted:
    """A PDF of page images read by OCR here (``bot.library.limits`` calls it in the server
    process when its reading child answered ``NEEDS_OCR``: OCR takes minutes of CPU, more than a
    reading child is allowed, and runs in its own worker thread)."""
    read = read_pages(data)
    return _from_pages(_read_images(data, read, here=True))


def _from_pages(read: Pages) -> Extracted:
    page_lines = [
        [line.strip() for line in page.split("\n") if line.strip()] for page in read.pages
    ]
    marking = markings.detect_pages(page_lines)  # before markings go as running lines
    kept, removed = strip_running_lines(page_lines)
    text = _join_pages(kept)
    title = read.title if plausible_title(read.title, page_lines[:3], removed) else None
    labels = read.labels if any(read.labels) else None
    # one line per printed line: join wrapped lines back into paragraphs
    return Extracted(
        _unwrap_lines(text, read.table_rows),
        title=title,
        removed=removed,
        read_by=read.reader,
        marking=marking,
        pages=["\n".join(lines) for lines in kept],
        page_labels=labels,
        cover=read.cover,  # for the title and date detectors
        created=read.created,
    )


def pdf_to_text(data: bytes) -> str:
    return pdf_extract(data).text


@dataclass
class Pages:
    """A PDF's text page by page (printed lines separated by newlines), its own title and what
    read it: ``pdfium``, or ``ocr`` for a PDF of page images."""

    pages: list[str]
    title: str | None
    reader: str = "pdfium"
    skipped: int = 0  # pages PDFium could not open (damaged), left out
    labels: list[str | None] = field(default_factory=list)  # printed page labels, where given
    cover: list = field(default_factory=list)  # first page: (line, type height), pdf_cover
    created: str | None = None  # the file's CreationDate, ISO
    table_rows: set[str] = field(default_factory=set)  # lines that are rows of a table


def read_pages(data: bytes) -> Pages:
    """Every page's text by PDFium (pypdfium2). PDFium is not thread-safe: one call at a time."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
                raise UnreadableFile(
                    "the PDF is password-protected; save an unprotected copy"
                ) from exc
            raise UnreadableFile("the PDF is damaged or not a PDF") from exc
        try:
            metadata = document.get_metadata_dict()
            title = clean_meta(metadata.get("Title"))
            cover, created = pdf_cover.cover_lines(document), pdf_cover.created(metadata)
            pages, skipped, labels, rows = [], 0, [], set()
            for index in range(len(document)):
                labels.append(_label(document, index))
                try:
                    page = document[index]
                except pdfium.PdfiumError:
                    skipped += 1
                    pages.append("")
                    continue
                textpage = page.get_textpage()
                text, found = pdf_tables.with_tables(
                    textpage, textpage.get_text_range(), len(document)
                )
                pages.append(_page_text(text))
                rows.update(_page_text(row).strip() for row in found)
                textpage.close()
                page.close()
        finally:
            document.close()
    if skipped:
        log.warning(
            "PDF: %d of %d pages could not be read (damaged) and were left out", skipped, len(pages)
        )
    return Pages(pages, title, "pdfium", skipped, labels, cover, created, rows)


def _label(document, index: int) -> str | None:
    """The page's printed label ("iv", "12") where the PDF gives one (its /PageLabels)."""
    try:
        label = document.get_page_label(index)
    except Exception:  # a damaged label tree: the page number is cited instead
        return None
    return clean_meta(label)


_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def _page_text(text: str) -> str:
    """PDFium's page text with newlines, and its mark for a hyphen that ended a line (U+FFFE, the
    line break already taken out) read back: a word split by hyphenation is joined ("technol-ogy"
    -> "technology"), a hyphenated compound keeps its hyphen ("long-term", "well-being")."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufffe" in text:
        text = _LINE_END_HYPHEN.sub(_rejoin, text)
        text = text.replace("\ufffe", "-")
    return text.replace("\x00", "")


_LINE_END_HYPHEN = re.compile(r"(\w+)\ufffe(\w+)")


def _rejoin(match: re.Match) -> str:
    left, right = match.group(1), match.group(2)
    if _hyphenated_word(left, right):
        return left + right
    return f"{left}-{right}"


def _hyphenated_word(left: str, right: str) -> bool:
    """True when ``left`` + ``right`` is one English word cut by hyphenation, not a compound:
    the whole is a word and the two halves are not both words."""
    from wordfreq import zipf_frequency

    if not (left.isalpha() and right.isalpha() and right.islower()):
        return False
    if zipf_frequency((left + right).lower(), "en") < 1.0:
        return False
    return not (zipf_frequency(left.lower(), "en") >= 2.5 and zipf_frequency(right, "en") >= 2.5)


def _read_images(data: bytes, read: Pages, here: bool = False) -> Pages:
    """A PDF with no text layer: its pages are read by OCR when the ``ocr`` extra is installed
    (``bot.library.ocr``), else it is refused in one sentence saying what to install. In a
    reading child (``OCR_IN_THIS_PROCESS`` false) it answers ``NEEDS_OCR`` instead."""
    from bot.library import ocr

    if ocr.engine_name() is None:
        raise UnreadableFile(ocr.INSTALL)
    if not (here or OCR_IN_THIS_PROCESS):
        raise UnreadableFile(NEEDS_OCR)
    if len(read.pages) > ocr.MAX_PAGES:
        raise UnreadableFile(
            f"the PDF has {len(read.pages)} pages of images, more than the {ocr.MAX_PAGES} "
            "OCR reads (ROCU_OCR_MAX_PAGES)"
        )
    pages = ocr.read_pages(len(read.pages), lambda index: render_page(data, index), OCR_PROGRESS)
    if not "".join(pages).strip():
        raise UnreadableFile("the PDF has no text layer, and OCR found no text on its pages")
    return Pages(pages, read.title, "ocr", read.skipped, read.labels, [], read.created)


OCR_PROGRESS = None  # progress(page, pages) while pages are read by OCR; None: the console line
# False in a reading child (bot.library.limits): OCR is left to the server process, which gets
# NEEDS_OCR back and calls pdf_extract_by_ocr.
OCR_IN_THIS_PROCESS = True
NEEDS_OCR = "the PDF has no text layer; its pages are to be read by OCR"
MAX_RENDER_PIXELS = 6000  # the longer side of a page rendered for OCR, at most


def render_page(data: bytes, index: int, dpi: int = 200):
    """Page ``index`` of the PDF ``data`` as an RGB numpy array (for OCR)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        try:
            page = document[index]
            longest = max(page.get_size()) or 1
            bitmap = page.render(scale=min(dpi / 72, MAX_RENDER_PIXELS / longest))
            image = bitmap.to_numpy().copy()
            bitmap.close()
            page.close()
        finally:
            document.close()
    return image


def _page_number(line: str) -> int | None:
    match = _PAGE_NUMBER.match(line)
    if match:
        return int(match.group("n"))
    match = _ROMAN.match(line)
    if match:
        return -_roman_value(match.group("n").lower())  # negative: a separate numbering
    return None


def _roman_value(numeral: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(numeral):
        value = values[ch]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total


def _edge(lines: list[str]) -> set[int]:
    n = len(lines)
    return set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n))


def strip_running_lines(
    pages: list[list[str]],
) -> tuple[list[list[str]], list[tuple[str, str]]]:
    """Pages without their running headers, footers and page numbers, plus what was removed.

    A line near the top or bottom of a page goes when it is a page number that follows the page
    sequence, a "Page 3 of 9" or protective marking line, or when the same line (numbers aside)
    is at the edge of most pages, or of several pages next to (or carrying) their page number:
    that catches chapter running heads. Body text is never looked at beyond the edges."""
    n_pages = len(pages)
    # Page numbers: a number (first or last word of an edge line) that moves with the page.
    offsets: Counter = Counter()
    for index, lines in enumerate(pages):
        seen = set()
        for j in _edge(lines):
            for number in _edge_numbers(lines[j]):
                key = (number >= 0, number - index if number >= 0 else number + index)
                seen.add(key)
        offsets.update(seen)
    good_offsets = {
        key for key, count in offsets.items() if count >= max(2, 0.15 * n_pages) and n_pages > 1
    }

    def numbered(index: int, line: str) -> bool:
        for number in _edge_numbers(line):
            key = (number >= 0, number - index if number >= 0 else number + index)
            if key in good_offsets:
                return True
        return False

    key_pages: Counter = Counter()
    key_numbered: Counter = Counter()
    for index, lines in enumerate(pages):
        edge = _edge(lines)
        keys = {}
        for j in edge:
            key = line_key(lines[j], case=True)
            if len(key.replace(" ", "")) < 3:
                continue
            near = any(numbered(index, lines[k]) for k in (j - 1, j, j + 1) if k in edge and k >= 0)
            keys[key] = keys.get(key, False) or near
        key_pages.update(keys.keys())
        key_numbered.update(k for k, near in keys.items() if near)
    most = n_pages if n_pages < 4 else max(3, (n_pages + 1) // 2)  # "most pages"
    running = {
        key
        for key, count in key_pages.items()
        if n_pages > 1 and (count >= most or (count >= 3 and key_numbered[key] >= 3))
    }

    kept_pages: list[list[str]] = []
    removed: list[tuple[str, str]] = []
    for index, lines in enumerate(pages):
        edge = _edge(lines)
        kept = []
        for j, line in enumerate(lines):
            if j in edge:
                number = _page_number(line)
                if numbered(index, line) and (
                    number is not None or len(re.findall(r"[^\W\d_]+", line)) <= 2
                ):
                    removed.append(("page number", line))
                    continue
                if _PAGE_OF.search(line) or _MARKING.match(line):
                    removed.append(("running header/footer", line))
                    continue
                if line_key(line, case=True) in running and (
                    not line[:1].islower() or _URL.match(line)
                ):
                    removed.append(("running header/footer", line))
                    continue
            kept.append(line)
        kept_pages.append(kept)
    _strip_glued_headers(kept_pages, removed)
    return kept_pages, removed


def _edge_numbers(line: str) -> list[int]:
    number = _page_number(line)
    if number is not None:
        return [number]
    words = line.split()
    found = []
    for word in (words[0], words[-1]) if len(words) > 1 else ():
        match = re.fullmatch(r"(\d{1,4})(?:/\d{1,4})?", word)  # "12", or a browser's "12/20"
        if match:
            found.append(int(match.group(1)))
    return found


def _strip_glued_headers(pages: list[list[str]], removed: list[tuple[str, str]]) -> None:
    """A running head the PDF glued to the first body line ("...United KingdomTable 1: ..."), or
    a running foot glued to the last one (PDFium joins a line ending in a hyphen to the next:
    "... governmental and non-11/24/25, 8:19 PM <page title>")."""
    heads = {line for step, line in removed if step != "page number" and len(line) >= 15}
    if not heads:
        return
    for lines in pages:
        for j in sorted(_edge(lines)):
            for head in heads:
                if len(lines[j]) <= len(head):
                    continue
                if j < EDGE_LINES and lines[j].startswith(head):
                    removed.append(("running header/footer", head))
                    lines[j] = lines[j][len(head) :].strip()
                    break
                if j >= len(lines) - EDGE_LINES and lines[j].endswith(head):
                    removed.append(("running header/footer", head))
                    lines[j] = lines[j][: -len(head)].strip()
                    break


def _join_pages(pages: list[list[str]]) -> str:
    """Pages as paragraphs, except that a sentence running over a page break is kept whole."""
    out = ""
    for lines in pages:
        if not lines:
            continue
        page = "\n".join(lines)
        if out and not re.search(r"[.!?:;\"”’)]\s*$", out) and re.match(r"[a-z(]", page):
            out += "\n" + page
        else:
            out += ("\n\n" if out else "") + page
    return out


def _unwrap_lines(text: str, rows: set[str] = frozenset()) -> str:
    """Wrapped lines joined into paragraphs; a row of a table (``pdf_tables``) stays a
    paragraph of its own, as the DOCX and HTML readers write theirs."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        widths = sorted(len(line) for line in lines)
        full = widths[len(widths) // 2] if widths else 0  # a typical full line of this page
        paragraph: list[str] = []
        for line in lines:
            if line in rows:
                if paragraph:
                    out.append(" ".join(paragraph))
                    paragraph = []
                out.append(line)
                continue
            if paragraph and (
                (
                    re.search(r"[.!?:;\"”’)]$", paragraph[-1])
                    and (line[:1].isupper() or line[:1] in "-•*")
                    and len(paragraph[-1]) < 60
                )
                or _is_heading_line(paragraph, line, full)
            ):
                out.append(" ".join(paragraph))
                paragraph = []
            paragraph.append(line)
        if paragraph:
            out.append(" ".join(paragraph))
    return "\n\n".join(out)


_NUMBERED_PARAGRAPH = re.compile(r"^(?:\d{1,2}\.){1,3}\d{0,2}\s+[A-Z“‘\"(]")


def _is_heading_line(paragraph: list[str], line: str, full: int) -> bool:
    """The line before ``line`` was a heading: one short line with no closing punctuation, on
    its own, followed by a numbered paragraph or a capitalised line ("Hol Inquiry Recommendation"
    / "8.1. The idea ..."). Wrapped text is not cut: its lines are about full width."""
    previous = paragraph[-1]
    if len(paragraph) != 1 or re.search(r"[.,!?:;\-–]$", previous):
        return False
    if _NUMBERED_PARAGRAPH.match(line):
        return True
    if full < 50:  # a cover page or a list in large type: its short lines are not headings
        return False
    return (
        len(previous) < 0.75 * full
        and len(line) >= 0.6 * full  # body text follows, not another short line of a list
        and line[:1].isupper()
        and previous[:1].isupper()
    )
