"""The themes people accepted or merged, applied over the lexicon in force.

A theme decision belongs to the store, as the lexicon text `topics use` keeps does; the
lexicon every load and retag tags with is that text (or the shipped lexicon) with the
decisions in force applied: an accepted theme is a topic of its own (its term and variants
its terms), a merged one adds its term and variants to the topic it joined. Applying them
here rather than rewriting the user's file keeps the file as the user wrote it, and keeps
the decisions when the user's file changes. The latest decision on a term is the one in force.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.languages import DEFAULT_LANG
from guidetrace.trace.models import ThemeDecision

from ..topics_lexicon import CompiledTopic, TopicDef, compile_topic, fold

ACCEPT, RENAME, MERGE, REJECT = "accept", "rename", "merge", "reject"
THEME_ACTIONS = (ACCEPT, RENAME, MERGE, REJECT)


@dataclass(frozen=True)
class ThemeLexicon:
    lexicon: list[CompiledTopic]
    added: int  # decisions in force that add terms to the lexicon
    unapplied: tuple[ThemeDecision, ...]  # merges whose topic the lexicon no longer has


def themes_in_force(session: Session) -> list[ThemeDecision]:
    """The latest decision on each term, in the order they were made."""
    latest: dict[str, ThemeDecision] = {}
    for d in session.scalars(select(ThemeDecision).order_by(ThemeDecision.id)):
        latest[d.folded] = d
    return sorted(latest.values(), key=lambda d: d.id)


def decided_terms(decisions: list[ThemeDecision]) -> dict[str, ThemeDecision]:
    """Every folded term and variant a decision in force covers -> that decision."""
    out: dict[str, ThemeDecision] = {}
    for d in decisions:
        for t in (d.term, *d.variants):
            out.setdefault(fold(str(t)), d)
    return out


def with_themes(lexicon: list[CompiledTopic], decisions: list[ThemeDecision]) -> ThemeLexicon:
    """`lexicon` with the decisions applied, in their order (a merge may join a topic an earlier accept made)."""
    topics: dict[str, TopicDef] = {c.topic.key: c.topic for c in lexicon}
    changed: set[str] = set()
    unapplied: list[ThemeDecision] = []
    added = 0
    for d in decisions:
        if d.action == REJECT or not d.topic_key:
            continue
        terms = (d.term, *(str(v) for v in d.variants))
        topic = topics.get(d.topic_key)
        if topic is None and d.action == MERGE:
            unapplied.append(d)
            continue
        if topic is None:
            label = d.label or d.term
            topic = TopicDef(d.topic_key, {DEFAULT_LANG: label}, None, (), (), ())
        have = {fold(t) for t in topic.terms}
        topics[d.topic_key] = dataclasses.replace(topic, terms=topic.terms + tuple(
            t for t in dict.fromkeys(terms) if fold(t) not in have))
        changed.add(d.topic_key)
        added += 1
    compiled = {c.topic.key: c for c in lexicon}
    out = [compiled[k] if k not in changed else compile_topic(t, file="theme decisions") for k, t in topics.items()]
    return ThemeLexicon(out, added, tuple(unapplied))
