"""Adding, editing and removing documents from Slack, end to end: signed requests into the real
Bolt app, the real store, the fake Slack (which serves files only to the bot token) and a
loopback web site."""

from __future__ import annotations

import io
import json
import re
import time
from urllib.parse import urlencode

import pytest
from pdf_writer import pdf_from_streams
from slack_rig import buttons, message_action, mrkdwn_texts, start_rig
from slack_server import TEAM_ID
from web_server import WebSite

from bot import commands
from bot.library.documents import document_text, find_document, get_document
from bot.slack import adding, editors

EDITOR = "U0EDITOR"
OTHER = "U0ASKER"

HANSARD = b"""<!DOCTYPE html><html><head><title>Serious Violence - Hansard</title></head><body>
<header><a href="/">UK Parliament</a> Hansard</header>
<nav>Home | Commons | Lords | Search Hansard</nav>
<main>
<h1>Serious Violence: Westminster Hall debate</h1>
<p>Thursday 12 March 2020</p>
<p>The Minister said that the violence reduction units in eighteen force areas would receive
funding for another year, and that the Home Office would publish the evaluation of the
quokka pilot in the summer.</p>
<p>The Chair asked the Regional Organised Crime Unit (ROCU) network to report on county lines
exploitation of children by the end of the year.</p>
<p>We recommend that the Home Office should publish the findings of the Quokka Evaluation Panel
(QEP) by December 2020, and the QEP should meet every quarter.</p>
</main>
<footer>Accessibility statement | Cookie policy | Contact</footer>
</body></html>"""


