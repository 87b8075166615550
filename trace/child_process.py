"""The one way guidetrace forks work, and the one place that asks how many cores there are.

Two shapes. `child_pipe`: one forked child that works while this process goes on, sending its results
back through a pipe. Used where a second core can take half a job that needs nothing this process makes later:
reading a large document ahead (`comments.read_ahead`) and building the site's topic summary
and plan ahead (`reports.site.built_ahead`). The child inherits what this process holds
(nothing is pickled on the way in); an error there reaches this process as an ("error", exc)
message, and the child never outlives the block that started it.

`forked_map` / `forked`: a list worked on in shares by forked processes: they inherit the data, and only
results travel back. The site's pages and diagrams are rendered by pure Python (Jinja2, the SVG
allow-list); threads would share one interpreter lock, and pickling the stores' rows to spawned workers
would cost more than the work. Forked workers start with everything already in memory.

Callers say what to do, never how it runs: on one core, or where the platform does not fork, the same
calls do the work in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from .errors import GuidetraceError

T = TypeVar("T")
R = TypeVar("R")
MAX_WORKERS = 4
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # set only while a pool runs


def cores() -> int:
    """The machine's cores, as the one place reads them (threads for `dot`, workers for a forked map)."""
    return os.cpu_count() or 1


def can_fork(workers: int = 2) -> bool:
    """At least `workers` cores, and a platform that forks: else the work is better done here."""
    return cores() >= workers >= 2 and "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def child_pipe(target: Callable[..., None], *args: Any) -> Iterator[Any]:
    """Forks a child running target(sender, *args) and yields the pipe's receiving end; on leaving, the
    child is stopped if it still runs, and reaped."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(target, sender, receiver, args), daemon=True)
    child.start()
    sender.close()
    try:
        yield receiver
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _run(target: Callable[..., None], sender: Any, receiver: Any, args: tuple[Any, ...]) -> None:
    receiver.close()  # else the pipe keeps a reader after the parent dies, and a full pipe blocks this child forever
    target(sender, *args)


def tell_error(sender: Any, exc: BaseException) -> None:
    """Sends ("error", exc) to the parent, or its message where the exception cannot be pickled; nothing
    when the parent is gone."""
    try:
        sender.send(("error", exc))
    except (BrokenPipeError, ConnectionResetError):
        pass
    except Exception:  # an exception that cannot be pickled: its message still can
        sender.send(("error", GuidetraceError(str(exc))))


def _share(bounds: tuple[int, int]) -> list[Any]:
    assert _WORK is not None
    fn, items = _WORK
    return [fn(item) for item in items[bounds[0] : bounds[1]]]


def _workers(items: int) -> int:
    return min(cores(), MAX_WORKERS, items)


def forks(items: int, parallel: bool = True) -> bool:
    """Whether `forked` would hand `items` to forked workers (else this process does the work)."""
    return parallel and can_fork(_workers(items))


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
