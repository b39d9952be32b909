"""Report and response are one item: a response's copy of a recommendation is linked to the
report's own, so the tracker holds the report's recommendation with the response attached.

* A **response document** is one typed ``government-response``, one whose title or front page
  says it is a response ("Government Response to the Committee's Fourth Report"), or one in which
  extraction found answers beside the recommendations it quotes. Its recommendations are
  *response items*; every other document's are *report items*.
* Each response item is matched to the report items of the library (``match``): by label when
  both have one ("Recommendation 4", "paragraph 8.5": the same number) and the texts agree
  (similarity >= ``LABEL_AGREE``), else by text similarity alone (>= ``TEXT_THRESHOLD``, measured
  on the report/response pairs of the development corpora: see bench/recs_pairs.py). Similarity
  is rapidfuzz's ``ratio`` of the normalised texts, or, when one text holds the other (a response
  that quotes a whole paragraph the report splits into sentences, or the reverse), ``partial_ratio``
  of the shorter against the longer.
* Only report documents that several of the response's items match are its report (``paired``):
  one chance likeness between two unrelated documents links nothing. Once the texts have shown
  that the response numbers the recommendations as its report does, a response item whose text
  matched nothing (a quote cut short or reworded) is linked by its number alone.
* Links are stored by the recommendations' keys (``recommendation_links``), recomputed whenever a
  report or a response is added, changed or removed, so the order of adding never matters. Only
  what the change touches is recomputed (``relink``), with the same table as recomputing all.
"""

from __future__ import annotations

import re
import unicodedata

import sqlite_utils
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from bot.library.text import fold

TEXT_THRESHOLD = 88.0  # similarity at which two texts are the same recommendation
LABEL_AGREE = 60.0  # similarity enough when both carry the same label
MIN_SHARED = 60  # characters the shorter text needs before "one holds the other" counts
PAIR_MIN = 2  # matches a report document needs to be paired with a response (or all, if fewer)
RESPONSE_TYPES = {"government-response", "response"}
_RESPONSE_TITLE = re.compile(r"\bresponses?\s+(?:to|on)\b|\breply\s+to\b", re.I)
# On the front page: "Government Response to the Committee's Fourth Report", "Government response
# to the rapid review into ...", "Response to the Inquiry's recommendations".
_RESPONSE_FRONT = re.compile(
    r"\b(?i:government(?:['’]s)?)\s+(?:Response|response)\s+to\s+(?:the\s+|this\s+)?"
    r"(?:[\w'’-]+\s+){0,8}?(?i:report|review|inquiry|recommendations?)\b"
)
FRONT = 1500  # characters of a document read for its front page

NOT_IN_LIBRARY = "response to a report not in the library"


def is_response_document(
    doc_type: str | None, title: str | None, found: list, text: str = ""
) -> bool:
    """Whether a document answers another's recommendations (see the module's docstring)."""
    if (doc_type or "").lower() in RESPONSE_TYPES:
        return True
    if title and _RESPONSE_TITLE.search(title):
        return True
    if _RESPONSE_FRONT.search(" ".join(text[:FRONT].split())):
        return True
    return any(getattr(f, "response", None) for f in found)


# Where an answer printed inside a quoted item begins: "Government response to recommendation 2",
# or a heading line "Response" / "Government response:" (an item that ran on past its quote).
_ANSWER_MARK = re.compile(
    r"\b(?:the\s+)?government(?:['’]s)?\s+response\s+to\s+recommendation\s+\d{1,3}[a-z]?\b"
    r"|^[ \t]*(?:(?:the\s+)?government(?:['’]s)?\s+|our\s+)?response[ \t]*:?[ \t]*$",
    re.I | re.M,
)


def answer_inside(text: str) -> int | None:
    """The offset in an item's text where a response's answer begins, when extraction let the
    item run on into it (at least 40 characters of quote first); None otherwise."""
    m = _ANSWER_MARK.search(text, 40)
    return m.start() if m else None


def quote_of(text: str) -> str:
    """A response item's quoted recommendation, without any answer it ran on into."""
    cut = answer_inside(text)
    return text if cut is None else text[:cut]


