"""The numbered-table layout: one row per opinion, columns found by header synonyms.

Rows are produced lazily from each container (Markdown pipe table, TSV, CSV,
XLSX), so a large sheet is never held whole as a list of raw rows.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from guidetrace.trace.containers import check_container
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.textfile import open_csv_source, open_lines, sniff

from ..headers import parse_columns_option
from ..limits import MAX_LINE
from ..records import CommentDocument, RoundMeta
from .table_stream import stream_table

csv.field_size_limit(MAX_LINE)
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")  # GFM: one hyphen or more


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines, without building a list of them."""
    start, number = 0, 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        number += 1
        yield number, text[start:end]
        start = end + 1


Lines = str | Iterable[tuple[int, str]]


def numbered(source: Lines) -> Iterable[tuple[int, str]]:
    """A whole text, or numbered lines already streaming from a file."""
    return iter_lines(source) if isinstance(source, str) else source


def markdown_rows(source: Lines) -> Iterator[tuple[int, list[str] | str]]:
    """Pipe-table rows as cell lists; headings and paragraphs between tables as strings (they set the group)."""
    for number, line in numbered(source):
        stripped = line.strip()
        if stripped and not stripped.startswith("|"):
            yield number, stripped
        elif stripped.startswith("|") and not _MD_SEPARATOR.match(stripped):
            inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
            yield number, [c.replace("\\|", "|").strip() for c in re.split(r"(?<!\\)\|", inner)]


def tsv_rows(source: Lines) -> Iterator[tuple[int, list[str] | str]]:
    """Tab-separated rows. A spreadsheet's export quotes a cell that holds a line break ("…\n…"): such a
    record runs on over the following lines until its quotes close, and is read as Excel wrote it."""
    pending: list[str] = []
    start = 0
    for number, line in numbered(source):
        if pending:
            pending.append(line)
            if _open_quote("\n".join(pending)):
                continue
            yield start, next(csv.reader(["\n".join(pending)], delimiter="\t"))
            pending = []
        elif _open_quote(line):
            pending, start = [line], number
        elif line.strip():
            yield number, (next(csv.reader([line], delimiter="\t")) if '\t"' in line or line.startswith('"')
                           else line.split("\t"))
    if pending:  # a quote never closed: the lines as they are
        for i, line in enumerate(pending):
            yield start + i, line.split("\t")


def _open_quote(record: str) -> bool:
    """A record with a quoted cell (one that starts with a quote) whose quotes have not closed yet."""
    if not (record.startswith('"') or '\t"' in record):
        return False
    quoted, i = False, 0
    while i < len(record):
        if quoted and record[i] == '"':
            if record[i + 1:i + 2] == '"':  # "" inside a quoted cell is one quote
                i += 2
                continue
            quoted = False
        elif not quoted and record[i] == '"' and (i == 0 or record[i - 1] == "\t"):
            quoted = True
        i += 1
    return quoted


def csv_rows(source: str | Iterable[str], *, file: str) -> Iterator[tuple[int, list[str] | str]]:
    """`source`: a whole text, or lines with their line ends (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(source) if isinstance(source, str) else source)
    try:
        for row in reader:
            if any(c.strip() for c in row):
                yield reader.line_num, row
    except csv.Error as exc:
        raise GuidetraceError(f"malformed CSV: {exc}", file=file, line=reader.line_num) from None


def xlsx_rows(path: Path) -> Iterator[tuple[int, list[str] | str]]:
    from openpyxl import load_workbook

    file = str(path)
    check_container(path, "XLSX workbook")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise GuidetraceError(f"cannot open workbook: {exc.__class__.__name__}: {exc}", file=file) from None
    try:
        yield from _sheet_rows(book, file)
    finally:
        book.close()


def _sheet_rows(book, file: str) -> Iterator[tuple[int, list[str] | str]]:  # type: ignore[no-untyped-def]
    number = 0
    try:
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # some exporters declare a smaller range than they fill: read every row
            width = 0
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = ["" if v is None else str(v) for v in row]
                width = max(width, len(cells))  # a sheet row stops at its last filled cell: the rest are blanks
                cells += [""] * (width - len(cells))
                if any(c.strip() for c in cells):
                    yield number, cells
    except GuidetraceError:
        raise
    except Exception as exc:  # a sheet's XML cut short or broken: openpyxl raises a parser error mid-sheet
        raise GuidetraceError(f"the workbook's sheet data is broken after row {number} (truncated?): "
                              f"{exc.__class__.__name__}", file=file) from None


def read_table(
    rows: Iterator[tuple[int, list[str] | str]], *, file: str, layout: str, columns: str | None = None
) -> CommentDocument:
    mapping = parse_columns_option(columns, file=file) if columns else None  # checked before reading
    document = CommentDocument(file=file, layout=layout, meta=RoundMeta(), opinions=iter(()))
    document.opinions = stream_table(rows, file=file, mapping=mapping, on_header=document.columns.update,
                                     document=document)
    return document


def read_table_file(path: Path, *, fmt: str, columns: str | None = None, encoding: str | None = None) -> CommentDocument:
    """Streams the file: only the first megabyte is read whole, to settle the encoding."""
    file = str(path)
    if fmt == "xlsx":
        return read_table(xlsx_rows(path), file=file, layout="xlsx", columns=columns)
    enc = sniff(path, encoding=encoding).encoding
    if fmt == "markdown":
        return read_table(markdown_rows(open_lines(path, encoding=enc)), file=file, layout="markdown", columns=columns)
    if fmt == "tsv":
        return read_table(tsv_rows(open_lines(path, encoding=enc)), file=file, layout="tsv", columns=columns)
    return read_table(csv_rows(open_csv_source(path, encoding=enc), file=file), file=file, layout="csv", columns=columns)


def read_markdown(path: Path, *, columns: str | None = None, encoding: str | None = None) -> CommentDocument:
    return read_table_file(path, fmt="markdown", columns=columns, encoding=encoding)


def read_tsv(path: Path, *, columns: str | None = None, encoding: str | None = None) -> CommentDocument:
    return read_table_file(path, fmt="tsv", columns=columns, encoding=encoding)


def read_csv(path: Path, *, columns: str | None = None, encoding: str | None = None) -> CommentDocument:
    return read_table_file(path, fmt="csv", columns=columns, encoding=encoding)


def read_xlsx(path: Path, *, columns: str | None = None) -> CommentDocument:
    return read_table_file(path, fmt="xlsx", columns=columns)
