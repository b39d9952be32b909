"""Issue 24's probes against `rocu serve --http`, as an attacker and a careless user would.

Starts ``rocu serve --http`` as a subprocess (a fresh seeded store, or ``--db``, copied) with a
local fake Slack (``tests/slack_server.py``, answering after ``--delay`` s, default 0.3) and a
local web site for links, then runs the probes named on the command line (all by default):

* ``slow``: four ``/rocu add`` links to a server that sends its headers one byte every 5 s, from
  four people, then ``--searches`` searches at 10 a second: each search's answer time, and when
  and how each add ended;
* ``bombs``: ``/rocu add`` of a PDF expanding to ~70 MB of text, a Word file whose XML is 200 MB
  and a 49 MB web page (made here, served on loopback), one after another, with a search a
  second meanwhile: time to the refusal, the sentence, the serving process's peak RSS (VmHWM)
  and the searches' answer times; then ``rocu ingest`` of a folder holding the three and two good
  files: its exit code and what loaded;
* ``slack``: the fake Slack failing (``chat.postMessage`` 500 once, ``internal_error`` once,
  three 429s; ``users.info`` 429 with Retry-After 10 for every new user): mentions delivered
  once each, and search answer p95 with new users against the same without failures;
* ``kill``: ``kill -9`` of the server at 10 points during a status change and during an add:
  every change the ack said was saved is in the store after the restart, and no add is left
  "Reading ..." (each is replaced with "This add was interrupted; try again");
* ``replay``: one signed status submission sent three times: audit rows written;
* ``backup``: `rocu backup` while 20 commands a second (status changes and searches) run:
  integrity, and every status acked before the backup began is in it; `rocu restore` round trip;
* ``logs``: every probe's links, file names, words and response_urls grepped for in the server's
  log.

    nice python bench/hostile.py                 # everything (about 6 minutes)
    nice python bench/hostile.py slow bombs      # some
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from slack_latency import SECRET, free_port, percentile  # noqa: E402
from slack_rig import command_form, status_values  # noqa: E402
from slack_server import TEAM_ID, FakeSlack, signed_headers  # noqa: E402
from web_server import WebSite  # noqa: E402

from tests.hostile.bombs import big_html, docx_bomb, pdf_bomb  # noqa: E402
from tests.hostile.drip import DripServer  # noqa: E402

CANARY = "Zephyrquill"
PROBES = ("slow", "bombs", "slack", "kill", "replay", "backup", "logs")


class Server:
    """`rocu serve --http` on a store, restartable, with its log and RSS."""

    def __init__(self, store: Path, slack: FakeSlack, tmp: Path, env: dict | None = None):
        self.store, self.slack, self.tmp = store, slack, tmp
        self.env = env or {}
        self.port = free_port()
        self.process = None
        self.log = tmp / "serve.log"

    def start(self) -> Server:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": self.slack.url,
            "ROCU_DB": str(self.store),
            "PORT": str(self.port),
            "ROCU_FETCH_ALLOW_PRIVATE": "1",
            **self.env,
        }
        for name in ("SLACK_APP_TOKEN", "DIGEST_CHANNEL", "ROCU_EDITORS"):
            env.pop(name, None)
        log = open(self.log, "a")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"rocu serve exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit("rocu serve did not become healthy")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def memory(self) -> tuple[float, float]:
        """(RSS, peak RSS) in MB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            fields[name] = value.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def post(self, body: str, headers: dict | None = None, timeout: float = 10) -> tuple:
        request = urllib.request.Request(
            self.base + "/slack/events",
            data=body.encode(),
            headers=headers or signed_headers(body, SECRET),
            method="POST",
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode(), started
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(), started
        except Exception as exc:  # noqa: BLE001 - a killed server
            return type(exc).__name__, "", started

    def command(self, text: str, name: str, user: str = "U0BENCH") -> tuple:
        url = self.slack.response_url(name)
        return self.post(command_form(text, url, user=user, channel="C0BENCH", trigger_id=name))

    def mention(self, text: str, ts: str, user: str = "U0BENCH") -> tuple:
        event = {
            "type": "app_mention",
            "user": user,
            "channel": "C0BENCH",
            "ts": ts,
            "event_ts": ts,
            "team": TEAM_ID,
            "text": f"<@U0ROCU> {text}",
        }
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": TEAM_ID,
                "api_app_id": "A0ROCU",
                "type": "event_callback",
                "event_id": f"Ev{ts.replace('.', '')}",
                "event_time": int(time.time()),
                "event": event,
                "authorizations": [{"team_id": TEAM_ID, "user_id": "U0ROCU", "is_bot": True}],
            }
        )
        return self.post(body, headers={**signed_headers(body, SECRET)})

    def status(self, rec_id: str, status: str, note: str, view_id: str) -> tuple:
        values = status_values(status, note)
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM_ID},
            "user": {"id": "U0BENCH", "name": "bench", "team_id": TEAM_ID},
            "api_app_id": "A0ROCU",
            "view": {
                "id": view_id,
                "hash": view_id,
                "type": "modal",
                "callback_id": "rocu_status_modal",
                "private_metadata": json.dumps({"r": rec_id}),
                "state": {"values": values},
            },
        }
        return self.post(urlencode({"payload": json.dumps(payload)}))


