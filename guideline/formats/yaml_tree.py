"""The YAML tree format (documented, with an example, in README.md under "What it reads").

Parsed with the core's safe loader (trace/safe_yaml.py): errors name the line, and no
YAML tag can construct anything but plain data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.safe_yaml import LINE, load_yaml
from guidetrace.trace.textfile import read_text

from ..records import GuidelineRecord, RevisionRecord, RevisionTree
from .validate import build_link, build_section, check_links, check_tree

SECTION_KEYS = frozenset({"key", "kind", "title", "parent", "number", "pages", "aliases", "body", "inferred", "source",
                          "note", LINE})
LINK_KEYS = frozenset({"from", "to", "kind", "note", "why", "from_revision", LINE})


def _mapping(value: Any, what: str, *, file: str, line: int | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GuidetraceError(f"expected a mapping for {what}", file=file, line=line)
    return value


def _known_keys(raw: dict[str, Any], allowed: frozenset[str], what: str, *, file: str, line: int | None) -> None:
    """A misspelt key (`titel:`) must not vanish silently."""
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        expected = ", ".join(sorted(k for k in allowed if k != LINE))
        raise GuidetraceError(f"unknown {what} key(s) {', '.join(unknown)} (expected {expected})", file=file, line=line)


def read_yaml_tree(path: Path, text: str | None = None) -> RevisionTree:
    file = str(path)
    if text is None:
        text = read_text(path).text
    doc = load_yaml(text, file=file)
    doc = _mapping(doc, "the document (guideline:, revision:, sections:)", file=file, line=1)
    g = _mapping(doc.get("guideline"), "guideline: {key, title}", file=file, line=doc[LINE])
    r = _mapping(doc.get("revision"), "revision: {key, label, status}", file=file, line=doc[LINE])
    for field_name, holder in (("key", g), ("title", g), ("key", r)):
        if not holder.get(field_name):
            raise GuidetraceError(f"missing {field_name!r}", file=file, line=holder[LINE])
    status = str(r.get("status") or "final")
    if status not in ("draft", "final"):
        raise GuidetraceError(f"revision status {status!r}: expected draft or final", file=file, line=r[LINE])
    revision = RevisionRecord(
        key=str(r["key"]),
        label=str(r.get("label") or r["key"]),
        status=status,
        date=str(r["date"]) if r.get("date") else None,
        predecessor=str(r["predecessor"]) if r.get("predecessor") else None,
        partial=bool(r.get("partial", True)),
        source=str(r["source"]) if r.get("source") else None,
        notes=tuple(str(n) for n in r.get("notes") or ()),
    )
    raw_sections = doc.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise GuidetraceError("expected a non-empty list under sections:", file=file, line=doc[LINE])
    sections = []
    for raw in raw_sections:
        line = raw.get(LINE) if isinstance(raw, dict) else None
        raw = _mapping(raw, "a section {key, title, …}", file=file, line=line or doc[LINE])
        _known_keys(raw, SECTION_KEYS, "section", file=file, line=line)
        sections.append(build_section(raw, file=file, line=line, default_source=revision.source))
    checked = check_tree(sections, file=file)
    links = []
    for list_name, default_kind in (("lineage", "succeeds"), ("cross_references", "refers_to")):
        for raw in doc.get(list_name) or ():
            line = raw.get(LINE) if isinstance(raw, dict) else None
            raw = _mapping(raw, f"a {list_name} entry {{from, to}}", file=file, line=line or doc[LINE])
            _known_keys(raw, LINK_KEYS, f"{list_name} entry", file=file, line=line)
            links.append(build_link(raw, default_kind=default_kind, file=file, line=line))
    check_links(links, checked, file=file)
    return RevisionTree(
        guideline=GuidelineRecord(key=str(g["key"]), title=str(g["title"]), publisher=g.get("publisher")),
        revision=revision,
        sections=checked,
        links=tuple(links),
        file=file,
    )
