"""Guessed titles and dates against the titles and dates the corpora's SOURCES tables give.

    python bench/metadata.py [CORPUS ...] [--markdown] [--json] [--code CHECKOUT]
    python bench/metadata.py --compare CHECKOUT      # baseline and this code, one run
    python bench/metadata.py --transcripts [--compare CHECKOUT]   # Covid Inquiry hearing days

CORPUS defaults to ``corpora/real-docs`` and ``corpora/real-docs-2`` under ../shared (or
/work/shared). Each file is read, cleaned and described exactly as ingest does, with no
catalogue, so every title and date is the guess a team would see. ``--code`` imports ``bot``
from another checkout (the baseline); ``--compare`` runs this script on that checkout in a child
process and on this one, and prints both side by side.

The documents are split into a tuning half and a checking half (``SPLIT`` below: alternate rows
of the SOURCES tables, in table order). Rules are tuned on the tuning half only; the checking
half is reported beside it, and both together.

Matching rules (stated in bench/RESULTS.md with the figures):

- **Title right** when the guess, normalised (lower case, words only, parenthesised asides and
  "—"/":" separators dropped), matches the main title of the SOURCES title: some segment of it
  (the whole title, or a part between ":" / "—" / "–" separators, parenthesised asides
  removed) of at least 2 words is met with rapidfuzz ``token_set_ratio`` >= 90 *and* the guess
  covers at least 80% of that segment's words *and* at least half of the guess's words are in the
  SOURCES title. A running head or caption ("Code of Practice") that is a fragment of a long
  title fails the cover test; a title padded with a line of the text fails the last test.
- **Date right** when the guess equals the SOURCES date at the precision the table gives: the
  day when it gives a day ("published 19 July 2011"), the month ("July 2024") or the year
  ("2014") when it gives only that. The first date expression of the cell is the date; what
  follows in brackets or after ";" is a note ("(PDF created 14 Sep 2011)"). An unknown date is
  wrong, and counted apart from a wrong guess (worse: it misleads).
- **Author right** (round 12: the "by ..." line) when the words of the guess and of the SOURCES
  publisher cell (asides in brackets and what follows ";" or "/" dropped; "of", "the", "and"
  aside) are one within the other: "House of Lords, Science and Technology Select Committee"
  for "House of Lords (TSO)". None guessed is unknown; a guess not within is wrong (the
  converter of a page named as the author of the report it carries).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))


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


if "--code" in sys.argv:  # before any import of bot
    _use_code_from(sys.argv[sys.argv.index("--code") + 1])

from rapidfuzz import fuzz  # noqa: E402

SHARED = ROOT.parent / "shared"
if not (SHARED / "corpora").is_dir():
    SHARED = Path("/work/shared")
DEFAULT_CORPORA = [SHARED / "corpora" / "real-docs", SHARED / "corpora" / "real-docs-2"]

# The split, by document: alternate rows of the two SOURCES tables in table order (real-docs
# then real-docs-2), the first row tuning. Kept as data so that it never moves with the code.
SPLIT = {
    "covid-inquiry-module1-report-2024.pdf": "tune",
    "govt-response-covid-inquiry-module1-2025.pdf": "check",
    "hl-sct-behaviour-change-report-2011.pdf": "tune",
    "govt-response-behaviour-change-2011.pdf": "check",
    "commons-early-day-motions-2010-11-08.pdf": "tune",
    "dwp-waspi-state-pension-age-decision-2026.pdf": "check",
    "hansard-commons-written-ministerial-statements-2011-07-19-excerpt.html": "tune",
    "hansard-commons-written-answers-2011-07-19-excerpt.html": "check",
    "scotland-code-of-practice-stop-and-search-2017.docx": "tune",
    "em-pofa-national-security-determinations-order-2014.docx": "check",
    "ia-drug-driving-specified-limits-2014.docx": "tune",
    "uksc-press-summary-gordon-v-sccrc-2017.docx": "check",
    "em-hertfordshire-electoral-changes-order-2015.docx": "tune",
    "covid-inquiry-m2-npcc-closing-submissions-2023-12-13.rst": "check",
    "acpo-niissg-interviewing-position-statements-binder.txt": "tune",
    "hc-eac-environmental-impact-of-microplastics-hc179-2016.pdf": "check",
    "hc-eac-microplastics-govt-response-hc802-2016.pdf": "tune",
    "covid-inquiry-m2-report-and-recommendations-in-brief-2025.pdf": "check",
    "commons-library-cbp10081-infected-blood-recommendations-2025.pdf": "tune",
    "dhsc-rapid-review-mental-health-inpatient-data-govuk-print.pdf": "check",
    "dhsc-govt-response-rapid-review-mental-health-inpatient-data-govuk-print.pdf": "tune",
    "covid-inquiry-m2-chair-statement-transcript-2025.pdf": "check",
    "ofsted-report-rounds-green-primary-2016.PDF": "tune",
    "leveson-part-g-ch4-press-and-police-conclusions-recommendations.html": "check",
    "hansard-commons-petitions-2014-01-16.html": "tune",
    "lords-house-committee-minutes-2016-06-29.pdf": "check",
    "met-police-monthly-knife-crime-summary-2015-07.pdf": "tune",
    "home-office-taser-use-figures-march-2010.pdf": "check",
    "govuk-home-office-controlled-drugs-list-2014.html": "tune",
    "ni-code-video-recording-terrorism-act-interviews-2020.docx": "check",
    "memo-ipa-communications-data-regulations-2020.docx": "tune",
    "ia-failure-to-prevent-fraud-offence-2025.docx": "check",
    "covid-inquiry-m2-transcript-martin-hewitt-npcc-2023-11-09.rst": "tune",
}

MONTHS = "january february march april may june july august september october november december"
MONTH = {name: i for i, name in enumerate(MONTHS.split(), start=1)}
MONTH.update({name[:3]: i for name, i in list(MONTH.items())})
MONTH["sept"] = 9


# --- the SOURCES tables ------------------------------------------------------------------------


def sources(folder: Path) -> list[dict]:
    """The rows of a SOURCES.md table: file, title, date (the cell as written)."""
    rows = []
    header = None
    for line in (folder / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None if not rows else header
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        if "file" in row and "title" in row and "date" in row:
            rows.append(
                {
                    "file": row["file"].strip("`"),
                    "title": row["title"],
                    "date": row["date"],
                    "publisher": row.get("publisher", ""),
                }
            )
    return rows


_GOLD_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?\s+((?:19|20)\d\d)\b")
_GOLD_MONTH = re.compile(r"\b([A-Za-z]{3,9})\.?\s+((?:19|20)\d\d)\b")
_GOLD_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def gold_date(cell: str) -> str | None:
    """The date a SOURCES cell gives, at its precision: "2011-07-19", "2024-07" or "2014"."""
    head = re.split(r"[(;]", cell)[0]
    for pattern, size in ((_GOLD_DAY, 3), (_GOLD_MONTH, 2), (_GOLD_YEAR, 1)):
        for m in pattern.finditer(head):
            if size == 3 and m.group(2).lower() in MONTH:
                return f"{m.group(3)}-{MONTH[m.group(2).lower()]:02d}-{int(m.group(1)):02d}"
            if size == 2 and m.group(1).lower() in MONTH:
                return f"{m.group(2)}-{MONTH[m.group(1).lower()]:02d}"
            if size == 1:
                return m.group(1)
    return None


# --- matching ----------------------------------------------------------------------------------


_DATES = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:" + "|".join(MONTHS.split()) + r")\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def norm_words(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", " ", text or "")
    return re.findall(r"[^\W_]+", text.lower().replace("’", "'"))


def title_segments(title: str) -> list[str]:
    """The main titles a SOURCES title offers: the whole (asides in brackets and dates taken
    out), each part between ":" / "—" / "–" separators of 2+ words, and the part after the
    first ":" whatever its length (the title after a publisher or series prefix)."""
    whole = _DATES.sub(" ", re.sub(r"\([^)]*\)", " ", title))
    parts = re.split(r":\s|\s[—–]\s", whole)
    segments = [whole] + [p for p in parts if len(norm_words(p)) >= 2]
    if len(parts) > 1 and norm_words(parts[1]):
        segments.append(parts[1])
    return segments


def title_right(guess: str | None, title: str) -> bool:
    """Right when the guess covers 80% of the words of one of the title's segments, matches it
    with token_set_ratio >= 90, and at least half of the guess's words are in the title."""
    if not guess:
        return False
    words = norm_words(guess)
    if not words:
        return False
    in_title = set(norm_words(title))
    if sum(w in in_title for w in words) < 0.5 * len(words):
        return False
    guess_text = " ".join(words)
    for segment in title_segments(title):
        seg_words = norm_words(segment)
        covered = sum(w in set(words) for w in seg_words) / len(seg_words)
        if covered >= 0.8 and fuzz.token_set_ratio(guess_text, " ".join(seg_words)) >= 90:
            return True
    return False


