"""A list worked on in shares by forked processes: they inherit the data, and only results travel back.

The site's pages and diagrams are rendered by pure Python (Jinja2, the SVG allow-list); threads would
share one interpreter lock, and pickling the stores' rows to spawned workers would cost more than the
work. Forked workers start with everything already in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MAX_WORKERS = 4
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # set only while a pool runs


def _share(bounds: tuple[int, int]) -> list[Any]:
    assert _WORK is not None
    fn, items = _WORK
    return [fn(item) for item in items[bounds[0] : bounds[1]]]


def forked_map(fn: Callable[[T], R], items: Sequence[T], *, parallel: bool = True) -> list[R]:
    """[fn(x) for x in items], in order; in forked workers when `parallel`, there is more than one core
    and the platform forks. `fn` may be a closure: it is inherited, never pickled; its results are."""
    global _WORK
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(items))
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    step = -(-len(items) // workers)
    shares = [(i, min(i + step, len(items))) for i in range(0, len(items), step)]
    _WORK = (fn, items)
    gc.freeze()  # what the workers inherit is never collected there, so its pages are not copied on write
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for part in pool.map(_share, shares) for result in part]
    finally:
        _WORK = None
        gc.unfreeze()
