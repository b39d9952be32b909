"""Report and response are one item: a response's copy of a recommendation is linked to the
report's own, so the tracker holds the report's recommendation with the response attached.

* Which documents are responses, and where their answers are: ``bot.recs.answers``.
* Which report item a response item quotes (by label, text or numbering, within the report
  documents it is paired with): ``bot.recs.matching``.
* Here: links are stored by the recommendations' keys (``recommendation_links``), recomputed
  whenever a report or a response is added, changed or removed, so the order of adding never
  matters. Only what the change touches is recomputed (``relink``), with the same table as
  recomputing all. Reading them back (``merge``) gives one item per recommendation.
"""

from __future__ import annotations

import sqlite_utils

from bot.recs.matching import (
    PLACE_OPENING,
    RULES_OFF,
    _also_named,
    _by_numbering,
    _pair,
    _prepare,
    label_keys,
    match,
    places_of,
)

NOT_IN_LIBRARY = "response to a report not in the library"


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
      lose them and have their numbering links redone;
    * a response with an item that carries no number is matched in full (as ``match``) whenever
      a report changes: rule "themes" links such an item by choosing among the reports
      (``matching.by_theme``), so any report's change may move it."""
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
        if not as_report:
            targets |= _themed_docs(db)  # (which report they answer may be decided now)
        for target in sorted(targets - {doc_id}):
            _relink_against(db, target, doc_id, as_report, target in answered)
        if any(r["role"] == "response" for r in own):
            reports = _items(db, "coalesce(role, '') != 'response'")
            _link_whole(db, doc_id, own, reports)
    return db.execute("select count(*) from recommendation_links").fetchone()[0]


# Round 17: a response with unnumbered items (rule "themes") is matched in full on a report's
# change only when the change can move its links: it had links into the changed report, or it
# is linked by theme alone (themes then choose among every report), or the changed report now
# pairs with it. Otherwise its links by label, text, words or numbering are as they were, and
# so is the one report its themes are chosen within (``matching.by_theme``), so nothing is
# redone. Before, every report's change matched every such response in full (round 16: about
# 0.2 s a change on a 45-document library). Off: as round 16 did.
THEMED_SETTLED = True


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


def _themed_docs(db: sqlite_utils.Database) -> set[str]:
    """The response documents with an item that carries no number (rule "themes" may link it
    to whichever report answers best): none when the rule is off."""
    if "themes" in RULES_OFF:
        return set()
    rows = db.execute("select doc_id, label from recommendations where role = 'response'")
    return {doc for doc, label in rows if not label_keys(label)}


def _link_whole(db: sqlite_utils.Database, target: str, items: list[dict], reports: list) -> None:
    """All the links of one response document, matched against every report item."""
    db.execute("delete from recommendation_links where response_doc = ?", [target])
    _with_places(db, items + reports)
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
    _with_places(db, responses + items)
    themed = "themes" not in RULES_OFF and any(not label_keys(r["label"]) for r in responses)
    if themed and (had or not THEMED_SETTLED or all(r["how"] == "theme" for r in stored)):
        # rule "themes" links an unnumbered item by choosing among the reports the response is
        # linked into, or among every report: as ``match`` decides, over the whole library
        _link_whole(db, target, responses, _items(db, "coalesce(role, '') != 'response'"))
        return
    _prepare(responses, items)
    new = _pair(responses, items) if items else []
    if not new and not had:
        # what is linked by label or text is as it was: so are the numbering links, and (a
        # response already linked by them, ``THEMED_SETTLED``) the reports its themes choose in
        return
    if themed:
        _link_whole(db, target, responses, _items(db, "coalesce(role, '') != 'response'"))
        return
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
    if "one-report" not in RULES_OFF and (
        had or {c[0] for c in new} & {r["response_key"] for r in rows}
    ):
        # which report document an item answers best may have changed (rule "one-report": it
        # had links into this report, or now links into it and another): as ``match`` decides,
        # over every report. An item linked into this report alone changes no other's choice.
        _link_whole(db, target, responses, _items(db, "coalesce(role, '') != 'response'"))
        return
    by_doc: dict[str, list[dict]] = {doc_id: items}
    for rep in reports:
        by_doc.setdefault(rep["doc_id"], []).append(rep)
    linked = {resp_key for resp_key, *_rest in kept}
    numbering = []
    for doc in {rep["doc_id"] for _k, rep, _s, _h in kept}:
        numbering += _by_numbering(responses, by_doc[doc], kept, linked)
    named = []
    if "several-named" not in RULES_OFF:
        # (rule "several-named", as ``match`` adds them: links by number to the other numbers an
        # item names, in this report; those into other reports are kept as stored)
        named = _also_named(responses, by_doc, kept + numbering)
    db.execute(
        "delete from recommendation_links where response_doc = ? "
        "and (report_doc = ? or how = 'numbering')",
        [target, doc_id],
    )
    _store(
        db,
        target,
        [
            (k, rep["key"], rep["doc_id"], round(s, 1), how)
            for k, rep, s, how in new + numbering + named
        ],
    )


def _with_places(db: sqlite_utils.Database, items: list[dict]) -> None:
    """Each item's document's police areas, from its opening (``matching.places_of``: rule
    "named-places"), read once a document."""
    if "named-places" in RULES_OFF:
        return
    seen: dict[str, frozenset[str]] = {}
    for item in items:
        doc = item["doc_id"]
        if doc not in seen:
            rows = db.execute(
                "select text from passages where doc_id = ? and start < ? order by start",
                [doc, PLACE_OPENING],
            )
            title = db.execute("select title from documents where id = ?", [doc]).fetchone()
            opening = ((title[0] or "") + "\n" if title else "") + "\n".join(r[0] for r in rows)
            seen[doc] = places_of(opening)
        item.setdefault("_places", seen[doc])


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


# A response item's own due date (a force action plan's "Target date" column) goes with it onto
# the report's item it answers, and the card shows it beside the response ("target date
# 2027-03-31") when it is not the item's own due date: once linked, the tracker showed only the
# report's item and its deadline (none for an area for improvement), so the force's date was
# lost (round 14; left by round 13's pairs). The item's own due date, overdue and the digest are
# unchanged. False: as before.
RESPONSE_TARGET_DATES = True


def _response_entry(rec) -> dict:
    due = getattr(rec, "due", None) if RESPONSE_TARGET_DATES else None
    return {
        "due": due.isoformat() if due else None,
        "file": rec.file,
        "stance": rec.stance or rec.response,
        "answer": rec.answer or rec.response_text,
        "date": rec.doc_date,
        "doc_id": rec.doc_id,
        "doc_title": rec.doc_title,
        "id": rec.id,
    }
