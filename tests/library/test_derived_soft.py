"""Derived data fails soft (``bot.library.derived``): a feature's hook that raises never costs the
document. The document, its passages and its search index are stored; that hook's own writes
are rolled back alone; the failure is recorded (feature, hook, document, kind of error, project
line; never the document's words), reported, tried again by the next ingest run and cleared when
it works. The same for removal, merge and library hooks, and through the Slack upload path.

Every text here was written for these tests (invented documents about imaginary "quokkaboat"
patrols); none comes from a gold file, an evaluation document or a test collection.
"""

from __future__ import annotations

import json
import logging

import pytest

from bot import commands
from bot.library import derived, markings
from bot.library import ingest as ingest_mod
from bot.library.documents import get_document, list_documents
from bot.library.ingest import ingest, remove
from bot.render import data as render_data
from bot.render import text as render_text

# A word of the odd document's text, and of no other: it must never reach the record or logs.
SECRET = "Quokkaboat"
ODD = (
    f"{SECRET} patrols on the estuary\n\nThe {SECRET} patrols met the Harbour Liaison Group "
    "(HLG) twice a week."
)
GOOD = "Harbour liaison notes\n\nThe harbour team reviewed ferry checks with the county unit."
FEATURE = "test_derived_soft"  # a hook added to DOCUMENT_HOOKS directly: named by its module


class Flaky:
    """A document hook that writes a row for each document into its own table, then raises for
    documents whose text holds SECRET while ``broken`` (through the project's own marking parser,
    whose message quotes what it was given: words of the document)."""

    def __init__(self, db, *, foreign_key: bool = False):
        self.broken = True
        self.calls: list[tuple[str, bool]] = []
        reference = " REFERENCES documents(id)" if foreign_key else ""
        db.execute(f"CREATE TABLE IF NOT EXISTS flaky_rows (doc_id TEXT{reference}, note TEXT)")
        db.conn.commit()

    def __call__(self, db, doc_id, removed):
        self.calls.append((doc_id, removed))
        db.execute("DELETE FROM flaky_rows WHERE doc_id = ?", [doc_id])
        if removed:
            if self.broken and doc_id.startswith("odd"):
                markings.parse(f"{SECRET} removal")
            return
        db.execute("INSERT INTO flaky_rows VALUES (?, 'first')", [doc_id])
        db.execute("INSERT INTO flaky_rows VALUES (?, 'second')", [doc_id])
        text = db.execute("SELECT group_concat(text, ' ') FROM passages WHERE doc_id = ?", [doc_id])
        if self.broken and SECRET in text.fetchone()[0]:
            markings.parse(f"{SECRET} patrols")  # raises ValueError quoting those words


def flaky_rows(db, doc_id: str) -> int:
    return db.execute("SELECT count(*) FROM flaky_rows WHERE doc_id = ?", [doc_id]).fetchone()[0]


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "odd.txt").write_text(ODD)
    (folder / "good.txt").write_text(GOOD)
    return folder


@pytest.fixture
def flaky(empty_db, monkeypatch):
    ingest_mod.document_hooks()  # the features' hooks first, then this one after them
    hook = Flaky(empty_db)
    monkeypatch.setattr(ingest_mod, "DOCUMENT_HOOKS", [*ingest_mod.DOCUMENT_HOOKS, hook])
    return hook


def searched(db, words: str) -> list[str]:
    return [r.doc_id for r in commands.dispatch(db, f"search {words}").data.results]


def stored_failures(db) -> list[dict]:
    return [dict(row) for row in db.query(f"SELECT * FROM {derived.TABLE}")]


