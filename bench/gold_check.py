"""Check: no string of 40 characters or more from the acronym gold sets appears in bot/ or tests/.

Reads every file in the gold folder (default ``../shared/eval/acronyms-gold/`` beside the
repository, or /work/shared/...; or the folder given) and every text file under ``bot/`` and
``tests/``, and reports each stretch of 40 or more characters the two have in common, with the
file and line where it sits in the repository. Exit status 1 when there is any, else 0.

Both sides are compared case-folded with runs of white space as one space, the gold files also
with their XML entities read ("&amp;" as "&"), and the repository's files also with Python's
joins taken out (a string literal continued on the next line, a comment continued on the next
line), so a sentence split over lines is still found. A stretch with fewer than 10 letters or
digits (a divider line of dashes) is not text and is not reported.

    python bench/gold_check.py [GOLD_FOLDER] [--min 40]

How: the gold texts' 21-character pieces starting at every 20th character are kept in a set;
any common stretch of 40 characters holds one of them whole, so each repository position whose
21 characters are in the set is a candidate, widened both ways to the longest common stretch.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (
        p / "shared"
        for p in (ROOT.parent, ROOT.parent.parent, Path("/work"))
        if (p / "shared").is_dir()
    ),
    ROOT.parent / "shared",
)
DEFAULT_GOLD = SHARED / "eval" / "acronyms-gold"
SEARCHED = ("bot", "tests")
# A stretch with fewer letters and digits than this is a divider line ("-----"), not text.
LETTERS = 10
BINARY_SUFFIXES = {".db", ".pyc", ".docx", ".pdf", ".xlsx", ".png", ".gz", ".zip", ".sqlite"}

_SPACE = re.compile(r"\s+")
# a Python string literal continued on the next line ("... "  "..."), or a comment continued
_JOINS = re.compile(r"[\"']\s*\n\s*[rfb]?[\"']|\n\s*#\s?")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text).casefold()


def gold_texts(folder: Path) -> list[tuple[str, str]]:
    """(file name, text) for every file in the gold folder, each as written and unescaped."""
    out = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        out.append((path.name, normalised(raw)))
        unescaped = html.unescape(re.sub(r"<[^>]+>", " ", raw))
        out.append((path.name, normalised(unescaped)))
    return out


def repository_texts(root: Path) -> list[tuple[Path, str, str]]:
    """(path, original text, normalised text) for the text files under bot/ and tests/, each
    also with Python's line joins taken out."""
    out = []
    for top in SEARCHED:
        for path in sorted((root / top).rglob("*")):
            if not path.is_file() or path.suffix.lower() in BINARY_SUFFIXES:
                continue
            if any(part in (".venv", "__pycache__") for part in path.parts):
                continue
            try:
                raw = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            out.append((path, raw, normalised(raw)))
            joined = _JOINS.sub("", raw)
            if joined != raw:
                out.append((path, raw, normalised(joined)))
    return out


def common_stretches(
    gold: list[tuple[str, str]], texts: list[tuple[Path, str, str]], minimum: int = 40
) -> list[tuple[Path, str, str]]:
    """(repository file, gold file, stretch) for every common stretch of ``minimum`` or more
    characters, each stretch once per repository file."""
    piece = minimum // 2 + 1
    stride = minimum - piece + 1
    index: dict[str, list[tuple[int, int]]] = {}
    for g, (_, text) in enumerate(gold):
        for at in range(0, max(0, len(text) - piece + 1), stride):
            index.setdefault(text[at : at + piece], []).append((g, at))
    found: dict[tuple[Path, str], str] = {}
    for path, _, text in texts:
        covered = -1
        for at in range(len(text) - piece + 1):
            hits = index.get(text[at : at + piece])
            if not hits or at < covered:
                continue
            for g, gat in hits:
                gtext = gold[g][1]
                left = 0
                while (
                    at - left > 0
                    and gat - left > 0
                    and text[at - left - 1] == gtext[gat - left - 1]
                ):
                    left += 1
                right = piece
                while (
                    at + right < len(text)
                    and gat + right < len(gtext)
                    and text[at + right] == gtext[gat + right]
                ):
                    right += 1
                stretch = text[at - left : at + right]
                if len(stretch) >= minimum and sum(ch.isalnum() for ch in stretch) >= LETTERS:
                    key = (path, stretch)
                    if key not in found:
                        found[key] = gold[g][0]
                    covered = max(covered, at + right - piece + 1)
    # a stretch found in a longer one (the same file read twice) is reported once
    out = []
    for (path, stretch), source in sorted(
        found.items(), key=lambda kv: (str(kv[0][0]), -len(kv[0][1]))
    ):
        if any(p == path and stretch in s and stretch != s for p, s, _ in out):
            continue
        out.append((path, stretch, source))
    return out


def line_of(raw: str, stretch: str) -> int | None:
    """The line of ``raw`` where ``stretch`` (normalised) starts, when it can be found."""
    words = stretch.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words[:4])
    match = re.search(pattern, raw, re.IGNORECASE)
    return raw.count("\n", 0, match.start()) + 1 if match else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--min", type=int, default=40, help="shortest stretch reported (40)")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        print(f"No gold folder at {args.gold}: give its path.", file=sys.stderr)
        return 2
    gold = gold_texts(args.gold)
    texts = repository_texts(ROOT)
    raws = {path: raw for path, raw, _ in texts}
    found = common_stretches(gold, texts, args.min)
    for path, stretch, source in found:
        line = line_of(raws[path], stretch)
        where = f"{path.relative_to(ROOT)}:{line}" if line else str(path.relative_to(ROOT))
        print(f"{where}: {len(stretch)} chars from {source}: {stretch!r}")
    files = len({path for path, _, _ in texts})
    print(
        f"{len(found)} strings of {args.min}+ characters from {args.gold} in bot/ and tests/ "
        f"({files} files read)"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