def wait_answer(slack: FakeSlack, name: str, count: int = 1, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        posts = slack.responses(name)
        if len(posts) >= count:
            return posts
        time.sleep(0.05)
    return slack.responses(name)


def sentence_of(post) -> str:
    return (post.body.get("text") or "")[:160] if post else "(none)"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


# -- probes ----------------------------------------------------------------------------------------


def probe_slow(server: Server, slack: FakeSlack, searches: int) -> list[str]:
    out = []
    with DripServer(every=5.0) as drip:
        started = time.monotonic()
        adds = [f"slow{n}" for n in range(4)]
        for n, name in enumerate(adds):
            server.command(f"add {drip.url(f'/{CANARY}/slow{n}?q={CANARY}')}", name, f"U0SLOW{n}")
        sent = {}
        for i in range(searches):
            name = f"q{i}"
            status, _, at = server.command("county lines", name, f"U0Q{i % 7}")
            sent[name] = at
            time.sleep(0.1)
        answered = []
        for name, at in sent.items():
            posts = wait_answer(slack, name, timeout=60)
            if posts:
                answered.append(posts[0].at - at)
        ended = []
        for name in adds:
            posts = wait_answer(slack, name, count=2, timeout=200)
            ended.append(
                (posts[-1].at - started, sentence_of(posts[-1]) if len(posts) > 1 else "(no end)")
            )
    out.append(
        f"| slow headers: {searches} searches beside 4 dripping adds | answered {len(answered)}/"
        f"{searches}; p50 {ms(percentile(answered, 50))}, p95 {ms(percentile(answered, 95))}, "
        f"max {ms(max(answered))} |"
    )
    out.append(
        "| slow headers: the 4 adds | ended after "
        + ", ".join(f"{t:.0f} s" for t, _ in ended)
        + f"; said “{ended[0][1]}” |"
    )
    return out


def probe_bombs(server: Server, slack: FakeSlack, tmp: Path) -> list[str]:
    out = []
    files = {
        "pdf": ("report.pdf", pdf_bomb(1000, 70_000), "application/pdf"),
        "docx": (
            "notes.docx",
            docx_bomb(200 * 1024 * 1024),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        "html": ("page.html", big_html(49 * 1024 * 1024), "text/html"),
    }
    with WebSite() as site:
        for name, data, mime in files.values():
            site.page(f"/{CANARY}/{name}", data, mime)
        for kind, (name, data, _) in files.items():
            stop = threading.Event()
            peaks, search_times = [], []

            def sample(stop=stop, peaks=peaks):
                while not stop.is_set():
                    peaks.append(server.memory()[0])
                    time.sleep(0.1)

            def searches(stop=stop, kind=kind, search_times=search_times):
                n = 0
                while not stop.is_set():
                    n += 1
                    qname = f"bs-{kind}-{n}"
                    _, _, at = server.command("county lines", qname)
                    posts = wait_answer(slack, qname, timeout=60)
                    if posts:
                        search_times.append(posts[0].at - at)
                    stop.wait(1.0)

            threads = [threading.Thread(target=sample), threading.Thread(target=searches)]
            for thread in threads:
                thread.start()
            add = f"bomb-{kind}"
            _, _, at = server.command(f"add {site.url(f'/{CANARY}/{name}')}", add, "U0BOMB")
            posts = wait_answer(slack, add, count=2, timeout=300)
            took = posts[-1].at - at if len(posts) > 1 else float("nan")
            stop.set()
            for thread in threads:
                thread.join()
            rss, peak = server.memory()
            out.append(
                f"| {kind} bomb ({len(data) / 1048576:.2f} MB) | refused in {took:.1f} s: "
                f"“{sentence_of(posts[-1] if len(posts) > 1 else None)}”; server RSS max sampled "
                f"{max(peaks):.0f} MB, peak (VmHWM) so far {peak:.0f} MB, after {rss:.0f} MB; "
                f"{len(search_times)} searches meanwhile, max {ms(max(search_times or [0]))} |"
            )
    folder = tmp / "incoming"
    folder.mkdir()
    for name, data, _ in files.values():
        (folder / name).write_bytes(data)
    (folder / "a-good.txt").write_text("The panel met and agreed its plan for the year.\n")
    (folder / "z-good.md").write_text("# Minutes\n\nThe board approved the budget.\n")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(tmp / "folder.db"), "ingest", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "ROCU_SEEDS": str(tmp / "no-seeds")},
    )
    took = time.monotonic() - started
    conn = sqlite3.connect(tmp / "folder.db")
    files_in = [r[0] for r in conn.execute("select file from documents")]
    conn.close()
    failed = [
        line
        for line in result.stdout.splitlines() + result.stderr.splitlines()
        if "failed" in line.lower() or ".pdf" in line or ".docx" in line or ".html" in line
    ]
    out.append(
        f"| folder ingest: 3 bombs + 2 good files | exit {result.returncode} in {took:.0f} s; "
        f"loaded {sorted(f for f in files_in if 'good' in f)}; "
        f"{len(failed)} lines naming the bombs |"
    )
    return out


