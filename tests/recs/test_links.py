"""Report and response are one item: linking in either order, a response without its report,
removal of either side, due dates from the report, the --json shape and the export columns.

Every report, response and answer text in this file was written for these tests by the author of
``bot/recs/links.py``; none is copied from a real document or a gold file.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from bot.library import ingest
from bot.recs import export
from bot.recs.links import NOT_IN_LIBRARY
from bot.recs.matching import label_key, match, normalise, similarity
from bot.recs.tracker import get_recommendation, list_recommendations, set_status

REPORT = """Review of the Regional Fraud Units

A review for the Home Office of how regional units investigate fraud.

Summary of recommendations

Recommendation 1: Shared analysts
The Home Office should fund a shared team of fraud analysts for every regional unit within six
months of this report.

Recommendation 2: Training
Each regional unit should train its officers in tracing payments made in cryptocurrency, giving
priority to the investigators who handle romance fraud.

Recommendation 3: Data sharing
The National Crime Agency should publish a data-sharing agreement with the regional units so that
intelligence on organised fraud reaches them within a day.
"""

RESPONSE = """Government Response to the Review of the Regional Fraud Units

Presented to Parliament by the Secretary of State for the Home Department.

Recommendation 1: Shared analysts
The Home Office should fund a shared team of fraud analysts for every regional unit within six
months of this report.

The Government accepts this recommendation. Funding for the analysts begins next April.

Recommendation 2: Training
Each regional unit should train its officers in tracing payments made in cryptocurrency, giving
priority to the investigators who handle romance fraud.

The Government accepts this recommendation in part. Training will start with two units.

Recommendation 3: Data sharing
The National Crime Agency should publish a data-sharing agreement with the regional units so that
intelligence on organised fraud reaches them within a day.

The Government does not accept this recommendation. The existing agreements already cover it.
"""

CATALOGUE = """[documents."fraud-review.txt"]
type = "inquiry-report"
date = "2025-03-01"

