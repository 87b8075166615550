"""forked_map: shares of a list in forked workers give what a plain loop gives, in order."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidetrace.reports.site.forked import forked_map
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
    from guidetrace.reports.site.forked import forked

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
    assert got == [[f"p{i}.html", f"label {i}", f"text {i}"] for i in range(30)]
