"""One copy of each document, through the real Bolt app and the fake Slack (issue 25): adding a
link or a file again updates in place and says so in one sentence, the same text under another
name is refused naming (and opening) the stored copy, and a new version replaces its document,
keeping recommendation statuses and saying what changed in passages.

Every document text in this file was written for these tests."""

from __future__ import annotations

import re

import pytest
from slack_rig import buttons, mrkdwn_texts
from test_slack_adding import make_pdf
from web_server import WebSite

from bot.library.documents import get_document
from bot.recs.tracker import list_recommendations, set_status
from bot.slack import editors

EDITOR = "U0EDITOR"

PAGE = b"""<!DOCTYPE html><html><head><title>Wombat crossings and road safety</title></head>
<body><main>
<h1>Wombat crossings and road safety</h1>
<p>The council counted wombats crossing the ring road at dusk for six weeks and found most
crossings near the new retail park, where the verges were cleared last spring.</p>
<p>We recommend that the highways authority should install warning signs near the retail park
before the next breeding season.</p>
</main></body></html>"""

LINES_V1 = [
    "Inspection of cyber crime units in the north",
    "The inspectorate visited four cyber crime units and reviewed forty closed cases.",
    "Most victims were not told the outcome of their report within a month.",
    "We recommend that the Home Office should fund a victim liaison post in every unit by 2027.",
]
LINES_V2 = [
    LINES_V1[0],
    "The inspectorate visited five cyber crime units and reviewed sixty closed cases.",
    LINES_V1[2],
    LINES_V1[3],
    "Two units had already appointed a liaison officer by the time of the second visit.",
]


@pytest.fixture(autouse=True)
def editors_and_loopback(monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", EDITOR)
    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    editors.forget_cache()
    yield
    editors.forget_cache()


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


def as_text_file(lines: list[str]) -> bytes:
    """The same words as a plain text file: the same text in another format."""
    return ("\n\n".join(lines) + "\n").encode()


def send_file(rig, name: str, data: bytes, mimetype: str, ts: str) -> dict:
    """An editor sends a file to rocu in a direct message; returns the card that answers it."""
    file = rig.slack.add_file(name, data, mimetype)
    before = len(rig.slack.calls("chat.update"))
    rig.event(
        {
            "type": "message",
            "subtype": "file_share",
            "channel": "D0EDITOR",
            "channel_type": "im",
            "user": EDITOR,
            "text": "",
            "ts": ts,
            "files": [{"id": file["id"], "name": file["name"]}],
        }
    )
    return rig.slack.wait_for("chat.update", count=before + 1)[-1].body


def final_answer(rig, name: str) -> dict:
    answers = rig.slack.wait_for(f"response:{name}", count=2)
    return answers[1].body


def test_adding_the_same_link_again_updates_in_place_and_says_so(rig, db):
    with WebSite() as site:
        site.page("/wombats", PAGE)
        url = site.url("/wombats")
        _, _, first = rig.command(f"add <{url}>", user_id=EDITOR)
        card = final_answer(rig, first)
        assert "Added to the library" in texts(card)
        count = db["documents"].count
        _, _, second = rig.command(f"add <{url}>", user_id=EDITOR)
        again = final_answer(rig, second)
    doc_id = buttons(card["blocks"])["Remove"]["value"]
    said = texts(again)
    assert "Already in the library as" in said and "nothing changed" in said
    assert doc_id in said and buttons(again["blocks"])["Remove"]["value"] == doc_id
    assert db["documents"].count == count


def test_the_same_file_sent_again_is_not_added_twice(rig, db):
    data = make_pdf(LINES_V1)
    card = send_file(rig, "inspection.pdf", data, "application/pdf", "1700000100.000100")
    assert "Added to the library" in texts(card)
    count = db["documents"].count
    again = send_file(rig, "inspection.pdf", data, "application/pdf", "1700000200.000200")
    said = texts(again)
    assert "Already in the library as" in said and "nothing was added" in said
    assert db["documents"].count == count


def test_the_same_text_under_another_name_is_refused_with_a_link_to_the_copy(rig, db):
    card = send_file(rig, "inspection.pdf", make_pdf(LINES_V1), "application/pdf", "1.1")
    doc = get_document(db, buttons(card["blocks"])["Remove"]["value"])
    count = db["documents"].count
    refused = send_file(rig, "north-notes.txt", as_text_file(LINES_V1), "text/plain", "2.2")
    said = texts(refused)
    assert "Not added: north-notes.txt has the same text as" in said
    assert doc.id in said
    assert buttons(refused["blocks"])["Open source"]["url"] == doc.url
    assert db["documents"].count == count


def test_a_new_version_is_asked_about_then_replaces_its_document_keeping_statuses(rig, db):
    card = send_file(rig, "inspection.pdf", make_pdf(LINES_V1), "application/pdf", "1.1")
    doc_id = buttons(card["blocks"])["Remove"]["value"]
    (rec,) = list_recommendations(db, f"doc:{doc_id}")
    set_status(db, rec.id, "accepted", by="Jo", by_id=EDITOR)
    count = db["documents"].count

    asked = send_file(rig, "inspection-v2.pdf", make_pdf(LINES_V2), "application/pdf", "3.3")
    said = texts(asked)
    assert "inspection-v2.pdf looks like a new version of" in said and doc_id in said
    assert re.search(r"\d+ passages? (changed|added)", said)
    assert db["documents"].count == count
    assert get_document(db, doc_id).file == "inspection.pdf"  # nothing changed yet

    name = rig.click(buttons(asked["blocks"])["Replace it"], user=EDITOR)
    replaced = rig.slack.wait_for(f"response:{name}")[-1].body
    assert replaced.get("replace_original") in (True, "true")
    said = texts(replaced)
    assert "A new version of" in said and "recommendation statuses" in said
    assert buttons(replaced["blocks"])["Remove"]["value"] == doc_id
    assert db["documents"].count == count
    (kept,) = list_recommendations(db, f"doc:{doc_id}")
    assert kept.id == rec.id and kept.status == "accepted"
    assert get_document(db, doc_id).file == "inspection-v2.pdf"


def test_a_new_version_can_be_kept_as_a_separate_document(rig, db):
    send_file(rig, "inspection.pdf", make_pdf(LINES_V1), "application/pdf", "1.1")
    count = db["documents"].count
    asked = send_file(rig, "inspection-v2.pdf", make_pdf(LINES_V2), "application/pdf", "3.3")
    name = rig.click(buttons(asked["blocks"])["Add separately"], user=EDITOR)
    added = rig.slack.wait_for(f"response:{name}")[-1].body
    assert "Added to the library" in texts(added)
    assert db["documents"].count == count + 1


def test_only_editors_may_answer_the_version_question(rig, db):
    send_file(rig, "inspection.pdf", make_pdf(LINES_V1), "application/pdf", "1.1")
    asked = send_file(rig, "inspection-v2.pdf", make_pdf(LINES_V2), "application/pdf", "3.3")
    before = db["documents"].count
    name = rig.click(buttons(asked["blocks"])["Replace it"], user="U0SOMEONE")
    refusal = rig.slack.wait_for(f"response:{name}")[-1].body
    assert "editors" in texts(refusal)
    assert db["documents"].count == before
    assert get_document(db, "inspection").file == "inspection.pdf"
