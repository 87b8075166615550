"""Typed SQLAlchemy models: the one schema every reader writes and every report reads.

The Alembic migrations in `migrations/versions` are the source of truth for the
schema on disk; these models must match the newest migration (a test checks it).
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SECTION_KINDS = (
    "root",
    "chapter",
    "section",
    "subsection",
    "item",
    "measure",
    "checklist",
    "appendix",
    "column",
    "article",
    "paragraph",
    "table",
    "figure",
    "control",
)
LINK_KINDS = ("succeeds", "renumbered", "split", "merged", "removed", "refers_to")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def table_of(model: type[Base]) -> Table:
    """A model's Core table, typed as one (for executemany inserts and column limits)."""
    return cast(Table, model.__table__)


class Guideline(Base):
    __tablename__ = "guideline"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(200))


class Revision(Base):
    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("guideline_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    guideline_id: Mapped[int] = mapped_column(ForeignKey("guideline.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    label: Mapped[str] = mapped_column(String(200))
    date: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    predecessor_id: Mapped[int | None] = mapped_column(
        ForeignKey("revision.id", ondelete="SET NULL")
    )
    partial: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[list[Any]] = mapped_column(default=list)


class Section(Base):
    __tablename__ = "section"
    __table_args__ = (
        UniqueConstraint("revision_id", "key"),
        Index("ix_section_parent", "parent_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    number: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer)
    pages: Mapped[list[Any]] = mapped_column(default=list)
    aliases: Mapped[list[Any]] = mapped_column(default=list)
    body: Mapped[str | None] = mapped_column(Text)
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class SectionLink(Base):
    __tablename__ = "section_link"
    __table_args__ = (
        Index("ix_section_link_from", "from_section_id"),
        Index("ix_section_link_to", "to_section_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    from_section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    to_section_id: Mapped[int | None] = mapped_column(
        ForeignKey("section.id", ondelete="CASCADE")
    )
    proposed: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class ConsultationRound(Base):
    __tablename__ = "consultation_round"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20), default="result")
    title: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    total_submissions: Mapped[int | None] = mapped_column(Integer)
    totals_by_kind: Mapped[dict[str, Any]] = mapped_column(default=dict)
    part_totals: Mapped[dict[str, Any]] = mapped_column(default=dict)
    named_submitters: Mapped[list[Any]] = mapped_column(default=list)
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(5))  # ja | en: the document's language


class Cluster(Base):
    """Identical or near-identical submissions collapsed into one: a campaign."""

    __tablename__ = "cluster"
    __table_args__ = (Index("ix_cluster_round", "round_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("consultation_round.id", ondelete="CASCADE"))
    representative_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="SET NULL",
                                                                     use_alter=True, name="fk_cluster_representative"))
    kind: Mapped[str] = mapped_column(String(10))  # exact | near
    size: Mapped[int] = mapped_column(Integer)
    threshold: Mapped[float] = mapped_column(Float)
    spread: Mapped[float | None] = mapped_column(Float)  # lowest member similarity to the representative


class Submitter(Base):
    __tablename__ = "submitter"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)
    kind: Mapped[str] = mapped_column(String(20))


class Comment(Base):
    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_round", "round_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("consultation_round.id", ondelete="CASCADE"))
    part: Mapped[str] = mapped_column(String(10))
    seq: Mapped[int] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(String(100))  # the number the document prints
    submitter_id: Mapped[int | None] = mapped_column(ForeignKey("submitter.id"))
    location: Mapped[str | None] = mapped_column(Text)
    heading: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    proposal: Mapped[str | None] = mapped_column(Text)
    response: Mapped[str | None] = mapped_column(Text)
    response_html: Mapped[str | None] = mapped_column(Text)
    disposition: Mapped[str] = mapped_column(String(20))
    dispositions: Mapped[list[Any]] = mapped_column(default=list)
    bulk: Mapped[bool] = mapped_column(Boolean, default=False)
    represents: Mapped[int | None] = mapped_column(Integer)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)
    source_page: Mapped[str | None] = mapped_column(String(50))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("cluster.id", ondelete="SET NULL", name="fk_comment_cluster"),
                                                  index=True)
    # The machine's citations, disposition and tags, kept while a person's decision overrides them.
    machine: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


ACTIVE, UNDONE = "active", "undone"  # a review decision's state: in force, or taken back


