"""Benchmark: ranking quality on classic test collections, rocu against bm25s and raw FTS5.

For each collection (CISI, Cranfield, MEDLINE, ADI from ``../shared/eval/ir``, or a folder given
with ``--root``) the documents (title + text) are written out as text files and ingested through
the real pipeline (``bot.library.ingest.ingest``) into a fresh store. Then, on the judged queries
as written and on typo'd variants (``random.Random(13)``: one edit, deleting, swapping, replacing
or doubling a letter, in each word of five or more letters with probability 0.5), it reports
nDCG@10 (binary relevance), P@10, Recall@100, MRR@10 and p50/p95 latency of

- rocu: ``bot.search.ranking.search`` (a document ranks at its first passage);
- bm25s: BM25 (k1 1.5, b 0.75, "lucene"), its English stop words and the Snowball English stemmer
  (PyStemmer), over whole documents: the baseline of the collections' README;
- FTS5: the store's own index, every query word quoted and OR-ed, ``ORDER BY rank``.

    pip install -e '.[bench]'
    nice python bench/ir.py                      # all four collections
    nice python bench/ir.py cisi med --no-typos  # some of them

Not a test: the collections are not part of the project.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# ../shared beside the checkout (or beside a parent folder of it, for a worktree)
DEFAULT_ROOT = next(
    (p / "shared" / "eval" / "ir" for p in ROOT.parents if (p / "shared" / "eval" / "ir").is_dir()),
    ROOT.parent / "shared" / "eval" / "ir",
)
COLLECTIONS = ("cisi", "cran", "med", "adi")
DEPTH = 100  # documents ranked per query (Recall@100)


@dataclass
class Collection:
    name: str
    docs: dict[str, str]  # id -> title + text
    queries: list[tuple[str, str]]  # (id, text), judged only
    qrels: dict[str, set[str]] = field(default_factory=dict)


# -- reading the collections ----------------------------------------------------------------


def smart_records(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(id, {field: text}) of each ``.I`` record of a SMART-style file."""
    records: list[tuple[str, dict[str, str]]] = []
    current: dict[str, list[str]] | None = None
    field_name = None
    for line in path.read_text(encoding="latin-1").splitlines():
        match = re.match(r"^\.([A-Z])(?:\s+(\S+))?\s*$", line)
        if match and match.group(1) == "I":
            current = {}
            records.append((match.group(2), current))
            field_name = None
        elif match and current is not None:
            field_name = match.group(1)
            current.setdefault(field_name, [])
        elif current is not None and field_name is not None:
            current[field_name].append(line.strip())
    return [(rid, {k: " ".join(" ".join(v).split()) for k, v in f.items()}) for rid, f in records]


def load(name: str, root: Path) -> Collection:
    folder = root / name
    files = {p.name.lower(): p for p in folder.iterdir()}

    def pick(*names: str) -> Path:
        for candidate in names:
            if candidate in files:
                return files[candidate]
        raise SystemExit(f"{folder}: none of {names}")

    docs = {}
    for rid, fields in smart_records(pick(f"{name}.all", "cran.all.1400")):
        title, text = fields.get("T", ""), fields.get("W", "")
        docs[rid] = f"{title}\n\n{text}".strip() if title else text
    raw_queries = []
    for position, (rid, fields) in enumerate(smart_records(pick(f"{name}.qry")), start=1):
        text = fields.get("W") or fields.get("T", "")
        # cranqrel numbers the queries by position, not by their .I id
        raw_queries.append((str(position) if name == "cran" else str(int(rid)), text))
    qrels: dict[str, set[str]] = {}
    for line in pick(f"{name}.rel", "cranqrel").read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        if name == "med":
            qid, did = parts[0], parts[2]
        elif name == "cran":
            qid, did = parts[0], parts[1]
            if len(parts) > 2 and int(parts[2]) < 1:
                continue
        else:
            qid, did = parts[0], parts[1]
        qrels.setdefault(str(int(qid)), set()).add(str(int(did)))
    docs = {str(int(k)): v for k, v in docs.items()}
    queries = [(qid, text) for qid, text in raw_queries if qrels.get(qid)]
    return Collection(name, docs, queries, qrels)


