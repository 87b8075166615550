"""Writing rows as a table, JSON or CSV, to stdout or a file: the CLI's only output path."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import GuidetraceError

# A cell starting with one of these becomes a formula in Excel or LibreOffice.
# Full-width forms too: Excel may read a leading ＝ as =.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def neutralise(text: str) -> str:
    """A leading apostrophe keeps comment text from ever running as a spreadsheet formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], headers: Sequence[str] | None = None,
           cell: Callable[[Any], str] = cell_text) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers or columns)
    for row in rows:
        writer.writerow([neutralise(cell(row.get(c))) for c in columns])
    return buf.getvalue()


def render(data: Any, fmt: str, *, columns: Sequence[str] | None = None, title: str | None = None,
           headers: Sequence[str] | None = None, cell: Callable[[Any], str] = cell_text) -> str:
    """JSON as it is; a table or CSV of `columns`, headed by `headers` (the catalogue's labels, from the
    caller) and each cell written by `cell` (the reports' words)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    rows = data if isinstance(data, list) else [data]
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "csv":
        return to_csv(rows, cols, headers, cell)
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for c in headers or cols:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*(cell(row.get(c)) for c in cols))
        console = Console(file=io.StringIO(), width=160, color_system=None, emoji=False)
        console.print(table)
        return console.file.getvalue()  # type: ignore[attr-defined]
    raise GuidetraceError(f"unknown format {fmt!r}")


_PROTECTED: set[Path] = set()


def protect(path: str | Path) -> None:
    """A file no output may replace (the open store)."""
    _PROTECTED.add(Path(path).resolve())


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Temp file beside the target, then rename: a reader never sees half a file, a failure leaves the old one."""
    target = Path(path)
    if target.resolve() in _PROTECTED or target.resolve().with_name(target.name.split("-wal")[0]) in _PROTECTED:
        raise GuidetraceError(f"refusing to write over {path}: it is the store")
    if target.exists() and not target.is_file():  # /dev/null, a pipe, a terminal: write through, never replace
        try:
            with target.open("wb") as f:
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
            return
        except OSError as exc:
            raise GuidetraceError(f"cannot write {path}: {exc.strerror}") from None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise GuidetraceError(f"cannot write {path}: {exc.strerror}") from None


def write_new(path: str | Path, data: str) -> None:
    """Like `write_atomic`, but never replaces a file: the whole file appears under its name (a hard link to
    the finished temporary file, which fails if the name is taken) or FileExistsError is raised."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(data, encoding="utf-8")
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: created exclusively, then written
            with target.open("x", encoding="utf-8") as f:
                f.write(data)
    except FileExistsError:
        raise
    except OSError as exc:
        raise GuidetraceError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


def emit(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
        return
    write_atomic(output, text)
