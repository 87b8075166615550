"""Reading a large document in a forked child while this process resolves, classifies and writes.

Reading a row (splitting cells, HTML to text, opinion parts, the header checks) needs
nothing from the store, and neither do some later steps (see `batch_hints`), so for a
large file a child reads, parses and prepares while the parent does the rest: on two
cores the two halves overlap. The child sends batches of parsed records through a pipe
(it blocks when the parent is AHEAD batches behind, so memory stays bounded), then the
document's front matter and columns. A reading error in the child reaches the parent as
the same one-line error.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from itertools import islice
from multiprocessing.reduction import ForkingPickler
from typing import Any, TypeVar

from guidetrace.trace.child_process import can_fork, child_pipe, tell_error
from guidetrace.trace.errors import GuidetraceError

from .records import CommentDocument, OpinionRecord

FROM_BYTES = 4 << 20  # smaller files are read in this process: forking costs more than it saves
AHEAD = 2  # batches prepared and waiting to be sent (see _Ahead): a mic batch of 5,000 pickles to about 17 MB
FIRST = 500  # opinions in the first batch: the parent, idle until it arrives, starts after a tenth of a batch
H = TypeVar("H")


def batches(document: CommentDocument, size: int, prepare: Callable[[list[OpinionRecord]], H] | None = None,
            ) -> Iterator[tuple[list[OpinionRecord], H | None]]:
    """The document's opinions in batches, each with what `prepare` made of it in the child that read it
    ahead (a large file), or with None (read here: the caller does that work itself)."""
    if not _worth_it(document):
        it = iter(document.opinions)
        while batch := list(islice(it, size)):
            yield batch, None
        return
    yield from _from_child(document, size, prepare)


def _worth_it(document: CommentDocument) -> bool:
    try:
        large = os.path.getsize(document.file) >= FROM_BYTES
    except OSError:
        return False
    return large and can_fork()


def _from_child(document: CommentDocument, size: int, prepare: Callable[[list[OpinionRecord]], H] | None,
                ) -> Iterator[tuple[list[OpinionRecord], H | None]]:
    with child_pipe(_read, document, size, prepare) as receiver:
        while True:
            try:
                kind, payload = receiver.recv()
            except EOFError:
                raise GuidetraceError("the reading process stopped without a word", file=document.file) from None
            if kind == "batch":
                yield payload
            elif kind == "done":
                meta, columns = payload
                document.meta = meta
                document.columns.clear()
                document.columns.update(columns)
                return
            else:
                raise payload


def _read(connection: Any, document: CommentDocument, size: int,
          prepare: Callable[[list[OpinionRecord]], Any] | None) -> None:
    sender = _Ahead(connection)
    try:
        it = iter(document.opinions)
        first = True
        while batch := list(islice(it, min(FIRST, size) if first else size)):
            first = False
            sender.send(("batch", (batch, prepare(batch) if prepare else None)))
        sender.send(("done", (document.meta, dict(document.columns))))
    except OSError as exc:
        if not isinstance(exc, (BrokenPipeError, ConnectionResetError)):
            tell_error(sender, exc)
        # else the parent is gone (killed, or it stopped reading after an error): nobody to tell
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        tell_error(sender, exc)
    finally:
        sender.close()


class _Ahead:
    """Sends from a feeder thread: while the parent is still writing one batch and the pipe is full, this
    process goes on preparing the next (up to AHEAD of them wait, pickled). With the pipe alone, each side
    waited for the other whenever one batch cost it more than the last: 2 to 3 s of 17 at 100,000."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.waiting: queue.Queue[Any] = queue.Queue(maxsize=AHEAD)
        self.failed: BaseException | None = None
        self.feeder = threading.Thread(target=self._feed, daemon=True)
        self.feeder.start()

    def send(self, message: Any) -> None:
        self._put(ForkingPickler.dumps(message))  # a message that cannot be pickled raises here, in the sender

    def _put(self, data: Any) -> None:
        while True:
            if self.failed is not None:
                raise self.failed  # the parent is gone: as a send on the pipe itself would have raised
            try:
                self.waiting.put(data, timeout=0.1)
                return
            except queue.Full:
                continue

    def _feed(self) -> None:
        while (data := self.waiting.get()) is not None:
            try:
                self.connection.send_bytes(data)
            except BaseException as exc:  # noqa: BLE001 - handed to the sending thread
                self.failed = exc
                return

    def close(self) -> None:
        """Everything queued is sent first (the parent reads it), then the pipe closes."""
        try:
            if self.failed is None:
                self._put(None)
                self.feeder.join()
        except OSError:
            pass  # the parent is gone: nobody to send the rest to
        finally:
            self.connection.close()
