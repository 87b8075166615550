"""Faults: a load killed midway, two loads at once, a store from an earlier schema."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.trace.models import Citation, Comment, ConsultationRound, Section
from guidetrace.trace.store import SCHEMA_HEAD, Store, open_store

from .big_documents import write_tsv
from .conftest import FIXTURES

CLI = str(Path(sys.executable).with_name("guidetrace"))


def counts(store: Store) -> tuple[int, ...]:
    with store.sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Comment, Citation, ConsultationRound, Section))


def test_sigkill_midway_leaves_store_as_before(tmp_path: Path, seed: Path) -> None:
    db = tmp_path / "k.db"
    store = open_store(str(db))
    load_bundled_trees(store)
    load_comments(store, seed, revision="3.0-draft")
    before = counts(store)
    store.dispose()
    big = write_tsv(tmp_path / "big.tsv", 60_000)
    wal = Path(f"{db}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen([CLI, "--db", str(db), "comments", "load", str(big), "--revision", "3.0-draft",
                             "--round", "big"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size + 2_000_000:  # it is writing rows now
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the load finished before it could be killed: make the document larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30  # the child reading ahead sees its pipe close and ends too
    while time.monotonic() < deadline and _processes_reading(big):
        time.sleep(0.1)
    assert not _processes_reading(big), "a process reading the document outlived the load that was killed"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = open_store(str(db))
    assert counts(store) == before
    summary = load_comments(store, big, revision="3.0-draft", round_key="big")
    assert summary.opinions == 60_000 and counts(store)[0] == before[0] + 60_000
    store.dispose()


def _processes_reading(path: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def _load(db: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([CLI, "--db", db, "comments", "load", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_two_loads_at_once(store_url: str, store: Store, seed: Path, tmp_path: Path) -> None:
    load_bundled_trees(store)
    store.dispose()
    big = write_tsv(tmp_path / "mid.tsv", 3_000)
    procs = [_load(store_url, str(seed), "--revision", "3.0-draft"),
             _load(store_url, str(seed), "--revision", "3.0-draft"),
             _load(store_url, str(big), "--revision", "3.0-draft", "--round", "mid"),
             _load(store_url, str(FIXTURES / "comments" / "numbered.md"), "--revision", "3.0-draft", "--round", "md")]
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    with store.sessions() as s:
        per_round = dict(s.execute(select(ConsultationRound.key, func.count(Comment.id)).join(Comment)
                                   .group_by(ConsultationRound.key)).all())
        duplicates = s.scalar(select(func.count()).select_from(
            select(Comment.key).group_by(Comment.key).having(func.count() > 1).subquery()))
    assert per_round == {"scsg-3.0-draft": 26, "mid": 3_000, "md": 10} and duplicates == 0


def test_store_from_first_schema_is_upgraded_with_every_row(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as con:
        con.executescript((FIXTURES / "stores" / "store-0001.sql").read_text(encoding="utf-8"))
        old = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
               for t in ("guideline", "revision", "section", "section_link", "consultation_round", "submitter",
                         "comment", "citation")}
        old_answers = con.execute("SELECT key, response, disposition FROM comment ORDER BY key").fetchall()
    assert old["comment"] == 26 and old["citation"] == 42
    store = open_store(str(db))  # upgrades on open
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        for table, n in old.items():
            assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == n, table
        assert conn.execute(text("SELECT key, response, disposition FROM comment ORDER BY key")).all() == old_answers
    from guidetrace.comments.tag_topics import retag

    assert retag(store)[0] > 0  # the new columns work on old rows
    store.dispose()
