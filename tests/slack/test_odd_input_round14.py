"""Round 14: odd input generated from a seed and sent through the real Bolt app (signed HTTP into
the waitress front, the fake Slack answering) and the console, looking for what breaks
systematically rather than one input at a time.

* Lines built from odd fragments (blank, control, right-to-left and zero-width characters, emoji,
  mentions, Slack's escapes, FTS5 and SQL syntax, 40,000 characters) after every subcommand, as a
  slash command, a mention, a direct message and the Home tab's search box: each answer a
  sentence Slack would take, no live mention, nothing typed in the logs, no error logged.
* Signed payloads whose fields have the wrong types (a shape fuzz of buttons, modals, shortcuts
  and events): a 4xx with one sentence or a quiet 200, never a 500 and never a listener failing
  after the ack. The cases it found are kept by name below.
* Files sent in a direct message: empty, cut short, encrypted, mislabelled, binary: one sentence
  that calls a file a file, nothing stored; the same file four times at once is stored once and
  the full-text index stays in step.

Every text here is written for these tests (the canary words are invented)."""

from __future__ import annotations

import copy
import io
import json
import logging
import random
import threading
import time
from urllib.parse import urlencode

import pytest
from pdf_writer import pdf_from_streams
from slack_rig import SECRET, buttons, event_body, start_rig
from slack_server import message_problem, signed_headers
from test_hostile_input import assert_sentence, fingerprint, live_mentions, logged, slack_answers

from bot.library import fetch
from bot.library.store import writing
from bot.render import home as render_home
from bot.slack import payloads
from bot.slack.http import stop

WORLD_EDITORS = "U0ASKER"  # the shared ``world``: the asker may add, so the add paths run
CANARY = "Zebrafinchly"  # in every generated input with words: never in a log line
POSTS = ("chat.postMessage", "chat.postEphemeral", "chat.update")

FRAGMENTS = [
    "",
    " ",
    "\t\n\u3000",
    CANARY,
    f"county lines {CANARY}",
    "\x00\x01\x1b[2J\r\n",
    "\u202e\u2066\u200f\u200b\u200d\ufeff",
    "مرحبا שלום",
    "🚓👮🏽‍♀️🇬🇧",
    "<!channel>",
    "<!here|here>",
    "<@U123>",
    "<@U123|jane>",
    "<#C1|x>",
    "<!subteam^S1|@team>",
    "&lt;b&gt; &amp;amp; &lt;",
    "NEAR(",
    '"',
    "*",
    "col:",
    "title:x",
    "^",
    "AND OR NOT",
    "'; DROP TABLE documents;--",
    "%s %d {0} {}",
    "\\",
    "<https://example.invalid/x|a link>",
    "ROCU",
    "?",
    "--json",
    "=",
    "--",
    "me",
    "-1",
    "99999999999999999999",
    "due:",
    "to:",
    "status:",
]
VERBS = [
    "",
    "search ",
    "define ",
    "define QZX = ",
    "define --forget ",
    "recs ",
    "recs to:",
    "docs ",
    "doc ",
    "help ",
    "digest ",
    "watch me ",
    "watches ",
    "unwatch me ",
    "more ",
    "back ",
    "glossary ",
    "add ",
    "remove ",
]
HUGE = 40_000  # characters: the most a Slack message holds


def odd_text(rng: random.Random) -> str:
    """One to four fragments; one time in twenty grown to 40,000 characters."""
    text = rng.choice(["", " "]).join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.05:
        text = ((text + " ") * (HUGE // (len(text) + 1) + 1))[:HUGE] if text.strip() else "a" * HUGE
    return text


def odd_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VERBS) + odd_text(rng) for _ in range(count)]


def quiet_logs(caplog) -> None:
    """Nothing typed in the logs, and no error logged. (A refused connection is an earlier test's
    answer still going to its fake Slack, now stopped: this module's fake Slack is up.)"""
    assert CANARY.lower() not in logged(caplog).lower(), "typed words were logged"
    errors = [
        f"{r.name}: {r.getMessage()[:200]}"
        for r in caplog.records
        if r.levelno >= logging.ERROR and "Connection refused" not in r.getMessage()
    ]
    assert not errors, errors


