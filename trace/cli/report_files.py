"""Report files from the one registry, as `guidetrace report` would write each: what the demo and `build` write."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import GuidetraceError
from ..output import write_atomic
from .reports import for_excel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DEFAULT_REPORTS = ("sections", "responses", "topics", "plan")


def write_reports(session: Session, names: Iterable[str], formats: Iterable[str], folder: Path,
                  lang: str) -> tuple[dict[str, Any], list[Path]]:
    """Each report built once and written in each format as `folder/NAME.FMT` (each file whole or not at
    all); a Japanese CSV carries the byte-order mark Excel needs, as `report` gives it. Returns the
    payloads by name and the files written."""
    from guidetrace.reports.registry import REPORTS

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuidetraceError(f"cannot create {folder}: {exc.strerror}") from None
    payloads: dict[str, Any] = {}
    written: list[Path] = []
    for name in names:
        kind = REPORTS[name]
        payloads[name] = payload = kind.build(session, None)
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            write_atomic(path, for_excel(kind.render(payload, fmt, lang), fmt, lang, None))
            written.append(path)
    return payloads, written
