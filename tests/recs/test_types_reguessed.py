"""A store whose document types came from other type rules guesses them once again when it is
next opened (``storing.RETYPE_ON_RULES_CHANGE``), keeps a type a person gave, and links the
answers of a response again.

The "older rules" are simulated by editing the store as an older release would have left it: the
report typed a government response, its items read as a response's, nothing linked. The report,
response and letter texts were written for this test (a made-up review of custody suites); none
comes from a real document, a gold file or a question set.
"""

from __future__ import annotations

import datetime as dt
import json

from bot.library.ingest import edit_details, ingest
from bot.library.store import all_migrations, open_db
from bot.recs import links, storing
from bot.recs.tracker import list_recommendations, set_status

STEP = f"document_types_{storing.type_rules_fingerprint()}"
AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

REPORT = """Review of Custody Suites in the Northern Region

A review for the Police and Crime Commissioner of how detainees are looked after overnight.

Conclusions and recommendations

Recommendation 1: Night checks
The force should check every detainee held overnight at least once an hour, and record each check
in the custody log, within three months of this review.

Recommendation 2: Interpreters
The force should book an interpreter for every detainee who asks for one before any interview
begins, and publish how often it failed to do so each quarter.
"""

RESPONSE = """Government Response to the Review of Custody Suites in the Northern Region

Presented to Parliament by the Minister for Policing.

Recommendation 1: Night checks
The force should check every detainee held overnight at least once an hour, and record each check
in the custody log, within three months of this review.

The Government accepts this recommendation. The hourly checks began in the spring.

Recommendation 2: Interpreters
The force should book an interpreter for every detainee who asks for one before any interview
begins, and publish how often it failed to do so each quarter.

The Government accepts this recommendation in part. Quarterly figures will follow next year.
"""

NOTE = """Notes of the custody users' forum

The forum met in the town hall and talked about the new waiting room and its opening hours.
"""


def _types(db) -> dict[str, str]:
    return dict(db.execute("SELECT file, type FROM documents").fetchall())


def _older_rules(db, report_id: str) -> None:
    """As a store from type rules that took the report for a response: typed so, its items read
    as a response's, its answers linked to nothing; the types step not run, no stamp."""
    db.execute("UPDATE documents SET type = 'government-response' WHERE id = ?", [report_id])
    storing.rebuild_document(db, report_id)
    links.relink(db)
    db.execute("DELETE FROM _migrations WHERE name = ?", [STEP])
    db.execute("DELETE FROM _schema_stamp")
    db.conn.commit()


def _library(tmp_path, db_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in (
        ("custody-review.txt", REPORT),
        ("custody-review-response.txt", RESPONSE),
        ("forum-notes.txt", NOTE),
    ):
        (folder / name).write_text(text)
    db = open_db(db_path)
    report = ingest(db, [folder])
    assert not report.failed
    ids = dict(db.execute("SELECT file, id FROM documents").fetchall())
    return db, folder, ids


def _links(db) -> int:
    return db.execute("SELECT count(*) FROM recommendation_links").fetchone()[0]


def test_the_types_step_is_named_by_the_current_type_rules():
    names = [name for name, _ in all_migrations()]
    assert STEP in names
    # Before the recommendations' re-reading, which reads the types.
    rules = [n for n in names if n.startswith("recommendations_rules_")]
    assert not rules or names.index(STEP) < names.index(rules[0])


def test_a_store_from_other_type_rules_guesses_again_and_links_the_answers(tmp_path, db_path):
    db, _, ids = _library(tmp_path, db_path)
    want = _types(db)
    assert want["custody-review.txt"] != "government-response"
    assert want["custody-review-response.txt"] == "government-response"
    assert _links(db) == 2
    # A person typed the forum's notes by hand: theirs is kept, whatever the rules guess.
    edit_details(db, ids["forum-notes.txt"], {"type": "letter"})
    report_item = [r for r in list_recommendations(db) if r.doc_id == ids["custody-review.txt"]]
    set_status(db, report_item[0].id, "in progress", by="Ann Lee", by_id="U0ANN", now=AT)
    _older_rules(db, ids["custody-review.txt"])
    assert _links(db) == 0
    db.close()

    again = open_db(db_path)
    got = _types(again)
    assert got["custody-review.txt"] == want["custody-review.txt"]
    assert got["forum-notes.txt"] == "letter"
    assert _links(again) == 2
    current = [r for r in list_recommendations(again) if r.id == report_item[0].id]
    assert current and current[0].status == "in-progress"
    assert "type" in json.loads(
        again.execute(
            "SELECT guessed FROM documents WHERE id = ?", [ids["custody-review.txt"]]
        ).fetchone()[0]
    )
    ran = again.execute("SELECT count(*) FROM _migrations WHERE name = ?", [STEP]).fetchone()[0]
    assert ran == 1
    again.close()


def test_a_document_whose_source_is_gone_keeps_its_type(tmp_path, db_path, monkeypatch):
    db, folder, ids = _library(tmp_path, db_path)
    _older_rules(db, ids["custody-review.txt"])
    db.close()
    (folder / "custody-review.txt").unlink()

    monkeypatch.setattr(storing, "RETYPE_FROM_STORED_TEXT", False)
    again = open_db(db_path)
    assert _types(again)["custody-review.txt"] == "government-response"  # nothing to read
    again.close()


def test_from_the_stored_text_when_switched_on(tmp_path, db_path, monkeypatch):
    db, folder, ids = _library(tmp_path, db_path)
    want = _types(db)["custody-review.txt"]
    _older_rules(db, ids["custody-review.txt"])
    db.close()
    (folder / "custody-review.txt").unlink()

    monkeypatch.setattr(storing, "RETYPE_FROM_STORED_TEXT", True)
    again = open_db(db_path)
    assert _types(again)["custody-review.txt"] == want
    assert _links(again) == 2
    again.close()


def test_the_fingerprint_follows_the_type_rules(tmp_path):
    (tmp_path / "metadata.py").write_text("RULES = 1\n")
    (tmp_path / "ingest.py").write_text("X = 1\n")
    first = storing.type_rules_fingerprint(tmp_path)
    assert len(first) == 12 and first != storing.type_rules_fingerprint()
    (tmp_path / "ingest.py").write_text("X = 2\n")
    assert storing.type_rules_fingerprint(tmp_path) == first  # not a type rule
    (tmp_path / "metadata.py").write_text("RULES = 2\n")
    assert storing.type_rules_fingerprint(tmp_path) != first
    assert storing.type_rules_fingerprint(tmp_path / "nothing-here") == "unknown"
