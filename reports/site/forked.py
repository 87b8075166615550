"""A list worked on in shares by forked processes: they inherit the data, and only results travel back.

The site's pages and diagrams are rendered by pure Python (Jinja2, the SVG allow-list); threads would
share one interpreter lock, and pickling the stores' rows to spawned workers would cost more than the
work. Forked workers start with everything already in memory.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
MAX_WORKERS = 4
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # set only while a pool runs


def _share(bounds: tuple[int, int]) -> list[Any]:
    assert _WORK is not None
    fn, items = _WORK
    return [fn(item) for item in items[bounds[0] : bounds[1]]]


def _workers(items: int) -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS, items)


def forks(items: int, parallel: bool = True) -> bool:
    """Whether `forked` would hand `items` to forked workers (else this process does the work)."""
    return parallel and _workers(items) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def forked_map(fn: Callable[[T], R], items: Sequence[T], *, parallel: bool = True) -> list[R]:
    """[fn(x) for x in items], in order; in forked workers when `parallel`, there is more than one core
    and the platform forks. `fn` may be a closure: it is inherited, never pickled; its results are."""
    with forked(fn, items, parallel=parallel) as results:
        return results()


@contextmanager
def forked(fn: Callable[[T], R], items: Sequence[T], *, parallel: bool = True) -> Iterator[Callable[[], list[R]]]:
    """forked_map that lets this process go on meanwhile: the workers are forked on entry (with what this
    process holds then), and calling what this yields waits for their results, in order. Serially (see
    forked_map), the work is done by that call. Start no other `forked` before it returns."""
    global _WORK
    if not forks(len(items), parallel):
        yield lambda: [fn(item) for item in items]
        return
    workers = _workers(len(items))
    step = -(-len(items) // workers)
    shares = [(i, min(i + step, len(items))) for i in range(0, len(items), step)]
    _WORK = (fn, items)
    gc.freeze()  # what the workers inherit is never collected there, so its pages are not copied on write
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = pool.map(_share, shares)  # with fork, every worker starts at the first share submitted
            yield lambda: [result for part in parts for result in part]
    finally:
        _WORK = None
        gc.unfreeze()
