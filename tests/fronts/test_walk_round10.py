"""Faults found by using rocu as a policy officer would (round 10). Every text here was written
for these tests; none comes from a real document, a gold file or a question set."""

from __future__ import annotations

import pytest

from bot.library import documents as library


def _store_with(empty_db, tmp_path, names: dict[str, str]):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in names.items():
        (folder / name).write_text(text + "\n")
    from bot.library.ingest import ingest

    report = ingest(empty_db, [folder])
    assert not report.failed
    return empty_db


# -- a fragment of a document's name picks only the document it names ----------------------------


NOTES = {
    "pac-funding-2020.txt": "The committee looked at how regional units are funded each year.",
    "river-impact-of-litter-2018.txt": "Litter washed into rivers harms the wildlife there.",
    "hansard-lords-2019.txt": "Lords asked the minister about custody suites.",
    "hansard-commons-2019.txt": "Members asked the minister about prison places.",
}


def test_a_fragment_that_starts_one_id_picks_that_document(empty_db, tmp_path):
    db = _store_with(empty_db, tmp_path, NOTES)
    # "pac" is inside "impact" too; the document whose name starts with it is the one meant
    document, _ = library.find_document(db, "pac")
    assert document is not None and document.id == "pac-funding-2020"


def test_a_fragment_held_by_one_document_only_picks_it(empty_db, tmp_path):
    db = _store_with(empty_db, tmp_path, NOTES)
    document, _ = library.find_document(db, "litter")
    assert document is not None and document.id == "river-impact-of-litter-2018"


def test_a_fragment_several_documents_start_with_names_them_instead(empty_db, tmp_path):
    db = _store_with(empty_db, tmp_path, NOTES)
    document, suggestions = library.find_document(db, "hansard")
    assert document is None
    assert set(suggestions) == {"hansard-lords-2019", "hansard-commons-2019"}


def test_recs_and_search_filters_read_the_fragment_the_same_way(empty_db, tmp_path):

    from bot.recs.tracker import RecommendationError, list_recommendations
    from bot.search.ranking import search

    db = _store_with(empty_db, tmp_path, NOTES)
    response = search(db, "doc:pac funded")
    assert response.results and {r.doc_id for r in response.results} == {"pac-funding-2020"}
    response = search(db, "doc:hansard minister")
    assert not response.results
    assert any("hansard-lords-2019" in note for note in response.notes)
    assert list_recommendations(db, "doc:pac") == []  # found, and it makes none
    with pytest.raises(RecommendationError, match="hansard-commons-2019"):
        list_recommendations(db, "doc:hansard")


def test_the_switch_off_restores_the_first_file_holding_it(empty_db, tmp_path, monkeypatch):
    db = _store_with(empty_db, tmp_path, NOTES)
    monkeypatch.setattr(library, "FRAGMENT_MUST_BE_UNIQUE", False)
    document, _ = library.find_document(db, "hansard")
    assert document is not None and document.id.startswith("hansard-")


def test_exact_ids_and_file_names_still_win(empty_db, tmp_path):
    db = _store_with(empty_db, tmp_path, NOTES)
    assert library.find_document(db, "hansard-lords-2019")[0].id == "hansard-lords-2019"
    assert library.find_document(db, "Hansard Lords 2019")[0].id == "hansard-lords-2019"


# -- a look-up typed as a question looks up the term it asks about --------------------------------


def _teach(db, line: str) -> None:
    from bot.glossary.lookup import command

    result = command(db, line, "tester")
    assert not result.error, result.error


def test_define_reads_the_term_out_of_a_question(empty_db):
    from bot.glossary.lookup import define

    _teach(empty_db, "QXT = Quayside Transit Team -- a made-up unit for this test")
    for asked in (
        "what does QXT stand for?",
        "What's a QXT",
        "what is the QXT",
        "meaning of QXT",
        "what does QXT mean",
    ):
        result = define(empty_db, asked, "tester")
        assert result.query == "QXT", asked
        assert result.matches and result.matches[0].entry.expansion == "Quayside Transit Team"


