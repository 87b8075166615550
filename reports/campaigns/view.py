"""Campaigns in each format."""

from __future__ import annotations

from dataclasses import asdict

from guidetrace.trace.output import render

from ..labels import label
from ..tabular import md_cell, to_csv, to_xlsx
from .build import CampaignsReport

COLUMNS = ["cluster", "round", "kind", "size", "spread", "representative", "submitter", "sections", "topics", "text"]


def render_campaigns(report: CampaignsReport, fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render(asdict(report), "json")
    rows = [asdict(c) for c in report.campaigns]
    if fmt == "csv":
        return to_csv(rows, COLUMNS + ["members"], [label(f"col_{c}", lang) for c in COLUMNS + ["members"]])
    if fmt == "xlsx":
        return to_xlsx([(label("campaigns", lang)[:31], [label(f"col_{c}", lang) for c in COLUMNS],
                         [[r[c] if c != "kind" else label(f"cluster_{r[c]}", lang) for c in COLUMNS] for r in rows],
                         [8, 16, 8, 8, 8, 24, 16, 20, 20, 80])], lang)
    if fmt == "md":
        out = [f"# {label('campaigns', lang)}", "", f"{report.clustered} submissions in {len(rows)} clusters.", "",
               "| # | size | kind | spread | sections | topics | representative |", "|---|---|---|---|---|---|---|"]
        out += [f"| {r['cluster']} | {r['size']} | {r['kind']} | {r['spread']} | {md_cell(r['sections'])} | "
                f"{md_cell(r['topics'])} | "
                f"{md_cell(r['text'][:200])} |" for r in rows]
        return "\n".join(out) + "\n"
    return render(rows, "table", columns=["cluster", "size", "kind", "spread", "sections", "representative"])
