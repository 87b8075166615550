"""The tree formats: one record per format (trace/registry.py says what a record holds).

Told by the file's ending. A format whose options name `guideline` and `revision` holds no revision
data: the command line (or the project file) must give them, and the reader is called with both.
"""

from __future__ import annotations

from guidetrace.trace.registry import Plugin, Registry

_F = "guidetrace.guideline.formats"

TREE_FORMATS = Registry("tree formats", "tree format", (
    Plugin("yaml", "tree_yaml", f"{_F}.yaml_tree:read_yaml_tree", (".yaml", ".yml"),
           help="A revision's tree with its guideline, revision, lineage and cross-references."),
    Plugin("csv", "tree_csv", f"{_F}.csv_tree:read_csv_tree", (".csv",), options=("guideline", "revision"),
           help="key,kind,title,parent,pages: sections only (give --guideline and --revision)."),
))
