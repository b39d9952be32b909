"""Documents written in capitals: the glossary neither refuses them nor reads every word as an
acronym.

Every text here was written for these tests (an invented wire report and an invented note);
none is taken from a document, a gold file or a test collection.
"""

from __future__ import annotations

from bot.glossary import mined
from bot.glossary.tables import listed_definitions
from bot.library.ingest import ingest
from bot.search.ranking import search

WIRE = (
    "THE ABBREVIATIONS IN THIS WIRE ARE THOSE OF THE DESK AND THE BBC\n\n"
    "OFFICERS FROM THE REGIONAL ORGANISED CRIME UNIT (ROCU) MET THE HARBOUR MASTER ON TUESDAY\n"
    "TO DISCUSS SMALL BOATS LANDING AT NIGHT ALONG THE ESTUARY, AND THE ROCU SAID IT WOULD\n"
    "SHARE WHAT ITS ANALYSTS HAD FOUND WITH THE COASTGUARD BEFORE THE END OF THE MONTH.\n"
)
NOTE = (
    "The National Crime Agency (NCA) briefed each ROCU on the new tasking model.\n\n"
    "THIS NOTE IS NOT FOR CIRCULATION BEYOND THE TEAM AND ITS PARTNERS IN THE REGION.\n\n"
    "The NCA will report back in the spring.\n"
)


def test_a_short_form_ending_a_run_of_capitals_after_an_abbreviations_heading_is_no_crash():
    # the words after "ABBREVIATIONS" are all capitals, the last one a possible short form
    shouted = "THE ABBREVIATIONS USED HERE ARE THOSE OF THE PRESS AND THE BBC"
    assert listed_definitions(shouted) == []
    found = listed_definitions("Abbreviations\nNCA National Crime Agency ROCU Regional Crime Unit")
    assert [(d.short, d.long) for d in found] == [
        ("NCA", "National Crime Agency"),
        ("ROCU", "Regional Crime Unit"),
    ]


def test_a_document_in_capitals_is_stored_and_found(empty_db, tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE)
    report = ingest(empty_db, [path])
    assert not report.failed, report.failed
    results = search(empty_db, "small boats estuary").results
    assert results and "SMALL BOATS" in results[0].excerpt


def test_words_of_a_paragraph_in_capitals_are_not_acronym_uses_unless_defined():
    uses, definitions, _ = mined.document_facts("wire", WIRE)
    used = {row["acronym"] for row in uses}
    assert "ROCU" in used  # defined in the wire itself
    assert not used & {"THE", "OFFICERS", "HARBOUR", "ESTUARY", "DESK"}
    pairs = {(d["short"], d["long"]) for d in definitions}
    assert ("ROCU", "REGIONAL ORGANISED CRIME UNIT") in pairs


def test_acronyms_in_mixed_case_text_are_still_counted_beside_a_paragraph_in_capitals():
    uses, _, _ = mined.document_facts("note", NOTE)
    counts = {row["acronym"]: row["uses"] for row in uses}
    assert counts.get("NCA") == 2 and counts.get("ROCU") == 1
    assert not {"NOTE", "CIRCULATION", "TEAM", "REGION"} & set(counts)


def test_a_short_heading_in_capitals_is_not_a_paragraph_in_capitals():
    text = "SERIOUS AND ORGANISED CRIME\n\nThe ROCU network covers England and Wales."
    assert mined.shouted_spans(text) == []
    assert "ROCU" in {row["acronym"] for row in mined.document_facts("h", text)[0]}
