"""`rocu eval`: measure search, glossary and recommendations against evaluation sets.

The sets live in ``eval/`` (copies of the shared evaluation data); each part takes another file of
the same shape by option. Each part returns a dict of figures and prints a short report, so the
figures in notes and RESULTS files come from one place.
"""

from __future__ import annotations

from pathlib import Path

# Shipped inside the package (bot/evalsets links to the top-level eval/ in a checkout).
EVAL_DIR = Path(__file__).resolve().parent / "evalsets"
SEARCH_SET = EVAL_DIR / "search.jsonl"
QUESTION_SET = EVAL_DIR / "questions.jsonl"
ACRONYM_SET = EVAL_DIR / "acronyms.jsonl"
RECOMMENDATION_SET = EVAL_DIR / "recommendations.json"


def eval_search(db, path: Path = SEARCH_SET, echo=print, label: str = "search") -> dict:
    """P@1, hit@3 and MRR of search over a JSONL set (query, relevant, excerpt_has).

    P@1: the top result's file contains a ``relevant`` id. hit@3: one of the top three excerpts
    contains one of ``excerpt_has`` (case-insensitive). MRR: 1/rank of the first relevant result
    in the top ten (0 when none)."""
    import json

    import bot.glossary.lookup  # noqa: F401 - search as the bot serves it: with the glossary's
    from bot.search.ranking import search  # expansions (ROCU <-> regional organised crime unit)

    cases = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]
    p1 = hit3 = rr = 0.0
    misses = []
    for case in cases:
        results = search(db, case["query"], limit=10).results
        relevant = [i for i, r in enumerate(results) if any(x in r.file for x in case["relevant"])]
        wanted = [w.lower() for w in case.get("excerpt_has", [])]
        top = bool(relevant) and relevant[0] == 0
        hit = any(w in r.excerpt.lower() for r in results[:3] for w in wanted)
        p1 += top
        hit3 += hit
        rr += 1 / (relevant[0] + 1) if relevant else 0.0
        if not (top and hit):
            misses.append(case["query"])
    n = len(cases) or 1
    figures = {
        "queries": len(cases),
        "p_at_1": round(p1 / n, 3),
        "hit_at_3": round(hit3 / n, 3),
        "mrr": round(rr / n, 3),
        "misses": misses,
    }
    echo(
        f"{label}: {len(cases)} queries from {path}: P@1 {figures['p_at_1']:.3f}, "
        f"hit@3 {figures['hit_at_3']:.3f}, MRR {figures['mrr']:.3f}"
    )
    for query in misses:
        echo(f"  missed: {query}")
    return figures


def eval_questions(db, path: Path = QUESTION_SET, echo=print) -> dict:
    """The same figures as ``eval_search`` over questions in plain English ("how are ROCUs
    funded?"), each with the seed documents that answer it and words of the answering sentence
    (``excerpt_has``): hit@3 asks that the answer itself is quoted in a top-three excerpt."""
    return eval_search(db, path, echo=echo, label="questions")


def eval_acronyms(db, path: Path = ACRONYM_SET, echo=print) -> dict:
    """Accuracy of define over a JSONL set (term, acronym, expansion_has), and coverage.

    Accuracy: the first match's acronym equals ``acronym`` and its expansion contains one of
    ``expansion_has`` (case ignored). Library accuracy: the same for the first entry built from
    the documents alone (no curated file, no team). Coverage: the share of the distinct
    all-capital tokens of two or more characters in the library's documents ("NCA", "4P",
    "ROCUS") for which define gives at least one entry; weighted: the same over every use."""
    import json
    import re

    from bot.glossary.acronyms import is_all_capital
    from bot.glossary.lookup import define

    cases = [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]

    def right(match, case) -> bool:
        wanted = [w.casefold() for w in case["expansion_has"]]
        return (
            match is not None
            and match.entry.headword == case["acronym"]
            and any(w in match.entry.expansion.casefold() for w in wanted)
        )

    correct = library_correct = 0
    misses = []
    for case in cases:
        matches = define(db, case["term"], record=False).matches
        first = matches[0] if matches else None
        library = next((m for m in matches if m.entry.source == "library"), None)
        correct += right(first, case)
        library_correct += right(library, case)
        if not right(first, case):
            got = f"{first.entry.headword} = {first.entry.expansion}" if first else "nothing"
            misses.append(f"{case['term']}: got {got}")
    uses: dict[str, int] = {}
    from bot.library.documents import document_texts

    for _, text in document_texts(db):
        for token in re.findall(r"\w+", text):
            if is_all_capital(token):
                uses[token] = uses.get(token, 0) + 1
    unanswered = sorted(t for t in uses if not define(db, t, record=False).matches)
    n = len(cases) or 1
    total_uses = sum(uses.values()) or 1
    figures = {
        "terms": len(cases),
        "accuracy": round(correct / n, 3),
        "library_accuracy": round(library_correct / n, 3),
        "tokens": len(uses),
        "coverage": round(1 - len(unanswered) / len(uses), 3) if uses else 1.0,
        "coverage_weighted": round(1 - sum(uses[t] for t in unanswered) / total_uses, 3),
        "unanswered": unanswered,
        "misses": misses,
    }
    echo(
        f"acronyms: {len(cases)} terms from {path}: accuracy {figures['accuracy']:.3f} "
        f"(library alone {figures['library_accuracy']:.3f}); coverage {figures['coverage']:.3f} "
        f"of {len(uses)} all-capital tokens ({figures['coverage_weighted']:.3f} of their uses)"
    )
    for miss in misses:
        echo(f"  wrong: {miss}")
    if unanswered:
        more = " …" if len(unanswered) > 30 else ""
        echo("  not answered: " + ", ".join(unanswered[:30]) + more)
    return figures


