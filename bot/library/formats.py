"""Turn a file of any supported format into plain text, or say clearly why it cannot be read.

Readers return text with paragraphs separated by blank lines; cleaning and passage splitting
happen later and do not care which format the text came from.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".rst"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}


class UnreadableFile(Exception):
    """A file that is of a supported kind but whose content cannot be used (the reason says why)."""


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED


def read_text(path: Path, data: bytes) -> str:
    """Plain text of ``data`` (the bytes of ``path``); raises UnreadableFile with a reason."""
    suffix = path.suffix.lower()
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if suffix in TEXT_SUFFIXES:
        text = _decode(data)
        if suffix == ".rst":
            text = rst_to_text(text)
        elif suffix in {".md", ".markdown"}:
            text = markdown_to_text(text)
    elif suffix in HTML_SUFFIXES:
        text = html_to_text(_decode(data))
    elif suffix == ".pdf":
        text = pdf_to_text(data)
    elif suffix == ".docx":
        text = docx_to_text(data)
    else:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'}")
    text = normalise_whitespace(text)
    if not text.strip():
        raise UnreadableFile("no text found in the file")
    return text


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableFile("text marked as UTF-16 cannot be decoded") from exc
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary content, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("text is not UTF-8 or Windows-1252 and cannot be decoded") from exc
    # cp1252 decodes almost anything; refuse text that is mostly control characters.
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) * 0.05:
        raise UnreadableFile("binary content, not text")
    return text


def normalise_whitespace(text: str) -> str:
    """Unix newlines, no trailing spaces, no tabs or form feeds, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[ \u2000-\u200b\u3000]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+_.:])\1{2,}\s*$")


def rst_to_text(text: str) -> str:
    """Strip reStructuredText markup the corpus uses: underlines, directives, emphasis markers.

    Speaker turns (``**Name**: text``) are left as they are: the passage splitter reads them.
    """
    out = []
    for line in text.split("\n"):
        if _RST_UNDERLINE.match(line):
            continue
        if line.startswith(".. "):
            continue
        out.append(line)
    return "\n".join(out)


def markdown_to_text(text: str) -> str:
    """Drop markdown syntax that is not part of the words: heading hashes, link targets, images."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    text = re.sub(r"(?m)^(?:-{3,}|\*{3,}|_{3,})\s*$", "", text)
    return text


class _HTMLText(HTMLParser):
    """Collect visible text, one paragraph per block element, skipping page chrome."""

    SKIP = {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "template",
        "svg",
        "form",
        "button",
        "select",
        "iframe",
        "head",
    }
    BLOCK = {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "table",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "pre",
        "br",
        "hr",
        "title",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n" if tag != "li" else "\n\n- ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    parser = _HTMLText()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise UnreadableFile(f"the HTML cannot be parsed ({exc})") from exc
    text = "".join(parser.parts)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"(?m)^- *$", "", text)
    return html.unescape(text)


def pdf_to_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnreadableFile("the PDF is password-protected; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableFile(f"the PDF is damaged or not a PDF ({exc})") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableFile("the PDF has no text layer (scanned images?); run OCR first")
    # pypdf gives one line per printed line: join wrapped lines back into paragraphs.
    return _unwrap_lines(text)


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
        paragraph: list[str] = []
        for line in lines:
            if (
                paragraph
                and re.search(r"[.!?:;\"”’)]$", paragraph[-1])
                and (line[:1].isupper() or line[:1] in "-•*")
                and len(paragraph[-1]) < 60
            ):
                out.append(" ".join(paragraph))
                paragraph = []
            paragraph.append(line)
        if paragraph:
            out.append(" ".join(paragraph))
    return "\n\n".join(out)


def docx_to_text(data: bytes) -> str:
    import io
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableFile("the .docx is corrupt or not a Word document") from exc
    except Exception as exc:  # lxml errors and friends from a damaged package
        raise UnreadableFile(f"the .docx cannot be read ({type(exc).__name__})") from exc
    paragraphs = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        if "list" in style:
            text = "- " + text
        paragraphs.append(text)
    for table in document.tables:
        for row in table.rows:
            cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
            if cells:
                paragraphs.append(" | ".join(dict.fromkeys(cells)))
    return "\n\n".join(paragraphs)