@pytest.fixture(autouse=True)
def editors_and_loopback(monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", EDITOR)
    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("ROCU_FETCH_TIMEOUT", "1")
    editors.forget_cache()
    yield
    editors.forget_cache()


@pytest.fixture
def site():
    with WebSite() as web:
        web.page("/debates/serious-violence", HANSARD)
        yield web


def texts(message: dict) -> str:
    return " ".join(mrkdwn_texts(message.get("blocks") or []))


def final_answer(rig, name: str) -> dict:
    """The last message sent to a slash command's response_url (the card or the failure)."""
    answers = rig.slack.wait_for(f"response:{name}", count=2)
    assert answers[0].body["response_type"] == "ephemeral"
    assert "Reading" in texts(answers[0].body)
    assert answers[1].body.get("replace_original") in (True, "true")
    return answers[1].body


def test_an_editors_add_of_a_web_page_makes_it_searchable_with_its_source(rig, db, site):
    url = site.url("/debates/serious-violence")
    status, ack, name = rig.command(f"add <{url}>", user_id=EDITOR)
    assert status == 200 and ack == ""
    card = final_answer(rig, name)
    body = texts(card)
    assert "Added to the library" in body and "passage" in body
    assert card["blocks"][0]["text"]["text"].startswith("Serious Violence")
    labels = buttons(card["blocks"])
    assert {"Edit details", "Remove", "Open source"} <= set(labels)
    assert labels["Open source"]["url"] == url
    assert labels["Remove"]["confirm"]  # asks before removing
    doc_id = labels["Remove"]["value"]
    doc = get_document(db, doc_id)
    assert doc.url == url and doc.date == "2020-03-12"
    assert "2020-03-12 (guessed)" in body
    assert "acronym learnt: QEP" in body or re.search(r"acronyms learnt: [A-Z, ]*QEP", body)
    assert "0 recommendations found" in body  # a debate records what was said, asks nothing
    found = commands.dispatch(db, "search quokka pilot evaluation")
    assert found.data.results and found.data.results[0].doc_id == doc_id
    assert found.extra["urls"][doc_id] == url
    text = document_text(db, doc_id)
    assert "Accessibility statement" not in text and "Search Hansard" not in text


def test_a_non_editor_adds_nothing_and_is_told_who_can(rig, db, site):
    before = db["documents"].count
    status, _, name = rig.command(f"add {site.url('/debates/serious-violence')}", user_id=OTHER)
    assert status == 200
    refusal = rig.slack.wait_for(f"response:{name}")[0].body
    assert refusal["response_type"] == "ephemeral"
    assert f"<@{EDITOR}>" in texts(refusal) and "only the library's editors" in texts(refusal)
    time.sleep(0.3)
    assert db["documents"].count == before and site.hits == []
    assert len(rig.slack.responses(name)) == 1


def test_editors_can_be_a_user_group(rig, db, site, monkeypatch):
    monkeypatch.setenv("ROCU_EDITORS", "@policy-editors")
    rig.slack.respond_with(
        "usergroups.list", {"usergroups": [{"id": "S0POL", "handle": "policy-editors"}]}
    )
    rig.slack.respond_with("usergroups.users.list", {"users": [OTHER]})
    _, _, name = rig.command(f"add {site.url('/debates/serious-violence')}", user_id=OTHER)
    assert "Added to the library" in texts(final_answer(rig, name))
    assert rig.slack.calls("usergroups.users.list")[0].body["usergroup"] == "S0POL"
    _, _, name = rig.command("remove serious-violence", user_id="U0SOMEONE")
    assert "<!subteam^S0POL>" in texts(rig.slack.wait_for(f"response:{name}")[0].body)


@pytest.mark.parametrize(
    "path, words",
    [
        ("/missing", "no such page (HTTP 404)"),
        ("/big", "over the"),
        ("/slow", "took too long"),
        ("/loop", "redirects more than 5 times"),
    ],
)
def test_fetch_failures_are_one_sentence_and_store_nothing(rig, db, site, monkeypatch, path, words):
    monkeypatch.setenv("ROCU_MAX_FILE_MB", "0.05")
    before = db["documents"].count
    _, _, name = rig.command(f"add {site.url(path)}", user_id=EDITOR)
    message = final_answer(rig, name)
    sentence = texts(message)
    assert words in sentence and sentence.count(". ") == 0
    assert not buttons(message["blocks"])
    assert db["documents"].count == before


def test_a_private_address_is_refused_unless_allowed(rig, db, site, monkeypatch):
    monkeypatch.delenv("ROCU_FETCH_ALLOW_PRIVATE")
    _, _, name = rig.command(f"add {site.url('/debates/serious-violence')}", user_id=EDITOR)
    assert "private or local address" in texts(final_answer(rig, name))
    assert site.hits == []


# -- files sent in Slack ---------------------------------------------------------------------


def make_pdf(lines: list[str]) -> bytes:
    stream = "BT /F1 12 Tf 72 720 Td " + "".join(f"({t}) Tj 0 -16 Td " for t in lines) + "ET"
    return pdf_from_streams([stream])


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def dm_with_file(rig, file: dict, user: str = EDITOR, text: str = "") -> None:
    rig.event(
        {
            "type": "message",
            "subtype": "file_share",
            "channel": "D0EDITOR",
            "channel_type": "im",
            "user": user,
            "text": text,
            "ts": "1700000100.000100",
            "files": [{"id": file["id"], "name": file["name"]}],  # as events do: look it up
        }
    )


def shortcut(rig, message: dict) -> str:
    """An editor's "Add to the library" on ``message``, answered at response_url "shortcut"."""
    url = rig.slack.response_url("shortcut")
    return message_action(message, url, EDITOR, "rocu_add_to_library")


def card_in_thread(rig) -> dict:
    update = rig.slack.wait_for("chat.update")[-1].body
    posted = rig.slack.calls("chat.postMessage")[-1].body
    assert "Reading" in texts(posted) and posted["thread_ts"] == "1700000100.000100"
    return update


@pytest.mark.parametrize(
    "name, maker, mimetype",
    [
        ("inspection.pdf", make_pdf, "application/pdf"),
        ("inspection.docx", make_docx, "application/vnd.openxmlformats-officedocument"),
    ],
)
def test_a_file_sent_in_a_direct_message_is_added(rig, db, name, maker, mimetype):
    data = maker(
        [
            "Inspection of regional organised crime units",
            "The inspectorate found that wombat tasking meetings lacked analysts.",
            "We recommend that the Home Office should fund an analyst for every unit.",
        ]
    )
    file = rig.slack.add_file(name, data, mimetype)
    dm_with_file(rig, file)
    card = card_in_thread(rig)
    assert "Added to the library" in texts(card)
    assert re.search(r"\b1 recommendation found", texts(card))
    downloads = [r for r in rig.slack.requests if r.kind == "file"]
    assert downloads and downloads[0].headers["authorization"] == "Bearer xoxb-test"
    found = commands.dispatch(db, "search wombat tasking")
    assert found.data.results
    doc = get_document(db, found.data.results[0].doc_id)
    assert doc.file == name and doc.url == file["permalink"]


def test_slack_files_are_downloaded_only_with_the_bot_token(fake_slack):
    import urllib.request

    file = fake_slack.add_file("secret.pdf", make_pdf(["Secret words"]), "application/pdf")
    with urllib.request.urlopen(file["url_private_download"]) as response:
        assert b"Secret words" not in response.read()
    request = urllib.request.Request(
        file["url_private_download"], headers={"Authorization": "Bearer xoxb-test"}
    )
    with urllib.request.urlopen(request) as response:
        assert b"Secret words" in response.read()


def test_a_file_from_a_non_editor_is_refused_privately(rig, db):
    file = rig.slack.add_file("x.pdf", make_pdf(["Nothing to see"]), "application/pdf")
    before = db["documents"].count
    dm_with_file(rig, file, user=OTHER)
    refusal = rig.slack.wait_for("chat.postEphemeral")[0].body
    assert refusal["user"] == OTHER and "editors" in texts(refusal)
    assert db["documents"].count == before
    assert not [r for r in rig.slack.requests if r.kind == "file"]


def test_an_unreadable_file_is_one_sentence(rig, db):
    file = rig.slack.add_file("broken.pdf", b"%PDF-1.4 not really", "application/pdf")
    before = db["documents"].count
    dm_with_file(rig, file)
    card = card_in_thread(rig)
    assert "could not read broken.pdf" in texts(card)
    assert db["documents"].count == before


def test_mention_add_in_a_thread_and_the_shortcut(rig, db, site):
    url = site.url("/debates/serious-violence")
    rig.mention(f"add <{url}>", user=EDITOR, ts="1700000200.000200", thread_ts="1700000100.000100")
    update = rig.slack.wait_for("chat.update")[0].body
    posted = rig.slack.calls("chat.postMessage")[0].body
    assert posted["thread_ts"] == "1700000100.000100"
    assert "Added to the library" in texts(update)
    doc_id = buttons(update["blocks"])["Remove"]["value"]
    rig.slack.clear()
    # the same page again through the message shortcut: found unchanged, answered in its thread
    message = {"ts": "1700000300.000300", "text": f"Worth reading: <{url}|the debate>"}
    assert rig.post(shortcut(rig, message))[0] == 200
    update = rig.slack.wait_for("chat.update")[0].body
    assert "Already in the library" in texts(update)
    assert buttons(update["blocks"])["Remove"]["value"] == doc_id
    assert rig.slack.calls("chat.postMessage")[0].body["thread_ts"] == "1700000300.000300"


def test_the_shortcut_on_a_message_without_links_or_files(rig):
    rig.post(shortcut(rig, {"ts": "1.1", "text": "just words"}))
    answer = rig.slack.wait_for("response:shortcut")[0].body
    assert "no files or links" in texts(answer) and answer["response_type"] == "ephemeral"


# -- the card's buttons ------------------------------------------------------------------------


def added_card(rig, site) -> tuple[dict, str]:
    _, _, name = rig.command(f"add {site.url('/debates/serious-violence')}", user_id=EDITOR)
    card = final_answer(rig, name)
    return card, buttons(card["blocks"])["Remove"]["value"]


def click(rig, button: dict, user: str, name: str) -> None:
    rig.click(button, ephemeral=True, user=user, name=name, trigger_id="9.9.9")


def test_remove_from_the_card_takes_passages_recommendations_and_glossary(rig, db, site):
    card, doc_id = added_card(rig, site)
    assert db["passages"].count_where("doc_id = ?", [doc_id])
    glossary_before = db["glossary_library"].count
    click(rig, buttons(card["blocks"])["Remove"], OTHER, "refused")
    assert "editors" in texts(rig.slack.wait_for("response:refused")[0].body)
    assert get_document(db, doc_id) is not None
    click(rig, buttons(card["blocks"])["Remove"], EDITOR, "removed")
    answer = rig.slack.wait_for("response:removed")[0].body
    assert answer["replace_original"] in (True, "true")
    assert "Removed" in texts(answer) and doc_id in texts(answer)
    assert get_document(db, doc_id) is None
    assert db["passages"].count_where("doc_id = ?", [doc_id]) == 0
    assert db["recommendations"].count_where("doc_id = ?", [doc_id]) == 0
    assert db["glossary_library"].count < glossary_before
    assert not commands.dispatch(db, "search quokka pilot").data.results


def test_remove_command(rig, db, site):
    _, doc_id = added_card(rig, site)
    _, _, name = rig.command(f"remove {doc_id}", user_id=EDITOR)
    assert "Removed" in texts(rig.slack.wait_for(f"response:{name}")[0].body)
    assert find_document(db, doc_id)[0] is None or find_document(db, doc_id)[0].id != doc_id
    _, _, name = rig.command("remove no-such-document-at-all", user_id=EDITOR)
    assert "no document called" in texts(rig.slack.wait_for(f"response:{name}")[0].body)


def submit_edit(rig, view: dict, values: dict, user: str = EDITOR) -> tuple[int, str]:
    state = {}
    for field, value in values.items():
        if field == "type":
            state[field] = {field: {"type": "static_select", "selected_option": {"value": value}}}
        else:
            state[field] = {field: {"type": "plain_text_input", "value": value}}
    payload = {
        "type": "view_submission",
        "user": {"id": user, "team_id": TEAM_ID},
        "team": {"id": TEAM_ID},
        "view": {**view, "id": "V0TEST", "state": {"values": state}},
    }
    return rig.post(urlencode({"payload": json.dumps(payload)}))


def test_edit_details_from_the_card(rig, db, site):
    card, doc_id = added_card(rig, site)
    click(rig, buttons(card["blocks"])["Edit details"], EDITOR, "edit")
    view = rig.slack.wait_for("views.open")[0].body["view"]
    if isinstance(view, str):
        view = json.loads(view)
    assert view["callback_id"] == "rocu_doc_edit_view"
    initial = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]}
    assert initial["title"].startswith("Serious Violence") and initial["date"] == "2020-03-12"
    status, body = submit_edit(
        rig, view, {"title": "SV debate", "type": "hansard", "date": "12/3/20"}
    )
    assert status == 200 and json.loads(body)["errors"]["date"].startswith("date must be")
    assert get_document(db, doc_id).title != "SV debate"
    status, body = submit_edit(
        rig,
        view,
        {
            "title": "Serious violence debate",
            "type": "hansard",
            "date": "2020-03-12",
            "author": "House of Commons",
            "url": "https://hansard.parliament.uk/commons/2020-03-12/debates/x",
        },
    )
    assert status == 200 and not body
    doc = get_document(db, doc_id)
    assert doc.title == "Serious violence debate" and doc.type == "hansard"
    assert doc.author == "House of Commons" and "date" not in doc.guessed
    assert doc.url.startswith("https://hansard.parliament.uk/")
    updated = rig.slack.wait_for("response:edit")[-1].body
    assert updated["blocks"][0]["text"]["text"] == "Serious violence debate"
    assert "(guessed)" not in texts(updated)
    assert buttons(updated["blocks"])["Open source"]["url"] == doc.url


