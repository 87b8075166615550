"""The section heat tree: one cluster per chapter, colour by the opinions a section drew itself (its
subtree's count beside it), with a legend saying so in the report's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guidetrace.trace.errors import GuidetraceError

from .common import MAX_NODES, UrlFor, heat_colour, short, shown_key
from .model import Cluster, Diagram, Edge, Node, Style

if TYPE_CHECKING:
    from ..sections.build import SectionsReport

SHAPES = {"root": "folder", "chapter": "tab", "measure": "note", "item": "box", "column": "component",
          "checklist": "box3d", "appendix": "tab"}


def heat_diagram(report: SectionsReport, *, root: str | None = None, depth: int | None = None,
                 url_for: UrlFor = None, title: str | None = None, lang: str = "ja",
                 round_label: str | None = None) -> Diagram:
    """`round_label`: the round as readers know it (reports/names.py); without it, its key and revision's."""
    from ..labels import label

    rows, tree = report.by_key, report.tree
    start = root or next(k for k, r in rows.items() if r.kind == "root")
    if start not in rows:
        raise GuidetraceError(f"no section {root!r} in revision {report.revision}")
    note = label("heat_legend", lang)
    if depth is None and root is None and len(rows) > MAX_NODES:
        depth, note = 1, note + "\n" + label("heat_chapters_only", lang).format(len(rows))
    base = len(tree.ancestors(start))
    chosen = [(k, len(tree.ancestors(k)) - base) for k in tree.subtree(start)]
    if depth is not None:
        chosen = [(k, d) for k, d in chosen if d <= depth]
    top = max((rows[k].direct for k, _ in chosen if rows[k].kind != "root"), default=0)
    named = round_label or f"{report.round} — {report.revision}"
    diagram = Diagram(title=title or f"{label('heat_tree', lang)}: {named}",
                      direction="LR", note=note)
    for key, _ in chosen:
        r = rows[key]
        fill, font = heat_colour(r.direct if r.kind != "root" else 0, top)
        style = Style(shape=SHAPES.get(r.kind, "box"), fill=fill, font_color=font,
                      line="dashed" if r.subtree == 0 else "solid", bold=r.direct > 0)
        counts = f"{r.direct} / {r.subtree}"
        shown = shown_key(key, lang)
        diagram.nodes.append(Node(id=key, label=f"{shown}\n{short(r.title)}\n{counts}", style=style,
                                  url=url_for(key) if url_for else None, tooltip=r.title or key))
    kept = {k for k, _ in chosen}
    for key, _ in chosen:
        parent = rows[key].parent
        if parent is not None and parent in kept and key != start:
            diagram.edges.append(Edge(parent, key, style=Style(shape="none", color="#999999")))
    for chapter in tree.children(start) if rows[start].kind == "root" else [start]:
        members = [k for k in tree.subtree(chapter) if k in kept]
        if members:
            diagram.clusters.append(Cluster(id=chapter, label=f"{chapter} {short(rows[chapter].title, 30)}",
                                            nodes=tuple(members)))
    return diagram
