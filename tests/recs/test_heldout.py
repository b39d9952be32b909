"""The held-out documents in ``tests/recs/heldout`` and ``tests/recs/heldout2`` (written in the
styles of inspection reports, committee reports, government responses, PCC and committee letters,
Hansard and news, with their recommendations annotated in ``gold.json``), ingested as a user would
add them (no catalogue): every annotated recommendation is found once, with its government
response where the document gives one, and nothing else is taken for one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from goldmatch import opens

from bot.library.ingest import ingest
from bot.library.store import open_db
from bot.recs.tracker import list_recommendations

HERE = Path(__file__).parent
SETS = ["heldout", "heldout2"]


def _documents():
    for name in SETS:
        gold = json.loads((HERE / name / "gold.json").read_text())
        for entry in gold["documents"]:
            yield pytest.param(name, entry, id=entry["file"])


@pytest.mark.parametrize(("folder", "entry"), list(_documents()))
def test_heldout_document(tmp_path, folder, entry):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(HERE / folder / entry["file"], docs / entry["file"])
    db = open_db(tmp_path / "store.db")
    assert not ingest(db, [docs]).failed
    recs = sorted(list_recommendations(db), key=lambda r: r.start)
    golds = entry["recommendations"]
    doubtful = [d["opening_words"] for d in entry.get("doubtful", [])]
    unmatched = list(range(len(golds)))
    false = []
    for rec in recs:
        hit = next(
            (i for i in unmatched if opens(golds[i]["opening_words"], rec.text, bullets=True)), None
        )
        if hit is not None:
            unmatched.remove(hit)
            want = golds[hit].get("government_response")
            if want:
                assert rec.response == want, rec.text[:80]
        elif not any(opens(d, rec.text, bullets=True) for d in doubtful):
            false.append(rec.text[:80])
    assert [golds[i]["opening_words"] for i in unmatched] == []
    assert false == []