def answer_spans(text: str, spans: list[tuple[int, int]], limit: int = 4000) -> list[str]:
    """The text that answers each quoted recommendation of a response, at most ``limit``
    characters: from the item's end to the next item's start (items that follow at once share
    the answer after the last: one quote split into several items). A committee's quoted
    paragraphs end with their reference ("(paragraph 4.16)", "(Paragraph 62)"): in a response
    that quotes them so, an item that does not end with its reference is answered after it."""
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    starts = sorted(s for s, _e in spans)
    uses_references = len(_REFERENCE.findall(text)) >= 2
    out = [""] * len(spans)
    for pos, i in enumerate(order):
        end = spans[i][1]
        if uses_references and not _REFERENCE.search(text, max(spans[i][0], end - 40), end):
            m = _REFERENCE.search(text, end, end + limit)
            if m:
                stop = next((s for s in starts if s >= m.end()), len(text))
                out[i] = text[m.end() : min(stop, m.end() + limit)]
                continue
        for j in order[pos + 1 :]:
            gap = text[end : spans[j][0]]
            if len(gap.strip()) >= 40:
                out[i] = gap[:limit]
                break
            end = max(end, spans[j][1])
        else:
            out[i] = text[end : end + limit]
    return out


# A committee's quoted paragraph ends with its reference: "(paragraph 4.16)", "(Paragraph 62)".
_REFERENCE = re.compile(r"\((?:paragraphs?|paras?)\.?\s+\d[\d.,\s–-]*\)", re.I)


# --- similarity -----------------------------------------------------------------------------

_FOLD = str.maketrans({"‘": "'", "’": "'", "‖": '"', "“": '"', "”": '"', "–": "-", "—": "-"})
_MARKERS = re.compile(r"[•●▪◦■]|\(\s*(?:paragraph|para)s?\s+[\d.,\s-]+\)", re.I)


