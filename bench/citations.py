"""Do PDF results cite the page that holds their excerpt?

Every real PDF in ``corpora/real-docs*/`` is ingested into a fresh store. Queries are made from
the documents' own passages (``random.Random(seed)``: a PDF, one of its passages, four to seven
words in a row), searched as plain words; the top result of each, when it is from a PDF, must cite
a page (``SearchResult.page``, and ``cites`` "p. N" / "pp. N–M") whose text, read again from the
PDF by PDFium page by page, holds the excerpt (letters and digits compared, so spacing,
hyphenation and ligatures do not matter). Reports the share, and each miss.

    python bench/citations.py [--shared /work/shared] [--work /tmp/rocu-citations] [-n 50]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
    ROOT.parent / "shared",
)


def squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\ufffe", "")
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def letters(text: str) -> str:
    return "".join(ch for ch in text if not ch.isdigit())


def pdf_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        out = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            out.append(squash(textpage.get_text_range()))
            textpage.close()
            page.close()
        return out
    finally:
        document.close()


def words_held(excerpt: str, pages: list[str]) -> bool:
    """Whether every word of ``excerpt`` (letters and digits, the cut word at either end of an
    excerpt left out) is on the ``pages``."""
    words = [squash(w) for w in excerpt.replace("…", " ").split()][1:-1]
    text = "".join(pages)
    return all(w in text for w in words if w)


FOOT = 300  # letters and digits a page may print after the quote's part on it (a running foot)


def held_in(excerpt: str, pages: list[str]) -> bool:
    """Whether ``pages`` (in order) hold ``excerpt``: whole on one, or, for a quote running over
    a page break, its beginning at the end of the first and the rest on the next (a page number or
    running line printed between them is not part of the quote)."""
    rest = excerpt
    pages = [page for page in pages if page]  # a blank page between holds nothing
    for n, page in enumerate(pages):
        if rest in page:
            return True
        if n == len(pages) - 1:
            return False
        low, high = 0, len(rest)  # the longest beginning of ``rest`` that ends this page
        while low < high:
            mid = (low + high + 1) // 2
            if rest[:mid] in page[-len(rest[:mid]) - FOOT :]:
                low = mid
            else:
                high = mid - 1
        if low == 0:
            return False
        rest = rest[low:]
    return False


def build(work: Path, shared: Path):
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    docs = work / "pdfs"
    docs.mkdir(parents=True, exist_ok=True)
    for folder in sorted(shared.glob("corpora/real-docs*")):
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() == ".pdf" and not (docs / path.name).exists():
                (docs / path.name).symlink_to(path)
    db = open_db(work / "rocu.db")
    if not db["documents"].count:
        started = time.perf_counter()
        report = ingest(db, [docs])
        print(f"ingested {len(report.added)} PDFs in {time.perf_counter() - started:.0f} s")
        for name, reason in report.failed:
            print(f"  failed: {Path(name).name}: {reason}")
    return db, docs


def queries(db, n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    docs = [row[0] for row in db.execute("select id from documents order by id")]
    out = []
    while len(out) < n:
        doc_id = rng.choice(docs)
        rows = db.execute(
            "select text from passages where doc_id = ? and length(text) > 80", [doc_id]
        ).fetchall()
        if not rows:
            continue
        words = re.findall(r"[A-Za-z][A-Za-z'’-]+", rng.choice(rows)[0])
        if len(words) < 8:
            continue
        size = rng.randint(4, 7)
        start = rng.randrange(0, len(words) - size)
        out.append((doc_id, " ".join(words[start : start + size])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(SHARED))
    parser.add_argument("--work", default="/tmp/rocu-citations")
    parser.add_argument("-n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from bot import wiring
    from bot.search.ranking import search

    wiring.install()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    db, folder = build(work, Path(args.shared))
    files = {row[0]: folder / row[1] for row in db.execute("select id, file from documents")}
    pages_of: dict[str, list[str]] = {}
    checked = right = not_pdf = by_words = 0
    misses = []
    for doc_id, query in queries(db, args.n, args.seed):
        results = search(db, query, limit=1).results
        if not results:
            misses.append((query, "no result"))
            checked += 1
            continue
        top = results[0]
        path = files.get(top.doc_id)
        if path is None or path.suffix.lower() != ".pdf":
            not_pdf += 1
            continue
        checked += 1
        if top.doc_id not in pages_of:
            pages_of[top.doc_id] = pdf_pages(path)
        pages = pages_of[top.doc_id]
        if top.page is None:
            misses.append((query, f"{top.passage_id}: no page cited"))
            continue
        first, last = top.page, top.page_end or top.page  # over a page break: both
        excerpt = squash(top.excerpt.replace("…", ""))
        cited = pages[first - 1 : last]
        held = held_in(excerpt, cited) or held_in(
            letters(excerpt), [letters(page) for page in cited]
        )  # letters alone: a page number or running head printed inside a quote over a break
        if not held and " | " in top.excerpt:
            # a table's rows (" | " between cells) are in the order of the printed rows, which
            # PDFium's raw text need not keep: every word of the excerpt on the cited pages
            held = words_held(top.excerpt, cited)
            by_words += held
        if held:
            right += 1
        else:
            where = [i + 1 for i, p in enumerate(pages) if excerpt[:40] in p]
            misses.append((query, f"{top.passage_id} cites {top.cites!r}; found on {where}"))
        del doc_id
    share = right / checked if checked else 0.0
    print(
        f"{args.n} searches, {checked} top results from a PDF: {right} cite a page holding the "
        f"excerpt ({100 * share:.1f}%); {not_pdf} top results not from a PDF; {by_words} "
        "table excerpts judged by their words"
    )
    for query, why in misses:
        print(f"  miss: {query!r}: {why}")


if __name__ == "__main__":
    main()
