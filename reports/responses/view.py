"""The response table as XLSX (a sheet per part), CSV, Markdown or JSON."""

from __future__ import annotations

from dataclasses import asdict

from guidetrace.trace.output import render

from ..labels import label, shown_key
from ..tabular import md_cell, to_csv, to_table, to_xlsx
from .build import ResponsesReport

COLUMNS = ["location", "opinion", "answer"]
EXTRA = ["id", "sections", "disposition"]


def render_responses(report: ResponsesReport, fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render(asdict(report), "json")
    rows = [{**asdict(r), "disposition": label(r.disposition, lang)} for r in report.rows]
    heads = [label(c, lang) for c in COLUMNS + EXTRA]
    if fmt == "csv":
        return to_csv(rows, ["part"] + COLUMNS + EXTRA, [label("part", lang)] + heads, lang)
    if fmt == "xlsx":
        return to_xlsx([(f"{label('part', lang)} {part}", heads, [[r[c] for c in COLUMNS + EXTRA]
                                                                  for r in rows if r["part"] == part],
                         [28, 70, 60, 24, 20, 14]) for part in report.parts], lang)
    if fmt == "md":
        out = [f"# {label('responses_report', lang)}: {report.round}", ""]
        for part in report.parts:
            out += [f"## {label('part', lang)} {part}", ""]
            current = object()
            for r in (r for r in rows if r["part"] == part):
                if r["section"] != current:
                    current = r["section"]
                    heading = " ".join(dict.fromkeys(t for t in (shown_key(r["section"], lang) or "—",
                                                                 r["section_title"] or "") if t))
                    out += [f"### {md_cell(heading, lang)}", "", "| " + " | ".join(heads[:3]) + " |", "|---|---|---|"]
                out.append("| " + " | ".join(md_cell(r[c], lang) for c in COLUMNS) + " |")
            out.append("")
        return "\n".join(out)
    table = ["id", "section", "disposition", "answer"]
    return to_table(rows, table, [label(c, lang) for c in table], lang)
