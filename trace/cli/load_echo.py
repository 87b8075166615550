"""What a load says on stderr: shared by `guideline load`, `comments load` and `build`, in the catalogue's
words (the document's language for a comment load, the store's for a tree)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import say, tell

if TYPE_CHECKING:
    from guidetrace.comments.reload_match import ReloadReport
    from guidetrace.comments.review.reattach import ReattachSummary
    from guidetrace.comments.store_comments import LoadSummary
    from guidetrace.guideline.store_tree import TreeLoadSummary

SHOWN = 20  # keys named per kind of change; the rest counted


def echo_tree(s: TreeLoadSummary, lang: str) -> None:
    tell("msg_tree_loaded", lang, revision=s.revision, sections=s.sections, added=s.added, updated=s.updated,
         removed=s.removed, links=s.links, proposed=s.proposed_links)


def echo_comments(s: LoadSummary, lang: str | None = None) -> None:
    """`lang`: the outputs' language when the user set one, else the document's."""
    from guidetrace.reports.labels import label

    lang = lang or s.lang or "ja"
    sep = label("list_sep", lang)
    disp = sep.join(f"{label(k, lang)} {v}" for k, v in s.dispositions.items())
    tell("msg_comments_loaded", lang, round=s.round, layout=label(f"layout_{s.layout}", lang), revision=s.revision,
         opinions=s.opinions, added=s.added, updated=s.updated, removed=s.removed, submissions=s.submissions,
         citations=s.citations, unresolved=s.unresolved, tags=s.topic_edges, dispositions=disp,
         lang=label(f"lang_{s.lang}", lang) if s.lang else label("unknown", lang))
    if s.columns:
        tell("msg_columns", lang, sep.join(f"{label('field_' + field, lang)} ← {header}"
                                          for field, header in s.columns.items()))
    if s.conflicts:
        tell("msg_conflicts", lang, s.conflicts)
    for key in s.grown:
        tell("msg_grown", lang, key)
    _echo_reload(s.reload, lang)
    echo_review(s.review, s.restored, lang)
    for w in s.warnings:
        tell("msg_warning", lang, w)


def _echo_reload(r: ReloadReport, lang: str) -> None:
    """What a reload changed, by name."""
    from guidetrace.reports.labels import label

    for name, keys in (("changed", r.changed), ("removed", r.removed), ("added", r.added),
                       ("renumbered", [f"{old} → {new}" for old, new in r.renumbered])):
        if keys:
            more = say("msg_reload_more", lang, len(keys) - SHOWN) if len(keys) > SHOWN else ""
            tell("msg_reload", lang, name=label(f"reload_{name}", lang), count=len(keys), keys=", ".join(keys[:SHOWN]),
                 more=more)


def echo_review(r: ReattachSummary, restored: int, lang: str) -> None:
    """Decisions restored from a file, re-applied, moved or left detached by a load (raw ones too)."""
    from guidetrace.reports.labels import label

    if restored:
        tell("msg_restored", lang, restored)
    if r.kept or r.detached:
        tell("msg_reapplied", lang, r.kept)
    for old, new in r.moved:
        tell("msg_moved", lang, old, new)
    for number, key, action in r.detached:
        tell("msg_detached", lang, number=number, key=key, action=label(f"action_{action}", lang))
