"""Values both backends can hold: SQLite keeps any string, PostgreSQL refuses NUL and over-long values.

So the same input is accepted or refused the same way on either: NUL (never meaningful in
a document's text) becomes U+FFFD, and a value longer than its column is one error naming
the file and line, before anything is written.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import String, Table

from .errors import GuidetraceError

NUL, REPLACEMENT = "\x00", "\ufffd"


def clean(value: str) -> str:
    return value.replace(NUL, REPLACEMENT) if NUL in value else value


def fit_row(table: Table, row: dict[str, Any], *, file: str | None, line: int | None) -> dict[str, Any]:
    for name, limit in _limits(table):
        value = row.get(name)
        if not isinstance(value, str):
            continue
        if NUL in value:
            value = row[name] = clean(value)
        if limit and len(value) > limit:
            raise GuidetraceError(f"{table.name}.{name} of {len(value)} characters (at most {limit}): "
                                  f"{value[:40]!r}…", file=file, line=line)
    return row


@lru_cache(maxsize=None)
def _limits(table: Table) -> tuple[tuple[str, int | None], ...]:
    """Each text column's name and length limit, read once per table (a load checks every row)."""
    return tuple((c.name, c.type.length) for c in table.columns if isinstance(c.type, String))
