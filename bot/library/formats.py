"""Turn a file of any supported format into plain text, or say clearly why it cannot be read.

Readers return text with paragraphs separated by blank lines; cleaning and passage splitting
happen later and do not care which format the text came from.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from bot.library import markings
from bot.library.extracted import Extracted, UnreadableFile
from bot.library.extracted import clean_meta as _clean_meta
from bot.library.extracted import plausible_title as _plausible_title

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".rst"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED


def read_text(path: Path, data: bytes) -> str:
    """Plain text of ``data`` (the bytes of ``path``); raises UnreadableFile with a reason."""
    return extract(path, data).text


def extract(path: Path, data: bytes) -> Extracted:
    """Text and embedded metadata of ``data`` (the bytes of ``path``); raises UnreadableFile."""
    suffix = path.suffix.lower()
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if suffix in TEXT_SUFFIXES:
        text = _decode(data)
        if suffix == ".rst":
            text = rst_to_text(text)
        elif suffix in {".md", ".markdown"}:
            text = markdown_to_text(text)
        found = Extracted(text)
    elif suffix in HTML_SUFFIXES:
        found = html_extract(_decode(data))
    elif suffix == ".pdf":
        found = pdf_extract(data)
    elif suffix == ".docx":
        found = docx_extract(data)
    else:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'}")
    found.text = normalise_whitespace(found.text)
    if not found.text.strip():
        raise UnreadableFile("no text found in the file")
    if found.marking is None:  # the top and bottom lines of a text with no pages
        found.marking = markings.detect_text(found.text)
    return found


# Mac Roman's dashes, quotes and ellipsis in a text that is not UTF-8 (round 14): an old word
# processor's export may write them in Mac Roman beside Windows-1252 bullets, so neither code page
# reads the whole file (the round-13 walk: "witnessÕs", "ÔconverterÕ"). Windows-1252 reads these
# bytes as capital letters (Ð Ñ Ò Ó Ô Õ É), and a capital letter straight after a lower-case one
# is no word in any language written in it: when at least MAC_EVIDENCE of them stand so, every
# one of these bytes in the file is read as Mac Roman, and every other byte as before. Charset
# detection does not do this: charset-normalizer picks one code page a file (for the walk's file,
# cp775, a Baltic one: "įconverterš"), and ftfy mends UTF-8 read wrongly, not two single-byte code
# pages. UTF-8 files, and Windows-1252 ones without that evidence, read exactly as before.
# False: as before.
MAC_ROMAN_PUNCTUATION = True
MAC_EVIDENCE = 2
_MAC_PUNCTUATION = {0xD0: "–", 0xD1: "—", 0xD2: "“", 0xD3: "”", 0xD4: "‘", 0xD5: "’", 0xC9: "…"}
_MAC_AFTER_LOWER = re.compile(rb"[a-z][\xd0-\xd5\xc9]")
_MAC_READING = str.maketrans({bytes([b]).decode("cp1252"): c for b, c in _MAC_PUNCTUATION.items()})


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
    if MAC_ROMAN_PUNCTUATION and len(_MAC_AFTER_LOWER.findall(data)) >= MAC_EVIDENCE:
        text = text.translate(_MAC_READING)
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
    """Collect visible text, one paragraph per block element, skipping page chrome.

    The fallback when the main-content extractor finds nothing; table cells are kept apart."""

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

    def __init__(self, skip: set[str] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip = self.SKIP if skip is None else skip
        self.cells_in_row = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.skip:
            self.skip_depth += 1
        elif tag in ("td", "th"):
            if self.cells_in_row:
                self.parts.append(" | ")
            self.cells_in_row += 1
        elif tag in self.BLOCK:
            if tag == "tr":
                self.cells_in_row = 0
            self.parts.append("\n\n" if tag != "li" else "\n\n- ")

    def handle_endtag(self, tag):
        if tag in self.skip:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str, skip: set[str] | None = None) -> str:
    """Visible text of a page by a plain walk over its elements (the fallback reader)."""
    parser = _HTMLText(skip)
    try:
        parser.feed(markup)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise UnreadableFile(f"the HTML cannot be parsed ({exc})") from exc
    text = "".join(parser.parts)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"(?m)^- *$", "", text)
    text = re.sub(r"(?m)^(?:\s*\|\s*)+|(?:\s*\|\s*)+$", "", text)  # empty edge cells
    return html.unescape(text)


# Author rules of round 12, each a switch: "author-on-page": a page's author (its metadata or
# the byline trafilatura finds) that the page shows only at its foot, past its first
# ``AUTHOR_TOP_CHARS`` characters of visible text and its first half (a site credit: "... as it
# should be, by <the converter>"), is not the author of the document the page carries. A name
# shown near the top (a byline) is kept, and so is one the page does not show at all (a
# department's name in its metadata: nothing on the page says otherwise).
AUTHOR_RULES: dict[str, bool] = {"author-on-page": True}
AUTHOR_TOP_CHARS = 1500
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head"}


def _author_on_page(author: str | None, markup: str) -> str | None:
    off = os.environ.get("ROCU_METADATA_RULES_OFF", "").split(",")
    if not author or not AUTHOR_RULES["author-on-page"] or "author-on-page" in off:
        return author
    visible = html_to_text(markup, skip=_INVISIBLE)  # the whole page: chrome is where credits are
    name = re.split(r"[;|]", author)[0].strip().lower()
    at = visible.lower().find(name) if name else -1
    return None if at > min(AUTHOR_TOP_CHARS, len(visible) // 2) else author


def html_extract(markup: str) -> Extracted:
    """The main content of a web page, with its title, date and author when the page says.

    trafilatura finds the article among navigation, banners and footers; the plain walk is kept
    for pages where it finds nothing (or when it is not installed)."""
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)  # lxml refuses str with a declaration
    fallback = html_to_text(markup)
    try:
        import trafilatura
    except ImportError:
        return Extracted(fallback)
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(markup)
        # a date the page states in its metadata; trafilatura's search of the text for dates
        # finds any date (the text's own first date, guessed later, reads better)
        meta = trafilatura.extract_metadata(
            tree, date_config={"extensive_search": False, "original_date": True}
        )
        heading = _page_header(tree)
        # elements that are page chrome by definition go first: on a short page the extractor
        # would otherwise keep everything it sees
        for element in tree.xpath(_CHROME_XPATH):
            element.drop_tree()
        restoring = reader_rule("headings-kept") or reader_rule("repeats-kept")
        blocks = _blocks(tree) if restoring else []
        body = trafilatura.extract(
            tree,
            output_format="markdown",
            include_tables=True,
            include_formatting=True,
            include_comments=False,
            favor_recall=True,
        )
    except Exception:  # a page the extractor chokes on is still readable by the plain walk
        body, meta, blocks = None, None, []
    title = _clean_meta(getattr(meta, "title", None))
    date = _clean_meta(getattr(meta, "date", None))
    author = _author_on_page(_clean_meta(getattr(meta, "author", None)), markup)
    if date and not re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        date = None
    if not body or len(body.strip()) < 40:
        return Extracted(fallback, title, date, author)
    text = markdown_tables_to_rows(body)
    text = _keep_speaker_bold(text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)  # markdown escapes
    text = markdown_to_text(text)
    text = _SUP.sub(r"\1", text)  # footnote markers ("<sup>16</sup>") as plain numbers
    if blocks:
        text = _restore_blocks(text, blocks)
    if heading and _squash(heading) not in _squash(text):
        text = heading + "\n\n" + text
    kept = _squash(text)
    removed = [
        ("main content", line)
        for line in fallback.split("\n")
        if line.strip() and _squash(line) not in kept
    ]
    return Extracted(text, title, date, author, removed)


# Round 13 (``PAGE_HEADER_KEPT``): a page with a ``<main>`` whose own heading sits in a
# ``<header>`` before it ("<header><h1>Review of ...</h1><p>... published 4 May 2026</p></header>
# <main>...") lost the heading with the site's banner: every ``<header>`` outside ``<main>`` and
# ``<article>`` was chrome, so the text began at the first heading inside ``<main>``, the
# date line and the publisher went, and the title was guessed from what was left (the round-12
# walk's written page; no page of the development corpora is laid out so: GOV.UK's heading
# block is inside its ``<main>``, its banner ``role="banner"``, both unchanged). The one
# such header holding the page's ``<h1>`` (not a site banner: no ``role="banner"``, short) is
# kept as the text's opening lines. False: dropped, as before.
PAGE_HEADER_KEPT = True
PAGE_HEADER_CHARS = 600
_PAGE_HEADER_XPATH = (
    "//header[not(ancestor::article) and not(ancestor::main) and not(@role='banner') and .//h1]"
)
_HEADER_SKIP = _HTMLText.SKIP - {"header"}


def _page_header(tree) -> str:
    """The text of the ``<header>`` outside ``<main>`` that holds the page's ``<h1>``, when the
    page has a ``<main>`` (``PAGE_HEADER_KEPT``); "" otherwise."""
    if not PAGE_HEADER_KEPT:
        return ""
    if not tree.xpath("//main | //*[@role='main']") and (
        not reader_rule("page-header-without-main") or tree.xpath("//article")
    ):
        return ""
    import lxml.html

    for header in tree.xpath(_PAGE_HEADER_XPATH)[:1]:
        markup = lxml.html.tostring(header, encoding="unicode")
        said = re.sub(r"\n{3,}", "\n\n", html_to_text(markup, skip=_HEADER_SKIP)).strip()
        if 0 < len(said) <= PAGE_HEADER_CHARS:
            return said
    return ""


# Reader rules of round 16 (read17), each a switch kept as data, also off by name in the
# environment variable ROCU_READER_RULES_OFF (names separated by commas: a bench's "before").
# On a page whose text is not inside an ``<article>`` or ``<main>`` (a committee report, an
# inspection or an action plan saved as one flat page) the main-content extractor recovers the
# paragraphs one by one, and drops on the way what a reader would call content:
# "headings-kept": every heading ("Recommendations", "Our view", "Causes of concern", the page's
#   ``<h1>``). A heading the text lacks is put back before the block that follows it on the page,
#   when the extractor kept that block; a heading over nothing kept (a "Related stories" list, a
#   survey banner) stays dropped, and one the text holds anywhere (as a line, or over two or three
#   lines running) is not put back.
# "repeats-kept": a paragraph whose words the page printed before (a committee's recommendation
#   listed at the front, then repeated in a box in the body beside the committee's view): the
#   extractor keeps the first copy only. A block is put back where it stands on the page when the
#   page holds its words in more blocks than the text holds them; a paragraph merged with another
#   into one line of the text is not put back. (The recommendation extractor reads the repeat as
#   the same recommendation: ``bot/recs`` merges an item met twice.)
# "page-header-without-main": the page's own ``<header>`` holding its ``<h1>`` (publisher,
#   committee, title, date: PAGE_HEADER_KEPT) is kept on a page with no ``<main>`` and no
#   ``<article>`` too (before, only on a page with a ``<main>``).
READER_RULES: dict[str, bool] = {
    "headings-kept": True,
    "repeats-kept": True,
    "page-header-without-main": True,
    "docx-footnotes": True,  # below, at the Word reader
}


def reader_rule(name: str) -> bool:
    """Whether a reader rule is on (READER_RULES, less ROCU_READER_RULES_OFF, plus
    ROCU_READER_RULES_ON for a rule shipped off)."""
    off = os.environ.get("ROCU_READER_RULES_OFF", "").split(",")
    on = os.environ.get("ROCU_READER_RULES_ON", "").split(",")
    return (READER_RULES[name] or name in on) and name not in off


_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TEXT_BLOCK_TAGS = {"p", "li", "tr", "dd", "dt", "blockquote", "pre", "figcaption"}
_OPENING_WORDS = 8
REPEAT_MIN_WORDS = 8  # a shorter paragraph ("Yes.", "Not accepted.") is not put back


def _blocks(tree) -> list[tuple[bool, str, str]]:
    """The page's headings and innermost text blocks in order, as (is a heading, words, text),
    for putting back what the extractor dropped (rules headings-kept, repeats-kept)."""
    found = []
    inner = _HEADING_TAGS | _TEXT_BLOCK_TAGS
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADING_TAGS:  # parts of a heading split by <br> or <span> are words apart
            said = " ".join(" ".join(element.itertext()).split())
            found.append((True, _squash(said), said))
        elif tag in _TEXT_BLOCK_TAGS and not any(
            isinstance(d.tag, str) and d.tag in inner for d in element.iterdescendants()
        ):
            if tag == "tr":
                said = " | ".join(" ".join("".join(c.itertext()).split()) for c in element)
            else:
                said = " ".join("".join(element.itertext()).split())
            found.append((False, _squash(said), said))
    return [block for block in found if block[1]]


def _restore_blocks(text: str, blocks: list[tuple[bool, str, str]]) -> str:
    """``text`` with the headings and repeated paragraphs of ``blocks`` that it lacks put back
    where they stand on the page (rules headings-kept, repeats-kept)."""
    lines = text.split("\n")
    squashed = [_squash(line) for line in lines]
    said_lines = [s for s in squashed if s]
    kept = {" ".join(said_lines[j : j + k]) for k in (1, 2, 3) for j in range(len(said_lines))}
    whole = " ".join(said_lines)
    on_page: dict[str, int] = {}
    paragraphs = [words for is_heading, words, _ in blocks if not is_heading]
    put_back: dict[str, int] = {}
    headings = reader_rule("headings-kept")
    repeats = reader_rule("repeats-kept")
    cursor = 0
    pending: list[str] = []  # headings dropped, waiting for the block under them
    for is_heading, words, said in blocks:
        if is_heading:
            if headings and words not in kept:
                pending.append(said)
            continue
        opening = " ".join(words.split()[:_OPENING_WORDS])
        target = next((j for j in range(cursor, len(lines)) if _opens(squashed[j], opening)), None)
        put: list[str] = []
        restored = False
        if target is None and repeats and len(words.split()) >= REPEAT_MIN_WORDS:
            if words not in on_page:
                on_page[words] = sum(words in other for other in paragraphs)
            held = whole.count(words) + put_back.get(words, 0)
            if 0 < held < on_page[words]:  # printed before, and dropped here as a repeat
                put_back[words] = put_back.get(words, 0) + 1
                target, put, restored = cursor, [said, ""], True
        if target is None:  # a block the extractor dropped: the headings over it go with it
            pending = []
            continue
        for heading in reversed(pending):
            put[:0] = [heading, ""]
        pending = []
        if put and target and lines[target - 1].strip():
            put.insert(0, "")
        lines[target:target] = put
        squashed[target:target] = [_squash(line) for line in put]
        # past what was put back, and past the block's own line when the extractor kept it
        cursor = target + len(put) + (0 if restored else 1)
    return "\n".join(lines)


_LIST_MARK = re.compile(r"^(?:\d{1,3}|[a-z]|[ivx]{1,4}) ")


def _opens(line: str, opening: str) -> bool:
    """Whether a line (words only) opens with these words, past a list's number ("1", "a")."""
    return line.startswith(opening) or _LIST_MARK.sub("", line, count=1).startswith(opening)


