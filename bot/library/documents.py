"""Read access to the documents in the store: listing, looking one up by the id a person typed.

Front ends never write SQL of their own; they ask this module (and ``search``) for what to show.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils
from rapidfuzz import fuzz, process

from bot.library.text import covered, slugify


@dataclass
class Document:
    id: str
    file: str
    title: str
    date: str | None
    type: str
    author: str | None
    url: str | None
    passages: int
    guessed: list[str] = field(default_factory=list)
    added_at: str | None = None
    updated_at: str | None = None
    read_by: str | None = None  # "ocr": read from page images by OCR
    marking: str | None = None  # handling marking (bot.library.markings), None when unmarked
    # features whose data from this document could not be derived yet (bot.library.derived):
    # the document is stored and searchable; the next ingest run tries them again
    derived_pending: list[str] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict) -> Document:
        return cls(
            id=row["id"],
            file=row["file"],
            title=row["title"],
            date=row["date"],
            type=row["type"],
            author=row["author"],
            url=row["url"],
            passages=row.get("passages") or 0,
            guessed=json.loads(row.get("guessed") or "[]"),
            added_at=row.get("added_at"),
            updated_at=row.get("updated_at"),
            read_by=row.get("read_by"),
            marking=row.get("marking"),
            derived_pending=sorted(
                set(filter(None, (row.get("derived_pending") or "").split(",")))
            ),
        )


_SELECT = """
select d.id, d.file, d.title, d.date, d.type, d.author, d.url, d.guessed, d.added_at,
       d.updated_at, d.read_by, d.marking,
       (select count(*) from passages p where p.doc_id = d.id) as passages,
       (select group_concat(f.feature) from derived_failures f
        where f.doc_id = d.id and f.kind = 'document') as derived_pending
