"""The held-out sets ``tests/recs/heldout13`` (round 12), ``heldout14`` and ``pairs-heldout14``
(round 13), ``heldout15`` and ``pairs-heldout15`` (round 14), ``heldout16`` and ``pairs-heldout16``
(round 15), ``heldout17`` and ``pairs-heldout17`` (round 16), ``heldout18`` and ``pairs-heldout18``
(round 17), ``heldout19`` and ``pairs-heldout19`` (round 18), ``heldout20`` and ``pairs-heldout20``
(round 19), ``heldout21`` and ``pairs-heldout21`` (round 20), ``heldout22`` and ``pairs-heldout22``
(round 21), ``heldout23`` and ``pairs-heldout23`` (round 22).

Each written by a held-out writer for the coordinator to measure (heldout13 has since been tuned
on, in round 13; heldout14, heldout15 and their pairs in round 15; heldout16 and its pairs in
round 16; heldout12-heldout17 and their pairs are tuned on in round 17; heldout12-heldout18 and
their pairs in round 18; heldout19 and pairs-heldout19 are tuned on from round 19; heldout20 and
pairs-heldout20 are tuned on from round 20; heldout21 and pairs-heldout21 are tuned on from
round 21; heldout22 and pairs-heldout22 are tuned on from round 22, while heldout23 and
pairs-heldout23, written in round 22, stay held out). As in
``test_heldout12_sets.py``, these tests never run the extractor or the matcher
on them and never print their text: they check only that every file is annotated and says it was
written for the tests, and that the annotations keep the schema the benches read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.library.formats import extract as read_file
from bot.recs import stance

HERE = Path(__file__).parent
# folder: the fewest documents its writer was asked for
SETS = {
    "heldout13": 10,
    "heldout14": 12,
    "heldout15": 12,
    "heldout16": 12,
    "heldout17": 14,
    "heldout18": 14,
    "heldout19": 14,
    "heldout20": 15,
    "heldout21": 15,
    "heldout22": 15,
    "heldout23": 15,
}
# folders of written report/response pairs
PAIRS = (
    "pairs-heldout14",
    "pairs-heldout15",
    "pairs-heldout16",
    "pairs-heldout17",
    "pairs-heldout18",
    "pairs-heldout19",
    "pairs-heldout20",
    "pairs-heldout21",
    "pairs-heldout22",
    "pairs-heldout23",
)
MARK = "written for the tests of rocu-bot"
GOLD_KEYS = {"file", "type", "date", "recommendations", "doubtful", "has_recommendations"}
REC_KEYS = {"opening_words", "addressees", "deadline", "label", "note", "government_response"}


def _marked(path: Path) -> bool:
    text = read_file(path, path.read_bytes()).text
    return MARK in " ".join(text.split()).casefold()


@pytest.mark.parametrize("folder", SETS)
def test_every_document_is_annotated_and_marked(folder):
    held = HERE / folder
    gold = json.loads((held / "gold.json").read_text())
    listed = [d["file"] for d in gold["documents"]]
    on_disk = sorted(p.name for p in held.iterdir() if p.name != "gold.json")
    if sorted(listed) != on_disk:
        pytest.fail("gold.json and the folder list different files")
    if len(listed) < SETS[folder]:
        pytest.fail("fewer documents than the writer was asked for")
    for name in listed:
        if not _marked(held / name):
            pytest.fail(f"{name} does not say it was written for the tests")


@pytest.mark.parametrize("folder", SETS)
def test_gold_keeps_the_schema(folder):
    gold = json.loads((HERE / folder / "gold.json").read_text())
    docs = gold["documents"]
    summary = gold["summary"]
    if summary["files"] != len(docs):
        pytest.fail("summary file count out of date")
    if summary["files_with_recommendations"] != sum(bool(d["recommendations"]) for d in docs):
        pytest.fail("summary count of files with recommendations out of date")
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
            if not set(rec) <= REC_KEYS or "deadline" not in rec:
                pytest.fail(f"{doc['file']}: an item with keys outside the gold schema")
            answer = rec.get("government_response")
            if answer is not None and answer not in stance.STANCES:
                pytest.fail(f"{doc['file']}: a stance that is not one of the tracker's labels")
    # at least two documents make no recommendation (a news item, a speech)
    assert sum(not d["recommendations"] for d in docs) >= 2


@pytest.mark.parametrize("folder", PAIRS)
def test_every_heldout_pair_is_annotated_and_marked(folder):
    pairs = HERE / folder
    spec = json.loads((pairs / "pairs.json").read_text())
    if len(spec["pairs"]) < 4:
        pytest.fail("fewer than four pairs")
    files = {p.name for p in pairs.iterdir() if p.name != "pairs.json"}
    named = {p[key] for p in spec["pairs"] for key in ("report", "response")}
    if files != named:
        pytest.fail("pairs.json and the folder list different files")
    for pair in spec["pairs"]:
        # the bench pairs the n-th answer with the n-th report recommendation
        if [r["id"] for r in pair["report_recs"]] != [a["id"] for a in pair["answers"]]:
            pytest.fail(f"{pair['name']}: answers not in the report's order")
        for answer in pair["answers"]:
            if answer["stance"] not in (*stance.STANCES, "none"):
                pytest.fail(f"{pair['name']}: a stance that is not one of the tracker's labels")
            if answer.get("answered", True) is False and answer["stance"] != "none":
                pytest.fail(f"{pair['name']}: an unanswered item with a stance")
            if not answer["opening_words"]:
                pytest.fail(f"{pair['name']}: an answer without opening words")
        for key in ("report", "response"):
            if not _marked(pairs / pair[key]):
                pytest.fail(f"{pair[key]} does not say it was written for the tests")
