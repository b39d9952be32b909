"""The composition root (bot.wiring): schema steps run in the declared order whatever order the
modules were imported in, and no module of bot/ but the root imports another by name."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from bot import wiring
from bot.library import features
from bot.library.store import STEPS, all_migrations

BOT = Path(__file__).resolve().parent.parent / "bot"

# Import the feature modules in the order given, then make a new store and print the names of its
# steps in the order they ran (the rowid order of _migrations).
IMPORT_THEN_OPEN = """
import sys
for name in filter(None, sys.argv[2].split(",")):
    __import__(name)
from bot.library.store import open_db
db = open_db(sys.argv[1])
print(",".join(r[0] for r in db.execute("select name from _migrations order by rowid")))
"""
FEATURE_MODULES = [
    "bot.search.vocabulary",
    "bot.glossary.lookup",
    "bot.recs.storing",
    "bot.digest.content",
]


def ran_in(tmp_path: Path, name: str, modules: list[str]) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_THEN_OPEN, str(tmp_path / name), ",".join(modules)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().split(",")


def test_steps_run_in_the_declared_order_whatever_the_import_order(tmp_path):
    declared = [name for name, _ in all_migrations()]
    assert ran_in(tmp_path, "forwards.db", FEATURE_MODULES) == declared
    assert ran_in(tmp_path, "backwards.db", FEATURE_MODULES[::-1]) == declared
    assert ran_in(tmp_path, "none.db", []) == declared


def test_the_declared_order_is_the_stores_steps_then_each_feature_in_feature_order():
    declared = [name for name, _ in all_migrations()]
    expected = [name for name, _ in STEPS]
    for feature in wiring.declared_features():
        expected += [name for name, _ in feature.migrations]
    assert declared == expected
    assert [f.name for f in wiring.declared_features()] == list(wiring.FEATURE_ORDER)


def test_another_declared_order_is_followed(tmp_path, monkeypatch):
    """Swap two features that do not depend on each other: a new store runs their steps in the
    new order."""
    order = list(wiring.FEATURE_ORDER)
    i, j = order.index("recommendations"), order.index("digest")
    order[i], order[j] = order[j], order[i]
    monkeypatch.setattr(wiring, "FEATURE_ORDER", tuple(order))
    features.use(wiring.declared_features)
    try:
        names = [name for name, _ in all_migrations()]
        from bot.library.store import open_db

        db = open_db(tmp_path / "swapped.db")
        ran = [r[0] for r in db.execute("select name from _migrations order by rowid")]
        db.close()
    finally:
        monkeypatch.undo()
        features.use(wiring.declared_features)
    assert ran == names
    assert names.index("0005_digest") < names.index("0004_recommendations")


def test_no_module_but_the_root_imports_by_name():
    """No importlib.import_module or __import__ in bot/ outside bot/wiring.py: every dependency
    is an import statement the import linter sees."""
    found = []
    for path in sorted(BOT.rglob("*.py")):
        if path.name == "wiring.py" and path.parent == BOT:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            name = None
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in ("import_module", "__import__"):
                found.append(f"{path.relative_to(BOT.parent)}:{node.lineno}")
    assert found == []


SQL = re.compile(
    r"(?is)\bselect\b.+\bfrom\b|\binsert\s+(?:or\s+\w+\s+)?into\b|\bupdate\s+\w+\s+set\b|"
    r"\bdelete\s+from\b|\bcreate\s+(?:table|index)\b|\bpragma\s+\w+"
)


def test_the_slack_front_end_runs_no_sql():
    """bot/slack/ asks the core for what it shows: no SQL text outside docstrings, and no
    ``execute`` call."""
    found = []
    for path in sorted((BOT / "slack").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            where = f"{path.relative_to(BOT.parent)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docstrings and SQL.search(node.value):
                    found.append(where)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in ("execute", "executescript", "executemany", "query"):
                    found.append(where)
    assert found == []


def test_the_sql_finder_finds_sql():
    assert SQL.search("select count(*) from recommendations where doc_id = ?")
    assert SQL.search("insert or replace into _health values (1)")
    assert not SQL.search("Select a status, then save")
