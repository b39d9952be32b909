"""The round-12 held-out sets and the bench option that measures them.

``tests/recs/heldout12`` (documents, ``gold.json``) and ``tests/recs/pairs-heldout12`` (pairs,
``pairs.json``) were written by the round-12 held-out writer for the coordinator to measure; no
rule is tuned on them. These tests never run the extractor on them and never print their text:
they check only that every file is annotated and marked as written for the tests, and that
``bench/recs_pairs.py --written-dir DIR`` parses and reads a pairs folder (a tiny one written
here, by me, about invented bodies).
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from bot.library.formats import extract as read_file

HERE = Path(__file__).parent
BENCH = HERE.parent.parent / "bench"
HELDOUT = HERE / "heldout12"
PAIRS = HERE / "pairs-heldout12"
MARK = "written for the tests of rocu-bot"


def _marked(path: Path) -> bool:
    text = read_file(path, path.read_bytes()).text
    return MARK in " ".join(text.split()).casefold()


def test_every_heldout_document_is_annotated_and_marked():
    gold = json.loads((HELDOUT / "gold.json").read_text())
    listed = [d["file"] for d in gold["documents"]]
    on_disk = sorted(p.name for p in HELDOUT.iterdir() if p.name != "gold.json")
    if sorted(listed) != on_disk:
        pytest.fail("gold.json and the folder list different files")
    counted = sum(len(d["recommendations"]) for d in gold["documents"])
    if gold["summary"]["recommendations"] != counted:
        pytest.fail("summary count out of date")
    for name in listed:
        if not _marked(HELDOUT / name):
            pytest.fail(f"{name} does not say it was written for the tests")


def test_every_heldout_pair_is_annotated_and_marked():
    spec = json.loads((PAIRS / "pairs.json").read_text())
    if len(spec["pairs"]) < 4:
        pytest.fail("fewer than four pairs")
    for pair in spec["pairs"]:
        if [r["id"] for r in pair["report_recs"]] != [a["id"] for a in pair["answers"]]:
            pytest.fail(f"{pair['name']}: answers not in the report's order")
        for key in ("report", "response"):
            if not _marked(PAIRS / pair[key]):
                pytest.fail(f"{pair[key]} does not say it was written for the tests")


@pytest.fixture
def recs_pairs(monkeypatch):
    pytest.importorskip("rapidfuzz")
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module("recs_pairs")
    yield module
    sys.modules.pop("recs_pairs", None)


def test_written_dir_option_parses_and_reads_a_pairs_folder(recs_pairs, tmp_path):
    spec = {
        "pairs": [
            {
                "name": "tiny",
                "report": "report.txt",
                "response": "response.txt",
                "report_recs": [{"id": "T-1", "opening_words": "The Ferncombe Board should"}],
                "answers": [
                    {"id": "T-1", "opening_words": "The Ferncombe Board should", "stance": "noted"}
                ],
            }
        ]
    }
    (tmp_path / "pairs.json").write_text(json.dumps(spec))
    args = recs_pairs.parse_args(["--written-dir", str(tmp_path), "--written-only"])
    assert args.written and args.written_only and args.written_dir == str(tmp_path)
    (pair,) = recs_pairs.written_pairs(tmp_path)
    assert pair[0] == "written" and pair[2:5] == ("report.txt", None, "response.txt")
    assert pair[8] == {"T-1": "noted"}
    # without the option the round-11 pairs stay the default
    assert not recs_pairs.parse_args([]).written_dir


def test_written_dir_without_pairs_json_is_refused(recs_pairs, tmp_path):
    with pytest.raises(SystemExit):
        recs_pairs.parse_args(["--written-dir", str(tmp_path)])
