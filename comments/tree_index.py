"""An in-memory index of one revision's section tree, built once per load.

The resolver asks it "which section has this address / title / page / item
number"; every answer is a dict or set look-up, never a scan of the tree. Each
section's address comes from its key, its aliases and the locator its title opens
with (`第2章 総則` → `n:2`), through the same grammar that reads comments, so a
tree of 第N章 keys and a comment citing `2.1` (or the other way round) meet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from guidetrace.guideline.keys import ROOT_KEY, title_key
from guidetrace.guideline.numbering import Numbering
from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.models import Revision, Section

from .locators import address_of, default_scanner, grammar

_ID_SHAPE = re.compile(r"^(?P<cat>[^\d\s.()/]+?)[ ]?(?P<num>\d+(?:-\d+)*)(?:\(\d+\))?$")
_LATIN = re.compile(r"[a-z]")
MIN_TITLE = 2


@lru_cache(maxsize=1)
def _generic_titles() -> frozenset[str]:
    """The data file's generic titles (概要, Overview), folded as title keys are: made once, not per title."""
    return frozenset(g.casefold().replace(" ", "") for g in grammar()["generic_titles"])


@dataclass(frozen=True)
class TitleInfo:
    """How a title may be matched: Latin titles by whole words, others as a substring."""

    words: tuple[str, ...]
    generic: bool

    @property
    def latin(self) -> bool:
        return bool(self.words)


@dataclass
class TreeIndex:
    revision: str
    partial: bool = False  # the tree lists only what the record shows
    ids: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    by_title: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    title_info: dict[str, TitleInfo] = field(default_factory=dict)
    by_page: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_address: dict[str, str] = field(default_factory=dict)
    address: dict[str, str] = field(default_factory=dict)
    items: dict[tuple[str, int], str] = field(default_factory=dict)
    id_prefixes: set[str] = field(default_factory=set)
    pages: dict[str, tuple[int, ...]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    numbering: Numbering = field(default_factory=lambda: Numbering(()))  # edges and walks; holds the tree
    on_page: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)  # page_sections, once a page

    def add(self, key: str, kind: str, parent: str | None, title: str | None,
            pages: tuple[int, ...] = (), aliases: tuple[str, ...] = (), section_id: int = 0) -> None:
        self.ids[key], self.kinds[key], self.titles[key] = section_id, kind, title
        self.order[key] = len(self.order)
        self.pages[key] = pages
        self.numbering.add(key, parent, title)
        named = (key,) if parent is not None and not self.numbering.edge[key] else ()  # 別紙, 基本理念: keys that are names
        for text in dict.fromkeys((title, *aliases, *named)):
            if text and len(title_key(text)) >= MIN_TITLE:
                self._add_title(title_key(text), text, key)
        for page in pages:
            self.by_page[page].append(key)
        self.on_page.clear()
        m = re.fullmatch(r"(?P<parent>.+)\((?P<num>\d+)\)", key)
        if m:
            self.items[(m.group("parent"), int(m.group("num")))] = key
        self._add_addresses(key, kind, parent, title, aliases)

    def _add_title(self, tkey: str, text: str, key: str) -> None:
        self.by_title[tkey].append(key)
        if tkey not in self.title_info:
            lowered = re.sub(r"[^\w]+", " ", text.casefold()).split()
            latin = all(_LATIN.search(w) or w.isdigit() for w in lowered) and bool(lowered)
            self.title_info[tkey] = TitleInfo(tuple(lowered) if latin else (), tkey in _generic_titles())

    def _add_addresses(self, key: str, kind: str, parent: str | None, title: str | None,
                       aliases: tuple[str, ...]) -> None:
        if key == ROOT_KEY:
            return
        found = [("n:" + key.replace("-", ".")) if re.fullmatch(r"\d+(?:[.\-]\d+)*", key) else address_of(key)]
        found += [address_of(text) for text in aliases]
        m = re.fullmatch(r"(?P<parent>.+)\((?P<num>\d+)\)", key)
        if m and parent in self.address and self.address[parent].startswith(("n:", "id:")):
            found.append(f"{self.address[parent]}({m.group('num')})")
        if title:
            found.append(address_of(title))
        shape = _ID_SHAPE.match(key)
        if not any(found) and shape and not m:
            self.id_prefixes.add(shape.group("cat"))
        if m and _ID_SHAPE.match(m.group("parent")) and not address_of(m.group("parent")):
            self.id_prefixes.add(_ID_SHAPE.match(m.group("parent")).group("cat"))  # type: ignore[union-attr]
        if not any(found[:1]) and (shape or m):
            found.insert(0, "id:" + key.replace(" ", ""))
        for address in found:
            if address and address not in self.by_address:
                self.by_address[address] = key
                self.address.setdefault(key, address)

    @property
    def tree(self) -> SectionTree[str]:
        return self.numbering.tree

    @property
    def parent(self) -> dict[str, str | None]:
        return self.tree.parent

    def ancestors(self, key: str) -> list[str]:
        return self.tree.ancestors(key)

    def related(self, a: str, b: str) -> bool:
        """True when one is the other or an ancestor of it."""
        return self.tree.related(a, b)

    def page_sections(self, page: int) -> tuple[str, ...]:
        """The sections the page names: the highest holders, each taken down to its one child on the page
        when it spans other pages too (取組の柱1 on pages 7-9, its (3) alone on page 9: page 9 is (3)) and
        the tree is complete (a partial tree's one known child on a page may share it with unknown ones)."""
        found = self.on_page.get(page)
        if found is None:
            holders = self.by_page.get(page, [])
            inside = set(holders)
            out = []
            for key in holders:
                if any(p in inside for p in self.ancestors(key)):
                    continue
                # a section spanning several pages, one child alone on this one: the child (a section whose
                # only page is this one begins here, and is what the page names)
                while not self.partial and len(set(self.pages.get(key, ())) - {page}) and \
                        len(below := [c for c in self.tree.children(key) if c in inside]) == 1:
                    key = below[0]
                out.append(key)
            found = self.on_page[page] = tuple(out)
        return found

    def span(self, first: str, last: str) -> list[str]:
        """Every section from `first` to `last`: siblings between them, else document order at first's depth."""
        a, b = sorted((first, last), key=lambda k: self.order[k])
        if self.parent.get(a) == self.parent.get(b):
            siblings = self.tree.children(self.parent.get(a))
            return siblings[siblings.index(a): siblings.index(b) + 1]
        depth = len(self.ancestors(a))
        return [k for k in self.order if self.order[a] <= self.order[k] <= self.order[b]
                and len(self.ancestors(k)) == depth]

    @property
    def root(self) -> str:
        return ROOT_KEY

    def scanner(self):  # type: ignore[no-untyped-def]
        """The locator grammar plus this tree's own ID prefixes (サービス, 都市OS, AC-)."""
        from .locators import LocatorScanner

        return LocatorScanner(self.id_prefixes) if self.id_prefixes else default_scanner()


def build_index(session: Session, revision: Revision) -> TreeIndex:
    parent = aliased(Section)
    index = TreeIndex(revision=revision.key, partial=bool(revision.partial))
    rows = session.execute(
        select(Section.id, Section.key, Section.kind, parent.key, Section.title, Section.pages, Section.aliases)
        .outerjoin(parent, Section.parent_id == parent.id)
        .where(Section.revision_id == revision.id)
        .order_by(Section.position)
    )
    for sid, key, kind, parent_key, title, pages, aliases in rows:
        index.add(key, kind, parent_key, title, tuple(pages or ()), tuple(aliases or ()), sid)
    return index
