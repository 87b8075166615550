"""Where Chromium draws a diagram's text against the outlines around it: every node's label lines (and its
outline's box or ellipse), every cluster's title against the cluster's frame, the graph's title against the
drawing. Shared by the browser test and benchmarks/renderers.py.

`over` is how far a text's box reaches past its outline, in the SVG's points (<= 0: inside); for an ellipse
it is the largest of (x/rx)² + (y/ry)² over the text box's corners (<= 1: inside). A text's box is the font's
line box (Noto Sans CJK JP's is 1.45 em tall, above Graphviz's 1.2 em line), so for cluster and graph titles,
set in the space Graphviz leaves above the nodes, only the reach across is measured."""

from __future__ import annotations

from typing import Any

FIT_JS = """(svg) => {
  const union = (els) => els.map(e => e.getBBox()).reduce((b, r) => b === null
      ? {x1: r.x, y1: r.y, x2: r.x + r.width, y2: r.y + r.height}
      : {x1: Math.min(b.x1, r.x), y1: Math.min(b.y1, r.y), x2: Math.max(b.x2, r.x + r.width),
         y2: Math.max(b.y2, r.y + r.height)}, null);
  const across = (o, r) => Math.max(o.x1 - r.x, r.x + r.width - o.x2);
  const past = (o, r) => Math.max(across(o, r), o.y1 - r.y, r.y + r.height - o.y2);
  const inEllipse = (e, x, y) => ((x - e.cx.baseVal.value) / e.rx.baseVal.value) ** 2
                               + ((y - e.cy.baseVal.value) / e.ry.baseVal.value) ** 2;
  const out = {nodes: [], clusters: [], title: [], fonts: [], size: [svg.viewBox.baseVal.width, svg.viewBox.baseVal.height]};
  for (const g of svg.querySelectorAll("g.node")) {
    const outline = union([...g.querySelectorAll("polygon, ellipse, path, polyline")]);
    const ellipse = g.querySelector("ellipse");
    for (const t of g.querySelectorAll("text")) {
      const r = t.getBBox();
      const over = ellipse
        ? Math.max(...[[r.x, r.y], [r.x + r.width, r.y], [r.x, r.y + r.height], [r.x + r.width, r.y + r.height]]
                   .map(([x, y]) => inEllipse(ellipse, x, y)))
        : past(outline, r);
      out.nodes.push({node: g.querySelector("title").textContent, text: t.textContent, ellipse: !!ellipse, over,
                      slack: ellipse ? null : Math.min(r.x - outline.x1, outline.x2 - r.x - r.width)});
    }
  }
  for (const g of svg.querySelectorAll("g.cluster")) {
    const frame = union([...g.querySelectorAll("polygon, path")]);
    for (const t of g.querySelectorAll("text")) out.clusters.push({text: t.textContent, over: across(frame, t.getBBox())});
  }
  const page = svg.querySelector("g.graph > polygon").getBBox();
  const drawing = {x1: page.x, y1: page.y, x2: page.x + page.width, y2: page.y + page.height};
  for (const t of svg.querySelectorAll("g.graph > text")) {
    out.title.push({text: t.textContent, over: across(drawing, t.getBBox())});
  }
  out.fonts = [...new Set([...svg.querySelectorAll("text")].map(t => t.getAttribute("font-family")))];
  return out;
}"""


def fit(page: Any, uri: str) -> dict[str, Any]:
    """Opens the SVG file at `uri` in a Playwright page and measures it (see the module's docstring)."""
    page.goto(uri)
    return page.evaluate(FIT_JS, page.query_selector("svg"))  # type: ignore[no-any-return]


def outside(measured: dict[str, Any]) -> list[str]:
    """The node label lines that reach past their node's outline."""
    return [f"{n['node']} {n['text']!r}: {n['over']:.2f}" for n in measured["nodes"]
            if n["over"] > (1.0 if n["ellipse"] else 0.0)]
