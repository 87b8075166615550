"""Finding which column holds what, from header synonyms (data/header_synonyms.yaml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.rules import packaged_yaml

from .html_text import html_to_text

FIELDS = ("number", "submitter", "location", "opinion", "answer", "revised", "count")
MAX_HEADER_CELL = 40  # a header cell is a few words; anything longer is data, not worth normalising


def _clean(cell: str) -> str:
    return re.sub(r"\s+", "", normalize_text(html_to_text(cell or ""))).casefold()


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    data = packaged_yaml("guidetrace.comments", "header_synonyms.yaml")
    return {field: tuple(_clean(s) for s in data["fields"][field]) for field in FIELDS}


def field_of(cell: str) -> str | None:
    if len(cell) > MAX_HEADER_CELL and not cell.lstrip().startswith("<"):
        return None
    text = _clean(cell)
    if not text:
        return None
    syn = synonyms()
    for field in FIELDS:
        if text in syn[field]:
            return field
    for field in FIELDS:  # `該当箇所(ページ)`, `ご意見の概要(要旨)`: a synonym plus a note in brackets
        if any(text.startswith(s) and text[len(s)] in "([" for s in syn[field] if len(text) > len(s)):
            return field
    return None


def map_header(cells: Sequence[str]) -> dict[str, int] | None:
    """Field -> column index when the row looks like a header (an opinion column at least)."""
    if any(len(cell) > 3 * MAX_HEADER_CELL for cell in cells):
        return None  # a header row holds only short cells; data rows hold an opinion
    mapping: dict[str, int] = {}
    for i, cell in enumerate(cells):
        field = field_of(cell)
        if field and field not in mapping:
            mapping[field] = i
    if "opinion" in mapping and len(mapping) >= 2:
        return mapping
    return None


def parse_columns_option(spec: str, *, file: str) -> dict[str, int]:
    """`--columns opinion=3,answer=4,location=2` (1-based) -> field -> 0-based index."""
    mapping: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in FIELDS or not value.strip().isdigit() or int(value) < 1:
            raise GuidetraceError(
                f"--columns: cannot read {part!r} (expected FIELD=N with N from 1 and FIELD one of {', '.join(FIELDS)})",
                file=file,
            )
        mapping[name] = int(value) - 1
    if "opinion" not in mapping:
        raise GuidetraceError("--columns must name the opinion column (opinion=N)", file=file)
    return mapping
