"""The package's layering: the core (`trace/`, its CLI aside) imports nothing above it, `guideline/`
nothing but the core, `comments/` nothing from `reports/`, `reports/` nothing from the front door (`api/`);
the front door imports every folder but the command line, and `trace/cli/` imports from every folder.
Lazy imports inside functions count too.

And no import cycle among the modules of a folder. There, too, imports inside functions count: on main
the module-level graph had no cycle at all, while an 11-module circle (comments.queries through privacy,
review and topics) was closed only by lazy imports. A lazy import hides a cycle from the interpreter,
not from the reader: the modules still cannot be understood, tested or moved one without the other."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
ORDER = {"trace": 0, "guideline": 1, "comments": 2, "reports": 3, "api": 4}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "guidetrace" or len(parts) < 2:
        return None
    if parts[1:3] == ["trace", "cli"]:
        return "cli"
    return parts[1] if parts[1] in ORDER else None


def upward_imports(root: Path) -> list[str]:
    found = []
    for folder in ORDER:
        for path in sorted((root / folder).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            package = ["guidetrace", *parts[:-1]]  # what a relative import starts from
            here = _layer(".".join(["guidetrace", *parts]))
            if here is None or here == "cli":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    base = package[: len(package) - node.level + 1] if node.level else []
                    targets = [".".join(base + [node.module] if node.module else base)]
                else:
                    continue
                for target in targets:
                    there = _layer(target)
                    if there == "cli" or (there is not None and ORDER[there] > ORDER[here]):
                        found.append(f"{path.relative_to(root)}:{node.lineno} imports {target}")
    return found


def test_no_folder_imports_from_one_above_it() -> None:
    assert upward_imports(ROOT) == []


def test_the_check_finds_an_upward_import(tmp_path: Path) -> None:
    for folder in ORDER:
        (tmp_path / folder / "sub").mkdir(parents=True)
    (tmp_path / "trace" / "cli").mkdir()
    (tmp_path / "guideline" / "sub" / "x.py").write_text("def f():\n    from ...reports import y\n", encoding="utf-8")
    (tmp_path / "comments" / "a.py").write_text("from guidetrace.trace.cli import main\nfrom .b import c\n",
                                                encoding="utf-8")
    (tmp_path / "reports" / "ok.py").write_text("from guidetrace.comments import a\n", encoding="utf-8")
    (tmp_path / "trace" / "cli" / "m.py").write_text("from guidetrace.reports import ok\nfrom guidetrace.api import b\n",
                                                    encoding="utf-8")
    (tmp_path / "reports" / "up.py").write_text("def f():\n    from guidetrace.api import load_tree\n", encoding="utf-8")
    (tmp_path / "api" / "b.py").write_text("from guidetrace.reports import ok\nfrom ..trace.cli import base\n",
                                           encoding="utf-8")
    assert sorted(upward_imports(tmp_path)) == ["api/b.py:2 imports guidetrace.trace.cli",
                                                "comments/a.py:1 imports guidetrace.trace.cli",
                                                "guideline/sub/x.py:2 imports guidetrace.reports",
                                                "reports/up.py:2 imports guidetrace.api"]



def _modules(root: Path) -> dict[str, Path]:
    """Every module of the four folders by dotted name (a package by its own name, not `__init__`)."""
    found = {}
    for folder in ORDER:
        for path in sorted((root / folder).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            found[".".join(["guidetrace", *(parts[:-1] if parts[-1] == "__init__" else parts)])] = path
    return found


def import_graph(root: Path) -> nx.DiGraph:
    """Module -> module it imports (module level or inside a function), within the four folders.
    `from .pkg import mod` points at `pkg.mod` when that is a module, else at `pkg`."""
    modules = _modules(root)
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                start = ".".join(base + [node.module] if node.module else base)
                targets = [f"{start}.{a.name}" if f"{start}.{a.name}" in modules else start for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:  # a name inside a module: the module
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target, line=node.lineno)
    return graph


def folder_cycles(root: Path) -> list[str]:
    """One cycle per knot of modules importing each other inside a folder, each import with its line."""
    graph = import_graph(root)
    out = []
    for folder in ORDER:
        inside = graph.subgraph([m for m in graph if m.split(".")[1] == folder])
        for knot in sorted(sorted(c) for c in nx.strongly_connected_components(inside) if len(c) > 1):
            cycle = nx.find_cycle(inside.subgraph(knot), source=knot[0])
            out.append(" -> ".join(f"{a.removeprefix('guidetrace.')}:{inside[a][b]['line']}" for a, b in cycle)
                       + f" -> {cycle[0][0].removeprefix('guidetrace.')} ({len(knot)} modules in the knot)")
    return out


def test_no_import_cycle_inside_a_folder() -> None:
    assert folder_cycles(ROOT) == []


def test_the_check_finds_a_cycle_closed_by_a_lazy_import(tmp_path: Path) -> None:
    for folder in ORDER:
        (tmp_path / folder / "sub").mkdir(parents=True)
    (tmp_path / "comments" / "low.py").write_text("def f():\n    from .sub.high import g\n", encoding="utf-8")
    (tmp_path / "comments" / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "comments" / "sub" / "high.py").write_text("from .. import low\n", encoding="utf-8")
    (tmp_path / "reports" / "a.py").write_text("from guidetrace.reports.b import x\n", encoding="utf-8")
    (tmp_path / "reports" / "b.py").write_text("import guidetrace.comments.low\n", encoding="utf-8")
    assert folder_cycles(tmp_path) == ["comments.low:2 -> comments.sub.high:1 -> comments.low (2 modules in the knot)"]
