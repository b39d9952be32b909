"""Benchmark: a passage's context (``bot.library.context``) off and on, and other contexts
tried beside it (issue 21, round 9). Not a test: the material is not part of the project.

- ``questions``: the 33 real documents (``corpora/real-docs`` and ``real-docs-2``) ingested into
  two fresh stores, every kind of context off and as shipped (ingest timed, side by side: a
  loaded machine's figures: the table context, and the title on the pieces of tables of
  figures), and copies of the second made here only, to measure: the table context alone; the
  title on every passage; the title on every table's rows (of figures or not); the table
  context and the last heading before each passage (a passage the cleaning flags as headings
  only). Each question set given (``--questions``, default the tables set and the tuning and
  checking halves of the team's two sets) is asked of rocu plain (the meaning extra off) on each
  store, and of bm25s over the same passages (text only); a question is answered by a passage
  of its document holding its answer. P@1, hit@3 and MRR@10 by set and half; with ``--ranks``,
  each question's rank (first 30) on each store, for small sets.
- ``ir``: the four collections of ``eval/ir`` (bench/ir.py builds the stores): how many passages
  get a table or title context as shipped (none expected: the collections hold no tables), and
  nDCG@10 of rocu with the title on every passage off and on; on/off chosen
  leave-one-collection-out (on the other three's mean), with the paired bootstrap interval of
  on - off on each.
- ``migrate``: the schema steps' time on a copy of a big store made before them.
- ``speed``: search p50/p95 on a store, with this checkout's code or another's (``--code``).

    python bench/context.py questions --workdir /tmp/context9-q
    python bench/context.py questions --questions MY.jsonl --ranks
    python bench/context.py ir --workdir /tmp/context9-ir
    python bench/context.py migrate --store /tmp/rocu-meaning-bench/cost/store-100000.db
    python bench/context.py speed --store BEFORE.db --code OLD-CHECKOUT --label before
    python bench/context.py speed --store AFTER.db --label after
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --code DIR: the ``bot`` package of another checkout (e.g. main before a change), for ``speed``
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(CODE.resolve()))
sys.path.insert(0, str(ROOT / "bench"))
SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()),
    ROOT.parent / "shared",
)
SETS = ("eval/questions-tables.jsonl", "eval/questions-real.jsonl", "eval/questions-real-2.jsonl")
TITLE = (
    "UPDATE passages SET context_title = "
    "(SELECT nullif(title, '') FROM documents d WHERE d.id = passages.doc_id)"
)


def _ingest_real(folder: Path, on: bool) -> tuple[object, float]:
    """A fresh store of the real documents with every kind of context built (``on``) or none."""
    from bot.library import context
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    docs = folder.parent / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name in ("real-docs", "real-docs-2"):
        for path in sorted((SHARED / "corpora" / name).iterdir()):
            if path.suffix not in {".json", ".md"} and not (docs / path.name).exists():
                (docs / path.name).symlink_to(path)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    kinds = dict(context.KINDS)
    context.KINDS.update({kind: on for kind in kinds})
    db = open_db(folder / "rocu.db")
    started = time.perf_counter()
    report = ingest(db, [docs])
    took = time.perf_counter() - started
    context.KINDS.update(kinds)
    assert not report.failed, report.failed
    return db, took


def _with_title(db, target: Path, which: str):
    """A copy of ``db`` (built as shipped) whose title contexts are those of ``which``: "none"
    (the table context alone), "all" (every passage carries its document's title) or "rows"
    (every passage that is rows of a table, every line a row of as many cells, of figures or
    not). As shipped: the pieces of tables of figures only."""
    from bot.library.context import table_cells
    from bot.library.store import open_db

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dest = sqlite3.connect(target / "rocu.db")
    db.conn.backup(dest)
    if which == "none":
        dest.execute("UPDATE passages SET context_title = NULL WHERE context_title IS NOT NULL")
    elif which == "all":
        dest.execute(TITLE)
    else:
        rows = [
            (rowid,)
            for rowid, text in dest.execute("select id, text from passages")
            if table_cells(text) is not None
        ]
        dest.execute("create temp table rows_of_tables (id integer primary key)")
        dest.executemany("insert into rows_of_tables values (?)", rows)
        dest.execute(TITLE + " WHERE id IN (SELECT id FROM rows_of_tables)")
    dest.commit()
    dest.close()
    return open_db(target / "rocu.db")


def _with_headings(db, target: Path, docs: Path):
    """A copy of ``db`` whose passages carry, as context too, the last heading passage before
    them in their document: a passage all of whose paragraphs the cleaning flags as headings
    (``cleaning.Paragraph.heading``), read again from each document's file."""
    from bot.library import limits
    from bot.library.cleaning import clean
    from bot.library.store import open_db

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    dest = sqlite3.connect(target / "rocu.db")
    db.conn.backup(dest)
    updates, skipped = [], 0
    for doc_id, file in dest.execute("select id, file from documents").fetchall():
        path = docs / file
        doc = clean(limits.extract(path, path.read_bytes()).text)
        rows = dest.execute(
            "select id, start, end, text from passages where doc_id = ? order by ordinal", [doc_id]
        ).fetchall()
        if any(doc.text[start:end] != text for _, start, end, text in rows):
            skipped += 1
            continue
        heading = None
        for rowid, start, end, text in rows:
            inside = [p for p in doc.paragraphs if p.start < end and p.end > start]
            if inside and all(p.heading for p in inside):
                heading = text
            elif heading:
                updates.append((heading, rowid))
    dest.executemany(
        "update passages set context = coalesce(context || char(10), '') || ? where id = ?",
        updates,
    )
    dest.commit()
    dest.close()
    print(f"  heading context: {len(updates)} passages; {skipped} documents not read alike")
    return open_db(target / "rocu.db")


def _answered(text: str, answer: str) -> bool:
    """Spaces, case and the " | " between cells ignored, as bench/pdf_tables.py reads them."""
    squash = lambda s: "".join(s.replace(" | ", " ").split()).casefold()  # noqa: E731
    return squash(answer) in squash(text)


def _rank(files: list[str], texts: list[str], q: dict, depth: int = 30) -> int | None:
    for i, (file, text) in enumerate(zip(files[:depth], texts[:depth], strict=True)):
        if file == q["file"] and _answered(text, q["answer"]):
            return i + 1
    return None


def _rocu_ranks(db, qs: list[dict]) -> list[int | None]:
    from bot.search.ranking import search

    texts = dict(db.execute("select doc_id || '#' || ordinal, text from passages").fetchall())
    files = dict(db.execute("select id, file from documents").fetchall())
    out = []
    for q in qs:
        results = search(db, q["query"], limit=30).results
        out.append(
            _rank([files[r.doc_id] for r in results], [texts[r.passage_id] for r in results], q)
        )
    return out


def _with_coverage(db, qs: list[dict]) -> list[int | None]:
    """``_rocu_ranks`` with a passage's contexts counted in its coverage too (switched on)."""
    from bot.search import scoring

    shipped = scoring.CONTEXT_COVERAGE
    scoring.CONTEXT_COVERAGE = True
    try:
        return _rocu_ranks(db, qs)
    finally:
        scoring.CONTEXT_COVERAGE = shipped


def _bm25s_ranks(db, qs: list[dict]) -> list[int | None]:
    import ir

    rows = db.execute(
        "select p.id, d.file, p.text from passages p join documents d on d.id = p.doc_id"
    ).fetchall()
    by_id = {str(r[0]): (r[1], r[2]) for r in rows}
    bm25 = ir.Bm25s(ir.Collection("real", {k: v[1] for k, v in by_id.items()}, []))
    runs = bm25.run([(None, q["query"]) for q in qs], depth=30)
    return [
        _rank([by_id[d][0] for d in ranked], [by_id[d][1] for d in ranked], q)
        for q, (ranked, _) in zip(qs, runs, strict=True)
    ]


def _figures(ranks: list[int | None]) -> str:
    p1 = statistics.fmean(r == 1 for r in ranks)
    h3 = statistics.fmean(bool(r and r <= 3) for r in ranks)
    mrr = statistics.fmean(1 / r if r and r <= 10 else 0.0 for r in ranks)
    return f"{sum(r == 1 for r in ranks)}/{len(ranks)} | {p1:.2f} | {h3:.2f} | {mrr:.3f}"


def questions(args) -> None:
    os.environ["ROCU_MEANING"] = "off"
    work = Path(args.workdir)
    off, off_s = _ingest_real(work / "off", on=False)
    on, on_s = _ingest_real(work / "on", on=True)
    table = _with_title(on, work / "table", "none")
    titled = _with_title(on, work / "title", "all")
    table_titled = _with_title(on, work / "title-tables", "rows")
    headed = _with_headings(table, work / "headings", work / "docs")
    count = on.execute("select count(*) from passages where context is not null").fetchone()[0]
    titles = on.execute("select count(*) from passages where context_title is not null").fetchone()[
        0
    ]
    print(
        f"ingest of the real documents (loaded machine, one run each, side by side): "
        f"context off {off_s:.1f} s, on {on_s:.1f} s; {on['passages'].count} passages, "
        f"{count} with a table context, {titles} with a title context\n"
    )
    qs = []
    for name in args.questions:
        for line in Path(name).read_text().splitlines():
            if line.strip():
                qs.append({**json.loads(line), "set": Path(name).stem})
    systems = {
        "bm25s": _bm25s_ranks(off, qs),
        "rocu, context off": _rocu_ranks(off, qs),
        "rocu, table context": _rocu_ranks(table, qs),
        "rocu, table + title on tables of figures (shipped)": _rocu_ranks(on, qs),
        "rocu, shipped + contexts in coverage": _with_coverage(on, qs),
        "rocu, table + title, every passage": _rocu_ranks(titled, qs),
        "rocu, table + title on every table's rows": _rocu_ranks(table_titled, qs),
        "rocu, table + heading context": _rocu_ranks(headed, qs),
    }
    print("| set | half | system | P@1 hits | P@1 | hit@3 | MRR@10 |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
    parts: dict[tuple[str, str], list[int]] = {}
    for i, q in enumerate(qs):
        parts.setdefault((q["set"], q.get("half", "all")), []).append(i)
    for (name, half), keep in sorted(parts.items()):
        for system, ranks in systems.items():
            print(f"| {name} | {half} | {system} | {_figures([ranks[i] for i in keep])} |")
    if args.ranks:
        print("\n| question | " + " | ".join(systems) + " |")
        print("| --- |" + " ---: |" * len(systems))
        for i, q in enumerate(qs):
            shown = " | ".join(str(ranks[i] or "-") for ranks in systems.values())
            print(f"| {q['query']} | {shown} |")


def ir_part(args) -> None:
    import ir

    os.environ["ROCU_MEANING"] = "off"
    work = Path(args.workdir)
    per: dict[str, dict[str, list[float]]] = {}
    for name in args.collections:
        coll = ir.load(name, Path(args.root))
        db, file_to_id = ir.build_store(coll, work)
        tables = db.execute(
            "select count(*) from passages where context is not null or context_title is not null"
        ).fetchone()
        print(f"{name}: {tables[0]} passages with a table or title context as shipped")
        titled = _with_title(db, work / f"{name}-title", "all")
        per[name] = {}
        for label, store in (("off", db), ("title", titled)):
            runs = ir.run_rocu(store, file_to_id, coll.queries, timing=False)
            per[name][label] = [
                ir.metrics(ranked, coll.qrels.get(qid, set()))["ndcg10"]
                for (qid, _), (ranked, _) in zip(coll.queries, runs, strict=True)
            ]
        print(
            f"  nDCG@10 off {statistics.fmean(per[name]['off']):.4f}, "
            f"title {statistics.fmean(per[name]['title']):.4f}",
            flush=True,
        )
    print("\n| held out | chosen on the others | off | title | title - off (95% CI) |")
    print("| --- | --- | ---: | ---: | --- |")
    for name in per:
        others = [n for n in per if n != name]
        gain = (
            statistics.fmean(
                statistics.fmean(per[n]["title"]) - statistics.fmean(per[n]["off"]) for n in others
            )
            if others
            else 0.0
        )
        chosen = "title" if gain > 0 else "off"
        mean, lo, hi = ir.bootstrap(per[name]["title"], per[name]["off"])
        print(
            f"| {name} | {chosen} ({gain:+.4f}) | {statistics.fmean(per[name]['off']):.4f} | "
            f"{statistics.fmean(per[name]['title']):.4f} | {mean:+.4f} ({lo:+.4f}, {hi:+.4f}) |"
        )


STEPS = ("passages_context", "passages_context_title", "search_vocabulary_context")


def migrate_part(args) -> None:
    """Time the schema steps on a copy of a store made before them (the copy is made here, and
    first brought up to date but for these steps; the store before them is kept for ``speed``)."""
    from bot.library import store

    source = Path(args.store)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "before.db"
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = sqlite3.connect(copy)
    src.backup(dest)
    src.close()
    names = {r[0] for r in dest.execute("select name from _migrations")}
    dest.close()
    assert not names & set(STEPS), "the store was made after the steps"
    every = store._steps
    store._steps = lambda loaded: [s for s in every(loaded) if s[0] not in STEPS]
    db = store.open_db(copy)  # the other pending steps, if any
    passages = db["passages"].count
    db.close()
    store._steps = every
    kept = sqlite3.connect(work / "kept-before.db")  # the store before the steps, for ``speed``
    source = sqlite3.connect(copy)
    source.backup(kept)
    source.close()
    kept.close()
    started, cpu = time.perf_counter(), time.process_time()
    db = store.open_db(copy)  # runs the pending steps
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    filled = db.execute("select count(*) from passages where context is not null").fetchone()[0]
    print(
        f"the steps {', '.join(STEPS)} on {passages} passages (loaded machine): {wall:.1f} s "
        f"wall, {cpu:.1f} s CPU; {filled} passages with a context; kept the store before them "
        f"as {work / 'kept-before.db'}"
    )


def speed_part(args) -> None:
    """Search p50/p95 (wall) over bench/search.py's random 2-4 word queries on ``--store``, with
    the ``bot`` package this script's ``--code`` names (run once per checkout, alternating, to
    set two builds side by side on one machine)."""
    import search as search_bench

    from bot.library.store import open_db
    from bot.search.ranking import search

    db = open_db(args.store)
    ns = argparse.Namespace(queries=args.queries, typo_share=0.3, seed=7)
    queries = [q for q, _ in search_bench.make_queries(db, ns)]
    search(db, "warm up")
    times = []
    for q in queries:
        started = time.perf_counter()
        search(db, q)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(
        f"{args.label}: {db['passages'].count} passages, {len(times)} queries: p50 "
        f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms wall; load average "
        f"{os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("part", choices=("questions", "ir", "migrate", "speed"))
    parser.add_argument("--workdir", default="/tmp/rocu-context-bench")
    parser.add_argument("--questions", nargs="*", default=[str(ROOT / s) for s in SETS])
    parser.add_argument("--ranks", action="store_true", help="questions: each question's ranks")
    parser.add_argument("--root", default=str(SHARED / "eval" / "ir"))
    parser.add_argument("--collections", nargs="*", default=["cisi", "cran", "med", "adi"])
    parser.add_argument("--store", default="/tmp/rocu-meaning-bench/cost/store-100000.db")
    parser.add_argument("--queries", type=int, default=200, help="speed: how many")
    parser.add_argument("--label", default="this build", help="speed: the line's label")
    parser.add_argument("--code", default="", help="speed: search with another checkout's bot")
    args = parser.parse_args()
    parts = {"questions": questions, "ir": ir_part, "migrate": migrate_part, "speed": speed_part}
    parts[args.part](args)


if __name__ == "__main__":
    main()
