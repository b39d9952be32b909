"""Benchmark: acronym definition finding against published gold standards (not a test).

For each BioC gold set in ``../shared/eval/acronyms-gold/`` (or the folder given), the pairs
(short form, long form) each document defines, found by ``bot.glossary.acronyms`` and by the
``abbreviations`` package (a Schwartz-Hearst implementation, the bench extra) on the same passage
texts, scored against the gold pairs with the gold README's normalisation: pairs per document,
case-folded, whitespace collapsed, a plural short form ("ROCUs") and the last word of the long
form made singular; in scope = short forms with two or more capitals, on both sides.

``--ablate`` also scores the project with each of its rules turned off in turn, to show what every
rule buys and costs. ``--prose`` runs both finders over policy prose (the seeds and
``../shared/corpora/real-docs``) read with the library's own format readers and cleaning, and
writes every definition found to a file for checking by hand. ``--errors FILE`` writes the
project's false positives and misses per set.

    python bench/acronyms.py --ablate --prose --errors /tmp/acronym-errors.txt
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# ../shared beside the repository (or beside the folder of worktrees holding it)
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
GOLD_FILES = {"Ab3P": "Ab3P_bioc_gold.xml", "BIOADI": "bioadi_bioc_gold.xml"}
# the gold README's reference points for `abbreviations`, in scope: (precision, recall)
REFERENCE = {"Ab3P": (0.955, 0.798), "BIOADI": (0.949, 0.692)}


@dataclass
class Document:
    id: str
    passages: list[str]
    gold: set[tuple[str, str]] = field(default_factory=set)


def load_gold(path: Path) -> list[Document]:
    documents = []
    for doc in ET.parse(path).getroot().iter("document"):
        document = Document(doc.findtext("id"), [])
        for passage in doc.iter("passage"):
            document.passages.append(passage.findtext("text") or "")
            texts = {a.get("id"): a.findtext("text") for a in passage.iter("annotation")}
            for relation in passage.iter("relation"):
                roles = {n.get("role"): texts.get(n.get("refid")) for n in relation.iter("node")}
                short, long = roles.get("ShortForm"), roles.get("LongForm")
                if short and long:
                    document.gold.add((short, long))
        documents.append(document)
    return documents


def in_scope(short: str) -> bool:
    return sum(ch.isupper() for ch in short) >= 2


def normalise(short: str, long: str) -> tuple[str, str]:
    short = short.strip()
    if len(short) > 2 and short.endswith("s") and (short[-2].isupper() or short[-2].isdigit()):
        short = short[:-1]
    words = long.casefold().split()
    if words:
        last = words[-1]
        if last.endswith("ies") and len(last) > 4:
            last = last[:-3] + "y"
        elif last.endswith(("sses", "shes", "ches", "xes")):
            last = last[:-2]
        elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
            last = last[:-1]
        words[-1] = last
    return short.casefold(), " ".join(words)


def scoped(pairs) -> set[tuple[str, str]]:
    return {normalise(s, lf) for s, lf in pairs if in_scope(s)}


def project_finder(rules=None, profile: str | None = "bio"):
    """The project's finder: the ``bio`` profile on the biomedical gold sets unless told."""
    from bot.glossary import acronyms

    def find(text: str) -> set[tuple[str, str]]:
        found = acronyms.inline_definitions(text, rules=rules, profile=profile)
        return {(d.short, d.long) for d in found}

    return find


def abbreviations_finder():
    from abbreviations import schwartz_hearst

    logging.getLogger(schwartz_hearst.__name__).setLevel(logging.WARNING)
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    def find(text: str) -> set[tuple[str, str]]:
        pairs = schwartz_hearst.extract_abbreviation_definition_pairs(
            doc_text=text, first_definition=True
        )
        return {(str(s), str(lf)) for s, lf in pairs.items()}

    return find


