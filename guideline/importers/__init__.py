"""Reading a guideline's section tree from the guideline itself (PDF, Word, Markdown, HTML).

The result is a `RevisionTree` that `guideline import` writes as YAML for a person to
review before `guideline load`: what was guessed is marked `inferred`.
"""

from __future__ import annotations

from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from ..records import GuidelineRecord, RevisionRecord, RevisionTree
from .headings import Heading, build_tree
from .registry import IMPORTERS


def source_kind(path: Path) -> str:
    """The first importer whose sniff accepts the file's head or whose ending it is; Markdown takes the rest."""
    try:
        head = path.read_bytes()[:4096]
    except OSError as exc:
        raise GuidetraceError(f"cannot read: {exc.strerror}", file=str(path)) from None
    suffix = path.suffix.lower()
    chosen = next((i for i in IMPORTERS.values() if i.sniffs(head) or suffix in i.suffixes),
                  None) or next(i for i in IMPORTERS.values() if i.sniff is None)
    return chosen.name


def import_tree(path: Path, *, guideline: GuidelineRecord, revision: RevisionRecord) -> RevisionTree:
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    headings: list[Heading] = IMPORTERS[source_kind(path)].load()(path)
    if not headings:
        raise GuidetraceError("no numbered headings, outline or table of contents found: cannot build a tree",
                              file=str(path))
    sections = build_tree(headings, source=path.name)
    return RevisionTree(guideline=guideline, revision=revision, sections=sections, file=str(path))
