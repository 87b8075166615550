"""`review log`: the decisions trail, one entry per edit (a step), newest last.

A step holds the decisions one edit stored (a workbook cell that moved a citation is
"uncite" + "cite"): the entry shows each field's value before the first of them and
after the last, so the log reads as the person's edit, not its halves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import ReviewDecision

from .decisions import ACTIVE, FIELD_OF


def shown(value: Any) -> str:
    """A value before or after a decision, as a person reads it."""
    if isinstance(value, dict) and "fields" in value:  # a step that changed several fields
        return "; ".join(shown(v) for v in value["fields"].values())
    if isinstance(value, dict):
        parts = list(value.get("sections", [])) + [f"?{u}" for u in value.get("unresolved", [])]
        text = ", ".join(parts) or "—"
        if "disposition" in value:
            text += f" | {value['disposition']} | {', '.join(value.get('topics', [])) or '—'}"
        return text
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    return "—" if value in (None, "") else str(value)


def _state(ds: list[ReviewDecision]) -> str:
    if any(d.state == ACTIVE for d in ds):
        return "detached" if all(d.comment_id is None for d in ds) else ACTIVE
    return ds[0].state


def _values(ds: list[ReviewDecision]) -> tuple[Any, Any]:
    """Each field's value before the step's first decision on it and after its last."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for d in ds:
        field = FIELD_OF.get(d.action, d.action)
        before.setdefault(field, d.before)
        after[field] = d.after
    if len(before) == 1:
        return next(iter(before.values())), next(iter(after.values()))
    return {"fields": before}, {"fields": after}


def step_entry(ds: list[ReviewDecision]) -> dict[str, Any]:
    first = ds[0]
    before, after = _values(ds)
    values = [d.value for d in ds if d.value]
    return {"id": first.step or first.id, "round": first.round_key, "opinion": first.comment_key,
            "action": ", ".join(dict.fromkeys(d.action for d in ds)), "value": ", ".join(values) or None,
            "before": before, "after": after, "by": first.by, "at": first.at, "state": _state(ds), "note": first.note,
            "decisions": [{"id": d.id, "action": d.action, "value": d.value} for d in ds]}


def steps_of(decisions: list[ReviewDecision]) -> list[list[ReviewDecision]]:
    """Decisions (in id order) grouped by their step, in the order the steps were made."""
    groups: dict[int, list[ReviewDecision]] = {}
    for d in decisions:
        groups.setdefault(d.step or d.id, []).append(d)
    return list(groups.values())


def decision_log(session: Session, *, round_key: str | None = None, opinion: str | None = None) -> list[dict[str, Any]]:
    q = select(ReviewDecision).order_by(ReviewDecision.id)
    if round_key:
        q = q.where(ReviewDecision.round_key == round_key)
    if opinion:
        q = q.where(ReviewDecision.comment_key == opinion)
    return [step_entry(ds) for ds in steps_of(list(session.scalars(q)))]
