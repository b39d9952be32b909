"""Round 6 of the title rules of bot.library.front_matter: the file's own title completed to the
end of the line its front prints it on.

Every text here was written for these tests (invented courts, bodies, places and dates); none is
taken from a real document, from the shared corpora or from a gold file."""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.library.extracted import Extracted
from bot.library.front_matter import findings, resolve

FILE_TITLE = "Harbour Board (Appellant) v Island Ferries Ltd (Respondent)"


def title_of(raw: str, file_title: str | None, off: set[str] | None = None):
    doc = clean(raw)
    chosen = resolve(findings(doc, raw, Extracted(raw, title=file_title)), off=off or set())
    found = chosen.get("title")
    return (found.value, found.rule) if found else (None, None)


CASE = (
    "4 May 2031\n\nSUMMARY FOR THE PRESS\n\n"
    f"{FILE_TITLE} [2031] ISC 7\n\n"
    "On appeal from the harbour court.\n\n"
    "The appeal asks whether a ferry company must share its berths with the patrol boats of "
    "the island forces when the board asks it to.\n"
)

RESPONSE = (
    "Sharing berths with the island forces: the board's decision Reply to the Harbour "
    "Ombudsman's report March 2032\n\n"
    "The board has read the Ombudsman's report and accepts two of its findings.\n"
)


def test_the_file_title_runs_on_to_the_end_of_its_printed_line():
    assert title_of(CASE, FILE_TITLE) == (f"{FILE_TITLE} [2031] ISC 7", "file-title")


def test_a_date_closing_the_printed_line_is_left_out():
    file_title = "Sharing berths with the island forces: the board's decision"
    value, rule = title_of(RESPONSE, file_title)
    assert rule == "file-title"
    assert value == (
        "Sharing berths with the island forces: the board's decision Reply to the Harbour "
        "Ombudsman's report"
    )


def test_a_sentence_that_only_starts_with_the_title_does_not_extend_it():
    # the text's first sentence opens with the file's title and runs on for a paragraph
    long_line = (
        "Ferry berths in winter are the subject of this note, which the board wrote after "
        "three storms closed the northern harbour and the patrol boats had to anchor offshore "
        "for nine nights while the ferries kept every berth.\n\nThe board met twice.\n"
    )
    assert title_of(long_line, "Ferry berths in winter") == ("Ferry berths in winter", "file-title")


def test_the_completion_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("ROCU_METADATA_RULES_OFF", "file-title-line")
    assert title_of(CASE, FILE_TITLE) == (FILE_TITLE, "file-title")
