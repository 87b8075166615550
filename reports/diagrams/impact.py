"""The impact diagram: what an edit to a section (or to a topic's sections) touches."""

from __future__ import annotations

import networkx as nx

from guidetrace.reports.graph import impact_set, section_node
from guidetrace.trace.errors import GuidetraceError

from .common import UrlFor, short, shown_key
from .model import Diagram, Edge, Node, Style

EDGE_KINDS = ("contains", "refers_to")


def impact_diagram(graph: nx.MultiDiGraph, revision: str, root: str, *, depth: int = 2, url_for: UrlFor = None,
                   sections: list[str] | None = None, lang: str = "ja", topic_label: str | None = None,
                   limit: int | None = None, revision_label: str | None = None) -> Diagram:
    """`sections`: for a topic, the sections to edit (from the topic report); else every section its opinions cite.
    `limit`: draw from only the first this many of them, and say how many were left out."""
    from ..labels import label

    left_out = 0
    if sections is not None and limit is not None and len(sections) > limit:
        sections, left_out = sections[:limit], len(sections) - limit
    impact_title = label("impact_of", lang)
    shown_revision = revision_label or revision
    topic = f"topic:{root}"
    if topic in graph and sections is not None:
        starts = [section_node(revision, k) for k in sections if section_node(revision, k) in graph]
        title = impact_title.format(topic_label or root, shown_revision)
    elif topic in graph:
        found: set[str] = set()
        for comment, _ in graph.in_edges(topic):  # comment --about--> topic
            for _, cited, data in graph.out_edges(comment, data=True):
                node = section_node(revision, graph.nodes[cited]["key"]) if data.get("kind") == "cites" else None
                if node is not None and node in graph:
                    found.add(node)
        starts, title = sorted(found), impact_title.format(topic_label or root, shown_revision)
    else:
        node = section_node(revision, root)
        if node not in graph:
            raise GuidetraceError(f"no section or topic {root!r} in revision {revision}")
        starts, title = [node], impact_title.format(root, shown_revision)
    reached: dict[str, int] = {}
    for s in starts:
        reached[s] = 0
        for n, d in impact_set(graph, s, depth=depth).items():
            reached[n] = min(d, reached.get(n, d))
    diagram = Diagram(title=title, direction="LR",
                      note=label("impact_more", lang).format(left_out) if left_out else None)
    if topic in graph:
        diagram.nodes.append(Node(id=topic, label=topic_label or root, style=Style(shape="ellipse", fill="#e8f0fe", bold=True)))
        diagram.edges.extend(Edge(topic, s, style=Style(shape="normal", color="#1a73e8")) for s in starts)
    for n, d in reached.items():
        data = graph.nodes[n]
        fill = "#fde293" if d == 0 else ("#fef7e0" if d == 1 else "#ffffff")
        diagram.nodes.append(Node(id=n, label=f"{shown_key(data['key'], lang)}\n{short(data['title'])}",
                                  style=Style(fill=fill, bold=d == 0),
                                  url=url_for(data["key"]) if url_for else None))
    inside = graph.subgraph(list(reached)).edges(data=True)  # a view over a set: sorted, so every build is the same
    for u, v, data in sorted(inside, key=lambda e: (e[0], e[1], str(e[2].get("kind")))):
        if data.get("kind") in EDGE_KINDS:
            line = "solid" if data["kind"] == "contains" else "dashed"
            diagram.edges.append(Edge(u, v, label=None if data["kind"] == "contains" else label("link_refers_to", lang),
                                      style=Style(shape="normal", line=line, color="#777777")))
    return diagram
