"""Benchmark: ingest and search on real text at several library sizes (not a test; CI skips it).

For each size (passages) it builds a fresh store from the corpus (the UK Covid-19 Inquiry
transcripts by default; the corpus is ingested several times over, as distinct documents with
prefixed file names, for sizes beyond one copy) and reports ingest time and passages/s, store size,
peak RSS, and p50/p95 latency of (a) ``bot.search.ranking.search``, (b) raw FTS5 MATCH + bm25 (the
floor), (c) a naive rapidfuzz scan over every passage. Queries are a fixed, seeded set of 2-4 word
phrases
drawn from the corpus, a share with one typo injected; recall@5 says how often each method finds
the passage a query came from.

    python bench/search.py --corpus ../shared/corpora/uk-covid19-inquiry.tar.gz \\
        --sizes 10000,100000,all,1000000

Each size runs in its own process so that peak RSS is that size's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --code DIR: search with the ``bot`` package of another checkout (e.g. main before a change)
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(CODE.resolve()))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "uk-covid19-inquiry.tar.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help=".tar.gz or folder")
    parser.add_argument("--sizes", default="10000,100000,all,1000000", help="passages, or 'all'")
    parser.add_argument("--workdir", default="/tmp/rocu-bench", help="stores and corpus copies")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--typo-share", type=float, default=0.3)
    parser.add_argument("--naive-queries", type=int, default=10, help="the scan is slow")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--long-queries", type=int, default=20, help="pasted text up to 4,000 characters"
    )
    parser.add_argument(
        "--long-chars", type=int, default=4000, help="pasted text is cut to this many characters"
    )
    parser.add_argument(
        "--store",
        help="time searches on this existing store (built by an earlier run) instead of building",
    )
    parser.add_argument("--code", help="search with the bot package of this checkout")
    parser.add_argument(
        "--against",
        help="with --store: the same searches with the bot package of this checkout too, "
        "interleaved run by run (before/after on one store, from one run)",
    )
    parser.add_argument("--rounds", type=int, default=3, help="with --store: runs per query")
    parser.add_argument("--kinds", help=argparse.SUPPRESS)  # internal: keyword,question,pasted
    parser.add_argument("--only", help=argparse.SUPPRESS)  # internal: run one size, print JSON
    args = parser.parse_args()
    if args.store:
        compare_on_store(args)
        return
    work = Path(args.workdir)
    files = corpus_files(Path(args.corpus), work)
    if args.only:
        print(json.dumps(run_size(args, files, work)))
        return
    rows = []
    for size in args.sizes.split(","):
        cmd = [sys.executable, __file__, "--only", size, *sys.argv[1:]]
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(table(rows[-1:]), flush=True)
    print()
    print("command: python bench/search.py " + " ".join(sys.argv[1:]))
    print(table(rows))


def corpus_files(corpus: Path, work: Path) -> list[Path]:
    """The corpus's text files, extracted into ``work`` if it is an archive."""
    if corpus.is_dir():
        root = corpus
    else:
        root = work / "corpus"
        if not root.exists():
            work.mkdir(parents=True, exist_ok=True)
            with tarfile.open(corpus) as tar:
                tar.extractall(root, filter="data")
    return sorted(p for p in root.rglob("*.rst"))


def copies(files: list[Path], work: Path, n: int) -> list[tuple[Path, Path]]:
    """``n`` copies of the corpus as distinct files (hard links where possible), copy by copy:
    (copy, original) pairs. Copies are documents of their own here, not refused as copies."""
    os.environ["ROCU_KEEP_COPIES"] = "1"
    out = []
    for i in range(n):
        folder = work / f"copy{i}"
        for path in files:
            target = folder / path.parent.name / f"c{i}-{path.name}"
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(path, target)
                except OSError:
                    shutil.copyfile(path, target)
            out.append((target, path))
    return out