from documents d
"""


def list_documents(db: sqlite_utils.Database) -> list[Document]:
    """All documents, newest first (undated ones last), then by title."""
    rows = db.query(_SELECT + " order by d.date is null, d.date desc, d.title")
    return [Document.from_row(row) for row in rows]


def get_document(db: sqlite_utils.Database, doc_id: str) -> Document | None:
    rows = list(db.query(_SELECT + " where d.id = ?", [doc_id]))
    return Document.from_row(rows[0]) if rows else None


def find_document(db: sqlite_utils.Database, typed: str) -> tuple[Document | None, list[str]]:
    """The document a person meant by ``typed`` (id, file name or close to either), else None and
    the closest ids to suggest."""
    typed = (typed or "").strip()
    if not typed:
        return None, []
    ids = {row["id"]: row["file"] for row in db["documents"].rows_where(select="id, file")}
    slug = slugify(typed)
    for doc_id, file in ids.items():
        if typed in (doc_id, file) or slug == doc_id:
            return get_document(db, doc_id), []
    fragments = _fragment_matches(ids, typed, slug)
    if len(fragments) == 1 or (fragments and not FRAGMENT_MUST_BE_UNIQUE):
        return get_document(db, fragments[0]), []
    if fragments:  # "pac" is in several: name them rather than pick one
        return None, fragments[:3]
    close = process.extract(slugify(typed), list(ids), limit=3, score_cutoff=60)
    if close and close[0][1] >= 90 and (len(close) == 1 or close[1][1] < close[0][1]):
        return get_document(db, close[0][0]), []
    return None, [doc_id for doc_id, _, _ in close]


def fragment_of(db: sqlite_utils.Database, typed: str) -> list[str]:
    """The ids of the documents ``typed`` is a fragment of, when it is one of several ("hansard"
    in three ids), else []: the answer then says it could be any of them, not that none matches."""
    typed = (typed or "").strip()
    if not typed or not FRAGMENT_MUST_BE_UNIQUE:
        return []
    ids = {row["id"]: row["file"] for row in db["documents"].rows_where(select="id, file")}
    if any(typed in (doc_id, file) for doc_id, file in ids.items()):
        return []
    found = _fragment_matches(ids, typed, slugify(typed))
    return found if len(found) > 1 else []


def unfound(db: sqlite_utils.Database, typed: str, suggestions: list[str]) -> str:
    """One sentence for a document ``typed`` does not name: the documents it could be any of
    (a fragment of several ids), else the close ids to suggest."""
    several = fragment_of(db, typed)
    if several:
        return fragment_sentence(typed, several)
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
    return f"No document “{typed}”.{hint}"


SHOWN_CHOICES = 3  # ids listed when a fragment is part of several


def fragment_sentence(typed: str, several: list[str], show: Callable[[str], str] = str) -> str:
    """ "“hansard” is part of 5 document ids: a, b, c and 2 more. Type more of the one you mean."
    (``show``: how an id is written, e.g. as code in Slack; ``typed`` is shown as given)."""
    shown = ", ".join(show(doc_id) for doc_id in several[:SHOWN_CHOICES])
    more = len(several) - SHOWN_CHOICES
    return (
        f"“{typed}” is part of {len(several)} document ids: {shown}"
        f"{f' and {more} more' if more > 0 else ''}. Type more of the one you mean."
    )


# A fragment of an id or file name ("pac", "hansard") picks a document only when it names one:
# the one document holding it, else the one whose id or file starts with it; otherwise the answer
# lists the documents it could be. False restores the rule before: the first document whose file
# name holds it, whichever that was ("pac" took a report on the environmental *impac*t).
FRAGMENT_MUST_BE_UNIQUE = True


def _fragment_matches(ids: dict[str, str], typed: str, slug: str) -> list[str]:
    """The ids whose id or file name holds ``typed``: those starting with it first; a single
    one when exactly one starts with it."""
    holding = [doc_id for doc_id, file in ids.items() if typed in file or (slug and slug in doc_id)]
    if not FRAGMENT_MUST_BE_UNIQUE:
        return holding
    starting = [
        doc_id
        for doc_id in holding
        if doc_id.startswith(slug or typed) or ids[doc_id].startswith(typed)
    ]
    if len(starting) == 1:
        return starting
    return starting + [doc_id for doc_id in holding if doc_id not in starting]


def named_document(db: sqlite_utils.Database, typed: str) -> tuple[Document | None, list[str]]:
    """The document ``typed`` names exactly (its id, its file name, or its id typed loosely, e.g.
    ``PAC SOC 2019``), else None and the ids to suggest. For removing: a near miss or a fragment
    (``a``, ``.``, ``2019``) must never pick a document."""
    typed = (typed or "").strip()
    document, suggestions = find_document(db, typed)
    if document is not None and typed not in (document.id, document.file):
        if slugify(typed) != document.id:
            suggestions, document = [document.id], None
    if document is None and REMOVE_SUGGESTS_ONLY_CLOSE:
        files = {row["id"]: row["file"] for row in db["documents"].rows_where(select="id, file")}
        suggestions = [s for s in suggestions if close_to(typed, s, files.get(s) or "")]
    return document, suggestions


# Round 22: `remove @here` was asked "Did you mean wm-pcc-rocu-letter?": the look-up's fuzzy
# near-misses (rapidfuzz's WRatio, cut at 60, which scores a short name against any long id
# holding a few of its letters) were offered for a removal, where a wrong id is costly. A removal
# now suggests only an id the name is close to (``close_to``), else says plainly that no document
# has that name and how to list them. False: every near-miss, as before.
REMOVE_SUGGESTS_ONLY_CLOSE = True
# The whole-name similarity (rapidfuzz ``fuzz.ratio``: twice the characters in common, in order,
# over both lengths, 0-100) an id must reach to be suggested when the name is not part of it and
# its words are not all the id's. 70 keeps a wrong year or a letter or two wrong in an id of ten
# or more characters (`pac-soc-2018`: 92; a letter dropped: 97); the near-misses that shared little
# scored 18 to 26 on the seed ids (`here` against a letter's id: 18; `2019` against other years'
# ids: 23 to 26).
CLOSE_RATIO = 70


def close_to(typed: str, doc_id: str, file: str = "") -> bool:
    """Whether ``typed`` is close enough to the id ``doc_id`` (or its ``file``) to suggest it
    for a removal: part of it, every word of it among the id's words, or the whole name within
    ``CLOSE_RATIO`` of the id."""
    typed = (typed or "").strip()
    slug = slugify(typed)
    if not slug:
        return False
    if slug in doc_id or (typed and typed in file):
        return True
    id_words = set(doc_id.split("-"))
    if all(word in id_words for word in slug.split("-")):
        return True
    return fuzz.ratio(slug, doc_id) >= CLOSE_RATIO


def document_text(db: sqlite_utils.Database, doc_id: str) -> str | None:
    """A document's cleaned text (the one passage offsets and quotes point into), or None.

    The text is kept once: its passages hold it, and ``documents.rest`` the characters between
    them (``bot.library.text.covered`` joins them back, exactly). Read it through here or
    ``document_texts``; there is no ``documents.text`` column."""
    row = db.execute("select rest from documents where id = ?", [doc_id]).fetchone()
    if row is None:
        return None
    spans = db.execute("select start, end, text from passages where doc_id = ?", [doc_id])
    return covered(spans.fetchall(), row[0] or "")


def document_texts(db: sqlite_utils.Database, doc_ids: list[str] | None = None):
    """(id, cleaned text) of every document (or of ``doc_ids``), one at a time, in id order."""
    if doc_ids is None:
        doc_ids = [row[0] for row in db.execute("select id from documents order by id")]
    for doc_id in doc_ids:
        text = document_text(db, doc_id)
        if text is not None:
            yield doc_id, text


def document_passages(db: sqlite_utils.Database, doc_id: str) -> list[dict]:
    """A document's passages in order: ordinal, text, start, end, speaker."""
    return list(
        db["passages"].rows_where(
            "doc_id = ?",
            [doc_id],
            order_by="ordinal",
            select="ordinal, text, start, end, speaker",
        )
    )


def passage_id(doc_id: str, ordinal: int) -> str:
    """The id a person sees and can type for a passage: ``<doc id>#<ordinal>``."""
    return f"{doc_id}#{ordinal}"
