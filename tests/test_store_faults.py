"""Issue 15.10: store faults are one line and exit 2 — a read-only store (still readable), a full disk,
a PostgreSQL server that goes away, values a backend cannot hold."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from guidetrace.trace import store as store_module
from guidetrace.trace.cli import cli
from guidetrace.trace.store import open_store


def _cli(db: str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)


def _seeded(path: Path, seed: Path) -> None:
    assert _cli(str(path), "guideline", "load", "--bundled").exit_code == 0
    assert _cli(str(path), "comments", "load", str(seed), "--revision", "3.0-draft").exit_code == 0
    with sqlite3.connect(path) as con:  # the write-ahead log into the file, as a closed store has it
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_read_only_store_is_readable_and_refuses_writes(seed: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A file permission: SQLite only (a PostgreSQL store's rights are the server's)."""
    _seeded(tmp_path / "store.db", seed)
    copy = tmp_path / "ro" / "store.db"
    copy.parent.mkdir()
    shutil.copy(tmp_path / "store.db", copy)
    real_access = os.access

    def access(path, mode):  # type: ignore[no-untyped-def]
        # The tests run as root, whom permissions do not bind: the permission check answers as for another user.
        return False if mode == os.W_OK and str(copy.parent) in str(path) else real_access(path, mode)

    monkeypatch.setattr(store_module.os, "access", access)
    rounds = _cli(str(copy), "rounds", "--format", "json")
    assert rounds.exit_code == 0 and json.loads(rounds.stdout)[0]["round"] == "scsg-3.0-draft"
    assert _cli(str(copy), "site", str(tmp_path / "site")).exit_code == 0
    result = _cli(str(copy), "review", "set", "scsg-3.0-draft/A-01", "--disposition", "revised")
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "read-only" in result.output
    ro = open_store(str(copy))
    with pytest.raises(Exception, match="readonly"), ro.engine.connect() as conn:  # SQLite itself refuses too
        conn.execute(text("DELETE FROM comment"))
    ro.dispose()


def test_a_full_disk_is_one_line_and_changes_nothing(seed: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own 'database or disk is full' (SQLITE_FULL), reached by capping the file's pages."""
    db = tmp_path / "store.db"
    assert _cli(str(db), "guideline", "load", "--bundled").exit_code == 0
    store = open_store(str(db))
    with store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()
        before = conn.execute(text("SELECT COUNT(*) FROM comment")).scalar()
    store.dispose()
    original = store_module._sqlite_pragmas

    def capped(dbapi_conn, record):  # type: ignore[no-untyped-def]
        original(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 2}")

    monkeypatch.setattr(store_module, "_sqlite_pragmas", capped)
    result = _cli(str(db), "comments", "load", str(seed), "--revision", "3.0-draft")
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "disk holding the store is full; nothing was changed" in result.output
    monkeypatch.setattr(store_module, "_sqlite_pragmas", original)
    store = open_store(str(db))
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM comment")).scalar() == before
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    store.dispose()


def test_a_postgresql_server_that_goes_away_is_one_line(seed: Path) -> None:
    from .conftest import require
    from .pg_server import PgServer

    try:
        server = PgServer()
    except Exception as exc:  # noqa: BLE001 - reported by require
        require(False, f"a PostgreSQL server could not be started: {exc}")
        return
    try:
        url = server.create_database("gone")
        assert _cli(url, "guideline", "load", "--bundled").exit_code == 0
    finally:
        server.stop()
    result = _cli(url, "rounds")
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "database server went away or cannot be reached" in result.output


def test_long_values_and_nul_are_treated_alike_on_both_backends(run, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    nul = tmp_path / "nul.jsonl"  # a text file with a NUL byte is refused as binary; JSON can escape one
    nul.write_text('{"id": "1", "text": "ログ\\u0000の保存を求める。", "location": "3.1.2"}\n', encoding="utf-8")
    result = run("comments", "load-raw", str(nul), "--revision", "3.0-draft", "--round", "nul")
    assert result.exit_code == 0, result.output
    bodies = [c["body"] for c in json.loads(run("comments", "list", "--round", "nul", "--format", "json").stdout)]
    assert bodies == ["ログ\ufffdの保存を求める。"]
    long = tmp_path / "long.csv"
    long.write_text("該当箇所,意見,考え方,提出者\n3.1.2,短い意見。,御意見として承ります。," + "長" * 600 + "\n", encoding="utf-8")
    result = run("comments", "load", str(long), "--revision", "3.0-draft", "--round", "long")
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert f"{long}:2: submitter.name of 600 characters (at most 500)" in result.output
    assert "long" not in {r["round"] for r in json.loads(run("rounds", "--format", "json").stdout)}


def test_a_revision_key_excel_cannot_take_still_names_its_sheet(run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    tree = tmp_path / "tree.yaml"
    tree.write_text("guideline: {key: g, title: 指針}\nrevision: {key: 'v1/draft:[a]', label: 第1版, status: draft}\n"
                    "sections:\n  - {key: '1', title: 総則}\n", encoding="utf-8")
    assert run("guideline", "load", str(tree)).exit_code == 0
    doc = tmp_path / "doc.csv"
    doc.write_text("該当箇所,意見,考え方\n1,総則の意見。,御意見として承ります。\n", encoding="utf-8")
    assert run("comments", "load", str(doc), "--revision", "v1/draft:[a]", "--round", "r").exit_code == 0
    out = tmp_path / "sections.xlsx"
    result = run("report", "sections", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames == ["v1_draft__a_"]
