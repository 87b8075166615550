"""A page per section of each revision shown: its opinions, those carried to it from earlier revisions,
those below it, bounded breadcrumbs and its links to other revisions. A campaign's copies are one block
per page (`campaign_shown`); the counts are of opinions, as before."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from guidetrace.guideline.keys import ROOT_KEY
from guidetrace.guideline.queries import find_revision, section_rows
from guidetrace.guideline.reanchor import Reanchorer
from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.models import ConsultationRound, Revision, Section, SectionLink

from .campaign_shown import CampaignsShown
from .pages import section_page

PAGE_SIZE = 200  # opinions per section page; more go to numbered pages
BELOW_LIMIT = 200  # opinions from subsections listed on a section page (the rest are on their own pages)


def section_jobs(session: Session, comments: list[dict[str, Any]], revisions: set[str],
                 shown: CampaignsShown) -> tuple[list[tuple[str, str, dict[str, Any]]], dict[str, str]]:
    """The section pages to render (name, template, context) and where each opinion is listed under a
    section it cites (page#id). Made before the chapters' trees are drawn (the site reads them while
    Graphviz works): `attach_heats` adds those after."""
    href: dict[str, str] = {}
    jobs: list[tuple[str, str, dict[str, Any]]] = []
    section_id = {(rev, key): sid for sid, rev, key in session.execute(
        select(Section.id, Revision.key, Section.key).join(Revision, Section.revision_id == Revision.id))}
    shown_as = shown.key if shown.of else (lambda c: c["id"])  # a campaign counts once among those below
    round_revision = dict(session.execute(select(ConsultationRound.key, Revision.key)
                                          .join(Revision, ConsultationRound.revision_id == Revision.id)).all())
    for rev_key in sorted(revisions):
        revision = find_revision(session, rev_key)
        carried = _carried(Reanchorer(session, revision), section_id, comments, rev_key)
        rows = section_rows(session, revision)
        by_key = {r["key"]: r for r in rows}
        tree = SectionTree[str]((r["key"], r["parent"]) for r in rows)
        children = {r["key"]: [by_key[k] for k in tree.children(r["key"])] for r in rows}
        citing: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in comments:
            for key in dict.fromkeys(x["section"] for x in c["citations"] if x["revision"] == rev_key):
                citing[key].append(c)
            if not c["citations"] and round_revision.get(c["round"]) == rev_key:
                citing[ROOT_KEY].append(c)  # every place unresolved: it speaks to the document, as the counts say
        links = _links_by_section(session, revision.id)
        below_ids: dict[str, set[str]] = {}
        for r in reversed(rows):  # children come after their parent: one pass from the end gathers subtrees
            ids: set[str] = set()
            for k in tree.children(r["key"]):
                ids.update(x["id"] for x in citing[k])
                ids |= below_ids[k]
            below_ids[r["key"]] = ids
        crumbs = _crumbs(tree, by_key)
        for r in rows:
            ancestors, elided = crumbs[r["key"]]
            direct = citing[r["key"]]
            direct_ids = {c["id"] for c in direct}
            below = _below(r["key"], tree, citing, BELOW_LIMIT, direct_ids, shown_as)
            below_total = len(below_ids[r["key"]] - direct_ids)  # once per section, not per page of it
            listed = shown.fold(direct)
            pages = max(1, -(-len(listed) // PAGE_SIZE))
            for number in range(1, pages + 1):
                name = section_page(rev_key, r["key"]) if number == 1 else section_page(rev_key, r["key"]).replace(
                    ".html", f"-p{number}.html")
                here = listed[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
                for c in here:
                    if isinstance(c, dict):  # not a campaign's block: its copies are listed on its own pages
                        href.setdefault(c["id"], f"{name}#{c['id']}")
                if number == 1:  # a campaign shown above is not shown again below
                    seen = shown.clusters(here)
                    below_shown = shown.fold(below, seen, count=False)
                    below_listed = _listed_below(shown, below_ids[r["key"]] - direct_ids, below_shown, seen)
                    carried_shown = shown.fold(carried[r["key"]], seen, count=False, record=lambda e: e["c"],
                                               wrap=lambda e, b: dict(e, c=b))[:PAGE_SIZE]
                jobs.append((name, "section.html", dict(
                    s=r, revision=rev_key, ancestors=ancestors, elided=elided, children=children[r["key"]],
                    direct=here, direct_total=len(direct),
                    carried=carried_shown if number == 1 else [],
                    heat=None,
                    carried_total=len(carried[r["key"]]),
                    below=below_shown if number == 1 else [], below_listed=below_listed if number == 1 else 0,
                    below_total=below_total, page_number=number,
                    pages=pages, assets="", standalone=False,
                    links=[dict(link, paged=link["revision"] in revisions) for link in links.get(r["key"], [])])))
    return jobs, href


def attach_heats(jobs: list[tuple[str, str, dict[str, Any]]], heats: dict[tuple[str, str], Any]) -> None:
    """A chapter's first page carries the chapter's tree."""
    for _, _, context in jobs:
        if context["page_number"] == 1:
            context["heat"] = heats.get((context["revision"], context["s"]["key"]))


def _carried(anchors: Reanchorer, ids: dict[tuple[str, str], int], comments: list[dict[str, Any]],
             rev_key: str) -> dict[str, list[dict[str, Any]]]:
    """Opinions made on an earlier revision, carried to this one through the lineage (re-anchored), each
    with the round it came from and the key it cited: a 3.0 page shows what was said about 3.0-draft."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in comments:
        placed: set[str] = set()
        for x in c["citations"]:
            sid = ids.get((x["revision"], x["section"]))
            if x["revision"] == rev_key or sid is None:
                continue
            anchor = anchors.anchor(sid)
            for key in anchor.keys:
                if key not in placed:
                    placed.add(key)
                    out[key].append({"c": c, "round": c["round"], "revision": x["revision"], "cited": x["section"],
                                     "outdated": anchor.outdated, "changes": list(anchor.changes)})
    return out


