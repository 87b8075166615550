"""Japanese era dates (和暦) -> ISO dates, repairing what a PDF export dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from guidetrace.guideline.keys import normalize_text

ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "R": 2018, "H": 1988}
_FULL = re.compile(r"(令和|平成|昭和)\s*(元|\d+)\s*年\s*(\d+)\s*月\s*(\d+)\s*日")
_NO_YEAR = re.compile(r"(令和|平成|昭和)\s*(\d+)\s*月\s*(\d+)\s*日")
_WESTERN = re.compile(r"(\d{4})\s*[年/.-]\s*(\d+)\s*[月/.-]\s*(\d+)")


@dataclass(frozen=True)
class ParsedDate:
    iso: str
    warning: str | None = None


def _iso(year: int, month: int, day: int, raw: str) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(raw: str, *, year_hint: int | None = None) -> ParsedDate | None:
    """A date in 和暦 or western form; an era date without its year takes `year_hint`."""
    text = normalize_text(raw)
    m = _FULL.search(text)
    if m:
        era, y, mo, d = m.groups()
        year = ERAS[era] + (1 if y == "元" else int(y))
        iso = _iso(year, int(mo), int(d), raw)
        return ParsedDate(iso) if iso else None
    m = _WESTERN.search(text)
    if m:
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw)
        return ParsedDate(iso) if iso else None
    m = _NO_YEAR.search(text)
    if m and year_hint is not None:
        iso = _iso(year_hint, int(m.group(2)), int(m.group(3)), raw)
        if iso:
            # the document is Japanese (its dates are): so is the warning its pages show
            return ParsedDate(iso, f"日付「{m.group(0)}」に年がないため、開始日と同じ{year_hint}年とみなしました")
    return None


def parse_period(raw: str) -> tuple[ParsedDate | None, ParsedDate | None]:
    """`令和6年4月26日（金）から令和5月27日（月）まで` -> start and end, end repaired if it must be."""
    text = normalize_text(raw)
    halves = re.split(r"から|～|〜|~", text, maxsplit=1)
    start = parse_date(halves[0])
    end = None
    if len(halves) > 1:
        end = parse_date(halves[1], year_hint=int(start.iso[:4]) if start else None)
        if start and end and end.iso < start.iso and end.warning:
            end = parse_date(halves[1], year_hint=int(start.iso[:4]) + 1)
    return start, end
