"""`topics suggest`: candidate topics from what the lexicon does not cover yet.

Terms come from comments/term_extraction.py (compound nouns kept whole, C-value,
specificity against everyday words and the guideline's own text). Each distinct
text counts once: a campaign's thousand copies are one text. Every suggestion
carries its count, three example opinions, the sections they cite, and the
near-synonyms grouped under it. A term that names or reaches a person (a name the detector found in
the opinions, one that reads as a name, a phone) is never suggested.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import title_key
from guidetrace.trace.models import Citation, Cluster, Comment, CommentTopic, ConsultationRound, Section
from guidetrace.trace.rules import packaged_yaml

from .privacy.published import found_names, personal_term
from .tag_topics import opinion_text
from .term_extraction import group_synonyms, rank_terms
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
    ranked = rank_terms([opinion_text(body, reason, proposal) for _, _, body, reason, proposal, _ in rows],
                        background=background, min_documents=2 if len(rows) >= 50 else 1)
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
    for term, variants in group_synonyms(kept)[:limit]:
        ids = [rows[i][0] for i in term.members]
        cited = Counter(key for (key,) in session.execute(
            select(Section.key).join(Citation, Citation.section_id == Section.id)
            .where(Citation.comment_id.in_(ids[:500]))))
        out.append(Suggestion(term.text, term.documents, len({rows[i][5] for i in term.members}),
                              tuple(rows[i][1] for i in term.members[:3]), tuple(k for k, _ in cited.most_common(3)),
                              variants, term.score))
    return out


def suggestions_yaml(suggestions: list[Suggestion]) -> str:
    """Stubs ready to paste under `topics:` in a lexicon file."""
    stubs: list[dict[str, Any]] = [
        {"key": s.term, "label": {"ja": s.term, "en": s.term}, "terms": [s.term, *s.variants],
         "description": f"suggested: {s.opinions} distinct opinion(s) in {s.rounds} round(s); e.g. "
                        + ", ".join(s.comments) + (f"; cites {', '.join(s.sections)}" if s.sections else "")}
        for s in suggestions
    ]
    return yaml.safe_dump({"topics": stubs}, allow_unicode=True, sort_keys=False, width=120)
