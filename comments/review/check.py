"""`check`: what needs a person's eye in the store, and whether that fails the check.

With review because it is review's view of the store: the queue's open items, the draft/final
consistency and the lexicon's overfiring terms, each listed once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Citation, Comment, CommentTopic, ConsultationRound, Topic

from ..draft_final import check_draft_final
from ..vocabulary import UNCLASSIFIED
from .decisions import REVIEWED
from .queue import KINDS, ReviewItem, queue_counts, review_queue


def check_store(session: Session) -> dict[str, list[dict[str, Any]]]:
    """What needs a person's eye: unresolved citations, unclassified answers, load warnings."""
    unresolved = [
        {"comment": key, "text": c.text, "evidence": c.evidence, "reason": c.note, "file": file, "line": line}
        for c, key, file, line in session.execute(
            select(Citation, Comment.key, Comment.source_file, Comment.source_line)
            .join(Comment, Citation.comment_id == Comment.id)
            .where(Citation.section_id.is_(None)).order_by(Comment.key, Citation.position)
        )
    ]
    unclassified = [
        {"comment": key, "response": response, "file": file, "line": line}
        for key, response, file, line in session.execute(
            select(Comment.key, Comment.response, Comment.source_file, Comment.source_line)
            .where(Comment.disposition == UNCLASSIFIED).order_by(Comment.key)
        )
    ]
    conflicts = [
        {"comment": key, "column": disposition,
         "text": next(d["disposition"] for d in entries if d.get("evidence") == "conflict"),
         "stated_by": next((d["rule"] for d in entries if d.get("evidence") in ("column", "heading")), None),
         "file": file, "line": line}
        for key, disposition, entries, file, line in session.execute(
            select(Comment.key, Comment.disposition, Comment.dispositions, Comment.source_file, Comment.source_line)
            .where(cast(Comment.dispositions, String).like('%"conflict"%')).order_by(Comment.key))
        if any(d.get("evidence") == "conflict" for d in entries or [])
    ]
    warnings = [
        {"round": key, "warning": w}
        for key, ws in session.execute(select(ConsultationRound.key, ConsultationRound.warnings))
        for w in ws or []
    ]
    queue = review_queue(session, kinds=[k for k in KINDS if k != "topic"])  # built once: filters and counts
    unresolved, unclassified, conflicts = _still_open(queue, unresolved, unclassified, conflicts)
    resolved = select(Citation.comment_id).where(Citation.section_id.is_not(None))
    no_section = [{"comment": key, "location": location, "file": file, "line": line}
                  for key, location, file, line in session.execute(
                      select(Comment.key, Comment.location, Comment.source_file, Comment.source_line)
                      .where(Comment.id.not_in(resolved)).order_by(Comment.key))]
    pairs = check_draft_final(session)
    draft_final = [{"revisions": f"{p['draft']} → {p['final']}", "change": c["change"], "draft_section": c["draft"],
                    "final_section": c["final"], "title": c["title"], "explained_by": c["explained_by"]}
                   for p in pairs for c in p["changes"]]
    revised_unchanged = [{"revisions": f"{p['draft']} → {p['final']}", **r} for p in pairs for r in p["revised_unchanged"]]
    awaiting = [{"kind": kind, "items": n} for kind, n in queue_counts(queue).items() if n]
    return {"unresolved": unresolved, "no_section": no_section, "unclassified": unclassified,
            "disposition_conflicts": conflicts,
            "awaiting_review": awaiting, "lexicon_overfiring": overfiring_terms(session), "warnings": warnings,
            "draft_final_changes": draft_final, "revised_unchanged": revised_unchanged}


def _still_open(queue: list[ReviewItem], *lists: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], ...]:
    """What a person has decided or accepted is no longer listed."""
    open_items = {(i.opinion, i.field) for i in queue if i.kind in ("unresolved", "unclassified", "conflict")}
    fields = ("citation", "disposition", "disposition")
    return tuple([r for r in rows if (r["comment"], field) in open_items] for rows, field in zip(lists, fields))


OVERFIRE_MIN_OPINIONS = 40  # below this, a share says little


def overfiring_terms(session: Session) -> list[dict[str, Any]]:
    """Lexicon terms that tag more than the set share of all opinions: an everyday word, most likely
    (give it `requires:` in the lexicon)."""
    from guidetrace.trace.rules import packaged_yaml

    share = float(packaged_yaml("guidetrace.comments", "topics.yaml").get("overfire_share", 0.25))
    total = session.scalar(select(func.count()).select_from(Comment)) or 0
    if total < OVERFIRE_MIN_OPINIONS:
        return []
    rows = session.execute(select(Topic.key, CommentTopic.matched, func.count()).join(Topic)
                           .where(CommentTopic.matched != REVIEWED).group_by(Topic.key, CommentTopic.matched))
    return [{"topic": key, "term": term, "opinions": n, "share": round(n / total, 3)}
            for key, term, n in sorted(rows, key=lambda r: -r[2]) if n / total > share]


NEEDS_REVIEW = ("unresolved", "unclassified", "disposition_conflicts", "revised_unchanged")


def pending(found: dict[str, list[dict[str, Any]]]) -> int:
    """The items awaiting review: as many as `review list` lists (suggested topics aside)."""
    return sum(r["items"] for r in found["awaiting_review"])


def needs_review(found: dict[str, list[dict[str, Any]]], *, pending_ok: bool = False) -> bool:
    """Anything awaiting review fails the check, unless `pending_ok`; changes nobody explains and revised
    answers whose sections did not change always do (explained changes are information)."""
    inconsistent = bool(found["revised_unchanged"]) or any(not c["explained_by"] for c in found["draft_final_changes"])
    if pending_ok:
        return inconsistent
    return inconsistent or pending(found) > 0 or any(found[k] for k in NEEDS_REVIEW)