def passage_counts(files: list[Path], work: Path) -> dict[str, int]:
    """Passages per corpus file (cached), to pick the files that make up a size before timing."""
    from bot.library import formats
    from bot.library.cleaning import clean
    from bot.library.passages import split_passages

    cache = work / "passage-counts.json"
    counts = json.loads(cache.read_text()) if cache.exists() else {}
    if any(_key(path) not in counts for path in files):
        for path in files:
            if _key(path) not in counts:
                text = formats.read_text(path, path.read_bytes())
                counts[_key(path)] = len(split_passages(clean(text)))
        cache.write_text(json.dumps(counts))
    return counts


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def run_size(args, files: list[Path], work: Path) -> dict:
    from rapidfuzz import fuzz, process

    from bot.library.ingest import ingest
    from bot.library.store import open_db
    from bot.search.ranking import search
    from bot.search.vocabulary import vocabulary

    target = None if args.only == "all" else int(args.only)
    path = work / f"store-{args.only}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = open_db(path)
    counts = passage_counts(files, work)
    pairs = copies(files, work, 1 if target is None else max(1, -(-target // 250_000)))
    selected, expected = [], 0
    for copy, original in pairs:
        if target is not None and expected >= target:
            break
        selected.append(copy)
        expected += counts[_key(original)]
    hooks_s = time_feature_hooks()
    started = time.perf_counter()
    report = ingest(db, selected)
    ingest_s = time.perf_counter() - started
    assert not report.failed, report.failed[:3]
    passages = db.execute("select count(*) from passages").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = (
        sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if os.path.exists(f"{path}{s}"))
        / 1e6
    )
    queries = make_queries(db, args)
    started = time.perf_counter()
    vocabulary(db)
    vocab_s = time.perf_counter() - started
    ours, ours_hits = timed(queries, lambda q: [r.passage_id for r in search(db, q).results])
    raw, raw_hits = timed(queries, lambda q: raw_fts(db, q))
    long_queries = make_long_queries(db, args)
    long, long_hits = (
        timed(long_queries, lambda q: [r.passage_id for r in search(db, q).results])
        if long_queries
        else ({"p50": 0, "p95": 0}, 0.0)
    )
    first_ms = first_search_ms(path, queries[0][0])
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    texts = [row[0] for row in db.execute("select text from passages order by id")]
    ids = [
        row[0] for row in db.execute("select doc_id || '#' || ordinal from passages order by id")
    ]
    naive_q = queries[: args.naive_queries]
    naive, naive_hits = timed(
        naive_q,
        lambda q: [
            ids[i] for _, _, i in process.extract(q, texts, scorer=fuzz.partial_ratio, limit=5)
        ],
    )
    return {
        "size": args.only,
        "passages": passages,
        "documents": db["documents"].count,
        "ingest_s": round(ingest_s, 1),
        "passages_per_s": round(passages / ingest_s),
        "hooks_s": round(hooks_s[0], 1),
        "core_passages_per_s": round(passages / max(0.001, ingest_s - hooks_s[0])),
        "store_mb": round(size_mb, 1),
        "peak_rss_mb": round(rss_mb),
        "vocab_load_ms": round(vocab_s * 1000, 1),
        "queries": len(queries),
        "ours": ours,
        "ours_recall5": round(ours_hits, 3),
        "fts": raw,
        "fts_recall5": round(raw_hits, 3),
        "naive": naive,
        "naive_recall5": round(naive_hits, 3),
        "naive_queries": len(naive_q),
        "long": long,
        "long_recall5": round(long_hits, 3),
        "long_queries": len(long_queries),
        "first_search_ms": first_ms,
    }


def time_feature_hooks() -> list[float]:
    """Wrap the ingest hooks that other features registered (glossary, recommendations) so the
    report can say how much of ingest is theirs. Returns a one-item list that accumulates."""
    from bot.library import ingest as ingest_mod

    spent = [0.0]

    def timed_hook(hook):
        def run(*args):
            started = time.perf_counter()
            try:
                return hook(*args)
            finally:
                spent[0] += time.perf_counter() - started

        return run

    ingest_mod.DOCUMENT_HOOKS[:] = [timed_hook(h) for h in ingest_mod.document_hooks()]
    ingest_mod.LIBRARY_HOOKS[:] = [timed_hook(h) for h in ingest_mod.library_hooks()]
    return spent


def _random_phrases(db, rng: random.Random, shortest: int, longest: int):
    """Endless (words, source passage id): ``shortest``-``longest`` consecutive words of a random
    passage, with at least one word of five or more letters. A generator, so a caller's own draws
    from ``rng`` between phrases keep their place in the sequence."""
    import re

    top = db.execute("select max(id) from passages").fetchone()[0]
    while True:
        row = db.execute(
            "select doc_id || '#' || ordinal, text from passages where id = ?",
            [rng.randint(1, top)],
        ).fetchone()
        if not row:
            continue
        tokens = re.findall(r"[A-Za-z]+", row[1])
        n = rng.randint(shortest, longest)
        if len(tokens) < n:
            continue
        start = rng.randrange(len(tokens) - n + 1)
        phrase = tokens[start : start + n]
        if max(len(w) for w in phrase) < 5:
            continue
        yield phrase, row[0]


def make_queries(db, args) -> list[tuple[str, str]]:
    """(query, source passage id): 2-4 consecutive words of a random passage, with at least one
    word of five or more letters; ``typo_share`` of them with one typo in their longest word."""
    rng = random.Random(args.seed)
    out = []
    for phrase, pid in _random_phrases(db, rng, 2, 4):
        if len(out) >= args.queries:
            break
        if rng.random() < args.typo_share:
            i = max(range(len(phrase)), key=lambda k: len(phrase[k]))
            phrase[i] = typo(phrase[i], rng)
        out.append((" ".join(phrase), pid))
    return out


QUESTION_OPENERS = ("what is", "how do", "why did", "who said", "when was", "what does")


def make_questions(db, args) -> list[tuple[str, str]]:
    """(query, source passage id): 3-5 consecutive words of a random passage as a question (an
    opener of this benchmark's own, a question mark): a latency probe for questions."""
    rng = random.Random(args.seed + 2)
    out = []
    for phrase, pid in _random_phrases(db, rng, 3, 5):
        if len(out) >= args.queries:
            break
        out.append((f"{rng.choice(QUESTION_OPENERS)} {' '.join(phrase).lower()}?", pid))
    return out


def make_long_queries(db, args) -> list[tuple[str, str]]:
    """(query, source passage id): a random passage and the ones after it, pasted whole, up to
    ``--long-chars`` (at most the 4,000 characters Slack allows); the source is the first
    passage."""
    rng = random.Random(args.seed + 1)
    top = db.execute("select max(id) from passages").fetchone()[0]
    out = []
    for _ in range(args.long_queries):
        first = rng.randint(1, top)
        rows = db.execute(
            "select doc_id || '#' || ordinal, text from passages where id >= ? order by id limit 8",
            [first],
        ).fetchall()
        if not rows:
            continue
        text, most = "", getattr(args, "long_chars", 4000)
        for _, passage in rows:
            if len(text) + len(passage) + 1 > most:
                break
            text = f"{text} {passage}".strip()
        out.append((text or rows[0][1][:most], rows[0][0]))
    return out


def first_search_ms(path: Path, query: str) -> float:
    """The first search in a fresh process on the store (what a restarted bot pays), imports
    and opening the store not included."""
    code = (
        "import sys, time\n"
        "from bot.library.store import open_db\n"
        "from bot.search.ranking import search\n"
        "db = open_db(sys.argv[1])\n"
        "started = time.perf_counter()\n"
        "search(db, sys.argv[2])\n"
        "print((time.perf_counter() - started) * 1000)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), query],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ).stdout
    return round(float(out.strip().splitlines()[-1]), 1)


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "replace", "double"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == "replace":
        return word[:i] + rng.choice("aeioustnr") + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def raw_fts(db, query: str) -> list[str]:
    """The floor: every word quoted (the same safety as search), ANDed, bm25, top five."""
    from bot.library.text import words

    match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words(query))
    rows = db.execute(
        "select p.doc_id || '#' || p.ordinal, p.text from passages_fts "
        "join passages p on p.id = passages_fts.rowid where passages_fts match ? "
        "order by rank limit 5",
        [match],
    ).fetchall()
    return [row[0] for row in rows]


def timed(queries, fn) -> tuple[dict, float]:
    fn(queries[0][0])  # warm caches
    times, hits = [], 0
    for query, source in queries:
        started = time.perf_counter()
        found = fn(query)
        times.append((time.perf_counter() - started) * 1000)
        hits += source in found
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return {"p50": round(statistics.median(times), 1), "p95": round(p95, 1)}, hits / len(queries)


def table(rows: list[dict]) -> str:
    head = (
        "| size | passages | docs | ingest s (hooks s) | passages/s (without hooks) | store MB | "
        "peak RSS MB | ours p50/p95 ms | FTS5 p50/p95 ms | naive p50/p95 ms | "
        "recall@5 ours/FTS5/naive |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['size']} | {r['passages']:,} | {r['documents']} | "
            f"{r['ingest_s']} ({r['hooks_s']}) | "
            f"{r['passages_per_s']:,} ({r['core_passages_per_s']:,}) | {r['store_mb']} | "
            f"{r['peak_rss_mb']} | "
            f"{r['ours']['p50']} / {r['ours']['p95']} | {r['fts']['p50']} / {r['fts']['p95']} | "
            f"{r['naive']['p50']} / {r['naive']['p95']} | "
            f"{r['ours_recall5']} / {r['fts_recall5']} / {r['naive_recall5']} |"
        )
    lines += [
        "",
        "| size | long queries (pasted, up to 4,000 chars) p50/p95 ms | recall@5 | "
        "first search in a fresh process ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for r in rows:
        if "long" in r:
            lines.append(
                f"| {r['size']} | {r['long']['p50']} / {r['long']['p95']} "
                f"({r['long_queries']} queries) | {r['long_recall5']} | {r['first_search_ms']} |"
            )
    return "\n".join(lines)


def compare_on_store(args) -> None:
    """Keyword, question and pasted-text searches on an existing store, p50/p95 of each query's
    fastest of ``--rounds`` runs and recall@5; with ``--against``, the other checkout's search
    runs in a second process on the same store, the two alternating query kind by query kind
    (A B B A ...) so that the load of a shared machine falls on both alike."""
    if args.against:
        procs = {"after (this checkout)": None, f"before ({args.against})": args.against}
        outputs = {label: {} for label in procs}
        for kind in ("keyword", "question", "pasted"):
            order = list(procs.items())
            for label, code in order if kind != "question" else order[::-1]:
                cmd = [sys.executable, __file__, "--store", args.store, "--kinds", kind]
                cmd += ["--queries", str(args.queries), "--long-queries", str(args.long_queries)]
                cmd += ["--long-chars", str(args.long_chars), "--seed", str(args.seed)]
                cmd += ["--rounds", str(args.rounds), "--typo-share", str(args.typo_share)]
                cmd += ["--code", code] if code else []
                out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
                outputs[label].update(json.loads(out.strip().splitlines()[-1]))
        print(f"store {args.store}: {outputs[next(iter(outputs))]['passages']:,} passages")
        print(
            "| code | keyword p50/p95 ms | recall@5 | question p50/p95 ms | recall@5 | "
            "pasted p50/p95 ms | recall@5 |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for label, f in outputs.items():
            cells = [
                f"{f[k]['p50']} / {f[k]['p95']} | {f[k]['recall5']}"
                for k in ("keyword", "question", "pasted")
            ]
            print(f"| {label} | " + " | ".join(cells) + " |")
        return
    from bot.library.store import open_db
    from bot.search.ranking import search

    db = open_db(args.store)
    makers = {"keyword": make_queries, "question": make_questions, "pasted": make_long_queries}
    kinds = args.kinds.split(",") if getattr(args, "kinds", None) else list(makers)
    result = {"passages": db.execute("select count(*) from passages").fetchone()[0]}
    search(db, "warm up")
    for kind in kinds:
        queries = makers[kind](db, args)
        fastest, hits = [], 0
        for query, source in queries:
            best = float("inf")
            for _ in range(args.rounds):
                started = time.perf_counter()
                found = [r.passage_id for r in search(db, query).results]
                best = min(best, (time.perf_counter() - started) * 1000)
            fastest.append(best)
            hits += source in found
        fastest.sort()
        p95 = fastest[min(len(fastest) - 1, int(round(0.95 * len(fastest))) - 1)]
        result[kind] = {
            "p50": round(statistics.median(fastest), 1),
            "p95": round(p95, 1),
            "recall5": round(hits / len(queries), 3),
            "queries": len(queries),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
