"""Boilerplate the library itself reveals: a sentence printed in many of its documents
(a publisher's contact paragraph, a disclaimer, a licence note) is furniture, not a call."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from bot.library.context import matched_in_text

MIN_DOCUMENTS = 3  # other documents holding the same words before a sentence counts as stock
_WORD = re.compile(r"[^\W_]+")


def repeated_in_library(
    db, doc_id: str, min_documents: int = MIN_DOCUMENTS
) -> Callable[[str], bool]:
    """A test for candidate texts: True when the opening words of the text (its first twelve
    words, as a phrase) occur in at least ``min_documents`` other documents of the library."""
    cache: dict[str, bool] = {}

    def repeated(text: str) -> bool:
        words = _WORD.findall(text)[:12]
        if len(words) < 6:
            return False
        phrase = '"' + " ".join(words) + '"'
        if phrase not in cache:
            try:
                rows = db.execute(
                    "select p.doc_id, p.text, p.context, p.context_title from passages_fts f "
                    "join passages p on p.rowid = f.rowid "
                    "where passages_fts match ? and p.doc_id != ?",
                    [phrase, doc_id],
                ).fetchall()
            except sqlite3.Error:
                rows = []
            # in those documents' own words, not only in a passage's context (the index reads both)
            docs = {row[0] for row in rows if matched_in_text(*row[1:], [phrase])}
            cache[phrase] = len(docs) >= min_documents
        return cache[phrase]

    return repeated