def test_everyone_may_edit_when_editors_is_unset(rig, db, site, monkeypatch, caplog):
    monkeypatch.delenv("ROCU_EDITORS")
    assert editors.may_edit(None, OTHER)
    with caplog.at_level("INFO", logger="rocu.slack"):
        editors.log_policy()
    assert "everyone may add" in caplog.text
    _, _, name = rig.command(f"add {site.url('/debates/serious-violence')}", user_id=OTHER)
    assert "Added to the library" in texts(final_answer(rig, name))


def test_links_in_slack_text():
    assert adding.links_in("see <https://a.org/x?a=1&amp;b=2|this> and https://b.org/y.") == [
        "https://a.org/x?a=1&b=2",
        "https://b.org/y",
    ]
    assert adding.verb_of("<@U1> add <https://a.org>")[0] == "add"
    assert adding.verb_of("county lines")[0] is None
    assert re.match(r"^https://", adding.links_in("<https://x.org>")[0])


# -- "Open source" wherever a document is cited ---------------------------------------------


def test_results_recommendations_and_definitions_open_their_source(db):
    from bot.render import blocks as render_blocks

    for row in list(db["documents"].rows):
        db["documents"].update(row["id"], {"url": f"https://example.org/{row['id']}"})
    recs = commands.dispatch(db, "recs")
    assert recs.data
    first = recs.data[0]
    shown = render_blocks.message(recs)["blocks"]
    opens = [
        b["accessory"]["url"]
        for b in shown
        if (b.get("accessory") or {}).get("text", {}).get("text") == "Open source"
    ]
    assert f"https://example.org/{first.doc_id}" in opens
    one = commands.dispatch(db, f"recs {first.id}")
    assert buttons(render_blocks.message(one)["blocks"])["Open source"]["url"].endswith(
        first.doc_id
    )
    found = commands.dispatch(db, "search county lines")
    assert buttons(render_blocks.message(found)["blocks"])["Open source"]["url"].startswith(
        "https://example.org/"
    )
    definition = commands.dispatch(db, "define ROCU")
    assert definition.data.matches
    url = buttons(render_blocks.message(definition)["blocks"])["Open source"]["url"]
    assert url.startswith("https://example.org/")
    db["documents"].update(first.doc_id, {"url": None})
    plain = commands.dispatch(db, f"recs {first.id}")
    assert "Open source" not in buttons(render_blocks.message(plain)["blocks"])