[documents."fraud-review-response.txt"]
type = "government-response"
date = "2025-09-01"
"""

STANCES = ["accepted", "accepted in part", "not accepted"]


@pytest.fixture
def folders(tmp_path):
    """The report and the response, each in its own folder with the catalogue."""
    out = {}
    for name, text in (("fraud-review.txt", REPORT), ("fraud-review-response.txt", RESPONSE)):
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        (folder / name).write_text(text)
        (folder / "catalogue.toml").write_text(CATALOGUE)
        out[name] = folder
    return out


def add(db, folder) -> None:
    report = ingest.ingest(db, [folder])
    assert not report.failed, report.failed


def doc_id(db, file: str) -> str:
    return db.execute("select id from documents where file = ?", [file]).fetchone()[0]


def shape(recs) -> list[tuple]:
    return [
        (
            r.id,
            r.file,
            r.report_file,
            r.due,
            [(a["file"], a["stance"], a["date"]) for a in r.responses],
        )
        for r in recs
    ]


def test_report_then_response_gives_one_item_each_with_the_response(empty_db, folders):
    add(empty_db, folders["fraud-review.txt"])
    alone = list_recommendations(empty_db)
    assert len(alone) == 3 and all(not r.responses for r in alone)
    add(empty_db, folders["fraud-review-response.txt"])
    recs = list_recommendations(empty_db)
    assert [r.id for r in recs] == [r.id for r in alone]  # the report's own items, same ids
    assert [r.file for r in recs] == ["fraud-review.txt"] * 3
    assert [[a["stance"] for a in r.responses] for r in recs] == [[s] for s in STANCES]
    for rec in recs:
        (answer,) = rec.responses
        assert answer["file"] == "fraud-review-response.txt"
        assert answer["date"] == "2025-09-01"
        assert "this recommendation" in answer["answer"]
        assert rec.note is None


def test_response_then_report_gives_the_same_items(empty_db, folders, tmp_path):
    add(empty_db, folders["fraud-review-response.txt"])
    add(empty_db, folders["fraud-review.txt"])
    backwards = shape(list_recommendations(empty_db))

    from bot.library.store import open_db

    other = open_db(tmp_path / "other.db")
    add(other, folders["fraud-review.txt"])
    add(other, folders["fraud-review-response.txt"])
    assert backwards == shape(list_recommendations(other))
    assert len(backwards) == 3


def test_the_due_date_counts_from_the_report_never_the_response(empty_db, folders):
    add(empty_db, folders["fraud-review-response.txt"])
    (first, *_rest) = list_recommendations(empty_db)
    assert first.deadline_text and first.due is None  # "of this report": the report's date
    add(empty_db, folders["fraud-review.txt"])
    (first, *_rest) = list_recommendations(empty_db)
    assert str(first.due) == "2025-09-01"  # six months after 2025-03-01, not after the response


def test_a_response_without_its_report_stays_a_response_item_and_says_so(empty_db, folders):
    add(empty_db, folders["fraud-review-response.txt"])
    recs = list_recommendations(empty_db)
    assert len(recs) == 3
    for rec, stance in zip(recs, STANCES, strict=True):
        assert rec.role == "response" and rec.report_file is None
        assert rec.note == NOT_IN_LIBRARY
        assert [a["stance"] for a in rec.responses] == [stance]
        assert rec.responses[0]["file"] == "fraud-review-response.txt"

    from bot.render.recs import rec_text, recs_text

    assert "Response to a report not in the library." in recs_text(recs)
    assert "Response: not accepted" in rec_text(get_recommendation(empty_db, recs[2].id))


def test_removing_the_response_detaches_it_and_removing_the_report_frees_the_responses(
    empty_db, folders
):
    add(empty_db, folders["fraud-review.txt"])
    add(empty_db, folders["fraud-review-response.txt"])
    linked = list_recommendations(empty_db)
    set_status(empty_db, linked[0].id, "in-progress", by="Ann", note="analysts being hired")

    assert ingest.remove(empty_db, doc_id(empty_db, "fraud-review-response.txt"))
    detached = list_recommendations(empty_db)
    assert [r.id for r in detached] == [r.id for r in linked]
    assert all(not r.responses for r in detached)
    assert detached[0].status == "in-progress"

    add(empty_db, folders["fraud-review-response.txt"])
    assert ingest.remove(empty_db, doc_id(empty_db, "fraud-review.txt"))
    freed = list_recommendations(empty_db)
    assert len(freed) == 3 and all(r.role == "response" for r in freed)
    assert all(r.note == NOT_IN_LIBRARY for r in freed)
    assert freed[0].status == "in-progress"  # the team's status went with the response too
    assert freed[0].status_note == "analysts being hired"

    add(empty_db, folders["fraud-review.txt"])
    again = list_recommendations(empty_db)
    assert [r.id for r in again] == [r.id for r in linked]
    assert again[0].status == "in-progress" and len(again) == 3


def test_a_response_id_opens_its_report_item_with_one_history(empty_db, folders):
    add(empty_db, folders["fraud-review-response.txt"])
    response_item = list_recommendations(empty_db)[1]
    set_status(empty_db, response_item.id, "accepted", by="Bo")
    add(empty_db, folders["fraud-review.txt"])
    item = get_recommendation(empty_db, response_item.id)
    assert item.file == "fraud-review.txt" and item.id != response_item.id
    assert item.status == "accepted"  # set on the response before the report came
    set_status(empty_db, item.id, "implemented", by="Cy")
    item = get_recommendation(empty_db, item.id)
    assert [h["status"] for h in item.history] == ["accepted", "implemented"]


def test_json_gives_the_report_file_and_the_responses(runner, folders):
    from bot.cli import cli

    for folder in folders.values():
        result = runner.invoke(cli, ["ingest", str(folder)], obj={})
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["recs", "--json", "doc:fraud-review"], obj={})
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)["recommendations"]
    assert len(items) == 3
    for item, stance in zip(items, STANCES, strict=True):
        assert item["file"] == item["report_file"] == "fraud-review.txt"
        assert {"id", "text", "status", "due", "addressees"} <= set(item)
        (answer,) = item["responses"]
        assert {"file", "stance", "answer", "date"} <= set(answer)
        assert answer["file"] == "fraud-review-response.txt" and answer["stance"] == stance
        assert answer["date"] == "2025-09-01"


def test_the_stance_shows_in_the_text_list_and_the_slack_card(db, folders):
    from bot import commands
    from bot.render import blocks as bk
    from bot.render.recs import recs_text

    add(db, folders["fraud-review.txt"])
    add(db, folders["fraud-review-response.txt"])
    recs = list_recommendations(db, f"doc:{doc_id(db, 'fraud-review.txt')}")
    text = recs_text(recs)
    assert "Response: accepted in part" in text and "Response: not accepted" in text
    card = json.dumps(bk.message(commands.dispatch(db, f"recs {recs[1].id}"))["blocks"])
    assert "Response: accepted in part" in card
    assert "accepts this recommendation in part" in card
    listing = json.dumps(bk.message(commands.dispatch(db, "recs doc:fraud-review"))["blocks"])
    assert "Response: not accepted" in listing


def test_export_has_stance_and_answer_columns(empty_db, folders):
    add(empty_db, folders["fraud-review.txt"])
    add(empty_db, folders["fraud-review-response.txt"])
    recs = list_recommendations(empty_db)
    table = list(csv.DictReader(io.StringIO(export.to_csv(recs))))
    assert [row["Response stance"] for row in table] == STANCES
    assert all("this recommendation" in row["Response answer"] for row in table)
    assert {row["Response document"] for row in table} == {
        "Government Response to the Review of the Regional Fraud Units"
    }
    assert {row["Response date"] for row in table} == {"2025-09-01"}


def test_matching_by_label_and_by_text():
    report = [
        {
            "key": "a",
            "doc_id": "rep",
            "label": "Recommendation 4",
            "text": "The force should "
            "publish its stop and search data every month, broken down by ethnicity.",
        },
        {
            "key": "b",
            "doc_id": "rep",
            "label": "Recommendation 5",
            "text": "The force should "
            "train every officer who uses a body-worn camera to switch it on before a search.",
        },
    ]
    # The response reflows the text, drops a word and numbers it the same way.
    response = [
        {
            "key": "x",
            "doc_id": "resp",
            "label": "Recommendation 4",
            "text": "The force should\n"
            "publish its stop and search data each month, broken down by ethnicity.",
        },
        {
            "key": "y",
            "doc_id": "resp",
            "label": None,
            "text": "The force should train every "
            "officer who uses a body-worn camera to switch it on before a search.",
        },
    ]
    links = {(resp, rep) for resp, rep, _score, _how in match(response, report)}
    assert links == {("x", "a"), ("y", "b")}
    unrelated = [
        {
            "key": "z",
            "doc_id": "other",
            "label": "Recommendation 4",
            "text": "Councils should open more youth centres in the evenings and at weekends.",
        }
    ]
    assert match(unrelated, report) == []


def test_similarity_and_labels():
    a = normalise("We recommend that the Home Office • reviews the grant (paragraph 4.2).")
    b = normalise("We recommend that the Home Office reviews the grant.")
    assert similarity(a, b) >= 95
    assert similarity(a, normalise("Councils should open youth centres.")) < 60
    assert label_key("Recommendation 12: Data") == "12"
    assert label_key("para 8.19b") == "8.19b"
    assert label_key(None) is None and label_key("Summary") is None


def test_a_store_from_before_links_upgrades_and_keeps_statuses(empty_db, folders):
    """A store made before this change: no links table, no role/stance columns, the response's
    copies listed as items of their own. The migration links them; statuses stay."""
    from bot.library.store import migrate

    add(empty_db, folders["fraud-review.txt"])
    add(empty_db, folders["fraud-review-response.txt"])
    first = list_recommendations(empty_db)[0]
    set_status(empty_db, first.id, "accepted", by="Di")
    empty_db["recommendation_links"].drop()
    for column in ("label", "role", "stance", "answer"):
        empty_db.execute(f"alter table recommendations drop column {column}")
    empty_db.execute(
        "delete from _migrations where name = '0004c_report_and_response_are_one_item'"
    )
    assert "0004c_report_and_response_are_one_item" in migrate(empty_db)
    recs = list_recommendations(empty_db)
    assert len(recs) == 3 and [len(r.responses) for r in recs] == [1, 1, 1]
    assert recs[0].id == first.id and recs[0].status == "accepted"


def test_answers_past_a_paragraph_reference_and_inside_an_item():
    from bot.recs.answers import answer_inside, answer_spans, is_response_document, quote_of

    # A committee's paragraph split into two items, then the rest of its words, its reference and
    # the answer; then a second paragraph whose item already ends with its reference.
    text = (
        "The Home Office should fund a shared analyst team. "
        "It should also review the grant each year. "
        "We accept that this will take time and that funding is tight. (Paragraph 12) "
        "The Government agrees and will fund the team from April. "
        "Forces should publish their fraud figures monthly. (Paragraph 14) "
        "The Government does not accept this recommendation."
    )
    first = (0, text.index(" It should"))
    second = (text.index("It should"), text.index(" We accept"))
    third = (text.index("Forces"), text.index(" The Government does"))
    answers = answer_spans(text, [first, second, third])
    assert answers[0].strip().startswith("The Government agrees")
    assert answers[1].strip().startswith("The Government agrees")
    assert answers[2].strip().startswith("The Government does not accept")

    ran_on = (
        "The council should open the youth centre at weekends and in the school holidays.\n"
        "Government response to recommendation 7 The government supports this recommendation."
    )
    cut = answer_inside(ran_on)
    assert ran_on[cut:].startswith("Government response to recommendation 7")
    assert quote_of(ran_on).strip().endswith("school holidays.")
    assert answer_inside("The council should open the youth centre at weekends.") is None

    front = "HC 9\n\nGovernment Response to the Committee's Second Report of Session 2030-31\n"
    assert is_response_document("committee-report", "Youth services", [], front)
    assert not is_response_document("inquiry-report", "Youth services", [], "A report.")


def test_the_status_modal_shows_the_response(empty_db, folders):
    from bot.render.tracker import status_modal

    add(empty_db, folders["fraud-review.txt"])
    add(empty_db, folders["fraud-review-response.txt"])
    rec = get_recommendation(empty_db, list_recommendations(empty_db)[2].id)
    shown = json.dumps(status_modal(rec, {"r": rec.id}))
    # The modal dates it as the digest does (render.tracker.SLACK_TIMES, round 15).
    assert "Response: not accepted" in shown and "1 Sep 2025" in shown


def test_a_reworded_quote_links_by_its_number_once_the_numbering_is_shown():
    def item(key, doc, label, text):
        return {"key": key, "doc_id": doc, "label": label, "text": text}

    report = [
        item(
            "a",
            "rep",
            "Recommendation 1",
            "The force should publish its stop and search data "
            "every month, broken down by ethnicity and by the power used.",
        ),
        item(
            "b",
            "rep",
            "Recommendation 2",
            "The force should train every officer who uses a "
            "body-worn camera to switch it on before any search begins.",
        ),
        item(
            "c",
            "rep",
            "Recommendation 3",
            "The Police and Crime Commissioner should fund a "
            "scrutiny panel of residents to review a sample of searches each quarter.",
        ),
    ]
    response = [
        item("x", "resp", "Recommendation 1", report[0]["text"]),
        item("y", "resp", "Recommendation 2", report[1]["text"]),
        # Only the title of the third, in other words.
        item("z", "resp", "Recommendation 3", "A community panel to look at searches."),
    ]
    links = {(resp, rep, how) for resp, rep, _score, how in match(response, report)}
    assert ("z", "c", "numbering") in links and len(links) == 3
    # Without the texts showing a shared numbering, a number alone links nothing.
    assert match([dict(response[2])], [dict(r) for r in report]) == []


def test_one_response_per_response_document():
    """Two items of one response (halves of one quote) link to the same report item: the item
    carries that response once, the half that states a stance speaking for it."""
    from bot.recs import links
    from bot.recs.tracker import Recommendation

    def rec(key, doc, role, stance=None, answer=None):
        return Recommendation(
            id="r" + key,
            doc_id=doc,
            file=doc + ".txt",
            passage_id=None,
            made_by=None,
            addressees=[],
            deadline_text=None,
            due=None,
            themes=[],
            summary=key,
            text=key,
            status="open",
            doc_title=doc.title(),
            doc_date="2025-09-01",
            role=role,
            key=key,
            stance=stance,
            answer=answer,
        )

    items = [
        rec("report1", "report", "report"),
        rec("half1", "response", "response"),
        rec("half2", "response", "response", "accepted", "We accept it."),
    ]
    rows = [
        {"report_key": "report1", "response_key": "half1"},
        {"report_key": "report1", "response_key": "half2"},
    ]
    (merged,) = links.merge(None, items, lambda r: False, rows)
    assert merged.key == "report1"
    assert [(a["doc_id"], a["stance"]) for a in merged.responses] == [("response", "accepted")]
    assert merged.linked_keys == ["half1", "half2"]


def test_a_cutoff_changes_no_score_at_or_above_it():
    """Texts written for this test: the relinking's early stop (a cutoff) keeps every score that
    can decide a link and reads any lower one as 0."""
    from bot.recs.matching import normalise, similarity

    report = normalise(
        "The Harbour Board should publish a ferry timetable each spring and report delays monthly."
    )
    close = normalise(
        "The Harbour Board should publish a ferry timetable each spring and report delays monthly"
    )
    other = normalise("Libraries should open on Sundays in every county town by 2027.")
    for a, b in [(report, close), (report, other), (close, other)]:
        full = similarity(a, b)
        for cutoff in (60.0, 88.0):
            assert similarity(a, b, cutoff) == (full if full >= cutoff else 0.0)
