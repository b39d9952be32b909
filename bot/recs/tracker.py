"""Recommendations the library's reports and letters make: stored at ingest, listed, filtered,
and given a status by the team.

Extraction (``bot.recs.extract``) runs in an ingest document hook, inside the transaction that
writes the document, so a document and its recommendations never disagree. Each recommendation's
id comes from a hash of its document and its normalised wording: re-ingesting an unchanged text
gives the same id, and the team's status lives in its own table keyed by that hash, so it
survives re-ingest (and even removal and re-adding) for as long as the wording is unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

import sqlite_utils
from rapidfuzz import fuzz, process

from bot.library import documents as library
from bot.library.features import Steps
from bot.library.store import writing
from bot.library.text import fold, sentence_spans, words
from bot.recs import addressees as names
from bot.recs import carry, links
from bot.recs.deadlines import find_deadline, parse_date
from bot.recs.extract import extract
from bot.recs.extract.repeated import repeated_in_library
from bot.recs.stance import classify
from bot.recs.summary import summarise
from bot.recs.themes import THEMES, themes_of

STATUSES = ("open", "accepted", "in-progress", "implemented", "rejected", "superseded")
CLOSED = ("implemented", "rejected", "superseded")  # no longer due: never overdue
STATUS_LABELS = {
    "open": "Open",
    "accepted": "Accepted",
    "in-progress": "In progress",
    "implemented": "Implemented",
    "rejected": "Rejected",
    "superseded": "Superseded",
}
# Other ways of writing a status, and the names stored before the audit trail: "done" was the
# closed state before "implemented" and "superseded" were told apart.
STATUS_ALIASES = {
    "done": "implemented",
    "complete": "implemented",
    "completed": "implemented",
    "in progress": "in-progress",
    "in_progress": "in-progress",
    "inprogress": "in-progress",
    "progress": "in-progress",
    "started": "in-progress",
    "reopened": "open",
    "declined": "rejected",
    "not accepted": "rejected",
    "replaced": "superseded",
}
MAX_NOTE = 1000  # characters kept of a status note
ID_LENGTH = 6


class RecommendationError(ValueError):
    """A request about recommendations that cannot be met; the message is for the user."""


@dataclass
class Recommendation:
    id: str
    doc_id: str
    file: str
    passage_id: str | None
    made_by: str | None
    addressees: list[str]
    deadline_text: str | None
    due: dt.date | None
    themes: list[str]
    summary: str
    text: str
    status: str
    doc_title: str
    doc_date: str | None
    doc_type: str | None = None
    intro: str | None = None  # the sentence introducing a list the recommendation is an item of
    status_by: str | None = None  # display name of who set the current status
    status_by_id: str | None = None  # their Slack user id, when set from Slack
    status_at: str | None = None
    status_note: str | None = None
    overdue: bool = False  # due before today and not closed
    doc_url: str | None = None
    passage_text: str | None = None
    start: int = 0
    end: int = 0
    history: list[dict] = field(default_factory=list)
    response: str | None = None  # a government response's answer: accepted, accepted in part, ...
    response_text: str | None = None  # the response's sentence that gives it, as written
    label: str | None = None  # the document's own label ("Recommendation 3")
    role: str = "report"  # "response" for a response document's copy of a recommendation
    stance: str | None = None  # a response item's own stance (see ``bot.recs.stance``)
    answer: str | None = None  # a response item's answer: the sentence giving its stance
    # The responses that answer this recommendation: {file, stance, answer, date, doc_id,
    # doc_title, id}; a response item whose report is not in the library lists itself.
    responses: list[dict] = field(default_factory=list)
    report_file: str | None = None  # the report's file; None for a response item left alone
    note: str | None = None  # e.g. "response to a report not in the library"
    key: str = ""
    linked_keys: list[str] = field(default_factory=list)  # the responses' keys (statuses too)
    status_log_id: int | None = None  # the audit-trail row of the current status


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
            "kind": str,  # label, list, sentence
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

    A response document's items (``bot.recs.links.is_response_document``) are stored with the
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
    response_doc = links.is_response_document(doc["type"], doc["title"], found_all, text)
    published = None if response_doc else parse_date(doc["date"])
    answers = (
        links.answer_spans(text, [(f.start, f.end) for f in found_all]) if response_doc else []
    )
    passages = list(db["passages"].rows_where("doc_id = ?", [doc_id], select="ordinal, start, end"))
    seen: dict[str, int] = {}
    records = []
    for ordinal, found in enumerate(found_all):
        body = text[found.start : found.end]
        norm = normalise_text(body)
        repeat = seen.get(norm, 0)
        seen[norm] = repeat + 1
        key = hashlib.sha256(f"{doc_id}\x00{norm}\x00{repeat}".encode()).hexdigest()
        deadline = find_deadline(body, published)
        stance, answer = (None, None)
        if response_doc:
            inside = links.answer_inside(body)
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
                "made_by": found.made_by or doc["author"] or None,
                "addressees": json.dumps(found.actors),
                "deadline_text": deadline.text if deadline else None,
                "due": deadline.due.isoformat() if deadline and deadline.due else None,
                "themes": json.dumps(themes_of(_without(body, deadline))),
                "summary": summarise(body, found.pronoun_for),
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


def _stance(found, answer_text: str) -> tuple[str | None, str | None]:
    """(stance, answer) of a response item: read from the text after it, else from the sentence
    extraction kept as the response, else extraction's own word."""
    for source in (answer_text, found.response_text):
        verdict = classify(source)
        if verdict:
            return verdict.stance, verdict.sentence
    said = found.response_text or _first_sentence(answer_text)
    return found.response, said


