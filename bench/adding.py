"""Benchmark: adding one small web page to a big library, and searching while it happens.

Builds (once, then reuses) a store of the whole UK Covid-19 Inquiry corpus (~244k passages) with
the real ingest, then, ``--runs`` times: fetches a 4 KB Hansard-style page from a loopback web
server through ``bot.library.adding.add_link`` (fetch, clean, passages, recommendation and
glossary hooks: everything `/rocu add` does before it answers), while another thread, with its own
connection, keeps searching; then removes the page again (``bot.library.ingest.remove``).

    nice python bench/adding.py --corpus ../shared/corpora/uk-covid19-inquiry.tar.gz --runs 3

Reports: add seconds (and the library hooks' share), remove seconds, and search latency p50/p95
and the longest wait while the add ran, beside the same searches with nothing running.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tarfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "uk-covid19-inquiry.tar.gz"
QUERIES = ["county lines", "care homes", "lockdown decision", "testing capacity", "PPE supply"]


def page(n: int) -> bytes:
    """About 4 KB of a Hansard-style page, different each run (so it is added, not unchanged)."""
    paragraphs = "".join(
        f"<p>Mr Speaker, the regional organised crime units (ROCUs) reported in run {n} that "
        f"county lines exploitation in area {i} had moved to rail hubs, and the minister said "
        "that funding for the National Crime Agency would continue.</p>"
        for i in range(16)
    )
    return (
        "<!DOCTYPE html><html><head><title>Bench debate</title></head><body>"
        f"<nav>Home | Hansard</nav><main><h1>Bench debate {n}</h1><p>12 March 2020</p>"
        f"{paragraphs}</main><footer>Accessibility</footer></body></html>"
    ).encode()


def serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build(corpus: Path, work: Path):
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    store = work / "store.db"
    ready = work / "store.ready"
    if not ready.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)
        root = work / "corpus"
        if not root.exists():
            with tarfile.open(corpus) as tar:
                tar.extractall(work / "corpus.part", filter="data")
            (work / "corpus.part").rename(root)
        db = open_db(store)
        started = time.perf_counter()
        report = ingest(db, sorted(root.rglob("*.rst")))
        print(f"built the store in {time.perf_counter() - started:.0f} s: {report.counts()}")
        db.close()
        ready.write_text("ok")
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--workdir", default="/tmp/rocu-bench-adding")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["ROCU_FETCH_ALLOW_PRIVATE"] = "1"
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    store = build(Path(args.corpus), work)

    from bot.library import ingest
    from bot.library.adding import add_link
    from bot.library.store import open_db
    from bot.search.ranking import search

    db = open_db(store)
    passages = db["passages"].count
    documents = db["documents"].count
    pages: dict[str, bytes] = {}
    server = serve(pages)
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def searching(stop: threading.Event, out: list[float]) -> None:
        reader = open_db(store)
        i = 0
        while not stop.is_set():
            started = time.perf_counter()
            search(reader, QUERIES[i % len(QUERIES)])
            out.append(time.perf_counter() - started)
            i += 1
        reader.close()

    idle: list[float] = []
    stop = threading.Event()
    thread = threading.Thread(target=searching, args=(stop, idle))
    thread.start()
    time.sleep(5)
    stop.set()
    thread.join()

    hook_time = [0.0]
    hooks = list(ingest.library_hooks())

    def timed_hook(hook):
        def run(db, report):
            started = time.perf_counter()
            try:
                return hook(db, report)
            finally:
                hook_time[0] += time.perf_counter() - started

        return run

    ingest.LIBRARY_HOOKS[:] = [timed_hook(h) for h in hooks]
    adds, hooks_s, removes, during, longest = [], [], [], [], []
    for n in range(args.runs):
        path = f"/bench-{n}-{int(time.time())}.html"
        pages[path] = page(n)
        busy: list[float] = []
        stop = threading.Event()
        thread = threading.Thread(target=searching, args=(stop, busy))
        thread.start()
        time.sleep(1.0)
        hook_time[0] = 0.0
        started = time.perf_counter()
        added = add_link(db, base + path)
        adds.append(time.perf_counter() - started)
        hooks_s.append(hook_time[0])
        stop.set()
        thread.join()
        during += busy
        longest.append(max(busy) if busy else float("nan"))
        started = time.perf_counter()
        ingest.remove(db, added.document.id)
        removes.append(time.perf_counter() - started)
        print(
            f"run {n}: add {adds[-1]:.2f} s (library hooks {hooks_s[-1]:.2f} s), "
            f"remove {removes[-1]:.2f} s, {len(busy)} searches meanwhile, "
            f"longest {longest[-1] * 1000:.0f} ms",
            flush=True,
        )
    server.shutdown()

    def pct(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(p * len(values)))] * 1000

    print()
    print(f"library: {documents} documents, {passages} passages; page {len(page(0))} bytes")
    print("| measure | median | max |")
    print("| --- | --- | --- |")
    print(f"| add (fetch + ingest + hooks) s | {statistics.median(adds):.2f} | {max(adds):.2f} |")
    print(f"| of which library hooks s | {statistics.median(hooks_s):.2f} | {max(hooks_s):.2f} |")
    print(f"| remove s | {statistics.median(removes):.2f} | {max(removes):.2f} |")
    print(
        f"searches idle: n={len(idle)} p50 {pct(idle, 0.5):.0f} ms p95 {pct(idle, 0.95):.0f} ms; "
        f"during adds: n={len(during)} p50 {pct(during, 0.5):.0f} ms "
        f"p95 {pct(during, 0.95):.0f} ms, longest {max(longest) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
