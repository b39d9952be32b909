"""Backups of the store, taken while it serves, and a checked restore (issue 24).

The store holds work that exists nowhere else (statuses and their audit trail, the team's
glossary, watches, document details), so:

* ``backup(store, target)`` copies it with SQLite's online backup API in one step: a consistent
  snapshot even while the bot writes (WAL readers never block writers), checked with
  ``PRAGMA integrity_check``, written to a temporary file and renamed into place, so a backup
  file is either whole or absent;
* ``Backups`` (``ROCU_BACKUP_DIR``, ``ROCU_BACKUP_EVERY_HOURS`` default 24,
  ``ROCU_BACKUP_KEEP`` default 7) takes the same backups from the running app on a thread of its
  own, at start when the newest is older than the interval, and keeps the newest N;
* ``restore(source, store)`` checks the source (integrity, and that it is a rocu store) before
  anything changes, backs the current store up beside it (``NAME.before-restore-STAMP.db``),
  then copies the source in with the backup API (so a running app's connections see it);
* ``warnings(store)``: sentences for a store on a disk the platform wipes (known markers:
  Heroku's ``DYNO``, Cloud Run's ``K_SERVICE``, AWS Lambda, Vercel, Railway without a volume)
  and for configured backups none of which is newer than 24 hours.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger("rocu.library.backup")

PREFIX = "rocu-"
EVERY_HOURS = 24.0
KEEP = 7
STALE_AFTER = dt.timedelta(hours=24)


class BackupError(Exception):
    """A backup or restore that could not be made; the message is one sentence."""


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S-%f")


def default_dir(store: Path) -> Path:
    configured = (os.environ.get("ROCU_BACKUP_DIR") or "").strip()
    return Path(configured) if configured else Path(store).resolve().parent / "backups"


def target_for(store: Path, path: str | os.PathLike | None = None) -> Path:
    """Where ``rocu backup [PATH]`` writes: PATH itself, a new file inside PATH when it is a
    folder, else a new file in ``ROCU_BACKUP_DIR`` (default ``backups/`` beside the store)."""
    if path is not None and not Path(path).is_dir() and Path(path).suffix:
        return Path(path)  # a file name (a new folder has no suffix: a copy goes inside)
    folder = Path(path) if path is not None else default_dir(store)
    return folder / f"{PREFIX}{_stamp()}.db"


def _connect(path: Path, mode: str = "rw") -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def _integrity(conn: sqlite3.Connection) -> str | None:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return None if rows and rows[0][0] == "ok" else "; ".join(str(r[0]) for r in rows[:3])


def backup(store: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Copy the store at ``store`` to ``target`` (a file) consistently; returns ``target``."""
    store, target = Path(store), Path(target)
    if not store.is_file():
        raise BackupError(f"There is no store at {store} to back up.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        source = _connect(store)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)  # one step: a snapshot, never restarted by writers
                problem = _integrity(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                copy.close()
        finally:
            source.close()
        if problem:
            raise BackupError(f"The copy failed its integrity check ({problem}); nothing kept.")
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise BackupError(f"The store could not be backed up: {exc}.") from exc
    except OSError as exc:
        raise BackupError(f"The backup could not be written to {target}: {exc.strerror}.") from exc
    finally:
        partial.unlink(missing_ok=True)
    log.info("backup written (%d bytes)", target.stat().st_size)
    return target


def check(source: str | os.PathLike) -> None:
    """Raise BackupError unless ``source`` is a whole rocu store."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    try:
        conn = _connect(source, "ro")
        try:
            problem = _integrity(conn)
            tables = {r[0] for r in conn.execute("select name from sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{source} is not a readable SQLite store ({exc}).") from exc
    if problem:
        raise BackupError(f"{source} fails its integrity check ({problem}); nothing was changed.")
    if "documents" not in tables or "passages" not in tables:
        raise BackupError(f"{source} is not a rocu store (no documents table).")


def restore(source: str | os.PathLike, store: str | os.PathLike) -> Path | None:
    """Replace the store with ``source`` after checking it; the old store is kept aside (its
    path is returned; None when there was no store)."""
    source, store = Path(source), Path(store)
    check(source)
    aside = None
    if store.is_file():
        aside = store.with_name(f"{store.stem}.before-restore-{_stamp()}{store.suffix or '.db'}")
        backup(store, aside)
    try:
        incoming = _connect(source, "ro")
        try:
            current = sqlite3.connect(store, timeout=30)
            try:
                incoming.backup(current)
                problem = _integrity(current)
            finally:
                current.close()
        finally:
            incoming.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The store could not be replaced: {exc}.") from exc
    if problem:
        raise BackupError(f"The restored store fails its integrity check ({problem}).")
    log.info("store restored from a backup; the old one kept aside")
    return aside


def backups_in(folder: Path) -> list[Path]:
    """The backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.db"), key=lambda p: p.stat().st_mtime)


def newest_age(folder: Path, now: float | None = None) -> dt.timedelta | None:
    found = backups_in(folder)
    if not found:
        return None
    now = now if now is not None else dt.datetime.now(dt.UTC).timestamp()
    return dt.timedelta(seconds=max(now - found[-1].stat().st_mtime, 0))


def _number(name: str, default: float) -> float:
    raw = (os.environ.get(name) or "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


class Backups:
    """Scheduled backups from the running app into ``ROCU_BACKUP_DIR``."""

    def __init__(self, store: Path, folder: Path, every_hours: float, keep: int) -> None:
        self.store, self.folder = Path(store), Path(folder)
        self.every = dt.timedelta(hours=every_hours)
        self.keep = keep
        self._stop = threading.Event()

    @classmethod
    def from_env(cls, store: Path) -> Backups | None:
        folder = (os.environ.get("ROCU_BACKUP_DIR") or "").strip()
        if not folder:
            return None
        every = _number("ROCU_BACKUP_EVERY_HOURS", EVERY_HOURS)
        return cls(store, Path(folder), every, int(_number("ROCU_BACKUP_KEEP", KEEP)))

    def due(self) -> bool:
        age = newest_age(self.folder)
        return age is None or age >= self.every

    def take(self) -> Path | None:
        try:
            made = backup(self.store, self.folder / f"{PREFIX}{_stamp()}.db")
        except BackupError as exc:
            log.error("scheduled backup failed: %s", exc)
            return None
        for old in backups_in(self.folder)[: -self.keep]:
            old.unlink(missing_ok=True)
        return made

    def start(self) -> Backups:
        threading.Thread(target=self._run, name="rocu-backups", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.due():
                self.take()
            self._stop.wait(min(self.every.total_seconds(), 600))


# -- warnings ------------------------------------------------------------------------------------

WIPED = {
    "DYNO": "Heroku",
    "K_SERVICE": "Cloud Run",
    "AWS_LAMBDA_FUNCTION_NAME": "AWS Lambda",
    "VERCEL": "Vercel",
}


def warnings(store: str | os.PathLike, env=None) -> list[str]:
    """Sentences about the store's safety: a disk the platform wipes, or no recent backup."""
    env = os.environ if env is None else env
    store = Path(store).resolve()
    found = []
    for marker, platform in WIPED.items():
        if env.get(marker):
            found.append(
                f"The store {store} is on {platform}'s local disk, which is wiped on every "
                "restart: put ROCU_DB on a persistent volume (see the README's Deploying)."
            )
            break
    volume = env.get("RAILWAY_VOLUME_MOUNT_PATH")
    if env.get("RAILWAY_ENVIRONMENT") and not (volume and str(store).startswith(volume)):
        found.append(
            f"The store {store} is not on a Railway volume, so a redeploy wipes it: attach a "
            "volume and put ROCU_DB on it."
        )
    folder = (env.get("ROCU_BACKUP_DIR") or "").strip()
    if folder:
        age = newest_age(Path(folder))
        if age is None or age > STALE_AFTER:
            found.append(
                f"No backup of the store in the last 24 hours in {folder}: check the log for "
                "why, or run `rocu backup`."
            )
    return found
