"""Tree formats: each is a record of `registry.TREE_FORMATS`, which says the endings it reads; `read_tree` picks one."""

from __future__ import annotations

from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from ..records import GuidelineRecord, RevisionRecord, RevisionTree
from .registry import TREE_FORMATS

__all__ = ["TREE_FORMATS", "read_tree"]


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
        (f for f in TREE_FORMATS.values() if (f.name == fmt if fmt != "auto" else path.suffix.lower() in f.suffixes)),
        None,
    )
    if chosen is None:
        known = ", ".join(f"{f.name} ({' '.join(f.suffixes)})" for f in TREE_FORMATS.values())
        raise GuidetraceError(f"cannot tell the tree format (expected {known})", file=str(path))
    if "revision" not in chosen.options:
        return chosen.load()(path)  # type: ignore[no-any-return]
    if guideline is None or revision is None:
        raise GuidetraceError(
            f"a {chosen.name} tree holds no revision data: pass --guideline and --revision", file=str(path)
        )
    return chosen.load()(path, guideline=guideline, revision=revision)  # type: ignore[no-any-return]
