"""Opening a store: SQLite file by default, any SQLAlchemy URL when given.

Every store is brought to the newest schema by the shipped Alembic migrations
when it is opened, so a user never runs a separate set-up step.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import GuidetraceError
from .store_location import DEFAULT_DB, chosen_db

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration: a store already there opens without loading Alembic at all
# (tests/test_store.py keeps this equal to Alembic's own head).
SCHEMA_HEAD = "0012"

SQLITE_BUSY_TIMEOUT_MS = 30_000
# One writer at a time: SQLite's BEGIN IMMEDIATE queues writers; on PostgreSQL this
# advisory lock does, so two loads of one document never race to insert the same keys.
PG_WRITE_LOCK = 0x67756964  # "guid"
_WRITING: ContextVar[bool] = ContextVar("guidetrace_writing", default=False)


def resolve_url(url_or_path: str | None) -> str:
    """`--db` value, else $GUIDETRACE_DB, else ./guidetrace.db; a plain path means SQLite."""
    value = chosen_db(url_or_path) or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_conn.execute("PRAGMA foreign_keys=ON")
    dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    _journal_mode(dbapi_conn, "wal")  # refused while a large load holds the store (see bulk_journal): read as it allows
    dbapi_conn.execute("PRAGMA synchronous=NORMAL")


def _journal_mode(raw: sqlite3.Connection, mode: str) -> bool:
    """Switch the store's journal, at once or not at all: leaving WAL, or coming back to it from a rollback
    journal, needs the store to itself, and waiting the busy timeout for that would only delay a refusal."""
    raw.execute("PRAGMA busy_timeout=0")
    try:
        return bool(raw.execute(f"PRAGMA journal_mode={mode}").fetchone()[0] == mode)
    except sqlite3.OperationalError:
        return False
    finally:
        raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


@contextmanager
def bulk_journal(connection: Connection) -> Iterator[bool]:
    """A large write through SQLite's rollback journal, back to WAL after it; yields whether it switched.

    SQLite's own advice: a transaction of more than about 100 MB is faster with the rollback journal.
    In WAL every page goes to the log and then again into the file at the checkpoint; new pages of
    a rollback-journal write go to the file once (a 1M-opinion load: 4 GB written once, not twice).
    The switch needs the store to itself: with any other connection open it is not made, the load
    keeps WAL and the others their snapshot. Whoever opens the store during the load waits for it
    (up to the busy timeout) instead of reading the snapshot before it."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    switched = _journal_mode(raw, "delete")
    if switched:
        raw.execute("PRAGMA synchronous=FULL")  # NORMAL is safe in WAL only: a rollback journal syncs fully
    try:
        yield switched
    finally:
        if switched:
            raw.execute("PRAGMA synchronous=NORMAL")
            _journal_mode(raw, "wal")  # refused with a reader in the store: the load stands, the next connection sets WAL


def _sqlite_read_only_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def read_only_path(url: str) -> Path | None:
    """A SQLite store this user may read but not write (file or folder): it opens read-only."""
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if path.is_file() and os.access(path, os.R_OK) and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return path
    return None


