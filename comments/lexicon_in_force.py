"""The topic lexicon in force is a property of the store, not of one load.

`topics use FILE` (or `--topics FILE` on a load or a retag) keeps the user's lexicon
text in the store; every later load tags with it, so a load without `--topics` no
longer drops a user's topics. Loading tags only the round loaded; other rounds'
tags change only through `topics retag`, which is also the only step that deletes
topics the lexicon no longer has — and it refuses to orphan a plan mark. The themes a person
accepted or merged (`topics accept`, the review workbook's themes sheet) are applied over the
text, whichever it is (review/theme_lexicon.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import PlanMark, StoreSetting, Topic
from guidetrace.trace.textfile import read_text

from .review.theme_lexicon import themes_in_force, with_themes
from .topics_lexicon import CompiledTopic, load_lexicon

LEXICON, LEXICON_NAME = "lexicon", "lexicon_name"
SHIPPED = "shipped"


@dataclass(frozen=True)
class LexiconInForce:
    name: str  # "shipped", or the user file's name
    digest: str  # first 12 hex digits of the user text's SHA-256 ("" when shipped only)
    topics: int
    themes: int = 0  # reviewed themes applied over it (accepted, renamed or merged)
    unapplied: tuple[tuple[str, str], ...] = ()  # (term, topic) merged into a topic the lexicon lacks


def _get(session: Session, key: str) -> str | None:
    row = session.get(StoreSetting, key)
    return row.value if row is not None else None


def _set(session: Session, key: str, value: str | None) -> None:
    row = session.get(StoreSetting, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(StoreSetting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def store_lexicon(session: Session) -> list[CompiledTopic]:
    """The lexicon every load and retag tags with: the store's text (or the shipped lexicon), reviewed themes applied."""
    return with_themes(_text_lexicon(session), themes_in_force(session)).lexicon


def _text_lexicon(session: Session) -> list[CompiledTopic]:
    text = _get(session, LEXICON)
    return load_lexicon(text=text, name=_get(session, LEXICON_NAME) or "lexicon") if text else load_lexicon()


def use_lexicon(session: Session, path: Path | None) -> list[CompiledTopic]:
    """Checks the file compiles, then keeps it as the store's lexicon (None: back to the shipped one)."""
    if path is None:
        _set(session, LEXICON, None)
        _set(session, LEXICON_NAME, None)
        return with_themes(load_lexicon(), themes_in_force(session)).lexicon
    text = read_text(path).text
    lexicon = load_lexicon(text=text, name=str(path))  # errors name the file as the user gave it
    _set(session, LEXICON, text)
    _set(session, LEXICON_NAME, path.name)
    return with_themes(lexicon, themes_in_force(session)).lexicon


def lexicon_in_force(session: Session) -> LexiconInForce:
    text = _get(session, LEXICON)
    name = _get(session, LEXICON_NAME) or SHIPPED
    digest = hashlib.sha256(text.encode()).hexdigest()[:12] if text else ""
    themed = with_themes(_text_lexicon(session), themes_in_force(session))
    return LexiconInForce(f"{SHIPPED} + {name}" if text else SHIPPED, digest, len(themed.lexicon), themed.added,
                          tuple((d.term, d.topic_key or "") for d in themed.unapplied))


def prune_topics(session: Session, lexicon: list[CompiledTopic], *, allow_removals: bool) -> list[str]:
    """Topics the lexicon no longer has go, with their tags; a plan mark on one stops it unless allowed."""
    wanted = {c.topic.key for c in lexicon}
    gone = [t for t in session.scalars(select(Topic)) if t.key not in wanted]
    marked = sorted(set(session.scalars(select(PlanMark.topic_key).where(PlanMark.topic_key.in_([t.key for t in gone])))))
    if marked and not allow_removals:
        raise GuidetraceError(f"the lexicon drops topic(s) with plan marks ({', '.join(marked)}); nothing was changed "
                              "(keep them in the lexicon, or give --allow-removals to drop the marks too)")
    if marked:
        session.execute(delete(PlanMark).where(PlanMark.topic_key.in_(marked)))
    for t in gone:
        session.delete(t)
    session.flush()
    return [t.key for t in gone]
