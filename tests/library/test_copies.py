"""One copy of each document (issue 25): a re-add updates in place, a copy under another name or
in another format is refused naming the stored one, a new version replaces its document keeping
recommendation statuses and says what changed, and an older store's exact copies are merged.

Every document text in this file was written for these tests."""

from __future__ import annotations

import json
import shutil

import pytest

from bot import commands
from bot.library import copies
from bot.library.adding import add_bytes
from bot.library.documents import list_documents
from bot.library.ingest import ingest
from bot.recs.tracker import list_recommendations, set_status

TITLE = "Review of regional tasking for serious organised crime"
REC_ONE = (
    "We recommend that the Home Office should publish a single tasking standard for every "
    "regional unit by {deadline}."
)
REC_TWO = (
    "We recommend that the National Crime Agency should give regional analysts direct access "
    "to its intelligence systems within twelve months."
)
REC_THREE = (
    "We recommend that police and crime commissioners should report each year on how their "
    "force uses the regional unit."
)


def report(deadline: str = "March 2026", visits: str = "nine", extra: str = "") -> str:
    """A short review in Markdown; the arguments make later versions of it."""
    return f"""# {TITLE}

The review team visited {visits} regional units between January and April and spoke to
analysts, investigators and the people who commission their work.

## Findings

Tasking meetings in most regions were held monthly, but the minutes rarely recorded why a
referral was declined. Analysts described waiting weeks for access to the data they needed.

## Recommendations

1. {REC_ONE.format(deadline=deadline)}

2. {REC_TWO}

3. {REC_THREE}
{extra}"""


NEXT_STEPS = """
## Next steps

The inspectorate will return to the regions in the autumn to see whether the tasking
standard is in use, and will publish what it finds before the end of the financial year.
"""


def as_plain_text(markdown: str) -> str:
    """The same words as plain text, headings unmarked and lines wrapped at another width:
    another format of the same text."""
    import textwrap

    paragraphs = [" ".join(p.replace("#", " ").split()) for p in markdown.split("\n\n")]
    return "\n\n".join(textwrap.fill(p, 60) for p in paragraphs if p) + "\n"


UNRELATED = f"""# {TITLE}

A different paper that happens to share the title: it lists the dates of training courses for
new detectives in the spring term, with the rooms booked for each and who to ask about parking.
"""


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "library"
    path.mkdir()
    (path / "review.md").write_text(report())
    return path


