"""Builds the two Word files of this set (run once; the .docx files are committed).

Written for the tests of rocu-bot (round 12, helper meta12); invented bodies and text."""

import datetime as dt
from pathlib import Path

import docx

HERE = Path(__file__).parent


def build(name, heading, paragraphs, created, author, title):
    document = docx.Document()
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    props = document.core_properties
    props.created = created
    props.modified = created
    props.author = author
    props.last_modified_by = author
    props.title = title
    document.save(HERE / name)


build(
    "docx-template-date.docx",
    "Harnley Serious Violence Duty: Strategic Needs Assessment 2026",
    [
        "Prepared by the Harnley Community Safety Partnership for its partners.",
        "This assessment brings together police, health and education data for the three years "
        "to March 2026 to show where serious violence happens in the district and who is most "
        "affected by it.",
        "Knife crime has fallen slightly since 2024, but robbery involving young people under "
        "eighteen has risen in two of the district's wards.",
        "The partnership will use this assessment to agree its strategy for 2026 to 2029.",
    ],
    dt.datetime(2017, 3, 1, 9, 0),
    "Corporate Template",
    "Partnership report template",
)
build(
    "docx-own-date.docx",
    "Harnley Neighbourhood Policing Survey: Summary of Results",
    [
        "Prepared by Harnley Police's analysis team.",
        "Eight hundred residents answered the survey between November 2025 and January 2026. "
        "Most said they knew how to contact their neighbourhood team, but fewer than half had "
        "seen an officer on foot in their area in the last month.",
    ],
    dt.datetime(2026, 2, 10, 14, 30),
    "Analysis Team",
    "",
)
