"""Reading a large document in a forked child while this process resolves, classifies and writes.

Reading a row (splitting cells, HTML to text, opinion parts, the header checks) is about
half of a load's work and needs nothing from the store, so for a large file a child reads
and parses while the parent does the rest: on two cores the two halves overlap. The
child sends batches of parsed records through a pipe (it blocks when the parent is a
batch behind, so memory stays bounded), then the document's front matter and columns. A
reading error in the child reaches the parent as the same one-line error.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from itertools import islice
from typing import Any

from guidetrace.trace.errors import GuidetraceError

from .records import CommentDocument, OpinionRecord

FROM_BYTES = 4 << 20  # smaller files are read in this process: forking costs more than it saves


def batches(document: CommentDocument, size: int) -> Iterator[list[OpinionRecord]]:
    """The document's opinions in batches; read ahead in a child when the file is large."""
    if not _worth_it(document):
        it = iter(document.opinions)
        while batch := list(islice(it, size)):
            yield batch
        return
    yield from _from_child(document, size)


def _worth_it(document: CommentDocument) -> bool:
    try:
        large = os.path.getsize(document.file) >= FROM_BYTES
    except OSError:
        return False
    return large and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


def _from_child(document: CommentDocument, size: int) -> Iterator[list[OpinionRecord]]:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read, args=(sender, document, size), daemon=True)
    child.start()
    sender.close()
    try:
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
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join()


def _read(sender: Any, document: CommentDocument, size: int) -> None:
    try:
        it = iter(document.opinions)
        while batch := list(islice(it, size)):
            sender.send(("batch", batch))
        sender.send(("done", (document.meta, dict(document.columns))))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
        try:
            sender.send(("error", exc))
        except Exception:  # an exception that cannot be pickled: its message still can
            sender.send(("error", GuidetraceError(str(exc))))
    finally:
        sender.close()