def posts(rig) -> list:
    return [call for method in POSTS for call in rig.slack.calls(method)]


def settled_posts(rig, timeout: float) -> list:
    """What was posted once a final answer (not "Reading ...") arrived, or at ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if [p for p in posts(rig) if "Reading" not in json.dumps(p.body)]:
            time.sleep(0.1)  # anything posted after it would be a second answer
            break
        time.sleep(0.01)
    return posts(rig)


def assert_fit(messages, where: str) -> None:
    for message in messages:
        assert message_problem(message) is None, (where, message_problem(message))
        assert not live_mentions(message), f"{where}: a live mention"
        assert_sentence(message.get("text") or json.dumps(message, ensure_ascii=False), where)


# -- generated lines -----------------------------------------------------------------------------


@pytest.mark.parametrize("line", odd_lines(14, 60))
def test_a_generated_line_as_a_slash_command_and_on_the_console(world, caplog, line):
    _, _, prompt, rig, _ = world
    caplog.set_level(logging.INFO)
    answer = prompt.answer(line)
    if line.strip() and answer is not None:
        assert_sentence(answer, "console")
    uploads = len(rig.slack.uploads)
    status, ack, name = rig.command(line)
    assert status == 200, (status, ack)
    answers = slack_answers(rig, name, uploads)
    assert_fit(answers, name)
    finals = [a for a in answers if "Reading" not in json.dumps(a)]
    assert len(finals) == 1, "answered more than once"
    quiet_logs(caplog)


@pytest.mark.parametrize("where", ["mention", "dm"])
@pytest.mark.parametrize("line", [line for line in odd_lines(41, 24) if line.strip()])
def test_a_generated_line_as_a_mention_or_direct_message(world, caplog, line, where):
    _, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    rig.slack.clear()
    if where == "mention":
        assert rig.mention(line, ts="1700000000.000100") == 200
    else:
        dm = {"type": "message", "channel_type": "im", "channel": "D0DM", "user": "U0ASKER"}
        assert rig.event({**dm, "text": line, "ts": "1700000001.000100"}) == 200
    sent = settled_posts(rig, 15)
    uploaded = len(rig.slack.uploads)
    assert sent or uploaded, "no answer"
    assert all(call.status == 200 for call in sent)
    assert_fit([call.body for call in sent], where)
    assert len([p for p in sent if "Reading" not in json.dumps(p.body)]) == 1, "answered twice"
    quiet_logs(caplog)


def home_search(rig, typed: str) -> tuple[int, str]:
    rig.counter += 1
    state = {render_home.INPUT_BLOCK: {render_home.INPUT_ACTION: {"value": typed}}}
    state[render_home.INPUT_BLOCK][render_home.INPUT_ACTION]["type"] = "plain_text_input"
    view = {
        "id": f"VH{rig.counter}",
        "hash": f"h{rig.counter}",
        "type": "modal",
        "callback_id": render_home.SEARCH_VIEW,
        "blocks": [],
        "state": {"values": state},
    }
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEST"},
        "user": {"id": "U0ASKER", "team_id": "T0TEST"},
        "api_app_id": "A0ROCU",
        "trigger_id": "t.home",
        "view": view,
    }
    return rig.post(urlencode({"payload": json.dumps(payload)}))


@pytest.mark.parametrize("line", [line for line in odd_lines(77, 20) if " ".join(line.split())])
def test_a_generated_line_in_the_home_search_box(world, caplog, line):
    _, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    rig.slack.clear()
    status, body = home_search(rig, line)
    assert status == 200, (status, body)
    sent = settled_posts(rig, 15)
    assert sent or rig.slack.uploads, "no answer"
    assert_fit([call.body for call in sent], "home search")
    quiet_logs(caplog)


def test_a_40000_character_message_in_any_script_is_answered_not_refused(world, caplog):
    """An event carries a message twice (text and rich-text blocks): 40,000 characters of Chinese
    were over the old 256 KB body limit, a 413 that Slack re-delivers and then drops."""
    _, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    rig.slack.clear()
    text = ("警方 " * (HUGE // 3))[:HUGE]
    words = [{"type": "text", "text": text}]
    rich = [{"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": words}]}]
    dm = {"type": "message", "channel_type": "im", "channel": "D0DM", "user": "U0ASKER"}
    event = {**dm, "text": text, "blocks": rich, "ts": "1700000002.000100", "event_ts": "1.0"}
    body = event_body(event, "EvHUGE")
    assert len(body.encode()) > 256 * 1024
    status, answer = rig.post(body, signed_headers(body, SECRET, content_type="application/json"))
    assert status == 200, (status, answer)
    sent = settled_posts(rig, 15)
    assert sent, "no answer"
    assert_fit([call.body for call in sent], "huge")
    quiet_logs(caplog)


# -- signed payloads of the wrong shape ----------------------------------------------------------

ACTIONS = [
    ("rocu_page_next", json.dumps({"t": "search police", "p": 1})),
    ("rocu_share", json.dumps({"t": "define ROCU", "p": 0})),
    ("rocu_full", json.dumps({"t": "search police", "p": 0})),
    ("rocu_feedback_up", json.dumps({"q": "police", "k": "search", "ids": [1]})),
    ("rocu_doc_edit", "nca-police-blog-2013"),
    ("rocu_status", "1"),
    ("rocu_home_search", None),
    ("rocu_home_addressee", None),
]
VIEWS = ["rocu_home_search_view", "rocu_home_add_view", "rocu_doc_edit_view", "rocu_status"]
ODD_VALUES = [None, 0, -1, 10**30, 1.5, True, "", " ", [], [1], {}, {"id": 5}, "x" * 5000]
ODD_VALUES += [f"<!channel> {CANARY}", "\x00", ["a", None], [{}], {"value": None}]


def interaction(rng: random.Random, rig) -> dict:
    """A plausible button click, modal submission or shortcut, before it is spoilt."""
    kind = rng.choice(["block_actions", "view_submission", "view_closed", "message_action"])
    rig.counter += 1
    base = {
        "type": kind,
        "user": {"id": "U0ASKER", "team_id": "T0TEST", "name": "asker"},
        "team": {"id": "T0TEST"},
        "channel": {"id": "C0GENERAL"},
        "api_app_id": "A0ROCU",
        "response_url": rig.slack.response_url(f"shape{rig.counter}"),
        "trigger_id": f"shape.{rig.counter}",
    }
    if kind == "block_actions":
        action_id, value = rng.choice(ACTIONS)
        action = {"type": "button", "action_id": action_id, "block_id": "b", "value": value}
        action.update(action_ts="1.2", selected_option={"value": "Home Office"})
        base.update(actions=[action], message={"ts": "1.1", "text": "x", "blocks": []})
        base["container"] = {"type": "message", "message_ts": "1.1", "is_ephemeral": False}
    elif kind == "message_action":
        base["callback_id"] = "rocu_add_to_library"
        text = f"{CANARY} https://example.invalid/a.pdf"
        files = [{"id": "F1", "name": f"{CANARY}.txt"}]
        base["message"] = {"ts": "1.1", "user": "U0ASKER", "text": text, "files": files}
    else:
        typed = {"type": "plain_text_input", "value": f"{CANARY} police"}
        base["view"] = {
            "id": "V1",
            "hash": f"h{rig.counter}",
            "type": "modal",
            "callback_id": rng.choice(VIEWS),
            "private_metadata": json.dumps({"doc": "nca-police-blog-2013", "id": 1}),
            "blocks": [],
            "state": {"values": {render_home.INPUT_BLOCK: {render_home.INPUT_ACTION: typed}}},
        }
    return base


def an_event(rng: random.Random) -> dict:
    """A plausible event delivery (a mention, a message, a DM, the Home tab, a file), unspoilt."""
    kind = rng.choice(["app_mention", "message", "app_home_opened", "file_shared", "im"])
    event = {"type": kind, "user": "U0ASKER", "channel": "C0GENERAL", "ts": f"{rng.random()}"}
    event.update(event_ts="1.0", text=f"<@UBOT0001> {CANARY} police", team="T0TEST")
    if kind == "im":
        event.update(type="message", channel="D0DM", channel_type="im", text=f"{CANARY} police")
    if kind == "app_home_opened":
        event.update(tab="home", view={"id": "V1", "type": "home"})
    if kind == "file_shared":
        event.update(file_id="F9", file={"id": "F9"}, channel_id="D0DM", user_id="U0ASKER")
    return json.loads(event_body(event, f"Ev{rng.random()}"))


def spoil(rng: random.Random, payload: dict) -> dict:
    """One to three fields, anywhere in ``payload``, dropped or given an odd value."""
    payload = copy.deepcopy(payload)

    def paths(node, prefix=()):
        if prefix:
            yield prefix
        if isinstance(node, dict | list):
            items = node.items() if isinstance(node, dict) else enumerate(node)
        else:
            items = ()
        for key, value in items:
            yield from paths(value, (*prefix, key))

    found = list(paths(payload))
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(found)
        parent = payload
        try:
            for key in path[:-1]:
                parent = parent[key]
            if rng.random() < 0.3 and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = rng.choice(ODD_VALUES)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change moved this path
    return payload


def send_payload(rig, payload: dict, cut: int | None = None) -> tuple[int, str]:
    if payload.get("type") == "event_callback":
        body, content_type = json.dumps(payload), "application/json"
    else:
        body = urlencode({"payload": json.dumps(payload)})
        content_type = "application/x-www-form-urlencoded"
    body = body[:cut] if cut else body
    return rig.post(body, signed_headers(body, SECRET, content_type=content_type))


def spoilt_payloads(seed: int, count: int, rig) -> list[tuple[dict, int | None]]:
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        payload = spoil(rng, interaction(rng, rig) if rng.random() < 0.5 else an_event(rng))
        made.append((payload, rng.randint(1, 400) if rng.random() < 0.1 else None))
    return made


def test_signed_payloads_of_the_wrong_shape_never_fail_inside_bolt_or_a_listener(world, caplog):
    """200 seeded payloads, each with up to three fields dropped or of the wrong type (or the body
    cut short): before round 14 about one in eight was a 500 from inside Bolt or a listener
    failing after the ack."""
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    before = fingerprint(db, {"answer_feedback", "glossary_misses", "status_history"})
    for payload, cut in spoilt_payloads(1414, 200, rig):
        status, text = send_payload(rig, payload, cut)
        assert status in (200, 400, 404), (status, text, json.dumps(payload)[:300])
        if status != 200:
            assert_sentence(text, "refusal")
            assert text.strip().endswith(".") and "\n" not in text.strip()
    time.sleep(1.0)  # listeners after their acks
    quiet_logs(caplog)
    assert rig.answer("define ROCU")["text"]  # still answering
    assert fingerprint(db, {"answer_feedback", "glossary_misses", "status_history"}) == before


def _event(**event) -> dict:
    return json.loads(event_body({"type": "app_mention", "user": "U0ASKER", **event}, "EvShape"))


def _click(**changes) -> dict:
    action = {"type": "button", "action_id": "rocu_page_next", "value": "{}", "block_id": "b"}
    payload = {
        "type": "block_actions",
        "user": {"id": "U0ASKER"},
        "team": {"id": "T0TEST"},
        "actions": [action],
        "trigger_id": "t.1",
    }
    return {**payload, **changes}


# what the fuzz found, each a 500 from inside Bolt or a listener failing after its ack
FOUND = {
    "authorizations holding a list": {**_event(channel="C1", ts="1.0"), "authorizations": [[]]},
    "an event's user true": _event(type="file_shared", user=True, file_id="F1"),
    "an event id an object": {**_event(channel="C1", ts="1.0"), "event_id": {"id": "Ev1"}},
    "an event's team an object": _event(channel="C1", ts="1.0", team={"id": "T0TEST"}),
    "a mention without a channel": _event(ts="1.0", text="<@UBOT0001> police"),
    "a modal closed without its view": {**_click(type="view_closed"), "view": None},
    "a modal submitted with a view of no type": {
        **_click(type="view_submission"),
        "view": {"id": "V1", "callback_id": "rocu_status"},
    },
    "a click with no actions": _click(actions=[]),
    "a click whose action has no id": _click(actions=[{"type": "button", "value": "x"}]),
    "a shortcut's message text a number": {
        **_click(type="message_action", callback_id="rocu_add_to_library"),
        "message": {"ts": "1.1", "text": 1.5},
    },
    "a file that is a word": {
        **_click(type="message_action", callback_id="rocu_add_to_library"),
        "message": {"ts": "1.1", "text": "x", "files": ["F1"]},
    },
}


@pytest.mark.parametrize("case", list(FOUND))
def test_what_the_shape_fuzz_found_is_a_400_with_a_sentence(world, caplog, case):
    _, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    status, text = send_payload(rig, FOUND[case])
    assert status == 400, (status, text)
    assert "does not have the type Slack gives it" in text or text.strip().endswith(".")
    assert payloads.payload_problem(FOUND[case])
    time.sleep(0.2)
    quiet_logs(caplog)


def test_real_slack_shapes_pass_the_shape_check():
    """Payloads as Slack sends them, with the fields the check must leave alone: a button's text
    object, Block Kit in a message, a rich-text input's value, file objects, a Home view."""
    button = {"type": "plain_text", "text": "More results", "emoji": True}
    click = _click(
        actions=[{"type": "button", "action_id": "rocu_page_next", "text": button, "value": "1"}],
        message={"ts": "1.1", "text": "x", "blocks": [{"type": "section", "text": button}]},
        view={"type": "home", "id": "V1", "title": button, "close": None, "state": {"values": {}}},
        container={"type": "message", "message_ts": "1.1", "is_ephemeral": True},
    )
    rich = {"type": "rich_text", "elements": [{"type": "text", "text": "x"}]}
    state = {"values": {"b": {"a": {"type": "rich_text_input", "rich_text_value": rich}}}}
    view = {"type": "modal", "id": "V1", "callback_id": "c", "state": state, "submit": button}
    submitted = {**_click(type="view_submission"), "view": view, "response_urls": []}
    file = {"id": "F1", "name": "a.pdf", "size": 12, "shares": {"public": {"C1": [{"ts": "1"}]}}}
    dm = _event(type="message", channel="D1", ts="1.0", text="hi", files=[file], blocks=[rich])
    for payload in (click, submitted, dm, _event(channel="C1", ts="1.0", text="<@U1> hi")):
        assert payloads.payload_problem(payload) is None, payload


