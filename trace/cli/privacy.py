"""`guidetrace privacy scan`: find personal data again and list every finding with its state."""

from __future__ import annotations

import click

from ..output import emit, render
from .base import FORMATS, Lazy, tell


@click.group()
def privacy() -> None:
    """Personal data in comments: found on every load, masked in everything published until decided."""


@privacy.command("scan")
@click.option("--round", "round_key")
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("-o", "--output")
@click.pass_obj
def privacy_scan(obj: Lazy, round_key: str | None, fmt: str, output: str | None) -> None:
    """Scan again (after the rules changed) and list findings: opinion, field, kind, text, confidence, state."""
    from sqlalchemy import select

    from guidetrace.comments.privacy.store_findings import decision_value, findings_of, scan, states
    from guidetrace.trace.models import Comment

    with obj.store.transaction() as session:
        scan(session, round_key)
        found = findings_of(session, round_key=round_key)
        state = states(session, found)
        keys = dict(session.execute(select(Comment.id, Comment.key).where(
            Comment.id.in_(sorted({f.comment_id for f in found})))).all()) if found else {}
        rows = [{"opinion": keys[f.comment_id], "field": f.field, "kind": f.kind, "text": f.text,
                 "confidence": f.confidence, "rule": f.rule, "state": state[f.id],
                 "decide": decision_value(f.field, f.kind, f.text)} for f in found]
    emit(render(rows, fmt, columns=None if fmt == "json" else ["opinion", "field", "kind", "text", "confidence",
                                                                  "rule", "state"]), output)
    tell("msg_findings", obj.lang(), len(rows), sum(r["state"] == "pending" for r in rows))
