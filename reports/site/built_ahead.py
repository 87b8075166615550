"""Reports built in a forked process, on a connection of its own, while this one reads the opinions.

A site needs the topic summary and the plan, both made from the opinion facts: at 100,000
opinions about 1.7 s of one core (facts 0.9 s, topics 0.4 s, plan 0.4 s) that this process,
busy reading and preparing the opinions themselves, used to spend before and after. A forked
child builds them meanwhile on the other core and sends each one back as soon as it is made
(about a megabyte pickled). It reads the snapshot this process reads (`trace/shared_snapshot`),
so a load committed meanwhile shows in neither half. Where that cannot work — one core, no
fork, a store held in memory or opened read-only, a load holding SQLite's write lock at that
moment — the reports are built here, when asked for, exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from guidetrace.trace.child_process import can_fork, child_pipe, tell_error
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.shared_snapshot import adopt_snapshot, shared_snapshot

from ..built_once import built_once

Builder = Callable[[Session], Any]


@contextmanager
def built_ahead(session: Session, builders: Sequence[Builder]) -> Iterator[Callable[[int], Any]]:
    """Yields result(i): what builders[i](session) returns, built ahead in a forked child when that is
    possible (each waited for only when asked), else built here when asked. The child reads the very
    snapshot `session` reads (see shared_snapshot). An error in the child is raised here, by the
    result(i) that asks for it."""
    engine = session.get_bind()
    with ExitStack() as stack:
        receiver = None
        if isinstance(engine, Engine) and can_fork():  # shared_snapshot says whether this store can be shared
            with shared_snapshot(session, engine) as snapshot:
                if snapshot is not None:
                    receiver = stack.enter_context(child_pipe(_build, engine, builders, snapshot))
                    _receive(receiver)  # the child has begun reading: the snapshot is shared, the gate can open
        if receiver is None:
            done: dict[int, Any] = {}
            yield lambda i: done[i] if i in done else done.setdefault(i, builders[i](session))
            return
        received: list[Any] = []

        def result(i: int) -> Any:
            while len(received) <= i:
                received.append(_receive(receiver))
            return received[i]

        yield result


def _receive(receiver: Any) -> Any:
    try:
        kind, payload = receiver.recv()
    except EOFError:
        raise GuidetraceError("site: the process building the topics and plan stopped without a word") from None
    if kind == "error":
        raise payload
    return payload


def _build(sender: Any, engine: Engine, builders: Sequence[Builder], snapshot: tuple[str, str]) -> None:
    engine.dispose(close=False)  # the parent's pooled connections stay the parent's: this child opens its own
    try:
        with Session(engine) as session, built_once(session):  # the facts are loaded once, for every builder
            adopt_snapshot(session, snapshot)
            sender.send(("ready", None))
            for build in builders:
                sender.send(("result", build(session)))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the parent is gone, or stopped listening after an error of its own
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        tell_error(sender, exc)
    finally:
        sender.close()
