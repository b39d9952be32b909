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
if not DEFAULT_CORPUS.is_file():
    DEFAULT_CORPUS = Path("/work/shared/corpora/uk-covid19-inquiry.tar.gz")
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


def with_copies(store: Path, copies: int) -> Path:
    """A copy of ``store`` holding its documents ``copies`` times (ids and paths suffixed
    ``-cN``), made once in SQL: the indexes are filled by the store's own triggers."""
    import shutil
    import sqlite3

    target = store.with_name(f"{store.stem}-x{copies}.db")
    ready = target.with_suffix(".ready")
    if ready.exists():
        return target
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(store, target)
    conn = sqlite3.connect(target)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
    started = time.perf_counter()
    for n in range(1, copies):
        values = [
            f"id || '-c{n}'" if c == "id" else f"path || '#c{n}'" if c == "path" else c
            for c in columns
        ]
        conn.execute(
            f"INSERT INTO documents ({', '.join(columns)}) SELECT {', '.join(values)} "
            "FROM documents WHERE id NOT LIKE '%-c_'"
        )
        conn.execute(
            "INSERT INTO passages (doc_id, ordinal, text, start, end, speaker, context, "
            "context_title) "
            f"SELECT doc_id || '-c{n}', ordinal, text, start, end, speaker, context, "
            "context_title FROM passages "
            "WHERE doc_id NOT LIKE '%-c_' ORDER BY id"
        )
        conn.commit()
        print(f"copy {n}: {time.perf_counter() - started:.0f} s", flush=True)
    conn.close()
    ready.write_text("ok")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--workdir", default="/tmp/rocu-bench-adding")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--copies", type=int, default=1, help="the library this many times over (4: ~1M passages)"
    )
    parser.add_argument("--code", help="measure the bot package of another checkout (baseline)")
    parser.add_argument("--store", help="use this store (a copy is made, then changed)")
    args = parser.parse_args()
    if args.code:
        sys.path.insert(0, str(Path(args.code).resolve()))
    os.environ["ROCU_FETCH_ALLOW_PRIVATE"] = "1"
    # a store built from copies of one corpus (--copies, or such a --store) stays as built: the
    # store step that merges exact copies would otherwise fold it back to one copy on first open
    os.environ["ROCU_KEEP_COPIES"] = "1"
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    if not args.store:
        store = build(Path(args.corpus), work)
        if args.copies > 1:
            store = with_copies(store, args.copies)
    else:  # a private copy: the schema and the vocabulary's state are this code's own
        import shutil

        store = work / Path(args.store).name
        shutil.copyfile(args.store, store)

    import bot
    from bot.library import ingest
    from bot.library.adding import add_link

    print(f"bot package: {Path(bot.__file__).resolve().parents[1]}")
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
    vocab_time = [0.0]
    hooks = list(ingest.library_hooks())  # loads the features the root declares

    def timed_hook(hook):
        def run(db, report):
            started = time.perf_counter()
            try:
                return hook(db, report)
            finally:
                spent = time.perf_counter() - started
                hook_time[0] += spent
                if "vocabulary" in getattr(hook, "__module__", ""):
                    vocab_time[0] += spent

        return run

    ingest.LIBRARY_HOOKS[:] = [timed_hook(h) for h in hooks]
    # a first add and remove, not counted: imports and first-page costs (trafilatura)
    pages["/warm"] = page(-1)
    ingest.remove(db, add_link(db, base + "/warm").document.id)
    adds, hooks_s, vocab_add, removes, vocab_remove, during, longest = [], [], [], [], [], [], []
    direct, direct_removes = [], []
    for n in range(args.runs):
        path = f"/bench-{n}-{int(time.time())}.html"
        pages[path] = page(n)
        busy: list[float] = []
        stop = threading.Event()
        thread = threading.Thread(target=searching, args=(stop, busy))
        thread.start()
        time.sleep(1.0)
        hook_time[0] = vocab_time[0] = 0.0
        started = time.perf_counter()
        added = add_link(db, base + path)
        adds.append(time.perf_counter() - started)
        hooks_s.append(hook_time[0])
        vocab_add.append(vocab_time[0])
        stop.set()
        thread.join()
        during += busy
        longest.append(max(busy) if busy else float("nan"))
        vocab_time[0] = 0.0
        started = time.perf_counter()
        ingest.remove(db, added.document.id)
        removes.append(time.perf_counter() - started)
        vocab_remove.append(vocab_time[0])
        # the library's part alone: the same bytes through ingest_bytes, no fetch, no searches
        started = time.perf_counter()
        report = ingest.ingest_bytes(db, page(n), "bench.html", f"bench://{n}/{time.time()}")
        direct.append(time.perf_counter() - started)
        started = time.perf_counter()
        ingest.remove(db, report.added[0])
        direct_removes.append(time.perf_counter() - started)
        print(
            f"run {n}: add {adds[-1]:.3f} s (library hooks {hooks_s[-1]:.3f} s, vocabulary "
            f"{vocab_add[-1]:.3f} s), remove {removes[-1]:.3f} s (vocabulary "
            f"{vocab_remove[-1]:.3f} s); ingest_bytes {direct[-1]:.3f} s, remove "
            f"{direct_removes[-1]:.3f} s; {len(busy)} searches meanwhile, "
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
    print(f"| add (fetch + ingest + hooks) s | {statistics.median(adds):.3f} | {max(adds):.3f} |")
    print(f"| of which library hooks s | {statistics.median(hooks_s):.3f} | {max(hooks_s):.3f} |")
    print(f"| of which vocabulary s | {statistics.median(vocab_add):.3f} | {max(vocab_add):.3f} |")
    print(f"| remove s | {statistics.median(removes):.3f} | {max(removes):.3f} |")
    print(
        f"| of which vocabulary s | {statistics.median(vocab_remove):.3f} "
        f"| {max(vocab_remove):.3f} |"
    )
    print(f"| ingest_bytes (no fetch) s | {statistics.median(direct):.3f} | {max(direct):.3f} |")
    print(
        f"| remove after it s | {statistics.median(direct_removes):.3f} "
        f"| {max(direct_removes):.3f} |"
    )
    print(
        f"searches idle: n={len(idle)} p50 {pct(idle, 0.5):.0f} ms p95 {pct(idle, 0.95):.0f} ms; "
        f"during adds: n={len(during)} p50 {pct(during, 0.5):.0f} ms "
        f"p95 {pct(during, 0.95):.0f} ms, longest {max(longest) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
