"""The seed's diagrams drawn by the system's Graphviz and by the embedded graphviz-pure, and measured in
headless Chromium: size of the drawing, time to lay out, and how far any label reaches past its outline.

    python benchmarks/renderers.py [--json FILE]

Each renderer draws the five diagrams `guidetrace demo` writes twice: with the nodes sized from their
labels (the emitter as shipped) and with the renderer's own measuring (no width given, as before), so the
table shows what the sizing changes. Needs /usr/bin/chromium, playwright, Graphviz's `dot` and
graphviz-pure (installed with guidetrace). See benchmarks/README.md, "Diagram renderers".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.diagram_fit import fit, outside  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def diagrams(folder: Path) -> dict[str, Any]:
    from guidetrace.api.demo import DIAGRAMS
    from guidetrace.comments.bundled import SEED_REVISION, seed_path
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.guideline.bundled import load_bundled_trees
    from guidetrace.reports.diagrams.make import make_diagram
    from guidetrace.trace.store import open_store

    store = open_store(str(folder / "seed.db"))
    try:
        load_bundled_trees(store)
        load_comments(store, seed_path(), revision=SEED_REVISION)
        with store.sessions() as session:
            return {f"{kind}-{root}" if root else kind: make_diagram(session, kind, root=root) for kind, root in DIAGRAMS}
    finally:
        store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from guidetrace.reports.diagrams import dot
    from guidetrace.reports.diagrams.renderer import find_renderer

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        folder = Path(tmp)
        models = diagrams(folder)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        sized = dot._node_size
        for kind in ("system", "embedded"):
            renderer = find_renderer(kind)
            if renderer is None:
                sys.exit(f"renderers.py: no {kind} renderer here")
            for sizing in ("labels", "renderer"):
                dot._node_size = sized if sizing == "labels" else (lambda shape, label: {})  # type: ignore[assignment]
                for name, model in models.items():
                    took = []
                    for _ in range(5):
                        started = time.perf_counter()
                        svg = dot.render_diagram(model, "svg", renderer)
                        took.append(time.perf_counter() - started)
                    path = folder / f"{kind}-{sizing}-{name}.svg"
                    path.write_bytes(svg)
                    m = fit(page, path.as_uri())
                    slack = [n["slack"] for n in m["nodes"] if n["slack"] is not None]
                    rows.append({"renderer": kind, "sizing": sizing, "diagram": name, "seconds": round(min(took), 3),
                                 "width": round(m["size"][0]), "height": round(m["size"][1]),
                                 "nodes": len({n["node"] for n in m["nodes"]}), "lines_outside": len(outside(m)),
                                 "worst_node_pt": round(max((n["over"] for n in m["nodes"] if not n["ellipse"]),
                                                            default=0), 1),
                                 "min_slack_pt": round(min(slack), 1) if slack else None,
                                 "cluster_title_past_frame_pt": round(max((c["over"] for c in m["clusters"]),
                                                                          default=float("nan")), 1),
                                 "title_past_drawing_pt": round(max(t["over"] for t in m["title"]), 1)})
        dot._node_size = sized  # type: ignore[assignment]
        browser.close()
    head = list(rows[0])
    print("  ".join(head))
    for r in rows:
        print("  ".join(str(r[k]) for k in head))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