def test_the_shape_check_switched_off(monkeypatch):
    monkeypatch.setattr(payloads, "SHAPE_TEXT", frozenset())
    assert payloads.payload_problem(FOUND["an event's user true"]) is None


def test_a_shortcut_answered_already_does_not_fail_after_its_ack(world, caplog):
    """Two shortcuts on a message with nothing to add that share a response_url: the second
    private answer is not sent again, and that is no listener failure."""
    _, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    url = rig.slack.response_url("shortcut-twice")
    for n in range(2):
        payload = {
            "type": "message_action",
            "callback_id": "rocu_add_to_library",
            "user": {"id": "U0ASKER"},
            "team": {"id": "T0TEST"},
            "channel": {"id": "C0GENERAL"},
            "message": {"ts": "1.1", "user": "U0ASKER", "text": "no links here"},
            "response_url": url,
            "trigger_id": f"twice.{n}",
        }
        assert send_payload(rig, payload)[0] == 200
    rig.slack.wait_for("response:shortcut-twice")
    time.sleep(0.5)
    assert len(rig.slack.responses("shortcut-twice")) == 1
    quiet_logs(caplog)


# -- odd files in a direct message ---------------------------------------------------------------


def small_pdf() -> bytes:
    lines = [f"The {CANARY} review of regional units", "It found the units worked together."]
    text = "".join(f"({line}) Tj 0 -16 Td " for line in lines)
    return pdf_from_streams([f"BT /F1 12 Tf 72 720 Td {text}ET"])


