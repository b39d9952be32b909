"""Benchmark: reading image-only PDFs by OCR, against the text layer of the PDF they were made from.

    python bench/ocr.py [--engines rapidocr,tesseract] [--docs N] [--dpi 200] [FOLDER ...]

For each real PDF of the folders (default ``real-docs`` and ``real-docs-2`` under
``../shared/corpora`` or ``/work/shared/corpora``; the first ``--docs`` of them), its middle page
is rendered to an image and put alone into a new, image-only PDF (PDFium), which is read the way
ingest reads a PDF with no text layer (``bot.library.pdf``'s OCR path, rendering it again). The
OCR text is compared with the original page's text layer (PDFium):

- word accuracy = 1 - (word-level edit distance / words in the original), words being runs of
  letters and digits, case folded; the same before and after splitting run-together words;
- seconds per page (rendering and OCR).

The documents of ``real-docs`` are the tuning part (the run-together rule was written looking at
them); ``real-docs-2`` is the checking part, reported beside it.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from bot.library import ocr, pdf  # noqa: E402


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def accuracy(reference: str, found: str) -> float:
    ref = words(reference)
    return 1 - Levenshtein.distance(ref, words(found)) / max(1, len(ref))


def bag_accuracy(reference: str, found: str) -> float:
    """Words of the original found, in any order (tables and columns are read in another order
    by OCR than the text layer holds them), less the extra words OCR made, over the original's."""
    from collections import Counter

    ref, got = Counter(words(reference)), Counter(words(found))
    hits = sum((ref & got).values())
    extra = sum((got - ref).values())
    return max(0.0, (hits - extra) / max(1, sum(ref.values())))


def image_only_pdf(data: bytes, index: int, dpi: int = 200) -> bytes:
    """A one-page PDF holding page ``index`` of ``data`` as an image alone (no text layer)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(data)
    page = source[index]
    width, height = page.get_size()
    bitmap = page.render(scale=dpi / 72)
    out = pdfium.PdfDocument.new()
    image = pdfium.PdfImage.new(out)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    new = out.new_page(width, height)
    new.insert_obj(image)
    new.gen_content()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def default_folders() -> list[Path]:
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        if (base / "corpora/real-docs").is_dir():
            return [base / "corpora/real-docs", base / "corpora/real-docs-2"]
    return []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--engines", default="rapidocr,tesseract")
    parser.add_argument("--docs", type=int, default=0, help="first N PDFs of each folder (0: all)")
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    folders = [Path(f) for f in args.folders] or default_folders()
    engines = args.engines.split(",")
    rows = []
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".pdf")
        for path in files[: args.docs or None]:
            data = path.read_bytes()
            original = pdf.read_pages(data)
            index = len(original.pages) // 2
            reference = original.pages[index]
            if len(words(reference)) < 30:  # a near-empty page says little
                index = 0
                reference = original.pages[0]
            scan = image_only_pdf(data, index, args.dpi)
            assert not "".join(pdf.read_pages(scan).pages).strip()
            for engine in engines:
                raw: list[list[str]] = []

                def render(i, scan=scan):
                    return pdf.render_page(scan, i, args.dpi)

                started = time.perf_counter()
                keep = ocr.split_run_together
                ocr.split_run_together = lambda line: line  # raw engine output first
                try:
                    pages = ocr.read_pages(1, render, lambda *_: None, engine)
                finally:
                    ocr.split_run_together = keep
                seconds = time.perf_counter() - started
                raw.append(pages)
                fixed = "\n".join(ocr.split_run_together(line) for line in pages[0].split("\n"))
                row = {
                    "set": "tuning" if folder.name == "real-docs" else "checking",
                    "file": path.name,
                    "page": index + 1,
                    "engine": engine,
                    "words": len(words(reference)),
                    "raw": accuracy(reference, pages[0]),
                    "fixed": accuracy(reference, fixed),
                    "bag": bag_accuracy(reference, fixed),
                    "seconds": seconds,
                }
                rows.append(row)
                print(
                    f"{row['set']:8} {engine:9} {path.name[:50]:50} p{index + 1:<3} "
                    f"{row['words']:4} words  accuracy {row['raw']:.3f} -> {row['fixed']:.3f} "
                    f"(any order {row['bag']:.3f})  "
                    f"{seconds:5.1f} s",
                    flush=True,
                )
    print(
        "\n| engine | set | pages | words | word accuracy, engine | after splitting "
        "run-together words | s per page |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for engine in engines:
        for part in ("tuning", "checking", "all"):
            chosen = [r for r in rows if r["engine"] == engine and part in ("all", r["set"])]
            if not chosen:
                continue
            total = sum(r["words"] for r in chosen)
            raw = sum(r["raw"] * r["words"] for r in chosen) / total
            fixed = sum(r["fixed"] * r["words"] for r in chosen) / total
            bag = sum(r["bag"] * r["words"] for r in chosen) / total
            seconds = sum(r["seconds"] for r in chosen) / len(chosen)
            print(
                f"| {engine} | {part} | {len(chosen)} | {total} | {raw:.3f} | {fixed:.3f} "
                f"| {bag:.3f} | {seconds:.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
