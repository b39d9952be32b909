"""Load documents into the store: read, clean, describe, cut into passages, write atomically.

Ingest is idempotent: a file whose bytes and catalogue entry are unchanged is left alone; a changed
file has its document row and passages replaced in one transaction; a file that cannot be read is
reported and nothing already stored is touched. Features that derive data from documents
(glossary, recommendations) give hooks (``bot.library.features``, handed over by the composition
root) that run inside that same transaction, or once after the batch when they need the whole
library. A hook that raises never costs the document (``bot.library.derived``): its own writes
are rolled back alone, the failure is recorded and reported, and tried again by the next run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from bot.library import context as passage_context
from bot.library import derived, features, markings
from bot.library.pagestarts import store_pages
from bot.library.store import writing
from bot.library.text import slugify, uncovered

# Reading, cleaning and describing files (formats, cleaning, metadata, passages) are imported by
# the functions that do so: every command checks the seed files through this module, and only
# ingest needs those readers.
if TYPE_CHECKING:
    from bot.library.metadata import CatalogueError

CATALOGUE_NAME = "catalogue.toml"  # bot.library.metadata.CATALOGUE_NAME (a test keeps them equal)

# hook(db, doc_id, removed): runs inside the transaction that adds, replaces or removes a document.
DocumentHook = Callable[[sqlite_utils.Database, str, bool], None]
DOCUMENT_HOOKS: list[DocumentHook] = []
# hook(db, report): runs once after a batch that changed anything (e.g. cross-library glossary).
LibraryHook = Callable[[sqlite_utils.Database, "IngestReport"], None]
LIBRARY_HOOKS: list[LibraryHook] = []
_HOOKED = -1  # the features generation whose hooks are in the lists above


def document_hooks() -> list[DocumentHook]:
    """The hooks that run in each document's transaction: the features' (loaded on first use, in
    the order the composition root declared them), then any added to ``DOCUMENT_HOOKS``."""
    _take_features()
    return DOCUMENT_HOOKS


def library_hooks() -> list[LibraryHook]:
    _take_features()
    return LIBRARY_HOOKS


def _take_features() -> None:
    """Put the features' hooks and sidecar file names in this module's lists, once per set of
    features handed over."""
    global _HOOKED
    if _HOOKED == features.generation():
        return
    generation = features.generation()
    loaded = features.loaded()
    DOCUMENT_HOOKS[:0] = [h for f in loaded for h in f.document_hooks if h not in DOCUMENT_HOOKS]
    LIBRARY_HOOKS[:0] = [h for f in loaded for h in f.library_hooks if h not in LIBRARY_HOOKS]
    SIDECAR_NAMES.update(name for f in loaded for name in f.sidecar_names)
    _HOOKED = generation


MAX_FILE_BYTES = 50 * 1024 * 1024
# Files in a library folder that describe it rather than being documents (features add theirs).
SIDECAR_NAMES: set[str] = {CATALOGUE_NAME}
# A folder's own index, read-me or licence in plain text or markup (README.md, SOURCES.md, a
# Sphinx index.rst): it describes the folder, so adding the folder leaves it out (said in
# ``report.skipped``); named on its own, it is added like any file.
FOLDER_INDEX_STEMS = {"readme", "sources", "index", "license", "licence", "changelog"}
FOLDER_INDEX_SUFFIXES = {".md", ".markdown", ".rst", ".txt", ""}
FOLDER_INDEX_REASON = "the folder's own index or read-me, not a document (name it to add it)"


def is_folder_index(path: Path) -> bool:
    return path.stem.lower() in FOLDER_INDEX_STEMS and path.suffix.lower() in FOLDER_INDEX_SUFFIXES


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    guessed: dict[str, list[str]] = field(default_factory=dict)  # doc id -> guessed fields
    # (file, stored document id): copies of a stored document, not stored again
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    # doc id -> passages changed/added/removed (and ``previous`` source) of each updated document
    changes: dict[str, dict] = field(default_factory=dict)
    stored: dict[str, Stored] = field(default_factory=dict)  # file -> what ingest_file did
    # hooks that raised (the document kept, their data to be tried again: bot.library.derived),
    # and earlier failures that worked this time
    derived_failed: list[derived.Failure] = field(default_factory=list)
    derived_recovered: list[derived.Failure] = field(default_factory=list)

    def note(self, file: str, stored: Stored) -> None:
        """Record what ``ingest_file`` did with ``file``."""
        self.stored[file] = stored
        if stored.outcome == "version":  # asked about, nothing stored
            return
        if stored.outcome == "duplicate":
            self.duplicates.append((file, stored.doc_id))
            return
        getattr(self, stored.outcome).append(stored.doc_id)
        if stored.guessed and stored.outcome != "unchanged":
            self.guessed[stored.doc_id] = stored.guessed
        if stored.changes is not None:
            self.changes[stored.doc_id] = stored.changes

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.pruned)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "failed": len(self.failed),
            "pruned": len(self.pruned),
            "skipped": len(self.skipped),
            "duplicates": len(self.duplicates),
        }


def seeds_dir() -> Path:
    """The seed library: ``ROCU_SEEDS``, else the project's ``seeds/``, else ``./seeds``."""
    if os.environ.get("ROCU_SEEDS"):
        return Path(os.environ["ROCU_SEEDS"])
    return _PROJECT_SEEDS if _PROJECT_SEEDS.is_dir() else Path("seeds")