def test_a_hook_that_raises_keeps_the_document_and_rolls_back_its_own_rows(
    empty_db, flaky, library, caplog
):
    caplog.set_level(logging.DEBUG)
    report = ingest(empty_db, [library])
    assert sorted(report.added) == ["good", "odd"] and report.failed == []
    assert searched(empty_db, "quokkaboat patrols estuary")[:1] == ["odd"]
    assert get_document(empty_db, "odd").passages == 2
    # the hook wrote two rows for the odd document before raising: neither is kept ...
    assert flaky_rows(empty_db, "odd") == 0 and flaky_rows(empty_db, "good") == 2
    # ... while the features' hooks that ran before it kept theirs (the glossary's facts)
    defs = "SELECT short FROM glossary_doc_defs WHERE doc_id = 'odd'"
    assert [row[0] for row in empty_db.execute(defs)] == ["HLG"]
    [row] = stored_failures(empty_db)
    assert (row["doc_id"], row["kind"], row["feature"], row["error"]) == (
        "odd",
        "document",
        FEATURE,
        "ValueError",
    )
    assert row["hook"].endswith("Flaky") and row["tries"] == 1
    assert row["at"].startswith("bot/library/markings.py:")  # the project line that raised
    [failure] = report.derived_failed
    assert failure.doc_id == "odd" and failure.at == row["at"]
    assert get_document(empty_db, "odd").derived_pending == [FEATURE]
    assert get_document(empty_db, "good").derived_pending == []
    said = render_text.ingest_text(report)
    [line] = [line for line in said.splitlines() if line.startswith("derived:")]
    assert line.startswith(f"derived: odd: stored; its {FEATURE} data could not be read, search")
    assert "tried again" in line and "ValueError" in line and "\n" not in line
    as_json = render_data.ingest_json(report)
    assert as_json["derived_failed"][0]["doc_id"] == "odd"
    assert as_json["derived_failed"][0]["error"] == "ValueError"
    # never the document's words: not in the record, the report, the JSON or the logs
    everything = [json.dumps(stored_failures(empty_db)), said, json.dumps(as_json)]
    everything += [record.getMessage() for record in caplog.records]
    assert not [text for text in everything if SECRET.lower() in text.lower()]


def test_the_next_run_tries_again_and_clears_it_when_the_hook_works(empty_db, flaky, library):
    ingest(empty_db, [library])
    again = ingest(empty_db, [library])  # nothing changed on disk, still broken
    assert again.unchanged and not again.added
    [failure] = again.derived_failed
    assert failure.tries == 2 and "could not be read again" in render_text.ingest_text(again)
    flaky.broken = False
    fixed = ingest(empty_db, [library])
    assert fixed.derived_failed == [] and [f.doc_id for f in fixed.derived_recovered] == ["odd"]
    assert stored_failures(empty_db) == [] and flaky_rows(empty_db, "odd") == 2
    assert get_document(empty_db, "odd").derived_pending == []
    assert "derived: odd: its test_derived_soft data: read this time" in render_text.ingest_text(
        fixed
    )
    assert render_data.ingest_json(fixed)["derived_recovered"][0]["doc_id"] == "odd"
    assert ingest(empty_db, [library]).derived_recovered == []  # cleared once, then quiet


def test_storing_the_document_again_clears_it_in_that_run(empty_db, flaky, library):
    ingest(empty_db, [library])
    flaky.broken = False
    (library / "odd.txt").write_text(ODD + f"\n\nA third note on the {SECRET} rota.")
    report = ingest(empty_db, [library])
    assert report.updated == ["odd"] and [f.doc_id for f in report.derived_recovered] == ["odd"]
    assert stored_failures(empty_db) == [] and flaky_rows(empty_db, "odd") == 2
    assert flaky.calls.count(("odd", False)) == 2  # stored twice, not tried a third time


def test_a_removal_whose_hook_raises_still_removes_and_the_retry_cleans_up(
    empty_db, flaky, library, tmp_path
):
    flaky.broken = False
    ingest(empty_db, [library])
    flaky.broken = True
    assert remove(empty_db, "odd")
    assert get_document(empty_db, "odd") is None
    assert "odd" not in searched(empty_db, "quokkaboat patrols estuary")
    assert flaky_rows(empty_db, "odd") == 2  # the hook's delete was rolled back: stale for now
    [row] = stored_failures(empty_db)
    assert (row["doc_id"], row["kind"]) == ("odd", "removal")
    flaky.broken = False
    other = tmp_path / "other"
    other.mkdir()
    (other / "ferry.txt").write_text("Ferry rota\n\nThe ferry rota changes in the spring.")
    report = ingest(empty_db, [other])
    assert [(f.doc_id, f.kind) for f in report.derived_recovered] == [("odd", "removal")]
    assert flaky_rows(empty_db, "odd") == 0 and stored_failures(empty_db) == []
    assert flaky.calls[-2:] in ([("ferry", False), ("odd", True)], [("odd", True)])
    assert "cleared this time" in render_text.ingest_text(report)


def test_a_removal_goes_through_even_when_a_feature_row_references_the_document(
    empty_db, library, monkeypatch
):
    """A feature's table may reference documents by a foreign key (as recommendations do): a
    failed removal hook leaves such rows behind, and they must not keep the document."""
    ingest_mod.document_hooks()
    hook = Flaky(empty_db, foreign_key=True)
    hook.broken = False
    monkeypatch.setattr(ingest_mod, "DOCUMENT_HOOKS", [*ingest_mod.DOCUMENT_HOOKS, hook])
    ingest(empty_db, [library])
    hook.broken = True
    assert remove(empty_db, "odd")
    assert get_document(empty_db, "odd") is None and flaky_rows(empty_db, "odd") == 0
    assert empty_db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [r["kind"] for r in stored_failures(empty_db)] == ["removal"]


