"""Bounds on what one document may hold, so a hostile file costs bounded time and memory.

Real result tables are far inside them: the largest cell in the seed is 1,700
characters, the widest table 7 columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from guidetrace.trace.errors import GuidetraceError

MAX_LINE = 1_000_000  # characters in one line or cell
MAX_COLUMNS = 256
MAX_HTML_DEPTH = 200
# What a zip container (XLSX, DOCX) may unpack to: trace/containers.py.


def check_row(cells: list[str], *, file: str, line: int) -> None:
    if len(cells) > MAX_COLUMNS:
        raise GuidetraceError(f"{len(cells)} cells in one row (at most {MAX_COLUMNS} expected)", file=file, line=line)
    for cell in cells:
        if len(cell) > MAX_LINE:
            raise GuidetraceError(f"a cell of {len(cell)} characters (at most {MAX_LINE} expected)", file=file, line=line)


@contextmanager
def at_row(file: str, line: int | None) -> Iterator[None]:
    """Errors raised while reading one row's cells get the row's file and line."""
    try:
        yield
    except GuidetraceError as exc:
        if exc.file is None:
            raise GuidetraceError(str(exc), file=file, line=line) from None
        raise
