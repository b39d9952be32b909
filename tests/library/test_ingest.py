"""Ingest: metadata, passages and offsets, idempotence, prune, every format and every bad file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pdf_writer import pdf_from_streams

from bot.library import formats
from bot.library.documents import document_passages, document_text, get_document, list_documents
from bot.library.ingest import ingest
from bot.library.metadata import CATALOGUE_NAME
from bot.library.store import open_db, schema_version

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def make_pdf(pages: list[str]) -> bytes:
    """A small valid PDF whose pages carry the given text lines (Helvetica)."""
    return pdf_from_streams(
        [
            "BT /F1 12 Tf 72 720 Td "
            + "".join(f"({line}) Tj 0 -16 Td " for line in text.split("\n"))
            + "ET"
            for text in pages
        ]
    )


def make_docx(path, paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)


# --- the seed library -------------------------------------------------------------------------


def test_seed_metadata_comes_from_the_catalogue(db):
    docs = {doc.id: doc for doc in list_documents(db)}
    assert set(docs) == {
        "crime-courts-bill-2013",
        "rocu-questions-2017",
        "wm-pcc-rocu-letter",
        "nca-police-blog-2013",
        "pac-soc-2019",
    }
    pac = docs["pac-soc-2019"]
    assert (pac.file, pac.date, pac.type, pac.author) == (
        "004_3947157ef8c98b54.txt",
        "2019-09-27",
        "committee-report",
        "Public Accounts Committee",
    )
    assert docs["wm-pcc-rocu-letter"].date is None  # unknown, not invented
    assert docs["rocu-questions-2017"].type == "hansard"
    assert all(doc.guessed == [] for doc in docs.values())


def test_metadata_is_guessed_from_the_text_without_a_catalogue(seeds_copy, empty_db):
    (seeds_copy / CATALOGUE_NAME).unlink()
    report = ingest(empty_db, [seeds_copy])
    by_file = {doc.file: doc for doc in list_documents(empty_db)}
    assert by_file["000_89faa2640858d296.txt"].date == "2013-02-12"
    assert by_file["001_4df6f1d3ddcea356.txt"].date == "2017-11-20"
    assert by_file["004_3947157ef8c98b54.txt"].date == "2019-09-27"
    assert by_file["000_89faa2640858d296.txt"].type == "hansard"
    assert by_file["001_4df6f1d3ddcea356.txt"].type == "hansard"
    assert by_file["004_3947157ef8c98b54.txt"].type == "committee-report"
    assert by_file["003_fd359e4a73b81e05.txt"].type == "blog"
    assert by_file["004_3947157ef8c98b54.txt"].title == (
        "Better co-ordination to tackle causes of serious and organised crime needed"
    )
    assert by_file["001_4df6f1d3ddcea356.txt"].title == "Regional Organised Crime Units"
    assert "date" in report.guessed[by_file["000_89faa2640858d296.txt"].id]


def test_passage_text_equals_the_cleaned_text_at_its_offsets(db):
    for doc in db["documents"].rows:
        passages = document_passages(db, doc["id"])
        text = document_text(db, doc["id"])
        assert [p["ordinal"] for p in passages] == list(range(len(passages)))
        previous_end = 0
        for p in passages:
            assert p["text"] == text[p["start"] : p["end"]]
            assert p["start"] >= previous_end
            previous_end = p["end"]


def _reads_as_heading(text):
    return all(len(line) <= 120 and not re.search(r"[.!?;]$", line) for line in text.split("\n"))


def test_passages_are_quotable_sizes(db):
    texts = [p["text"] for doc in db["documents"].rows for p in document_passages(db, doc["id"])]
    assert max(len(t) for t in texts) <= 1200
    # fragments merge into their neighbours; headings stand alone (never merged into the text
    # under them), so the only short passages are headings
    fragments = [t for t in texts if len(t) < 100 and not _reads_as_heading(t)]
    assert len(fragments) <= 1


def test_each_bullet_starts_its_own_passage(db):
    passages = document_passages(db, "wm-pcc-rocu-letter")
    starts = [p["text"] for p in passages]
    assert any(s.startswith("- The need for effective local democratic") for s in starts)
    assert any(s.startswith("- National strategies for serious") for s in starts)


def test_long_paragraphs_split_at_sentence_boundaries(empty_db, tmp_path):
    sentence = "The regional unit reported on its covert work in the year to March. "
    (tmp_path / "long.txt").write_text("A long report\n\n" + sentence * 60)
    ingest(empty_db, [tmp_path / "long.txt"])
    passages = document_passages(empty_db, "long")
    assert passages[0]["text"] == "A long report"  # the heading stands alone
    assert len(passages) > 3
    for p in passages[1:]:
        assert len(p["text"]) <= 1200
        assert p["text"].rstrip().endswith(".")


# --- idempotence, updates, prune ------------------------------------------------------------


def passage_rows(db):
    return list(db.query("select id, doc_id, ordinal, text from passages order by id"))


def test_reingesting_unchanged_files_changes_nothing(db):
    before = passage_rows(db)
    docs_before = list(db["documents"].rows)
    report = ingest(db, [SEEDS])
    assert report.counts()["unchanged"] == 5
    assert not report.added and not report.updated
    assert passage_rows(db) == before
    assert list(db["documents"].rows) == docs_before


def test_changed_file_replaces_its_passages_and_index(seeds_copy, empty_db):
    ingest(empty_db, [seeds_copy])
    target = seeds_copy / "001_4df6f1d3ddcea356.txt"
    target.write_text(target.read_text().replace("Hare coursing", "Badger baiting"))
    report = ingest(empty_db, [seeds_copy])
    assert report.updated == ["rocu-questions-2017"] and len(report.unchanged) == 4
    texts = " ".join(p["text"] for p in document_passages(empty_db, "rocu-questions-2017"))
    assert "Badger baiting" in texts
    hits = empty_db.execute(
        "select count(*) from passages_fts where passages_fts match '\"baiting\"'"
    ).fetchone()[0]
    assert hits == 1
    assert (
        empty_db.execute("select count(*) from passages_fts").fetchone()[0]
        == empty_db["passages"].count
    )


def test_catalogue_change_updates_metadata(seeds_copy, empty_db):
    ingest(empty_db, [seeds_copy])
    catalogue = seeds_copy / CATALOGUE_NAME
    catalogue.write_text(
        catalogue.read_text().replace(
            'author = "Public Accounts Committee"', 'author = "Committee of Public Accounts"'
        )
    )
    report = ingest(empty_db, [seeds_copy])
    assert report.updated == ["pac-soc-2019"]
    assert get_document(empty_db, "pac-soc-2019").author == "Committee of Public Accounts"


def test_prune_drops_documents_whose_files_are_gone(seeds_copy, empty_db):
    ingest(empty_db, [seeds_copy])
    (seeds_copy / "003_fd359e4a73b81e05.txt").unlink()
    assert ingest(empty_db, [seeds_copy]).pruned == []  # only with --prune
    report = ingest(empty_db, [seeds_copy], prune=True)
    assert report.pruned == ["nca-police-blog-2013"]
    assert get_document(empty_db, "nca-police-blog-2013") is None
    assert (
        empty_db.execute(
            "select count(*) from passages where doc_id = 'nca-police-blog-2013'"
        ).fetchone()[0]
        == 0
    )


def test_a_moved_file_keeps_its_document(seeds_copy, empty_db, tmp_path):
    ingest(empty_db, [seeds_copy])
    moved = tmp_path / "moved"
    shutil.move(seeds_copy, moved)
    report = ingest(empty_db, [moved])
    assert not report.added
    assert len(list_documents(empty_db)) == 5


def test_same_name_in_two_folders_are_two_documents(empty_db, tmp_path):
    for folder, words in (("a", "alpha text about fraud."), ("b", "beta text about drugs.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(f"Notes\n\nThe {words}")
    report = ingest(empty_db, [tmp_path / "a", tmp_path / "b"])
    assert sorted(report.added) == ["b-notes", "notes"]


# --- formats ---------------------------------------------------------------------------------


def test_every_supported_format(empty_db, tmp_path):
    tmp_path = tmp_path / "docs"
    tmp_path.mkdir()
    (tmp_path / "a.md").write_text("# Fraud strategy\n\nThe [fraud](http://x) strategy is new.\n")
    (tmp_path / "b.rst").write_text(
        "Hearing\n=======\n\n**Mr Martin Hewitt**: Policing was stretched during lockdown.\n"
    )
    (tmp_path / "c.html").write_text(
        "<html><head><title>t</title><script>var x=1;</script></head><body><nav>Home | News</nav>"
        "<h1>Cyber crime</h1><p>Ransomware &amp; fraud rose.</p><footer>Cookies</footer></body>"
        "</html>"
    )
    (tmp_path / "d.pdf").write_bytes(make_pdf(["Economic crime plan\nThe plan covers fraud."]))
    make_docx(tmp_path / "e.docx", ["Serious violence duty", "The duty starts in January."])
    report = ingest(empty_db, [tmp_path])
    assert report.failed == [] and len(report.added) == 5
    texts = {row["file"]: document_text(empty_db, row["id"]) for row in empty_db["documents"].rows}
    assert texts["a.md"] == "Fraud strategy\n\nThe fraud strategy is new."
    assert "Policing was stretched during lockdown." in texts["b.rst"]
    assert "**" not in texts["b.rst"] and "=====" not in texts["b.rst"]
    assert "Ransomware & fraud rose." in texts["c.html"]
    assert "var x" not in texts["c.html"] and "Home | News" not in texts["c.html"]
    assert "The plan covers fraud." in texts["d.pdf"]
    assert "The duty starts in January." in texts["e.docx"]
    passages = document_passages(empty_db, "b")
    assert passages[0]["text"] == "Hearing" and passages[0]["speaker"] is None  # a heading
    assert {p["speaker"] for p in passages[1:]} == {"Mr Martin Hewitt"}


def test_unknown_extensions_are_skipped_with_a_message(empty_db, tmp_path):
    tmp_path = tmp_path / "docs"
    tmp_path.mkdir()
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "ok.txt").write_text("A title\n\nSome words about the ROCU network.")
    report = ingest(empty_db, [tmp_path])
    assert report.added == ["ok"]
    assert report.skipped == [(str(tmp_path / "image.png"), "unsupported file type .png")]
    assert report.failed == []


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "blank.md": (b"  \n\n  ", "empty"),
    "binary.txt": (b"\x00\x01\x02\x03" * 100, "binary"),
    "latin.txt": (bytes(range(0x80, 0x100)) * 3 + b"\x81\x8d\x8f\x90\x9d", "decoded"),
    "scanned.pdf": (None, "no text layer"),
    "broken.pdf": (b"%PDF-1.4\nthis is not really a pdf", "PDF"),
    "corrupt.docx": (b"PK\x03\x04 not a zip at all", ".docx"),
    "furniture.html": (b"<p>Skip to main content</p><p>Donate to our crowdfunder</p>", "furniture"),
}


def _write_bad_files(folder):
    from pypdf import PdfWriter

    for name, (data, _) in BAD_FILES.items():
        if data is None:
            writer = PdfWriter()
            writer.add_blank_page(width=200, height=200)
            with open(folder / name, "wb") as handle:
                writer.write(handle)
        else:
            (folder / name).write_bytes(data)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_fails_alone_with_a_reason(empty_db, tmp_path, name):
    _write_bad_files(tmp_path)
    (tmp_path / "good.txt").write_text("A good file\n\nIt talks about county lines at length.")
    report = ingest(empty_db, [tmp_path / name, tmp_path / "good.txt"])
    assert report.added == ["good"]
    assert len(report.failed) == 1
    failed_file, reason = report.failed[0]
    assert failed_file.endswith(name)
    assert BAD_FILES[name][1].lower() in reason.lower()
    assert "\n" not in reason


def test_a_bug_while_storing_one_file_fails_that_file_alone(empty_db, tmp_path, monkeypatch):
    """A bug in storing a file (here raised on purpose inside its transaction, for one file
    written for this test) fails that file with one line naming the error's kind and place; its
    transaction is rolled back and the other files still load. (A feature's hook that raises
    costs its document nothing: tests/library/test_derived_soft.py.)"""
    from bot.library import ingest as ingest_mod

    store_pages = ingest_mod.store_pages

    def broken(db, doc_id, *args):
        if doc_id.startswith("trips"):
            raise AttributeError("'NoneType' object has no attribute 'group'")
        return store_pages(db, doc_id, *args)

    monkeypatch.setattr(ingest_mod, "store_pages", broken)
    (tmp_path / "trips.txt").write_text("Trips a bug\n\nThis file makes a hook raise an error.")
    (tmp_path / "good.txt").write_text("A good file\n\nIt talks about county lines at length.")
    report = ingest(empty_db, [tmp_path])
    assert report.added == ["good"]
    [(failed, reason)] = report.failed
    assert failed.endswith("trips.txt") and "AttributeError" in reason and "\n" not in reason
    assert "tests/library/test_ingest.py" not in reason  # only the project's own lines are named
    assert [d.id for d in list_documents(empty_db)] == ["good"]  # nothing half stored


def test_a_file_that_turns_bad_keeps_its_stored_version(seeds_copy, empty_db):
    ingest(empty_db, [seeds_copy])
    before = passage_rows(empty_db)
    (seeds_copy / "001_4df6f1d3ddcea356.txt").write_bytes(b"\x00\x00binary now")
    report = ingest(empty_db, [seeds_copy])
    assert [f for f, _ in report.failed] == [str(seeds_copy / "001_4df6f1d3ddcea356.txt")]
    assert passage_rows(empty_db) == before


def test_a_broken_catalogue_fails_its_folder_and_names_the_problem(seeds_copy, empty_db):
    (seeds_copy / CATALOGUE_NAME).write_text('[documents."x.txt"]\ndate = "last week"\n')
    report = ingest(empty_db, [seeds_copy])
    assert len(report.failed) == 5 and not report.added
    assert all("catalogue.toml" in reason and "date" in reason for _, reason in report.failed)


def test_cp1252_text_is_decoded(empty_db, tmp_path):
    tmp_path = tmp_path / "docs"
    tmp_path.mkdir()
    (tmp_path / "old.txt").write_bytes(
        "Caf\xe9 report\n\nThe \x93quoted\x94 words.".encode("latin-1")
    )
    ingest(empty_db, [tmp_path])
    assert "The “quoted” words." in get_text(empty_db, "old")


def get_text(db, doc_id):
    return document_text(db, doc_id)


# --- the store -------------------------------------------------------------------------------


def test_store_uses_wal_and_records_its_schema(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    version = schema_version(db)
    assert version >= 1
    names = [row[0] for row in db.execute("select name from _migrations")]
    assert "0001_documents_and_passages" in names
    db.close()
    again = open_db(db_path)  # re-opening runs nothing twice
    assert schema_version(again) == version


def test_formats_reader_refuses_unsupported_types(tmp_path):
    with pytest.raises(formats.UnreadableFile, match="unsupported"):
        formats.read_text(tmp_path / "x.xyz", b"data")


def test_ingest_json_report_shape(runner, tmp_path):
    from bot.cli import cli

    tmp_path = tmp_path / "docs"
    tmp_path.mkdir()
    (tmp_path / "ok.txt").write_text("A title\n\nSome words about the ROCU network.")
    (tmp_path / "bad.txt").write_bytes(b"")
    result = runner.invoke(cli, ["ingest", str(tmp_path), "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["counts"]["added"] == 1 and payload["counts"]["failed"] == 1
    assert payload["documents"]["added"] == ["ok"]
    assert payload["failed"] == [{"file": str(tmp_path / "bad.txt"), "reason": "the file is empty"}]


def test_a_paragraph_without_sentence_ends_is_still_cut_into_quotable_passages(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "dump.txt").write_text("Table dump\n\n" + "cell value " * 3000 + "\n\n" + "x" * 5000)
    ingest(empty_db, [folder])
    text = document_text(empty_db, "dump")
    passages = document_passages(empty_db, "dump")
    assert len(passages) > 40
    for p in passages:
        assert 0 < len(p["text"]) <= 1200
        assert p["text"] == text[p["start"] : p["end"]]


def test_utf16_text_with_a_byte_order_mark_is_read(empty_db, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "u16.txt").write_bytes("A note\n\nThe NCA leads on county lines.".encode("utf-16"))
    report = ingest(empty_db, [folder])
    assert report.added == ["u16"]
    assert "The NCA leads on county lines." in get_text(empty_db, "u16")


def test_a_password_protected_pdf_says_so(empty_db, tmp_path):
    from pypdf import PdfReader, PdfWriter

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plain.pdf").write_bytes(make_pdf(["Economic crime plan"]))
    writer = PdfWriter(clone_from=PdfReader(folder / "plain.pdf"))
    writer.encrypt("secret")
    with open(folder / "locked.pdf", "wb") as handle:
        writer.write(handle)
    report = ingest(empty_db, [folder / "locked.pdf"])
    assert report.failed and "password" in report.failed[0][1]
