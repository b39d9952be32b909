"""Add one document from a link or from bytes someone sent: fetch, then the same ingest as files.

Front ends (Slack, the console) call ``add_link`` or ``add_bytes`` and show what comes back; every
failure is an ``AddError`` whose message is one sentence, and the store is then as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from bot.library import fetch, formats, ingest
from bot.library.documents import Document, get_document
from bot.library.metadata import CatalogueError


class AddError(Exception):
    """A document that could not be added; the message is one sentence for a person."""


@dataclass
class Added:
    """What adding did. ``outcome``: added, updated, unchanged, duplicate (the same file or text
    as ``document``, already in the library under another source: nothing was stored) or
    version (asked: a new version of ``document``, nothing stored yet).
    ``changes``: for updated, the passages changed/added/removed and ``previous``, the source a
    new version replaced when it was another."""

    outcome: str
    document: Document
    source: str  # the key it is stored under: its URL, or slack://FILE/name
    changes: dict | None = None
    same_file: bool = False  # duplicate: the very bytes, not only the same text
    name: str = ""  # the file name it came as


def add_link(
    db: sqlite_utils.Database, url: str, versions: str = "replace", **fetch_options
) -> Added:
    """Fetch ``url`` (``bot.library.fetch`` rules) and ingest it, keeping the link as its source
    URL. Adding the same link again updates the document; ``versions`` says what a new version
    of another document does (``bot.library.ingest.ingest_file``)."""
    try:
        fetched = fetch.fetch(url, **fetch_options)
    except fetch.FetchError as exc:
        raise AddError(str(exc)) from exc
    return add_bytes(db, fetched.data, fetched.name, source=url, url=url, versions=versions)


def add_bytes(
    db: sqlite_utils.Database,
    data: bytes,
    name: str,
    source: str,
    url: str | None = None,
    details: dict | None = None,
    versions: str = "replace",
) -> Added:
    """Ingest ``data`` (a file called ``name``) under ``source``; ``url`` is its source URL,
    ``details`` any known title/date/type/author; ``versions``: ``replace`` a document this is a
    new version of, ``ask`` (nothing stored: the outcome is ``version``) or keep it
    ``separate``."""
    entry = {k: v for k, v in (details or {}).items() if v}
    if url:
        entry["url"] = url
    try:
        report = ingest.ingest_bytes(db, data, name, source, entry, versions)
    except formats.UnreadableFile as exc:
        raise AddError(f"I could not read {name}: {exc}.") from exc
    except CatalogueError as exc:
        raise AddError(f"The details for {name} are not right: {exc}.") from exc
    stored = report.stored.get(source)
    document = get_document(db, stored.doc_id) if stored else None
    if document is None:  # pragma: no cover - ingest_bytes reports one that exists
        raise AddError(f"{name} could not be added.")
    return Added(
        stored.outcome, document, source, stored.changes, stored.same_file, Path(name).name
    )