_CONNECTORS = {"of", "the", "and", "for", "on", "in", "to", "by", "with", "s"}


def author_verdict(guess: str | None, publisher: str) -> str:
    """``right``, ``unknown`` (none guessed) or ``wrong``, against the SOURCES publisher cell
    (asides in brackets dropped): right when the words of one hold all the words of the other
    ("House of Lords, Science and Technology Select Committee" for "House of Lords (TSO)")."""
    if not guess:
        return "unknown"
    mine = set(norm_words(guess)) - _CONNECTORS
    theirs = set(norm_words(re.split(r"[;/]", publisher)[0])) - _CONNECTORS
    if not mine or not theirs:
        return "wrong"
    return "right" if mine <= theirs or theirs <= mine else "wrong"


def date_verdict(guess: str | None, gold: str | None) -> str:
    """``right``, ``unknown`` (no date guessed) or ``wrong`` (a date, not the SOURCES one). A
    document the table gives no date for is right only when left unknown."""
    if not guess:
        return "right" if not gold else "unknown"
    if gold and guess[: len(gold)] == gold:
        return "right"
    return "wrong"


# --- reading as ingest does --------------------------------------------------------------------


def describe_file(path: Path) -> dict:
    from bot.library import formats
    from bot.library.cleaning import clean
    from bot.library.metadata import describe

    extracted = formats.extract(path, path.read_bytes())
    cleaned = clean(extracted.text)
    meta = describe(cleaned, path.name, None, extracted.text, hints=extracted)
    try:  # every rule's finding, chosen or not: the witnesses of each rule
        from bot.library.front_matter import findings

        found = {f.rule: f.value for f in findings(cleaned, extracted.text, extracted)}
    except ImportError:  # the baseline has no rules
        found = {}
    return {
        "title": meta.title,
        "date": meta.date,
        "author": meta.author,
        "why": getattr(meta, "why", None) or {},
        "found": found,
    }


