"""Answers under load and other writers: `rocu serve --http` driven by bursts of mixed requests
while another process writes to its store.

Starts ``rocu serve --http`` (this checkout, or ``--repo`` for a before/after comparison) on a
copy of the seed library, with a local fake Slack (``tests/slack_server.py``). Each scenario sends
bursts of ``-n`` requests at once (default 20, from as many threads), a fixed mix of every kind a
person sends: slash commands (search, define, a term nobody defined, teaching a definition,
recs, docs, digest, help, a channel watch, the same watch from three people at once, a personal
watch), 👍 votes (four people, one of them twice), status modals saved, mentions and direct
messages. Per request: the ack (HTTP status and seconds to Slack's required response) and the
first answer (seconds until it reached Slack: its response_url, a chat.post* in its thread, or
for a modal its ack). Errors: an ack slower than 3 s or not 200, an answer missing after
``--wait`` s; also counted: answers later than 3 s, answers that came only after the other
writer let go (it waited the lock out), answers saying the library is busy, and duplicates.
After each scenario the store is checked: the same watch from three people is stored once, each
person's vote once, and ``PRAGMA integrity_check`` is ok.

Scenarios (``--scenarios``, default all):

* ``quiet``: no other writer.
* ``held-both``: another process holds the lock file and SQLite's write lock (as ``rocu ingest``
  does while it stores a document) for ``--hold`` seconds (default 8) from just before the burst.
* ``held-sqlite``: another connection holds SQLite's write lock alone (a backup, a writer that
  takes no lock file).
* ``ingest``: ``rocu ingest`` of ``--corpus`` (default: the shared real-docs folders) into the
  served store in another process; a burst every ``--every`` seconds (default 4) while it runs.
* ``slow-url``: every response_url answers after ``--slow`` seconds (default 5).
* ``slow-others`` (round 16): just before the burst, 6 Home tab opens, 3 ``recs export`` and 3
  ``add`` commands (of links nobody serves) whose Slack calls (``views.publish``, the upload, the
  add's response_url) Slack takes ``--slow-others`` seconds (default 3) to answer.
* ``modals`` (round 17): as ``held-both``, with 4 "Set status" clicks among the burst; their
  answer is the modal's ``views.open`` (the click's trigger_id expires 3 s after the click).
* ``refusals`` (round 16): during ``rocu ingest`` of ``--corpus``, one person at a time votes
  (a new person each time) or saves a status every ``--probe-every`` seconds; a write refused as
  busy is tried again every 0.2 s until it is stored. Reports how many were refused and how long
  after the refusal the same write went through (what a queue would have saved the person).

    nice python bench/contention.py                         # this checkout
    nice python bench/contention.py --repo /path/to/before  # the code before
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from load import start_server  # noqa: E402
from slack_latency import SECRET, percentile  # noqa: E402
from slack_rig import command_form, status_values  # noqa: E402
from slack_server import BOT_USER_ID, TEAM_ID, FakeSlack, signed_headers  # noqa: E402

CORPORA = [Path("/work/shared/corpora/real-docs"), Path("/work/shared/corpora/real-docs-2")]
HOLDER = """
import fcntl, sqlite3, sys, time
path, how, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
handle = open(path + "-write.lock", "a+")
if how == "both":
    fcntl.flock(handle, fcntl.LOCK_EX)
