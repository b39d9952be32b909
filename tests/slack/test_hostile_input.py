"""Every `/rocu` sub-command with hostile input, through the console and through the real Bolt app
(signed HTTP into the waitress front, answers caught by the fake Slack): each answer is a sentence
(no traceback, no exception names), every Slack message fits Slack's limits, no mention is ever
live, the store is unchanged unless the command writes, and nothing typed reaches the logs.

One seeded store and one running app serve the whole module, so the sweep stays quick."""

from __future__ import annotations

import hashlib
import http.client
import json
import logging
import re
import time
from urllib.parse import urlencode

import pytest
from slack_rig import SECRET, command_fields, mrkdwn_texts
from slack_server import message_problem, signed_headers

from bot.slack.logs import SafeFormatter

# Who may change the library in the shared ``world`` (tests/conftest.py): the asker, so the
# paths that add, remove and teach run.
WORLD_EDITORS = "U0ASKER"
CANARY = "Quagmirefox"  # in every input with words: it must never reach a log line

HOSTILE = {
    "empty": "",
    "whitespace": " \t \u3000 ",
    "long": (f"county lines {CANARY} " * 260).strip(),  # over 5,000 characters
    "fts-quote": f'"{CANARY} "county',
    "fts-star": f"{CANARY}* * lines*",
    "fts-near": f"NEAR({CANARY} lines, 2",
    "fts-bool": f"{CANARY} AND OR NOT",
    "fts-caret": f"^{CANARY} ^ lines",
    "fts-column": f"title:{CANARY} text:lines passages_fts:x",
    "mentions": f"<!channel> <!here> <@U123> <!subteam^S123|@team> {CANARY}",
    "sql": f"'; DROP TABLE documents;-- {CANARY}",
    "control": f"{CANARY}\x00\x01\x07\x1b[2J\r\n2026-01-01 INFO rocu forged",
    "unicode": f"🚓👮 {CANARY} \u202egnirts\u202c \u200b\u200d\ufeff\u2028x",
    "loopback-url": f"http://127.0.0.1:9/{CANARY}",
    "private-url": f"http://10.1.2.3/{CANARY}?a=1&b=<2>",
    "slack-link": f"<https://example.invalid/{CANARY}|{CANARY} link>",
}

ANY_MISSES = {"glossary_misses"}  # a look-up that finds nothing is noted for the team
TEAM = {"glossary_team", "glossary_state", "glossary_misses"}
# sub-command line -> the tables it may change (none: it only reads)
COMMANDS = {
    "search {}": set(),
    "docs {}": set(),
    "doc {}": set(),
    "define {}": ANY_MISSES,
    "define QXZ = {}": TEAM,
    "define {} = Quokka Exchange Zone": TEAM,
    "define --forget {}": TEAM,
    "recs {}": set(),
    "recs to:{}": set(),
    "recs due:{}": set(),
    "recs status:{}": set(),
    "recs export csv {}": set(),
    "help {}": set(),
    "digest {}": set(),
    "watch {}": {"watches"},
    "watches {}": set(),
    "unwatch {}": {"watches"},
    "add {}": set(),  # loopback, private and unreachable addresses are refused
    "remove {}": set(),  # nothing here names a document exactly
}
NEVER_COMPARED = {"slack_posts", "_health", "adds_pending", "conversation_threads"}  # post ledger,
# health probe, adds in progress, what a thread rocu answered in is about (its follow-ups)
LIVE_MENTIONS = ("<!channel>", "<!here>", "<@U123>", "<!subteam^S123")
INTERNALS = re.compile(r"Traceback|\bError:|[a-z]Error\b|Exception\b|something went wrong|File \"")


def fingerprint(db, skip: set[str]) -> str:
    """A digest of every table's rows but ``skip``'s (and full-text indexes' shadow tables, which
    follow their own tables)."""
    digest = hashlib.sha1()
    for table in sorted(db.table_names()):
        if table in skip | NEVER_COMPARED or re.search(r"_(data|idx|docsize|config|vocab)$", table):
            continue
        for row in sorted(repr(tuple(row)) for row in db.execute(f"select * from [{table}]")):
            digest.update(row.encode())
    return digest.hexdigest()


def logged(caplog) -> str:
    """What the log would hold: every record at INFO and above, as rocu's formatter writes it."""
    formatter = SafeFormatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(r) for r in caplog.records if r.levelno >= logging.INFO)


