"""What the tracker stores, and how it is filled: its tables and schema steps, and the
recommendations extracted at ingest.

Extraction (``bot.recs.extract``) runs in an ingest document hook, inside the transaction that
writes the document, so a document and its recommendations never disagree. Each recommendation's
id comes from a hash of its document and its normalised wording: re-ingesting an unchanged text
gives the same id, and the team's status lives in its own table keyed by that hash, so it
survives re-ingest (and even removal and re-adding) for as long as the wording is unchanged.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

import sqlite_utils

from bot.library import documents as library
from bot.library.features import Steps
from bot.library.text import fold, sentence_spans
from bot.recs import answers as responses
from bot.recs import carry, links
from bot.recs.deadlines import find_deadline, parse_date
from bot.recs.extract import extract
from bot.recs.extract.repeated import repeated_in_library
from bot.recs.item import STATUS_ALIASES, STATUSES
from bot.recs.stance import classify
from bot.recs.summary import summarise, table_codes
from bot.recs.themes import themes_of

log = logging.getLogger(__name__)

ID_LENGTH = 6  # hex digits of the key in a recommendation id, at the least


# This module's schema steps, in order: the composition root (bot.wiring) hands them to the store.
MIGRATIONS = Steps()
migration = MIGRATIONS.step


@migration("0004_recommendations")
def _tables(db: sqlite_utils.Database) -> None:
    db["recommendations"].create(
        {
            "id": str,  # short, typeable: stable while the wording is unchanged
            "key": str,  # sha256 of document id + normalised wording (+ repeat number)
            "doc_id": str,
            "ordinal": int,  # order within the document
            "start": int,  # offsets into documents.text
            "end": int,
            "passage_ordinal": int,
            "kind": str,  # label, list, sentence, concern (a coroner's matter of concern)
            "made_by": str,
            "addressees": str,  # JSON list, as written in the text
            "deadline_text": str,
            "due": str,  # ISO date or NULL
            "themes": str,  # JSON list
            "summary": str,
            "text": str,
            "intro": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
        not_null={"key", "doc_id", "text"},
    )
    db["recommendations"].create_index(["key"], unique=True)
    db["recommendations"].create_index(["doc_id", "ordinal"])
    # Not tied to documents: a status outlives re-ingest and removal of its recommendation.
    db["recommendation_status"].create(
        {"key": str, "status": str, "by": str, "at": str, "note": str}, pk="key"
    )
    db["recommendation_status_log"].create(
        {"id": int, "key": str, "rec_id": str, "status": str, "by": str, "at": str, "note": str},
        pk="id",
    )
    db["recommendation_status_log"].create_index(["key"])
    rebuild_all(db)  # a store that already holds documents gets their recommendations now


@migration("0004a_recs_status_audit_trail")
def _audit_trail(db: sqlite_utils.Database) -> None:
    """Statuses become an audit trail: every change is a row of ``recommendation_status_log``
    (who by display name and user id, when, note) and the current status is the latest row
    (the highest id for the recommendation's key).
    Old statuses are renamed ("done" -> "implemented"), a status set without a log row gets one,
    and the overwritten ``recommendation_status`` table goes."""
    log = db["recommendation_status_log"]
    if "by_id" not in log.columns_dict:
        log.add_column("by_id", str)
    if db["recommendation_status"].exists():
        db.execute(
            """insert into recommendation_status_log (key, rec_id, status, by, at, note)
            select s.key, r.id, s.status, s.by, s.at, s.note
            from recommendation_status s left join recommendations r on r.key = s.key
            where not exists (select 1 from recommendation_status_log l where l.key = s.key)"""
        )
        db["recommendation_status"].drop()
    for old, new in STATUS_ALIASES.items():
        db.execute("update recommendation_status_log set status = ? where status = ?", [new, old])
    db.execute(
        "update recommendation_status_log set status = 'open' where status not in ({})".format(
            ", ".join("?" * len(STATUSES))
        ),
        list(STATUSES),
    )
    log.create_index(["key", "id"], if_not_exists=True)  # the latest change per key, at once


def rebuild_all(db: sqlite_utils.Database) -> int:
    """Re-extract every document's recommendations (statuses are kept: they are keyed by
    wording), then link responses to reports. A later change to the extraction rules ships as a
    migration that calls this."""
    ids = [row["id"] for row in db["documents"].rows_where(select="id")]
    count = sum(rebuild_document(db, doc_id) for doc_id in ids)
    links.relink(db)
    return count


# --- extraction at ingest -------------------------------------------------------------------


def rebuild_document(db: sqlite_utils.Database, doc_id: str, removed: bool = False) -> int:
    """Replace a document's recommendations with freshly extracted ones; return how many.

    A response document's items (``bot.recs.answers.is_response_document``) are stored with the
    role "response", their answer and its stance; their due dates never count from the
    response's own date (a linked item's due date is its report's)."""
    db["recommendations"].delete_where("doc_id = ?", [doc_id])
    if removed:
        return 0
    rows = list(db["documents"].rows_where("id = ?", [doc_id]))
    if not rows:
        return 0
    doc = rows[0]
    text = library.document_text(db, doc_id) or ""
    repeated = repeated_in_library(db, doc_id)  # boilerplate the library prints again and again
    found_all = extract(text, doc["type"], repeated=repeated)
    response_doc = responses.is_response_document(doc["type"], doc["title"], found_all, text)
    published = None if response_doc else parse_date(doc["date"])
    answers = (
        responses.answer_spans(text, [(f.start, f.end) for f in found_all]) if response_doc else []
    )
    passages = list(db["passages"].rows_where("doc_id = ?", [doc_id], select="ordinal, start, end"))
    seen: dict[str, int] = {}
    codes = table_codes(text)
    records = []
    for ordinal, found in enumerate(found_all):
        body = text[found.start : found.end]
        norm = normalise_text(body)
        repeat = seen.get(norm, 0)
        seen[norm] = repeat + 1
        key = hashlib.sha256(f"{doc_id}\x00{norm}\x00{repeat}".encode()).hexdigest()
        deadline = find_deadline(body, published)
        themes_body = _without(body, deadline)
        if deadline is None and found.due_words:
            deadline = _column_deadline(found.due_words, published)
        if deadline is None and found.intro and INTRO_DEADLINES:
            deadline = find_deadline(found.intro, published)  # "By May, the force should:" 1., 2.
        stance, answer = (None, None)
        if response_doc:
            inside = responses.answer_inside(body)
            after = answers[ordinal] if inside is None else body[inside:] + answers[ordinal]
            stance, answer = _stance(found, after)
        records.append(
            {
                "id": _free_id(db, key),
                "key": key,
                "doc_id": doc_id,
                "ordinal": ordinal,
                "start": found.start,
                "end": found.end,
                "passage_ordinal": _passage_at(passages, found.start),
                "kind": found.kind,
                "made_by": found.made_by or _maker(doc, response_doc and stance is not None),
                "addressees": json.dumps(found.actors),
                "deadline_text": deadline.text if deadline else None,
                "due": deadline.due.isoformat() if deadline and deadline.due else None,
                "themes": json.dumps(themes_of(themes_body)),
                "summary": summarise(body, found.pronoun_for, codes=codes),
                "text": body,
                "intro": found.intro,
                "response": found.response,
                "response_text": found.response_text,
                "label": found.label,
                "role": "response" if response_doc else "report",
                "stance": stance,
                "answer": answer,
            }
        )
    db["recommendations"].insert_all(records, pk="id", alter=True)
    return len(records)


