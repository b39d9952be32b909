"""Benchmark: reading PDFs with PDFium (pypdfium2, the reader) against pypdf (the old reader).

    python bench/pdf_reading.py [FOLDER ...] [--json FILE]
    python bench/pdf_reading.py --reader pypdf SCRIPT [ARGS ...]

The first form reads every PDF of the folders (default: ``real-docs`` and ``real-docs-2`` under
``../shared/corpora`` or ``/work/shared/corpora``) with both readers, in one run, alternating per
file, and prints per file and in total:

- read time: the engine alone (every page's text), and the whole of ``pdf_extract`` (reading,
  running heads and page numbers, unwrapping) with each engine under the same cleaning code;
- unknown words: lower-case words (``[a-z]+`` between word boundaries) that wordfreq does not
  know at all (``zipf_frequency == 0``), counted with repeats: split-word artefacts ("m inisters",
  "technol ogy") show up here. Counted on each engine's plain text and on the cleaned text;
- headers: page numbers and running heads removed, the title chosen (and whether it changed);
- acronyms: the definitions ``bot.glossary.acronyms.inline_definitions`` finds in the cleaned
  text of each (pairs found by one reader only are listed).

The second form runs another bench script (``bench/recs.py``, ``bench/cleaning.py``...) with
``bot.library.pdf.read_pages`` replaced by the pypdf reader, so the same code measures both
readers: the reader's effect alone.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import re
import runpy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.library import pdf  # noqa: E402
from bot.library.extracted import clean_meta  # noqa: E402


def pypdf_pages(data: bytes) -> pdf.Pages:
    """The old reader: pypdf's text page by page (its console notes silenced)."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    pages = [page.extract_text() or "" for page in reader.pages]
    title = clean_meta((reader.metadata or {}).get("/Title"))
    return pdf.Pages(pages, title, "pypdf")


READERS = {"pdfium": pdf.read_pages, "pypdf": pypdf_pages}


def use_reader(name: str) -> None:
    pdf.read_pages = READERS[name]


def unknown_words(text: str) -> list[str]:
    from wordfreq import zipf_frequency

    return [w for w in re.findall(r"\b[a-z]+\b", text) if zipf_frequency(w, "en") == 0]


def default_folders() -> list[Path]:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        if (base / "corpora/real-docs").is_dir():
            return [base / "corpora/real-docs", base / "corpora/real-docs-2"]
    return []


def measure(path: Path, name: str) -> dict:
    from bot.glossary.acronyms import inline_definitions
    from bot.library.cleaning import clean

    data = path.read_bytes()
    reader = READERS[name]
    t0 = time.perf_counter()
    pages = reader(data)
    t1 = time.perf_counter()
    use_reader(name)
    try:
        found = pdf.pdf_extract(data)
    finally:
        use_reader("pdfium")
    t2 = time.perf_counter()
    cleaned = clean(found.text, removed=list(found.removed)).text
    steps: dict[str, int] = {}
    for step, _ in found.removed:
        steps[step] = steps.get(step, 0) + 1
    return {
        "engine_s": t1 - t0,
        "extract_s": t2 - t1,
        "plain_unknown": len(unknown_words("\n".join(pages.pages))),
        "clean_unknown": unknown_words(cleaned),
        "title": found.title,
        "steps": steps,
        "acronyms": sorted({(d.short, d.long) for d in inline_definitions(cleaned)}),
    }


def pdf_files(folders: list[Path]) -> list[Path]:
    """The PDFs directly inside ``folders`` (those that exist), sorted."""
    return sorted(
        p
        for folder in folders
        if folder.is_dir()
        for p in folder.iterdir()
        if p.suffix.lower() == ".pdf"
    )