def _first_sentence(text: str | None) -> str | None:
    flat = (text or "").replace("\n", " ")
    spans = sentence_spans(flat)
    return " ".join(flat[spans[0][0] : spans[0][1]].split())[:400] if spans else None


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


# --- reading -------------------------------------------------------------------------------

_SELECT = """
select r.*, d.file, d.title as doc_title, d.date as doc_date, d.type as doc_type,
       d.url as doc_url, coalesce(s.status, 'open') as status, s.by as status_by,
       s.by_id as status_by_id, s.at as status_at, s.note as status_note,
       s.id as status_log_id
from recommendations r
join documents d on d.id = r.doc_id
left join recommendation_status_log s on s.id = (
    select max(l.id) from recommendation_status_log l where l.key = r.key
)
"""
_ORDER = " order by d.date is null, d.date desc, d.title, r.ordinal"


def list_recommendations(
    db: sqlite_utils.Database, filter_text: str = "", today: dt.date | None = None
) -> list[Recommendation]:
    """Every recommendation matching ``filter_text`` (see ``parse_filter``), grouped by document
    (newest first) in document order. ``today`` is for ``due:`` filters; default: today.
    Raises RecommendationError for a filter that cannot be understood."""
    wanted = parse_filter(filter_text)
    doc = _resolve_doc(db, wanted.doc) if wanted.doc else None
    canon: dict[str, str] = {}
    today = today or dt.date.today()
    recs = [_from_row(row, db, canon, today) for row in db.query(_SELECT + _ORDER)]
    recs = links.merge(db, recs, lambda rec: is_overdue(rec, today))
    if doc:  # a report's items, or the items a response answers
        recs = [r for r in recs if r.doc_id == doc or any(a["doc_id"] == doc for a in r.responses)]
    return [r for r in recs if wanted.matches(r, db, today)]


def is_overdue(rec: Recommendation, today: dt.date | None = None) -> bool:
    """Due before ``today`` (default: today) and not implemented, rejected or superseded."""
    return bool(rec.due and rec.due < (today or dt.date.today()) and rec.status not in CLOSED)


def parse_status(text: str | None) -> str:
    """The stored status for what someone typed or picked ("In progress", "done", ...).
    Raises RecommendationError naming the statuses for anything else."""
    typed = " ".join((text or "").strip().lower().split())
    status = STATUS_ALIASES.get(typed, typed.replace(" ", "-"))
    if status not in STATUSES:
        raise RecommendationError(
            f"Unknown status “{_quoted(typed)}”: use one of {', '.join(STATUSES)}."
        )
    return status


