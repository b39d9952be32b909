"""A store whose recommendations came from other extraction rules re-reads them once, when it is
next opened, and keeps the team's statuses (``storing.REREAD_ON_RULES_CHANGE``).

The library here is the project's seed library (``db``); the "older rules" are simulated by
editing the stored items, as an older release would have left them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bot.library.store import all_migrations, open_db
from bot.recs import storing
from bot.recs.tracker import get_recommendation, list_recommendations, set_status

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
STEP = f"recommendations_rules_{storing.rules_fingerprint()}"


def _forget_rules_step(db) -> None:
    """As a store last opened by a release with other rules: its step not run, no stamp."""
    db.execute("DELETE FROM _migrations WHERE name = ?", [STEP])
    db.execute("DELETE FROM _schema_stamp")
    db.conn.commit()


def _items(db) -> list[tuple[str, str]]:
    return db.execute("SELECT key, text FROM recommendations ORDER BY doc_id, ordinal").fetchall()


def test_the_rules_step_is_named_by_the_current_rules():
    assert STEP in [name for name, _ in all_migrations()]


def test_a_store_from_other_rules_is_reread_once_and_keeps_statuses(db, db_path):
    want = _items(db)
    assert want, "the seed library holds recommendations"
    rec = list_recommendations(db)[0]
    set_status(db, rec.id, "accepted", by="Ann Lee", by_id="U0ANN", now=AT)
    # The older rules found nothing in any document.
    db.execute("DELETE FROM recommendations")
    _forget_rules_step(db)
    db.close()

    again = open_db(db_path)
    assert _items(again) == want
    assert get_recommendation(again, rec.id).status == "accepted"
    assert again.execute("SELECT count(*) FROM _migrations WHERE name = ?", [STEP]).fetchone()[0]

    # Once only: the same rules do not read the library again on the next open.
    again.execute("DELETE FROM recommendations")
    again.execute("DELETE FROM _schema_stamp")
    again.conn.commit()
    again.close()
    third = open_db(db_path)
    assert _items(third) == []
    third.close()


def test_a_status_on_an_item_the_older_rules_worded_differently_is_carried(db, db_path):
    rec = list_recommendations(db)[0]
    row = db.execute("SELECT key, text FROM recommendations WHERE id = ?", [rec.id]).fetchone()
    key, text = row
    # The older rules took the same recommendation with two words more, under another key.
    old_key = "0" * len(key)
    db.execute(
        "UPDATE recommendations SET key = ?, text = ? WHERE id = ?",
        [old_key, text + " as well", rec.id],
    )
    db.conn.commit()
    set_status(db, rec.id, "in progress", by="Ann Lee", by_id="U0ANN", now=AT)
    _forget_rules_step(db)
    db.close()

    again = open_db(db_path)
    new_key = again.execute(
        "SELECT key FROM recommendations WHERE text = ? AND key != ?", [text, old_key]
    ).fetchone()
    assert new_key == (key,)
    current = [r for r in list_recommendations(again) if r.text == text]
    assert current and current[0].status == "in-progress"
    again.close()


def test_the_fingerprint_follows_the_rules_and_not_the_listing(tmp_path):
    copy = tmp_path / "recs"
    shutil.copytree(Path(storing.__file__).parent, copy)
    first = storing.rules_fingerprint(copy)
    assert first == storing.rules_fingerprint() and len(first) == 12

    (copy / "export.py").write_text((copy / "export.py").read_text() + "\n# a comment\n")
    assert storing.rules_fingerprint(copy) == first  # listing and export are not rules

    rule = copy / "extract" / "rules.py"
    rule.write_text(rule.read_text() + "\n# a rule changed\n")
    assert storing.rules_fingerprint(copy) != first
    assert storing.rules_fingerprint(tmp_path / "nothing-here") == "unknown"