# Shipped inside the package (bot/seeds links to the top-level seeds/ in a checkout).
_PROJECT_SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def ensure_seeded(db: sqlite_utils.Database) -> IngestReport | None:
    """Load the seed files this store has never loaded, so a fresh machine needs no step and a
    store whose seeding was interrupted is completed. Each loaded seed file is recorded in
    ``seed_log``: one the team removed later is not brought back. None when nothing was due."""
    due = pending_seeds(db)
    if not due:
        return None
    report = ingest(db, due)
    failed = {Path(name).name for name, _ in report.failed}
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db["seed_log"].upsert_all(
        ({"file": path.name, "seeded_at": now} for path in due if path.name not in failed),
        pk="file",
    )
    return report


def pending_seeds(db: sqlite_utils.Database) -> list[Path]:
    """Seed files this store has not loaded yet: while there are any, the library is not ready
    (the digest waits rather than report on a half-seeded library)."""
    folder = seeds_dir()
    files = collect_files([folder], IngestReport()) if folder.is_dir() else []
    done = {row["file"] for row in db["seed_log"].rows}
    return [path for path in files if path.name not in done]


def collect_files(paths: Iterable[Path], report: IngestReport) -> list[Path]:
    """Files to ingest under ``paths``; unsupported or missing ones go to ``report.skipped``."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name in SIDECAR_NAMES or child.name.startswith("."):
                    continue
                if is_folder_index(child):
                    report.skipped.append((str(child), FOLDER_INDEX_REASON))
                    continue
                _add_if_supported(child, found, report)
        elif path.is_file():
            _add_if_supported(path, found, report)
        else:
            report.failed.append((str(path), "no such file or folder"))
    return list(dict.fromkeys(found))


def _add_if_supported(path: Path, found: list[Path], report: IngestReport) -> None:
    from bot.library import formats

    if formats.is_supported(path):
        found.append(path)
    else:
        report.skipped.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))


def ingest(
    db: sqlite_utils.Database,
    paths: Iterable[Path | str] | None = None,
    prune: bool = False,
    progress: Callable[[Iterable[Path]], Iterator[Path]] | None = None,
) -> IngestReport:
    """Ingest files and folders (default: the seed library) and return what happened to each."""
    _take_features()  # their hooks and sidecar file names
    report = IngestReport()
    roots = [Path(p) for p in (paths or [seeds_dir()])]
    if prune:
        refused = _prune_refusal(roots)
        if refused:
            raise PruneRefused(refused)
    with derived.collecting() as met:
        _ingest_files(db, roots, prune, progress, report)
        _after_batch(db, report, met)
    return report


def _ingest_files(db, roots: list[Path], prune: bool, progress, report: IngestReport) -> None:
    from bot.library import formats
    from bot.library.metadata import CatalogueError

    files = collect_files(roots, report)
    catalogues: dict[Path, dict | CatalogueError] = {}
    for path in progress(files) if progress else files:
        try:
            entry = _catalogue_entry(catalogues, path)
            stored = ingest_file(db, path, entry)
        except (formats.UnreadableFile, CatalogueError, OSError) as exc:
            report.failed.append((str(path), str(exc) or type(exc).__name__))
            continue
        except Exception as exc:  # noqa: BLE001 - one file's bug must not stop the others
            report.failed.append((str(path), internal_error(exc)))  # its transaction rolled back
            continue
        report.note(str(path), stored)
    if prune:
        report.pruned = prune_missing(db, [p for p in roots if p.is_dir()])


def _after_batch(db: sqlite_utils.Database, report: IngestReport, met: derived.Met) -> None:
    """The end of a batch: the hooks that failed before are tried again, then the library hooks
    run when anything changed (or one of them failed last time); what failed and what worked
    again goes in the report."""
    derived.retry(db, met, document_hooks(), remove_document)
    if report.changed or met.recovered or derived.library_due(db):
        derived.run_library_hooks(db, library_hooks(), report)
    # As the store holds them (a failure whose document then failed to store went with it), each
    # hook and document once.
    still = {(f.hook, f.doc_id) for f in derived.pending(db)}
    report.derived_failed = list(
        {(f.hook, f.doc_id): f for f in met.failed if (f.hook, f.doc_id) in still}.values()
    )
    report.derived_recovered = list(
        {(f.hook, f.doc_id): f for f in met.recovered if (f.hook, f.doc_id) not in still}.values()
    )


def internal_error(exc: BaseException) -> str:
    """One line for a bug met while storing a file: the exception's kind and the project line it
    was raised from (for a bug report), never a traceback and never the file's text."""
    where = derived.raised_at(exc)
    where = f" at {where}" if where else ""
    return f"not stored: an internal error ({type(exc).__name__}{where}); please report it"


