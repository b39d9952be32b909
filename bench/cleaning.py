"""What cleaning removes from real documents, and whether it loses anything it should not.

    python bench/cleaning.py [FOLDER] [--examples 3] [--markdown]

FOLDER defaults to ../shared/corpora/real-docs relative to the repository. For every PDF, DOCX,
HTML, RST and TXT file it prints:

- what each step removed (lines, characters, a few examples): the reader's own steps (PDF page
  numbers and running headers/footers, a web page's non-content) and cleaning's (furniture
  lines, navigation blocks, speaker labels turned into passage speakers);
- the sentence check: the text as read independently of the pipeline (the PDF engine page by
  page, every paragraph and table cell of a DOCX, every visible line of a web page), minus
  exactly the lines the steps say they removed, cut into sentences; each sentence of 5+ words
  must be found, word for word, in the cleaned text. Lost sentences are listed;
- the title chosen, and whether it is a running header or footer (a line found at the top or
  bottom of 3+ pages, numbers aside, or a "Page n of m" line);
- for PDFs, passages that start with a page footer or header (same test);
- for DOCX, whether each table sits where it is in the document (between the paragraphs before
  and after it in the cleaned text).

It runs against whichever ``bot`` package is importable, so the same script measures the
baseline: ``python bench/cleaning.py --code /path/to/main-checkout``.
"""

from __future__ import annotations

import argparse
import io
import logging
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))


def _use_code_from(checkout: str) -> None:
    """Import ``bot`` from another checkout (the baseline), ahead of the installed one."""
    import importlib.util

    init = Path(checkout).resolve() / "bot" / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        "bot", init, submodule_search_locations=[str(init.parent)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["bot"] = module
    spec.loader.exec_module(module)


if "--code" in sys.argv:  # before the imports below
    _use_code_from(sys.argv[sys.argv.index("--code") + 1])

from bot.library import formats  # noqa: E402
from bot.library.cleaning import clean  # noqa: E402
from bot.library.metadata import describe  # noqa: E402
from bot.library.passages import split_passages  # noqa: E402

SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".rst", ".txt"}
MIN_SENTENCE_WORDS = 5
_PAGE_LINE = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$|\bpage \d+ of \d+\b", re.I)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def key(line: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", line.lower()))


# --- independent readings ----------------------------------------------------------------------


def pdf_pages(data: bytes) -> list[list[str]]:
    """Each page's printed lines, by the engine the pipeline reads with (``bot.library.pdf``'s
    ``read_pages``: PDFium, or pypdf under ``bench/pdf_reading.py --reader pypdf``); pypdf for
    code from before that module."""
    try:
        from bot.library import pdf as reader

        pages = reader.read_pages(data).pages
    except (ImportError, AttributeError):
        from pypdf import PdfReader

        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    return [[line.strip() for line in page.split("\n") if line.strip()] for page in pages]


