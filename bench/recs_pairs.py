"""Benchmark: report and response as one tracker item, on the report/response pairs of the
development corpora, through the real ingest.

Each pair is ingested into a fresh store in both orders (report first, then response; response
first, then report), as a user would add them (types and dates guessed) and, with ``--catalogue``,
with a catalogue that declares them. For each run it prints:

- items: tracker items (``list_recommendations``) against the report's gold recommendations;
- links: report/response links stored;
- report gold found (a tracker item matches it, bench/recs.py's matching) and duplicates (gold
  items matched by more than one tracker item);
- response gold found: a gold recommendation of the response document counts as found when the
  tracker item that holds the report's copy carries that response (``responses``), or, before
  linking existed, when a response item matches it on its own ("alone");
- stance right / answered: over the gold recommendations whose item carries the response, the
  stance shown against the stance I read in each answer (``STANCE``: my reading of the response
  documents, one label per gold id; "none" where the answer states no stance in words).

The pairs are split by pair into a tuning half (real-docs: the Covid Inquiry module 1 pair and
the Lords behaviour change pair) and a checking half (real-docs-2: the microplastics pair and the
DHSC rapid review pair); the threshold and stance rules were tuned on the first.

``--written`` adds a written part: the pairs written for the tests in ``tests/recs/pairs11``
(``pairs.json`` there gives each pair's report recommendations and, in the report's order, the
response's answer to each with the stance read), in shapes the real pairs lack (a response as a
table, a reply letter, renumbered and part-quoted recommendations, a DOCX table).

``--written-dir DIR`` reads the written pairs from another folder in the same format (its own
``pairs.json`` beside the documents), e.g. the round-12 held-out pairs
``tests/recs/pairs-heldout12`` (measured by the coordinator only); it implies ``--written``. With
``--written-only`` only that folder's pairs are run.

``--one-store`` ingests every selected pair's documents into ONE store (every report first, or
every response first), as a library holds them, and measures each pair there: a link from its
response into another pair's report counts wrong (round 15). ``--written-dir`` takes several
folders, comma-separated.

``--off a,b`` switches rules off for the whole run: extraction rules (``bot.recs.extract.rules``),
stance rules (``bot.recs.stance.RULES``) and linking rules (``bot.recs.matching.TOPIC_RULES``) by
name; ``--off round11`` ... ``round21`` name each round's (``ROUND11`` ... ``ROUND21``), and
round 14's type and title rules by name too. Run
once with and once without for a before/after. ``--on a,b`` switches on extraction (and stance)
rules shipped off. ``--declared`` declares the written pairs' types from
``bench/written_types.json`` (round 21), so that linking is measured apart from typing.

    python bench/recs_pairs.py [--corpora DIR] [--catalogue] [--only NAME] [--written]
        [--written-dir DIR[,DIR]] [--written-only] [--one-store] [--off ..]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bot.library import cleaning  # noqa: E402
from bot.library.ingest import ingest  # noqa: E402
from bot.library.metadata import TYPE_RULES  # noqa: E402
from bot.library.store import open_db  # noqa: E402
from bot.recs import answers, matching  # noqa: E402
from bot.recs import stance as stance_rules  # noqa: E402
from bot.recs.extract.rules import BY_NAME, rules_off  # noqa: E402
from bot.recs.tracker import list_recommendations  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
if not (DEFAULT_CORPORA / "real-docs").is_dir():
    DEFAULT_CORPORA = Path("/work/shared/corpora")

# The same matching as bench/recs.py, so both benches count a gold item found alike.
from recs import TYPING21, norm, opening_matches  # noqa: E402,F401

# (half, corpus, report, its catalogue entry, response, its catalogue entry)
PAIRS = [
    (
        "tuning",
        "real-docs",
        "covid-inquiry-module1-report-2024.pdf",
        ("inquiry-report", "2024-07-18"),
        "govt-response-covid-inquiry-module1-2025.pdf",
        ("government-response", "2025-01-16"),
    ),
    (
        "tuning",
        "real-docs",
        "hl-sct-behaviour-change-report-2011.pdf",
        ("committee-report", "2011-07-19"),
        "govt-response-behaviour-change-2011.pdf",
        ("government-response", "2011-09"),
    ),
    (
        "checking",
        "real-docs-2",
        "hc-eac-environmental-impact-of-microplastics-hc179-2016.pdf",
        ("committee-report", "2016-08-24"),
        "hc-eac-microplastics-govt-response-hc802-2016.pdf",
        ("government-response", "2016-11"),
    ),
    (
        "checking",
        "real-docs-2",
        "dhsc-rapid-review-mental-health-inpatient-data-govuk-print.pdf",
        ("other", "2023-06-29"),
        "dhsc-govt-response-rapid-review-mental-health-inpatient-data-govuk-print.pdf",
        ("government-response", "2024-03-21"),
    ),
]

WRITTEN = ROOT / "tests" / "recs" / "pairs11"
# The written parts, each its own rows: round 11's pairs and round 12's second witness.
WRITTEN_DIRS = (WRITTEN, ROOT / "tests" / "recs" / "pairs12")
# The rules added in round 11 against the written pairs (``--off round11``).
ROUND11 = ("slash-columns", *stance_rules.REPLY_WORDS)
# The rules added in round 12 (``--off round12``): a reply's numbered headings and labelled lists
# (extraction), status words and a named "X response:" heading (stance), links by a named number
# and by a part quote's words (matching).
ROUND12 = (
    "numbered-replies",
    "label-list-markers",
    "list-number-labels",
    *stance_rules.STATUS_WORDS,
    stance_rules.NAMED_HEADING,
    *matching.ROUND12,
)
# The rules added in round 13 (``--off round13``): an action plan's table and a reply in reported
# speech (extraction), and a number that answers no report item twice (matching).
ROUND13 = ("action-plans", "restated-recommendations", *matching.ROUND13)
# The rules added in round 14 (``--off round14``): a table answering by number alone, an action
# plan's summary rows, a letter naming recommendations inside its paragraphs, a committee's
# numbered conclusions carrying their numbers (extraction), a letter's "I agree" (stance), and a
# report titled for its topic ("the police response to ...") that is no response (the type rule
# ``response-one-paragraph`` and ``answers.TITLE_NAMES_ANSWERED``, named "title-names-answered").
TITLE_RULE = "title-names-answered"
ROUND14 = (
    "numbered-rows",
    "summary-rows",
    "referred-recommendations",
    "conclusion-numbers",
    "first-person",
    "first-person-refuse",
    "response-one-paragraph",
    TITLE_RULE,
)
# The rules added in round 15 (``--off round15``): labels that name their series ("AFI 2") and
# headings that name several numbers (matching), a reply's "Topic (recommendation N)" headings
# and an action plan's two-word summary rows (extraction).
ROUND15 = (*matching.ROUND15, "topic-headings", "short-summary-rows")
# The rules added in round 16 (``--off round16``): a table row naming several numbers, an action
# plan's quoting column named in its own words, a restatement citing several numbers in
# brackets, a letter's paragraphs answering by theme (extraction), an answer's heading naming
# several numbers (stance), and links by distinctive content (matching: "themes").
ROUND16 = (
    "several-number-rows",
    "unnamed-plan-column",
    "cited-parts",
    "theme-paragraphs",
    stance_rules.SEVERAL_HEADING,
    *matching.ROUND16,
)
# The rules added in round 17 (``--off round17``): an action plan's one-word topic column and
# rows referenced by paragraph number, a paired label with bracketed paragraph references
# (extraction), a verdict after a topic's colon (stance), and a report's paragraph numbers as
# its items' numbers (matching).
ROUND17 = (
    "topic-column",
    "paragraph-rows",
    "paired-label-references",
    stance_rules.TOPIC_COLON,
    *matching.ROUND17,
)
# The rules added in round 18 (``--off round18``): lettered references as labels, a reply
# citing them in brackets and an action plan answered in a response column (extraction), a
# letter's first-person verdicts and "Agreed in principle." (stance), lettered keys, a numbered
# item whose number is answered already, and the other items of a report chosen by themes
# alone (matching).
ROUND18 = (
    "reference-labels",
    "reference-replies",
    "response-plan-column",
    *stance_rules.FIRST_PERSON_VERDICTS,
    *stance_rules.PRINCIPLE_WORDS,
    *matching.ROUND18,
)
# The rules added in round 19 (``--off round19``): a reply's headings holding only a number, an
# action column named for its body, and a verdict opening a plan's action cell (extraction);
# several numbers' words tying among the items they name (matching).
ROUND19 = ("reference-headings", "body-action-column", "action-verdict", *matching.ROUND19)
# The rules added in round 20 (``--off round20``): a reply's prose paragraphs that answer, a
# decision line joined to its restatement, legal advice as a call (extraction); numbers linked
# in the report a response's prose chose by its words (matching).
ROUND20 = ("answer-paragraphs", "decision-lines", "advice-disclaimer", *matching.ROUND20)
# The rules added in round 21 (``--off round21``): a table's verdict column named anything, the
# prose fallback after the other detectors' proposals fell, a verdict after "On <topic>,"
# (extraction), and a report titled "X's response to <a topic>" that is no response
# (``answers.RESPONSE_TO_TOPIC``, named "response-to-topic"). Shipped off, ``--on`` to measure:
# the stance rule "first-person-that-have".
TOPIC_TITLE_RULE = "response-to-topic"
ROUND21 = (
    "verdict-column",
    "fallback-after-resolving",
    "topic-lead-verdicts",
    TOPIC_TITLE_RULE,
)
# Round 21's typing rules (``--off typing21``; helper types22) are bench/recs.py's TYPING21.
# The rules added in round 22 (``--off round22``; helper pairs23): chapter-numbered references
# in a reply's headings, a number-only table's verdict column known by content, labelled
# restatements and decisions (extraction), notes in the perfect tense or of a view and a
# first-person verdict after a run-in label (stance), a verdict citing its numbers (matching).
# Shipped off, ``--on`` to measure: "title-case-topic" (``answers.TITLE_CASE_TOPIC``), the stance
# rule "noted-perfect" and the linking rule "weak-contrary".
TITLE_CASE_RULE = "title-case-topic"
ROUND22 = (
    "dotted-references",
    "numbered-verdict-column",
    "labelled-restatements",
    "titled-responses",
    "considering-answers",
    *stance_rules.NOTED_FORMS,
    stance_rules.LABEL_FIRST_PERSON,
    *matching.ROUND22,
)

# The stance each answer states, as I read the response documents (labels only: no text).
# "none": the answer describes work without stating a stance in words.
_A, _P, _PR, _N, _NO, _0 = (
    "accepted",
    "accepted in part",
    "accepted in principle",
    "not accepted",
    "noted",
    "none",
)
STANCE = {
    **{f"R{i}": _A for i in range(1, 10)},
    "R10": _PR,
    **dict.fromkeys(
        "BCR-8.5 BCR-8.7 BCR-8.8 BCR-8.9 BCR-8.12 BCR-8.13 BCR-8.16 BCR-8.20 BCR-8.22a "
        "BCR-8.22b BCR-8.23".split(),
        _A,
    ),
    **dict.fromkeys("BCR-8.6 BCR-8.27 BCR-8.28 BCR-8.29".split(), _NO),
    **dict.fromkeys("BCR-8.25 BCR-8.33".split(), _N),
    **dict.fromkeys(
        "BCR-8.10 BCR-8.11 BCR-8.18 BCR-8.19a BCR-8.19b BCR-8.24a BCR-8.24b BCR-8.26a BCR-8.26b "
        "BCR-8.26c".split(),
        _0,
    ),
    "EACR-1": _A,
    **dict.fromkeys("EACR-3a EACR-3b".split(), _NO),
    **dict.fromkeys("EACR-10a EACR-10b".split(), _N),
    **dict.fromkeys(
        "EACR-2 EACR-4a EACR-4b EACR-4c EACR-6 EACR-8a EACR-8b EACR-8c EACR-9a EACR-9b EACR-9c "
        "EACR-11".split(),
        _0,
    ),
    **{f"DHR-{i}": _A for i in range(1, 14) if i != 9},
    "DHR-9": _P,
}


def _gold(corpora: Path, corpus: str, name: str) -> dict:
    gold = json.loads((corpora / corpus / "gold.json").read_text())
    return next(d for d in gold["documents"] if d["file"] == name)


def _add(db, source: Path, name: str, entry: tuple[str, str] | None, tmp: Path) -> None:
    folder = tmp / name.replace(".", "_")
    folder.mkdir()
    shutil.copy(source, folder / name)
    if entry:
        (folder / "catalogue.toml").write_text(
            f'[documents."{name}"]\ntype = "{entry[0]}"\ndate = "{entry[1]}"\n'
        )
    report = ingest(db, [folder])
    if report.failed:
        print(f"  {name}: failed {report.failed}")


DECLARED = ROOT / "bench" / "written_types.json"


def written_pairs(folder: Path = WRITTEN, declared: bool = False) -> list[tuple]:
    """The written pairs as (half, folder, report, None, response, None, report gold, response
    gold in the report's order, stances read). ``declared``: each document's catalogue entry
    declares the type ``bench/written_types.json`` gives it (round 21), instead of None (the type
    guessed)."""
    spec = json.loads((folder / "pairs.json").read_text())
    types = json.loads(DECLARED.read_text()).get(folder.name, {}) if declared else {}

    def entry(name: str) -> tuple[str, str] | None:
        return (types[name], "2025-01-01") if name in types else None

    out = []
    for p in spec["pairs"]:
        answers = {a["id"]: a for a in p["answers"]}
        resp_gold = [
            {
                "id": r["id"],
                "opening_words": answers[r["id"]]["opening_words"],
                "answered": answers[r["id"]].get("answered", True),
            }
            for r in p["report_recs"]
            if r["id"] in answers
        ]
        stances = {a["id"]: a["stance"] for a in p["answers"]}
        out.append(
            (
                "written",
                str(folder),
                p["report"],
                entry(p["report"]),
                p["response"],
                entry(p["response"]),
                p["report_recs"],
                resp_gold,
                stances,
            )
        )
    return out


def run_pair(corpora: Path, pair: tuple, report_first: bool, catalogue: bool) -> dict:
    _half, corpus, report, rep_entry, response, resp_entry = pair[:6]
    order = [(report, rep_entry), (response, resp_entry)]
    if not report_first:
        order.reverse()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = open_db(tmp / "store.db")
        for name, entry in order:
            _add(db, corpora / corpus / name, name, entry if catalogue else None, tmp)
        return measure(db, corpora, pair)


def one_store(corpora: Path, pairs: list[tuple], report_first: bool, catalogue: bool) -> list:
    """Every pair's two documents in ONE store (every report first, or every response first),
    as a library holds them, then each pair measured there (``measure``): a response linked to
    another pair's report counts its links wrong."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = open_db(tmp / "store.db")
        for first in (True, False):
            for pair in pairs:
                _half, corpus, report, rep_entry, response, resp_entry = pair[:6]
                name, entry = (
                    (report, rep_entry) if first == report_first else (response, resp_entry)
                )
                declared = entry if (catalogue and len(pair) == 6) or len(pair) > 6 else None
                _add(db, corpora / corpus / name, name, declared, tmp)
        return [measure(db, corpora, pair) for pair in pairs]


def measure(db, corpora: Path, pair: tuple) -> dict:
    """One pair's figures in a store that holds its two documents (and perhaps others: then its
    items are its two documents', and its links those from its response or to its report)."""
    _half, corpus, report, _rep_entry, response, _resp_entry = pair[:6]
    resp_doc = db.execute("select id from documents where file = ?", [response]).fetchone()[0]
    rep_doc = db.execute("select id from documents where file = ?", [report]).fetchone()[0]
    items = [i for i in list_recommendations(db) if i.doc_id in (rep_doc, resp_doc)]
    ours = "l.response_doc = ? or l.report_doc = ?"
    pairs = (
        list(
            db.execute(
                "select a.text, b.text from recommendation_links l join recommendations a "
                "on a.key = l.response_key join recommendations b on b.key = l.report_key "
                f"where {ours}",
                [resp_doc, rep_doc],
            )
        )
        if db["recommendation_links"].exists()
        else []
    )
    links = len(pairs)
    if len(pair) > 6:
        out = score(items, pair[6], pair[7], resp_doc, links, pair[8], rep_doc)
        out.update(wrong_links(pairs, pair[6], pair[7]))
        return out
    out = score(
        items,
        _gold(corpora, corpus, report)["recommendations"],
        _gold(corpora, corpus, response)["recommendations"],
        resp_doc,
        links,
        rep_doc=rep_doc,
    )
    gold_rep = _gold(corpora, corpus, report)["recommendations"]
    out.update(wrong_links(pairs, gold_rep, _gold(corpora, corpus, response)["recommendations"]))
    return out


def wrong_links(pairs: list, rep_gold: list[dict], resp_gold: list[dict]) -> dict:
    """Of the stored links (response text, report text): ``wrong`` when the report item is no
    gold recommendation, when the response's answer to it is marked not answered, or when the
    response item opens like the answer to another gold recommendation; ``unchecked`` when the
    response item opens like no gold answer and the report item's recommendation is answered
    (right by the report side alone, unverified). A written pair's answers carry the report's
    ids; a real pair's response gold is in the report's order (as ``score`` reads it)."""
    wrong = unchecked = 0
    shown: list[str] = []
    rep_ids = [g["id"] for g in rep_gold]
    same_ids = bool(set(rep_ids) & {g["id"] for g in resp_gold})
    resp_ids = [
        g["id"] if same_ids else rep_ids[n] for n, g in enumerate(resp_gold[: len(rep_ids)])
    ]
    answered = {rid: g.get("answered", True) for rid, g in zip(resp_ids, resp_gold, strict=False)}
    for resp_text, rep_text in pairs:
        rep = next(
            (
                r
                for r, g in zip(rep_ids, rep_gold, strict=True)
                if opening_matches(g["opening_words"], rep_text)
            ),
            None,
        )
        # every gold answer the response item opens like or holds near its start: an item
        # answering two recommendations under one heading ("(recommendations 2 and 5)") holds
        # both answers, and its link to either is right (round 15)
        opens = [
            r
            for r, g in zip(resp_ids, resp_gold, strict=False)
            if opening_matches(g["opening_words"], resp_text)
        ]
        resp = rep if rep in opens else (opens[0] if opens else None)
        if rep is None or not answered.get(rep, False) or (resp is not None and resp != rep):
            wrong += 1
            shown.append(f"{resp or '?'} -> {rep or 'no gold'}: {' '.join(resp_text.split()[:8])}")
        elif resp is None:
            unchecked += 1
    return {"wrong_links": wrong, "unchecked_links": unchecked, "wrong_shown": shown}


def score(
    items: list,
    rep_gold: list[dict],
    resp_gold: list[dict],
    resp_doc: str,
    links: int,
    stances: dict[str, str] | None = None,
    rep_doc: str | None = None,
):
    stances = STANCE if stances is None else stances
    # "report gold found" (old counting) credits any tracker item that opens like a report
    # recommendation, the response's own items too when they quote it word for word; the
    # strict counting ("own") credits only the report document's items.
    taken: set[int] = set()
    for rec in items:
        if rec.doc_id != rep_doc:
            continue
        hits = [i for i, g in enumerate(rep_gold) if opening_matches(g["opening_words"], rec.text)]
        taken.update([i for i in hits if i not in taken][:1])
    own = len(taken)

    def carries(rec) -> dict | None:
        for answer in getattr(rec, "responses", None) or []:
            if answer["doc_id"] == resp_doc:
                return answer
        return None

    # Each item matches the first gold recommendation it opens with that no item took before
    # (document order, as bench/recs.py); an item that opens like a taken one is a duplicate.
    assigned: dict[int, object] = {}
    duplicates = 0
    falses = []
    for rec in items:
        hits = [i for i, g in enumerate(rep_gold) if opening_matches(g["opening_words"], rec.text)]
        free = [i for i in hits if i not in assigned]
        if free:
            assigned[free[0]] = rec
        elif hits:
            duplicates += 1
        elif not any(opening_matches(g["opening_words"], rec.text) for g in resp_gold):
            falses.append(rec)
    found = len(assigned)
    matches = {i: [rec] for i, rec in assigned.items()}
    carried = alone = answered = right = stated = stated_right = 0
    wrong: list[str] = []
    for i, g in enumerate(resp_gold):
        report_items = matches.get(i, []) if i < len(rep_gold) else []
        answer = next((carries(r) for r in report_items if carries(r)), None)
        if answer and report_items and report_items[0].doc_id != resp_doc:
            carried += 1
        elif any(
            r.doc_id == resp_doc and opening_matches(g["opening_words"], r.text) for r in items
        ):
            alone += 1
            answer = next(
                (
                    {"stance": getattr(r, "stance", None) or r.response}
                    for r in items
                    if r.doc_id == resp_doc and opening_matches(g["opening_words"], r.text)
                ),
                None,
            )
        if answer is None:
            continue
        answered += 1
        want = stances.get(g["id"], "none")
        got = answer.get("stance") or "none"
        right += got == want
        if want != "none":
            stated += 1
            stated_right += got == want
        if got != want:
            wrong.append(f"{g['id']}: {got} (read: {want})")
    return {
        "items": len(items),
        "gold": len(rep_gold),
        "links": links,
        "found": found,
        "own": own,
        "duplicates": duplicates,
        "resp_gold": len(resp_gold),
        "carried": carried,
        "alone": alone,
        "answered": answered,
        "right": right,
        "stated": stated,
        "stated_right": stated_right,
        "other": len(falses),
        "wrong": wrong,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", default=str(DEFAULT_CORPORA))
    parser.add_argument("--catalogue", action="store_true", help="declare types and dates")
    parser.add_argument("--only", help="only pairs whose report name contains this")
    parser.add_argument(
        "--written", action="store_true", help="add the written pairs (tests/recs/pairs11, pairs12)"
    )
    parser.add_argument(
        "--written-dir",
        help="the written pairs from this folder (its pairs.json) instead of "
        f"{WRITTEN.name}, or from several, comma-separated; implies --written",
    )
    parser.add_argument("--written-only", action="store_true", help="only the written pairs")
    parser.add_argument(
        "--declared",
        action="store_true",
        help="declare the written pairs' types (bench/written_types.json; others guessed)",
    )
    parser.add_argument(
        "--off",
        default="",
        help="rules off, comma-separated ('round11' ... 'round21')",
    )
    parser.add_argument("--on", default="", help="rules shipped off to switch on, comma-separated")
    parser.add_argument(
        "--one-store",
        action="store_true",
        help="every pair's documents in one store (a library), each pair measured there",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong stances")
    args = parser.parse_args(argv)
    if args.written_dir:
        for folder in (Path(f) for f in args.written_dir.split(",") if f):
            if not (folder / "pairs.json").is_file():
                parser.error(f"no pairs.json in {folder}")
        args.written = True
    return args


def main() -> None:
    args = parse_args()
    off = [n for n in args.off.split(",") if n]
    rounds = (("round11", ROUND11), ("round12", ROUND12), ("round13", ROUND13))
    later = (
        ("round14", ROUND14),
        ("round15", ROUND15),
        ("round16", ROUND16),
        ("round17", ROUND17),
        ("round18", ROUND18),
        ("round19", ROUND19),
        ("round20", ROUND20),
        ("round21", ROUND21),
        ("round22", ROUND22),
    )
    for name, rules in (*rounds, *later, ("typing21", TYPING21)):
        if name in off:
            off = [n for n in off if n != name] + list(rules)
    cleans = [n for n in off if n in cleaning.RULE_NAMES]
    if cleans:  # read by the cleaner at each ingest
        before = os.environ.get("ROCU_CLEANING_RULES_OFF", "")
        os.environ["ROCU_CLEANING_RULES_OFF"] = ",".join(n for n in [before, *cleans] if n)
    off = [n for n in off if n not in cleans]
    stance_names = {r.name for r in stance_rules.RULES} | {
        stance_rules.NAMED_HEADING,
        stance_rules.SEVERAL_HEADING,
        stance_rules.TOPIC_COLON,
        stance_rules.LABEL_FIRST_PERSON,
    }
    unknown = [
        n
        for n in off
        if n not in BY_NAME
        and n not in stance_names
        and n not in matching.LINK_RULES
        and n not in TYPE_RULES
        and n not in (TITLE_RULE, TOPIC_TITLE_RULE)
    ]
    if unknown:
        sys.exit(f"no rule {unknown}")
    stance_rules.DISABLED.update(n for n in off if n in stance_names)
    matching.RULES_OFF.update(n for n in off if n in matching.LINK_RULES)
    TYPE_RULES.update({n: False for n in off if n in TYPE_RULES})
    if TOPIC_TITLE_RULE in off:
        answers.RESPONSE_TO_TOPIC = False
    if TITLE_RULE in off:
        answers.TITLE_NAMES_ANSWERED = False
    for name in (n for n in args.on.split(",") if n):
        if name == TITLE_CASE_RULE:
            answers.TITLE_CASE_TOPIC = True
        elif name in matching.SHIPPED_OFF:
            matching.RULES_OFF.discard(name)
        elif name in stance_rules.SHIPPED_OFF:
            stance_rules.DISABLED.discard(name)
        else:
            BY_NAME[name].enabled = True
    with rules_off(*[n for n in off if n in BY_NAME]):
        _run(args)


def _run(args) -> None:
    corpora = Path(args.corpora)
    if not (corpora / "real-docs" / "gold.json").is_file():
        sys.exit(f"No real-docs/gold.json under {corpora}: give --corpora the corpora folder.")
    print(
        "| half | pair | order | items / gold | links | "
        "report gold found (any item / report's own) | duplicates | "
        "response gold carried / alone | stance right / answered | stated stance right | "
        "other items | wrong links / unchecked |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    total: dict[str, dict[str, int]] = {}
    pairs = [] if args.written_only else list(PAIRS)
    if args.written or args.written_only:
        folders = (
            [Path(f).resolve() for f in args.written_dir.split(",") if f]
            if args.written_dir
            else WRITTEN_DIRS
        )
        for folder in folders:
            pairs += written_pairs(folder, args.declared)
    selected = [
        (f"written {Path(p[1]).name}", *p[1:]) if len(p) > 6 else p  # named by their folder
        for p in pairs
        if not args.only or args.only in p[2]
    ]
    results: dict[tuple[int, bool], dict] = {}
    for report_first in (True, False):
        if args.one_store:
            # (a catalogue declares the real pairs' types; the written ones are guessed)
            got = one_store(corpora, selected, report_first, args.catalogue)
            results.update({(n, report_first): r for n, r in enumerate(got)})
    for n, pair in enumerate(selected):
        for report_first in (True, False):
            r = results.get((n, report_first)) or run_pair(
                corpora, pair, report_first, (args.catalogue and len(pair) == 6) or len(pair) > 6
            )
            order = "report first" if report_first else "response first"
            print(
                f"| {pair[0]} | {pair[2][:28]} | {order} | {r['items']} / {r['gold']} | "
                f"{r['links']} | {r['found']}/{r['gold']} / {r['own']} | {r['duplicates']} | "
                f"{r['carried']} / {r['alone']} of {r['resp_gold']} | "
                f"{r['right']}/{r['answered']} | {r['stated_right']}/{r['stated']} | "
                f"{r['other']} | {r['wrong_links']} / {r['unchecked_links']} |",
                flush=True,
            )
            key = f"{pair[0]}, {order}"
            t = total.setdefault(key, {})
            for k, v in r.items():
                if isinstance(v, int):
                    t[k] = t.get(k, 0) + v
            if args.verbose:
                for w in r["wrong"]:
                    print(f"    stance {w}")
                for w in r.get("wrong_shown", []):
                    print(f"    wrong link {w}")
    for key, t in total.items():
        print(
            f"| **{key}** | | | {t['items']} / {t['gold']} | {t['links']} | "
            f"{t['found']}/{t['gold']} / {t['own']} | {t['duplicates']} | "
            f"{t['carried']} / {t['alone']} of {t['resp_gold']} | {t['right']}/{t['answered']} | "
            f"{t['stated_right']}/{t['stated']} | {t['other']} | "
            f"{t['wrong_links']} / {t['unchecked_links']} |"
        )


if __name__ == "__main__":
    main()
