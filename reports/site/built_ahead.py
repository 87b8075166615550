"""Reports built in a forked process, on a connection of its own, while this one reads the opinions.

A site needs the topic summary and the plan, both made from the opinion facts: at 100,000
opinions about 1.7 s of one core (facts 0.9 s, topics 0.4 s, plan 0.4 s) that this process,
busy reading and preparing the opinions themselves, used to spend before and after. A forked
child builds them meanwhile on the other core and sends each one back as soon as it is made
(about a megabyte pickled). Where that cannot work — one core, no fork, a store held in
memory — the reports are built here, when asked for, exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from guidetrace.trace.child_process import can_fork, child_pipe, tell_error
from guidetrace.trace.errors import GuidetraceError

from ..built_once import built_once

Builder = Callable[[Session], Any]


@contextmanager
def built_ahead(session: Session, builders: Sequence[Builder]) -> Iterator[Callable[[int], Any]]:
    """Yields result(i): what builders[i](session) returns, built ahead in a forked child when that is
    possible (each waited for only when asked), else built here when asked. An error in the child is
    raised here, by the result(i) that asks for it."""
    engine = session.get_bind()
    if not _can_fork(engine):
        done: dict[int, Any] = {}
        yield lambda i: done[i] if i in done else done.setdefault(i, builders[i](session))
        return
    assert isinstance(engine, Engine)
    received: list[Any] = []
    with child_pipe(_build, engine, builders) as receiver:

        def result(i: int) -> Any:
            while len(received) <= i:
                try:
                    kind, payload = receiver.recv()
                except EOFError:
                    raise GuidetraceError("site: the process building the topics and plan stopped without a word"
                                          ) from None
                if kind == "error":
                    raise payload
                received.append(payload)
            return received[i]

        yield result


def _can_fork(engine: Any) -> bool:
    if not isinstance(engine, Engine) or not can_fork():
        return False
    url = engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


def _build(sender: Any, engine: Engine, builders: Sequence[Builder]) -> None:
    engine.dispose(close=False)  # the parent's pooled connections stay the parent's: this child opens its own
    try:
        with Session(engine) as session, built_once(session):  # the facts are loaded once, for every builder
            for build in builders:
                sender.send(("result", build(session)))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone, or stopped listening after an error of its own
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        tell_error(sender, exc)
    finally:
        sender.close()
