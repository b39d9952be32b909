"""What several subcommands add to an answer about documents: where each can be opened (source
links), which were read by OCR, where a recommendation sits in its document, and the
handling-marking rule that keeps an answer private."""

from __future__ import annotations

import functools

from bot.commands.reply import Context, Reply
from bot.config import source_url
from bot.library import documents as library


def keep_private(reply: Reply, marks, context: Context) -> Reply:
    """The handling-marking rule on an answer about to be posted: when any excerpt in it is from
    a document that may not be quoted in this channel (``bot.library.markings.may_excerpt``:
    OFFICIAL-SENSITIVE outside ``ROCU_SENSITIVE_CHANNELS``), the answer goes to the asker alone,
    with a line saying why."""
    from bot.library.markings import may_excerpt, why_private

    for marking in marks:
        if marking and not may_excerpt(marking, context.channel, context.settings):
            reply.public = False
            reply.extra["private_because"] = why_private(marking)
            break
    return reply


def doc_markings(db, doc_ids) -> list[str | None]:
    """The handling markings of these documents (None for unmarked ones)."""
    doc_ids = list(dict.fromkeys(d for d in doc_ids if d))
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    sql = f"select marking from documents where id in ({marks})"
    return [row[0] for row in db.execute(sql, doc_ids)]


def ocr_docs(db, doc_ids) -> set[str]:
    """The documents among ``doc_ids`` whose text was read from page images by OCR."""
    found = set()
    for doc_id in {d for d in doc_ids if d}:
        document = library.get_document(db, doc_id)
        if document and document.read_by == "ocr":
            found.add(doc_id)
    return found


def doc_urls(db, doc_ids) -> dict[str, str]:
    """doc id -> source URL, for the documents that have one ("Open source" links)."""
    urls = {}
    bases = _source_bases()
    for doc_id in {d for d in doc_ids if d}:
        document = library.get_document(db, doc_id)
        if document and document.url:
            urls[doc_id] = document.url
        elif document and bases:  # a folder's document: where the team keeps that folder
            row = db.execute("select path from documents where id = ?", [doc_id]).fetchone()
            mapped = source_url(row[0] if row else None, bases)
            if mapped:
                urls[doc_id] = mapped
    return urls


def _source_bases() -> tuple:
    """``ROCU_SOURCE_BASE_URL`` as read from the environment (once per value)."""
    import os

    return _parsed_bases(os.environ.get("ROCU_SOURCE_BASE_URL") or "")


@functools.lru_cache(maxsize=4)
def _parsed_bases(value: str) -> tuple:
    from bot.config import ConfigError, parse_source_bases

    try:
        return parse_source_bases(value)
    except ConfigError:  # reported where settings are checked (rocu serve); no links here
        return ()


def rec_citations(db, recs) -> dict:
    """Each recommendation's page or paragraph ("p. 12", "para 3.4") and physical page, for
    the renderers (``cites``, ``pages``: rec id -> value)."""
    from bot.library.pagestarts import cite_span

    cites, pages = {}, {}
    for rec in recs:
        citation = cite_span(db, rec.doc_id, rec.start, rec.end)
        cites[rec.id], pages[rec.id] = citation.text(), citation.page
    return {"cites": cites, "pages": pages}
