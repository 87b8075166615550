"""`topics suggest`: candidate topics from what the lexicon does not cover yet.

Terms are katakana runs, Latin acronyms and noun compounds (janome, which ships its
own dictionary and needs no network), counted per distinct submitter and round.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.guideline.keys import normalize_text, title_key
from guidetrace.trace.models import Comment, CommentTopic, ConsultationRound, Section, Submitter
from guidetrace.trace.rules import packaged_yaml

from .tag_topics import opinion_text
from .topics_lexicon import CompiledTopic, fold

_KATAKANA = re.compile(r"[ァ-ヺー]{3,}")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]{1,9}(?![A-Za-z])")
_MEANINGFUL = re.compile(r"[ァ-ヺ一-龯A-Za-z]")
_NOUN_SKIP = ("非自立", "代名詞", "数", "接尾", "副詞可能")
_WORD_TOKEN = re.compile(r"^[ァ-ヺー一-龯A-Za-z0-9]+$")


@dataclass(frozen=True)
class Suggestion:
    term: str
    submitters: int
    rounds: int
    opinions: int
    comments: tuple[str, ...]


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    from janome.tokenizer import Tokenizer

    return Tokenizer()


def extract_terms(text: str) -> set[str]:
    text = normalize_text(text)
    terms = set(_KATAKANA.findall(text)) | set(_ACRONYM.findall(text))
    compound: list[str] = []
    for token in _tokenizer().tokenize(text):
        pos = token.part_of_speech.split(",")
        if pos[0] == "名詞" and pos[1] not in _NOUN_SKIP and _WORD_TOKEN.match(token.surface):
            compound.append(token.surface)
            continue
        if len(compound) >= 2:
            terms.add("".join(compound))
        compound = []
    if len(compound) >= 2:
        terms.add("".join(compound))
    return {t for t in terms if len(t) >= 2 and _MEANINGFUL.search(t)}


def suggest_topics(session: Session, lexicon: list[CompiledTopic], *, limit: int = 15,
                   uncovered_only: bool = False) -> list[Suggestion]:
    stop = {fold(w) for w in packaged_yaml("guidetrace.comments", "suggest_stopwords.yaml")["stopwords"]}
    stop_pattern = re.compile("|".join(re.escape(w) for w in sorted(stop, key=len, reverse=True)))
    titles = {title_key(t) for t in session.scalars(select(Section.title).where(Section.title.is_not(None)))}
    known_terms = [fold(t) for c in lexicon for t in c.topic.terms]
    tagged = set(session.scalars(select(CommentTopic.comment_id)))
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"submitters": set(), "rounds": set(), "comments": set()})
    for cid, key, body, reason, proposal, submitter, rnd in session.execute(
        select(Comment.id, Comment.key, Comment.body, Comment.reason, Comment.proposal, Submitter.name,
               ConsultationRound.key).join(ConsultationRound).outerjoin(Submitter, Comment.submitter_id == Submitter.id)
    ):
        if uncovered_only and cid in tagged:
            continue
        for term in extract_terms(opinion_text(body, reason, proposal)):
            folded = fold(term)
            if len(_MEANINGFUL.findall(stop_pattern.sub("", folded))) < 2 or title_key(term) in titles:
                continue  # only the guideline's own vocabulary, or a section title
            if any(c.first_match(folded) for c in lexicon) or any(
                    folded in t and len(folded) >= 0.75 * len(t) for t in known_terms):
                continue  # covered already, or a term cut short (クライアント証明 for クライアント証明書)
            entry = seen[term]
            entry["submitters"].add(submitter or key)
            entry["rounds"].add(rnd)
            entry["comments"].add(key)
    ranked = sorted(seen.items(), key=lambda kv: (-len(kv[1]["submitters"]), -len(kv[1]["rounds"]),
                                                  -len(kv[1]["comments"]), -len(kv[0]), kv[0]))
    return [Suggestion(t, len(v["submitters"]), len(v["rounds"]), len(v["comments"]), tuple(sorted(v["comments"])))
            for t, v in ranked[:limit]]


def suggestions_yaml(suggestions: list[Suggestion]) -> str:
    """Stubs ready to paste under `topics:` in a lexicon file."""
    stubs: list[dict[str, Any]] = [
        {"key": s.term, "label": {"ja": s.term, "en": s.term}, "terms": [s.term],
         "description": f"suggested: {s.submitters} submitter(s), {s.rounds} round(s), {s.opinions} opinion(s): "
                        + ", ".join(s.comments[:5])}
        for s in suggestions
    ]
    return yaml.safe_dump({"topics": stubs}, allow_unicode=True, sort_keys=False, width=120)
