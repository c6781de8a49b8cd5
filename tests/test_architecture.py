"""The package reads as the data flows: stages import only earlier stages, no import cycle, small modules."""
from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"
# Stages in the order data moves through them; a stage may import itself and any earlier stage.
STAGES = ["text", "extract", "staging", "reconciled", "analyses", "present", "build"]
# Leaf modules every stage may use; they import nothing of the package.
SHARED = {"analysis.config", "analysis.errors"}
MAX_LINES = 300
LONG_REASON = "Longer than 300 lines because"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache  # parsed once per session: each parametrized test asks again
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str], package: str = "analysis") -> set[str]:
    """Package modules that `path` imports anywhere: top level, inside functions, `from x import y`.

    `package` is the module's own package, for relative imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name in known}


@cache
def graph() -> dict[str, set[str]]:
    known = set(modules())
    return {name: imported(path, known, name if path.name == "__init__.py" else name.rpartition(".")[0])
            - {name, "analysis"} for name, path in modules().items()}


def stage_of(name: str) -> int | None:
    parts = name.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None (depth-first search with colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_graph_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text("def f():\n    from analysis.reconciled import reconcile\n    import analysis.errors\n")
    assert imported(source, {"analysis.reconciled.reconcile", "analysis.errors", "analysis.reconciled"}) == {
        "analysis.reconciled", "analysis.reconciled.reconcile", "analysis.errors"}


def test_find_cycle_reports_a_cycle_and_accepts_a_tree() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_in_the_package() -> None:
    assert find_cycle(graph()) is None


@pytest.mark.parametrize("name", sorted(modules()))
def test_each_stage_imports_only_earlier_stages(name: str) -> None:
    own = stage_of(name)
    if own is None:
        return  # analysis, analysis.__main__, config, errors: the face and the entry point
    for target in graph()[name]:
        if target in SHARED:
            continue
        assert stage_of(target) is not None and stage_of(target) <= own, (
            f"{name} (stage {STAGES[own]}) imports {target}, a later stage or the package face")


def test_shared_modules_import_nothing_of_the_package() -> None:
    edges = graph()
    assert all(not edges[name] for name in SHARED)


@pytest.mark.parametrize("name", sorted(modules()))
def test_modules_are_small_or_say_why(name: str) -> None:
    text = modules()[name].read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert docstring, f"{name} has no docstring saying what it is for"
    if text.count("\n") > MAX_LINES:
        assert LONG_REASON in docstring, f"{name} has {text.count(chr(10))} lines and no '{LONG_REASON} …'"
