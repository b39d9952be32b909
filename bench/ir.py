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
import os
import random
import re
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --code DIR: rank with the ``bot`` package of another checkout (e.g. main before a change)
CODE = Path(sys.argv[sys.argv.index("--code") + 1]) if "--code" in sys.argv[:-1] else ROOT
sys.path.insert(0, str(CODE.resolve()))
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


def smart_records(path: Path, lines: bool = False) -> list[tuple[str, dict[str, str]]]:
    """(id, {field: text}) of each ``.I`` record of a SMART-style file, each field on one line
    (``lines``: with its line breaks as distributed, trailing spaces and blank lines dropped)."""
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
            current[field_name].append(line.rstrip() if lines else line.strip())
    if lines:
        return [
            (rid, {k: "\n".join(x for x in v if x.strip()) for k, v in f.items()})
            for rid, f in records
        ]
    return [(rid, {k: " ".join(" ".join(v).split()) for k, v in f.items()}) for rid, f in records]


def load(name: str, root: Path, lines: bool = False) -> Collection:
    """One of the four collections (``lines``: each document as distributed, its title's and
    text's lines as in the file, not joined onto one line), or a simulation of bench/ir_sims.py."""
    import ir_sims  # bench/ir_sims.py: simulated kinds made from the four

    if name in ir_sims.SIMULATIONS:
        return ir_sims.make(name, lambda other, lines=False: load(other, root, lines), Collection)
    if "+" in name:  # "cisi+cran": one store of both (as --union), for bench/ir_loco.py
        joined = union([load(part, root) for part in name.split("+")])
        joined.name = name
        return joined
    folder = root / name
    files = {p.name.lower(): p for p in folder.iterdir()}

    def pick(*names: str) -> Path:
        for candidate in names:
            if candidate in files:
                return files[candidate]
        raise SystemExit(f"{folder}: none of {names}")

    docs = {}
    for rid, fields in smart_records(pick(f"{name}.all", "cran.all.1400"), lines):
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