def score(documents: list[Document], find) -> dict:
    tp = fp = fn = 0
    errors = []
    for document in documents:
        found: set[tuple[str, str]] = set()
        for text in document.passages:
            found |= find(text)
        got, want = scoped(found), scoped(document.gold)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        for pair in sorted(got - want):
            errors.append(f"FP {document.id} {pair}")
        for pair in sorted(want - got):
            errors.append(f"FN {document.id} {pair}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1, "errors": errors}


def prose_texts(folders: list[Path]) -> list[tuple[str, str]]:
    from bot.library import formats
    from bot.library.cleaning import clean

    texts = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if not formats.is_supported(path):
                continue
            try:
                texts.append((path.name, clean(formats.read_text(path, path.read_bytes())).text))
            except formats.UnreadableFile as exc:
                print(f"  skipped {path.name}: {exc}")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default=str(SHARED / "eval/acronyms-gold"))
    parser.add_argument("--ablate", action="store_true", help="score each rule turned off")
    parser.add_argument("--prose", action="store_true", help="also run over policy prose")
    parser.add_argument(
        "--prose-folders",
        nargs="*",
        default=[str(ROOT / "seeds"), str(SHARED / "corpora/real-docs")],
    )
    parser.add_argument("--prose-out", default="/tmp/acronyms-prose.txt")
    parser.add_argument("--errors", help="write the project's errors here")
    args = parser.parse_args()

    from bot.glossary import acronyms

    gold_dir = Path(args.gold)
    sets = {name: load_gold(gold_dir / file) for name, file in GOLD_FILES.items()}
    finders = {"rocu": project_finder(), "abbreviations": abbreviations_finder()}
    print("| set | finder | gold pairs | P | R | F1 | reference P / R |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    error_lines = []
    for name, documents in sets.items():
        gold_pairs = sum(len(scoped(d.gold)) for d in documents)
        for label, find in finders.items():
            start = time.perf_counter()
            s = score(documents, find)
            seconds = time.perf_counter() - start
            ref = REFERENCE[name] if label == "abbreviations" else None
            ref_text = f"{ref[0]:.3f} / {ref[1]:.3f}" if ref else ""
            print(
                f"| {name} | {label} | {gold_pairs} | {s['p']:.3f} | {s['r']:.3f} | "
                f"{s['f1']:.3f} | {ref_text} |  <!-- {seconds:.1f} s, tp {s['tp']} fp {s['fp']}"
                f" fn {s['fn']} -->"
            )
            if label == "rocu":
                error_lines += [f"{name} {line}" for line in s["errors"]]
    if args.errors:
        Path(args.errors).write_text("\n".join(error_lines) + "\n")

    if args.ablate:
        print("\nRule ablation (rocu with one rule turned off, or on for a rule off by default;")
        print("change against the default rules):\n")
        print("| rule | set | P | R | F1 | dP | dR | dF1 |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        full = {name: score(docs, project_finder()) for name, docs in sets.items()}
        for rule in acronyms.RULES:
            rules = set(acronyms.DEFAULT_RULES) ^ {rule}
            label = f"{rule} off" if rule in acronyms.DEFAULT_RULES else f"{rule} on"
            for name, documents in sets.items():
                s, f = score(documents, project_finder(rules)), full[name]
                print(
                    f"| {label} | {name} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | "
                    f"{s['p'] - f['p']:+.3f} | {s['r'] - f['r']:+.3f} | {s['f1'] - f['f1']:+.3f} |"
                )

    if args.prose:
        texts = prose_texts([Path(p) for p in args.prose_folders])
        lines, totals = [], {label: 0 for label in finders}
        both = 0
        for name, text in texts:
            found = {label: find(text) for label, find in finders.items()}
            for label in finders:
                totals[label] += len(found[label])
            ours = {normalise(s, lf) for s, lf in found["rocu"]}
            theirs = {normalise(s, lf) for s, lf in found["abbreviations"]}
            both += len(ours & theirs)
            lines.append(f"== {name}")
            for s, lf in sorted(found["rocu"]):
                tag = "both" if normalise(s, lf) in theirs else "rocu only"
                lines.append(f"  [{tag}] {s} = {lf}")
            for s, lf in sorted(found["abbreviations"]):
                if normalise(s, lf) not in ours:
                    lines.append(f"  [abbreviations only] {s} = {lf}")
        Path(args.prose_out).write_text("\n".join(lines) + "\n")
        print(
            f"\nPolicy prose: {len(texts)} documents; definitions found: rocu "
            f"{totals['rocu']}, abbreviations {totals['abbreviations']}, the same pair by both "
            f"{both}; all listed in {args.prose_out}"
        )


if __name__ == "__main__":
    main()