def typo(text: str, rng: random.Random) -> str:
    """One edit (delete, swap, replace or double a letter) in each word of five or more letters
    with probability 0.5."""

    def edit(match: re.Match) -> str:
        word = match.group()
        if len(word) < 5 or rng.random() >= 0.5:
            return word
        kind = rng.choice(("delete", "swap", "replace", "double"))
        i = rng.randrange(len(word) - 1) if kind == "swap" else rng.randrange(len(word))
        if kind == "delete":
            return word[:i] + word[i + 1 :]
        if kind == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if kind == "replace":
            return word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]
        return word[:i] + word[i] + word[i:]

    return re.sub(r"[A-Za-z]+", edit, text)


# -- metrics --------------------------------------------------------------------------------


def metrics(ranked: list[str], relevant: set[str]) -> dict[str, float]:
    top = ranked[:10]
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(top) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    rr = next((1 / (i + 1) for i, d in enumerate(top) if d in relevant), 0.0)
    return {
        "ndcg10": dcg / ideal if ideal else 0.0,
        "p10": sum(d in relevant for d in top) / 10,
        "r100": len(set(ranked[:DEPTH]) & relevant) / len(relevant),
        "mrr10": rr,
    }


def summary(runs: list[tuple[list[str], set[str], float]]) -> dict[str, float]:
    per = [metrics(ranked, rel) for ranked, rel, _ in runs]
    out = {k: statistics.fmean(m[k] for m in per) for k in per[0]}
    times = sorted(ms for _, _, ms in runs)
    out["p50"] = statistics.median(times)
    out["p95"] = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return out


# -- the systems ----------------------------------------------------------------------------