def live_mentions(message: dict) -> list[str]:
    """The hostile mentions Slack would act on: in the message's text and its mrkdwn (plain_text,
    such as a header, is never parsed for mentions)."""
    texts = [str(message.get("text") or "")] + mrkdwn_texts(message.get("blocks") or [])
    return [m for m in LIVE_MENTIONS for text in texts if m in text]


def assert_sentence(text: str, where: str) -> None:
    assert text and re.search(r"[A-Za-z]{2}", text), f"{where}: no answer"
    found = INTERNALS.search(text)
    assert not found, f"{where}: internals shown: {text[max(0, found.start() - 80) :][:200]!r}"


def slack_answers(rig, name: str, uploads_before: int) -> list[dict]:
    """What Slack got for one command: its response_url answers (the last one final; "Reading"
    is followed by the card), or an upload's comment."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        answers = rig.slack.responses(name)
        if len(rig.slack.uploads) > uploads_before and not answers:
            return [{"text": rig.slack.uploads[-1]["initial_comment"] or "uploaded", "blocks": []}]
        if answers and "Reading" not in json.dumps(answers[-1].body):
            for answer in answers:
                assert answer.status == 200, (answer.status, answer.body)
            return [a.body for a in answers]
        time.sleep(0.01)
    raise AssertionError(f"no answer from Slack for {name}")


# sub-commands that take no argument (it is ignored) get a few of the inputs, to keep this quick
NO_ARGUMENT = {"docs {}", "watches {}", "help {}"}
FEW = {"long", "mentions", "control", "sql"}
CASES = [
    (template, kind)
    for template in COMMANDS
    for kind in HOSTILE
    if template not in NO_ARGUMENT or kind in FEW
]


@pytest.mark.parametrize("template, kind", CASES)
def test_hostile_input(world, caplog, template, kind):
    path, db, prompt, rig, _ = world
    caplog.set_level(logging.INFO)
    line = template.format(HOSTILE[kind])
    may_change = COMMANDS[template]

    before = fingerprint(db, may_change)
    answer = prompt.answer(line)
    assert answer is not None  # not taken for "quit"
    if line.strip():
        assert_sentence(answer, "console")

    uploads = len(rig.slack.uploads)
    status, ack, name = rig.command(line)
    assert status == 200 and "Traceback" not in ack
    for message in slack_answers(rig, name, uploads):
        where = f"slack {name}"
        assert message_problem(message) is None, message_problem(message)
        wire = json.dumps(message, ensure_ascii=False)
        assert not live_mentions(message), f"{where}: a live mention"
        assert_sentence(message.get("text") or wire, where)
        assert len(message.get("text") or "") <= 4000
    assert fingerprint(db, may_change) == before, "the console or Slack answer changed the store"

    text = logged(caplog)
    assert CANARY not in text and CANARY.lower() not in text.lower(), "typed words were logged"
    assert "forged" not in text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error was logged"


@pytest.mark.parametrize("template", ["{}", "add {}"])  # a question; adding from a thread
@pytest.mark.parametrize("kind", [k for k in HOSTILE if HOSTILE[k].strip()])
def test_hostile_mention(world, caplog, kind, template):
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    before = fingerprint(db, set())
    rig.slack.clear()  # one test at a time: what arrives now answers this mention
    assert rig.mention(template.format(HOSTILE[kind]), ts="1700000000.000100") == 200
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        posts = [
            call
            for method in ("chat.postMessage", "chat.postEphemeral", "chat.update")
            for call in rig.slack.calls(method)
        ]
        final = [p for p in posts if "Reading" not in json.dumps(p.body)]
        if final:
            break
        time.sleep(0.01)
    assert final, "no answer in the thread"
    for call in posts:
        assert call.status == 200 and message_problem(call.body) is None
        wire = json.dumps(call.body, ensure_ascii=False)
        assert not live_mentions(call.body), "a live mention"
        assert_sentence(call.body.get("text") or wire, "mention")
    assert fingerprint(db, set()) == before
    assert CANARY not in logged(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# -- removing needs a document's exact name ------------------------------------------------------


@pytest.mark.parametrize("typed", [".", "a", "2019", "pac", "txt", "PAC-SOC"])
def test_remove_takes_only_a_documents_exact_name(world, typed):
    _, db, prompt, rig, _ = world
    before = db["documents"].count
    assert "no document" in prompt.answer(f"remove {typed}").lower()
    status, _, name = rig.command(f"remove {typed}")
    assert status == 200
    answer = slack_answers(rig, name, len(rig.slack.uploads))[-1]
    assert "There is no document called" in answer["text"]
    assert db["documents"].count == before


# -- malformed requests on the HTTP server -------------------------------------------------------


def _post(rig, body: str, content_type: str = "application/x-www-form-urlencoded", **headers):
    signed = {**signed_headers(body, SECRET, content_type=content_type), **headers}
    return rig.post(body, signed)


def _fields(rig, **changes) -> dict:
    fields = command_fields(f"search {CANARY}", rig.slack.response_url("malformed"))
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


MALFORMED = {
    "no command": (lambda rig: urlencode(_fields(rig, command=None)), 404),
    "no user": (lambda rig: urlencode(_fields(rig, user_id=None)), 400),
    "no channel": (lambda rig: urlencode(_fields(rig, channel_id=None)), 400),
    "no team": (lambda rig: urlencode(_fields(rig, team_id=None)), 400),
    "no response_url": (lambda rig: urlencode(_fields(rig, response_url=None)), 400),
    "text a number": (lambda rig: json.dumps(_fields(rig, text=5)), 400),
    "user a list": (lambda rig: json.dumps(_fields(rig, user_id=["U1"])), 400),
    "event a string": (lambda rig: json.dumps({"type": "event_callback", "event": CANARY}), 400),
    "event text a number": (
        lambda rig: json.dumps(
            {"type": "event_callback", "event": {"type": "app_mention", "text": 5, "user": "U1"}}
        ),
        400,
    ),
    "actions a string": (
        lambda rig: urlencode({"payload": json.dumps({"type": "block_actions", "actions": "x"})}),
        400,
    ),
    "view a number": (
        lambda rig: urlencode({"payload": json.dumps({"type": "view_submission", "view": 5})}),
        400,
    ),
    "unknown type": (lambda rig: json.dumps({"type": "whatever", "text": CANARY}), 404),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_signed_payload_is_a_4xx_with_a_sentence(world, caplog, case):
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    make, expected = MALFORMED[case]
    body = make(rig)
    content_type = "application/json" if body.startswith("{") else None
    status, text = _post(rig, body, content_type or "application/x-www-form-urlencoded")
    assert status == expected, (status, text)
    assert_sentence(text, case)
    assert text.strip().endswith(".") and "\n" not in text.strip()
    assert CANARY not in logged(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_bad_signature_stale_timestamp_and_huge_body_are_4xx_with_a_sentence(world, caplog):
    _, _, _, rig, _ = world
    caplog.set_level(logging.INFO)
    body = urlencode(_fields(rig))
    cases = [
        (signed_headers(body, "not-the-secret"), 401, "not valid"),
        (signed_headers(body, SECRET, timestamp=int(time.time()) - 600), 401, "too old"),
        (signed_headers(body, SECRET, timestamp=int(time.time()) + 600), 401, "too old"),
        ({**signed_headers(body, SECRET), "X-Slack-Request-Timestamp": "soon"}, 400, "number"),
        ({"Content-Type": "application/x-www-form-urlencoded"}, 401, "not signed"),
    ]
    for headers, expected, words in cases:
        status, text = rig.post(body, headers)
        assert (status, words in text) == (expected, True), (status, text)
        assert_sentence(text, words)
    huge = urlencode(_fields(rig, text=CANARY * 200_000))  # over the 2 MB limit
    status, text = post_unread(rig, huge, signed_headers(huge, SECRET))
    assert status == 413 and "too large" in text
    assert CANARY not in logged(caplog)
    assert rig.slack.responses("malformed") == []  # none of them was answered


def post_unread(rig, body: str, headers: dict) -> tuple[int, str]:
    """POST ``body`` when the server may answer before reading it (a refused size): the sending
    may break off; (status, text) of the answer."""
    host, port = rig.base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest("POST", "/slack/events")
    for name, value in {**headers, "Content-Length": str(len(body.encode()))}.items():
        conn.putheader(name, value)
    conn.endheaders()
    try:
        conn.send(body.encode())
    except OSError:
        pass  # answered and closed before it was all sent
    response = conn.getresponse()
    try:
        return response.status, response.read().decode()
    finally:
        conn.close()


# -- button values that Slack would never send back as we made them ------------------------------

BUTTON_VALUES = {
    "not json": "not json {",
    "json list": "[1, 2]",
    "page a word": json.dumps({"t": "search county lines", "p": "two"}),
    "page negative": json.dumps({"t": "search county lines", "p": -3}),
    "page huge": json.dumps({"t": "search county lines", "p": 10**20}),
    "page far": json.dumps({"t": "search county lines", "p": 10**6}),
    "line a number": json.dumps({"t": 12, "p": 0}),
    "line hostile": json.dumps({"t": f"search <!channel> {CANARY}\x00", "p": 1}),
    "line a write": json.dumps({"t": f"unwatch 1 {CANARY}", "p": 0}),
}


@pytest.mark.parametrize("action", ["rocu_page_next", "rocu_share", "rocu_full"])
@pytest.mark.parametrize("case", list(BUTTON_VALUES))
def test_hostile_button_values(world, caplog, case, action):
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    before = fingerprint(db, set())
    name = rig.click({"action_id": action, "value": BUTTON_VALUES[case]}, ephemeral=True)
    answers = slack_answers(rig, name, len(rig.slack.uploads))
    time.sleep(0.05)  # a share posts twice: the private original goes, then the answer
    for message in [r.body for r in rig.slack.responses(name)] or answers:
        assert message_problem(message) is None
        wire = json.dumps(message, ensure_ascii=False)
        assert not live_mentions(message), "a live mention"
        if not message.get("delete_original"):
            assert_sentence(message.get("text") or wire, case)
    assert fingerprint(db, set()) == before
    assert CANARY not in logged(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error was logged"


# -- the "Edit details" modal submitted with hostile values -------------------------------------


def submit_edit(rig, view: dict, values: dict, metadata: str | None = None) -> tuple[int, str]:
    state = {}
    for field, value in values.items():
        element = (
            {"type": "static_select", "selected_option": {"value": value}}
            if field == "type"
            else {"type": "plain_text_input", "value": value}
        )
        state[field] = {field: element}
    rig.counter += 1  # each submission its own view hash: the same signed request twice is a replay
    view = {**view, "id": "V0HOSTILE", "hash": f"h{rig.counter}", "state": {"values": state}}
    if metadata is not None:
        view["private_metadata"] = metadata
    payload = {
        "type": "view_submission",
        "user": {"id": "U0ASKER", "team_id": "T0TEST"},
        "team": {"id": "T0TEST"},
        "view": view,
    }
    return rig.post(urlencode({"payload": json.dumps(payload)}))


@pytest.mark.parametrize("field", ["title", "author", "url", "date", "type"])
def test_hostile_edit_details(world, caplog, field):
    _, db, _, rig, _ = world
    caplog.set_level(logging.INFO)
    doc_id = "nca-police-blog-2013"
    opened = len(rig.slack.calls("views.open"))
    edit = {"action_id": "rocu_doc_edit", "value": doc_id}
    rig.click(edit, user="U0ASKER", trigger_id=f"edit.{field}")  # a trigger is used once
    view = rig.slack.wait_for("views.open", count=opened + 1)[-1].body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    for kind, value in HOSTILE.items():
        values = {"title": "A title", "type": "report", field: value}
        status, ack = submit_edit(rig, view, values)
        assert status == 200, (kind, status, ack)
        if ack:  # refused in the modal: each error a short sentence
            for sentence in json.loads(ack)["errors"].values():
                assert_sentence(sentence, f"{field} {kind}")
        card = rig.answer(f"doc {doc_id}")
        assert not live_mentions(card), f"{field} {kind}: a live mention on the card"
        assert_sentence(card["text"], f"{field} {kind}")
    for metadata in ("not json", "[1]", json.dumps({"doc": 5}), json.dumps({"doc": "gone"})):
        status, ack = submit_edit(rig, view, {"title": "A title", "type": "report"}, metadata)
        assert status == 200, (metadata, status, ack)
        assert_sentence(" ".join(json.loads(ack)["errors"].values()), metadata)
    assert CANARY not in logged(caplog)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "an error was logged"
