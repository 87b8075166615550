"""Progress on stderr for large loads only: small loads stay quiet and pipes stay clean."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, TaskID

LARGE = 2000


@contextmanager
def progress_bar(label: str = "storing opinions") -> Iterator[Callable[[int, int], None]]:
    bars: list[tuple[Progress, TaskID]] = []  # started on the first large count

    def update(done: int, total: int) -> None:
        """`total` may only be what is known so far (a stream's length is not): then the bar counts."""
        if done < LARGE:
            return
        if not bars:
            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            bars.append((bar, bar.add_task(label, total=None)))
        bar, task = bars[0]
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        for bar, _ in bars:
            bar.stop()
