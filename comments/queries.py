"""Reading comments back: filtered listings as JSON-ready records, and the review list of `check`."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import String, cast, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from guidetrace.guideline.keys import ROOT_KEY, canonical_key
from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import (
    Citation,
    Comment,
    CommentTopic,
    ConsultationRound,
    ReviewDecision,
    Revision,
    Section,
    Submitter,
    Topic,
)

from .classify_answer import UNCLASSIFIED
from .draft_final import check_draft_final
from .review.decisions import ACTIVE, REVIEWED
from .review.queue import KINDS, ReviewItem, queue_counts, review_queue


def find_round(session: Session, key: str | None) -> ConsultationRound:
    """The one round lookup: by key, or (no key) the latest round; an unknown key lists the known ones."""
    if key:
        rnd = session.scalar(select(ConsultationRound).where(ConsultationRound.key == key))
        if rnd is None:
            known = ", ".join(session.scalars(select(ConsultationRound.key).order_by(ConsultationRound.key))) or "none loaded"
            raise GuidetraceError(f"unknown round {key!r} (known: {known})")
        return rnd
    latest = session.scalars(select(ConsultationRound).order_by(ConsultationRound.period_start.desc(),
                                                                 ConsultationRound.id.desc()).limit(1)).first()
    if latest is None:
        raise GuidetraceError("no comments loaded: run `guidetrace comments load FILE --revision R` first "
                              "(`guidetrace comments load --bundled` for the shipped round)")
    return latest


def subtree_ids(session: Session, revision_id: int, key: str) -> list[int]:
    """The section and everything below it, as ids (the one section tree's walk)."""
    wanted = session.scalar(select(Section.id).where(Section.revision_id == revision_id,
                                                      Section.key == canonical_key(key)))
    if wanted is None:
        raise GuidetraceError(f"no section {key!r} in this revision")
    return list(SectionTree.of_ids(session, revision_id).subtree(wanted))


_LISTED = (Comment.id, Comment.key, Comment.label, Comment.part, Comment.seq, Comment.location, Comment.heading,
           Comment.body, Comment.reason, Comment.proposal, Comment.response, Comment.disposition,
           type_coerce(Comment.dispositions, String).label("dispositions"),  # JSON parsed once per distinct text
           Comment.bulk, Comment.represents, Comment.source_file, Comment.source_line, Comment.source_page)


def list_comments(
    session: Session, *, round_key: str | None = None, section: str | None = None,
    disposition: str | None = None, submitter_kind: str | None = None, public: bool = True, lang: str = "ja",
) -> list[dict[str, Any]]:
    """Opinions as published (`public`: personal data masked, individuals unnamed), or as stored."""
    query = (  # columns, not ORM objects: at 100,000 opinions the identity map alone costs seconds
        select(*_LISTED, ConsultationRound.key, Revision.key, Submitter.name, Submitter.kind)
        .select_from(Comment)
        .join(ConsultationRound, Comment.round_id == ConsultationRound.id)
        .join(Revision, ConsultationRound.revision_id == Revision.id)
        .outerjoin(Submitter, Comment.submitter_id == Submitter.id)
    )  # ordered below, not by the database (see _in_order)
    if round_key:
        query = query.where(ConsultationRound.id == find_round(session, round_key).id)
    if disposition:
        query = query.where(Comment.disposition == disposition)
    if submitter_kind:
        query = query.where(Submitter.kind == submitter_kind) if submitter_kind != "unknown" else query.where(
            (Submitter.kind == "unknown") | (Comment.submitter_id.is_(None)))
    if section:
        rounds = select(ConsultationRound.revision_id).distinct()
        if round_key:
            rounds = rounds.where(ConsultationRound.key == round_key)
        ids: list[int] = []
        whole: list[int] = []  # revisions whose root is asked for: all their opinions, those citing nothing known too
        for rid in session.scalars(rounds):
            try:
                ids.extend(subtree_ids(session, rid, section))
            except GuidetraceError:
                continue
            if canonical_key(section) == ROOT_KEY:
                whole.append(rid)
        if not ids:
            raise GuidetraceError(f"no section {section!r} in the revision of any loaded round")
        query = query.where(Comment.id.in_(select(Citation.comment_id).where(Citation.section_id.in_(ids)))
                            | ConsultationRound.revision_id.in_(whole))
    connection = session.connection()  # Core: the ORM's row loading adds a sixth for columns it never maps
    if round_key or section or disposition or submitter_kind:
        rows = connection.execute(query).all()
        ids, out = _records(rows, _Attached(session, [r.id for r in rows]))
        del rows  # the records hold what they need: the rows' own copies of each value go now
    else:  # every opinion: what is attached to them is read first, then the rows stream past, never all held
        attached = _Attached(session, None)
        ids, out = _records(connection.execute(query), attached)
    ids, out = _in_order(ids, out)
    return publish(session, ids, out, lang) if public else out


def _in_order(ids: list[int], out: list[dict[str, Any]]) -> tuple[list[int], list[dict[str, Any]]]:
    """By round, part and number (then id), in code-point order on every backend. Sorted here rather than
    by ORDER BY: SQLite sorted every full row (texts included) in a temporary B-tree, 0.45 s of the 1.2 s
    query at 100,000 opinions, while the rows arrive almost in order and Python's sort takes 0.05 s."""
    order = sorted(range(len(out)), key=lambda i: (out[i]["round"], out[i]["part"], out[i]["seq"], ids[i]))
    return [ids[i] for i in order], [out[i] for i in order]


def publish(session: Session, ids: list[int], out: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    from .privacy.masking import masked_fields, published_name
    from .privacy.published import publish_parts

    masked = masked_fields(session, ids, lang)
    same: dict[tuple[str | None, str], dict[str, str | None]] = {}  # records share these dicts: replaced here, never changed
    for cid, record in zip(ids, out):
        kind = record["submitter"]["kind"]
        fields: dict[str, Any] = dict(masked.get(cid, {}))
        found: list[tuple[str, str]] = fields.pop("_found", [])
        name = fields.pop("submitter", None) or published_name(record["submitter"]["name"], kind, lang)
        record["submitter"] = same.setdefault((name, kind), {"name": name, "kind": kind})
        publish_parts(record, lang)  # the source file's name screened; that a person reviewed, not who
        for field, text in fields.items():
            record[field] = text
        if found:  # a location's words, quoted
            for part in ("citations", "unresolved"):
                record[part] = [dict(entry, text=_masked(entry.get("text") or "", found)) for entry in record[part]]
    return out


def _masked(text: str, found: list[tuple[str, str]]) -> str:
    for raw, label in found:
        text = text.replace(raw, label)
    return text


class _Attached:
    """The citations, topic tags and review marks of the opinions `ids` (None: of every opinion, read
    without a 5,000-id IN list per chunk, whose expansion cost more than the reading).

    Values that repeat across opinions (keys, answers, locations, citations, dispositions) are kept
    once (`same`): at 100,000 opinions a copy of each per opinion held more memory than the opinions'
    own text. So records share those dicts: a caller replaces them (as `publish` does), never changes them."""

    def __init__(self, session: Session, ids: list[int] | None) -> None:
        self.same: dict[Any, Any] = {}
        self.cited: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self.unresolved: dict[int, list[dict[str, Any]]] = defaultdict(list)
        self.topics: dict[int, list[str]] = defaultdict(list)
        self.reviewed_topics: dict[int, list[str]] = defaultdict(list)
        self.reviewed_disposition: dict[int, dict[str, str]] = {}
        connection = session.connection()
        for start in range(0, len(ids), 5000) if ids is not None else (0,):
            self._read(connection, ids[start : start + 5000] if ids is not None else None)

    def _read(self, connection: Any, chunk: list[int] | None) -> None:
        one, cited, unresolved = self.same.setdefault, self.cited, self.unresolved
        within = (lambda column: column.in_(chunk)) if chunk is not None else (lambda column: column.is_not(None))
        sec_rev = aliased(Revision)
        for cid, text, evidence, note, confidence, origin, key, rev in connection.execute(
            select(Citation.comment_id, Citation.text, Citation.evidence, Citation.note, Citation.confidence,
                   Citation.origin, Section.key, sec_rev.key).outerjoin(Section, Citation.section_id == Section.id)
            .outerjoin(sec_rev, Section.revision_id == sec_rev.id)
            .where(within(Citation.comment_id)).order_by(Citation.comment_id, Citation.position)
        ):
            entry: tuple[Any, ...]
            if key is None:
                entry = ("u", text, evidence, note)
                unresolved[cid].append(one(entry, {"text": text, "evidence": evidence, "reason": note}))
            else:
                reviewed = note if evidence == REVIEWED else None
                entry = ("c", key, rev, evidence, confidence, text, origin, reviewed)
                cited[cid].append(one(entry, {"section": key, "revision": rev, "evidence": evidence,
                                              "confidence": confidence, "text": text, "origin": origin,
                                              "reviewed": reviewed}))
        for cid, tkey, matched in connection.execute(select(CommentTopic.comment_id, Topic.key, CommentTopic.matched)
                                                     .join(Topic).where(within(CommentTopic.comment_id))):
            self.topics[cid].append(one(tkey, tkey))
            if matched == REVIEWED:
                self.reviewed_topics[cid].append(tkey)
        for decided, by, at in connection.execute(
                select(ReviewDecision.comment_id, ReviewDecision.by, ReviewDecision.at)
                .where(within(ReviewDecision.comment_id), ReviewDecision.state == ACTIVE,
                       ReviewDecision.action == "disposition").order_by(ReviewDecision.id)):
            if decided is not None:
                self.reviewed_disposition[decided] = {"by": by, "at": at}


def _records(rows: Iterable[Any], attached: _Attached) -> tuple[list[int], list[dict[str, Any]]]:
    """Each row as the record `list_comments` gives, with what is `attached` to it; and the rows' ids."""
    same, cited, unresolved, topics = attached.same, attached.cited, attached.unresolved, attached.topics
    reviewed_topics, reviewed_disposition = attached.reviewed_topics, attached.reviewed_disposition
    one = same.setdefault
    ids: list[int] = []
    out: list[dict[str, Any]] = []
    for (cid, key, label, part, seq, location, heading, body, reason, proposal, response, primary, stored, bulk,
         represents, source_file, source_line, source_page, round_key, _revision, name, kind) in rows:
        ids.append(cid)
        kind = kind or "unknown"
        if isinstance(stored, str) or stored is None:  # SQLite: the JSON text, parsed once per distinct text
            disposition = same.get(("d", primary, stored)) or one(("d", primary, stored), _disposition(
                primary, (json.loads(stored) if stored else None) or []))
        else:  # a server's driver hands the JSON over parsed
            pairs = tuple((d["disposition"], d["rule"]) for d in stored)
            disposition = one(("d", primary, pairs), _disposition(primary, stored))
        reviewed_topic_keys = sorted(reviewed_topics.get(cid, ()))
        out.append({
            "id": key, "label": label, "round": one(round_key, round_key), "part": one(part, part),
            "seq": seq, "submitter": one(("s", name, kind), {"name": name, "kind": kind}),
            "location": one(location, location), "heading": one(heading, heading),
            "citations": cited.pop(cid, []), "unresolved": unresolved.pop(cid, []),
            "body": body, "reason": reason, "proposal": proposal, "response": one(response, response),
            "disposition": disposition,
            "topics": sorted(topics.pop(cid, ())), "bulk": bulk, "represents": represents,
            "review": {"disposition": reviewed_disposition.get(cid), "topics": reviewed_topic_keys}
            if cid in reviewed_disposition or reviewed_topic_keys else one(("r",), {"disposition": None, "topics": []}),
            "source": {"file": one(source_file, source_file), "line": source_line, "page": source_page},
        })
    return ids, out


def _disposition(primary: str | None, stored: list[dict[str, Any]]) -> dict[str, Any]:
    return {"primary": primary, "all": list(dict.fromkeys(d["disposition"] for d in stored)),
            "rules": [d["rule"] for d in stored]}


def check_store(session: Session) -> dict[str, list[dict[str, Any]]]:
    """What needs a person's eye: unresolved citations, unclassified answers, load warnings."""
    unresolved = [
        {"comment": key, "text": c.text, "evidence": c.evidence, "reason": c.note, "file": file, "line": line}
        for c, key, file, line in session.execute(
            select(Citation, Comment.key, Comment.source_file, Comment.source_line)
            .join(Comment, Citation.comment_id == Comment.id)
            .where(Citation.section_id.is_(None)).order_by(Comment.key, Citation.position)
        )
    ]
    unclassified = [
        {"comment": key, "response": response, "file": file, "line": line}
        for key, response, file, line in session.execute(
            select(Comment.key, Comment.response, Comment.source_file, Comment.source_line)
            .where(Comment.disposition == UNCLASSIFIED).order_by(Comment.key)
        )
    ]
    conflicts = [
        {"comment": key, "column": disposition,
         "text": next(d["disposition"] for d in entries if d.get("evidence") == "conflict"),
         "stated_by": next((d["rule"] for d in entries if d.get("evidence") in ("column", "heading")), None),
         "file": file, "line": line}
        for key, disposition, entries, file, line in session.execute(
            select(Comment.key, Comment.disposition, Comment.dispositions, Comment.source_file, Comment.source_line)
            .where(cast(Comment.dispositions, String).like('%"conflict"%')).order_by(Comment.key))
        if any(d.get("evidence") == "conflict" for d in entries or [])
    ]
    warnings = [
        {"round": key, "warning": w}
        for key, ws in session.execute(select(ConsultationRound.key, ConsultationRound.warnings))
        for w in ws or []
    ]
    queue = review_queue(session, kinds=[k for k in KINDS if k != "topic"])  # built once: filters and counts
    unresolved, unclassified, conflicts = _still_open(queue, unresolved, unclassified, conflicts)
    resolved = select(Citation.comment_id).where(Citation.section_id.is_not(None))
    no_section = [{"comment": key, "location": location, "file": file, "line": line}
                  for key, location, file, line in session.execute(
                      select(Comment.key, Comment.location, Comment.source_file, Comment.source_line)
                      .where(Comment.id.not_in(resolved)).order_by(Comment.key))]
    pairs = check_draft_final(session)
    draft_final = [{"revisions": f"{p['draft']} → {p['final']}", "change": c["change"], "draft_section": c["draft"],
                    "final_section": c["final"], "title": c["title"], "explained_by": c["explained_by"]}
                   for p in pairs for c in p["changes"]]
    revised_unchanged = [{"revisions": f"{p['draft']} → {p['final']}", **r} for p in pairs for r in p["revised_unchanged"]]
    awaiting = [{"kind": kind, "items": n} for kind, n in queue_counts(queue).items() if n]
    return {"unresolved": unresolved, "no_section": no_section, "unclassified": unclassified,
            "disposition_conflicts": conflicts,
            "awaiting_review": awaiting, "lexicon_overfiring": overfiring_terms(session), "warnings": warnings,
            "draft_final_changes": draft_final, "revised_unchanged": revised_unchanged}


def _still_open(queue: list[ReviewItem], *lists: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], ...]:
    """What a person has decided or accepted is no longer listed."""
    open_items = {(i.opinion, i.field) for i in queue if i.kind in ("unresolved", "unclassified", "conflict")}
    fields = ("citation", "disposition", "disposition")
    return tuple([r for r in rows if (r["comment"], field) in open_items] for rows, field in zip(lists, fields))


OVERFIRE_MIN_OPINIONS = 40  # below this, a share says little


def overfiring_terms(session: Session) -> list[dict[str, Any]]:
    """Lexicon terms that tag more than the set share of all opinions: an everyday word, most likely
    (give it `requires:` in the lexicon)."""
    from guidetrace.trace.rules import packaged_yaml

    share = float(packaged_yaml("guidetrace.comments", "topics.yaml").get("overfire_share", 0.25))
    total = session.scalar(select(func.count()).select_from(Comment)) or 0
    if total < OVERFIRE_MIN_OPINIONS:
        return []
    rows = session.execute(select(Topic.key, CommentTopic.matched, func.count()).join(Topic)
                           .where(CommentTopic.matched != REVIEWED).group_by(Topic.key, CommentTopic.matched))
    return [{"topic": key, "term": term, "opinions": n, "share": round(n / total, 3)}
            for key, term, n in sorted(rows, key=lambda r: -r[2]) if n / total > share]


NEEDS_REVIEW = ("unresolved", "unclassified", "disposition_conflicts", "revised_unchanged")


def pending(found: dict[str, list[dict[str, Any]]]) -> int:
    """The items awaiting review: as many as `review list` lists (suggested topics aside)."""
    return sum(r["items"] for r in found["awaiting_review"])


def needs_review(found: dict[str, list[dict[str, Any]]], *, pending_ok: bool = False) -> bool:
    """Anything awaiting review fails the check, unless `pending_ok`; changes nobody explains and revised
    answers whose sections did not change always do (explained changes are information)."""
    inconsistent = bool(found["revised_unchanged"]) or any(not c["explained_by"] for c in found["draft_final_changes"])
    if pending_ok:
        return inconsistent
    return inconsistent or pending(found) > 0 or any(found[k] for k in NEEDS_REVIEW)


def store_language(session: Session) -> str:
    """The language most loaded rounds are written in: reports use its labels unless told otherwise."""
    counts: dict[str, int] = defaultdict(int)
    for lang in session.scalars(select(ConsultationRound.lang).where(ConsultationRound.lang.is_not(None))):
        if lang:
            counts[lang] += 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else "ja"


def round_rows(session: Session) -> list[dict[str, Any]]:
    out = []
    for rnd, rev in session.execute(select(ConsultationRound, Revision.key).join(Revision)
                                    .order_by(ConsultationRound.key)):
        out.append({"round": rnd.key, "revision": rev, "lang": rnd.lang, "title": rnd.title,
                    "period": [rnd.period_start, rnd.period_end],
                    "submissions": rnd.total_submissions, "by_kind": rnd.totals_by_kind, "parts": rnd.part_totals,
                    "named_submitters": rnd.named_submitters, "warnings": rnd.warnings})
    return out