# Round 13 (``MAKER_NOT_RESPONDER``): a response document's author answers the recommendations it
# quotes; it did not make them. Such an item (one a verdict answers: it has a stance) has the
# maker the text names ("The Panel recommends"), else none (a linked item shows its report's,
# whose author made it); before, "made by" named the responder (a government department, a chief
# constable) on a response item whose report is not in the library. A response's own calls, which
# no verdict answers (a commissioner's letter answering an inspection that recommends in turn),
# keep the author as their maker. False: the document's author for every item, as before.
MAKER_NOT_RESPONDER = True

# Round 14: a list item with no time limit of its own takes its lead-in's ("Within six months, the
# force should:" then "1. review ...", "2. publish ..."), as a lead-in with its bullets kept as one
# item always had. False: each item's own words only, as before.
INTRO_DEADLINES = True


def _maker(doc: dict, answered: bool) -> str | None:
    if answered and MAKER_NOT_RESPONDER:
        return None
    return doc["author"] or None


def _stance(found, answer_text: str) -> tuple[str | None, str | None]:
    """(stance, answer) of a response item: read from the text after it, else from the sentence
    extraction kept as the response, else extraction's own word."""
    if getattr(found, "answers", False):
        # an action plan's row: its status column's verdict, else none; the text after the row
        # is the next rows', never its answer (extraction rule "action-plans")
        return found.response, found.response_text
    for source in (answer_text, found.response_text):
        verdict = classify(source)
        if verdict:
            if responses.ANSWER_SUBSTANCE and source:
                return verdict.stance, responses.substance(source, verdict.sentence)
            return verdict.stance, verdict.sentence
    said = found.response_text or _first_sentence(answer_text)
    return found.response, said