def test_manifest_env_example_and_readme_declare_what_adding_needs():
    from pathlib import Path

    from bot.render import adding as render_adding

    root = Path(__file__).resolve().parents[2]
    manifest = (root / "manifest.yml").read_text()
    for needed in ("files:read", "usergroups:read", f"callback_id: {render_adding.SHORTCUT_ADD}"):
        assert needed in manifest
    example = (root / ".env.example").read_text()
    readme = (root / "README.md").read_text()
    for name in (
        "ROCU_EDITORS",
        "ROCU_MAX_FILE_MB",
        "ROCU_FETCH_ALLOW_PRIVATE",
        "ROCU_FETCH_TIMEOUT",
    ):
        assert f"{name}=" in example and name in readme


def test_a_file_shared_in_a_channel_with_add_is_added_in_its_thread(rig, db):
    data = make_docx(["Briefing on platypus fraud", "Platypus fraud rose by a third in 2023."])
    file = rig.slack.add_file("briefing.docx", data, "application/octet-stream")
    rig.mention("add", user=EDITOR, ts="1700000100.000100", files=[file])
    assert "Added to the library" in texts(card_in_thread(rig))
    assert commands.dispatch(db, "search platypus fraud").data.results


def test_a_plain_mention_is_still_a_question(rig):
    rig.mention("county lines", user=OTHER, ts="1700000100.000100")
    answer = rig.slack.wait_for("chat.postMessage")[0].body
    assert "county lines" in answer["blocks"][0]["text"]["text"].lower()
    assert not rig.slack.calls("chat.postEphemeral")


