"""The second round-12 held-out recommendation set, ``tests/recs/heldout13``.

Written by the heldout13 writer for the coordinator to measure; no rule is tuned on it. As in
``test_heldout12_sets.py``, these tests never run the extractor on it and never print its text:
they check only that every file is annotated in ``gold.json`` and says it was written for the tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.library.formats import extract as read_file

HELDOUT = Path(__file__).parent / "heldout13"
MARK = "written for the tests of rocu-bot"
GOLD_KEYS = {"file", "type", "date", "recommendations", "doubtful", "has_recommendations"}


def _marked(path: Path) -> bool:
    text = read_file(path, path.read_bytes()).text
    return MARK in " ".join(text.split()).casefold()


def _gold() -> dict:
    return json.loads((HELDOUT / "gold.json").read_text())


def test_every_document_is_annotated_and_marked():
    gold = _gold()
    listed = [d["file"] for d in gold["documents"]]
    on_disk = sorted(p.name for p in HELDOUT.iterdir() if p.name != "gold.json")
    if sorted(listed) != on_disk:
        pytest.fail("gold.json and the folder list different files")
    for name in listed:
        if not _marked(HELDOUT / name):
            pytest.fail(f"{name} does not say it was written for the tests")


def test_summary_and_entries_are_in_the_gold_schema():
    gold = _gold()
    docs = gold["documents"]
    summary = gold["summary"]
    if summary["files"] != len(docs):
        pytest.fail("summary file count out of date")
    if summary["recommendations"] != sum(len(d["recommendations"]) for d in docs):
        pytest.fail("summary recommendation count out of date")
    if summary["doubtful"] != sum(len(d["doubtful"]) for d in docs):
        pytest.fail("summary doubtful count out of date")
    for doc in docs:
        if set(doc) != GOLD_KEYS:
            pytest.fail(f"{doc['file']}: keys differ from the gold schema")
        if doc["has_recommendations"] != bool(doc["recommendations"]):
            pytest.fail(f"{doc['file']}: has_recommendations disagrees with its list")
        for rec in doc["recommendations"]:
            if not rec["opening_words"] or not isinstance(rec["addressees"], list):
                pytest.fail(f"{doc['file']}: an item without opening words or addressees list")
    # at least two documents make no recommendation (the set's none-docs)
    assert sum(not d["recommendations"] for d in docs) >= 2