def _first_sentence(text: str | None) -> str | None:
    flat = (text or "").replace("\n", " ")
    spans = sentence_spans(flat)
    return " ".join(flat[spans[0][0] : spans[0][1]].split())[:400] if spans else None


def _column_deadline(words: str, published):
    """A table's date column ("April 2027", "By March 2027", "Within six months"): read as the
    deadline it states; a bare date is "by" that date. None when no deadline is in it."""
    deadline = find_deadline(words, published)
    if deadline is None and re.match(r"^(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:19|20)\d\d$", words):
        deadline = find_deadline("by " + words, published)
    return deadline


def _without(body: str, deadline) -> str:
    """The text with its deadline words blanked, so "Spending Review" does not make a theme."""
    for phrase in deadline.phrases if deadline else ():
        body = body[: phrase.start] + " " * (phrase.end - phrase.start) + body[phrase.end :]
    return body


def _document_hook(db: sqlite_utils.Database, doc_id: str, removed: bool) -> None:
    """The ingest document hook (the composition root hands it to ingest). A new version's
    reworded recommendations keep their statuses (``bot.recs.carry``). Links depend only on the
    recommendations' keys, texts, labels and roles: when those are as they were (a document
    with none before and after, details edited, the same text again) the relinking is skipped;
    otherwise ``links.relink`` redoes what the change touches."""
    had = _linked_by(db, doc_id)
    before = [] if removed else carry.snapshot(db, doc_id)
    rebuild_document(db, doc_id, removed)
    if before:
        carry.reworded(db, doc_id, before)
    if _linked_by(db, doc_id) != had:
        links.relink(db, doc_id)


def _linked_by(db: sqlite_utils.Database, doc_id: str) -> list[tuple]:
    """What of a document's recommendations the links depend on."""
    return db.execute(
        "select key, text, label, role from recommendations where doc_id = ? order by ordinal",
        [doc_id],
    ).fetchall()


@migration("0004b_recommendation_responses_and_types")
def _responses_and_types(db: sqlite_utils.Database) -> None:
    """Government responses' answers beside each quoted recommendation; document types renamed
    to the current set ("report"/"document" -> "other"); every document re-extracted under the
    current rules (statuses are kept: they are keyed by wording)."""
    from bot.library.metadata import LEGACY_TYPES

    columns = db["recommendations"].columns_dict
    for name in ("response", "response_text"):
        if name not in columns:
            db["recommendations"].add_column(name, str)
    for old, new in LEGACY_TYPES.items():
        db.execute("update documents set type = ? where type = ?", [new, old])
    rebuild_all(db)