def build_store(coll: Collection, work: Path, keep: bool = False):
    """A fresh store of ``coll`` (``keep``: the one an earlier run left, when there is one)."""
    from bot.library.store import open_db

    os.environ["ROCU_KEEP_COPIES"] = "1"  # the collection as given, its few exact copies too
    folder = work / coll.name
    kept = keep and (folder / "rocu.db").exists()
    if not kept:
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "docs").mkdir(parents=True)
        for did, text in coll.docs.items():
            (folder / "docs" / f"d-{did}.txt").write_text(text + "\n")
    db = open_db(folder / "rocu.db")
    started = time.perf_counter()
    if not kept:  # a kept store is used as it is (copied from elsewhere: paths differ)
        report = bulk_ingest(db, folder / "docs")
        if report.failed:
            print(f"  {len(report.failed)} files failed to ingest: {report.failed[:3]}")
    file_to_id = {row[0]: _doc_key(row[1]) for row in db.execute("select id, file from documents")}
    passages = db["passages"].count
    print(
        f"  ingested {len(file_to_id)} documents, {passages} passages "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return db, file_to_id


def bulk_ingest(db, folder: Path, chunk: int = 500):
    """``ingest`` of a folder of plain-text documents, faster, to the same store: every file
    through ``ingest_file`` with its hooks, but ``chunk`` files to one transaction (one commit,
    not one each), each a document of its own (``versions="separate"``: the look for an earlier
    version of the same title reads every stored title, which made an 11,000-document store
    take most of an hour), and the library's hooks run once at the end, as ``ingest`` runs
    them."""
    from bot.library import ingest as ingesting
    from bot.library.store import writing

    report = ingesting.IngestReport()
    files = ingesting.collect_files([folder], report)
    for start in range(0, len(files), chunk):
        with writing(db):
            for path in files[start : start + chunk]:
                try:
                    stored = ingesting.ingest_file(db, path, None, versions="separate")
                except Exception as exc:  # noqa: BLE001 - reported as ingest reports it
                    report.failed.append((str(path), str(exc) or type(exc).__name__))
                    continue
                report.note(str(path), stored)
    if report.changed:
        for hook in ingesting.library_hooks():
            hook(db, report)
    return report


def _doc_key(file: str) -> str:
    """The collection's id of a document file: ``d-<id>.txt`` (this bench), or ``<name>-<number>
    .txt`` (bench/meaning.py's stores, numbers zero-padded)."""
    found = re.search(r"d-(.+)\.txt$", file)
    return found.group(1) if found else str(int(re.search(r"-(\d+)\.txt$", file).group(1)))


def union(colls: list[Collection]) -> Collection:
    """One collection of every document of ``colls`` (ids ``name:id``), their queries likewise:
    each collection's queries meet the others' documents as distractors, and the store passes
    the size where big-library rules start."""
    docs, queries, qrels = {}, [], {}
    for coll in colls:
        docs.update({f"{coll.name}.{did}": text for did, text in coll.docs.items()})
        queries += [(f"{coll.name}.{qid}", text) for qid, text in coll.queries]
        qrels.update(
            {
                f"{coll.name}.{qid}": {f"{coll.name}.{d}" for d in rel}
                for qid, rel in coll.qrels.items()
            }
        )
    return Collection("union", docs, queries, qrels)


def first_passage_order(doc_ids) -> list[str]:
    return list(dict.fromkeys(doc_ids))


def run_rocu(db, file_to_id, queries, depth: int = DEPTH, timing: bool = True, correct=None):
    """``correct``: text -> text run on each query first (``rocu+corr``: rocu given the text its
    own corrector makes, as bm25s+corr is: what rocu's handling of a correction inside its search
    costs or gains, against reading the corrected text as typed)."""
    from bot.search.ranking import search

    out = []
    search(db, "warm up")
    for _, text in queries:
        if correct is not None:
            text = correct(text)
        started = time.perf_counter()
        if timing:  # a search of one page, as a person makes, timed on its own
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

    def run(self, queries, depth: int = DEPTH, correct=None):
        """``correct``: text -> text, a spelling corrector run on each query first (its time
        is not counted: it is rocu's own, which rocu's figures include)."""
        out = []
        k = min(depth, len(self.ids))
        for _, text in queries:
            if correct is not None:
                text = correct(text)
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


def rocu_corrector(db):
    """rocu's spelling correction as a text -> text function, for bm25s: the query as rocu reads
    it ("Showing results for"), plus the other readings it also searches ("Also showing")."""
    from bot.search.ranking import search

    def correct(text: str) -> str:
        response = search(db, text, limit=1)
        fixed = response.corrected or text
        if response.also:
            have = set(fixed.lower().split())
            fixed += " " + " ".join(w for w in response.also.split() if w.lower() not in have)
        return fixed

    return correct


# -- the run --------------------------------------------------------------------------------

# Query variants. "upper" and "verbose" simulate kinds of set that rocu was never tuned on:
# queries typed in capitals, and requests in capitals wrapped in a sentence of framing words
# (the framing sentence is this benchmark's own, not taken from any collection).
VARIANTS = ("as written", "typos", "upper", "upper+typos", "verbose", "verbose+typos")
DEFAULT_VARIANTS = "as written,typos"


def variants(coll: Collection, kinds: list[str]) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(13)
    # (a query typed in capitals gets its replaced letters in lower case: "AERODYNAmIC"; the
    # "upper+typos" variant is the typos in capitals)
    typod = [(qid, typo(text, rng)) for qid, text in coll.queries]

    def verbose(text: str) -> str:
        return f"I AM INTERESTED IN {text.upper().rstrip('. ')}. PLEASE SEND ME ANY PAPERS ON IT."

    made = {
        "as written": coll.queries,
        "typos": typod,
        "upper": [(qid, text.upper()) for qid, text in coll.queries],
        "upper+typos": [(qid, text.upper()) for qid, text in typod],
        "verbose": [(qid, verbose(text)) for qid, text in coll.queries],
        "verbose+typos": [(qid, verbose(text)) for qid, text in typod],
    }
    return {kind: made[kind] for kind in kinds}


def evaluate(coll: Collection, systems: dict, kinds: list[str]) -> tuple[dict, dict]:
    """(figures, per-query nDCG@10): both keyed by (system, variant)."""
    figures, per_query = {}, {}
    for variant, queries in variants(coll, kinds).items():
        for name, run in systems.items():
            if name.endswith("+corr") and "typos" not in variant:
                continue
            runs = run(queries)
            rows = [
                (ranked, coll.qrels[qid], ms)
                for (qid, _), (ranked, ms) in zip(queries, runs, strict=True)
            ]
            figures[(name, variant)] = summary(rows)
            per_query[(name, variant)] = [
                (qid, metrics(ranked, rel)["ndcg10"])
                for (qid, _), (ranked, rel, _) in zip(queries, rows, strict=True)
            ]
    return figures, per_query


def bootstrap(a: list[float], b: list[float], n: int = 2000, seed: int = 1):
    """Mean of the paired differences a - b and its 95% paired-bootstrap interval."""
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(n))
    return statistics.fmean(diffs), means[int(0.025 * n)], means[int(0.975 * n) - 1]


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