conn = sqlite3.connect(path, timeout=30, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
time.sleep(secs)
conn.execute("ROLLBACK")
print("released", flush=True)
"""


class Sender:
    """Builds and sends one burst's signed requests; remembers where each answer will appear."""

    def __init__(self, port: int, slack: FakeSlack, secret: str) -> None:
        self.port, self.slack, self.secret = port, slack, secret
        self.counter = 0

    def post(self, body: str) -> tuple[int | str, float, float, str]:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/slack/events",
            data=body.encode(),
            headers=signed_headers(body, self.secret),
            method="POST",
        )
        started = time.monotonic()
        text = ""
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                text = response.read().decode()
                status: int | str = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except Exception as exc:  # noqa: BLE001 - every way a request can fail is counted
            status = type(exc).__name__
        return status, started, time.monotonic() - started, text

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def command(self, text: str, user: str = "U0BENCH") -> tuple[str, str]:
        name = self.name("c")
        url = self.slack.response_url(name)
        body = command_form(text, url, user=user, channel="C0BENCH", trigger_id=name)
        return body, f"response:{name}"

    def click(self, button: dict, user: str) -> tuple[str, str]:
        name = self.name("k")
        payload = {
            "type": "block_actions",
            "user": {"id": user, "team_id": TEAM_ID},
            "team": {"id": TEAM_ID},
            "channel": {"id": "C0BENCH"},
            "api_app_id": "A0ROCU",
            "container": {"type": "message", "message_ts": "1.1", "is_ephemeral": False},
            "response_url": self.slack.response_url(name),
            "trigger_id": name,
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": "b1",
                    "value": button.get("value"),
                    "action_ts": "1.2",
                }
            ],
        }
        return urlencode({"payload": json.dumps(payload)}), f"response:{name}"

    def event(self, text: str, dm: bool) -> tuple[str, str]:
        self.counter += 1
        ts = f"1800000000.{self.counter:06d}"
        event = {
            "type": "message" if dm else "app_mention",
            "user": "U0ASKER",
            "channel": "D0ASKER" if dm else "C0BENCH",
            "ts": ts,
            "event_ts": ts,
            "team": TEAM_ID,
            "text": text if dm else f"<@{BOT_USER_ID}> {text}",
        }
        if dm:
            event["channel_type"] = "im"
        body = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A0ROCU",
            "type": "event_callback",
            "event_id": f"EvB{self.counter}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        return json.dumps(body), f"thread:{ts}"

    def status_save(self, view: dict, status: str, number: int) -> tuple[str, str]:
        values = status_values(status, None)
        self.counter += 1
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID},
            "user": {"id": "U0EDIT", "name": "editor", "team_id": TEAM_ID},
            "api_app_id": "A0ROCU",
            "view": {
                **view,
                "id": f"VB{self.counter}",
                "hash": f"h{self.counter}",
                "state": {"values": values},
            },
        }
        return urlencode({"payload": json.dumps(payload)}), "ack"


def first_answer(slack: FakeSlack, where: str, sent: float):
    """The first request that answered ``where`` (see ``Sender``), or None."""
    for record in list(slack.requests):
        if where.startswith("open:"):  # a modal opened with the click's trigger_id
            if record.method == "views.open" and record.body.get("trigger_id") == where[5:]:
                return record
        elif where.startswith("response:"):
            if record.kind == "response" and record.method == where.split(":", 1)[1]:
                return record
        elif where.startswith("thread:") and record.kind == "api":
            if record.method in ("chat.postMessage", "chat.postEphemeral"):
                if str(record.body.get("thread_ts")) == where.split(":", 1)[1]:
                    return record
    return None


def answers_for(slack: FakeSlack, where: str) -> int:
    if where.startswith("open:"):
        return sum(
            1
            for r in list(slack.requests)
            if r.method == "views.open" and r.body.get("trigger_id") == where[5:]
        )
    if where.startswith("response:"):
        return len(slack.responses(where.split(":", 1)[1]))
    return sum(
        1
        for r in list(slack.requests)
        if r.kind == "api"
        and r.method == "chat.postMessage"
        and str(r.body.get("thread_ts")) == where.split(":", 1)[1]
    )


def said(record) -> str:
    body = record.body if isinstance(record.body, dict) else {}
    return str(body.get("text") or "")


