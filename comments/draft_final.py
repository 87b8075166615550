"""Draft → final: the ministry must report what changed after the round, and why.

For each draft revision whose final successor is loaded: `revised` answers whose
cited sections did not change (a promise not kept, or a tree not yet updated), and
changes that no `revised` answer explains.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import ROOT_KEY, implied_parent
from guidetrace.guideline.queries import diff_revisions
from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.models import Citation, Comment, ConsultationRound, Revision, Section

from .vocabulary import REVISED

BROAD_KINDS = ("root", "chapter")


def draft_final_pairs(session: Session) -> list[tuple[Revision, Revision]]:
    revs = {r.id: r for r in session.scalars(select(Revision))}
    return [(revs[r.predecessor_id], r) for r in revs.values()
            if r.status == "final" and r.predecessor_id in revs and revs[r.predecessor_id].status == "draft"]


def check_draft_final(session: Session) -> list[dict[str, Any]]:
    return [_check_pair(session, draft, final) for draft, final in draft_final_pairs(session)]


def _check_pair(session: Session, draft: Revision, final: Revision) -> dict[str, Any]:
    diff = diff_revisions(session, draft.key, final.key)
    sections = {k: (kind, parent) for k, kind, parent in session.execute(
        select(Section.key, Section.kind, Section.parent_id).where(Section.revision_id == draft.id))}
    id_to_key = dict(session.execute(select(Section.id, Section.key).where(Section.revision_id == draft.id)).all())
    revised: dict[str, list[str]] = defaultdict(list)
    for comment_key, section_id in session.execute(
        select(Comment.key, Citation.section_id).join(Citation, Citation.comment_id == Comment.id)
        .join(ConsultationRound, Comment.round_id == ConsultationRound.id)
        .where(ConsultationRound.revision_id == draft.id, Comment.disposition == REVISED,
               Citation.section_id.is_not(None)).order_by(Comment.key, Citation.position)
    ):
        if section_id is not None:
            revised[comment_key].append(id_to_key[section_id])

    tree = SectionTree.of_keys(session, draft.id)

    def explains(cited: str, changed: str) -> bool:
        return cited == changed or (cited in tree.ancestors(changed) and sections[cited][0] not in BROAD_KINDS)

    changes = []
    for change in ("retitled", "renumbered", "moved", "text_changed", "merged", "split", "removed", "added"):
        for e in diff[change]:
            draft_key = e.get("old") or (e["key"] if change == "removed" else None)
            final_key = e.get("new") or (e["key"] if change == "added" else None)
            probe = draft_key or _added_under(final_key, sections)
            explained = [c for c, cited in revised.items() if probe and any(explains(s, probe) for s in cited)]
            changes.append({"change": change, "draft": draft_key, "final": final_key, "title": e.get("title"),
                            "explained_by": explained})
    changed_keys = {c["draft"] for c in changes if c["draft"]}
    seen: set[tuple[str, str | None, str | None]] = set()
    unique = []
    for c in changes:
        if (key := (c["change"], c["draft"], c["final"])) not in seen:
            seen.add(key)
            unique.append(c)
    changes = unique
    unchanged = [{"comment": c, "sections": cited} for c, cited in revised.items()
                 if not any(explains(s, k) for s in cited for k in changed_keys)]
    return {"draft": draft.key, "final": final.key, "changes": changes, "revised_unchanged": unchanged}



def _added_under(final_key: str | None, sections: dict[str, Any]) -> str | None:
    """Where an added section would be explained: its parent in the draft (keys.implied_parent: 3.1.2(4)
    is under 3.1.2), never the whole guideline (a broad citation explains no particular change)."""
    parent = implied_parent(final_key) if final_key else None
    return parent if parent in sections and parent != ROOT_KEY else None