def split_by_collection(per_query: dict) -> dict:
    """A union store's per-query figures, split back by the collection each query came from."""
    out: dict = {}
    for (system, variant), values in per_query.items():
        for qid, value in values:
            name = qid.split(".")[0]
            out.setdefault(name, {}).setdefault((system, variant), []).append((qid, value))
    return out


def differences(per_coll: dict, pairs: list[tuple[str, str]]) -> str:
    """Paired-bootstrap table of nDCG@10 differences, per collection, variant and pair."""
    lines = [
        "| collection | queries | difference | mean | 95% interval |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for name, per_query in per_coll.items():
        variants_seen = list(dict.fromkeys(v for _, v in per_query))
        for variant in variants_seen:
            for a, b in pairs:
                if b.endswith("+corr") and "typos" not in variant:
                    continue
                if (a, variant) not in per_query or (b, variant) not in per_query:
                    continue
                x = [v for _, v in per_query[(a, variant)]]
                y = [v for _, v in per_query[(b, variant)]]
                mean, lo, hi = bootstrap(x, y)
                lines.append(
                    f"| {name} | {variant} | {a} - {b} | {mean:+.3f} | [{lo:+.3f}, {hi:+.3f}] |"
                )
    return "\n".join(lines)


def apply_overrides(weights: list[str], settings: list[str]) -> None:
    """--weight NAME=VALUE (rocu's WEIGHTS) and --set NAME=VALUE (a constant of any module of
    bot.search that has it: the modules import some of them from one another)."""
    import importlib

    for item in weights:
        from bot.search import ranking  # its WEIGHTS are scoring's (or its own, before)

        name, _, value = item.partition("=")
        if name not in ranking.WEIGHTS:
            raise SystemExit(f"--weight: no weight {name!r} (one of {', '.join(ranking.WEIGHTS)})")
        ranking.WEIGHTS[name] = float(value)
    modules = []
    for name in ("ranking", "plan", "candidates", "scoring", "diversity", "query"):
        try:
            modules.append(importlib.import_module(f"bot.search.{name}"))
        except ImportError:  # an older checkout (--code) has fewer modules
            pass
    for item in settings:
        name, _, value = item.partition("=")
        holders = [m for m in modules if hasattr(m, name)]
        if not holders:
            raise SystemExit(f"--set: no bot.search module has {name!r}")
        for module in holders:
            kind = type(getattr(module, name))
            if kind is bool:
                setattr(module, name, value.lower() in ("1", "true", "yes"))
            else:
                setattr(module, name, kind(float(value)) if kind in (int, float) else value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("collections", nargs="*", default=list(COLLECTIONS))
    parser.add_argument("--root", default=str(DEFAULT_ROOT), help="folder of the collections")
    parser.add_argument("--workdir", default="/tmp/rocu-ir", help="stores and document files")
    parser.add_argument("--no-typos", action="store_true", help="only the queries as written")
    parser.add_argument(
        "--variants", default=DEFAULT_VARIANTS, help=f"comma-separated, of: {', '.join(VARIANTS)}"
    )
    parser.add_argument(
        "--union",
        action="store_true",
        help="one store of all the collections named (past the big-library size), each "
        "collection's queries judged against it",
    )
    parser.add_argument(
        "--only", help="comma-separated systems: rocu,bm25s,bm25s+corr,fts5 (and rocu+corr)"
    )
    parser.add_argument("--keep", action="store_true", help="reuse a store an earlier run left")
    parser.add_argument(
        "--against", help="also rank with the bot package of this checkout (e.g. main): 'before'"
    )
    parser.add_argument("--code", help="rank with the bot package of this checkout")
    parser.add_argument("--no-timing", action="store_true", help="skip the timed page search")
    parser.add_argument("--dump", help=argparse.SUPPRESS)  # internal: per-query figures as JSON
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override one of rocu's re-scoring WEIGHTS (e.g. feedback=0), for before/after",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a constant of bot.search.ranking (or module.NAME of bot.search)",
    )
    args = parser.parse_args()
    apply_overrides(args.weight, args.set)
    kinds = ["as written"] if args.no_typos else args.variants.split(",")
    wanted = set((args.only or "rocu,bm25s,bm25s+corr,fts5").split(","))
    colls = [load(name, Path(args.root)) for name in args.collections]
    if args.union:
        colls = [union(colls)]
    before: dict = {}
    if args.against:
        import json
        import subprocess
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".json") as dump:
            cmd = [sys.executable, __file__, *args.collections, "--code", args.against]
            cmd += ["--only", "rocu", "--dump", dump.name, "--variants", ",".join(kinds)]
            cmd += ["--root", args.root, "--workdir", args.workdir + "-against"]
            cmd += ["--union"] if args.union else []
            cmd += ["--no-timing"] if args.no_timing else []
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            for key, values in json.load(open(dump.name)).items():
                name, _, variant = key.split("|")
                before.setdefault(name, {})[("before", variant)] = values
    rows, per_coll = [], {}
    for coll in colls:
        print(
            f"{coll.name}: {len(coll.docs)} documents, {len(coll.queries)} judged queries",
            flush=True,
        )
        db, file_to_id = build_store(coll, Path(args.workdir), keep=args.keep)
        systems = {}
        if "rocu" in wanted:
            systems["rocu"] = lambda q, db=db, f=file_to_id: run_rocu(
                db, f, q, timing=not args.no_timing
            )
        if "rocu+corr" in wanted:  # rocu given its own corrected text (not by default)
            fixer = rocu_corrector(db)
            systems["rocu+corr"] = lambda q, db=db, f=file_to_id, c=fixer: run_rocu(
                db, f, q, timing=False, correct=c
            )
        if "bm25s" in wanted or "bm25s+corr" in wanted:
            baseline = Bm25s(coll)
            if "bm25s" in wanted:
                systems["bm25s"] = baseline.run
            if "bm25s+corr" in wanted:
                corrector = rocu_corrector(db)
                systems["bm25s+corr"] = lambda q, b=baseline, c=corrector: b.run(q, correct=c)
        if "fts5" in wanted:
            systems["FTS5"] = lambda q, db=db, f=file_to_id: run_fts5(db, f, q)
        figures, queries = evaluate(coll, systems, kinds)
        queries.update(before.get(coll.name, {}))
        per_coll[coll.name] = queries
        batch = [(coll.name, variant, system, f) for (system, variant), f in figures.items()]
        batch.sort(key=lambda r: (kinds.index(r[1]), list(systems).index(r[2])))
        print(table(batch), flush=True)
        rows += batch
        db.close()
    if args.dump:
        import json

        flat = {
            f"{name}|{system}|{variant}": values
            for name, pq in per_coll.items()
            for (system, variant), values in pq.items()
        }
        json.dump(flat, open(args.dump, "w"))
        if args.against is None and "--code" in sys.argv:  # the --against child: no tables
            return
    if args.union:
        per_coll = split_by_collection(per_coll["union"])
    print()
    print("command: python bench/ir.py " + " ".join(sys.argv[1:]))
    print(table(rows))
    print()
    print("nDCG@10 per collection (mean of the queries):")
    print(mean_table(per_coll))
    print()
    pairs = [("rocu", "bm25s"), ("rocu", "bm25s+corr")]
    pairs += [("rocu", "rocu+corr"), ("rocu+corr", "bm25s+corr")]  # when rocu+corr was run
    if before:
        pairs.insert(0, ("rocu", "before"))
    print(differences(per_coll, pairs))


def mean_table(per_coll: dict) -> str:
    systems = list(dict.fromkeys(s for pq in per_coll.values() for s, _ in pq))
    lines = ["| collection | queries | " + " | ".join(systems) + " |"]
    lines.append("| --- | --- |" + " ---: |" * len(systems))
    for name, pq in per_coll.items():
        for variant in dict.fromkeys(v for _, v in pq):
            cells = [
                f"{statistics.fmean(v for _, v in pq[(s, variant)]):.3f}"
                if (s, variant) in pq
                else ""
                for s in systems
            ]
            lines.append(f"| {name} | {variant} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