_SUP = re.compile(r"<sup>\s*([^<>]{1,12}?)\s*</sup>", re.IGNORECASE)

_CHROME_XPATH = (
    "//nav | //aside | //footer[not(ancestor::blockquote)] | //script | //style | //noscript"
    " | //header[not(ancestor::article) and not(ancestor::main)]"
    " | //*[@role='navigation' or @role='banner' or @role='contentinfo']"
)


def _squash(text: str) -> str:
    """Words only, lower case: for checking that a line survived a rewrite of its markup."""
    return " ".join(re.findall(r"\w+", text.lower()))


_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def markdown_tables_to_rows(text: str) -> str:
    """Markdown tables as one line per row, cells separated by " | ", no rule lines."""
    out = []
    for line in text.split("\n"):
        if _MD_TABLE_RULE.match(line):
            continue
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", stripped[1:-1])]
            line = " | ".join(c for c in cells if c)
        out.append(line)
    return "\n".join(out)


# A bold run at the start of a paragraph that names a speaker ("**Mr Leigh:**", "**The Minister
# (Mr Crispin Blunt):**"). Other bold labels ("**Note:**") lose their stars.
_BOLD_LABEL = re.compile(r"^\*\*(?P<label>[^*\n]{2,140}?)(?::\*\*|\*\*:)(?=\s|$)", re.MULTILINE)
_NAME_LIKE = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|Baron|Viscount|Earl|Professor|Prof|"
    r"Rev|The)\b.*"
    r"|.*\([^)]{2,80}\)"
    r"|[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3})$"
)


