"""The architecture holds: import-linter's contracts (pyproject.toml), no import cycles, and a top
level of ``bot/`` that reads as the entry points."""

from __future__ import annotations

import logging
from pathlib import Path

import grimp
from importlinter import configuration
from importlinter.application import use_cases

BOT = Path(__file__).resolve().parents[1] / "bot"


def test_import_contracts_are_kept():
    app_log = logging.getLogger("rocu.slack")
    # The use case, not importlinter.cli.lint_imports: the command-line entry calls
    # logging.config.dictConfig, which disables every logger already made (rocu.slack among
    # them) for the rest of the test run, and puts the working directory on sys.path.
    configuration.configure()
    kept = use_cases.lint_imports(
        config_filename=str(BOT.parent / "pyproject.toml"),
        cache_dir=str(BOT.parent / ".import_linter_cache"),
        no_logo=True,
    )
    assert kept, "an import layer is crossed: run `lint-imports` to see where"
    assert not app_log.disabled, "checking the contracts switched the application's logs off"


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_two_modules_import_each_other():
    graph = grimp.build_graph("bot")
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert _cycles(edges) == []


def test_cycle_finder_finds_a_loop():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_top_level_holds_entry_points_and_one_package_per_concept():
    modules = sorted(p.name for p in BOT.glob("*.py"))
    packages = sorted(p.name for p in BOT.iterdir() if (p / "__init__.py").exists())
    assert len(modules) <= 8, modules
    for concept in ("library", "search", "glossary", "recs", "digest", "slack", "render"):
        assert concept in packages
