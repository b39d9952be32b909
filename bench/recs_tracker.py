"""How the recommendation tracker holds up as its audit trail grows: listing (current status =
latest history row), the full card with its history, and the CSV/XLSX export.

    nice python bench/recs_tracker.py [FOLDER ...] [--changes 0,10000,100000] [--repeat 5]

FOLDER defaults to the seeds and ../shared/corpora/real-docs (when present). Each recommendation
gets an even share of the status changes (cycling through the statuses). Figures are medians of
``--repeat`` runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.library.ingest import ingest  # noqa: E402
from bot.library.store import open_db  # noqa: E402
from bot.recs import export  # noqa: E402
from bot.recs.tracker import STATUSES, get_recommendation, list_recommendations  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def add_changes(db, total: int) -> None:
    """``total`` status changes spread over every recommendation (straight into the log)."""
    rows = list(db.query("select id, key from recommendations order by id"))
    if not rows or not total:
        return
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    batch = []
    for n in range(total):
        row = rows[n % len(rows)]
        batch.append(
            {
                "key": row["key"],
                "rec_id": row["id"],
                "status": STATUSES[n % len(STATUSES)],
                "by": "Bench User",
                "by_id": "U0BENCH",
                "at": (at + dt.timedelta(minutes=n)).isoformat(),
                "note": f"change {n}",
            }
        )
    db["recommendation_status_log"].insert_all(batch, batch_size=5000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--changes", default="0,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folders = args.folders or [ROOT / "seeds"]
    real = ROOT.parent / "shared" / "corpora" / "real-docs"
    if not args.folders and real.is_dir():
        folders.append(real)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        report = ingest(db, folders)
        recs = list_recommendations(db)
        print(
            f"`python bench/recs_tracker.py` on {dt.date.today()}, Python "
            f"{platform.python_version()}, {platform.machine()}: {len(report.added)} documents "
            f"from {', '.join(str(f) for f in folders)}, {len(recs)} recommendations.\n"
        )
        print(
            "| status changes | list all ms | list status:open ms | due:overdue ms "
            "| one card + history ms | CSV ms | XLSX ms | XLSX KB |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        done = 0
        for total in [int(x) for x in args.changes.split(",")]:
            add_changes(db, total - done)
            done = total
            listing, recs = timed(lambda: list_recommendations(db), args.repeat)
            open_ms, _ = timed(lambda: list_recommendations(db, "status:open"), args.repeat)
            overdue_ms, _ = timed(lambda: list_recommendations(db, "due:overdue"), args.repeat)
            first, listed = recs[0].id, recs
            card_ms, _ = timed(lambda first=first: get_recommendation(db, first), args.repeat)
            csv_ms, _ = timed(lambda listed=listed: export.to_csv(listed), args.repeat)
            xlsx_ms, data = timed(lambda listed=listed: export.to_xlsx(listed), args.repeat)
            print(
                f"| {total} | {listing:.1f} | {open_ms:.1f} | {overdue_ms:.1f} | {card_ms:.1f} "
                f"| {csv_ms:.1f} | {xlsx_ms:.1f} | {len(data) / 1024:.0f} |"
            )
        db.close()


if __name__ == "__main__":
    main()
