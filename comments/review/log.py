"""`review log`: the decisions trail, newest last."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import ReviewDecision

from .decisions import ACTIVE


def shown(value: Any) -> str:
    """A value before or after a decision, as a person reads it."""
    if isinstance(value, dict):
        parts = list(value.get("sections", [])) + [f"?{u}" for u in value.get("unresolved", [])]
        text = ", ".join(parts) or "—"
        if "disposition" in value:
            text += f" | {value['disposition']} | {', '.join(value.get('topics', [])) or '—'}"
        return text
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    return "—" if value in (None, "") else str(value)


def decision_log(session: Session, *, round_key: str | None = None, opinion: str | None = None) -> list[dict[str, Any]]:
    q = select(ReviewDecision).order_by(ReviewDecision.id)
    if round_key:
        q = q.where(ReviewDecision.round_key == round_key)
    if opinion:
        q = q.where(ReviewDecision.comment_key == opinion)
    return [{"id": d.id, "round": d.round_key, "opinion": d.comment_key, "action": d.action, "value": d.value,
             "before": d.before, "after": d.after, "by": d.by, "at": d.at,
             "state": "detached" if d.state == ACTIVE and d.comment_id is None else d.state, "note": d.note}
            for d in session.scalars(q)]
