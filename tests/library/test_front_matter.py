"""Titles and dates from front matter: each rule of bot.library.front_matter, the resolver's
order, switching a rule off, and unknown dates left unknown.

Every text here was written for these tests (invented bodies, places and dates); none is taken
from a real document or from the shared corpora."""

from __future__ import annotations

from bot.library.cleaning import clean
from bot.library.extracted import Extracted
from bot.library.front_matter import findings, read_date, resolve
from bot.library.metadata import describe

BODY = (
    "The units were set up to share specialist skills across forces. In 2009 a pilot ran in "
    "two regions, and on 3 March 2011 the board met to review it.\n\n"
    "Each unit now reports to a regional board of chief officers.\n\n"
)


def chosen(raw: str, hints: Extracted | None = None, off: set[str] | None = None):
    doc = clean(raw)
    return resolve(findings(doc, raw, hints or Extracted(raw)), off=set() if off is None else off)


def value(raw, field, hints=None, off=None):
    found = chosen(raw, hints, off).get(field)
    return (found.value, found.rule) if found else (None, None)


def test_read_date_keeps_the_precision_written():
    assert read_date("Tuesday 4th of March 2031") == "2031-03-04"
    assert read_date("October 2029") == "2029-10"
    assert read_date("on 04/11/2030") is None  # numbers alone only where a field says "Date"
    assert read_date("on 04/11/2030", numeric=True) == "2030-11-04"


def test_a_title_field_wins_over_a_table_caption_heading():
    raw = (
        "Title: Safer Harbours: powers for port police to inspect cargo. Lead department: "
        "Home Office\n\nCost of Preferred Option\n\n" + BODY
    )
    assert value(raw, "title") == (
        "Safer Harbours: powers for port police to inspect cargo",
        "title-field",
    )


def test_a_title_field_stops_at_the_next_field_and_a_reference_code():
    raw = "Title and Reference No: Weekly Burglary Digest - QX12/34/V2\nPurpose: data\n\n" + BODY
    assert value(raw, "title")[0] == "Weekly Burglary Digest"
    raw = "Title: Stopping Cargo Theft at Small Ports IA No: XY 0001 Stage: final\n\n" + BODY
    assert value(raw, "title")[0] == "Stopping Cargo Theft at Small Ports"


def test_the_largest_type_on_the_cover_is_the_title_not_the_running_head():
    cover = [
        ("HC 901", 12.0),
        ("Borders Committee", 28.0),
        ("Harbour policing", 38.0),
        ("after the ferry strike", 38.0),
        ("Third Report of Session 2030–31", 22.0),
        ("Ordered to be printed 2 May 2031", 11.0),
        ("The committee took evidence from many people over the winter months.", 11.0),
        ("It heard from harbour masters, port police and the ferry companies.", 11.0),
    ]
    raw = "Borders Committee\n\n" + BODY
    title, rule = value(raw, "title", Extracted(raw, cover=cover))
    assert rule == "cover-type"
    assert title == "Borders Committee Harbour policing after the ferry strike"


def test_a_letterhead_in_large_type_is_not_the_title():
    cover = [
        ("Wessex Harbour Police", 30.0),
        ("Harbour House, Quay Street", 10.0),
        ("Dear Chief Constable,", 10.0),
        ("Thank you for your letter about the patrols at the western docks.", 10.0),
        ("We have looked again at the rota and the costs of the night boats.", 10.0),
    ]
    raw = "Wessex Harbour Police\n\nDear Chief Constable,\n\n" + BODY
    assert value(raw, "title", Extracted(raw, cover=cover))[1] != "cover-type"


def test_a_cover_in_one_type_size_gives_no_cover_title():
    cover = [("Plain notes on harbour policing", 11.0), ("A second line of notes", 11.0)]
    raw = "Plain notes on harbour policing\n\n" + BODY
    assert value(raw, "title", Extracted(raw, cover=cover))[1] != "cover-type"


