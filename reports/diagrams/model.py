"""An engine-neutral diagram: nodes, edges, clusters and styles, nothing Graphviz-specific."""

from __future__ import annotations

from dataclasses import dataclass, field

FORMATS = ("svg", "png", "pdf", "dot")  # what a diagram can be written as (the emitter is Graphviz)


@dataclass(frozen=True)
class Style:
    shape: str = "box"
    fill: str = "#ffffff"
    color: str = "#555555"
    font_color: str = "#111111"
    line: str = "solid"  # solid | dashed | dotted
    bold: bool = False
    width: float = 1.0


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    style: Style = Style()
    url: str | None = None
    tooltip: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str | None = None
    style: Style = Style(shape="normal")
    label_at: str = "middle"  # middle | head: beside the arrowhead, clear of titles between clusters


@dataclass(frozen=True)
class Cluster:
    id: str
    label: str
    nodes: tuple[str, ...]
    style: Style = Style(fill="#f7f7f7", color="#bbbbbb")


@dataclass
class Diagram:
    title: str
    direction: str = "LR"  # LR | TB
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    note: str | None = None

    def node_ids(self) -> set[str]:
        return {n.id for n in self.nodes}
