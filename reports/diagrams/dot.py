"""The Graphviz emitter: a Diagram as DOT text, and rendering it with the program `renderer.py` finds
(the system's `dot`, else the embedded graphviz-pure). Every node is given its size from its label.

Every value is quoted here (`quote`): text from comments or titles is a plain word
or a quoted DOT string with its `"` and `\\` escaped, never an HTML-like label nor
one of DOT's escape sequences (`\\N`, `\\l`), and Graphviz escapes labels again in
its SVG, so such text can never become markup in a diagram. The text is laid out
as the graphviz library lays out its own (tests compare the two), written
directly: the library quoted each of a site's 150,000 values through two regexes
and a wrapper (0.30 s for the 5,000-section corpus's 111 diagrams; 0.09 s here).
"""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from guidetrace.trace.errors import GuidetraceError

from .model import FORMATS, Diagram, Style, label_size
from .renderer import Renderer, find_renderer, needed

FONT = "Noto Sans CJK JP"
_BARE = re.compile(r"(?:[a-zA-Z_][a-zA-Z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))\Z")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})


def quote(value: str) -> str:
    """A DOT ID: bare where DOT reads it as one word, else a quoted string that DOT reads back as exactly
    `value` (a trailing backslash cannot end the string early; `\\N` stays two characters)."""
    if _BARE.match(value) and value.lower() not in _KEYWORDS:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_common = lru_cache(maxsize=1024)(quote)  # names, colours, shapes: a few dozen values said thousands of times


def _attrs(attrs: dict[str, str], label: str | None = None) -> str:
    """` [label=… a=… b=…]`: the label first, then the attributes by name, as the graphviz library writes them."""
    parts = [f"label={quote(label)}"] if label is not None else []
    parts += [f"{_common(k)}={_common(v)}" for k, v in sorted(attrs.items())]
    return f" [{' '.join(parts)}]" if parts else ""


SQRT2 = math.sqrt(2)
NODE_FONT_SIZE = 11
PAD = (10.0, 5.0)  # points between a node's text and its outline, across and up or down
DECORATED = frozenset({"tab", "folder", "note", "component", "box3d"})
ROUND = frozenset({"ellipse", "oval", "circle"})


def _node_size(shape: str, label: str) -> dict[str, str]:
    """Width and height in inches from the label's estimated size (`label_size`), fixed: both renderers
    draw the same boxes, and one that measures a kanji as a space still draws boxes that hold it."""
    width, height = label_size(label, NODE_FONT_SIZE)
    width, height = width + 2 * PAD[0], height + 2 * PAD[1]
    if shape in DECORATED:  # a component's plugs, a box3d's depth, a note's fold: drawn inside the width
        width += 8
    if shape in ROUND:  # the text's box inscribed in the ellipse
        width, height = width * SQRT2, height * SQRT2
    inches = [math.ceil(max(points, least) / 72 * 100) / 100 for points, least in ((width, 54), (height, 36))]
    return {"width": f"{inches[0]:g}", "height": f"{inches[1]:g}", "fixedsize": "true"}


def _node_attrs(style: Style, label: str) -> dict[str, str]:
    styles = ["filled"] + ([style.line] if style.line != "solid" else []) + (["bold"] if style.bold else [])
    return {"shape": style.shape, "fillcolor": style.fill, "color": style.color, "fontcolor": style.font_color,
            "style": ",".join(styles), "penwidth": f"{style.width:g}", **_node_size(style.shape, label)}


