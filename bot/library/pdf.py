"""Read a PDF page by page and take off what every page repeats.

Running headers and footers, page numbers ("12", "Page 3 of 9", "iv") and protective markings
are found from the page sequence and removed before wrapped lines are joined into paragraphs; a
sentence running over a page break is kept whole. The title is the file's own when it is printed
on its first pages.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.library.extracted import Extracted, UnreadableFile, clean_meta, line_key, plausible_title

EDGE_LINES = 3  # running headers and footers live in the first and last lines of a page
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?P<n>\d{1,4})\s*[-–—)\]]?(?:\s+of\s+\d{1,4})?$", re.IGNORECASE
)
_ROMAN = re.compile(r"^(?P<n>[ivxlc]{1,7})$", re.IGNORECASE)
_PAGE_OF = re.compile(r"\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b", re.IGNORECASE)
_MARKING = re.compile(
    r"^(?:official|official[\s-]+sensitive|unclassified|not protectively marked|protect|"
    r"protected|restricted|confidential|secret|sensitive)$",
    re.IGNORECASE,
)


def pdf_extract(data: bytes) -> Extracted:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnreadableFile("the PDF is password-protected; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = clean_meta((reader.metadata or {}).get("/Title"))
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"the PDF is damaged or not a PDF ({exc})") from exc
    if not "".join(pages).strip():
        raise UnreadableFile("the PDF has no text layer (scanned images?); run OCR first")
    page_lines = [[line.strip() for line in page.split("\n") if line.strip()] for page in pages]
    kept, removed = strip_running_lines(page_lines)
    text = _join_pages(kept)
    title = meta_title if plausible_title(meta_title, page_lines[:3], removed) else None
    # pypdf gives one line per printed line: join wrapped lines back into paragraphs.
    return Extracted(_unwrap_lines(text), title=title, removed=removed)


def pdf_to_text(data: bytes) -> str:
    return pdf_extract(data).text


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
                if line_key(line, case=True) in running and not line[:1].islower():
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
        if re.fullmatch(r"\d{1,4}", word):
            found.append(int(word))
    return found


def _strip_glued_headers(pages: list[list[str]], removed: list[tuple[str, str]]) -> None:
    """A running head the PDF glued to the first body line ("...United KingdomTable 1: ...")."""
    heads = {line for step, line in removed if step != "page number" and len(line) >= 15}
    if not heads:
        return
    for lines in pages:
        for j in range(min(EDGE_LINES, len(lines))):
            for head in heads:
                if lines[j].startswith(head) and len(lines[j]) > len(head):
                    removed.append(("running header/footer", head))
                    lines[j] = lines[j][len(head) :].strip()
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


def _opens_without_password(reader) -> bool:
    """Many PDFs are 'encrypted' with an empty user password and open fine; others need one."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises for unsupported encryption schemes
        return False


def _unwrap_lines(text: str) -> str:
    out = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        widths = sorted(len(line) for line in lines)
        full = widths[len(widths) // 2] if widths else 0  # a typical full line of this page
        paragraph: list[str] = []
        for line in lines:
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
