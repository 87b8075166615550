"""The plan as a table, Markdown, JSON, CSV or XLSX: one view over the builder's `Plan`."""

from __future__ import annotations

from typing import Any

from guidetrace.trace.output import render

from ..labels import label, shown_key
from ..tabular import md_cell, md_code, to_csv, to_table, words
from . import NO_SUCCESSOR, NO_TOPIC
from .build import Plan, PlanEntry

COLUMNS = ["rank", "topic", "label", "score", "section", "opinions", "status", "addressed_in", "impact", "comments"]


def plan_title(plan: Plan, lang: str) -> str:
    target = plan.target or label("plan_after", lang).format(plan.after)
    return f"{label('plan', lang)}: {target}"


def headers(lang: str) -> list[str]:
    return [label(f"plan_{c}", lang) for c in COLUMNS]


def _topic(key: str) -> str:
    """A topic's key; the group no topic tags has none to show (its label says so)."""
    return "—" if key == NO_TOPIC else key


def _section(key: str, lang: str) -> str:
    """An entry's section as it reads: 全般, and a key with no successor said so in words."""
    if key.endswith(f" {NO_SUCCESSOR}"):
        return f"{shown_key(key[: -len(NO_SUCCESSOR) - 1], lang)} {label('plan_no_successor', lang)}"
    return shown_key(key, lang)


def _status(e: PlanEntry, lang: str) -> str:
    return label(e.status, lang) + (f" ({label('proposed', lang)})" if e.source == "proposed" else "")


def plan_rows(plan: Plan, lang: str = "ja") -> list[dict[str, Any]]:
    rows = []
    for rank, group in enumerate(plan.groups, start=1):
        for e in group.entries:
            addressed = f"{e.revision or ''} {e.addressed_in or ''}".strip()
            rows.append({"rank": rank, "topic": _topic(group.topic), "label": group.label(lang), "score": group.score,
                         "section": _section(e.section, lang), "opinions": e.opinions,
                         "status": _status(e, lang),
                         "addressed_in": addressed, "impact": e.impact, "comments": e.comments})
    return rows


def plan_markdown(plan: Plan, lang: str = "ja") -> str:
    lines = [f"# {md_cell(plan_title(plan, lang))}", "",
             label("plan_sections_note", lang).format(md_cell(plan.revision)) + " "
             + label("list_sep", lang).join(f"{label('factor_' + k, lang)} × {v}" for k, v in plan.score["weights"].items())
             + label("full_stop", lang), ""]
    cols = ("section", "opinions", "status", "impact", "comments")
    for rank, group in enumerate(plan.groups, start=1):
        factors = label("list_sep", lang).join(f"{label('factor_' + k, lang)} {v}" for k, v in group.factors.items() if v)
        code = f" ({md_code(group.topic)})" if group.topic != NO_TOPIC else ""
        lines += [f"## {rank}. {md_cell(group.label(lang))}{code}{label('list_sep', lang)}"
                  f"{label('score', lang)} {group.score}", "",
                  f"{label('plan_factors', lang)}: {factors}{label('full_stop', lang)}", "",
                  "| " + " | ".join(label(f"plan_{c}", lang) for c in cols) + " |", "|---|---|---|---|---|"]
        for e in group.entries:
            status = _status(e, lang) if e.status != "addressed" else (
                f"{label('addressed', lang)} {e.revision} {e.addressed_in or ''}".rstrip()
                + (f" ({label('proposed', lang)})" if e.source == "proposed" else ""))
            lines.append(f"| {_md(_section(e.section, lang))} | {e.opinions} | {_md(status)} | "
                         f"{_md(words(e.impact, lang))} | {_md(words(e.comments, lang))} |")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Lexicon and tree text is data: escaped like any cell, on one line."""
    return md_cell(text.replace("\n", " "))


def render_plan(plan: Plan, fmt: str, lang: str = "ja") -> str:
    if fmt == "json":
        return render(plan.as_json(), "json")
    if fmt == "md":
        return plan_markdown(plan, lang)
    rows = plan_rows(plan, lang)
    if fmt == "csv":
        return to_csv(rows, COLUMNS, headers(lang), lang)
    return to_table(rows, COLUMNS, headers(lang), lang)


def plan_xlsx(plan: Plan, lang: str = "ja") -> bytes:
    from ..tabular import to_xlsx

    rows = plan_rows(plan, lang)
    return to_xlsx([(label("plan", lang), headers(lang), [[r[c] for c in COLUMNS] for r in rows],
                     [6, 18, 28, 7, 18, 8, 18, 18, 30, 40])], lang)


def render_plan_report(plan: Plan, fmt: str, lang: str = "ja") -> str | bytes:
    """The view the report registry uses: every format, XLSX included."""
    return plan_xlsx(plan, lang) if fmt == "xlsx" else render_plan(plan, fmt, lang)