def small_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(f"The {CANARY} panel notes")
    document.add_paragraph("The panel met and agreed the plan for the next year of work. " * 3)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def locked_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf())))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# file -> (bytes, Slack's mimetype, what the answer says)
ODD_FILES = {
    "empty.txt": (b"", "text/plain", "That file is empty."),
    "blank.md": (b" \n\t\n" * 100, "text/markdown", "That file is empty."),
    "cut-short.pdf": (small_pdf()[:200], "application/pdf", "damaged or not a PDF"),
    "cut-short.docx": (small_docx()[:300], WORD, "That file's Word .docx is damaged"),
    "locked.pdf": (locked_pdf(), "application/pdf", "password-protected"),
    "binary.txt": (bytes(range(256)) * 64, "text/plain", "not text I can read"),
    "picture.png": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png", "That file is image/png"),
}


def dm_file(
    rig, name: str, data: bytes, mimetype: str, channel: str = "D0DM", ts: str = ""
) -> None:
    file = rig.slack.add_file(name, data, mimetype)
    dm = {"type": "message", "channel_type": "im", "channel": channel, "user": "U0ASKER"}
    rig.event({**dm, "text": "", "ts": ts or f"{time.time():.6f}", "files": [file]})


def index_in_step(db) -> None:
    # The check writes: where the meaning extra is installed, the app may still be embedding the
    # new passages after its answer went (the write lock held past the store's 10 s wait on a
    # loaded machine), so this wait is longer.
    db.conn.execute("PRAGMA busy_timeout = 120000")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Through the store's write path (the lock file, then BEGIN IMMEDIATE): as a bare statement
    # it ran in a deferred transaction that read the full-text table's settings first, and
    # SQLite does not wait to turn a read into a write, so with the app writing its bookkeeping
    # at that moment it failed at once with "database is locked" (round 17, now and then under
    # load; tests/library/test_fts_write_behind_a_writer_round18.py).
    with writing(db):
        db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("name", list(ODD_FILES))