def test_an_unknown_term_asked_as_a_question_is_recorded_as_the_term(empty_db):
    from bot.glossary.lookup import define, missing_counts

    define(empty_db, "what does ZQWV stand for", "tester")
    assert [row["term"] for row in missing_counts(empty_db)] == ["ZQWV"]


def test_define_typed_with_a_question_in_the_console(empty_db):
    from bot import commands

    _teach(empty_db, "QXT = Quayside Transit Team")
    reply = commands.dispatch(empty_db, "define what does QXT stand for?")
    assert reply.data.matches[0].entry.expansion == "Quayside Transit Team"


def test_the_command_line_define_takes_a_question(runner):
    from bot.cli import cli

    result = runner.invoke(cli, ["define", "what does ROCU stand for?"], obj={})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ROCU")
    assert "Regional Organised Crime Unit" in result.output


def test_a_term_that_only_starts_like_a_question_is_left_alone():
    from bot.glossary.entry import asked_term

    assert asked_term("What Works Centre") == "What Works Centre"
    assert asked_term("NPCC") == "NPCC"


# -- a link that claims to be a PDF or a Word file but is not one ----------------------------------


@pytest.mark.parametrize(
    "content_type, url, kind",
    [
        ("application/pdf", "https://example.org/report", "PDF"),
        ("application/octet-stream", "https://example.org/report.pdf", "PDF"),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "https://example.org/minutes",
            "Word .docx",
        ),
    ],
)
def test_a_damaged_pdf_or_docx_link_is_called_damaged(content_type, url, kind):
    from bot.library import fetch

    junk = bytes(range(256)) * 8  # neither %PDF- nor a zip: what a damaged download looks like
    with pytest.raises(fetch.FetchError) as caught:
        fetch._describe(junk, content_type, "", url, None, None)
    message = str(caught.value)
    assert message == f"That link's {kind} is damaged or not a {kind}."
    assert "not a document I can read" not in message


def test_a_type_rocu_never_reads_is_still_named(monkeypatch):
    from bot.library import fetch

    with pytest.raises(fetch.FetchError, match="image/png, not a document I can read"):
        fetch._describe(
            b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png", "", "https://e.org/a", None, None
        )
    monkeypatch.setattr(fetch, "CLAIMED_KINDS", {})
    with pytest.raises(fetch.FetchError, match="application/pdf, not a document I can read"):
        fetch._describe(bytes(range(256)), "application/pdf", "", "https://e.org/b", None, None)


# -- the console's doc, add and remove answer on the command line too -----------------------------


def test_rocu_doc_shows_the_card_the_console_shows(runner, db):
    from bot import commands
    from bot.cli import cli
    from bot.render.text import reply_text

    result = runner.invoke(cli, ["doc", "pac-soc-2019"], obj={})
    assert result.exit_code == 0, result.output
    console = reply_text(commands.dispatch(db, "doc pac-soc-2019"))
    assert result.output.strip() == console.strip()


def test_rocu_doc_for_no_document_is_one_line_and_status_1(runner):
    from bot.cli import cli

    result = runner.invoke(cli, ["doc", "zzqy-nothing-like-it"], obj={})
    assert result.exit_code == 1
    assert "No such command" not in result.output
    assert "zzqy-nothing-like-it" in result.output and "Traceback" not in result.output
    result = runner.invoke(cli, ["doc"], obj={})
    assert result.exit_code == 1 and "`rocu doc pac-soc-2019`" in result.output


