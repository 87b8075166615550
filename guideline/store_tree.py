"""Writing a parsed revision tree into the store: one transaction, idempotent.

Sections are matched by (revision, key) and updated in place, so comments that
cite them keep their links when a corrected tree is loaded again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from guidetrace.trace.bulk_insert import insert_rows
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.fit import fit_row
from guidetrace.trace.models import Guideline, Revision, Section, SectionLink, table_of
from guidetrace.trace.store import Store

from .keys import ROOT_KEY, sort_key
from .lineage import propose_lineage
from .records import LinkRecord, RevisionTree
from .removals import keep_citations_of_removed, relink_returned, rename_decisions, renumbered


@dataclass(frozen=True)
class TreeLoadSummary:
    revision: str
    sections: int
    added: int
    updated: int
    removed: int
    links: int
    proposed_links: int


def store_tree(store: Store, tree: RevisionTree, *, allow_removals: bool = False) -> TreeLoadSummary:
    with store.transaction() as session:
        return _store_tree(session, tree, allow_removals=allow_removals)


def _store_tree(session: Session, tree: RevisionTree, *, allow_removals: bool = False) -> TreeLoadSummary:
    g = session.scalar(select(Guideline).where(Guideline.key == tree.guideline.key))
    if g is None:
        g = Guideline(key=tree.guideline.key, title=tree.guideline.title)
        session.add(g)
    g.title, g.publisher = tree.guideline.title, tree.guideline.publisher
    session.flush()

    rec = tree.revision
    predecessor = None
    if rec.predecessor:
        predecessor = session.scalar(
            select(Revision).where(Revision.guideline_id == g.id, Revision.key == rec.predecessor)
        )
        if predecessor is None:
            raise GuidetraceError(
                f"predecessor revision {rec.predecessor!r} is not in the store: load it first", file=tree.file
            )
    rev = session.scalar(select(Revision).where(Revision.guideline_id == g.id, Revision.key == rec.key))
    if rev is None:
        rev = Revision(guideline_id=g.id, key=rec.key, label=rec.label, status=rec.status)
        session.add(rev)
    rev.label, rev.status, rev.date, rev.source = rec.label, rec.status, rec.date, rec.source
    rev.partial, rev.notes = rec.partial, list(rec.notes)
    rev.predecessor_id = predecessor.id if predecessor else None
    session.flush()

    added, updated, removed, ids = _store_sections(session, rev, tree, allow_removals)
    links, proposed = _store_links(session, tree, rev, predecessor, ids)
    return TreeLoadSummary(rec.key, len(tree.sections), added, updated, removed, links, proposed)


def _store_sections(
    session: Session, rev: Revision, tree: RevisionTree, allow_removals: bool
) -> tuple[int, int, int, dict[str, int]]:
    revision_id, records = rev.id, tree.sections
    existing = {s.key: s for s in session.scalars(select(Section).where(Section.revision_id == revision_id))}
    session.execute(update(Section).where(Section.revision_id == revision_id).values(parent_id=None))
    wanted = {r.key for r in records}
    for old_key, new_key in renumbered(existing, records).items():  # the same row under its new number:
        row = existing.pop(old_key)  # citations, decisions and lineage follow it
        row.key = new_key
        existing[new_key] = row
        rename_decisions(session, revision_id, old_key, new_key)
    session.flush()
    gone = {s.id: k for k, s in existing.items() if k not in wanted}
    if gone:
        keep_citations_of_removed(session, rev, gone, allow_removals, tree.file)
        session.execute(delete(Section).where(Section.id.in_(list(gone))))
    added = updated = 0
    ids = {k: row.id for k, row in existing.items() if k in wanted}
    fresh: list[dict[str, object]] = []
    for position, rec in enumerate(records):
        found = existing.get(rec.key)
        values = fit_row(table_of(Section), dict(
            key=rec.key, kind=rec.kind, number=rec.number, title=rec.title, position=position, pages=list(rec.pages),
            aliases=list(rec.aliases), body=rec.body, inferred=rec.inferred, source=rec.source, note=rec.note,
        ), file=tree.file, line=rec.line)
        if found is None:
            fresh.append(dict(values, revision_id=revision_id))
            added += 1
        else:
            values.pop("key")
            if any(getattr(found, k) != v for k, v in values.items()):
                updated += 1
            for k, v in values.items():
                setattr(found, k, v)
    session.flush()
    connection, table = session.connection(), table_of(Section)
    unparented = _insert_sections(connection, fresh, ids, {rec.key: rec.parent for rec in records})
    parents = [{"b_id": ids[rec.key], "b_parent": ids[rec.parent]} for rec in records
               if rec.parent is not None and (rec.key in existing or rec.key in unparented)]
    if parents:  # by primary key: one executemany
        connection.execute(update(table).where(table.c.id == bindparam("b_id")).values(parent_id=bindparam("b_parent")),
                           parents)
    session.expire_all()  # the rows above changed behind the session's back
    relink_returned(session, rev, ids)
    return added, updated, len(gone), ids


def _insert_sections(connection: Connection, fresh: list[dict[str, object]], ids: dict[str, int],
                     parent_of: dict[str, str | None]) -> set[str]:
    """New sections by Core, in one executemany (an ORM object each cost more than the rest of a load);
    returns the keys of those written without their parent, which is set after by id. On SQLite the ids
    are given here (this transaction holds the store's write lock, so no other writer takes one), and
    each row goes in with its parent when that row is already in: no RETURNING, and no second pass."""
    table = table_of(Section)
    if not fresh:
        return set()
    if connection.dialect.name != "sqlite":
        ids.update((key, sid) for key, sid in connection.execute(insert(table).returning(table.c.key, table.c.id), fresh))
        return {str(row["key"]) for row in fresh}
    next_id = (connection.scalar(select(func.max(table.c.id))) or 0) + 1
    placed, unparented, rows = set(ids), set(), []
    for n, row in enumerate(fresh):
        key, parent = str(row["key"]), parent_of[str(row["key"])]
        ids[key] = next_id + n
        if parent is not None and parent not in placed:
            unparented.add(key)
        rows.append(dict(row, id=ids[key], parent_id=ids[parent] if parent in placed else None))
        placed.add(key)
    insert_rows(connection, table, rows)
    return unparented


def _store_links(
    session: Session, tree: RevisionTree, rev: Revision, predecessor: Revision | None, ids: dict[str, int]
) -> tuple[int, int]:
    old_ids: dict[str, int] = {}
    old_titles: list[tuple[str, str | None]] = []
    if predecessor is not None:
        for key, sid, title in session.execute(
            select(Section.key, Section.id, Section.title).where(Section.revision_id == predecessor.id)
        ):
            old_ids[key] = sid
            old_titles.append((key, title))
        old_titles.sort(key=lambda kt: sort_key(kt[0]))
    # Links are owned by the newer side: this revision's own links, and `removed`
    # marks on its predecessor's sections; a successor's links to us are kept.
    session.execute(delete(SectionLink).where(SectionLink.from_section_id.in_(list(ids.values()))))
    session.execute(
        delete(SectionLink).where(SectionLink.kind == "removed", SectionLink.from_section_id.in_(list(old_ids.values())))
    )
    links = list(tree.links)
    lineage_given = any(link.kind != "refers_to" for link in links)
    if predecessor is not None and not any(link.to_key == ROOT_KEY for link in links):
        # The whole guideline always succeeds the whole guideline: 全般 keeps its comments.
        links.append(LinkRecord("succeeds", ROOT_KEY, ROOT_KEY, note="the guideline as a whole"))
    proposed = 0
    if predecessor is not None and not lineage_given:
        new_titles = [(s.key, s.title) for s in tree.sections if s.kind != "root"]
        suggestions = propose_lineage(old_titles, new_titles, both_complete=not (rev.partial or predecessor.partial))
        links.extend(suggestions)
        proposed = len(suggestions)
    target_id: int | None
    for link in links:
        if link.kind == "refers_to":
            source_id, target_id = ids[link.from_key], ids[link.to_key]  # type: ignore[index]
        else:
            if predecessor is None:
                raise GuidetraceError(
                    "lineage given but the revision names no predecessor", file=tree.file, line=link.line
                )
            if link.from_key not in old_ids:
                raise GuidetraceError(
                    f"lineage names {link.from_key!r}, which is not a section of {predecessor.key!r}",
                    file=tree.file,
                    line=link.line,
                )
            # Edges point from the newer section to the one it succeeds.
            source_id = ids[link.to_key] if link.to_key else old_ids[link.from_key]
            target_id = old_ids[link.from_key] if link.to_key else None
        session.add(
            SectionLink(kind=link.kind, from_section_id=source_id, to_section_id=target_id,
                        proposed=link.proposed, note=link.note)
        )
    session.flush()
    return len(links), proposed
