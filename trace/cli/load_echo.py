"""What a load says on stderr: shared by `guideline load`, `comments load` and `build`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from guidetrace.comments.reload_match import ReloadReport
    from guidetrace.comments.review.reattach import ReattachSummary
    from guidetrace.comments.store_comments import LoadSummary
    from guidetrace.guideline.store_tree import TreeLoadSummary

SHOWN = 20  # keys named per kind of change; the rest counted


def echo_tree(s: TreeLoadSummary) -> None:
    click.echo(f"{s.revision}: {s.sections} sections ({s.added} added, {s.updated} updated, "
               f"{s.removed} removed), {s.links} links ({s.proposed_links} proposed)", err=True)


def echo_comments(s: LoadSummary) -> None:
    disp = ", ".join(f"{k} {v}" for k, v in s.dispositions.items())
    click.echo(f"{s.round} ({s.layout}, revision {s.revision}): {s.opinions} opinions "
               f"({s.added} new, {s.updated} matched, {s.removed} removed), {s.submissions} submissions counted; "
               f"citations {s.citations} resolved, {s.unresolved} unresolved; {s.topic_edges} topic tags; "
               f"dispositions: {disp}; language {s.lang or 'unknown'}", err=True)
    if s.columns:
        click.echo("columns: " + ", ".join(f"{field} ← {header}" for field, header in s.columns.items()), err=True)
    if s.conflicts:
        click.echo(f"warning: {s.conflicts} answer(s) whose words disagree with their column or heading "
                   "(see `guidetrace check`)", err=True)
    for key in s.grown:
        click.echo(f"grown: added inferred section {key}", err=True)
    _echo_reload(s.reload)
    echo_review(s.review, s.restored)
    for w in s.warnings:
        click.echo(f"warning: {w}", err=True)


def _echo_reload(r: ReloadReport) -> None:
    """What a reload changed, by name."""
    for name, keys in (("changed", r.changed), ("removed", r.removed), ("added", r.added),
                       ("renumbered", [f"{old} → {new}" for old, new in r.renumbered])):
        if keys:
            more = f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else ""
            click.echo(f"{name} ({len(keys)}): {', '.join(keys[:SHOWN])}{more}", err=True)


def echo_review(r: ReattachSummary, restored: int) -> None:
    """Decisions restored from a file, re-applied, moved or left detached by a load (raw ones too)."""
    if restored:
        click.echo(f"review: {restored} decision(s) restored from the file", err=True)
    if r.kept or r.detached:
        click.echo(f"review: {r.kept} decision(s) re-applied", err=True)
    for old, new in r.moved:
        click.echo(f"review: decisions on {old} follow the opinion to {new}", err=True)
    for number, key, action in r.detached:
        click.echo(f"warning: decision #{number} ({action} on {key}) could not be re-attached: the opinion is gone "
                   "or changed beyond recognition; it stays in `review log`", err=True)
