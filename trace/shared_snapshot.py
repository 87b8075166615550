"""One snapshot of the store read by two connections: this process's session and a forked child's.

A reader's session sees one consistent state of the store (see `Store.transaction`). A child that
reads on a connection of its own (`reports.site.built_ahead`) must see that same state, or a
load committed by another process in between would show in one half of a site and not in the
other. PostgreSQL shares a snapshot by name (`pg_export_snapshot`, in REPEATABLE READ). SQLite
has no such call: here both snapshots are begun while a third connection holds the write lock
(BEGIN IMMEDIATE), so no commit can fall between them; the lock is held only until the child
has begun reading, and is not waited for — if a writer has it, the caller does the work itself.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from .models import ConsultationRound

_PG_SNAPSHOT = re.compile(r"^[0-9A-Fa-f]+-[0-9A-Fa-f]+(-[0-9A-Fa-f]+)?$")
SQLITE = "sqlite"
POSTGRESQL = "postgresql"


@contextmanager
def shared_snapshot(session: Session, engine: Engine) -> Iterator[tuple[str, str] | None]:
    """Restarts `session`'s snapshot so that a child can share it, and yields what the child passes to
    `adopt_snapshot` (None: not possible now — pending changes, a read-only file, a writer holding the
    lock, another database). Until the block ends, no commit can fall before the child's first read:
    the child must have read (see `adopt_snapshot`) before the caller leaves the block."""
    backend = engine.url.get_backend_name()
    if session.new or session.dirty or session.deleted:
        yield None  # the session holds changes of its own: its transaction is not ours to restart
        return
    if backend == POSTGRESQL:
        session.rollback()  # only reads came before: their snapshot is replaced by one the child can name
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        name = session.scalar(text("SELECT pg_export_snapshot()"))
        yield (POSTGRESQL, str(name)) if name and _PG_SNAPSHOT.match(str(name)) else None
        return
    path = engine.url.database
    if backend != SQLITE or not path or path == ":memory:" or path.startswith("file:"):
        yield None  # in memory, or a read-only open (a URI): no lock to take
        return
    gate = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            gate.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:  # a load is writing: its commit could fall between the two reads
            yield None
            return
        session.rollback()
        _first_read(session)
        yield (SQLITE, "")
    finally:
        gate.close()  # rolls back: the write lock is released, no change made


def adopt_snapshot(session: Session, token: tuple[str, str]) -> None:
    """In the child, before anything else: begin reading the snapshot `shared_snapshot` yielded."""
    backend, name = token
    if backend == POSTGRESQL:
        if not _PG_SNAPSHOT.match(name):
            raise ValueError(f"not a snapshot name: {name!r}")
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        session.execute(text(f"SET TRANSACTION SNAPSHOT '{name}'"))  # checked above: hex digits and dashes
    _first_read(session)


def _first_read(session: Session) -> Any:
    """SQLite fixes a reader's snapshot at its first read of a table, not at BEGIN."""
    return session.scalar(ConsultationRound.__table__.select().with_only_columns(ConsultationRound.id).limit(1))
