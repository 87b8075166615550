"""forked_map: shares of a list in forked workers give what a plain loop gives, in order."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidetrace.trace.child_process import forked_map
from guidetrace.trace.errors import GuidetraceError


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(), max_size=40))
def test_same_as_a_loop_in_order(items: list[int]) -> None:
    offset = 7  # a closure: inherited by the workers, never pickled
    assert [r for r, _ in forked_map(lambda x: (x + offset, os.getpid()), items)] == [x + offset for x in items]


def test_work_really_leaves_the_process() -> None:
    pids = {pid for pid in forked_map(lambda _: os.getpid(), list(range(8)))}
    if (os.cpu_count() or 1) > 1:
        assert os.getpid() not in pids
    assert forked_map(lambda _: os.getpid(), list(range(8)), parallel=False) == [os.getpid()] * 8


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def fail(x: int) -> int:
        if x == 5:
            raise GuidetraceError("page 5: cannot be written")
        return x

    with pytest.raises(GuidetraceError, match="page 5"):
        forked_map(fail, list(range(10)))


def test_the_caller_goes_on_while_workers_run() -> None:
    """`forked` forks on entry with what the process holds then; what it changes afterwards the workers do
    not see, and the results come back in order when asked for."""
    from guidetrace.trace.child_process import forked

    state = {"n": 1}
    with forked(lambda x: x * state["n"], list(range(10))) as results:
        state["n"] = 100  # meanwhile, in this process
        got = results()
    expected = list(range(10)) if (os.cpu_count() or 1) > 1 else [x * 100 for x in range(10)]
    assert got == expected


@pytest.mark.parametrize("cores", [1, 2])
def test_search_shards_are_whole_with_or_without_workers(tmp_path, monkeypatch, cores: int) -> None:  # type: ignore[no-untyped-def]
    """The builder lets go of the rows once workers hold them; without workers it must keep them."""
    import json

    from guidetrace.reports.site import search_index

    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    monkeypatch.setattr(search_index, "SHARD", 3)
    rows = [[f"p{i}.html", f"label {i}", f"Ｔｅｘｔ {i}"] for i in range(30)]  # ten shards: forked with two cores
    written: dict[str, str] = {}
    with search_index.search_shards(lambda name, text: (tmp_path / name).write_text(text, encoding="utf-8"),
                                    [list(r) for r in rows]) as finished:
        assert finished() == 10
    for name in sorted(p.name for p in tmp_path.iterdir()):
        written[name] = (tmp_path / name).read_text(encoding="utf-8")
    assert written["search-meta.js"] == 'GT_SEARCH_META({"shards": 10, "rows": 30});\n'
    got = [row for n in range(10) for row in json.loads(written[f"search-{n}.js"].split(",", 1)[1].rsplit(")", 1)[0])]
    assert got == [[f"p{i}.html", f"label {i}", f"text {i}", f"Ｔｅｘｔ {i}"] for i in range(30)]  # folded, as written


def _seed_site_reports(session):  # type: ignore[no-untyped-def]
    from guidetrace.reports.registry import REPORTS

    return REPORTS["topics"].build(session, None), REPORTS["plan"].build(session, None)


def test_reports_built_ahead_are_those_built_here(loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """built_ahead: the topic summary and plan come from a forked child on its own connection (SQLite and
    PostgreSQL), asked for in any order, equal to those built in this process."""
    from guidetrace.reports.built_once import built_once
    from guidetrace.reports.site.built_ahead import built_ahead

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    builders = (lambda s: os.getpid(), lambda s: _seed_site_reports(s)[0], lambda s: _seed_site_reports(s)[1])
    with loaded.sessions() as session, built_once(session):
        here = _seed_site_reports(session)
        with built_ahead(session, builders) as ahead:
            plan, topics, pid = ahead(2), ahead(1), ahead(0)
    assert pid != os.getpid()  # the child built them
    assert (topics, plan) == here and topics and plan.groups


def test_an_error_building_ahead_reaches_the_caller(loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from guidetrace.reports.site.built_ahead import built_ahead

    monkeypatch.setattr(os, "cpu_count", lambda: 2)

    def fail(session):  # type: ignore[no-untyped-def]
        raise GuidetraceError("plan: no revision to plan for")

    with loaded.sessions() as session, built_ahead(session, (lambda s: 1, fail)) as ahead:
        assert ahead(0) == 1
        with pytest.raises(GuidetraceError, match="no revision to plan for"):
            ahead(1)


def test_built_here_when_no_child_can_share_the_store(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A store in memory (or one core) cannot be read by a child: the builders run here, once, when asked."""
    from guidetrace.reports.site.built_ahead import built_ahead
    from guidetrace.trace.store import open_store

    calls: list[int] = []
    store = open_store("sqlite://")
    with store.sessions() as session, built_ahead(session, (lambda s: calls.append(os.getpid()) or 5,)) as ahead:
        assert calls == [] and ahead(0) == 5 and ahead(0) == 5
    assert calls == [os.getpid()]
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    with store.sessions() as session, built_ahead(session, (lambda s: os.getpid(),)) as ahead:
        assert ahead(0) == os.getpid()


def _opinions(session) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from guidetrace.trace.models import Comment

    return int(session.scalar(select(func.count()).select_from(Comment)))


def test_the_child_reads_the_snapshot_this_session_reads(loaded, seed, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A round committed by another writer before the child starts shows in both halves (the session's
    snapshot is begun again with the child's); one committed after it has begun shows in neither."""
    import time

    from guidetrace.comments.store_comments import load_comments
    from guidetrace.reports.site.built_ahead import built_ahead

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    flag = tmp_path / "committed"

    def after_the_flag(session):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 30
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return _opinions(session), os.getpid()

    with loaded.sessions() as session:
        before = _opinions(session)  # this session's snapshot begins here
        load_comments(loaded, seed, revision="3.0-draft", round_key="second")  # another writer commits
        with built_ahead(session, (lambda s: _opinions(s), after_the_flag)) as ahead:
            load_comments(loaded, seed, revision="3.0-draft", round_key="third")  # committed after the child began
            flag.touch()
            here = _opinions(session)
            assert ahead(0) == here == 2 * before  # the second round in both halves
            counted, pid = ahead(1)
            assert counted == here and pid != os.getpid()  # the third in neither
    with loaded.sessions() as session:
        assert _opinions(session) == 3 * before


def test_built_here_while_a_writer_holds_the_store(loaded, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """SQLite: the snapshot cannot be shared while a load holds the write lock, and the lock is not waited
    for; a session with changes of its own is not restarted. Both build here."""
    import sqlite3

    from guidetrace.reports.site.built_ahead import built_ahead
    from guidetrace.trace.models import Topic

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    if loaded.dialect == "sqlite":
        writer = sqlite3.connect(loaded.url.removeprefix("sqlite:///"), isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            with loaded.sessions() as session, built_ahead(session, (lambda s: os.getpid(),)) as ahead:
                assert ahead(0) == os.getpid()
        finally:
            writer.close()
    with loaded.sessions() as session:
        session.add(Topic(key="unsaved", labels={"ja": "未保存", "en": "unsaved"}))
        with built_ahead(session, (lambda s: os.getpid(),)) as ahead:
            assert ahead(0) == os.getpid()
        assert session.new  # left as it was