CRUMBS = 6  # ancestors shown above a section: the topmost, then the nearest ones


def _crumbs(tree: SectionTree[str], by_key: dict[str, dict[str, Any]]) -> dict[str, tuple[list[dict[str, Any]], bool]]:
    """Bounded breadcrumbs in one pass over the tree in document order (parents first): a chain thousands
    deep costs each page a few links, not thousands."""
    first: dict[str, dict[str, Any] | None] = {}
    tail: dict[str, list[dict[str, Any]]] = {}
    depth: dict[str, int] = {}
    out: dict[str, tuple[list[dict[str, Any]], bool]] = {}
    for key in tree.order:
        p = tree.parent[key]
        if not p or p not in depth:
            first[key], tail[key], depth[key] = None, ([by_key[p]] if p else []), (1 if p else 0)
        else:
            first[key] = first[p] or by_key[p]
            tail[key] = (tail[p] + [by_key[p]])[-CRUMBS:]
            depth[key] = depth[p] + 1
        d, f, t = depth[key], first[key], tail[key]
        out[key] = (([f] if d > CRUMBS and f is not None else []) + t, d > CRUMBS + 1)
    return out


def _links_by_section(session: Session, revision_id: int) -> dict[str, list[dict[str, str]]]:
    """Each section's links to other revisions (succeeds, renumbered, …) and cross references, both ways."""
    mine, other, other_rev = aliased(Section), aliased(Section), aliased(Revision)
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for here, there in ((SectionLink.from_section_id, SectionLink.to_section_id),
                        (SectionLink.to_section_id, SectionLink.from_section_id)):
        rows = session.execute(
            select(mine.key, SectionLink.kind, other.key, other_rev.key)
            .join(SectionLink, here == mine.id).join(other, there == other.id)
            .join(other_rev, other.revision_id == other_rev.id)
            .where(mine.revision_id == revision_id).order_by(mine.position, SectionLink.id))  # a total order:
        # PostgreSQL listed one section's links in either order from one build to the next
        for key, kind, other_key, other_revision in rows:
            out[key].append({"kind": kind, "section": other_key, "revision": other_revision})
    return out


def _listed_below(shown: CampaignsShown, rest: set[str], listed: list[Any], seen: set[int]) -> int:
    """How many of the opinions below a section its first page shows: alone, or as a campaign's block."""
    if not seen:
        return len(listed)
    ids = {c["id"] for c in listed if isinstance(c, dict)}
    return sum(1 for i in rest if i in ids or shown.of.get(i) in seen)


def _below(key: str, tree: SectionTree[str], citing: dict[str, list[dict[str, Any]]], limit: int,
           skip: set[str], shown_as: Callable[[dict[str, Any]], str]) -> list[dict[str, Any]]:
    """Up to `limit` of what is shown below a section: opinions, a campaign's copies counting once."""
    found: dict[str, dict[str, Any]] = {}
    for k in tree.subtree(key):
        if len(found) >= limit:
            break
        for c in citing[k] if k != key else ():
            if c["id"] not in skip and len(found) < limit:
                found.setdefault(shown_as(c), c)
    return sorted(found.values(), key=lambda c: c["id"])