def docx_blocks(data: bytes) -> list[tuple[str, str]]:
    """('p', text) and ('t', first cell text) in body order, read from the XML directly."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    blocks = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                blocks.append(("p", text))
        elif tag == "tbl":
            table = Table(child, document)
            cells = [c.text.strip() for row in table.rows for c in row.cells if c.text.strip()]
            blocks.append(("t", cells[0] if cells else ""))
            blocks.extend(("c", cell) for cell in cells)
    return blocks


def source_lines(path: Path, data: bytes) -> list[str]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return [line for page in pdf_pages(data) for line in page]
    if suffix == ".docx":
        return [text for _, text in docx_blocks(data)]
    if suffix in {".html", ".htm"}:
        markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", formats._decode(data))
        return [line for line in formats.html_to_text(markup).split("\n") if line.strip()]
    return [line for line in formats.read_text(path, data).split("\n") if line.strip()]


def running_edges(pages: list[list[str]]) -> tuple[set[str], set[str]]:
    """Keys and exact lines of running heads and feet: lines among the top or bottom two of a
    page, numbers aside, on 40% of pages, or on 3+ pages beside or carrying a number."""
    counts: Counter = Counter()
    numbered: Counter = Counter()
    lines_by_key = defaultdict(set)
    for lines in pages:
        edge = lines[:2] + lines[-2:]
        seen, near = set(), set()
        for i, line in enumerate(edge):
            k = key(line)
            if len(k.replace(" ", "")) < 3:
                continue
            lines_by_key[k].add(line)
            seen.add(k)
            around = edge[max(0, i - 1) : i + 2]
            if any(re.search(r"^\d{1,4}$|\s\d{1,4}$|^[ivxlc]+$", x.strip()) for x in around):
                near.add(k)
        counts.update(seen)
        numbered.update(near)
    keys = {
        k
        for k, n in counts.items()
        if n >= max(3, 0.4 * len(pages)) or (n >= 3 and numbered[k] >= 3)
    }
    return keys, {line for k in keys for line in lines_by_key[k]}


def is_running(line: str, keys: set[str], exact: set[str]) -> bool:
    line = line.strip()
    return bool(
        key(line) in keys or _PAGE_LINE.search(line) or any(line.startswith(e) for e in exact)
    )


# --- the pipeline ------------------------------------------------------------------------------


def run_pipeline(path: Path, data: bytes):
    extract = getattr(formats, "extract", None)
    if extract is not None:
        found = extract(path, data)
        raw, hints, removed = found.text, found, list(found.removed)
    else:  # the baseline: no reader steps to report
        raw, hints, removed = formats.read_text(path, data), None, []
    try:
        cleaned = clean(raw, removed=removed)
    except TypeError:
        cleaned = clean(raw)
    passages = split_passages(cleaned)
    try:
        meta = describe(cleaned, path.name, None, raw, hints=hints)
    except TypeError:
        meta = describe(cleaned, path.name, None, raw)
    return raw, cleaned, passages, meta, removed


def sentence_check(lines: list[str], removed: list[tuple[str, str]], cleaned_text: str, join: bool):
    """(sentences checked, sentences lost). ``join``: the lines are wrapped lines of running
    text (PDF); otherwise each line is a paragraph or cell of its own."""
    gone = {line.strip().replace("**", "") for _, line in removed}
    # a running head glued to the first body line, or a speaker label, is removed from the
    # start of its line only
    prefixes = sorted(
        (
            line.strip().replace("**", "")
            for step, line in removed
            if step == "speaker label" or len(line.strip()) >= 15
        ),
        key=len,
        reverse=True,
    )
    kept = []
    for line in lines:
        line = line.strip().replace("**", "")
        if line in gone:
            continue
        for prefix in prefixes:
            if line.startswith(prefix):
                line = line[len(prefix) :]
                break
        kept.append(line)
    chunks = [" ".join(kept)] if join else kept
    sentences = [s for chunk in chunks for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"‘(\d])", chunk)]
    haystack = " " + " ".join(words(cleaned_text)) + " "
    checked, lost = 0, []
    for sentence in sentences:
        w = words(sentence)
        if len(w) < MIN_SENTENCE_WORDS:
            continue
        checked += 1
        if " " + " ".join(w) + " " not in haystack:
            lost.append(sentence.strip())
    return checked, lost


def tables_in_place(blocks: list[tuple[str, str]], cleaned_text: str) -> tuple[int, int]:
    """(tables found between their neighbouring paragraphs, tables) for a DOCX."""
    flat = re.sub(r"\s+", " ", cleaned_text)

    def find(snippet: str, start: int) -> int:
        snippet = re.sub(r"\s+", " ", snippet)[:30]
        return flat.find(snippet, start) if snippet else -1

    cursor, in_place, total = 0, 0, 0
    sequence = [(kind, text) for kind, text in blocks if kind != "c"]
    for i, (kind, text) in enumerate(sequence):
        at = find(text, cursor)
        if kind == "t" and text:
            total += 1
            nxt = next((t for k, t in sequence[i + 1 :] if k == "p" and find(t, 0) >= 0), None)
            after = find(nxt, max(at, 0)) if nxt else len(flat)
            if at >= 0 and (nxt is None or after >= 0):
                in_place += 1
        if at >= 0:
            cursor = at
    return in_place, total


def measure(path: Path, examples: int) -> dict:
    data = path.read_bytes()
    raw, cleaned, passages, meta, removed = run_pipeline(path, data)
    steps: dict[str, list[str]] = defaultdict(list)
    for step, line in removed:
        steps[step].append(line)
    lines = source_lines(path, data)
    checked, lost = sentence_check(lines, removed, cleaned.text, path.suffix.lower() == ".pdf")
    result = {
        "file": path.name,
        "format": path.suffix.lower().lstrip("."),
        "source_chars": sum(len(line) for line in lines),
        "clean_chars": len(cleaned.text),
        "passages": len(passages),
        "speakers": len({p.speaker for p in passages if p.speaker}),
        "title": meta.title,
        "steps": {
            step: {
                "lines": len(found),
                "chars": sum(len(x) for x in found),
                "examples": [x[:90] for x in list(dict.fromkeys(found))[:examples]],
            }
            for step, found in sorted(steps.items())
        },
        "sentences": checked,
        "lost": lost,
    }
    if path.suffix.lower() == ".pdf":
        keys, exact = running_edges(pdf_pages(data))
        result["title_is_running"] = is_running(meta.title, keys, exact)
        starts = [p.text_in(cleaned.text).split("\n")[0] for p in passages]
        result["footer_starts"] = [s[:90] for s in starts if is_running(s, keys, exact)]
    if path.suffix.lower() == ".docx":
        result["tables"] = tables_in_place(docx_blocks(data), cleaned.text)
    return result


def default_folder() -> Path:
    """../shared/corpora/real-docs beside the repository (or beside the worktrees' folder)."""
    for base in (REPO.parent, REPO.parent.parent):
        folder = base / "shared/corpora/real-docs"
        if folder.is_dir():
            return folder
    return REPO.parent / "shared/corpora/real-docs"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default=str(default_folder()))
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--code", help="measure the bot package of another checkout (baseline)")
    parser.add_argument("--markdown", action="store_true", help="also print a summary table")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # pypdf's notes on damaged cross-references
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"no folder {folder}: pass the real-docs folder as an argument", file=sys.stderr)
        return 2
    print(f"bot package: {Path(formats.__file__).resolve().parents[2]}")
    rows = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
        try:
            r = measure(path, args.examples)
        except formats.UnreadableFile as exc:
            print(f"\n== {path.name}: unreadable ({exc})")
            continue
        rows.append(r)
        print(
            f"\n== {r['file']}  ({r['source_chars']} chars read, {r['clean_chars']} kept, "
            f"{r['passages']} passages, {r['speakers']} speakers)"
        )
        print(
            f"   title: {r['title']!r}"
            + ("  <-- RUNNING HEADER/FOOTER" if r.get("title_is_running") else "")
        )
        for step, s in r["steps"].items():
            print(
                f"   removed by {step}: {s['lines']} lines, {s['chars']} chars; e.g. "
                + "; ".join(repr(x) for x in s["examples"])
            )
        print(f"   sentences checked: {r['sentences']}, lost: {len(r['lost'])}")
        for sentence in r["lost"][: args.examples]:
            print(f"     lost: {sentence[:140]!r}")
        if "footer_starts" in r:
            print(f"   passages starting with a page header/footer: {len(r['footer_starts'])}")
            for s in r["footer_starts"][: args.examples]:
                print(f"     {s!r}")
        if "tables" in r:
            print(f"   tables in place: {r['tables'][0]}/{r['tables'][1]}")
    if args.markdown:
        print_markdown(rows)
    return 0


def print_markdown(rows: list[dict]) -> None:
    print(
        "\n| file | title | removed: page no. / running / main content / furniture + nav "
        "| sentences lost | footer-led passages | tables in place |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        s = r["steps"]

        def n(step, s=s):
            return s[step]["lines"] if step in s else 0

        removed = (
            f"{n('page number')} / {n('running header/footer')} / {n('main content')} / "
            f"{n('furniture line') + n('navigation block')}"
        )
        title = (r["title"] or "")[:60] + (" **(running)**" if r.get("title_is_running") else "")
        footer = str(len(r["footer_starts"])) if "footer_starts" in r else "–"
        tables = f"{r['tables'][0]}/{r['tables'][1]}" if "tables" in r else "–"
        print(
            f"| {r['file'][:45]} | {title} | {removed} | {len(r['lost'])}/{r['sentences']} "
            f"| {footer} | {tables} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
