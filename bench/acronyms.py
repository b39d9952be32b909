"""Benchmark: acronym definition finding against published gold standards (not a test).

For each BioC gold set in ``../shared/eval/acronyms-gold/`` (or the folder given), the pairs
(short form, long form) each document defines, found by ``bot.glossary.acronyms`` and by the
``abbreviations`` package (a Schwartz-Hearst implementation, the bench extra) on the same passage
texts, scored against the gold pairs with the gold README's normalisation: pairs per document,
case-folded, whitespace collapsed, a plural short form ("ROCUs") and the last word of the long
form made singular; in scope = short forms with two or more capitals, on both sides.

``--ablate`` also scores the project with each of its rules turned off in turn, to show what every
rule buys and costs. ``--protocol`` applies the generalisation protocol to that ablation: tune on
one gold set and check on the other, then swap; a rule stays in the ``bio`` profile only if it
does not lower F1 on the set it was not tuned on (both directions are printed, each with the
finder's figures on the checking set beside Schwartz-Hearst's). ``--prose-sets`` scores both
finders (the project's default ``policy`` profile) on the passages of ``bench/prose/*.toml``,
policy and encyclopaedia prose written for this benchmark, with 95% bootstrap intervals, and
ablates the policy rules on them. ``--prose`` runs both finders over policy prose (the seeds and
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
    parser.add_argument(
        "--protocol", action="store_true", help="tune on one set, check on the other"
    )
    parser.add_argument("--prose-sets", action="store_true", help="score bench/prose/*.toml")
    parser.add_argument("--skip-gold", action="store_true", help="only the prose sets")
    args = parser.parse_args()
    if args.prose_sets:
        prose_sets_report()
        if args.skip_gold:
            return

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

    if args.protocol:
        protocol_report(sets)

    if args.ablate:
        print("\nRule ablation (rocu with one rule turned off, or on for a rule off by default;")
        print("change against the default rules):\n")
        print("| rule | set | P | R | F1 | dP | dR | dF1 |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        full = {name: score(docs, project_finder()) for name, docs in sets.items()}
        for rule in acronyms.RULES:
            rules = set(acronyms.BIO_RULES) ^ {rule}
            label = f"{rule} off" if rule in acronyms.BIO_RULES else f"{rule} on"
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


def f1_of(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


_SETS: dict[str, list[Document]] = {}


def _f1_without(task: tuple[str, str]) -> float:
    from bot.glossary import acronyms

    rule, name = task
    return score(_SETS[name], project_finder(set(acronyms.BIO_RULES) - {rule}))["f1"]


def protocol_report(sets: dict[str, list[Document]]) -> None:
    """Tune on one gold set, check on the other, then swap (the bio profile's rules)."""
    from bot.glossary import acronyms

    every = set(acronyms.BIO_RULES)
    full = {name: score(docs, project_finder(every)) for name, docs in sets.items()}
    change: dict[str, dict[str, float]] = {}
    tasks = [(rule, name) for rule in sorted(every) for name in sets]
    global _SETS
    _SETS = sets
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(2) as pool:  # the ablation: two at a time
        for (rule, name), f1 in zip(tasks, pool.map(_f1_without, tasks), strict=True):
            change.setdefault(rule, {})[name] = full[name]["f1"] - f1  # what the rule adds
    names = list(sets)
    sh = abbreviations_finder()
    print("\nGeneralisation protocol (bio profile; dF1 = F1 with the rule - F1 without it):\n")
    for tune, check in ((names[0], names[1]), (names[1], names[0])):
        chosen = {r for r in every if change[r][tune] >= 0}  # kept when tuning on `tune`
        s_all = full[check]
        s_chosen = score(sets[check], project_finder(chosen))
        s_sh = score(sets[check], sh)
        fails = sorted(r for r in chosen if change[r][check] < 0)
        print(f"Tuned on {tune}, checked on {check}:")
        print("| finder on " + check + " | P | R | F1 |\n| --- | --- | --- | --- |")
        for label, s in (
            (f"rocu, rules kept on {tune} ({len(chosen)})", s_chosen),
            (f"rocu, all bio rules ({len(every)})", s_all),
            ("Schwartz-Hearst (abbreviations)", s_sh),
        ):
            print(f"| {label} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} |")
        print(f"rules kept on {tune} that lower F1 on {check}: {', '.join(fails) or 'none'}\n")
    print("| rule | dF1 " + names[0] + " | dF1 " + names[1] + " | stays |")
    print("| --- | --- | --- | --- |")
    for rule in sorted(every, key=lambda r: -sum(change[r].values())):
        stays = all(v >= 0 for v in change[rule].values())
        print(
            f"| {rule} | {change[rule][names[0]]:+.4f} | {change[rule][names[1]]:+.4f} | "
            f"{'yes' if stays else '**no**'} |"
        )


def load_prose_sets() -> dict[str, list[Document]]:
    import tomllib

    sets = {}
    for path in sorted((ROOT / "bench" / "prose").glob("*.toml")):
        passages = tomllib.loads(path.read_text(encoding="utf-8"))["passage"]
        sets[path.stem] = [
            Document(f"{path.stem}-{n}", [p["text"]], {tuple(pair) for pair in p["pairs"]})
            for n, p in enumerate(passages)
        ]
    return sets


def bootstrap_f1(documents: list[Document], find, rounds: int = 1000) -> tuple[float, float]:
    """A 95% interval for F1, resampling the passages (seeded, so runs agree)."""
    import random

    counts = []
    for document in documents:
        got = scoped(find(document.passages[0]))
        want = scoped(document.gold)
        counts.append((len(got & want), len(got - want), len(want - got)))
    rng = random.Random(26)
    values = []
    for _ in range(rounds):
        sample = [rng.choice(counts) for _ in counts]
        values.append(f1_of(*(sum(c[i] for c in sample) for i in range(3))))
    values.sort()
    return values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1]


def prose_sets_report() -> None:
    from bot.glossary import acronyms

    sets = load_prose_sets()
    finders = {
        "rocu (policy profile)": project_finder(profile="policy"),
        "rocu (bio profile)": project_finder(profile="bio"),
        "Schwartz-Hearst (abbreviations)": abbreviations_finder(),
    }
    print("| prose set | passages | gold pairs | finder | P | R | F1 [95% interval] |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, documents in sets.items():
        gold = sum(len(scoped(d.gold)) for d in documents)
        for label, find in finders.items():
            s = score(documents, find)
            low, high = bootstrap_f1(documents, find)
            print(
                f"| {name} | {len(documents)} | {gold} | {label} | {s['p']:.3f} | {s['r']:.3f} | "
                f"{s['f1']:.3f} [{low:.2f}, {high:.2f}] |"
            )
            if label.startswith("rocu (policy"):
                for line in s["errors"]:
                    print(f"  <!-- {line} -->")
    print("\nPolicy rules that change F1 on a prose set when switched off (dF1 = with - without):")
    policy = set(acronyms.DEFAULT_RULES)
    base = {name: score(docs, project_finder(policy))["f1"] for name, docs in sets.items()}
    for rule in sorted(policy):
        deltas = {
            name: base[name] - score(docs, project_finder(policy - {rule}))["f1"]
            for name, docs in sets.items()
        }
        if any(abs(v) > 1e-9 for v in deltas.values()):
            shown = ", ".join(f"{name} {v:+.3f}" for name, v in deltas.items())
            print(f"- {rule}: {shown}")


if __name__ == "__main__":
    main()
