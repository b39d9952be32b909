"""The warm-up the Slack app runs as it starts (``bot.slack.warm``): it answers through the real
command path, writes nothing to the store, and never raises, even on an empty or broken store.
No test text here: the lines warmed are the module's own."""

from __future__ import annotations

import logging
import threading

from stores import copy_store

from bot.slack import warm
from bot.slack.library import Library


def _dump(db) -> list[str]:
    return list(db.conn.iterdump())


def test_warm_up_answers_and_writes_nothing(db, monkeypatch, caplog):
    answers, rendered = [], []
    dispatch, message = warm.commands.dispatch, warm.blocks.message

    def answering(db, line, context):
        answers.append((line, dispatch(db, line, context)))
        return answers[-1][1]

    def rendering(reply):
        rendered.append(message(reply))
        return rendered[-1]

    monkeypatch.setattr(warm.commands, "dispatch", answering)
    monkeypatch.setattr(warm.blocks, "message", rendering)
    before = _dump(db)
    with caplog.at_level(logging.WARNING, logger="rocu.slack"):
        seconds = warm.warm(db)
    assert seconds > 0
    # every line answered through the command path as a search, and rendered; none skipped
    assert [line for line, _reply in answers] == list(warm.LINES)
    assert all(reply.kind == "search" for _line, reply in answers)
    assert len(rendered) == len(warm.LINES) and all(rendered)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert _dump(db) == before  # read only: no log row, no session, no missing term


def test_warm_up_on_an_empty_store_is_quiet(empty_db, caplog):
    with caplog.at_level(logging.WARNING, logger="rocu.slack"):
        warm.warm(empty_db)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_warm_up_failure_is_one_line_and_no_raise(db, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom with a user's words")

    monkeypatch.setattr(warm.commands, "dispatch", broken)
    with caplog.at_level(logging.WARNING, logger="rocu.slack"):
        warm.warm(db)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["warm-up skipped: RuntimeError"]


def test_warm_up_thread_uses_its_own_connection(seeded_store, db_path, monkeypatch):
    copy_store(seeded_store, db_path)
    library = Library(db_path)
    mine = library.db()  # this thread's connection
    used = []
    real = warm.warm

    def recording(db):
        used.append((db, threading.current_thread().name))
        return real(db)

    monkeypatch.setattr(warm, "warm", recording)
    thread = warm.warm_up(library)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert thread.daemon  # never keeps a stopping app alive
    # the warm-up ran on its own thread with that thread's connection, not this one's
    assert [name for _db, name in used] == ["rocu-warm-up"]
    assert used[0][0] is not mine and used[0][0].conn is not mine.conn
    assert library.db() is mine
