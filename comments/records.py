"""Parsed comment documents: frozen records produced by every reader, whatever the layout."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OpinionRecord:
    part: str
    seq: int
    body: str
    location: str | None = None
    heading: str | None = None
    submitter: str | None = None
    reason: str | None = None
    proposal: str | None = None
    location_detail: str | None = None
    response: str | None = None
    response_html: str | None = None
    body_html: str | None = None
    revised_flag: str | None = None
    bulk: bool = False
    represents: int | None = None
    number: str | None = None
    line: int | None = None
    page: str | None = None
    carried: tuple[str, ...] = ()  # fields taken from the row above (a vertically merged cell)
    group: str | None = None  # the heading of the table or group the row sits in
    disposition_cell: str | None = None  # an explicit disposition / status column


@dataclass(frozen=True)
class RoundMeta:
    """What a document's front matter says about its round (all optional)."""

    title: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    total_submissions: int | None = None
    totals_by_kind: dict[str, int] = field(default_factory=dict)
    part_totals: dict[str, int] = field(default_factory=dict)
    named_submitters: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass
class CommentDocument:
    """A document being read: `opinions` is consumed once, lazily; readers that learn the
    round's metadata while reading (front matter, totals) set `meta` by the time it is exhausted."""

    file: str
    layout: str
    meta: RoundMeta
    opinions: Iterator[OpinionRecord]
    columns: dict[str, str] = field(default_factory=dict)  # field -> the header that fed it
