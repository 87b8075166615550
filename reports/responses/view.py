"""The response table as XLSX (a sheet per part), CSV, Markdown or JSON."""

from __future__ import annotations

from dataclasses import asdict

from guidetrace.trace.output import render

from ..labels import label
from ..tabular import md_cell, to_csv, to_xlsx
from .build import ResponsesReport

COLUMNS = ["location", "opinion", "answer"]
EXTRA = ["id", "sections", "disposition"]


def render_responses(report: ResponsesReport, fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render(asdict(report), "json")
    rows = [asdict(r) for r in report.rows]
    heads = [label(c, lang) for c in COLUMNS + EXTRA]
    if fmt == "csv":
        return to_csv(rows, ["part"] + COLUMNS + EXTRA, [label("part", lang)] + heads)
    if fmt == "xlsx":
        return to_xlsx([(f"{label('part', lang)} {part}", heads,
                         [[label(r[c], lang) if c == "disposition" else r[c] for c in COLUMNS + EXTRA]
                          for r in rows if r["part"] == part], [28, 70, 60, 24, 20, 14])
                        for part in report.parts], lang)
    if fmt == "md":
        out = [f"# {label('responses_report', lang)}: {report.round}", ""]
        for part in report.parts:
            out += [f"## {label('part', lang)} {part}", ""]
            current = object()
            for r in (r for r in rows if r["part"] == part):
                if r["section"] != current:
                    current = r["section"]
                    out += [f"### {md_cell(r['section'] or '—')} {md_cell(r['section_title'] or '')}".rstrip(), "",
                            "| " + " | ".join(heads[:3]) + " |", "|---|---|---|"]
                out.append("| " + " | ".join(md_cell(r[c]) for c in COLUMNS) + " |")
            out.append("")
        return "\n".join(out)
    return render(rows, "table", columns=["id", "section", "disposition", "answer"])
