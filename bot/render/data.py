"""JSON shapes of the core's results. The keys are a contract that tools rely on."""

from __future__ import annotations

from dataclasses import asdict

from bot.library.documents import Document
from bot.library.ingest import IngestReport
from bot.search.ranking import SearchResponse


def search_json(response: SearchResponse) -> dict:
    return {
        "query": response.query,
        "corrected": response.corrected,
        "also": getattr(response, "also", None),
        "total": response.total,
        "results": [
            {
                "doc_id": r.doc_id,
                "file": r.file,
                "title": r.title,
                "date": r.date,
                "type": r.type,
                "speaker": r.speaker,
                "passage_id": r.passage_id,
                "excerpt": r.excerpt,
                "score": r.score,
                "highlights": [list(span) for span in r.highlights],
                "answer": list(r.answer) if getattr(r, "answer", None) else None,
                "columns": getattr(r, "columns", None),
                "cites": getattr(r, "cites", ""),
                "page": getattr(r, "page", None),
                "marking": getattr(r, "marking", None),
            }
            for r in response.results
        ],
        "suggestions": response.suggestions,
        "notes": response.notes,
        "confidence": _confidence_json(getattr(response, "confidence", None)),
    }


def _confidence_json(confidence) -> dict | None:
    """The confidence gate's measure of an answer (``bot.search.confidence``)."""
    if confidence is None:
        return None
    keys = ("value", "threshold", "found", "exact", "together", "corrected", "held", "words")
    data = {key: getattr(confidence, key) for key in keys}
    data["confident"] = confidence.confident
    data["phrase_missing"] = confidence.phrase_missing
    data["nearest"] = list(confidence.nearest)
    return data


def document_json(
    doc: Document, text: str | None = None, passages: list[dict] | None = None
) -> dict:
    data = asdict(doc)
    if text is not None:
        data["text"] = text
    if passages is not None:
        data["passage_list"] = passages
    return data


# Round 21: `rocu docs --json` (a listing people read and scripts keep) leaves out each
# document's ``file``, the name the store keeps its source under (a seed's machine-made name,
# a Slack upload's); a script keeps what it needs: id, title, type, date, author, url,
# passages. `rocu show DOC --json` (one document, read by id or file name) still has it.
# False: every field, as before.
DOCS_FILE_HIDDEN = True
_HIDDEN_IN_LISTING = ("file",)


def documents_json(docs: list[Document]) -> dict:
    hidden = _HIDDEN_IN_LISTING if DOCS_FILE_HIDDEN else ()
    return {
        "documents": [
            {key: value for key, value in asdict(doc).items() if key not in hidden} for doc in docs
        ]
    }


def ingest_json(report: IngestReport) -> dict:
    return {
        "counts": report.counts(),
        "documents": {
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "pruned": report.pruned,
        },
        "failed": [{"file": f, "reason": r} for f, r in report.failed],
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "guessed": report.guessed,
        "duplicates": [{"file": f, "same_as": d} for f, d in report.duplicates],
        "changes": report.changes,
        # hooks that raised (the document is kept; tried again by the next run), and earlier
        # ones that worked this time (bot.library.derived)
        "derived_failed": [asdict(f) for f in getattr(report, "derived_failed", [])],
        "derived_recovered": [asdict(f) for f in getattr(report, "derived_recovered", [])],
    }


def _example_json(example) -> dict | None:
    if example is None:
        return None
    return {
        "text": example.text,
        "doc_id": example.doc_id,
        "title": example.title,
        "passage_id": example.passage_id,
        "highlights": [list(span) for span in example.highlights],
    }


def define_json(result) -> dict:
    """A `define` answer (``bot.glossary.lookup.DefineResult``)."""
    return {
        "query": result.query,
        "matches": [
            {
                **glossary_entry_json(m.entry),
                "defined_in": m.defined_in,
                "documents": m.documents,
                "example": _example_json(m.example),
            }
            for m in result.matches
        ],
        "suggestions": result.suggestions,
        # an unknown term: the documents using it as typed, and one sentence that does
        "used_in": getattr(result, "used_in", []),
        "usage_example": _example_json(getattr(result, "example", None)),
        "corrected": result.corrected,
        "reverse": result.reverse,
        "notice": result.notice,
        "error": result.error,
        "problems": result.problems,
    }


def glossary_entry_json(entry) -> dict:
    """One glossary entry (``bot.glossary.lookup.Entry``); ``acronym`` holds a term's words too."""
    return {
        "acronym": entry.headword,
        "expansion": entry.expansion,
        "description": entry.description,
        "source": entry.source,
        "cited": entry.cited,  # a curated entry's public source
        "aliases": list(entry.aliases),
        "method": entry.method,
        "added_by": entry.added_by,
        "added_by_name": entry.added_by_name,
        "added_at": entry.added_at,
    }


def glossary_json(entries: list) -> dict:
    return {"entries": [glossary_entry_json(e) for e in entries]}


def recommendations_json(recs: list) -> dict:
    """``rocu recs --json``: one object per recommendation; ``due`` is an ISO date or null.
    ``report_file`` is the report's file (null for a response item whose report is not in the
    library, which then says so in ``note``); ``responses`` lists the responses that answer it:
    ``{file, stance, answer, date, doc_id, id}``."""
    return {
        "recommendations": [
            {
                "id": r.id,
                "doc_id": r.doc_id,
                "file": r.file,
                "made_by": r.made_by,
                "addressees": list(r.addressees),
                "deadline_text": r.deadline_text,
                "due": r.due.isoformat() if r.due else None,
                "themes": list(r.themes),
                "summary": r.summary,
                "text": r.text,
                "status": r.status,
                "label": getattr(r, "label", None),
                "report_file": getattr(r, "report_file", None),
                "responses": [
                    {
                        "file": a["file"],
                        "stance": a["stance"],
                        "answer": a["answer"],
                        "date": a["date"],
                        "doc_id": a["doc_id"],
                        "id": a["id"],
                        "target_date": a.get("due"),
                    }
                    for a in getattr(r, "responses", None) or []
                ],
                "note": getattr(r, "note", None),
            }
            for r in recs
        ]
    }