def transcript_dates(archive: Path) -> dict:
    """Dates of the Covid Inquiry hearing transcripts against their file names (YYYY-MM-DD.rst):
    a check of the date rules on 270 files from outside the SOURCES split."""
    import tarfile

    from bot.library import formats
    from bot.library.cleaning import clean
    from bot.library.metadata import describe

    counts = {"right": 0, "unknown": 0, "wrong": 0}
    titles = {"names the day": 0, "does not": 0}
    misses = []
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            name = Path(member.name)
            if not member.isfile() or not re.fullmatch(r"\d{4}-\d\d-\d\d", name.stem[:10]):
                continue
            data = tar.extractfile(member).read()
            extracted = formats.extract(name, data)
            meta = describe(clean(extracted.text), name.name, None, extracted.text, extracted)
            verdict = date_verdict(meta.date, name.stem[:10])
            counts[verdict] += 1
            # a title that names the hearing's day (the file name's) tells one day from another
            day = title_day(meta.title)
            titles["names the day" if day == name.stem[:10] else "does not"] += 1
            if verdict != "right":
                misses.append(f"{member.name}: {meta.date}")
    return {"counts": counts, "titles": titles, "misses": misses}


def title_day(title: str) -> str | None:
    """The day a title names ("... 9 November 2023 ...", "8-07-2025"), as ISO, or None."""
    day = _GOLD_DAY.search(title or "")
    if day and day.group(2).lower() in MONTH:
        return f"{day.group(3)}-{MONTH[day.group(2).lower()]:02d}-{int(day.group(1)):02d}"
    num = re.search(r"\b([0-3]?\d)[-/.]([01]?\d)[-/.]((?:19|20)\d\d)\b", title or "")
    return f"{num.group(3)}-{int(num.group(2)):02d}-{int(num.group(1)):02d}" if num else None


def seed_rows(folder: Path) -> list[dict]:
    """The seed library's catalogue as SOURCES-like rows (title, date as declared)."""
    import tomllib

    entries = tomllib.loads((folder / "catalogue.toml").read_text(encoding="utf-8"))
    return [
        {"file": name, "title": e.get("title", ""), "date": str(e.get("date") or "")}
        for name, e in entries.get("documents", {}).items()
    ]


