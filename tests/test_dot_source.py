"""The DOT emitter: the graphviz library's layout of the text, and text that DOT reads back unchanged."""

from __future__ import annotations

import html
import re
import shutil

import graphviz
from hypothesis import given, settings
from hypothesis import strategies as st

from guidetrace.reports.diagrams.dot import FONT, _node_attrs, dot_source, quote, render_diagram
from guidetrace.reports.diagrams.model import Cluster, Diagram, Edge, Node, Style

from .conftest import require


def library_source(diagram: Diagram) -> str:
    """The emitter as it was, through the graphviz library: the oracle for the layout of the text."""
    plain = graphviz.nohtml
    title = diagram.title + (f"\n{diagram.note}" if diagram.note else "")
    g = graphviz.Digraph(name="G", graph_attr={"rankdir": diagram.direction, "fontname": FONT, "label": plain(title),
                                                "labelloc": "t", "fontsize": "16", "newrank": "true"},
                         node_attr={"fontname": FONT, "fontsize": "11"}, edge_attr={"fontname": FONT, "fontsize": "9"})
    in_cluster = {n for c in diagram.clusters for n in c.nodes}
    by_id = {n.id: n for n in diagram.nodes}
    dot_id = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes)}

    def add_node(target: graphviz.Digraph, node_id: str) -> None:
        n = by_id[node_id]
        attrs = _node_attrs(n.style, n.label)
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
    return g.source


# The library leaves backslashes alone (they are DOT escapes to it) and reads `abc\n` as a bare word;
# its layout is compared on text without either.
words = st.sampled_from(["node", "Graph", "12", "-.5", "3.", "a_b", "<b>x</b>", 'say "hi"', "", "第3.1節", "x:y"])
text = (words | st.text(st.characters(blacklist_characters="\\", blacklist_categories=("Cs",)), max_size=12)).filter(
    lambda t: not t.endswith("\n"))
styles = st.builds(Style, shape=st.sampled_from(["box", "tab", "note"]), fill=st.sampled_from(["#ffffff", "#a50f15"]),
                   line=st.sampled_from(["solid", "dashed", "dotted"]), bold=st.booleans(),
                   width=st.sampled_from([1.0, 2.5, 3.0]))


@st.composite
def diagrams(draw: st.DrawFn) -> Diagram:
    ids = draw(st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=6, unique=True))
    nodes = [Node(i, draw(text), draw(styles), draw(st.none() | text), draw(st.none() | text)) for i in ids]
    edges = [Edge(draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(st.none() | text),
                  Style(shape=draw(st.sampled_from(["normal", "none"]))), draw(st.sampled_from(["middle", "head"])))
             for _ in range(draw(st.integers(0, 5)))]
    members = draw(st.lists(st.sampled_from(ids), unique=True))
    clusters = [Cluster("c", draw(text), tuple(members))] if members else []
    return Diagram(draw(text), draw(st.sampled_from(["LR", "TB"])), nodes, edges, clusters, draw(st.none() | text))


@settings(max_examples=300, deadline=None)
@given(diagrams())
def test_source_is_the_graphviz_librarys(diagram: Diagram) -> None:
    assert dot_source(diagram) == library_source(diagram)


@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_quoted_text_reads_back(value: str) -> None:
    """DOT's quoted string: `\\"` is a quote and `\\\\` a backslash; nothing else is undone."""
    q = quote(value)
    if q == value:
        assert re.fullmatch(r"[A-Za-z_]\w*|-?(\.\d+|\d+(\.\d*)?)", value, re.ASCII)
    else:
        assert q[0] == q[-1] == '"'
        assert re.sub(r'\\(["\\])', r"\1", q[1:-1]) == value
        assert not re.search(r'(?<!\\)(\\\\)*"', q[1:-1])  # no quote left unescaped to end the string early


def test_backslashes_are_drawn_as_written() -> None:
    """A title ending in a backslash once ended DOT's string early (the diagram failed), and `\\N` in a
    label was drawn as the node's name."""
    require(shutil.which("dot") is not None, "Graphviz's dot (apt-get install graphviz)")
    diagram = Diagram("C:\\Docs\\", nodes=[Node("a", "\\N and \\l \"q\"", tooltip="end\\")])
    svg = render_diagram(diagram, "svg").decode("utf-8")
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    assert "C:\\Docs\\" in texts and '\\N and \\l "q"' in texts
