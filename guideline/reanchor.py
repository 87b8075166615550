"""Showing a section of an older revision against its successors in a newer one.

Lineage links point from a newer section to the one it succeeds. Walking them
forward from a cited section gives its successors; any step that is not a plain
`succeeds` with the same title (renumbered, split, merged, retitled), or a dead
end, makes the citation `outdated`, as requirement tools flag suspect links.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Revision, Section, SectionLink

LINEAGE_KINDS = ("succeeds", "renumbered", "split", "merged")


@dataclass(frozen=True)
class Change:
    """Why a citation is outdated, as data a report words in its language (`reports/labels.py: reason`).

    kind: `no_successor` (key has none in revision), `linked` (key became `to` by a lineage `link`),
    `retitled` (key's title changed), `not_before` (revision is not on the target's predecessor chain)."""

    kind: str
    key: str = ""
    to: str = ""
    link: str = ""
    old_title: str = ""
    new_title: str = ""
    revision: str = ""
    target: str = ""

    def text(self) -> str:
        """In English, for the review queue's detail and the log."""
        if self.kind == "no_successor":
            return f"{self.key} has no successor in {self.revision}"
        if self.kind == "linked":
            return f"{self.key} → {self.to} ({self.link})"
        if self.kind == "retitled":
            return f"{self.key} retitled: {self.old_title} → {self.new_title}"
        return f"revision {self.revision} is not before {self.target}"


@dataclass(frozen=True)
class Anchor:
    keys: tuple[str, ...]
    outdated: bool
    changes: tuple[Change, ...]

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(c.text() for c in self.changes)


class Reanchorer:
    """Loads sections and lineage once; `anchor` is then a walk over dicts."""

    def __init__(self, session: Session, target: Revision):
        self.target = target
        self.revisions = {r.id: r for r in session.scalars(select(Revision))}
        self.sections = {sid: (rid, key, title) for sid, rid, key, title in
                         session.execute(select(Section.id, Section.revision_id, Section.key, Section.title))}
        self.forward: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for new, old, kind in session.execute(select(SectionLink.from_section_id, SectionLink.to_section_id,
                                                     SectionLink.kind).where(SectionLink.kind.in_(LINEAGE_KINDS))):
            if old is not None:
                self.forward[old].append((new, kind))
        self.depth = self._depths()
        self._cache: dict[int, Anchor] = {}

    def _depths(self) -> dict[int, int]:
        """Distance of each revision on the target's predecessor chain from the target."""
        depth: dict[int, int] = {}
        current: Revision | None = self.target
        d = 0
        while current is not None:
            depth[current.id] = d
            current = self.revisions.get(current.predecessor_id) if current.predecessor_id else None
            d += 1
        return depth

    def anchor(self, section_id: int) -> Anchor:
        if section_id not in self._cache:
            self._cache[section_id] = self._walk(section_id)
        return self._cache[section_id]

    def _walk(self, section_id: int) -> Anchor:
        rid, key, _ = self.sections[section_id]
        if rid not in self.depth:
            return Anchor((), True, (Change("not_before", key, revision=self.revisions[rid].key,
                                            target=self.target.key),))
        frontier = [(section_id, ())]
        reasons: list[Change] = []
        for _ in range(self.depth[rid]):
            step = []
            for sid, path in frontier:
                nxt = [(n, k) for n, k in self.forward.get(sid, []) if self.depth.get(self.sections[n][0], -1) ==
                       self.depth[self.sections[sid][0]] - 1]
                if not nxt:
                    reasons.append(Change("no_successor", self.sections[sid][1], revision=self._next_rev(sid)))
                for n, kind in nxt:
                    old_title, new_title = self.sections[sid][2], self.sections[n][2]
                    if kind != "succeeds":
                        reasons.append(Change("linked", self.sections[sid][1], to=self.sections[n][1], link=kind))
                    elif old_title and new_title and old_title != new_title:
                        reasons.append(Change("retitled", self.sections[n][1], old_title=old_title,
                                              new_title=new_title))
                    step.append((n, path))
            frontier = step
        keys = tuple(dict.fromkeys(self.sections[sid][1] for sid, _ in frontier))
        return Anchor(keys, bool(reasons), tuple(dict.fromkeys(reasons)))

    def _next_rev(self, section_id: int) -> str:
        d = self.depth[self.sections[section_id][0]] - 1
        return next((self.revisions[r].key for r, dd in self.depth.items() if dd == d), "?")
