"""Handling markings read at ingest, kept, edited and checked (``bot.library.markings``), and the
page each quote of a PDF cites (``bot.library.pagestarts``).

Every document text here was written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ingest import make_docx, make_pdf

from bot.config import Settings
from bot.library import markings
from bot.library.documents import get_document
from bot.library.ingest import edit_details, ingest
from bot.library.metadata import CatalogueError
from bot.library.pagestarts import Citation, page_starts, paragraph_number
from bot.search.ranking import search

BODY = [
    "The working group met in the spring to agree how cases pass between forces.",
    "Each region keeps a short list of the cases it leads, updated every month.",
    "A shared inbox takes referrals from partners outside policing at any hour.",
]


def marked_pdf(top: str, pages: int = 3) -> bytes:
    return make_pdf([f"{top}\n{BODY[i % 3]} Page {i + 1} notes.\n{top}" for i in range(pages)])


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("OFFICIAL", "OFFICIAL"),
        ("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"),
        ("OFFICIAL SENSITIVE: PERSONAL", "OFFICIAL-SENSITIVE"),
        ("Classification: official-sensitive", "OFFICIAL-SENSITIVE"),
        ("Protective marking - RESTRICTED", "RESTRICTED"),
        ("NOT PROTECTIVELY MARKED", "NOT PROTECTIVELY MARKED"),
        ("SECRET UK EYES ONLY", "SECRET"),
        ("TOP SECRET", "TOP SECRET"),
        ("OFFICIAL STATISTICS", None),  # a running head, not a marking
        ("Official", None),  # markings are printed in capitals unless labelled
        ("The secret of good partnership work", None),
    ],
)
def test_a_line_is_read_as_its_marking_or_none(line, name):
    found = markings.marking_of_line(line)
    assert (found.name if found else None) == name


def test_ranks_put_older_markings_beside_the_current_ones():
    assert markings.is_sensitive("OFFICIAL-SENSITIVE") and markings.is_sensitive("RESTRICTED")
    assert not markings.is_sensitive("OFFICIAL") and not markings.is_sensitive(None)
    assert not markings.is_sensitive("NOT PROTECTIVELY MARKED")
    assert markings.refusal("SECRET") and markings.refusal("CONFIDENTIAL")
    assert markings.refusal("OFFICIAL-SENSITIVE") is None


def test_a_bare_word_heading_on_one_page_is_no_marking():
    pages = [["Introduction", "text"], ["PROTECT", "Make places harder to attack."], ["end"]]
    assert markings.detect_pages(pages) is None
    pages[2] = ["PROTECT", "more text"]
    assert markings.detect_pages(pages) == "PROTECT"


def test_may_excerpt_only_where_sensitive_channels_allow():
    settings = Settings(sensitive_channels=frozenset({"CSAFE"}))
    assert markings.may_excerpt("OFFICIAL", "COPEN", settings)
    assert not markings.may_excerpt("OFFICIAL-SENSITIVE", "COPEN", settings)
    assert not markings.may_excerpt("RESTRICTED", "COPEN", settings)
    assert markings.may_excerpt("OFFICIAL-SENSITIVE", "CSAFE", settings)
    assert markings.may_excerpt("OFFICIAL-SENSITIVE", "D0DIRECT", settings)  # a DM: private
    assert markings.may_excerpt("OFFICIAL-SENSITIVE", None, None)  # console
    assert not markings.may_excerpt("OFFICIAL-SENSITIVE", "COPEN", None)


def test_a_pdf_marking_is_kept_though_its_line_leaves_the_text(empty_db, tmp_path):
    path = tmp_path / "working-group.pdf"
    path.write_bytes(marked_pdf("OFFICIAL-SENSITIVE"))
    report = ingest(empty_db, [path])
    assert not report.failed
    doc = get_document(empty_db, report.added[0])
    assert doc.marking == "OFFICIAL-SENSITIVE"
    text = " ".join(row["text"] for row in empty_db["passages"].rows)
    assert "SENSITIVE" not in text and "working group met" in text


def test_a_word_header_marking_is_read(empty_db, tmp_path):
    import docx

    path = tmp_path / "note.docx"
    make_docx(path, BODY)
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    document.save(path)
    report = ingest(empty_db, [path])
    assert get_document(empty_db, report.added[0]).marking == "OFFICIAL-SENSITIVE"


@pytest.mark.parametrize("top", ["SECRET", "TOP SECRET", "CONFIDENTIAL"])
def test_above_official_sensitive_is_refused_in_one_sentence(empty_db, tmp_path, top):
    path = tmp_path / "briefing.txt"
    path.write_text(f"{top}\n\n" + "\n\n".join(BODY) + f"\n\n{top}\n")
    report = ingest(empty_db, [path])
    assert not report.added and len(report.failed) == 1
    reason = report.failed[0][1]
    assert f"marked {top}" in reason and "\n" not in reason
    assert empty_db["documents"].count == 0


def test_the_marking_is_edited_in_details(empty_db, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("\n\n".join(BODY))
    doc_id = ingest(empty_db, [path]).added[0]
    assert get_document(empty_db, doc_id).marking is None
    assert edit_details(empty_db, doc_id, {"marking": "official sensitive"}) == ["marking"]
    assert get_document(empty_db, doc_id).marking == "OFFICIAL-SENSITIVE"
    for bad in ("TOP SECRET", "banana"):
        with pytest.raises(CatalogueError):
            edit_details(empty_db, doc_id, {"marking": bad})
    edit_details(empty_db, doc_id, {"marking": ""})
    assert get_document(empty_db, doc_id).marking is None


# -- citations -----------------------------------------------------------------------------------


def test_each_pdf_result_cites_the_page_holding_its_excerpt(empty_db, tmp_path):
    pages = [
        "Chapter one\nThe lighthouse keepers kept a log of every passing ship.",
        "Chapter two\nA ferry timetable was pinned beside the harbour office door.",
        "Chapter three\nThe orchard behind the station grew pears and damsons.",
    ]
    path = tmp_path / "coast.pdf"
    path.write_bytes(make_pdf(pages))
    doc_id = ingest(empty_db, [path]).added[0]
    empty_db["documents"].update(doc_id, {"url": "https://example.org/coast.pdf"})
    for page, query in ((1, "lighthouse keepers"), (2, "ferry timetable"), (3, "orchard pears")):
        result = search(empty_db, query).results[0]
        assert result.page == page and result.cites == f"p. {page}"


def test_page_starts_survive_cleaning_and_a_removed_first_line():
    text = "Alpha bravo charlie delta echo.\n\nFoxtrot golf hotel india juliet kilo."
    pages = ["Alpha bravo charlie\ndelta echo.", "Skip to content\nFoxtrot golf hotel india"]
    starts = page_starts(text, pages)
    assert starts == [0, text.index("Foxtrot")]


def test_citation_text_and_paragraph_numbers():
    assert Citation(page=3, label="iv").text() == "p. iv"
    assert Citation(page=3, page_end=4).text() == "pp. 3–4"
    assert Citation(page=3, paragraph="2.1").text() == "p. 3, para 2.1"
    assert paragraph_number("3.4 The board agreed.") == "3.4"
    assert paragraph_number("12. Forces should report.") == "12"
    assert paragraph_number("2019 was a hard year.") is None
    assert paragraph_number("The board agreed.") is None


def test_a_numbered_paragraph_is_cited_by_its_number(empty_db, tmp_path):
    path = Path(tmp_path / "numbered.txt")
    path.write_text(
        "1. The panel looked at how referrals reach the hub.\n\n"
        "2. The panel found that weekend referrals waited longest for a decision.\n"
    )
    ingest(empty_db, [path])
    result = search(empty_db, "weekend referrals").results[0]
    assert "para 2" in result.cites


def test_a_folder_document_links_to_where_the_team_keeps_the_folder(
    empty_db, tmp_path, monkeypatch
):
    from bot.commands import dispatch
    from bot.config import ConfigError, parse_source_bases, source_url

    folder = tmp_path / "policy notes"
    folder.mkdir()
    (folder / "harbour plan.txt").write_text(BODY[0] + "\n")
    ingest(empty_db, [folder])
    base = "https://example.sharepoint.com/sites/policy/Shared%20Documents"
    monkeypatch.setenv("ROCU_SOURCE_BASE_URL", f"{folder}={base}")
    reply = dispatch(empty_db, "search working group spring")
    assert reply.extra["urls"] == {"harbour-plan": f"{base}/harbour%20plan.txt"}
    monkeypatch.delenv("ROCU_SOURCE_BASE_URL")
    assert dispatch(empty_db, "search working group spring").extra["urls"] == {}
    bases = parse_source_bases("/srv/a=https://x.org/a; /srv/a/b=https://y.org/b/")
    assert source_url("/srv/a/b/c.pdf", bases) == "https://y.org/b/c.pdf"
    assert source_url("/srv/ab/c.pdf", bases) is None
    assert source_url("https://elsewhere.org/c.pdf", bases) is None
    with pytest.raises(ConfigError):
        parse_source_bases("/srv/a")
