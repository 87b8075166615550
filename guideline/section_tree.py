"""The one section-tree object: parent, children, ancestors, subtree, depth — over ids or keys.

Every place that needs a walk up or down a revision's tree (citing a subtree, folding an
item into its section, bounded breadcrumbs, a chapter's heat tree, a change explained by a
cited ancestor) asks this object rather than walking parent links by hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Section

N = TypeVar("N", bound=Hashable)


class SectionTree(Generic[N]):
    """Built from (node, parent) pairs in document order (parents first, as trees are stored)."""

    def __init__(self, pairs: Iterable[tuple[N, N | None]]):
        self.parent: dict[N, N | None] = {}
        self.kids: dict[N | None, list[N]] = defaultdict(list)
        self.order: list[N] = []
        for node, parent in pairs:
            self.add(node, parent)

    def add(self, node: N, parent: N | None) -> None:
        """A node after its parent (document order)."""
        self.parent[node] = parent
        self.kids[parent].append(node)
        self.order.append(node)

    @classmethod
    def of_ids(cls, session: Session, revision_id: int | None = None) -> SectionTree[int]:
        """Section ids of one revision (or of every revision), in document order."""
        query = select(Section.id, Section.parent_id).order_by(Section.revision_id, Section.position)
        if revision_id is not None:
            query = query.where(Section.revision_id == revision_id)
        return SectionTree[int]((sid, parent) for sid, parent in session.execute(query))

    @classmethod
    def of_keys(cls, session: Session, revision_id: int) -> SectionTree[str]:
        parent = {sid: key for sid, key in session.execute(select(Section.id, Section.key)
                                                           .where(Section.revision_id == revision_id))}
        rows = session.execute(select(Section.key, Section.parent_id).where(Section.revision_id == revision_id)
                               .order_by(Section.position))
        return SectionTree[str]((key, parent.get(p) if p is not None else None) for key, p in rows)

    def __contains__(self, node: object) -> bool:
        return node in self.parent

    def children(self, node: N | None) -> list[N]:
        return self.kids.get(node, [])

    def roots(self) -> list[N]:
        return [n for n in self.order if self.parent.get(n) is None]

    def ancestors(self, node: N) -> list[N]:
        """Parents up to the root, nearest first."""
        out: list[N] = []
        current = self.parent.get(node)
        while current is not None:
            out.append(current)
            current = self.parent.get(current)
        return out

    def subtree(self, node: N) -> Iterator[N]:
        """The node and everything below it, depth first in document order."""
        stack = [node]
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(self.kids.get(current, [])))

    def related(self, a: N, b: N) -> bool:
        """True when one is the other or an ancestor of it."""
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)
