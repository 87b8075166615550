"""`guidetrace privacy scan`: find personal data again and list every finding with its state."""

from __future__ import annotations

from typing import Any

import click

from ..output import emit, render
from .base import FORMATS, LANG, Lazy, tell


@click.group()
def privacy() -> None:
    """Personal data in comments: found on every load, masked in everything published until decided."""


@privacy.command("scan")
@click.option("--round", "round_key")
@click.option("--format", "fmt", type=FORMATS, default="table")
@LANG
@click.option("-o", "--output")
@click.pass_obj
def privacy_scan(obj: Lazy, round_key: str | None, fmt: str, lang: str | None, output: str | None) -> None:
    """Scan again (after the rules changed) and list findings: opinion, field, kind, text, the sentence around
    it (the finding in 【】), confidence, state."""
    from sqlalchemy import select

    from guidetrace.comments.privacy.grouped import contexts
    from guidetrace.comments.privacy.store_findings import decision_value, findings_of, scan, states
    from guidetrace.trace.models import Comment

    with obj.store.transaction() as session:
        scan(session, round_key)
        found = findings_of(session, round_key=round_key)
        state = states(session, found)
        around = contexts(session, found)
        ids = sorted({f.comment_id for f in found})
        keys: dict[int, str] = {}
        for start in range(0, len(ids), 5000):
            keys.update(session.execute(select(Comment.id, Comment.key).where(Comment.id.in_(ids[start:start + 5000]))
                                        ).all())
        rows: list[dict[str, Any]] = [{"opinion": keys[f.comment_id], "field": f.field, "kind": f.kind, "text": f.text,
                 "context": around[f.id], "confidence": f.confidence, "rule": f.rule, "state": state[f.id],
                 "decide": decision_value(f.field, f.kind, f.text)} for f in found]
    lang = obj.lang(lang)
    pending = sum(r["state"] == "pending" for r in rows)
    if fmt == "json":
        emit(render(rows, "json"), output)
    else:  # in words: 意見, ［電話番号］, 判断待ち (the rule and the value to decide with are in the JSON)
        from guidetrace.reports.labels import label
        from guidetrace.reports.review.words import finding_field, finding_kind

        from .tables import labelled

        shown = [{**r, "field": finding_field(r["field"], lang), "kind": finding_kind(r["kind"], lang),
                  "state": label(f"finding_{r['state']}", lang)} for r in rows]
        emit(labelled(shown, ["opinion", "field", "kind", "text", "context", "confidence", "state"], fmt, lang,
                      heads="privacy_"), output)
    tell("msg_findings", lang, len(rows), pending)
