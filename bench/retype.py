"""Benchmark: a store made under other type rules guesses its documents' types again on its next
open (``bot.recs.storing.RETYPE_ON_RULES_CHANGE``), measured as the whole open.

The store: the real documents of the development corpora (real-docs and real-docs-2), ingested
once into ``--store`` by this tree (``rocu --db STORE ingest DOCS``: pass the folder of links to
the files). On a fresh copy of it, for each case, ``--repeat`` times, the whole ``open_db`` is
timed in a fresh process (imports included):

1. ``up to date``: nothing pending (the baseline);
2. ``types pending``: the types step forgotten (a store from other type rules that guessed the
   same types);
3. ``older rules typed the reports responses``: as 2, and every report that a response answers
   (a link's report) typed ``government-response``, its items re-read as a response's and the
   links redone, as a store from rules that took a report for a response would hold (round 14's
   ``response-one-paragraph``): the step must put the types back and link the answers again.

For each case it prints the median and range of the open, the types that differ from the
up-to-date store's, and the links the library holds after.

    nice python bench/retype.py --store /tmp/real/rocu.db [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPEN = """
import sys, time
t = time.perf_counter()
from bot.library.store import open_db
db = open_db(sys.argv[1])
print(time.perf_counter() - t)
"""


def _forget_types_step(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("delete from _migrations where name like 'document_types_%'")
    con.execute("delete from _schema_stamp")
    con.commit()
    con.close()


def _older_rules(path: Path) -> list[str]:
    """Type every guessed report a response answers ``government-response``, re-read its items
    as a response's and relink."""
    from bot.library.store import open_db
    from bot.recs import links, storing

    db = open_db(path)
    ids = [
        row["id"]
        for row in db["documents"].rows_where(
            "id in (select report_doc from recommendation_links)", select="id, guessed"
        )
        if "type" in json.loads(row["guessed"] or "[]")
    ]
    with db.conn:
        for doc_id in ids:
            db.execute("update documents set type = 'government-response' where id = ?", [doc_id])
            storing.rebuild_document(db, doc_id)
        links.relink(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return ids


def _state(path: Path) -> tuple[dict, int]:
    con = sqlite3.connect(path)
    types = dict(con.execute("select id, type from documents"))
    count = con.execute("select count(*) from recommendation_links").fetchone()[0]
    con.close()
    return types, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="retype-"))
    base = work / "base.db"
    shutil.copyfile(args.store, base)
    subprocess.run([sys.executable, "-c", OPEN, str(base)], check=True, capture_output=True)
    want, want_links = _state(base)
    older = work / "older.db"
    shutil.copyfile(base, older)
    retyped = _older_rules(older)
    _, older_links = _state(older)
    print(
        f"{len(want)} documents, {want_links} links; the older rules' store: {len(retyped)} "
        f"reports typed responses, {older_links} links"
    )
    cases = [
        ("up to date", base, False),
        ("types pending", base, True),
        ("older rules typed the reports responses", older, True),
    ]
    for name, source, forget in cases:
        times = []
        for _ in range(args.repeat):
            path = work / "run.db"
            for extra in ("", "-wal", "-shm"):
                Path(str(path) + extra).unlink(missing_ok=True)
            shutil.copyfile(source, path)
            if forget:
                _forget_types_step(path)
            t = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", OPEN, str(path)], check=True, capture_output=True, text=True
            )
            times.append(time.perf_counter() - t)
            inner = float(out.stdout.strip().splitlines()[-1])
        types, count = _state(path)
        moved = {k: (want.get(k), v) for k, v in types.items() if want.get(k) != v}
        print(
            f"{name}: whole open median {statistics.median(times):.2f} s "
            f"(range {min(times):.2f}-{max(times):.2f}; last open_db {inner:.2f} s); "
            f"types unlike the up-to-date store's: {len(moved)} {moved or ''}; links {count}"
        )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