def _catalogue_entry(catalogues: dict, path: Path) -> dict | None:
    """The file's catalogue entry; a broken catalogue fails every file of its folder."""
    from bot.library.metadata import CatalogueError, load_catalogue

    folder = path.resolve().parent
    if folder not in catalogues:
        try:
            catalogues[folder] = load_catalogue(folder)
        except CatalogueError as exc:
            catalogues[folder] = exc
    found = catalogues[folder]
    if isinstance(found, CatalogueError):
        raise found
    return found.get(path.name)


@dataclass
class Stored:
    """What ``ingest_file`` did with one file.

    ``outcome``: ``added``, ``updated``, ``unchanged``, ``duplicate`` (a copy of the stored
    document ``doc_id``, not stored again; ``same_file`` when its bytes are that document's, not
    only its text) or ``version`` (a new version of ``doc_id``, not stored: asked about).
    ``changes``: for ``updated`` (and ``version``), the passages changed, added and removed, and
    ``previous``, the source it replaced when that was another (a new version)."""

    outcome: str
    doc_id: str
    guessed: list[str] = field(default_factory=list)
    changes: dict | None = None
    same_file: bool = False


def ingest_file(
    db: sqlite_utils.Database,
    path: Path,
    entry: dict | None = None,
    data: bytes | None = None,
    source: str | None = None,
    versions: str = "replace",
) -> Stored:
    """Store one file, one copy of each document (``bot.library.copies``): the same source again
    updates its document in place; the same bytes or the same text under another source are
    not stored again (``duplicate``); a new version of a document (same title, much of its text,
    its old source gone or remote) replaces it under its id. Raises UnreadableFile and leaves
    the store as it was. ``data`` and ``source`` give a document that is not on disk (see
    ``ingest_bytes``). ``versions``: what to do with a new version of a stored document:
    ``replace`` it, ``ask`` (store nothing; the outcome ``version`` names the document and what
    would change) or keep it ``separate`` (a document of its own)."""
    from bot.library import copies, formats, limits
    from bot.library.cleaning import clean
    from bot.library.metadata import describe
    from bot.library.passages import split_passages

    path = Path(path)
    resolved = source or str(path.resolve())
    if (len(data) if data is not None else path.stat().st_size) > MAX_FILE_BYTES:
        raise formats.UnreadableFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes() if data is None else data
    content_hash = hashlib.sha256(
        data + json.dumps(entry or {}, sort_keys=True, default=str).encode()
    ).hexdigest()
    file_hash = copies.file_hash(data)
    keep_copies = copies.kept_on_purpose()
    existing = _existing_document(db, resolved, path.name, content_hash)
    if existing and existing["content_hash"] == content_hash and existing["path"] == resolved:
        return Stored("unchanged", existing["id"])
    if existing is None and not keep_copies:
        copy = copies.same_file(db, file_hash, resolved)
        if copy is not None and copies.source_is_here(copy["path"]):
            return Stored("duplicate", copy["id"], same_file=True)  # nothing read

    extracted = limits.extract(path, data)  # formats.extract, in a child within limits
    refused = markings.refusal((entry or {}).get("marking") or extracted.marking)
    if refused:
        raise formats.UnreadableFile(refused)
    raw = extracted.text
    cleaned = clean(raw)
    passages = split_passages(cleaned)
    if not passages:
        raise formats.UnreadableFile("no text left after removing page furniture")
    meta = describe(cleaned, path.name, entry, raw, hints=extracted)
    text_hash = copies.text_hash(cleaned.text)
    new_texts = [p.text_in(cleaned.text) for p in passages]
    with writing(db):
        # Looked up again under the writer lock: another process may have stored it meanwhile.
        existing = _existing_document(db, resolved, path.name, content_hash)
        if existing and existing["content_hash"] == content_hash and existing["path"] == resolved:
            return Stored("unchanged", existing["id"])
        copy = None if keep_copies else copies.same_text(db, text_hash, existing and existing["id"])
        if copy is not None:
            if existing is not None or copies.source_is_here(copy["path"]):
                return Stored("duplicate", copy["id"], same_file=copy["file_hash"] == file_hash)
            existing = copy  # the same text, renamed or moved: the old file is gone
        if existing is None and versions != "separate":
            existing = copies.earlier_version(db, meta.title, cleaned.text, resolved)
            if existing is not None and versions == "ask":
                would = copies.changes(_passage_texts(db, existing["id"]), new_texts)
                would["previous"] = existing["path"]
                return Stored("version", existing["id"], meta.guessed, would)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        doc_id = existing["id"] if existing else _new_id(db, meta.id, path, meta.type)
        row = {
            "id": doc_id,
            "file": path.name,
            "path": resolved,
            "title": meta.title,
            "date": meta.date,
            "type": meta.type,
            "author": meta.author,
            "url": meta.url,
            "guessed": json.dumps(meta.guessed),
            "content_hash": content_hash,
            "file_hash": file_hash,
            "text_hash": text_hash,
            # The text is kept once: the passages hold it, ``rest`` what lies between them.
            "rest": uncovered(cleaned.text, [(p.start, p.end) for p in passages]),
            "read_by": "ocr" if extracted.read_by == "ocr" else None,
            "marking": (entry or {}).get("marking") or extracted.marking,
            "added_at": existing["added_at"] if existing else now,
            "updated_at": now,
        }
        changed = None
        if existing:
            changed = copies.changes(_passage_texts(db, doc_id), new_texts)
            if existing["path"] != resolved:
                changed["previous"] = existing["path"]
            _delete_passages(db, doc_id)
        db["documents"].upsert(row, pk="id")
        contexts = passage_context.contexts(new_texts)
        db["passages"].insert_all(
            {
                "doc_id": doc_id,
                "ordinal": p.ordinal,
                "text": text,
                "start": p.start,
                "end": p.end,
                "speaker": p.speaker,
                "context": context,  # indexed, never quoted (bot.library.context)
                "context_title": context_title,
            }
            for p, text, context, context_title in zip(
                passages,
                new_texts,
                contexts,
                passage_context.titles(new_texts, contexts, meta.title),
                strict=True,
            )
        )
        store_pages(db, doc_id, cleaned.text, extracted.pages, extracted.page_labels)
        derived.run_document_hooks(db, document_hooks(), doc_id, False)
    return Stored("updated" if existing else "added", doc_id, meta.guessed, changed)


