"""The Graphviz emitter: a Diagram to DOT through the graphviz library, and rendering with `dot`.

The library quotes and escapes every value marked `plain` (anything else shaped
`<…>` would pass as an HTML-like label), and Graphviz escapes labels again in its
SVG, so text from comments or titles can never become markup in a diagram.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import graphviz

from guidetrace.trace.errors import GuidetraceError

from .model import FORMATS, Diagram, Style

FONT = "Noto Sans CJK JP"


def plain(text: str) -> str:
    """Text from the store is never an HTML-like label: the library passes `<…>` through unquoted."""
    return graphviz.nohtml(text)


def _node_attrs(style: Style) -> dict[str, str]:
    styles = ["filled"] + ([style.line] if style.line != "solid" else []) + (["bold"] if style.bold else [])
    return {"shape": style.shape, "fillcolor": style.fill, "color": style.color, "fontcolor": style.font_color,
            "style": ",".join(styles), "penwidth": f"{style.width:g}"}


def to_graphviz(diagram: Diagram) -> graphviz.Digraph:
    title = diagram.title + (f"\n{diagram.note}" if diagram.note else "")
    g = graphviz.Digraph(name="G", graph_attr={"rankdir": diagram.direction, "fontname": FONT, "label": plain(title),
                                                "labelloc": "t", "fontsize": "16", "newrank": "true"},
                         node_attr={"fontname": FONT, "fontsize": "11"}, edge_attr={"fontname": FONT, "fontsize": "9"})
    in_cluster = {n for c in diagram.clusters for n in c.nodes}
    by_id = {n.id: n for n in diagram.nodes}
    # DOT reads `a:b` as node a, port b: the emitter owns identifiers, the model keeps its own.
    dot_id = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes)}

    def add_node(target: graphviz.Digraph, node_id: str) -> None:
        n = by_id[node_id]
        attrs = _node_attrs(n.style)
        if n.url:
            attrs["URL"], attrs["target"] = plain(n.url), "_top"
        if n.tooltip:
            attrs["tooltip"] = plain(n.tooltip)
        target.node(dot_id[n.id], label=plain(n.label), **attrs)

    for i, c in enumerate(diagram.clusters):
        with g.subgraph(name=f"cluster_{i}") as sub:
            sub.attr(label=plain(c.label), style="filled,rounded", fillcolor=c.style.fill, color=c.style.color)
            for node_id in c.nodes:
                add_node(sub, node_id)
    for n in diagram.nodes:
        if n.id not in in_cluster:
            add_node(g, n.id)
    for e in diagram.edges:
        attrs = {"style": e.style.line, "color": e.style.color, "penwidth": f"{e.style.width:g}",
                 "arrowhead": e.style.shape}
        if e.label and e.label_at == "head":
            attrs.update(headlabel=plain(e.label), labeldistance="2.5", labelangle="-25", labelfontsize="9")
        elif e.label:
            attrs["label"] = plain(e.label)
        g.edge(dot_id[e.source], dot_id[e.target], **attrs)
    return g


INSTALL_GRAPHVIZ = "apt-get install graphviz fonts-noto-cjk"


def graphviz_available() -> bool:
    return shutil.which("dot") is not None


def render_diagram(diagram: Diagram, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise GuidetraceError(f"unknown diagram format {fmt!r} (expected one of {', '.join(FORMATS)})")
    g = to_graphviz(diagram)
    if fmt == "dot":
        return g.source.encode("utf-8")
    if not graphviz_available():
        raise GuidetraceError(f"Graphviz's `dot` is not installed ({INSTALL_GRAPHVIZ}); --format dot works without it")
    try:
        return g.pipe(format=fmt, engine="dot", quiet=True)
    except (graphviz.ExecutableNotFound, subprocess.CalledProcessError) as exc:
        raise GuidetraceError(f"graphviz failed: {exc}") from None


_XML = b"<?xml"
_PAGE_ID = re.compile(rb'<g id="page\d+,\d+_graph0"')


def render_svgs(diagrams: Sequence[Diagram], threads: int = 2, batch: int = 1) -> list[bytes]:
    """Many diagrams as SVG, `batch` to a `dot` process, `threads` processes at a time.

    Starting `dot` (its plugins and fonts) costs more than laying out a chapter's tree: 111 diagrams
    took 2.3 s one process each and 0.4 s in one. But within a process Graphviz orders sibling clusters
    by where their names sit in memory, so a diagram laid out after others may come out arranged
    otherwise than alone (as valid, not the same). So batches are for the many small diagrams only a
    site holds (its chapters' trees), and are fixed runs of the list, never shares per core: a site is
    the same on every machine. Given several graphs, dot names each one's top group after its page;
    that id is put back. If a batch fails, its diagrams are rendered one by one, so the failing one
    raises its own error.
    """
    if not diagrams:
        return []
    if not graphviz_available():
        raise GuidetraceError(f"Graphviz's `dot` is not installed ({INSTALL_GRAPHVIZ}); --format dot works without it")
    batches = [list(range(i, min(i + batch, len(diagrams)))) for i in range(0, len(diagrams), batch)]

    def run(batch: list[int]) -> list[bytes]:  # each batch's DOT is written by the thread that runs it, so
        # writing the next overlaps `dot` laying out the last (the DOT of 109 chapter trees took 0.35 s)
        source = b"".join(to_graphviz(diagrams[i]).source.encode("utf-8") for i in batch)
        done = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True)
        parts = [_XML + p for p in done.stdout.split(_XML)[1:]]
        if done.returncode != 0 or len(parts) != len(batch):
            return [render_diagram(diagrams[i], "svg") for i in batch]
        return [_PAGE_ID.sub(b'<g id="graph0"', p, count=1) for p in parts]

    if len(batches) == 1 or threads < 2:
        return [svg for batch in batches for svg in run(batch)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [svg for part in pool.map(run, batches) for svg in part]
