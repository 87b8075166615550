"""A round's decisions to and from a file: what `rounds remove` keeps and `comments load --decisions` restores.

The file is JSON (no code, no YAML tags): each decision with the opinion's id, label and
fingerprint, so a later load finds the opinions again as a reload does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Comment, ReviewDecision, Revision, Submitter
from guidetrace.trace.output import write_new
from guidetrace.trace.store import Store

from ..rounds import find_round
from .decisions import ACTIONS, ACTIVE, UNDONE

FORMAT = "guidetrace-decisions"
FIELDS = ("comment_key", "label", "fingerprint", "text", "action", "value", "before", "after", "note", "by", "at",
          "state", "step")
REQUIRED = ("comment_key", "fingerprint", "text", "action", "by", "at")


@dataclass(frozen=True)
class DecisionFile:
    path: str
    round: str
    decisions: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RemovalSummary:
    """With what the round was loaded from, so the command that restores it can be printed whole."""

    round: str
    opinions: int
    decisions: int
    decisions_file: str | None
    revision: str
    kind: str  # result | raw: `comments load` or `comments load-raw`
    source_file: str | None
    source_sha256: str | None


def decision_rows(session: Session, round_key: str) -> list[dict[str, Any]]:
    return [{f: getattr(d, f) for f in FIELDS} for d in session.scalars(
        select(ReviewDecision).where(ReviewDecision.round_key == round_key).order_by(ReviewDecision.id))]


def write_decisions(path: Path | None, round_key: str, rows: list[dict[str, Any]]) -> Path:
    """A new file, never one that exists: `path` when given (refused if taken), else a name of its own here.
    Returns where they went."""
    data = json.dumps({"format": FORMAT, "version": 1, "round": round_key, "decisions": rows},
                      ensure_ascii=False, indent=1) + "\n"
    if path is not None:
        try:
            write_new(path, data)
        except FileExistsError:
            raise GuidetraceError(f"{path} exists: refusing to replace it; nothing was removed (name a new file with "
                                  "--decisions-out)") from None
        return path
    for candidate in default_decisions_paths(round_key):
        try:
            write_new(candidate, data)
            return candidate
        except FileExistsError:
            continue
    raise AssertionError("unreachable: the candidates never end")


def read_decisions(path: Path) -> DecisionFile:
    """Checked whole before anything is written: one line naming the file and the entry."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GuidetraceError(f"cannot read decisions: {exc.strerror}", file=str(path)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise GuidetraceError(f"not a decisions file (JSON expected): {exc}", file=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("decisions"), list):
        raise GuidetraceError("not a decisions file (written by `guidetrace rounds remove ROUND`)", file=str(path))
    for n, entry in enumerate(data["decisions"], 1):
        missing = [f for f in REQUIRED if not isinstance(entry, dict) or not isinstance(entry.get(f), str)]
        if missing:
            raise GuidetraceError(f"decision {n}: missing {', '.join(missing)}", file=str(path))
        if entry["action"] not in ACTIONS or entry.get("state", ACTIVE) not in (ACTIVE, UNDONE):
            raise GuidetraceError(f"decision {n}: unknown action or state", file=str(path))
        if entry.get("step") is not None and (not isinstance(entry["step"], int) or isinstance(entry["step"], bool)):
            raise GuidetraceError(f"decision {n}: step is not a number", file=str(path))
    return DecisionFile(str(path), str(data.get("round") or ""), tuple(data["decisions"]))


def restore_decisions(session: Session, file: DecisionFile, round_key: str) -> int:
    """Adds the file's decisions to the round (those already there are not added twice); the decisions of
    one edit stay one step (a file written before steps: those one command stored, same opinion and time)."""
    have = {(d.comment_key, d.action, d.value, d.by, d.at) for d in
            session.scalars(select(ReviewDecision).where(ReviewDecision.round_key == round_key))}
    added = 0
    steps: dict[Any, int] = {}
    for entry in file.decisions:
        ident = (entry["comment_key"], entry["action"], entry.get("value"), entry["by"], entry["at"])
        if ident in have:
            continue
        have.add(ident)
        d = ReviewDecision(round_key=round_key, comment_id=None, before=entry.get("before"),
                           after=entry.get("after"), state=entry.get("state") or ACTIVE,
                           **{f: entry.get(f) for f in FIELDS if f not in ("before", "after", "state", "step")})
        session.add(d)
        session.flush()
        d.step = steps.setdefault(entry.get("step") or (entry["comment_key"], entry["by"], entry["at"]), d.id)
        added += 1
    session.flush()
    return added


def default_decisions_paths(round_key: str) -> Iterator[Path]:
    """decisions-ROUND-TIME.json, then -2, -3 …: a key whose characters a file name cannot hold is shown
    folded and told apart by a short hash of itself (r/1 and r_1 are two rounds)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", round_key)
    if safe != round_key:
        safe += "-" + hashlib.sha256(round_key.encode()).hexdigest()[:6]
    stem = f"decisions-{safe}-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}"
    yield Path(f"{stem}.json")
    n = 2
    while True:
        yield Path(f"{stem}-{n}.json")
        n += 1


def remove_round(store: Store, round_key: str, decisions_file: Path | None = None) -> RemovalSummary:
    """The round, its opinions, citations, tags and clusters go; its decisions go to a file first."""
    with store.transaction() as session:
        rnd = find_round(session, round_key)
        rows = decision_rows(session, rnd.key)
        path = None
        if rows:  # before anything is deleted: a failed or refused write deletes nothing
            path = write_decisions(decisions_file, rnd.key, rows)
        opinions = session.scalar(select(Comment.id).where(Comment.round_id == rnd.id).limit(1))
        count = len(session.scalars(select(Comment.id).where(Comment.round_id == rnd.id)).all()) if opinions else 0
        summary = RemovalSummary(rnd.key, count, len(rows), str(path) if path else None,
                                 session.scalar(select(Revision.key).where(Revision.id == rnd.revision_id)) or "",
                                 rnd.kind, rnd.source_file, rnd.source_sha256)
        session.execute(delete(ReviewDecision).where(ReviewDecision.round_key == rnd.key))
        session.delete(rnd)
        session.flush()
        orphans = select(Submitter.id).where(~select(Comment.id).where(Comment.submitter_id == Submitter.id).exists())
        session.execute(delete(Submitter).where(Submitter.id.in_(orphans)))
        return summary