class ReviewDecision(Base):
    """One person's correction of one opinion: who, when, the value before and after, why.

    It names its opinion by round, key, printed label and a text fingerprint as well as by id,
    so a reload that renumbers or edits opinions can find the opinion again (or say it cannot).
    """

    __tablename__ = "review_decision"
    __table_args__ = (Index("ix_decision_round", "round_key"), Index("ix_decision_comment", "comment_id"),
                      Index("ix_decision_step", "step"))
    id: Mapped[int] = mapped_column(primary_key=True)
    # One edit (a `review set`, a workbook cell) may store several decisions (uncite A + cite B): they share
    # `step`, the id of the first, and are undone and listed as one.
    step: Mapped[int | None] = mapped_column(Integer)
    round_key: Mapped[str] = mapped_column(String(200))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="SET NULL",
                                                              name="fk_decision_comment"))
    comment_key: Mapped[str] = mapped_column(String(300))
    label: Mapped[str | None] = mapped_column(String(100))
    fingerprint: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))  # cite | uncite | disposition | tag | untag | accept
    value: Mapped[str | None] = mapped_column(String(300))
    before: Mapped[Any] = mapped_column(JSON)
    after: Mapped[Any] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10))  # active | undone


class ThemeDecision(Base):
    """A person's decision on a theme `topics suggest` proposed: accepted (perhaps renamed) as a new topic,
    merged into an existing one, or rejected. Store-wide, like the lexicon it changes; the latest decision
    on a term is the one in force, and an earlier one stays as the record of who decided what, when."""

    __tablename__ = "theme_decision"
    __table_args__ = (Index("ix_theme_term", "folded"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(300))
    folded: Mapped[str] = mapped_column(String(300))  # the term as topics are matched (NFKC, case-folded)
    variants: Mapped[list[Any]] = mapped_column(default=list)  # they go with the term, and are never suggested again
    action: Mapped[str] = mapped_column(String(10))  # accept | rename | merge | reject
    topic_key: Mapped[str | None] = mapped_column(String(100))  # the topic made or joined (None: rejected)
    label: Mapped[str | None] = mapped_column(String(200))  # a new topic's label
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[str] = mapped_column(String(40))


class Citation(Base):
    __tablename__ = "citation"
    __table_args__ = (
        Index("ix_citation_comment", "comment_id"),
        Index("ix_citation_section", "section_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    origin: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class Topic(Base):
    __tablename__ = "topic"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    labels: Mapped[dict[str, Any]] = mapped_column(default=dict)  # by language: trace.languages.label_for
    description: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[list[Any]] = mapped_column(default=list)
    patterns: Mapped[list[Any]] = mapped_column(default=list)
    hint_sections: Mapped[list[Any]] = mapped_column(default=list)


class CommentTopic(Base):
    __tablename__ = "comment_topic"
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comment.id", ondelete="CASCADE"), primary_key=True
    )
    topic_id: Mapped[int] = mapped_column(
        ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True
    )
    matched: Mapped[str] = mapped_column(Text)


class PlanMark(Base):
    """An editor's decision on one plan entry (topic × section to edit), kept across rebuilds."""

    __tablename__ = "plan_mark"
    __table_args__ = (UniqueConstraint("topic_key", "section_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    topic_key: Mapped[str] = mapped_column(String(100))
    section_key: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    revision_key: Mapped[str | None] = mapped_column(String(100))
    addressed_section: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    marked_at: Mapped[str] = mapped_column(String(40))


class StoreSetting(Base):
    """A property of the store as a whole (the topic lexicon in force, its file name)."""

    __tablename__ = "store_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PrivacyFinding(Base):
    """Personal data found in one field of an opinion (the submitter's name counts as a field)."""

    __tablename__ = "privacy_finding"
    __table_args__ = (Index("ix_privacy_comment", "comment_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(20))  # body | reason | proposal | response | location | submitter
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    rule: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)


class SectionTally(Base):
    """Opinions of a round counted by the set of sections they cite, their disposition and submitter kind.

    Rebuilt whenever a round's citations or dispositions change (a load, a review decision, a
    tree reload that unlinks or relinks): the sections report sums these rows (a few thousand for a
    real round) up the tree instead of expanding every citation to its ancestors."""

    __tablename__ = "section_tally"
    __table_args__ = (Index("ix_tally_round", "round_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("consultation_round.id", ondelete="CASCADE"))
    sections: Mapped[str] = mapped_column(Text)  # the cited section ids, comma-separated ("" when none resolved)
    disposition: Mapped[str] = mapped_column(String(40))
    submitter_kind: Mapped[str] = mapped_column(String(40))
    opinions: Mapped[int] = mapped_column(Integer)
    submissions: Mapped[int] = mapped_column(Integer)