def compare(folders: list[Path], out: str | None) -> int:
    files = pdf_files(folders)
    if not files:
        print("no PDFs found: pass the real-docs folders", file=sys.stderr)
        return 2
    rows = []
    for path in files:
        row = {"file": path.name}
        for name in ("pypdf", "pdfium"):
            row[name] = measure(path, name)
        rows.append(row)
        a, b = row["pypdf"], row["pdfium"]
        print(
            f"{path.name[:58]:58} engine {a['engine_s']:6.2f} -> {b['engine_s']:5.2f} s  "
            f"extract {a['extract_s']:6.2f} -> {b['extract_s']:5.2f} s  unknown plain "
            f"{a['plain_unknown']:3} -> {b['plain_unknown']:3}, "
            f"cleaned {len(a['clean_unknown']):3} "
            f"-> {len(b['clean_unknown']):3}  acronyms {len(a['acronyms'])} -> {len(b['acronyms'])}"
        )
    total = {
        name: {
            "engine_s": sum(r[name]["engine_s"] for r in rows),
            "extract_s": sum(r[name]["extract_s"] for r in rows),
            "plain_unknown": sum(r[name]["plain_unknown"] for r in rows),
            "clean_unknown": sum(len(r[name]["clean_unknown"]) for r in rows),
            "acronyms": sum(len(r[name]["acronyms"]) for r in rows),
        }
        for name in ("pypdf", "pdfium")
    }
    a, b = total["pypdf"], total["pdfium"]
    print(f"\n{len(rows)} PDFs")
    print("| measure | pypdf (old) | pypdfium2 (new) |\n| --- | --- | --- |")
    print(f"| engine read time s | {a['engine_s']:.2f} | {b['engine_s']:.2f} |")
    print(
        "| pdf_extract time s (engine + running heads + unwrapping) | "
        f"{a['extract_s']:.2f} | {b['extract_s']:.2f} |"
    )
    print(f"| speed-up, pdf_extract | | {a['extract_s'] / b['extract_s']:.1f}x |")
    print(f"| unknown words, engine plain text | {a['plain_unknown']} | {b['plain_unknown']} |")
    print(f"| unknown words, cleaned text | {a['clean_unknown']} | {b['clean_unknown']} |")
    print(f"| acronym definitions found | {a['acronyms']} | {b['acronyms']} |")
    print("\nper file: page numbers / running heads removed; title (if it changed); acronyms")
    for r in rows:
        a, b = r["pypdf"], r["pdfium"]
        heads = (
            f"{a['steps'].get('page number', 0)}/{a['steps'].get('running header/footer', 0)} -> "
            f"{b['steps'].get('page number', 0)}/{b['steps'].get('running header/footer', 0)}"
        )
        title = "" if a["title"] == b["title"] else f"  title {a['title']!r} -> {b['title']!r}"
        only_a = sorted(set(map(tuple, a["acronyms"])) - set(map(tuple, b["acronyms"])))
        only_b = sorted(set(map(tuple, b["acronyms"])) - set(map(tuple, a["acronyms"])))
        print(f"  {r['file'][:60]}: {heads}{title}")
        for pair in only_a:
            print(f"     acronym pypdf only: {pair}")
        for pair in only_b:
            print(f"     acronym pdfium only: {pair}")
        gone = sorted(set(a["clean_unknown"]) - set(b["clean_unknown"]))
        new = sorted(set(b["clean_unknown"]) - set(a["clean_unknown"]))
        if gone or new:
            print(f"     unknown words gone: {' '.join(gone[:12])}")
            print(f"     unknown words new: {' '.join(new[:12])}")
    if out:
        Path(out).write_text(json.dumps({"rows": rows, "total": total}, indent=1))
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--reader"]:
        if len(argv) < 3 or argv[1] not in READERS:
            print("usage: pdf_reading.py --reader pypdf|pdfium SCRIPT [ARGS...]", file=sys.stderr)
            return 2
        use_reader(argv[1])
        # read in this process, where the reader is replaced (a reading child would import its own)
        import os

        os.environ["ROCU_READ_ISOLATION"] = "0"
        sys.argv = argv[2:]
        runpy.run_path(argv[2], run_name="__main__")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--json", help="write every figure here")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    folders = [Path(f) for f in args.folders] or default_folders()
    return compare(folders, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
