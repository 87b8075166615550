"""The revision lineage: revisions side by side, sections linked across them by kind of change."""

from __future__ import annotations

import networkx as nx

from .common import short, shown_key
from .model import Cluster, Diagram, Edge, Node, Style

COLOURS = {"same": "#9aa0a6", "retitled": "#e37400", "renumbered": "#1a73e8", "merged": "#9334e6", "split": "#9334e6"}
LINEAGE = ("succeeds", "renumbered", "merged", "split")


def lineage_diagram(graph: nx.MultiDiGraph, *, root: str | None = None, depth: int = 1, lang: str = "ja") -> Diagram:
    from ..labels import label

    """Chapters (to `depth`) and every section whose lineage is not plain `same`, or one section's line."""
    revisions = [n for n, d in graph.nodes(data=True) if d.get("type") == "revision"]
    order = sorted(revisions, key=lambda r: _generation(graph, r))
    links = []
    for u, v, d in graph.edges(data=True):
        if d.get("kind") in LINEAGE and graph.nodes[u].get("type") == "section":
            old, new = graph.nodes[v], graph.nodes[u]
            kind = d["kind"] if d["kind"] != "succeeds" else ("retitled" if old["title"] != new["title"] and old["title"]
                                                              and new["title"] else "same")
            links.append((v, u, kind))
    keep: set[str] = set()
    for old, new, kind in links:
        if root is not None:
            if root in (graph.nodes[old]["key"], graph.nodes[new]["key"]):
                keep |= {old, new}
        elif kind != "same" or _level(graph.nodes[new]) < depth:
            keep |= {old, new}
    diagram = Diagram(title=label("lineage", lang) + (f": {root}" if root else ""), direction="LR")
    for rev in order:
        members = tuple(sorted((n for n in keep if graph.nodes[n]["revision"] == graph.nodes[rev]["key"]),
                               key=lambda n: graph.nodes[n]["key"]))
        for n in members:
            data = graph.nodes[n]
            diagram.nodes.append(Node(id=n, label=f"{shown_key(data['key'], lang)}\n{short(data['title'], 18)}",
                                      style=Style(line="dashed" if data.get("inferred") else "solid")))
        if members:
            diagram.clusters.append(Cluster(id=rev, label=graph.nodes[rev]["label"], nodes=members))
    for old, new, kind in links:
        if old in keep and new in keep:
            diagram.edges.append(Edge(old, new, label=None if kind == "same" else label(f"link_{kind}", lang), label_at="head",
                                      style=Style(shape="normal", color=COLOURS[kind], width=1 if kind == "same" else 2)))
    return diagram


def _level(node: dict[str, object]) -> int:
    """Chapters and appendices are level 0, their sections 1, …; measures, items and the root never count."""
    kind, key = node["kind"], str(node["key"])
    if kind in ("chapter", "section", "subsection"):
        return key.count(".")
    return 0 if kind == "appendix" else 99


def _generation(graph: nx.MultiDiGraph, revision: str) -> int:
    n, current = 0, revision
    while True:
        older = [v for _, v, d in graph.out_edges(current, data=True) if d.get("kind") == "succeeds"]
        if not older:
            return n
        n, current = n + 1, older[0]
