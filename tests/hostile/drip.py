"""A hostile web server on 127.0.0.1 for fetch tests: it sends its status line and headers one
byte at a time, ``every`` seconds apart, and never finishes (issue 24's slow-header probe).
Written for these tests; it serves nothing but bytes it makes up itself."""

from __future__ import annotations

import socket
import threading
import time


class DripServer:
    def __init__(self, every: float = 0.2) -> None:
        self.every = every
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.stopped = threading.Event()
        self.requests: list[bytes] = []

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    def url(self, path: str = "/page") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> DripServer:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self.sock.close()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        try:
            self.requests.append(conn.recv(65536))
            headers = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Pad: a\r\n" * 10_000
            for byte in headers:
                if self.stopped.is_set():
                    return
                conn.sendall(bytes([byte]))
                time.sleep(self.every)
        except OSError:
            pass
        finally:
            conn.close()