# -- one document from elsewhere (a link, a file sent in Slack) ----------------------------------

# A stored document's ``path`` is its file on disk, or for documents that came from elsewhere a
# source key with a scheme ("https://...", "slack://F123/name"): those are never pruned.
SOURCE_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_remote_source(path: str) -> bool:
    return bool(SOURCE_SCHEME.match(path or ""))


def ingest_bytes(
    db: sqlite_utils.Database,
    data: bytes,
    name: str,
    source: str,
    entry: dict | None = None,
    versions: str = "replace",
) -> IngestReport:
    """Ingest one document given as bytes: ``name`` is a file name whose suffix says the format
    (``page.html``, ``report.pdf``), ``source`` the key it is known by (its URL, or
    ``slack://FILE_ID/name``); ``entry`` holds metadata as a catalogue entry would (title, date,
    type, author, url, id). Adding the same source again updates that document.

    One transaction stores the document, its passages and what document hooks derive from it;
    any failure (``formats.UnreadableFile``) leaves the store as it was. Library hooks (the
    glossary) then run as after any batch. The report names the document under ``added``,
    ``updated`` or ``unchanged``."""
    from bot.library import formats

    if not formats.is_supported(Path(name)):
        raise formats.UnreadableFile(f"unsupported file type {Path(name).suffix or '(none)'}")
    report = IngestReport()
    with derived.collecting() as met:
        stored = ingest_file(db, Path(Path(name).name), entry, data, source, versions)
        report.note(source, stored)
        _after_batch(db, report, met)
    return report


