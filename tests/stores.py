"""Copies of a store for tests: the seed library (or any library a module builds) is ingested
once, and each test opens its own copy of the file (see ``seeded_store`` in conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.library.store import open_db


def close_for_copying(store) -> None:
    """Fold a store's write-ahead log into its file and close it, so that the file alone is the
    whole store and ``open_copy`` can copy it."""
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def copy_store(source: Path, target: Path) -> None:
    """Copy a store closed by ``close_for_copying`` to ``target`` (not open anywhere)."""
    from bot.search import vocabulary

    shutil.copyfile(source, target)
    # Copies share the store's identity (search_state's token): forget vocabularies read from
    # another copy, so one changed elsewhere is never taken for this one's.
    with vocabulary._LOCK:
        vocabulary._CACHE.clear()


def open_copy(source: Path, target: Path):
    """Copy a store closed by ``close_for_copying`` to ``target`` and open the copy."""
    copy_store(source, target)
    return open_db(target)


def ingest_notes(db, folder: Path, texts: list[str], prefix: str = "note"):
    """Ingest ``texts`` into ``db``, each a one-line text file of its own (``prefix-N.txt`` in
    ``folder``, made here); return the ingest report."""
    from bot.library.ingest import ingest

    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(texts):
        (folder / f"{prefix}-{n}.txt").write_text(text + "\n")
    return ingest(db, [folder])


def store_of_texts(tmp_path: Path, docs: list[tuple[str, str]]):
    """A new store at ``tmp_path/store.db`` holding ``docs`` ((file name, text) pairs), each
    written to a folder of its own and ingested one after another in the order given (a report
    before its response, or after); return the open store."""
    from bot.library.ingest import ingest

    db = open_db(tmp_path / "store.db")
    for name, text in docs:
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_text(text)
        ingest(db, [folder])
    return db


def add_file(db, folder: Path, name: str, text: str) -> str:
    """Write ``text`` to ``folder/name``, ingest it into ``db`` and return its document's id."""
    from bot.library.ingest import ingest

    path = folder / name
    path.write_text(text)
    report = ingest(db, [path])
    assert report.added, report.failed
    return report.added[0]


def doc_of_prefix(db, prefix: str) -> str:
    """The id of the document whose file name starts with ``prefix`` (as ``ingest_notes`` names
    them)."""
    return db.execute("select id from documents where file like ?", [f"{prefix}%"]).fetchone()[0]


class matching_rules_off:  # noqa: N801 - used as a context manager, like a function
    """Linking rules (``bot.recs.matching.RULES_OFF``) switched off for a ``with`` block, then
    restored as they were: the pairs tests of rounds 15 and 16 share it."""

    def __init__(self, *names: str):
        self.names = set(names)

    def __enter__(self):
        from bot.recs import matching

        self.before = set(matching.RULES_OFF)
        matching.RULES_OFF.update(self.names)

    def __exit__(self, *exc):
        from bot.recs import matching

        matching.RULES_OFF.clear()
        matching.RULES_OFF.update(self.before)


def extracted_items(text: str, doc_type: str) -> list[tuple[str, list[str]]]:
    """The recommendations ``extract`` finds in ``text``: each one's words (spaces folded) and
    its addressees."""
    from bot.recs.extract import extract

    return [(" ".join(text[f.start : f.end].split()), f.actors) for f in extract(text, doc_type)]


def item_openings(text: str, doc_type: str, words: int = 3) -> list[str]:
    """The first ``words`` words of each recommendation ``extract`` finds in ``text``."""
    return [" ".join(t.split()[:words]) for t, _ in extracted_items(text, doc_type)]


def report_stances(db) -> list[tuple[str, str | None]]:
    """(each report item's label, else its first two words; the stance of its response, "-"
    when none), in the report's order: what the pair tests of rounds 18 and 19 compare."""
    from bot.recs.tracker import list_recommendations

    return [
        (i.label or " ".join(i.text.split()[:2]), (i.responses or [{"stance": "-"}])[0]["stance"])
        for i in list_recommendations(db)
        if i.role == "report"
    ]


def with_old_watches(db, db_path: Path, watches: list[tuple[str, str]], by: str):
    """``db`` as a store from before round 21: ``watches`` ((channel, words as round 20 stored
    them)) made by ``by``, the migration that cleans them not run. Closes ``db`` and returns the
    store reopened, so the migration runs."""
    with db.atomic():
        for channel, words in watches:
            db.execute(
                "insert into watches (channel, query, created_by, created_at) values (?, ?, ?, ?)",
                [channel, words, by, "2026-01-01T00:00:00+00:00"],
            )
        db.execute("delete from _migrations where name = 'watch_words_without_pings'")
        db.execute("delete from _schema_stamp")
    db.close()
    return open_db(db_path)
