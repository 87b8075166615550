"""Shared fixtures: a store on SQLite and on a real PostgreSQL server, the seed, the CLI."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from guidetrace.comments.bundled import seed_path
from guidetrace.trace.cli import cli
from guidetrace.trace.store import Store, open_store

from .pg_server import PgServer

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
FIXTURES = Path(__file__).parent / "fixtures"
_db_numbers = itertools.count(1)


def require(ok: bool, why: str) -> None:
    """Skip locally when a component is missing; in CI a missing component is a failure."""
    if not ok:
        if IN_CI:
            pytest.fail(f"required in CI: {why}")
        pytest.skip(why)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer | None]:
    try:
        server = PgServer()
    except Exception as exc:  # reported by `require` in the tests that need it
        yield None
        pytest.pg_error = str(exc)  # type: ignore[attr-defined]
        return
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "guidetrace.db")
    server = request.getfixturevalue("pg_server")
    require(server is not None, "a PostgreSQL server (initdb/pg_ctl) could not be started")
    return server.create_database(f"gt_{os.getpid()}_{next(_db_numbers)}")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.dispose()


@pytest.fixture
def seed() -> Path:
    return seed_path()


@pytest.fixture
def run(store_url: str):  # type: ignore[no-untyped-def]
    """Invoke the CLI on the test's store; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--db", store_url, *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def loaded(store: Store, seed: Path) -> Store:
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.guideline.bundled import load_bundled_trees

    load_bundled_trees(store)
    load_comments(store, seed, revision="3.0-draft")
    return store


def empty_revision(session):  # type: ignore[no-untyped-def]
    """A guideline `g` with one final revision `1` and no sections: the least a store needs to hold opinions."""
    from guidetrace.trace.models import Guideline, Revision

    g = Guideline(key="g", title="g")
    session.add(g)
    session.flush()
    rev = Revision(guideline_id=g.id, key="1", label="1", status="final")
    session.add(rev)
    session.flush()
    return rev