def test_a_merge_hook_that_raises_keeps_the_copy_until_the_merge_works(
    empty_db, library, monkeypatch, tmp_path
):
    from bot.library import merging

    merged_calls: list[tuple[str, str]] = []
    state = {"broken": True}
    empty_db.execute("CREATE TABLE merge_rows (from_id TEXT, into_id TEXT)")
    empty_db.conn.commit()

    def flaky_merge(db, from_id, into_id):
        merged_calls.append((from_id, into_id))
        db.execute("INSERT INTO merge_rows VALUES (?, ?)", [from_id, into_id])
        if state["broken"]:
            markings.parse(f"{SECRET} merge")

    real = derived.merge_hooks
    monkeypatch.setattr(derived, "merge_hooks", lambda: [*real(), flaky_merge])
    monkeypatch.setenv("ROCU_KEEP_COPIES", "1")
    (library / "odd-copy.txt").write_text(ODD)
    ingest(empty_db, [library])
    monkeypatch.delenv("ROCU_KEEP_COPIES")
    assert merging.merge_exact_copies(empty_db) == []
    assert {"odd", "odd-copy"} <= {d.id for d in list_documents(empty_db)}
    assert empty_db.execute("SELECT count(*) FROM merge_rows").fetchone()[0] == 0
    [row] = stored_failures(empty_db)
    assert row["kind"] == "merge" and row["into_id"] in ("odd", "odd-copy")
    copy, kept = row["doc_id"], row["into_id"]
    state["broken"] = False
    report = ingest(empty_db, [tmp_path / "nothing-here"])  # any run tries again
    assert [(f.doc_id, f.kind) for f in report.derived_recovered] == [(copy, "merge")]
    ids = {d.id for d in list_documents(empty_db)}
    assert kept in ids and copy not in ids and stored_failures(empty_db) == []
    assert empty_db.execute("SELECT from_id, into_id FROM merge_rows").fetchall() == [(copy, kept)]


def test_a_library_hook_that_raises_is_recorded_and_the_report_completes(
    empty_db, library, monkeypatch
):
    ingest_mod.library_hooks()
    state = {"broken": True, "runs": 0}

    def flaky_library(db, report):
        state["runs"] += 1
        if state["broken"]:
            markings.parse(f"{SECRET} library")

    monkeypatch.setattr(ingest_mod, "LIBRARY_HOOKS", [flaky_library, *ingest_mod.LIBRARY_HOOKS])
    report = ingest(empty_db, [library])
    assert sorted(report.added) == ["good", "odd"] and report.failed == []
    [failure] = report.derived_failed
    assert (failure.kind, failure.doc_id, failure.feature) == ("library", "", FEATURE)
    said = render_text.ingest_text(report)
    assert f"derived: the library's {FEATURE} data could not be brought up to date" in said
    assert said.splitlines()[-1].startswith("2 added")  # the summary still ends the report
    # the hooks after it still ran: the glossary's dirty marks were refreshed
    assert not empty_db.execute("SELECT count(*) FROM glossary_dirty").fetchone()[0]
    state["broken"] = False
    quiet = ingest(empty_db, [library])  # nothing changed, but a library hook is due
    assert quiet.unchanged and state["runs"] == 2
    assert [f.kind for f in quiet.derived_recovered] == ["library"]
    assert stored_failures(empty_db) == []
    ingest(empty_db, [library])
    assert state["runs"] == 2  # nothing due, nothing changed: not run again


def test_editing_details_keeps_the_edit_when_a_hook_raises(empty_db, flaky, library):
    from bot.library.ingest import edit_details

    flaky.broken = False
    ingest(empty_db, [library])
    flaky.broken = True
    assert edit_details(empty_db, "odd", {"title": "Estuary patrols"}) == ["title"]
    assert get_document(empty_db, "odd").title == "Estuary patrols"
    assert get_document(empty_db, "odd").derived_pending == [FEATURE]


def test_a_store_fault_in_a_hook_is_not_taken_for_the_hooks_bug(empty_db, library, monkeypatch):
    import sqlite3

    ingest_mod.document_hooks()

    def full(db, doc_id, removed):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ingest_mod, "DOCUMENT_HOOKS", [*ingest_mod.DOCUMENT_HOOKS, full])
    report = ingest(empty_db, [library])
    assert report.added == [] and len(report.failed) == 2  # as before: nothing half stored
    assert stored_failures(empty_db) == []


