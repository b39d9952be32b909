"""One copy of each document: what makes two files the same document, or a new version of one.

* The same file: its bytes hash (``documents.file_hash``) is a stored document's.
* The same text: the words of its cleaned text, folded (``text_hash``), are a stored document's,
  whatever the format, file name or link (a PDF and its Word original, a page at two URLs).
* A new version: no stored document has its source, but exactly one has its title and shares
  at least ``VERSION_OVERLAP`` of its word sequences (``overlap``), and that one's source is a
  file that is gone, or a link or Slack file replaced by a link or Slack file (a file still in a
  folder is a document of its own, so versions kept side by side in a folder stay two
  documents; and a folder's file never takes over a document someone added from Slack).

Ingest (``bot.library.ingest``) asks these questions; ``changes`` says what a replacement did to
the passages. ``bot.library.merging`` merges the exact copies a store made before this module
holds.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from pathlib import Path

import sqlite_utils

from bot.library.text import fold

VERSION_OVERLAP = 0.5  # share of the smaller text's 5-word sequences the other must hold
SHINGLE = 5
_WORD = re.compile(r"\w+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def kept_on_purpose() -> bool:
    """``ROCU_KEEP_COPIES=1``: store copies as documents of their own (benchmarks that build a
    large library from copies of one corpus, or a test collection that holds the same text
    twice, need every copy)."""
    return os.environ.get("ROCU_KEEP_COPIES", "").strip() == "1"


def words(text: str) -> list[str]:
    """The words of a text, folded (lower case, no diacritics): what "the same text" compares."""
    return _WORD.findall(fold(text or ""))


def text_hash(text: str) -> str:
    """A hash of the words of a cleaned text: equal for the same text with other spacing,
    punctuation, case or line breaks (a PDF and the Word file it was printed from)."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def title_key(title: str | None) -> str:
    return " ".join(words(title or ""))


def overlap(a: str, b: str) -> float:
    """The share of the smaller text's 5-word sequences that the other text holds too (0..1)."""
    first, second = _shingles(a), _shingles(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _shingles(text: str) -> set[int]:
    seq = words(text)
    if len(seq) < SHINGLE:
        return {hash(tuple(seq))} if seq else set()
    return {hash(tuple(seq[i : i + SHINGLE])) for i in range(len(seq) - SHINGLE + 1)}


def source_is_here(path: str | None) -> bool:
    """Is a stored document's source still where it came from? A link or Slack file always is;
    a file on disk while it exists."""
    path = path or ""
    if _SCHEME.match(path) or not os.path.isabs(path):
        return True
    return Path(path).exists()


# -- finding the stored copy ----------------------------------------------------------------------


def same_file(db: sqlite_utils.Database, digest: str, source: str) -> dict | None:
    """The stored document with these bytes under another source, if any."""
    rows = db["documents"].rows_where("file_hash = ? AND path != ?", [digest, source], limit=1)
    return next(iter(rows), None)


def same_text(db: sqlite_utils.Database, digest: str, other_than: str | None) -> dict | None:
    """The stored document with this text (``text_hash``), other than ``other_than``."""
    rows = db["documents"].rows_where(
        "text_hash = ? AND id IS NOT ?", [digest, other_than], order_by="added_at, id", limit=1
    )
    return next(iter(rows), None)


def earlier_version(
    db: sqlite_utils.Database, title: str | None, text: str, source: str
) -> dict | None:
    """The one stored document this text, from ``source``, is a new version of (see the
    module's docstring). A file from a folder never replaces a document added from a link or
    from Slack: only a link or Slack file does."""
    from bot.library.documents import document_text

    key = title_key(title)
    if not key:
        return None
    found = [
        row
        for row in db["documents"].rows_where(select="id, title, path")
        if title_key(row["title"]) == key
    ]
    if len(found) != 1:
        return None  # none, or several documents share the title: never guess which
    row = found[0]
    if os.path.isabs(row["path"] or "") and Path(row["path"]).exists():
        return None  # a file still in its folder is a document of its own
    if _SCHEME.match(row["path"] or "") and not _SCHEME.match(source or ""):
        return None  # a folder's file does not take over what someone added from elsewhere
    if overlap(document_text(db, row["id"]) or "", text) < VERSION_OVERLAP:
        return None
    return next(iter(db["documents"].rows_where("id = ?", [row["id"]])), None)


# -- what a replacement changed ---------------------------------------------------------


def changes(old: list[str], new: list[str]) -> dict[str, int]:
    """Passages changed, added and removed going from ``old`` to ``new`` (passage texts in
    order): runs of passages that differ are paired up in order (changed), the rest of a run
    is added or removed."""
    a = [" ".join(words(p)) for p in old]
    b = [" ".join(words(p)) for p in new]
    counts = {"changed": 0, "added": 0, "removed": 0, "unchanged": 0}
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            counts["unchanged"] += i2 - i1
            continue
        paired = min(i2 - i1, j2 - j1)
        counts["changed"] += paired
        counts["removed"] += (i2 - i1) - paired
        counts["added"] += (j2 - j1) - paired
    return counts