def test_an_odd_file_gets_one_sentence_calling_it_a_file_and_nothing_is_stored(world, caplog, name):
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    rig.slack.clear()
    data, mimetype, says = ODD_FILES[name]
    before = fingerprint(db, set())
    dm_file(rig, f"{CANARY}-{name}", data, mimetype)
    sent = settled_posts(rig, 30)
    finals = [p for p in sent if "Reading" not in json.dumps(p.body)]
    assert len(finals) == 1, [p.body.get("text") for p in sent]
    assert says in finals[0].body["text"], finals[0].body["text"]
    assert "link" not in finals[0].body["text"].lower()
    assert_fit([call.body for call in sent], name)
    assert fingerprint(db, set()) == before
    index_in_step(db)
    quiet_logs(caplog)


def test_file_wording_switched_off(monkeypatch):
    monkeypatch.setattr(fetch, "SAY_FILE", False)
    with pytest.raises(fetch.FetchError, match="The link gave an empty page"):
        fetch._describe(b"", "text/plain", "", "https://files.slack.com/x", "a.txt", "xoxb")
    with pytest.raises(fetch.FetchError, match="That link is text/plain"):
        fetch._describe(bytes(range(256)), "text/plain", "", "https://e.org/a", "a.txt", "xoxb")


def test_the_same_file_sent_four_times_at_once_is_stored_once(world):
    _, db, _, rig, _ = world
    rig.slack.clear()
    before = db["documents"].count
    file = rig.slack.add_file("race-notes.docx", small_docx(), "application/octet-stream")
    dm = {"type": "message", "channel_type": "im", "user": "U0ASKER", "text": "", "files": [file]}
    sends = [
        threading.Thread(target=rig.event, args=({**dm, "channel": f"D0R{n}", "ts": f"9{n}.1"},))
        for n in range(4)
    ]
    for send in sends:
        send.start()
    for send in sends:
        send.join()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        answered = {
            p.body.get("channel") for p in posts(rig) if "Reading" not in json.dumps(p.body)
        }
        if len(answered) == 4:
            break
        time.sleep(0.05)
    assert len(answered) == 4, "someone got no answer"
    assert db["documents"].count == before + 1
    finals = [p for p in posts(rig) if "Reading" not in json.dumps(p.body)]
    assert len(finals) == 4, "an answer went twice"
    index_in_step(db)


