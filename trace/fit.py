"""Values both backends can hold: SQLite keeps any string, PostgreSQL refuses NUL and over-long values.

So the same input is accepted or refused the same way on either: NUL (never meaningful in
a document's text) becomes U+FFFD, and a value longer than its column is one error naming
the file and line, before anything is written.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from .errors import GuidetraceError

NUL, REPLACEMENT = "\x00", "\ufffd"


def clean(value: str) -> str:
    return value.replace(NUL, REPLACEMENT) if NUL in value else value


def fit_row(table: Table, row: dict[str, Any], *, file: str | None, line: int | None) -> dict[str, Any]:
    for column in table.columns:
        value = row.get(column.name)
        if not isinstance(value, str):
            continue
        if NUL in value:
            value = row[column.name] = clean(value)
        limit = getattr(column.type, "length", None)
        if limit and len(value) > limit:
            raise GuidetraceError(f"{table.name}.{column.name} of {len(value)} characters (at most {limit}): "
                                  f"{value[:40]!r}…", file=file, line=line)
    return row
