"""A small web site on 127.0.0.1 for fetch tests: pages, redirects, errors, slow and big bodies.

    with WebSite() as site:
        site.page("/debate.html", html_bytes, "text/html; charset=utf-8")
        site.redirect("/old", "/debate.html")
        url = site.url("/debate.html")

Routes built in: ``/missing`` (404), ``/loop`` (redirects to itself forever), ``/slow`` (sends
headers, then waits ``slow_seconds`` before the body), ``/big`` (``big_bytes`` of text, with a
Content-Length) and ``/big-chunked`` (the same without one).
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class WebSite:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.redirects: dict[str, str] = {}
        self.hits: list[str] = []
        self.slow_seconds = 3.0
        self.big_bytes = 200_000
        self._server: ThreadingHTTPServer | None = None

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8"):
        self.pages[path] = (body, content_type)

    def redirect(self, path: str, location: str) -> None:
        self.redirects[path] = location

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> WebSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                site.hits.append(self.path)
                path = self.path.split("?")[0]
                if path in site.redirects:
                    return self._send(302, b"", "text/plain", {"Location": site.redirects[path]})
                if path == "/loop":
                    return self._send(302, b"", "text/plain", {"Location": "/loop"})
                if path in site.pages:
                    body, content_type = site.pages[path]
                    return self._send(200, body, content_type)
                if path == "/slow":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", "100")
                    self.end_headers()
                    self.wfile.flush()
                    time.sleep(site.slow_seconds)
                    return
                if path == "/big":
                    return self._send(200, b"word " * (site.big_bytes // 5), "text/plain")
                if path == "/big-chunked":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    chunk = b"word " * 2000
                    try:
                        for _ in range(site.big_bytes // len(chunk) + 1):
                            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    except OSError:
                        pass  # the client hung up once it had enough
                    return
                self._send(404, b"<html><body>Not found</body></html>", "text/html")

            def _send(self, status, body, content_type, headers=None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
