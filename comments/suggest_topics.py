"""`topics suggest`: candidate topics from what the lexicon does not cover yet.

Terms come from comments/term_extraction.py (noun phrases kept whole, C-value,
specificity against everyday words, the guideline's own text and the words of the
consultation's title and headings). Each distinct text counts once: a campaign's
thousand copies are one text. A suggestion is a theme (comments/theme_grouping.py: terms
used in the same kind of sentences): its label is the form people write most, its
variants the other terms of the theme; it carries the opinions that
mention any of them, three example opinions, two quoted sentences and the sections
they cite.
A term that names or reaches a person (a name the detector found in the opinions, one that
reads as a name, a phone) is never suggested.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import normalize_text, title_key
from guidetrace.trace.languages import LANGS
from guidetrace.trace.models import Citation, Cluster, Comment, CommentTopic, ConsultationRound, Section
from guidetrace.trace.rules import packaged_yaml

from .morphology import words
from .privacy.published import found_names, personal_term
from .tag_topics import opinion_text
from .term_extraction import index_texts, rank_terms
from .theme_grouping import group_themes
from .topics_lexicon import CompiledTopic, fold

_MEANINGFUL = re.compile(r"[ァ-ヺ一-龯A-Za-z]")


@dataclass(frozen=True)
class Suggestion:
    term: str
    opinions: int  # distinct texts holding it (a campaign counts once)
    rounds: int
    comments: tuple[str, ...]  # three example opinions
    sections: tuple[str, ...]  # the sections those opinions cite most
    variants: tuple[str, ...] = ()
    score: float = 0.0
    quotes: tuple[str, ...] = ()  # two sentences, from different opinions, that use the theme's words


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def _quotes(texts: list[str], forms: tuple[str, ...], limit: int = 2) -> tuple[str, ...]:
    """The shortest telling sentences that use one of the forms, one per opinion."""
    found: list[str] = []
    for text in texts:
        sentences = [m.group(0).strip() for m in _SENTENCE.finditer(text)]
        best = sorted((x for x in sentences if any(f in fold(x) for f in forms) and 12 <= len(x) <= 120), key=len)
        if best and best[0] not in found:
            found.append(best[0])
        if len(found) >= limit:
            break
    return tuple(found)


def _titles(session: Session) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of the consultation's and the guideline's titles and of the headings (no theme alone),
    and the two kinds of titles themselves (no piece of them is a theme)."""
    from guidetrace.trace.models import Guideline

    titles = tuple(fold(t) for t in (*session.scalars(select(ConsultationRound.title)),
                                     *session.scalars(select(Guideline.title))) if t)
    headings = [fold(t) for t in session.scalars(select(Section.title)) if t]
    return frozenset(w.surface for t in (*titles, *headings) for w in words(t[:200], short=True) if w.noun), titles


def suggest_topics(session: Session, lexicon: list[CompiledTopic], *, limit: int = 15,
                   uncovered_only: bool = False) -> list[Suggestion]:
    stop = {fold(w) for w in packaged_yaml("guidetrace.comments", "suggest_stopwords.yaml")["stopwords"]}
    stop_pattern = re.compile("|".join(re.escape(w) for w in sorted(stop, key=len, reverse=True)))
    titles = {title_key(t) for t in session.scalars(select(Section.title).where(Section.title.is_not(None))) if t}
    background = [f"{t or ''}\n{b or ''}" for t, b in session.execute(select(Section.title, Section.body))]
    known_terms = [fold(t) for c in lexicon for t in c.topic.terms]
    tagged = set(session.scalars(select(CommentTopic.comment_id))) if uncovered_only else set()
    rows = session.execute(
        select(Comment.id, Comment.key, Comment.body, Comment.reason, Comment.proposal, ConsultationRound.key)
        .join(ConsultationRound).outerjoin(Cluster, Comment.cluster_id == Cluster.id)
        .where(or_(Comment.cluster_id.is_(None), Cluster.representative_id == Comment.id))  # a campaign once
        .order_by(Comment.id)).all()
    rows = [r for r in rows if r[0] not in tagged]
    texts = [opinion_text(body, reason, proposal) for _, _, body, reason, proposal, _ in rows]
    generic, title_texts = _titles(session)
    index = index_texts(texts, draft=normalize_text("\n".join(background)))
    ranked = rank_terms(index, background=background, min_documents=2 if len(rows) >= 50 else 1,
                        generic=generic, titles=title_texts)
    names = found_names(session)
    kept = []
    for term in ranked:
        if personal_term(term.text, names):
            continue  # a person's name, a phone or an address is never proposed as a topic
        folded = fold(term.text)
        if len(_MEANINGFUL.findall(stop_pattern.sub("", folded))) < 2 or title_key(term.text) in titles:
            continue  # the guideline's own vocabulary, or a section title
        if any(c.first_match(folded) for c in lexicon) or any(
                folded in t and len(folded) >= 0.75 * len(t) for t in known_terms):
            continue  # covered already, or a term cut short (クライアント証明 for クライアント証明書)
        kept.append(term)
    out = []
    for theme in group_themes(kept, index)[:limit]:
        members = list(theme.members)
        ids = [rows[i][0] for i in members]
        cited = Counter(key for (key,) in session.execute(
            select(Section.key).join(Citation, Citation.section_id == Section.id)
            .where(Citation.comment_id.in_(ids[:500]))))
        forms = tuple(fold(t.text) for t in theme.terms)
        out.append(Suggestion(theme.label, len(members), len({rows[i][5] for i in members}),
                              tuple(rows[i][1] for i in members[:3]), tuple(k for k, _ in cited.most_common(3)),
                              theme.variants, theme.score,
                              _quotes([texts[i] for i in members[:200]], forms)))
    return out


def suggestions_yaml(suggestions: list[Suggestion]) -> str:
    """Stubs ready to paste under `topics:` in a lexicon file."""
    stubs: list[dict[str, Any]] = [
        {"key": s.term, "label": {lang: s.term for lang in LANGS}, "terms": [s.term, *s.variants],
         "description": f"suggested: {s.opinions} distinct opinion(s) in {s.rounds} round(s); e.g. "
                        + ", ".join(s.comments) + (f"; cites {', '.join(s.sections)}" if s.sections else "")}
        for s in suggestions
    ]
    return yaml.safe_dump({"topics": stubs}, allow_unicode=True, sort_keys=False, width=120)
