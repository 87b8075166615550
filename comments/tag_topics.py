"""Tagging opinions with topics: on ingestion, and again with `topics retag`.

Every comment→topic edge keeps the text that matched, so a reader can see why.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from guidetrace.trace.models import Comment, CommentTopic, Topic
from guidetrace.trace.store import Store

from .topics_lexicon import CompiledTopic, fold, load_lexicon

BATCH = 5000


def sync_topics(session: Session, lexicon: list[CompiledTopic]) -> dict[str, int]:
    """Upsert the lexicon into the topic table (topics gone from it are deleted); key -> id."""
    existing = {t.key: t for t in session.scalars(select(Topic))}
    wanted = {c.topic.key for c in lexicon}
    for key, row in existing.items():
        if key not in wanted:
            session.delete(row)
    for c in lexicon:
        t = c.topic
        row = existing.get(t.key) or Topic(key=t.key, label_ja=t.label_ja, label_en=t.label_en)
        row.label_ja, row.label_en, row.description = t.label_ja, t.label_en, t.description
        row.terms = list(t.terms) + [{"term": term, "requires": list(req)} for term, req in t.conditional]
        row.patterns, row.hint_sections = list(t.patterns), list(t.hint_sections)
        session.add(row)
    session.flush()
    return dict(session.execute(select(Topic.key, Topic.id)).all())


def opinion_text(body: str | None, reason: str | None, proposal: str | None) -> str:
    return "\n".join(filter(None, (body, reason, proposal)))


def topic_rows(lexicon: list[CompiledTopic], topic_ids: dict[str, int],
               items: list[tuple[int, str]]) -> list[dict[str, object]]:
    """comment→topic rows for (comment id, opinion text) pairs, with the text that matched."""
    rows: list[dict[str, object]] = []
    for cid, text in items:
        folded = fold(text)
        for c in lexicon:
            matched = c.first_match(folded)
            if matched is not None:
                rows.append({"comment_id": cid, "topic_id": topic_ids[c.topic.key], "matched": matched})
    return rows


def tag_comments(session: Session, lexicon: list[CompiledTopic], comment_ids: list[int] | None = None) -> int:
    """(Re)tags the given comments, or all; returns the number of edges written."""
    topic_ids = sync_topics(session, lexicon)
    query = select(Comment.id, Comment.body, Comment.reason, Comment.proposal)
    if comment_ids is not None:
        query = query.where(Comment.id.in_(comment_ids))
        for start in range(0, len(comment_ids), BATCH):
            session.execute(delete(CommentTopic).where(CommentTopic.comment_id.in_(comment_ids[start : start + BATCH])))
    else:
        session.execute(delete(CommentTopic))
    written = 0
    result = session.execute(query)
    while chunk := result.fetchmany(BATCH):
        rows = topic_rows(lexicon, topic_ids, [(cid, opinion_text(b, r, p)) for cid, b, r, p in chunk])
        if rows:
            session.connection().execute(insert(CommentTopic.__table__), rows)
            written += len(rows)
    _keep_review(session, comment_ids)
    return written


def _keep_review(session: Session, comment_ids: list[int] | None) -> None:
    """Retagging replaces the machine's tags; a person's tag decisions are applied over the new ones."""
    from .review.decisions import apply_review

    query = select(Comment).where(Comment.machine.is_not(None))
    if comment_ids is not None:
        query = query.where(Comment.id.in_(comment_ids))
    reviewed = list(session.scalars(query))
    for comment in reviewed:
        fresh = [[t, m] for t, m in session.execute(select(CommentTopic.topic_id, CommentTopic.matched)
                                                    .where(CommentTopic.comment_id == comment.id))]
        comment.machine = {**(comment.machine or {}), "tags": fresh}
    session.flush()
    apply_review(session, [c.id for c in reviewed])


def retag(store: Store, topics_file: Path | None = None) -> int:
    lexicon = load_lexicon(topics_file)
    with store.transaction() as session:
        return tag_comments(session, lexicon)
