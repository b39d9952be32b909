"""Benchmark: what spelling correction does to queries nobody here wrote (not a test).

For each classic test collection in ``../shared/eval/ir/`` (or ``--ir PATH``), the documents are
ingested through the real pipeline into a fresh store, and every query is searched twice: as
written, and with seeded typos (``random.Random(13)``: one edit, deleting, swapping, replacing or
doubling a letter, in about half of the words of five or more letters, as in that folder's README).
Per word it counts:

- as written: words replaced ("Showing results for": wrong, except for the few real typos the
  queries hold, e.g. CISI's "abstreact") and words given another reading searched beside them
  ("Also showing results for");
- with typos: typo'd words put right, left alone or replaced by another word, and words typed
  right that were replaced anyway.

Only the first 20 words of a query are counted, which any version of search reads (older ones
cut long queries), so that versions compare on the same words. A typo that makes another
English word (``from`` -> ``form``) is rightly left alone now, and counted under "left".

    python bench/spelling.py [--ir ../shared/eval/ir] [--collections cisi,cran,med,adi]

Set ``ROCU_CODE`` to another checkout to measure its code on the same data (the baseline).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, os.environ.get("ROCU_CODE", str(ROOT)))

FILES = {
    "cisi": ("CISI.ALL", "CISI.QRY"),
    "cran": ("cran.all.1400", "cran.qry"),
    "med": ("MED.ALL", "MED.QRY"),
    "adi": ("ADI.ALL", "ADI.QRY"),
}
WORD = re.compile(r"[A-Za-z]+")
COUNTED = 20  # words counted per query (see ``searched_words``)


def records(path: Path) -> list[dict[str, str]]:
    """SMART records: ``.I id`` then fields ``.T``, ``.W`` ... (others ignored)."""
    out, field = [], None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(".I"):
            out.append({"id": line[2:].strip()})
            field = None
        elif re.match(r"^\.[A-Z]\s*$", line):
            field = line[1]
        elif out and field:
            out[-1][field] = (out[-1].get(field, "") + " " + line).strip()
    return out


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    kind = rng.choice(["delete", "swap", "replace", "double"])
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "replace":
        letter = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i]])
        return word[:i] + letter + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def with_typos(text: str, rng: random.Random) -> tuple[str, dict[int, str]]:
    """The text with typos, and {word index: original} for the words changed."""
    changed, out, cursor = {}, [], 0
    for n, m in enumerate(WORD.finditer(text)):
        word = m.group()
        new = typo(word, rng) if len(word) >= 5 and rng.random() < 0.5 else word
        if new != word:
            changed[n] = word
        out += [text[cursor : m.start()], new]
        cursor = m.end()
    out.append(text[cursor:])
    return "".join(out), changed


def searched_words(query: str) -> int:
    """How many leading words of ``query`` are counted: the first ``COUNTED`` words of its first
    500 characters, which every version of search reads (older ones cut long queries there)."""
    return min(COUNTED, len(WORD.findall(query[:500])))


def replaced(typed: str, corrected: str | None) -> dict[int, str]:
    """{word index: the word put in its place} between a query and its rewrite."""
    if not corrected:
        return {}
    a, b = WORD.findall(typed), WORD.findall(corrected)
    if len(a) != len(b):  # a rewrite never changes the number of words; be safe
        return {-1: corrected}
    return {i: y for i, (x, y) in enumerate(zip(a, b, strict=True)) if x.lower() != y.lower()}


def run(name: str, folder: Path) -> dict:
    from bot.library.ingest import ingest
    from bot.library.store import open_db
    from bot.search.ranking import search

    docs_file, queries_file = FILES[name]
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) / "lib"
        lib.mkdir()
        for doc in records(folder / docs_file):
            title, text = doc.get("T", ""), doc.get("W", "")
            (lib / f"{name}-{int(doc['id']):05d}.txt").write_text(f"{title}\n\n{text}\n")
        db = open_db(Path(tmp) / "store.db")
        ingest(db, [lib])
        rng = random.Random(13)
        c = dict.fromkeys(
            [
                "queries",
                "words",
                "replaced",
                "also",
                "typos",
                "fixed",
                "left",
                "wrong",
                "right_replaced",
                "typo_also",
            ],
            0,
        )
        examples: list[str] = []
        start = time.perf_counter()
        for q in records(folder / queries_file):
            text = " ".join(q.get("W", "").split())
            if not text:
                continue
            c["queries"] += 1
            response = search(db, text)
            text = response.query  # what was searched (long queries may be cut)
            c["words"] += searched_words(text)
            swaps = {i: w for i, w in replaced(text, response.corrected).items() if i < COUNTED}
            c["replaced"] += len(swaps)
            words = WORD.findall(text)
            for i, new in swaps.items():
                if len(examples) < 12 and i >= 0:
                    examples.append(f"{words[i]}->{new}")
            also = replaced(text, getattr(response, "also", None))
            c["also"] += sum(1 for i in also if i < COUNTED and i not in swaps)
            typed, changed = with_typos(" ".join(q.get("W", "").split()), rng)
            response = search(db, typed)
            typed = response.query
            swaps = replaced(typed, response.corrected)
            read = searched_words(typed)
            changed = {i: w for i, w in changed.items() if i < read}
            c["typos"] += len(changed)
            for i, original in changed.items():
                if i not in swaps:
                    c["left"] += 1
                elif swaps[i].lower() == original.lower():
                    c["fixed"] += 1
                else:
                    c["wrong"] += 1
            c["right_replaced"] += sum(1 for i in swaps if i not in changed and i < read)
            also = replaced(typed, getattr(response, "also", None))
            c["typo_also"] += sum(1 for i in also if i < read and i not in swaps)
        c["seconds"] = round(time.perf_counter() - start, 1)
        c["examples"] = examples
        db.close()
        return c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ir", default=str(ROOT.parent / "shared" / "eval" / "ir"))
    parser.add_argument("--collections", default="cisi,cran,med,adi")
    args = parser.parse_args()
    print(
        "| collection | queries | words | replaced as written | also as written | typos | "
        "typos fixed | left | wrong word | right words replaced | typo'd queries' also |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in args.collections.split(","):
        c = run(name, Path(args.ir) / name)
        print(
            f"| {name} | {c['queries']} | {c['words']} | {c['replaced']} | {c['also']} | "
            f"{c['typos']} | {c['fixed']} | {c['left']} | {c['wrong']} | {c['right_replaced']} | "
            f"{c['typo_also']} |"
        )
        print(f"  ({c['seconds']} s; replaced as written, e.g.: {', '.join(c['examples'])})")


if __name__ == "__main__":
    main()
