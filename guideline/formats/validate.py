"""Checks shared by every tree format, so that each reader only has to parse."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import LINK_KINDS, SECTION_KINDS

from ..keys import ROOT_KEY, ROOT_LABEL, ROOT_LABEL_EN, canonical_key, implied_parent, kind_for_key, number_of
from ..records import LinkRecord, SectionRecord


def build_section(
    raw: dict[str, object], *, file: str, line: int | None, default_source: str | None
) -> SectionRecord:
    """One section from a mapping of strings, with kind, parent and number implied from the key."""
    raw_key = raw.get("key")
    if raw_key is None or str(raw_key).strip() == "":
        raise GuidetraceError("section without a key (expected key: e.g. '3.1.2')", file=file, line=line)
    key = canonical_key(str(raw_key))
    kind = str(raw.get("kind") or kind_for_key(key))
    if kind not in SECTION_KINDS:
        raise GuidetraceError(
            f"section {key!r}: unknown kind {kind!r} (expected one of {', '.join(SECTION_KINDS)})",
            file=file,
            line=line,
        )
    parent_raw = raw.get("parent")
    parent = canonical_key(str(parent_raw)) if parent_raw not in (None, "") else implied_parent(key)
    if kind == "root":
        parent = None
    elif parent is None:
        raise GuidetraceError(
            f"section {key!r}: no parent given and none implied by the key (expected parent: KEY)",
            file=file,
            line=line,
        )
    pages = _pages(raw.get("pages"), key=key, file=file, line=line)
    aliases: Any = raw.get("aliases") or ()
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split(";") if a.strip()]
    inferred = raw.get("inferred", False)
    if isinstance(inferred, str):
        inferred = inferred.strip().lower() in ("1", "true", "yes", "y")
    title = raw.get("title")
    return SectionRecord(
        key=key,
        kind=kind,
        parent=parent,
        title=str(title) if title not in (None, "") else (ROOT_LABEL if kind == "root" else None),
        number=str(raw["number"]) if raw.get("number") not in (None, "") else number_of(key),
        pages=pages,
        aliases=tuple(str(a) for a in aliases),
        body=str(raw["body"]) if raw.get("body") else None,
        inferred=bool(inferred),
        source=str(raw.get("source") or default_source or "") or None,
        note=str(raw["note"]) if raw.get("note") else None,
        line=line,
    )


def _pages(value: object, *, key: str, file: str, line: int | None) -> tuple[int, ...]:
    if value in (None, ""):
        return ()
    items: Iterable[object]
    if isinstance(value, (list, tuple)):
        items = value
    elif isinstance(value, int):
        items = [value]
    else:
        items = str(value).replace(",", ";").replace(" ", ";").split(";")
    pages: list[int] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if not text.isdigit():
            raise GuidetraceError(
                f"section {key!r}: page {text!r} is not a whole number", file=file, line=line
            )
        pages.append(int(text))
    return tuple(pages)


def check_tree(sections: list[SectionRecord], *, file: str) -> tuple[SectionRecord, ...]:
    """Unique keys, parents that exist and come first, one root (added when missing)."""
    seen: dict[str, SectionRecord] = {}
    if not any(s.kind == "root" for s in sections):
        titles = "".join(s.title or "" for s in sections)
        japanese = bool(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", titles)) or not titles
        sections = [SectionRecord(key=ROOT_KEY, kind="root", parent=None,
                                  title=ROOT_LABEL if japanese else ROOT_LABEL_EN)] + sections
    for section in sections:
        if section.key in seen:
            first = seen[section.key].line
            raise GuidetraceError(
                f"duplicate section key {section.key!r} (first defined on line {first})",
                file=file,
                line=section.line,
            )
        if section.kind == "root" and section.key != ROOT_KEY:
            raise GuidetraceError(f"the root section must have key {ROOT_KEY!r}", file=file, line=section.line)
        if section.parent is not None and section.parent not in seen:
            raise GuidetraceError(
                f"section {section.key!r}: unknown parent {section.parent!r} "
                "(expected a key defined earlier in the file)",
                file=file,
                line=section.line,
            )
        seen[section.key] = section
    return tuple(sections)


def build_link(raw: dict[str, object], *, default_kind: str, file: str, line: int | None) -> LinkRecord:
    kind = str(raw.get("kind") or default_kind)
    if kind not in LINK_KINDS:
        raise GuidetraceError(
            f"unknown link kind {kind!r} (expected one of {', '.join(LINK_KINDS)})", file=file, line=line
        )
    if raw.get("from") in (None, ""):
        raise GuidetraceError("link without 'from' (expected from: KEY)", file=file, line=line)
    to = raw.get("to")
    if kind != "removed" and to in (None, ""):
        raise GuidetraceError(f"{kind} link without 'to' (expected to: KEY)", file=file, line=line)
    return LinkRecord(
        kind=kind,
        from_key=canonical_key(str(raw["from"])),
        to_key=canonical_key(str(to)) if to not in (None, "") else None,
        from_revision=str(raw["from_revision"]) if raw.get("from_revision") else None,
        note=str(raw.get("note") or raw.get("why") or "") or None,
        line=line,
    )


def check_links(links: list[LinkRecord], sections: tuple[SectionRecord, ...], *, file: str) -> None:
    """Targets in this revision must exist; sources are checked against the store on load."""
    keys = {s.key for s in sections}
    for link in links:
        here = [link.from_key, link.to_key] if link.kind == "refers_to" else [link.to_key]
        for key in here:
            if key is not None and key not in keys:
                raise GuidetraceError(
                    f"{link.kind} link names {key!r}, which is not a section of this revision",
                    file=file,
                    line=link.line,
                )
