"""Report files and the static site from a store: what `report`, `site`, `build` and the demo write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guidetrace.trace.errors import GuidetraceError

from .loads import language
from .options import ReportOptions, SiteOptions

if TYPE_CHECKING:
    from guidetrace.trace.store import Store

PageProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportsWritten:
    payloads: dict[str, Any]  # each report's payload by name (the demo reads the plan's)
    files: list[Path]
    folder: Path
    lang: str


def for_excel(data: str | bytes, fmt: str, lang: str, excel: bool | None) -> str | bytes:
    """Excel opens a CSV without a BOM as the local code page: 日本語 turns to mojibake."""
    if fmt == "csv" and isinstance(data, str) and (excel if excel is not None else lang == "ja"):
        return "\ufeff" + data
    return data


def write_reports(store: Store, options: ReportOptions = ReportOptions()) -> ReportsWritten:
    """Each report built once and written in each format as `folder/NAME.FMT` (each file whole or not at
    all), as `guidetrace report` would write it: a Japanese CSV carries the byte-order mark Excel needs."""
    from guidetrace.reports.registry import REPORTS
    from guidetrace.trace.output import write_atomic

    for name in options.names:
        REPORTS.pick(name)
    lang = language(store, options.lang)
    try:
        options.folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuidetraceError(f"cannot create {options.folder}: {exc.strerror}") from None
    payloads: dict[str, Any] = {}
    written: list[Path] = []
    with store.sessions() as session:
        for name in options.names:
            kind = REPORTS[name]
            payloads[name] = payload = kind.build(session, None)
            for fmt in options.formats:
                path = options.folder / f"{name}.{fmt}"
                write_atomic(path, for_excel(kind.render(payload, fmt, lang), fmt, lang, None))
                written.append(path)
    return ReportsWritten(payloads, written, options.folder, lang)


def build_site(store: Store, options: SiteOptions, *, progress: PageProgress | None = None) -> Path:
    """The static site (works from disk, no network), built beside `outdir` and renamed into place; returns its
    index.html."""
    from guidetrace.reports.site.build import build_site as build

    lang = language(store, options.lang)
    with store.sessions() as session:
        return build(session, options.outdir, lang=lang, force=options.force, internal=options.internal,
                     progress=progress)
