"""An in-memory index of one revision's section tree, built once per load.

The resolver asks it "which section has this key / title / page / item number";
every answer is a dict or set look-up, never a scan of the tree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from guidetrace.guideline.keys import ROOT_KEY, title_key
from guidetrace.trace.models import Revision, Section

_MEASURE_CAT = re.compile(r"^(?P<cat>[^\d\s.()/]+?)(?P<num>\d+(?:-\d+)*)$")
MIN_TITLE = 3


@dataclass
class TreeIndex:
    revision: str
    ids: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    by_title: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_page: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    items: dict[tuple[str, int], str] = field(default_factory=dict)
    categories: set[str] = field(default_factory=set)
    pages: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def add(self, key: str, kind: str, parent: str | None, title: str | None,
            pages: tuple[int, ...] = (), aliases: tuple[str, ...] = (), section_id: int = 0) -> None:
        self.ids[key], self.kinds[key], self.parent[key], self.titles[key] = section_id, kind, parent, title
        self.pages[key] = pages
        for text in (title, *aliases):
            if text and len(title_key(text)) >= MIN_TITLE:
                self.by_title[title_key(text)].append(key)
        for page in pages:
            self.by_page[page].append(key)
        m = re.fullmatch(r"(?P<parent>.+)\((?P<num>\d+)\)", key)
        if kind == "item" and m:
            self.items[(m.group("parent"), int(m.group("num")))] = key
        m = _MEASURE_CAT.match(key)
        if kind == "measure" and m:
            self.categories.add(m.group("cat"))

    def ancestors(self, key: str) -> list[str]:
        out, cur = [], self.parent.get(key)
        while cur is not None:
            out.append(cur)
            cur = self.parent.get(cur)
        return out

    def related(self, a: str, b: str) -> bool:
        """True when one is the other or an ancestor of it."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def page_sections(self, page: int) -> list[str]:
        """The highest sections holding the page: a child sharing its parent's page adds nothing."""
        holders = self.by_page.get(page, [])
        return [k for k in holders if not any(p in holders for p in self.ancestors(k))]

    @property
    def root(self) -> str:
        return ROOT_KEY


def build_index(session: Session, revision: Revision) -> TreeIndex:
    parent = aliased(Section)
    index = TreeIndex(revision=revision.key)
    rows = session.execute(
        select(Section.id, Section.key, Section.kind, parent.key, Section.title, Section.pages, Section.aliases)
        .outerjoin(parent, Section.parent_id == parent.id)
        .where(Section.revision_id == revision.id)
        .order_by(Section.position)
    )
    for sid, key, kind, parent_key, title, pages, aliases in rows:
        index.add(key, kind, parent_key, title, tuple(pages or ()), tuple(aliases or ()), sid)
    return index