def test_edit_details_works_when_channels_are_restricted(db, db_path, fake_slack, site):
    rig, server = start_rig(db_path, fake_slack, allowed_channels=frozenset({"C0GENERAL"}))
    try:
        card, doc_id = added_card(rig, site)
        click(rig, buttons(card["blocks"])["Edit details"], EDITOR, "edit")
        view = rig.slack.wait_for("views.open")[0].body["view"]
        view = json.loads(view) if isinstance(view, str) else view
        status, _ = submit_edit(rig, view, {"title": "Renamed debate", "type": "hansard"})
        assert status == 200
        assert get_document(db, doc_id).title == "Renamed debate"
    finally:
        server.shutdown()
        server.server_close()


def test_a_real_saved_hansard_page_is_added_with_its_date_and_source(rig, db, site):
    """A saved publications.parliament.uk page (XHTML, Windows line ends), as people link it."""
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures"
    saved = fixture / "hansard-commons-written-ministerial-statements-2011-07-19-excerpt.html"
    site.page("/pa/cm201011/cmhansrd/110719w0001.htm", saved.read_bytes(), "text/html")
    url = site.url("/pa/cm201011/cmhansrd/110719w0001.htm")
    _, _, name = rig.command(f"add {url}", user_id=EDITOR)
    card = final_answer(rig, name)
    doc = get_document(db, buttons(card["blocks"])["Remove"]["value"])
    assert doc.url == url and doc.date == "2011-07-19"
    found = commands.dispatch(db, "search secure estate for children and young people")
    assert found.data.results[0].doc_id == doc.id
    assert found.extra["urls"][doc.id] == url


def test_console_text_opens_the_source_too(db):
    from bot.render.text import reply_text

    for row in list(db["documents"].rows):
        db["documents"].update(row["id"], {"url": f"https://example.org/{row['id']}"})
    for line in ("search county lines", "recs"):
        assert "Open source: https://example.org/" in reply_text(commands.dispatch(db, line))
    # a definition names the document it opens (not always the one its example quotes)
    assert re.search(
        r"Open source \([a-z0-9-]+\): https://example\.org/",
        reply_text(commands.dispatch(db, "define ROCU")),
    )
    rec = commands.dispatch(db, "recs").data[0]
    assert f"Open source: https://example.org/{rec.doc_id}" in reply_text(
        commands.dispatch(db, f"recs {rec.id}")
    )