class Burst:
    """One burst: its requests (kind, body, where its answer appears), sent at once."""

    def __init__(self, sender: Sender, n: int, tag: str, vote: dict, views: list[dict]) -> None:
        self.items: list[tuple[str, str, str]] = []
        mix = [
            ("search", lambda: sender.command("search county lines")),
            ("define", lambda: sender.command("define ROCU")),
            ("define-miss", lambda: sender.command(f"define ZQW{tag}{sender.counter}")),
            ("teach", lambda: sender.command(f"define QX{tag}{sender.counter} = Quick Exchange")),
            ("watch-same", lambda: sender.command(f"watch shared topic {tag}")),
            ("vote", lambda: sender.click(vote, f"U0VOTE{sender.counter % 3}")),
            ("mention", lambda: sender.event("search serious violence", dm=False)),
            ("recs", lambda: sender.command("recs")),
            ("watch", lambda: sender.command(f"watch topic {tag} {sender.counter}")),
            ("dm", lambda: sender.event("define NCA", dm=True)),
            ("docs", lambda: sender.command("docs")),
            ("watch-same", lambda: sender.command(f"watch shared topic {tag}")),
            ("vote", lambda: sender.click(vote, f"U0VOTE{sender.counter % 3}")),
            ("digest", lambda: sender.command("digest")),
            ("status", lambda: sender.status_save(views[0], "accepted", 0)),
            ("watch-me", lambda: sender.event(f"watch me knife crime {tag}", dm=True)),
            ("help", lambda: sender.command("help")),
            ("watch-same", lambda: sender.command(f"watch shared topic {tag}")),
            ("vote", lambda: sender.click(vote, f"U0VOTE{sender.counter % 3}")),
            ("status", lambda: sender.status_save(views[1], "in-progress", 1)),
        ]
        for i in range(n):
            kind, make = mix[i % len(mix)]
            body, where = make()
            self.items.append((kind, body, where))
        self.results: list = [None] * len(self.items)

    def add(self, kind: str, body: str, where: str) -> None:
        """One more request in the burst (before ``send``)."""
        self.items.append((kind, body, where))
        self.results.append(None)

    def send(self, sender: Sender) -> float:
        barrier = threading.Barrier(len(self.items))

        def one(i: int) -> None:
            barrier.wait()
            self.results[i] = sender.post(self.items[i][1])

        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(self.items))]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return started

    def measure(self, slack: FakeSlack, wait: float, released: float | None) -> list[dict]:
        deadline = time.monotonic() + wait
        rows = []
        while True:
            rows = []
            for (kind, _, where), (status, sent, ack, text) in zip(
                self.items, self.results, strict=True
            ):
                if where == "ack":
                    answer_at = sent + ack if status == 200 else None
                    words = text
                else:
                    record = first_answer(slack, where, sent)
                    answer_at = record.at if record else None
                    words = said(record) if record else ""
                rows.append(
                    {
                        "kind": kind,
                        "status": status,
                        "ack": ack,
                        "answer": None if answer_at is None else answer_at - sent,
                        "after_release": released is not None
                        and answer_at is not None
                        and answer_at > released,
                        "busy": "busy" in words.lower() or "could not be saved" in words,
                        "copies": 1 if where == "ack" else answers_for(slack, where),
                    }
                )
            if all(r["answer"] is not None for r in rows) or time.monotonic() > deadline:
                return rows
            time.sleep(0.1)


def summary(rows: list[dict]) -> dict:
    acks = [r["ack"] for r in rows if r["status"] == 200]
    answers = [r["answer"] for r in rows if r["answer"] is not None]
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    return {
        "n": len(rows),
        "kinds": kinds,
        "bad_acks": sum(1 for r in rows if r["status"] != 200 or r["ack"] > 3.0),
        "ack_p50": percentile(acks, 50) if acks else None,
        "ack_max": max(acks) if acks else None,
        "answer_p50": percentile(answers, 50) if answers else None,
        "answer_p95": percentile(answers, 95) if answers else None,
        "answer_max": max(answers) if answers else None,
        "over_3s": sum(1 for a in answers if a > 3.0),
        "missing": sum(1 for r in rows if r["answer"] is None),
        "waited_lock": sum(1 for r in rows if r["after_release"]),
        "busy": sum(1 for r in rows if r["busy"]),
        "duplicates": sum(max(0, r["copies"] - 1) for r in rows),
        "busy_kinds": sorted(r["kind"] for r in rows if r["busy"]),
        "late_kinds": sorted(r["kind"] for r in rows if (r["answer"] or 99) > 3.0),
        "slowest": sorted(((r["answer"] or 99, r["kind"]) for r in rows), reverse=True)[:3],
        "modal_open": ", ".join(
            f"{r['answer']:.2f}" if r["answer"] is not None else "never"
            for r in rows
            if r["kind"] == "modal"
        ),
    }


