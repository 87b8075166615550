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
    texts, limited = _columns(table)
    try:  # one look for NUL across the row's texts (a load checks every row, and NUL is almost never there)
        has_nul = NUL in "".join(filter(None, map(row.get, texts)))
    except TypeError:  # something other than text in a text column: looked at one by one
        has_nul = True
    if has_nul:
        for name in texts:
            value = row.get(name)
            if isinstance(value, str) and NUL in value:
                row[name] = clean(value)
    for name, limit in limited:
        value = row.get(name)
        if isinstance(value, str) and len(value) > limit:
            raise GuidetraceError(f"{table.name}.{name} of {len(value)} characters (at most {limit}): "
                                  f"{value[:40]!r}…", file=file, line=line)
    return row


@lru_cache(maxsize=None)
def _columns(table: Table) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """The table's text columns, and those with a length limit with it: read once per table."""
    texts = [(c.name, c.type.length) for c in table.columns if isinstance(c.type, String)]
    return tuple(name for name, _ in texts), tuple((name, limit) for name, limit in texts if limit)
