"""Tagging opinions with topics: on ingestion, and again with `topics retag`.

Every comment→topic edge keeps the text that matched, so a reader can see why.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guidetrace.trace.bulk_insert import insert_rows
from guidetrace.trace.models import Comment, CommentTopic, Topic, table_of
from guidetrace.trace.store import Store

from .topics_lexicon import CompiledTopic, TopicMatcher, fold

BATCH = 5000


def sync_topics(session: Session, lexicon: list[CompiledTopic]) -> dict[str, int]:
    """Upsert the lexicon into the topic table; key -> id. Nothing is deleted here: other rounds' tags
    change only through `topics retag` (lexicon_in_force.prune_topics)."""
    existing = {t.key: t for t in session.scalars(select(Topic))}
    for c in lexicon:
        t = c.topic
        row = existing.get(t.key) or Topic(key=t.key, labels=t.labels)
        row.labels, row.description = dict(t.labels), t.description
        row.terms = list(t.terms) + [{"term": term, "requires": list(req)} for term, req in t.conditional]
        row.patterns, row.hint_sections = list(t.patterns), list(t.hint_sections)
        session.add(row)
    session.flush()
    return dict(session.execute(select(Topic.key, Topic.id)).all())


def opinion_text(body: str | None, reason: str | None, proposal: str | None) -> str:
    return "\n".join(filter(None, (body, reason, proposal)))


def topic_rows(matcher: TopicMatcher, topic_ids: dict[str, int], items: list[tuple[int, str]],
               found: list[tuple[int, list[tuple[str, str]]]] | None = None) -> list[dict[str, object]]:
    """comment→topic rows for (comment id, opinion text) pairs, with the text that matched. `found`:
    matches worked out ahead, item by item (see batch_hints), each with its text's hash; an item
    whose text hashes otherwise, or that it lacks, is matched here."""
    rows: list[dict[str, object]] = []
    for i, (cid, text) in enumerate(items):
        hits = found[i][1] if found is not None and i < len(found) and found[i][0] == hash(text) else None
        if hits is None:
            hits = [(c.topic.key, matched) for c, matched in matcher.matches(fold(text))]
        rows += [{"comment_id": cid, "topic_id": topic_ids[key], "matched": matched} for key, matched in hits]
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
    result, matcher = session.execute(query), TopicMatcher(lexicon)
    while chunk := result.fetchmany(BATCH):
        rows = topic_rows(matcher, topic_ids, [(cid, opinion_text(b, r, p)) for cid, b, r, p in chunk])
        if rows:
            insert_rows(session.connection(), table_of(CommentTopic), rows)
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


def retag(store: Store, topics_file: Path | None = None, *, shipped: bool = False,
          allow_removals: bool = False) -> tuple[int, list[str]]:
    """Tag every opinion with the store's lexicon (first set to `topics_file`, or back to the shipped one);
    returns the edges written and the topics dropped."""
    from .lexicon_in_force import prune_topics, store_lexicon, use_lexicon

    with store.transaction() as session:
        lexicon = use_lexicon(session, topics_file) if topics_file or shipped else store_lexicon(session)
        dropped = prune_topics(session, lexicon, allow_removals=allow_removals)
        return tag_comments(session, lexicon), dropped