def run(corpora: list[Path], seeds: bool = False) -> list[dict]:
    out = []
    for folder in corpora:
        for row in seed_rows(folder) if seeds else sources(folder):
            path = folder / row["file"]
            if not path.is_file():
                continue
            try:
                found = describe_file(path)
            except Exception as exc:  # a file the code cannot read counts as two misses
                found = {"title": None, "date": None, "why": {"error": str(exc)[:80]}}
                found.update(author=None, found={})
            gold = gold_date(row["date"]) if not seeds else (row["date"] or None)
            out.append(
                {
                    "file": row["file"],
                    "half": SPLIT.get(row["file"], "check"),
                    "publisher": row.get("publisher", ""),
                    "gold_title": row["title"],
                    "gold_date_cell": row["date"],
                    "gold_date": gold,
                    "title": found["title"],
                    "date": found["date"],
                    "why": found["why"],
                    "found": found["found"],
                    "title_right": title_right(found["title"], row["title"]),
                    "date_verdict": date_verdict(found["date"], gold),
                    "author": found["author"],
                    "author_verdict": author_verdict(found["author"], row.get("publisher", "")),
                }
            )
    return out


# --- reporting ---------------------------------------------------------------------------------


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def summary(results: list[dict]) -> dict:
    out = {}
    for half in ("tune", "check", "all"):
        rows = [r for r in results if half == "all" or r["half"] == half]
        n = len(rows)
        titles = sum(r["title_right"] for r in rows)
        verdicts = [r["date_verdict"] for r in rows]
        authors = [r.get("author_verdict", "unknown") for r in rows]
        out[half] = {
            "author_right": authors.count("right"),
            "author_unknown": authors.count("unknown"),
            "author_wrong": authors.count("wrong"),
            "n": n,
            "title_right": titles,
            "date_right": verdicts.count("right"),
            "date_unknown": verdicts.count("unknown"),
            "date_wrong": verdicts.count("wrong"),
        }
    return out


def pct(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k}/{n} = {100 * k / n:.0f}% [{100 * lo:.0f}–{100 * hi:.0f}]" if n else "-"


def print_summary(label: str, s: dict) -> None:
    print(f"{label}:")
    for half in ("tune", "check", "all"):
        h = s[half]
        print(
            f"  {half:5}  title right {pct(h['title_right'], h['n'])}   date right "
            f"{pct(h['date_right'], h['n'])}   unknown {h['date_unknown']}   "
            f"wrong {h['date_wrong']}   author right {h['author_right']} unknown "
            f"{h['author_unknown']} wrong {h['author_wrong']}"
        )


def rule_table(results: list[dict]) -> list[tuple[str, str, int, list[dict], list[dict]]]:
    """(field, rule, documents it decided, rows where what it found is right, rows where it is
    wrong), whether or not it was the rule chosen: the witnesses of each rule."""
    try:
        from bot.library.front_matter import RULES
    except ImportError:  # the baseline has no rules
        return []
    table = []
    for name, field, why in RULES:
        decided = sum(r["why"].get(field) == why for r in results)
        right, wrong = [], []
        for r in results:
            value = r.get("found", {}).get(name)
            if not value:
                continue
            if field == "title":
                ok = title_right(value, r["gold_title"])
            elif field == "author":
                ok = author_verdict(value, r["publisher"]) == "right"
            else:
                ok = date_verdict(value, r["gold_date"]) == "right"
            (right if ok else wrong).append(r)
        table.append((field, name, decided, right, wrong))
    return table


def _witness(r: dict) -> str:
    publisher = re.split(r"[(;,]", r["publisher"])[0].strip() or r["file"]
    return f"{publisher} ({r['half']})"


def print_rules(results: list[dict]) -> None:
    print("  rules: decided / found something right / wrong; right on (publisher, half)")
    for field, rule, decided, right, wrong in rule_table(results):
        print(f"  {field:5} {rule:17} {decided:2} / {len(right):2} / {len(wrong)}: ", end="")
        print("; ".join(_witness(r) for r in right))


