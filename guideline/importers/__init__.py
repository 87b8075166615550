"""Reading a guideline's section tree from the guideline itself (PDF, Word, Markdown, HTML).

The result is a `RevisionTree` that `guideline import` writes as YAML for a person to
review before `guideline load`: what was guessed is marked `inferred`.
"""

from __future__ import annotations

from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from ..records import GuidelineRecord, RevisionRecord, RevisionTree
from .headings import Heading, build_tree

SOURCES = ("pdf", "docx", "markdown", "html")


def source_kind(path: Path) -> str:
    """By content for PDF and Word; by ending, then by content, for text."""
    try:
        head = path.read_bytes()[:4096]
    except OSError as exc:
        raise GuidetraceError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if path.suffix.lower() in (".html", ".htm") or b"<html" in head.lower() or b"<h1" in head.lower():
        return "html"
    return "markdown"


def import_tree(path: Path, *, guideline: GuidelineRecord, revision: RevisionRecord) -> RevisionTree:
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    kind = source_kind(path)
    headings: list[Heading]
    if kind == "pdf":
        from .pdf_source import pdf_headings

        headings = pdf_headings(path)
    else:
        from .text_sources import docx_headings, html_headings, markdown_headings

        headings = {"docx": docx_headings, "html": html_headings, "markdown": markdown_headings}[kind](path)
    if not headings:
        raise GuidetraceError("no numbered headings, outline or table of contents found: cannot build a tree",
                              file=str(path))
    sections = build_tree(headings, source=path.name)
    return RevisionTree(guideline=guideline, revision=revision, sections=sections, file=str(path))
