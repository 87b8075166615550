"""An engine-neutral diagram: nodes, edges, clusters and styles, nothing Graphviz-specific."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

FORMATS = ("svg", "png", "pdf", "dot")  # what a diagram can be written as (the emitter is Graphviz)
LINE_SPACING = 1.2  # a label's lines are this many font sizes apart (Graphviz's spacing)
# Advances in ems of the few narrow characters far from the half-em most take, as Noto Sans CJK JP
# draws them (measured in Chromium; Arimo and Times, a renderer's fallbacks, are within them).
_NARROW = {**dict.fromkeys("mwMW@%", 0.95), **dict.fromkeys(" .,:;'|!ilj()[]", 0.35)}


def text_width(line: str) -> float:
    """A line's width in ems, from each character's East Asian width: wide, full-width and ambiguous ones
    (kanji, kana, …, ①) take a whole em in a Japanese font, half-width kana half an em, combining
    marks none, and Latin letters and digits about half an em (capitals three quarters). An estimate
    from the text alone, never under the drawn width: a renderer without CJK metrics (graphviz-pure
    measures a kanji as a space) still gets boxes that hold the text."""
    total = 0.0
    for ch in line:
        if unicodedata.combining(ch):
            continue
        kind = unicodedata.east_asian_width(ch)
        if kind in ("W", "F", "A"):
            total += 1.0
        elif kind == "H":
            total += 0.5
        else:
            total += _NARROW.get(ch, 0.75 if ch.isupper() else 0.6)
    return total


def label_size(label: str, font_size: float) -> tuple[float, float]:
    """The text block of a label of one or more lines, in points: its widest line, its lines' height."""
    lines = label.split("\n")
    return max(text_width(line) for line in lines) * font_size, len(lines) * LINE_SPACING * font_size


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
