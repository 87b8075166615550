"""Progress on stderr for large loads only: small loads stay quiet and pipes stay clean."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress

LARGE = 2000


@contextmanager
def progress_bar(label: str = "storing opinions") -> Iterator[Callable[[int, int], None]]:
    state: dict[str, object] = {}

    def update(done: int, total: int) -> None:
        """`total` may only be what is known so far (a stream's length is not): then the bar counts."""
        if done < LARGE:
            return
        if "bar" not in state:
            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task(label, total=None)
        bar = state["bar"]
        bar.update(state["task"], completed=done)  # type: ignore[attr-defined]

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()  # type: ignore[attr-defined]
