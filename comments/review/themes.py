"""Reviewing themes: a person accepts, renames, merges or rejects what `topics suggest` proposes.

One function per action, called by `topics accept|merge|reject` and by the review workbook's
themes sheet alike. Each checks what it is given against the lexicon in force, then records
a decision (who, when, why) that changes that lexicon (theme_lexicon.py): the next load or
`topics retag` tags opinions with it, and `topics suggest` never proposes the term or its
variants again. A term typed as a variant of a theme stands for the theme; a term decided
before is decided again (the latest decision is the one in force).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import ThemeDecision

from ..lexicon_in_force import store_lexicon
from ..suggest_topics import Suggestion, suggest_topics
from ..topics_lexicon import CompiledTopic, fold
from .decisions import now, reviewer
from .theme_lexicon import ACCEPT, MERGE, REJECT, RENAME, decided_terms, themes_in_force

LOOKUP = 200  # how far down the suggestions a term typed on the command line is looked for
KEY_LENGTH, LABEL_LENGTH, TERM_LENGTH = 100, 200, 300


@dataclass(frozen=True)
class Where:
    """Where a term and a value were given (workbook cells), for the one line an error is; empty on the command line."""

    term: str = ""
    value: str = ""


def name_of(s: Suggestion) -> str:
    """What a suggestion is called: its label when the suggester gives one, else its term."""
    return str(getattr(s, "label", "") or s.term)


def reviewed_suggestions(session: Session, lexicon: list[CompiledTopic], *, limit: int,
                         uncovered_only: bool = False) -> list[Suggestion]:
    """`topics suggest` without the themes a person decided on (accepted, merged or rejected) or their variants."""
    decided = decided_terms(themes_in_force(session))
    found = suggest_topics(session, lexicon, limit=limit + len(decided), uncovered_only=uncovered_only)
    return [s for s in found if not any(fold(t) in decided for t in (s.term, name_of(s), *s.variants))][:limit]


def accept_theme(session: Session, term: str, *, label: str | None = None, key: str | None = None,
                 variants: tuple[str, ...] | None = None, by: str | None = None, note: str | None = None,
                 where: Where = Where()) -> ThemeDecision:
    """A new topic whose terms are the theme's term and variants; `label` renames it (default: the term),
    `key` names it (default: the key it had, else the label)."""
    head, variants, before = _resolve(session, term, variants, where)
    label = (label or "").strip() or head
    owned = before.topic_key if before is not None and before.action in (ACCEPT, RENAME) else None
    key = (key or "").strip() or owned or label
    if len(label) > LABEL_LENGTH or len(key) > KEY_LENGTH:
        raise GuidetraceError(f"{_at(where.value)}a label holds up to {LABEL_LENGTH} characters, a key {KEY_LENGTH}")
    if key != owned and key in {c.topic.key for c in store_lexicon(session)}:
        raise GuidetraceError(f"{_at(where.value)}the lexicon has a topic {key!r} already: merge the theme into it "
                              f"(`guidetrace topics merge {head} --into {key}`) or give another key")
    return _record(session, head, variants, RENAME if label != head else ACCEPT, key, label, by, note)


def merge_theme(session: Session, term: str, into: str, *, variants: tuple[str, ...] | None = None,
                by: str | None = None, note: str | None = None, where: Where = Where()) -> ThemeDecision:
    """The theme's term and variants become terms of the existing topic `into`."""
    head, variants, before = _resolve(session, term, variants, where)
    into = into.strip()
    if not into or into not in {c.topic.key for c in store_lexicon(session)}:
        raise GuidetraceError(f"{_at(where.value)}no topic {into!r} to merge {head!r} into: give a topic's key "
                              "(see `guidetrace topics list`)")
    if before is not None and before.action in (ACCEPT, RENAME) and before.topic_key == into:
        raise GuidetraceError(f"{_at(where.value)}{into!r} is the topic {head!r} was accepted as: merge it into another")
    return _record(session, head, variants, MERGE, into, None, by, note)


def reject_theme(session: Session, term: str, *, variants: tuple[str, ...] | None = None, by: str | None = None,
                 note: str | None = None, where: Where = Where()) -> ThemeDecision:
    """Not a theme: never suggested again (nor its variants); a topic it made leaves the lexicon."""
    head, variants, _ = _resolve(session, term, variants, where)
    return _record(session, head, variants, REJECT, None, None, by, note)


def changes_lexicon(session: Session, decisions: list[ThemeDecision]) -> bool:
    """Whether the decisions change the lexicon's topics (a rejection does only when it takes back an accept or merge)."""
    for d in decisions:
        if d.action != REJECT:
            return True
        earlier = session.scalars(select(ThemeDecision).where(ThemeDecision.folded == d.folded, ThemeDecision.id < d.id)
                                  .order_by(ThemeDecision.id.desc()).limit(1)).first()
        if earlier is not None and earlier.action != REJECT:
            return True
    return False


def _at(where: str) -> str:
    return f"{where}: " if where else ""


def _resolve(session: Session, term: str, variants: tuple[str, ...] | None,
             where: Where) -> tuple[str, tuple[str, ...], ThemeDecision | None]:
    """The theme `term` stands for: (its term, its variants, the decision in force on it, if any).
    A decided theme (found by its term or a variant); else the suggestion holding `term` as its name or a
    variant (`variants`, when given, are a workbook row's: what the editor saw); else `term` alone."""
    term = " ".join(term.split())
    if not fold(term) or len(fold(term)) > TERM_LENGTH or len(term) > TERM_LENGTH:
        raise GuidetraceError(f"{_at(where.term)}expected a term of 1 to {TERM_LENGTH} characters")
    in_force = themes_in_force(session)
    decided = decided_terms(in_force)
    before = decided.get(fold(term))
    if before is not None:
        head, given = before.term, tuple(str(v) for v in before.variants) if variants is None else variants
    elif variants is None:
        head, given = term, ()
        for s in reviewed_suggestions(session, store_lexicon(session), limit=LOOKUP):
            forms = tuple(dict.fromkeys((name_of(s), s.term, *s.variants)))
            if fold(term) in {fold(f) for f in forms}:
                head, given = name_of(s), forms
                break
    else:
        head, given = term, variants
    others = {t for t, d in decided.items() if d is not before}  # a variant decided as a theme of its own stays so
    kept = tuple(dict.fromkeys(v for v in (" ".join(v.split()) for v in given)
                               if fold(v) and fold(v) != fold(head) and fold(v) not in others))
    return head, kept, before


def _record(session: Session, term: str, variants: tuple[str, ...], action: str, topic_key: str | None,
            label: str | None, by: str | None, note: str | None) -> ThemeDecision:
    d = ThemeDecision(term=term, folded=fold(term), variants=list(variants), action=action, topic_key=topic_key,
                      label=label, note=(note or "").strip() or None, by=reviewer(by), at=now())
    session.add(d)
    session.flush()
    return d
