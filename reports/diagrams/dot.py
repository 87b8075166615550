"""The Graphviz emitter: a Diagram as DOT text, and rendering it with `dot`.

Every value is quoted here (`quote`): text from comments or titles is a plain word
or a quoted DOT string with its `"` and `\\` escaped, never an HTML-like label nor
one of DOT's escape sequences (`\\N`, `\\l`), and Graphviz escapes labels again in
its SVG, so such text can never become markup in a diagram. The text is laid out
as the graphviz library lays out its own (tests compare the two), written
directly: the library quoted each of a site's 150,000 values through two regexes
and a wrapper (0.30 s for the 5,000-section corpus's 111 diagrams; 0.09 s here).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from guidetrace.trace.errors import GuidetraceError

from .model import FORMATS, Diagram, Style

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


def _node_attrs(style: Style) -> dict[str, str]:
    styles = ["filled"] + ([style.line] if style.line != "solid" else []) + (["bold"] if style.bold else [])
    return {"shape": style.shape, "fillcolor": style.fill, "color": style.color, "fontcolor": style.font_color,
            "style": ",".join(styles), "penwidth": f"{style.width:g}"}


def dot_source(diagram: Diagram) -> str:
    """The diagram as DOT. Identifiers are the emitter's (`n0`, `n1`, …): DOT reads `a:b` as node a, port
    b, so the model's ids are never written."""
    title = diagram.title + (f"\n{diagram.note}" if diagram.note else "")
    graph_attrs = {"rankdir": diagram.direction, "fontname": FONT, "label": title, "labelloc": "t", "fontsize": "16",
                   "newrank": "true"}
    lines = ["digraph G {\n", f"\tgraph{_attrs(graph_attrs)}\n",
             f"\tnode{_attrs({'fontname': FONT, 'fontsize': '11'})}\n",
             f"\tedge{_attrs({'fontname': FONT, 'fontsize': '9'})}\n"]
    in_cluster = {n for c in diagram.clusters for n in c.nodes}
    by_id = {n.id: n for n in diagram.nodes}
    dot_id = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes)}

    def node_line(node_id: str, indent: str) -> str:
        n = by_id[node_id]
        attrs = _node_attrs(n.style)
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


INSTALL_GRAPHVIZ = "apt-get install graphviz fonts-noto-cjk"


def graphviz_available() -> bool:
    return shutil.which("dot") is not None


def render_diagram(diagram: Diagram, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise GuidetraceError(f"unknown diagram format {fmt!r} (expected one of {', '.join(FORMATS)})")
    source = dot_source(diagram).encode("utf-8")
    if fmt == "dot":
        return source
    if not graphviz_available():
        raise GuidetraceError(f"Graphviz's `dot` is not installed ({INSTALL_GRAPHVIZ}); --format dot works without it")
    done = _dot(source, fmt)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GuidetraceError(f"graphviz failed: {said[-1] if said else f'dot exited with {done.returncode}'}")
    return done.stdout


def _dot(source: bytes, fmt: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["dot", "-Kdot", f"-T{fmt}"], input=source, capture_output=True)


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
        # writing the next overlaps `dot` laying out the last
        done = _dot("".join(dot_source(diagrams[i]) for i in batch).encode("utf-8"), "svg")
        parts = [_XML + p for p in done.stdout.split(_XML)[1:]]
        if done.returncode != 0 or len(parts) != len(batch):
            return [render_diagram(diagrams[i], "svg") for i in batch]
        return [_PAGE_ID.sub(b'<g id="graph0"', p, count=1) for p in parts]

    if len(batches) == 1 or threads < 2:
        return [svg for batch in batches for svg in run(batch)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [svg for part in pool.map(run, batches) for svg in part]