def test_ingesting_a_folder_again_adds_nothing(runner, folder):
    from bot.cli import cli

    first = runner.invoke(cli, ["ingest", str(folder), "--json"])
    second = runner.invoke(cli, ["ingest", str(folder), "--json"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert json.loads(first.output)["counts"]["added"] == 1
    counts = json.loads(second.output)["counts"]
    assert counts["added"] == 0 and counts["updated"] == 0 and counts["unchanged"] == 1


def test_the_same_file_under_another_name_is_refused_naming_the_stored_one(
    runner, empty_db, folder
):
    from bot.cli import cli

    ingest(empty_db, [folder])
    count = len(list_documents(empty_db))
    shutil.copy(folder / "review.md", folder / "review (copy).md")
    report_ = ingest(empty_db, [folder])
    assert report_.duplicates == [(str(folder / "review (copy).md"), "review")]
    assert report_.stored[str(folder / "review (copy).md")].same_file
    assert not report_.added and len(list_documents(empty_db)) == count
    result = runner.invoke(cli, ["ingest", str(folder)])
    assert result.exit_code == 0
    assert "already in the library as review" in result.output


def test_the_same_text_in_another_format_is_refused(empty_db, folder):
    ingest(empty_db, [folder])
    (folder / "tasking-review.txt").write_text(as_plain_text(report()))
    found = ingest(empty_db, [folder])
    stored = found.stored[str(folder / "tasking-review.txt")]
    assert stored.outcome == "duplicate" and stored.doc_id == "review"
    assert not stored.same_file
    assert len(list_documents(empty_db)) == 1


def test_a_renamed_file_keeps_its_document(empty_db, folder):
    ingest(empty_db, [folder])
    (folder / "review.md").rename(folder / "tasking-review-final.md")
    found = ingest(empty_db, [folder])
    assert found.updated == ["review"] and not found.added and not found.duplicates
    assert found.changes["review"]["changed"] == 0
    (doc,) = list_documents(empty_db)
    assert doc.id == "review" and doc.file == "tasking-review-final.md"


def test_a_changed_file_says_what_changed_in_passages(empty_db, folder):
    ingest(empty_db, [folder])
    before = empty_db.execute("select count(*) from passages").fetchone()[0]
    extra = NEXT_STEPS
    (folder / "review.md").write_text(report(visits="eleven", extra=extra))
    found = ingest(empty_db, [folder])
    assert found.updated == ["review"]
    change = found.changes["review"]
    assert (change["changed"], change["added"], change["removed"]) == (1, 2, 0)
    assert empty_db.execute("select count(*) from passages").fetchone()[0] == before + 2


def test_adding_the_same_link_or_file_again_changes_nothing(db):
    data = report().encode()
    first = add_bytes(db, data, "review.md", source="https://example.org/review")
    count = len(list_documents(db))
    again = add_bytes(db, data, "review.md", source="https://example.org/review")
    assert first.outcome == "added" and again.outcome == "unchanged"
    assert again.document.id == first.document.id
    elsewhere = add_bytes(db, data, "review.md", source="slack://F0000009/review.md")
    assert elsewhere.outcome == "duplicate" and elsewhere.same_file
    assert elsewhere.document.id == first.document.id
    assert len(list_documents(db)) == count


def test_the_same_text_under_another_name_is_refused_with_a_reference(db):
    from bot.render.adding import outcome_sentence

    first = add_bytes(db, report().encode(), "review.md", source="https://example.org/review")
    other = add_bytes(
        db, as_plain_text(report()).encode(), "notes.txt", source="slack://F0000010/notes.txt"
    )
    assert other.outcome == "duplicate" and not other.same_file
    assert other.document.id == first.document.id
    said = outcome_sentence(
        other.outcome, other.document.title, other.document.id, name=other.name, where="x"
    )
    assert said.startswith("Not added: notes.txt has the same text as")
    assert first.document.id in said
    assert db["documents"].count_where("id = ?", [first.document.id]) == 1


def test_a_new_version_replaces_its_document_and_keeps_recommendation_statuses(db):
    first = add_bytes(db, report().encode(), "review.md", source="https://example.org/v1")
    doc_id = first.document.id
    by_text = {r.text: r for r in list_recommendations(db, f"doc:{doc_id}")}
    assert len(by_text) == 3
    one = next(r for t, r in by_text.items() if "tasking standard" in t)
    two = next(r for t, r in by_text.items() if "direct access" in t)
    set_status(db, one.id, "accepted", by="Jo", note="agreed at the board")
    set_status(db, two.id, "in-progress", by="Sam")
    count = len(list_documents(db))

    newer = report(deadline="June 2026", extra=NEXT_STEPS)
    second = add_bytes(db, newer.encode(), "review-v2.md", source="https://example.org/v2")

    assert second.outcome == "updated" and second.document.id == doc_id
    assert second.changes["previous"] == "https://example.org/v1"
    assert (second.changes["changed"], second.changes["added"]) == (1, 2)
    assert len(list_documents(db)) == count
    after = {r.text: r for r in list_recommendations(db, f"doc:{doc_id}")}
    reworded = next(r for t, r in after.items() if "June 2026" in t)
    kept = next(r for t, r in after.items() if "direct access" in t)
    assert reworded.status == "accepted" and reworded.status_note == "agreed at the board"
    assert kept.status == "in-progress" and kept.id == two.id
    assert not [r for r in after.values() if r.status == "open" and "commissioners" not in r.text]
    found = commands.dispatch(db, "search tasking standard June 2026")
    assert found.data.results[0].doc_id == doc_id


def test_the_same_title_with_other_text_is_another_document(db):
    add_bytes(db, report().encode(), "review.md", source="https://example.org/review")
    other = add_bytes(db, UNRELATED.encode(), "courses.md", source="https://example.org/courses")
    assert other.outcome == "added"


def test_two_versions_side_by_side_in_a_folder_stay_two_documents(empty_db, folder):
    (folder / "review-v2.md").write_text(report(deadline="June 2026"))
    first = ingest(empty_db, [folder])
    assert sorted(first.added) == ["review", "review-v2"]
    again = ingest(empty_db, [folder])
    assert sorted(again.unchanged) == ["review", "review-v2"] and not again.updated


def test_changes_pairs_runs_of_passages():
    old = ["Intro.", "Finding one.", "Finding two.", "Close."]
    new = ["Intro.", "Finding one, revised.", "A new finding.", "Another new one.", "Close."]
    assert copies.changes(old, new) == {"changed": 2, "added": 1, "removed": 0, "unchanged": 2}
    assert copies.changes(new, old)["removed"] == 1


def test_the_text_hash_ignores_spacing_case_and_punctuation():
    assert copies.text_hash("The Home Office: should\npublish.") == copies.text_hash(
        "the home office should publish"
    )
    assert copies.text_hash("should publish") != copies.text_hash("should not publish")


def test_an_older_stores_exact_copies_are_merged_keeping_statuses(db_path, tmp_path, monkeypatch):
    """A store made before copies were refused holds the review twice: opening it with this
    code merges them into the copy added first, the removed copy's status carried over, and a
    search no longer shows a passage twice."""
    from bot.library.store import open_db

    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "review.md").write_text(report())
    (folder / "review-copy.txt").write_text(as_plain_text(report()))
    db = open_db(db_path)
    with monkeypatch.context() as before_this_change:
        before_this_change.setattr(copies, "same_file", lambda *a: None)
        before_this_change.setattr(copies, "same_text", lambda *a: None)
        before_this_change.setattr(copies, "earlier_version", lambda *a: None)
        assert sorted(ingest(db, [folder]).added) == ["review", "review-copy"]
    db["documents"].update("review-copy", {"added_at": "2099-01-01T00:00:00+00:00"})
    copy_rec = next(
        r for r in list_recommendations(db, "doc:review-copy") if "direct access" in r.text
    )
    set_status(db, copy_rec.id, "implemented", by="Ali", note="done in May")
    searched = commands.dispatch(db, "search regional analysts direct access intelligence")
    texts = [" ".join(copies.words(r.excerpt)) for r in searched.data.results]
    assert len(texts) > len(set(texts))  # the problem: the same passage from both copies
    db.execute("DELETE FROM _migrations WHERE name = 'copies_merge_exact_copies'")
    db.execute("DELETE FROM _schema_stamp")
    db.conn.commit()
    db.close()

    db = open_db(db_path)
    assert [d.id for d in list_documents(db)] == ["review"]
    kept = next(r for r in list_recommendations(db, "doc:review") if "direct access" in r.text)
    assert kept.status == "implemented" and kept.status_note == "done in May"
    searched = commands.dispatch(db, "search regional analysts direct access intelligence")
    texts = [" ".join(copies.words(r.excerpt)) for r in searched.data.results]
    assert texts and len(texts) == len(set(texts))
    left = db.execute("select count(*) from recommendations where doc_id = 'review-copy'")
    assert left.fetchone()[0] == 0


def test_a_new_version_leaves_every_derived_table_in_step(db):
    """After a replacement the glossary, the search vocabulary and the passage index hold the
    new version's words and definitions and none of the old version's alone."""
    from bot.glossary.mined import learnt_from

    old = report(extra="\nThe Wombat Liaison Panel (WLP) oversaw the visits.\n")
    new = report(extra="\nThe Quoll Review Board (QRB) oversaw the visits.\n")
    first = add_bytes(db, old.encode(), "review.md", source="https://example.org/v1")
    doc_id = first.document.id
    assert ("WLP", "Wombat Liaison Panel") in learnt_from(db, doc_id)
    assert commands.dispatch(db, "search wombat liaison").data.results
    second = add_bytes(db, new.encode(), "review.md", source="https://example.org/v2")
    assert second.outcome == "updated" and second.document.id == doc_id
    learnt = learnt_from(db, doc_id)
    assert ("QRB", "Quoll Review Board") in learnt and ("WLP", "Wombat Liaison Panel") not in learnt
    assert not commands.dispatch(db, "search wombat liaison").data.results
    found = commands.dispatch(db, "search quoll review board").data.results
    assert found and found[0].doc_id == doc_id
    indexed = db.execute("select count(*) from passages_fts").fetchone()[0]
    assert indexed == db["passages"].count


def test_a_new_version_can_be_asked_about_or_kept_separate(db):
    first = add_bytes(db, report().encode(), "review.md", source="https://example.org/v1")
    count = len(list_documents(db))
    newer = report(deadline="June 2026").encode()
    asked = add_bytes(db, newer, "review-v2.md", source="https://example.org/v2", versions="ask")
    assert asked.outcome == "version" and asked.document.id == first.document.id
    assert asked.changes["changed"] == 1 and len(list_documents(db)) == count
    assert asked.document.file == "review.md"  # nothing stored yet
    kept = add_bytes(
        db, newer, "review-v2.md", source="https://example.org/v2", versions="separate"
    )
    assert kept.outcome == "added" and kept.document.id != first.document.id
    assert len(list_documents(db)) == count + 1


def test_copies_kept_on_purpose_are_not_merged(db_path, tmp_path, monkeypatch):
    """A benchmark builds a big library from copies of one corpus with ROCU_KEEP_COPIES=1: the
    step that merges exact copies leaves such a store as it was built."""
    from bot.library.merging import merge_exact_copies
    from bot.library.store import open_db

    monkeypatch.setenv("ROCU_KEEP_COPIES", "1")
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "review.md").write_text(report())
    (folder / "review-copy.txt").write_text(as_plain_text(report()))
    db = open_db(db_path)
    assert sorted(ingest(db, [folder]).added) == ["review", "review-copy"]
    assert merge_exact_copies(db) == []
    assert sorted(d.id for d in list_documents(db)) == ["review", "review-copy"]
    monkeypatch.delenv("ROCU_KEEP_COPIES")
    # Which copy stays is the one added first; both were added within a second or two, and
    # added_at keeps whole seconds, so this test asks only that the two are merged into one.
    merged = merge_exact_copies(db)
    assert len(merged) == 1 and sorted(merged[0]) == ["review", "review-copy"]
    assert [d.id for d in list_documents(db)] == [merged[0][1]]
