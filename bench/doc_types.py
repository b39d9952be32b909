"""Document types guessed against the intended ones (round 11).

Reads each document as ingest does (``formats`` extraction, cleaning) and prints the type
``bot.library.metadata.guess_type`` gives it beside the one intended: for the development
documents (real-docs and real-docs-2) the type ``CATALOGUE`` in ``bench/recs.py`` declares; for
the documents written for the tests the kind their author wrote them as (``tests/recs/kinds11``,
``heldout``, ``heldout2``: their ``gold.json``; ``kinds5``: each file's own header, listed in
``WRITTEN_KINDS5`` below; a gold "report" is this version's ``other``: there is no generic
report type). ``heldout`` and ``heldout2`` were not looked at while the round-11 type rules were
made; round 12 looked at heldout's PCC letter (its one confusion). Round 12 adds
``tests/library/meta12`` (its ``expected.json``), written for the round-12 rules: not held out.
Round 16 adds the later written sets (``kinds12``, ``heldout12``-``heldout16``, their writers'
types in their ``gold.json``; none is held out any more).
Agreement per set, with the confusions, once with the type rules named in ``--off`` switched off
(default: every rule in ``metadata.TYPE_RULES``) and once with all on, from one run.

    python bench/doc_types.py [--off committee-masthead,plan-title] [-v]

Named ``doc_types``, not ``types`` (until round 16): a script in ``bench/`` named ``types.py``
stood in for the standard library's ``types`` module in every bench run as ``python bench/X.py``
from a non-editable install, and each such run failed at start-up.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from recs import CATALOGUE, DEFAULT_CORPORA  # noqa: E402

from bot.library import limits, metadata  # noqa: E402
from bot.library.cleaning import clean  # noqa: E402

WRITTEN = ROOT / "tests" / "recs"
META12 = ROOT / "tests" / "library" / "meta12"
# kinds5 has no gold file: the kind each was written as, from its first lines.
WRITTEN_KINDS5 = {
    "inquiry-chapter-recommendations.html": "inquiry-report",
    "inspection-custody-eastmere.txt": "inspection-report",
    "inspection-peel-westmoor.txt": "inspection-report",
    "letter-committee-to-water-regulator.txt": "letter",
    "letter-forum-to-rail-regulator.txt": "letter",
}

WRITTEN_LATER = ("kinds12", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16")


def documents() -> dict[str, list[tuple[Path, str]]]:
    sets: dict[str, list[tuple[Path, str]]] = {"development": []}
    for corpus in DEFAULT_CORPORA:
        gold = json.loads((corpus / "gold.json").read_text())
        for d in gold["documents"]:
            kind = CATALOGUE.get(d["file"], (d.get("type", "other"),))[0]
            sets["development"].append((corpus / d["file"], metadata.canonical_type(kind)))
    gold = json.loads((WRITTEN / "kinds11" / "gold.json").read_text())
    sets["written kinds11"] = [
        (WRITTEN / "kinds11" / d["file"], metadata.canonical_type(d.get("type")))
        for d in gold["documents"]
    ]
    sets["written kinds5"] = [(WRITTEN / "kinds5" / n, k) for n, k in WRITTEN_KINDS5.items()]
    for folder in ("heldout", "heldout2"):  # written in earlier rounds; not tuned on here
        gold = json.loads((WRITTEN / folder / "gold.json").read_text())
        sets[f"written {folder} (held out)"] = [
            (WRITTEN / folder / d["file"], metadata.canonical_type(d.get("type")))
            for d in gold["documents"]
        ]
    # round 16 (read17): the later written sets, each writer's type in its gold (a gold "report"
    # is ``other``); none of them is held out any more. The round's own held-out set is not read.
    for folder in WRITTEN_LATER:
        gold = json.loads((WRITTEN / folder / "gold.json").read_text())
        sets[f"written {folder}"] = [
            (WRITTEN / folder / d["file"], metadata.canonical_type(d.get("type")))
            for d in gold["documents"]
        ]
    # round 12's own set (tests/library/meta12): not held out, the rules' second witnesses
    expected = json.loads((META12 / "expected.json").read_text())
    sets["written meta12 (not held out)"] = [
        (META12 / d["file"], metadata.canonical_type(d["type"])) for d in expected["documents"]
    ]
    return sets


def read(path: Path):
    extracted = limits.extract(path, path.read_bytes())
    return clean(extracted.text), extracted.text, extracted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--off", default=",".join(metadata.TYPE_RULES), help="rules for 'before'")
    parser.add_argument("-v", "--verbose", action="store_true", help="every document's row")
    args = parser.parse_args()
    off = [n for n in args.off.split(",") if n]
    print(f"before: type rules off: {', '.join(off) or '(none)'}; after: all on\n")
    print("| set | documents | before: agree | after: agree |")
    print("|---|---|---|---|")
    details = []
    confused: Counter = Counter()
    for name, docs in documents().items():
        before = after = 0
        confusions: list[str] = []
        for path, want in docs:
            doc, raw, hints = read(path)
            with metadata.type_rules_off(*off):
                b = metadata.guess_type(doc, path.name, raw, hints)
            a = metadata.guess_type(doc, path.name, raw, hints)
            before += b == want
            after += a == want
            if a != want:
                confused[f"{name}: {want} -> {a}"] += 1
            if a != want or b != want or args.verbose:
                confusions.append(f"| {name} | {path.name} | {want} | {b} | {a} |")
        print(f"| {name} | {len(docs)} | {before}/{len(docs)} | {after}/{len(docs)} |")
        details += confusions
    print("\n| set | document | intended | before | after |")
    print("|---|---|---|---|---|")
    print("\n".join(details))
    print("\nConfusions after (intended -> guessed):")
    print("\n".join(f"- {k}: {v}" for k, v in sorted(confused.items())) or "- none")


if __name__ == "__main__":
    main()
