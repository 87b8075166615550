"""Reading guideline trees back from the store: list, show and diff.

Each function returns plain dicts ready for any output format; the CLI only
chooses the format.
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Guideline, Revision, Section, SectionLink

from .keys import canonical_key, sort_key, title_key

LINEAGE_KINDS = ("succeeds", "renumbered", "split", "merged")


def find_revision(session: Session, key: str, guideline_key: str | None = None, *, or_label: bool = False,
                  hint: str = "") -> Revision:
    """The one revision lookup: by key, or (`or_label`, where a person types it) by key or label, a key
    winning; an unknown one lists the known ones, then `hint` (what to do instead)."""
    query = select(Revision).where((Revision.key == key) | (Revision.label == key) if or_label else Revision.key == key)
    if guideline_key:
        query = query.join(Guideline).where(Guideline.key == guideline_key)
    found = session.scalars(query).all()
    found = [r for r in found if r.key == key] or found
    if not found:
        rows = session.execute(select(Revision.key, Revision.label)).all()
        known = ", ".join(sorted(f"{k} ({label})" if or_label and label else k for k, label in rows)) or "none loaded"
        raise GuidetraceError(f"unknown revision {key!r} (known: {known}){hint}")
    if len(found) > 1:
        raise GuidetraceError(f"revision {key!r} exists in several guidelines: pass --guideline")
    return found[0]


def latest_revision(session: Session) -> Revision:
    revs = session.scalars(select(Revision)).all()
    if not revs:
        raise GuidetraceError("the store holds no guideline: run `guidetrace guideline load FILE` first "
                              "(`guidetrace guideline load --bundled` for the shipped trees)")
    has_successor = {r.predecessor_id for r in revs}
    leaves = [r for r in revs if r.id not in has_successor]
    return sorted(leaves, key=lambda r: (r.date or "", r.id))[-1]


def section_rows(session: Session, revision: Revision) -> list[dict[str, Any]]:
    parent = aliased(Section)
    rows = session.execute(
        select(Section, parent.key)
        .outerjoin(parent, Section.parent_id == parent.id)
        .where(Section.revision_id == revision.id)
        .order_by(Section.position)
    ).all()
    return [_section_dict(s, parent_key, revision.key) for s, parent_key in rows]


def _section_dict(s: Section, parent_key: str | None, revision_key: str) -> dict[str, Any]:
    return {
        "revision": revision_key,
        "key": s.key,
        "kind": s.kind,
        "number": s.number,
        "title": s.title,
        "parent": parent_key,
        "pages": list(s.pages or []),
        "aliases": list(s.aliases or []),
        "inferred": s.inferred,
        "source": s.source,
        "note": s.note,
    }


def list_sections(session: Session, revision_key: str | None = None) -> list[dict[str, Any]]:
    revision = find_revision(session, revision_key) if revision_key else latest_revision(session)
    return section_rows(session, revision)


def show_section(session: Session, key: str, revision_key: str | None = None) -> dict[str, Any]:
    revision = find_revision(session, revision_key) if revision_key else latest_revision(session)
    rows = {r["key"]: r for r in section_rows(session, revision)}
    wanted = canonical_key(key)
    if wanted not in rows:
        by_title = [r for r in rows.values() if r["title"] and title_key(r["title"]) == title_key(key)]
        if len(by_title) != 1:
            raise GuidetraceError(f"no section {key!r} in revision {revision.key!r}")
        wanted = by_title[0]["key"]
    row = dict(rows[wanted])
    row["children"] = [r["key"] for r in rows.values() if r["parent"] == wanted]
    chain, parent = [], row["parent"]
    while parent:
        chain.append(parent)
        parent = rows[parent]["parent"]
    row["ancestors"] = chain
    section_id = session.scalar(select(Section.id).where(Section.revision_id == revision.id, Section.key == wanted))
    row["links"] = _links_of(session, section_id)
    return row


def _links_of(session: Session, section_id: int | None) -> list[dict[str, Any]]:
    other = aliased(Section)
    other_rev = aliased(Revision)
    out = []
    for direction, mine, theirs in (
        ("out", SectionLink.from_section_id, SectionLink.to_section_id),
        ("in", SectionLink.to_section_id, SectionLink.from_section_id),
    ):
        query = (
            select(SectionLink, other.key, other_rev.key)
            .outerjoin(other, theirs == other.id)
            .outerjoin(other_rev, other.revision_id == other_rev.id)
            .where(mine == section_id)
        )
        for link, key, rev in session.execute(query):
            out.append({"direction": direction, "kind": link.kind, "section": key, "revision": rev,
                        "proposed": link.proposed, "note": link.note})
    return out


def lineage_map(session: Session, old: Revision, new: Revision) -> dict[int, set[tuple[int, str]]]:
    """For each section of `new`, the sections of `old` it descends from, with the strongest link kind."""
    chain = [new]
    while chain[-1].id != old.id:
        pred = chain[-1].predecessor_id
        if pred is None:
            raise GuidetraceError(f"revision {old.key!r} is not an ancestor of {new.key!r}")
        chain.append(session.get(Revision, pred))  # type: ignore[arg-type]
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for src, dst, kind in session.execute(
        select(SectionLink.from_section_id, SectionLink.to_section_id, SectionLink.kind).where(
            SectionLink.kind.in_(LINEAGE_KINDS)
        )
    ):
        if dst is not None:
            links[src].append((dst, kind))
    current = {sid: {(sid, "same")} for sid in session.scalars(select(Section.id).where(Section.revision_id == new.id))}
    for _ in chain[1:]:
        step: dict[int, set[tuple[int, str]]] = {}
        for sid, reached in current.items():
            nxt: set[tuple[int, str]] = set()
            for mid, kind in reached:
                for dst, k in links.get(mid, []):
                    nxt.add((dst, k if kind == "same" or kind == "succeeds" else kind))
            step[sid] = nxt
        current = step
    return current


DIFF_KINDS = ("unchanged", "retitled", "renumbered", "moved", "text_changed", "merged", "split", "added", "removed")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _strip_numbers(key: str | None) -> str | None:
    """A parent renumbered with its children (3.1 → 4.1) is no move."""
    return re.sub(r"\d+", "#", key) if key else key


def text_diff(old: str, new: str, *, width: int = 60) -> list[str]:
    """A compact diff by sentence: `-removed` / `+added`, each cut to `width` characters."""
    a, b = _sentences(old), _sentences(new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out += ["-" + _cut(x, width) for x in a[i1:i2]]
        if op in ("insert", "replace"):
            out += ["+" + _cut(x, width) for x in b[j1:j2]]
    return out[:8]


def _sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[。．！？])|(?<=[.!?])\s+", _compact(text) if re.search(r"[。]", text) else text) if x]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def diff_revisions(session: Session, old_key: str, new_key: str) -> dict[str, Any]:
    old, new = find_revision(session, old_key), find_revision(session, new_key)
    old_rows = {r.id: r for r in session.scalars(select(Section).where(Section.revision_id == old.id))}
    new_rows = {r.id: r for r in session.scalars(select(Section).where(Section.revision_id == new.id))}
    mapping = lineage_map(session, old, new)
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in DIFF_KINDS}
    parent_key = {sid: r.key for sid, r in (old_rows | new_rows).items()}
    seen_old: set[int] = set()
    for sid, sec in sorted(new_rows.items(), key=lambda kv: sort_key(kv[1].key)):
        if sec.kind == "root":
            continue
        preds = [(oid, kind) for oid, kind in mapping.get(sid, set()) if oid in old_rows]
        if not preds:
            out["added"].append({"key": sec.key, "title": sec.title})
            continue
        for oid, kind in sorted(preds, key=lambda p: sort_key(old_rows[p[0]].key)):
            seen_old.add(oid)
            o = old_rows[oid]
            entry = {"old": o.key, "new": sec.key, "old_title": o.title, "title": sec.title, "link": kind}
            old_parent, new_parent = parent_key.get(o.parent_id or -1), parent_key.get(sec.parent_id or -1)
            if old_parent != new_parent and _strip_numbers(old_parent) != _strip_numbers(new_parent):
                out["moved"].append({**entry, "old_parent": old_parent, "parent": new_parent})
            if o.body and sec.body and _compact(o.body) != _compact(sec.body):
                out["text_changed"].append({**entry, "diff": text_diff(o.body, sec.body)})
            if kind in ("merged", "split"):
                out[kind].append(entry)
            elif o.key != sec.key:
                out["renumbered"].append(entry)
            elif (o.title or "") != (sec.title or "") and o.title and sec.title:
                out["retitled"].append(entry)
            else:
                out["unchanged"].append(entry)
    for oid, o in sorted(old_rows.items(), key=lambda kv: sort_key(kv[1].key)):
        if oid not in seen_old and o.kind != "root":
            out["removed"].append({"key": o.key, "title": o.title})
    result: dict[str, Any] = {"old": old.key, "new": new.key, **out}
    if new.partial or old.partial:
        result["caveat"] = (
            "at least one tree is partial: 'removed' means not found in the newer tree's record, "
            "and 'added' may have existed before"
        )
    return result
