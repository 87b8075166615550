"""One forked child that works while this process goes on, sending its results back through a pipe.

Used where a second core can take half a job that needs nothing this process makes later:
reading a large document ahead (`comments.read_ahead`) and building the site's topic summary
and plan ahead (`reports.site.built_ahead`). The child inherits what this process holds
(nothing is pickled on the way in); an error there reaches this process as an ("error", exc)
message, and the child never outlives the block that started it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import GuidetraceError


def can_fork() -> bool:
    """More than one core, and a platform that forks: else the work is better done here."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


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
