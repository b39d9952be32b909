"""The tracker: statuses with an audit trail, the migration of old statuses, overdue marks in
every list, and the export as CSV and XLSX (read back with openpyxl)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from openpyxl import load_workbook

from bot import commands
from bot.library.store import migrate
from bot.recs import export
from bot.recs.tracker import (
    CLOSED,
    STATUSES,
    RecommendationError,
    get_recommendation,
    list_recommendations,
    parse_status,
    set_status,
)
from bot.render import blocks as bk
from bot.render.recs import rec_text, recs_text

AT = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def test_the_six_statuses_and_the_ways_of_writing_them():
    assert STATUSES == (
        "open",
        "accepted",
        "in-progress",
        "implemented",
        "rejected",
        "superseded",
    )
    assert set(CLOSED) == {"implemented", "rejected", "superseded"}
    for typed, stored in {
        "In progress": "in-progress",
        "in_progress": "in-progress",
        "DONE": "implemented",
        " superseded ": "superseded",
        "Accepted": "accepted",
    }.items():
        assert parse_status(typed) == stored
    for bad in ("", "maybe", "x" * 300):
        with pytest.raises(RecommendationError, match="Unknown status") as caught:
            parse_status(bad)
        assert len(str(caught.value)) < 200  # a long typo is not echoed whole


def test_every_change_is_kept_and_the_latest_is_current(db):
    rec = list_recommendations(db)[0]
    assert rec.status == "open" and get_recommendation(db, rec.id).history == []
    set_status(db, rec.id, "accepted", by="Ann Lee", by_id="U0ANN", note="board  agreed", now=AT)
    later = AT + dt.timedelta(days=3)
    set_status(db, rec.id, "in progress", by="Bob", by_id="U0BOB", now=later)
    current = get_recommendation(db, rec.id)
    assert (current.status, current.status_by, current.status_by_id) == (
        "in-progress",
        "Bob",
        "U0BOB",
    )
    assert current.status_at == later.isoformat() and current.status_note is None
    assert [(h["status"], h["by"], h["by_id"], h["note"]) for h in current.history] == [
        ("accepted", "Ann Lee", "U0ANN", "board agreed"),
        ("in-progress", "Bob", "U0BOB", None),
    ]
    # an audit trail: rows are added, never overwritten
    assert db["recommendation_status_log"].count == 2
    listed = {r.id: r for r in list_recommendations(db, "status:in-progress")}
    assert rec.id in listed and listed[rec.id].status_by == "Bob"
    assert rec.id not in {r.id for r in list_recommendations(db, "status:accepted")}


def test_a_long_note_is_cut_and_the_text_shows_the_history(db):
    rec = list_recommendations(db)[0]
    set_status(db, rec.id, "rejected", by="Ann", note="x" * 5000, now=AT)
    set_status(db, rec.id, "superseded", by="Cy", by_id="U0CY", note="see the 2021 plan")
    shown = get_recommendation(db, rec.id)
    assert len(shown.history[0]["note"]) == 1000
    text = rec_text(shown)
    history = text[text.index("History:") :]
    assert "rejected by Ann on 2026-11-20 09:30 UTC" in history
    assert "superseded by Cy (U0CY)" in history and "see the 2021 plan" in history


def test_named_migration_maps_old_statuses_and_keeps_them_as_history(db):
    """A store from before the audit trail: statuses in an overwritten table, "done" among them."""
    recs = list_recommendations(db)[:3]
    keys = [
        db.execute("select key from recommendations where id = ?", [r.id]).fetchone()[0]
        for r in recs
    ]
    db["recommendation_status"].create(
        {"key": str, "status": str, "by": str, "at": str, "note": str}, pk="key"
    )
    db["recommendation_status"].insert_all(
        [
            {"key": keys[0], "status": "done", "by": "alice", "at": "2024-01-02T00:00:00+00:00"},
            {"key": keys[1], "status": "in-progress", "by": "bob", "at": "2024-01-03", "note": "n"},
        ]
    )
    db["recommendation_status_log"].insert(  # the third already had a log row: kept as it is
        {"key": keys[2], "rec_id": recs[2].id, "status": "done", "by": "carol", "at": "2024-01-04"}
    )
    db.execute("delete from _migrations where name = '0004a_recs_status_audit_trail'")
    assert "0004a_recs_status_audit_trail" in migrate(db)
    assert not db["recommendation_status"].exists()
    after = [get_recommendation(db, r.id) for r in recs]
    assert [(r.status, r.status_by) for r in after] == [
        ("implemented", "alice"),
        ("in-progress", "bob"),
        ("implemented", "carol"),
    ]
    assert [len(r.history) for r in after] == [1, 1, 1]
    assert after[1].status_note == "n"


def test_overdue_is_marked_in_every_list(db):
    today = dt.date(2020, 1, 1)
    overdue = list_recommendations(db, "due:overdue", today=today)
    assert len(overdue) == 1 and overdue[0].overdue
    everything = list_recommendations(db, today=today)
    assert [r.id for r in everything if r.overdue] == [overdue[0].id]
    text = recs_text(everything)
    marked = [line for line in text.splitlines() if "OVERDUE" in line]
    assert len(marked) == 1
    reply = commands.Reply("recs", everything, extra={"filter": ""})
    blocks = bk.reply_blocks(reply)
    flagged = [b for b in blocks if b["type"] == "section" and "*Overdue*" in b["text"]["text"]]
    assert len(flagged) == 1 and overdue[0].id in flagged[0]["text"]["text"]
    # closed statuses are never overdue, superseded included
    set_status(db, overdue[0].id, "superseded")
    assert list_recommendations(db, "due:overdue", today=today) == []
    assert not any(r.overdue for r in list_recommendations(db, today=today))


def test_overdue_is_marked_on_the_document_card(db):
    rec = next(r for r in list_recommendations(db) if r.overdue)
    reply = commands.dispatch(db, f"doc {rec.doc_id}")
    text = bk.fallback_text(reply) + " ".join(
        b["text"]["text"] for b in bk.reply_blocks(reply) if b["type"] == "section"
    )
    assert "OVERDUE" in text


# -- export -----------------------------------------------------------------------------------


def _with_statuses(db):
    recs = list_recommendations(db)
    set_status(db, recs[0].id, "accepted", by="Ann Lee", by_id="U0ANN", note="=cmd|' /C calc'!A0")
    set_status(db, recs[1].id, "implemented", by="Bob", note="done in 2020")
    db["documents"].update(recs[0].doc_id, {"url": "https://example.org/report?a=1&b=2"})
    return list_recommendations(db)


def test_csv_export_rows_and_columns(db):
    recs = _with_statuses(db)
    table = list(csv.reader(io.StringIO(export.to_csv(recs))))
    assert tuple(table[0]) == export.COLUMNS
    assert len(table) == len(recs) + 1
    col = {name: i for i, name in enumerate(table[0])}
    for rec, row in zip(recs, table[1:], strict=True):
        assert row[col["Recommendation ID"]] == rec.id
        assert row[col["Document ID"]] == rec.doc_id and row[col["Document"]] == rec.doc_title
        assert row[col["Recommendation"]] == " ".join(rec.text.split())
        assert row[col["Addressees"]] == "; ".join(rec.addressees)
        assert row[col["Due date"]] == (rec.due.isoformat() if rec.due else "")
        assert row[col["Status"]] == rec.status
        assert row[col["Overdue"]] == ("yes" if rec.overdue else "no")
    first = table[1]
    assert first[col["Set by"]] == "Ann Lee" and first[col["Set by (Slack user id)"]] == "U0ANN"
    assert first[col["Note"]].startswith("'=")  # a note is never run as a formula
    assert re.match(r"\d{4}-\d\d-\d\dT", first[col["Set at"]])
    assert first[col["Link"]] == "https://example.org/report?a=1&b=2"
    assert table[2][col["Status"]] == "implemented" and table[2][col["Note"]] == "done in 2020"


def test_xlsx_export_reads_back_with_openpyxl(db):
    recs = _with_statuses(db)
    data = export.to_xlsx(recs, {"Filter": "=evil()", "Exported": "now"})
    book = load_workbook(io.BytesIO(data))
    sheet = book["Recommendations"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == export.COLUMNS and len(rows) == len(recs) + 1
    col = {name: i for i, name in enumerate(rows[0])}
    for rec, row in zip(recs, rows[1:], strict=True):
        assert row[col["Recommendation ID"]] == rec.id
        assert row[col["Status"]] == rec.status
        due = row[col["Due date"]]
        assert (due.date() if due else None) == rec.due  # a real date cell
    note = sheet.cell(row=2, column=col["Note"] + 1)
    assert note.value == "=cmd|' /C calc'!A0" and note.data_type == "s"  # text, not a formula
    link = sheet.cell(row=2, column=col["Link"] + 1)
    assert link.hyperlink.target == "https://example.org/report?a=1&b=2"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert book["About"]["B1"].data_type == "s"


def test_xlsx_drops_characters_xml_cannot_hold(db):
    rec = list_recommendations(db)[0]
    rec.text = "Bad\x00 char\x0b here"
    book = load_workbook(io.BytesIO(export.to_xlsx([rec])))
    assert book.active.cell(row=2, column=export.COLUMNS.index("Recommendation") + 1).value == (
        "Bad char here"
    )


def test_cli_csv_and_xlsx(runner, tmp_path):
    from bot.cli import cli

    out = runner.invoke(cli, ["recs", "to:nca", "--csv"], obj={})
    assert out.exit_code == 0, out.output
    table = list(csv.reader(io.StringIO(out.output)))
    assert tuple(table[0]) == export.COLUMNS and len(table) > 1
    listed = json.loads(runner.invoke(cli, ["recs", "to:nca", "--json"], obj={}).output)
    ids = [row[export.COLUMNS.index("Recommendation ID")] for row in table[1:]]
    assert ids == [r["id"] for r in listed["recommendations"]]
    target = tmp_path / "tracker.xlsx"
    written = runner.invoke(cli, ["recs", "--xlsx", str(target)], obj={})
    assert written.exit_code == 0, written.output
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    listing = runner.invoke(cli, ["recs", "--json"], obj={}).output
    assert len(rows) - 1 == listing.count('"id"')
    csv_file = tmp_path / "t.csv"
    assert runner.invoke(cli, ["recs", "--csv", str(csv_file)], obj={}).exit_code == 0
    assert csv_file.read_text().startswith("Document,")
    wrong = runner.invoke(cli, ["recs", "--csv", "status:open"], obj={})
    assert (
        wrong.exit_code == 1 and "ending .csv" in wrong.output and "Traceback" not in wrong.output
    )


def test_cli_set_status_writes_history(runner):
    from bot.cli import cli

    rec_id = re.search(r"\b(r[0-9a-f]{6,})\b", runner.invoke(cli, ["recs"], obj={}).output)[1]
    for status in ("accepted", "superseded"):
        result = runner.invoke(
            cli, ["recs", "--set-status", rec_id, status, "--by", "gail"], obj={}
        )
        assert result.exit_code == 0, result.output
    assert "accepted by gail" in result.output and "superseded by gail" in result.output


def test_recs_export_command(db):
    reply = commands.dispatch(db, "recs export csv to:nca")
    assert reply.kind == "recs_export" and reply.data["format"] == "csv"
    assert reply.data["filter"] == "to:nca"
    assert [r.id for r in reply.data["recs"]] == [r.id for r in list_recommendations(db, "to:nca")]
    assert commands.dispatch(db, "recs export").data["format"] == "xlsx"
    assert commands.dispatch(db, "recs export due:soon").kind == "usage"
    nothing = commands.dispatch(db, "recs export zebra crossings")
    assert nothing.kind == "recs_export" and not nothing.public


def test_a_government_response_shows_in_cards_and_lists_when_there_is_one(db):
    rec, other = list_recommendations(db)[:2]
    said = "The Government accepts this recommendation in part: funding is agreed for 2027."
    with db.conn:
        db.conn.execute(
            "update recommendations set response = ?, response_text = ? where id = ?",
            ["accepted in part", said, rec.id],
        )
    answered = get_recommendation(db, rec.id)
    assert "Response: accepted in part" in rec_text(answered)
    assert said in " ".join(rec_text(answered).split())
    assert "Response:" not in rec_text(get_recommendation(db, other.id))

    card = bk.message(commands.dispatch(db, f"recs {rec.id}"))
    shown = json.dumps(card["blocks"])
    assert "Response: accepted in part" in shown and "funding is agreed" in shown
    plain = json.dumps(bk.message(commands.dispatch(db, f"recs {other.id}"))["blocks"])
    assert "Response:" not in plain

    listed = list_recommendations(db)
    text = recs_text(listed)
    assert text.count("Response:") == 1
    assert "Response: accepted in part" in text
    page = json.dumps(bk.message(commands.dispatch(db, f"recs doc:{rec.doc_id}"))["blocks"])
    assert "Response: accepted in part" in page


def test_recs_overdue_is_the_overdue_filter():
    from bot.recs.tracker import parse_filter

    assert parse_filter("overdue").overdue and not parse_filter("overdue").words
    assert parse_filter("Overdue to:home-office").to == ["home office"]
    assert not parse_filter("funding").overdue
