"""What a command builds once and every report in it shares: the opinion facts and the graphs.

A site build asks for the plan, the topic summary, the lineage and twenty impact diagrams;
each used to load the facts and build the graph again. Inside `built_once(session)` the
first builder's result is kept for the rest of the command. Outside it nothing is kept, so
a command that writes and then reads never sees a stale copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy.orm import Session

T = TypeVar("T")
_KEY = "guidetrace.built_once"


@contextmanager
def built_once(session: Session) -> Iterator[None]:
    outer = _KEY in session.info
    if not outer:
        session.info[_KEY] = {}
    try:
        yield
    finally:
        if not outer:
            session.info.pop(_KEY, None)


def shared(session: Session, key: Any, build: Callable[[], T]) -> T:
    """`build()` once per `built_once` block (every time outside one)."""
    cache: dict[Any, Any] | None = session.info.get(_KEY)
    if cache is None:
        return build()
    if key not in cache:
        cache[key] = build()
    return cache[key]  # type: ignore[no-any-return]
