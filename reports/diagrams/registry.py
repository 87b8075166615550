"""The diagrams: one record per kind (trace/registry.py says what a record holds).

Each is called with the session and keywords (`root`, `depth`, `round_key`, `revision`, `lang`,
`url_for`, `topic_url`) and returns the engine-neutral model; `options` lists the command-line
options it reads, `formats` what `dot.py` writes it as.
"""

from __future__ import annotations

from guidetrace.trace.registry import Plugin, Registry

from .model import FORMATS

_M = "guidetrace.reports.diagrams.make"

DIAGRAMS = Registry("diagrams", "diagram", (
    Plugin("heat", "heat_tree", f"{_M}:heat", options=("root", "depth", "round"), formats=FORMATS, default="svg",
           help="Opinions per section, shaded, over the tree (a chapter with --root)."),
    Plugin("topics", "topic_map", f"{_M}:topics", formats=FORMATS, default="svg",
           help="Topics and the sections they touch."),
    Plugin("impact", "impact", f"{_M}:impact", options=("root", "depth", "revision"), formats=FORMATS, default="svg",
           help="What editing a section or a topic (--root) touches."),
    Plugin("lineage", "lineage", f"{_M}:lineage", options=("root", "depth"), formats=FORMATS, default="svg",
           help="Revisions and how their sections were renumbered, retitled, merged."),
))
