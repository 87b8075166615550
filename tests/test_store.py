"""The store itself: migrations match the models, SQLite settings, URL handling."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from guidetrace.trace.models import Base
from guidetrace.trace.store import Store, open_store, resolve_url


def test_migrations_match_models(store_url: str) -> None:
    """A new store is created from the models and stamped; replaying every migration must give the same schema."""
    from alembic import command
    from sqlalchemy import create_engine

    from guidetrace.trace.store import SCHEMA_HEAD, alembic_config

    engine = create_engine(resolve_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert diffs == [] and version == SCHEMA_HEAD == "0009"


def test_a_new_store_is_the_models_schema_at_the_head(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert diffs == [] and version == "0009"


def test_schema_head_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from guidetrace.trace.store import SCHEMA_HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_sqlite_pragmas(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    store.dispose()


def test_resolve_url(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GUIDETRACE_DB", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'guidetrace.db'}"
    monkeypatch.setenv("GUIDETRACE_DB", "other.db")
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


def test_db_upgrade_command(run) -> None:  # type: ignore[no-untyped-def]
    result = run("db", "upgrade")
    assert result.exit_code == 0 and "schema up to date" in result.stderr


def test_readers_read_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    """A long load must not make `rounds`, `report` or `site` wait: only writers take the write lock."""
    import threading

    from sqlalchemy import select

    from guidetrace.trace.models import Guideline

    writer, reader = open_store(str(tmp_path / "s.db")), open_store(str(tmp_path / "s.db"))
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writer.transaction() as session:
            session.add(Guideline(key="g", title="G"))
            session.flush()
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert inside.wait(10)
    try:
        with reader.sessions() as session:  # would wait 30 s and fail with BEGIN IMMEDIATE
            assert session.scalars(select(Guideline.key)).all() == []  # the snapshot before the write
    finally:
        release.set()
        thread.join()
    with reader.sessions() as session:
        assert session.scalars(select(Guideline.key)).all() == ["g"]
    writer.dispose()
    reader.dispose()
