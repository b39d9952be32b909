"""Benchmark: tables in PDFs read as rows (``bot.library.pdf_tables``).

    python bench/pdf_tables.py [FOLDER ...] [--dump FILE] [--speed] [--json FILE]
    python bench/pdf_tables.py --questions eval/questions-tables.jsonl [--workdir DIR]

FOLDER defaults to ``real-docs`` and ``real-docs-2`` under ``../shared/corpora`` (or
``/work/shared/corpora``). For every PDF it prints the pages, the pages holding a table found,
the tables (rows x columns each) and the blocks of aligned lines each rejection rule turned down.
``--dump FILE`` writes every table found and every block rejected, with its first rows, for
reading by hand: that is how false tables (prose, a contents page, footnotes, a drawing taken
for rows) are counted.

``--questions FILE`` (``eval/questions-tables.jsonl``: questions whose answer is a table row of
a real PDF, written for this bench) ingests every real document (both folders) into two fresh
stores, tables off and on (read in this process), and asks each question of rocu's search (the
meaning extra off). A question is answered by a passage of its file holding its ``answer``
(spaces, case and the " | " between cells ignored, so both readings can hold it). P@1 and hit@3
with 95% bootstrap intervals, and each question's rank.

``--speed`` also times, per file and alternating the order, ``pdf_extract`` with table reading
off and on, and pypdf's text put through the same cleaning (``bench/pdf_reading.py``'s old
reader), and counts the acronym definitions found in the cleaned text with tables off and on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.pdf_reading import default_folders, pdf_files  # noqa: E402
from bot.library import pdf, pdf_tables  # noqa: E402


def survey(path: Path, dump) -> dict:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path.read_bytes())
    found, rejected, pages_with = [], {}, set()
    n_pages = len(document)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            layout = pdf_tables.page_lines(textpage, textpage.get_text_range())
            for table in pdf_tables.candidates(layout, len(document)):
                shape = f"{len(table.rows)}x{len(table.rows[0])}"
                if table.rejected:
                    rejected[table.rejected] = rejected.get(table.rejected, 0) + 1
                else:
                    found.append((index + 1, shape))
                    pages_with.add(index + 1)
                if dump:
                    dump.write(
                        f"--- {path.name} p{index + 1} {table.rejected or 'TABLE'} {shape}\n"
                    )
                    for row in table.rows[:6]:
                        dump.write(f"    {pdf_tables.row_text(row)[:200]}\n")
            textpage.close()
            page.close()
    finally:
        document.close()
    return {
        "file": path.name,
        "pages": n_pages,
        "pages_with_tables": len(pages_with),
        "tables": found,
        "rejected": rejected,
    }


def timed(path: Path) -> dict:
    from bench.pdf_reading import pypdf_pages
    from bot.glossary.acronyms import inline_definitions
    from bot.library.cleaning import clean

    data = path.read_bytes()
    out: dict = {}
    order = ["off", "on", "pypdf"] if hash(path.name) % 2 else ["pypdf", "on", "off"]
    for name in order:
        pdf_tables.TABLES = name == "on"
        t0 = time.perf_counter()
        if name == "pypdf":
            found = pdf._from_pages(pypdf_pages(data))
        else:
            found = pdf.pdf_extract(data)
        out[f"{name}_s"] = time.perf_counter() - t0
        if name != "pypdf":
            cleaned = clean(found.text, removed=list(found.removed)).text
            out[f"{name}_acronyms"] = sorted(
                {(d.short, d.long) for d in inline_definitions(cleaned)}
            )
    pdf_tables.TABLES = True
    return out


def _squash(text: str) -> str:
    return re.sub(r"[\s|]+", "", text).casefold()


def _store(folders: list[Path], work: Path, tables: bool):
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    docs = work / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix not in {".json", ".md"} and not (docs / path.name).exists():
                (docs / path.name).symlink_to(path)
    name = "on" if tables else "off"
    (work / f"{name}.db").unlink(missing_ok=True)
    db = open_db(work / f"{name}.db")
    pdf_tables.TABLES = tables
    try:
        report = ingest(db, [docs])
    finally:
        pdf_tables.TABLES = True
    if report.failed:
        print(f"not ingested: {report.failed}", file=sys.stderr)
    return db


def _rank(db, q: dict) -> int | None:
    from bot.library.documents import passage_id
    from bot.search.ranking import search

    texts = {}
    for i, result in enumerate(search(db, q["query"], limit=10).results):
        if result.file != q["file"]:
            continue
        if result.doc_id not in texts:
            rows = db.execute(
                "select ordinal, text from passages where doc_id = ?", [result.doc_id]
            ).fetchall()
            texts[result.doc_id] = {passage_id(result.doc_id, o): t for o, t in rows}
        if _squash(q["answer"]) in _squash(texts[result.doc_id][result.passage_id]):
            return i + 1
    return None


def _interval(values: list[float], n: int = 2000, seed: int = 5) -> tuple[float, float]:
    import random

    rng = random.Random(seed)
    means = sorted(sum(rng.choices(values, k=len(values))) / len(values) for _ in range(n))
    return means[int(0.025 * n)], means[int(0.975 * n) - 1]


def ask(folders: list[Path], questions: Path, work: Path) -> int:
    import os

    os.environ["ROCU_READ_ISOLATION"] = "0"  # read here, where TABLES is set
    os.environ["ROCU_MEANING"] = "off"
    qs = [json.loads(line) for line in questions.read_text().splitlines() if line.strip()]
    ranks = {}
    for tables in (False, True):
        db = _store(folders, work, tables)
        ranks[tables] = [_rank(db, q) for q in qs]
        db.close()
    print(f"{len(qs)} questions; rank of the first passage holding the answer (off -> on)")
    for q, a, b in zip(qs, ranks[False], ranks[True], strict=True):
        print(f"  {q['half']:5} {q['kind']:7} {a or '-':>2} -> {b or '-':>2}  {q['query']}")
    print("\n| tables | P@1 (95% CI) | hit@3 (95% CI) |\n| --- | --- | --- |")
    for tables in (False, True):
        p1 = [1.0 if r == 1 else 0.0 for r in ranks[tables]]
        h3 = [1.0 if r and r <= 3 else 0.0 for r in ranks[tables]]
        lo1, hi1 = _interval(p1)
        lo3, hi3 = _interval(h3)
        print(
            f"| {'on' if tables else 'off'} | {sum(p1) / len(p1):.2f} ({lo1:.2f}-{hi1:.2f}) | "
            f"{sum(h3) / len(h3):.2f} ({lo3:.2f}-{hi3:.2f}) |"
        )
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--dump", help="write every table and rejected block here")
    parser.add_argument("--speed", action="store_true", help="time tables off / on / pypdf")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--questions", help="ask these table questions, tables off and on")
    parser.add_argument("--workdir", default="/tmp/rocu-pdf-tables")
    args = parser.parse_args(argv)
    folders = [Path(f) for f in args.folders] or default_folders()
    if args.questions:
        return ask(folders, Path(args.questions), Path(args.workdir))
    files = pdf_files(folders)
    if not files:
        print("no PDFs found: pass the real-docs folders", file=sys.stderr)
        return 2
    dump = open(args.dump, "w") if args.dump else None  # noqa: SIM115
    rows = []
    try:
        for path in files:
            row = survey(path, dump)
            if args.speed:
                row.update(timed(path))
            rows.append(row)
    finally:
        if dump:
            dump.close()
    print("| PDF | pages | pages with a table | tables | blocks rejected (rule: count) |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        rejected = ", ".join(f"{k} {v}" for k, v in sorted(r["rejected"].items())) or "-"
        print(
            f"| {r['file'][:60]} | {r['pages']} | {r['pages_with_tables']} | "
            f"{len(r['tables'])} | {rejected} |"
        )
    print(
        f"| **all {len(rows)}** | {sum(r['pages'] for r in rows)} | "
        f"{sum(r['pages_with_tables'] for r in rows)} | {sum(len(r['tables']) for r in rows)} | |"
    )
    if args.speed:
        total = {k: sum(r[f"{k}_s"] for r in rows) for k in ("pypdf", "off", "on")}
        print("\n| measure | pypdf | pdfium, tables off | pdfium, tables on |")
        print("| --- | --- | --- | --- |")
        print(
            f"| pdf_extract, {len(rows)} PDFs, s | {total['pypdf']:.1f} | {total['off']:.1f} | "
            f"{total['on']:.1f} |"
        )
        print(
            f"| faster than pypdf | | {total['pypdf'] / total['off']:.1f}x | "
            f"{total['pypdf'] / total['on']:.1f}x |"
        )
        off = sum(len(r["off_acronyms"]) for r in rows)
        on = sum(len(r["on_acronyms"]) for r in rows)
        print(f"| acronym definitions in the cleaned text | | {off} | {on} |")
        for r in rows:
            a, b = set(map(tuple, r["off_acronyms"])), set(map(tuple, r["on_acronyms"]))
            for pair in sorted(a - b):
                print(f"  {r['file'][:50]}: acronym only with tables off: {pair}")
            for pair in sorted(b - a):
                print(f"  {r['file'][:50]}: acronym only with tables on: {pair}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, default=list))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