def test_rocu_remove_and_add_answer_without_a_traceback(runner, tmp_path):
    from bot.cli import cli

    result = runner.invoke(cli, ["add", "not", "a", "link"], obj={})
    assert result.exit_code == 1 and "Give me a link" in result.output
    result = runner.invoke(cli, ["remove", "zzqy-nothing-like-it"], obj={})
    assert result.exit_code == 1 and "No document" in result.output
    result = runner.invoke(cli, ["remove", "pac-soc-2019"], obj={})
    assert result.exit_code == 0 and result.output.startswith("Removed ")
    assert "pac-soc-2019" not in runner.invoke(cli, ["docs"], obj={}).output


def test_the_switch_off_leaves_them_no_command(runner, monkeypatch):
    from bot.cli import cli, group

    monkeypatch.setattr(group, "CONSOLE_COMMANDS", ())
    result = runner.invoke(cli, ["doc", "pac-soc-2019"], obj={})
    assert result.exit_code == 2 and "No such command" in result.output


# -- `rocu docs` keeps its columns when a type is longer than 16 characters ------------------------


def test_docs_columns_line_up_with_a_long_type():
    from bot.library.documents import Document
    from bot.render.text import documents_text

    docs = [
        Document(
            "answer-one", "a.txt", "An answer", "2021-02", "government-response", None, None, 7
        ),
        Document("note-two", "b.txt", "A note", "2020", "blog", None, None, 1234),
    ]
    header, first, second = documents_text(docs).splitlines()
    end = header.index("passages") + len("passages")  # the counts end under the heading's end
    assert first[:end].endswith(" 7") and second[:end].endswith(" 1234")
    assert first.index("An answer") == second.index("A note") == header.index("title")


# -- terminal text keeps a web address (and any hyphenated word) whole -----------------------------


ADDRESS = "https://example.org/briefings/a-long-address-with-many-hyphens-in-its-name/and-more.html"


def test_a_search_excerpt_keeps_a_web_address_on_one_line(empty_db, tmp_path, monkeypatch):
    from bot import commands
    from bot.render.text import reply_text

    words = "The custody review team published its findings on the regional estate " * 2
    _store_with(empty_db, tmp_path, {"custody-note.txt": f"{words}at {ADDRESS} for all to read."})
    text = reply_text(commands.dispatch(empty_db, "custody review findings"))
    assert any(ADDRESS in line for line in text.splitlines())
    from bot.render import text as render_text

    monkeypatch.setattr(render_text, "KEEP_WHOLE", {})  # the switch off: cut at a hyphen
    text = reply_text(commands.dispatch(empty_db, "custody review findings"))
    assert not any(ADDRESS in line for line in text.splitlines())


# -- a long paste is cut between words, not inside one --------------------------------------------


def test_cut_at_word_drops_the_word_the_limit_falls_in(monkeypatch):
    from bot.library import text

    assert text.cut_at_word("custody suite review", 14) == "custody suite "
    assert text.cut_at_word("custody suite review", 16) == "custody suite"
    assert text.cut_at_word("custody suite review", 13) == "custody suite"
    assert text.cut_at_word("custody suite", 40) == "custody suite"
    assert text.cut_at_word("abcdefghij", 4) == "abcd"  # one word longer than the limit
    monkeypatch.setattr(text, "CUT_AT_WORD", False)
    assert text.cut_at_word("custody suite review", 16) == "custody suite re"