def probe_slack(server: Server, slack: FakeSlack) -> list[str]:
    out = []
    failures = [
        ("500", dict(status=500, times=1)),
        ("internal_error", dict(error="internal_error", times=1)),
        ("three 429s", dict(status=429, times=3, retry_after=1)),
        ("internal_error x10 (fallback)", dict(error="internal_error", times=10)),
    ]
    for n, (label, kwargs) in enumerate(failures):
        slack.clear()
        slack.fail("chat.postMessage", **kwargs)
        ts = f"{100 + n}.0"
        server.mention("county lines", ts)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the fake fails `times` calls, then answers ok
            posts = slack.calls("chat.postMessage")
            ephemeral = slack.calls("chat.postEphemeral")
            if len(posts) > kwargs["times"] or ephemeral:
                break
            time.sleep(0.1)
        time.sleep(3)  # anything sent twice would arrive by now
        posts = slack.calls("chat.postMessage")
        ephemeral = slack.calls("chat.postEphemeral")
        delivered = len(posts) - kwargs["times"] if len(posts) > kwargs["times"] else 0
        how = f"{delivered} by chat.postMessage, {len(ephemeral)} by the fallback"
        out.append(f"| chat.postMessage failing: {label} | {len(posts)} attempts; {how} |")
    for label, failing in (
        ("users.info answering", False),
        ("users.info 429 (Retry-After 10)", True),
    ):
        slack.clear()
        if failing:
            slack.fail("users.info", status=429, times=10_000, retry_after=10)
        times = []
        for i in range(40):
            name = f"u-{int(failing)}-{i}"
            _, _, at = server.command("county lines", name, user=f"U0NEW{int(failing)}{i:03d}")
            posts = wait_answer(slack, name, timeout=60)
            if posts:
                times.append(posts[0].at - at)
        out.append(
            f"| 40 searches from new users, {label} | p50 {ms(percentile(times, 50))}, p95 "
            f"{ms(percentile(times, 95))} |"
        )
    slack.fail("users.info", status=429, times=0)
    return out


