"""Bursts and idle connections (issue 15): acks never wait for answers, and half-sent or
drip-fed requests are closed by the server while it keeps answering."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request

from slack_rig import start_rig
from slack_server import FakeSlack

from bot import commands
from bot.config import Settings
from bot.slack.app import Library, build_app, http_server
from bot.slack.http import ServerLimits, stop


def test_a_burst_is_acked_while_every_answer_is_still_being_worked_out(db, db_path, monkeypatch):
    release = threading.Event()
    real = commands.dispatch

    def slow_dispatch(*args, **kwargs):
        release.wait(30)  # every answer waits until all the acks are back
        return real(*args, **kwargs)

    monkeypatch.setattr(commands, "dispatch", slow_dispatch)
    with FakeSlack() as slack:
        rig, server = start_rig(db_path, slack)
        try:
            n = 40  # more than the HTTP threads (8) and the answer pool (16) together
            statuses: list = [None] * n

            def send(i: int) -> None:
                statuses[i] = rig.command(f"search county lines {i}")[0]

            threads = [threading.Thread(target=send, args=(i,)) for i in range(n)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(20)
            assert statuses == [200] * n  # all acked...
            assert slack.responses() == []  # ...while no answer had been given
            release.set()
            answers = slack.wait_for("response", count=n, timeout=60)
            assert sorted(a.method for a in answers) == sorted(f"cmd{i + 1}" for i in range(n))
        finally:
            release.set()
            stop(server)


def healthz(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
        return response.status


def test_half_sent_and_drip_fed_requests_are_closed_and_the_server_keeps_answering(db, db_path):
    limits = ServerLimits(idle_timeout=1, request_timeout=3)
    with FakeSlack() as slack:
        library = Library(db_path)
        settings = Settings(bot_token="xoxb-test", signing_secret="s", api_url=slack.url)
        server = http_server(build_app(settings, library=library), library, "127.0.0.1", 0, limits)
        threading.Thread(target=server.run, daemon=True).start()
        port = int(server.effective_port)
        idle, drip = [], socket.create_connection(("127.0.0.1", port), timeout=5)
        try:
            for _ in range(200):
                sock = socket.create_connection(("127.0.0.1", port), timeout=5)
                sock.sendall(b"POST /slack/events HTTP/1.1\r\nContent-Length: 90\r\n")
                idle.append(sock)
            drip.sendall(b"POST /slack/events HTTP/1.1\r\n")
            assert healthz(port) == 200  # answered while 201 requests hang
            deadline = time.monotonic() + 15
            open_ = set(range(len(idle)))
            drip_closed = False
            while (open_ or not drip_closed) and time.monotonic() < deadline:
                for i in list(open_):
                    idle[i].setblocking(False)
                    try:
                        if idle[i].recv(1024) == b"":
                            open_.discard(i)
                    except BlockingIOError:
                        pass
                    except OSError:
                        open_.discard(i)
                try:
                    drip.sendall(b"X-Drip: 1\r\n")  # never silent for a whole idle_timeout
                except OSError:
                    drip_closed = True
                time.sleep(0.4)
            assert not open_, f"{len(open_)} half-sent connections still open"
            assert drip_closed, "a drip-fed request was never cut off"
            assert healthz(port) == 200
        finally:
            for sock in idle + [drip]:
                sock.close()
            stop(server)