def dot_source(diagram: Diagram) -> str:
    """The diagram as DOT. Identifiers are the emitter's (`n0`, `n1`, …): DOT reads `a:b` as node a, port
    b, so the model's ids are never written."""
    title = diagram.title + (f"\n{diagram.note}" if diagram.note else "")
    graph_attrs = {"rankdir": diagram.direction, "fontname": FONT, "label": title, "labelloc": "t", "fontsize": "16",
                   "newrank": "true"}
    lines = ["digraph G {\n", f"\tgraph{_attrs(graph_attrs)}\n",
             f"\tnode{_attrs({'fontname': FONT, 'fontsize': str(NODE_FONT_SIZE)})}\n",
             f"\tedge{_attrs({'fontname': FONT, 'fontsize': '9'})}\n"]
    in_cluster = {n for c in diagram.clusters for n in c.nodes}
    by_id = {n.id: n for n in diagram.nodes}
    dot_id = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes)}

    def node_line(node_id: str, indent: str) -> str:
        n = by_id[node_id]
        attrs = _node_attrs(n.style, n.label)
        if n.url:
            attrs["URL"], attrs["target"] = n.url, "_top"
        if n.tooltip:
            attrs["tooltip"] = n.tooltip
        return f"{indent}{dot_id[n.id]}{_attrs(attrs, n.label)}\n"

    for i, c in enumerate(diagram.clusters):
        lines.append(f"\tsubgraph cluster_{i} {{\n")
        cluster = _attrs({"label": c.label, "style": "filled,rounded", "fillcolor": c.style.fill, "color": c.style.color})
        lines.append(f"\t\t{cluster[2:-1]}\n")
        lines += [node_line(node_id, "\t\t") for node_id in c.nodes]
        lines.append("\t}\n")
    lines += [node_line(n.id, "\t") for n in diagram.nodes if n.id not in in_cluster]
    for e in diagram.edges:
        attrs = {"style": e.style.line, "color": e.style.color, "penwidth": f"{e.style.width:g}",
                 "arrowhead": e.style.shape}
        if e.label and e.label_at == "head":
            attrs.update(headlabel=e.label, labeldistance="2.5", labelangle="-25", labelfontsize="9")
        label = e.label if e.label and e.label_at != "head" else None
        lines.append(f"\t{dot_id[e.source]} -> {dot_id[e.target]}{_attrs(attrs, label)}\n")
    lines.append("}\n")
    return "".join(lines)


def graphviz_available(renderer: Renderer | None = None) -> bool:
    """Whether anything can draw the diagrams: the system's Graphviz or the embedded graphviz-pure."""
    return (renderer or find_renderer()) is not None


def _renderer(renderer: Renderer | None) -> Renderer:
    found = renderer or find_renderer()
    if found is None:
        raise GuidetraceError(f"no program to lay out diagrams ({needed()}); --format dot works without one")
    return found


def render_diagram(diagram: Diagram, fmt: str, renderer: Renderer | None = None) -> bytes:
    """The diagram as `fmt`, laid out by `renderer` (default: `find_renderer`, see renderer.py)."""
    if fmt not in FORMATS:
        raise GuidetraceError(f"unknown diagram format {fmt!r} (expected one of {', '.join(FORMATS)})")
    source = dot_source(diagram).encode("utf-8")
    if fmt == "dot":
        return source
    program = _renderer(renderer)
    program.check(fmt)
    done = _dot(program, source, fmt)
    if done.returncode != 0:
        said = [line for line in done.stderr.decode("utf-8", "replace").strip().splitlines()
                if "no value for width" not in line]  # graphviz-pure's note on CJK metrics, said for every label
        raise GuidetraceError(f"graphviz failed: {said[-1] if said else f'{program.kind} dot exited with {done.returncode}'}")
    return done.stdout


def _dot(program: Renderer, source: bytes, fmt: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([program.program, "-Kdot", f"-T{fmt}"], input=source, capture_output=True)


_XML = b"<?xml"
_PAGE_ID = re.compile(rb'<g id="page\d+,\d+_graph0"')


def render_svgs(diagrams: Sequence[Diagram], threads: int = 2, batch: int = 1,
                renderer: Renderer | None = None) -> list[bytes]:
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
    program = _renderer(renderer)
    batches = [list(range(i, min(i + batch, len(diagrams)))) for i in range(0, len(diagrams), batch)]

    def run(batch: list[int]) -> list[bytes]:  # each batch's DOT is written by the thread that runs it, so
        # writing the next overlaps `dot` laying out the last
        done = _dot(program, "".join(dot_source(diagrams[i]) for i in batch).encode("utf-8"), "svg")
        parts = [_XML + p for p in done.stdout.split(_XML)[1:]]
        if done.returncode != 0 or len(parts) != len(batch):
            return [render_diagram(diagrams[i], "svg", program) for i in batch]
        return [_PAGE_ID.sub(b'<g id="graph0"', p, count=1) for p in parts]

    if len(batches) == 1 or threads < 2:
        return [svg for batch in batches for svg in run(batch)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [svg for part in pool.map(run, batches) for svg in part]