# -- after a restart -----------------------------------------------------------------------------


def test_more_results_and_a_vote_after_a_restart(db, db_path, fake_slack):
    rig, server = start_rig(db_path, fake_slack)
    found = buttons(rig.answer("police")["blocks"])
    stop(server)
    again, server = start_rig(db_path, fake_slack)
    try:
        name = again.click(found["More results"])
        page = fake_slack.wait_for(f"response:{name}")[0].body
        assert page["replace_original"] and page["text"]
        assert page["text"] != "police" and "2." not in page["text"][:3]
        name = again.click(found["👍 Helpful"])
        assert "Thanks" in fake_slack.wait_for(f"response:{name}")[0].body["text"]
        assert db["answer_feedback"].count == 1
    finally:
        stop(server)


# -- an add whose "Reading ..." cannot be rewritten ----------------------------------------------


@pytest.mark.parametrize("error", ["message_not_found", "cant_update_message"])
def test_an_add_whose_reading_message_is_gone_posts_its_card_anew_once(world, caplog, error):
    """The person deleted "Reading ..." (or Slack will not rewrite it): the card is posted as a
    new message, once, instead of being lost while the document is stored."""
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    rig.slack.clear()
    before = db["documents"].count
    rig.slack.fail("chat.update", error=error, times=1)
    notes = f"Notes of the {error.replace('_', ' ')} meeting. " * 30
    dm_file(rig, f"update-{error}.txt", notes.encode(), "text/plain")
    rig.slack.wait_for("chat.postMessage", count=2, timeout=30)
    time.sleep(0.3)
    sent = rig.slack.calls("chat.postMessage")
    assert len(sent) == 2 and "Reading" in sent[0].body["text"]
    assert "Added to the library" in sent[1].body["text"]
    assert db["documents"].count == before + 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_an_update_that_may_have_reached_slack_is_not_posted_again(world, caplog):
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    rig.slack.clear()
    rig.slack.drop_after("chat.update")
    dm_file(
        rig, "update-dropped.txt", b"Notes of the dropped meeting, kept once. " * 30, "text/plain"
    )
    rig.slack.wait_for("chat.update", timeout=30)
    time.sleep(0.5)
    assert len(rig.slack.calls("chat.postMessage")) == 1  # "Reading ..." only
    assert len(rig.slack.calls("chat.update")) == 1
    ours = [r for r in caplog.records if r.name.startswith("rocu")]  # slack_sdk logs the drop
    assert not [r for r in ours if r.levelno >= logging.ERROR]


