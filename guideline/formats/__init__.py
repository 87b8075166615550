"""Tree formats: each declares the file endings it reads; `read_tree` picks one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from ..records import GuidelineRecord, RevisionRecord, RevisionTree
from .csv_tree import read_csv_tree
from .yaml_tree import read_yaml_tree


@dataclass(frozen=True)
class TreeFormat:
    name: str
    suffixes: tuple[str, ...]
    needs_revision: bool
    read: Callable[..., RevisionTree]


TREE_FORMATS = (
    TreeFormat("yaml", (".yaml", ".yml"), False, read_yaml_tree),
    TreeFormat("csv", (".csv",), True, read_csv_tree),
)


def read_tree(
    path: Path,
    *,
    fmt: str = "auto",
    guideline: GuidelineRecord | None = None,
    revision: RevisionRecord | None = None,
) -> RevisionTree:
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    chosen = next(
        (f for f in TREE_FORMATS if (f.name == fmt if fmt != "auto" else path.suffix.lower() in f.suffixes)),
        None,
    )
    if chosen is None:
        known = ", ".join(f"{f.name} ({' '.join(f.suffixes)})" for f in TREE_FORMATS)
        raise GuidetraceError(f"cannot tell the tree format (expected {known})", file=str(path))
    if not chosen.needs_revision:
        return chosen.read(path)
    if guideline is None or revision is None:
        raise GuidetraceError(
            f"a {chosen.name} tree holds no revision data: pass --guideline and --revision", file=str(path)
        )
    return chosen.read(path, guideline=guideline, revision=revision)
