"""The CSV tree format: one section per row (key, kind, title, parent, pages, …).

A CSV file holds no revision metadata, so the caller passes the revision record.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.textfile import read_text

from ..records import GuidelineRecord, RevisionRecord, RevisionTree
from .validate import build_section, check_tree

COLUMNS = ("key", "kind", "title", "parent", "pages", "aliases", "inferred", "source", "note", "number")


def read_csv_tree(path: Path, *, guideline: GuidelineRecord, revision: RevisionRecord) -> RevisionTree:
    file = str(path)
    text = read_text(path).text
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "key" not in header:
        raise GuidetraceError(
            f"no 'key' column in the header (expected columns: {', '.join(COLUMNS[:5])})", file=file, line=1
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise GuidetraceError(f"unknown column(s) {', '.join(unknown)} (expected {', '.join(COLUMNS)})", file=file, line=1)
    reader.fieldnames = header
    sections = []
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                raise GuidetraceError(f"{len(header) + len(row[None])} cells where the header has {len(header)}",
                                      file=file, line=line)
            if not any((v or "").strip() for v in row.values()):
                continue
            clean = {k: (v or "").strip() for k, v in row.items()}
            sections.append(build_section(clean, file=file, line=line, default_source=revision.source))
    except csv.Error as exc:
        raise GuidetraceError(f"malformed CSV: {exc}", file=file, line=reader.line_num) from None
    if not sections:
        raise GuidetraceError("no sections in the file", file=file, line=1)
    return RevisionTree(guideline=guideline, revision=revision, sections=check_tree(sections, file=file), file=file)