def test_the_update_fallback_switched_off(monkeypatch):
    from slack_sdk.errors import SlackApiError

    from bot.slack import adding_answers

    class Client:
        def chat_update(self, **_):
            raise SlackApiError("no", {"ok": False, "error": "message_not_found"})

    monkeypatch.setattr(adding_answers, "UPDATE_FALLBACK", False)
    where = adding_answers.Thread(Client(), "D1", None)
    where.ts = "1.0"
    with pytest.raises(SlackApiError):
        where.update({"text": "card"})


# -- a blank Home search, a giant word -----------------------------------------------------------


def test_a_blank_home_search_keeps_the_modal_open_saying_what_to_type(world):
    _, _, _, rig, _ = world
    rig.slack.clear()
    status, body = home_search(rig, " \u3000 \t ")
    assert status == 200
    errors = json.loads(body)["errors"]
    assert list(errors.values()) == ["Type some words to search for, e.g. county lines."]
    time.sleep(0.3)
    assert posts(rig) == []


def test_the_blank_search_check_switched_off(world, monkeypatch):
    from bot.slack import home

    monkeypatch.setattr(home, "BLANK_SEARCH", "")
    _, _, _, rig, _ = world
    assert home_search(rig, "   ") == (200, "")


def test_one_giant_word_is_searched_not_dropped(world):
    """A 5,000-letter word was cut away whole (the line cut between words at 4,000 characters),
    leaving `/rocu`, answered with the usage text."""
    _, _, prompt, rig, _ = world
    line = "/rocu " + "x" * 5000
    assert prompt.answer(line).startswith("No passage holds")
    assert rig.answer("search " + "x" * 5000)["text"].startswith("No passage holds")


