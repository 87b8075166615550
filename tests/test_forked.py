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
