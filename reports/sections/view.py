"""The sections report in each format: flat rows for tables, the nested dict for JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from guidetrace.comments.vocabulary import DECLINED, NOTED, REVISED
from guidetrace.trace.output import render

from ..labels import DISPOSITIONS, SUBMITTER_KINDS, label
from ..tabular import md_cell, to_csv, to_markdown, to_table, to_xlsx
from .build import SectionsReport

BASE = ["section", "title", "kind", "parent", "direct", "subtree", "distinct", "submissions"]


def flat_rows(report: SectionsReport, lang: str | None = None) -> tuple[list[str], list[dict[str, Any]]]:
    """One row per section; with `lang`, the kind in words (章, not `chapter`)."""
    columns = BASE + [f"disp:{d}" for d in DISPOSITIONS] + [f"kind:{k}" for k in SUBMITTER_KINDS]
    rows = []
    for r in report.rows:
        row = {c: getattr(r, c) for c in BASE}
        if lang is not None:
            row["kind"] = label(f"kind_{r.kind}", lang)
        row.update({f"disp:{d}": r.by_disposition.get(d, 0) for d in DISPOSITIONS})
        row.update({f"kind:{k}": r.by_submitter_kind.get(k, 0) for k in SUBMITTER_KINDS})
        rows.append(row)
    return columns, rows


def headers(columns: list[str], lang: str) -> list[str]:
    return [label(c.split(":", 1)[1] if ":" in c else c, lang) for c in columns]


TABLE = BASE + [f"disp:{d}" for d in (REVISED, NOTED, DECLINED)]


def render_sections(report: SectionsReport, fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render([asdict(r) for r in report.rows], "json")
    if fmt == "html":
        from ..site.pages import standalone_sections_page

        return standalone_sections_page(report, lang)
    columns, rows = flat_rows(report, lang)
    if fmt == "csv":
        return to_csv(rows, columns, headers(columns, lang) if lang == "ja" else columns, lang)  # en: machine keys
    if fmt == "md":
        title = f"# {label('sections_report', lang)}: {md_cell(report.round)} ({md_cell(report.revision)})\n\n"
        return title + to_markdown(rows, columns, headers(columns, lang), lang)
    if fmt == "xlsx":
        widths = [16, 40, 10, 10] + [8] * (len(columns) - 4)
        return to_xlsx([(report.revision, headers(columns, lang), [[r[c] for c in columns] for r in rows], widths)],
                       lang)
    return to_table(rows, TABLE, headers(TABLE, lang), lang)