def store_check(store: Path, tags: list[str]) -> dict:
    conn = sqlite3.connect(store, timeout=30)
    try:
        same = [
            conn.execute(
                "select count(*) from watches where query = ?", [f"shared topic {t}"]
            ).fetchone()[0]
            for t in tags
        ]
        votes = conn.execute(
            "select count(*), count(distinct user_id || kind || query || results) "
            "from answer_feedback"
        ).fetchone()
        integrity = conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()
    return {"same_watch_rows": same, "votes": votes[0], "distinct_votes": votes[1], "ok": integrity}


@contextlib.contextmanager
def held(store: Path, how: str, seconds: float):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store), how, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    state = {"released": None}

    def wait_release() -> None:
        holder.stdout.readline()
        state["released"] = time.monotonic()

    watcher = threading.Thread(target=wait_release, daemon=True)
    watcher.start()
    try:
        yield state
    finally:
        holder.wait(seconds + 30)
        watcher.join(5)


def warm(sender: Sender, slack: FakeSlack) -> tuple[dict, list[dict]]:
    """A vote button (from a search answer) and two status modals (from `recs`)."""
    body, where = sender.command("search county lines")
    sender.post(body)
    slack.wait_for(where, timeout=60)
    message = slack.responses(where.split(":", 1)[1])[0].body
    vote = next(
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("action_id", "").startswith("rocu_feedback")
    )
    body, where = sender.command("recs")
    sender.post(body)
    slack.wait_for(where, timeout=60)
    cards = slack.responses(where.split(":", 1)[1])[0].body["blocks"]
    status_buttons = [
        e
        for b in cards
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("action_id", "").startswith("rocu_status")
    ][:2]
    sender.status_buttons = status_buttons  # the "modals" scenario clicks them again
    views = []
    for button in status_buttons:
        opened = len(slack.calls("views.open"))
        body, _ = sender.click(button, "U0EDIT")
        sender.post(body)
        view = slack.wait_for("views.open", count=opened + 1, timeout=30)[-1].body["view"]
        views.append(json.loads(view) if isinstance(view, str) else view)
    return vote, views


def run(args) -> dict:
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="rocu-contention-", dir=args.workdir) as tmp_name:
        tmp = Path(tmp_name)
        store = tmp / "contention.db"
        shutil.copy(args.db, store)
        with FakeSlack() as slack:
            server_args = argparse.Namespace(repo=args.repo)
            os.environ.pop("ROCU_EDITORS", None)  # everyone may edit: the status modal saves
            process, port = start_server(server_args, store, slack, tmp)
            try:
                sender = Sender(port, slack, SECRET)
                vote, views = warm(sender, slack)
                for scenario in args.scenarios:
                    tags, rows_all, extra = [], [], {}
                    if scenario == "slow-url":
                        slack.response_delay = args.slow
                    if scenario == "ingest":
                        rows_all, tags, extra = during_ingest(
                            args, sender, slack, store, vote, views
                        )
                    elif scenario == "refusals":
                        results[scenario] = refusals(args, sender, slack, store, vote, views)
                        print(scenario, json.dumps(results[scenario]), file=sys.stderr, flush=True)
                        continue
                    elif scenario == "slow-others":
                        tags.append("slowothers")
                        burst = Burst(sender, args.n, "slowothers", vote, views)
                        others = slow_others(sender, slack, args.slow_others)
                        time.sleep(0.3)
                        burst.send(sender)
                        rows_all = burst.measure(slack, args.wait, None)
                        others.join(args.wait)
                        slack.clear_holds()
                    else:
                        tag = scenario.replace("-", "")
                        tags.append(tag)
                        burst = Burst(sender, args.n, tag, vote, views)
                        if scenario == "modals":  # 4 "Set status" clicks in the burst
                            for n in range(4):
                                button = sender.status_buttons[n % len(sender.status_buttons)]
                                body, where = sender.click(button, "U0EDIT")
                                burst.add("modal", body, "open:" + where.split(":", 1)[1])
                        if scenario.startswith("held-") or scenario == "modals":
                            how = "both" if scenario == "modals" else scenario.split("-", 1)[1]
                            with held(store, how, args.hold) as state:
                                time.sleep(0.3)
                                burst.send(sender)
                            rows_all = burst.measure(slack, args.wait, state["released"])
                        else:
                            burst.send(sender)
                            rows_all = burst.measure(slack, args.wait, None)
                    slack.response_delay = 0.0
                    time.sleep(1.0)
                    results[scenario] = {
                        **summary(rows_all),
                        **extra,
                        "store": store_check(store, tags),
                    }
                    print(scenario, json.dumps(results[scenario]), file=sys.stderr, flush=True)
            finally:
                process.terminate()
                process.wait(30)
    return results