def remove_document(db: sqlite_utils.Database, doc_id: str) -> None:
    """Remove a document and everything derived from it, in one transaction. A removal hook
    that raises does not keep the document: the rows that reference it go with it, and the
    hook is tried again later to clean the rest (``bot.library.derived``)."""
    with writing(db):
        failed = derived.run_document_hooks(db, document_hooks(), doc_id, True)
        _delete_passages(db, doc_id)
        if failed:
            derived.remove_referencing_rows(db, doc_id)
        db["documents"].delete_where("id = ?", [doc_id])


def remove(db: sqlite_utils.Database, doc_id: str) -> bool:
    """Remove one document (a person asked): its passages, recommendations and glossary entries go
    with it, through the same hooks as ingest; recommendation statuses are kept, keyed by wording,
    so re-adding the document brings them back. False when there was no such document."""
    if not db["documents"].count_where("id = ?", [doc_id]):
        return False
    remove_document(db, doc_id)
    derived.run_library_hooks(db, library_hooks(), IngestReport(pruned=[doc_id]))
    return True


EDITABLE_FIELDS = ("title", "type", "date", "author", "url", "marking")


def edit_details(db: sqlite_utils.Database, doc_id: str, changes: dict) -> list[str]:
    """Correct a document's details (title, type, date, author, source URL) as a person gives
    them; each is checked as a catalogue entry would be (``CatalogueError`` says what is wrong).
    Edited fields are no longer marked guessed; document hooks re-derive what depends on them (a
    recommendation's deadline on the date) in the same transaction. Returns the changed fields."""
    from bot.library.metadata import CatalogueError, check_entry

    # Read and write under the write lock: two editors saving at once must not lose one's change.
    with writing(db):
        rows = list(db["documents"].rows_where("id = ?", [doc_id], limit=1))
        if not rows:
            raise CatalogueError(f"there is no document {doc_id!r} any more")
        row = rows[0]
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise CatalogueError(f"these details cannot be edited: {', '.join(sorted(unknown))}")
        clean_changes = {
            k: (str(v).strip() if v is not None else None) or None for k, v in changes.items()
        }
        check_entry(clean_changes)
        if "marking" in clean_changes:
            clean_changes["marking"] = _checked_marking(clean_changes["marking"])
        if not clean_changes.get("title", row["title"]):
            raise CatalogueError("a document needs a title")
        changed = [k for k, v in clean_changes.items() if v != row[k]]
        guessed = [g for g in json.loads(row["guessed"] or "[]") if g not in clean_changes]
        update = {k: clean_changes[k] for k in changed}
        update["type"] = update.get("type", row["type"]) or "document"
        update["guessed"] = json.dumps(guessed)
        update["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        db["documents"].update(doc_id, update)
        if "title" in changed:  # the passages that carry the title as context carry the new one
            db.execute(
                "UPDATE passages SET context_title = ? "
                "WHERE doc_id = ? AND context_title IS NOT NULL",
                [update["title"], doc_id],
            )
        derived.run_document_hooks(db, document_hooks(), doc_id, False)
        return changed


def _checked_marking(value: str | None) -> str | None:
    """A marking typed in "Edit details", as stored (``OFFICIAL-SENSITIVE``); CatalogueError for
    one that is no marking, or one rocu may not keep."""
    from bot.library.metadata import CatalogueError

    try:
        found = markings.parse(value)
    except ValueError as exc:
        raise CatalogueError(str(exc)) from exc
    refused = markings.refusal(found.name if found else None)
    if refused:
        raise CatalogueError(refused[0].upper() + refused[1:] + ": remove the document instead")
    return found.name if found else None


class PruneRefused(ValueError):
    """``--prune`` was asked for in a way that could delete what it should not."""


def _prune_refusal(roots: list[Path]) -> str | None:
    """Why pruning under these paths would be unsafe (a missing, empty or non-folder path
    would make every document under it look gone), or None."""
    for root in roots:
        if not root.exists():
            return f"--prune: no folder {root}; nothing was pruned or loaded"
        if not root.is_dir():
            return f"--prune needs folders, and {root} is a file; nothing was pruned or loaded"
        if not any(p.is_file() for p in root.rglob("*")):
            return f"--prune: the folder {root} is empty; nothing was pruned or loaded"
    return None


def prune_missing(db: sqlite_utils.Database, folders: Iterable[Path]) -> list[str]:
    """Drop documents that were ingested from a file under one of ``folders`` whose file is
    gone; return their ids. Documents from elsewhere (other folders, Slack, a URL) are never
    touched."""
    roots = [str(Path(folder).resolve()) for folder in folders]
    if not roots:
        return []
    gone = []
    for row in db["documents"].rows_where(select="id, path"):
        path = row["path"] or ""
        inside = any(path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
        if inside and os.path.isabs(path) and not Path(path).exists():
            gone.append(row["id"])
    for doc_id in gone:
        remove_document(db, doc_id)
    return gone


def _passage_texts(db: sqlite_utils.Database, doc_id: str) -> list[str]:
    rows = db.execute("SELECT text FROM passages WHERE doc_id = ? ORDER BY ordinal", [doc_id])
    return [row[0] for row in rows.fetchall()]


def _delete_passages(db: sqlite_utils.Database, doc_id: str) -> None:
    db["passages"].delete_where("doc_id = ?", [doc_id])
    db["document_pages"].delete_where("doc_id = ?", [doc_id])


def _existing_document(
    db: sqlite_utils.Database, resolved: str, name: str, content_hash: str
) -> dict | None:
    """The stored document for this file: the one from the same path, or the same bytes under
    the same name whose old file is gone (a moved file). A different file that merely shares a
    name is a different document."""
    rows = list(db["documents"].rows_where("path = ?", [resolved], limit=1))
    if rows:
        return rows[0]
    for row in db["documents"].rows_where("file = ? AND content_hash = ?", [name, content_hash]):
        if os.path.isabs(row["path"] or "") and not Path(row["path"]).exists():
            return row
    return None


# A file named only by a date or a number (a hearing day's transcript saved as "2023-06-13.pdf")
# gave the document that bare id: "rocu doc 2023-06-13" was all a person saw of it in a list (round
# 15's walk). With this on, such a name is led by the document's type: "transcript-2023-06-13"
# ("document-..." for a type of "other"). Only for documents stored from now on: a stored
# document keeps its id. A catalogue's id is kept as it is. False: the bare name, as before.
BARE_NAMES_TYPED = True
_BARE = re.compile(r"^[0-9][0-9-]*$")


def _new_id(
    db: sqlite_utils.Database, wanted: str | None, path: Path, kind: str | None = None
) -> str:
    """A short id not used yet: the catalogue's, else the file name's (led by the document's
    ``kind`` when the name is a bare date or number), else with its folder."""
    candidates = [slugify(wanted)] if wanted else []
    stem = slugify(path.stem)
    if BARE_NAMES_TYPED and _BARE.match(stem):
        lead = slugify(kind or "") if kind and kind != "other" else "document"
        stem = f"{lead or 'document'}-{stem}"
    candidates += [stem, slugify(f"{path.parent.name}-{path.stem}")]
    for candidate in candidates:
        if not db["documents"].count_where("id = ?", [candidate]):
            return candidate
    base = candidates[-1]
    n = 2
    while db["documents"].count_where("id = ?", [f"{base}-{n}"]):
        n += 1
    return f"{base}-{n}"
