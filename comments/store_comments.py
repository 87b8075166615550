"""Ingesting a comment document: resolve, classify, and write it in one transaction.

Comments are matched by their stable key (`round/part-seq`), so loading the same
document again changes nothing and a corrected document updates rows in place.
Writes use Core executemany in batches: the ORM's unit of work is not needed for
rows that nothing else in the process holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from guidetrace.guideline.store_tree import find_revision
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Citation, Comment, ConsultationRound, Guideline, Revision, Submitter
from guidetrace.trace.store import Store

from .classify_answer import default_classifier
from .grow_tree import grow_tree
from .readers import read_document
from .records import CommentDocument, OpinionRecord
from .resolve_citations import CitationResolver, Resolution
from .submitter_kinds import submitter_kind
from .tag_topics import tag_comments
from .topics_lexicon import load_lexicon
from .tree_index import TreeIndex, build_index

BATCH = 5000
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


def default_round_key(session: Session, revision: Revision) -> str:
    guideline = session.get(Guideline, revision.guideline_id)
    return f"{guideline.key}-{revision.key}" if guideline else revision.key


def load_comments(
    store: Store,
    path: Path,
    *,
    revision: str,
    round_key: str | None = None,
    fmt: str = "auto",
    columns: str | None = None,
    grow: bool = False,
    progress: Progress | None = None,
    topics_file: Path | None = None,
    encoding: str | None = None,
) -> LoadSummary:
    document = read_document(path, fmt=fmt, columns=columns, encoding=encoding)
    lexicon = load_lexicon(topics_file)
    with store.transaction() as session:
        summary = store_document(session, document, revision=revision, round_key=round_key, grow=grow, progress=progress)
        rnd_id = session.scalar(select(ConsultationRound.id).where(ConsultationRound.key == summary.round))
        ids = list(session.scalars(select(Comment.id).where(Comment.round_id == rnd_id)))
        summary.topic_edges = tag_comments(session, lexicon, ids)
        return summary


def resolve_opinion(resolver: CitationResolver, index: TreeIndex, opinion: OpinionRecord,
                    headings: dict[str, str | None]) -> Resolution:
    if opinion.heading and opinion.heading not in headings:
        headings[opinion.heading] = _heading_key(resolver, opinion.heading)
    res = Resolution(context=headings.get(opinion.heading) if opinion.heading else None)
    resolver.resolve(opinion.location, origin="location", into=res)
    resolver.resolve(opinion.location_detail, origin="detail", into=res)
    if not res.cited:
        if opinion.heading and res.context and not opinion.location:
            res.cite(res.context, "heading", opinion.heading, "heading")
        elif opinion.location is None and opinion.location_detail is None:
            res.cite(index.root, "implicit", "", "implicit")
    return res


def _heading_key(resolver: CitationResolver, heading: str) -> str | None:
    probe = resolver.resolve(heading, origin="heading")
    return next(iter(probe.cited), None)


def store_document(
    session: Session, document: CommentDocument, *, revision: str, round_key: str | None,
    grow: bool = False, progress: Progress | None = None,
) -> LoadSummary:
    rev = find_revision(session, revision)
    key = round_key or default_round_key(session, rev)
    index = build_index(session, rev)
    resolver = CitationResolver(index)
    headings: dict[str, str | None] = {}  # a document has few headings: resolve each once
    resolutions = [resolve_opinion(resolver, index, o, headings) for o in document.opinions]
    summary = LoadSummary(round=key, revision=rev.key, file=document.file, layout=document.layout)
    if grow and any(u.proposed_key for r in resolutions for u in r.unresolved):
        summary.grown = grow_tree(session, rev, index, resolutions, source=document.file)
        index = build_index(session, rev)
        resolver = CitationResolver(index)
        headings = {}
        resolutions = [resolve_opinion(resolver, index, o, headings) for o in document.opinions]

    rnd = _upsert_round(session, document, rev, key)
    submitter_ids = _upsert_submitters(session, document)
    classifier = default_classifier()
    rows: list[dict[str, Any]] = []
    for opinion in document.opinions:
        c = classifier.classify(opinion.response)
        rows.append(_comment_row(key, rnd.id, opinion, submitter_ids, c.primary,
                                 [{"disposition": m.disposition, "rule": m.rule, "supplementary": m.supplementary}
                                  for m in c.matches], document.file))
        summary.dispositions[c.primary] = summary.dispositions.get(c.primary, 0) + 1
    comment_ids = _upsert_comments(session, rnd.id, rows, summary, progress)
    _replace_citations(session, rows, resolutions, comment_ids, index, summary)
    summary.opinions = len(rows)
    summary.submissions = sum(r["represents"] or 1 for r in rows)
    summary.dispositions = dict(Counter(summary.dispositions).most_common())
    summary.warnings = list(document.meta.warnings)
    return summary


def _upsert_round(session: Session, document: CommentDocument, rev: Revision, key: str) -> ConsultationRound:
    rnd = session.scalar(select(ConsultationRound).where(ConsultationRound.key == key))
    if rnd is None:
        rnd = ConsultationRound(key=key, revision_id=rev.id)
        session.add(rnd)
    elif rnd.revision_id != rev.id:
        other = session.get(Revision, rnd.revision_id)
        raise GuidetraceError(f"round {key!r} is on revision {other.key if other else '?'!r}, not {rev.key!r}")
    meta = document.meta
    rnd.kind, rnd.title = "result", meta.title
    rnd.period_start, rnd.period_end = meta.period_start, meta.period_end
    rnd.total_submissions = meta.total_submissions
    rnd.totals_by_kind, rnd.part_totals = dict(meta.totals_by_kind), dict(meta.part_totals)
    rnd.named_submitters, rnd.warnings = list(meta.named_submitters), list(meta.warnings)
    rnd.source_file = document.file
    session.flush()
    return rnd


def _upsert_submitters(session: Session, document: CommentDocument) -> dict[str, int]:
    names = sorted({o.submitter for o in document.opinions if o.submitter} | set(document.meta.named_submitters))
    existing = dict(session.execute(select(Submitter.name, Submitter.id).where(Submitter.name.in_(names))).all()) if names else {}
    missing = [{"name": n, "kind": submitter_kind(n)} for n in names if n not in existing]
    if missing:
        session.execute(insert(Submitter), missing)
        existing = dict(session.execute(select(Submitter.name, Submitter.id).where(Submitter.name.in_(names))).all())
    return existing


def _comment_row(round_key: str, round_id: int, o: OpinionRecord, submitters: dict[str, int], primary: str,
                 all_matches: list[dict[str, Any]], file: str) -> dict[str, Any]:
    return {
        "key": f"{round_key}/{o.part}-{o.seq:02d}", "round_id": round_id, "part": o.part, "seq": o.seq,
        "submitter_id": submitters.get(o.submitter) if o.submitter else None,
        "location": o.location if o.location_detail is None else "\n".join(filter(None, (o.location, o.location_detail))),
        "heading": o.heading, "body": o.body, "body_html": o.body_html, "reason": o.reason, "proposal": o.proposal,
        "response": o.response, "response_html": o.response_html, "disposition": primary, "dispositions": all_matches,
        "bulk": o.bulk, "represents": o.represents, "source_file": file, "source_line": o.line, "source_page": o.page,
    }


def _upsert_comments(session: Session, round_id: int, rows: list[dict[str, Any]], summary: LoadSummary,
                     progress: Progress | None) -> dict[str, int]:
    existing = dict(session.execute(select(Comment.key, Comment.id).where(Comment.round_id == round_id)).all())
    wanted = {r["key"] for r in rows}
    gone = [cid for k, cid in existing.items() if k not in wanted]
    if gone:
        session.execute(delete(Comment).where(Comment.id.in_(gone)))
    new = [r for r in rows if r["key"] not in existing]
    old = [dict(r, _id=existing[r["key"]]) for r in rows if r["key"] in existing]
    done = 0
    for start in range(0, len(new), BATCH):
        session.execute(insert(Comment), new[start : start + BATCH])
        done += len(new[start : start + BATCH])
        if progress:
            progress(done, len(rows))
    if old:
        columns = [c for c in rows[0] if c != "key"]
        stmt = update(Comment).where(Comment.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
        for start in range(0, len(old), BATCH):
            session.connection().execute(stmt, old[start : start + BATCH])
            done += len(old[start : start + BATCH])
            if progress:
                progress(done, len(rows))
    summary.added, summary.updated, summary.removed = len(new), len(old), len(gone)
    return dict(session.execute(select(Comment.key, Comment.id).where(Comment.round_id == round_id)).all())


def _replace_citations(session: Session, rows: list[dict[str, Any]], resolutions: list[Resolution],
                       comment_ids: dict[str, int], index: TreeIndex, summary: LoadSummary) -> None:
    ids = list(comment_ids.values())
    for start in range(0, len(ids), BATCH):
        session.execute(delete(Citation).where(Citation.comment_id.in_(ids[start : start + BATCH])))
    out: list[dict[str, Any]] = []
    for row, res in zip(rows, resolutions):
        cid = comment_ids[row["key"]]
        for c in res.cited.values():
            out.append({"comment_id": cid, "section_id": index.ids[c.section], "text": c.text, "evidence": c.evidence,
                        "confidence": c.confidence, "origin": c.origin, "position": c.position, "note": None})
        for i, u in enumerate(res.unresolved):
            out.append({"comment_id": cid, "section_id": None, "text": u.text, "evidence": u.evidence,
                        "confidence": 0.0, "origin": u.origin, "position": len(res.cited) + i, "note": u.reason})
    for start in range(0, len(out), BATCH):
        session.execute(insert(Citation), out[start : start + BATCH])
    summary.citations = sum(1 for c in out if c["section_id"] is not None)
    summary.unresolved = sum(1 for c in out if c["section_id"] is None)

