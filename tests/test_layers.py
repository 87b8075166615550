"""The package's layering: the core (`trace/`, its CLI aside) imports nothing above it, `guideline/`
nothing but the core, `comments/` nothing from `reports/`, `reports/` nothing from the front door (`api/`);
the front door imports every folder but the command line, and `trace/cli/` imports from every folder.
Lazy imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

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