def _quoted(text: str, limit: int = 40) -> str:
    """Typed text quoted back in an error message: short, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def get_recommendation(
    db: sqlite_utils.Database, rec_id: str, today: dt.date | None = None
) -> Recommendation | None:
    """One recommendation by its id (or a unique start of it), with its source passage and its
    status history (oldest first)."""
    rec_id = (rec_id or "").strip().lstrip("#").lower()
    if not re.fullmatch(r"r[0-9a-f]{4,64}", rec_id):
        return None
    rows = list(db.query(_SELECT + " where r.id = ?", [rec_id]))
    if not rows:
        rows = list(db.query(_SELECT + " where r.id like ? limit 2", [rec_id + "%"]))
        if len(rows) != 1:
            return None
    today = today or dt.date.today()
    key = rows[0]["key"]
    if rows[0].get("role") == "response":  # a linked response is shown as its report's item
        up = links.link_rows(db, " where response_key = ?", [key])
        if up:
            key = up[0]["report_key"]
            rows = list(db.query(_SELECT + " where r.key = ?", [key]))
    link_rows = links.link_rows(db, " where report_key = ?", [key])
    keys = [key] + [row["response_key"] for row in link_rows]
    canon: dict[str, str] = {}
    found = [
        _from_row(row, db, canon, today)
        for row in db.query(_SELECT + f" where r.key in ({', '.join('?' * len(keys))})", keys)
    ]
    found = links.merge(db, found, lambda rec: is_overdue(rec, today), link_rows)
    rec = next(r for r in found if r.key == key)
    if rows[0]["passage_ordinal"] is not None:
        passage = db.execute(
            "select text from passages where doc_id = ? and ordinal = ?",
            [rec.doc_id, rows[0]["passage_ordinal"]],
        ).fetchone()
        rec.passage_text = passage[0] if passage else None
    every = [rec.key, *rec.linked_keys]
    rec.history = list(
        db.query(
            "select status, by, by_id, at, note from recommendation_status_log "
            f"where key in ({', '.join('?' * len(every))}) "
            "group by status, by, by_id, at, note order by min(id)",
            every,
        )
    )
    return rec


def set_status(
    db: sqlite_utils.Database,
    rec_id: str,
    status: str,
    by: str | None = None,
    note: str | None = None,
    now: dt.datetime | None = None,
    by_id: str | None = None,
) -> Recommendation:
    """Record the team's view of a recommendation and return it updated. Each change is a new
    row of the audit trail (status, who by name ``by`` and user id ``by_id``, when, note); the
    current status is the latest row. Raises RecommendationError for an unknown status or id."""
    status = parse_status(status)
    note = " ".join((note or "").split())[:MAX_NOTE] or None
    rec = get_recommendation(db, rec_id)
    if rec is None:
        raise RecommendationError(
            f"No recommendation “{rec_id}”. `rocu recs` lists them with their ids."
        )
    at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    # Under the report's key and each linked response's: removing either document leaves the
    # other with the team's latest view.
    rows = [
        {
            "key": key,
            "rec_id": rec.id,
            "status": status,
            "by": (by or "").strip() or None,
            "by_id": by_id or None,
            "at": at,
            "note": note,
        }
        for key in [rec.key, *rec.linked_keys]
    ]
    with writing(db):  # the write lock before sqlite-utils reads the table: see ``writing``
        db["recommendation_status_log"].insert_all(rows)
    return get_recommendation(db, rec.id)


def _from_row(row: dict, db, canon: dict[str, str], today: dt.date) -> Recommendation:
    written = json.loads(row["addressees"] or "[]")
    for name in written:
        if name not in canon:
            canon[name] = names.canonical(name, db)
    rec = Recommendation(
        id=row["id"],
        doc_id=row["doc_id"],
        file=row["file"],
        passage_id=(
            library.passage_id(row["doc_id"], row["passage_ordinal"])
            if row["passage_ordinal"] is not None
            else None
        ),
        made_by=row["made_by"],
        addressees=list(dict.fromkeys(canon[n] for n in written)),
        deadline_text=row["deadline_text"],
        due=parse_date(row["due"]),
        themes=json.loads(row["themes"] or "[]"),
        summary=row["summary"],
        text=row["text"],
        status=row["status"],
        doc_title=row["doc_title"],
        doc_date=row["doc_date"],
        doc_type=row["doc_type"],
        intro=row["intro"],
        status_by=row["status_by"],
        status_by_id=row["status_by_id"],
        status_at=row["status_at"],
        status_note=row["status_note"],
        doc_url=row["doc_url"],
        start=row["start"],
        end=row["end"],
        response=row.get("response"),
        response_text=row.get("response_text"),
        label=row.get("label"),
        role=row.get("role") or "report",
        stance=row.get("stance"),
        answer=row.get("answer"),
        key=row["key"],
        status_log_id=row.get("status_log_id"),
    )
    rec.overdue = is_overdue(rec, today)
    return rec


def _resolve_doc(db: sqlite_utils.Database, typed: str) -> str:
    document, suggestions = library.find_document(db, typed)
    if document is None:
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise RecommendationError(f"No document “{typed}”.{hint} `rocu docs` lists them.")
    return document.id


# --- filters -------------------------------------------------------------------------------

STOPWORDS = {"the", "a", "an", "of", "and", "or", "to", "for", "in", "on", "by", "with", "recs"}
_DUE = re.compile(r"^(?:(?P<overdue>overdue|late|past)|(?P<n>\d{1,4})(?P<unit>d|w|m|y)?)$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass
class RecFilter:
    """A parsed filter: words (fuzzy over text, themes and addressees) plus field:value terms."""

    words: list[str] = field(default_factory=list)
    doc: str | None = None
    to: list[str] = field(default_factory=list)
    status: str | None = None
    theme: list[str] = field(default_factory=list)
    overdue: bool = False
    within_days: int | None = None

    def matches(self, rec: Recommendation, db, today: dt.date) -> bool:
        if self.status and rec.status != self.status:
            return False
        if self.overdue and not is_overdue(rec, today):
            return False
        if self.within_days is not None:
            horizon = today + dt.timedelta(days=self.within_days)
            if not (rec.due and today <= rec.due <= horizon and rec.status not in CLOSED):
                return False
        if any(not _addressed_to(rec, who, db) for who in self.to):
            return False
        if any(not _has_theme(rec, theme) for theme in self.theme):
            return False
        if self.words:
            vocabulary = _vocabulary(rec)
            return all(_word_matches(word, vocabulary) for word in self.words)
        return True


def parse_filter(text: str) -> RecFilter:
    """``doc:<id> to:<addressee> due:overdue|due:30d status:<status> theme:<theme>`` and words;
    a bare ``overdue`` (``/rocu recs overdue``) is ``due:overdue``."""
    wanted = RecFilter()
    for token in (text or "").split():
        if token.lower() == "overdue":
            wanted.overdue = True
            continue
        name, sep, value = token.partition(":")
        name = name.lower()
        if not sep or name not in ("doc", "to", "due", "status", "theme"):
            wanted.words += [w for w in words(fold(token)) if w not in STOPWORDS]
            continue
        value = value.strip().strip("\"'“”")
        if not value:
            raise RecommendationError(f"“{token}” needs a value, e.g. {_EXAMPLES[name]}.")
        if name == "doc":
            wanted.doc = value
        elif name == "to":
            wanted.to.append(value.replace("_", " ").replace("-", " "))
        elif name == "theme":
            wanted.theme.append(value.replace("_", " ").replace("-", " "))
        elif name == "status":
            wanted.status = parse_status(value.replace("_", " "))
        else:
            due = _DUE.match(value.lower())
            if not due:
                raise RecommendationError(
                    f"“{token}” is not a due filter: use due:overdue or due:30d (also 2w, 3m)."
                )
            if due.group("overdue"):
                wanted.overdue = True
            else:
                wanted.within_days = int(due.group("n")) * _UNIT_DAYS[due.group("unit") or "d"]
    return wanted


_EXAMPLES = {
    "doc": "doc:pac-soc-2019",
    "to": "to:home-office",
    "due": "due:30d",
    "status": "status:open",
    "theme": "theme:funding",
}


def _addressed_to(rec: Recommendation, who: str, db) -> bool:
    wanted = fold(names.canonical(who, db))
    return any(
        wanted == fold(a) or fuzz.partial_ratio(wanted, fold(a)) >= 85 for a in rec.addressees
    )


def _has_theme(rec: Recommendation, theme: str) -> bool:
    best = process.extractOne(fold(theme), list(THEMES), scorer=fuzz.partial_ratio)
    return bool(best and best[1] >= 80 and best[0] in rec.themes)


def _vocabulary(rec: Recommendation) -> set[str]:
    parts = [rec.text, rec.summary, " ".join(rec.themes), " ".join(rec.addressees)]
    return set(words(fold(" ".join(parts))))


def _word_matches(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary:
        return True
    if len(word) >= 3 and any(v.startswith(word) for v in vocabulary):
        return True
    if len(word) < 4:
        return False
    return process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80) is not None
