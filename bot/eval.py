"""`rocu eval`: measure search, glossary and recommendations against evaluation sets.

The sets live in ``eval/`` (copies of the shared evaluation data); each part takes another file of
the same shape by option. Each part returns a dict of figures and prints a short report, so the
figures in notes and RESULTS files come from one place.
"""

from __future__ import annotations

from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"
SEARCH_SET = EVAL_DIR / "search.jsonl"
ACRONYM_SET = EVAL_DIR / "acronyms.jsonl"
RECOMMENDATION_SET = EVAL_DIR / "recommendations.json"


def eval_search(db, path: Path = SEARCH_SET) -> dict:
    """P@1, hit@3 and MRR of search over a JSONL set (query, relevant, excerpt_has)."""
    raise NotImplementedError("search evaluation arrives with the search issue")


def eval_acronyms(db, path: Path = ACRONYM_SET) -> dict:
    """Accuracy of define over a JSONL set (term, acronym, expansion_has), and coverage."""
    raise NotImplementedError("glossary evaluation arrives with the glossary issue")


def eval_recommendations(db, path: Path = RECOMMENDATION_SET) -> dict:
    """Recall, addressee accuracy and due-date accuracy of recommendation extraction."""
    raise NotImplementedError("recommendation evaluation arrives with the recommendations issue")