def slow_others(sender: Sender, slack: FakeSlack, seconds: float) -> threading.Thread:
    """Home opens, exports and adds whose Slack calls Slack takes ``seconds`` to answer, sent at
    once on a thread (returned, to join)."""
    slack.hold("views.publish", seconds)
    slack.hold("files.getUploadURLExternal", seconds)
    bodies = []
    for n in range(6):
        sender.counter += 1
        event = {"type": "app_home_opened", "user": f"U0HOME{n}", "tab": "home", "team": TEAM_ID}
        body = {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A0ROCU",
            "type": "event_callback",
            "event_id": f"EvH{sender.counter}",
            "event_time": int(time.time()),
            "event": {**event, "event_ts": f"{sender.counter}.0"},
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
        bodies.append(json.dumps(body))
    for _ in range(3):
        bodies.append(sender.command("recs export", user=f"U0EXP{sender.counter}")[0])
    for n in range(3):
        body, where = sender.command(f"add http://127.0.0.1:9/q{n}.pdf", user=f"U0ADD{n}")
        slack.hold(where, seconds)
        bodies.append(body)

    def send_all() -> None:
        threads = [threading.Thread(target=sender.post, args=(b,)) for b in bodies]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    thread = threading.Thread(target=send_all)
    thread.start()
    return thread


def _corpus(args) -> Path:
    corpus = Path(args.workdir) / "contention-corpus"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for folder in args.corpus:
            for path in sorted(Path(folder).iterdir()):
                if path.suffix.lower() in (".pdf", ".docx", ".html", ".htm", ".txt", ".rst"):
                    shutil.copy(path, corpus / f"{Path(folder).name}-{path.name}")
    return corpus


def _start_ingest(args, store, corpus) -> subprocess.Popen:
    """``rocu ingest corpus`` into ``store`` in a process of its own (the code under
    ``args.repo`` when given), its output dropped."""
    env = {**os.environ, "PYTHONPATH": str(Path(args.repo).resolve()) if args.repo else ""}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(store), "ingest", str(corpus)],
        cwd=args.repo or ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def refusals(args, sender, slack, store, vote, views) -> dict:
    """Votes and status saves, one at a time, during ``rocu ingest``: refused ones retried."""
    corpus = _corpus(args)
    ingest = _start_ingest(args, store, corpus)
    tried, refused, gaps, answers, kinds = 0, 0, [], [], {"vote": 0, "status": 0}
    statuses = ["accepted", "in-progress", "implemented", "open"]
    time.sleep(1.0)
    while ingest.poll() is None:
        tried += 1
        kind = "status" if tried % 3 == 0 else "vote"
        kinds[kind] += 1
        user = f"U0PROBE{tried}"

        def attempt(kind=kind, user=user, tried=tried) -> tuple[bool, float]:
            if kind == "vote":
                body, where = sender.click(vote, user)
                status, sent, _, _ = sender.post(body)
                record = slack.wait_for(where, timeout=30)[0]
                return ("could not be saved" not in said(record)), record.at - sent
            body, _ = sender.status_save(views[tried % 2], statuses[tried % 4], 0)
            status, sent, ack, text = sender.post(body)
            return ("busy" not in text.lower()), ack

        ok, took = attempt()
        answers.append(took)
        if not ok:
            refused += 1
            first = time.monotonic()
            while not ok:
                time.sleep(0.2)
                ok, took = attempt()
            gaps.append(time.monotonic() - first)
        time.sleep(args.probe_every)
    ingest.wait()
    return {
        "n": tried,
        "kinds": kinds,
        "refused": refused,
        "answer_p50": percentile(answers, 50) if answers else None,
        "answer_max": max(answers) if answers else None,
        "retry_gap_p50": percentile(gaps, 50) if gaps else None,
        "retry_gap_max": max(gaps) if gaps else None,
        "gaps": [round(g, 2) for g in gaps],
    }