def normalise(text: str) -> str:
    """A recommendation's wording for comparison: NFKC, quotes and dashes folded, bullets and
    "(paragraph 4.23)" references dropped, end-of-line hyphens joined, spaces collapsed, folded."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    text = _MARKERS.sub(" ", text)
    return " ".join(fold(text).split())


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """0-100: how alike two normalised recommendation texts are (see the module's docstring).
    With a ``cutoff``, a score below it is 0 (rapidfuzz stops early: the relinking of a whole
    library compares every response item with every report item)."""
    if not a or not b:
        return 0.0
    score = fuzz.ratio(a, b, score_cutoff=cutoff)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= MIN_SHARED and score < 100:
        # partial_ratio is slow on long texts; skip it when its bound says it cannot count
        if _partial_bound(short, long_) >= max(cutoff, score) - 1e-6:
            score = max(score, fuzz.partial_ratio(short, long_, score_cutoff=cutoff))
    return float(score)


def _partial_bound(short: str, long_: str) -> float:
    """An upper bound on ``fuzz.partial_ratio(short, long_)``, quick to compute. partial_ratio
    is the best ``ratio`` = 200 * LCS(short, w) / (len(short) + len(w)) over substrings ``w`` of
    ``long_`` no longer than ``short``; each lies within a chunk of ``long_`` of twice that
    length starting at a multiple of it, so LCS(short, w) <= L, the longest common subsequence
    of ``short`` and the best chunk (the whole of ``long_`` when it is shorter), and also
    <= len(w); 200 * min(L, x) / (len(short) + x) is largest at x = L."""
    n = len(short)
    if len(long_) <= 2 * n:
        best = LCSseq.similarity(short, long_)
    else:
        best = max(LCSseq.similarity(short, long_[k : k + 2 * n]) for k in range(0, len(long_), n))
    return 200.0 * best / (n + best)


_LABEL_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,3})*[a-z]?)\b", re.I)


def label_key(label: str | None) -> str | None:
    """ "Recommendation 3: Title" -> "3"; "para 8.19b" -> "8.19b"; None without a number."""
    if not label:
        return None
    m = _LABEL_NUMBER.search(label)
    return m.group(1).lower() if m else None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text)}


def _prepare(responses: list[dict], reports: list[dict]) -> None:
    """Each item's normalised text, its words and its label's number, computed once."""
    for item in responses:
        item.setdefault("_norm", normalise(quote_of(item["text"])))
    for item in responses + reports:
        item.setdefault("_norm", normalise(item["text"]))
        item.setdefault("_words", _words(item["_norm"]))
        item.setdefault("_label", label_key(item.get("label")))


def match(
    responses: list[dict], reports: list[dict], threshold: float = TEXT_THRESHOLD
) -> list[tuple[str, str, float, str]]:
    """(response key, report key, similarity, how) for each link between response items and
    report items (dicts with ``key``, ``doc_id``, ``text``, ``label``). A response item links to
    the report items it matches, within the report documents it is ``paired`` with."""
    _prepare(responses, reports)
    by_doc: dict[str, list[dict]] = {}
    for rep in reports:
        by_doc.setdefault(rep["doc_id"], []).append(rep)
    kept: list[tuple[str, dict, float, str]] = []
    for items in by_doc.values():
        kept += _pair(responses, items, threshold)
    linked = {resp_key for resp_key, *_rest in kept}
    found = list(kept)
    for doc in {rep["doc_id"] for _k, rep, _s, _h in kept}:  # the paired report documents
        found += _by_numbering(responses, by_doc[doc], kept, linked)
    return [(resp_key, rep["key"], round(score, 1), how) for resp_key, rep, score, how in found]


def _pair(
    responses: list[dict], items: list[dict], threshold: float = TEXT_THRESHOLD
) -> list[tuple[str, dict, float, str]]:
    """The links of a response's items to ONE report document's ``items`` by label or text:
    none unless the report is the response's (``paired``: several of its items match)."""
    candidates: list[tuple[str, dict, float, str]] = []
    for resp in responses:
        for rep in items:
            shared = len(resp["_words"] & rep["_words"])
            if shared < 0.4 * min(len(resp["_words"]), len(rep["_words"]), 30):
                continue  # too few words in common to be the same recommendation
            same_label = resp["_label"] is not None and resp["_label"] == rep["_label"]
            # only a score at or above what decides a link matters (LABEL_AGREE < threshold)
            cutoff = min(LABEL_AGREE, threshold) if same_label else threshold
            score = similarity(resp["_norm"], rep["_norm"], cutoff)
            if same_label and score >= LABEL_AGREE:
                candidates.append((resp["key"], rep, score, "label"))
            elif score >= threshold:
                candidates.append((resp["key"], rep, score, "text"))
    need = min(PAIR_MIN, len(responses))
    return candidates if len({c[0] for c in candidates}) >= need else []


def _by_numbering(
    responses: list[dict], items: list[dict], kept: list, linked: set[str]
) -> list[tuple[str, dict, float, str]]:
    """Once the texts have shown that a response numbers the recommendations as its report does
    (at least ``PAIR_MIN`` linked pairs carry labels and at least 80% of them the same number), a
    response item that matched nothing in any report (``linked`` holds those that did: a quote
    cut short, reworded, or only its title) is linked to the report item with its number, when
    exactly one of the report's ``items`` has it."""
    doc = items[0]["doc_id"]
    by_key = {item["key"]: item for item in responses}
    numbered = [
        (by_key[k]["_label"], rep["_label"])
        for k, rep, _score, _how in kept
        if rep["doc_id"] == doc and by_key[k]["_label"] and rep["_label"]
    ]
    same = sum(a == b for a, b in numbered)
    if len(numbered) < PAIR_MIN or same < 0.8 * len(numbered):
        return []
    in_doc = [rep for rep in items if rep["_label"]]
    out = []
    for resp in responses:
        if resp["key"] in linked or not resp["_label"]:
            continue
        hits = [rep for rep in in_doc if rep["_label"] == resp["_label"]]
        if len(hits) == 1:
            score = similarity(resp["_norm"], hits[0]["_norm"])
            out.append((resp["key"], hits[0], score, "numbering"))
    return out


# --- the store ------------------------------------------------------------------------------


def create_table(db: sqlite_utils.Database) -> None:
    if db["recommendation_links"].exists():
        return
    db["recommendation_links"].create(
        {
            "response_key": str,  # the response document's copy (recommendations.key)
            "report_key": str,  # the report's own recommendation
            "response_doc": str,
            "report_doc": str,
            "score": float,
            "how": str,  # label or text
        },
        pk=("response_key", "report_key"),
    )
    db["recommendation_links"].create_index(["report_key"])
    db["recommendation_links"].create_index(["response_doc"])
    db["recommendation_links"].create_index(["report_doc"])


def relink(db: sqlite_utils.Database, doc_id: str | None = None) -> int:
    """Recompute the links a document takes part in (all links when ``doc_id`` is None), after
    its recommendations were stored again or removed; return how many links the library then
    holds. Called inside the ingest transaction, so it does no more than the change needs, with
    the same result as recomputing everything (``match`` on each response document):

    * the document's own response items are matched against every report (as ``match``);
    * if it has report items, each response is matched against them only (``_pair``), and its
      links by numbering are redone where that changes what is linked by label or text;
    * if it has none (removed, or now a response), only the responses that had links to it
      lose them and have their numbering links redone."""
    if not db["recommendation_links"].exists():
        return 0
    answered: set[str] = set()
    if doc_id is not None:
        answered = {
            row[0]
            for row in db.execute(
                "select distinct response_doc from recommendation_links where report_doc = ?",
                [doc_id],
            )
        }
        db.execute("delete from recommendation_links where response_doc = ?", [doc_id])
    db.execute(
        "delete from recommendation_links where response_key not in "
        "(select key from recommendations) or report_key not in (select key from recommendations)"
    )
    if doc_id is None:
        rows = _items(db)
        reports = [r for r in rows if r["role"] != "response"]
        for target in sorted({r["doc_id"] for r in rows if r["role"] == "response"}):
            _link_whole(db, target, [r for r in rows if r["doc_id"] == target], reports)
    else:
        own = _items(db, "doc_id = ?", [doc_id])
        as_report = [r for r in own if r["role"] != "response"]
        targets = set(_response_docs(db)) if as_report else answered
        for target in sorted(targets - {doc_id}):
            _relink_against(db, target, doc_id, as_report, target in answered)
        if any(r["role"] == "response" for r in own):
            reports = _items(db, "coalesce(role, '') != 'response'")
            _link_whole(db, doc_id, own, reports)
    return db.execute("select count(*) from recommendation_links").fetchone()[0]


def _items(db: sqlite_utils.Database, where: str = "", params=()) -> list[dict]:
    return list(
        db.query(
            "select key, doc_id, text, label, role from recommendations"
            + (" where " + where if where else "")
            + " order by doc_id, ordinal",
            list(params),
        )
    )


def _response_docs(db: sqlite_utils.Database) -> list[str]:
    found = db.execute("select distinct doc_id from recommendations where role = 'response'")
    return [row[0] for row in found]


def _link_whole(db: sqlite_utils.Database, target: str, items: list[dict], reports: list) -> None:
    """All the links of one response document, matched against every report item."""
    db.execute("delete from recommendation_links where response_doc = ?", [target])
    docs = {r["key"]: r["doc_id"] for r in reports}
    _store(
        db,
        target,
        [(resp, rep, docs[rep], score, how) for resp, rep, score, how in match(items, reports)],
    )


def _relink_against(
    db: sqlite_utils.Database, target: str, doc_id: str, items: list[dict], had: bool
) -> None:
    """One response document's links after report document ``doc_id`` now holds ``items``
    (none when removed): its links to that report are recomputed (``_pair``), the others kept
    as stored, and its links by numbering redone over every report it is paired with, since
    which of its items are linked by label or text (anywhere) may have changed. ``had``: it
    had links to that report before the change."""
    responses = _items(db, "doc_id = ?", [target])
    stored = list(
        db.query(
            "select response_key, report_key, report_doc, score, how from recommendation_links "
            "where response_doc = ?",
            [target],
        )
    )
    _prepare(responses, items)
    new = _pair(responses, items) if items else []
    if not new and not had:
        return  # what is linked by label or text is as it was: so are the numbering links
    rows = [r for r in stored if r["how"] != "numbering" and r["report_doc"] != doc_id]
    others = sorted({r["report_doc"] for r in rows})
    marks = ", ".join("?" * len(others))
    reports = _items(db, f"doc_id in ({marks}) and coalesce(role, '') != 'response'", others)
    _prepare([], reports)
    by_key = {rep["key"]: rep for rep in reports}
    if any(r["report_key"] not in by_key for r in rows):  # not as a full relinking left them
        _link_whole(db, target, responses, _items(db, "coalesce(role, '') != 'response'"))
        return
    kept = [(r["response_key"], by_key[r["report_key"]], r["score"], r["how"]) for r in rows]
    kept += new
    by_doc: dict[str, list[dict]] = {doc_id: items}
    for rep in reports:
        by_doc.setdefault(rep["doc_id"], []).append(rep)
    linked = {resp_key for resp_key, *_rest in kept}
    numbering = []
    for doc in {rep["doc_id"] for _k, rep, _s, _h in kept}:
        numbering += _by_numbering(responses, by_doc[doc], kept, linked)
    db.execute(
        "delete from recommendation_links where response_doc = ? "
        "and (report_doc = ? or how = 'numbering')",
        [target, doc_id],
    )
    _store(
        db,
        target,
        [(k, rep["key"], rep["doc_id"], round(s, 1), how) for k, rep, s, how in new + numbering],
    )


def _store(db: sqlite_utils.Database, target: str, links: list[tuple]) -> None:
    if links:
        db["recommendation_links"].insert_all(
            [
                {
                    "response_key": resp,
                    "report_key": rep,
                    "response_doc": target,
                    "report_doc": doc,
                    "score": score,
                    "how": how,
                }
                for resp, rep, doc, score, how in links
            ],
            replace=True,
        )


# --- reading: one item per recommendation ---------------------------------------------------


def link_rows(db: sqlite_utils.Database, where: str = "", params=()) -> list[dict]:
    """(response_key, report_key) rows of the links table, best first; none before it exists."""
    if not db["recommendation_links"].exists():
        return []
    return list(
        db.query(
            "select response_key, report_key from recommendation_links"
            + where
            + " order by score desc",
            list(params),
        )
    )


def merge(db: sqlite_utils.Database, recs: list, overdue, rows: list[dict] | None = None) -> list:
    """One item per recommendation: each report item carries the responses linked to it (and
    shows the latest status set on any of them); a linked response item is not listed on its
    own; a response item left alone lists itself as its response and says why. ``recs`` are
    ``bot.recs.item.Recommendation``s; ``overdue(rec)`` says whether one is overdue."""
    by_key = {r.key: r for r in recs}
    attached: dict[str, list] = {}
    linked: set[str] = set()
    paired_docs: set[str] = set()
    for row in link_rows(db) if rows is None else rows:
        report, response = by_key.get(row["report_key"]), by_key.get(row["response_key"])
        if report is None or response is None:
            continue
        attached.setdefault(report.key, []).append(response)
        linked.add(response.key)
        paired_docs.add(response.doc_id)
    out = []
    for rec in recs:
        if rec.role == "response":
            if rec.key in linked:
                continue
            rec.responses = [_response_entry(rec)]
            rec.note = (
                "not matched to a recommendation of the report it answers"
                if rec.doc_id in paired_docs
                else NOT_IN_LIBRARY
            )
            out.append(rec)
            continue
        rec.report_file = rec.file
        answers = sorted(attached.get(rec.key, []), key=lambda a: (a.doc_date or "", a.doc_id))
        # One response per response document: several of its items may hold parts of the quote;
        # the best-matched one that states a stance speaks for the document.
        chosen: dict[str, dict] = {}
        for answer in answers:
            entry = _response_entry(answer)
            kept = chosen.get(entry["doc_id"])
            if kept is None or (entry["stance"] and not kept["stance"]):
                chosen[entry["doc_id"]] = entry
        rec.responses = list(chosen.values())
        rec.linked_keys = list(dict.fromkeys(a.key for a in answers))
        latest = max([rec, *answers], key=lambda r: r.status_log_id or 0)
        if latest is not rec and latest.status_log_id:
            for name in ("status", "status_by", "status_by_id", "status_at", "status_note"):
                setattr(rec, name, getattr(latest, name))
            rec.status_log_id = latest.status_log_id
            rec.overdue = overdue(rec)
        out.append(rec)
    return out


def _response_entry(rec) -> dict:
    return {
        "file": rec.file,
        "stance": rec.stance or rec.response,
        "answer": rec.answer or rec.response_text,
        "date": rec.doc_date,
        "doc_id": rec.doc_id,
        "doc_title": rec.doc_title,
        "id": rec.id,
    }
