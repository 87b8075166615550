"""Comment-document formats: each declares what it reads; `read_document` picks one."""

from __future__ import annotations

from pathlib import Path

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.textfile import open_lines, sniff

from ..records import CommentDocument
from .mic import looks_like_mic, read_mic
from .table import read_table_file

FORMATS = ("auto", "mic", "markdown", "tsv", "csv", "xlsx")
SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}


def detect_format(path: Path, text: str | None = None) -> str:
    """By ending for containers; by content for text (a .md export may be mic or a pipe table)."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if text is None:
        text = sniff(path).text
    if looks_like_mic(text):
        return "mic"
    head = text[:20000]
    if any(line.lstrip().startswith("|") for line in head.split("\n")):
        return "markdown"
    if "\t" in head:
        return "tsv"
    return "csv"


def read_document(path: Path, *, fmt: str = "auto", columns: str | None = None,
                  encoding: str | None = None) -> CommentDocument:
    """`encoding` overrides detection (UTF-8, UTF-8 with BOM, then CP932) for text formats."""
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    if fmt not in FORMATS:
        raise GuidetraceError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})", file=str(path))
    is_container = (fmt == "auto" and SUFFIXES.get(path.suffix.lower()) == "xlsx") or fmt == "xlsx"
    head = None if is_container else sniff(path, encoding=encoding)  # the first megabyte settles encoding and layout
    chosen = detect_format(path, head.text if head else None) if fmt == "auto" else fmt
    if chosen == "mic":
        if columns:
            raise GuidetraceError("--columns applies to table layouts, not to the mic layout", file=str(path))
        return read_mic(open_lines(path, encoding=head.encoding if head else "utf-8"), file=str(path))
    return read_table_file(path, fmt=chosen, columns=columns, encoding=encoding)
