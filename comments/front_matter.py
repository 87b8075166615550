"""The lines above (and between) a document's tables: title, period, totals.

Shared by the mic reader and the table readers (Markdown, CSV, XLSX, PDF, Word), so a
period or a count of submissions is read the same way whatever the container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guidetrace.guideline.keys import normalize_text

from .era_dates import parse_period
from .records import RoundMeta

PART_TOTAL = re.compile(r"^(?P<part>[A-Z])[.．]\s*.+?[…\.]{1,3}\s*(?P<n>\d+)\s*件")
PERIOD = re.compile(r"(?:実施期間|意見募集期間|募集期間|意見公募期間|期間)\s*[:：]\s*(?P<v>.+)$")
TOTALS = re.compile(r"(?:意見提出数|提出意見数|提出された意見の数|御?意見の数|ご意見の数|提出件数)\s*[:：]?\s*(?P<n>[\d,]+)\s*件"
                    r"(?:[(（](?P<detail>.+?)[)）])?")
KIND_COUNT = re.compile(r"(?P<label>[^、,:：()（）\s]+)\s*[:：]\s*(?P<n>\d+)\s*件")
SUBMITTERS = re.compile(r"(?P<n>[\d,]+)\s*(?:者|名|団体・個人)")


def kind_labels() -> dict[str, str]:
    """法人 → corporation, …: the submitter kinds' own Japanese labels (data/submitter_kinds.yaml)."""
    from guidetrace.trace.rules import packaged_yaml

    return {k["label"]["ja"]: k["key"] for k in packaged_yaml("guidetrace.comments", "submitter_kinds.yaml")["kinds"]}


@dataclass
class FrontMatter:
    """Accumulates what the lines say; `meta()` gives the round's metadata."""

    title: str | None = None
    period: tuple[str | None, str | None] = (None, None)
    total: int | None = None
    totals_by_kind: dict[str, int] = field(default_factory=dict)
    part_totals: dict[str, int] = field(default_factory=dict)
    named: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def feed(self, text: str) -> bool:
        """Reads one line; True when it said something about the round."""
        norm = normalize_text(text.lstrip("-*# "))
        if m := PERIOD.search(norm):
            start, end = parse_period(m.group("v"))
            if start is None and end is None:
                return False
            self.period = (start.iso if start else None, end.iso if end else None)
            for parsed in (start, end):
                if parsed and parsed.warning:
                    self.warnings.append(f"実施期間: {parsed.warning}")
            return True
        if m := TOTALS.search(norm):
            self.total = int(m.group("n").replace(",", ""))
            detail = m.group("detail") or ""
            for k in KIND_COUNT.finditer(detail):
                self.totals_by_kind[kind_labels().get(k.group("label"), k.group("label"))] = int(k.group("n"))
            if (s := SUBMITTERS.search(detail)) and not self.totals_by_kind:
                self.totals_by_kind["submitters"] = int(s.group("n").replace(",", ""))
            return True
        if m := PART_TOTAL.match(norm):
            self.part_totals[m.group("part")] = int(m.group("n"))
            return True
        return False

    def offer_title(self, text: str) -> None:
        """The first line that reads like a title: 「…」(案)に対する…, or any first heading."""
        if self.title is None and text.strip():
            self.title = normalize_text(text.lstrip("# ").strip())[:300]

    def meta(self) -> RoundMeta:
        return RoundMeta(title=self.title, period_start=self.period[0], period_end=self.period[1],
                         total_submissions=self.total, totals_by_kind=dict(self.totals_by_kind),
                         part_totals=dict(self.part_totals), named_submitters=tuple(self.named),
                         warnings=tuple(self.warnings))
