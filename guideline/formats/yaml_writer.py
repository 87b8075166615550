"""Writing a revision tree in the YAML tree format, for a person to review and then load."""

from __future__ import annotations

from typing import Any

import yaml

from ..keys import implied_parent, kind_for_key
from ..records import RevisionTree


def tree_yaml(tree: RevisionTree, *, note: str | None = None) -> str:
    g, r = tree.guideline, tree.revision
    doc: dict[str, Any] = {
        "guideline": {k: v for k, v in (("key", g.key), ("title", g.title), ("publisher", g.publisher)) if v},
        "revision": {k: v for k, v in (("key", r.key), ("label", r.label), ("status", r.status), ("date", r.date),
                                       ("predecessor", r.predecessor), ("source", r.source)) if v},
        "sections": [],
    }
    doc["revision"]["partial"] = r.partial
    for s in tree.sections:
        if s.kind == "root":
            continue
        entry: dict[str, Any] = {"key": s.key}
        if s.kind != kind_for_key(s.key):
            entry["kind"] = s.kind
        if s.parent != implied_parent(s.key):
            entry["parent"] = s.parent
        if s.title:
            entry["title"] = s.title
        if s.pages:
            entry["pages"] = list(s.pages)
        if s.inferred:
            entry["inferred"] = True
        if s.body:
            entry["body"] = s.body
        doc["sections"].append(entry)
    head = f"# {note}\n" if note else ""
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