def newer_schema(revision: str | None) -> None:
    """A store at a schema this guidetrace does not ship was written by a newer one: say so, rather than
    Alembic's "Can't locate revision"."""
    if revision is None:
        return
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise GuidetraceError(f"the store was written by a newer guidetrace (schema {revision}, this one knows up to "
                              f"{SCHEMA_HEAD}); upgrade guidetrace to open it") from None


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "guidetrace.trace:migrations")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@dataclass
class Store:
    """An engine plus a session factory; the only handle readers and reports need."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    read_only: bool = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self, *, bulk: bool = False) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole on any error. Only writers take the
        write lock (BEGIN IMMEDIATE on SQLite); a reader's session sees a consistent snapshot (WAL) and
        never waits for a load — except a `bulk` one (hundreds of MB) that had the store to itself when
        it began: see `bulk_journal`."""
        if self.read_only:
            raise GuidetraceError(f"the store {self.url.removeprefix('sqlite:///')} is read-only for this user: "
                                  "it can be read (rounds, report, site) but not changed")
        token = _WRITING.set(True)
        try:
            if bulk and self.dialect == "sqlite":
                with (_busy_is_a_user_error(), self.engine.connect() as connection, bulk_journal(connection),
                      self.sessions(bind=connection) as session, session.begin()):
                    yield session
                return
            with _busy_is_a_user_error(), self.sessions.begin() as session:
                if self.dialect == "postgresql":
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
                yield session
        finally:
            _WRITING.reset(token)

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def upgrade(self) -> None:
        token = _WRITING.set(True)  # a migration writes: take the write lock at BEGIN
        try:
            self._upgrade()
        finally:
            _WRITING.reset(token)

    def _upgrade(self) -> None:
        if self._create_fresh() or self.current_revision() == SCHEMA_HEAD:
            return  # the usual case: no need to import alembic (a quarter of a second) to learn that
        newer_schema(self.current_revision())
        from alembic import command

        if self.dialect == "sqlite":
            self._upgrade_sqlite()
            return
        with _busy_is_a_user_error(), self.engine.begin() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
            command.upgrade(alembic_config(conn), "head")

    def _create_fresh(self) -> bool:
        """An empty SQLite file gets the models' schema in one go, stamped at the head (replaying every
        migration costs a third of a second); a test checks the migrations build the same schema."""
        from sqlalchemy import Column, MetaData, String, Table

        from .models import Base

        if self.dialect != "sqlite":
            return False  # a server database is created once, by its migrations
        with _busy_is_a_user_error(), self.engine.begin() as conn:
            if inspect(conn).get_table_names():
                return False
            from sqlalchemy.schema import CreateIndex, CreateTable

            # SQLite checks foreign keys only on writes, so every one goes inline, the comment → cluster →
            # representative comment cycle included. (No create_all or AddConstraint: they mark the models'
            # constraints as created by ALTER, and a later SQLite store would lose them.)
            for table in Base.metadata.sorted_tables:
                conn.execute(CreateTable(table, include_foreign_key_constraints=list(table.foreign_key_constraints)))
                for index in table.indexes:
                    conn.execute(CreateIndex(index))
            version = Table("alembic_version", MetaData(), Column("version_num", String(32), primary_key=True))
            version.create(conn)
            conn.execute(version.insert().values(version_num=SCHEMA_HEAD))
        return True

    def _upgrade_sqlite(self) -> None:
        """SQLite alters a table by copying it and dropping the old one: with foreign keys on,
        that drop would cascade into every row referring to it. So, as SQLite documents:
        foreign keys off (outside the transaction), migrate, check, foreign keys on."""
        from alembic import command

        with _busy_is_a_user_error(), self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            try:
                with conn.begin():
                    command.upgrade(alembic_config(conn), "head")
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise GuidetraceError(f"schema upgrade left {len(broken)} broken references; nothing was changed")
            finally:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _busy_is_a_user_error() -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        if "database is locked" in str(exc) or "database is busy" in str(exc):
            raise GuidetraceError(
                f"the store is busy: another process held it for over {SQLITE_BUSY_TIMEOUT_MS // 1000} s; try again"
            ) from None
        raise


def create_store_engine(url: str, *, read_only: Path | None = None) -> Engine:
    if read_only is not None:
        # immutable: no -wal/-shm files are needed in a folder we cannot write; unless a write-ahead log holds
        # pages not yet in the file, which only a plain read-only open reads
        wal = read_only.with_name(read_only.name + "-wal")
        flags = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
        engine = create_engine(f"sqlite:///file:{read_only}?{flags}&uri=true")
        event.listen(engine, "connect", _sqlite_read_only_pragmas)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy issue BEGIN itself so a transaction spans every statement; writers queue on
        # the write lock at BEGIN, readers start a snapshot.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE" if _WRITING.get() else "BEGIN"))
        return engine
    return create_engine(url)


def open_store(url_or_path: str | None = None, *, upgrade: bool = True, create: bool = True) -> Store:
    """`create=False` (reading commands): a SQLite path with no store is an error, not a new empty store."""
    url = resolve_url(url_or_path)
    if not create and url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        raise GuidetraceError(f"no store at {url.removeprefix('sqlite:///')}: load a guideline first "
                              "(`guidetrace guideline load --bundled`), or name the store with --db")
    read_only = read_only_path(url)
    if url.startswith("sqlite:///"):
        from .output import protect

        protect(url.removeprefix("sqlite:///"))
    if url.startswith("sqlite:///") and read_only is None:
        parent = Path(url.removeprefix("sqlite:///")).parent
        if not parent.is_dir():
            raise GuidetraceError(f"cannot create store: folder {parent} does not exist")
    try:
        engine = create_store_engine(url, read_only=read_only)
    except Exception as exc:  # bad URL, missing driver
        raise GuidetraceError(f"cannot open store {url!r}: {exc}") from exc
    store = Store(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False),
                  read_only=read_only is not None)
    if read_only is not None:
        if store.current_revision() != SCHEMA_HEAD:
            newer_schema(store.current_revision())
            raise GuidetraceError(f"the store {read_only} is read-only and at an older schema: open it once "
                                  "with write access to upgrade it")
        return store
    if upgrade:
        try:
            if store.current_revision() != SCHEMA_HEAD:
                store.upgrade()
        except GuidetraceError:
            raise
        except Exception as exc:
            from .store_errors import store_error_line

            line = store_error_line(exc) or f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            raise GuidetraceError(f"cannot open store {url!r}: {line}") from exc
    return store