def test_a_paste_over_the_limit_is_not_corrected_from_a_cut_word(db, monkeypatch):
    from bot import commands
    from bot.library import text as library_text
    from bot.render.text import reply_text
    from bot.search.ranking import MAX_QUERY_CHARS, search

    paste = "crime " * (MAX_QUERY_CHARS // 6 + 50)  # the limit falls inside a word: "... crim"
    assert paste[:MAX_QUERY_CHARS].endswith(" crim")
    response = search(db, paste)
    assert response.results and not response.corrected
    text = reply_text(commands.dispatch(db, paste))
    assert "Showing results for" not in text and "Traceback" not in text
    monkeypatch.setattr(library_text, "CUT_AT_WORD", False)  # the rule before: "crim" corrected
    assert search(db, paste).corrected


# -- one recommendation's status is timed as in the listing and its history ------------------------


def test_recs_id_says_the_status_change_as_the_listing_does(runner, monkeypatch):
    import re

    from bot.cli import cli

    listing = runner.invoke(cli, ["recs", "to:nca"], obj={}).output
    rec_id = re.search(r"\b(r[0-9a-f]{6,})\b", listing).group(1)
    done = runner.invoke(
        cli, ["recs", "--set-status", rec_id, "accepted", "--by", "ola", "--note", "agreed"], obj={}
    )
    assert done.exit_code == 0, done.output
    status = [line for line in done.output.splitlines() if line.startswith("Status")]
    assert len(status) == 1 and re.fullmatch(
        r"Status: accepted by ola on \d{4}-\d\d-\d\d \d\d:\d\d UTC — agreed", status[0]
    )
    listed = runner.invoke(cli, ["recs", "to:nca"], obj={}).output
    assert status[0].removeprefix("Status: ") in listed  # the same words in the listing
    assert "+00:00" not in done.output


# -- a filter typed with a space after its colon ---------------------------------------------------


def test_search_reads_a_filter_with_a_space_after_its_colon(monkeypatch):
    from bot.search import query

    parsed = query.parse_query(
        "doc: harbour-notes-2020 type: letter speaker: Okafor from: 2019 moorings"
    )
    assert parsed.filters.doc == "harbour-notes-2020"
    assert parsed.filters.type == "letter"
    assert parsed.filters.speaker == "Okafor"
    assert parsed.filters.date_from and parsed.filters.date_from.startswith("2019")
    assert [t.text for t in parsed.terms] == ["moorings"]
    monkeypatch.setattr(query, "FILTER_SPACE", False)
    assert query.parse_query("doc: harbour-notes-2020 moorings").filters.doc is None


def test_a_pasted_label_before_words_stays_words():
    from bot.search.query import parse_query

    parsed = parse_query("Before: the panel met, the harbour board wrote")
    assert parsed.filters.date_before is None and not parsed.notes
    assert "panel" in [t.text for t in parsed.terms]


def test_recs_reads_a_filter_with_a_space_after_its_colon(monkeypatch):
    from bot.recs import filters
    from bot.recs.item import RecommendationError

    wanted = filters.parse_filter("to: Harbour Board due: overdue doc: harbour-notes-2020")
    assert wanted.to == ["Harbour"] and wanted.overdue and wanted.doc == "harbour-notes-2020"
    assert wanted.words == ["board"]
    monkeypatch.setattr(filters, "FILTER_SPACE", False)
    with pytest.raises(RecommendationError, match="needs a value"):
        filters.parse_filter("to: Harbour")


# -- a query of only `-words` is answered once -----------------------------------------------------


def test_only_excluded_words_get_one_answer_not_two(db, monkeypatch):
    import json

    from bot import commands
    from bot.render import blocks
    from bot.render.text import reply_text
    from bot.search import ranking

    reply = commands.dispatch(db, "-harbour")
    text = reply_text(reply)
    assert text.startswith("Add some words to search for")
    assert "Nothing in the library matches" not in text and "Try fewer" not in text
    slack = json.dumps(blocks.search_blocks(reply))
    assert "Add some words to search for" in slack and "Nothing in the library" not in slack
    monkeypatch.setattr(ranking, "NOTHING_SEARCHED_SAYS_SO", False)
    assert "Nothing in the library matches" in reply_text(commands.dispatch(db, "-harbour"))


# -- a definition's "Open source" names the document it opens --------------------------------------


def test_define_names_the_document_its_open_source_link_is_for(db):
    from bot import commands
    from bot.render.text import reply_text

    linked = "nca-police-blog-2013"  # a seed document that defines ROCU; the only one with a link
    db["documents"].update(linked, {"url": "https://example.org/blog"})
    text = reply_text(commands.dispatch(db, "define ROCU"))
    assert f"Open source ({linked}): https://example.org/blog" in text
