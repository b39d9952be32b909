"""Benchmark: how long building the daily digest takes on a real library (not a test).

Ingests a folder (default: the seed library; e.g. the extracted corpus at /tmp/corpus) into a
fresh store, or uses ``--db``, adds three watches, then times ``bot.digest.content.build_digest``
and the Slack message rendering when no document, 5 documents and every document are new since the
last
digest (median of ``--repeat`` runs each).

    python bench/digest.py --corpus /tmp/corpus [--record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.digest.content import build_digest  # noqa: E402
from bot.digest.watches import add_watch  # noqa: E402
from bot.library.ingest import ingest  # noqa: E402
from bot.library.store import open_db  # noqa: E402
from bot.render.digest import digest_message  # noqa: E402

WATCHES = ["county lines", "ROCU funding", "modern slavery"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "seeds"), help="folder to ingest")
    parser.add_argument("--db", help="an existing store instead of ingesting --corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--record", action="store_true", help="append to bench/RESULTS.md")
    args = parser.parse_args()

    if args.db:
        db, source = open_db(args.db), args.db
    else:
        db, source = open_db(Path(tempfile.mkdtemp()) / "bench.db"), args.corpus
        ingest(db, [args.corpus])
    for query in WATCHES:
        add_watch(db, "CBENCH", query)
    now = dt.datetime.now(dt.UTC)
    ids = [row[0] for row in db.execute("select id from documents order by id")]
    passages = db["passages"].count
    lines = [
        f"library: {source}: {len(ids)} documents, {passages} passages; watches: {WATCHES}",
        "| new documents | build_digest median s | render s | watch hits | blocks |",
        "| --- | --- | --- | --- | --- |",
    ]
    for new in (0, min(5, len(ids)), len(ids)):
        old, fresh = (now - dt.timedelta(days=30)).isoformat(), now.isoformat()
        db.execute("update documents set added_at = ?, updated_at = ?", [old, old])
        for doc_id in ids[:new]:
            db.execute("update documents set added_at = ? where id = ?", [fresh, doc_id])
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            digest = build_digest(db, now.date(), "CBENCH", now=now + dt.timedelta(seconds=1))
            times.append(time.perf_counter() - start)
        start = time.perf_counter()
        message = digest_message(digest)
        render = time.perf_counter() - start
        hits = sum(len(h.results) + h.more for h in digest.watches)
        lines.append(
            f"| {new} | {statistics.median(times):.2f} | {render:.3f} | {hits} | "
            f"{len(message['blocks'])} |"
        )
    report = "\n".join(lines)
    print(report)
    if args.record:
        with open(ROOT / "bench" / "RESULTS.md", "a", encoding="utf-8") as out:
            out.write(f"\n## Digest build time ({dt.date.today()})\n\n{report}\n")


if __name__ == "__main__":
    main()