def eval_recommendations(db, path: Path = RECOMMENDATION_SET, echo=print) -> dict:
    """Recall, addressee accuracy and due-date accuracy of recommendation extraction.

    Recall: a gold ``key`` is found when some recommendation extracted from that document (the
    gold ``doc`` id is matched against the document's file name) contains it, whitespace
    collapsed and case ignored. For the found ones: addressees right when the extracted set
    equals the gold set (case ignored); due right when the ISO dates are equal (or both null)."""
    import json

    from bot.recs.tracker import list_recommendations

    gold = json.loads(Path(path).read_text())["recommendations"]
    extracted = list_recommendations(db)

    def squash(text: str) -> str:
        return " ".join(text.split()).casefold()

    found = addressees_right = due_right = 0
    misses = []
    for case in gold:
        key = squash(case["key"])
        rec = next((r for r in extracted if case["doc"] in r.file and key in squash(r.text)), None)
        if rec is None:
            misses.append(f"not found: {case['key']}")
            continue
        found += 1
        want = {a.casefold() for a in case.get("addressees", [])}
        if {a.casefold() for a in rec.addressees} == want:
            addressees_right += 1
        else:
            misses.append(f"addressees {rec.addressees} != {case['addressees']}: {case['key']}")
        due = rec.due.isoformat() if rec.due else None
        if due == case.get("due"):
            due_right += 1
        else:
            misses.append(f"due {due} != {case.get('due')}: {case['key']}")
    per_doc: dict[str, int] = {}
    for rec in extracted:
        per_doc[rec.doc_id] = per_doc.get(rec.doc_id, 0) + 1
    figures = {
        "gold": len(gold),
        "found": found,
        "recall": round(found / len(gold), 3) if gold else 0.0,
        "addressee_accuracy": round(addressees_right / found, 3) if found else 0.0,
        "due_accuracy": round(due_right / found, 3) if found else 0.0,
        "extracted": len(extracted),
        "per_document": per_doc,
        "misses": misses,
    }
    echo(
        f"recommendations: {found}/{len(gold)} found from {path} (recall {figures['recall']:.3f}), "
        f"addressees right {addressees_right}/{found}, due dates right {due_right}/{found}; "
        f"{len(extracted)} extracted in all"
    )
    echo("  per document: " + ", ".join(f"{d} {n}" for d, n in sorted(per_doc.items())))
    for miss in misses:
        echo(f"  {miss}")
    return figures


def eval_feedback(db, echo=print) -> dict:
    """What the team said about answers (👍 / 👎 in Slack, ``bot.library.feedback``): votes,
    the share marked helpful (with a 95% Wilson interval), per kind, and the questions most often
    marked not helpful. Printed on the server's console only; never logged."""
    from bot.library.feedback import summary

    found = summary(db)
    share = found.helpful_share
    low, high = _wilson(found.helpful, found.votes)
    figures = {
        "votes": found.votes,
        "helpful": found.helpful,
        "not_helpful": found.not_helpful,
        "people": found.people,
        "helpful_share": None if share is None else round(share, 3),
        "helpful_interval": None if share is None else [round(low, 3), round(high, 3)],
        "by_kind": found.by_kind,
        "not_helpful_questions": [
            {"kind": kind, "query": query, "not_helpful": down, "helpful": up}
            for kind, query, down, up in found.worst
        ],
    }
    if not found.votes:
        echo("feedback: no votes yet (👍 / 👎 under search and define answers in Slack)")
        return figures
    echo(
        f"feedback: {found.votes} votes from {found.people} people: {found.helpful} helpful, "
        f"{found.not_helpful} not helpful ({share:.0%} helpful, 95% interval "
        f"{low:.0%}-{high:.0%})"
    )
    for kind, counts in sorted(found.by_kind.items()):
        echo(f"  {kind}: {counts['helpful']} helpful, {counts['not_helpful']} not helpful")
    if found.worst:
        echo("  marked not helpful most often:")
    for kind, query, down, up in found.worst:
        echo(f"    {down} x 👎, {up} x 👍  {kind} {query}")
    return figures


def _wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (0, 0 for no trials)."""
    if not n:
        return 0.0, 0.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)
