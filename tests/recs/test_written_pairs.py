"""The report/response pairs written for the tests (``pairs11``, ``pairs12``): each is marked as
written for the tests and fully annotated (every report recommendation answered, with a stance
from the tracker's labels)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.library.formats import extract as read_file
from bot.recs import stance

HERE = Path(__file__).parent


@pytest.mark.parametrize("folder", ["pairs11", "pairs12"])
def test_the_written_pairs_are_marked_and_annotated(folder):
    pairs = HERE / folder
    spec = json.loads((pairs / "pairs.json").read_text())
    assert spec["pairs"]
    for pair in spec["pairs"]:
        ids = [r["id"] for r in pair["report_recs"]]
        assert sorted(a["id"] for a in pair["answers"]) == sorted(ids)
        assert {a["stance"] for a in pair["answers"]} <= set(stance.STANCES)
        for name in (pair["report"], pair["response"]):
            path = pairs / name
            text = read_file(path, path.read_bytes()).text
            assert "Written for the tests of rocu-bot" in text, name
