"""Many rows into one table in one executemany, as the driver takes them.

A load writes a few hundred thousand opinion and citation rows. On SQLite, SQLAlchemy's
per-row handling of the parameters (a dict per row, checked and processed column by
column) cost a third more than SQLite's own insert, so there the rows go to the driver as
tuples, each value through its column type's own bind processor (JSON serialised as
SQLAlchemy would). Elsewhere (PostgreSQL: psycopg batches executemany itself) Core's
insert is used as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.engine import Dialect

_SHARED = (list, dict)  # values whose processing (JSON) costs most, and which rows may share by identity


@dataclass(frozen=True)
class _Plan:
    sql: str
    values: Callable[[dict[str, Any]], tuple[Any, ...]]
    processed: tuple[tuple[int, Callable[[Any], Any]], ...]  # the columns whose type converts the value


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """`rows` all name the same columns, every column with a default among them."""
    if not rows:
        return
    columns = tuple(rows[0])
    _all_defaults_given(table, columns)  # on either backend, so what passes on one passes on the other
    if connection.dialect.name != "sqlite":
        connection.execute(insert(table), rows)
        return
    plan = _plan(table, columns, connection.dialect)
    values: Iterable[Sequence[Any]] = map(plan.values, rows)
    if plan.processed:
        processed = plan.processed
        done: dict[tuple[int, int], Any] = {}  # (column, id of a list, dict or None) -> its processed value

        def convert(row: Sequence[Any]) -> tuple[Any, ...]:  # only the few columns that convert, not each
            out = list(row)
            for i, process in processed:
                value = out[i]
                if value is None or type(value) in _SHARED:  # rows often share one (a JSON list per answer)
                    key = (i, id(value))  # the rows hold every value until the insert ends: ids stay theirs
                    if key not in done:
                        done[key] = process(value)
                    out[i] = done[key]
                else:
                    out[i] = process(value)
            return tuple(out)  # what exec_driver_sql takes

        values = map(convert, values)
    connection.exec_driver_sql(plan.sql, list(values))


@lru_cache(maxsize=64)
def _all_defaults_given(table: Table, columns: tuple[str, ...]) -> None:
    missing = [c.name for c in table.columns if c.name not in columns and (c.default is not None or c.server_default
                                                                          is not None)]
    if missing:  # a default Core would have filled in: the driver path does not, so the caller must
        raise ValueError(f"insert_rows into {table.name}: no value for {', '.join(missing)}")


@lru_cache(maxsize=64)
def _plan(table: Table, columns: tuple[str, ...], dialect: Dialect) -> _Plan:
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' for _ in columns)})")
    getter = itemgetter(*columns)
    values: Callable[[dict[str, Any]], tuple[Any, ...]] = getter if len(columns) > 1 else (lambda row: (getter(row),))
    processors = (table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns)
    return _Plan(sql, values, tuple((i, p) for i, p in enumerate(processors) if p is not None))
