"""Comment-document formats: each is a record of `registry.READERS`; `read_document` picks one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.registry import Plugin

from .registry import READERS

if TYPE_CHECKING:
    from ..records import CommentDocument

# Reading the registry (a command's --help) imports no reader, nor the text sniffer: both come in on use.


def _containers() -> list[Plugin]:
    return [r for r in READERS.values() if "encoding" not in r.options]


def sniff_container(path: Path) -> str | None:
    """PDF, Word and Excel files by their content, whatever their name says."""
    try:
        with path.open("rb") as f:
            f.read(8)
    except OSError as exc:
        raise GuidetraceError(f"cannot read: {exc.strerror}", file=str(path)) from None
    return next((r.name for r in _containers() if r.sniffs(path)), None)


def detect_format(path: Path, text: str | None = None) -> str:
    """By ending for containers; by content for text (a .md export may be mic or a pipe table)."""
    by_suffix = READERS.by_suffix(path.suffix)
    if by_suffix is not None:
        return by_suffix.name
    if text is None:
        from guidetrace.trace.textfile import sniff

        text = sniff(path).text
    texts = [r for r in READERS.values() if "encoding" in r.options]
    chosen = next((r for r in texts if r.sniffs(text)), None) or next(r for r in texts if r.sniff is None)
    return chosen.name


def read_document(path: Path, *, fmt: str = "auto", columns: str | None = None,
                  encoding: str | None = None) -> CommentDocument:
    """`encoding` overrides detection (UTF-8, UTF-8 with BOM, then CP932) for text formats."""
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    if fmt != "auto" and fmt not in READERS:
        raise GuidetraceError(f"unknown format {fmt!r} (expected one of {', '.join(READERS.names(auto=True))})",
                              file=str(path))
    container = sniff_container(path) if fmt == "auto" else (fmt if fmt in [r.name for r in _containers()] else None)
    by_suffix = READERS.by_suffix(path.suffix)
    if fmt == "auto" and container is None and by_suffix is not None and "encoding" not in by_suffix.options:
        container = by_suffix.name  # a broken container: its reader says what is wrong
    from guidetrace.trace.textfile import sniff

    head = None if container else sniff(path, encoding=encoding)  # the first megabyte settles encoding and layout
    reader = READERS[container or (detect_format(path, head.text if head else None) if fmt == "auto" else fmt)]
    if columns and "columns" not in reader.options:
        raise GuidetraceError(f"--columns applies to table layouts, not to the {reader.name} layout", file=str(path))
    given = {"columns": columns, "encoding": encoding}
    return reader.load()(path, **{option: given[option] for option in reader.options})  # type: ignore[no-any-return]
