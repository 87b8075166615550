"""The guideline trees shipped with the package (スマートシティセキュリティガイドライン 1.0 → 3.0)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from guidetrace.trace.store import Store

from .formats import read_tree
from .store_tree import TreeLoadSummary, store_tree

BUNDLED_TREES = ("scsg-1.0.yaml", "scsg-2.0.yaml", "scsg-3.0-draft.yaml", "scsg-3.0.yaml")


def bundled_tree_paths() -> list[Path]:
    root = resources.files("guidetrace.guideline") / "data"
    return [Path(str(root / name)) for name in BUNDLED_TREES]


def load_bundled_trees(store: Store) -> list[TreeLoadSummary]:
    """Predecessors first, since lineage refers back to them."""
    return [store_tree(store, read_tree(path)) for path in bundled_tree_paths()]