def _keep_speaker_bold(text: str) -> str:
    """Speaker labels keep their bold ("**Mr Leigh**:"), read later as turns; every other bold
    run loses its stars, so a bold date line is never taken for a speaker."""
    out = []
    for line in text.split("\n"):
        match = _BOLD_LABEL.match(line)
        if match and _NAME_LIKE.match(match.group("label").strip()):
            label = match.group("label").strip()
            out.append(f"**{label}**:" + line[match.end() :].replace("**", ""))
        else:
            out.append(line.replace("**", ""))
    return "\n".join(out)


# --- PDF: read in bot/library/pdf.py -----------------------------------------------------------


def pdf_extract(data: bytes) -> Extracted:
    """Text, title and removed furniture of a PDF (see ``bot.library.pdf``)."""
    from bot.library import pdf

    return pdf.pdf_extract(data)


def docx_to_text(data: bytes) -> str:
    return docx_extract(data).text


# Word's built-in "List Number" styles print a number before each paragraph, counting on
# through the document (one list per style unless a paragraph sets its own numbering); the text
# gives that number, as Word shows it, where it gave a bullet before (switch: off gives "- ").
DOCX_LIST_NUMBERS = True
_NUMBER_STYLE = re.compile(r"list number(?: \d)?$")


def _own_numbering(paragraph) -> bool:
    """Whether a paragraph sets its own numbering (then its number is not the style's count)."""
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def docx_extract(data: bytes) -> Extracted:
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
    from docx.table import Table

    paragraphs = []
    numbers: dict[str, int] = {}  # Word's "List Number" styles: the count so far, per style
    for block in document.iter_inner_content():  # body order: tables stay where they are
        if isinstance(block, Table):
            paragraphs.extend(docx_table_rows(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name or "").lower() if block.style is not None else ""
        if DOCX_LIST_NUMBERS and _NUMBER_STYLE.match(style) and not _own_numbering(block):
            numbers[style] = numbers.get(style, 0) + 1
            text = f"{numbers[style]}. " + text
        elif "list" in style:
            text = "- " + text
        paragraphs.append(text)
    if reader_rule("docx-footnotes"):
        paragraphs.extend(_docx_notes(document))
    text = "\n\n".join(paragraphs)
    props = document.core_properties
    title = _clean_meta(props.title)
    if not _plausible_title(title, [text[:3000].split("\n")], []):
        title = None
    marking = markings.detect_pages(
        _docx_headers(document), furniture=True
    ) or markings.detect_text(text)
    created = getattr(props, "created", None)  # a weak hint for the date (front_matter)
    # authors in file properties are often a login name
    return Extracted(
        text,
        title=title,
        marking=marking,
        created=created.date().isoformat() if created else None,
    )


# Reader rule "docx-footnotes" (round 16, READER_RULES): a Word file's footnotes and endnotes
# are kept, after the body under a "Notes" line, numbered in the order the body first refers to
# them (as Word numbers them by default), one paragraph each. A PDF's footnotes were always in its
# text; a Word file's were dropped whole (31,272 characters in four real documents of three
# publishers: two impact assessments' sources and notes, a Scottish code of practice's notes, an
# electoral order's links). Search over the real documents: P@1 and hit@3 unchanged in every
# part (bench/RESULTS.md, "Readers and types, round 16").
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTES_LINE = "Notes"
_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")


def _docx_notes(document) -> list[str]:
    """The footnotes and endnotes of a Word file, as "Notes" and one "N. text" line each."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    body = document.element.body
    found = []
    for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        try:
            root = etree.fromstring(document.part.part_related_by(reltype).blob)
        except (KeyError, etree.XMLSyntaxError, ValueError):
            continue
        notes = {}
        for note in root.iter(f"{_W}{kind}"):
            if note.get(f"{_W}type") in _NOT_NOTES:
                continue
            words = []
            for p in note.iter(f"{_W}p"):
                line = "".join(
                    (t.text or "") if t.tag == f"{_W}t" else " "
                    for t in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br")
                )
                words.append(" ".join(line.split()))
            said = " ".join(w for w in words if w)
            if said:
                notes[note.get(f"{_W}id")] = said
        order = [r.get(f"{_W}id") for r in body.iter(f"{_W}{kind}Reference")]
        seen = []
        for ref in order:
            if ref in notes and ref not in seen:
                seen.append(ref)
        found += [notes[ref] for ref in seen]
    if not found:
        return []
    return [NOTES_LINE] + [f"{n}. {said}" for n, said in enumerate(found, 1)]


def _docx_headers(document) -> list[list[str]]:
    """The lines of a Word file's headers and footers (each section's, first-page and even-page
    ones too), one list each, for its handling marking."""
    found = []
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            try:
                if part.is_linked_to_previous:
                    continue
                lines = [p.text.strip() for p in part.paragraphs if p.text.strip()]
            except Exception:  # a damaged header part: the body's lines still count
                continue
            if lines:
                found.append(lines)
    return found


def docx_table_rows(table) -> list[str]:
    """One line per row, cells separated by " | " (a merged cell once); nested tables inline."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a horizontally merged cell repeats itself
                continue
            seen.add(id(cell._tc))
            text = re.sub(r"\s+", " ", _cell_text(cell)).strip()
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _cell_text(cell) -> str:
    """A table cell's text with any table nested in it (a Word form's box of fields: "Date:",
    "Stage:"), which python-docx's ``cell.text`` leaves out."""
    from docx.table import Table

    parts = []
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            parts.append(" | ".join(docx_table_rows(block)))
        else:
            parts.append(block.text)
    return "\n".join(parts)
