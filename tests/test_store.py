"""The store itself: migrations match the models, SQLite settings, URL handling."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
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
    assert diffs == [] and version == SCHEMA_HEAD == "0012"


def test_topic_labels_move_into_one_column_keyed_by_language_and_back(store_url: str) -> None:
    """0012: a store made before it keeps its topics' labels, now keyed by language; downgrading puts the
    two columns back with the same words (SQLite and PostgreSQL)."""
    from alembic import command
    from sqlalchemy import create_engine

    from guidetrace.trace.store import alembic_config

    engine = create_engine(resolve_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0011")
        conn.execute(text("INSERT INTO topic (key, label_ja, label_en, terms, patterns, hint_sections) VALUES "
                          "('sbom', 'ソフトウェア部品表', 'SBOM', '[]', '[]', '[]'), ('x', 'エックス', '', '[]', '[]', '[]')"))
        command.upgrade(alembic_config(conn), "0012")
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT key, labels FROM topic ORDER BY key")).all()
        moved = {k: json.loads(v) if isinstance(v, str) else v for k, v in rows}
        assert moved == {"sbom": {"ja": "ソフトウェア部品表", "en": "SBOM"}, "x": {"ja": "エックス"}}
        command.downgrade(alembic_config(conn), "0011")
    with engine.connect() as conn:
        back = conn.execute(text("SELECT key, label_ja, label_en FROM topic ORDER BY key")).all()
    engine.dispose()
    assert [tuple(r) for r in back] == [("sbom", "ソフトウェア部品表", "SBOM"), ("x", "エックス", "エックス")]


def test_a_new_store_is_the_models_schema_at_the_head(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert diffs == [] and version == "0012"


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
    assert result.exit_code == 0 and "スキーマは最新です" in result.stderr


def _journal(path: Path) -> str:
    import sqlite3

    with sqlite3.connect(path) as raw:
        return str(raw.execute("PRAGMA journal_mode").fetchone()[0])


def test_a_bulk_write_goes_through_the_rollback_journal_and_the_store_returns_to_wal(tmp_path: Path) -> None:
    """SQLite's advice for transactions of 100 MB and more, taken only when the store is the writer's alone."""

    from guidetrace.trace.models import Guideline

    store = open_store(str(tmp_path / "s.db"))
    with store.transaction(bulk=True) as session:
        during = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
        session.add(Guideline(key="g", title="G"))
    assert during == "delete"
    with pytest.raises(RuntimeError), store.transaction(bulk=True) as session:
        session.add(Guideline(key="h", title="H"))
        session.flush()
        raise RuntimeError("a load that fails half-way")
    assert _guidelines(store) == ["g"]  # the failed one rolled back whole
    store.dispose()
    assert _journal(tmp_path / "s.db") == "wal"  # back to WAL after either


def test_a_reader_in_the_store_when_a_bulk_write_ends_leaves_the_load_standing(tmp_path: Path) -> None:
    """Going back to WAL needs the store to itself: with a reader in it, the committed load stands (no error
    after the commit) and the next connection to open the store sets WAL."""
    import sqlite3

    from guidetrace.trace.store import bulk_journal

    path = tmp_path / "s.db"
    store = open_store(str(path))
    with store.engine.connect() as connection, bulk_journal(connection) as switched:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("INSERT INTO guideline (key, title) VALUES ('g', 'G')")
        raw.commit()
        reader = sqlite3.connect(path)
        reader.execute("BEGIN")
        assert reader.execute("SELECT key FROM guideline").fetchall() == [("g",)]  # holds the store while it ends
    assert switched
    reader.rollback()
    reader.close()
    store.dispose()
    assert _journal(path) == "delete"
    assert _guidelines(open_store(str(path))) == ["g"] and _journal(path) == "wal"


def test_a_bulk_write_keeps_wal_while_another_connection_reads(tmp_path: Path) -> None:
    from sqlalchemy import select

    from guidetrace.trace.models import Guideline

    writer, reader = open_store(str(tmp_path / "s.db")), open_store(str(tmp_path / "s.db"))
    with reader.sessions() as snapshot:
        assert snapshot.scalars(select(Guideline.key)).all() == []
        with writer.transaction(bulk=True) as session:
            during = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
            session.add(Guideline(key="g", title="G"))
            session.flush()
            assert snapshot.scalars(select(Guideline.key)).all() == []  # still the reader's snapshot
    assert during == "wal"  # switching would have needed the store to itself
    assert _guidelines(reader) == ["g"]
    writer.dispose()
    reader.dispose()


@contextmanager
def _write_held(writer: Store, *, bulk: bool = False) -> Iterator[None]:
    """A writer thread adds guideline `g` and holds its transaction open until the block ends, then commits."""
    import threading

    from guidetrace.trace.models import Guideline

    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writer.transaction(bulk=bulk) as session:
            session.add(Guideline(key="g", title="G"))
            session.flush()
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert inside.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join()


def _guidelines(store: Store) -> list[str]:
    from sqlalchemy import select

    from guidetrace.trace.models import Guideline

    with store.sessions() as session:
        return list(session.scalars(select(Guideline.key)))


def test_a_store_opened_during_a_bulk_write_opens_and_reads(tmp_path: Path) -> None:
    """Its connection cannot switch the store back to WAL meanwhile: it reads in the rollback journal's way."""
    writer = open_store(str(tmp_path / "s.db"))
    with _write_held(writer, bulk=True):
        reader = open_store(str(tmp_path / "s.db"), create=False)
        assert _guidelines(reader) == []  # the write is not committed yet
    assert _guidelines(reader) == ["g"]
    reader.dispose()
    writer.dispose()
    assert _journal(tmp_path / "s.db") == "wal"