def test_the_slack_upload_says_one_sentence_and_the_document_is_stored(db, db_path, monkeypatch):
    """A file sent to rocu in a direct message whose glossary-like hook raises: the card says
    in one sentence that it is stored and what will be tried again; no traceback, no apology."""
    from slack_rig import mrkdwn_texts, start_rig
    from slack_server import FakeSlack

    from bot.slack import editors
    from bot.slack.http import stop

    monkeypatch.setenv("ROCU_EDITORS", "U0EDITOR")
    editors.forget_cache()
    ingest_mod.document_hooks()
    hook = Flaky(db)
    monkeypatch.setattr(ingest_mod, "DOCUMENT_HOOKS", [*ingest_mod.DOCUMENT_HOOKS, hook])
    with FakeSlack() as slack:
        rig, server = start_rig(db_path, slack)
        try:
            file = slack.add_file("estuary.txt", ODD.encode(), "text/plain")
            rig.event(
                {
                    "type": "message",
                    "subtype": "file_share",
                    "channel": "D0EDITOR",
                    "channel_type": "im",
                    "user": "U0EDITOR",
                    "text": "",
                    "ts": "1700000100.000100",
                    "files": [{"id": file["id"], "name": file["name"]}],
                }
            )
            card = slack.wait_for("chat.update")[-1].body
        finally:
            stop(server)
            editors.forget_cache()
    said = " ".join(mrkdwn_texts(card.get("blocks") or []))
    assert "Added to the library" in said
    assert f"Stored; its {FEATURE} data could not be read, search works" in said
    assert "Traceback" not in said and "went wrong" not in said and "ValueError" not in said
    assert said.count("could not be read") == 1
    [doc_id] = [d.id for d in list_documents(db) if d.file == "estuary.txt"]
    assert searched(db, "quokkaboat patrols estuary")[:1] == [doc_id]


def test_the_glossarys_own_hook_failing_is_named_in_plain_words(empty_db, library, monkeypatch):
    """The case met in round 7: a bug in the glossary's reader on one odd document. Here the
    glossary's own hook is made to raise an IndexError for that document alone."""
    from bot.glossary import mined

    real = mined.document_facts

    def odd_reader(doc_id, text):
        if SECRET in text:
            return real(doc_id, text)[5]  # an IndexError, raised in this project's code path
        return real(doc_id, text)

    monkeypatch.setattr(mined, "document_facts", odd_reader)
    report = ingest(empty_db, [library])
    assert sorted(report.added) == ["good", "odd"]
    [failure] = report.derived_failed
    assert (failure.feature, failure.kind, failure.error) == ("glossary", "document", "IndexError")
    assert (
        "derived: odd: stored; its acronyms could not be read, search works: it will be tried "
        "again on the next ingest" in render_text.ingest_text(report)
    )
    assert searched(empty_db, "harbour liaison group estuary")[:1] == ["odd"]
    monkeypatch.setattr(mined, "document_facts", real)
    fixed = ingest(empty_db, [library])
    assert [(f.feature, f.doc_id) for f in fixed.derived_recovered] == [("glossary", "odd")]
    defined = commands.dispatch(empty_db, "define HLG")
    assert defined.data.matches[0].entry.expansion == "Harbour Liaison Group"


def test_the_command_line_reports_it_and_exits_0(empty_db, flaky, library):
    from click.testing import CliRunner

    from bot.cli import cli

    result = CliRunner().invoke(cli, ["ingest", str(library), "--json"], obj={})
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(f["doc_id"], f["kind"]) for f in data["derived_failed"]] == [("odd", "document")]
    assert {"feature", "hook", "error", "at", "tries", "into"} <= set(data["derived_failed"][0])
    listed = CliRunner().invoke(cli, ["docs", "--json"], obj={})
    pending = {d["id"]: d["derived_pending"] for d in json.loads(listed.output)["documents"]}
    assert pending["odd"] == [FEATURE] and pending["good"] == []  # (and the seeds, loaded now)
    assert not [doc for doc, features in pending.items() if features and doc != "odd"]


def test_the_consoles_add_says_it_in_one_sentence(empty_db, flaky, monkeypatch):
    from web_server import WebSite

    from bot.console import Console

    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    page = f"<html><head><title>Estuary</title></head><body><main><p>{ODD}</p></main></body></html>"
    with WebSite() as site:
        site.page("/estuary", page.encode())
        said = Console(empty_db).answer(f"/rocu add {site.url('/estuary')}")
    assert said.startswith("Added to the library")
    [line] = [line for line in said.splitlines() if "could not be read" in line]
    assert line.strip() == (
        f"Stored; its {FEATURE} data could not be read, search works: it will be tried again on "
        "the next ingest."
    )
    assert "Traceback" not in said and "ValueError" not in said
