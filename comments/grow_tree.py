"""`--grow-tree`: add sections a document names but a partial tree lacks, marked inferred."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import implied_parent, kind_for_key, number_of
from guidetrace.trace.models import Revision, Section

from .resolution import Unresolved
from .tree_index import TreeIndex


def grow_tree(session: Session, revision: Revision, index: TreeIndex,
              proposals: Iterable[Unresolved], *, source: str) -> list[str]:
    """Adds every proposed section (and any missing ancestors of dotted numbers); returns their keys."""
    ids = dict(index.ids)
    position = session.scalar(select(func.max(Section.position)).where(Section.revision_id == revision.id)) or 0
    added: list[str] = []

    def ensure(key: str, parent: str | None, kind: str | None, title: str | None) -> None:
        nonlocal position
        if key in ids:
            return
        parent = parent if parent and (parent in ids or implied_parent(parent) is not None) else None
        parent = parent or implied_parent(key) or index.root
        if parent not in ids:
            ensure(parent, implied_parent(parent), None, None)
        position += 1
        row = Section(revision_id=revision.id, key=key, kind=kind or kind_for_key(key), number=number_of(key),
                      title=title, parent_id=ids[parent], position=position, pages=[], aliases=[],
                      inferred=True, source=f"grown from {source}", note="named by a comment; not in the loaded tree")
        session.add(row)
        session.flush()
        ids[key] = row.id
        added.append(key)

    for u in proposals:
        if u.proposed_key:
            ensure(u.proposed_key, u.proposed_parent, u.proposed_kind, u.proposed_title)
    return added
