"""Load on `rocu serve --http`: a burst of signed slash commands, and idle half-sent connections.

Starts ``rocu serve --http`` as a subprocess on a free loopback port (from this checkout, or from
``--repo`` for a before/after comparison) with a local fake Slack (``tests/slack_server.py``)
that answers every Web API and ``response_url`` request after ``--delay`` seconds (default 0.3).

* burst: ``-n`` signed ``/rocu`` commands (eval/search.jsonl queries, docs, help, define) sent at
  once from as many threads; per command the ack (HTTP status and time from sending to Slack's
  required response) and the answer (time until it reached its response_url). Errors: a refused
  or failed connection, a status other than 200, an ack slower than 3 s (Slack shows the person an
  error), an answer missing after ``--wait`` seconds, or refused by the fake Slack for breaking a
  message limit. Duplicates: response_urls posted to more than once.
* idle: ``--idle`` connections (default 1000) that send half a request and then nothing; while
  they are open, ``/healthz`` and one signed command are timed; then how long until the server
  has closed all of them (``--idle-hold`` seconds at most, default 40).

The store: a fresh copy of the seed library, or ``--db`` (copied first, never changed), or
``--corpus`` (a folder or .tar.gz ingested once into ``--workdir`` and reused).

    nice python bench/load.py -n 100                       # seed library
    nice python bench/load.py -n 100 --corpus ../shared/corpora/uk-covid19-inquiry.tar.gz
    nice python bench/load.py -n 100 --repo /path/to/old/checkout --no-record   # before
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# The same commands, port and percentile helpers as the sequential latency bench.
from slack_latency import SECRET, free_port, lines, percentile  # noqa: E402
from slack_server import TEAM_ID, FakeSlack, signed_headers  # noqa: E402


def prepare_store(args, tmp: Path) -> tuple[Path, str]:
    """The store to serve, and a description of it."""
    target = tmp / "load.db"
    if args.db:
        shutil.copy(args.db, target)
    elif args.corpus:
        cached = Path(args.workdir) / (Path(args.corpus).name.split(".")[0] + ".db")
        if not cached.exists():
            cached.parent.mkdir(parents=True, exist_ok=True)
            source = Path(args.corpus)
            if source.is_file():
                unpacked = Path(args.workdir) / "corpus"
                if not unpacked.exists():
                    unpacked.mkdir()
                    subprocess.run(["tar", "-xzf", str(source), "-C", str(unpacked)], check=True)
                source = unpacked
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "bot", "--db", str(cached), "ingest", str(source)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            print(f"ingested {source} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        shutil.copy(cached, target)
    else:
        return target, "seed library (fresh store, seeded at start-up)"
    import sqlite3

    conn = sqlite3.connect(target)
    docs, passages = (
        conn.execute("select count(*) from documents").fetchone()[0],
        conn.execute("select count(*) from passages").fetchone()[0],
    )
    conn.close()
    return target, f"{docs:,} documents, {passages:,} passages"


def start_server(args, store: Path, slack: FakeSlack, tmp: Path):
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": slack.url,
        "ROCU_DB": str(store),
        "PORT": str(port),
        "PYTHONPATH": str(Path(args.repo).resolve()) if args.repo else "",
    }
    for name in ("SLACK_APP_TOKEN", "DIGEST_CHANNEL"):
        env.pop(name, None)
    log = open(tmp / "serve.log", "w")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"],
        cwd=args.repo or ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"rocu serve exited: {(tmp / 'serve.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.2)
    raise SystemExit("rocu serve did not become healthy")


def command_body(text: str, slack: FakeSlack, name: str) -> str:
    return urlencode(
        {
            "command": "/rocu",
            "text": text,
            "team_id": TEAM_ID,
            "channel_id": "C0BENCH",
            "user_id": "U0BENCH",
            "response_url": slack.response_url(name),
            "trigger_id": name,
        }
    )


def send_command(port: int, body: str, timeout: float = 10.0) -> tuple[int | str, float, float]:
    """(status or error name, sent at, ack seconds)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers=signed_headers(body, SECRET),
        method="POST",
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status: int | str = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except Exception as exc:  # noqa: BLE001 - a bench counts every way a request can fail
        reason = getattr(exc, "reason", None)
        status = type(reason if isinstance(reason, BaseException) else exc).__name__
    return status, started, time.monotonic() - started


