"""The house rules of the layout, read from the source: no import cycles, imports point down the
stages (GUIDE.md), Whoosh internals only in archive.search.whoosh, constants defined once."""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGES = ("archive", "crawler", "search_app")
# Each layer may import itself and the layers listed after it (GUIDE.md: "imports point down").
LAYERS = ["archive.__main__", "archive.cli", "search_app", "crawler", "archive.ops", "archive.search", "archive.storage",
          "archive.extract", "archive.demo", "archive.sites", "archive.article", "archive.vietnamese", "archive"]
# archive.demo serves pages; it sits beside the stages and needs only the Vietnamese text helpers.
MAY_NOT_IMPORT = {
    "archive.demo": ("archive.extract", "archive.storage", "archive.search", "archive.ops"),
    "archive.extract": ("archive.demo",),
    "archive.storage": ("archive.extract", "archive.demo"),
    "archive.search": ("archive.extract", "archive.demo"),
    "search_app": ("crawler", "archive.ops", "archive.demo", "archive.extract.cleaner", "archive.search.index"),
}
# The read side never imports the index writer (not even for a constant): schema.py is what they share.
for reader in ("archive.search.engine", "archive.search.ranking", "archive.search.snippets", "archive.search.suggest",
               "archive.search.query", "archive.search.export"):
    MAY_NOT_IMPORT[reader] = ("archive.search.index", "archive.search.whoosh.bulk_writer")
# Whoosh's private modules: only archive.search.whoosh may touch them.
# (Documented public API, such as whoosh.index, whoosh.fields and whoosh.columns, may be used anywhere.)
WHOOSH_INTERNALS = ("whoosh.codec", "whoosh.writing", "whoosh.system", "whoosh.formats", "whoosh.filedb",
                    "whoosh.matching", "whoosh.util")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "sample_site" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = modules()


def imports_of(name: str, path: Path) -> Iterator[str]:
    """Every module the file imports (a name imported from a module counts as that module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in MODULES else base


def internal(target: str) -> str | None:
    """The project module an import names (a name imported from a module counts as that module)."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target in imports_of(name, path):  # imports inside functions count: a cycle is a cycle
            found = internal(target)
            if found and found != name:
                edges[name].add(found)
    return edges


def layer(name: str) -> int:
    return next(i for i, prefix in enumerate(LAYERS) if name == prefix or name.startswith(prefix + "."))


def test_the_walk_finds_the_project() -> None:
    assert {"archive.extract.page_kind", "archive.search.whoosh.bulk_writer", "crawler.run", "search_app"} <= set(MODULES)
    assert "archive.search.schema" in graph()["archive.search.index"]


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down_the_stages(name: str) -> None:
    upward = []
    for target in imports_of(name, MODULES[name]):
        found = internal(target)
        if found is None or found.split(".")[0] not in PACKAGES or found == "archive":
            continue
        if layer(found) < layer(name):
            upward.append(found)
        if any(found == f or found.startswith(f + ".") for prefix, banned in MAY_NOT_IMPORT.items()
               if name == prefix or name.startswith(prefix + ".") for f in banned):
            upward.append(found)
    assert upward == []


def test_whoosh_internals_only_in_their_package() -> None:
    offenders = sorted(name for name, path in MODULES.items() if not name.startswith("archive.search.whoosh")
                       for target in imports_of(name, path) if target.startswith(WHOOSH_INTERNALS))
    assert offenders == []


def test_module_constants_are_defined_once() -> None:
    """VIETNAM, PAGINATION and friends: a constant spelled out in two modules drifts apart."""
    definitions: dict[str, list[str]] = {}
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                target = node.targets[0].id
                if re.fullmatch(r"[A-Z][A-Z0-9_]{3,}", target) and not isinstance(node.value, ast.Constant):
                    definitions.setdefault(target, []).append(name)
    twice = {constant: where for constant, where in definitions.items() if len(where) > 1}
    assert twice == {}
