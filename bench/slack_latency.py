"""Slack ack and answer latency of `rocu serve` in HTTP mode.

Starts ``rocu serve --http`` as a subprocess on a free local port, with a fresh store seeded from
``seeds/`` and a local fake Slack (``tests/slack_server.py``) as Web API and ``response_url``.
Sends N signed ``/rocu`` slash commands one after another (queries from ``eval/search.jsonl``,
plus ``docs``/``help``/``define`` lines) and measures, per command:

* ack: from sending the HTTP POST to receiving Slack's required HTTP 200 (Slack allows 3 s);
* answer: from sending the POST to the answer arriving at the fake ``response_url``.

Prints the figures and appends a "## Slack ack latency" section to ``bench/RESULTS.md``
(``--no-record`` to only print).

    python bench/slack_latency.py [-n 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from slack_server import TEAM_ID, FakeSlack, signed_headers  # noqa: E402

SECRET = "bench-signing-secret"


def lines() -> list[str]:
    queries = [
        json.loads(line)["query"]
        for line in (ROOT / "eval" / "search.jsonl").read_text().splitlines()
        if line.strip()
    ]
    return [f"search {q}" for q in queries] + ["docs", "help", "define ROCU", "county lines"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(n: int) -> dict:
    port = free_port()
    with FakeSlack() as slack, tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": slack.url,
            "ROCU_DB": str(Path(tmp) / "bench.db"),
            "PORT": str(port),
        }
        env.pop("SLACK_APP_TOKEN", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1"],
            cwd=tmp,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base)
            commands = lines()
            acks, answers, failed = [], [], 0
            for i in range(n):
                text = commands[i % len(commands)]
                name = f"b{i}"
                body = urlencode(
                    {
                        "command": "/rocu",
                        "text": text,
                        "team_id": TEAM_ID,
                        "channel_id": "C0BENCH",
                        "user_id": "U0BENCH",
                        "response_url": slack.response_url(name),
                        "trigger_id": str(i),
                    }
                )
                request = urllib.request.Request(
                    base + "/slack/events",
                    data=body.encode(),
                    headers=signed_headers(body, SECRET),
                    method="POST",
                )
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                    assert response.status == 200
                acks.append(time.perf_counter() - started)
                answer = slack.wait_for(f"response:{name}", timeout=10)[0].body
                answers.append(time.perf_counter() - started)
                failed += "something went wrong" in answer.get("text", "")
        finally:
            process.terminate()
            process.wait(timeout=10)
    return {"n": n, "acks": acks, "answers": answers, "failed": failed}


def wait_healthy(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("rocu serve did not start")


def report(result: dict) -> str:
    def ms(values: list[float], p: float) -> str:
        return f"{percentile(values, p) * 1000:.1f} ms"

    acks, answers = result["acks"], result["answers"]
    return "\n".join(
        [
            "## Slack ack latency",
            "",
            f"`python bench/slack_latency.py -n {result['n']}` on {date.today().isoformat()}, "
            f"Python {platform.python_version()}, {platform.machine()} ({os.cpu_count()} CPUs). "
            f"{result['n']} sequential signed `/rocu` slash commands (eval/search.jsonl queries, "
            "docs, help, define) posted to `rocu serve --http` in a subprocess on 127.0.0.1, "
            "seed library, local fake Slack for the Web API and response_url.",
            "",
            "| measure | p50 | p95 | max |",
            "| --- | --- | --- | --- |",
            f"| ack (HTTP 200 back to Slack) | {ms(acks, 50)} | {ms(acks, 95)} | {ms(acks, 100)} |",
            f"| answer (at response_url) | {ms(answers, 50)} | {ms(answers, 95)} | "
            f"{ms(answers, 100)} |",
            "",
            f"Mean ack {statistics.mean(acks) * 1000:.1f} ms; Slack's limit is 3000 ms. "
            f"Answers that were an apology (a failing command): {result['failed']}.",
            "The ack's ~10 ms floor is Bolt's thread listener runner, which polls every 10 ms "
            "for `ack()` to have been called; the answer (dispatch, search, Block Kit, POST to "
            "response_url) is done within the same window.",
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="commands to send (default 200)")
    parser.add_argument("--no-record", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()
    text = report(run(args.n))
    print(text)
    if not args.no_record:
        results = ROOT / "bench" / "RESULTS.md"
        existing = results.read_text() if results.exists() else "# Benchmark results\n"
        results.write_text(existing.rstrip("\n") + "\n\n" + text)


if __name__ == "__main__":
    main()
