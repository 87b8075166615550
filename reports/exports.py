"""The export formats of `export graph`: one record per format (trace/registry.py says what a record
holds). Each is called with the whole graph (graph.py) and returns the text to write."""

from __future__ import annotations

from guidetrace.trace.registry import Plugin, Registry

_G = "guidetrace.reports.graph"

EXPORTS = Registry("exports", "export format", (
    Plugin("graphml", "export_graphml", f"{_G}:graphml_text", (".graphml",),
           help="GraphML, for Gephi, yEd or Cytoscape (lists as JSON text)."),
    Plugin("json", "export_json", f"{_G}:node_link_json", (".json",), help="networkx's node-link JSON."),
))