def print_misses(results: list[dict]) -> None:
    for r in results:
        if not r["title_right"]:
            why = r["why"].get("title", "")
            print(f"  title [{r['half']}] {r['file']}: {r['title']!r} ({why})")
            print(f"        want: {r['gold_title']}")
    for r in results:
        if r.get("author_verdict", "unknown") == "wrong":
            print(f"  author wrong [{r['half']}] {r['file']}: {r['author']!r} ({r['publisher']})")
    for r in results:
        if r["date_verdict"] != "right":
            why = r["why"].get("date", "")
            print(
                f"  date {r['date_verdict']:7} [{r['half']}] {r['file']}: {r['date']} ({why})"
                f" want {r['gold_date']} ({r['gold_date_cell']})"
            )


def markdown(results: list[dict], s: dict, base: dict | None) -> str:
    lines = [
        "| half | docs | title right | date right | date unknown | date wrong | author "
        "right | author unknown | author wrong |"
    ]
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for half in ("tune", "check", "all"):
        h = s[half]
        b = base[half] if base else None

        def cell(key, h=h, b=b):
            now = pct(h[key], h["n"]) if key in ("title_right", "date_right") else str(h[key])
            return f"{now} (was {b[key]})" if b else now

        lines.append(
            f"| {half} | {h['n']} | {cell('title_right')} | {cell('date_right')} | "
            f"{cell('date_unknown')} | {cell('date_wrong')} | {cell('author_right')} | "
            f"{cell('author_unknown')} | {cell('author_wrong')} |"
        )
    lines.append("")
    lines.append(
        "Each rule: the documents it decided (the first rule that found anything), and what it "
        "found on every document, chosen or not: right / wrong, and the witnesses it was right "
        "on (publisher, half):"
    )
    lines.append("")
    lines.append("| field | rule | decided | found right | found wrong | right on |")
    lines.append("|---|---|---|---|---|---|")
    for field, rule, decided, right, wrong in rule_table(results):
        witnesses = "; ".join(_witness(r) for r in right)
        lines.append(
            f"| {field} | {rule} | {decided} | {len(right)} | {len(wrong)} | {witnesses} |"
        )
    lines.append("")
    lines.append("Misses:")
    lines.append("")
    for r in results:
        if not r["title_right"]:
            lines.append(f"- title ({r['half']}) `{r['file']}`: {r['title']!r}")
    for r in results:
        if r["date_verdict"] != "right":
            lines.append(
                f"- date {r['date_verdict']} ({r['half']}) `{r['file']}`: {r['date']} "
                f"(SOURCES: {r['gold_date_cell']})"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--code", help="import bot from this checkout (the baseline)")
    parser.add_argument("--compare", help="also run the baseline checkout, in a child process")
    parser.add_argument(
        "--seeds", action="store_true", help="the seed library against its catalogue instead"
    )
    parser.add_argument(
        "--transcripts",
        nargs="?",
        const=str(SHARED / "corpora" / "uk-covid19-inquiry.tar.gz"),
        help="dates of the Covid Inquiry transcripts against their file names instead",
    )
    args = parser.parse_args()
    if args.transcripts:
        import logging

        logging.disable(logging.WARNING)
        found = transcript_dates(Path(args.transcripts))
        if args.compare:  # the baseline's figures beside these, from the same run
            child = subprocess.run(
                [sys.executable, __file__, "--transcripts", args.transcripts]
                + ["--code", args.compare],
                capture_output=True,
                text=True,
                check=True,
            )
            base = json.loads(child.stdout)
            found = {"baseline": {k: base[k] for k in ("counts", "titles")}, **found}
        print(json.dumps(found, indent=1))
        return 0
    corpora = args.corpora or ([ROOT / "seeds"] if args.seeds else DEFAULT_CORPORA)
    import logging

    logging.disable(logging.WARNING)
    base_results = None
    if args.compare:
        child = subprocess.run(
            [sys.executable, __file__, *map(str, corpora), "--json", "--code", args.compare]
            + (["--seeds"] if args.seeds else []),
            capture_output=True,
            text=True,
            check=True,
        )
        base_results = json.loads(child.stdout)
    results = run(corpora, args.seeds)
    if args.json:
        print(json.dumps(results, indent=1, default=str))
        return 0
    s = summary(results)
    base = summary(base_results) if base_results else None
    if args.markdown:
        print(markdown(results, s, base))
        return 0
    if base_results:
        print_summary("baseline", base)
        print_misses(base_results)
        print()
    print_summary("this code", s)
    print_rules(results)
    print_misses(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
