"""Benchmark: recommendation extraction on real documents, through the real ingest pipeline.

Each document of ``--corpus`` (default ``../shared/corpora/real-docs``, which holds ``gold.json``)
is ingested into a fresh store, as a user would add it: once without a catalogue (type, date and
title guessed from the text) and once with a catalogue that declares type and date. The
recommendations the ingest hook stored are compared with the gold ones.

How an extracted recommendation matches a gold one: both texts are normalised (Unicode NFKC,
curly quotes and dashes folded, bullet glyphs and end-of-line hyphenation removed, whitespace
collapsed, case ignored); the gold ``opening_words`` match an extracted recommendation when its
first 400 characters contain the gold's first eight words, or when the best-aligned window of those
characters scores >= 90 (rapidfuzz ``partial_ratio``) against them. Each gold item and each
extracted item is used at most once (first match in document order). An extracted item that
matches a gold ``doubtful`` item counts neither way (the gold's own rule); any other unmatched
extracted item is a false recommendation.

- recall = gold found / gold; precision = true / (true + false).
- addressee right: the extracted addressees, each put through ``bot.recs.addressees.canonical``
  (glossary included) and split on "," / "and", equal the gold's treated the same way; counted
  over found items whose gold names an addressee. Both sides drop a qualifier ("X, including
  Y", "X, such as Y", "X, through Y": X is named) and read "X, in partnership with Y" as X and Y
  (since round 3; earlier figures split such a phrase into parts no extraction can give).
- deadline right: both empty, or both present and the extracted words occur in the gold's
  (or partial_ratio >= 80); counted over all found items.

    python bench/recs.py [--corpus DIR] [--only NAME] [-v] [--record]

``--written`` (alone: ``tests/recs/kinds11``) adds documents written for the tests in the hidden
kinds as a third part, "written", beside the tuning and checking halves (its own rows in the
tables and the ablation; "false in none-docs" of the halves leaves it out). Written texts are not
held out once a rule is fixed against them.

The seed library's figures against ``eval/recommendations.json`` are printed last.

    python bench/recs.py --transcripts [TARBALL] [--sample 50]

counts what is found in hearing transcripts (``../shared/corpora/uk-covid19-inquiry.tar.gz``),
which make no recommendations: every item is false unless it quotes one. A sample of the files,
spread evenly over the sorted list, is ingested as a user would (type guessed); the same cleaned
texts are then read as if typed ``other`` and ``committee-report``, to show what the sentence
rules alone would invent if type guessing failed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from bot.library import documents as library  # noqa: E402
from bot.library import metadata  # noqa: E402
from bot.library.ingest import ingest  # noqa: E402
from bot.library.store import open_db  # noqa: E402
from bot.recs import addressees as names  # noqa: E402
from bot.recs.tracker import list_recommendations, rebuild_all  # noqa: E402

SHARED = ROOT.parent / "shared"
if not (SHARED / "corpora").is_dir():
    SHARED = Path("/work/shared")
DEFAULT_CORPORA = [SHARED / "corpora" / "real-docs", SHARED / "corpora" / "real-docs-2"]
DEFAULT_CORPUS = DEFAULT_CORPORA[0]

# What a catalogue would declare for the real documents (from the corpora's SOURCES.md).
CATALOGUE = {
    "covid-inquiry-module1-report-2024.pdf": ("inquiry-report", "2024-07-18"),
    "govt-response-covid-inquiry-module1-2025.pdf": ("government-response", "2025-01-16"),
    "hl-sct-behaviour-change-report-2011.pdf": ("committee-report", "2011-07-19"),
    "govt-response-behaviour-change-2011.pdf": ("government-response", "2011-09"),
    "commons-early-day-motions-2010-11-08.pdf": ("other", "2010-11-08"),
    "dwp-waspi-state-pension-age-decision-2026.pdf": ("government-response", "2026-01"),
    "hansard-commons-written-ministerial-statements-2011-07-19-excerpt.html": (
        "hansard",
        "2011-07-19",
    ),
    "hansard-commons-written-answers-2011-07-19-excerpt.html": ("hansard", "2011-07-19"),
    "scotland-code-of-practice-stop-and-search-2017.docx": ("other", "2017-01-11"),
    "em-pofa-national-security-determinations-order-2014.docx": ("other", "2014"),
    "ia-drug-driving-specified-limits-2014.docx": ("other", "2014-06-27"),
    "uksc-press-summary-gordon-v-sccrc-2017.docx": ("news", "2017-03-22"),
    "em-hertfordshire-electoral-changes-order-2015.docx": ("other", "2015"),
    "covid-inquiry-m2-npcc-closing-submissions-2023-12-13.rst": ("transcript", "2023-12-13"),
    "acpo-niissg-interviewing-position-statements-binder.txt": ("other", "2012"),
    "hc-eac-environmental-impact-of-microplastics-hc179-2016.pdf": (
        "committee-report",
        "2016-08-24",
    ),
    "hc-eac-microplastics-govt-response-hc802-2016.pdf": ("government-response", "2016-11-14"),
    "covid-inquiry-m2-report-and-recommendations-in-brief-2025.pdf": ("inquiry-report", "2025-11"),
    "commons-library-cbp10081-infected-blood-recommendations-2025.pdf": ("other", "2025-06-05"),
    "dhsc-rapid-review-mental-health-inpatient-data-govuk-print.pdf": ("other", "2024-03-21"),
    "dhsc-govt-response-rapid-review-mental-health-inpatient-data-govuk-print.pdf": (
        "government-response",
        "2024-03-21",
    ),
    "covid-inquiry-m2-chair-statement-transcript-2025.pdf": ("speech", "2025-11-20"),
    "ofsted-report-rounds-green-primary-2016.PDF": ("inspection-report", "2016-11-10"),
    "leveson-part-g-ch4-press-and-police-conclusions-recommendations.html": (
        "inquiry-report",
        "2012-11-29",
    ),
    "hansard-commons-petitions-2014-01-16.html": ("hansard", "2014-01-16"),
    "lords-house-committee-minutes-2016-06-29.pdf": ("other", "2016-06-29"),
    "met-police-monthly-knife-crime-summary-2015-07.pdf": ("other", "2015-08-04"),
    "home-office-taser-use-figures-march-2010.pdf": ("other", "2011-03-21"),
    "govuk-home-office-controlled-drugs-list-2014.html": ("other", "2014-08-04"),
    "ni-code-video-recording-terrorism-act-interviews-2020.docx": ("other", "2020-08-14"),
    "memo-ipa-communications-data-regulations-2020.docx": ("other", "2020"),
    "ia-failure-to-prevent-fraud-offence-2025.docx": ("other", "2025-03-17"),
    "covid-inquiry-m2-transcript-martin-hewitt-npcc-2023-11-09.rst": ("transcript", "2023-11-09"),
}
# The development documents split BY DOCUMENT into a tuning half (rules are tuned on it) and a
# checking half (reported beside it, never tuned on). Balanced by kind: reports and responses
# (a report and its response stay together, as they share their recommendations' words),
# documents that make none, and formats (PDF, HTML, DOCX, RST, TXT).
TUNING = {
    # reports and responses: an inquiry report and its response, a committee report and its
    # response, an inquiry's summary leaflet, an inquiry chapter in HTML
    "covid-inquiry-module1-report-2024.pdf",
    "govt-response-covid-inquiry-module1-2025.pdf",
    "hc-eac-environmental-impact-of-microplastics-hc179-2016.pdf",
    "hc-eac-microplastics-govt-response-hc802-2016.pdf",
    "covid-inquiry-m2-report-and-recommendations-in-brief-2025.pdf",
    "leveson-part-g-ch4-press-and-police-conclusions-recommendations.html",
    # none: PDF, HTML, DOCX, RST
    "commons-early-day-motions-2010-11-08.pdf",
    "hansard-commons-written-ministerial-statements-2011-07-19-excerpt.html",
    "scotland-code-of-practice-stop-and-search-2017.docx",
    "em-pofa-national-security-determinations-order-2014.docx",
    "uksc-press-summary-gordon-v-sccrc-2017.docx",
    "covid-inquiry-m2-npcc-closing-submissions-2023-12-13.rst",
    "covid-inquiry-m2-chair-statement-transcript-2025.pdf",
    "hansard-commons-petitions-2014-01-16.html",
    "met-police-monthly-knife-crime-summary-2015-07.pdf",
    "memo-ipa-communications-data-regulations-2020.docx",
}
CHECKING = {
    # reports and responses: a Lords committee report and its response, an independent review
    # and its response, an inspection report, a library briefing
    "hl-sct-behaviour-change-report-2011.pdf",
    "govt-response-behaviour-change-2011.pdf",
    "dhsc-rapid-review-mental-health-inpatient-data-govuk-print.pdf",
    "dhsc-govt-response-rapid-review-mental-health-inpatient-data-govuk-print.pdf",
    "ofsted-report-rounds-green-primary-2016.PDF",
    "commons-library-cbp10081-infected-blood-recommendations-2025.pdf",
    # none: PDF, HTML, DOCX, RST, TXT
    "dwp-waspi-state-pension-age-decision-2026.pdf",
    "hansard-commons-written-answers-2011-07-19-excerpt.html",
    "ia-drug-driving-specified-limits-2014.docx",
    "em-hertfordshire-electoral-changes-order-2015.docx",
    "acpo-niissg-interviewing-position-statements-binder.txt",
    "lords-house-committee-minutes-2016-06-29.pdf",
    "home-office-taser-use-figures-march-2010.pdf",
    "govuk-home-office-controlled-drugs-list-2014.html",
    "ni-code-video-recording-terrorism-act-interviews-2020.docx",
    "ia-failure-to-prevent-fraud-offence-2025.docx",
    "covid-inquiry-m2-transcript-martin-hewitt-npcc-2023-11-09.rst",
}


def half_of(name: str) -> str:
    return "tuning" if name in TUNING else "checking" if name in CHECKING else "other"


# A third part beside the two halves: documents written for the tests in the hidden kinds
# (``--written``; by default tests/recs/kinds11). Not held out once rules are fixed on them.
HALVES = ("tuning", "checking", "written")
DEFAULT_WRITTEN = ROOT / "tests" / "recs" / "kinds11"


# Older stores know fewer types; the bench then declares the nearest old one.
LEGACY = {"inquiry-report": "report", "government-response": "document", "other": "document"}
LEGACY.update({"news": "blog", "inspection-report": "report"})

_FOLD = str.maketrans({"‘": "'", "’": "'", "‖": '"', "“": '"', "”": '"', "–": "-", "—": "-"})


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = re.sub(r"[•●▪◦■]", " ", text)
    return " ".join(text.split()).casefold()


def opening_matches(gold_opening: str, extracted: str) -> bool:
    want = " ".join(norm(gold_opening).split()[:8])
    have = norm(extracted)[:400]
    return want in have or fuzz.partial_ratio(want, have) >= 90


# A gold addressee written with a qualifier names the body before it: "Regulators, including CQC
# and professional regulators", "Professional bodies, such as the Royal Colleges", "Government
# ministers, through DHSC" name the regulators, the bodies, the ministers; "DHSC, in partnership
# with NHS England and CQC" names all three.
_QUALIFIER = re.compile(r",?\s+(?:including|such\s+as|for\s+example|e\.g\.|through)\b.*$", re.I)
_PARTNERS = re.compile(r",?\s+(?:in\s+partnership|together|jointly|working)\s+with\s+", re.I)


_SPLIT = re.compile(r"\s*(?:,\s*and\b|,|\band\b|&)\s*")


def split_names(values: list[str], db, split: bool = True) -> set[str]:
    """Canonical names, each a set member. A gold addressee is a phrase to split ("Trusts and
    providers"); an extracted one is already a list of names (``split=False``: "Department of
    Health and Social Care", a glossary's expansion, stays whole)."""
    parts = set()
    for value in values:
        value = _PARTNERS.sub(", ", _QUALIFIER.sub("", value))
        value = re.sub(r"\s*\(['‘’]?\w+['‘’]?\)", "", value)
        whole = not split or names.known(value)  # "police and crime commissioners" is one body
        pieces = [value] if whole else names.split_listed(value, _SPLIT)
        for part in pieces:
            part = re.sub(r"^(?:the|all|each)\s+", "", part.strip(), flags=re.I)
            if part:
                parts.add(norm(names.canonical(part, db)))
    return parts


def deadline_matches(gold: str | None, extracted: str | None) -> bool:
    if not gold or not extracted:
        return not gold and not extracted
    g = norm(gold)
    return all(
        norm(part) in g or fuzz.partial_ratio(norm(part), g) >= 80 for part in extracted.split("; ")
    )


def score_document(entry: dict, recs: list, db) -> dict:
    golds = entry.get("recommendations", [])
    doubtful = entry.get("doubtful", [])
    used: set[int] = set()
    true = false = 0
    addr_right = addr_total = addr_empty = dead_right = 0
    misses, falses, wrong = [], [], []
    matched_gold: dict[int, object] = {}
    for rec in recs:
        hit = next(
            (
                i
                for i, g in enumerate(golds)
                if i not in used and opening_matches(g["opening_words"], rec.text)
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            matched_gold[hit] = rec
            true += 1
            continue
        if any(
            opening_matches(d.get("opening_words") or d.get("text") or "", rec.text)
            for d in doubtful
            if d.get("opening_words") or d.get("text")
        ):
            continue
        false += 1
        falses.append(rec.text[:90].replace("\n", " "))
    for i, g in enumerate(golds):
        rec = matched_gold.get(i)
        if rec is None:
            misses.append(g["opening_words"][:90])
            continue
        if g.get("addressees"):
            addr_total += 1
            addr_empty += not rec.addressees
            if split_names(rec.addressees, db, split=False) == split_names(g["addressees"], db):
                addr_right += 1
            else:
                wrong.append(f"addressees {rec.addressees} != {g['addressees']}")
        if deadline_matches(g.get("deadline"), rec.deadline_text):
            dead_right += 1
        else:
            wrong.append(f"deadline {rec.deadline_text!r} != {g.get('deadline')!r}")
    return {
        "gold": len(golds),
        "found": len(matched_gold),
        "true": true,
        "false": false,
        "addr_right": addr_right,
        "addr_total": addr_total,
        "addr_empty": addr_empty,
        "dead_right": dead_right,
        "misses": misses,
        "falses": falses,
        "wrong": wrong,
    }


def prepare(corpus: Path, entry: dict, with_catalogue: bool, stores: Path, reuse: bool) -> Path:
    """A store holding just this document, ingested as a user would add it (or with a
    catalogue declaring its type and date). Kept in ``stores``; with ``reuse`` an existing one
    is read again (its recommendations are re-extracted with the current rules)."""
    name = entry["file"]
    path = stores / ("cat" if with_catalogue else "plain") / f"{name}.db"
    if reuse and path.is_file():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        shutil.copy(corpus / name, folder / name)
        if with_catalogue:
            kind, date = CATALOGUE.get(name, (entry.get("type", "other"), entry.get("date", "")))
            if kind not in metadata.DOCUMENT_TYPES:
                kind = LEGACY.get(kind, "document")
            (folder / "catalogue.toml").write_text(
                f'[documents."{name}"]\ntype = "{kind}"\ndate = "{date}"\n'
            )
        db = open_db(path)
        report = ingest(db, [folder])
        if report.failed:
            print(f"  {name}: failed {report.failed}")
        db.conn.close()
    return path


def evaluate(path: Path, entry: dict, verbose: bool = False) -> dict:
    """Re-extract the store's recommendations with the current rules and score them."""
    db = open_db(path)
    rebuild_all(db)
    doc = next(iter(db["documents"].rows), {})
    recs = list_recommendations(db)
    recs.sort(key=lambda r: r.start)
    row = score_document(entry, recs, db)
    row["type"] = doc.get("type")
    row["half"] = entry.get("_half") or half_of(entry["file"])
    row["empty_addressees"] = sum(not r.addressees for r in recs)
    row["recs"] = len(recs)
    row["detectors"] = _by_detector(entry, recs, doc, library.document_text(db, doc["id"]))
    db.conn.close()
    if verbose:
        for m in row["misses"]:
            print(f"    miss  {entry['file'][:20]}: {m}")
        for f in row["falses"]:
            print(f"    false {entry['file'][:20]}: {f}")
        for w in row["wrong"]:
            print(f"    wrong {entry['file'][:20]}: {w}")
    return row


def _by_detector(entry: dict, recs: list, doc: dict, text: str | None) -> dict[str, list[int]]:
    """found, right, false per detector: each stored item counted for every detector that
    proposed it (its provenance)."""
    from bot.recs.extract import extract

    found = {f.start: f for f in extract(text or "", doc.get("type"))}
    out: dict[str, list[int]] = {}
    golds = entry.get("recommendations", [])
    for rec in recs:
        item = found.get(rec.start)
        right = any(opening_matches(g["opening_words"], rec.text) for g in golds)
        for name in getattr(item, "detectors", None) or ["?"]:
            counts = out.setdefault(name, [0, 0, 0])
            counts[0] += 1
            counts[1 if right else 2] += 1
    return out


def run(
    corpus: Path, gold: dict, with_catalogue: bool, verbose: bool, stores: Path, reuse: bool
) -> dict:
    rows = {}
    for entry in gold["documents"]:
        path = prepare(corpus, entry, with_catalogue, stores, reuse)
        rows[entry["file"]] = evaluate(path, entry, verbose)
    return rows


_TOTALS = (
    "gold",
    "found",
    "true",
    "false",
    "addr_right",
    "addr_total",
    "addr_empty",
    "dead_right",
    "empty_addressees",
    "recs",
)


def totals(rows: dict) -> dict:
    tot = dict.fromkeys(_TOTALS, 0)
    tot["none_false"] = 0
    for r in rows.values():
        for k in _TOTALS:
            tot[k] += r[k]
        if not r["gold"]:
            tot["none_false"] += r["false"]
    return tot


def summary_line(label: str, tot: dict) -> str:
    return (
        f"| **{label}** | | {tot['gold']} | {tot['found']} | {tot['false']} | "
        f"{_ratio(tot['found'], tot['gold'])} {_interval(tot['found'], tot['gold'])} | "
        f"{_ratio(tot['true'], tot['true'] + tot['false'])} | "
        f"{_ratio(tot['addr_right'], tot['addr_total'])} ({tot['addr_right']}/"
        f"{tot['addr_total']}) {_interval(tot['addr_right'], tot['addr_total'])} | "
        f"{_ratio(tot['dead_right'], tot['found'])} | "
        f"{tot['none_false']} | {tot['empty_addressees']}/{tot['recs']} | "
        f"{tot['addr_empty']}/{tot['addr_total']} |"
    )


def table(rows: dict, title: str) -> list[str]:
    lines = [
        f"**{title}**",
        "",
        "| document | half | type | gold | found | false | recall | precision | addressee | "
        "deadline |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name[:48]} | {r['half']} | {r['type']} | {r['gold']} | {r['found']} | "
            f"{r['false']} | {_ratio(r['found'], r['gold'])} | "
            f"{_ratio(r['true'], r['true'] + r['false'])} | "
            f"{r['addr_right']}/{r['addr_total']} | {r['dead_right']}/{r['found']} |"
        )
    lines += [
        "",
        "| set | | gold | found | false | recall (95% interval) | precision | addressee (95% "
        "interval) | deadline | false in none-docs | empty addressees (all items) | empty where "
        "gold names one |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for half in HALVES:
        part = {k: v for k, v in rows.items() if v["half"] == half}
        if part:
            lines.append(summary_line(half, totals(part)))
    development = {k: v for k, v in rows.items() if v["half"] != "written"}
    if development and len(development) < len(rows):
        lines.append(summary_line("development (tuning + checking)", totals(development)))
    lines.append(summary_line("all", totals(rows)))
    lines.append("")
    return lines


def detector_table(rows: dict) -> list[str]:
    """found / right / false per detector, per half."""
    lines = [
        "| detector | tuning found | right | false | checking found | right | false |",
        "|---|---|---|---|---|---|---|",
    ]
    names: dict[str, dict[str, list[int]]] = {}
    for r in rows.values():
        for name, counts in r["detectors"].items():
            per = names.setdefault(name, {"tuning": [0, 0, 0], "checking": [0, 0, 0]})
            if r["half"] in per:
                per[r["half"]] = [a + b for a, b in zip(per[r["half"]], counts, strict=True)]
    for name, per in sorted(names.items()):
        t, c = per["tuning"], per["checking"]
        lines.append(f"| {name} | {t[0]} | {t[1]} | {t[2]} | {c[0]} | {c[1]} | {c[2]} |")
    return lines + [""]


def ablation(prepared: list[tuple[Path, dict]], together: tuple[str, ...] = ()) -> list[str]:
    """Each detector, then each rule (``bot/recs/extract/rules.py``), switched off in turn:
    recall, precision and addressee right per half; with ``together``, one more row with those
    rules off at once (a round's rules: its "before" from the same run)."""
    from bot.recs.extract import DETECTORS, disabled

    written = any(e.get("_half") == "written" for _, e in prepared)
    lines = [
        "| switched off | tuning recall | tuning precision | checking recall | "
        "checking precision | tuning addressee | checking addressee | false in none-docs |"
        + (
            " written recall | written precision | written addressee | written false in none |"
            if written
            else ""
        ),
        "|---|---|---|---|---|---|---|---|" + ("---|---|---|---|" if written else ""),
    ]
    from bot.recs.extract.rules import RULES, rules_off

    switches = [("(none)", disabled)] + [(d.name, disabled) for d in DETECTORS]
    switches += [(f"rule {r.name}", rules_off) for r in RULES]
    if together:
        switches.append(("rules " + ", ".join(together), rules_off))
    for name, off in switches:
        names = [] if name == "(none)" else [name.removeprefix("rule ")]
        if name.startswith("rules "):
            names = list(together)
        with off(*names):
            rows = {e["file"]: evaluate(p, e) for p, e in prepared}
        cells = []
        for half in ("tuning", "checking"):
            tot = totals({k: v for k, v in rows.items() if v["half"] == half})
            cells += [
                _ratio(tot["found"], tot["gold"]),
                _ratio(tot["true"], tot["true"] + tot["false"]),
            ]
        for half in ("tuning", "checking"):
            tot = totals({k: v for k, v in rows.items() if v["half"] == half})
            cells.append(_ratio(tot["addr_right"], tot["addr_total"]))
        development = {k: v for k, v in rows.items() if v["half"] != "written"}
        cells.append(str(totals(development)["none_false"]))
        if written:
            tot = totals({k: v for k, v in rows.items() if v["half"] == "written"})
            cells += [
                _ratio(tot["found"], tot["gold"]),
                _ratio(tot["true"], tot["true"] + tot["false"]),
                _ratio(tot["addr_right"], tot["addr_total"]),
                str(tot["none_false"]),
            ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines + [""]


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def _interval(k: int, n: int) -> str:
    """Wilson 95% interval for k of n."""
    if not n:
        return ""
    z, p = 1.96, k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return f"[{max(0, centre - half):.2f}, {min(1, centre + half):.2f}]"


def seeds_line() -> list[str]:
    """The seed library's figures from ``eval/recommendations.json`` (as ``rocu eval`` gives)."""
    from bot.eval import eval_recommendations

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "store.db")
        ingest(db, [ROOT / "seeds"])
        lines: list[str] = []
        eval_recommendations(db, echo=lines.append)
    return ["Seeds: " + lines[0], ""] if lines else []


DEFAULT_TRANSCRIPTS = DEFAULT_CORPUS.parent / "uk-covid19-inquiry.tar.gz"


def transcripts(tarball: Path, sample: int, verbose: bool) -> list[str]:
    """Recommendations found in hearing transcripts (all false unless quoting one)."""
    import tarfile

    from bot.recs.extract import extract

    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(tarball) as tar:
            members = sorted(
                (m for m in tar.getmembers() if m.isfile() and m.name.endswith(".rst")),
                key=lambda m: m.name,
            )
            step = max(1, len(members) // sample) if sample else 1
            chosen = members[::step][:sample] if sample else members
            folder, plain = Path(tmp) / "docs", Path(tmp) / "plain"
            folder.mkdir()
            plain.mkdir()
            for m in chosen:
                data = tar.extractfile(m).read()
                name = m.name.strip("./").replace("/", "_")
                (folder / name).write_bytes(data)
                # the same hearing saved as plain text: "Lady Hallett: ..." without markup
                text = re.sub(r"\*\*([^*\n]+)\*\*:", r"\1:", data.decode("utf-8", "replace"))
                (plain / (name[:-4] + ".txt")).write_text(text)
        db = open_db(Path(tmp) / "store.db")
        ingest(db, [folder])
        docs = [
            {**d, "text": library.document_text(db, d["id"]) or ""} for d in db["documents"].rows
        ]
        plain_db = open_db(Path(tmp) / "plain.db")
        ingest(plain_db, [plain])
        plain_types: dict[str, int] = {}
        plain_found = plain_any = 0
        for doc in plain_db["documents"].rows:
            doc["text"] = library.document_text(plain_db, doc["id"]) or ""
            plain_types[doc["type"]] = plain_types.get(doc["type"], 0) + 1
            found = extract(doc["text"], doc["type"])
            plain_found += len(found)
            plain_any += bool(found)
        counts = {"as ingested": 0, "read as other": 0, "read as committee-report": 0}
        with_any = dict.fromkeys(counts, 0)
        types: dict[str, int] = {}
        samples: list[str] = []
        for doc in docs:
            types[doc["type"]] = types.get(doc["type"], 0) + 1
            for label, kind in (
                ("as ingested", doc["type"]),
                ("read as other", "other"),
                ("read as committee-report", "committee-report"),
            ):
                found = extract(doc["text"], kind)
                counts[label] += len(found)
                with_any[label] += bool(found)
                if label in ("as ingested", "read as committee-report"):
                    for f in found:
                        words = " ".join(doc["text"][f.start : f.end].split())[:110]
                        samples.append(f"[{label}] {doc['file'][:28]}: {words}")
    lines = [
        f"**Hearing transcripts** ({len(docs)} of {len(members)} files of {tarball.name}; "
        f"types guessed: {_counts(types)})",
        "",
        "| read as | recommendations found (all false) | documents with any |",
        "|---|---|---|",
    ]
    lines += [f"| {k} | {counts[k]} | {with_any[k]} |" for k in counts]
    lines.append(f"| saved as plain text, ingested | {plain_found} | {plain_any} |")
    lines += ["", "Plain-text copies typed: " + _counts(plain_types), ""]
    if verbose:
        print("\n".join(samples))
    return lines


def _counts(kinds: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        action="append",
        help="a folder with gold.json (repeatable; default: real-docs and real-docs-2)",
    )
    parser.add_argument("--only", help="only files whose name contains this")
    parser.add_argument("--no-catalogue-only", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and falses")
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    parser.add_argument("--ablation", action="store_true", help="each detector off in turn")
    parser.add_argument("--stores", help="keep the ingested stores here (default: a temp dir)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="re-read stores kept in --stores instead of ingesting again",
    )
    parser.add_argument(
        "--transcripts",
        nargs="?",
        const=str(DEFAULT_TRANSCRIPTS),
        help="count false recommendations in hearing transcripts (tar.gz of .rst files)",
    )
    parser.add_argument("--sample", type=int, default=50, help="transcripts to read (0: all)")
    parser.add_argument(
        "--written",
        action="append",
        nargs="?",
        const=str(DEFAULT_WRITTEN),
        help="also a folder of documents written for the tests, with gold.json, as a third part "
        "'written' beside the halves (repeatable; alone: tests/recs/kinds11)",
    )
    parser.add_argument(
        "--rules-off",
        default="",
        help="rules to switch off for the whole run, comma-separated (a round's 'before')",
    )
    parser.add_argument(
        "--rules-on",
        default="",
        help="rules shipped off to switch on for the whole run, comma-separated (measuring them)",
    )
    parser.add_argument(
        "--together",
        default="",
        help="with --ablation, one more row with these rules off at once, comma-separated",
    )
    parser.add_argument(
        "--type-rules-off",
        default="",
        help="type-guessing rules (metadata.TYPE_RULES) to switch off for the whole run, "
        "comma-separated; stores are ingested afresh (not with --reuse) for the types to change",
    )
    parser.add_argument(
        "--off",
        default="",
        help="any rules to switch off, comma-separated, whatever they belong to: extraction "
        "(as --rules-off), type guessing (as --type-rules-off) or cleaning "
        "(ROCU_CLEANING_RULES_OFF); 'typing21' is round 21's typing rules and gates",
    )
    args = parser.parse_args()
    from bot.recs.extract.rules import BY_NAME, rules_off

    _route_off(args)
    off = tuple(n for n in args.rules_off.split(",") if n)
    for name in (n for n in args.rules_on.split(",") if n):
        BY_NAME[name].enabled = True  # KeyError names an unknown rule
    types_off = tuple(n for n in args.type_rules_off.split(",") if n)
    with rules_off(*off), metadata.type_rules_off(*types_off):
        run_main(args)


# Round 21's typing rules and the gates they open (``--off typing21``): type rules, a cleaning
# rule and an extraction rule (bench/RESULTS.md, "Document typing, round 21").
TYPING21 = (
    "speaker-people",
    "party-turns",
    "answers-verdicts",
    "label-not-speaker",
    "evidenced-calls",
)


def _route_off(args: argparse.Namespace) -> None:
    """Send each name of ``--off`` to its switch: extraction, type guessing or cleaning."""
    import os

    from bot.library import cleaning
    from bot.recs.extract.rules import BY_NAME

    names = [n for n in args.off.split(",") if n]
    names = [m for n in names for m in (TYPING21 if n == "typing21" else (n,))]
    rules, types, cleans = [], [], []
    for name in names:
        if name in BY_NAME:
            rules.append(name)
        elif name in metadata.TYPE_RULES:
            types.append(name)
        elif name in cleaning.RULE_NAMES:
            cleans.append(name)
        else:
            sys.exit(f"no rule {name!r}")
    args.rules_off = ",".join(n for n in [*args.rules_off.split(","), *rules] if n)
    args.type_rules_off = ",".join(n for n in [*args.type_rules_off.split(","), *types] if n)
    if cleans:
        before = os.environ.get("ROCU_CLEANING_RULES_OFF", "")
        os.environ["ROCU_CLEANING_RULES_OFF"] = ",".join(n for n in [before, *cleans] if n)


def run_main(args: argparse.Namespace) -> None:
    if args.transcripts:
        out = transcripts(Path(args.transcripts), args.sample, args.verbose)
        print("\n".join(out))
        if args.record:
            with open(ROOT / "bench" / "RESULTS.md", "a") as fh:
                fh.write("\n" + "\n".join(out) + "\n")
        return
    corpora = [Path(c) for c in args.corpus] if args.corpus else DEFAULT_CORPORA
    entries: list[tuple[Path, dict]] = []
    for corpus in corpora:
        if not (corpus / "gold.json").is_file():
            sys.exit(f"No gold.json in {corpus}: give --corpus a real-docs folder.")
        gold = json.loads((corpus / "gold.json").read_text())
        entries += [
            (corpus, d) for d in gold["documents"] if not args.only or args.only in d["file"]
        ]
    for folder in args.written or []:
        gold = json.loads((Path(folder) / "gold.json").read_text())
        entries += [
            (Path(folder), {**d, "_half": "written"})
            for d in gold["documents"]
            if not args.only or args.only in d["file"]
        ]
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        stores = Path(args.stores) if args.stores else Path(tmp)
        for with_cat in (False,) if args.no_catalogue_only else (False, True):
            prepared = [(prepare(c, e, with_cat, stores, args.reuse), e) for c, e in entries]
            rows = {e["file"]: evaluate(p, e, args.verbose) for p, e in prepared}
            title = "with a catalogue" if with_cat else "without a catalogue (as a user adds them)"
            out += table(rows, title)
            if not with_cat:
                out += [
                    "Per detector (found / right / false; an item counts for each detector "
                    "that proposed it):",
                    "",
                ] + detector_table(rows)
                if args.ablation:
                    together = tuple(n for n in args.together.split(",") if n)
                    out += ["Ablation (each detector off in turn):", ""]
                    out += ablation(prepared, together)
    out += seeds_line()
    print("\n".join(out))
    if args.record:
        with open(ROOT / "bench" / "RESULTS.md", "a") as fh:
            fh.write("\n" + "\n".join(out) + "\n")


if __name__ == "__main__":
    main()
