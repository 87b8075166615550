"""The one report registry: name → builder and view, shared by `guidetrace report`, the demo and tests.

Builders read the store (`build(session, scope)`), views turn the builder's dict into a
format (`render(payload, fmt, lang)`); both are imported only when a report runs, so the
command's start-up stays short. The record is the one every family uses (trace/registry.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guidetrace.trace.registry import Plugin, Registry

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TABLES = ("table", "md", "csv", "json", "xlsx")
_P = "guidetrace.reports"

# `options` holds the one option that narrows a report: round | target.
REPORTS = Registry("reports", "report", (
    Plugin("sections", "sections_report", f"{_P}.sections.build:build_sections_report", options=("round",),
           formats=(*TABLES, "html"), default="table", view=f"{_P}.sections.view:render_sections",
           help="Which sections drew comments (and which drew none), with counts per subtree."),
    Plugin("responses", "responses_report", f"{_P}.responses.build:build_responses", options=("round",),
           formats=TABLES, default="md", view=f"{_P}.responses.view:render_responses",
           help="The ministry's three-column table: 該当箇所 / 提出されたご意見 / ご意見に対する考え方."),
    Plugin("campaigns", "campaigns", f"{_P}.campaigns.build:build_campaigns", options=("round",), formats=TABLES,
           default="md", view=f"{_P}.campaigns.view:render_campaigns",
           help="Clusters of identical or near-identical submissions, largest first."),
    Plugin("topics", "topics", f"{_P}.topics.build:build_topic_summary", options=("target",), formats=TABLES,
           default="md", view=f"{_P}.topics.view:render_topics", help="Topics across rounds, as a report."),
    Plugin("plan", "plan", f"{_P}.plan.build:build_plan", options=("target",), formats=TABLES, default="md",
           view=f"{_P}.plan.view:render_plan_report",
           help="The next-revision plan, as a report (same as `guidetrace plan`, plus XLSX)."),
))


def render_report(session: Session, name: str, scope_value: str | None, fmt: str, lang: str) -> str | bytes:
    kind = REPORTS[name]
    return kind.render(kind.build(session, scope_value), fmt, lang)  # type: ignore[no-any-return]