def test_readers_read_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    """A long load must not make `rounds`, `report` or `site` wait: only writers take the write lock."""
    writer, reader = open_store(str(tmp_path / "s.db")), open_store(str(tmp_path / "s.db"))
    with _write_held(writer):
        assert _guidelines(reader) == []  # the snapshot before the write (BEGIN IMMEDIATE would wait 30 s and fail)
    assert _guidelines(reader) == ["g"]
    writer.dispose()
    reader.dispose()


def test_insert_rows_stores_what_a_core_insert_stores(store: Store) -> None:
    """The driver path (SQLite) gives each value its column type's processing, as Core does: JSON lists
    and None, booleans, text; a column with a default must be given."""
    from sqlalchemy import insert, select

    from guidetrace.trace.bulk_insert import insert_rows
    from guidetrace.trace.models import Comment, ConsultationRound, table_of

    from .conftest import empty_revision

    with store.transaction() as s:
        rnd = ConsultationRound(key="r", revision_id=empty_revision(s).id, kind="result")
        s.add(rnd)
        s.flush()
        base = {"round_id": rnd.id, "part": "A", "label": None, "submitter_id": None, "location": None, "heading": None,
                "body_html": None, "reason": None, "proposal": None, "response": None, "response_html": None,
                "disposition": "noted", "represents": None, "source_file": "f", "source_page": None}
        rows = [dict(base, key=f"r/{n}", seq=n, body=f"<b>本文</b>'\" {n % 3}" if n % 3 else "", source_line=n,
                     dispositions=[{"disposition": "noted", "rule": "x"}] if n % 3 == 1 else [], bulk=n % 3 == 1,
                     machine=None if n % 3 else {"tags": [[1, "sbom"]]}) for n in range(6)]  # rows n and n + 3 alike
        insert_rows(s.connection(), table_of(Comment), rows[:3])
        s.connection().execute(insert(table_of(Comment)), rows[3:])  # the same rows by Core
        got = s.execute(select(Comment.body, Comment.dispositions, Comment.bulk, Comment.machine, Comment.source_line)
                        .order_by(Comment.seq)).all()
        assert [tuple(r) for r in got] == [(r["body"], r["dispositions"], r["bulk"], r["machine"], r["source_line"])
                                            for r in rows]
        raw = s.connection().exec_driver_sql("SELECT body, dispositions, bulk, machine FROM comment ORDER BY seq").all()
        assert raw[:3] == raw[3:]  # stored alike, byte for byte
        with pytest.raises(ValueError, match="no value for dispositions, bulk"):
            insert_rows(s.connection(), table_of(Comment), [{k: v for k, v in rows[0].items()
                                                            if k not in ("dispositions", "bulk")} | {"key": "r/x"}])


@given(st.dictionaries(st.sampled_from(["key", "part", "body", "disposition", "seq", "source_page"]),
                       st.one_of(st.none(), st.integers(), st.text(alphabet="ab\x00あ", max_size=24)), max_size=6))
def test_fit_row_replaces_nul_in_text_and_refuses_what_a_column_cannot_hold(row: dict[str, object]) -> None:
    """Looked at as one piece for speed, the row must still come out as if each text were looked at alone."""
    from guidetrace.trace.errors import GuidetraceError
    from guidetrace.trace.fit import REPLACEMENT, fit_row
    from guidetrace.trace.models import Comment, table_of

    table = table_of(Comment)
    limits = {"key": 300, "part": 10, "disposition": 20, "source_page": 50}
    texts = {"key", "part", "body", "disposition", "source_page"}
    expected = {k: v.replace("\x00", REPLACEMENT) if k in texts and isinstance(v, str) else v for k, v in row.items()}
    too_long = [k for k, v in row.items() if isinstance(v, str) and k in limits and len(v) > limits[k]]
    if too_long:
        with pytest.raises(GuidetraceError, match="characters"):
            fit_row(table, dict(row), file="f", line=1)
    else:
        assert fit_row(table, dict(row), file="f", line=1) == expected


def test_insert_rows_processes_shared_values_once_and_right(store: Store) -> None:
    """Rows sharing one JSON list (one per distinct answer) store it as rows with their own copies would."""
    from sqlalchemy import select

    from guidetrace.trace.bulk_insert import insert_rows
    from guidetrace.trace.models import Comment, ConsultationRound, table_of

    from .conftest import empty_revision

    shared = [{"disposition": "noted", "rule": "r1"}]
    with store.transaction() as s:
        rnd = ConsultationRound(key="r", revision_id=empty_revision(s).id, kind="result")
        s.add(rnd)
        s.flush()
        lists = [shared, shared, [{"disposition": "adopted", "rule": "r2"}], shared, []]
        rows = [{"key": f"r/{n}", "round_id": rnd.id, "part": "A", "seq": n, "label": None, "submitter_id": None,
                 "location": None, "heading": None, "body": "b", "body_html": None, "reason": None, "proposal": None,
                 "response": None, "response_html": None, "disposition": "noted", "represents": None,
                 "source_file": "f", "source_line": n, "source_page": None, "dispositions": value, "bulk": False,
                 "machine": None if n % 2 else value} for n, value in enumerate(lists)]
        insert_rows(s.connection(), table_of(Comment), rows)
        got = s.execute(select(Comment.dispositions, Comment.machine).order_by(Comment.seq)).all()
    assert [tuple(r) for r in got] == [(v, None if n % 2 else v) for n, v in enumerate(lists)]