def recommendation(store: Path) -> str:
    conn = sqlite3.connect(store)
    try:
        return conn.execute("select id from recommendations order by id limit 1").fetchone()[0]
    finally:
        conn.close()


def notes_in(store: Path) -> set[str]:
    conn = sqlite3.connect(store)
    try:
        return {r[0] for r in conn.execute("select note from recommendation_status_log")}
    finally:
        conn.close()


def probe_kill(server: Server, slack: FakeSlack) -> list[str]:
    rec_id = recommendation(server.store)
    lost, saved_shown, points = 0, 0, 10
    for point in range(points):
        note = f"kill point {point}"
        result = {}

        def submit(result=result, note=note, point=point):
            result["ack"] = server.status(rec_id, "in-progress", note, f"VK{point}")

        thread = threading.Thread(target=submit)
        thread.start()
        time.sleep(point * 0.1)
        server.kill()
        thread.join()
        server.start()
        status, body, _ = result["ack"]
        if status == 200 and body == "":
            saved_shown += 1
            lost += note not in notes_in(server.store)
    out = [
        f"| kill -9 at {points} points of a status change | {saved_shown} acked as saved, "
        f"{lost} of them lost |"
    ]
    left, replaced = 0, 0
    with DripServer(every=0.5) as drip:
        for point in range(points):
            slack.clear()
            name = f"kadd{point}"
            server.command(f"add {drip.url(f'/k{point}')}", name, f"U0K{point}")
            wait_answer(slack, name, timeout=10)
            time.sleep(point * 0.05)
            server.kill()
            server.start()
            posts = wait_answer(slack, name, count=2, timeout=20)
            last = json.dumps(posts[-1].body) if posts else ""
            replaced += "interrupted" in last
            left += len(posts) < 2 or "Reading" in last
    out.append(
        f"| kill -9 at {points} points of an add | {replaced} “Reading …” replaced with "
        f"“interrupted; try again”, {left} left reading |"
    )
    return out


def probe_replay(server: Server, slack: FakeSlack) -> list[str]:
    rec_id = recommendation(server.store)
    note = f"replayed {CANARY}"
    values = json.dumps(
        {
            "type": "view_submission",
            "team": {"id": TEAM_ID},
            "user": {"id": "U0BENCH", "name": "bench", "team_id": TEAM_ID},
            "api_app_id": "A0ROCU",
            "view": {
                "id": "VREPLAY",
                "hash": "1.x",
                "type": "modal",
                "callback_id": "rocu_status_modal",
                "private_metadata": json.dumps({"r": rec_id}),
                "state": {
                    "values": {
                        "status": {
                            "status_select": {
                                "type": "static_select",
                                "selected_option": {"value": "accepted"},
                            }
                        },
                        "note": {"note_input": {"type": "plain_text_input", "value": note}},
                    }
                },
            },
        }
    )
    body = urlencode({"payload": values})
    headers = signed_headers(body, SECRET)
    for _ in range(3):
        server.post(body, headers=headers)
    time.sleep(1.1)
    server.post(body)  # the same submission, signed afresh
    conn = sqlite3.connect(server.store)
    rows = conn.execute(
        "select count(*) from recommendation_status_log where note = ?", [note]
    ).fetchone()[0]
    conn.close()
    return [f"| one status submission sent 3x as captured + 1x re-signed | {rows} audit row(s) |"]


