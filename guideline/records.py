"""Parsed guideline trees: plain frozen records, independent of any file format or store."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SectionRecord:
    key: str
    kind: str
    parent: str | None
    title: str | None = None
    number: str | None = None
    pages: tuple[int, ...] = ()
    aliases: tuple[str, ...] = ()
    body: str | None = None
    inferred: bool = False
    source: str | None = None
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class LinkRecord:
    """`from_key` in the predecessor (or the same revision for refers_to) -> `to_key` here."""

    kind: str
    from_key: str
    to_key: str | None
    from_revision: str | None = None
    proposed: bool = False
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class RevisionRecord:
    key: str
    label: str
    status: str
    date: str | None = None
    predecessor: str | None = None
    partial: bool = True
    source: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuidelineRecord:
    key: str
    title: str
    publisher: str | None = None


@dataclass(frozen=True)
class RevisionTree:
    """One revision's section tree, as read from one file."""

    guideline: GuidelineRecord
    revision: RevisionRecord
    sections: tuple[SectionRecord, ...]
    links: tuple[LinkRecord, ...] = field(default=())
    file: str = ""
