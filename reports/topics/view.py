"""The topic report in each format."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from guidetrace.trace.output import render

from ..labels import label
from ..tabular import md_cell, md_code, to_csv, to_xlsx
from .build import TopicSummary

COLUMNS = ["topic", "label", "opinions", "submissions", "rounds", "recurring", "open", "organisations", "sections",
           "dispositions", "comments"]


def topic_rows(topics: list[TopicSummary], lang: str) -> list[dict[str, Any]]:
    return [{**asdict(t), "label": t.label(lang)} for t in topics]


def render_topics(topics: list[TopicSummary], fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render([asdict(t) for t in topics], "json")
    rows = topic_rows(topics, lang)
    if fmt == "csv":
        return to_csv(rows, COLUMNS, [label(f"col_{c}", lang) for c in COLUMNS])
    if fmt == "xlsx":
        return to_xlsx([(label("topics", lang), [label(f"col_{c}", lang) for c in COLUMNS],
                         [[r[c] for c in COLUMNS] for r in rows],
                         [18, 28, 8, 8, 20, 8, 8, 30, 40, 30, 40])], lang)
    if fmt == "md":
        out = [f"# {label('topics', lang)}", ""]
        for t in rows:
            flags = ", ".join(f for f, on in (("recurring", t["recurring"]), ("open", t["open"])) if on)
            out += [f"## {md_cell(t['label'])} ({md_code(t['topic'])})", "",
                    f"- {label('opinions', lang)}: {t['opinions']} ({', '.join(t['rounds'])}){'; ' + flags if flags else ''}",
                    f"- {label('section', lang)} ({t['revision']}): {md_cell(', '.join(t['sections'])) or '—'}",
                    f"- {label('submitter', lang)}: {md_cell(', '.join(s['name'] or '?' for s in t['submitters']))}",
                    f"- {label('disposition', lang)}: "
                    + ", ".join(f"{label(k, lang)} {v}" for k, v in t["dispositions"].items())]
            for rnd, r in t["per_round"].items():
                for o in r["outdated"]:
                    out.append(f"- outdated in {rnd}: {md_cell(o['section'])} — {md_cell('; '.join(o['reasons']))}")
            out.append("")
        return "\n".join(out)
    return render(rows, "table", columns=["topic", "label", "opinions", "recurring", "open", "sections"])
