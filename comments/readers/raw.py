"""Raw submissions: one row per submitter (id, submitter, text, optional location),
from CSV, XLSX or JSON Lines, streamed row by row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from guidetrace.guideline.keys import compact_text, normalize_text
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.rules import packaged_yaml
from guidetrace.trace.textfile import open_csv_source, open_lines, sniff

from ..limits import check_row
from ..records import CommentDocument, OpinionRecord, RoundMeta
from .table import csv_rows, tsv_rows, xlsx_rows

RAW_FORMATS = ("auto", "csv", "xlsx", "jsonl")


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, frozenset[str]]:
    """From data/header_synonyms.yaml (`raw:`), folded as header cells are."""
    raw = packaged_yaml("guidetrace.comments", "header_synonyms.yaml")["raw"]
    return {field: frozenset(compact_text(str(n)) for n in names) for field, names in raw.items()}


def _field(header: str) -> str | None:
    text = compact_text(header)
    return next((f for f, names in _synonyms().items() if text in names), None)


def read_raw(path: Path, *, fmt: str = "auto", encoding: str | None = None) -> CommentDocument:
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    guessed = fmt == "auto"
    if guessed:
        fmt = {".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(path.suffix.lower(), "csv")
    if fmt not in RAW_FORMATS:
        raise GuidetraceError(f"unknown raw format {fmt!r} (expected one of {', '.join(RAW_FORMATS)})", file=str(path))
    file = str(path)
    if fmt == "xlsx":
        records = _table(xlsx_rows(path), file)
    else:
        head = sniff(path, encoding=encoding)  # then stream: raw rounds can hold 200,000 rows
        enc, header = head.encoding, head.text.split("\n", 1)[0]
        if guessed and fmt == "csv" and "\t" in header and "," not in header:
            fmt = "tsv"  # Excel's "Unicode text" export: tab-separated
        records = (_jsonl(open_lines(path, encoding=enc), file) if fmt == "jsonl"
                   else _table(tsv_rows(open_lines(path, encoding=enc)), file) if fmt == "tsv"
                   else _table(csv_rows(open_csv_source(path, encoding=enc), file=file), file))
    return CommentDocument(file=file, layout=f"raw-{fmt}", meta=RoundMeta(), opinions=_opinions(records, file))


def _table(rows: Iterator[tuple[int, list[str] | str]], file: str) -> Iterator[tuple[int, dict[str, str]]]:
    mapping: dict[str, int] | None = None
    for number, row in rows:
        if isinstance(row, str):
            continue
        check_row(row, file=file, line=number)
        if mapping is None:
            mapping = {f: i for i, h in enumerate(row) if (f := _field(h))}
            if "text" not in mapping:
                raise GuidetraceError("no text column in the header (expected text, 本文, 意見, ご意見, …)",
                                      file=file, line=number)
            continue
        yield number, {f: row[i] if i < len(row) else "" for f, i in mapping.items()}
    if mapping is None:
        raise GuidetraceError("empty file: expected a header row (id, submitter, text, location)", file=file)


def _jsonl(lines: Iterator[tuple[int, str]], file: str) -> Iterator[tuple[int, dict[str, str]]]:
    for number, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GuidetraceError(f"not a JSON object: {exc.msg}", file=file, line=number) from None
        if not isinstance(obj, dict):
            raise GuidetraceError("expected one JSON object per line", file=file, line=number)
        yield number, {f: str(v) for k, v in obj.items() if (f := _field(str(k))) and v is not None}


def _opinions(records: Iterator[tuple[int, dict[str, str]]], file: str) -> Iterator[OpinionRecord]:
    seq = 0
    for number, rec in records:
        text = (rec.get("text") or "").strip()
        if not text:
            raise GuidetraceError("a submission with no text", file=file, line=number)
        seq += 1
        ident = normalize_text(rec.get("id") or "") or str(seq)
        yield OpinionRecord(part="R", seq=seq, number=ident, body=text, submitter=(rec.get("submitter") or "").strip() or None,
                            location=(rec.get("location") or "").strip() or None, line=number)
    if seq == 0:
        raise GuidetraceError("no submissions in the file", file=file)
