"""A toy comment-document format, as a contributor would add one: semicolon-separated values (`.ssv`), a
header row then one opinion per row. The one module; tests/test_registries.py adds its one registry line."""

from __future__ import annotations

from pathlib import Path

from guidetrace.comments.readers.table import read_table
from guidetrace.comments.records import CommentDocument
from guidetrace.trace.textfile import open_lines, sniff


def read_ssv(path: Path, *, columns: str | None = None, encoding: str | None = None) -> CommentDocument:
    lines = open_lines(path, encoding=sniff(path, encoding=encoding).encoding)
    rows = ((number, line.rstrip("\r\n").split(";")) for number, line in lines if line.strip())
    return read_table(rows, file=str(path), layout="ssv", columns=columns)  # type: ignore[arg-type]