def probe_backup(server: Server, slack: FakeSlack, tmp: Path) -> list[str]:
    rec_id = recommendation(server.store)
    acked: list[tuple[float, str]] = []
    stop = threading.Event()

    sent = []

    def one(n: int) -> None:
        if n % 2:
            note = f"load {n}"
            status, body, at = server.status(rec_id, "in-progress", note, f"VB{n}")
            if status == 200 and body == "":
                acked.append((time.monotonic(), note))
        else:
            server.command("county lines", f"bl{n}")

    def load():
        n, next_at = 0, time.monotonic()
        while not stop.is_set():
            n += 1
            worker = threading.Thread(target=one, args=(n,))
            worker.start()
            sent.append(worker)
            next_at += 0.05  # 20 a second
            stop.wait(max(next_at - time.monotonic(), 0))
        for worker in sent:
            worker.join()

    thread = threading.Thread(target=load)
    load_started = time.monotonic()
    thread.start()
    time.sleep(3)
    began = time.monotonic()
    target = tmp / "during-load.db"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(server.store), "backup", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    took = time.monotonic() - began
    time.sleep(3)
    stop.set()
    rate = len(sent) / (time.monotonic() - load_started)
    thread.join()
    conn = sqlite3.connect(target)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    before = {note for at, note in acked if at < began}
    missing = before - notes_in(target)
    restore = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(tmp / "restored.db"), "restore", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    same = notes_in(tmp / "restored.db") == notes_in(target) if restore.returncode == 0 else False
    return [
        f"| rocu backup under ~{rate:.0f} commands/s | exit {result.returncode} in {took:.1f} s; "
        f"integrity {integrity}; {len(before)} statuses acked before it began, {len(missing)} "
        f"missing |",
        f"| rocu restore of that backup into a new store | exit {restore.returncode}; statuses "
        f"identical: {same} |",
    ]


def probe_logs(server: Server) -> list[str]:
    text = server.log.read_text(errors="replace")
    found = {
        "the canary word": CANARY.lower() in text.lower(),
        "http(s) links": "http://" in text or "https://" in text,
        "response_urls": "/response/" in text,
        "file names": "report.pdf" in text or "notes.docx" in text or "page.html" in text,
    }
    lines = text.count("\n")
    return [
        f"| server log ({lines:,} lines) | "
        + ", ".join(f"{k}: {'FOUND' if v else 'none'}" for k, v in found.items())
        + " |"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("probes", nargs="*", help=f"some of {', '.join(PROBES)} (default: all)")
    parser.add_argument("--db", help="a store to copy and serve (default: the seed library)")
    parser.add_argument("--delay", type=float, default=0.3, help="the fake Slack's answer time")
    parser.add_argument("--searches", type=int, default=100)
    args = parser.parse_args()
    args.probes = args.probes or list(PROBES)
    unknown = [p for p in args.probes if p not in PROBES]
    if unknown:
        parser.error(f"unknown probe {unknown[0]}: choose from {', '.join(PROBES)}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="rocu-hostile-") as tmpdir, FakeSlack() as slack:
        tmp = Path(tmpdir)
        store = tmp / "rocu.db"
        if args.db:
            shutil.copy(args.db, store)
        slack.delay = args.delay
        server = Server(store, slack, tmp).start()
        try:
            for probe in args.probes:
                started = time.monotonic()
                if probe == "slow":
                    rows += probe_slow(server, slack, args.searches)
                elif probe == "bombs":
                    rows += probe_bombs(server, slack, tmp)
                elif probe == "slack":
                    rows += probe_slack(server, slack)
                elif probe == "kill":
                    rows += probe_kill(server, slack)
                elif probe == "replay":
                    rows += probe_replay(server, slack)
                elif probe == "backup":
                    rows += probe_backup(server, slack, tmp)
                elif probe == "logs":
                    rows += probe_logs(server)
                print(f"{probe}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        finally:
            server.stop()
    print("| probe | result |\n| --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
