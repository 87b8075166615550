"""Headings as guidelines number them, and the section tree they imply.

One grammar for every source: 1. / 1.1 / 第N章 / 第N節 / (1) / ① / measure IDs such as
サービス2-6 / 付録 A, Appendix B, Annex A, 別紙1 / コラム. A heading the grammar cannot
number keeps its place in the outline by level and is keyed by its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..keys import ROOT_KEY, canonical_key, circled_to_paren, kind_for_key, normalize_text
from ..records import SectionRecord

_CHAPTER = re.compile(r"^第\s*(\d+)\s*章\s*(?P<title>.*)$")
_SECTION_JA = re.compile(r"^第\s*(\d+)\s*節\s*(?P<title>.*)$")
_DOTTED = re.compile(r"^(\d{1,2}(?:\s*\.\s*\d{1,2}){0,4})\s*\.?(?:\s+|(?=[^\d\s.]))(?P<title>\S.*)$")
_ITEM = re.compile(r"^\((\d{1,2})\)\s*(?P<title>.+)$")
_APPENDIX = re.compile(r"^(?:【\s*)?(付録|Appendix|Annex|別紙|別添|別表)\s*(?:】)?\s*([A-Z]|\d+)(?![A-Za-z])\s*[:：.]?\s*(?P<title>.*)$",  # noqa: E501
                       re.I)
_COLUMN = re.compile(r"^コラム\s*\d*\s*[:：]?\s*(?P<title>.+)$")
TOC_LINE = re.compile(r"^(?P<title>.+?)\s*(?:[.…・‥·\-_]{3,}|\s{2,}|\.{2,})\s*(?P<page>\d{1,4})$")
_MEASURE = re.compile(r"^(?P<id>[^\d\s.()（）:：]{1,12}?\s?\d+(?:\s?-\s?\d+)+)\s*[:：\s]\s*(?P<title>\S.*)$")


@dataclass(frozen=True)
class Heading:
    """A heading found in a source: its text, outline level when known, page and the text under it."""

    text: str
    level: int | None = None
    page: int | None = None
    body: str | None = None
    inferred: bool = False
    trusted: bool = False  # listed in an outline or a table of contents: a heading even without a number


@dataclass(frozen=True)
class Numbered:
    key: str
    kind: str
    title: str
    parent: str | None  # None: from the structure


def parse_heading(text: str, context: list[str]) -> Numbered | None:
    """`context`: the keys open above this heading, outermost first."""
    norm = normalize_text(circled_to_paren(text))
    if m := _CHAPTER.match(norm):
        return Numbered(m.group(1), "chapter", m.group("title").strip(), ROOT_KEY)
    if m := _SECTION_JA.match(norm):
        chapter = next((k for k in context if re.fullmatch(r"\d+", k)), None)
        if chapter is None:
            return None
        return Numbered(f"{chapter}.{m.group(1)}", "section", m.group("title").strip(), chapter)
    if m := _APPENDIX.match(norm):
        key = canonical_key(f"{m.group(1)}{m.group(2)}") if m.group(1) in ("付録", "別紙", "別添") else \
            (f"別表{m.group(2)}" if m.group(1) == "別表" else f"{m.group(1).capitalize()} {m.group(2).upper()}")
        return Numbered(key, "appendix", m.group("title").strip(), ROOT_KEY)
    if m := _DOTTED.match(norm):
        key = re.sub(r"\s*\.\s*", ".", m.group(1))
        if not re.fullmatch(r"20\d\d|19\d\d", key):
            return Numbered(key, kind_for_key(key), m.group("title").strip(), None)
    if m := _ITEM.match(norm):
        parent = next((k for k in reversed(context) if not re.search(r"\(\d+\)$", k)), None)
        if parent:
            return Numbered(f"{parent}({int(m.group(1))})", "item", m.group("title").strip(), parent)
    if m := _COLUMN.match(norm):
        parent = context[-1] if context else ROOT_KEY
        return Numbered(f"{parent}/コラム", "column", "コラム：" + m.group("title").strip(), parent)
    if m := _MEASURE.match(norm):
        parent = next((k for k in reversed(context) if re.fullmatch(r"\d+(?:\.\d+)*", k)), ROOT_KEY)
        return Numbered(canonical_key(m.group("id")), "measure", m.group("title").strip(), parent)
    return None


def drop_document_title(headings: list[Heading]) -> list[Heading]:
    """A lone unnumbered heading above all others (the document's title) is not a section."""
    levels = [h.level for h in headings if h.level is not None]
    if len(headings) > 1 and levels and headings[0].level == min(levels) and levels.count(min(levels)) == 1 \
            and parse_heading(headings[0].text, []) is None:
        return headings[1:]
    return headings


def build_tree(headings: list[Heading], *, source: str) -> tuple[SectionRecord, ...]:
    """Sections in document order with parents from numbers (else from outline levels)."""
    headings = drop_document_title(headings)
    out: list[SectionRecord] = [SectionRecord(key=ROOT_KEY, kind="root", parent=None,
                                              title="全般" if _japanese(headings) else "General")]
    keys = {ROOT_KEY}
    stack: list[tuple[str, int]] = []  # (key, level) of open sections
    columns: dict[str, int] = {}
    parent: str | None
    for h in headings:
        level = h.level or 1
        while stack and stack[-1][1] >= level and h.level is not None:
            stack.pop()
        numbered = parse_heading(h.text, [k for k, _ in stack])
        if numbered is None:
            if h.level is None and not h.trusted:
                continue  # body text that only looked like a heading
            key, kind, title = normalize_text(h.text)[:80], "section" if stack else "chapter", normalize_text(h.text)
            parent = stack[-1][0] if stack else ROOT_KEY
        else:
            key, kind, title, parent = numbered.key, numbered.kind, numbered.title, numbered.parent
            if kind == "column":
                columns[key] = columns.get(key, 0) + 1
                key = f"{key}{columns[key]}"
            if parent is None:
                implied = key.rsplit(".", 1)[0] if "." in key else ROOT_KEY
                parent = implied if implied in keys else (stack[-1][0] if stack else ROOT_KEY)
        if parent not in keys:
            parent = ROOT_KEY
        if key in keys:
            continue  # a heading repeated (running header, table of contents): the first one stands
        keys.add(key)
        out.append(SectionRecord(key=key, kind=kind, parent=parent, title=title or None,
                                 pages=(h.page,) if h.page else (), body=h.body or None,
                                 inferred=h.inferred or numbered is None, source=source))
        if h.level is None:
            depth = key.count(".") + 1 if re.fullmatch(r"\d+(?:\.\d+)*", key) else len(stack) + 1
            while stack and stack[-1][1] >= depth:
                stack.pop()
            stack.append((key, depth))
        else:
            stack.append((key, level))
    return tuple(out)


def _japanese(headings: list[Heading]) -> bool:
    return any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h.text) for h in headings)