def test_a_byline_glued_to_the_cover_title_is_left_out():
    cover = [
        ("Briefing", 14.0),
        ("By Ann Example Harbour crime:", 30.0),
        ("what the figures show", 30.0),
        ("Summary of the main points here", 14.0),
        ("1 Background to the crimes recorded at the harbours", 14.0),
        ("2 What the harbour police and the ferry companies said", 14.0),
    ]
    raw = "Briefing\n\n" + BODY
    assert value(raw, "title", Extracted(raw, cover=cover))[0] == (
        "Harbour crime: what the figures show"
    )


def test_the_file_title_comes_before_headings():
    raw = "Contents page\n\n" + BODY
    hints = Extracted(raw, title="Harbour Policing Review")
    assert value(raw, "title", hints) == ("Harbour Policing Review", "file-title")


def test_a_title_set_over_several_headings_is_joined():
    raw = (
        "Guidance\n\non the Inspection of Cargo by Officers of\n\nSmall Harbours in Wessex\n\n"
        "Laid before Parliament 9 May 2030\n\n" + BODY
    )
    doc = clean(raw)
    assert all(p.heading for p in doc.paragraphs[:3])
    assert value(raw, "title") == (
        "Guidance on the Inspection of Cargo by Officers of Small Harbours in Wessex",
        "first-heading",
    )


def test_an_opening_line_before_the_first_heading_is_the_title():
    raw = (
        "Memorandum on the Harbour Police (Designated Ports) Regulations 2032.\n\n"
        "Introduction\n\n" + BODY
    )
    assert not clean(raw).paragraphs[0].heading
    assert value(raw, "title") == (
        "Memorandum on the Harbour Police (Designated Ports) Regulations 2032",
        "opening-line",
    )
    # the year of the regulations it explains is the best date there is
    assert value(raw, "date") == ("2032", "instrument-year")


def test_the_publication_line_wins_over_the_first_date_in_the_text():
    raw = (
        "Harbour Policing\n\nThe inquiry opened on 1 February 2030.\n\n"
        "Ordered to be printed 4 June 2031 and published 11 June 2031\n\n" + BODY
    )
    assert value(raw, "date") == ("2031-06-11", "publication-line")


def test_the_parliament_line_when_there_is_no_publication_line():
    raw = "Harbour Policing\n\nLaid before the Scottish Parliament 7 March 2031\n\n" + BODY
    assert value(raw, "date") == ("2031-03-07", "parliament-line")


def test_a_date_field_reads_day_first_numbers():
    raw = "Harbour review | Date: 05/02/2031\n\nSummary\n\n" + BODY
    assert value(raw, "date") == ("2031-02-05", "date-field")
    raw = "Harbour school\n\nInspection dates 3–4 May 2031\n\n" + BODY
    assert value(raw, "date") == ("2031-05-04", "date-field")


def test_a_review_date_is_not_the_date():
    raw = "Harbour figures\n\nReview Date: 05/02/2031\n\n" + BODY
    assert value(raw, "date") == (None, None)


def test_the_sitting_of_a_debate_or_hearing():
    raw = "Harbour Policing\n\nVolume 901: debated on Thursday 6 March 2031\n\n" + BODY
    assert value(raw, "date") == ("2031-03-06", "sitting-line")
    raw = "Transcript of the Public Hearing on 12 January 2032\n\n" + BODY
    assert value(raw, "date") == ("2032-01-12", "sitting-line")


def test_a_date_line_on_the_cover_keeps_its_precision():
    raw = "Harbour Policing\n\nA report by the panel\n\nMarch 2031\n\n" + BODY
    assert value(raw, "date") == ("2031-03", "cover-date")
    raw = "Harbour Policing\n\nWednesday 9 April 2031\n\n" + BODY
    assert value(raw, "date") == ("2031-04-09", "cover-date")


def test_a_date_line_in_numbers_or_after_a_reference_is_read_day_first():
    raw = "04-02-2032\n\nThe panel sat at ten.\n\n" + BODY
    assert value(raw, "date") == ("2032-02-04", "cover-date")
    raw = "QRS000000042 - 5 May 2032\n\nThe panel sat at ten.\n\n" + BODY
    assert value(raw, "date") == ("2032-05-05", "cover-date")


def test_a_date_line_deep_in_the_text_is_not_the_date():
    raw = "Harbour Policing\n\n" + "".join(f"Point {n} of the plan.\n\n" for n in range(12))
    assert value(raw + "June 2019\n\n" + BODY, "date") == (None, None)