def build_store(coll: Collection, work: Path):
    from bot.library.ingest import ingest
    from bot.library.store import open_db

    folder = work / coll.name
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "docs").mkdir(parents=True)
    for did, text in coll.docs.items():
        (folder / "docs" / f"{coll.name}-{int(did):05d}.txt").write_text(text + "\n")
    db = open_db(folder / "rocu.db")
    started = time.perf_counter()
    report = ingest(db, [folder / "docs"])
    if report.failed:
        print(f"  {len(report.failed)} files failed to ingest: {report.failed[:3]}")
    file_to_id = {
        row[0]: str(int(re.search(r"-(\d+)\.txt$", row[1]).group(1)))
        for row in db.execute("select id, file from documents")
    }
    passages = db["passages"].count
    print(
        f"  ingested {len(file_to_id)} documents, {passages} passages "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return db, file_to_id


def first_passage_order(doc_ids) -> list[str]:
    return list(dict.fromkeys(doc_ids))


def run_rocu(db, file_to_id, queries, depth: int = DEPTH):
    from bot.search.ranking import search

    out = []
    search(db, "warm up")
    for _, text in queries:
        started = time.perf_counter()
        search(db, text, limit=10)
        ms = (time.perf_counter() - started) * 1000
        results = search(db, text, limit=depth * 2).results
        ranked = first_passage_order(file_to_id[r.doc_id] for r in results)
        out.append((ranked, ms))
    return out


def run_fts5(db, file_to_id, queries, depth: int = DEPTH):
    out = []
    sql = (
        "select p.doc_id from passages_fts f join passages p on p.id = f.rowid "
        "where passages_fts match ? order by f.rank limit ?"
    )
    for _, text in queries:
        words = re.findall(r"[^\W_]+", text.lower())
        expr = " OR ".join(f'"{w}"' for w in dict.fromkeys(words))
        started = time.perf_counter()
        rows = db.execute(sql, [expr, depth * 3]).fetchall() if expr else []
        ms = (time.perf_counter() - started) * 1000
        out.append((first_passage_order(file_to_id[r[0]] for r in rows), ms))
    return out


class Bm25s:
    def __init__(self, coll: Collection):
        import bm25s
        import Stemmer

        self.bm25s = bm25s
        self.stemmer = Stemmer.Stemmer("english")
        self.ids = list(coll.docs)
        tokens = bm25s.tokenize(
            [coll.docs[d] for d in self.ids],
            stopwords="en",
            stemmer=self.stemmer,
            show_progress=False,
        )
        self.retriever = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
        self.retriever.index(tokens, show_progress=False)

    def run(self, queries, depth: int = DEPTH):
        out = []
        k = min(depth, len(self.ids))
        for _, text in queries:
            started = time.perf_counter()
            tokens = self.bm25s.tokenize(
                [text], stopwords="en", stemmer=self.stemmer, show_progress=False
            )
            if not tokens.vocab:
                out.append(([], (time.perf_counter() - started) * 1000))
                continue
            docs, scores = self.retriever.retrieve(tokens, k=k, show_progress=False)
            ranked = [self.ids[i] for i, s in zip(docs[0], scores[0], strict=True) if s > 0]
            out.append((ranked, (time.perf_counter() - started) * 1000))
        return out


# -- the run --------------------------------------------------------------------------------


def evaluate(coll: Collection, systems: dict, typos: bool) -> dict:
    variants = {"as written": coll.queries}
    if typos:
        rng = random.Random(13)
        variants["typos"] = [(qid, typo(text, rng)) for qid, text in coll.queries]
    figures = {}
    for variant, queries in variants.items():
        for name, run in systems.items():
            runs = run(queries)
            figures[(name, variant)] = summary(
                [
                    (ranked, coll.qrels[qid], ms)
                    for (qid, _), (ranked, ms) in zip(queries, runs, strict=True)
                ]
            )
    return figures


def table(rows: list[tuple[str, str, str, dict]]) -> str:
    head = (
        "| collection | queries | system | nDCG@10 | P@10 | R@100 | MRR@10 | p50 ms | p95 ms |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    lines = [head]
    for coll, variant, system, f in rows:
        lines.append(
            f"| {coll} | {variant} | {system} | {f['ndcg10']:.3f} | {f['p10']:.3f} | "
            f"{f['r100']:.3f} | {f['mrr10']:.3f} | {f['p50']:.1f} | {f['p95']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="*", default=list(COLLECTIONS))
    parser.add_argument("--root", default=str(DEFAULT_ROOT), help="folder of the collections")
    parser.add_argument("--workdir", default="/tmp/rocu-ir", help="stores and document files")
    parser.add_argument("--no-typos", action="store_true", help="only the queries as written")
    parser.add_argument("--only", help="comma-separated systems: rocu,bm25s,fts5")
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one of rocu's re-scoring WEIGHTS (e.g. feedback=0), for before/after",
    )
    args = parser.parse_args()
    if args.weight:
        from bot.search import ranking

        for item in args.weight:
            name, _, value = item.partition("=")
            if name not in ranking.WEIGHTS:
                raise SystemExit(
                    f"--weight: no weight {name!r} (one of {', '.join(ranking.WEIGHTS)})"
                )
            ranking.WEIGHTS[name] = float(value)
    wanted = set((args.only or "rocu,bm25s,fts5").split(","))
    rows = []
    for name in args.collections:
        coll = load(name, Path(args.root))
        print(f"{name}: {len(coll.docs)} documents, {len(coll.queries)} judged queries", flush=True)
        db, file_to_id = build_store(coll, Path(args.workdir))
        systems = {}
        if "rocu" in wanted:
            systems["rocu"] = lambda q, db=db, f=file_to_id: run_rocu(db, f, q)
        if "bm25s" in wanted:
            systems["bm25s"] = Bm25s(coll).run
        if "fts5" in wanted:
            systems["FTS5"] = lambda q, db=db, f=file_to_id: run_fts5(db, f, q)
        figures = evaluate(coll, systems, typos=not args.no_typos)
        batch = [(name, variant, system, f) for (system, variant), f in figures.items()]
        batch.sort(key=lambda r: (r[1] != "as written", list(systems).index(r[2])))
        print(table(batch), flush=True)
        rows += batch
        db.close()
    print()
    print("command: python bench/ir.py " + " ".join(sys.argv[1:]))
    print(table(rows))


if __name__ == "__main__":
    main()