def burst(port: int, slack: FakeSlack, n: int, wait: float) -> dict:
    texts = lines()
    results: list = [None] * n
    barrier = threading.Barrier(n)

    def one(i: int) -> None:
        body = command_body(texts[i % len(texts)], slack, f"b{i}")
        barrier.wait()
        results[i] = send_command(port, body)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and len({r.method for r in slack.responses()}) < n:
        time.sleep(0.1)
    acks = [r[2] for r in results if r[0] == 200]
    answers, duplicates, refused, missing = [], 0, 0, 0
    for i, (status, sent, _) in enumerate(results):
        posts = slack.responses(f"b{i}")
        duplicates += max(0, len(posts) - 1)
        refused += sum(1 for p in posts if p.status != 200)
        if posts:
            answers.append(posts[0].at - sent)
        elif status == 200:
            missing += 1
    bad_status = [r[0] for r in results if r[0] != 200]
    slow = sum(1 for a in acks if a > 3.0)
    return {
        "n": n,
        "acked": len(acks),
        "acked_within_3s": len(acks) - slow,
        "answered": len(answers),
        "acks": acks,
        "answers": answers,
        "bad_status": bad_status,
        "missing": missing,
        "refused": refused,
        "duplicates": duplicates,
        "errors": len(bad_status) + slow + missing + refused,
    }


def idle(port: int, slack: FakeSlack, count: int, hold: float) -> dict:
    """Open ``count`` half-sent requests, time /healthz and a command meanwhile, then watch the
    server close them."""
    sockets, refused = [], 0
    partial = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n"
    opened_at = time.monotonic()
    for _ in range(count):
        sock = socket.socket()
        sock.settimeout(5)
        try:
            sock.connect(("127.0.0.1", port))
            sock.sendall(partial)
            sockets.append(sock)
        except OSError:
            refused += 1
            sock.close()
    opened_s = time.monotonic() - opened_at
    time.sleep(1.0)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            health_status = response.status
    except Exception as exc:  # noqa: BLE001
        health_status = type(exc).__name__
    health_s = time.monotonic() - started
    status, sent, ack_s = send_command(port, command_body("county lines", slack, "idle"))
    answer_s = None
    try:
        answer_s = slack.wait_for("response:idle", timeout=10)[0].at - sent
    except AssertionError:
        pass
    closed_at: list[float | None] = [None] * len(sockets)
    for sock in sockets:
        sock.setblocking(False)
    deadline = opened_at + hold
    while time.monotonic() < deadline and None in closed_at:
        for i, sock in enumerate(sockets):
            if closed_at[i] is not None:
                continue
            try:
                data = sock.recv(4096)
                if data == b"":
                    closed_at[i] = time.monotonic() - opened_at
                # an error status for the cut request is also the server giving up on it
                elif data:
                    closed_at[i] = time.monotonic() - opened_at
            except BlockingIOError:
                pass
            except OSError:
                closed_at[i] = time.monotonic() - opened_at
        time.sleep(0.25)
    for sock in sockets:
        sock.close()
    closed = [c for c in closed_at if c is not None]
    return {
        "count": count,
        "opened": len(sockets),
        "refused": refused,
        "opened_s": opened_s,
        "health_status": health_status,
        "health_s": health_s,
        "command_status": status,
        "command_ack_s": ack_s,
        "command_answer_s": answer_s,
        "closed": len(closed),
        "all_closed_s": max(closed) if len(closed) == len(sockets) and closed else None,
        "hold": hold,
    }


