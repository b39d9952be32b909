"""Benchmark: what running the features' hooks softly costs (``bot.library.derived``).

Two figures, each side by side in one run:

1. The hooks themselves: for every document of a library, its document hooks run inside one
   write transaction as ingest runs them, bare (the code before: one call after another) and
   softly (a savepoint around each, and the one look-up of the document's failures), rounds
   alternated in one process; and the same for its removal hooks (each removal rolled back, so
   every round removes the same documents).
2. The whole ingest: a folder (``--whole``, default the seed library: reading the real PDFs
   takes minutes a run on a loaded machine, and the hooks are a small share of it) ingested into
   a fresh store, then every document removed, by the code before (``--before``, a commit,
   extracted with ``git archive``) and by this tree, each in a process of its own, alternated.

    nice python bench/derived.py [FOLDER ...] [--whole FOLDER] [--rounds 3] [--before COMMIT]

Default folders for 1: the real documents (``/work/shared/corpora/real-docs`` and
``real-docs-2``), else the seed library. Figures go to bench/RESULTS.md, "Derived data fails
soft (round 8)".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = [ROOT.parent / "shared", Path("/work/shared")]

CHILD = r"""
import json, sys, tempfile, time
from pathlib import Path
import bot
from bot.library.ingest import ingest, remove
from bot.library.store import open_db

folders = sys.argv[1:]
with tempfile.TemporaryDirectory() as scratch:
    db = open_db(Path(scratch) / "bench.db")
    started = time.perf_counter()
    report = ingest(db, folders)
    ingested = time.perf_counter() - started
    passages = db["passages"].count
    started = time.perf_counter()
    for doc_id in sorted(report.added):
        remove(db, doc_id)
    removed = time.perf_counter() - started
    db.close()
print(json.dumps({"code": bot.__file__, "ingest": ingested, "remove": removed,
                  "documents": len(report.added), "passages": passages}))
"""


def default_folders() -> list[Path]:
    for shared in SHARED:
        found = [shared / "corpora" / name for name in ("real-docs", "real-docs-2")]
        found = [f for f in found if f.is_dir()]
        if found:
            return found
    return [ROOT / "seeds"]


def before_commit() -> str:
    """The commit before this module's first one: the code without soft hooks."""
    first = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", "bot/library/derived.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return f"{first[-1]}^" if first else "HEAD"


def extract(commit: str, target: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "bot", "seeds"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def run_child(tree: Path, folders: list[Path]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "ROCU_SEEDS": str(tree / "seeds")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, folders)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"].startswith(str(tree)), result["code"]  # that tree's code, not another
    return result


def hooks_side_by_side(folders: list[Path], rounds: int) -> dict:
    """Each document's hooks, bare and soft, in one write transaction per document."""
    sys.path.insert(0, str(ROOT))
    import bot  # noqa: F401 - the composition root's wiring
    from bot.library import derived
    from bot.library.ingest import document_hooks, ingest
    from bot.library.store import open_db, writing

    times: dict[str, list[float]] = {"bare": [], "soft": [], "bare_rm": [], "soft_rm": []}
    with tempfile.TemporaryDirectory() as scratch:
        db = open_db(Path(scratch) / "hooks.db")
        ids = sorted(ingest(db, folders).added)
        hooks = document_hooks()

        def bare(doc_id: str, removed: bool) -> None:
            for hook in hooks:
                hook(db, doc_id, removed)

        def soft(doc_id: str, removed: bool) -> None:
            derived.run_document_hooks(db, hooks, doc_id, removed)

        for _ in range(rounds):
            for name, way in (("bare", bare), ("soft", soft)):
                started = time.perf_counter()
                for doc_id in ids:
                    with writing(db):
                        way(doc_id, False)
                times[name].append(time.perf_counter() - started)
            for name, way in (("bare_rm", bare), ("soft_rm", soft)):
                started = time.perf_counter()
                for doc_id in ids:
                    db.conn.execute("BEGIN IMMEDIATE")
                    way(doc_id, True)
                    db.conn.execute("ROLLBACK")
                times[name].append(time.perf_counter() - started)
        db.close()
    return {"documents": len(ids), **times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", default=None, help="the commit to compare with")
    parser.add_argument("--whole", type=Path, action="append", help="folder for the whole ingest")
    args = parser.parse_args()
    folders = args.folders or default_folders()
    print(f"folders: {', '.join(map(str, folders))} (machine loaded: other work running)")

    hooks = hooks_side_by_side(folders, args.rounds)
    for what, b_key, s_key in (("document", "bare", "soft"), ("removal", "bare_rm", "soft_rm")):
        bare, soft = statistics.median(hooks[b_key]), statistics.median(hooks[s_key])
        print(
            f"{what} hooks, {hooks['documents']} documents, median of {args.rounds}: "
            f"bare {bare:.3f} s, soft {soft:.3f} s ({(soft / bare - 1) * 100:+.1f}%); "
            f"rounds bare {[round(t, 3) for t in hooks[b_key]]}, "
            f"soft {[round(t, 3) for t in hooks[s_key]]}"
        )

    whole = args.whole or [ROOT / "seeds"]
    commit = args.before or before_commit()
    with tempfile.TemporaryDirectory() as scratch:
        before = extract(commit, Path(scratch))
        runs: dict[str, list[dict]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            runs["before"].append(run_child(before, whole))
            runs["after"].append(run_child(ROOT, whole))
    for key in ("ingest", "remove"):
        b = statistics.median(r[key] for r in runs["before"])
        a = statistics.median(r[key] for r in runs["after"])
        print(
            f"{key} (whole, {', '.join(p.name for p in whole)}: "
            f"{runs['after'][0]['documents']} documents, "
            f"{runs['after'][0]['passages']} passages), median of {args.rounds}: "
            f"before ({commit[:12]}) {b:.2f} s, after {a:.2f} s ({(a / b - 1) * 100:+.1f}%); "
            f"before {[round(r[key], 2) for r in runs['before']]}, "
            f"after {[round(r[key], 2) for r in runs['after']]}"
        )


if __name__ == "__main__":
    main()
