"""The topic report in each format."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from guidetrace.trace.output import render

from ..labels import label, reason, say, shown_key
from ..tabular import md_cell, md_code, to_csv, to_table, to_xlsx
from .build import TopicSummary

COLUMNS = ["topic", "label", "opinions", "submissions", "rounds", "recurring", "open", "organisations", "sections",
           "dispositions", "comments"]


def _per_round(t: TopicSummary, lang: str) -> dict[str, dict[str, Any]]:
    """Each round's outdated citations with their reasons in words (the builder keeps them as data)."""
    return {rnd: {**r, "outdated": [{"section": o["section"], "reasons": [reason(c, lang) for c in o["changes"]]}
                                    for o in r["outdated"]]} for rnd, r in t.per_round.items()}


def topic_rows(topics: list[TopicSummary], lang: str) -> list[dict[str, Any]]:
    return [{**asdict(t), "label": t.label(lang), "per_round": _per_round(t, lang)} for t in topics]


def render_topics(topics: list[TopicSummary], fmt: str, lang: str = "ja") -> str | bytes:
    if fmt == "json":
        return render([{**asdict(t), "per_round": _per_round(t, lang)} for t in topics], "json")
    rows = topic_rows(topics, lang)
    heads = [label(f"col_{c}", lang) for c in COLUMNS]
    if fmt == "csv":
        return to_csv(rows, COLUMNS, heads, lang)
    if fmt == "xlsx":
        return to_xlsx([(label("topics", lang), heads, [[r[c] for c in COLUMNS] for r in rows],
                         [18, 28, 8, 8, 20, 8, 8, 30, 40, 30, 40])], lang)
    if fmt == "md":
        return _markdown(rows, lang)
    table = ["topic", "label", "opinions", "recurring", "open", "sections"]
    return to_table(rows, table, [label(f"col_{c}", lang) for c in table], lang)


def _markdown(rows: list[dict[str, Any]], lang: str) -> str:
    out = [f"# {label('topics', lang)}", ""]
    for t in rows:
        flags = label("list_sep", lang).join(label(f, lang) for f in ("recurring", "open") if t[f])
        out += [f"## {md_cell(t['label'], lang)} ({md_code(t['topic'])})", "",
                f"- {label('opinions', lang)}: {t['opinions']} ({md_cell(t['rounds'], lang)})"
                f"{label('list_sep', lang) + flags if flags else ''}",
                f"- {label('section', lang)} ({t['revision']}): {md_cell(t['sections'], lang) or '—'}",
                f"- {label('submitter', lang)}: {md_cell([s['name'] or '?' for s in t['submitters']], lang)}",
                f"- {label('disposition', lang)}: {md_cell(t['dispositions'], lang)}"]
        for rnd, r in t["per_round"].items():
            for o in r["outdated"]:
                out.append(f"- {say('outdated_in', lang, rnd)}: {md_cell(shown_key(o['section'], lang), lang)} — "
                           f"{md_cell(label('list_sep', lang).join(o['reasons']), lang)}")
        out.append("")
    return "\n".join(out)