def during_ingest(args, sender, slack, store, vote, views):
    corpus = _corpus(args)
    started = time.monotonic()
    ingest = _start_ingest(args, store, corpus)
    rows_all, tags, bursts = [], [], 0
    time.sleep(1.0)
    while ingest.poll() is None and bursts < args.bursts:
        tag = f"ingest{bursts}"
        tags.append(tag)
        burst = Burst(sender, args.n, tag, vote, views)
        burst.send(sender)
        rows_all += burst.measure(slack, args.wait, None)
        bursts += 1
        time.sleep(args.every)
    ingest.wait()
    return rows_all, tags, {"bursts": bursts, "ingest_s": time.monotonic() - started}


def report(results: dict, args) -> str:
    lines = [
        "| scenario | requests | acks > 3 s | ack p50 / max | answer p50 / p95 / max | "
        "answers > 3 s | waited out the lock | said busy | missing | duplicates | store |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        if name == "refusals":
            continue
        if r.get("modal_open"):
            name += f" (modals opened after {r['modal_open']} s)"
        store = r["store"]
        stored = (
            f"same watch x{max(store['same_watch_rows'] or [0])}, votes {store['votes']}"
            f"/{store['distinct_votes']} distinct, {store['ok']}"
        )
        lines.append(
            f"| {name} | {r['n']} | {r['bad_acks']} | {r['ack_p50']:.2f} / {r['ack_max']:.2f} s | "
            f"{r['answer_p50']:.2f} / {r['answer_p95']:.2f} / {r['answer_max']:.2f} s | "
            f"{r['over_3s']} | {r['waited_lock']} | {r['busy']} | {r['missing']} | "
            f"{r['duplicates']} | {stored} |"
        )
    r = results.get("refusals")
    if r:
        lines += [
            "",
            f"refusals during the ingest: {r['refused']} of {r['n']} writes ({r['kinds']}); "
            f"answers p50 / max {r['answer_p50']:.2f} / {r['answer_max']:.2f} s; the same write "
            f"stored on retry after p50 / max {r['retry_gap_p50'] or 0:.2f} / "
            f"{r['retry_gap_max'] or 0:.2f} s",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="requests per burst (default 20)")
    parser.add_argument("--repo", help="serve this checkout instead (the code before)")
    parser.add_argument("--db", default=None, help="a seeded store to copy (default: seeded here)")
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    parser.add_argument("--hold", type=float, default=8.0)
    parser.add_argument("--slow", type=float, default=5.0)
    parser.add_argument("--slow-others", type=float, default=3.0)
    parser.add_argument("--probe-every", type=float, default=0.3)
    parser.add_argument("--wait", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=4.0)
    parser.add_argument("--bursts", type=int, default=3)
    parser.add_argument("--corpus", nargs="*", default=[str(p) for p in CORPORA])
    parser.add_argument(
        "--scenarios",
        nargs="*",
        default=["quiet", "held-both", "held-sqlite", "ingest", "slow-url", "slow-others"],
    )
    args = parser.parse_args()
    if args.db is None:
        args.db = str(Path(args.workdir) / "contention-seeded.db")
        if not Path(args.db).exists():
            env = {**os.environ, "ROCU_SEEDS": str(ROOT / "seeds")}
            code = (
                "from bot.library.store import open_db\n"
                "from bot.library.ingest import ensure_seeded\n"
                f"db = open_db({args.db!r}); ensure_seeded(db)\n"
                "db.execute('PRAGMA wal_checkpoint(TRUNCATE)'); db.close()\n"
            )
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    results = run(args)
    print(report(results, args))


if __name__ == "__main__":
    main()
