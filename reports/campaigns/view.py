"""Campaigns in each format."""

from __future__ import annotations

from dataclasses import asdict

from guidetrace.trace.output import render

from ..labels import label, say
from ..tabular import md_cell, to_csv, to_table, to_xlsx
from .build import CampaignsReport

COLUMNS = ["cluster", "round", "kind", "size", "spread", "representative", "submitter", "sections", "topics", "text"]


MD_COLUMNS = ["cluster", "size", "kind", "spread", "sections", "topics", "text"]
TABLE = ["cluster", "size", "kind", "spread", "sections", "representative"]


def render_campaigns(report: CampaignsReport, fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render(asdict(report), "json")
    rows = [{**asdict(c), "kind": label(f"cluster_{c.kind}", lang), "text": c.text or ""} for c in report.campaigns]
    if fmt == "csv":
        return to_csv(rows, COLUMNS + ["members"], [label(f"col_{c}", lang) for c in COLUMNS + ["members"]], lang)
    if fmt == "xlsx":
        return to_xlsx([(label("campaigns", lang)[:31], [label(f"col_{c}", lang) for c in COLUMNS],
                         [[r[c] for c in COLUMNS] for r in rows], [8, 16, 8, 8, 8, 24, 16, 20, 20, 80])], lang)
    if fmt == "md":
        out = [f"# {label('campaigns', lang)}", "", say("campaigns_total", lang, report.clustered, len(rows)), "",
               "| " + " | ".join(label(f"col_{c}", lang) for c in MD_COLUMNS) + " |", "|---" * len(MD_COLUMNS) + "|"]
        out += ["| " + " | ".join(md_cell(r[c][:200] if c == "text" else r[c], lang) for c in MD_COLUMNS) + " |"
                for r in rows]
        return "\n".join(out) + "\n"
    return to_table(rows, TABLE, [label(f"col_{c}", lang) for c in TABLE], lang)
