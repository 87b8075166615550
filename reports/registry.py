"""The one report registry: name → builder and view, shared by `guidetrace report`, the demo and tests.

Builders read the store (`build(session, scope)`), views turn the builder's dict into a
format (`view(payload, fmt, lang)`); both are imported only when a report runs, so the
command's start-up stays short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

TABLES = ("table", "md", "csv", "json", "xlsx")


@dataclass(frozen=True)
class ReportKind:
    name: str
    builder: str  # "module:function", imported on use
    view: str
    scope: str  # the option that narrows it: round | target
    formats: tuple[str, ...]
    default: str
    help: str

    def build(self, session: Session, scope_value: str | None) -> Any:
        return _load(self.builder)(session, scope_value)

    def render(self, payload: Any, fmt: str, lang: str) -> str | bytes:
        return _load(self.view)(payload, fmt, lang)


def _load(ref: str) -> Callable[..., Any]:
    module, name = ref.split(":")
    return getattr(import_module(f"guidetrace.reports.{module}"), name)  # type: ignore[no-any-return]


REPORTS = {r.name: r for r in (
    ReportKind("sections", "sections.build:build_sections_report", "sections.view:render_sections", "round",
               (*TABLES, "html"), "table", "Which sections drew comments (and which drew none), with counts per subtree."),
    ReportKind("responses", "responses.build:build_responses", "responses.view:render_responses", "round", TABLES,
               "md", "The ministry's three-column table: 該当箇所 / 提出されたご意見 / ご意見に対する考え方."),
    ReportKind("campaigns", "campaigns.build:build_campaigns", "campaigns.view:render_campaigns", "round", TABLES,
               "md", "Clusters of identical or near-identical submissions, largest first."),
    ReportKind("topics", "topics.build:build_topic_summary", "topics.view:render_topics", "target", TABLES, "md",
               "Topics across rounds, as a report."),
    ReportKind("plan", "plan.build:build_plan", "plan.view:render_plan_report", "target", TABLES, "md",
               "The next-revision plan, as a report (same as `guidetrace plan`, plus XLSX)."),
)}


def render_report(session: Session, name: str, scope_value: str | None, fmt: str, lang: str) -> str | bytes:
    kind = REPORTS[name]
    return kind.render(kind.build(session, scope_value), fmt, lang)
