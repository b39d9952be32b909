"""Report/response pairs in shapes the real development pairs lack (round 11): a response set out
as a table whose last column is "Status / Target date", and a reply's one-word verdicts ("Agree.",
"Disagree.", "Agree in part.", "Partially agreed.", "Under consideration."). Each new rule is also
checked switched off.

Every text here (the inline ones and the eight files in ``tests/recs/pairs11``, annotated in its
``pairs.json``) was written by me for these tests about invented bodies and people; none is copied
from a real document, a gold file or an evaluation set. The pairs11 files are not held out: the
round-11 pair rules were fixed against them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.library.ingest import ingest
from bot.library.store import open_db
from bot.recs import stance
from bot.recs.extract import extract
from bot.recs.extract.rules import rules_off
from bot.recs.tracker import list_recommendations

PAIRS = Path(__file__).parent / "pairs11"
SPEC = json.loads((PAIRS / "pairs.json").read_text())


@pytest.mark.parametrize(
    "answer, expected, rule",
    [
        ("Agree. From June a sergeant signs off each one.", "accepted", "heading-agree"),
        ("Disagree. The room is used for minutes only.", "not accepted", "heading-disagree"),
        ("Agree in part. We will start with children.", "accepted in part", "heading-agree-part"),
        (
            "Partially agreed. An evening service will start.",
            "accepted in part",
            "heading-agree-part",
        ),
        ("Under consideration. Ministers will decide next year.", "noted", "heading-consideration"),
    ],
)
def test_a_replys_one_word_verdicts(answer, expected, rule, monkeypatch):
    verdict = stance.classify(answer)
    assert (verdict.stance, verdict.rule) == (expected, rule)
    monkeypatch.setattr(stance, "DISABLED", set(stance.REPLY_WORDS))
    assert stance.classify(answer) is None


def test_agree_as_a_verb_is_no_verdict():
    assert stance.classify("Agree that the figures are published each quarter.") is None


TABLE = (
    "Government response\n\n"
    "Recommendation | Response | Status / Target date\n"
    "1. The agency should publish its waiting times every month from next year. | Accepted. "
    "The first figures will appear in May. | In progress: May 2027\n"
    "2. The agency should close the old contact line by the end of the year. | Not accepted. "
    "The line is still used by older callers. | Closed\n"
)


def test_a_response_table_with_a_status_and_date_column():
    items = extract(TABLE, "government-response")
    assert [TABLE[f.start : f.end][:30] for f in items] == [
        "1. The agency should publish i",
        "2. The agency should close the",
    ]
    assert [f.response for f in items] == ["accepted", "not accepted"]
    with rules_off("slash-columns"):
        off = extract(TABLE, "government-response")
    assert all(f.response is None for f in off)


def _ingest(tmp_path: Path, names: list[str]):
    db = open_db(tmp_path / "store.db")
    for name in names:
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        shutil.copy(PAIRS / name, folder / name)
        ingest(db, [folder])
    return db


def test_a_response_table_pair_becomes_one_item_each(tmp_path):
    pair = SPEC["pairs"][0]
    db = _ingest(tmp_path, [pair["report"], pair["response"]])
    items = list_recommendations(db)
    assert len(items) == len(pair["report_recs"])
    got = [(r.responses or [{}])[0].get("stance") for r in items]
    assert got == [a["stance"] for a in pair["answers"]]
