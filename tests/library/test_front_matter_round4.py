"""Round 4 of the title and date rules of bot.library.front_matter: one test per new rule.

Every text here was written for these tests (invented bodies, places, names and dates); none is
taken from a real document, from the shared corpora or from a gold file."""

from __future__ import annotations

from pathlib import Path

from bot.library import formats
from bot.library.cleaning import clean
from bot.library.extracted import Extracted
from bot.library.front_matter import findings, resolve

BODY = (
    "The harbour units were set up to share specialist skills across forces. A pilot ran in "
    "two regions, and on 3 March 2029 the board met to review it.\n\n"
    "Each unit now reports to a regional board of chief officers.\n\n"
)


def value(raw, field, hints=None, off=None):
    doc = clean(raw)
    chosen = resolve(findings(doc, raw, hints or Extracted(raw)), off=off or set())
    found = chosen.get(field)
    return (found.value, found.rule) if found else (None, None)


DATA_COVER = [
    ("Weekly Harbour Thefts Digest", 24.0),
    ("Figures drawn from the live harbour system", 18.0),
    ("January 2031", 18.0),
    ("Figures extracted 11/02/2031", 11.0),
    ("Questions to the analysis desk, extension 4471", 11.0),
]


def test_a_printed_day_the_file_was_made_beats_the_month_on_the_cover():
    raw = "\n".join(line for line, _ in DATA_COVER) + "\n\n" + BODY
    made = Extracted(raw, cover=DATA_COVER, created="2031-02-11")
    assert value(raw, "date", made) == ("2031-02-11", "file-confirmed")
    # without the file's own stamp the cover's month (the period covered) is all there is
    assert value(raw, "date", Extracted(raw, cover=DATA_COVER)) == ("2031-01", "cover-date")
    # a stamp that agrees with no printed date confirms nothing
    other = Extracted(raw, cover=DATA_COVER, created="2031-03-02")
    assert value(raw, "date", other) == ("2031-01", "cover-date")
    # and the rule can be switched off
    assert value(raw, "date", made, off={"file-confirmed"}) == ("2031-01", "cover-date")


def test_a_file_stamp_never_outranks_a_publication_line():
    raw = "Harbour Policing\n\nPublished 14 May 2031\n\nDraft of 2 May 2031\n\n" + BODY
    hints = Extracted(raw, created="2031-05-02")
    assert value(raw, "date", hints) == ("2031-05-14", "publication-line")


def title_of_rst(raw: str, off=None):
    """The title of a reStructuredText file, read as ingest reads it."""
    extracted = formats.extract(Path("hearing.rst"), raw.encode())
    return value(extracted.text, "title", extracted, off)


def turns(*pairs: tuple[str, str]) -> str:
    return "".join(f"**{who}**: {said}\n\n" for who, said in pairs)


OPENING = turns(
    ("Sir Rowan Dale", "Mr Ebbs, good morning."),
    ("Mr Ebbs", "Good morning, sir. The first witness is ready."),
)
QUESTIONS = turns(
    ("Mr Ebbs", "Please give the panel your full name."),
    ("Ms Anna Parr", "Anna Louise Parr."),
    ("Mr Ebbs", "You ran the night patrols at the harbour for six years?"),
    ("Ms Anna Parr", "That is right."),
)


def test_a_hearing_transcript_is_titled_by_its_hearing_and_its_witness():
    raw = (
        "Transcript of the Harbour Inquiry Public Hearing on 04 March 2031\n\n*(10.00 am)*\n\n"
        + OPENING
        + "2. Ms Anna Parr\n===============\n\n*MS ANNA PARR (sworn).*\n\n"
        + "Questions From Counsel to the Panel\n-----------------------------------\n\n"
        + QUESTIONS
    )
    assert title_of_rst(raw) == (
        "Transcript of the Harbour Inquiry Public Hearing on 04 March 2031: "
        "evidence of Ms Anna Parr",
        "hearing-record",
    )
    assert title_of_rst(raw, off={"hearing-record"})[0] == "2. Ms Anna Parr"


def test_a_hearing_day_names_every_witness_sworn_or_continuing():
    raw = (
        "4-03-2031\n=========\n\n*(10.00 am)*\n\n"
        + OPENING
        + "Mr Owen Talbot\n--------------\n\n*MR OWEN TALBOT (continued).*\n\n"
        + "Questions From Counsel (continued)\n----------------------------------\n\n"
        + QUESTIONS
        + "Dr Ruth Amari\n-------------\n\n*DR RUTH AMARI (affirmed).*\n\n"
        + QUESTIONS
    )
    assert title_of_rst(raw) == (
        "Hearing transcript, 4 March 2031: evidence of Mr Owen Talbot and Dr Ruth Amari",
        "hearing-record",
    )


def test_a_debate_with_a_date_heading_and_no_witness_is_not_a_hearing():
    raw = "Thursday 6 March 2031\n=====================\n\nHarbour Patrols\n---------------\n\n"
    raw += OPENING + QUESTIONS
    assert title_of_rst(raw)[1] != "hearing-record"