def report(args, store: str, result: dict, idle_result: dict | None, label: str) -> str:
    def ms(values: list[float], p: float) -> str:
        return f"{percentile(values, p) * 1000:,.0f} ms" if values else "n/a"

    acks, answers = result["acks"], result["answers"]
    command = "nice python bench/load.py " + " ".join(sys.argv[1:])
    out = [
        f"### {label}",
        "",
        f"`{command}` on {date.today().isoformat()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs (shared). Store: {store}. Fake Slack answers after "
        f"{args.delay * 1000:.0f} ms.",
        "",
        f"Burst of {result['n']} signed `/rocu` commands at once: acked {result['acked']}, "
        f"within 3 s {result['acked_within_3s']}, answered {result['answered']}, errors "
        f"{result['errors']} (bad status {len(result['bad_status'])}"
        f"{' ' + str(sorted(set(map(str, result['bad_status'])))) if result['bad_status'] else ''}"
        f", missing {result['missing']}, refused by Slack {result['refused']}), duplicates "
        f"{result['duplicates']}.",
        "",
        "| measure | p50 | p95 | max |",
        "| --- | --- | --- | --- |",
        f"| ack | {ms(acks, 50)} | {ms(acks, 95)} | {ms(acks, 100)} |",
        f"| answer at response_url | {ms(answers, 50)} | {ms(answers, 95)} | {ms(answers, 100)} |",
        "",
    ]
    if idle_result:
        r = idle_result
        closed = (
            f"all closed by the server after {r['all_closed_s']:.1f} s"
            if r["all_closed_s"] is not None
            else f"{r['closed']} of {r['opened']} closed within {r['hold']:.0f} s"
        )
        answer = (
            f"{r['command_answer_s'] * 1000:,.0f} ms"
            if r["command_answer_s"] is not None
            else "none"
        )
        health = (
            f"{r['health_status']} in {r['health_s'] * 1000:,.0f} ms"
            if isinstance(r["health_s"], float)
            else str(r["health_status"])
        )
        out += [
            f"{r['count']} idle half-sent connections ({r['opened']} opened, {r['refused']} "
            f"refused, in {r['opened_s']:.1f} s): `/healthz` {health}; a command acked "
            f"{r['command_status']} in {r['command_ack_s'] * 1000:,.0f} ms, answered in {answer}; "
            f"{closed}.",
            "",
        ]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="commands at once (default 100)")
    parser.add_argument("--delay", type=float, default=0.3, help="fake Slack's answer delay (s)")
    parser.add_argument("--wait", type=float, default=120.0, help="seconds to wait for answers")
    parser.add_argument("--idle", type=int, default=1000, help="half-sent connections (0: none)")
    parser.add_argument("--idle-hold", type=float, default=40.0, help="watch them this long")
    parser.add_argument("--db", help="serve a copy of this store")
    parser.add_argument("--corpus", help="a folder or .tar.gz to ingest (cached in --workdir)")
    parser.add_argument("--workdir", default="/tmp/rocu-load")
    parser.add_argument("--repo", help="serve from another checkout (for a before figure)")
    parser.add_argument("--label", default="after")
    parser.add_argument("--no-record", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()
    args.idle = min(max(args.idle, 0), 2000)  # bounded: loopback only, a few thousand sockets
    args.idle_hold = min(args.idle_hold, 120.0)
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        slack.delay = args.delay
        store, described = prepare_store(args, tmp)
        process, port = start_server(args, store, slack, tmp)
        try:
            result = burst(port, slack, args.n, args.wait)
            idle_result = idle(port, slack, args.idle, args.idle_hold) if args.idle else None
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        log_text = (tmp / "serve.log").read_text()
    text = report(args, described, result, idle_result, args.label)
    print(text)
    leaked = [w for w in ("county lines", "response/b", SECRET) if w in log_text]
    print(f"server log: {len(log_text.splitlines())} lines; user text or secrets in it: {leaked}")
    if not args.no_record:
        results = ROOT / "bench" / "RESULTS.md"
        existing = results.read_text() if results.exists() else "# Benchmark results\n"
        header = "## Slack HTTP under load (bench/load.py)"
        if header not in existing:
            existing = existing.rstrip("\n") + "\n\n" + header + "\n"
        results.write_text(existing.rstrip("\n") + "\n\n" + text)


if __name__ == "__main__":
    main()