@migration("0004c_report_and_response_are_one_item")
def _link_responses(db: sqlite_utils.Database) -> None:
    """A response's copy of a recommendation is linked to the report's own (``bot.recs.links``):
    each recommendation keeps its document's label and role (report or response), a response
    item its answer and stance; the links table; every document re-extracted and linked.
    Statuses are kept (keyed by wording)."""
    columns = db["recommendations"].columns_dict
    for name in ("label", "role", "stance", "answer"):
        if name not in columns:
            db["recommendations"].add_column(name, str)
    links.create_table(db)
    rebuild_all(db)


@migration("recommendation_answers_substance")
def _answers_substance(db: sqlite_utils.Database) -> None:
    """A response item's answer is its substance, not its verdict sentence alone
    (``bot.recs.answers.ANSWER_SUBSTANCE``), and its maker is not its responder
    (``MAKER_NOT_RESPONDER``): the response documents are re-extracted, and the links redone if
    that changed what they depend on (statuses are kept: keyed by wording)."""
    if not db["recommendations"].exists():
        return
    ids = [
        row[0]
        for row in db.execute(
            "select distinct doc_id from recommendations where role = 'response'"
        ).fetchall()
    ]
    for doc_id in ids:
        had = _linked_by(db, doc_id)
        rebuild_document(db, doc_id)
        if _linked_by(db, doc_id) != had:
            links.relink(db, doc_id)


# A store keeps the document types the type rules of its day guessed (``bot.library.metadata``):
# a response typed as a report by older rules stays one, so its answers never link. The type
# rules' source is fingerprinted as the extraction rules' are, and names a schema step: a store
# whose types came from other rules guesses each document's type once again when it is next
# opened, as ingest did, from its source file read again (the type is guessed from the text
# before cleaning: a web page's furniture, "Hansard" above the columns, tells what it is). A
# document whose source is not here as it was (a link, a file sent in Slack, a file moved,
# changed or read by OCR) keeps its type, unless ``RETYPE_FROM_STORED_TEXT``: then it is guessed
# from its stored text, which lacks that furniture (on the 33 real documents, 1 of 33 guesses
# moves so: a Hansard page becomes a speech). The recommendations of each document whose type
# changed are read again (statuses carried as for a new version) and the library relinked. A type
# a person gave (a catalogue, "Edit details") is not marked guessed and is kept.
# False: types are never guessed again.
RETYPE_ON_RULES_CHANGE = True
RETYPE_FROM_STORED_TEXT = False
TYPE_RULES_FILES = ("metadata.py", "speakers.py")  # in bot/library: guess_type, its rules, speakers


def type_rules_fingerprint(root: Path | None = None) -> str:
    """The first 12 hex digits of a sha256 over the type rules' source; "unknown" without it."""
    root = root or Path(library.__file__).resolve().parent
    digest = hashlib.sha256()
    found = False
    for name in TYPE_RULES_FILES:
        path = root / name
        if path.is_file():
            found = True
            digest.update(name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:12] if found else "unknown"


def type_from_source(row: dict) -> str | None:
    """A document's type guessed again from its source file, as ingest guessed it; None when
    the source is not here as it was stored (gone, changed, remote, read by OCR, unreadable)."""
    from bot.library import copies, formats, limits
    from bot.library.cleaning import clean
    from bot.library.metadata import guess_type

    path = Path(row["path"] or "")
    if row.get("read_by") == "ocr" or not path.is_absolute() or not path.is_file():
        return None
    try:
        data = path.read_bytes()
        if copies.file_hash(data) != row["file_hash"]:
            return None
        extracted = limits.extract(path, data)
    except (OSError, formats.UnreadableFile):
        return None
    return guess_type(clean(extracted.text), path.name, extracted.text, extracted)


def type_from_stored_text(db: sqlite_utils.Database, doc_id: str, file_name: str) -> str | None:
    """A stored document's type guessed from its cleaned text and its passages' speakers."""
    from bot.library.cleaning import CleanDocument, Paragraph
    from bot.library.metadata import guess_type

    text = library.document_text(db, doc_id)
    if text is None:
        return None
    paragraphs = [
        Paragraph(p["start"], p["end"], p["speaker"], False)
        for p in library.document_passages(db, doc_id)
    ]
    return guess_type(CleanDocument(text, paragraphs), file_name or "")