def test_a_hearing_named_with_its_date():
    for line in (
        "Transcript of the Second Harbour Hearing, 3 April 2032",
        "Transcript of the Harbour Preliminary Hearing, dated 3 April 2032",
        "Transcript of the Harbour Preliminary Hearing, on 03 April 2032",
    ):
        assert value(line + "\n\n" + BODY, "date") == ("2032-04-03", "sitting-line"), line


def test_the_statutory_instrument_number_gives_the_year():
    raw = "EXPLANATORY NOTE TO\n\nTHE HARBOUR PATROL SCHEME\n\n2031 No. 442\n\n" + BODY
    assert value(raw, "date") == ("2031", "si-number")


def test_page_metadata_and_file_creation_date():
    raw = "Harbour Policing\n\n" + BODY
    assert value(raw, "date", Extracted(raw, date="2031-05-06")) == ("2031-05-06", "page-metadata")
    # the file's creation date is weak: kept to the month, and only when nothing else says
    assert value(raw, "date", Extracted(raw, created="2031-05-06")) == ("2031-05", "file-created")


def test_unknown_stays_unknown_not_the_first_date_of_the_text():
    raw = "Harbour Policing\n\n" + BODY
    assert value(raw, "date") == (None, None)
    meta = describe(clean(raw), "harbour.txt", None, raw, hints=Extracted(raw))
    assert meta.date is None and "date" not in meta.guessed


def test_a_rule_switched_off_lets_the_next_one_answer():
    raw = "Harbour Policing\n\nPublished 3 June 2031\n\nMay 2031\n\n" + BODY
    assert value(raw, "date")[1] == "publication-line"
    assert value(raw, "date", off={"publication-line"}) == ("2031-05", "cover-date")


def test_describe_says_why_for_what_it_guessed():
    raw = "Harbour Policing\n\nPublished 3 June 2031\n\n" + BODY
    meta = describe(clean(raw), "harbour.txt", None, raw, hints=Extracted(raw))
    assert meta.date == "2031-06-03" and meta.why["date"].startswith("date from the publication")
    assert meta.why["title"].startswith("title from")
    # a catalogue's fields are not guessed and need no reason; the type it leaves out is
    # guessed and says why (round 21: the type resolver's reason)
    meta = describe(clean(raw), "harbour.txt", {"title": "T", "date": "2030"}, raw)
    assert set(meta.why) == {"type"} and meta.date == "2030"
    meta = describe(clean(raw), "harbour.txt", {"title": "T", "date": "2030", "type": "blog"}, raw)
    assert meta.why == {}


PAGE_BODY = (
    "<p>"
    + "The harbour unit met on 3 March 2011 to plan its work for the year ahead. " * 4
    + "</p><p>"
    + "Officers from four forces took part in the exercise at the docks. " * 4
    + "</p>"
)


def _page(head: str) -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Harbour page</h1>{PAGE_BODY}"
        "</article></body></html>"
    )


def _describe_page(markup: str):
    from bot.library.formats import html_extract

    found = html_extract(markup)
    return describe(clean(found.text), "page.html", None, found.text, hints=found)


def test_a_web_page_title_and_date_come_from_its_metadata():
    # og:title and article:published_time (read by trafilatura), not the body's first date
    meta = _describe_page(
        _page(
            '<meta property="og:title" content="Harbour policing plan">'
            '<meta property="article:published_time" content="2024-05-06T09:00:00Z">'
            "<title>Harbour policing plan | Wessex Police</title>"
        )
    )
    assert meta.title == "Harbour policing plan" and meta.why["title"].startswith(
        "title from the file"
    )
    assert meta.date == "2024-05-06" and meta.why["date"].startswith("date from the web page")
    # Dublin Core
    meta = _describe_page(_page('<meta name="DC.date.issued" content="2023-04-02">'))
    assert meta.date == "2023-04-02"


def test_a_web_page_with_no_date_of_its_own_is_undated():
    meta = _describe_page(_page("<title>Harbour notes - Example Force</title>"))
    assert meta.date is None and "date" not in meta.guessed
