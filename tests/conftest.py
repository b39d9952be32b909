"""Shared fixtures: a fresh store seeded from the project's seeds, and a CLI runner bound to it.

The seed library is ingested once per test run (``seeded_store``, session-scoped); each test
that asks for ``db`` gets its own copy of that file, so no test sees another's changes and none
pays for the ingest (and its many committed transactions) again.

Tests that talk to a server on a socket or start another process are marked ``slow`` here (by
the fixtures they use and what their code starts); they run by default and in ``.ci/run``;
``pytest -m 'not slow'`` leaves them out while iterating."""

from __future__ import annotations

import functools
import inspect
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from stores import close_for_copying, copy_store, open_copy

from bot.library.ingest import ensure_seeded
from bot.library.store import open_db

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the seed folder, safe to change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "rocu.db"
    monkeypatch.setenv("ROCU_DB", str(path))
    monkeypatch.setenv("ROCU_SEEDS", str(SEEDS))
    return path


@pytest.fixture
def empty_db(db_path):
    db = open_db(db_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    """The seed library ingested once per test run: a closed store file, its write-ahead log
    folded in, for ``db`` to copy. Never opened by a test itself."""
    path = tmp_path_factory.mktemp("seeded") / "rocu.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ROCU_SEEDS", str(SEEDS))
        env.setenv("ROCU_DB", str(path))
        db = open_db(path)
        report = ensure_seeded(db)
        assert report is not None and not report.failed, report and report.failed
        close_for_copying(db)
    return path


@pytest.fixture
def db(seeded_store, db_path):
    """A store holding the seed library: this test's own copy of ``seeded_store``."""
    store = open_copy(seeded_store, db_path)
    yield store
    store.close()


@pytest.fixture
def runner(seeded_store, db_path) -> CliRunner:
    """A click runner whose `rocu` uses this test's copy of the seed library (``ROCU_DB``)."""
    if not db_path.exists():  # ``db`` may have made (and opened) it already
        copy_store(seeded_store, db_path)
    return CliRunner()


@pytest.fixture
def fresh_runner(db_path) -> CliRunner:
    """A click runner whose `rocu` uses a store not made yet (seeded on first read)."""
    return CliRunner()


# -- the slow marker ------------------------------------------------------------------------------

# What makes a test slow: a fixture that serves on a socket (the fake Slack, a web site, the app
# over HTTP), or a test (or a helper of its module that it calls) that starts a server or another
# process itself.
SOCKET_FIXTURES = {"fake_slack", "slack", "rig", "make_rig", "site", "server", "world"}
STARTS = re.compile(
    r"\b(?:subprocess|multiprocessing|Popen|sys\.executable)\b|"
    r"\b(?:FakeSlack|WebSite|start_rig|http_server|make_server)\("
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: talks to a server on a socket or starts another process (still run by default "
        "and by .ci/run; `-m 'not slow'` leaves them out while iterating)",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SOCKET_FIXTURES & set(getattr(item, "fixturenames", ())) or _starts_something(item):
            item.add_marker(pytest.mark.slow)


@functools.cache
def _source_starts(function) -> bool:
    try:
        return bool(STARTS.search(inspect.getsource(function)))
    except (OSError, TypeError):
        return False


def _starts_something(item) -> bool:
    function = getattr(item, "function", None)
    if function is None:
        return False
    if _source_starts(function):
        return True
    helpers = (function.__globals__.get(name) for name in function.__code__.co_names)
    return any(inspect.isfunction(h) and _source_starts(h) for h in helpers)


# The meaning extra is off for the whole run (the session's seeded store too); its own tests turn
# it on with monkeypatch.setenv("ROCU_MEANING", "on").
os.environ["ROCU_MEANING"] = "off"


@pytest.fixture(autouse=True)
def _meaning_off(monkeypatch):
    """The meaning extra (bot/search/meaning) is off unless a test turns it on: where the extra
    is installed, the rest of the suite still tests the plain build's search."""
    monkeypatch.setenv("ROCU_MEANING", "off")


# -- one seeded store and one running Slack app for a whole module ------------------------------


@pytest.fixture(scope="module")
def world(request, tmp_path_factory):
    """``(store path, store, console, rig, fake Slack)`` for a whole module: one store seeded from
    the project's seeds, its console, and the real Bolt app served over HTTP answering to the fake
    Slack of tests/slack_rig.py (tests/fronts/test_odd_lines.py, tests/slack/test_hostile_input.py).
    ``ROCU_EDITORS`` is the module's ``WORLD_EDITORS`` (who may change the library: set it to the
    asker's id for the editing paths to run, to someone else's for them to be refused)."""
    from slack_rig import start_rig
    from slack_server import FakeSlack

    from bot import console
    from bot.slack import editors, people
    from bot.slack.http import stop

    folder = tmp_path_factory.mktemp("world")
    path = folder / "rocu.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ROCU_DB", str(path))
        env.setenv("ROCU_SEEDS", str(SEEDS))  # the project's seed library
        env.setenv("ROCU_EDITORS", request.module.WORLD_EDITORS)
        env.delenv("ROCU_FETCH_ALLOW_PRIVATE", raising=False)
        env.setenv("ROCU_HISTORY", str(folder / "history"))
        editors.forget_cache()
        people.forget_cache()
        db = open_db(path)
        ensure_seeded(db)
        with FakeSlack() as slack:
            rig, server = start_rig(path, slack)
            try:
                yield path, db, console.Console(db), rig, slack
            finally:
                people.settle()  # no name lookup outlives this world's app (see FakeSlack.stop)
                stop(server)
                editors.forget_cache()
                people.forget_cache()
                db.close()
    shutil.rmtree(folder, ignore_errors=True)
