"""Shared fixtures: a fresh store seeded from the project's seeds, and a CLI runner bound to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

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


@pytest.fixture
def db(empty_db):
    """A store holding the seed library."""
    report = ensure_seeded(empty_db)  # ROCU_SEEDS is the project's seeds/ (db_path above)
    assert report is not None and not report.failed, report and report.failed
    return empty_db


@pytest.fixture
def runner(db_path) -> CliRunner:
    """A click runner whose `rocu` uses a fresh store in tmp (seeded on first read)."""
    return CliRunner()


@pytest.fixture(autouse=True)
def _meaning_off(monkeypatch):
    """The meaning extra (bot/search/meaning) is off unless a test turns it on: where the extra
    is installed, the rest of the suite still tests the plain build's search."""
    monkeypatch.setenv("ROCU_MEANING", "off")
