"""No two modules of the Qt-free packages import each other, even lazily.

Every ``import`` and ``from ... import`` of ``lossgui.engine``, ``lossgui.io``
and ``lossgui.session`` counts, also those inside functions (a lazy import
only hides a cycle); imports under ``if TYPE_CHECKING:`` do not run and do
not count, and neither does a package's ``__init__`` (importing
``lossgui.session.grid_ops`` names the package only to reach the module).
"""

from __future__ import annotations

import ast
from pathlib import Path

import lossgui

PACKAGES = ("engine", "io", "session")


def _modules() -> dict[str, Path]:
    root = Path(lossgui.__file__).parent
    found = {}
    for package in PACKAGES:
        for path in (root / package).rglob("*.py"):
            if path.name != "__init__.py":
                parts = path.relative_to(root.parent).with_suffix("").parts
                found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(path: Path, known: set[str]) -> set[str]:
    """The known modules ``path`` imports when it runs."""
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names & known


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path start -> ... -> start through ``graph``, if there is one."""
    stack = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph[node]):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle_from("a", graph) == ["a", "b", "c", "a"]
    assert _cycle_from("d", graph) is None


def test_no_module_imports_one_that_imports_it_back():
    modules = _modules()
    assert "lossgui.session.diagnostics" in modules  # the walk found the tree
    graph = {
        name: _imported(path, set(modules)) - {name} for name, path in modules.items()
    }
    assert "lossgui.session.findings" in graph["lossgui.session.diagnostics_targets"]
    cycles = [cycle for name in sorted(graph) if (cycle := _cycle_from(name, graph))]
    assert cycles == []
