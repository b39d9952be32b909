"""Adding a folder leaves out the folder's own index and read-me files; naming one adds it.

The texts here were written for this test (an invented folder of two notes); none is taken from a
real document or from the shared corpora."""

from __future__ import annotations

from bot.library import ingest

NOTE = (
    "Ferry patrol note\n\nCrews log each crossing before the boat leaves the quay, and the log "
    "is kept for a year by the harbour office.\n"
)


def make_folder(root):
    (root / "notes").mkdir()
    (root / "notes" / "ferry-note.txt").write_text(NOTE)
    (root / "notes" / "boats.md").write_text("# Boats\n\n" + NOTE.replace("Crews", "Skippers"))
    (root / "notes" / "README.md").write_text("# Notes\n\nTwo notes on the ferry patrols.\n")
    (root / "notes" / "SOURCES.md").write_text("| file | title |\n|---|---|\n| a | b |\n")
    (root / "notes" / "sub").mkdir()
    (root / "notes" / "sub" / "index.rst").write_text("Notes\n=====\n\n.. toctree::\n")
    return root / "notes"


def test_adding_a_folder_skips_its_index_and_readme_files(empty_db, tmp_path):
    folder = make_folder(tmp_path)
    report = ingest.ingest(empty_db, [folder])
    files = sorted(row["file"].rsplit("/", 1)[-1] for row in empty_db["documents"].rows)
    assert files == ["boats.md", "ferry-note.txt"]
    skipped = {path.rsplit("/", 1)[-1]: why for path, why in report.skipped}
    assert set(skipped) == {"README.md", "SOURCES.md", "index.rst"}
    assert all(why == ingest.FOLDER_INDEX_REASON for why in skipped.values())


def test_an_index_file_named_on_its_own_is_added(empty_db, tmp_path):
    folder = make_folder(tmp_path)
    report = ingest.ingest(empty_db, [folder / "README.md"])
    assert len(report.added) == 1 and not report.skipped
    # a document that only shares a stem with an index file (a PDF, a Word file) is a document
    assert not ingest.is_folder_index(folder / "index.pdf")
    assert ingest.is_folder_index(folder / "Readme.TXT")
