"""Teaching, forgetting and noting missing terms while another connection writes (the Slack app
answers on several threads, each with its own connection, and records every post it makes): each
write waits its turn instead of failing with "database is locked"."""

from __future__ import annotations

import threading
import time

from bot.glossary.lookup import command
from bot.library.store import open_db
from bot.recs.tracker import list_recommendations, set_status


def test_glossary_and_status_writes_wait_for_another_writer(db, db_path):
    stop = threading.Event()
    failures: list[BaseException] = []

    def other_writer() -> None:  # e.g. the posting pool recording what it sent
        other = open_db(db_path)
        other.execute("create table if not exists noise (n integer)")
        n = 0
        while not stop.is_set():
            n += 1
            other.execute("insert into noise values (?)", [n])
            other.conn.commit()
            time.sleep(0.002)

    writer = threading.Thread(target=other_writer, daemon=True)
    writer.start()
    rec = list_recommendations(db)[0]
    try:
        # a fixed number of rounds, not a time: on a loaded machine fewer rounds fit in a second
        for rounds in range(1, 13):
            try:
                command(db, f"QXZ{rounds % 3} = Quokka Exchange Zone", "U1")
                command(db, f"--forget QXZ{(rounds + 1) % 3}", "U1")
                command(db, f"Zorblax Widget {rounds % 5}", "U1")  # unknown: noted as missing
                set_status(db, rec.id, "accepted" if rounds % 2 else "open", by="A", by_id="U1")
            except Exception as exc:  # noqa: BLE001 - collected for the assertion
                failures.append(exc)
    finally:
        stop.set()
        writer.join(5)
    if failures:
        raise failures[0]
