"""Benchmark: does a document's format change the recommendations found in it?

Each chosen development document (default: an HTML inquiry chapter and four PDFs, reports and a
review) is ingested as a user would add it (type guessed), and then again in other formats made
from it, each ingested into a fresh store the same way:

- ``.txt``: the cleaned text the first ingest stored, saved as plain text;
- ``.md``: the same text as Markdown (short lines without a full stop become ``##`` headings,
  lines opened by a list glyph become ``-`` items); for HTML, made from the HTML's own headings,
  paragraphs and list items;
- ``.docx``: a Word document made with python-docx from the stored text, one paragraph per
  line break (short lines without a full stop styled as headings).

Every version is scored against the document's gold with ``bench/recs.py``'s matching: gold
found, false items, addressee right. A format that changes nothing shows the same figures on
every line.

    python bench/recs_formats.py [--only NAME] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from recs import DEFAULT_CORPORA, half_of, score_document  # noqa: E402

from bot.library import documents as library  # noqa: E402
from bot.library.ingest import ingest  # noqa: E402
from bot.library.store import open_db  # noqa: E402
from bot.recs.tracker import list_recommendations  # noqa: E402

CHOSEN = [
    "leveson-part-g-ch4-press-and-police-conclusions-recommendations.html",
    "covid-inquiry-module1-report-2024.pdf",
    "hl-sct-behaviour-change-report-2011.pdf",
    "hc-eac-environmental-impact-of-microplastics-hc179-2016.pdf",
    "dhsc-rapid-review-mental-health-inpatient-data-govuk-print.pdf",
]

_HEADINGISH = re.compile(r"^[^\s.!?:;,][^.!?;]{0,70}$")
_GLYPH = re.compile(r"^\s*[•●▪◦■\-–]\s+")


def as_markdown(text: str) -> str:
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if _GLYPH.match(line):
            out.append("- " + _GLYPH.sub("", line))
        elif stripped and _HEADINGISH.match(stripped) and len(stripped.split()) <= 10:
            out.append("## " + stripped)
        else:
            out.append(line)
    return "\n".join(out)


def html_as_markdown(html: bytes) -> str:
    import lxml.html

    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style|//nav|//footer"):
        bad.drop_tree()
    out = []
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li"):
        words = " ".join(el.text_content().split())
        if not words:
            continue
        if el.tag.startswith("h"):
            out.append("#" * int(el.tag[1]) + " " + words)
        elif el.tag == "li":
            out.append("- " + words)
        else:
            out.append(words)
        out.append("")
    return "\n".join(out)


def as_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if _HEADINGISH.match(stripped) and len(stripped.split()) <= 10:
            document.add_heading(stripped, level=2)
        else:
            document.add_paragraph(stripped)
    document.save(str(path))


def ingest_one(path: Path, store: Path):
    db = open_db(store)
    ingest(db, [path.parent])
    doc = next(iter(db["documents"].rows), None)
    return db, doc


def score(db, entry: dict) -> dict:
    recs = sorted(list_recommendations(db), key=lambda r: r.start)
    return score_document(entry, recs, db) | {"recs": len(recs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only files whose name contains this")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    entries = {}
    for corpus in DEFAULT_CORPORA:
        gold = json.loads((corpus / "gold.json").read_text())
        for d in gold["documents"]:
            entries[d["file"]] = (corpus, d)
    lines = [
        "| document | half | format | type guessed | gold | found | false | addressee right |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in CHOSEN:
        if args.only and args.only not in name:
            continue
        corpus, entry = entries[name]
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            versions: list[tuple[str, Path]] = []
            original = tmp / "orig" / name
            original.parent.mkdir()
            original.write_bytes((corpus / name).read_bytes())
            db, doc = ingest_one(original, tmp / "orig.db")
            text = library.document_text(db, doc["id"]) or ""
            rows = [("original", doc["type"], score(db, entry))]
            stem = Path(name).stem
            txt = tmp / "txt" / f"{stem}.txt"
            md = tmp / "md" / f"{stem}.md"
            dx = tmp / "docx" / f"{stem}.docx"
            for p in (txt, md, dx):
                p.parent.mkdir()
            txt.write_text(text)
            md_text = (
                html_as_markdown(original.read_bytes())
                if name.endswith(".html")
                else as_markdown(text)
            )
            md.write_text(md_text)
            as_docx(text, dx)
            versions = [("plain text", txt), ("markdown", md), ("docx", dx)]
            for label, path in versions:
                vdb, vdoc = ingest_one(path, tmp / f"{label}.db")
                if vdoc is None:
                    rows.append((label, "(failed)", None))
                    continue
                rows.append((label, vdoc["type"], score(vdb, entry)))
        for label, kind, r in rows:
            if r is None:
                lines.append(f"| {name[:40]} | {half_of(name)} | {label} | {kind} | | | | |")
                continue
            lines.append(
                f"| {name[:40]} | {half_of(name)} | {label} | {kind} | {r['gold']} | "
                f"{r['found']} | {r['false']} | {r['addr_right']}/{r['addr_total']} |"
            )
            if args.verbose:
                for m in r["misses"]:
                    print(f"    {label}: miss  {m[:80]}")
                for f in r["falses"]:
                    print(f"    {label}: false {f[:80]}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