def retype_all(db: sqlite_utils.Database) -> list[tuple[str, str, str]]:
    """Guess again the type of every document whose type was guessed; store the ones that
    changed, re-read those documents' recommendations and relink. Returns (id, old, new) of each
    document whose type changed."""
    if not db["documents"].exists():
        return []
    # The store's own steps (these columns) run before any feature's.
    select = "id, file, path, type, guessed, file_hash, read_by"
    rows = list(db["documents"].rows_where(select=select, order_by="id"))
    changed, kept = [], 0
    for row in rows:
        if "type" not in json.loads(row.get("guessed") or "[]"):
            continue  # a person's type (catalogue or "Edit details"): theirs is kept
        new = type_from_source(row)
        if new is None and RETYPE_FROM_STORED_TEXT:
            new = type_from_stored_text(db, row["id"], row["file"])
        if new is None:
            kept += 1
        elif new != row["type"]:
            db.execute("update documents set type = ? where id = ?", [new, row["id"]])
            changed.append((row["id"], row["type"], new))
    log.info(
        "document types guessed again under changed rules: %d changed, %d kept (source not here)",
        len(changed),
        kept,
    )
    if changed and db["recommendations"].exists():
        for doc_id, _, _ in changed:
            before = carry.snapshot(db, doc_id)
            rebuild_document(db, doc_id)
            if before:
                carry.reworded(db, doc_id, before)
        links.relink(db)
    return changed


if RETYPE_ON_RULES_CHANGE:  # before the recommendations' re-reading: that one reads new types
    migration(f"document_types_{type_rules_fingerprint()}")(retype_all)


# A store keeps what the rules of its day extracted until its documents are read again, so the
# fixes of a later release reached only documents added after it. The extraction rules' own
# source (this package, less the modules that only list, filter and export items) is
# fingerprinted, and the fingerprint names a schema step: a store whose items came from other
# rules re-reads every document's recommendations once, when it is next opened, with statuses
# carried as for a new version of a document (``carry.reworded``). False: no re-reading.
REREAD_ON_RULES_CHANGE = True
NOT_RULES = frozenset({"export.py", "filters.py", "tracker.py"})


def rules_fingerprint(root: Path | None = None) -> str:
    """The first 12 hex digits of a sha256 over the extraction rules' source files (names and
    bytes); "unknown" where no source is installed (the step then runs once)."""
    root = root or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*.py") if p.name not in NOT_RULES)
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()[:12] if files else "unknown"


def reread_all(db: sqlite_utils.Database) -> int:
    """Re-extract every document's recommendations, carrying the statuses of items the new rules
    word a little differently (``carry.reworded``), then relink the library; returns how many
    documents were read."""
    if not db["recommendations"].exists():
        return 0
    ids = [row["id"] for row in db["documents"].rows_where(select="id")]
    if not ids:
        return 0
    log.info("re-reading the recommendations of %d documents under changed rules", len(ids))
    for doc_id in ids:
        before = carry.snapshot(db, doc_id)
        rebuild_document(db, doc_id)
        if before:
            carry.reworded(db, doc_id, before)
    links.relink(db)
    return len(ids)


if REREAD_ON_RULES_CHANGE:
    migration(f"recommendations_rules_{rules_fingerprint()}")(reread_all)


def normalise_text(text: str) -> str:
    """The wording that identifies a recommendation: folded, quotes unified, spaces collapsed."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"}))
    return " ".join(fold(text).split())


def _free_id(db: sqlite_utils.Database, key: str) -> str:
    """``r`` + the first hex digits of the key, lengthened only if another key has them."""
    for length in range(ID_LENGTH, len(key) + 1):
        candidate = "r" + key[:length]
        row = db.execute("select key from recommendations where id = ?", [candidate]).fetchone()
        if row is None or row[0] == key:
            return candidate
    return "r" + key  # pragma: no cover - a full sha256 collision


def _passage_at(passages: list[dict], offset: int) -> int | None:
    for p in passages:
        if p["start"] <= offset < p["end"]:
            return p["ordinal"]
    return None
