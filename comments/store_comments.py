"""Ingesting a comment document: resolve, classify, tag and write it in one transaction.

Opinions stream from the reader in batches; each batch is resolved, classified
(`opinion_rows`) and written with Core executemany (ids given up front on SQLite,
returned on PostgreSQL), so memory stays flat however long the document is. Comments
are matched by their stable key (`round/part-seq`): loading the same document again
changes nothing, and a corrected document updates rows in place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from guidetrace.guideline.queries import find_revision
from guidetrace.trace.bulk_insert import insert_rows
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.fit import clean
from guidetrace.trace.models import (
    Citation,
    Comment,
    CommentTopic,
    ConsultationRound,
    Guideline,
    PrivacyFinding,
    Revision,
    Submitter,
    table_of,
)
from guidetrace.trace.store import Store
from guidetrace.trace.tally import UNKNOWN_KIND, Counted, count_opinion, counted_tally

from . import read_ahead
from .batch_hints import Hints, batch_hints
from .grow_tree import grow_tree
from .language import LanguageCount
from .lexicon_in_force import store_lexicon, use_lexicon
from .opinion_rows import CommentRows, citation_rows, label_id
from .privacy.store_findings import Scanner, write_findings
from .readers import read_document
from .readers.raw import read_raw
from .records import CommentDocument, OpinionRecord
from .reload_match import ReloadMatcher, ReloadReport
from .resolution import Resolution
from .resolve_citations import CitationResolver
from .resolve_opinion import resolve_opinion
from .review.reattach import ReattachSummary, reattach
from .review.transfer import DecisionFile, read_decisions, restore_decisions
from .revision_fit import SAMPLE, better_revision
from .submitter_kinds import submitter_kind
from .tag_topics import opinion_text, sync_topics, topic_rows
from .topics_lexicon import CompiledTopic, TopicMatcher, load_lexicon
from .tree_index import TreeIndex, build_index

if TYPE_CHECKING:
    from .store_clusters import ClusterSummary

BATCH = 5000
BULK_FROM = 32 << 20  # bytes: a document this large writes 100 MB or more, a bulk transaction (Store.transaction)
REMOVAL_SHARE = 0.1  # a reload that drops more of a round's opinions than this is refused unless allowed
REMOVALS_SHOWN = 10


Progress = Callable[[int, int], None]


@dataclass
class LoadSummary:
    round: str
    revision: str
    file: str
    layout: str
    opinions: int = 0
    submissions: int = 0
    citations: int = 0
    unresolved: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    grown: list[str] = field(default_factory=list)
    dispositions: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    topic_edges: int = 0
    conflicts: int = 0
    lang: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    review: ReattachSummary = field(default_factory=ReattachSummary)
    reload: ReloadReport = field(default_factory=ReloadReport)
    restored: int = 0  # decisions read from a --decisions file


def default_round_key(session: Session, revision: Revision) -> str:
    guideline = session.get(Guideline, revision.guideline_id)
    return f"{guideline.key}-{revision.key}" if guideline else revision.key


def load_comments(
    store: Store, path: Path, *, revision: str, round_key: str | None = None, fmt: str = "auto",
    columns: str | None = None, grow: bool = False, progress: Progress | None = None,
    topics_file: Path | None = None, encoding: str | None = None, lang: str | None = None,
    decisions_file: Path | None = None, allow_removals: bool = False,
) -> LoadSummary:
    """Read, resolve, classify, tag and write one document; a person's decisions on its round are
    found again and re-applied (those from `decisions_file` too, as written by `rounds remove`)."""
    decisions = read_decisions(decisions_file) if decisions_file else None
    document = read_document(path, fmt=fmt, columns=columns, encoding=encoding)
    if topics_file is not None:
        load_lexicon(topics_file)  # a bad lexicon is refused before anything is read into the store
    digest = file_sha256(path)
    with store.transaction(bulk=_bulk(path)) as session:
        lexicon = use_lexicon(session, topics_file) if topics_file is not None else store_lexicon(session)
        reread = (lambda: read_document(path, fmt=fmt, columns=columns, encoding=encoding)) if grow else None
        summary = store_document(session, document, revision=revision, round_key=round_key, grow=grow, reread=reread,
                                 progress=progress, lexicon=lexicon, lang=lang, decisions=decisions,
                                 allow_removals=allow_removals)
        _same_document_elsewhere(session, summary, digest)
        if topics_file is not None and session.scalar(select(ConsultationRound.id).where(
                ConsultationRound.key != summary.round).limit(1)) is not None:
            summary.warnings.append(f"{topics_file.name} is now the store's lexicon; other rounds keep their tags "
                                    "until `guidetrace topics retag`")
        return summary


def _bulk(path: Path) -> bool:
    return path.stat().st_size >= BULK_FROM


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _same_document_elsewhere(session: Session, summary: LoadSummary, digest: str) -> None:
    """The same file loaded into a second round doubles every count: say so, and keep its hash."""
    rnd = session.scalar(select(ConsultationRound).where(ConsultationRound.key == summary.round))
    others = session.scalars(select(ConsultationRound.key).where(ConsultationRound.source_sha256 == digest,
                                                                 ConsultationRound.key != summary.round)).all()
    if rnd is not None:
        rnd.source_sha256 = digest
    for other in others:
        summary.warnings.append(f"this document is already loaded as round {other!r}: its opinions now count twice "
                                f"(remove one round, or load it under the same round)")


class _Writer:
    """Writes one round's opinions batch by batch and keeps the running summary."""

    def __init__(self, session: Session, rnd: ConsultationRound, index: TreeIndex, lexicon: list[CompiledTopic],
                 summary: LoadSummary, file: str):
        self.session, self.rnd, self.index, self.summary, self.file = session, rnd, index, summary, file
        self.resolver = CitationResolver(index)
        self.lexicon, self.topic_ids = lexicon, sync_topics(session, lexicon)
        self.tagger = TopicMatcher(lexicon)
        self.rows = CommentRows(rnd.key, rnd.id, rnd.kind == "raw", file)
        self.matcher = ReloadMatcher(session, rnd)
        self.existing = self.matcher.existing
        self.submitters: dict[str, int] = {}
        self.kinds: dict[str, str] = {}  # submitter -> kind, as stored (the tally counts by it)
        self.tally: Counted = {}  # this load's opinions counted as written (see counted_tally)
        self.seen: set[str] = set()
        self.headings: dict[str, str | None] = {}
        self.language = LanguageCount()
        self.resolved: dict[object, Resolution] = {}  # see resolve_opinion
        self.next_id: int | None = None  # SQLite: the id the next new opinion gets (see _insert)
        self.scanner = Scanner()
        self.sample: list[OpinionRecord] = []  # the first opinions, to tell which revision fits

    def hints(self, batch: list[OpinionRecord]) -> Hints:
        """Run by the child that reads ahead: what it can work out for `write` (see batch_hints)."""
        return batch_hints(batch, self.tagger)

    def write(self, batch: list[OpinionRecord], hints: Hints | None = None) -> None:
        self.scanner.waiting = hints.findings if hints else {}
        if len(self.sample) < SAMPLE:
            self.sample.extend(batch[: SAMPLE - len(self.sample)])
        resolutions = [resolve_opinion(self.resolver, self.index, o, self.headings, self.resolved) for o in batch]
        rows = [self.rows.row(o) for o in batch]
        self._submitters({clean(o.submitter) for o in batch if o.submitter})
        for row, o in zip(rows, batch):
            row["submitter_id"] = self.submitters.get(clean(o.submitter)) if o.submitter else None
        for row, o in zip(rows, batch):
            positional = not o.number
            key = row["key"] if positional else self._unique(row["key"], o)
            row["key"] = self.matcher.key_for(key, positional, row, clean(o.submitter) if o.submitter else None)
            self.seen.add(row["key"])
            self.language.add(row["body"], row["response"])
        new = [r for r in rows if r["key"] not in self.existing]
        old = [dict(r, _id=self.existing[r["key"]]) for r in rows if r["key"] in self.existing]
        ids = {r["key"]: r["_id"] for r in old}
        if new:
            ids.update(self._insert(new))
        if old:
            columns = [c for c in rows[0] if c != "key"]
            stmt = update(Comment).where(Comment.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
            self.session.connection().execute(stmt, old)
            old_ids = [r["_id"] for r in old]
            self.session.execute(delete(Citation).where(Citation.comment_id.in_(old_ids)))
            self.session.execute(delete(CommentTopic).where(CommentTopic.comment_id.in_(old_ids)))
            self.session.execute(delete(PrivacyFinding).where(PrivacyFinding.comment_id.in_(old_ids)))
        self._citations(rows, resolutions, ids)
        self._count(rows, resolutions, batch)
        write_findings(self.session, [f for r, o in zip(rows, batch) for f in
                                      self.scanner.rows(ids[r["key"]], r, clean(o.submitter) if o.submitter else None)])
        tags = topic_rows(self.tagger, self.topic_ids,
                          [(ids[r["key"]], opinion_text(r["body"], r["reason"], r["proposal"])) for r in rows],
                          hints.topics if hints else None)
        if tags:
            insert_rows(self.session.connection(), table_of(CommentTopic), tags)
        s = self.summary
        s.topic_edges += len(tags)
        s.added, s.updated, s.opinions = s.added + len(new), s.updated + len(old), s.opinions + len(rows)
        s.submissions += sum(r["represents"] or 1 for r in rows)
        s.dispositions, s.conflicts = self.rows.dispositions, self.rows.conflicts  # counted as rows were made

    def _insert(self, new: list[dict[str, Any]]) -> dict[str, int]:
        """New opinions' rows, by Core (the ORM's bulk insert adds a third to each row's cost). On SQLite
        the ids are given here, so the insert is a plain executemany (RETURNING cost as much again): this
        transaction holds the store's write lock, so no other writer takes an id meanwhile."""
        comment, connection = table_of(Comment), self.session.connection()
        if connection.dialect.name != "sqlite":
            return dict(connection.execute(insert(comment).returning(comment.c.key, comment.c.id), new).all())
        if self.next_id is None:
            self.next_id = (connection.scalar(select(func.max(comment.c.id))) or 0) + 1
        ids = {row["key"]: self.next_id + n for n, row in enumerate(new)}
        self.next_id += len(new)
        insert_rows(connection, comment, [dict(row, id=ids[row["key"]]) for row in new])
        return ids

    def _submitters(self, names: set[str]) -> None:
        wanted = sorted(n for n in names if n not in self.submitters)
        if not wanted:
            return
        for name, sid, kind in self.session.execute(select(Submitter.name, Submitter.id, Submitter.kind)
                                                    .where(Submitter.name.in_(wanted))):
            self.submitters[name], self.kinds[name] = sid, kind or UNKNOWN_KIND
        missing = [{"name": n, "kind": submitter_kind(n)} for n in wanted if n not in self.submitters]
        if missing:
            self.submitters.update(self.session.execute(insert(Submitter).returning(Submitter.name, Submitter.id),
                                                        missing).all())
            self.kinds.update((m["name"], m["kind"] or UNKNOWN_KIND) for m in missing)

    def _count(self, rows: list[dict[str, Any]], resolutions: list[Resolution], batch: list[OpinionRecord]) -> None:
        """Each opinion into the tally as `refresh_tally` would count it: its set of cited sections, its
        disposition, its submitter's kind, the submissions it stands for."""
        ids = self.index.ids
        for row, res, o in zip(rows, resolutions, batch):
            count_opinion(self.tally, (ids[c.section] for c in res.cited.values()), row["disposition"],
                          self.kinds.get(clean(o.submitter), UNKNOWN_KIND) if o.submitter else UNKNOWN_KIND,
                          row["represents"] or 1)

    def _unique(self, key: str, o: OpinionRecord) -> str:
        """A printed number used twice (two tables numbered from 1, a merged 番号 cell) stays apart."""
        if key not in self.seen:
            return key
        if o.part == "R" or not o.number:
            raise GuidetraceError(f"two opinions with the id {key}", file=self.file, line=o.line)
        key, n = f"{self.rnd.key}/{o.part}-{label_id(o.number)}", 2
        candidate = key
        while candidate in self.seen:
            candidate, n = f"{key}_{n}", n + 1
        return candidate

    def _citations(self, rows: list[dict[str, Any]], resolutions: list[Resolution], ids: dict[str, int]) -> None:
        out = [x for row, res in zip(rows, resolutions) for x in citation_rows(ids[row["key"]], res, self.index.ids)]
        if out:  # Core executemany: no RETURNING needed, and the ORM's would splice every row back (quadratic)
            insert_rows(self.session.connection(), table_of(Citation), out)
        resolved = sum(1 for c in out if c["section_id"] is not None)
        self.summary.citations += resolved
        self.summary.unresolved += len(out) - resolved

    def finish(self, allow_removals: bool = False) -> None:
        gone = self.matcher.finish(self.seen)
        report = self.summary.reload = self.matcher.report
        if len(report.removed) > max(1, REMOVAL_SHARE * len(self.existing)) and not allow_removals:
            shown = ", ".join(report.removed[:REMOVALS_SHOWN]) + (" …" if len(report.removed) > REMOVALS_SHOWN else "")
            raise GuidetraceError(
                f"this document would remove {len(report.removed)} of the {len(self.existing)} opinions round "
                f"{self.rnd.key!r} holds ({shown}); nothing was changed (check the file is whole, or give "
                "--allow-removals)", file=self.file)
        for start in range(0, len(gone), BATCH):
            self.session.execute(delete(Comment).where(Comment.id.in_(gone[start : start + BATCH])))
        self.summary.removed = len(report.removed)
        if self.existing:  # a temporary row paired with an old opinion was an update, not an addition
            self.summary.added = len(report.added)
            self.summary.updated = self.summary.opinions - self.summary.added


def load_raw(store: Store, path: Path, *, revision: str, round_key: str, fmt: str = "auto",
             encoding: str | None = None, threshold: float = 0.8, near: bool = True,
             progress: Progress | None = None, allow_removals: bool = False,
             decisions_file: Path | None = None) -> tuple[LoadSummary, ClusterSummary]:
    """Raw submissions as a round of kind `raw`, clustered in the same transaction (with the decisions
    `rounds remove` kept, when given)."""
    from .store_clusters import cluster_round  # numpy loads only when clustering

    decisions = read_decisions(decisions_file) if decisions_file else None
    document = read_raw(path, fmt=fmt, encoding=encoding)
    with store.transaction(bulk=_bulk(path)) as session:
        summary = store_document(session, document, revision=revision, round_key=round_key, progress=progress,
                                 lexicon=store_lexicon(session), kind="raw", allow_removals=allow_removals,
                                 decisions=decisions)
        rnd = session.scalar(select(ConsultationRound).where(ConsultationRound.key == round_key))
        return summary, cluster_round(session, rnd, threshold=threshold, near=near)  # type: ignore[arg-type]


def store_document(
    session: Session, document: CommentDocument, *, revision: str, round_key: str | None,
    grow: bool = False, progress: Progress | None = None, lexicon: list[CompiledTopic] | None = None,
    kind: str = "result", lang: str | None = None, decisions: DecisionFile | None = None,
    allow_removals: bool = False, reread: Callable[[], CommentDocument] | None = None,
) -> LoadSummary:
    """`grow` reads the document once to grow the tree and, through `reread`, again to write it (without
    `reread` the document must be one that can be read twice)."""
    rev = find_revision(session, revision)
    key = round_key or default_round_key(session, rev)
    index = build_index(session, rev)
    summary = LoadSummary(round=key, revision=rev.key, file=document.file, layout=document.layout)
    if grow:  # growing the tree needs every unresolved locator before anything is written
        held = None if reread is not None else list(document.opinions)  # no way to read it again: hold it
        resolver, headings = CitationResolver(index), dict[str, str | None]()
        proposals = [u for o in (held if held is not None else document.opinions)
                     for u in resolve_opinion(resolver, index, o, headings).unresolved if u.proposed_key]
        if proposals:  # only what grows the tree is kept; the document is read again to be written
            summary.grown = grow_tree(session, rev, index, proposals, source=document.file)
            index = build_index(session, rev)
        document = reread() if reread is not None else replace(document, opinions=iter(held or []))
    rnd = _round(session, rev, key, document.file, kind)
    writer = _Writer(session, rnd, index, lexicon if lexicon is not None else store_lexicon(session), summary,
                     document.file)
    for batch, hints in read_ahead.batches(document, BATCH, prepare=writer.hints):
        writer.write(batch, hints)
        if progress:
            progress(summary.opinions, max(summary.opinions, 1))
    writer.finish(allow_removals)
    if decisions is not None:
        summary.restored = restore_decisions(session, decisions, rnd.key)
    summary.review = reattach(session, rnd, writer.matcher.kept)
    counted_tally(session, rnd, writer.tally if not writer.existing else None)
    _round_meta(session, rnd, document)
    rnd.lang = summary.lang = lang or writer.language.result()
    summary.columns = dict(document.columns)
    summary.dispositions = dict(sorted(summary.dispositions.items(), key=lambda kv: (-kv[1], kv[0])))
    summary.warnings = list(document.meta.warnings)
    if summary.unresolved > summary.citations and kind != "raw":
        fit = better_revision(session, rev, writer.sample)
        if fit:
            summary.warnings.append(fit)
    return summary


def _round(session: Session, rev: Revision, key: str, file: str, kind: str) -> ConsultationRound:
    rnd = session.scalar(select(ConsultationRound).where(ConsultationRound.key == key))
    if rnd is None:
        rnd = ConsultationRound(key=key, revision_id=rev.id, source_file=file, kind=kind)
        session.add(rnd)
        session.flush()
    elif rnd.kind != kind:
        raise GuidetraceError(f"round {key!r} holds {rnd.kind} documents, not {kind}")
    elif rnd.revision_id != rev.id:
        other = session.get(Revision, rnd.revision_id)
        raise GuidetraceError(f"round {key!r} is on revision {other.key if other else '?'!r}, not {rev.key!r}")
    return rnd


def _round_meta(session: Session, rnd: ConsultationRound, document: CommentDocument) -> None:
    """Front matter is known once the whole document is read."""
    meta = document.meta
    rnd.title = clean(meta.title) if meta.title else None
    rnd.period_start, rnd.period_end = meta.period_start, meta.period_end
    rnd.total_submissions = meta.total_submissions
    rnd.totals_by_kind, rnd.part_totals = dict(meta.totals_by_kind), dict(meta.part_totals)
    rnd.named_submitters, rnd.warnings = list(meta.named_submitters), list(meta.warnings)
    rnd.source_file = document.file
    if meta.named_submitters:
        existing = set(session.scalars(select(Submitter.name).where(Submitter.name.in_(meta.named_submitters))))
        missing = [{"name": n, "kind": submitter_kind(n)} for n in meta.named_submitters if n not in existing]
        if missing:
            session.execute(insert(Submitter), missing)
    session.flush()
