"""The store as a networkx MultiDiGraph, and the questions asked of it.

Node ids are typed strings (`section:3.0-draft:3.1.2`, `comment:…`, `topic:…`,
`submitter:…`, `revision:…`); every node has a `type`, every edge a `kind`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.guideline.section_tree import SectionTree
from guidetrace.trace.languages import DEFAULT_LANG, LANGS, label_for
from guidetrace.trace.models import Citation, Comment, CommentTopic, Revision, Section, SectionLink, Submitter, Topic


def section_node(revision: str, key: str) -> str:
    return f"section:{revision}:{key}"


def build_graph(session: Session, *, opinions: bool = True) -> nx.MultiDiGraph:
    """`opinions=False`: revisions, sections, their links and the topics only — what impact and lineage need,
    without a node per opinion (a tenth of the time at 100,000 opinions). Shared within `built_once`."""
    from .built_once import shared

    return shared(session, ("graph", opinions), lambda: _build_graph(session, opinions))


def _build_graph(session: Session, opinions: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    revs = {r.id: r for r in session.scalars(select(Revision))}
    for r in revs.values():
        g.add_node(f"revision:{r.key}", type="revision", key=r.key, label=r.label, status=r.status, date=r.date or "")
        if r.predecessor_id in revs:
            g.add_edge(f"revision:{r.key}", f"revision:{revs[r.predecessor_id].key}", kind="succeeds")
    node_of: dict[int, str] = {}
    for s in session.scalars(select(Section).order_by(Section.revision_id, Section.position)):
        node = section_node(revs[s.revision_id].key, s.key)
        node_of[s.id] = node
        g.add_node(node, type="section", revision=revs[s.revision_id].key, key=s.key, kind=s.kind,
                   title=s.title or "", pages=list(s.pages or []), inferred=s.inferred)
    rows = session.execute(select(Section.id, Section.parent_id, Section.revision_id, Section.kind))
    for s_id, parent_id, rev_id, kind in rows:
        if parent_id is not None:
            g.add_edge(node_of[parent_id], node_of[s_id], kind="contains")
        elif kind == "root":
            g.add_edge(f"revision:{revs[rev_id].key}", node_of[s_id], kind="contains")
    for link in session.scalars(select(SectionLink)):
        if link.to_section_id is not None:
            g.add_edge(node_of[link.from_section_id], node_of[link.to_section_id], kind=link.kind,
                       proposed=link.proposed, note=link.note or "")
        else:
            g.nodes[node_of[link.from_section_id]]["removed"] = True
    if not opinions:
        for t in session.scalars(select(Topic)):
            g.add_node(f"topic:{t.key}", type="topic", key=t.key, **_topic_labels(t))
        return g
    from guidetrace.comments.privacy.published import published_name  # published: no private person named

    sub_name: dict[int, str] = {}
    for sub in session.scalars(select(Submitter)):  # published: a private person is never named
        shown = published_name(sub.name, sub.kind)
        # a name published as it is names its node; one screened (［個人］, a phone masked) is told apart by its id
        sub_name[sub.id] = (shown or "") if shown == sub.name else f"{sub.kind}-{sub.id}"
        g.add_node(f"submitter:{sub_name[sub.id]}", type="submitter", name=shown, kind=sub.kind)
    comment_node: dict[int, str] = {}
    for c in session.scalars(select(Comment)):
        comment_node[c.id] = f"comment:{c.key}"
        g.add_node(comment_node[c.id], type="comment", key=c.key, part=c.part, disposition=c.disposition,
                   bulk=c.bulk, represents=c.represents or 1)
        if c.submitter_id is not None:
            g.add_edge(comment_node[c.id], f"submitter:{sub_name[c.submitter_id]}", kind="submitted_by")
    for cit in session.scalars(select(Citation).where(Citation.section_id.is_not(None))):
        g.add_edge(comment_node[cit.comment_id], node_of[cit.section_id], kind="cites",  # type: ignore[index]
                   evidence=cit.evidence, confidence=cit.confidence)
    for t in session.scalars(select(Topic)):
        g.add_node(f"topic:{t.key}", type="topic", key=t.key, **_topic_labels(t))
    topic_key = dict(session.execute(select(Topic.id, Topic.key)).all())
    for ct in session.scalars(select(CommentTopic)):
        g.add_edge(comment_node[ct.comment_id], f"topic:{topic_key[ct.topic_id]}", kind="about", matched=ct.matched)
    return g


def _topic_labels(topic: Topic) -> dict[str, str]:
    """A topic node's names: `label` in Japanese, `label_<lang>` in each other language."""
    return {("label" if lang == DEFAULT_LANG else f"label_{lang}"): label_for(topic.labels, lang) for lang in LANGS}


def _edges(g: nx.MultiDiGraph, node: str, kind: str, *, out: bool = True) -> Iterable[str]:
    edges = g.out_edges(node, data=True) if out else g.in_edges(node, data=True)
    for u, v, data in edges:
        if data.get("kind") == kind:
            yield v if out else u


def section_tree(g: nx.MultiDiGraph, revision: str) -> SectionTree[str]:
    """A revision's sections as the one section-tree object (node ids), from the graph's `contains` edges."""
    nodes = [n for n, d in g.nodes(data=True) if d.get("type") == "section" and d["revision"] == revision]
    members = set(nodes)
    parent = {v: u for u, v, d in g.edges(data=True) if d.get("kind") == "contains" and v in members
              and g.nodes[u].get("type") == "section"}
    return SectionTree[str]((n, parent.get(n)) for n in nodes)  # nodes come in document order


def cited_by(g: nx.MultiDiGraph, node: str) -> set[str]:
    """The opinions citing a section node directly."""
    return set(_edges(g, node, "cites", out=False))


def impact_set(g: nx.MultiDiGraph, node: str, depth: int = 2) -> dict[str, int]:
    """What an edit to `node` touches: its subtree and refers_to neighbours (both ways), with distance."""
    seen = {node: 0}
    frontier = [node]
    for d in range(1, depth + 1):
        nxt = []
        for current in frontier:
            neighbours = list(_edges(g, current, "contains")) + list(_edges(g, current, "refers_to")) + list(
                _edges(g, current, "refers_to", out=False))
            for n in neighbours:
                if n not in seen:
                    seen[n] = d
                    nxt.append(n)
        frontier = nxt
    seen.pop(node)
    return seen


def _scalar_attrs(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML holds scalars only: lists and None become JSON text or empty strings."""
    h = g.copy()
    for _, data in h.nodes(data=True):
        for k, v in list(data.items()):
            data[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else ("" if v is None else v)
    for _, _, data in h.edges(data=True):
        for k, v in list(data.items()):
            data[k] = "" if v is None else v
    return h


def export_graph(g: nx.MultiDiGraph, fmt: str) -> str:
    """The graph written by the export format's record in `exports.EXPORTS`."""
    from .exports import EXPORTS

    return EXPORTS.pick(fmt).build(g)  # type: ignore[no-any-return]


def graphml_text(g: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(_scalar_attrs(g), prettyprint=True)) + "\n"


def node_link_json(g: nx.MultiDiGraph) -> str:
    data: dict[str, Any] = nx.node_link_data(g, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