def test_the_giant_word_switched_off(monkeypatch):
    from bot import commands

    monkeypatch.setattr(commands, "LONG_WORD_KEPT", False)
    assert commands.route("/rocu " + "x" * 5000) == ""
    monkeypatch.setattr(commands, "LONG_WORD_KEPT", True)
    assert commands.route("/rocu " + "x" * 5000) == "x" * 3994


# -- a link that is no web address ---------------------------------------------------------------


@pytest.mark.parametrize("link", ["http://[::1", "https://[zz]/report.pdf"])
def test_a_link_python_cannot_take_apart_is_one_sentence_everywhere(world, caplog, link):
    """`rocu add http://[::1` was a traceback on the command line, and in Slack "Sorry, something
    went wrong" with an error logged (urllib's ValueError)."""
    from click.testing import CliRunner

    from bot.cli import cli

    path, db, prompt, rig, _ = world
    caplog.set_level(logging.INFO)
    before = fingerprint(db, set())
    assert prompt.answer(f"add {link}") == fetch.NOT_AN_ADDRESS
    result = CliRunner().invoke(cli, ["--db", str(path), "add", link])
    assert result.exit_code == 1 and fetch.NOT_AN_ADDRESS in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, ValueError)
    status, _, name = rig.command(f"add {link}")
    assert status == 200
    answers = slack_answers(rig, name, len(rig.slack.uploads))
    assert fetch.NOT_AN_ADDRESS in answers[-1]["text"]
    assert fingerprint(db, set()) == before
    quiet_logs(caplog)


def test_a_redirect_to_no_web_address_is_one_sentence(monkeypatch):
    from web_server import WebSite

    monkeypatch.setenv("ROCU_FETCH_ALLOW_PRIVATE", "1")
    with WebSite() as site:
        site.redirect("/moved", "http://[::1/report.pdf")
        with pytest.raises(fetch.FetchError):  # one sentence, whichever part refuses it
            fetch.fetch(site.url("/moved"))


# -- another process writing ---------------------------------------------------------------------


def test_an_answer_goes_out_while_another_process_holds_the_store(world, caplog):
    """`rocu ingest` in another process holds SQLite's write lock while it stores a document: the
    post record's writes waited the store's 10 s busy timeout before each answer. The lock is
    held until the answer has arrived (or 6 s have passed)."""
    import sqlite3

    from bot.library import ledger

    path, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    assert ledger.LEDGER_WAIT_MS < 6000
    hold = sqlite3.connect(path, timeout=1)
    hold.execute("BEGIN IMMEDIATE")
    try:
        status, _, name = rig.command("search county lines")
        assert status == 200
        answer = rig.slack.wait_for(f"response:{name}", timeout=6)[0].body
    finally:
        hold.rollback()
        hold.close()
    assert "county lines" in answer["text"].lower()
    assert "posting" in logged(caplog)  # the record could not be written: said, and sent anyway
